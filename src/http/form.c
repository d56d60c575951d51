/*
 * application/x-www-form-urlencoded (the WHATWG URL standard's parser,
 * strict about what it decodes): query strings and POST bodies become a
 * struct kvlist in the request's arena.
 *
 * Unlike browsers we refuse a malformed escape ("%G1", "%4" at the end)
 * instead of passing it through, and every decoded key and value must be
 * valid UTF-8 without NUL: the rest of the program only ever sees text.
 */
#include "common.h"

#include "http_int.h"
#include "utf8.h"
#include "xalloc.h"

const char http_msg_utf8[] =
        "Yêu cầu chứa ký tự không hợp lệ (không phải UTF-8).";

/*
 * Decodes p[0..len) into a new arena string; '+' becomes a space.
 * Returns NULL on a malformed escape.
 */
static char *
decode(struct arena *a, const char *p, size_t len, size_t *outlen)
{
	char *s = arena_alloc(a, st_add(len, 1));
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '+') {
			s[n++] = ' ';
		} else if (c == '%') {
			int hi, lo;

			if (len - i < 3)
				return NULL;
			hi = http_hexval((unsigned char)p[i + 1]);
			lo = http_hexval((unsigned char)p[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			s[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			s[n++] = (char)c;
		}
	}
	s[n] = '\0';
	*outlen = n;
	return s;
}

enum parse_res
form_parse(struct arena *a, const char *p, size_t len, struct kvlist *out)
{
	size_t i, npairs = 1, start = 0;
	struct kv *v;
	size_t nf = 0;

	out->v = NULL;
	out->n = 0;
	if (!len)
		return PARSE_OK;
	for (i = 0; i < len; i++)
		npairs += p[i] == '&';
	if (npairs > FORM_MAX_FIELDS)
		return PARSE_LIMIT;
	v = arena_alloc(a, st_mult(npairs, sizeof(*v)));
	for (i = 0; i <= len; i++) {
		const char *pair = p + start, *eq;
		size_t plen, klen, kdl, vdl = 0;
		char *key, *val;

		if (i < len && p[i] != '&')
			continue;
		plen = i - start;
		start = i + 1;
		if (!plen)
			continue;
		eq = memchr(pair, '=', plen);
		klen = eq ? (size_t)(eq - pair) : plen;
		if (!(key = decode(a, pair, klen, &kdl)))
			return PARSE_BAD;
		if (eq) {
			val = decode(a, eq + 1, plen - klen - 1, &vdl);
			if (!val)
				return PARSE_BAD;
		} else {
			val = arena_strdup(a, "");
		}
		if (!utf8_valid(key, kdl) || !utf8_valid(val, vdl))
			return PARSE_UTF8;
		/* Điều 3: text reaches handlers in NFC, whatever the
		 * browser sent (valid UTF-8 holds no NUL, so strlen is
		 * the length). */
		v[nf].key = utf8_nfc_dup(a, key, kdl);
		v[nf].val = utf8_nfc_dup(a, val, vdl);
		v[nf].val_len = strlen(v[nf].val);
		nf++;
	}
	out->v = nf ? v : NULL;
	out->n = nf;
	return PARSE_OK;
}

const char *
kv_get(const struct kvlist *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].key, key))
			return l->v[i].val;
	return NULL;
}
