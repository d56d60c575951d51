/* Tests of e-mail: the message format (headers, encoded-words, quoted-
 * printable, CRLF, line lengths), header-injection refusal, the outbox
 * (queue, send, retry with backoff, give up, claims, mail off), the
 * Vietnamese texts and the forgotten-password mail.  Delivery goes to
 * tests/tools/smtp_sink.py, started as a child on a free loopback port;
 * the tests read back the .eml files it writes. */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "config.h"
#include "mail.h"
#include "reset.h"
#include "smtp.h"
#include "store_fixture.h"
#include "user.h"
#include "utf8.h"

#define T0 ((time_t)1767225600) /* 2026-01-01T00:00:00Z, a Thursday */
#define FROM "thongbao@stp.example"
#define USER "ttdt"
#define PASS "mật-khẩu thử"

static const char subject_vi[] =
        "Tin, bài chờ duyệt: Hội nghị triển khai công tác tư pháp năm 2026 "
        "của Sở Tư pháp tỉnh Kon Tum — Đảng bộ, chính quyền và nhân dân";
static const char body_vi[] =
        "Kính gửi: Nguyễn Thị Hoa,\n\n"
        ".Dòng bắt đầu bằng dấu chấm\n"
        ".\n"
        "Dấu bằng = và khoảng trắng cuối dòng   \n"
        "Một dòng rất dài để kiểm tra ngắt dòng mềm của quoted-printable: "
        "Ủy ban nhân dân tỉnh Kon Tum ban hành kế hoạch phổ biến, giáo dục "
        "pháp luật năm 2026 cho cán bộ, công chức, viên chức và người lao "
        "động.\r\n"
        "Tab\tở giữa, CRLF ở trên, CR đơn lẻ sau đây\rvà hết.";

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	char dir[64];  /* where the sink writes */
	pid_t sink;    /* 0: not running */
	unsigned port; /* the sink's port (or a free one) */
	char pwfile[80];
};

/* ---- helpers ---------------------------------------------------------- */

/* The sink script: from the repository root (tests run there), else
 * found from this binary's place (build/tests/domain/mail_test). */
static const char *
sink_script(void)
{
	static char path[4096];
	char exe[4000];
	ssize_t n;

	if (access("tests/tools/smtp_sink.py", R_OK) == 0)
		return "tests/tools/smtp_sink.py";
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	assert_true(n > 0);
	exe[n] = '\0';
	for (int i = 0; i < 4; i++)
		*strrchr(exe, '/') = '\0';
	snprintf(path, sizeof(path), "%s/tests/tools/smtp_sink.py", exe);
	assert_int_equal(access(path, R_OK), 0);
	return path;
}

/* A loopback port nobody listens on right now. */
static unsigned
free_port(void)
{
	struct sockaddr_in sa = {0};
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	close(fd);
	return ntohs(sa.sin_port);
}

/* Starts the sink on f->port (0: any), with AUTH when user is set. */
static void
sink_start(struct fx *f, unsigned port, const char *user, const char *pw)
{
	char pf[128], portarg[16];
	struct timespec ts = {0, 20 * 1000 * 1000};
	FILE *fp;
	pid_t pid;

	snprintf(pf, sizeof(pf), "%s.port", f->dir);
	unlink(pf);
	snprintf(portarg, sizeof(portarg), "%u", port);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		if (user)
			execlp("python3", "python3", sink_script(), "--dir",
			       f->dir, "--port", portarg, "--port-file", pf,
			       "--user", user, "--password", pw, (char *)NULL);
		else
			execlp("python3", "python3", sink_script(), "--dir",
			       f->dir, "--port", portarg, "--port-file", pf,
			       (char *)NULL);
		_exit(127);
	}
	f->sink = pid;
	for (int i = 0; i < 500 && !(fp = fopen(pf, "r")); i++)
		nanosleep(&ts, NULL);
	assert_non_null(fp);
	assert_int_equal(fscanf(fp, "%u", &f->port), 1);
	fclose(fp);
	unlink(pf);
	assert_true(port == 0 || f->port == port);
}

