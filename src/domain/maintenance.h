/*
 * The daily job (issue 3 items 5 and 9): disables accounts unused for
 * [security] inactive_days (TCVN 14423 x.6.2.3), purges the audit log past
 * audit_retention_days (never entries younger than 90 days; the purge
 * leaves a checkpoint), and drops expired sessions and stale log-in
 * throttling rows.  `ttdt serve` runs it once a day in a background
 * thread, `ttdt maintenance` on demand (cron or by hand).
 *
 * With several nodes on one database, maintenance_run_daily claims the
 * day in the setting table first ("maintenance_day", the Viet Nam local
 * date YYYY-MM-DD, advanced by one atomic statement), so exactly one node
 * runs the job per day.
 */
#ifndef TTDT_MAINTENANCE_H
#define TTDT_MAINTENANCE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "audit.h"
#include "store.h"

/* The setting that records the last day the job ran. */
#define MAINTENANCE_DAY_KEY "maintenance_day"
/* "YYYY-MM-DD" and a NUL. */
#define MAINTENANCE_DAY_LEN 11
/* The audit actor name of the job when `ttdt serve` runs it. */
#define MAINTENANCE_ACTOR "system:daily-job"

struct maintenance_report {
	int64_t disabled;     /* accounts disabled for inactivity */
	int64_t audit_purged; /* audit entries deleted (0: no checkpoint) */
	time_t audit_before;  /* entries older than this were purged */
	int failed_steps;     /* steps that failed (logged) */
};

/* Fills a with the job's own actor: no account, MAINTENANCE_ACTOR, no
 * address. */
void maintenance_actor(struct audit_actor *a);

/* The Viet Nam local date of now, "YYYY-MM-DD". */
void maintenance_day(time_t now, char day[MAINTENANCE_DAY_LEN]);

/*
 * Runs every step once, at now, as actor: user_disable_inactive (each
 * account audited "user.disable"), store_session_delete_old,
 * store_login_attempt_purge, audit_purge (a checkpoint when anything is
 * deleted), then one "maintenance.run" entry with the counts.  A step
 * that fails is logged and the others still run; returns the first
 * error (ERR_OK if none).  out (may be NULL) gets the counts.
 */
enum err maintenance_run(struct store *s, const struct audit_actor *actor,
                         time_t now, struct maintenance_report *out);

/* Claims the day of now: *claimed is true for the one caller (of any
 * node) that moved MAINTENANCE_DAY_KEY to it, false if that day (or a
 * later one) was already claimed.  Errors: the store's. */
enum err maintenance_claim(struct store *s, time_t now, bool *claimed);

/* The daily step: claims today and, if this caller got it, runs the job
 * as actor.  *ran (may be NULL) says whether it ran. */
enum err maintenance_run_daily(struct store *s, const struct audit_actor *actor,
                               time_t now, bool *ran,
                               struct maintenance_report *out);

#endif
