/*
 * Start-up shared by ttdt user, unit and audit: configuration, the
 * database (which must exist: `ttdt init` creates it), the actor.
 */
#include "common.h"

#include "cmd.h"
#include "cmd_people.h"
#include "config.h"

int
people_open(const char *what, const char *db, const char *config_path,
            struct store **out)
{
	enum err e;

	*out = NULL;
	if (cmd_load_config(config_path) != 0)
		return 1;
	if (!db && config_path)
		db = config.db;
	if (!db) {
		fprintf(stderr, "ttdt %s: --db PATH is required\n", what);
		return 2;
	}
	if ((e = store_open(db, false, out)) != ERR_OK) {
		fprintf(stderr, "ttdt %s: cannot open '%s': %s\n", what, db,
		        e == ERR_NOTFOUND ? "no such database" : err_str(e));
		return 1;
	}
	return 0;
}

bool
people_parse_id(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return false;
	*out = v;
	return true;
}

void
people_actor(struct audit_actor *a, char *name_buf, size_t size)
{
	audit_actor_cli(a, name_buf, size);
}
