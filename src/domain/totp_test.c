/* Tests of the second factor: the RFC 4226 and RFC 6238 vectors, base32
 * (RFC 4648 vectors, round trips, bad input), the otpauth URI, the skew
 * window and replay, and against a store: enrolment, the log-in check
 * with its lock-out, throttling and audit entries. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "config.h"
#include "log.h"
#include "qr.h"
#include "store_fixture.h"
#include "totp.h"
#include "unit.h"

#define T0 ((time_t)1767225600) /* 2026-01-01T00:00:00Z, a step start */
#define PW "Hoa hồng đỏ thắm 2026"

/* RFC 4226 appendix D and RFC 6238 appendix B (SHA-1) secret. */
static const char rfc_key[] = "12345678901234567890";

static void
test_totp__rfc4226_hotp(void **state)
{
	static const uint32_t want[] = {755224, 287082, 359152, 969429, 338314,
	                                254676, 287922, 162583, 399871, 520489};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(want); i++)
		assert_int_equal(totp_hotp(rfc_key, 20, i, 6), want[i]);
}

static void
test_totp__rfc6238_sha1(void **state)
{
	static const struct {
		time_t t;
		uint32_t code;
		int64_t step;
	} v[] = {
	        {59, 94287082, 0x1},
	        {1111111109, 7081804, 0x23523EC},
	        {1111111111, 14050471, 0x23523ED},
	        {1234567890, 89005924, 0x273EF07},
	        {2000000000, 69279037, 0x3F940AA},
	        {(time_t)20000000000LL, 65353130, 0x27BC86AA},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
		assert_int_equal(totp_step(v[i].t), v[i].step);
		assert_int_equal(totp_at(rfc_key, 20, v[i].t, 8), v[i].code);
	}
	/* Six digits are the same value modulo 10^6. */
	assert_int_equal(totp_at(rfc_key, 20, 59, 6), 287082);
	assert_int_equal(totp_step(-5), 0);
}

static void
b32(const char *in, const char *want)
{
	struct buf b = BUF_INIT;
	unsigned char out[16];
	size_t n;

	totp_base32_encode(&b, in, strlen(in));
	buf_check(&b);
	assert_string_equal(b.p, want);
	assert_true(
	        totp_base32_decode(want, strlen(want), out, sizeof(out), &n));
	assert_int_equal(n, strlen(in));
	assert_memory_equal(out, in, n);
	buf_release(&b);
}

static bool
b32_bad(const char *s)
{
	unsigned char out[16];
	size_t n = 99;
	bool ok = totp_base32_decode(s, strlen(s), out, sizeof(out), &n);

	if (!ok)
		assert_int_equal(n, 0);
	return !ok;
}

static void
test_totp__base32(void **state)
{
	unsigned char raw[41], back[41];
	struct buf b = BUF_INIT;
	size_t n;

	(void)state;
	/* RFC 4648 section 10, padding dropped. */
	b32("", "");
	b32("f", "MY");
	b32("fo", "MZXQ");
	b32("foo", "MZXW6");
	b32("foob", "MZXW6YQ");
	b32("fooba", "MZXW6YTB");
	b32("foobar", "MZXW6YTBOI");
	/* Round trips of every length up to two full groups and more. */
	for (size_t len = 0; len < sizeof(raw); len++) {
		password_random_bytes(raw, len);
		buf_reset(&b);
		totp_base32_encode(&b, raw, len);
		assert_int_equal(b.len, (len * 8 + 4) / 5);
		assert_true(
		        totp_base32_decode(b.p, b.len, back, sizeof(back), &n));
		assert_int_equal(n, len);
		assert_memory_equal(back, raw, len);
	}
	buf_release(&b);
	/* What people type: lower case, spaces, dashes, padding. */
	assert_true(totp_base32_decode("mzxw 6ytb-oi======", 18, back,
	                               sizeof(back), &n));
	assert_int_equal(n, 6);
	assert_memory_equal(back, "foobar", 6);
}

