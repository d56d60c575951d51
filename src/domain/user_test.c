/* Tests of accounts: creation and validation, profile changes, roles,
 * passwords, the log-in check with lock-out and per-address delays,
 * disabling, inactive accounts, sessions; every change audited. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "config.h"
#include "log.h"
#include "store_fixture.h"
#include "unit.h"
#include "user.h"

#define DAY 86400
#define T0 ((time_t)1767225600) /* 2026-01-01T00:00:00Z */
#define PW "Hoa hồng đỏ thắm 2026"

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	struct audit_actor actor;
	int64_t id; /* staff account "staff@stp.example" */
};

static int64_t
add_user(struct fx *f, const char *email, const char *roles, const char *pw)
{
	struct user u = {0};

	u.email = email;
	u.full_name = "Nguyễn Thị Hoa";
	u.roles = roles;
	u.must_change_password = true;
	assert_int_equal(user_create(f->s, &f->a, &f->actor, &u, pw, T0, NULL),
	                 ERR_OK);
	return u.id;
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	config_defaults(&config);
	config.argon2_ops = 1;
	config.argon2_mem = 8192;
	assert_int_equal(fixture_db_open(f->path, "user", &f->s), ERR_OK);
	arena_init(&f->a, 4096);
	f->actor = (struct audit_actor){0, "cli:test", ""};
	assert_int_equal(unit_seed(f->s, &f->actor, T0), ERR_OK);
	f->id = add_user(f, " Staff@STP.example ", "staff", PW);
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

static void
get(struct fx *f, int64_t id, struct user *u)
{
	assert_int_equal(store_user_get(f->s, &f->a, id, u), ERR_OK);
}

/* The action of the newest audit entry. */
static const char *
last_action(struct fx *f, struct audit_entry *e)
{
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, e), ERR_OK);
	return e->action;
}

static void
chain_intact(struct fx *f)
{
	struct audit_report r;

	assert_int_equal(audit_verify(f->s, &r), ERR_OK);
	assert_int_equal(r.fault, AUDIT_INTACT);
}

static void
test_user__create(void **state)
{
	struct fx *f = *state;
	struct user u, v = {0};
	struct audit_entry e;
	enum password_problem pp;

	get(f, f->id, &u);
	assert_string_equal(u.email, "staff@stp.example");
	assert_string_equal(u.roles, "staff");
	assert_true(u.active);
	assert_true(u.must_change_password);
	assert_int_equal(u.created_at, T0);
	assert_int_equal(u.password_changed_at, T0);
	assert_true(password_verify(u.password_hash, PW));
	assert_string_equal(last_action(f, &e), "user.add");
	assert_int_equal(e.object_id, f->id);
	assert_null(strstr(e.detail, "argon2")); /* no hash in the log */

	/* The same e-mail in other case is taken. */
	v.email = "STAFF@stp.example";
	v.full_name = "Khác";
	v.roles = "";
	assert_int_equal(user_create(f->s, &f->a, &f->actor, &v, PW, T0, NULL),
	                 ERR_CONFLICT);
	/* Bad e-mail, role, unit, password. */
	v.email = "no-at-sign";
	assert_int_equal(user_create(f->s, &f->a, &f->actor, &v, PW, T0, NULL),
	                 ERR_INVALID);
	v.email = "x@y.example";
	v.roles = "staff,emperor";
	assert_int_equal(user_create(f->s, &f->a, &f->actor, &v, PW, T0, NULL),
	                 ERR_INVALID);
	v.roles = "staff";
	v.unit_id = 999;
	assert_int_equal(user_create(f->s, &f->a, &f->actor, &v, PW, T0, NULL),
	                 ERR_INVALID);
	v.unit_id = 0;
	assert_int_equal(user_create(f->s, &f->a, &f->actor, &v, "matkhau2024!",
	                             T0, &pp),
	                 ERR_INVALID);
	assert_int_equal(pp, PASSWORD_COMMON);
	assert_int_equal(store_user_by_email(f->s, &f->a, "x@y.example", &u),
	                 ERR_NOTFOUND);
	chain_intact(f);
}

