/*
 * multipart/form-data (RFC 7578, RFC 2046 section 5.1.1), parsed from the
 * whole body once it has been collected (bounded by max_body), so the
 * parser is a plain function over bytes and easy to fuzz.
 *
 * Limits: at most MP_MAX_PARTS parts and MP_MAX_HEADER bytes of headers
 * per part (PARSE_LIMIT).  A missing closing delimiter is PARSE_BAD: a
 * truncated upload must not be taken for a complete one.  Filenames in
 * Content-Disposition are taken as browsers send them (WHATWG: '"' as
 * %22, no backslash escapes), so "C:\dir\a.txt" keeps its backslashes
 * and is then cut to its last path component.
 */
#include "common.h"

#include "http_int.h"
#include "utf8.h"

static bool
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

bool
multipart_boundary(const char *ct, struct str *out)
{
	const char *p, *e;

	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return false;
	for (p = ct + 19; (p = strchr(p, ';'));) {
		p++;
		while (is_ows(*p))
			p++;
		if (strncasecmp(p, "boundary=", 9) != 0)
			continue;
		p += 9;
		if (*p == '"') {
			if (!(e = strchr(++p, '"')))
				return false;
		} else {
			e = p + strcspn(p, "; \t");
		}
		if (e == p || e - p > MP_MAX_BOUNDARY)
			return false;
		*out = str_make(p, (size_t)(e - p));
		return true;
	}
	return false;
}

/*
 * Finds parameter name (e.g. "name", "filename") in a Content-Disposition
 * value h[0..len).  Sets *v and returns true if present.
 */
static bool
disp_param(const char *h, size_t len, const char *name, struct str *v)
{
	size_t nlen = strlen(name), i = 0;

	while (i < len) {
		size_t s;

		while (i < len && h[i] != ';')
			i++;
		if (i >= len)
			return false;
		i++;
		while (i < len && is_ows(h[i]))
			i++;
		s = i;
		if (len - s > nlen && !strncasecmp(h + s, name, nlen) &&
		    h[s + nlen] == '=') {
			i = s + nlen + 1;
			if (i < len && h[i] == '"') {
				const char *q =
				        memchr(h + i + 1, '"', len - i - 1);

				if (!q)
					return false;
				*v = str_make(h + i + 1,
				              (size_t)(q - (h + i + 1)));
				return true;
			}
			s = i;
			while (i < len && h[i] != ';' && !is_ows(h[i]))
				i++;
			*v = str_make(h + s, i - s);
			return true;
		}
	}
	return false;
}

struct part_hdr {
	struct str disp;
	struct str ctype;
};

/* Splits a part's header block h[0..len) (CRLF lines) into what we use. */
static enum parse_res
part_headers(const char *h, size_t len, struct part_hdr *ph)
{
	size_t i = 0;

	memset(ph, 0, sizeof(*ph));
	while (i < len) {
		const char *line = h + i, *eol, *colon, *v;
		size_t llen, nlen;

		eol = memchr(line, '\n', len - i);
		llen = eol ? (size_t)(eol - line) : len - i;
		i += llen + 1;
		if (llen && line[llen - 1] == '\r')
			llen--;
		if (!llen)
			continue;
		if (!(colon = memchr(line, ':', llen)))
			return PARSE_BAD;
		nlen = (size_t)(colon - line);
		v = colon + 1;
		while (v < line + llen && is_ows(*v))
			v++;
		if (nlen == 19 && !strncasecmp(line, "Content-Disposition", 19))
			ph->disp = str_make(v, (size_t)(line + llen - v));
		else if (nlen == 12 && !strncasecmp(line, "Content-Type", 12))
			ph->ctype = str_make(v, (size_t)(line + llen - v));
	}
	return PARSE_OK;
}

/* The last path component of a filename as a browser may send it. */
static struct str
basename_of(struct str f)
{
	size_t i;

	for (i = f.len; i > 0; i--)
		if (f.p[i - 1] == '/' || f.p[i - 1] == '\\')
			break;
	return str_make(f.p + i, f.len - i);
}

static const char *
memfind(const char *h, size_t hlen, const char *n, size_t nlen)
{
	return memmem(h, hlen, n, nlen);
}

