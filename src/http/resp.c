/*
 * struct resp helpers for handlers, and the pieces of response building
 * shared by the server and the page cache: security headers, ETags,
 * gzip, HTTP dates and the parsing of the request headers that choose
 * between them (Accept-Encoding, If-None-Match).
 */
#include "common.h"

#include <zlib.h>

#include "http_int.h"
#include "log.h"
#include "vntime.h"
#include "xalloc.h"

/* One policy for every page: nothing inline, nothing from elsewhere. */
const char http_csp[] =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
        "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'";

/* Rendering past this is a bug in a handler, not a page: 500. */
#define RESP_MAX_BODY (64u << 20)

void
resp_init(struct resp *rs)
{
	memset(rs, 0, sizeof(*rs));
	rs->status = 200;
	rs->max_age = -1;
	rs->body = (struct buf)BUF_INIT;
	rs->body.max = RESP_MAX_BODY;
}

void
resp_release(struct resp *rs)
{
	buf_release(&rs->body);
}

/* Only printable ASCII and tabs: no CR/LF to split a header. */
static bool
header_value_ok(const char *v)
{
	for (; *v; v++)
		if (((unsigned char)*v < 0x20 && *v != '\t') ||
		    (unsigned char)*v >= 0x7f)
			return false;
	return true;
}

void
resp_header(struct resp *rs, const char *name, const char *value)
{
	if (rs->nheaders == RESP_MAX_HEADERS)
		BUG("more than %d response headers", RESP_MAX_HEADERS);
	/* A value built from data (a slug, a file name) must not carry a
	 * line break into the header block; MHD would drop it silently. */
	if (!header_value_ok(value)) {
		log_errx("response header '%s' has a control or non-ASCII "
		         "byte; not sent",
		         name);
		return;
	}
	rs->headers[rs->nheaders].name = name;
	rs->headers[rs->nheaders].value = value;
	rs->nheaders++;
}

/*
 * Handlers redirect to paths of this site they built themselves; a
 * location that is not "/..." (and not "//host", which a browser reads
 * as another site) or http(s)://, or that holds bytes a header cannot,
 * is a bug in the handler, answered 500 rather than sent.
 */
void
resp_redirect(struct resp *rs, int status, const char *location)
{
	bool local =
	        location[0] == '/' && location[1] != '/' && location[1] != '\\';

	if ((!local && strncmp(location, "http://", 7) != 0 &&
	     strncmp(location, "https://", 8) != 0) ||
	    !header_value_ok(location)) {
		size_t n = 0;

		/* The log line itself must not be split either. */
		while (n < 80 && (unsigned char)location[n] >= 0x20 &&
		       (unsigned char)location[n] < 0x7f)
			n++;
		log_errx("refusing to redirect to '%.*s'", (int)n, location);
		errorpage_builtin(rs, 500, NULL);
		return;
	}
	rs->status = status;
	resp_header(rs, "Location", location);
	buf_reset(&rs->body);
	rs->cache_tags = NULL;
}

