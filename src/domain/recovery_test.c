/* Tests of recovery codes: their form and alphabet, reading typed codes,
 * single use of each, the stored form holding hashes only, and against a
 * store: use at log-in (audited, counted like wrong TOTP codes) and
 * renewal. */
#include "common.h"

#include <ctype.h>
#include <setjmp.h>
#include <cmocka.h>

#include "config.h"
#include "log.h"
#include "recovery.h"
#include "store_fixture.h"
#include "totp.h"

#define T0 ((time_t)1767225600) /* 2026-01-01T00:00:00Z */

static void
test_recovery__form(void **state)
{
	struct arena a = ARENA_INIT;
	struct recovery_codes rc, rc2;
	const char *stored, *stored2;

	(void)state;
	arena_init(&a, 2048);
	assert_int_equal(strlen(recovery_alphabet), 31);
	for (const char *p = "0o1li"; *p; p++)
		assert_null(strchr(recovery_alphabet, *p));
	recovery_new(&a, &rc, &stored);
	recovery_new(&a, &rc2, &stored2);
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		const char *c = rc.code[i];

		assert_int_equal(strlen(c), 11);
		assert_int_equal(c[5], '-');
		for (int k = 0; k < 11; k++)
			if (k != 5)
				assert_non_null(
				        strchr(recovery_alphabet, c[k]));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(c, rc.code[j]);
		assert_null(strstr(stored, c));
		assert_string_not_equal(c, rc2.code[i]);
	}
	/* "r1$" + 32 hex salt + "$" + 10 hashes of 64 hex, comma-separated. */
	assert_int_equal(strlen(stored), 3 + 32 + 1 + 10 * 64 + 9);
	assert_true(strncmp(stored, "r1$", 3) == 0);
	assert_int_equal(recovery_remaining(stored), RECOVERY_COUNT);
	/* Each set has its own salt. */
	assert_memory_not_equal(stored, stored2, 3 + 32);
	arena_release(&a);
}

static void
test_recovery__normalise(void **state)
{
	char out[RECOVERY_LEN + 1];

	(void)state;
	assert_true(recovery_normalise("abcde-fghjk", out));
	assert_string_equal(out, "abcdefghjk");
	assert_true(recovery_normalise("  ABCDE FGHJK ", out));
	assert_string_equal(out, "abcdefghjk");
	assert_true(recovery_normalise("abcdefghjk", out));
	assert_true(recovery_normalise("a-b-c-d-e-f-g-h-j-k", out));
	/* Look-alikes are not in the alphabet. */
	assert_false(recovery_normalise("abcde-fgh0k", out));
	assert_false(recovery_normalise("abcde-fghOk", out));
	assert_false(recovery_normalise("abcde-fgh1k", out));
	assert_false(recovery_normalise("abcde-fghlk", out));
	assert_false(recovery_normalise("abcde-fghIk", out));
	/* Length. */
	assert_false(recovery_normalise("abcde-fghj", out));
	assert_false(recovery_normalise("abcde-fghjkm", out));
	assert_false(recovery_normalise("", out));
	assert_false(recovery_normalise(NULL, out));
	assert_false(recovery_normalise("abcde-fghjk\xc3\xa0", out));
}

static void
test_recovery__single_use(void **state)
{
	struct arena a = ARENA_INIT;
	struct recovery_codes rc;
	const char *stored, *rest, *again;
	char upper[16];

	(void)state;
	arena_init(&a, 4096);
	recovery_new(&a, &rc, &stored);
	/* Typed in capitals without the dash, with spaces. */
	for (int k = 0, j = 0; k < 11; k++) {
		if (k == 5) {
			upper[j++] = ' ';
			continue;
		}
		upper[j++] = (char)toupper((unsigned char)rc.code[3][k]);
		upper[j] = '\0';
	}
	assert_true(recovery_match(&a, stored, upper, &rest));
	assert_int_equal(recovery_remaining(rest), RECOVERY_COUNT - 1);
	assert_false(recovery_match(&a, rest, rc.code[3], &again));
	assert_null(again);
	/* Use all the others, in another order. */
	for (int i = RECOVERY_COUNT - 1; i >= 0; i--) {
		if (i == 3)
			continue;
		assert_true(recovery_match(&a, rest, rc.code[i], &again));
		assert_false(recovery_match(&a, again, rc.code[i], &rest));
		rest = again;
	}
	assert_int_equal(recovery_remaining(rest), 0);
	assert_true(strncmp(rest, stored, 36) == 0);
	assert_int_equal(strlen(rest), 36);
	/* Another set's code, a malformed stored text, nothing stored. */
	assert_false(recovery_match(&a, stored, "abcde-fghjk", &rest));
	assert_false(recovery_match(&a, "", rc.code[0], &rest));
	assert_false(recovery_match(&a, "r1$zz", rc.code[0], &rest));
	assert_int_equal(recovery_remaining(""), 0);
	assert_int_equal(recovery_remaining("r1$00$"), 0);
	assert_int_equal(
	        recovery_remaining("r1$00000000000000000000000000000000$,"), 0);
	arena_release(&a);
}

