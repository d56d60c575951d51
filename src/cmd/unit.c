/*
 * ttdt unit: the Department's units and the district justice offices
 * (Điều 8.1, 9.1.a) from the command line.  Units are closed, never
 * deleted; closing one can move its people to another in the same step.
 * Every change is audited with the actor "cli:<OS user>".
 */
#include "common.h"

#include <getopt.h>

#include "cmd.h"
#include "cmd_people.h"
#include "config.h"
#include "unit.h"
#include "user.h"
#include "vntime.h"

static const char unit_usage[] =
        "usage: ttdt unit <action> --db PATH [--config FILE] [options]\n"
        "  add --name N --kind K [--parent ID] [--address A] [--phone P]\n"
        "      [--fax F] [--email E] [--focal EMAIL] [--position N]\n"
        "  list\n"
        "  edit --id ID [--name N] [--kind K] [--parent ID|0] [--address A]\n"
        "      [--phone P] [--fax F] [--email E] [--focal EMAIL|none]\n"
        "      [--position N]\n"
        "  close --id ID [--move-to ID]\n"
        "                 close a unit (kept in history); its accounts\n"
        "                 move to --move-to first\n"
        "Kinds: van-phong phong-chuyen-mon trung-tam phong-tu-phap-huyen\n";

enum {
	O_DB = 256,
	O_CONFIG,
	O_ID,
	O_NAME,
	O_KIND,
	O_PARENT,
	O_ADDRESS,
	O_PHONE,
	O_FAX,
	O_EMAIL,
	O_FOCAL,
	O_POSITION,
	O_MOVE
};

struct unit_args {
	const char *db, *config, *name, *kind, *address, *phone, *fax, *email;
	const char *focal;
	int64_t id, parent, move_to;
	bool parent_set;
	int position;
	bool position_set;
};

