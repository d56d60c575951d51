/*
 * Fuzz target: multipart/form-data.  Input: the first line is the
 * boundary (as in a Content-Type's parameter), the rest is the body.
 * Uploads must point inside the body.
 */
#include "common.h"

#include "http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *nl = memchr(p, '\n', size);
	struct arena a = ARENA_INIT;
	struct kvlist form;
	struct upload *up;
	size_t nup, blen, i;
	const char *body;
	char ct[160];
	struct str b;

	if (!nl)
		return 0;
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%.*s",
	         (int)MIN((size_t)(nl - p), 100), p);
	body = nl + 1;
	blen = size - (size_t)(nl - p) - 1;
	if (!multipart_boundary(ct, &b))
		b = str_make(p, (size_t)(nl - p));
	if (multipart_parse(&a, b, body, blen, &form, &up, &nup) == PARSE_OK) {
		for (i = 0; i < nup; i++)
			if (up[i].data < body ||
			    up[i].data + up[i].len > body + blen ||
			    strchr(up[i].filename, '/'))
				abort();
		for (i = 0; i < form.n; i++)
			if (strlen(form.v[i].val) != form.v[i].val_len)
				abort();
	}
	arena_release(&a);
	return 0;
}