const char *
req_header(const struct req *r, const char *name)
{
	if (!r->conn)
		return NULL;
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

bool
http_type_is(const char *v, const char *t)
{
	size_t n = strlen(t);

	return v && !strncasecmp(v, t, n) &&
	       (v[n] == '\0' || v[n] == ';' || v[n] == ' ' || v[n] == '\t');
}

bool
http_type_compressible(const char *ct)
{
	static const char *const types[] = {
	        "application/json",     "application/javascript",
	        "application/xml",      "application/rss+xml",
	        "application/atom+xml", "image/svg+xml",
	};

	if (!ct)
		return true; /* the default, text/html */
	if (!strncasecmp(ct, "text/", 5))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		if (http_type_is(ct, types[i]))
			return true;
	return false;
}

/*
 * Accept-Encoding (RFC 9110 section 12.5.3): we send gzip when "gzip"
 * (or "x-gzip" or "*") is listed without q=0.  Precedence among codings
 * does not matter: gzip is the only one we have.
 */
bool
http_accepts_gzip(const char *ae)
{
	const char *p = ae;

	if (!ae)
		return false;
	while (*p) {
		const char *tok, *end, *semi;
		size_t tlen;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		tok = p;
		end = p + strcspn(p, ",");
		p = end;
		semi = memchr(tok, ';', (size_t)(end - tok));
		tlen = (size_t)((semi ? semi : end) - tok);
		while (tlen && (tok[tlen - 1] == ' ' || tok[tlen - 1] == '\t'))
			tlen--;
		if (!((tlen == 4 && !strncasecmp(tok, "gzip", 4)) ||
		      (tlen == 6 && !strncasecmp(tok, "x-gzip", 6)) ||
		      (tlen == 1 && *tok == '*')))
			continue;
		if (semi) {
			const char *q = semi + 1;

			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (end - q >= 3 && (q[0] == 'q' || q[0] == 'Q') &&
			    q[1] == '=') {
				double qv = strtod(q + 2, NULL);

				if (qv <= 0.0)
					continue;
			}
		}
		return true;
	}
	return false;
}

/* If-None-Match (RFC 9110 section 13.1.2): weak comparison. */
bool
http_etag_match(const char *inm, const char *etag)
{
	size_t elen = strlen(etag);
	const char *p = inm;

	if (!inm)
		return false;
	while (*p) {
		const char *t;
		size_t tlen;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		t = p;
		tlen = strcspn(p, ",");
		p += tlen;
		while (tlen && (t[tlen - 1] == ' ' || t[tlen - 1] == '\t'))
			tlen--;
		if (tlen == elen && !memcmp(t, etag, elen))
			return true;
	}
	return false;
}

bool
http_gzip(const void *p, size_t len, struct buf *out)
{
	z_stream zs;
	size_t bound;
	int rc;

	memset(&zs, 0, sizeof(zs));
	/* windowBits 15 + 16: a gzip wrapper instead of zlib's. */
	if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		return false;
	bound = deflateBound(&zs, (uLong)len);
	buf_reset(out);
	if (len > UINT32_MAX || !buf_grow(out, bound)) {
		deflateEnd(&zs);
		return false;
	}
	zs.next_in = (Bytef *)(uintptr_t)p;
	zs.avail_in = (uInt)len;
	zs.next_out = (Bytef *)out->p;
	zs.avail_out = (uInt)bound;
	rc = deflate(&zs, Z_FINISH);
	if (rc != Z_STREAM_END || zs.total_out >= len) {
		deflateEnd(&zs);
		return false;
	}
	buf_setlen(out, zs.total_out);
	deflateEnd(&zs);
	return true;
}

/*
 * A fast 64-bit hash over words (multiply-xorshift), good enough to tell
 * two versions of a page apart; not cryptographic, and it need not be:
 * an ETag only has to change when the body does.
 */
uint64_t
http_hash(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)len, w;

	while (len >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
		s += 8;
		len -= 8;
	}
	w = 0;
	memcpy(&w, s, len);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 29;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 32;
	return h;
}

void
http_etag_of(const void *p, size_t len, bool gz, char out[HTTP_ETAG_SIZE])
{
	snprintf(out, HTTP_ETAG_SIZE, "\"%016llx%s\"",
	         (unsigned long long)http_hash(p, len), gz ? "-gz" : "");
}

void
http_cache_control_age(int max_age, char *out, size_t size)
{
	if (max_age >= 0)
		snprintf(out, size, "public, max-age=%d", max_age);
	else
		snprintf(out, size, "no-store");
}

void
http_cache_control(const struct resp *rs, char *out, size_t size)
{
	int age = rs->max_age;

	if (age < 0 && rs->cache_tags && rs->status == 200)
		age = HTTP_CACHED_MAX_AGE;
	http_cache_control_age(age, out, size);
}

bool
http_add_header(struct MHD_Response *mr, const char *name, const char *value)
{
	if (MHD_add_response_header(mr, name, value) == MHD_YES)
		return true;
	log_errx("cannot add response header '%s'", name);
	return false;
}

/* HTTP dates come from vntime, the one place that formats times. */
void
http_date_format(time_t t, char *out, size_t size)
{
	struct buf b = BUF_INIT;

	vntime_format(&b, t, VNTIME_HTTP);
	snprintf(out, size, "%s", b.p);
	buf_release(&b);
}

bool
http_date_parse(const char *s, time_t *out)
{
	return s && vntime_parse_http(s, out);
}

void
http_add_security_headers(struct MHD_Response *mr)
{
	http_add_header(mr, "X-Content-Type-Options", "nosniff");
	if (!MHD_get_response_header(mr, "Referrer-Policy"))
		http_add_header(mr, "Referrer-Policy",
		                "strict-origin-when-cross-origin");
	http_add_header(mr, "Content-Security-Policy", http_csp);
}

void
http_add_resp_headers(struct MHD_Response *mr, const struct resp *rs)
{
	size_t i;

	http_add_header(mr, "Content-Type",
	                rs->content_type ? rs->content_type
	                                 : "text/html; charset=utf-8");
	if (rs->last_modified > 0) {
		char d[40];

		http_date_format(rs->last_modified, d, sizeof(d));
		http_add_header(mr, "Last-Modified", d);
	}
	for (i = 0; i < rs->nheaders; i++)
		http_add_header(mr, rs->headers[i].name, rs->headers[i].value);
	http_add_security_headers(mr);
}