enum parse_res
multipart_parse(struct arena *a, struct str boundary, const char *body,
                size_t len, struct kvlist *form, struct upload **uploads,
                size_t *nuploads)
{
	char delim[MP_MAX_BOUNDARY + 4];
	size_t dlen, pos, nparts = 0, nform = 0, nup = 0;
	struct kv *fv;
	struct upload *uv;
	const char *p;

	form->v = NULL;
	form->n = 0;
	*uploads = NULL;
	*nuploads = 0;
	if (!boundary.len || boundary.len > MP_MAX_BOUNDARY)
		return PARSE_BAD;
	/* delim = CRLF "--" boundary; the first one may lack the CRLF. */
	delim[0] = '\r';
	delim[1] = '\n';
	delim[2] = '-';
	delim[3] = '-';
	memcpy(delim + 4, boundary.p, boundary.len);
	dlen = boundary.len + 4;

	if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2)) {
		pos = dlen - 2;
	} else {
		if (!(p = memfind(body, len, delim, dlen)))
			return PARSE_BAD;
		pos = (size_t)(p - body) + dlen;
	}
	fv = arena_alloc(a, sizeof(*fv) * MP_MAX_PARTS);
	uv = arena_alloc(a, sizeof(*uv) * MP_MAX_PARTS);
	/* pos is just past a delimiter. */
	for (;;) {
		const char *hdr, *dend;
		size_t hlen, dl;
		struct part_hdr ph;
		struct str name, fname;
		enum parse_res res;

		if (len - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
			break; /* the close delimiter; an epilogue may follow */
		while (pos < len && is_ows(body[pos]))
			pos++;
		if (len - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n')
			return PARSE_BAD;
		pos += 2;
		if (++nparts > MP_MAX_PARTS)
			return PARSE_LIMIT;
		/* Headers end at an empty line (a part may have none). */
		if (len - pos >= 2 && body[pos] == '\r' &&
		    body[pos + 1] == '\n') {
			hdr = body + pos;
			hlen = 0;
			pos += 2;
		} else {
			hdr = memfind(body + pos,
			              MIN(len - pos, MP_MAX_HEADER + 4),
			              "\r\n\r\n", 4);
			if (!hdr)
				return len - pos > MP_MAX_HEADER ? PARSE_LIMIT
				                                 : PARSE_BAD;
			hlen = (size_t)(hdr - (body + pos));
			if (hlen > MP_MAX_HEADER)
				return PARSE_LIMIT;
			hdr = body + pos;
			pos += hlen + 4;
		}
		if (!(dend = memfind(body + pos, len - pos, delim, dlen)))
			return PARSE_BAD;
		dl = (size_t)(dend - (body + pos));
		if ((res = part_headers(hdr, hlen, &ph)) != PARSE_OK)
			return res;
		if (!ph.disp.p || ph.disp.len < 9 ||
		    strncasecmp(ph.disp.p, "form-data", 9) != 0 ||
		    !disp_param(ph.disp.p, ph.disp.len, "name", &name))
			return PARSE_BAD;
		if (!utf8_valid(name.p, name.len))
			return PARSE_UTF8;
		if (disp_param(ph.disp.p, ph.disp.len, "filename", &fname)) {
			struct upload *u = &uv[nup++];

			fname = basename_of(fname);
			if (!utf8_valid(fname.p, fname.len) ||
			    (ph.ctype.len &&
			     !utf8_valid(ph.ctype.p, ph.ctype.len)))
				return PARSE_UTF8;
			u->field = arena_strdup_str(a, name);
			u->filename = arena_strdup_str(a, fname);
			u->content_type =
			        ph.ctype.len ? arena_strdup_str(a, ph.ctype)
			                     : "application/octet-stream";
			u->data = body + pos;
			u->len = dl;
		} else {
			struct kv *kv = &fv[nform++];

			if (!utf8_valid(body + pos, dl))
				return PARSE_UTF8;
			kv->key = arena_strdup_str(a, name);
			kv->val = arena_strndup(a, body + pos, dl);
			kv->val_len = dl;
		}
		pos += dl + dlen;
	}
	form->v = nform ? fv : NULL;
	form->n = nform;
	*uploads = nup ? uv : NULL;
	*nuploads = nup;
	return PARSE_OK;
}
