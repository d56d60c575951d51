/*
 * The HTTP server: one libmicrohttpd daemon per listen address, each an
 * epoll thread pool, and the request lifecycle on top of it.
 *
 * Lifecycle of a request (MHD calls the access handler several times):
 *  - the URI log callback sees the raw request target first (before MHD
 *    decodes anything); we keep it in the connection's struct rq, which
 *    is reused for every request on a keep-alive connection;
 *  - first handler call: a Content-Length over max_body is answered 413
 *    at once, without reading the body.  Anything else is answered on a
 *    later call: a response queued on the first call loses keep-alive
 *    (measured with MHD 0.9.75);
 *  - body calls: bytes are collected into rq->body up to max_body;
 *  - last call: the page cache is asked first (GET/HEAD, by raw target,
 *    no allocation on a hit); otherwise the request is decoded and
 *    validated into a struct req in the connection's arena (400 on bad
 *    percent-encoding or invalid UTF-8), static files are served, and
 *    the router picks a handler;
 *  - the completion callback resets the arena and the body buffer.
 */
#include "common.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "http_int.h"
#include "log.h"
#include "utf8.h"
#include "xalloc.h"

#define HTTP_MAX_LISTEN 8
#define HTTP_MAX_PROXIES 32
#define HTTP_MAX_BODY_LIMITS 8
/* A body over max_body that arrives slower than this on average, after
 * its first HTTP_BIG_GRACE_S seconds, is cut off: its slot is for people
 * uploading, not for a client that trickles a byte at a time. */
#define HTTP_BIG_MIN_RATE (8 * 1024) /* bytes a second */
#define HTTP_BIG_GRACE_S 15
/* Shutdown waits this long for requests in flight. */
#define HTTP_STOP_WAIT_MS 10000
/* Responses over this size (text) are gzipped on the fly if the page is
 * not cached: below it the bytes saved do not pay for the CPU. */
#define HTTP_GZIP_MIN 1024
/* Body buffers larger than this are freed after their request. */
#define HTTP_BODY_KEEP 65536
/* Free connection states kept for reuse. */
#define HTTP_POOL_MAX 256
/* A chunked body past max_body is read and dropped up to this many
 * times max_body to deliver the 413, then the connection is cut. */
#define HTTP_DISCARD_FACTOR 4

struct proxy_addr {
	int family;
	unsigned char a[16];
};

struct rq {
	struct rq *next_free;
	struct buf uri;  /* raw request target, as sent */
	struct buf body; /* collected request body (max_body) */
	struct arena arena;
	uint64_t discarded;
	enum http_method method;
	bool active; /* a request is in flight (counted) */
	bool seen;   /* the first handler call is done */
	bool too_large;
	bool too_busy;             /* a big body with no slot free: 503 */
	int slot;                  /* the pool whose slot it holds; -1: none */
	struct timespec big_since; /* when it took the slot */
	bool https;
	size_t limit; /* this request's body limit */
	char addr[INET6_ADDRSTRLEN + 1];
};

struct http_server {
	struct MHD_Daemon *d[HTTP_MAX_LISTEN];
	size_t nd;
	struct router *router;
	size_t max_body;
	struct http_body_limit limits[HTTP_MAX_BODY_LIMITS];
	atomic_uint big_now[HTTP_BIG_POOLS]; /* bodies over max_body being
	                                        received, per pool */
	size_t nlimits;
	int static_fd, media_fd;
	struct proxy_addr proxies[HTTP_MAX_PROXIES];
	size_t nproxies;
	atomic_int inflight;
	pthread_mutex_t pool_lock;
	struct rq *pool;
	size_t npool;
};

static _Atomic(http_view_fn) view_fn;

void
http_set_view_counter(http_view_fn fn)
{
	atomic_store(&view_fn, fn);
}

static void
count_view(int64_t item, int64_t cat)
{
	http_view_fn fn;

	if ((item || cat) && (fn = atomic_load(&view_fn)))
		fn(item, cat);
}

/* Connection states ---------------------------------------------------- */

static struct rq *
rq_get(struct http_server *srv)
{
	struct rq *q;

	pthread_mutex_lock(&srv->pool_lock);
	if ((q = srv->pool)) {
		srv->pool = q->next_free;
		srv->npool--;
	}
	pthread_mutex_unlock(&srv->pool_lock);
	if (!q) {
		q = xcalloc(1, sizeof(*q));
		q->uri = (struct buf)BUF_INIT;
		q->body = (struct buf)BUF_INIT;
		q->body.max = srv->max_body;
		q->slot = -1;
		arena_init(&q->arena, 0);
	}
	return q;
}

