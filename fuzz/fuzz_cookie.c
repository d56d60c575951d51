/* Fuzz target: the Cookie request header. */
#include "common.h"

#include "http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct kvlist l;

	if (cookie_parse(&a, (const char *)data, size, &l) == PARSE_OK)
		for (size_t i = 0; i < l.n; i++)
			if (!*l.v[i].key ||
			    strlen(l.v[i].val) != l.v[i].val_len)
				abort();
	arena_release(&a);
	return 0;
}