/* Stops the sink with SIGTERM; it must exit cleanly. */
static void
sink_stop(struct fx *f)
{
	int st;

	if (!f->sink)
		return;
	kill(f->sink, SIGTERM);
	assert_int_equal(waitpid(f->sink, &st, 0), f->sink);
	f->sink = 0;
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* Points [mail] at the loopback port. */
static void
mail_config(unsigned port)
{
	char p[16];

	snprintf(p, sizeof(p), "%u", port);
	assert_int_equal(config_set(&config, "mail", "host", "127.0.0.1"), 0);
	assert_int_equal(config_set(&config, "mail", "port", p), 0);
	assert_int_equal(config_set(&config, "mail", "tls", "none"), 0);
	assert_int_equal(config_set(&config, "mail", "from", FROM), 0);
	assert_int_equal(config_set(&config, "mail", "timeout", "5"), 0);
}

/* The contents of file dir/name in b (reset first). */
static void
read_file(const char *dir, const char *name, struct buf *b)
{
	char path[256];
	char tmp[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf_reset(b);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		buf_add(b, tmp, (size_t)n);
	close(fd);
}

/* How many .eml files the sink wrote. */
static int
eml_count(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (strlen(e->d_name) > 4 &&
		    !strcmp(e->d_name + strlen(e->d_name) - 4, ".eml"))
			n++;
	closedir(d);
	return n;
}

static int
b64_val(char c)
{
	const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                "0123456789+/";
	const char *p = c ? strchr(t, c) : NULL;

	return p ? (int)(p - t) : -1;
}

static void
b64_decode(struct buf *out, const char *p, size_t len)
{
	unsigned acc = 0;
	int bits = 0;

	for (size_t i = 0; i < len && p[i] != '='; i++) {
		int v = b64_val(p[i]);

		assert_true(v >= 0);
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_addch(out, (char)((acc >> bits) & 0xff));
		}
	}
}

/* The unfolded value of header name in message m ("" if absent). */
static void
header(const struct buf *m, const char *name, struct buf *out)
{
	size_t nl = strlen(name);
	const char *p = m->p, *end = strstr(m->p, "\r\n\r\n");

	buf_reset(out);
	assert_non_null(end);
	while (p < end) {
		const char *eol = strstr(p, "\r\n");

		if (!strncasecmp(p, name, nl) && p[nl] == ':') {
			p += nl + 1;
			while (*p == ' ')
				p++;
			for (;;) {
				eol = strstr(p, "\r\n");
				buf_add(out, p, (size_t)(eol - p));
				if (eol[2] != ' ' && eol[2] != '\t')
					return;
				p = eol + 2;
			}
		}
		p = eol + 2;
	}
}

/* Decodes RFC 2047 B words (UTF-8) separated by spaces; the rest of the
 * value, if any, is appended after a space. */
static void
decode_words(const char *v, struct buf *out)
{
	buf_reset(out);
	while (*v) {
		if (!strncmp(v, "=?UTF-8?B?", 10)) {
			const char *e = strstr(v + 10, "?=");

			assert_non_null(e);
			b64_decode(out, v + 10, (size_t)(e - v - 10));
			v = e + 2;
			while (*v == ' ')
				v++;
			continue;
		}
		if (out->len)
			buf_addch(out, ' ');
		buf_adds(out, v);
		return;
	}
}

/* Decodes the quoted-printable body of message m. */
static void
qp_body(const struct buf *m, struct buf *out)
{
	const char *p = strstr(m->p, "\r\n\r\n");

	buf_reset(out);
	assert_non_null(p);
	for (p += 4; *p; p++) {
		if (*p == '=' && p[1] == '\r' && p[2] == '\n') {
			p += 2;
		} else if (*p == '=') {
			unsigned v;

			assert_int_equal(sscanf(p + 1, "%2X", &v), 1);
			buf_addch(out, (char)v);
			p += 2;
		} else {
			buf_addch(out, *p);
		}
	}
}

/* The body as sent: every line end a CRLF, and one at the end if the
 * text does not end with one. */
static void
crlf_text(const char *s, struct buf *out)
{
	size_t n = strlen(s);
	bool ends = n && (s[n - 1] == '\n' || s[n - 1] == '\r');

	buf_reset(out);
	for (; *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			s++;
		if (*s == '\r' || *s == '\n')
			buf_adds(out, "\r\n");
		else
			buf_addch(out, *s);
	}
	if (!ends)
		buf_adds(out, "\r\n");
}

/* Every byte 7-bit, every line ends with CRLF and has at most 78
 * characters, no bare CR or LF. */
static void
check_wire(const struct buf *m)
{
	size_t col = 0;

	assert_true(m->len >= 2);
	for (size_t i = 0; i < m->len; i++) {
		unsigned char c = (unsigned char)m->p[i];

		assert_true(c < 0x80);
		if (c == '\r') {
			assert_true(i + 1 < m->len && m->p[i + 1] == '\n');
			i++;
			col = 0;
			continue;
		}
		assert_true(c != '\n');
		col++;
		assert_true(col <= 78);
	}
	assert_int_equal(m->p[m->len - 1], '\n');
}

static int64_t
pending(struct fx *f)
{
	int64_t n = -1;

	assert_int_equal(store_mail_count(f->s, &n, NULL, NULL), ERR_OK);
	return n;
}

static struct mail_row
row(struct fx *f, int64_t id)
{
	struct mail_row m;

	assert_int_equal(store_mail_get(f->s, &f->a, id, &m), ERR_OK);
	return m;
}

/* ---- fixture ---------------------------------------------------------- */

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	int fd;

	config_defaults(&config);
	config.argon2_ops = 1;
	config.argon2_mem = 8192;
	assert_int_equal(config_set(&config, "site", "base_url",
	                            "https://stp.example.gov.vn"),
	                 0);
	assert_int_equal(fixture_db_open(f->path, "mail", &f->s), ERR_OK);
	arena_init(&f->a, 8192);
	snprintf(f->dir, sizeof(f->dir), "/tmp/ttdt-mail-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->pwfile, sizeof(f->pwfile), "%s.pw", f->dir);
	fd = open(f->pwfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, PASS "\n", sizeof(PASS)),
	                 (ssize_t)sizeof(PASS));
	close(fd);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	DIR *d;
	struct dirent *e;
	char p[512];

	if (f->sink) {
		kill(f->sink, SIGTERM);
		waitpid(f->sink, NULL, 0);
	}
	if ((d = opendir(f->dir))) {
		while ((e = readdir(d)))
			if (e->d_name[0] != '.') {
				snprintf(p, sizeof(p), "%s/%s", f->dir,
				         e->d_name);
				unlink(p);
			}
		closedir(d);
	}
	rmdir(f->dir);
	unlink(f->pwfile);
	fixture_db_remove(f->s, f->path);
	arena_release(&f->a);
	config_release(&config);
	free(f);
	return 0;
}

