/*
 * Internals shared by the files of src/http.  Nothing outside src/http
 * includes this header (it pulls in microhttpd.h).
 */
#ifndef TTDT_HTTP_INT_H
#define TTDT_HTTP_INT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <microhttpd.h>

#include "http.h"

/* Result of a request parser; the server maps each to a status. */
enum parse_res {
	PARSE_OK,
	PARSE_BAD,   /* malformed (bad %xx, broken multipart): 400 */
	PARSE_UTF8,  /* decoded text is not valid UTF-8: 400 */
	PARSE_LIMIT, /* too many fields / parts, header too long: 413 */
	PARSE__MAX
};

/* The Vietnamese message for PARSE_UTF8 (shown on the 400 page). */
extern const char http_msg_utf8[];

/* The value of hex digit c, or -1 (percent-decoding in form.c, path.c). */
static inline int
http_hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Does header value v start with media type t (case-insensitive) and
 * then end or go on with parameters?  "text/html; charset=x" has type
 * "text/html"; "text/htmlx" has not.
 */
bool http_type_is(const char *v, const char *t);

/* Most fields in one urlencoded string or cookie header. */
#define FORM_MAX_FIELDS 1000
/* Most parts in one multipart body, and bytes in one part's headers. */
#define MP_MAX_PARTS 256
#define MP_MAX_HEADER 4096
#define MP_MAX_BOUNDARY 70

/* form.c */

/*
 * Parses application/x-www-form-urlencoded text (a query string or a
 * POST body): pairs split on '&', '+' is a space, %XX is decoded.  Empty
 * pairs are skipped; a key without '=' gets "".  Keys and values are
 * copied into a, NUL-terminated, in order (repeated keys are kept).
 * On any result but PARSE_OK *out is left empty.
 */
enum parse_res form_parse(struct arena *a, const char *p, size_t len,
                          struct kvlist *out);

/* cookie.c */

/*
 * Parses a Cookie header ("a=1; b=2"): names and values are kept as sent
 * (no percent-decoding; a value in double quotes loses them).  Pairs
 * without '=' or with an empty name are skipped.
 */
enum parse_res cookie_parse(struct arena *a, const char *p, size_t len,
                            struct kvlist *out);

/* multipart.c */

/*
 * The boundary parameter of a multipart/form-data Content-Type, or
 * false if ct is not multipart/form-data or the boundary is missing or
 * longer than MP_MAX_BOUNDARY.  *out points into ct.
 */
bool multipart_boundary(const char *ct, struct str *out /* OUT */);

/*
 * Parses a multipart/form-data body (RFC 7578) with the given boundary.
 * Text parts go to *form (values copied into a), parts with a filename
 * to *uploads (data points INTO body, which must outlive the request;
 * field, filename and content_type are copied into a; the filename is
 * cut to its last path component).
 */
enum parse_res multipart_parse(struct arena *a, struct str boundary,
                               const char *body, size_t len,
                               struct kvlist *form /* OUT */,
                               struct upload **uploads /* OUT */,
                               size_t *nuploads /* OUT */);

/* path.c */

/*
 * Decodes and normalises a request path (without the query): it must
 * start with '/'; %XX is decoded; NUL, backslashes (raw or encoded), an
 * encoded '/', and ".." segments are refused (PARSE_BAD); "." segments
 * and empty segments ("//") are dropped; a trailing '/' is kept.  The
 * result is valid UTF-8 (else PARSE_UTF8) and lives in a.
 */
enum parse_res path_normalise(struct arena *a, const char *p, size_t len,
                              const char **out /* OUT */);

/* router.c */

struct router;

struct router *router_new(const struct route *const *tables,
                          const size_t *sizes, size_t ntables);
void router_free(struct router *rt);

/*
 * Finds the route for method and path.  On a match returns its handler
 * and fills r->params (copies in r->arena).  Otherwise returns NULL and
 * sets *allowed to the HTTP_M bits of routes whose pattern matches the
 * path (0: nothing matches, a 404).  HEAD matches GET routes.
 */
http_handler_fn router_match(const struct router *rt, enum http_method method,
                             const char *path, struct req *r,
                             unsigned *allowed /* OUT */);

/* Method names by enum http_method (NULL for HTTP_OTHER). */
extern const char *const http_method_names[HTTP__MAX];
/* The enum for a request method name (HTTP_OTHER if not one of ours). */
enum http_method http_method_of(const char *name);
/* Writes "GET, HEAD, POST" for a method mask into out. */
void http_methods_str(unsigned mask, char *out, size_t size);

/* resp.c */

extern const char http_csp[];

void resp_init(struct resp *rs);
void resp_release(struct resp *rs);

/* true for types worth compressing (text/..., JSON, XML, SVG, JS). */
bool http_type_compressible(const char *ct);
/* Does an Accept-Encoding header accept gzip (q=0 refuses)? */
bool http_accepts_gzip(const char *accept_encoding);
/* Does If-None-Match (a list, or "*") match etag? */
bool http_etag_match(const char *if_none_match, const char *etag);

/* gzip (level 6) of p into out; false if it failed or did not shrink. */
bool http_gzip(const void *p, size_t len, struct buf *out);

