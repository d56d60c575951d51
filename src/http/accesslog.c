/*
 * Access log in the combined log format (Apache/nginx), so the usual
 * tools read it:
 *   addr - - [10/Oct/2026:20:55:36 +0700] "GET /p?q HTTP/1.1" 200 2326
 *   "referer" "user agent"
 * Times are Viet Nam local time, from vntime like every other date.
 * Each line is formatted on the caller's stack with
 * quotes, backslashes and control bytes escaped as \xNN, so a request
 * cannot forge a line.  Lines go to stderr with one write each, or to a
 * file through a shared buffer written out (whole lines only) when it
 * fills or a second has passed, and at shutdown.
 */
#include "common.h"

#include <fcntl.h>

#include "http_int.h"
#include "log.h"
#include "vntime.h"

#define AL_BUF 65536
#define AL_LINE 4096

static struct {
	pthread_mutex_t lock;
	int fd; /* -1: off */
	bool buffered;
	char buf[AL_BUF];
	size_t len;
	time_t last_flush;
} al = {.lock = PTHREAD_MUTEX_INITIALIZER, .fd = -1};

int
accesslog_open(const char *path)
{
	accesslog_close();
	if (!path || !*path)
		return 0;
	pthread_mutex_lock(&al.lock);
	if (!strcmp(path, "-")) {
		al.fd = STDERR_FILENO;
		al.buffered = false;
	} else {
		al.fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		             0640);
		al.buffered = true;
	}
	al.len = 0;
	al.last_flush = time(NULL);
	pthread_mutex_unlock(&al.lock);
	if (al.fd < 0)
		return log_error("cannot open access log '%s'", path);
	return 0;
}

bool
accesslog_enabled(void)
{
	return al.fd >= 0;
}

static void
write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* a full disk must not stop the site */
		p += w;
		len -= (size_t)w;
	}
}

/* Lock held. */
static void
flush_locked(void)
{
	if (al.fd >= 0 && al.len)
		write_all(al.fd, al.buf, al.len);
	al.len = 0;
	al.last_flush = time(NULL);
}

void
accesslog_flush(void)
{
	pthread_mutex_lock(&al.lock);
	flush_locked();
	pthread_mutex_unlock(&al.lock);
}

void
accesslog_close(void)
{
	pthread_mutex_lock(&al.lock);
	flush_locked();
	if (al.fd > STDERR_FILENO)
		close(al.fd);
	al.fd = -1;
	pthread_mutex_unlock(&al.lock);
}

/* Appends s (or "-" if NULL/empty) escaped, keeping room for the end. */
static size_t
add_esc(char *out, size_t n, size_t cap, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	if (!s || !*s)
		s = "-";
	for (; *s && n + 5 < cap; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
			out[n++] = '\\';
			out[n++] = 'x';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		} else {
			out[n++] = (char)c;
		}
	}
	return n;
}

static size_t
add_raw(char *out, size_t n, size_t cap, const char *s)
{
	size_t l = strlen(s);

	if (l > cap - n - 1)
		l = cap - n - 1;
	memcpy(out + n, s, l);
	return n + l;
}

void
accesslog_write(const char *addr, const char *method, const char *uri,
                const char *version, int status, uint64_t bytes,
                const char *referer, const char *agent)
{
	/* Room is kept for the fixed tail; long fields are cut. */
	char line[AL_LINE], tbuf[64];
	size_t n = 0, cap = sizeof(line) - 64;
	struct buf date = BUF_INIT;
	time_t now;

	if (al.fd < 0)
		return;
	now = time(NULL);
	vntime_format(&date, now, VNTIME_CLF);
	n = add_esc(line, n, cap, addr);
	n = add_raw(line, n, cap, " - - [");
	n = add_raw(line, n, cap, date.p);
	buf_release(&date);
	n = add_raw(line, n, cap, "] \"");
	n = add_esc(line, n, cap, method);
	line[n++] = ' ';
	n = add_esc(line, n, cap / 2, uri);
	line[n++] = ' ';
	n = add_esc(line, n, cap, version);
	snprintf(tbuf, sizeof(tbuf), "\" %d %llu \"", status,
	         (unsigned long long)bytes);
	n = add_raw(line, n, cap, tbuf);
	n = add_esc(line, n, cap * 3 / 4, referer);
	n = add_raw(line, n, cap, "\" \"");
	n = add_esc(line, n, cap, agent);
	n = add_raw(line, n, sizeof(line), "\"\n");

	pthread_mutex_lock(&al.lock);
	if (!al.buffered) {
		write_all(al.fd, line, n);
	} else {
		if (al.len + n > sizeof(al.buf))
			flush_locked();
		memcpy(al.buf + al.len, line, n);
		al.len += n;
		if (now != al.last_flush)
			flush_locked();
	}
	pthread_mutex_unlock(&al.lock);
}
