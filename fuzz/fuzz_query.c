/*
 * Fuzz target: a raw request target ("/path?query") through path
 * normalisation and query parsing, as the server does before routing.
 * Checks that a normalised path never holds "..", "//" or a backslash.
 */
#include "common.h"

#include "http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	const char *p = (const char *)data, *qm, *path;
	struct kvlist l;
	size_t plen;

	qm = memchr(p, '?', size);
	plen = qm ? (size_t)(qm - p) : size;
	if (path_normalise(&a, p, plen, &path) == PARSE_OK) {
		if (path[0] != '/' || strstr(path, "/../") ||
		    strstr(path, "//") || strchr(path, '\\') ||
		    !strcmp(path + strlen(path) - MIN(strlen(path), 3), "/.."))
			abort();
	}
	if (qm && form_parse(&a, qm + 1, size - plen - 1, &l) == PARSE_OK) {
		for (size_t i = 0; i < l.n; i++)
			if (strlen(l.v[i].val) != l.v[i].val_len)
				abort();
	}
	arena_release(&a);
	return 0;
}