static void
test_totp__base32_bad_input(void **state)
{
	unsigned char one[1];
	size_t n;

	(void)state;
	assert_true(b32_bad("M"));      /* 1 character: no byte ends there */
	assert_true(b32_bad("MZX"));    /* 3 */
	assert_true(b32_bad("MZXW6Y")); /* 6 */
	assert_true(b32_bad("MZ1Q"));   /* '1' is not base32 */
	assert_true(b32_bad("MZ8Q"));
	assert_true(b32_bad("MZ0Q"));
	assert_true(b32_bad("MY=A")); /* data after padding */
	assert_true(b32_bad("MZ"));   /* non-zero bits after the byte */
	assert_true(b32_bad("MZXR"));
	assert_true(b32_bad("MZ\xc3\xa0Q"));
	assert_false(b32_bad("MY"));
	/* More bytes than the output holds. */
	assert_false(totp_base32_decode("MZXQ", 4, one, sizeof(one), &n));
	assert_true(totp_base32_decode("MY", 2, one, sizeof(one), &n));
	assert_int_equal(n, 1);
	/* A NUL inside the given length is an invalid character. */
	assert_false(totp_base32_decode("MY\0Q", 4, one, sizeof(one), &n));
}

static void
test_totp__secret_and_uri(void **state)
{
	char s1[TOTP_SECRET_B32], s2[TOTP_SECRET_B32];
	unsigned char raw[32];
	struct buf b = BUF_INIT;
	size_t n;

	(void)state;
	totp_secret_new(s1);
	totp_secret_new(s2);
	assert_int_equal(strlen(s1), 32);
	assert_string_not_equal(s1, s2);
	assert_true(totp_base32_decode(s1, 32, raw, sizeof(raw), &n));
	assert_int_equal(n, TOTP_SECRET_BYTES);

	totp_secret_grouped(&b, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
	assert_string_equal(b.p, "ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567");
	buf_reset(&b);
	totp_secret_grouped(&b, "ABCDEF");
	assert_string_equal(b.p, "ABCD EF");
	buf_reset(&b);

	totp_uri(&b, "Sở Tư pháp", "a.b+c@stp.example",
	         "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
	assert_string_equal(
	        b.p, "otpauth://totp/S%E1%BB%9F%20T%C6%B0%20ph%C3%A1p:"
	             "a.b%2Bc%40stp.example?secret="
	             "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=S%E1%BB%9F%20T%C6"
	             "%B0%20ph%C3%A1p&algorithm=SHA1&digits=6&period=30");
	buf_reset(&b);
	/* A colon in the issuer cannot fake the separator. */
	totp_uri(&b, "A:B", "x@y.vn", "MY");
	assert_string_equal(b.p, "otpauth://totp/A%3AB:x%40y.vn?secret=MY&"
	                         "issuer=A%3AB&algorithm=SHA1&digits=6&"
	                         "period=30");
	buf_release(&b);

	config_defaults(&config);
	assert_string_equal(totp_issuer(), "Sở Tư pháp");
	assert_int_equal(config_set(&config, "site", "short_name", ""), 0);
	assert_string_equal(totp_issuer(), config.site.name);
	config_release(&config);
}

static void
test_totp__required_roles(void **state)
{
	struct user u = {.roles = "staff,board-member", .totp_secret = ""};

	(void)state;
	assert_false(totp_required(&u));
	assert_false(totp_active(&u));
	u.roles = "staff,board-deputy";
	assert_true(totp_required(&u));
	u.roles = "it-admin";
	assert_true(totp_required(&u));
	u.roles = "director";
	assert_true(totp_required(&u));
	u.roles = "board-head";
	assert_true(totp_required(&u));
	u.totp_secret = "MY";
	assert_true(totp_active(&u));
}

/* The six-digit code of key at step st, as typed. */
static void
code_of(const void *key, size_t len, int64_t st, char out[8])
{
	snprintf(out, 8, "%06u",
	         (unsigned)totp_hotp(key, len, (uint64_t)st, TOTP_DIGITS));
}

static void
test_totp__skew_window(void **state)
{
	int64_t cur = totp_step(T0 + 17), step = -1;
	char c[8];

	(void)state;
	for (int d = -1; d <= 1; d++) {
		code_of(rfc_key, 20, cur + d, c);
		assert_int_equal(totp_check(rfc_key, 20, c, T0 + 17, 0, &step),
		                 TOTP_MATCH);
		assert_int_equal(step, cur + d);
	}
	/* Two steps away is outside the window. */
	code_of(rfc_key, 20, cur - 2, c);
	assert_int_equal(totp_check(rfc_key, 20, c, T0 + 17, 0, &step),
	                 TOTP_MISMATCH);
	code_of(rfc_key, 20, cur + 2, c);
	assert_int_equal(totp_check(rfc_key, 20, c, T0 + 17, 0, &step),
	                 TOTP_MISMATCH);
	assert_int_equal(step, 0);
	/* The step boundary: T0 + 29 is still step cur, T0 + 30 the next. */
	code_of(rfc_key, 20, cur - 1, c);
	assert_int_equal(totp_check(rfc_key, 20, c, T0 + 29, 0, &step),
	                 TOTP_MATCH);
	assert_int_equal(totp_check(rfc_key, 20, c, T0 + 30, 0, &step),
	                 TOTP_MISMATCH);
	/* Typed with a space, as apps show it. */
	code_of(rfc_key, 20, cur, c);
	memmove(c + 4, c + 3, 4);
	c[3] = ' ';
	assert_int_equal(totp_check(rfc_key, 20, c, T0 + 17, 0, &step),
	                 TOTP_MATCH);
}

static void
test_totp__replay_refused(void **state)
{
	int64_t cur = totp_step(T0), step;
	char c[8];

	(void)state;
	code_of(rfc_key, 20, cur, c);
	assert_int_equal(totp_check(rfc_key, 20, c, T0, cur - 1, &step),
	                 TOTP_MATCH);
	assert_int_equal(totp_check(rfc_key, 20, c, T0, cur, &step),
	                 TOTP_REPLAYED);
	/* An older step's code is spent too once a later one was used. */
	code_of(rfc_key, 20, cur - 1, c);
	assert_int_equal(totp_check(rfc_key, 20, c, T0, cur, &step),
	                 TOTP_REPLAYED);
	/* The next step's code is still good. */
	code_of(rfc_key, 20, cur + 1, c);
	assert_int_equal(totp_check(rfc_key, 20, c, T0, cur, &step),
	                 TOTP_MATCH);
	assert_int_equal(step, cur + 1);
}

static void
test_totp__malformed_codes(void **state)
{
	static const char *const bad[] = {
	        "",       "12345",        "1234567",  "12a456", "12345x",
	        "-12345", "１２３４５６", "123456\n", NULL};
	char longc[64];
	int64_t step;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(totp_check(rfc_key, 20, bad[i], T0, 0, &step),
		                 TOTP_MALFORMED);
	memset(longc, ' ', sizeof(longc) - 1);
	longc[sizeof(longc) - 1] = '\0';
	memcpy(longc + 40, "123456", 6);
	assert_int_equal(totp_check(rfc_key, 20, longc, T0, 0, &step),
	                 TOTP_MALFORMED);
}

/* With a store */

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	struct audit_actor actor;
	int64_t id; /* "staff@stp.example", password PW */
	unsigned char key[TOTP_SECRET_BYTES];
	struct recovery_codes codes;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct user u = {0};

	config_defaults(&config);
	config.argon2_ops = 1;
	config.argon2_mem = 8192;
	assert_int_equal(fixture_db_open(f->path, "totp", &f->s), ERR_OK);
	arena_init(&f->a, 4096);
	f->actor = (struct audit_actor){0, "cli:test", ""};
	u.email = "staff@stp.example";
	u.full_name = "Nguyễn Thị Hoa";
	u.roles = "staff";
	assert_int_equal(user_create(f->s, &f->a, &f->actor, &u, PW, T0, NULL),
	                 ERR_OK);
	f->id = u.id;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	fixture_db_remove(f->s, f->path);
	arena_release(&f->a);
	config_release(&config);
	free(f);
	return 0;
}

static struct audit_entry
last_entry(struct fx *f)
{
	struct audit_entry e;

	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	return e;
}

static void
chain_intact(struct fx *f)
{
	struct audit_report r;

	assert_int_equal(audit_verify(f->s, &r), ERR_OK);
	assert_int_equal(r.fault, AUDIT_INTACT);
}

/* The code of f's key at time t. */
static void
code_at(struct fx *f, time_t t, char out[8])
{
	code_of(f->key, sizeof(f->key), totp_step(t), out);
}

/* Enrols f's account at T0 and keeps the key. */
static void
enrol(struct fx *f)
{
	struct totp_enrolment en;
	size_t n;
	char c[8];

	assert_int_equal(totp_enrol_begin(f->s, &f->a, f->id, T0, &en), ERR_OK);
	assert_true(totp_base32_decode(en.secret, strlen(en.secret), f->key,
	                               sizeof(f->key), &n));
	assert_int_equal(n, TOTP_SECRET_BYTES);
	code_at(f, T0, c);
	assert_int_equal(
	        totp_enrol_confirm(f->s, &f->actor, f->id, c, T0, &f->codes),
	        ERR_OK);
}

static void
test_totp__enrol(void **state)
{
	struct fx *f = *state;
	struct totp_enrolment en, en2;
	struct recovery_codes rc;
	struct audit_entry e;
	struct totp_state t;
	struct user u;
	struct buf want = BUF_INIT;
	size_t n;
	char c[8];

	/* Nothing to confirm yet. */
	assert_int_equal(
	        totp_enrol_confirm(f->s, &f->actor, f->id, "123456", T0, &rc),
	        ERR_NOTFOUND);
	assert_int_equal(totp_enrol_begin(f->s, &f->a, 999, T0, &en),
	                 ERR_NOTFOUND);
	assert_int_equal(totp_enrol_begin(f->s, &f->a, f->id, T0, &en), ERR_OK);
	assert_int_equal(strlen(en.secret), 32);
	assert_int_equal(strlen(en.secret_grouped), 39);
	totp_uri(&want, totp_issuer(), "staff@stp.example", en.secret);
	assert_string_equal(en.uri, want.p);
	buf_release(&want);
	assert_true(strncmp(en.svg, "<svg", 4) == 0);
	assert_non_null(strstr(en.svg, QR_TITLE_TOTP));
	/* Pending, not active: log-in does not ask for it yet. */
	assert_int_equal(store_user_get(f->s, &f->a, f->id, &u), ERR_OK);
	assert_string_equal(u.totp_secret, "");
	assert_int_equal(store_totp_get(f->s, &f->a, f->id, &t), ERR_OK);
	assert_string_equal(t.pending, en.secret);
	assert_int_equal(t.pending_at, T0);
	assert_int_equal(totp_verify(f->s, f->id, "123456", "", T0),
	                 LOGIN_DENIED);

	/* A second begin replaces the pending secret. */
	assert_int_equal(totp_enrol_begin(f->s, &f->a, f->id, T0, &en2),
	                 ERR_OK);
	assert_string_not_equal(en.secret, en2.secret);
	assert_true(
	        totp_base32_decode(en2.secret, 32, f->key, sizeof(f->key), &n));
	code_at(f, T0 + 60, c);
	assert_int_equal(totp_enrol_confirm(f->s, &f->actor, f->id, "12345",
	                                    T0 + 60, &rc),
	                 ERR_INVALID);
	/* Off by two steps: wrong. */
	assert_int_equal(totp_enrol_confirm(f->s, &f->actor, f->id, c, T0, &rc),
	                 ERR_DENIED);
	assert_string_equal(rc.code[0], "");
	/* Too late. */
	assert_int_equal(totp_enrol_confirm(f->s, &f->actor, f->id, c,
	                                    T0 + TOTP_ENROL_MAX_AGE + 60, &rc),
	                 ERR_NOTFOUND);
	assert_int_equal(
	        totp_enrol_confirm(f->s, &f->actor, f->id, c, T0 + 60, &rc),
	        ERR_OK);
	for (int i = 0; i < RECOVERY_COUNT; i++)
		assert_int_equal(strlen(rc.code[i]), 11);
	assert_int_equal(store_user_get(f->s, &f->a, f->id, &u), ERR_OK);
	assert_string_equal(u.totp_secret, en2.secret);
	assert_int_equal(recovery_remaining(u.recovery_codes), RECOVERY_COUNT);
	/* Only hashes are stored. */
	assert_null(strstr(u.recovery_codes, rc.code[0]));
	assert_int_equal(store_totp_get(f->s, &f->a, f->id, &t), ERR_OK);
	assert_string_equal(t.pending, "");
	assert_int_equal(t.last_step, totp_step(T0 + 60));
	e = last_entry(f);
	assert_string_equal(e.action, "user.2fa-enrol");
	assert_int_equal(e.object_id, f->id);
	assert_null(strstr(e.detail, en2.secret));
	/* The code that confirmed cannot log in again. */
	assert_int_equal(totp_verify(f->s, f->id, c, "", T0 + 60),
	                 LOGIN_DENIED);
	/* Active now: enrol again only after a reset. */
	assert_int_equal(totp_enrol_begin(f->s, &f->a, f->id, T0, &en),
	                 ERR_CONFLICT);
	assert_int_equal(
	        totp_enrol_confirm(f->s, &f->actor, f->id, c, T0 + 60, &rc),
	        ERR_CONFLICT);
	chain_intact(f);
}

static void
test_totp__verify_and_replay(void **state)
{
	struct fx *f = *state;
	struct audit_entry e;
	char c[8];

	enrol(f);
	code_at(f, T0 + 90, c);
	assert_int_equal(totp_verify(f->s, f->id, c, "10.0.0.1", T0 + 90),
	                 LOGIN_OK);
	e = last_entry(f);
	assert_string_equal(e.action, "login.2fa-ok");
	assert_string_equal(e.client_addr, "10.0.0.1");
	assert_int_equal(e.actor_user_id, f->id);
	assert_null(strstr(e.detail, c));
	/* The same code again, even within its step: refused, audited. */
	assert_int_equal(totp_verify(f->s, f->id, c, "10.0.0.1", T0 + 95),
	                 LOGIN_DENIED);
	e = last_entry(f);
	assert_string_equal(e.action, "login.2fa-fail");
	assert_non_null(strstr(e.detail, "code already used"));
	/* A late code (one step back) is fine if not used. */
	code_at(f, T0 + 120, c);
	assert_int_equal(totp_verify(f->s, f->id, c, "10.0.0.2", T0 + 150),
	                 LOGIN_OK);
	/* Disabled: even the right code is refused. */
	assert_int_equal(user_set_active(f->s, &f->actor, f->id, false, T0),
	                 ERR_OK);
	code_at(f, T0 + 300, c);
	assert_int_equal(totp_verify(f->s, f->id, c, "10.0.0.3", T0 + 300),
	                 LOGIN_DENIED);
	assert_int_equal(totp_verify(f->s, 999, c, "10.0.0.3", T0 + 300),
	                 LOGIN_DENIED);
	chain_intact(f);
}

/* A code that no step of the window at t accepts. */
static void
wrong_code(struct fx *f, time_t t, char out[8])
{
	int64_t step;

	code_at(f, t, out);
	do {
		out[5] = out[5] == '9' ? '0' : (char)(out[5] + 1);
	} while (totp_check(f->key, sizeof(f->key), out, t, 0, &step) !=
	         TOTP_MISMATCH);
}

/* A wrong code from a new address each time, so per-address delays do
 * not interfere. */
static enum login_result
wrong(struct fx *f, int i, time_t t)
{
	char addr[32], c[8];

	wrong_code(f, t, c);
	snprintf(addr, sizeof(addr), "10.1.0.%d", i);
	return totp_verify(f->s, f->id, c, addr, t);
}

static void
test_totp__lockout(void **state)
{
	struct fx *f = *state;
	struct user u;
	struct audit_entry e;
	char c[8];
	int i;

	enrol(f);
	for (i = 1; i <= 3; i++)
		assert_int_equal(wrong(f, i, T0 + 30 * i), LOGIN_DENIED);
	/* A right password resets failed_count, not the wrong codes. */
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "10.2.0.1", T0 + 100, &u),
	                 LOGIN_OK);
	assert_int_equal(wrong(f, 4, T0 + 120), LOGIN_DENIED);
	assert_int_equal(wrong(f, 5, T0 + 150), LOGIN_LOCKED);
	e = last_entry(f);
	assert_string_equal(e.action, "user.lock");
	assert_int_equal(store_user_get(f->s, &f->a, f->id, &u), ERR_OK);
	assert_int_equal(u.locked_until, T0 + 150 + 12 * 3600);
	/* Locked: the right code does not help; nor does the password. */
	code_at(f, T0 + 180, c);
	assert_int_equal(totp_verify(f->s, f->id, c, "10.3.0.1", T0 + 180),
	                 LOGIN_LOCKED);
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "10.2.0.2", T0 + 180, &u),
	                 LOGIN_LOCKED);
	/* An administrator unlocks: codes count from zero again. */
	assert_int_equal(user_unlock(f->s, &f->actor, f->id, T0 + 200), ERR_OK);
	assert_int_equal(wrong(f, 6, T0 + 210), LOGIN_DENIED);
	code_at(f, T0 + 240, c);
	assert_int_equal(totp_verify(f->s, f->id, c, "10.3.0.2", T0 + 240),
	                 LOGIN_OK);
	/* Lock again, then let it run out. */
	for (i = 1; i <= 5; i++)
		assert_int_equal(wrong(f, 10 + i, T0 + 300 + 30 * i),
		                 i < 5 ? LOGIN_DENIED : LOGIN_LOCKED);
	code_at(f, T0 + 450 + 12 * 3600, c);
	assert_int_equal(
	        totp_verify(f->s, f->id, c, "10.3.0.3", T0 + 450 + 12 * 3600),
	        LOGIN_OK);
	assert_int_equal(store_user_get(f->s, &f->a, f->id, &u), ERR_OK);
	assert_int_equal(u.locked_until, 0);
	chain_intact(f);
}

