/*
 * The server end to end: http_start on 127.0.0.1 with a small route
 * table, driven by a plain socket client (keep-alive, errors, HEAD, the
 * page cache with ETag/304/gzip, static files and traversal attempts,
 * bodies and their limits).
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <signal.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <zlib.h>

#include "http_int.h"

static atomic_int n_cached, n_home;
static atomic_llong views;
static int port;
static char tmpdir[64], logpath[128];
static struct http_server *srv;

static void
h_home(struct req *r, struct resp *rs)
{
	(void)r;
	atomic_fetch_add(&n_home, 1);
	buf_adds(&rs->body, "<p>xin chào</p>");
}

static void
h_cached(struct req *r, struct resp *rs)
{
	int i;

	atomic_fetch_add(&n_cached, 1);
	rs->cache_tags = "item:1 site";
	rs->view_item = 7;
	buf_addf(&rs->body, "<h1>%s</h1>", r->params[0]);
	for (i = 0; i < 200; i++)
		buf_adds(&rs->body, "<p>Sở Tư pháp tỉnh Kon Tum</p>\n");
}

static void
h_big(struct req *r, struct resp *rs)
{
	int i;

	(void)r;
	for (i = 0; i < 300; i++)
		buf_adds(&rs->body, "<li>văn bản</li>\n");
}

static void
h_query(struct req *r, struct resp *rs)
{
	const char *x = req_query(r, "x");

	buf_addf(&rs->body, "x=%s;ck=%s;path=%s", x ? x : "(none)",
	         req_cookie(r, "ck") ? req_cookie(r, "ck") : "(none)", r->path);
}

static void
h_form(struct req *r, struct resp *rs)
{
	const char *a = req_form(r, "a");

	rs->content_type = "text/plain; charset=utf-8";
	buf_addf(&rs->body, "a=%s;uploads=%zu", a ? a : "(none)", r->nuploads);
	if (r->nuploads)
		buf_addf(&rs->body, ";%s:%zu", r->uploads[0].filename,
		         r->uploads[0].len);
}

static void
h_who(struct req *r, struct resp *rs)
{
	buf_addf(&rs->body, "%s %s", r->client_addr,
	         r->https ? "https" : "http");
}

/* Redirects to a location named by :x, as a handler might build one
 * from data. */
static void
h_redir(struct req *r, struct resp *rs)
{
	static const char *const to[] = {
	        "/tin/a-1",        /* "0" */
	        "//evil.test/",    /* "1" */
	        "/a\r\nX-Evil: 1", /* "2" */
	        "javascript:x",    /* "3" */
	};

	resp_redirect(rs, 301, to[r->params[0][0] - '0']);
}

static const struct route routes[] = {
        {HTTP_M_GET, "/redir/:x", h_redir},
        {HTTP_M_GET, "/who", h_who},
        {HTTP_M_GET, "/", h_home},
        {HTTP_M_GET, "/cached/:x", h_cached},
        {HTTP_M_GET, "/big", h_big},
        {HTTP_M_GET, "/q", h_query},
        {HTTP_M_POST, "/form", h_form},
};

static void
count_views(int64_t item, int64_t cat)
{
	(void)cat;
	atomic_fetch_add(&views, item);
}

/* A tiny client ---------------------------------------------------- */

struct hresp {
	int status;
	char head[8192];
	char *body;
	size_t len;
};

static int
conn_open6(void)
{
	struct sockaddr_in6 sa = {.sin6_family = AF_INET6};
	int fd = socket(AF_INET6, SOCK_STREAM, 0);
	struct timeval tv = {5, 0};

	sa.sin6_port = htons((uint16_t)port);
	sa.sin6_addr = in6addr_loopback;
	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	return fd;
}

static int
conn_open(void)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct timeval tv = {5, 0};

	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	return fd;
}

static void
send_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t w = send(fd, p, len, MSG_NOSIGNAL);

		if (w <= 0)
			return; /* the server may have closed: fine */
		p += w;
		len -= (size_t)w;
	}
}