static void
rq_free(struct rq *q)
{
	buf_release(&q->uri);
	buf_release(&q->body);
	arena_release(&q->arena);
	free(q);
}

/* Ends the request in flight on q, if any. */
static void
rq_finish(struct http_server *srv, struct rq *q)
{
	if (q->active) {
		q->active = false;
		atomic_fetch_sub(&srv->inflight, 1);
	}
	if (q->slot >= 0) {
		atomic_fetch_sub(&srv->big_now[q->slot], 1);
		q->slot = -1;
	}
	q->seen = false;
	q->too_large = false;
	q->too_busy = false;
	q->limit = srv->max_body;
	q->https = false;
	q->discarded = 0;
	arena_reset(&q->arena);
	if (q->body.cap > HTTP_BODY_KEEP)
		buf_release(&q->body);
	else
		buf_reset(&q->body);
	q->body.max = srv->max_body;
}

static void
rq_put(struct http_server *srv, struct rq *q)
{
	rq_finish(srv, q);
	pthread_mutex_lock(&srv->pool_lock);
	if (srv->npool < HTTP_POOL_MAX) {
		q->next_free = srv->pool;
		srv->pool = q;
		srv->npool++;
		q = NULL;
	}
	pthread_mutex_unlock(&srv->pool_lock);
	if (q)
		rq_free(q);
}

static void
conn_cb(void *cls, struct MHD_Connection *c, void **socket_ctx,
        enum MHD_ConnectionNotificationCode code)
{
	struct http_server *srv = cls;

	(void)c;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_ctx = rq_get(srv);
	} else if (*socket_ctx) {
		rq_put(srv, *socket_ctx);
		*socket_ctx = NULL;
	}
}

static void *
uri_cb(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct http_server *srv = cls;
	const union MHD_ConnectionInfo *ci;
	struct rq *q;

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (!ci || !(q = ci->socket_context))
		return NULL;
	/* A request that MHD gave up on never reached done_cb. */
	rq_finish(srv, q);
	q->active = true;
	atomic_fetch_add(&srv->inflight, 1);
	buf_reset(&q->uri);
	buf_adds(&q->uri, uri);
	return q;
}

static void
done_cb(void *cls, struct MHD_Connection *c, void **req_cls,
        enum MHD_RequestTerminationCode toe)
{
	(void)c;
	(void)toe;
	if (*req_cls)
		rq_finish(cls, *req_cls);
}

/* MHD would decode the URL and arguments in place; we parse them from
 * the raw target ourselves, strictly, so its decoding is turned off. */
static size_t
no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	log_warnx("libmicrohttpd: %s", msg);
}

/* Client address ------------------------------------------------------- */

/* Binary form of sa (IPv4-mapped IPv6 as IPv4); false if not IP. */
static bool
sa_addr(const struct sockaddr *sa, struct proxy_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (sa->sa_family == AF_INET) {
		out->family = AF_INET;
		memcpy(out->a,
		       &((const struct sockaddr_in *)(const void *)sa)
		                ->sin_addr,
		       4);
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a6 =
		        &((const struct sockaddr_in6 *)(const void *)sa)
		                 ->sin6_addr;

		if (IN6_IS_ADDR_V4MAPPED(a6)) {
			out->family = AF_INET;
			memcpy(out->a, a6->s6_addr + 12, 4);
		} else {
			out->family = AF_INET6;
			memcpy(out->a, a6->s6_addr, 16);
		}
		return true;
	}
	return false;
}

static bool
parse_ip(const char *s, struct proxy_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, s, out->a) == 1) {
		out->family = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, s, out->a) == 1) {
		out->family = AF_INET6;
		if (IN6_IS_ADDR_V4MAPPED((struct in6_addr *)(void *)out->a)) {
			memmove(out->a, out->a + 12, 4);
			memset(out->a + 4, 0, 12);
			out->family = AF_INET;
		}
		return true;
	}
	return false;
}

static bool
trusted(const struct http_server *srv, const struct proxy_addr *a)
{
	size_t i;

	for (i = 0; i < srv->nproxies; i++)
		if (srv->proxies[i].family == a->family &&
		    !memcmp(srv->proxies[i].a, a->a,
		            a->family == AF_INET ? 4 : 16))
			return true;
	return false;
}

/* Keeps the value of the last X-Forwarded-For line: a proxy that adds
 * its own line instead of appending to the client's leaves the forged
 * one first, and the last is the one our proxy wrote. */
