/*
 * Internals shared by the files of src/store (and their tests); nothing
 * outside src/store includes this header, nor sqlite3.h.
 */
#ifndef TTDT_STORE_INT_H
#define TTDT_STORE_INT_H

#include <sqlite3.h>

#include "buf.h"
#include "stmt.h"
#include "store.h"

/* Registers the "vnfold" FTS5 tokenizer on db (fts_vnfold.c): it folds
 * text with vnfold_map and hands it to unicode61, reporting offsets in
 * the original text; and the ranking function ttdt_rank.  Returns an
 * SQLite result code. */
int fts_vnfold_register(sqlite3 *db);
/* Registers the FTS5 auxiliary function ttdt_rank (fts_rank.c), the
 * relevance of a match (higher is better); fts_vnfold_register calls it. */
int fts_rank_register(fts5_api *api);

/*
 * Appends the text of HTML fragment html[0..len) to out (html_text.c):
 * tags and comments dropped (block-level tags and <br> become a space so
 * words do not run together), script/style content dropped, character
 * references decoded, runs of white space collapsed to one space.
 */
void html_text(struct buf *out, const char *html, size_t len);

/* The calling thread's connection to s, opened on first use; NULL (and
 * logged) if it cannot be opened. */
struct conn;
struct conn *store_conn(struct store *s);
sqlite3 *conn_db(struct conn *c);
const char *conn_path(struct conn *c);
/* The prepared statement st of connection c, reset and with its bindings
 * cleared; NULL (logged) if it does not prepare. */
sqlite3_stmt *conn_stmt(struct conn *c, enum stmt st);

/* Applies pending migrations (migrate.c); ERR_INVALID if the database is
 * newer than this binary. */
enum err migrate_run(struct conn *c);
/* Highest migration this binary knows. */
int migrate_latest(void);

/* Logs the connection's last error about what, and maps the SQLite code
 * to an enum err (BUSY, CONSTRAINT -> CONFLICT, others DB). */
enum err store_db_err(sqlite3 *db, int rc, const char *what);

/* Steps q once (an INSERT, UPDATE or DELETE: no rows wanted) and resets
 * it; *changes (may be NULL) gets the number of rows changed.  Failure
 * is logged about what. */
enum err stmt_run(sqlite3_stmt *q, const char *what, int64_t *changes);

/* Binds v to ?i, 0 as NULL (no unit, no time, no user). */
static inline void
stmt_bind_int0(sqlite3_stmt *q, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(q, i, v);
	else
		sqlite3_bind_null(q, i);
}

/* Binds text v to ?i ("" for NULL; v must outlive the step). */
static inline void
stmt_bind_text(sqlite3_stmt *q, int i, const char *v)
{
	sqlite3_bind_text(q, i, v ? v : "", -1, SQLITE_STATIC);
}

/* Binds text v to ?i, NULL as NULL. */
static inline void
stmt_bind_text_null(sqlite3_stmt *q, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

/* Column i of q as a string in a ("" for NULL). */
const char *stmt_col_text(struct arena *a, sqlite3_stmt *q, int i);

/* Steps q to the end, calling row(a, q, element) on each row into a
 * growing array of size-byte elements copied into a at the end (*out,
 * *n; NULL and 0 for none); resets q.  Failure is logged about what. */
enum err stmt_rows(sqlite3_stmt *q, struct arena *a, size_t size,
                   void (*row)(struct arena *, sqlite3_stmt *, void *),
                   void **out, size_t *n, const char *what);

/* The calling thread's connection, or return ERR_IO from the caller. */
#define CONN_OR_FAIL(c, s)                                                     \
	do {                                                                   \
		if (!((c) = store_conn(s)))                                    \
			return ERR_IO;                                         \
	} while (0)

/* A prepared statement of c, or return ERR_DB from the caller. */
#define STMT_OR_FAIL(q, c, st)                                                 \
	do {                                                                   \
		if (!((q) = conn_stmt((c), (st))))                             \
			return ERR_DB;                                         \
	} while (0)

#endif