/* Value of header name in r->head (static buffer), or NULL. */
static const char *
hdr(const struct hresp *r, const char *name)
{
	static char val[1024];
	const char *p = r->head;
	size_t nl = strlen(name);

	while ((p = strstr(p, "\r\n"))) {
		p += 2;
		if (!strncasecmp(p, name, nl) && p[nl] == ':') {
			const char *v = p + nl + 1, *e;

			while (*v == ' ')
				v++;
			e = strstr(v, "\r\n");
			snprintf(val, sizeof(val), "%.*s", (int)(e - v), v);
			return val;
		}
	}
	return NULL;
}

/* Reads one response; false on EOF before a full header. */
static bool
read_resp(int fd, bool head, struct hresp *r)
{
	size_t n = 0, need;
	const char *cl, *end;
	char c;

	free(r->body);
	memset(r, 0, sizeof(*r));
	/* Byte by byte up to the blank line: keeps later responses. */
	while (n < sizeof(r->head) - 1) {
		if (recv(fd, &c, 1, 0) != 1)
			return false;
		r->head[n++] = c;
		if (n >= 4 && !memcmp(r->head + n - 4, "\r\n\r\n", 4))
			break;
	}
	r->head[n] = '\0';
	if (!(end = strstr(r->head, "\r\n\r\n")))
		return false;
	r->status = atoi(r->head + 9);
	cl = hdr(r, "Content-Length");
	need = head || r->status == 304 || !cl ? 0 : (size_t)atol(cl);
	r->body = calloc(1, need + 1);
	while (r->len < need) {
		ssize_t k = recv(fd, r->body + r->len, need - r->len, 0);

		if (k <= 0)
			return false;
		r->len += (size_t)k;
	}
	return true;
}

/* One request on a fresh connection. */
static void
get(const char *req, struct hresp *r)
{
	int fd = conn_open();

	send_all(fd, req, strlen(req));
	assert_true(read_resp(fd, !strncmp(req, "HEAD", 4), r));
	close(fd);
}

static bool
closed_by_peer(int fd)
{
	char c;

	return recv(fd, &c, 1, 0) == 0;
}

/* Setup -------------------------------------------------------------- */

static int
free_port(void)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t sl = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), p;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	getsockname(fd, (struct sockaddr *)&sa, &sl);
	p = ntohs(sa.sin_port);
	close(fd);
	return p;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int
setup(void **state)
{
	static const struct route *const tables[] = {routes};
	static const size_t sizes[] = {ARRAY_SIZE(routes)};
	static char listen[64], sdir[96], path[160];
	struct http_config cfg = {0};

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ttdt-http-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	snprintf(sdir, sizeof(sdir), "%s/static", tmpdir);
	mkdir(sdir, 0755);
	snprintf(path, sizeof(path), "%s/app.css", sdir);
	write_file(path, "body { color: #123; }\n");
	snprintf(path, sizeof(path), "%s/.hidden", sdir);
	write_file(path, "secret");
	snprintf(path, sizeof(path), "%s/secret.txt", tmpdir);
	write_file(path, "outside the static folder");
	snprintf(path, sizeof(path), "%s/link.txt", sdir);
	assert_int_equal(symlink("../secret.txt", path), 0);

	port = free_port();
	snprintf(listen, sizeof(listen), "127.0.0.1:%d [::1]:%d", port, port);
	snprintf(logpath, sizeof(logpath), "%s/access.log", tmpdir);
	cfg.access_log = logpath;
	cfg.trusted_proxies = "10.9.9.9, ::1";
	cfg.listen = listen;
	cfg.threads = 2;
	cfg.max_header = 8192;
	cfg.max_body = 65536;
	cfg.idle_timeout = 10;
	cfg.static_dir = sdir;
	cfg.page_cache = true;
	cfg.page_cache_max = 1 << 20;
	http_set_view_counter(count_views);
	srv = http_start(&cfg, tables, sizes, 1);
	return srv ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	http_stop(srv);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Tests -------------------------------------------------------------- */

static void
test_server__keep_alive(void **state)
{
	static const char req[] = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
	struct hresp r = {0};
	int fd = conn_open();

	(void)state;
	send_all(fd, req, strlen(req));
	assert_true(read_resp(fd, false, &r));
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "<p>xin chào</p>");
	assert_null(hdr(&r, "Connection"));
	assert_string_equal(hdr(&r, "Content-Type"),
	                    "text/html; charset=utf-8");
	assert_string_equal(hdr(&r, "X-Content-Type-Options"), "nosniff");
	assert_string_equal(hdr(&r, "Cache-Control"), "no-store");
	assert_non_null(strstr(hdr(&r, "Content-Security-Policy"),
	                       "frame-ancestors 'none'"));
	/* The same connection answers again. */
	send_all(fd, req, strlen(req));
	assert_true(read_resp(fd, false, &r));
	assert_int_equal(r.status, 200);
	close(fd);
	free(r.body);
}