static enum MHD_Result
last_xff(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	const char **out = cls;

	(void)kind;
	if (key && value && !strcasecmp(key, "X-Forwarded-For"))
		*out = value;
	return MHD_YES;
}

/*
 * The connection's address; from a trusted proxy, the client address in
 * X-Forwarded-For and X-Forwarded-Proto.  Each proxy appends the address
 * it saw, so the list is read right to left: trusted proxies are skipped
 * (a chain of them), and the first address that is not one is the client
 * (anything left of it is whatever the client claimed).  A malformed
 * entry ends the walk and the last trusted hop stands: an address cannot
 * be taken from a header nobody vouches for.
 */
static void
client_addr(const struct http_server *srv, struct MHD_Connection *c,
            struct rq *q)
{
	const union MHD_ConnectionInfo *ci;
	struct proxy_addr pa, hop;
	const char *xff = NULL, *proto, *end;

	snprintf(q->addr, sizeof(q->addr), "-");
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr || !sa_addr(ci->client_addr, &pa))
		return;
	inet_ntop(pa.family, pa.a, q->addr, sizeof(q->addr));
	if (!srv->nproxies || !trusted(srv, &pa))
		return;
	MHD_get_connection_values(c, MHD_HEADER_KIND, last_xff, &xff);
	end = xff ? xff + strlen(xff) : NULL;
	while (end) {
		const char *start = end, *next;
		char tmp[INET6_ADDRSTRLEN + 1];
		size_t n;

		while (start > xff && start[-1] != ',')
			start--;
		/* The entry is [start, end); next ends the one on its left. */
		next = start > xff ? start - 1 : NULL;
		while (start < end && (*start == ' ' || *start == '\t'))
			start++;
		n = (size_t)(end - start);
		while (n && (start[n - 1] == ' ' || start[n - 1] == '\t'))
			n--;
		if (!n || n >= sizeof(tmp))
			break;
		memcpy(tmp, start, n);
		tmp[n] = '\0';
		if (!parse_ip(tmp, &hop))
			break;
		pa = hop;
		inet_ntop(pa.family, pa.a, q->addr, sizeof(q->addr));
		if (!trusted(srv, &pa))
			break;
		end = next;
	}
	proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	                                    "X-Forwarded-Proto");
	q->https = proto && !strcasecmp(proto, "https");
}

/* Answers ---------------------------------------------------------------- */

struct answer {
	struct MHD_Connection *c;
	struct rq *q;
	const char *method;
	const char *version;
	int status;
	uint64_t bytes;
	int64_t view_item, view_category;
};

static void
log_answer(const struct answer *an)
{
	if (!accesslog_enabled())
		return;
	accesslog_write(
	        an->q->addr, an->method, an->q->uri.p, an->version, an->status,
	        an->q->method == HTTP_HEAD ? 0 : an->bytes,
	        MHD_lookup_connection_value(an->c, MHD_HEADER_KIND, "Referer"),
	        MHD_lookup_connection_value(an->c, MHD_HEADER_KIND,
	                                    "User-Agent"));
}

static const char *
conn_header(const struct answer *an, const char *name)
{
	return MHD_lookup_connection_value(an->c, MHD_HEADER_KIND, name);
}

/*
 * pc_fn: queue a cached entry, gzip or plain.  A 304 queues the same
 * response as the 200 it validates: MHD sends no body for a 304, and
 * the headers, Content-Length included, are those of that
 * representation (RFC 9110 sections 8.6 and 15.4.5).
 */
static int
serve_entry(const struct pc_entry *e, void *ctx)
{
	struct answer *an = ctx;
	bool gz =
	        e->gz && http_accepts_gzip(conn_header(an, "Accept-Encoding"));
	const char *inm = conn_header(an, "If-None-Match");
	struct MHD_Response *mr = gz ? e->gz : e->plain;
	unsigned st = MHD_HTTP_OK;

	if (inm && http_etag_match(inm, gz ? e->etag_gz : e->etag)) {
		st = MHD_HTTP_NOT_MODIFIED;
		an->bytes = 0;
	} else {
		an->bytes = gz ? e->gzlen : e->len;
	}
	an->view_item = e->view_item;
	an->view_category = e->view_category;
	an->status = (int)st;
	return MHD_queue_response(an->c, st, mr) == MHD_YES ? (int)st : -2;
}

