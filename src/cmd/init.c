/*
 * ttdt init: creates a database with the schema and the regulation's
 * section tree (Điều 8), the Department's units and district justice
 * offices (Điều 8.1), and the first IT administrator with a random
 * password printed once; --demo adds believable Vietnamese demo content
 * with photos, one account per role (README.md, "Demo accounts") and
 * marks the database as a demo (the site shows a banner).
 */
#include "common.h"

#include <getopt.h>
#include <libgen.h>
#include <sys/stat.h>

#include "cmd.h"
#include "config.h"
#include "demo.h"
#include "demo_people.h"
#include "log.h"
#include "seed.h"
#include "store.h"
#include "unit.h"
#include "user.h"
#include "xalloc.h"

static const char init_usage[] =
        "usage: ttdt init --db PATH [--demo] [--items N] [--media DIR] "
        "[--config FILE]\n"
        "                 [--admin-email E]\n";

#define DEFAULT_ADMIN_EMAIL "quantri@ttdt.invalid"

/* The first IT administrator, with a random password printed once and
 * to be changed at the first log-in; audited as "user.add". */
static enum err
create_admin(struct store *s, const struct audit_actor *actor,
             const char *email, time_t now)
{
	char pw[PASSWORD_RANDOM_LEN + 1];
	struct arena a = ARENA_INIT;
	struct user u = {0};
	enum err e;

	arena_init(&a, 1024);
	u.email = email;
	u.full_name = "Quản trị hệ thống";
	u.title = "Cán bộ CNTT";
	u.roles = role_code(ROLE_IT_ADMIN);
	u.must_change_password = true;
	do
		password_random(pw);
	while (password_check(pw, email, u.full_name) != PASSWORD_OK);
	e = user_create(s, &a, actor, &u, pw, now, NULL);
	if (e == ERR_OK)
		printf("ttdt init: IT administrator '%s' created; one-time "
		       "password (shown only now, to be changed at the first "
		       "log-in):\n%s\n"
		       "ttdt init: the first log-in at /quan-tri then sets up "
		       "the second factor (an authenticator app on a phone)\n",
		       u.email, pw);
	else
		fprintf(stderr,
		        "ttdt init: cannot create the IT administrator "
		        "'%s': %s\n",
		        email,
		        e == ERR_INVALID ? "invalid e-mail" : err_str(e));
	explicit_bzero(pw, sizeof(pw));
	arena_release(&a);
	return e;
}

/* The demo's photos go beside the database unless told otherwise. */
static char *
default_media_dir(const char *db)
{
	char *copy = xstrdup(db), *dir = dirname(copy);
	size_t n = strlen(dir) + sizeof("/media");
	char *out = xmalloc(n);

	snprintf(out, n, "%s/media", dir);
	free(copy);
	return out;
}

int
cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"db", required_argument, NULL, 'd'},
	        {"demo", no_argument, NULL, 'D'},
	        {"items", required_argument, NULL, 'n'},
	        {"media", required_argument, NULL, 'm'},
	        {"config", required_argument, NULL, 'c'},
	        {"admin-email", required_argument, NULL, 'a'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *db = NULL, *media = NULL, *config_path = NULL;
	const char *admin_email = DEFAULT_ADMIN_EMAIL;
	struct audit_actor actor;
	char actor_name[128];
	char *media_owned = NULL, *end;
	bool demo = false;
	unsigned long items = 300;
	struct store *store = NULL;
	struct stat st;
	int64_t count = 0;
	int c, status = 1;
	enum err e;

	while ((c = getopt_long(argc, argv, "d:Dn:m:c:a:h", opts, NULL)) !=
	       -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'D':
			demo = true;
			break;
		case 'n':
			errno = 0;
			items = strtoul(optarg, &end, 10);
			if (errno || *end || items == 0 || items > 10000000) {
				fprintf(stderr, "ttdt init: --items takes a "
				                "number from 1 to 10000000\n");
				return 2;
			}
			break;
		case 'm':
			media = optarg;
			break;
		case 'c':
			config_path = optarg;
			break;
		case 'a':
			admin_email = optarg;
			break;
		case 'h':
			fputs(init_usage, stdout);
			return 0;
		default:
			fputs(init_usage, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs(init_usage, stderr);
		return 2;
	}
	if (cmd_load_config(config_path) != 0)
		return 1;
	if (!db)
		db = config_path ? config.db : NULL;
	if (!db) {
		fprintf(stderr, "ttdt init: --db PATH is required\n%s",
		        init_usage);
		return 2;
	}
	if (!media)
		media = config_path ? config.media_dir
		                    : (media_owned = default_media_dir(db));
	if (stat(db, &st) == 0 && st.st_size > 0) {
		fprintf(stderr,
		        "ttdt init: '%s' already exists; remove it first or "
		        "choose another path\n",
		        db);
		goto out;
	}

	/* From here every failure jumps to out. */
	if ((e = store_open(db, true, &store)) != ERR_OK) {
		fprintf(stderr, "ttdt init: cannot create '%s': %s\n", db,
		        err_str(e));
		goto out;
	}
	if ((e = seed_sections(store)) != ERR_OK) {
		fprintf(stderr, "ttdt init: cannot create the sections: %s\n",
		        err_str(e));
		goto out;
	}
	audit_actor_cli(&actor, actor_name, sizeof(actor_name));
	if ((e = unit_seed(store, &actor, time(NULL))) != ERR_OK) {
		fprintf(stderr, "ttdt init: cannot create the units: %s\n",
		        err_str(e));
		goto out;
	}
	if (create_admin(store, &actor, admin_email, time(NULL)) != ERR_OK)
		goto out;
	if (demo &&
	    (e = demo_people_create(store, &actor, time(NULL))) != ERR_OK) {
		fprintf(stderr,
		        "ttdt init: cannot create the demo accounts: "
		        "%s\n",
		        err_str(e));
		goto out;
	}
	if (demo) {
		struct demo_stats stats;

		if (mkdir(media, 0755) != 0 && errno != EEXIST) {
			fprintf(stderr, "ttdt init: cannot create '%s': %s\n",
			        media, strerror(errno));
			goto out;
		}
		e = demo_generate(store, media, items, 1, &stats);
		if (e != ERR_OK) {
			fprintf(stderr,
			        "ttdt init: cannot generate demo content: "
			        "%s\n",
			        err_str(e));
			goto out;
		}
		if ((e = store_setting_set(store, "demo", "1")) != ERR_OK)
			goto out;
	}
	if ((e = store_items_count(store, &count)) != ERR_OK)
		goto out;
	printf("ttdt init: created '%s' with %lld items%s%s\n", db,
	       (long long)count, demo ? ", photos in " : "", demo ? media : "");
	status = 0;
out:
	store_close(store);
	free(media_owned);
	config_release(&config);
	return status;
}