static void
test_user__email_normalise(void **state)
{
	struct fx *f = *state;
	const char *out;

	assert_int_equal(user_email_normalise(&f->a, "  A.B@Ex.VN\t", &out),
	                 ERR_OK);
	assert_string_equal(out, "a.b@ex.vn");
	assert_int_equal(user_email_normalise(&f->a, "a@b", &out), ERR_INVALID);
	assert_int_equal(user_email_normalise(&f->a, "@b.vn", &out),
	                 ERR_INVALID);
	assert_int_equal(user_email_normalise(&f->a, "a@@b.vn", &out),
	                 ERR_INVALID);
	assert_int_equal(user_email_normalise(&f->a, "a b@c.vn", &out),
	                 ERR_INVALID);
	assert_int_equal(user_email_normalise(&f->a, "a@c.", &out),
	                 ERR_INVALID);
	assert_int_equal(user_email_normalise(&f->a, NULL, &out), ERR_INVALID);
}

static void
test_user__update_roles_move(void **state)
{
	struct fx *f = *state;
	struct user u;
	struct audit_entry e;

	get(f, f->id, &u);
	u.unit_id = 3;
	u.title = "Chuyên viên";
	assert_int_equal(user_update(f->s, &f->actor, &u, T0 + 1), ERR_OK);
	assert_string_equal(last_action(f, &e), "user.edit");
	assert_non_null(strstr(e.detail, "\"unit_id\":{\"before\":0,"
	                                 "\"after\":3}"));
	/* No change: no entry. */
	assert_int_equal(user_update(f->s, &f->actor, &u, T0 + 2), ERR_OK);
	assert_string_equal(last_action(f, &e), "user.edit");
	assert_int_equal(e.at, T0 + 1);

	assert_int_equal(user_set_roles(f->s, &f->actor, f->id,
	                                ROLE_BIT(ROLE_IT_ADMIN) |
	                                        ROLE_BIT(ROLE_DIRECTOR),
	                                T0 + 3),
	                 ERR_OK);
	get(f, f->id, &u);
	assert_int_equal(user_roles(&u),
	                 ROLE_BIT(ROLE_IT_ADMIN) | ROLE_BIT(ROLE_DIRECTOR));
	assert_true(user_has_role(&u, ROLE_DIRECTOR));
	assert_false(user_has_role(&u, ROLE_STAFF));
	assert_string_equal(last_action(f, &e), "user.roles");
	assert_non_null(strstr(e.detail, "\"before\":\"staff\""));
	assert_non_null(strstr(e.detail, "\"after\":\"director,it-admin\""));
	assert_int_equal(user_set_roles(f->s, &f->actor, f->id, 1u << 30, T0),
	                 ERR_INVALID);
	assert_int_equal(user_set_roles(f->s, &f->actor, 999, 0, T0),
	                 ERR_NOTFOUND);
	chain_intact(f);
}

static void
test_user__password_change(void **state)
{
	struct fx *f = *state;
	struct user u;
	enum password_problem pp;

	assert_int_equal(user_set_password(f->s, &f->actor, f->id, "short",
	                                   false, T0 + 5, &pp),
	                 ERR_INVALID);
	assert_int_equal(pp, PASSWORD_TOO_SHORT);
	assert_int_equal(user_set_password(f->s, &f->actor, f->id,
	                                   "staff@stp.example", false, T0 + 5,
	                                   &pp),
	                 ERR_INVALID);
	assert_int_equal(pp, PASSWORD_PERSONAL);
	get(f, f->id, &u);
	assert_true(password_verify(u.password_hash, PW));
	assert_int_equal(user_set_password(f->s, &f->actor, f->id,
	                                   "ngựa ô phi nước kiệu", false,
	                                   T0 + 5, &pp),
	                 ERR_OK);
	get(f, f->id, &u);
	assert_true(password_verify(u.password_hash, "ngựa ô phi nước kiệu"));
	assert_false(u.must_change_password);
	assert_int_equal(u.password_changed_at, T0 + 5);
	assert_false(user_password_expired(&u, T0 + 365 * DAY));
	/* The IT administrator's password expires after 60 days. */
	assert_int_equal(user_set_roles(f->s, &f->actor, f->id,
	                                ROLE_BIT(ROLE_IT_ADMIN), T0),
	                 ERR_OK);
	get(f, f->id, &u);
	assert_false(user_password_expired(&u, T0 + 59 * DAY));
	assert_true(user_password_expired(&u, T0 + 61 * DAY));
	config.admin_password_days = 0;
	assert_false(user_password_expired(&u, T0 + 610 * DAY));
}