static enum MHD_Result
finish(struct answer *an, bool ok)
{
	log_answer(an);
	if (ok)
		count_view(an->view_item, an->view_category);
	return ok ? MHD_YES : MHD_NO;
}

/*
 * Queues a rendered struct resp (not from the cache).  As for cached
 * pages, a 304 is the 200's response queued with status 304, so it
 * costs the gzip that decides which representation (and ETag) the
 * client validates.
 */
static bool
queue_resp(struct answer *an, const struct req *r, struct resp *rs)
{
	struct MHD_Response *mr;
	struct buf gz = BUF_INIT;
	char etag[HTTP_ETAG_SIZE], cc[48];
	const char *inm;
	bool compressible, with_etag, not_mod = false, zipped = false;
	enum MHD_Result ok;
	char *body;
	size_t len;

	if (buf_err(&rs->body)) {
		log_errx("response body for '%s' over its limit", r->raw_path);
		errorpage_builtin(rs, 500, NULL);
	}
	compressible = http_type_compressible(rs->content_type);
	with_etag = (r->method == HTTP_GET || r->method == HTTP_HEAD) &&
	            rs->status == 200;
	if (compressible && rs->body.len >= HTTP_GZIP_MIN &&
	    http_accepts_gzip(conn_header(an, "Accept-Encoding")))
		zipped = http_gzip(rs->body.p, rs->body.len, &gz);
	if (with_etag) {
		http_etag_of(rs->body.p, rs->body.len, zipped, etag);
		inm = conn_header(an, "If-None-Match");
		not_mod = inm && http_etag_match(inm, etag);
	}
	/* Hand the bytes to MHD, which frees them with free(). */
	body = buf_detach(zipped ? &gz : &rs->body, &len);
	buf_release(&gz);
	mr = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!mr) {
		free(body);
		return false;
	}
	http_add_resp_headers(mr, rs);
	http_cache_control(rs, cc, sizeof(cc));
	http_add_header(mr, "Cache-Control", cc);
	if (with_etag)
		http_add_header(mr, "ETag", etag);
	if (compressible)
		http_add_header(mr, "Vary", "Accept-Encoding");
	if (zipped)
		http_add_header(mr, "Content-Encoding", "gzip");
	an->status = not_mod ? MHD_HTTP_NOT_MODIFIED : rs->status;
	an->bytes = not_mod ? 0 : len;
	ok = MHD_queue_response(an->c, (unsigned)an->status, mr);
	MHD_destroy_response(mr);
	an->view_item = rs->view_item;
	an->view_category = rs->view_category;
	return ok == MHD_YES;
}

/* An error page for r (which may be half built) and queue it. */
static enum MHD_Result
answer_error(struct answer *an, struct req *r, int status, const char *message,
             const char *allow)
{
	struct resp rs;
	bool ok;

	resp_init(&rs);
	http_error(r, &rs, status, message);
	if (allow)
		resp_header(&rs, "Allow", allow);
	ok = queue_resp(an, r, &rs);
	resp_release(&rs);
	an->view_item = an->view_category = 0;
	return finish(an, ok);
}

static enum MHD_Result
answer_parse_error(struct answer *an, struct req *r, enum parse_res pr)
{
	if (pr == PARSE_LIMIT)
		return answer_error(an, r, 413, NULL, NULL);
	return answer_error(an, r, 400, pr == PARSE_UTF8 ? http_msg_utf8 : NULL,
	                    NULL);
}

/* The cache key: the raw target, without a lone trailing '?'. */
static size_t
cache_keylen(const struct rq *q)
{
	size_t n = q->uri.len;

	if (n && q->uri.p[n - 1] == '?')
		n--;
	return n;
}

static enum MHD_Result
serve_static(struct http_server *srv, struct answer *an, struct req *r,
             const char *rel, bool media)
{
	int st;

	if (r->method != HTTP_GET && r->method != HTTP_HEAD)
		return answer_error(an, r, 405, NULL, "GET, HEAD");
	st = static_serve(an->c, media ? srv->media_fd : srv->static_fd, rel,
	                  media, r->method == HTTP_HEAD, &an->bytes);
	if (st == 0)
		return answer_error(an, r, 404, NULL, NULL);
	an->status = st;
	return finish(an, st > 0);
}

