/*
 * ttdt user: accounts from the command line (issue 3 item 3).  Every
 * change is audited with the actor "cli:<OS user>".  A new account gets a
 * random one-time password, printed once, that must be changed at the
 * first log-in.  Nobody is deleted: accounts are disabled.
 */
#include "common.h"

#include <getopt.h>

#include "cmd.h"
#include "cmd_people.h"
#include "config.h"
#include "reset.h"
#include "user.h"
#include "vntime.h"

static const char user_usage[] =
        "usage: ttdt user <action> --db PATH [--config FILE] [options]\n"
        "  add --email E --name N [--title T] [--unit ID] [--phone P]\n"
        "      [--role R]... [--professional]\n"
        "                 create an account; prints a one-time password\n"
        "  list           list accounts\n"
        "  edit --email E [--new-email E] [--name N] [--title T] [--unit ID]\n"
        "      [--phone P] [--professional yes|no]\n"
        "                 change the profile (moving to another unit too)\n"
        "  passwd --email E [--temporary]\n"
        "                 set the password read from standard input;\n"
        "                 --temporary asks for a change at the next log-in\n"
        "  disable|enable|unlock|reset-2fa --email E\n"
        "  reset-link --email E\n"
        "                 print a one-time link to set the password (valid\n"
        "                 24 hours; voids the account's earlier links)\n"
        "  roles --email E --set R,R\n"
        "Roles: director board-head board-deputy board-member secretariat\n"
        "       office staff unit-focal district-collaborator district-head\n"
        "       it-admin\n";

enum {
	O_DB = 256,
	O_CONFIG,
	O_EMAIL,
	O_NAME,
	O_TITLE,
	O_UNIT,
	O_PHONE,
	O_ROLE,
	O_PROF,
	O_NEWEMAIL,
	O_TEMP,
	O_SET
};

struct user_args {
	const char *db, *config, *email, *name, *title, *phone, *new_email;
	const char *set, *prof;
	int64_t unit;
	bool unit_set, professional, temporary, set_given;
	unsigned roles;
};

