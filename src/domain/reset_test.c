/* Tests of one-time password reset links: the token and its stored hash,
 * expiry, single use, voiding of earlier links, the password policy, and
 * what using a link does to sessions, the lock and the audit log. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "config.h"
#include "reset.h"
#include "store_fixture.h"
#include "unit.h"

#define T0 ((time_t)1767225600) /* 2026-01-01T00:00:00Z */
#define PW "Hoa hồng đỏ thắm 2026"
#define NEW_PW "Mây trắng bay trên đỉnh Ngọc Linh"

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	struct audit_actor actor;
	int64_t id; /* "staff@stp.example" */
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct user u = {0};

	config_defaults(&config);
	config.argon2_ops = 1;
	config.argon2_mem = 8192;
	assert_int_equal(fixture_db_open(f->path, "reset", &f->s), ERR_OK);
	arena_init(&f->a, 4096);
	f->actor = (struct audit_actor){0, "cli:test", ""};
	u.email = "staff@stp.example";
	u.full_name = "Nguyễn Thị Hoa";
	u.roles = "staff";
	u.must_change_password = true;
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

static struct user
get(struct fx *f)
{
	struct user u;

	assert_int_equal(store_user_get(f->s, &f->a, f->id, &u), ERR_OK);
	return u;
}

static enum reset_state
check(struct fx *f, const char *token, time_t now)
{
	enum reset_state st = RESET__MAX;

	assert_int_equal(reset_link_check(f->s, &f->a, token, now, &st, NULL),
	                 ERR_OK);
	return st;
}

static const char *
last_action(struct fx *f, struct audit_entry *e)
{
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, e), ERR_OK);
	return e->action;
}

static void
test_reset__token_shape(void **state)
{
	(void)state;
	assert_true(
	        reset_token_well_formed("0123456789abcdef0123456789abcdef"
	                                "0123456789abcdef0123456789abcdef"));
	assert_false(reset_token_well_formed(NULL));
	assert_false(reset_token_well_formed(""));
	assert_false(reset_token_well_formed("abc"));
	/* Upper case, one digit short, one too many, a non-hex letter. */
	assert_false(
	        reset_token_well_formed("0123456789ABCDEF0123456789abcdef"
	                                "0123456789abcdef0123456789abcdef"));
	assert_false(
	        reset_token_well_formed("0123456789abcdef0123456789abcdef"
	                                "0123456789abcdef0123456789abcde"));
	assert_false(
	        reset_token_well_formed("0123456789abcdef0123456789abcdef"
	                                "0123456789abcdef0123456789abcdef0"));
	assert_false(
	        reset_token_well_formed("0123456789abcdef0123456789abcdef"
	                                "0123456789abcdef0123456789abcdeg"));
}

/* Only the token's SHA-256 is stored; the audit entry names no token. */
static void
test_reset__create_stores_hash_only(void **state)
{
	struct fx *f = *state;
	char tok[RESET_TOKEN_HEX], tok2[RESET_TOKEN_HEX];
	char id[RESET_TOKEN_HEX];
	struct reset_link l;
	struct audit_entry e;

	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0, tok),
	                 ERR_OK);
	assert_true(reset_token_well_formed(tok));
	assert_int_equal(store_reset_get(f->s, &f->a, tok, &l), ERR_NOTFOUND);
	user_session_id(tok, id);
	assert_string_not_equal(id, tok);
	assert_int_equal(store_reset_get(f->s, &f->a, id, &l), ERR_OK);
	assert_int_equal(l.user_id, f->id);
	assert_int_equal(l.created_at, T0);
	assert_int_equal(l.expires_at, T0 + RESET_LINK_SECONDS);
	assert_int_equal(l.expires_at - l.created_at, 24 * 3600);
	assert_int_equal(l.used_at, 0);
	assert_int_equal(l.voided_at, 0);
	assert_string_equal(last_action(f, &e), "user.reset-link");
	assert_int_equal(e.object_id, f->id);
	assert_null(strstr(e.detail, tok));
	assert_null(strstr(e.detail, id));
	/* Random: a second link has another token. */
	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0, tok2),
	                 ERR_OK);
	assert_string_not_equal(tok, tok2);
}

static void
test_reset__unknown_account(void **state)
{
	struct fx *f = *state;
	char tok[RESET_TOKEN_HEX];
	struct audit_entry e;

	assert_int_equal(reset_link_create(f->s, &f->actor, 9999, T0, tok),
	                 ERR_NOTFOUND);
	assert_string_equal(tok, "");
	assert_string_equal(last_action(f, &e), "user.add");
}