/* With a store */

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	struct audit_actor actor;
	int64_t id;
	struct recovery_codes codes;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct totp_enrolment en;
	unsigned char key[TOTP_SECRET_BYTES];
	struct user u = {0};
	size_t n;
	char c[8];

	config_defaults(&config);
	config.argon2_ops = 1;
	config.argon2_mem = 8192;
	assert_int_equal(fixture_db_open(f->path, "recovery", &f->s), ERR_OK);
	arena_init(&f->a, 4096);
	f->actor = (struct audit_actor){0, "cli:test", ""};
	u.email = "head@stp.example";
	u.full_name = "Trần Văn Minh";
	u.roles = "board-head";
	assert_int_equal(user_create(f->s, &f->a, &f->actor, &u,
	                             "Hoa hồng đỏ thắm 2026", T0, NULL),
	                 ERR_OK);
	f->id = u.id;
	assert_int_equal(totp_enrol_begin(f->s, &f->a, f->id, T0, &en), ERR_OK);
	assert_true(totp_base32_decode(en.secret, 32, key, sizeof(key), &n));
	snprintf(c, sizeof(c), "%06u",
	         (unsigned)totp_at(key, n, T0, TOTP_DIGITS));
	assert_int_equal(
	        totp_enrol_confirm(f->s, &f->actor, f->id, c, T0, &f->codes),
	        ERR_OK);
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

static int
left(struct fx *f)
{
	struct user u;

	assert_int_equal(store_user_get(f->s, &f->a, f->id, &u), ERR_OK);
	return recovery_remaining(u.recovery_codes);
}

static void
test_recovery__use_at_login(void **state)
{
	struct fx *f = *state;
	struct audit_entry e;
	struct audit_report r;

	assert_int_equal(recovery_use(f->s, f->id, f->codes.code[0], "10.0.0.1",
	                              T0 + 10),
	                 LOGIN_OK);
	e = last_entry(f);
	assert_string_equal(e.action, "login.2fa-ok");
	assert_non_null(strstr(e.detail, "\"factor\":\"recovery\""));
	assert_non_null(strstr(e.detail, "\"recovery_codes_left\":9"));
	assert_int_equal(left(f), 9);
	/* Once only. */
	assert_int_equal(recovery_use(f->s, f->id, f->codes.code[0], "10.0.0.2",
	                              T0 + 20),
	                 LOGIN_DENIED);
	e = last_entry(f);
	assert_string_equal(e.action, "login.2fa-fail");
	assert_non_null(strstr(e.detail, "wrong recovery code"));
	assert_null(strstr(e.detail, f->codes.code[0]));
	assert_int_equal(
	        recovery_use(f->s, f->id, "not a code", "10.0.0.3", T0 + 30),
	        LOGIN_DENIED);
	e = last_entry(f);
	assert_non_null(strstr(e.detail, "malformed recovery code"));
	assert_int_equal(left(f), 9);
	assert_int_equal(audit_verify(f->s, &r), ERR_OK);
	assert_int_equal(r.fault, AUDIT_INTACT);
}

static void
test_recovery__wrong_codes_lock(void **state)
{
	struct fx *f = *state;
	char addr[32];

	/* Wrong recovery codes and wrong TOTP codes share one count. */
	assert_int_equal(totp_verify(f->s, f->id, "x", "10.1.0.1", T0 + 5),
	                 LOGIN_DENIED);
	for (int i = 2; i <= 5; i++) {
		snprintf(addr, sizeof(addr), "10.1.0.%d", i);
		assert_int_equal(recovery_use(f->s, f->id, "abcde-fghjk", addr,
		                              T0 + 10 * i),
		                 i < 5 ? LOGIN_DENIED : LOGIN_LOCKED);
	}
	assert_string_equal(last_entry(f).action, "user.lock");
	/* A right code does not open a locked account, nor is it spent. */
	assert_int_equal(recovery_use(f->s, f->id, f->codes.code[1], "10.1.1.1",
	                              T0 + 100),
	                 LOGIN_LOCKED);
	assert_int_equal(left(f), RECOVERY_COUNT);
}

static void
test_recovery__renew(void **state)
{
	struct fx *f = *state;
	struct recovery_codes rc;
	struct audit_entry e;

	assert_int_equal(recovery_use(f->s, f->id, f->codes.code[2], "", T0),
	                 LOGIN_OK);
	assert_int_equal(recovery_renew(f->s, &f->actor, f->id, T0, &rc),
	                 ERR_OK);
	e = last_entry(f);
	assert_string_equal(e.action, "user.2fa-recovery");
	assert_non_null(strstr(e.detail, "\"before\":9"));
	assert_int_equal(left(f), RECOVERY_COUNT);
	/* The old set is gone, the new one works. */
	assert_int_equal(recovery_use(f->s, f->id, f->codes.code[3], "", T0),
	                 LOGIN_DENIED);
	assert_int_equal(recovery_use(f->s, f->id, rc.code[3], "", T0 + 5),
	                 LOGIN_OK);
	/* Without a second factor there is nothing to renew or use. */
	assert_int_equal(user_reset_2fa(f->s, &f->actor, f->id, T0), ERR_OK);
	assert_int_equal(recovery_renew(f->s, &f->actor, f->id, T0, &rc),
	                 ERR_CONFLICT);
	assert_string_equal(rc.code[0], "");
	assert_int_equal(recovery_renew(f->s, &f->actor, 999, T0, &rc),
	                 ERR_NOTFOUND);
	assert_int_equal(recovery_use(f->s, f->id, rc.code[4], "", T0 + 20),
	                 LOGIN_DENIED);
}

#define TS(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_recovery__form),
	        cmocka_unit_test(test_recovery__normalise),
	        cmocka_unit_test(test_recovery__single_use),
	        TS(test_recovery__use_at_login),
	        TS(test_recovery__wrong_codes_lock),
	        TS(test_recovery__renew),
	};

	log_set_level(LOG_LEVEL_ERR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