static enum parse_res
parse_body(struct rq *q, struct req *r)
{
	const char *ct = req_header(r, "Content-Type");
	struct str boundary;

	if (!q->body.len || !ct)
		return PARSE_OK;
	if (http_type_is(ct, "application/x-www-form-urlencoded"))
		return form_parse(r->arena, q->body.p, q->body.len, &r->form);
	if (http_type_is(ct, "multipart/form-data")) {
		if (!multipart_boundary(ct, &boundary))
			return PARSE_BAD;
		return multipart_parse(r->arena, boundary, q->body.p,
		                       q->body.len, &r->form, &r->uploads,
		                       &r->nuploads);
	}
	return PARSE_OK;
}

/* Runs the handler fn for r and queues what it answered: a file, a
 * page stored in (and served from) the page cache, or the page itself. */
static enum MHD_Result
run_handler(struct rq *q, struct answer *an, struct req *r, http_handler_fn fn,
            uint64_t gen)
{
	bool get = r->method == HTTP_GET || r->method == HTTP_HEAD;
	struct resp rs;
	int ret;
	bool ok;

	resp_init(&rs);
	fn(r, &rs);
	if (rs.file_path) {
		ret = static_serve_path(an->c, rs.file_path, &rs, &an->bytes);
		if (ret == 0) {
			resp_release(&rs);
			return answer_error(an, r, 404, NULL, NULL);
		}
		an->status = ret;
		an->view_item = rs.view_item;
		an->view_category = rs.view_category;
		resp_release(&rs);
		return finish(an, ret > 0);
	}
	if (get && rs.status == 200 && rs.cache_tags && pagecache_enabled() &&
	    !buf_err(&rs.body)) {
		ret = pagecache_store(q->uri.p, cache_keylen(q), &rs, gen,
		                      serve_entry, an);
		if (ret != -1) {
			resp_release(&rs);
			return finish(an, ret > 0);
		}
	}
	ok = queue_resp(an, r, &rs);
	resp_release(&rs);
	return finish(an, ok);
}

static enum MHD_Result
process(struct http_server *srv, struct rq *q, struct answer *an)
{
	const char *uri = q->uri.p, *qm, *cookie;
	struct req r;
	enum parse_res pr;
	http_handler_fn fn;
	unsigned allowed;
	/* Read before rendering: see pagecache_store. */
	uint64_t gen = pagecache_gen();
	int ret;

	client_addr(srv, an->c, q);
	memset(&r, 0, sizeof(r));
	r.arena = &q->arena;
	r.method = q->method;
	r.conn = an->c;
	r.client_addr = q->addr;
	r.https = q->https;
	qm = strchr(uri, '?');
	r.raw_path = qm ? arena_strndup(r.arena, uri, (size_t)(qm - uri)) : uri;
	r.raw_query = qm ? qm + 1 : "";
	r.path = "/";

	if (!ratelimit_allow(q->addr))
		return answer_error(an, &r, 429, NULL, NULL);
	/* A hit: straight from the cache, before any parsing. */
	if ((r.method == HTTP_GET || r.method == HTTP_HEAD) &&
	    pagecache_enabled()) {
		ret = pagecache_with(uri, cache_keylen(q), serve_entry, an);
		if (ret != -1)
			return finish(an, ret > 0);
	}

	if ((pr = path_normalise(r.arena, r.raw_path, strlen(r.raw_path),
	                         &r.path)) != PARSE_OK) {
		r.path = "/";
		return answer_parse_error(an, &r, pr);
	}
	if ((pr = form_parse(r.arena, r.raw_query, strlen(r.raw_query),
	                     &r.query)) != PARSE_OK)
		return answer_parse_error(an, &r, pr);
	if ((cookie = req_header(&r, "Cookie")) &&
	    (pr = cookie_parse(r.arena, cookie, strlen(cookie), &r.cookies)) !=
	            PARSE_OK)
		return answer_parse_error(an, &r, pr);
	if (srv->static_fd >= 0 && !strncmp(r.path, "/static/", 8))
		return serve_static(srv, an, &r, r.path + 8, false);
	if (srv->media_fd >= 0 && !strncmp(r.path, "/media/", 7))
		return serve_static(srv, an, &r, r.path + 7, true);
	if ((pr = parse_body(q, &r)) != PARSE_OK)
		return answer_parse_error(an, &r, pr);

	if (!(fn = router_match(srv->router, r.method, r.path, &r, &allowed))) {
		char allow[64];

		if (!allowed)
			return answer_error(an, &r, 404, NULL, NULL);
		http_methods_str(allowed, allow, sizeof(allow));
		return answer_error(an, &r, 405, NULL,
		                    arena_strdup(r.arena, allow));
	}
	return run_handler(q, an, &r, fn, gen);
}

