/* Tests of the daily job: inactive accounts (46 days disabled, 44 not, a
 * disabled one untouched), expired sessions and throttling rows dropped,
 * the audit purge's 90-day floor and checkpoint, and the day claimed once
 * however many times or nodes try. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "config.h"
#include "log.h"
#include "maintenance.h"
#include "store_fixture.h"
#include "user.h"

#define DAY 86400
#define T0 ((time_t)1767225600) /* 2026-01-01T00:00:00Z */
/* "now" of the tests: 2026-07-20T03:00:00Z, 10:00 in Viet Nam. */
#define NOW (T0 + 200 * DAY + 3 * 3600)
#define PW "Hoa hồng đỏ thắm 2026"

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	struct audit_actor cli, job;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	config_defaults(&config);
	config.argon2_ops = 1;
	config.argon2_mem = 8192;
	assert_int_equal(fixture_db_open(f->path, "maint", &f->s), ERR_OK);
	arena_init(&f->a, 4096);
	f->cli = (struct audit_actor){0, "cli:test", ""};
	maintenance_actor(&f->job);
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

/* An account created at T0, last used at last_login (0: never), active
 * or not. */
static int64_t
add_user(struct fx *f, const char *email, time_t last_login, bool active)
{
	struct user u = {0};

	u.email = email;
	u.full_name = "Nguyễn Thị Hoa";
	u.roles = "staff";
	assert_int_equal(user_create(f->s, &f->a, &f->cli, &u, PW, T0, NULL),
	                 ERR_OK);
	assert_int_equal(store_user_get(f->s, &f->a, u.id, &u), ERR_OK);
	u.last_login_at = last_login;
	u.active = active;
	assert_int_equal(store_user_update(f->s, &u), ERR_OK);
	return u.id;
}

static bool
is_active(struct fx *f, int64_t id)
{
	struct user u;

	assert_int_equal(store_user_get(f->s, &f->a, id, &u), ERR_OK);
	return u.active;
}

struct count_arg {
	const char *action;
	int64_t object_id; /* 0: any */
	const char *actor;
	int n;
	time_t oldest;
};

static enum err
count_entry(const struct audit_entry *e, void *p)
{
	struct count_arg *c = p;

	if (!c->oldest || e->at < c->oldest)
		c->oldest = e->at;
	if (c->action && strcmp(e->action, c->action))
		return ERR_OK;
	if (c->object_id && e->object_id != c->object_id)
		return ERR_OK;
	if (c->actor && strcmp(e->actor_name, c->actor))
		return ERR_OK;
	c->n++;
	return ERR_OK;
}

/* Entries with this action (NULL: any), object (0: any) and actor
 * (NULL: any). */
static int
count(struct fx *f, const char *action, int64_t object_id, const char *actor)
{
	struct count_arg c = {action, object_id, actor, 0, 0};

	assert_int_equal(store_audit_each(f->s, 0, 0, 0, count_entry, &c),
	                 ERR_OK);
	return c.n;
}

static void
chain_intact(struct fx *f)
{
	struct audit_report r;

	assert_int_equal(audit_verify(f->s, &r), ERR_OK);
	assert_int_equal(r.fault, AUDIT_INTACT);
}

