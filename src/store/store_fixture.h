/*
 * Test fixtures that do to the database what someone holding its file
 * could: change or remove audit entries without re-hashing.  They are
 * linked into test programs only (the Makefile keeps *_fixture.c out of
 * libttdt.a), so the ttdt binary carries no way to rewrite its history.
 */
#ifndef TTDT_STORE_FIXTURE_H
#define TTDT_STORE_FIXTURE_H

#include <stdint.h>

#include "store.h"

/* Overwrites entry id's detail; ERR_NOTFOUND if there is no such entry. */
enum err store_audit_test_set_detail(struct store *s, int64_t id,
                                     const char *detail);
/* Deletes entry id; ERR_NOTFOUND if there is no such entry. */
enum err store_audit_test_delete(struct store *s, int64_t id);

#endif