/* True if the route pattern pat ("/a/:id/b") matches path[0..n). */
static bool
pattern_match(const char *pat, const char *path, size_t n)
{
	size_t i = 0, seg;

	while (*pat) {
		if (*pat == ':') {
			pat += strcspn(pat, "/");
			for (seg = 0; i < n && path[i] != '/'; i++)
				seg++;
			if (!seg)
				return false;
			continue;
		}
		if (i >= n || path[i] != *pat)
			return false;
		i++;
		pat++;
	}
	return i == n;
}

/* The body_limits entry of q's request, or -1 if none matches. */
static int
body_entry(const struct http_server *srv, const struct rq *q)
{
	size_t n = strcspn(q->uri.p ? q->uri.p : "", "?#");

	for (size_t i = 0; i < srv->nlimits; i++)
		if (pattern_match(srv->limits[i].pattern, q->uri.p, n))
			return (int)i;
	return -1;
}

/* The body limit of q's request on connection c: its entry's if it has
 * one and the entry admits it, else max_body. */
static size_t
body_limit(const struct http_server *srv, struct MHD_Connection *c,
           struct rq *q)
{
	int i = body_entry(srv, q);
	const struct http_body_limit *l;
	const char *cookie;
	struct kvlist jar = {0};

	if (i < 0)
		return srv->max_body;
	l = &srv->limits[i];
	if (l->admit) {
		cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		                                     "Cookie");
		if (!cookie ||
		    cookie_parse(&q->arena, cookie, strlen(cookie), &jar) !=
		            PARSE_OK ||
		    !l->admit(&jar))
			return srv->max_body;
	}
	return l->max;
}

/* Takes one of the slots of q's pool for a body over max_body (each is
 * held in memory until the handler has run); false if all are taken. */
static bool
big_take(struct http_server *srv, struct rq *q)
{
	int i = body_entry(srv, q);
	unsigned pool, now;

	if (i < 0)
		return false;
	pool = srv->limits[i].pool;
	now = atomic_load(&srv->big_now[pool]);
	do {
		if (now >= HTTP_BIG_SLOTS)
			return false;
	} while (!atomic_compare_exchange_weak(&srv->big_now[pool], &now,
	                                       now + 1));
	q->slot = (int)pool;
	clock_gettime(CLOCK_MONOTONIC, &q->big_since);
	return true;
}

/* True if q holds a slot and its body comes too slowly to keep it. */
static bool
big_too_slow(const struct rq *q)
{
	struct timespec now;
	double s;

	if (q->slot < 0)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	s = (double)(now.tv_sec - q->big_since.tv_sec) +
	    (double)(now.tv_nsec - q->big_since.tv_nsec) / 1e9;
	return s > HTTP_BIG_GRACE_S &&
	       (double)q->body.len / s < HTTP_BIG_MIN_RATE;
}

/* Answers status before the request was parsed (its body too large, or
 * no slot for it): the connection is closed after it. */