static void
test_maintenance__inactive_accounts(void **state)
{
	struct fx *f = *state;
	int64_t old = add_user(f, "cu@stp.example", NOW - 46 * DAY, true);
	int64_t recent = add_user(f, "moi@stp.example", NOW - 44 * DAY, true);
	int64_t off = add_user(f, "nghi@stp.example", NOW - 100 * DAY, false);
	struct maintenance_report r;
	struct session se = {0};
	char token[SESSION_TOKEN_HEX];

	assert_int_equal(config.inactive_days, 45);
	/* The old account still has a session (it would be refused, but the
	 * job must end it with the account). */
	assert_int_equal(user_session_start(f->s, old, "192.0.2.1", "ua",
	                                    NOW - 60, token),
	                 ERR_OK);
	assert_int_equal(maintenance_run(f->s, &f->job, NOW, &r), ERR_OK);
	assert_int_equal(r.disabled, 1);
	assert_int_equal(r.failed_steps, 0);
	assert_false(is_active(f, old));
	assert_true(is_active(f, recent));
	assert_false(is_active(f, off));
	/* Audited by the job, once, for the old account only. */
	assert_int_equal(count(f, "user.disable", old, MAINTENANCE_ACTOR), 1);
	assert_int_equal(count(f, "user.disable", 0, NULL), 1);
	assert_int_equal(count(f, "maintenance.run", 0, MAINTENANCE_ACTOR), 1);
	{
		char id[SESSION_TOKEN_HEX];

		user_session_id(token, id);
		assert_int_equal(store_session_get(f->s, &f->a, id, &se),
		                 ERR_NOTFOUND);
	}
	/* Again: nothing more to do. */
	assert_int_equal(maintenance_run(f->s, &f->job, NOW + 60, &r), ERR_OK);
	assert_int_equal(r.disabled, 0);
	assert_int_equal(count(f, "user.disable", 0, NULL), 1);
	/* inactive_days = 0 turns the step off. */
	config.inactive_days = 0;
	assert_int_equal(maintenance_run(f->s, &f->job, NOW + 30 * DAY, &r),
	                 ERR_OK);
	assert_int_equal(r.disabled, 0);
	assert_true(is_active(f, recent));
	chain_intact(f);
}

static void
test_maintenance__sessions_and_attempts(void **state)
{
	struct fx *f = *state;
	int64_t id = add_user(f, "hoa@stp.example", NOW - DAY, true);
	char idle[SESSION_TOKEN_HEX], fresh[SESSION_TOKEN_HEX];
	char old[SESSION_TOKEN_HEX], sid[SESSION_TOKEN_HEX];
	struct session se;
	time_t last;
	int n;

	/* Idle 16 minutes (past 15), used a minute ago, and 13 hours old
	 * (past the 12-hour absolute limit) but touched just now. */
	assert_int_equal(
	        user_session_start(f->s, id, "", "", NOW - 16 * 60, idle),
	        ERR_OK);
	assert_int_equal(user_session_start(f->s, id, "", "", NOW - 60, fresh),
	                 ERR_OK);
	assert_int_equal(
	        user_session_start(f->s, id, "", "", NOW - 13 * 3600, old),
	        ERR_OK);
	user_session_id(old, sid);
	assert_int_equal(store_session_touch(f->s, sid, NOW), ERR_OK);
	assert_int_equal(
	        store_login_attempt_add(f->s, "192.0.2.7", NOW - 13 * 3600, 0),
	        ERR_OK);
	assert_int_equal(
	        store_login_attempt_add(f->s, "192.0.2.8", NOW - 3600, 0),
	        ERR_OK);
	assert_int_equal(maintenance_run(f->s, &f->job, NOW, NULL), ERR_OK);
	user_session_id(idle, sid);
	assert_int_equal(store_session_get(f->s, &f->a, sid, &se),
	                 ERR_NOTFOUND);
	user_session_id(old, sid);
	assert_int_equal(store_session_get(f->s, &f->a, sid, &se),
	                 ERR_NOTFOUND);
	user_session_id(fresh, sid);
	assert_int_equal(store_session_get(f->s, &f->a, sid, &se), ERR_OK);
	assert_int_equal(store_login_attempt_get(f->s, "192.0.2.7", &n, &last),
	                 ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_login_attempt_get(f->s, "192.0.2.8", &n, &last),
	                 ERR_OK);
	assert_int_equal(n, 1);
	assert_true(is_active(f, id));
}

static void
add_entry(struct fx *f, time_t at)
{
	assert_int_equal(
	        audit_append(f->s, &f->cli, at, "user.edit", "user", 1, NULL),
	        ERR_OK);
}

