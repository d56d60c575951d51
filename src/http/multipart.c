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

	if (!http_type_is(ct, "multipart/form-data"))
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

/* What the parse keeps between parts. */
struct mp {
	struct arena *a;
	const char *body;
	size_t len;
	const char *delim; /* CRLF "--" boundary */
	size_t dlen;
	struct kv *fv;
	struct upload *uv;
	size_t nform, nup;
};

/*
 * A part's header block starts at *pos (just past the CRLF after a
 * delimiter).  On success hdr and hlen give the block without its blank
 * line, and *pos is at the part's data.
 */
static enum parse_res
part_header_block(const struct mp *m, size_t *pos, const char **hdr,
                  size_t *hlen)
{
	const char *body = m->body, *end;
	size_t len = m->len, p = *pos;

	/* Headers end at an empty line (a part may have none). */
	if (len - p >= 2 && body[p] == '\r' && body[p + 1] == '\n') {
		*hdr = body + p;
		*hlen = 0;
		*pos = p + 2;
		return PARSE_OK;
	}
	end = memfind(body + p, MIN(len - p, MP_MAX_HEADER + 4), "\r\n\r\n", 4);
	if (!end)
		return len - p > MP_MAX_HEADER ? PARSE_LIMIT : PARSE_BAD;
	*hlen = (size_t)(end - (body + p));
	if (*hlen > MP_MAX_HEADER)
		return PARSE_LIMIT;
	*hdr = body + p;
	*pos = p + *hlen + 4;
	return PARSE_OK;
}

/* Files the part with headers ph and data [data, data + dl). */
static enum parse_res
part_store(struct mp *m, const struct part_hdr *ph, const char *data, size_t dl)
{
	struct str name, fname;

	if (!ph->disp.p || ph->disp.len < 9 ||
	    strncasecmp(ph->disp.p, "form-data", 9) != 0 ||
	    !disp_param(ph->disp.p, ph->disp.len, "name", &name))
		return PARSE_BAD;
	if (!utf8_valid(name.p, name.len))
		return PARSE_UTF8;
	if (disp_param(ph->disp.p, ph->disp.len, "filename", &fname)) {
		struct upload *u = &m->uv[m->nup++];

		fname = basename_of(fname);
		if (!utf8_valid(fname.p, fname.len) ||
		    (ph->ctype.len && !utf8_valid(ph->ctype.p, ph->ctype.len)))
			return PARSE_UTF8;
		u->field = arena_strdup_str(m->a, name);
		u->filename = utf8_nfc_dup(m->a, fname.p, fname.len);
		u->content_type = ph->ctype.len
		                          ? arena_strdup_str(m->a, ph->ctype)
		                          : "application/octet-stream";
		u->data = data;
		u->len = dl;
	} else {
		struct kv *kv = &m->fv[m->nform++];

		if (!utf8_valid(data, dl))
			return PARSE_UTF8;
		/* Điều 3: text reaches handlers in NFC, whatever the
		 * browser sent (some send NFD). */
		kv->key = utf8_nfc_dup(m->a, name.p, name.len);
		kv->val = utf8_nfc_dup(m->a, data, dl);
		kv->val_len = strlen(kv->val);
	}
	return PARSE_OK;
}

enum parse_res
multipart_parse(struct arena *a, struct str boundary, const char *body,
                size_t len, struct kvlist *form, struct upload **uploads,
                size_t *nuploads)
{
	char delim[MP_MAX_BOUNDARY + 4];
	struct mp m = {.a = a, .body = body, .len = len, .delim = delim};
	size_t pos, nparts = 0;
	const char *p;

	form->v = NULL;
	form->n = 0;
	*uploads = NULL;
	*nuploads = 0;
	if (!boundary.len || boundary.len > MP_MAX_BOUNDARY)
		return PARSE_BAD;
	/* delim = CRLF "--" boundary; the first one may lack the CRLF. */
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary.p, boundary.len);
	m.dlen = boundary.len + 4;

	if (len >= m.dlen - 2 && !memcmp(body, delim + 2, m.dlen - 2)) {
		pos = m.dlen - 2;
	} else {
		if (!(p = memfind(body, len, delim, m.dlen)))
			return PARSE_BAD;
		pos = (size_t)(p - body) + m.dlen;
	}
	m.fv = arena_alloc(a, sizeof(*m.fv) * MP_MAX_PARTS);
	m.uv = arena_alloc(a, sizeof(*m.uv) * MP_MAX_PARTS);
	/* pos is just past a delimiter. */
	for (;;) {
		const char *hdr, *dend;
		size_t hlen, dl;
		struct part_hdr ph;
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
		if ((res = part_header_block(&m, &pos, &hdr, &hlen)) !=
		    PARSE_OK)
			return res;
		if (!(dend = memfind(body + pos, len - pos, delim, m.dlen)))
			return PARSE_BAD;
		dl = (size_t)(dend - (body + pos));
		if ((res = part_headers(hdr, hlen, &ph)) != PARSE_OK ||
		    (res = part_store(&m, &ph, body + pos, dl)) != PARSE_OK)
			return res;
		pos += dl + m.dlen;
	}
	form->v = m.nform ? m.fv : NULL;
	form->n = m.nform;
	*uploads = m.nup ? m.uv : NULL;
	*nuploads = m.nup;
	return PARSE_OK;
}
