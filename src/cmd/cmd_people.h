/*
 * What the people subcommands (ttdt user, unit, audit) share: opening
 * the database, parsing ids and naming the command-line actor in the
 * audit log.
 */
#ifndef TTDT_CMD_PEOPLE_H
#define TTDT_CMD_PEOPLE_H

#include <stdbool.h>
#include <time.h>

#include "audit.h"
#include "store.h"

/* Loads the configuration (config_path or none) and opens the existing
 * database db (or the configured one when only config_path is given).
 * Prints why on failure as "ttdt <what>: ..." and returns 1 (2 if no
 * database was named); 0 with *out set on success. */
int people_open(const char *what, const char *db, const char *config_path,
                struct store **out);
/* Parses a positive id; false if s is not one. */
bool people_parse_id(const char *s, int64_t *out);
/* The OS user as the audit actor ("cli:<name>"); name_buf as in
 * audit_actor_cli. */
void people_actor(struct audit_actor *a, char *name_buf, size_t size);

#endif