static void
test_user__login_ok(void **state)
{
	struct fx *f = *state;
	struct user u;
	struct audit_entry e;

	assert_int_equal(user_check_password(f->s, &f->a, "STAFF@stp.example",
	                                     PW, "192.0.2.7", T0 + 60, &u),
	                 LOGIN_OK);
	assert_int_equal(u.id, f->id);
	assert_int_equal(u.last_login_at, T0 + 60);
	assert_string_equal(last_action(f, &e), "login.ok");
	assert_string_equal(e.client_addr, "192.0.2.7");
	assert_int_equal(e.actor_user_id, f->id);
	chain_intact(f);
}

static void
test_user__login_unknown_and_disabled(void **state)
{
	struct fx *f = *state;
	struct user u;
	struct audit_entry e;

	assert_int_equal(user_check_password(f->s, &f->a, "nobody@stp.example",
	                                     PW, "192.0.2.8", T0, &u),
	                 LOGIN_DENIED);
	assert_int_equal(u.id, 0);
	assert_string_equal(last_action(f, &e), "login.fail");
	assert_non_null(strstr(e.detail, "unknown e-mail"));
	assert_int_equal(user_set_active(f->s, &f->actor, f->id, false, T0),
	                 ERR_OK);
	assert_string_equal(last_action(f, &e), "user.disable");
	/* The right password of a disabled account does not let it in. */
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "192.0.2.9", T0, &u),
	                 LOGIN_DENIED);
	assert_non_null(strstr(last_action(f, &e), "login.fail"));
	assert_non_null(strstr(e.detail, "disabled"));
	assert_int_equal(user_set_active(f->s, &f->actor, f->id, true, T0),
	                 ERR_OK);
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "192.0.2.10", T0, &u),
	                 LOGIN_OK);
	chain_intact(f);
}

/* TCVN 14423 x.5.2.2: lock after 5 failures for 12 hours. */
static void
test_user__lockout_and_unlock(void **state)
{
	struct fx *f = *state;
	struct user u;
	struct audit_entry e;
	time_t t = T0;
	char addr[32];

	for (int i = 1; i <= 5; i++) {
		/* A new address each time: the per-address delay is tested
		 * apart. */
		snprintf(addr, sizeof(addr), "198.51.100.%d", i);
		assert_int_equal(
		        user_check_password(f->s, &f->a, "staff@stp.example",
		                            "wrong password!", addr, t, &u),
		        i < 5 ? LOGIN_DENIED : LOGIN_LOCKED);
		get(f, f->id, &u);
		assert_int_equal(u.failed_count, i);
	}
	assert_int_equal(u.locked_until, t + 12 * 3600);
	assert_string_equal(last_action(f, &e), "user.lock");
	/* Locked: even the right password is refused. */
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "203.0.113.1", t + 60, &u),
	                 LOGIN_LOCKED);
	/* The lock runs out after 12 hours. */
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "203.0.113.2",
	                                     t + 12 * 3600 + 1, &u),
	                 LOGIN_OK);
	get(f, f->id, &u);
	assert_int_equal(u.failed_count, 0);
	assert_int_equal(u.locked_until, 0);

	/* Lock again, then an administrator unlocks. */
	config.lockout_attempts = 2;
	t += DAY;
	for (int i = 1; i <= 2; i++) {
		snprintf(addr, sizeof(addr), "198.51.100.%d", 50 + i);
		user_check_password(f->s, &f->a, "staff@stp.example", "nope",
		                    addr, t, &u);
	}
	get(f, f->id, &u);
	assert_true(u.locked_until > t);
	assert_int_equal(user_unlock(f->s, &f->actor, f->id, t + 1), ERR_OK);
	assert_string_equal(last_action(f, &e), "user.unlock");
	get(f, f->id, &u);
	assert_int_equal(u.locked_until, 0);
	assert_int_equal(u.failed_count, 0);
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "203.0.113.3", t + 2, &u),
	                 LOGIN_OK);
	chain_intact(f);
}

