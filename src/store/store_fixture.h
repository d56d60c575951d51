/*
 * Test fixtures for the store: a fresh database in a temporary file and
 * its removal, and tampering that does to the database what someone
 * holding its file could (change or remove audit entries without
 * re-hashing).  They are linked into test programs only (the Makefile
 * keeps *_fixture.c out of libttdt.a), so the ttdt binary carries no way
 * to rewrite its history.  They are built without cmocka: failures are
 * returned, and the test asserts on them.
 */
#ifndef TTDT_STORE_FIXTURE_H
#define TTDT_STORE_FIXTURE_H

#include <stdint.h>
#include <time.h>

#include "store.h"

/* Room for "$TMPDIR/ttdt-<tag>-XXXXXX" and the "-wal"/"-shm" names. */
#define FIXTURE_PATH_MAX 256

/* Makes path a fresh name "$TMPDIR/ttdt-<tag>-XXXXXX" (TMPDIR defaults to
 * /tmp) with no file behind it yet; ERR_IO if none could be made. */
enum err fixture_tmp_path(char path[FIXTURE_PATH_MAX], const char *tag);
/* Opens a new, migrated database at a fresh fixture_tmp_path name. */
enum err fixture_db_open(char path[FIXTURE_PATH_MAX], const char *tag,
                         struct store **out);
/* Closes s (NULL: nothing to close) and removes the database at path with
 * its -wal and -shm files. */
void fixture_db_remove(struct store *s, const char *path);

/* Inserts an open unit of kind kind_id named name, created at now; *id
 * gets its id. */
enum err fixture_unit_add(struct store *s, int64_t kind_id, const char *name,
                          time_t now, int64_t *id);
/* Inserts an active user with email, full_name, roles (role codes, comma
 * separated) and unit_id (0: none), no password, and a made-up title and
 * phone, created at now; *u is the row as inserted, u->id included, its
 * strings borrowed from the arguments. */
enum err fixture_user_add(struct store *s, struct user *u, const char *email,
                          const char *full_name, const char *roles,
                          int64_t unit_id, time_t now);

/* Overwrites entry id's detail; ERR_NOTFOUND if there is no such entry. */
enum err store_audit_test_set_detail(struct store *s, int64_t id,
                                     const char *detail);
/* Deletes entry id; ERR_NOTFOUND if there is no such entry. */
enum err store_audit_test_delete(struct store *s, int64_t id);

#endif
