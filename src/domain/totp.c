/*
 * The second factor: TOTP (RFC 6238) over HOTP (RFC 4226) with
 * HMAC-SHA1 from nettle, base32 (RFC 4648), the otpauth:// Key URI,
 * enrolment and the log-in check with its lock-out (issue 3 item 5;
 * TCVN 14423 x.5.2.2 for the lock, as user.c applies it to passwords).
 *
 * Invariants: a secret is 20 random bytes, stored as 32 base32
 * characters; a code is compared with sodium_memcmp for every step of
 * the window, so timing says nothing about which step or digit matched;
 * a step is accepted once (totp_state.last_step only grows while a
 * secret lives); neither the secret nor a code ever goes to the log or
 * the audit entry.  Every write of a second-factor check happens in one
 * store_tx with its audit entries, like user.c's log-in.
 */
#include "common.h"

#include <nettle/hmac.h>
#include <sodium.h>

#include "config.h"
#include "log.h"
#include "qr.h"
#include "totp.h"
#include "totp_int.h"

/* Longest typed code looked at: six digits and generous spaces. */
#define CODE_MAX_CHARS 32

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void
totp_base32_encode(struct buf *out, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | s[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			buf_addch(out, b32_alphabet[(acc >> bits) & 31]);
		}
	}
	/* RFC 4648 section 6: the last group is padded with zero bits. */
	if (bits > 0)
		buf_addch(out, b32_alphabet[(acc << (5 - bits)) & 31]);
}

static int
b32_value(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		c = (unsigned char)(c - 'a' + 'A');
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

bool
totp_base32_decode(const char *s, size_t len, void *out, size_t size, size_t *n)
{
	unsigned char *o = out;
	uint32_t acc = 0;
	size_t chars = 0, k = 0;
	bool padding = false;
	int bits = 0;

	*n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int v;

		if (c == ' ' || c == '\t' || c == '-')
			continue;
		if (c == '=') {
			padding = true;
			continue;
		}
		if (padding || (v = b32_value(c)) < 0)
			return false;
		acc = (acc << 5) | (uint32_t)v;
		bits += 5;
		chars++;
		if (bits >= 8) {
			bits -= 8;
			if (k == size)
				return false;
			o[k++] = (unsigned char)(acc >> bits);
		}
	}
	/* 8 characters carry 5 bytes; 1, 3 or 6 left over cannot end an
	 * encoding, and the bits past the last byte must be the zero
	 * padding, so every byte string has exactly one encoding. */
	switch (chars % 8) {
	case 1:
	case 3:
	case 6:
		return false;
	}
	if (bits && (acc & ((1u << bits) - 1)))
		return false;
	*n = k;
	return true;
}

uint32_t
totp_hotp(const void *key, size_t key_len, uint64_t counter, unsigned digits)
{
	struct hmac_sha1_ctx ctx;
	uint8_t msg[8], mac[SHA1_DIGEST_SIZE];
	uint32_t bin, mod = 1;
	unsigned off;

	if (digits < 1 || digits > 9)
		BUG("hotp with %u digits", digits);
	/* RFC 4226 section 5.2: the counter as 8 bytes, big-endian. */
	for (int i = 0; i < 8; i++)
		msg[i] = (uint8_t)(counter >> (56 - 8 * i));
	hmac_sha1_set_key(&ctx, key_len, key);
	hmac_sha1_update(&ctx, sizeof(msg), msg);
	hmac_sha1_digest(&ctx, sizeof(mac), mac);
	/* Section 5.3, dynamic truncation: 31 bits from the offset the
	 * last nibble names. */
	off = mac[SHA1_DIGEST_SIZE - 1] & 0x0f;
	bin = (uint32_t)(mac[off] & 0x7f) << 24 | (uint32_t)mac[off + 1] << 16 |
	      (uint32_t)mac[off + 2] << 8 | (uint32_t)mac[off + 3];
	sodium_memzero(&ctx, sizeof(ctx));
	sodium_memzero(mac, sizeof(mac));
	for (unsigned i = 0; i < digits; i++)
		mod *= 10;
	return bin % mod;
}

