/*
 * Shared start-up step of the subcommands: defaults, then the INI file.
 */
#include "common.h"

#include "cmd.h"
#include "config.h"

int
cmd_load_config(const char *path)
{
	struct buf err = BUF_INIT;
	int rc = 0;

	config_defaults(&config);
	if (path && config_load(&config, path, &err) != 0)
		rc = -1;
	if (rc == 0 && config_validate(&config, &err) != 0)
		rc = -1;
	if (rc != 0)
		fprintf(stderr, "ttdt: configuration errors:\n%s", err.p);
	buf_release(&err);
	return rc;
}