static void
test_server__not_found_and_method(void **state)
{
	struct hresp r = {0};

	(void)state;
	get("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n", &r);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "lang=\"vi\""));
	assert_non_null(strstr(r.body, "Không tìm thấy trang"));
	assert_non_null(strstr(r.body, "href=\"/\""));
	get("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", &r);
	assert_int_equal(r.status, 405);
	assert_string_equal(hdr(&r, "Allow"), "GET, HEAD");
	get("DELETE /form HTTP/1.1\r\nHost: x\r\n\r\n", &r);
	assert_int_equal(r.status, 405);
	assert_string_equal(hdr(&r, "Allow"), "POST");
	free(r.body);
}

static void
test_server__bad_input(void **state)
{
	struct hresp r = {0};

	(void)state;
	get("GET /q?x=%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n", &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, http_msg_utf8));
	get("GET /q?x=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n", &r);
	assert_int_equal(r.status, 400);
	get("GET /%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n", &r);
	assert_int_equal(r.status, 400);
	get("GET /q HTTP/1.1\r\nHost: x\r\nCookie: ck=\xc3\x28\r\n\r\n", &r);
	assert_int_equal(r.status, 400);
	get("GET /q?x=t%C6%B0 HTTP/1.1\r\nHost: x\r\nCookie: ck=v1\r\n\r\n",
	    &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "x=tư;ck=v1;path=/q");
	free(r.body);
}

static void
test_server__bodies(void **state)
{
	static const char mp[] =
	        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	        "đơn\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
	        "filename=\"x/y.bin\"\r\n\r\n\r\n\r\n\0\r\n--XyZ--\r\n";
	struct hresp r = {0};
	struct buf b = BUF_INIT;
	int fd, i;

	(void)state;
	get("POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: "
	    "application/x-www-form-urlencoded\r\nContent-Length: 14\r\n\r\n"
	    "a=%C4%91%C6%A1",
	    &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "a=đơ;uploads=0");
	buf_addf(&b,
	         "POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: "
	         "multipart/form-data; boundary=XyZ\r\n"
	         "Content-Length: %zu\r\n\r\n",
	         sizeof(mp) - 1);
	buf_add(&b, mp, sizeof(mp) - 1);
	fd = conn_open();
	send_all(fd, b.p, b.len);
	assert_true(read_resp(fd, false, &r));
	close(fd);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "a=đơn;uploads=1;y.bin:5");
	/* Content-Length over max_body: 413 before any body is sent. */
	fd = conn_open();
	send_all(fd,
	         "POST /form HTTP/1.1\r\nHost: x\r\n"
	         "Content-Length: 10000000\r\n\r\n",
	         58);
	assert_true(read_resp(fd, false, &r));
	assert_int_equal(r.status, 413);
	assert_non_null(strstr(r.body, "quá lớn"));
	assert_true(closed_by_peer(fd));
	close(fd);
	/* A chunked body that grows past max_body. */
	fd = conn_open();
	buf_reset(&b);
	buf_adds(&b, "POST /form HTTP/1.1\r\nHost: x\r\n"
	             "Transfer-Encoding: chunked\r\n\r\n");
	for (i = 0; i < 20; i++) {
		buf_addf(&b, "1000\r\n");
		for (int k = 0; k < 0x1000; k++)
			buf_addch(&b, 'a');
		buf_adds(&b, "\r\n");
	}
	buf_adds(&b, "0\r\n\r\n");
	send_all(fd, b.p, b.len);
	assert_true(read_resp(fd, false, &r));
	assert_int_equal(r.status, 413);
	close(fd);
	buf_release(&b);
	free(r.body);
}