int64_t
totp_step(time_t t)
{
	return t < 0 ? 0 : (int64_t)(t / TOTP_PERIOD);
}

uint32_t
totp_at(const void *key, size_t key_len, time_t t, unsigned digits)
{
	return totp_hotp(key, key_len, (uint64_t)totp_step(t), digits);
}

enum totp_match
totp_check(const void *key, size_t key_len, const char *code, time_t now,
           int64_t last_step, int64_t *step)
{
	char typed[TOTP_DIGITS];
	int64_t cur = totp_step(now), best = -1;
	bool replayed = false;
	size_t n = 0, i;

	*step = 0;
	if (!code)
		return TOTP_MALFORMED;
	for (i = 0; code[i] && i < CODE_MAX_CHARS; i++) {
		if (code[i] == ' ')
			continue;
		if (code[i] < '0' || code[i] > '9' || n == TOTP_DIGITS)
			return TOTP_MALFORMED;
		typed[n++] = code[i];
	}
	if (code[i] || n != TOTP_DIGITS)
		return TOTP_MALFORMED;
	/* Every step of the window is computed and compared, whichever
	 * matches, so the time taken does not say which did. */
	for (int d = -TOTP_SKEW; d <= TOTP_SKEW; d++) {
		int64_t st = cur + d;
		char want[16];

		if (st < 0)
			continue;
		snprintf(want, sizeof(want), "%0*u", TOTP_DIGITS,
		         (unsigned)totp_hotp(key, key_len, (uint64_t)st,
		                             TOTP_DIGITS));
		if (sodium_memcmp(want, typed, TOTP_DIGITS) != 0)
			continue;
		/* RFC 6238 section 5.2: a code used once is refused after;
		 * steps up to the last accepted one are all spent. */
		if (st > last_step)
			best = st;
		else
			replayed = true;
	}
	sodium_memzero(typed, sizeof(typed));
	if (best >= 0) {
		*step = best;
		return TOTP_MATCH;
	}
	return replayed ? TOTP_REPLAYED : TOTP_MISMATCH;
}

void
totp_secret_new(char out[TOTP_SECRET_B32])
{
	unsigned char raw[TOTP_SECRET_BYTES];
	struct buf b = BUF_INIT;

	password_random_bytes(raw, sizeof(raw));
	totp_base32_encode(&b, raw, sizeof(raw));
	if (b.len != TOTP_SECRET_B32 - 1)
		BUG("base32 secret of %zu characters", b.len);
	memcpy(out, b.p, TOTP_SECRET_B32);
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(b.p, b.len);
	buf_release(&b);
}

void
totp_secret_grouped(struct buf *out, const char *secret)
{
	for (size_t i = 0; secret[i]; i++) {
		if (i && i % 4 == 0)
			buf_addch(out, ' ');
		buf_addch(out, secret[i]);
	}
}

const char *
totp_issuer(void)
{
	if (config.site.short_name && *config.site.short_name)
		return config.site.short_name;
	if (config.site.name && *config.site.name)
		return config.site.name;
	return "ttdt";
}

void
totp_uri(struct buf *out, const char *issuer, const char *account,
         const char *secret)
{
	/* The label is "issuer:account"; a ':' inside either is encoded
	 * (%3A) by buf_add_url, so the one separator stays unambiguous. */
	buf_adds(out, "otpauth://totp/");
	buf_add_url(out, issuer, strlen(issuer));
	buf_addch(out, ':');
	buf_add_url(out, account, strlen(account));
	buf_adds(out, "?secret=");
	buf_adds(out, secret);
	buf_adds(out, "&issuer=");
	buf_add_url(out, issuer, strlen(issuer));
	buf_addf(out, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS,
	         TOTP_PERIOD);
}

