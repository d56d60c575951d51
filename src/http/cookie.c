/*
 * The Cookie request header (RFC 6265 section 5.4 / 4.2.1): "name=value"
 * pairs separated by ';'.  Values are opaque to us (session ids, CSRF
 * tokens): no percent-decoding, only the optional surrounding double
 * quotes are dropped.  Like every other request text, a cookie that is
 * not valid UTF-8 makes the whole request a 400.
 */
#include "common.h"

#include "http_int.h"
#include "utf8.h"
#include "xalloc.h"

static bool
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

enum parse_res
cookie_parse(struct arena *a, const char *p, size_t len, struct kvlist *out)
{
	size_t i, n = 1, start = 0;
	struct kv *v;
	size_t nf = 0;

	out->v = NULL;
	out->n = 0;
	if (!len)
		return PARSE_OK;
	if (!utf8_valid(p, len))
		return PARSE_UTF8;
	for (i = 0; i < len; i++)
		n += p[i] == ';';
	if (n > FORM_MAX_FIELDS)
		return PARSE_LIMIT;
	v = arena_alloc(a, st_mult(n, sizeof(*v)));
	for (i = 0; i <= len; i++) {
		const char *s = p + start, *e = p + i, *eq, *vs, *ve;

		if (i < len && p[i] != ';')
			continue;
		start = i + 1;
		while (s < e && is_ows(*s))
			s++;
		while (e > s && is_ows(e[-1]))
			e--;
		if (!(eq = memchr(s, '=', (size_t)(e - s))))
			continue;
		ve = e;
		e = eq;
		while (e > s && is_ows(e[-1]))
			e--;
		if (e == s)
			continue;
		vs = eq + 1;
		while (vs < ve && is_ows(*vs))
			vs++;
		if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
			vs++;
			ve--;
		}
		v[nf].key = arena_strndup(a, s, (size_t)(e - s));
		v[nf].val = arena_strndup(a, vs, (size_t)(ve - vs));
		v[nf].val_len = (size_t)(ve - vs);
		nf++;
	}
	out->v = nf ? v : NULL;
	out->n = nf;
	return PARSE_OK;
}