/* ---- the message ------------------------------------------------------ */

static void
test_mail__compose(void **state)
{
	struct smtp_message m = {
	        .from = FROM,
	        .from_name = "Sở Tư pháp tỉnh Kon Tum",
	        .to = "hoa.nguyen@stp.example",
	        .subject = subject_vi,
	        .body = body_vi,
	        .date = T0,
	        .message_id = "0123abcd@stp.example",
	};
	struct buf msg = BUF_INIT, v = BUF_INIT, d = BUF_INIT, want = BUF_INIT;

	(void)state;
	assert_int_equal(smtp_message_build(&msg, &m), ERR_OK);
	check_wire(&msg);
	header(&msg, "Subject", &v);
	decode_words(v.p, &d);
	assert_string_equal(d.p, subject_vi);
	header(&msg, "From", &v);
	decode_words(v.p, &d);
	assert_string_equal(d.p, "Sở Tư pháp tỉnh Kon Tum <" FROM ">");
	header(&msg, "To", &v);
	assert_string_equal(v.p, "<hoa.nguyen@stp.example>");
	header(&msg, "Date", &v);
	assert_string_equal(v.p, "Thu, 01 Jan 2026 07:00:00 +0700");
	header(&msg, "Message-ID", &v);
	assert_string_equal(v.p, "<0123abcd@stp.example>");
	header(&msg, "MIME-Version", &v);
	assert_string_equal(v.p, "1.0");
	header(&msg, "Content-Type", &v);
	assert_string_equal(v.p, "text/plain; charset=utf-8");
	header(&msg, "Content-Transfer-Encoding", &v);
	assert_string_equal(v.p, "quoted-printable");
	header(&msg, "Auto-Submitted", &v);
	assert_string_equal(v.p, "auto-generated");
	/* The long subject was folded into several encoded-words. */
	assert_non_null(strstr(msg.p, "?=\r\n =?UTF-8?B?"));
	/* Trailing spaces survive as =20, "=" as =3D. */
	assert_non_null(strstr(msg.p, "  =20\r\n"));
	assert_non_null(strstr(msg.p, "=3D"));
	qp_body(&msg, &d);
	crlf_text(body_vi, &want);
	assert_int_equal(d.len, want.len);
	assert_memory_equal(d.p, want.p, want.len);
	buf_release(&msg);
	buf_release(&v);
	buf_release(&d);
	buf_release(&want);
}