bool
totp_required(const struct user *u)
{
	return (user_roles(u) & TOTP_REQUIRED_ROLES) != 0;
}

bool
totp_active(const struct user *u)
{
	return u->totp_secret && *u->totp_secret;
}

/* Enrolment */

struct enrol_op {
	struct arena *a;
	const struct audit_actor *actor;
	int64_t id;
	time_t now;
	const char *code;
	struct recovery_codes *codes;
	char secret[TOTP_SECRET_B32];
	const char *email; /* begin: the account's, in a */
};

static enum err
begin_tx(struct store *s, void *p)
{
	struct enrol_op *op = p;
	struct totp_state t;
	struct user u;
	enum err e;

	if ((e = store_user_get(s, op->a, op->id, &u)) != ERR_OK)
		return e;
	if (*u.totp_secret)
		return ERR_CONFLICT;
	if ((e = store_totp_get(s, op->a, op->id, &t)) != ERR_OK)
		return e;
	t.pending = op->secret;
	t.pending_at = op->now;
	op->email = u.email;
	return store_totp_set(s, op->id, &t);
}

enum err
totp_enrol_begin(struct store *s, struct arena *a, int64_t user_id, time_t now,
                 struct totp_enrolment *out)
{
	struct enrol_op op = {.a = a, .id = user_id, .now = now};
	struct buf b = BUF_INIT;
	enum err e;

	memset(out, 0, sizeof(*out));
	totp_secret_new(op.secret);
	if ((e = store_tx(s, begin_tx, &op)) != ERR_OK)
		goto out;
	out->secret = arena_strdup(a, op.secret);
	totp_secret_grouped(&b, op.secret);
	out->secret_grouped = arena_strdup(a, b.p);
	buf_reset(&b);
	totp_uri(&b, totp_issuer(), op.email, op.secret);
	out->uri = arena_strdup(a, b.p);
	buf_reset(&b);
	/* An e-mail is at most USER_EMAIL_MAX bytes and the issuer a line
	 * of the config: the URI fits a QR code by far. */
	if ((e = qr_svg(&b, out->uri, "totp-qr-title", QR_TITLE_TOTP, NULL)) !=
	    ERR_OK)
		goto out;
	out->svg = arena_strdup(a, b.p);
out:
	sodium_memzero(op.secret, sizeof(op.secret));
	buf_release(&b);
	return e;
}

/* Decodes a stored base32 secret into key (size bytes); false (logged)
 * if it is not a valid one. */
static bool
secret_key(const char *secret, unsigned char *key, size_t size, size_t *n)
{
	if (!totp_base32_decode(secret, strlen(secret), key, size, n) ||
	    *n == 0) {
		log_warnx("stored totp secret is not valid base32");
		return false;
	}
	return true;
}

