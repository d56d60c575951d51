/*
 * The daily job: one pass over the housekeeping that the security
 * baseline asks for (issue 3 items 5 and 9; TCVN 14423 x.6.2.3 for
 * unused accounts, 4.8.2.1 for the audit log's retention).
 *
 * Each step is its own transaction and is audited by the function that
 * does it (user_disable_inactive, audit_purge); the job adds one
 * "maintenance.run" entry with the counts, so the log itself shows the
 * job ran even on days when it changed nothing.  Steps are independent:
 * a failing one is logged and the rest still run, since skipping the
 * account check because a session cleanup failed would help nobody.
 */
#include "common.h"

#include "config.h"
#include "log.h"
#include "maintenance.h"
#include "user.h"
#include "vntime.h"

void
maintenance_actor(struct audit_actor *a)
{
	a->user_id = 0;
	a->name = MAINTENANCE_ACTOR;
	a->addr = "";
}

void
maintenance_day(time_t now, char day[MAINTENANCE_DAY_LEN])
{
	struct buf b = BUF_INIT;

	vntime_format(&b, now, VNTIME_YMD);
	snprintf(day, MAINTENANCE_DAY_LEN, "%s", b.p);
	buf_release(&b);
}

/* Records the first failure and counts every one. */
static void
step_failed(struct maintenance_report *r, enum err *first, enum err e,
            const char *what)
{
	log_errx("daily job: cannot %s: %s", what, err_str(e));
	r->failed_steps++;
	if (*first == ERR_OK)
		*first = e;
}

enum err
maintenance_run(struct store *s, const struct audit_actor *actor, time_t now,
                struct maintenance_report *out)
{
	struct maintenance_report r = {0};
	struct audit_detail d;
	unsigned days, idle, hours;
	char day[MAINTENANCE_DAY_LEN];
	enum err first = ERR_OK, e;

	/* Issue 3 item 5: accounts unused for inactive_days. */
	if ((e = user_disable_inactive(s, actor, now, &r.disabled)) != ERR_OK)
		step_failed(&r, &first, e, "disable inactive accounts");

	/* Sessions past the longest idle timeout or the absolute one can
	 * never be used again (admin.c refuses them); drop the rows. */
	idle = MAX(config.session_idle_minutes, config.admin_idle_minutes);
	idle = idle ? idle : 15;
	hours = config.session_absolute_hours ? config.session_absolute_hours
	                                      : 12;
	if ((e = store_session_delete_old(s, now - (time_t)idle * 60,
	                                  now - (time_t)hours * 3600)) !=
	    ERR_OK)
		step_failed(&r, &first, e, "delete expired sessions");

	/* A throttling row older than the lock window restarts from one at
	 * the next failure anyway (user.c), so it carries nothing. */
	hours = config.lockout_hours ? config.lockout_hours : 12;
	if ((e = store_login_attempt_purge(s, now - (time_t)hours * 3600)) !=
	    ERR_OK)
		step_failed(&r, &first, e, "purge old log-in attempts");

	/* Issue 3 item 9: retention, never below the 90-day floor whatever
	 * the configuration says. */
	days = MAX(config.audit_retention_days,
	           (unsigned)AUDIT_MIN_RETENTION_DAYS);
	r.audit_before = now - (time_t)days * 86400;
	if ((e = audit_purge(s, actor, r.audit_before, now, &r.audit_purged)) !=
	    ERR_OK)
		step_failed(&r, &first, e, "purge the audit log");

	maintenance_day(now, day);
	audit_detail_init(&d);
	audit_detail_str(&d, "day", day);
	audit_detail_int(&d, "disabled", r.disabled);
	audit_detail_int(&d, "audit_purged", r.audit_purged);
	audit_detail_int(&d, "failed_steps", r.failed_steps);
	e = audit_append(s, actor, now, "maintenance.run", "", 0,
	                 audit_detail_json(&d));
	audit_detail_release(&d);
	if (e != ERR_OK)
		step_failed(&r, &first, e, "audit the run");
	log_info("daily job: %lld account%s disabled, %lld audit entr%s "
	         "purged, %d step%s failed",
	         (long long)r.disabled, r.disabled == 1 ? "" : "s",
	         (long long)r.audit_purged, r.audit_purged == 1 ? "y" : "ies",
	         r.failed_steps, r.failed_steps == 1 ? "" : "s");
	if (out)
		*out = r;
	return first;
}

enum err
maintenance_claim(struct store *s, time_t now, bool *claimed)
{
	char day[MAINTENANCE_DAY_LEN];

	maintenance_day(now, day);
	return store_setting_advance(s, MAINTENANCE_DAY_KEY, day, claimed);
}

enum err
maintenance_run_daily(struct store *s, const struct audit_actor *actor,
                      time_t now, bool *ran, struct maintenance_report *out)
{
	bool claimed = false;
	enum err e;

	if (ran)
		*ran = false;
	if (out)
		memset(out, 0, sizeof(*out));
	if ((e = maintenance_claim(s, now, &claimed)) != ERR_OK)
		return e;
	if (!claimed)
		return ERR_OK;
	if (ran)
		*ran = true;
	return maintenance_run(s, actor, now, out);
}
