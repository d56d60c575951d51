/*
 * The http layer's API for handlers (src/web).  Nothing outside src/http
 * includes microhttpd.h: handlers see a parsed, validated struct req and
 * fill a struct resp.
 *
 * Every byte string in a req is valid UTF-8 (requests with invalid UTF-8
 * in the path, query, form fields or cookies are refused with 400 before
 * routing), NUL-terminated, and lives in req->arena.  Query and form
 * keys and values (and upload file names) are in NFC (Điều 3).
 */
#ifndef TTDT_HTTP_H
#define TTDT_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "buf.h"

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_DELETE,
	HTTP_OPTIONS,
	HTTP_OTHER,
	HTTP__MAX
};

#define HTTP_M(m) (1u << (m))
#define HTTP_M_GET (HTTP_M(HTTP_GET) | HTTP_M(HTTP_HEAD))
#define HTTP_M_POST HTTP_M(HTTP_POST)

struct kv {
	const char *key;
	const char *val;
	size_t val_len;
};

struct kvlist {
	struct kv *v;
	size_t n;
};

struct upload {
	const char *field;
	const char *filename;     /* as sent, cut to its last path
	                             component ("C:\x\a.pdf" -> "a.pdf");
	                             never used as a path; may be "" */
	const char *content_type; /* as sent; never trusted */
	const char *data;         /* NOT in the arena: points into the
	                             request body, valid until the handler
	                             returns; not NUL-terminated */
	size_t len;
};

struct req {
	struct arena *arena;
	enum http_method method;
	const char *path;      /* percent-decoded, normalised, starts with / */
	const char *raw_path;  /* as sent, before decoding, without query */
	const char *raw_query; /* after '?', "" if none */
	struct kvlist query;
	struct kvlist form; /* urlencoded or multipart text fields */
	struct kvlist cookies;
	struct upload *uploads;
	size_t nuploads;
	const char *params[4]; /* route parameters (":name" segments) */
	size_t nparams;
	const char *client_addr;
	bool https; /* the request came over TLS (or a trusted
	               proxy said X-Forwarded-Proto: https) */
	void *conn; /* opaque, for req_header */
};

/* A request header (case-insensitive name), or NULL. */
const char *req_header(const struct req *r, const char *name);
/* First value of a query / form field / cookie, or NULL. */
const char *kv_get(const struct kvlist *l, const char *key);
#define req_query(r, k) kv_get(&(r)->query, (k))
#define req_form(r, k) kv_get(&(r)->form, (k))
#define req_cookie(r, k) kv_get(&(r)->cookies, (k))

#define RESP_MAX_HEADERS 16

struct resp_header {
	const char *name;
	const char *value;
};

struct resp {
	int status;               /* 200 unless set */
	const char *content_type; /* default "text/html; charset=utf-8" */
	struct buf body;
	struct resp_header headers[RESP_MAX_HEADERS];
	size_t nheaders;
	time_t last_modified; /* 0: none */
	int max_age;          /* Cache-Control max-age for the client;
	                         -1: no-store (default for non-cached) */
	/*
	 * Page cache (DESIGN: rendered public pages cached in memory).  A
	 * handler that sets cache_tags marks a 200 GET response as
	 * cacheable; the http layer keeps it (with a gzip copy and an ETag)
	 * until a tag it carries is invalidated.  Tags are space-separated
	 * words: "item:12 cat:3 site".
	 */
	const char *cache_tags;
	/* Usage statistics: a view of this item / section (0: none),
	 * counted on every serve, cached or not. */
	int64_t view_item;
	int64_t view_category;
	/* Serve this file instead of body (static files). */
	const char *file_path;
};

/* Adds a response header; name and value must live as long as the
 * request (literals or the arena). */
void resp_header(struct resp *rs, const char *name, const char *value);
/* 301/302/303 to location (absolute path or URL). */
void resp_redirect(struct resp *rs, int status, const char *location);

typedef void (*http_handler_fn)(struct req *r, struct resp *rs);

/*
 * A route: methods (HTTP_M bits), a pattern of '/'-separated segments in
 * which ":x" matches one non-empty segment (its value goes to
 * req->params in order) and a final "*" matches the rest of the path.
 * A path that matches a pattern for another method gets 405.
 */
struct route {
	unsigned methods;
	const char *pattern;
	http_handler_fn fn;
};

/*
 * Renders an error page for status (400, 403, 404, 405, 410, 413, 429,
 * 500...) into rs.  The web layer installs a renderer with its templates
 * at start; until then, and if it fails, a built-in Vietnamese page is
 * used.  message may be NULL (a default per status).
 */
typedef void (*http_error_fn)(struct req *r, struct resp *rs, int status,
                              const char *message);
void http_set_error_renderer(http_error_fn fn);
void http_error(struct req *r, struct resp *rs, int status,
                const char *message);

/* Called for every counted view (see resp.view_item); must be fast and
 * thread-safe (it batches). */
typedef void (*http_view_fn)(int64_t item_id, int64_t category_id);
void http_set_view_counter(http_view_fn fn);

/* Page cache control (thread-safe). */
void pagecache_invalidate_tag(const char *tag);
void pagecache_clear(void);

/* A larger body limit for the routes that take files (uploads).  pattern
 * is a route pattern ("/quan-tri/tin-bai/:id/tep"), matched against the
 * request's path as sent; a path that does not match as sent (percent-
 * encoded, say) gets max_body.  Bodies over max_body are held in memory
 * until the handler runs, so the entries of one pool (a small number)
 * receive at most HTTP_BIG_SLOTS of them at once (more get 503), each
 * must keep up a minimum rate, and
 * admit, if set, is asked first with the request's cookies: false keeps
 * the request at max_body (413), so that only signed-in people can make
 * the server hold a large body. */
#define HTTP_BIG_POOLS 4
#define HTTP_BIG_SLOTS 2
struct http_body_limit {
	const char *pattern;
	size_t max;    /* bytes */
	unsigned pool; /* < HTTP_BIG_POOLS */
	bool (*admit)(const struct kvlist *cookies);
};

struct http_config {
	const char *listen; /* "127.0.0.1:8080", "[::]:8080" (dual stack);
	                       several, separated by spaces or commas */
	unsigned threads;   /* 0: number of cores */
	size_t max_header;  /* bytes, whole header block */
	size_t max_body;    /* bytes */
	const struct http_body_limit *body_limits; /* may be NULL */
	size_t nbody_limits;
	unsigned idle_timeout;       /* seconds */
	unsigned max_conn_per_ip;    /* 0: no limit */
	const char *static_dir;      /* served at /static/ */
	const char *media_dir;       /* served at /media/ */
	const char *access_log;      /* path, "-" for stderr, NULL/"" off */
	const char *trusted_proxies; /* space-separated addresses */
	bool page_cache;
	size_t page_cache_max; /* bytes */
	unsigned rate_limit;   /* requests a second per client address
	                          (token bucket; 0: off) -> 429 */
	unsigned rate_burst;   /* bucket size; 0: 2 * rate_limit */
};

struct http_server;

/* Starts listening; on failure logs why and returns NULL. */
struct http_server *http_start(const struct http_config *cfg,
                               const struct route *const *tables,
                               const size_t *table_sizes, size_t ntables);
/* Stops accepting, finishes requests in flight, frees everything. */
void http_stop(struct http_server *srv);

#endif