static void
test_reset__check_states(void **state)
{
	struct fx *f = *state;
	char tok[RESET_TOKEN_HEX];
	struct user u;
	enum reset_state st;

	assert_int_equal(check(f, "not-a-token", T0), RESET_UNKNOWN);
	assert_int_equal(check(f, NULL, T0), RESET_UNKNOWN);
	assert_int_equal(check(f,
	                       "0123456789abcdef0123456789abcdef"
	                       "0123456789abcdef0123456789abcdef",
	                       T0),
	                 RESET_UNKNOWN);
	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0, tok),
	                 ERR_OK);
	assert_int_equal(reset_link_check(f->s, &f->a, tok, T0 + 60, &st, &u),
	                 ERR_OK);
	assert_int_equal(st, RESET_USABLE);
	assert_int_equal(u.id, f->id);
	assert_int_equal(check(f, tok, T0 + RESET_LINK_SECONDS - 1),
	                 RESET_USABLE);
	assert_int_equal(check(f, tok, T0 + RESET_LINK_SECONDS), RESET_EXPIRED);
	assert_int_equal(user_set_active(f->s, &f->actor, f->id, false, T0),
	                 ERR_OK);
	assert_int_equal(check(f, tok, T0 + 60), RESET_DISABLED);
}

/* The password is set, must_change cleared, the link used: once. */
static void
test_reset__single_use(void **state)
{
	struct fx *f = *state;
	char tok[RESET_TOKEN_HEX];
	enum password_problem pp;
	enum reset_state st;
	struct audit_entry e;
	struct user u;

	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0, tok),
	                 ERR_OK);
	assert_int_equal(reset_link_use(f->s, tok, NEW_PW, "192.0.2.7", T0 + 60,
	                                &st, &pp),
	                 ERR_OK);
	assert_int_equal(st, RESET_USABLE);
	assert_int_equal(pp, PASSWORD_OK);
	u = get(f);
	assert_true(password_verify(u.password_hash, NEW_PW));
	assert_false(password_verify(u.password_hash, PW));
	assert_false(u.must_change_password);
	assert_int_equal(u.password_changed_at, T0 + 60);
	assert_string_equal(last_action(f, &e), "user.reset-link-used");
	assert_int_equal(e.actor_user_id, f->id);
	assert_string_equal(e.client_addr, "192.0.2.7");
	assert_int_equal(check(f, tok, T0 + 61), RESET_USED);
	/* Again: refused, and the password stays. */
	assert_int_equal(reset_link_use(f->s, tok, "Một mật khẩu khác hẳn 99",
	                                NULL, T0 + 120, &st, &pp),
	                 ERR_GONE);
	assert_int_equal(st, RESET_USED);
	assert_true(password_verify(get(f).password_hash, NEW_PW));
	assert_string_equal(last_action(f, &e), "user.reset-link-used");
}

static void
test_reset__expired(void **state)
{
	struct fx *f = *state;
	char tok[RESET_TOKEN_HEX];
	enum reset_state st;
	struct audit_entry e;

	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0, tok),
	                 ERR_OK);
	assert_int_equal(reset_link_use(f->s, tok, NEW_PW, NULL,
	                                T0 + RESET_LINK_SECONDS, &st, NULL),
	                 ERR_GONE);
	assert_int_equal(st, RESET_EXPIRED);
	assert_true(password_verify(get(f).password_hash, PW));
	assert_string_equal(last_action(f, &e), "user.reset-link");
}

/* A new link voids the earlier unused ones; used ones stay used. */
static void
test_reset__new_link_voids_earlier(void **state)
{
	struct fx *f = *state;
	char t1[RESET_TOKEN_HEX], t2[RESET_TOKEN_HEX], t3[RESET_TOKEN_HEX];
	char id[RESET_TOKEN_HEX];
	enum reset_state st;
	struct reset_link l;

	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0, t1),
	                 ERR_OK);
	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0 + 5, t2),
	                 ERR_OK);
	assert_int_equal(check(f, t1, T0 + 10), RESET_VOIDED);
	assert_int_equal(check(f, t2, T0 + 10), RESET_USABLE);
	assert_int_equal(
	        reset_link_use(f->s, t1, NEW_PW, NULL, T0 + 10, &st, NULL),
	        ERR_GONE);
	assert_int_equal(st, RESET_VOIDED);
	assert_int_equal(
	        reset_link_use(f->s, t2, NEW_PW, NULL, T0 + 10, &st, NULL),
	        ERR_OK);
	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0 + 20, t3),
	                 ERR_OK);
	/* t2 was used, not voided, by the third link. */
	user_session_id(t2, id);
	assert_int_equal(store_reset_get(f->s, &f->a, id, &l), ERR_OK);
	assert_int_equal(l.used_at, T0 + 10);
	assert_int_equal(l.voided_at, 0);
	assert_int_equal(check(f, t2, T0 + 21), RESET_USED);
	assert_int_equal(check(f, t3, T0 + 21), RESET_USABLE);
}

