/*
 * Fuzz target: an application/x-www-form-urlencoded body.  Every value
 * that comes out must be NUL-free text of the length reported.
 */
#include "common.h"

#include "http_int.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct kvlist l;

	if (form_parse(&a, (const char *)data, size, &l) == PARSE_OK) {
		for (size_t i = 0; i < l.n; i++) {
			if (strlen(l.v[i].val) != l.v[i].val_len ||
			    !utf8_valid(l.v[i].key, strlen(l.v[i].key)) ||
			    !utf8_valid(l.v[i].val, l.v[i].val_len))
				abort();
			(void)kv_get(&l, l.v[i].key);
		}
	} else if (l.n) {
		abort();
	}
	arena_release(&a);
	return 0;
}