static void
test_mail__header_injection_refused(void **state)
{
	struct fx *f = *state;
	struct smtp_message m = {
	        .from = FROM,
	        .from_name = "Sở Tư pháp",
	        .to = "hoa@stp.example",
	        .subject = "Chào",
	        .body = "Nội dung",
	        .date = T0,
	        .message_id = "ab@stp.example",
	};
	struct smtp_message bad;
	struct buf msg = BUF_INIT;

	bad = m;
	bad.subject = "Chào\r\nBcc: victim@evil.example";
	assert_int_equal(smtp_message_build(&msg, &bad), ERR_INVALID);
	bad = m;
	bad.subject = "Chào\nBcc: victim@evil.example";
	assert_int_equal(smtp_message_build(&msg, &bad), ERR_INVALID);
	bad = m;
	bad.from_name = "Sở\rTư pháp";
	assert_int_equal(smtp_message_build(&msg, &bad), ERR_INVALID);
	bad = m;
	bad.to = "hoa@stp.example>\r\nRCPT TO:<victim@evil.example";
	assert_int_equal(smtp_message_build(&msg, &bad), ERR_INVALID);
	bad = m;
	bad.message_id = "ab@stp.example>\r\nBcc: x@y.z";
	assert_int_equal(smtp_message_build(&msg, &bad), ERR_INVALID);
	bad = m;
	bad.body = "\xc3\x28 not UTF-8";
	assert_int_equal(smtp_message_build(&msg, &bad), ERR_INVALID);
	/* Refused, not cleaned: nothing was written. */
	assert_int_equal(msg.len, 0);
	assert_int_equal(smtp_message_build(&msg, &m), ERR_OK);
	buf_release(&msg);

	assert_true(smtp_addr_ok("a.b+c@d-e.example"));
	assert_true(smtp_addr_ok("x@[192.0.2.1]"));
	assert_false(smtp_addr_ok("a b@c.example"));
	assert_false(smtp_addr_ok("a@b@c.example"));
	assert_false(smtp_addr_ok("<a@c.example>"));
	assert_false(smtp_addr_ok("a..b@c.example"));
	assert_false(smtp_addr_ok("a@c..example"));
	assert_false(smtp_addr_ok("hoà@c.example"));
	assert_false(smtp_addr_ok("a@c.example\n"));
	assert_false(smtp_addr_ok(""));

	/* The outbox refuses the same, and queues nothing. */
	mail_config(free_port());
	assert_int_equal(mail_queue(f->s, "hoa@stp.example",
	                            "Chào\r\nBcc: victim@evil.example", "x",
	                            T0),
	                 ERR_INVALID);
	assert_int_equal(
	        mail_queue(f->s, "hoa@stp.example\r\nX: y", "Chào", "x", T0),
	        ERR_INVALID);
	assert_int_equal(mail_queue(f->s, "hoa@stp.example", "", "x", T0),
	                 ERR_INVALID);
	assert_int_equal(pending(f), 0);
}

/* ---- sending ---------------------------------------------------------- */