/* A refused password changes nothing and leaves the link usable. */
static void
test_reset__policy_refusal(void **state)
{
	struct fx *f = *state;
	char tok[RESET_TOKEN_HEX];
	enum password_problem pp;
	enum reset_state st;
	struct audit_entry e;

	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0, tok),
	                 ERR_OK);
	assert_int_equal(
	        reset_link_use(f->s, tok, "ngan-qua", NULL, T0 + 1, &st, &pp),
	        ERR_INVALID);
	assert_int_equal(pp, PASSWORD_TOO_SHORT);
	assert_int_equal(reset_link_use(f->s, tok, "staff@stp.example", NULL,
	                                T0 + 1, &st, &pp),
	                 ERR_INVALID);
	assert_int_equal(pp, PASSWORD_PERSONAL);
	assert_true(password_verify(get(f).password_hash, PW));
	assert_string_equal(last_action(f, &e), "user.reset-link");
	assert_int_equal(check(f, tok, T0 + 2), RESET_USABLE);
}

/* Using a link ends every session of the account and clears its lock. */
static void
test_reset__ends_sessions_and_unlocks(void **state)
{
	struct fx *f = *state;
	char tok[RESET_TOKEN_HEX], st1[SESSION_TOKEN_HEX];
	char sid[SESSION_TOKEN_HEX];
	struct session se;
	struct audit_entry e;
	struct user u = get(f);
	int64_t below;

	assert_int_equal(user_session_start(f->s, f->id, "", "", T0, st1),
	                 ERR_OK);
	u.failed_count = 5;
	u.locked_until = T0 + 12 * 3600;
	assert_int_equal(store_user_update(f->s, &u), ERR_OK);
	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0, tok),
	                 ERR_OK);
	assert_int_equal(
	        reset_link_use(f->s, tok, NEW_PW, NULL, T0 + 60, NULL, NULL),
	        ERR_OK);
	user_session_id(st1, sid);
	assert_int_equal(store_session_get(f->s, &f->a, sid, &se),
	                 ERR_NOTFOUND);
	u = get(f);
	assert_int_equal(u.failed_count, 0);
	assert_int_equal(u.locked_until, 0);
	/* user.passwd, user.unlock, user.reset-link-used, in that order. */
	assert_string_equal(last_action(f, &e), "user.reset-link-used");
	below = e.id;
	assert_int_equal(store_audit_last_below(f->s, &f->a, below, &e),
	                 ERR_OK);
	assert_string_equal(e.action, "user.unlock");
	assert_int_equal(store_audit_last_below(f->s, &f->a, e.id, &e), ERR_OK);
	assert_string_equal(e.action, "user.passwd");
}

static void
test_reset__disabled_account(void **state)
{
	struct fx *f = *state;
	char tok[RESET_TOKEN_HEX];
	enum reset_state st;

	assert_int_equal(reset_link_create(f->s, &f->actor, f->id, T0, tok),
	                 ERR_OK);
	assert_int_equal(user_set_active(f->s, &f->actor, f->id, false, T0),
	                 ERR_OK);
	assert_int_equal(
	        reset_link_use(f->s, tok, NEW_PW, NULL, T0 + 1, &st, NULL),
	        ERR_GONE);
	assert_int_equal(st, RESET_DISABLED);
	assert_true(password_verify(get(f).password_hash, PW));
	assert_int_equal(
	        reset_link_use(f->s, "nope", NEW_PW, NULL, T0 + 1, &st, NULL),
	        ERR_GONE);
	assert_int_equal(st, RESET_UNKNOWN);
}

#define TS(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_reset__token_shape),
	        TS(test_reset__create_stores_hash_only),
	        TS(test_reset__unknown_account),
	        TS(test_reset__check_states),
	        TS(test_reset__single_use),
	        TS(test_reset__expired),
	        TS(test_reset__new_link_voids_earlier),
	        TS(test_reset__policy_refusal),
	        TS(test_reset__ends_sessions_and_unlocks),
	        TS(test_reset__disabled_account),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
