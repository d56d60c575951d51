/*
 * ttdt: the e-information website of a Vietnamese state agency and the
 * newsroom behind it.  This file dispatches to the subcommands.
 */
#include "common.h"

#include "cmd.h"

static const char usage[] =
        "usage: ttdt <command> [options]\n"
        "\n"
        "Commands:\n"
        "  serve   [--config FILE] [--listen ADDR:PORT] [--db PATH]\n"
        "          run the web site (stops cleanly on SIGTERM or SIGINT)\n"
        "  init    --db PATH [--demo] [--items N] [--media DIR] "
        "[--config FILE]\n"
        "          [--admin-email E]\n"
        "          create a database with the regulation's sections, the\n"
        "          units and the first IT administrator (its one-time\n"
        "          password is printed once); --demo adds demo content\n"
        "          (N items, default 300), photos and one account per role\n"
        "  user    "
        "add|list|edit|passwd|disable|enable|unlock|roles|reset-2fa|\n"
        "          reset-link\n"
        "          --db PATH ...   accounts (ttdt user --help)\n"
        "  unit    add|list|edit|close --db PATH ...\n"
        "          units and district offices (ttdt unit --help)\n"
        "  audit   verify|purge|export --db PATH ...\n"
        "          the hash-chained audit log (ttdt audit --help)\n"
        "  maintenance --db PATH [--if-due]\n"
        "          run the daily job now: disable unused accounts, purge\n"
        "          the audit log past its retention (ttdt serve runs it\n"
        "          once a day by itself)\n"
        "  backup  --db PATH --to FILE\n"
        "          copy a live database consistently (online backup)\n"
        "  restore --from FILE --db PATH\n"
        "          replace a database with a checked backup (server stopped)\n"
        "\n"
        "Options:\n"
        "  -h, --help      show this help\n"
        "  -V, --version   show the version\n"
        "\n"
        "The configuration file is INI; every key is documented in the\n"
        "sample etc/ttdt.ini.  Command-line options override it.\n";

static const struct {
	const char *name;
	int (*fn)(int, char **);
} commands[] = {
        {"serve", cmd_serve},   {"init", cmd_init},
        {"backup", cmd_backup}, {"restore", cmd_restore},
        {"user", cmd_user},     {"unit", cmd_unit},
        {"audit", cmd_audit},   {"maintenance", cmd_maintenance},
};

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("ttdt %s\n", TTDT_VERSION);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "ttdt: unknown command '%s'\n\n%s", argv[1], usage);
	return 2;
}