#define HTTP_ETAG_SIZE 24
/*
 * A quoted strong ETag from a 64-bit hash of the bytes: "<hash>" for
 * the identity representation, "<hash>-gz" for its gzip copy.  The two
 * encodings are two representations (RFC 9110 section 8.8.3) and must
 * not share a strong validator: a cache that revalidated its identity
 * copy with the gzip ETag would take on Content-Encoding: gzip.
 */
void http_etag_of(const void *p, size_t len, bool gz, char out[HTTP_ETAG_SIZE]);

/* Client max-age of a cacheable page whose handler set none. */
#define HTTP_CACHED_MAX_AGE 60
/*
 * The Cache-Control value for rs: "public, max-age=N" from rs->max_age;
 * with max_age < 0, HTTP_CACHED_MAX_AGE for a page that carries cache
 * tags (so a page says the same whether the page cache is on or off),
 * else "no-store".  out holds at least 40 bytes.
 */
void http_cache_control(const struct resp *rs, char *out, size_t size);
/* The same from a bare max-age (static files): < 0 is "no-store". */
void http_cache_control_age(int max_age, char *out, size_t size);

/*
 * MHD_add_response_header, logged when MHD refuses the header (a CR or
 * LF in it, which MHD drops silently).  false if it was refused.
 */
bool http_add_header(struct MHD_Response *mr, const char *name,
                     const char *value);
uint64_t http_hash(const void *p, size_t len);

/* "Sun, 06 Nov 1994 08:49:37 GMT" into out (at least 30 bytes). */
void http_date_format(time_t t, char *out, size_t size);
bool http_date_parse(const char *s, time_t *out);

/* Adds the headers every response carries (CSP, nosniff, and the
 * referrer policy unless the handler set a stricter one). */
void http_add_security_headers(struct MHD_Response *mr);
/* Adds rs's own headers, Content-Type and Last-Modified. */
void http_add_resp_headers(struct MHD_Response *mr, const struct resp *rs);

/* errorpage.c */

/* The built-in page, never the installed renderer. */
void errorpage_builtin(struct resp *rs, int status, const char *message);
const char *http_status_text(int status);

/* pagecache.c */

struct pc_entry {
	struct pc_entry *hnext;       /* hash chain */
	struct pc_entry *prev, *next; /* clock ring */
	uint64_t hash;
	char *key;
	size_t keylen;
	char *tags;                   /* " a b c " with spaces around */
	char etag[HTTP_ETAG_SIZE];    /* of plain */
	char etag_gz[HTTP_ETAG_SIZE]; /* of gz */
	/*
	 * A 304 queues the 200's own response (MHD sends no body for a
	 * 304), so its Content-Length is that of the representation it
	 * validates, as RFC 9110 section 8.6 asks, never 0.
	 */
	struct MHD_Response *plain;
	struct MHD_Response *gz; /* NULL: no gzip copy */
	size_t len, gzlen, cost;
	int64_t view_item;
	int64_t view_category;
	atomic_bool used; /* clock reference bit */
};

void pagecache_init(bool enabled, size_t max_bytes);
void pagecache_shutdown(void);
bool pagecache_enabled(void);
/* Bumped by every invalidation; a page rendered under an older
 * generation is not stored (it may already be stale). */
uint64_t pagecache_gen(void);
/*
 * Stores a rendered 200 page under key and calls fn with the new entry
 * (under the read lock) so the caller can queue its responses.  Returns
 * fn's result, or -1 if the page was not stored (generation moved,
 * page too big) and fn was not called.
 */
typedef int (*pc_fn)(const struct pc_entry *e, void *ctx);
int pagecache_store(const char *key, size_t keylen, const struct resp *rs,
                    uint64_t gen, pc_fn fn, void *ctx);
/* Calls fn with the entry for key under the read lock; -1 if none. */
int pagecache_with(const char *key, size_t keylen, pc_fn fn, void *ctx);
/* Bytes held and entries (for tests). */
size_t pagecache_bytes(void);
size_t pagecache_count(void);

/* static.c */

/*
 * Answers a GET/HEAD for rel (a normalised path below dirfd, without
 * its leading '/'): opens each component with O_NOFOLLOW below dirfd,
 * refuses dot-files and anything but a regular file, and queues the file
 * (or a 304).  Returns the status queued, or 0 if no file is there (the
 * caller answers 404).  media: uploaded content (scripts and HTML are
 * sent as downloads).
 */
int static_serve(struct MHD_Connection *c, int dirfd, const char *rel,
                 bool media, bool head, uint64_t *bytes /* OUT */);
/* Content-Type by file extension (a fixed table). */
const char *static_type(const char *name);
/* Opens a file that a handler named (resp.file_path) and queues it. */
int static_serve_path(struct MHD_Connection *c, const char *path,
                      const struct resp *rs, uint64_t *bytes /* OUT */);

/* accesslog.c */

int accesslog_open(const char *path);
void accesslog_close(void);
void accesslog_flush(void);
bool accesslog_enabled(void);
/* One line in the combined log format. */
void accesslog_write(const char *addr, const char *method, const char *uri,
                     const char *version, int status, uint64_t bytes,
                     const char *referer, const char *agent);

/* ratelimit.c */

/* rate: tokens per second per address (0: off); burst: bucket size. */
void ratelimit_init(unsigned rate, unsigned burst);
void ratelimit_shutdown(void);
/* false when addr has used up its bucket (answer 429). */
bool ratelimit_allow(const char *addr);

#endif