static int
unit_parse(int argc, char **argv, struct unit_args *ua)
{
	static const struct option opts[] = {
	        {"db", required_argument, NULL, O_DB},
	        {"config", required_argument, NULL, O_CONFIG},
	        {"id", required_argument, NULL, O_ID},
	        {"name", required_argument, NULL, O_NAME},
	        {"kind", required_argument, NULL, O_KIND},
	        {"parent", required_argument, NULL, O_PARENT},
	        {"address", required_argument, NULL, O_ADDRESS},
	        {"phone", required_argument, NULL, O_PHONE},
	        {"fax", required_argument, NULL, O_FAX},
	        {"email", required_argument, NULL, O_EMAIL},
	        {"focal", required_argument, NULL, O_FOCAL},
	        {"position", required_argument, NULL, O_POSITION},
	        {"move-to", required_argument, NULL, O_MOVE},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int64_t v;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_DB:
			ua->db = optarg;
			break;
		case O_CONFIG:
			ua->config = optarg;
			break;
		case O_ID:
		case O_MOVE:
			if (!people_parse_id(optarg, &v)) {
				fprintf(stderr,
				        "ttdt unit: --%s takes a unit id\n",
				        c == O_ID ? "id" : "move-to");
				return 2;
			}
			*(c == O_ID ? &ua->id : &ua->move_to) = v;
			break;
		case O_PARENT:
			if (!strcmp(optarg, "0") || !strcmp(optarg, "none")) {
				ua->parent = 0;
			} else if (!people_parse_id(optarg, &ua->parent)) {
				fprintf(stderr, "ttdt unit: --parent takes a "
				                "unit id or 0\n");
				return 2;
			}
			ua->parent_set = true;
			break;
		case O_POSITION:
			if (!people_parse_id(optarg, &v) || v > 100000) {
				fprintf(stderr, "ttdt unit: --position takes a "
				                "number from 1 to 100000\n");
				return 2;
			}
			ua->position = (int)v;
			ua->position_set = true;
			break;
		case O_NAME:
			ua->name = optarg;
			break;
		case O_KIND:
			ua->kind = optarg;
			break;
		case O_ADDRESS:
			ua->address = optarg;
			break;
		case O_PHONE:
			ua->phone = optarg;
			break;
		case O_FAX:
			ua->fax = optarg;
			break;
		case O_EMAIL:
			ua->email = optarg;
			break;
		case O_FOCAL:
			ua->focal = optarg;
			break;
		case 'h':
			fputs(unit_usage, stdout);
			return -1;
		default:
			fputs(unit_usage, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs(unit_usage, stderr);
		return 2;
	}
	return 0;
}

/* Applies the options given to u; prints and returns 1 on a bad kind or
 * focal point. */
static int
unit_apply(struct store *s, struct arena *a, const struct unit_args *ua,
           struct unit *u)
{
	if (ua->kind && unit_kind_find(s, ua->kind, &u->kind_id) != ERR_OK) {
		fprintf(stderr, "ttdt unit: unknown kind '%s'\n", ua->kind);
		return 1;
	}
	if (ua->focal && strcmp(ua->focal, "none") != 0) {
		const char *norm;
		struct user f;

		if (user_email_normalise(a, ua->focal, &norm) != ERR_OK ||
		    store_user_by_email(s, a, norm, &f) != ERR_OK) {
			fprintf(stderr,
			        "ttdt unit: no account with e-mail "
			        "'%s' for --focal\n",
			        ua->focal);
			return 1;
		}
		u->focal_user_id = f.id;
	} else if (ua->focal) {
		u->focal_user_id = 0;
	}
	if (ua->name)
		u->name = ua->name;
	if (ua->parent_set)
		u->parent_id = ua->parent;
	if (ua->address)
		u->address = ua->address;
	if (ua->phone)
		u->phone = ua->phone;
	if (ua->fax)
		u->fax = ua->fax;
	if (ua->email)
		u->email = ua->email;
	if (ua->position_set)
		u->position = ua->position;
	return 0;
}

static int
unit_list(struct store *s, struct arena *a)
{
	struct unit *v;
	size_t n;
	enum err e;

	if ((e = store_units(s, a, &v, &n)) != ERR_OK) {
		fprintf(stderr, "ttdt unit list: %s\n", err_str(e));
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct buf closed = BUF_INIT;

		if (v[i].closed_at) {
			buf_adds(&closed, "\tclosed ");
			vntime_format(&closed, v[i].closed_at, VNTIME_ISO);
		}
		printf("%lld\t%s\t%s\tparent=%lld\tfocal=%lld\t%s\t%s\t%s%s\n",
		       (long long)v[i].id, v[i].kind_code, v[i].name,
		       (long long)v[i].parent_id, (long long)v[i].focal_user_id,
		       *v[i].phone ? v[i].phone : "-",
		       *v[i].email ? v[i].email : "-",
		       *v[i].address ? v[i].address : "-", closed.p);
		buf_release(&closed);
	}
	printf("%zu unit%s\n", n, n == 1 ? "" : "s");
	return 0;
}

static const char *
unit_err(enum err e)
{
	switch (e) {
	case ERR_INVALID:
		return "invalid values (the name must not be empty; the "
		       "parent and focal point must exist; the parent must "
		       "be open and not below the unit)";
	case ERR_NOTFOUND:
		return "no such unit";
	default:
		return err_str(e);
	}
}

int
cmd_unit(int argc, char **argv)
{
	struct unit_args ua = {0};
	struct audit_actor actor;
	char actor_name[128];
	struct arena a = ARENA_INIT;
	struct store *s = NULL;
	const char *action;
	struct unit u = {0};
	int rc;
	enum err e;

	if (argc < 2) {
		fputs(unit_usage, stderr);
		return 2;
	}
	action = argv[1];
	if (!strcmp(action, "-h") || !strcmp(action, "--help")) {
		fputs(unit_usage, stdout);
		return 0;
	}
	if (strcmp(action, "add") && strcmp(action, "list") &&
	    strcmp(action, "edit") && strcmp(action, "close")) {
		fprintf(stderr, "ttdt unit: unknown action '%s'\n%s", action,
		        unit_usage);
		return 2;
	}
	if ((rc = unit_parse(argc - 1, argv + 1, &ua)) != 0)
		return rc < 0 ? 0 : rc;
	if (!strcmp(action, "add") && (!ua.name || !ua.kind)) {
		fprintf(stderr, "ttdt unit add: --name and --kind are "
		                "required\n");
		return 2;
	}
	if ((!strcmp(action, "edit") || !strcmp(action, "close")) && !ua.id) {
		fprintf(stderr, "ttdt unit %s: --id is required\n", action);
		return 2;
	}
	if ((rc = people_open("unit", ua.db, ua.config, &s)) != 0)
		goto out;
	/* From here every exit goes through out. */
	arena_init(&a, 4096);
	people_actor(&actor, actor_name, sizeof(actor_name));
	rc = 1;
	if (!strcmp(action, "list")) {
		rc = unit_list(s, &a);
		goto out;
	}
	if (!strcmp(action, "close")) {
		int64_t moved = 0;

		e = unit_close(s, &actor, ua.id, ua.move_to, time(NULL),
		               &moved);
		if (e == ERR_CONFLICT)
			fprintf(stderr,
			        "ttdt unit close: unit %lld is closed "
			        "already, or still has active accounts "
			        "(move them with --move-to ID)\n",
			        (long long)ua.id);
		else if (e == ERR_INVALID)
			fprintf(stderr, "ttdt unit close: --move-to must name "
			                "another open unit\n");
		else if (e != ERR_OK)
			fprintf(stderr, "ttdt unit close: %s\n", unit_err(e));
		else {
			printf("ttdt unit close: unit %lld closed, %lld "
			       "account%s moved\n",
			       (long long)ua.id, (long long)moved,
			       moved == 1 ? "" : "s");
			rc = 0;
		}
		goto out;
	}
	if (!strcmp(action, "edit") &&
	    (e = store_unit_get(s, &a, ua.id, &u)) != ERR_OK) {
		fprintf(stderr, "ttdt unit edit: %s\n", unit_err(e));
		goto out;
	}
	if (unit_apply(s, &a, &ua, &u) != 0)
		goto out;
	if (!strcmp(action, "add"))
		e = unit_create(s, &actor, &u, time(NULL));
	else
		e = unit_update(s, &actor, &u, time(NULL));
	if (e == ERR_CONFLICT) {
		fprintf(stderr,
		        "ttdt unit edit: the unit is closed; its record "
		        "is kept as it was\n");
		goto out;
	}
	if (e != ERR_OK) {
		fprintf(stderr, "ttdt unit %s: %s\n", action, unit_err(e));
		goto out;
	}
	printf("ttdt unit %s: unit %lld '%s' %s\n", action, (long long)u.id,
	       u.name, !strcmp(action, "add") ? "created" : "updated");
	rc = 0;
out:
	store_close(s);
	arena_release(&a);
	config_release(&config);
	return rc;
}
