/*
 * The mail outbox (see mail.h): queueing inside the caller's
 * transaction, and the background sender with claims, retries and
 * backoff.  The message format and the SMTP exchange are src/lib/smtp.c;
 * the texts are mail_text.c.
 *
 * Invariants: a row is sent at most once per claim, and a claim is one
 * UPDATE that checks the attempts it read (store_mail_claim), so two
 * senders never both send a row; the claim raises attempts before the
 * send, so a crash in the middle counts as an attempt and the row comes
 * due again once its claim (timeout plus MAIL_CLAIM_SLACK) runs out.
 * The network is never touched inside a transaction.
 */
#include "common.h"

#include <fcntl.h>
#include <sodium.h>

#include "config.h"
#include "log.h"
#include "mail.h"
#include "password.h"
#include "reset.h"
#include "smtp.h"
#include "user.h"
#include "utf8.h"

/* Seconds a claim outlives the send's own timeout. */
#define MAIL_CLAIM_SLACK 60
/* Longest password_file read, in bytes. */
#define MAIL_PASSWORD_MAX 1024

bool
mail_enabled(void)
{
	return config.mail_host && *config.mail_host;
}

enum err
mail_queue(struct store *s, const char *to, const char *subject,
           const char *body, time_t now)
{
	unsigned char raw[16];
	char id[2 * sizeof(raw) + 1];
	struct mail_row m = {0};
	size_t sub_len = subject ? strlen(subject) : 0;
	size_t body_len = body ? strlen(body) : 0;

	if (!mail_enabled())
		return ERR_OK;
	/* The same checks as smtp_message_build, so that what is queued can
	 * be sent: a refusal here reaches the caller, one at send time only
	 * the log. */
	if (!smtp_addr_ok(to) || sub_len == 0 || sub_len > MAIL_SUBJECT_MAX ||
	    !smtp_header_ok(subject) || !body || body_len > MAIL_BODY_MAX ||
	    !utf8_valid(body, body_len)) {
		log_warnx("refusing to queue a mail to '%s': bad address, "
		          "subject or body",
		          to && smtp_header_ok(to) ? to : "?");
		return ERR_INVALID;
	}
	password_random_bytes(raw, sizeof(raw));
	sodium_bin2hex(id, sizeof(id), raw, sizeof(raw));
	m.to = to;
	m.subject = subject;
	m.body = body;
	m.message_id = id;
	m.created_at = now;
	return store_mail_insert(s, &m);
}

/* Reads the first line of path into out; false (logged) if it cannot. */
static bool
read_password_file(const char *path, struct buf *out)
{
	char tmp[MAIL_PASSWORD_MAX];
	size_t len;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_warn("cannot open mail password_file '%s'", path);
		return false;
	}
	n = read(fd, tmp, sizeof(tmp));
	close(fd);
	if (n < 0) {
		log_warn("cannot read mail password_file '%s'", path);
		return false;
	}
	len = (size_t)n;
	for (size_t i = 0; i < len; i++)
		if (tmp[i] == '\r' || tmp[i] == '\n')
			len = i;
	buf_add(out, tmp, len);
	sodium_memzero(tmp, sizeof(tmp));
	return true;
}

/* The host part of [site] base_url for EHLO, in out; empty when it is an
 * IP address (EHLO would need an address literal: libcurl's default,
 * this machine's name, is better). */
static void
helo_name(struct buf *out)
{
	const char *u = config.site.base_url ? config.site.base_url : "";
	const char *p = strstr(u, "://");
	size_t n;
	bool ip = true;

	if (!p)
		return;
	p += 3;
	n = strcspn(p, ":/?#");
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || p[i] == '.'))
			ip = false;
	if (n && !ip && p[0] != '[')
		buf_add(out, p, n);
}

static enum smtp_tls
tls_mode(void)
{
	if (!strcmp(config.mail_tls, "none"))
		return SMTP_TLS_NONE;
	if (!strcmp(config.mail_tls, "tls"))
		return SMTP_TLS_IMPLICIT;
	/* config_validate refuses anything else; the safe reading. */
	return SMTP_TLS_STARTTLS;
}

/* Seconds to wait after a failed attempt number attempts (1-based). */
static time_t
backoff(int attempts)
{
	time_t d = MAIL_RETRY_BASE;

	for (int i = 1; i < attempts && d < MAIL_RETRY_MAX; i++)
		d *= 2;
	return MIN(d, (time_t)MAIL_RETRY_MAX);
}

/* The sender's settings and identity for one mail_send_due call. */
struct sender {
	struct smtp_server srv;
	struct buf password;
	struct buf helo;
	const char *from_name;
	const char *from_domain;
};

/* Sends row m (already claimed); records the outcome.  *e_send gets the
 * send's error; the result is the store's. */
static enum err
send_one(struct store *s, struct sender *sd, const struct mail_row *m,
         time_t now, enum err *e_send)
{
	struct smtp_message msg = {0};
	struct buf data = BUF_INIT, why = BUF_INIT, mid = BUF_INIT;
	int attempts = m->attempts + 1;
	enum err e;

	buf_addf(&mid, "%s@%s", m->message_id, sd->from_domain);
	msg.from = config.mail_from;
	msg.from_name = sd->from_name;
	msg.to = m->to;
	msg.subject = m->subject;
	msg.body = m->body;
	msg.date = m->created_at;
	msg.message_id = mid.p;
	/* From here every exit goes through out. */
	if ((*e_send = smtp_message_build(&data, &msg)) != ERR_OK)
		buf_adds(&why, "cannot compose the message (check [mail] from "
		               "and from_name)");
	else
		*e_send = smtp_send(&sd->srv, config.mail_from, m->to, &data,
		                    &why);
	if (*e_send == ERR_OK) {
		log_info("sent mail %lld to '%s'", (long long)m->id, m->to);
		e = store_mail_sent(s, m->id, now);
		goto out;
	}
	if (*e_send == ERR_INVALID || attempts >= MAIL_MAX_ATTEMPTS) {
		log_errx("giving up mail %lld to '%s' after %d attempts: %s",
		         (long long)m->id, m->to, attempts, why.p);
		e = store_mail_give_up(s, m->id, now, why.p);
		goto out;
	}
	log_warnx("cannot send mail %lld to '%s' (attempt %d of %d): %s",
	          (long long)m->id, m->to, attempts, MAIL_MAX_ATTEMPTS, why.p);
	e = store_mail_retry(s, m->id, now + backoff(attempts), why.p);
out:
	buf_release(&data);
	buf_release(&why);
	buf_release(&mid);
	return e;
}