static void
test_mail__send_and_read_back(void **state)
{
	struct fx *f = *state;
	struct buf m = BUF_INIT, v = BUF_INIT, d = BUF_INIT, want = BUF_INIT;
	struct mail_text t;
	struct mail_row r;
	unsigned sent = 0;

	sink_start(f, 0, USER, PASS);
	mail_config(f->port);
	assert_int_equal(config_set(&config, "mail", "user", USER), 0);
	assert_int_equal(
	        config_set(&config, "mail", "password_file", f->pwfile), 0);
	assert_int_equal(config_set(&config, "mail", "from_name",
	                            "Ban Biên tập — Sở Tư pháp"),
	                 0);
	mail_text_waiting(&f->a, MAIL_STEP_APPROVE, "Lê Văn Bình",
	                  "Hội nghị tổng kết năm 2025",
	                  "https://stp.example.gov.vn/quan-tri/tin/7", &t);
	assert_int_equal(
	        mail_queue(f->s, "binh.le@stp.example", t.subject, t.body, T0),
	        ERR_OK);
	assert_int_equal(mail_queue(f->s, "hoa@stp.example", subject_vi,
	                            body_vi, T0 + 5),
	                 ERR_OK);
	assert_int_equal(pending(f), 2);
	/* Not due before it was queued. */
	assert_int_equal(mail_send_due(f->s, T0 - 1, &sent), ERR_OK);
	assert_int_equal(sent, 0);
	assert_int_equal(eml_count(f->dir), 0);

	assert_int_equal(mail_send_due(f->s, T0 + 10, &sent), ERR_OK);
	assert_int_equal(sent, 2);
	assert_int_equal(eml_count(f->dir), 2);
	assert_int_equal(pending(f), 0);

	/* First message: the notification. */
	read_file(f->dir, "0001.eml", &m);
	check_wire(&m);
	header(&m, "Subject", &v);
	decode_words(v.p, &d);
	assert_string_equal(d.p, t.subject);
	assert_string_equal(d.p, "[Sở Tư pháp] Tin, bài chờ duyệt: Hội nghị "
	                         "tổng kết năm 2025");
	header(&m, "From", &v);
	decode_words(v.p, &d);
	assert_string_equal(d.p, "Ban Biên tập — Sở Tư pháp <" FROM ">");
	header(&m, "To", &v);
	assert_string_equal(v.p, "<binh.le@stp.example>");
	header(&m, "Date", &v);
	assert_string_equal(v.p, "Thu, 01 Jan 2026 07:00:00 +0700");
	header(&m, "Message-ID", &v);
	assert_int_equal(v.len, 1 + 32 + 1 + strlen("stp.example") + 1);
	assert_non_null(strstr(v.p, "@stp.example>"));
	qp_body(&m, &d);
	crlf_text(t.body, &want);
	assert_string_equal(d.p, want.p);
	read_file(f->dir, "0001.json", &v);
	assert_non_null(strstr(v.p, "\"mail_from\": \"<" FROM ">\""));
	assert_non_null(
	        strstr(v.p, "\"rcpt_to\": [\"<binh.le@stp.example>\"]"));
	assert_non_null(strstr(v.p, "\"auth_user\": \"" USER "\""));
	assert_non_null(strstr(v.p, "\"helo\": \"stp.example.gov.vn\""));

	/* Second: dot-stuffing, CR, CRLF and long lines came through. */
	read_file(f->dir, "0002.eml", &m);
	check_wire(&m);
	header(&m, "Subject", &v);
	decode_words(v.p, &d);
	assert_string_equal(d.p, subject_vi);
	header(&m, "Date", &v);
	assert_string_equal(v.p, "Thu, 01 Jan 2026 07:00:05 +0700");
	qp_body(&m, &d);
	crlf_text(body_vi, &want);
	assert_string_equal(d.p, want.p);

	/* Sent rows stay, with their time, and without their body. */
	r = row(f, 1);
	assert_int_equal(r.sent_at, T0 + 10);
	assert_int_equal(r.attempts, 1);
	assert_string_equal(r.body, "");
	assert_string_equal(r.last_error, "");
	/* Nothing more to send. */
	assert_int_equal(mail_send_due(f->s, T0 + 3600, &sent), ERR_OK);
	assert_int_equal(sent, 0);
	assert_int_equal(eml_count(f->dir), 2);
	sink_stop(f);
	buf_release(&m);
	buf_release(&v);
	buf_release(&d);
	buf_release(&want);
}

static void
test_mail__off_when_host_empty(void **state)
{
	struct fx *f = *state;
	unsigned sent = 7;
	struct mail_row r;

	sink_start(f, 0, NULL, NULL);
	mail_config(f->port);
	assert_int_equal(config_set(&config, "mail", "host", ""), 0);
	assert_false(mail_enabled());
	/* Off: nothing is queued, callers are not bothered. */
	assert_int_equal(mail_queue(f->s, "hoa@stp.example", "Chào", "x", T0),
	                 ERR_OK);
	assert_int_equal(pending(f), 0);
	assert_int_equal(mail_password_reset(f->s, NULL, "hoa@stp.example", T0),
	                 ERR_DENIED);
	/* Rows queued while it was on wait, untouched, while it is off. */
	mail_config(f->port);
	assert_int_equal(mail_queue(f->s, "hoa@stp.example", "Chào", "x", T0),
	                 ERR_OK);
	assert_int_equal(config_set(&config, "mail", "host", ""), 0);
	assert_int_equal(mail_send_due(f->s, T0 + 60, &sent), ERR_OK);
	assert_int_equal(sent, 0);
	assert_int_equal(eml_count(f->dir), 0);
	r = row(f, 1);
	assert_int_equal(r.attempts, 0);
	assert_int_equal(r.sent_at, 0);
	/* On again: it goes. */
	mail_config(f->port);
	assert_int_equal(mail_send_due(f->s, T0 + 120, &sent), ERR_OK);
	assert_int_equal(sent, 1);
	assert_int_equal(eml_count(f->dir), 1);
	sink_stop(f);
}

