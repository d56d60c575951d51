/*
 * Schema migrations, numbered and applied in order at start (store_open).
 * The SQL lives in src/store/migrations/NNNN-name.sql; the build embeds
 * it (scripts/embed-sql) so the binary needs no files to create a
 * database.  A migration is never edited once released: add a new one.
 */
#ifndef TTDT_MIGRATIONS_H
#define TTDT_MIGRATIONS_H

#include <stddef.h>

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration migrations[];
extern const size_t migrations_n;

#endif