enum err
mail_send_due(struct store *s, time_t now, unsigned *sent)
{
	struct sender sd = {.password = BUF_INIT, .helo = BUF_INIT};
	struct arena a = ARENA_INIT;
	struct mail_row *rows;
	enum err e, result = ERR_OK, e_send;
	size_t n;

	if (sent)
		*sent = 0;
	if (!mail_enabled())
		return ERR_OK;
	sd.srv.host = config.mail_host;
	sd.srv.port = config.mail_port;
	sd.srv.tls = tls_mode();
	sd.srv.user = config.mail_user;
	sd.srv.timeout = config.mail_timeout;
	sd.from_name = *config.mail_from_name ? config.mail_from_name
	                                      : config.site.name;
	sd.from_domain = strchr(config.mail_from, '@')
	                         ? strchr(config.mail_from, '@') + 1
	                         : "localhost";
	arena_init(&a, 8192);
	/* From here every exit goes through out. */
	if (*config.mail_password_file) {
		/* Read at each run, so a rotated password needs no restart. */
		if (!read_password_file(config.mail_password_file,
		                        &sd.password)) {
			result = ERR_IO;
			goto out;
		}
		sd.srv.password = sd.password.p;
	} else {
		sd.srv.password = config.mail_password;
	}
	helo_name(&sd.helo);
	sd.srv.helo = sd.helo.p;

	if ((result = store_mail_due(s, &a, now, MAIL_BATCH, &rows, &n)) !=
	    ERR_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		time_t until =
		        now + (time_t)config.mail_timeout + MAIL_CLAIM_SLACK;
		bool claimed;

		if ((e = store_mail_claim(s, rows[i].id, rows[i].attempts,
		                          until, &claimed)) != ERR_OK) {
			result = e;
			goto out;
		}
		if (!claimed)
			continue; /* another sender has it */
		if ((e = send_one(s, &sd, &rows[i], now, &e_send)) != ERR_OK) {
			result = e;
			goto out;
		}
		if (e_send == ERR_OK) {
			if (sent)
				(*sent)++;
			continue;
		}
		result = e_send;
		/* The server is down or unreachable: the others would only
		 * wait out the same timeout each.  They stay due, with no
		 * attempt spent, for the next run. */
		if (e_send == ERR_IO)
			break;
	}
out:
	if (sd.password.len)
		sodium_memzero(sd.password.p, sd.password.len);
	buf_release(&sd.password);
	buf_release(&sd.helo);
	arena_release(&a);
	return result;
}

/* ---- forgotten password --------------------------------------------- */

struct reset_op {
	const struct audit_actor *actor;
	const struct user *u;
	time_t now;
};

static enum err
reset_tx(struct store *s, void *p)
{
	struct reset_op *op = p;
	char token[RESET_TOKEN_HEX];
	struct arena a = ARENA_INIT;
	struct mail_text t;
	struct buf link = BUF_INIT;
	enum err e;

	arena_init(&a, 4096);
	/* From here every exit goes through out. */
	if ((e = reset_link_create(s, op->actor, op->u->id, op->now, token)) !=
	    ERR_OK)
		goto out;
	buf_addf(&link, "%s%s%s", config.site.base_url, MAIL_RESET_PATH, token);
	mail_text_reset(&a, op->u->full_name, op->u->email, link.p,
	                op->now + RESET_LINK_SECONDS, &t);
	e = mail_queue(s, op->u->email, t.subject, t.body, op->now);
out:
	/* The token opens the account: wipe every copy we made. */
	sodium_memzero(token, sizeof(token));
	if (link.len)
		sodium_memzero(link.p, link.len);
	buf_release(&link);
	arena_release(&a);
	return e;
}

enum err
mail_password_reset(struct store *s, const struct audit_actor *actor,
                    const char *email, time_t now)
{
	struct arena a = ARENA_INIT;
	struct reset_op op = {actor, NULL, now};
	const char *norm;
	struct user u;
	enum err e;

	if (!mail_enabled())
		return ERR_DENIED;
	arena_init(&a, 2048);
	/* From here every exit goes through out. */
	if (user_email_normalise(&a, email ? email : "", &norm) != ERR_OK) {
		e = ERR_NOTFOUND;
		goto out;
	}
	if ((e = store_user_by_email(s, &a, norm, &u)) != ERR_OK)
		goto out;
	if (!u.active) {
		e = ERR_NOTFOUND;
		goto out;
	}
	op.u = &u;
	e = store_tx(s, reset_tx, &op);
	if (e == ERR_OK)
		mail_wake();
out:
	arena_release(&a);
	return e;
}

/* Set once at start, before requests, by the server's background thread;
 * read by request threads. */
static void (*_Atomic wake_fn)(void);

void
mail_set_wake(void (*wake)(void))
{
	wake_fn = wake;
}

void
mail_wake(void)
{
	void (*fn)(void) = wake_fn;

	if (fn)
		fn();
}
