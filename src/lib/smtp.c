/*
 * Composing and sending plain-text e-mail (see smtp.h).
 *
 * Composition follows RFC 5322 (message format), RFC 2045 6.7 (quoted-
 * printable), RFC 2047 (encoded-words) and RFC 3834 (Auto-Submitted).
 * Everything on the wire is 7-bit so no SMTP extension (8BITMIME,
 * SMTPUTF8) is assumed of the server.  Header values are checked, not
 * cleaned: a CR or LF in one is a caller's bug or an attack, and either
 * way the message must not go out.
 *
 * Sending is libcurl's SMTP: one easy handle per message (a handful of
 * notifications a minute does not need connection reuse), CURLOPT_NOSIGNAL
 * because we run in threads, only the smtp and smtps schemes allowed.
 */
#include "common.h"

#include <curl/curl.h>

#include "smtp.h"
#include "utf8.h"
#include "vntime.h"

/* Longest header line we write, without its CRLF (RFC 5322 2.1.1). */
#define LINE_MAX_HDR 78
/* Longest quoted-printable line, soft-break "=" included (RFC 2045). */
#define LINE_MAX_QP 76
/* Bytes of text per encoded-word: 39 bytes are 52 base64 characters, so
 * "=?UTF-8?B?" + 52 + "?=" is 64, and "Subject: " plus one word fits in
 * 78 (RFC 2047 2 allows 75 per word). */
#define WORD_BYTES 39

static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
add_base64(struct buf *out, const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		buf_addch(out, b64[p[i] >> 2]);
		buf_addch(out, b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_addch(out, b64[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)]);
		buf_addch(out, b64[p[i + 2] & 63]);
	}
	if (len - i == 1) {
		buf_addch(out, b64[p[i] >> 2]);
		buf_addch(out, b64[(p[i] & 3) << 4]);
		buf_adds(out, "==");
	} else if (len - i == 2) {
		buf_addch(out, b64[p[i] >> 2]);
		buf_addch(out, b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_addch(out, b64[(p[i + 1] & 15) << 2]);
		buf_addch(out, '=');
	}
}

bool
smtp_header_ok(const char *s)
{
	size_t len;

	if (!s)
		return false;
	len = strlen(s);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return false;
	}
	return utf8_valid(s, len);
}

