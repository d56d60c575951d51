/*
 * ttdt audit: verify the hash chain of the audit log, purge entries past
 * the retention period (never younger than 90 days; a checkpoint entry
 * keeps the chain verifiable), export it as CSV for Excel (issue 3 item
 * 9; TCVN 14423 4.8.2.1).
 */
#include "common.h"

#include <getopt.h>

#include "cmd.h"
#include "cmd_people.h"
#include "config.h"
#include "vntime.h"

static const char audit_usage[] =
        "usage: ttdt audit <action> --db PATH [--config FILE] [options]\n"
        "  verify         check the hash chain; exit 1 naming the first\n"
        "                 entry altered or removed\n"
        "  purge [--before YYYY-MM-DD]\n"
        "                 delete entries older than the date (default: the\n"
        "                 [security] audit_retention_days); entries younger\n"
        "                 than 90 days are never deleted\n"
        "  export [--from YYYY-MM-DD] [--to YYYY-MM-DD] > FILE.csv\n"
        "                 CSV, UTF-8 with a byte-order mark, times in\n"
        "                 ISO 8601 with +07:00; dates are Viet Nam days,\n"
        "                 both included\n";

enum { O_DB = 256, O_CONFIG, O_BEFORE, O_FROM, O_TO };

int
cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"db", required_argument, NULL, O_DB},
	        {"config", required_argument, NULL, O_CONFIG},
	        {"before", required_argument, NULL, O_BEFORE},
	        {"from", required_argument, NULL, O_FROM},
	        {"to", required_argument, NULL, O_TO},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *db = NULL, *config_path = NULL, *action;
	time_t before = 0, from = 0, to = 0, now = time(NULL);
	struct audit_actor actor;
	char actor_name[128];
	struct store *s = NULL;
	int c, rc;
	enum err e;

	if (argc < 2) {
		fputs(audit_usage, stderr);
		return 2;
	}
	action = argv[1];
	if (!strcmp(action, "-h") || !strcmp(action, "--help")) {
		fputs(audit_usage, stdout);
		return 0;
	}
	if (strcmp(action, "verify") && strcmp(action, "purge") &&
	    strcmp(action, "export")) {
		fprintf(stderr, "ttdt audit: unknown action '%s'\n%s", action,
		        audit_usage);
		return 2;
	}
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		time_t *t = NULL;

		switch (c) {
		case O_DB:
			db = optarg;
			break;
		case O_CONFIG:
			config_path = optarg;
			break;
		case O_BEFORE:
			t = &before;
			break;
		case O_FROM:
			t = &from;
			break;
		case O_TO:
			t = &to;
			break;
		case 'h':
			fputs(audit_usage, stdout);
			return 0;
		default:
			fputs(audit_usage, stderr);
			return 2;
		}
		if (t && !vntime_parse_date(optarg, t)) {
			fprintf(stderr,
			        "ttdt audit: '%s' is not a date "
			        "(YYYY-MM-DD)\n",
			        optarg);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fputs(audit_usage, stderr);
		return 2;
	}
	if ((before && strcmp(action, "purge")) ||
	    ((from || to) && strcmp(action, "export"))) {
		fprintf(stderr, "ttdt audit %s: option not for this action\n",
		        action);
		return 2;
	}
	if ((rc = people_open("audit", db, config_path, &s)) != 0)
		goto out;
	/* From here every exit goes through out. */
	rc = 1;
	people_actor(&actor, actor_name, sizeof(actor_name));
	if (!strcmp(action, "verify")) {
		struct audit_report r;

		if ((e = audit_verify(s, &r)) != ERR_OK) {
			fprintf(stderr,
			        "ttdt audit verify: cannot read the "
			        "log: %s\n",
			        err_str(e));
			goto out;
		}
		if (r.fault == AUDIT_INTACT) {
			printf("audit log intact: %lld entries\n",
			       (long long)r.entries);
			if (*r.head)
				printf("newest hash: %s\n", r.head);
			rc = 0;
		} else {
			printf("audit log damaged: entry %lld was %s (%s); "
			       "%lld entries read\n",
			       (long long)r.bad_id,
			       r.fault == AUDIT_ALTERED ? "altered" : "removed",
			       r.why, (long long)r.entries);
		}
	} else if (!strcmp(action, "purge")) {
		int64_t n = 0;

		if (!before)
			before = now -
			         (time_t)config.audit_retention_days * 86400;
		e = audit_purge(s, &actor, before, now, &n);
		if (e == ERR_INVALID) {
			fprintf(stderr,
			        "ttdt audit purge: refusing: entries younger "
			        "than %d days are always kept; choose an "
			        "earlier --before\n",
			        AUDIT_MIN_RETENTION_DAYS);
			goto out;
		}
		if (e != ERR_OK) {
			fprintf(stderr, "ttdt audit purge: %s\n", err_str(e));
			goto out;
		}
		printf("ttdt audit purge: %lld entr%s deleted%s\n",
		       (long long)n, n == 1 ? "y" : "ies",
		       n ? ", checkpoint written" : "");
		rc = 0;
	} else {
		int64_t n = 0;

		/* --to names a day: include all of it. */
		if (to)
			to += 86400 - 1;
		if ((e = audit_export_csv(s, from, to, stdout, &n)) != ERR_OK) {
			fprintf(stderr, "ttdt audit export: %s\n", err_str(e));
			goto out;
		}
		fprintf(stderr, "ttdt audit export: %lld entries\n",
		        (long long)n);
		rc = 0;
	}
out:
	store_close(s);
	config_release(&config);
	return rc;
}
