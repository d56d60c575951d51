/*
 * Request path decoding and normalisation.  The result is what routing
 * and the static file server see, so this is where a path is stopped
 * from leaving the site's folders: ".." segments, backslashes and NUL are
 * refused outright (never resolved), an encoded '/' is refused so that a
 * segment can never turn into two after decoding, and overlong UTF-8
 * forms of '.' and '/' fail the UTF-8 check.
 */
#include "common.h"

#include "http_int.h"
#include "utf8.h"
#include "xalloc.h"

enum parse_res
path_normalise(struct arena *a, const char *p, size_t len, const char **out)
{
	char *d = arena_alloc(a, st_add(len, 2));
	size_t i, n = 0, seg;

	*out = NULL;
	if (!len || p[0] != '/')
		return PARSE_BAD;
	/* Decode first: every check below runs on the decoded bytes. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '%') {
			int hi, lo;

			if (len - i < 3)
				return PARSE_BAD;
			hi = http_hexval((unsigned char)p[i + 1]);
			lo = http_hexval((unsigned char)p[i + 2]);
			if (hi < 0 || lo < 0)
				return PARSE_BAD;
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
			if (c == '/')
				return PARSE_BAD;
		}
		if (c == '\0' || c == '\\')
			return PARSE_BAD;
		d[n++] = (char)c;
	}
	d[n] = '\0';
	if (!utf8_valid(d, n))
		return PARSE_UTF8;

	/* Then rebuild segment by segment, in place (output <= input). */
	{
		size_t w = 0, r = 0;
		bool trailing = n > 1 && d[n - 1] == '/';

		while (r < n) {
			while (r < n && d[r] == '/')
				r++;
			if (r >= n)
				break;
			seg = r;
			while (r < n && d[r] != '/')
				r++;
			if (r - seg == 1 && d[seg] == '.')
				continue;
			if (r - seg == 2 && d[seg] == '.' && d[seg + 1] == '.')
				return PARSE_BAD;
			d[w++] = '/';
			memmove(d + w, d + seg, r - seg);
			w += r - seg;
		}
		if (!w || trailing)
			d[w++] = '/';
		d[w] = '\0';
	}
	*out = d;
	return PARSE_OK;
}