static int
user_parse(int argc, char **argv, struct user_args *ua)
{
	static const struct option opts[] = {
	        {"db", required_argument, NULL, O_DB},
	        {"config", required_argument, NULL, O_CONFIG},
	        {"email", required_argument, NULL, O_EMAIL},
	        {"name", required_argument, NULL, O_NAME},
	        {"title", required_argument, NULL, O_TITLE},
	        {"unit", required_argument, NULL, O_UNIT},
	        {"phone", required_argument, NULL, O_PHONE},
	        {"role", required_argument, NULL, O_ROLE},
	        {"professional", optional_argument, NULL, O_PROF},
	        {"new-email", required_argument, NULL, O_NEWEMAIL},
	        {"temporary", no_argument, NULL, O_TEMP},
	        {"set", required_argument, NULL, O_SET},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	unsigned mask;
	const char *bad;
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
		case O_EMAIL:
			ua->email = optarg;
			break;
		case O_NAME:
			ua->name = optarg;
			break;
		case O_TITLE:
			ua->title = optarg;
			break;
		case O_PHONE:
			ua->phone = optarg;
			break;
		case O_NEWEMAIL:
			ua->new_email = optarg;
			break;
		case O_UNIT:
			if (!strcmp(optarg, "0") || !strcmp(optarg, "none")) {
				ua->unit = 0;
			} else if (!people_parse_id(optarg, &ua->unit)) {
				fprintf(stderr,
				        "ttdt user: --unit takes a unit "
				        "id (see ttdt unit list)\n");
				return 2;
			}
			ua->unit_set = true;
			break;
		case O_ROLE:
			if (!role_parse_list(optarg, &mask, &bad)) {
				fprintf(stderr,
				        "ttdt user: unknown role '%s'\n", bad);
				return 2;
			}
			ua->roles |= mask;
			break;
		case O_PROF:
			ua->prof = optarg ? optarg : "yes";
			if (strcmp(ua->prof, "yes") && strcmp(ua->prof, "no")) {
				fprintf(stderr, "ttdt user: --professional "
				                "takes yes or no\n");
				return 2;
			}
			ua->professional = !strcmp(ua->prof, "yes");
			break;
		case O_TEMP:
			ua->temporary = true;
			break;
		case O_SET:
			if (!role_parse_list(optarg, &ua->roles, &bad)) {
				fprintf(stderr,
				        "ttdt user: unknown role '%s'\n", bad);
				return 2;
			}
			ua->set_given = true;
			break;
		case 'h':
			fputs(user_usage, stdout);
			return -1;
		default:
			fputs(user_usage, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs(user_usage, stderr);
		return 2;
	}
	return 0;
}

/* Finds the account of --email; prints and returns 1 if there is none. */
static int
find_user(struct store *s, struct arena *a, const char *email, struct user *u)
{
	const char *norm;
	enum err e;

	if (user_email_normalise(a, email, &norm) != ERR_OK) {
		fprintf(stderr, "ttdt user: '%s' is not an e-mail address\n",
		        email);
		return 1;
	}
	if ((e = store_user_by_email(s, a, norm, u)) != ERR_OK) {
		fprintf(stderr, "ttdt user: %s '%s'\n",
		        e == ERR_NOTFOUND ? "no account with e-mail"
		                          : "cannot read the account of",
		        norm);
		return 1;
	}
	return 0;
}

static int
user_add(struct store *s, struct arena *a, const struct audit_actor *actor,
         const struct user_args *ua)
{
	char pw[PASSWORD_RANDOM_LEN + 1];
	struct user u = {0};
	struct buf roles = BUF_INIT;
	enum password_problem pp;
	enum err e;

	if (!ua->email || !ua->name) {
		fprintf(stderr, "ttdt user add: --email and --name are "
		                "required\n");
		return 2;
	}
	role_format_list(&roles, ua->roles);
	u.email = ua->email;
	u.full_name = ua->name;
	u.title = ua->title ? ua->title : "";
	u.phone = ua->phone ? ua->phone : "";
	u.unit_id = ua->unit;
	u.roles = roles.p;
	u.professional = ua->professional;
	u.must_change_password = true;
	do
		password_random(pw);
	while (password_check(pw, ua->email, ua->name) != PASSWORD_OK);
	e = user_create(s, a, actor, &u, pw, time(NULL), &pp);
	buf_release(&roles);
	if (e != ERR_OK) {
		if (e == ERR_CONFLICT)
			fprintf(stderr,
			        "ttdt user add: an account with e-mail "
			        "'%s' exists already\n",
			        ua->email);
		else if (e == ERR_INVALID)
			fprintf(stderr, "ttdt user add: invalid e-mail, name "
			                "or unit (the unit must exist and be "
			                "open)\n");
		else
			fprintf(stderr,
			        "ttdt user add: cannot create the "
			        "account: %s\n",
			        err_str(e));
		return 1;
	}
	printf("ttdt user add: created account %lld for '%s'\n"
	       "one-time password (shown only now; it must be changed at the "
	       "first log-in):\n%s\n",
	       (long long)u.id, u.email, pw);
	return 0;
}

static void
print_time(struct buf *b, time_t t)
{
	if (t)
		vntime_format(b, t, VNTIME_ISO);
	else
		buf_adds(b, "-");
}

static int
user_list(struct store *s, struct arena *a)
{
	struct user *v;
	size_t n;
	time_t now = time(NULL);
	enum err e;

	if ((e = store_users(s, a, 0, &v, &n)) != ERR_OK) {
		fprintf(stderr, "ttdt user list: %s\n", err_str(e));
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct buf b = BUF_INIT, roles = BUF_INIT;

		role_format_list(&roles, user_roles(&v[i]));
		print_time(&b, v[i].last_login_at);
		printf("%lld\t%s\t%s\tunit=%lld\troles=%s\t%s%s%s%s\t"
		       "last_login=%s\n",
		       (long long)v[i].id, v[i].email, v[i].full_name,
		       (long long)v[i].unit_id, roles.len ? roles.p : "-",
		       v[i].active ? "active" : "disabled",
		       v[i].locked_until > now ? ",locked" : "",
		       v[i].must_change_password ? ",must-change-password" : "",
		       v[i].professional ? ",professional" : "", b.p);
		buf_release(&b);
		buf_release(&roles);
	}
	printf("%zu account%s\n", n, n == 1 ? "" : "s");
	return 0;
}

/* Reads one line from stdin (the password), without its line end. */
static bool
read_password(char *out, size_t size)
{
	size_t n;

	if (!fgets(out, (int)size, stdin))
		return false;
	n = strlen(out);
	if (n == size - 1 && out[n - 1] != '\n')
		return false; /* longer than we take */
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return true;
}

static int
user_passwd(struct store *s, const struct audit_actor *actor,
            const struct user *u, bool temporary)
{
	char pw[PASSWORD_MAX_BYTES + 2];
	enum password_problem pp = PASSWORD_OK;
	enum err e;

	if (!read_password(pw, sizeof(pw))) {
		fprintf(stderr,
		        "ttdt user passwd: expected the new password "
		        "on standard input (one line, at most %d "
		        "bytes)\n",
		        PASSWORD_MAX_BYTES);
		return 1;
	}
	e = user_set_password(s, actor, u->id, pw, temporary, time(NULL), &pp);
	explicit_bzero(pw, sizeof(pw));
	if (e == ERR_INVALID && pp != PASSWORD_OK) {
		fprintf(stderr,
		        "ttdt user passwd: password refused: %s (at least %u "
		        "characters, not a common password, not the e-mail "
		        "or name)\n",
		        password_problem_str(pp), config.password_min_length);
		return 1;
	}
	if (e != ERR_OK) {
		fprintf(stderr, "ttdt user passwd: %s\n", err_str(e));
		return 1;
	}
	printf("ttdt user passwd: password of '%s' changed\n", u->email);
	return 0;
}

/* Prints a one-time link for u: the site's address from the config
 * ([site] base_url), or the bare path if there is none. */
static int
user_reset_link(struct store *s, const struct audit_actor *actor,
                const struct user *u)
{
	char token[RESET_TOKEN_HEX];
	const char *base = config.site.base_url ? config.site.base_url : "";
	enum err e;

	if ((e = reset_link_create(s, actor, u->id, time(NULL), token)) !=
	    ERR_OK) {
		fprintf(stderr, "ttdt user reset-link: %s\n", err_str(e));
		return 1;
	}
	printf("ttdt user reset-link: one-time link for '%s' (shown only now; "
	       "valid %d hours, once%s):\n%s/quan-tri/dat-lai-mat-khau/%s\n",
	       u->email, RESET_LINK_SECONDS / 3600,
	       u->active ? "" : "; the account is disabled: enable it first",
	       base, token);
	explicit_bzero(token, sizeof(token));
	return 0;
}

static int
user_edit(struct store *s, const struct audit_actor *actor, struct user *u,
          const struct user_args *ua)
{
	enum err e;

	if (ua->new_email)
		u->email = ua->new_email;
	if (ua->name)
		u->full_name = ua->name;
	if (ua->title)
		u->title = ua->title;
	if (ua->phone)
		u->phone = ua->phone;
	if (ua->unit_set)
		u->unit_id = ua->unit;
	if (ua->prof)
		u->professional = ua->professional;
	if ((e = user_update(s, actor, u, time(NULL))) != ERR_OK) {
		fprintf(stderr, "ttdt user edit: %s\n",
		        e == ERR_CONFLICT  ? "that e-mail is taken"
		        : e == ERR_INVALID ? "invalid e-mail, name or unit "
		                             "(the unit must exist and be open)"
		                           : err_str(e));
		return 1;
	}
	printf("ttdt user edit: account '%s' updated\n", u->email);
	return 0;
}

int
cmd_user(int argc, char **argv)
{
	struct user_args ua = {0};
	struct audit_actor actor;
	char actor_name[128];
	struct arena a = ARENA_INIT;
	struct store *s = NULL;
	const char *action;
	struct user u;
	int rc;
	enum err e = ERR_OK;

	if (argc < 2) {
		fputs(user_usage, stderr);
		return 2;
	}
	action = argv[1];
	if (!strcmp(action, "-h") || !strcmp(action, "--help")) {
		fputs(user_usage, stdout);
		return 0;
	}
	if (strcmp(action, "add") && strcmp(action, "list") &&
	    strcmp(action, "edit") && strcmp(action, "passwd") &&
	    strcmp(action, "disable") && strcmp(action, "enable") &&
	    strcmp(action, "unlock") && strcmp(action, "reset-2fa") &&
	    strcmp(action, "roles") && strcmp(action, "reset-link")) {
		fprintf(stderr, "ttdt user: unknown action '%s'\n%s", action,
		        user_usage);
		return 2;
	}
	if ((rc = user_parse(argc - 1, argv + 1, &ua)) != 0)
		return rc < 0 ? 0 : rc;
	if (strcmp(action, "add") && strcmp(action, "list") && !ua.email) {
		fprintf(stderr, "ttdt user %s: --email is required\n", action);
		return 2;
	}
	if (!strcmp(action, "roles") && !ua.set_given) {
		fprintf(stderr, "ttdt user roles: --set R,R is required\n");
		return 2;
	}
	if ((rc = people_open("user", ua.db, ua.config, &s)) != 0)
		goto out;
	/* From here every exit goes through out. */
	arena_init(&a, 4096);
	people_actor(&actor, actor_name, sizeof(actor_name));
	rc = 1;
	if (!strcmp(action, "add")) {
		rc = user_add(s, &a, &actor, &ua);
		goto out;
	}
	if (!strcmp(action, "list")) {
		rc = user_list(s, &a);
		goto out;
	}
	if (find_user(s, &a, ua.email, &u) != 0)
		goto out;
	if (!strcmp(action, "edit")) {
		rc = user_edit(s, &actor, &u, &ua);
		goto out;
	}
	if (!strcmp(action, "passwd")) {
		rc = user_passwd(s, &actor, &u, ua.temporary);
		goto out;
	}
	if (!strcmp(action, "reset-link")) {
		rc = user_reset_link(s, &actor, &u);
		goto out;
	}
	if (!strcmp(action, "disable") || !strcmp(action, "enable"))
		e = user_set_active(s, &actor, u.id, !strcmp(action, "enable"),
		                    time(NULL));
	else if (!strcmp(action, "unlock"))
		e = user_unlock(s, &actor, u.id, time(NULL));
	else if (!strcmp(action, "reset-2fa"))
		e = user_reset_2fa(s, &actor, u.id, time(NULL));
	else if (!strcmp(action, "roles"))
		e = user_set_roles(s, &actor, u.id, ua.roles, time(NULL));
	if (e != ERR_OK) {
		fprintf(stderr, "ttdt user %s: %s\n", action, err_str(e));
		goto out;
	}
	printf("ttdt user %s: done for '%s'\n", action, u.email);
	rc = 0;
out:
	store_close(s);
	arena_release(&a);
	config_release(&config);
	return rc;
}
