/*
 * Plain-text e-mail: composing an RFC 5322 message and handing it to an
 * SMTP server through libcurl.  Knows nothing of the configuration, the
 * outbox or what the messages say (src/domain/mail.c does).
 *
 * Messages are UTF-8 text without SMTPUTF8: the Subject and the sender's
 * name travel as RFC 2047 encoded-words (UTF-8, base64), the body as
 * quoted-printable (RFC 2045 6.7), so every byte on the wire is 7-bit
 * ASCII and every line is at most 78 characters and ends with CRLF.
 * Addresses are ASCII only (no internationalised addresses).  No header
 * value may hold CR, LF or another control character: a value that does
 * is refused, never cleaned, so no caller can add a header or a
 * recipient (header injection).
 */
#ifndef TTDT_SMTP_H
#define TTDT_SMTP_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"
#include "err.h"

/* How the connection is protected. */
enum smtp_tls {
	SMTP_TLS_NONE,     /* plain SMTP (a relay on a trusted network) */
	SMTP_TLS_STARTTLS, /* STARTTLS required: refuse to send without it */
	SMTP_TLS_IMPLICIT, /* TLS from the first byte (smtps) */
	SMTP_TLS__MAX
};

/* The server to send through; strings are borrowed. */
struct smtp_server {
	const char *host; /* name or IP address (IPv6 without brackets) */
	unsigned port;    /* 0: 25, 587 or 465 by tls */
	enum smtp_tls tls;
	const char *user;     /* NULL or "": no AUTH */
	const char *password; /* with user */
	const char *helo;     /* name sent in EHLO; NULL or "": this host's */
	unsigned timeout;     /* seconds for the whole exchange, 0: 30 */
};

/* One message; strings are borrowed. */
struct smtp_message {
	const char *from;       /* sender address (From and MAIL FROM) */
	const char *from_name;  /* UTF-8 display name, NULL or "": none */
	const char *to;         /* recipient address (To and RCPT TO) */
	const char *subject;    /* UTF-8 */
	const char *body;       /* UTF-8 text; LF, CRLF or CR line ends */
	time_t date;            /* Date, shown in Viet Nam time */
	const char *message_id; /* "left@right" (no brackets), unique */
};

/* The longest address accepted (RFC 5321 4.5.3.1: a path of 256
 * octets with its brackets). */
#define SMTP_ADDR_MAX 254

/* True if s is acceptable inside a header: valid UTF-8 without control
 * characters (C0, including CR and LF, and DEL). */
bool smtp_header_ok(const char *s);

/* True if addr is an address we send to or from: local@domain in
 * printable ASCII, no spaces, quotes, brackets or other specials, one @,
 * a domain of letters, digits, hyphens and dots (or an [address]
 * literal), at most SMTP_ADDR_MAX characters. */
bool smtp_addr_ok(const char *addr);

/*
 * Appends message m to out, ready for smtp_send: headers Date, From, To,
 * Subject, Message-ID, MIME-Version, Content-Type (text/plain;
 * charset=utf-8), Content-Transfer-Encoding (quoted-printable) and
 * Auto-Submitted (auto-generated, RFC 3834: no auto-replies), then the
 * body.  ERR_INVALID (and out unchanged) if an address, the Message-ID,
 * the name or the subject fails the checks above, or the body is not
 * valid UTF-8.
 */
enum err smtp_message_build(struct buf *out, const struct smtp_message *m);

/*
 * Sends msg (from smtp_message_build) from envelope sender from to
 * recipient to through srv, blocking for at most srv->timeout seconds.
 * libcurl does the SMTP dialogue, including dot-stuffing.  On failure
 * appends a one-line English reason to why (may be NULL) and returns
 * ERR_INVALID if the server refused for good (a 5xx reply: a retry
 * would fail the same way), ERR_DENIED if it refused the log-in, or
 * ERR_IO for anything worth retrying (no connection, timeout, 4xx, TLS).
 * ERR_INVALID also for addresses or a server name that fail the checks.
 * Thread-safe.
 */
enum err smtp_send(const struct smtp_server *srv, const char *from,
                   const char *to, const struct buf *msg, struct buf *why);

#endif
