/*
 * Subcommands of the ttdt program, one file each (src/cmd/).  Each takes
 * the arguments after its name (argv[0] is the subcommand) and returns
 * the process exit status.  Messages on the command line are plain
 * English; usage errors exit 2, failures 1.
 */
#ifndef TTDT_CMD_H
#define TTDT_CMD_H

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_unit(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_maintenance(int argc, char **argv);

/* Loads the defaults, then the config file if given (or the default
 * one, if it exists, when path is NULL); prints errors; -1 on failure. */
int cmd_load_config(const char *path);

#endif