static void
test_totp__throttle_per_address(void **state)
{
	struct fx *f = *state;
	char c[8];

	enrol(f);
	config.lockout_attempts = 50;
	wrong_code(f, T0 + 30, c);
	assert_int_equal(totp_verify(f->s, f->id, c, "10.9.9.9", T0 + 30),
	                 LOGIN_DENIED);
	assert_int_equal(totp_verify(f->s, f->id, c, "10.9.9.9", T0 + 30),
	                 LOGIN_DENIED);
	/* Two failures: this address waits a second. */
	code_at(f, T0 + 30, c);
	assert_int_equal(totp_verify(f->s, f->id, c, "10.9.9.9", T0 + 30),
	                 LOGIN_THROTTLED);
	assert_int_equal(totp_verify(f->s, f->id, c, "10.9.9.9", T0 + 31),
	                 LOGIN_OK);
}

static void
test_totp__reset_2fa(void **state)
{
	struct fx *f = *state;
	struct totp_enrolment en;
	struct audit_entry e;
	char c[8];

	enrol(f);
	assert_int_equal(user_reset_2fa(f->s, &f->actor, f->id, T0 + 60),
	                 ERR_OK);
	code_at(f, T0 + 60, c);
	assert_int_equal(totp_verify(f->s, f->id, c, "", T0 + 60),
	                 LOGIN_DENIED);
	e = last_entry(f);
	assert_non_null(strstr(e.detail, "no second factor"));
	assert_int_equal(totp_enrol_begin(f->s, &f->a, f->id, T0 + 60, &en),
	                 ERR_OK);
}

#define TS(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_totp__rfc4226_hotp),
	        cmocka_unit_test(test_totp__rfc6238_sha1),
	        cmocka_unit_test(test_totp__base32),
	        cmocka_unit_test(test_totp__base32_bad_input),
	        cmocka_unit_test(test_totp__secret_and_uri),
	        cmocka_unit_test(test_totp__skew_window),
	        cmocka_unit_test(test_totp__replay_refused),
	        cmocka_unit_test(test_totp__malformed_codes),
	        cmocka_unit_test(test_totp__required_roles),
	        TS(test_totp__enrol),
	        TS(test_totp__verify_and_replay),
	        TS(test_totp__lockout),
	        TS(test_totp__throttle_per_address),
	        TS(test_totp__reset_2fa),
	};

	log_set_level(LOG_LEVEL_ERR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