static void
test_user__throttle_per_address(void **state)
{
	struct fx *f = *state;
	struct user u;
	int failures;
	time_t last;

	assert_int_equal(user_login_delay(0), 0);
	assert_int_equal(user_login_delay(1), 0);
	assert_int_equal(user_login_delay(2), 1);
	assert_int_equal(user_login_delay(4), 4);
	assert_int_equal(user_login_delay(40), 900);
	config.lockout_attempts = 100;
	/* Two failures: the address must wait one second. */
	assert_int_equal(user_check_password(f->s, &f->a, "a@b.example", "x",
	                                     "192.0.2.50", T0, &u),
	                 LOGIN_DENIED);
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     "x", "192.0.2.50", T0, &u),
	                 LOGIN_DENIED);
	assert_int_equal(
	        store_login_attempt_get(f->s, "192.0.2.50", &failures, &last),
	        ERR_OK);
	assert_int_equal(failures, 2);
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "192.0.2.50", T0, &u),
	                 LOGIN_THROTTLED);
	/* Another address is not held up; this one is after the delay. */
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "192.0.2.51", T0, &u),
	                 LOGIN_OK);
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "192.0.2.50", T0 + 1, &u),
	                 LOGIN_OK);
	/* Old failures are forgotten after the lock-out window. */
	assert_int_equal(store_login_attempt_add(f->s, "192.0.2.50",
	                                         T0 + 13 * 3600, T0 + 3600),
	                 ERR_OK);
	store_login_attempt_get(f->s, "192.0.2.50", &failures, &last);
	assert_int_equal(failures, 1);
	assert_int_equal(store_login_attempt_clear(f->s, "192.0.2.50"), ERR_OK);
	store_login_attempt_get(f->s, "192.0.2.50", &failures, &last);
	assert_int_equal(failures, 0);
	assert_int_equal(store_login_attempt_purge(f->s, T0 + DAY), ERR_OK);
}

static void
test_user__reset_2fa(void **state)
{
	struct fx *f = *state;
	struct user u;
	struct audit_entry e;

	get(f, f->id, &u);
	u.totp_secret = "JBSWY3DPEHPK3PXP";
	u.recovery_codes = "a,b,c";
	assert_int_equal(store_user_update(f->s, &u), ERR_OK);
	assert_int_equal(user_reset_2fa(f->s, &f->actor, f->id, T0), ERR_OK);
	get(f, f->id, &u);
	assert_string_equal(u.totp_secret, "");
	assert_string_equal(u.recovery_codes, "");
	assert_string_equal(last_action(f, &e), "user.reset-2fa");
	assert_null(strstr(e.detail, "JBSWY3DPEHPK3PXP"));
}