static void
test_mail__retry_until_server_comes_up(void **state)
{
	struct fx *f = *state;
	unsigned port = free_port(), sent = 9;
	struct mail_row r;

	mail_config(port);
	for (int i = 0; i < 3; i++)
		assert_int_equal(mail_queue(f->s, "hoa@stp.example", "Chào",
		                            "Thử lại", T0),
		                 ERR_OK);
	/* Down: the first fails and is put back; the rest of the batch
	 * waits without spending an attempt. */
	assert_int_equal(mail_send_due(f->s, T0, &sent), ERR_IO);
	assert_int_equal(sent, 0);
	r = row(f, 1);
	assert_int_equal(r.attempts, 1);
	assert_int_equal(r.next_try_at, T0 + MAIL_RETRY_BASE);
	assert_true(strlen(r.last_error) > 0);
	assert_string_equal(r.body, "Thử lại");
	assert_int_equal(row(f, 2).attempts, 0);
	assert_int_equal(row(f, 3).attempts, 0);
	/* Still down a little later: 2 fails the same way. */
	assert_int_equal(mail_send_due(f->s, T0 + 1, &sent), ERR_IO);
	assert_int_equal(row(f, 1).attempts, 1);
	assert_int_equal(row(f, 2).attempts, 1);

	sink_start(f, port, NULL, NULL);
	/* Up: 3 (never tried) goes at once; 1 and 2 at their time. */
	assert_int_equal(mail_send_due(f->s, T0 + 2, &sent), ERR_OK);
	assert_int_equal(sent, 1);
	assert_true(row(f, 3).sent_at != 0);
	assert_int_equal(mail_send_due(f->s, T0 + MAIL_RETRY_BASE + 1, &sent),
	                 ERR_OK);
	assert_int_equal(sent, 2);
	r = row(f, 1);
	assert_int_equal(r.sent_at, T0 + MAIL_RETRY_BASE + 1);
	assert_int_equal(r.attempts, 2);
	assert_string_equal(r.last_error, "");
	assert_int_equal(eml_count(f->dir), 3);
	assert_int_equal(pending(f), 0);
	sink_stop(f);
}

static void
test_mail__give_up_after_max_attempts(void **state)
{
	struct fx *f = *state;
	time_t now = T0, prev_delay = 0;
	int64_t failed = 0;
	unsigned sent;
	struct mail_row r;

	mail_config(free_port());
	assert_int_equal(mail_queue(f->s, "hoa@stp.example", "Chào", "x", T0),
	                 ERR_OK);
	for (int i = 1; i <= MAIL_MAX_ATTEMPTS; i++) {
		assert_int_equal(mail_send_due(f->s, now, &sent), ERR_IO);
		r = row(f, 1);
		assert_int_equal(r.attempts, i);
		if (i == MAIL_MAX_ATTEMPTS)
			break;
		assert_int_equal(r.failed_at, 0);
		/* Backoff doubles up to its cap. */
		assert_true(r.next_try_at - now >= prev_delay);
		assert_true(r.next_try_at - now <= MAIL_RETRY_MAX);
		if (i > 1 && prev_delay < MAIL_RETRY_MAX / 2)
			assert_int_equal(r.next_try_at - now, 2 * prev_delay);
		prev_delay = r.next_try_at - now;
		/* Not due a second before its time. */
		assert_int_equal(mail_send_due(f->s, r.next_try_at - 1, &sent),
		                 ERR_OK);
		assert_int_equal(row(f, 1).attempts, i);
		now = r.next_try_at;
	}
	assert_int_equal(prev_delay, MAIL_RETRY_MAX);
	r = row(f, 1);
	assert_int_equal(r.failed_at, now);
	assert_int_equal(r.sent_at, 0);
	assert_string_equal(r.body, "");
	assert_true(strlen(r.last_error) > 0);
	assert_int_equal(store_mail_count(f->s, NULL, NULL, &failed), ERR_OK);
	assert_int_equal(failed, 1);
	assert_int_equal(pending(f), 0);
	/* Given up is final, even once the server is back. */
	sink_start(f, 0, NULL, NULL);
	mail_config(f->port);
	assert_int_equal(mail_send_due(f->s, now + 86400, &sent), ERR_OK);
	assert_int_equal(sent, 0);
	assert_int_equal(row(f, 1).attempts, MAIL_MAX_ATTEMPTS);
	sink_stop(f);
}

