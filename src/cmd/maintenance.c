/*
 * ttdt maintenance: runs the daily job once (src/domain/maintenance.c):
 * disables accounts unused for [security] inactive_days, drops expired
 * sessions and stale log-in throttling rows, and purges the audit log
 * past audit_retention_days (never entries younger than 90 days).
 * `ttdt serve` already runs it once a day; this is for running it by
 * hand, or from cron where no server runs it.
 *
 * By hand it always runs and then marks the day done, so no server runs
 * it again that day; with --if-due it runs only if no node (and no
 * earlier call) has run it today, which is what several cron entries on
 * several hosts sharing one database want.
 */
#include "common.h"

#include <getopt.h>

#include "cmd.h"
#include "cmd_people.h"
#include "config.h"
#include "maintenance.h"

static const char maintenance_usage[] =
        "usage: ttdt maintenance --db PATH [--config FILE] [--if-due]\n"
        "  run the daily job once: disable accounts unused for [security]\n"
        "  inactive_days, end expired sessions, drop old log-in attempts,\n"
        "  purge audit entries older than audit_retention_days (never\n"
        "  younger than 90 days; a checkpoint keeps the chain verifiable)\n"
        "  --if-due   run only if no server or earlier run did it today\n";

enum { O_DB = 256, O_CONFIG, O_IF_DUE };

int
cmd_maintenance(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"db", required_argument, NULL, O_DB},
	        {"config", required_argument, NULL, O_CONFIG},
	        {"if-due", no_argument, NULL, O_IF_DUE},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *db = NULL, *config_path = NULL;
	struct maintenance_report r = {0};
	struct audit_actor actor;
	char actor_name[128];
	char day[MAINTENANCE_DAY_LEN];
	struct store *s = NULL;
	time_t now = time(NULL);
	bool if_due = false, ran = true, claimed;
	int c, rc;
	enum err e;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_DB:
			db = optarg;
			break;
		case O_CONFIG:
			config_path = optarg;
			break;
		case O_IF_DUE:
			if_due = true;
			break;
		case 'h':
			fputs(maintenance_usage, stdout);
			return 0;
		default:
			fputs(maintenance_usage, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs(maintenance_usage, stderr);
		return 2;
	}
	if ((rc = people_open("maintenance", db, config_path, &s)) != 0)
		goto out;
	/* From here every exit goes through out. */
	rc = 1;
	/* Whoever runs the command answers for it: "cli:<OS user>". */
	people_actor(&actor, actor_name, sizeof(actor_name));
	maintenance_day(now, day);
	if (if_due) {
		e = maintenance_run_daily(s, &actor, now, &ran, &r);
	} else {
		e = maintenance_run(s, &actor, now, &r);
		/* Done for today: a server need not run it again. */
		if (e == ERR_OK)
			e = maintenance_claim(s, now, &claimed);
	}
	if (!ran) {
		printf("ttdt maintenance: already done today (%s)\n", day);
		rc = 0;
		goto out;
	}
	printf("ttdt maintenance: %lld account%s disabled for inactivity, "
	       "%lld audit entr%s purged\n",
	       (long long)r.disabled, r.disabled == 1 ? "" : "s",
	       (long long)r.audit_purged, r.audit_purged == 1 ? "y" : "ies");
	if (e != ERR_OK) {
		fprintf(stderr, "ttdt maintenance: %d step%s failed: %s\n",
		        r.failed_steps, r.failed_steps == 1 ? "" : "s",
		        err_str(e));
		goto out;
	}
	rc = 0;
out:
	store_close(s);
	config_release(&config);
	return rc;
}