static void
test_maintenance__audit_floor(void **state)
{
	struct fx *f = *state;
	struct maintenance_report r;
	struct audit_report v;
	struct count_arg c = {0};

	add_entry(f, NOW - 400 * DAY);
	add_entry(f, NOW - 200 * DAY);
	add_entry(f, NOW - 91 * DAY);
	add_entry(f, NOW - 89 * DAY);
	add_entry(f, NOW - 10 * DAY);
	/* The default keeps a year: only the first goes. */
	assert_int_equal(maintenance_run(f->s, &f->job, NOW, &r), ERR_OK);
	assert_int_equal(r.audit_purged, 1);
	assert_int_equal(count(f, AUDIT_CHECKPOINT, 0, MAINTENANCE_ACTOR), 1);
	chain_intact(f);
	/* A retention below the floor (config_validate refuses it; the job
	 * must not trust that) still keeps 90 days. */
	config.audit_retention_days = 30;
	assert_int_equal(maintenance_run(f->s, &f->job, NOW, &r), ERR_OK);
	assert_int_equal(r.audit_before, NOW - 90 * DAY);
	/* The entries of -200 and -91 days; -89 and -10 stay. */
	assert_int_equal(r.audit_purged, 2);
	assert_int_equal(r.failed_steps, 0);
	assert_int_equal(store_audit_each(f->s, 0, 0, 0, count_entry, &c),
	                 ERR_OK);
	assert_true(c.oldest >= NOW - 90 * DAY);
	assert_int_equal(count(f, "user.edit", 0, NULL), 2);
	chain_intact(f);
	/* Tampering after the purge is still found (the fixture edits a
	 * row as someone holding the file could). */
	{
		int64_t id = 0;

		/* The entry of -89 days, the oldest kept. */
		assert_int_equal(
		        store_audit_first_from(f->s, NOW - 90 * DAY, &id),
		        ERR_OK);
		assert_int_equal(
		        store_audit_test_set_detail(f->s, id, "{\"x\":1}"),
		        ERR_OK);
		assert_int_equal(audit_verify(f->s, &v), ERR_OK);
		assert_int_equal(v.fault, AUDIT_ALTERED);
		assert_int_equal(v.bad_id, id);
	}
}

static void
test_maintenance__claim_once_a_day(void **state)
{
	struct fx *f = *state;
	struct store *other;
	char day[MAINTENANCE_DAY_LEN];
	const char *have;
	bool ran = false;

	maintenance_day(NOW, day);
	assert_string_equal(day, "2026-07-20");
	/* 23:30 UTC is the next morning in Viet Nam. */
	maintenance_day(T0 + 23 * 3600 + 1800, day);
	assert_string_equal(day, "2026-01-02");

	assert_int_equal(maintenance_run_daily(f->s, &f->job, NOW, &ran, NULL),
	                 ERR_OK);
	assert_true(ran);
	assert_int_equal(
	        maintenance_run_daily(f->s, &f->job, NOW + 3600, &ran, NULL),
	        ERR_OK);
	assert_false(ran);
	/* Another node on the same database, the same day. */
	assert_int_equal(store_open(f->path, false, &other), ERR_OK);
	assert_int_equal(
	        maintenance_run_daily(other, &f->job, NOW + 7200, &ran, NULL),
	        ERR_OK);
	assert_false(ran);
	assert_int_equal(count(f, "maintenance.run", 0, NULL), 1);
	/* A clock gone back a day claims nothing either. */
	assert_int_equal(
	        maintenance_run_daily(other, &f->job, NOW - DAY, &ran, NULL),
	        ERR_OK);
	assert_false(ran);
	/* The next day runs once more, on whichever node asks first. */
	assert_int_equal(
	        maintenance_run_daily(other, &f->job, NOW + DAY, &ran, NULL),
	        ERR_OK);
	assert_true(ran);
	assert_int_equal(
	        maintenance_run_daily(f->s, &f->job, NOW + DAY, &ran, NULL),
	        ERR_OK);
	assert_false(ran);
	store_close(other);
	assert_int_equal(count(f, "maintenance.run", 0, NULL), 2);
	assert_int_equal(
	        store_setting_get(f->s, &f->a, MAINTENANCE_DAY_KEY, &have),
	        ERR_OK);
	assert_string_equal(have, "2026-07-21");
	chain_intact(f);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        T(test_maintenance__inactive_accounts),
	        T(test_maintenance__sessions_and_attempts),
	        T(test_maintenance__audit_floor),
	        T(test_maintenance__claim_once_a_day),
	};

	log_set_level(LOG_LEVEL_ERR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