static void
test_user__disable_inactive(void **state)
{
	struct fx *f = *state;
	int64_t other = add_user(f, "other@stp.example", "", PW), n = 0;
	struct user u;

	/* staff logs in on day 30; other never does. */
	assert_int_equal(user_check_password(f->s, &f->a, "staff@stp.example",
	                                     PW, "192.0.2.1", T0 + 30 * DAY,
	                                     &u),
	                 LOGIN_OK);
	assert_int_equal(
	        user_disable_inactive(f->s, &f->actor, T0 + 46 * DAY, &n),
	        ERR_OK);
	assert_int_equal(n, 1);
	get(f, other, &u);
	assert_false(u.active);
	get(f, f->id, &u);
	assert_true(u.active);
	assert_int_equal(
	        user_disable_inactive(f->s, &f->actor, T0 + 80 * DAY, &n),
	        ERR_OK);
	assert_int_equal(n, 1);
	chain_intact(f);
}

static void
test_user__sessions(void **state)
{
	struct fx *f = *state;
	char token[SESSION_TOKEN_HEX], token2[SESSION_TOKEN_HEX];
	char id[SESSION_TOKEN_HEX];
	struct session se;
	int64_t n = 0;

	assert_int_equal(user_session_start(f->s, f->id, "192.0.2.1",
	                                    "Mozilla/5.0", T0, token),
	                 ERR_OK);
	assert_int_equal(strlen(token), 64);
	user_session_id(token, id);
	assert_string_not_equal(id, token);
	/* Only the hash is stored: the token itself finds nothing. */
	assert_int_equal(store_session_get(f->s, &f->a, token, &se),
	                 ERR_NOTFOUND);
	assert_int_equal(store_session_get(f->s, &f->a, id, &se), ERR_OK);
	assert_int_equal(se.user_id, f->id);
	assert_int_equal(se.created_at, T0);
	assert_string_equal(se.client_addr, "192.0.2.1");
	assert_string_equal(se.user_agent, "Mozilla/5.0");
	assert_int_equal(store_session_touch(f->s, id, T0 + 100), ERR_OK);
	store_session_get(f->s, &f->a, id, &se);
	assert_int_equal(se.last_seen_at, T0 + 100);
	assert_int_equal(store_session_touch(f->s, "nope", T0), ERR_NOTFOUND);
	assert_int_equal(user_session_start(f->s, f->id, "", "", T0, token2),
	                 ERR_OK);
	assert_string_not_equal(token, token2);
	/* Idle and absolute expiry. */
	assert_int_equal(store_session_delete_old(f->s, T0 + 50, T0 - 1),
	                 ERR_OK);
	assert_int_equal(store_session_get(f->s, &f->a, id, &se), ERR_OK);
	user_session_id(token2, id);
	assert_int_equal(store_session_get(f->s, &f->a, id, &se), ERR_NOTFOUND);
	assert_int_equal(user_session_start(f->s, f->id, "", "", T0, token2),
	                 ERR_OK);
	/* Log out everywhere; disabling does it too. */
	assert_int_equal(store_session_delete_user(f->s, f->id, &n), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(user_session_start(f->s, f->id, "", "", T0, token),
	                 ERR_OK);
	user_session_id(token, id);
	assert_int_equal(store_session_delete(f->s, id), ERR_OK);
	assert_int_equal(store_session_delete(f->s, id), ERR_NOTFOUND);
	assert_int_equal(user_session_start(f->s, f->id, "", "", T0, token),
	                 ERR_OK);
	user_session_id(token, id);
	assert_int_equal(user_set_active(f->s, &f->actor, f->id, false, T0),
	                 ERR_OK);
	assert_int_equal(store_session_get(f->s, &f->a, id, &se), ERR_NOTFOUND);
	/* A session for no account is refused. */
	se = (struct session){.id = "x", .user_id = 999};
	assert_int_not_equal(store_session_insert(f->s, &se), ERR_OK);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        T(test_user__create),
	        T(test_user__email_normalise),
	        T(test_user__update_roles_move),
	        T(test_user__password_change),
	        T(test_user__login_ok),
	        T(test_user__login_unknown_and_disabled),
	        T(test_user__lockout_and_unlock),
	        T(test_user__throttle_per_address),
	        T(test_user__reset_2fa),
	        T(test_user__disable_inactive),
	        T(test_user__sessions),
	};

	log_set_level(LOG_LEVEL_ERR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