static void
test_mail__refusals(void **state)
{
	struct fx *f = *state;
	unsigned sent;
	struct mail_row r;

	sink_start(f, 0, USER, PASS);
	mail_config(f->port);
	assert_int_equal(config_set(&config, "mail", "user", USER), 0);
	assert_int_equal(config_set(&config, "mail", "password", "sai"), 0);
	/* A wrong password: denied, tried again later. */
	assert_int_equal(mail_queue(f->s, "hoa@stp.example", "Chào", "x", T0),
	                 ERR_OK);
	assert_int_equal(mail_send_due(f->s, T0, &sent), ERR_DENIED);
	r = row(f, 1);
	assert_int_equal(r.attempts, 1);
	assert_int_equal(r.failed_at, 0);
	assert_true(r.next_try_at > T0);
	/* The right one: a 550 gives up at once, a 451 retries. */
	assert_int_equal(config_set(&config, "mail", "password", PASS), 0);
	assert_int_equal(
	        mail_queue(f->s, "reject@stp.example", "Chào", "x", T0),
	        ERR_OK);
	assert_int_equal(mail_send_due(f->s, T0, &sent), ERR_INVALID);
	r = row(f, 2);
	assert_int_equal(r.attempts, 1);
	assert_int_equal(r.failed_at, T0);
	assert_non_null(strstr(r.last_error, "550"));
	assert_int_equal(mail_queue(f->s, "later@stp.example", "Chào", "x", T0),
	                 ERR_OK);
	assert_int_equal(mail_send_due(f->s, T0, &sent), ERR_IO);
	r = row(f, 3);
	assert_int_equal(r.failed_at, 0);
	assert_int_equal(r.next_try_at, T0 + MAIL_RETRY_BASE);
	assert_non_null(strstr(r.last_error, "451"));
	/* Row 1 goes with the right password at its time. */
	assert_int_equal(mail_send_due(f->s, T0 + MAIL_RETRY_BASE, &sent),
	                 ERR_IO);
	assert_int_equal(sent, 1);
	assert_true(row(f, 1).sent_at != 0);
	assert_int_equal(eml_count(f->dir), 1);
	sink_stop(f);
}

static void
test_mail__claim_is_exclusive(void **state)
{
	struct fx *f = *state;
	bool a = false, b = true;

	mail_config(free_port());
	assert_int_equal(mail_queue(f->s, "hoa@stp.example", "Chào", "x", T0),
	                 ERR_OK);
	/* Two senders read attempts 0; only the first claim holds. */
	assert_int_equal(store_mail_claim(f->s, 1, 0, T0 + 90, &a), ERR_OK);
	assert_int_equal(store_mail_claim(f->s, 1, 0, T0 + 90, &b), ERR_OK);
	assert_true(a);
	assert_false(b);
	/* Claimed rows are hidden from other senders until the claim ends. */
	assert_int_equal(mail_send_due(f->s, T0 + 89, NULL), ERR_OK);
	assert_int_equal(row(f, 1).attempts, 1);
}

/* ---- texts and the forgotten password --------------------------------- */

static void
check_text(const struct mail_text *t, const char *needle)
{
	assert_true(utf8_valid(t->subject, strlen(t->subject)));
	assert_true(utf8_valid(t->body, strlen(t->body)));
	assert_true(smtp_header_ok(t->subject));
	assert_non_null(strstr(t->subject, "[Sở Tư pháp] "));
	assert_non_null(strstr(t->body, needle));
	assert_non_null(strstr(t->body, "Xin đừng trả lời thư này."));
}

static void
test_mail__texts(void **state)
{
	struct fx *f = *state;
	static const char *const wait[MAIL_STEP__MAX] = {
	        "chờ duyệt sơ bộ", "chờ tiếp nhận", "chờ biên tập",
	        "chờ duyệt:", "chờ đăng"};
	char long_title[400];
	struct mail_text t;

	for (int i = 0; i < MAIL_STEP__MAX; i++) {
		mail_text_waiting(&f->a, (enum mail_step)i, "Lê Văn Bình",
		                  "Hội nghị\r\ntổng kết",
		                  "https://x.example/quan-tri/tin/7", &t);
		check_text(&t, "https://x.example/quan-tri/tin/7");
		assert_non_null(strstr(t.subject, wait[i]));
		/* A line break in a title becomes a space in the Subject. */
		assert_non_null(strstr(t.subject, "Hội nghị  tổng kết"));
		assert_non_null(strstr(t.body, "Kính gửi: Lê Văn Bình,"));
	}
	mail_text_returned(&f->a, "Lê Văn Bình", "Tin A",
	                   "Thiếu nguồn tin (Điều 7.1.d).\nBổ sung ảnh.",
	                   "https://x.example/quan-tri/tin/8", &t);
	check_text(&t, "Lý do:\nThiếu nguồn tin (Điều 7.1.d).\nBổ sung ảnh.");
	assert_string_equal(t.subject,
	                    "[Sở Tư pháp] Tin, bài bị trả lại: Tin A");
	mail_text_published(&f->a, "Lê Văn Bình", "Tin A",
	                    "https://x.example/tin/tin-a-8", T0 + 3600, &t);
	check_text(&t, "lúc 08:00 ngày 01/01/2026");
	assert_non_null(strstr(t.body, "https://x.example/tin/tin-a-8"));
	/* A long title is cut in the Subject, whole in the body. */
	memset(long_title, 0, sizeof(long_title));
	for (int i = 0; i < 130; i++)
		memcpy(long_title + 3 * i, "ộ", 3); /* U+1ED9, 3 bytes */
	mail_text_published(&f->a, "B", long_title, "u", T0, &t);
	assert_non_null(strstr(t.body, long_title));
	assert_true(utf8_valid(t.subject, strlen(t.subject)));
	assert_non_null(strstr(t.subject, "…"));
	mail_text_reset(&f->a, "Lê Văn Bình", "binh@x.example",
	                "https://x.example/quan-tri/dat-lai-mat-khau/ab",
	                T0 + 86400, &t);
	check_text(&t, "hết hạn lúc 07:00 ngày 02/01/2026");
	assert_string_equal(t.subject, "[Sở Tư pháp] Đặt lại mật khẩu");
}