/* Characters of a local part we accept: RFC 5322 atext and dots. */
static bool
is_atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-/=?^_`{|}~.", c));
}

bool
smtp_addr_ok(const char *addr)
{
	const char *at, *p;
	size_t len;

	if (!addr || (len = strlen(addr)) == 0 || len > SMTP_ADDR_MAX)
		return false;
	if (!(at = strchr(addr, '@')) || strchr(at + 1, '@'))
		return false;
	if (at == addr || at - addr > 64 || addr[0] == '.' || at[-1] == '.')
		return false;
	for (p = addr; p < at; p++)
		if (!is_atext(*p) || (p[0] == '.' && p[1] == '.'))
			return false;
	p = at + 1;
	if (*p == '[') {
		/* An address literal: [192.0.2.1] or [IPv6:2001:db8::1]. */
		size_t n = strlen(p);

		if (n < 3 || p[n - 1] != ']')
			return false;
		for (p++; *p != ']'; p++)
			if (!((*p >= '0' && *p <= '9') ||
			      (*p >= 'a' && *p <= 'f') ||
			      (*p >= 'A' && *p <= 'F') || *p == '.' ||
			      *p == ':' || *p == 'I' || *p == 'P' ||
			      *p == 'v' || *p == '6'))
				return false;
		return true;
	}
	if (!*p || *p == '.' || *p == '-' || p[strlen(p) - 1] == '.')
		return false;
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' ||
		      (*p == '.' && p[1] != '.')))
			return false;
	return true;
}

/* True if id is "left@right" of printable ASCII without specials that
 * would end the angle brackets around it. */
static bool
message_id_ok(const char *id)
{
	const char *at;

	if (!id || !*id || strlen(id) > 200)
		return false;
	if (!(at = strchr(id, '@')) || at == id || !at[1] ||
	    strchr(at + 1, '@'))
		return false;
	for (const char *p = id; *p; p++)
		if (*p != '@' && !is_atext(*p))
			return false;
	return true;
}

/* A header being written, to fold its lines at LINE_MAX_HDR. */
struct hdr {
	struct buf *out;
	size_t col;  /* characters on the current line */
	bool tokens; /* a token was written after the name */
};

static void
hdr_begin(struct hdr *h, struct buf *out, const char *name)
{
	h->out = out;
	buf_adds(out, name);
	buf_adds(out, ":");
	h->col = strlen(name) + 1;
	h->tokens = false;
}

/* Appends token after a space, or on a continuation line if it would
 * pass the limit (a token longer than a line gets a line of its own). */
static void
hdr_token(struct hdr *h, const char *tok, size_t len)
{
	if (h->col + 1 + len > LINE_MAX_HDR && h->tokens) {
		buf_adds(h->out, "\r\n");
		h->col = 0;
	}
	buf_addch(h->out, ' ');
	buf_add(h->out, tok, len);
	h->col += 1 + len;
	h->tokens = true;
}

static void
hdr_end(struct hdr *h)
{
	buf_adds(h->out, "\r\n");
}

/* Appends text as RFC 2047 encoded-words, each holding whole UTF-8
 * characters (2047 section 5: a word must not split one). */
static void
hdr_words(struct hdr *h, const char *text)
{
	size_t len = strlen(text), i = 0;
	struct buf w = BUF_INIT;

	while (i < len) {
		size_t n = MIN(WORD_BYTES, len - i);

		/* Back off continuation bytes (10xxxxxx). */
		while (i + n < len && n > 0 &&
		       ((unsigned char)text[i + n] & 0xc0) == 0x80)
			n--;
		/* End a word after a space when one is near: a reader that
		 * wrongly keeps the folding white space between two words
		 * (Python's address parser does) then splits no word. */
		if (i + n < len) {
			size_t k = n;

			while (k > n / 2 && text[i + k - 1] != ' ')
				k--;
			if (k > n / 2)
				n = k;
		}
		buf_reset(&w);
		buf_adds(&w, "=?UTF-8?B?");
		add_base64(&w, (const unsigned char *)text + i, n);
		buf_adds(&w, "?=");
		hdr_token(h, w.p, w.len);
		i += n;
	}
	buf_release(&w);
}

/* Appends a plain header whose value is one unfoldable token. */
static void
hdr_simple(struct buf *out, const char *name, const char *value)
{
	struct hdr h;

	hdr_begin(&h, out, name);
	hdr_token(&h, value, strlen(value));
	hdr_end(&h);
}

/* Appends body as quoted-printable lines (RFC 2045 6.7): printable
 * ASCII but "=" as is, space and tab as is except before a line end,
 * everything else =XX; soft breaks keep lines at LINE_MAX_QP.  Any of
 * LF, CRLF and CR ends a line, and every line ends with CRLF. */
static void
add_qp(struct buf *out, const char *p, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		bool at_end;
		char tok[3];
		size_t n;

		if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < len && p[i + 1] == '\n')
				i++;
			buf_adds(out, "\r\n");
			col = 0;
			continue;
		}
		at_end = i + 1 == len || p[i + 1] == '\r' || p[i + 1] == '\n';
		if ((c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && !at_end)) {
			tok[0] = (char)c;
			n = 1;
		} else {
			tok[0] = '=';
			tok[1] = hex[c >> 4];
			tok[2] = hex[c & 15];
			n = 3;
		}
		/* Room for the token and a soft break after it. */
		if (col + n > LINE_MAX_QP - 1) {
			buf_adds(out, "=\r\n");
			col = 0;
		}
		buf_add(out, tok, n);
		col += n;
	}
	if (col > 0 || len == 0)
		buf_adds(out, "\r\n");
}

enum err
smtp_message_build(struct buf *out, const struct smtp_message *m)
{
	const char *name = m->from_name ? m->from_name : "";
	struct buf addr = BUF_INIT;
	struct hdr h;

	if (!smtp_addr_ok(m->from) || !smtp_addr_ok(m->to) ||
	    !message_id_ok(m->message_id) || !smtp_header_ok(name) ||
	    !smtp_header_ok(m->subject) || !m->body ||
	    !utf8_valid(m->body, strlen(m->body)))
		return ERR_INVALID;

	buf_adds(out, "Date: ");
	vntime_format(out, m->date, VNTIME_RFC822);
	buf_adds(out, "\r\n");

	hdr_begin(&h, out, "From");
	/* Encoded always: simpler than deciding when a name needs quoting,
	 * and every reader since the 1990s decodes it. */
	if (*name)
		hdr_words(&h, name);
	buf_addf(&addr, "<%s>", m->from);
	hdr_token(&h, addr.p, addr.len);
	hdr_end(&h);

	buf_reset(&addr);
	buf_addf(&addr, "<%s>", m->to);
	hdr_simple(out, "To", addr.p);

	hdr_begin(&h, out, "Subject");
	hdr_words(&h, m->subject);
	hdr_end(&h);

	buf_reset(&addr);
	buf_addf(&addr, "<%s>", m->message_id);
	hdr_simple(out, "Message-ID", addr.p);
	buf_release(&addr);

	buf_adds(out, "MIME-Version: 1.0\r\n"
	              "Content-Type: text/plain; charset=utf-8\r\n"
	              "Content-Transfer-Encoding: quoted-printable\r\n"
	              "Auto-Submitted: auto-generated\r\n"
	              "\r\n");
	add_qp(out, m->body, strlen(m->body));
	return ERR_OK;
}

/* ---- sending ---------------------------------------------------------- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

/* curl_global_init is not thread-safe in every libcurl build: run it
 * once, from whichever thread sends first. */
static void
curl_init(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* True if s may go into the URL as a host or EHLO name: letters,
 * digits, "-", ".", ":" (IPv6) and "_" only, so it cannot add a path,
 * user or query to it. */
static bool
url_name_ok(const char *s)
{
	if (!s || !*s || strlen(s) > 253)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '.' ||
		      *s == ':' || *s == '_'))
			return false;
	return true;
}

struct reader {
	const char *p;
	size_t len, off;
};

static size_t
read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct reader *r = arg;
	size_t n = MIN(size * nmemb, r->len - r->off);

	memcpy(dst, r->p + r->off, n);
	r->off += n;
	return n;
}

static unsigned
default_port(enum smtp_tls tls)
{
	switch (tls) {
	case SMTP_TLS_NONE:
		return 25;
	case SMTP_TLS_STARTTLS:
		return 587;
	case SMTP_TLS_IMPLICIT:
	case SMTP_TLS__MAX:
		break;
	}
	return 465;
}

enum err
smtp_send(const struct smtp_server *srv, const char *from, const char *to,
          const struct buf *msg, struct buf *why)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct reader rd = {msg->p, msg->len, 0};
	struct curl_slist *rcpt = NULL;
	struct buf url = BUF_INIT, path = BUF_INIT;
	const char *helo = srv->helo && *srv->helo ? srv->helo : NULL;
	unsigned port = srv->port ? srv->port : default_port(srv->tls);
	long timeout = srv->timeout ? (long)srv->timeout : 30;
	long code = 0;
	CURLcode rc;
	CURL *h;
	enum err e;

	if (!url_name_ok(srv->host) || (helo && !url_name_ok(helo)) ||
	    !smtp_addr_ok(from) || !smtp_addr_ok(to) ||
	    srv->tls >= SMTP_TLS__MAX || port > 65535) {
		if (why)
			buf_adds(why, "invalid mail server, EHLO name or "
			              "address");
		return ERR_INVALID;
	}
	pthread_once(&curl_once, curl_init);
	if (curl_init_rc != CURLE_OK || !(h = curl_easy_init())) {
		if (why)
			buf_adds(why, "cannot initialise libcurl");
		return ERR_IO;
	}
	/* From here every exit goes through out. */
	buf_addf(&url, "%s://",
	         srv->tls == SMTP_TLS_IMPLICIT ? "smtps" : "smtp");
	if (strchr(srv->host, ':'))
		buf_addf(&url, "[%s]:%u", srv->host, port);
	else
		buf_addf(&url, "%s:%u", srv->host, port);
	/* libcurl sends the URL's path as the EHLO name. */
	if (helo)
		buf_addf(&url, "/%s", helo);
	buf_addf(&path, "<%s>", to);
	rcpt = curl_slist_append(NULL, path.p);
	buf_reset(&path);
	buf_addf(&path, "<%s>", from);

	curl_easy_setopt(h, CURLOPT_URL, url.p);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, timeout);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
	/* STARTTLS, when asked for, is required: never fall back to plain
	 * text, where a password and the message could be read. */
	curl_easy_setopt(h, CURLOPT_USE_SSL,
	                 srv->tls == SMTP_TLS_NONE ? (long)CURLUSESSL_NONE
	                                           : (long)CURLUSESSL_ALL);
	if (srv->user && *srv->user) {
		curl_easy_setopt(h, CURLOPT_USERNAME, srv->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD,
		                 srv->password ? srv->password : "");
	}
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, path.p);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg->len);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &rd);

	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK) {
		e = ERR_OK;
		goto out;
	}
	if (rc == CURLE_LOGIN_DENIED)
		e = ERR_DENIED;
	else if (code >= 500 && code <= 599)
		e = ERR_INVALID;
	else
		e = ERR_IO;
	if (why)
		buf_addf(why, "%s (reply %ld)",
		         *errbuf ? errbuf : curl_easy_strerror(rc), code);
out:
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	buf_release(&url);
	buf_release(&path);
	return e;
}