static enum err
confirm_tx(struct store *s, void *p)
{
	struct enrol_op *op = p;
	struct arena a = ARENA_INIT;
	unsigned char key[64];
	size_t key_len = 0;
	struct audit_detail d;
	struct totp_state t;
	const char *stored;
	struct user u;
	int64_t step;
	enum err e;

	arena_init(&a, 2048);
	audit_detail_init(&d);
	if ((e = store_user_get(s, &a, op->id, &u)) != ERR_OK)
		goto out;
	if (*u.totp_secret) {
		e = ERR_CONFLICT;
		goto out;
	}
	if ((e = store_totp_get(s, &a, op->id, &t)) != ERR_OK)
		goto out;
	if (!*t.pending || t.pending_at > op->now ||
	    op->now - t.pending_at > TOTP_ENROL_MAX_AGE ||
	    !secret_key(t.pending, key, sizeof(key), &key_len)) {
		e = ERR_NOTFOUND;
		goto out;
	}
	/* A new secret: steps used with an earlier one do not matter. */
	switch (totp_check(key, key_len, op->code, op->now, 0, &step)) {
	case TOTP_MATCH:
		break;
	case TOTP_MALFORMED:
		e = ERR_INVALID;
		goto out;
	default:
		e = ERR_DENIED;
		goto out;
	}
	recovery_new(&a, op->codes, &stored);
	u.totp_secret = t.pending;
	u.recovery_codes = stored;
	t.pending = "";
	t.pending_at = 0;
	t.last_step = step;
	t.failed = 0;
	if ((e = store_user_update(s, &u)) != ERR_OK ||
	    (e = store_totp_set(s, u.id, &t)) != ERR_OK)
		goto out;
	audit_detail_str(&d, "factor", "totp");
	audit_detail_int(&d, "recovery_codes", RECOVERY_COUNT);
	e = audit_append(s, op->actor, op->now, "user.2fa-enrol", "user", u.id,
	                 audit_detail_json(&d));
out:
	sodium_memzero(key, sizeof(key));
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

enum err
totp_enrol_confirm(struct store *s, const struct audit_actor *actor,
                   int64_t user_id, const char *code, time_t now,
                   struct recovery_codes *codes)
{
	struct enrol_op op = {.actor = actor,
	                      .id = user_id,
	                      .now = now,
	                      .code = code,
	                      .codes = codes};
	enum err e;

	memset(codes, 0, sizeof(*codes));
	if ((e = store_tx(s, confirm_tx, &op)) != ERR_OK)
		sodium_memzero(codes, sizeof(*codes));
	return e;
}

/* The log-in check */

struct attempt_arg {
	struct factor_attempt *fa;
	int64_t id;
	const char *addr;
	time_t now;
	enum login_result result;
};

static unsigned
lock_limit(void)
{
	return config.lockout_attempts ? config.lockout_attempts : 5;
}

static unsigned
lock_hours(void)
{
	return config.lockout_hours ? config.lockout_hours : 12;
}

static enum err
attempt_tx(struct store *s, void *p)
{
	struct attempt_arg *aa = p;
	struct factor_attempt *fa = aa->fa;
	struct audit_actor actor = {aa->id, "", aa->addr};
	struct arena a = ARENA_INIT;
	struct audit_detail d;
	struct totp_state t;
	struct user u;
	bool just_locked = false;
	const char *reason;
	enum err e;

	arena_init(&a, 2048);
	audit_detail_init(&d);
	fa->a = &a;
	e = store_user_get(s, &a, aa->id, &u);
	if (e == ERR_NOTFOUND) {
		/* No account to count against: the caller's mistake. */
		aa->result = LOGIN_DENIED;
		e = ERR_OK;
		goto out;
	}
	if (e != ERR_OK || (e = store_totp_get(s, &a, aa->id, &t)) != ERR_OK)
		goto out;
	actor.name = u.email;
	/* As for passwords (user.c): a lock that has run out is forgotten
	 * with its failures; a lock gone before its time was lifted by an
	 * administrator (user_unlock), who meant the codes too. */
	if (u.locked_until && u.locked_until <= aa->now) {
		u.locked_until = 0;
		u.failed_count = 0;
		t.failed = 0;
	} else if (!u.locked_until && t.failed >= (int)lock_limit()) {
		t.failed = 0;
	}
	if (u.locked_until) {
		reason = "account locked";
		aa->result = LOGIN_LOCKED;
	} else if (!u.active) {
		reason = "account disabled";
		aa->result = LOGIN_DENIED;
	} else if (!*u.totp_secret) {
		reason = "no second factor";
		aa->result = LOGIN_DENIED;
	} else if (fa->check(fa, &u, &t)) {
		t.failed = 0;
		if ((e = store_user_update(s, &u)) != ERR_OK ||
		    (e = store_totp_set(s, u.id, &t)) != ERR_OK)
			goto out;
		audit_detail_str(&d, "factor", fa->factor);
		if (fa->remaining >= 0)
			audit_detail_int(&d, "recovery_codes_left",
			                 fa->remaining);
		e = audit_append(s, &actor, aa->now, "login.2fa-ok", "user",
		                 u.id, audit_detail_json(&d));
		aa->result = LOGIN_OK;
		goto out;
	} else {
		/* TCVN 14423 x.5.2.2: wrong codes lock like passwords. */
		reason = fa->reason ? fa->reason : "wrong code";
		aa->result = LOGIN_DENIED;
		if (++t.failed >= (int)lock_limit()) {
			u.locked_until = aa->now + (time_t)lock_hours() * 3600;
			just_locked = true;
			aa->result = LOGIN_LOCKED;
		}
	}
	if ((e = store_user_update(s, &u)) != ERR_OK ||
	    (e = store_totp_set(s, u.id, &t)) != ERR_OK ||
	    (e = store_login_attempt_add(s, aa->addr, aa->now,
	                                 aa->now - (time_t)lock_hours() *
	                                                   3600)) != ERR_OK)
		goto out;
	audit_detail_str(&d, "factor", fa->factor);
	audit_detail_str(&d, "reason", reason);
	audit_detail_int(&d, "failed_count", t.failed);
	if ((e = audit_append(s, &actor, aa->now, "login.2fa-fail", "user",
	                      u.id, audit_detail_json(&d))) != ERR_OK)
		goto out;
	if (just_locked) {
		struct audit_detail ld;

		audit_detail_init(&ld);
		audit_detail_int(&ld, "locked_until", (int64_t)u.locked_until);
		audit_detail_int(&ld, "failed_count", t.failed);
		audit_detail_str(&ld, "factor", fa->factor);
		e = audit_append(s, &actor, aa->now, "user.lock", "user", u.id,
		                 audit_detail_json(&ld));
		audit_detail_release(&ld);
	}
out:
	fa->a = NULL;
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

enum login_result
factor_attempt(struct store *s, int64_t user_id, const char *client_addr,
               time_t now, struct factor_attempt *fa)
{
	struct attempt_arg aa = {fa, user_id, client_addr ? client_addr : "",
	                         now, LOGIN_DENIED};
	time_t last_at;
	int failures;

	fa->now = now;
	/* The same growing delays per address as for passwords. */
	if (store_login_attempt_get(s, aa.addr, &failures, &last_at) != ERR_OK)
		return LOGIN_ERROR;
	if (failures && last_at >= now - (time_t)lock_hours() * 3600 &&
	    now < last_at + (time_t)user_login_delay(failures))
		return LOGIN_THROTTLED;
	if (store_tx(s, attempt_tx, &aa) != ERR_OK)
		return LOGIN_ERROR;
	return aa.result;
}

static bool
totp_factor_check(struct factor_attempt *fa, struct user *u,
                  struct totp_state *t)
{
	unsigned char key[64];
	size_t key_len;
	int64_t step;
	bool ok = false;

	if (!secret_key(u->totp_secret, key, sizeof(key), &key_len)) {
		fa->reason = "bad stored secret";
		return false;
	}
	switch (totp_check(key, key_len, fa->code, fa->now, t->last_step,
	                   &step)) {
	case TOTP_MATCH:
		t->last_step = step;
		ok = true;
		break;
	case TOTP_REPLAYED:
		fa->reason = "code already used";
		break;
	case TOTP_MALFORMED:
		fa->reason = "malformed code";
		break;
	case TOTP_MISMATCH:
		fa->reason = "wrong code";
		break;
	}
	sodium_memzero(key, sizeof(key));
	return ok;
}

enum login_result
totp_verify(struct store *s, int64_t user_id, const char *code,
            const char *client_addr, time_t now)
{
	struct factor_attempt fa = {.factor = "totp",
	                            .code = code,
	                            .check = totp_factor_check,
	                            .remaining = -1};

	return factor_attempt(s, user_id, client_addr, now, &fa);
}