static void
test_server__head(void **state)
{
	struct hresp g = {0}, h = {0};

	(void)state;
	get("GET /big HTTP/1.1\r\nHost: x\r\n\r\n", &g);
	get("HEAD /big HTTP/1.1\r\nHost: x\r\n\r\n", &h);
	assert_int_equal(h.status, 200);
	assert_int_equal(h.len, 0);
	assert_int_equal(atol(hdr(&h, "Content-Length")), (long)g.len);
	assert_int_equal(g.len, 300 * strlen("<li>văn bản</li>\n"));
	free(g.body);
	free(h.body);
}

static void
test_server__gzip_on_the_fly(void **state)
{
	struct hresp r = {0};
	char out[8192];
	uLongf olen = sizeof(out);
	z_stream zs = {0};

	(void)state;
	get("GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\n\r\n",
	    &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(hdr(&r, "Content-Encoding"), "gzip");
	assert_string_equal(hdr(&r, "Vary"), "Accept-Encoding");
	assert_true(r.len < 1000);
	assert_int_equal(inflateInit2(&zs, 15 + 16), Z_OK);
	zs.next_in = (Bytef *)r.body;
	zs.avail_in = (uInt)r.len;
	zs.next_out = (Bytef *)out;
	zs.avail_out = (uInt)olen;
	assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
	assert_int_equal(zs.total_out, 6000);
	inflateEnd(&zs);
	get("GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip;q=0\r\n\r\n",
	    &r);
	assert_null(hdr(&r, "Content-Encoding"));
	assert_int_equal(r.len, 6000);
	free(r.body);
}

static void
test_server__page_cache(void **state)
{
	struct hresp a = {0}, b = {0}, z = {0};
	char etag[64], req[256];
	int before = atomic_load(&n_cached);
	long long v0 = atomic_load(&views);

	(void)state;
	get("GET /cached/p1?k=1 HTTP/1.1\r\nHost: x\r\n\r\n", &a);
	get("GET /cached/p1?k=1 HTTP/1.1\r\nHost: x\r\n\r\n", &b);
	assert_int_equal(a.status, 200);
	assert_int_equal(b.status, 200);
	assert_int_equal(atomic_load(&n_cached), before + 1);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.body, b.body, a.len);
	assert_non_null(hdr(&a, "ETag"));
	snprintf(etag, sizeof(etag), "%s", hdr(&a, "ETag"));
	assert_string_equal(hdr(&b, "ETag"), etag);
	assert_string_equal(hdr(&b, "Cache-Control"), "public, max-age=60");
	assert_string_equal(hdr(&b, "Referrer-Policy"),
	                    "strict-origin-when-cross-origin");
	assert_int_equal(atomic_load(&views) - v0, 14); /* item 7, twice */

	/* Another query string is another page. */
	get("GET /cached/p1?k=2 HTTP/1.1\r\nHost: x\r\n\r\n", &b);
	assert_int_equal(atomic_load(&n_cached), before + 2);

	snprintf(req, sizeof(req),
	         "GET /cached/p1?k=1 HTTP/1.1\r\nHost: x\r\n"
	         "If-None-Match: W/\"x\", %s\r\n\r\n",
	         etag);
	get(req, &b);
	assert_int_equal(b.status, 304);
	assert_string_equal(hdr(&b, "ETag"), etag);
	/* RFC 9110 8.6: a 304's Content-Length is the 200's, never 0. */
	assert_int_equal((size_t)atol(hdr(&b, "Content-Length")), a.len);

	get("GET /cached/p1?k=1 HTTP/1.1\r\nHost: x\r\n"
	    "Accept-Encoding: deflate, gzip\r\n\r\n",
	    &z);
	assert_int_equal(z.status, 200);
	assert_string_equal(hdr(&z, "Content-Encoding"), "gzip");
	assert_true(z.len < a.len / 4);
	assert_int_equal(atomic_load(&n_cached), before + 2);
	/* The gzip copy is another representation: its own ETag, which
	 * revalidates the gzip copy only. */
	assert_string_not_equal(hdr(&z, "ETag"), etag);
	snprintf(req, sizeof(req),
	         "GET /cached/p1?k=1 HTTP/1.1\r\nHost: x\r\n"
	         "Accept-Encoding: gzip\r\nIf-None-Match: %s\r\n\r\n",
	         etag);
	get(req, &b);
	assert_int_equal(b.status, 200);
	snprintf(req, sizeof(req),
	         "GET /cached/p1?k=1 HTTP/1.1\r\nHost: x\r\n"
	         "Accept-Encoding: gzip\r\nIf-None-Match: %s\r\n\r\n",
	         hdr(&z, "ETag"));
	get(req, &b);
	assert_int_equal(b.status, 304);
	assert_string_equal(hdr(&b, "Content-Encoding"), "gzip");
	assert_int_equal((size_t)atol(hdr(&b, "Content-Length")), z.len);

	/* HEAD from the cache: same length, no body. */
	get("HEAD /cached/p1?k=1 HTTP/1.1\r\nHost: x\r\n\r\n", &b);
	assert_int_equal(b.status, 200);
	assert_int_equal((size_t)atol(hdr(&b, "Content-Length")), a.len);

	/* Invalidation makes the next request render again. */
	pagecache_invalidate_tag("item:1");
	get("GET /cached/p1?k=1 HTTP/1.1\r\nHost: x\r\n\r\n", &b);
	assert_int_equal(b.status, 200);
	assert_int_equal(atomic_load(&n_cached), before + 3);
	get("GET /cached/p1?k=1 HTTP/1.1\r\nHost: x\r\n\r\n", &b);
	assert_int_equal(atomic_load(&n_cached), before + 3);
	free(a.body);
	free(b.body);
	free(z.body);
}