static enum MHD_Result
answer_early(struct http_server *srv, struct answer *an, struct rq *q,
             int status)
{
	struct req r = {.arena = &q->arena,
	                .method = q->method,
	                .conn = an->c,
	                .path = "/",
	                .raw_path = "/",
	                .raw_query = "",
	                .client_addr = q->addr};

	client_addr(srv, an->c, q);
	if (status == 503)
		return answer_error(an, &r, 503,
		                    "Máy chủ đang nhận nhiều tệp "
		                    "cùng lúc. Vui lòng gửi lại "
		                    "sau ít phút.",
		                    NULL);
	return answer_error(an, &r, status, NULL, NULL);
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
       const char *version, const char *upload_data, size_t *upload_size,
       void **req_cls)
{
	struct http_server *srv = cls;
	struct rq *q = *req_cls;
	struct answer an = {
	        .c = c, .q = q, .method = method, .version = version};

	(void)url; /* decoded by nobody: we use the raw target in q->uri */
	if (!q)
		return MHD_NO;
	if (!q->seen) {
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		                                             "Content-Length");

		q->seen = true;
		q->method = http_method_of(method);
		q->limit = body_limit(srv, c, q);
		q->body.max = q->limit;
		if (cl) {
			char *end;
			unsigned long long n;

			errno = 0;
			n = strtoull(cl, &end, 10);
			if (!errno && end != cl && n <= q->limit &&
			    n > srv->max_body && !big_take(srv, q))
				return answer_early(srv, &an, q, 503);
			if (errno || end == cl || n > q->limit) {
				/* 413 now: the body is never read and MHD
				 * closes the connection after it. */
				return answer_early(srv, &an, q, 413);
			}
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!q->too_large && *upload_size > q->limit - q->body.len) {
			q->too_large = true;
			buf_release(&q->body);
		}
		if (!q->too_large && q->slot < 0 &&
		    *upload_size > srv->max_body - q->body.len &&
		    !big_take(srv, q)) {
			/* A chunked body grew past max_body with no slot:
			 * dropped like an oversized one, then 503. */
			q->too_large = q->too_busy = true;
			buf_release(&q->body);
		}
		if (q->too_large) {
			/* Read and dropped, so the 413 can be delivered;
			 * a client that keeps sending is cut off. */
			q->discarded += *upload_size;
			if (q->discarded >
			    (uint64_t)srv->max_body * HTTP_DISCARD_FACTOR)
				return MHD_NO;
		} else {
			buf_add(&q->body, upload_data, *upload_size);
			if (big_too_slow(q)) {
				log_warn("%s: a large body too slow (%zu bytes "
				         "so far): cut off",
				         q->addr, q->body.len);
				return MHD_NO;
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (q->too_large)
		return answer_early(srv, &an, q, q->too_busy ? 503 : 413);
	return process(srv, q, &an);
}

/* Start and stop ---------------------------------------------------- */

/* Splits "a b,c" lists; calls fn for each item (NUL-terminated copy). */
static int
each_item(const char *list, int (*fn)(void *, const char *), void *ctx)
{
	const char *p = list ? list : "";

	while (*p) {
		char item[256];
		size_t n;

		p += strspn(p, " ,\t");
		n = strcspn(p, " ,\t");
		if (!n)
			break;
		if (n >= sizeof(item))
			return log_error("listen address too long");
		memcpy(item, p, n);
		item[n] = '\0';
		p += n;
		if (fn(ctx, item) != 0)
			return -1;
	}
	return 0;
}

static int
add_proxy(void *ctx, const char *item)
{
	struct http_server *srv = ctx;

	if (srv->nproxies == HTTP_MAX_PROXIES)
		return log_error("more than %d trusted proxies",
		                 HTTP_MAX_PROXIES);
	if (!parse_ip(item, &srv->proxies[srv->nproxies]))
		return log_error("trusted proxy '%s' is not an IP address",
		                 item);
	srv->nproxies++;
	return 0;
}

struct start_ctx {
	struct http_server *srv;
	const struct http_config *cfg;
	unsigned threads;
};

static int
add_listener(void *ctx, const char *item)
{
	struct start_ctx *sc = ctx;
	struct http_server *srv = sc->srv;
	const struct http_config *cfg = sc->cfg;
	struct addrinfo hints, *ai = NULL;
	char host[256];
	const char *port, *h = item;
	size_t hlen;
	unsigned flags;
	int rc;
	size_t mem;

	if (srv->nd == HTTP_MAX_LISTEN)
		return log_error("more than %d listen addresses",
		                 HTTP_MAX_LISTEN);
	if (*item == '[') {
		const char *rb = strchr(item, ']');

		if (!rb || rb[1] != ':')
			return log_error("bad listen address '%s'", item);
		h = item + 1;
		hlen = (size_t)(rb - h);
		port = rb + 2;
	} else {
		const char *colon = strrchr(item, ':');

		if (!colon)
			return log_error("listen address '%s' has no port",
			                 item);
		hlen = (size_t)(colon - item);
		port = colon + 1;
	}
	if (hlen >= sizeof(host) || !*port)
		return log_error("bad listen address '%s'", item);
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(hlen ? host : NULL, port, &hints, &ai)) != 0 ||
	    !ai)
		return log_error("cannot resolve listen address '%s': %s", item,
		                 gai_strerror(rc));

	flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (ai->ai_family == AF_INET6) {
		const struct sockaddr_in6 *s6 =
		        (const struct sockaddr_in6 *)(const void *)ai->ai_addr;

		flags |= IN6_IS_ADDR_UNSPECIFIED(&s6->sin6_addr)
		                 ? MHD_USE_DUAL_STACK
		                 : MHD_USE_IPv6;
	}
	/*
	 * MHD keeps the request line and headers, and builds the response
	 * headers, in one pool per connection: max_header plus room for
	 * our response headers.  Past it MHD answers 431 (or 414 for a
	 * request line) itself.
	 */
	mem = st_add(cfg->max_header ? cfg->max_header : 16384, 8192);
	srv->d[srv->nd] = MHD_start_daemon(
	        flags, (uint16_t)atoi(port), NULL, NULL, handle, srv,
	        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR,
	        ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE, sc->threads,
	        MHD_OPTION_CONNECTION_MEMORY_LIMIT, mem,
	        MHD_OPTION_CONNECTION_TIMEOUT, cfg->idle_timeout,
	        MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_conn_per_ip,
	        MHD_OPTION_URI_LOG_CALLBACK, uri_cb, srv,
	        MHD_OPTION_NOTIFY_COMPLETED, done_cb, srv,
	        MHD_OPTION_NOTIFY_CONNECTION, conn_cb, srv,
	        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL,
	        MHD_OPTION_END);
	freeaddrinfo(ai);
	if (!srv->d[srv->nd])
		return log_error("cannot listen on '%s'", item);
	srv->nd++;
	return 0;
}

