/*
 * ttdt backup / restore: SQLite's online backup, consistent while the
 * site serves; restore checks the copy before it replaces anything
 * (related law: archives; DESIGN: online backup and a tested restore).
 */
#include "common.h"

#include <getopt.h>

#include "cmd.h"
#include "store.h"

int
cmd_backup(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"db", required_argument, NULL, 'd'},
	        {"to", required_argument, NULL, 't'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	static const char usage[] = "usage: ttdt backup --db PATH --to FILE\n";
	const char *db = NULL, *to = NULL;
	struct store *store = NULL;
	int c;
	enum err e;

	while ((c = getopt_long(argc, argv, "d:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (!db || !to || optind != argc) {
		fputs(usage, stderr);
		return 2;
	}
	if ((e = store_open(db, false, &store)) != ERR_OK) {
		fprintf(stderr, "ttdt backup: cannot open '%s': %s\n", db,
		        e == ERR_NOTFOUND ? "no such database" : err_str(e));
		return 1;
	}
	e = store_backup(store, to);
	store_close(store);
	if (e != ERR_OK) {
		fprintf(stderr, "ttdt backup: cannot write '%s': %s\n", to,
		        err_str(e));
		return 1;
	}
	printf("ttdt backup: '%s' copied to '%s'\n", db, to);
	return 0;
}

int
cmd_restore(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"from", required_argument, NULL, 'f'},
	        {"db", required_argument, NULL, 'd'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	static const char usage[] =
	        "usage: ttdt restore --from FILE --db PATH\n"
	        "Stop the server first: the database at PATH is replaced.\n";
	const char *from = NULL, *db = NULL;
	int c;
	enum err e;

	while ((c = getopt_long(argc, argv, "f:d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			from = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (!from || !db || optind != argc) {
		fputs(usage, stderr);
		return 2;
	}
	if ((e = store_restore(from, db)) != ERR_OK) {
		fprintf(stderr,
		        "ttdt restore: '%s' is not a usable ttdt backup "
		        "(%s); nothing was changed\n",
		        from, err_str(e));
		return 1;
	}
	printf("ttdt restore: '%s' restored from '%s'\n", db, from);
	return 0;
}