static void
test_server__redirects(void **state)
{
	struct hresp r = {0};

	(void)state;
	get("GET /redir/0 HTTP/1.1\r\nHost: x\r\n\r\n", &r);
	assert_int_equal(r.status, 301);
	assert_string_equal(hdr(&r, "Location"), "/tin/a-1");
	/* Another site, a header split, a script: a bug, never sent. */
	for (char c = '1'; c <= '3'; c++) {
		char req[64];

		snprintf(req, sizeof(req),
		         "GET /redir/%c HTTP/1.1\r\nHost: x\r\n\r\n", c);
		get(req, &r);
		assert_int_equal(r.status, 500);
		assert_null(hdr(&r, "Location"));
		assert_null(hdr(&r, "X-Evil"));
	}
	free(r.body);
}

static void
test_server__etag_uncached(void **state)
{
	struct hresp r = {0};
	char req[256];

	(void)state;
	get("GET /big HTTP/1.1\r\nHost: x\r\n\r\n", &r);
	assert_non_null(hdr(&r, "ETag"));
	snprintf(req, sizeof(req),
	         "GET /big HTTP/1.1\r\nHost: x\r\n"
	         "If-None-Match: %s\r\n\r\n",
	         hdr(&r, "ETag"));
	get(req, &r);
	assert_int_equal(r.status, 304);
	assert_int_equal(atol(hdr(&r, "Content-Length")), 300 * 20);
	assert_string_equal(hdr(&r, "Vary"), "Accept-Encoding");
	free(r.body);
}

static void
test_server__static(void **state)
{
	static const char *const refused[] = {
	        "GET /static/../Makefile HTTP/1.1\r\n",
	        "GET /static/%2e%2e/secret.txt HTTP/1.1\r\n",
	        "GET /static/..%2fsecret.txt HTTP/1.1\r\n",
	        "GET /static/..%5csecret.txt HTTP/1.1\r\n",
	        "GET /static/%C0%AE%C0%AE/secret.txt HTTP/1.1\r\n",
	        "GET /static/link.txt HTTP/1.1\r\n",
	        "GET /static/.hidden HTTP/1.1\r\n",
	        "GET /static/app.css%00.png HTTP/1.1\r\n",
	        "GET /static/ HTTP/1.1\r\n",
	        "GET /static/nope.css HTTP/1.1\r\n",
	};
	struct hresp r = {0};
	char req[256], etag[64], lm[64];
	size_t i;

	(void)state;
	get("GET /static/app.css HTTP/1.1\r\nHost: x\r\n\r\n", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "body { color: #123; }\n");
	assert_string_equal(hdr(&r, "Content-Type"), "text/css; charset=utf-8");
	assert_string_equal(hdr(&r, "Cache-Control"), "public, max-age=86400");
	snprintf(etag, sizeof(etag), "%s", hdr(&r, "ETag"));
	snprintf(lm, sizeof(lm), "%s", hdr(&r, "Last-Modified"));
	snprintf(req, sizeof(req),
	         "GET /static//./app.css HTTP/1.1\r\n"
	         "Host: x\r\nIf-None-Match: %s\r\n\r\n",
	         etag);
	get(req, &r);
	assert_int_equal(r.status, 304);
	assert_int_equal(atol(hdr(&r, "Content-Length")), 22);
	snprintf(req, sizeof(req),
	         "GET /static/app.css HTTP/1.1\r\n"
	         "Host: x\r\nIf-Modified-Since: %s\r\n\r\n",
	         lm);
	get(req, &r);
	assert_int_equal(r.status, 304);
	get("POST /static/app.css HTTP/1.1\r\nHost: x\r\n"
	    "Content-Length: 0\r\n\r\n",
	    &r);
	assert_int_equal(r.status, 405);
	for (i = 0; i < ARRAY_SIZE(refused); i++) {
		snprintf(req, sizeof(req), "%sHost: x\r\n\r\n", refused[i]);
		get(req, &r);
		if (r.status != 400 && r.status != 404)
			fail_msg("%s -> %d", refused[i], r.status);
		assert_null(strstr(r.body, "outside"));
	}
	free(r.body);
}