static void
test_mail__password_reset(void **state)
{
	struct fx *f = *state;
	struct audit_actor actor = {0, "web:quen-mat-khau", "192.0.2.7"};
	struct user u = {0};
	struct buf m = BUF_INIT, d = BUF_INIT;
	enum reset_state st = RESET__MAX;
	char token[RESET_TOKEN_HEX];
	const char *p;
	unsigned sent;

	u.email = "hoa@stp.example";
	u.full_name = "Nguyễn Thị Hoa";
	u.roles = "staff";
	assert_int_equal(user_create(f->s, &f->a, &actor, &u,
	                             "Hoa hồng đỏ thắm 2026", T0, NULL),
	                 ERR_OK);
	sink_start(f, 0, NULL, NULL);
	mail_config(f->port);
	/* No such account: nothing made, nothing queued. */
	assert_int_equal(
	        mail_password_reset(f->s, &actor, "ai@stp.example", T0),
	        ERR_NOTFOUND);
	assert_int_equal(pending(f), 0);
	assert_int_equal(
	        mail_password_reset(f->s, &actor, " HOA@stp.example ", T0),
	        ERR_OK);
	assert_int_equal(pending(f), 1);
	assert_int_equal(mail_send_due(f->s, T0, &sent), ERR_OK);
	assert_int_equal(sent, 1);
	read_file(f->dir, "0001.eml", &m);
	check_wire(&m);
	qp_body(&m, &d);
	assert_non_null(strstr(d.p, "Kính gửi: Nguyễn Thị Hoa,"));
	p = strstr(d.p,
	           "https://stp.example.gov.vn/quan-tri/dat-lai-mat-khau/");
	assert_non_null(p);
	p += strlen("https://stp.example.gov.vn/quan-tri/dat-lai-mat-khau/");
	memcpy(token, p, RESET_TOKEN_HEX - 1);
	token[RESET_TOKEN_HEX - 1] = '\0';
	assert_true(reset_token_well_formed(token));
	assert_int_equal(
	        reset_link_check(f->s, &f->a, token, T0 + 60, &st, NULL),
	        ERR_OK);
	assert_int_equal(st, RESET_USABLE);
	/* The sent row no longer holds the link. */
	assert_string_equal(row(f, 1).body, "");
	/* Disabled accounts get nothing. */
	u.active = false;
	assert_int_equal(store_user_update(f->s, &u), ERR_OK);
	assert_int_equal(
	        mail_password_reset(f->s, &actor, "hoa@stp.example", T0 + 120),
	        ERR_NOTFOUND);
	assert_int_equal(pending(f), 0);
	sink_stop(f);
	buf_release(&m);
	buf_release(&d);
}

static void
test_mail__config_checks(void **state)
{
	struct buf err = BUF_INIT;

	(void)state;
	assert_int_equal(config_validate(&config, &err), 0);
	assert_int_equal(config_set(&config, "mail", "host", "mail.example"),
	                 0);
	assert_int_equal(config_set(&config, "mail", "tls", "ssl"), 0);
	assert_int_equal(config_set(&config, "mail", "user", "u"), 0);
	assert_int_equal(config_validate(&config, &err), -1);
	assert_non_null(strstr(err.p, "[mail] tls must be"));
	assert_non_null(strstr(err.p, "[mail] from must be"));
	assert_non_null(strstr(err.p, "[mail] user needs password"));
	buf_reset(&err);
	assert_int_equal(config_set(&config, "mail", "tls", "starttls"), 0);
	assert_int_equal(config_set(&config, "mail", "from", FROM), 0);
	assert_int_equal(config_set(&config, "mail", "password", "p"), 0);
	assert_int_equal(config_validate(&config, &err), 0);
	buf_release(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_mail__compose, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_mail__header_injection_refused, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mail__send_and_read_back,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mail__off_when_host_empty,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_mail__retry_until_server_comes_up, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_mail__give_up_after_max_attempts, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mail__refusals, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_mail__claim_is_exclusive,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mail__texts, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_mail__password_reset,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mail__config_checks, setup,
	                                        teardown),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