static int
open_dir(const char *dir)
{
	int fd;

	if (!dir || !*dir)
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		log_warn("cannot open folder '%s'; it will not be served", dir);
	return fd;
}

struct http_server *
http_start(const struct http_config *cfg, const struct route *const *tables,
           const size_t *table_sizes, size_t ntables)
{
	struct http_server *srv = xcalloc(1, sizeof(*srv));
	struct start_ctx sc = {srv, cfg, cfg->threads};
	long cores;

	pthread_mutex_init(&srv->pool_lock, NULL);
	for (size_t i = 0; i < HTTP_BIG_POOLS; i++)
		atomic_init(&srv->big_now[i], 0);
	atomic_init(&srv->inflight, 0);
	srv->max_body = cfg->max_body;
	for (size_t i = 0; i < cfg->nbody_limits; i++) {
		if (srv->nlimits == HTTP_MAX_BODY_LIMITS) {
			log_error("more than %d body limits",
			          HTTP_MAX_BODY_LIMITS);
			break;
		}
		if (cfg->body_limits[i].pool >= HTTP_BIG_POOLS) {
			log_error("body limit pool %u out of range",
			          cfg->body_limits[i].pool);
			continue;
		}
		if (cfg->body_limits[i].max > srv->max_body)
			srv->limits[srv->nlimits++] = cfg->body_limits[i];
	}
	srv->static_fd = open_dir(cfg->static_dir);
	srv->media_fd = open_dir(cfg->media_dir);
	srv->router = router_new(tables, table_sizes, ntables);
	if (!sc.threads) {
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		sc.threads = cores > 0 ? (unsigned)cores : 1;
	}
	pagecache_init(cfg->page_cache, cfg->page_cache_max);
	ratelimit_init(cfg->rate_limit, cfg->rate_burst);
	/* From here every failure goes to fail. */
	if (each_item(cfg->trusted_proxies, add_proxy, srv) != 0)
		goto fail;
	if (accesslog_open(cfg->access_log) != 0)
		goto fail;
	if (each_item(cfg->listen, add_listener, &sc) != 0)
		goto fail;
	if (!srv->nd) {
		log_errx("no listen address in '%s'",
		         cfg->listen ? cfg->listen : "");
		goto fail;
	}
	return srv;
fail:
	http_stop(srv);
	return NULL;
}

void
http_stop(struct http_server *srv)
{
	struct timespec ts = {0, 10 * 1000 * 1000};
	size_t i;
	int waited;

	if (!srv)
		return;
	/* Stop accepting first; then give requests in flight some time. */
	for (i = 0; i < srv->nd; i++) {
		MHD_socket fd = MHD_quiesce_daemon(srv->d[i]);

		if (fd != MHD_INVALID_SOCKET)
			close(fd);
	}
	for (waited = 0;
	     atomic_load(&srv->inflight) > 0 && waited < HTTP_STOP_WAIT_MS;
	     waited += 10)
		nanosleep(&ts, NULL);
	if (atomic_load(&srv->inflight) > 0)
		log_warnx("stopping with %d requests unfinished",
		          atomic_load(&srv->inflight));
	for (i = 0; i < srv->nd; i++)
		MHD_stop_daemon(srv->d[i]);
	accesslog_close();
	router_free(srv->router);
	pagecache_shutdown();
	ratelimit_shutdown();
	if (srv->static_fd >= 0)
		close(srv->static_fd);
	if (srv->media_fd >= 0)
		close(srv->media_fd);
	while (srv->pool) {
		struct rq *q = srv->pool;

		srv->pool = q->next_free;
		rq_free(q);
	}
	pthread_mutex_destroy(&srv->pool_lock);
	free(srv);
}