static void
test_server__header_too_large(void **state)
{
	struct buf b = BUF_INIT;
	struct hresp r = {0};
	int fd, i;

	(void)state;
	buf_adds(&b, "GET / HTTP/1.1\r\nHost: x\r\n");
	for (i = 0; i < 400; i++)
		buf_addf(&b, "X-Filler-%d: %s\r\n", i, "aaaaaaaaaaaaaaaaaaaa");
	buf_adds(&b, "\r\n");
	fd = conn_open();
	send_all(fd, b.p, b.len);
	/* MHD answers this itself (431, its own English page). */
	assert_true(read_resp(fd, false, &r));
	assert_int_equal(r.status, 431);
	close(fd);
	buf_release(&b);
	free(r.body);
	r.body = NULL;
	/* And the server still answers. */
	get("GET / HTTP/1.1\r\nHost: x\r\n\r\n", &r);
	assert_int_equal(r.status, 200);
	free(r.body);
}

static void
test_server__ipv6_and_proxies(void **state)
{
	static const char req[] = "GET /who HTTP/1.1\r\nHost: x\r\n"
	                          "X-Forwarded-For: 1.2.3.4, 2001:db8::7\r\n"
	                          "X-Forwarded-Proto: https\r\n\r\n";
	struct hresp r = {0};
	int fd;

	(void)state;
	/* Over IPv6 from ::1, a trusted proxy: the last XFF address. */
	fd = conn_open6();
	send_all(fd, req, strlen(req));
	assert_true(read_resp(fd, false, &r));
	close(fd);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "2001:db8::7 https");
	/* 127.0.0.1 is not trusted: its own address, headers ignored. */
	get(req, &r);
	assert_string_equal(r.body, "127.0.0.1 http");
	free(r.body);
}

static void
test_server__access_log(void **state)
{
	char line[1024];
	bool found = false;
	FILE *f;

	(void)state;
	accesslog_flush();
	assert_non_null(f = fopen(logpath, "r"));
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "\"GET /q?x=%C3%28 HTTP/1.1\" 400 ") &&
		    !strncmp(line, "127.0.0.1 - - [", 15) &&
		    strstr(line, "\"-\" \"-\"\n"))
			found = true;
	fclose(f);
	assert_true(found);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_server__keep_alive),
	        cmocka_unit_test(test_server__not_found_and_method),
	        cmocka_unit_test(test_server__bad_input),
	        cmocka_unit_test(test_server__bodies),
	        cmocka_unit_test(test_server__head),
	        cmocka_unit_test(test_server__gzip_on_the_fly),
	        cmocka_unit_test(test_server__page_cache),
	        cmocka_unit_test(test_server__redirects),
	        cmocka_unit_test(test_server__etag_uncached),
	        cmocka_unit_test(test_server__static),
	        cmocka_unit_test(test_server__header_too_large),
	        cmocka_unit_test(test_server__ipv6_and_proxies),
	        cmocka_unit_test(test_server__access_log),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, setup, teardown);
}
