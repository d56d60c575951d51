/*
 * The audit log's rows on SQLite (0002-people.sql, table audit).  The
 * chain itself — what is hashed, how verification walks it, purging with
 * a checkpoint — is src/domain/audit.c; this file reads and writes rows.
 *
 * store_audit_each streams entries with one statement (one read
 * snapshot), so verifying a log of millions of entries needs no more
 * memory than one row and sees one consistent snapshot.
 * store_audit_find does the same for the newsroom's filtered, paged view
 * and its CSV export: the filters are the nullable parameters of fixed
 * statements, and pages are keyset ranges of ids (id < the last shown),
 * so page 1,000 costs what page 1 does.
 */
#include "common.h"

#include "log.h"
#include "store_int.h"

static const char *
col_str(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	return t ? (const char *)t : "";
}

/* Reads AUDIT_COLS (stmt_sqlite.c); the strings are the statement's,
 * valid until it steps again or resets. */
static void
audit_row(sqlite3_stmt *q, struct audit_entry *e)
{
	e->id = sqlite3_column_int64(q, 0);
	e->at = (time_t)sqlite3_column_int64(q, 1);
	e->actor_user_id = sqlite3_column_int64(q, 2);
	e->actor_name = col_str(q, 3);
	e->client_addr = col_str(q, 4);
	e->action = col_str(q, 5);
	e->object_type = col_str(q, 6);
	e->object_id = sqlite3_column_int64(q, 7);
	e->detail = col_str(q, 8);
	e->prev_hash = col_str(q, 9);
	e->hash = col_str(q, 10);
}

/* Steps q to its end, calling fn on each entry, or until fn fails (its
 * error is returned); resets q. */
static enum err
rows_each(sqlite3_stmt *q, enum err (*fn)(const struct audit_entry *, void *),
          void *arg)
{
	struct audit_entry e;
	enum err r = ERR_OK;
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		audit_row(q, &e);
		if ((r = fn(&e, arg)) != ERR_OK)
			break;
	}
	if (r == ERR_OK && rc != SQLITE_DONE)
		r = store_db_err(sqlite3_db_handle(q), rc,
		                 "cannot read the audit log");
	sqlite3_reset(q);
	return r;
}

enum err
store_audit_tail(struct store *s, struct arena *a, int64_t *last_id,
                 const char **last_hash, int64_t *seq)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	*last_id = 0;
	*last_hash = NULL;
	*seq = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_AUDIT_TAIL);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*last_id = sqlite3_column_int64(q, 0);
		if (sqlite3_column_type(q, 1) != SQLITE_NULL)
			*last_hash = arena_strdup(a, col_str(q, 1));
		*seq = sqlite3_column_int64(q, 2);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_db_err(conn_db(c), rc,
		                    "cannot read the audit tail");
	return ERR_OK;
}

enum err
store_audit_insert(struct store *s, const struct audit_entry *e)
{
	struct conn *c;
	sqlite3_stmt *q;

	if (e->id <= 0 || !e->actor_name || !e->action || !e->prev_hash ||
	    !e->hash)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_AUDIT_INSERT);
	sqlite3_bind_int64(q, 1, e->id);
	sqlite3_bind_int64(q, 2, (int64_t)e->at);
	if (e->actor_user_id)
		sqlite3_bind_int64(q, 3, e->actor_user_id);
	sqlite3_bind_text(q, 4, e->actor_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, e->client_addr ? e->client_addr : "", -1,
	                  SQLITE_STATIC);
	sqlite3_bind_text(q, 6, e->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, e->object_type ? e->object_type : "", -1,
	                  SQLITE_STATIC);
	if (e->object_id)
		sqlite3_bind_int64(q, 8, e->object_id);
	sqlite3_bind_text(q, 9, e->detail ? e->detail : "{}", -1,
	                  SQLITE_STATIC);
	sqlite3_bind_text(q, 10, e->prev_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 11, e->hash, -1, SQLITE_STATIC);
	return stmt_run(q, "cannot append to the audit log", NULL);
}

struct each_arg {
	int64_t from_id;
	time_t from, to;
	enum err (*fn)(const struct audit_entry *, void *);
	void *arg;
};

static enum err
each_run(struct store *s, void *p)
{
	struct each_arg *ea = p;
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_AUDIT_LIST);
	sqlite3_bind_int64(q, 1, ea->from_id);
	if (ea->from)
		sqlite3_bind_int64(q, 2, (int64_t)ea->from);
	if (ea->to)
		sqlite3_bind_int64(q, 3, (int64_t)ea->to);
	return rows_each(q, ea->fn, ea->arg);
}

enum err
store_audit_each(struct store *s, int64_t from_id, time_t from, time_t to,
                 enum err (*fn)(const struct audit_entry *, void *), void *arg)
{
	struct each_arg ea = {from_id, from, to, fn, arg};

	/* One statement is one read snapshot in WAL mode: the walk sees a
	 * consistent log while others append or purge, and blocks no
	 * writer. */
	return each_run(s, &ea);
}

enum err
store_audit_first_from(struct store *s, time_t t, int64_t *id)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	*id = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_AUDIT_FIRST_FROM);
	sqlite3_bind_int64(q, 1, (int64_t)t);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_db_err(conn_db(c), rc,
		                    "cannot read the audit log");
	return ERR_OK;
}

enum err
store_audit_last_below(struct store *s, struct arena *a, int64_t below,
                       struct audit_entry *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_AUDIT_LAST_BELOW);
	if (below)
		sqlite3_bind_int64(q, 1, below);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		audit_row(q, out);
		out->actor_name = arena_strdup(a, out->actor_name);
		out->client_addr = arena_strdup(a, out->client_addr);
		out->action = arena_strdup(a, out->action);
		out->object_type = arena_strdup(a, out->object_type);
		out->detail = arena_strdup(a, out->detail);
		out->prev_hash = arena_strdup(a, out->prev_hash);
		out->hash = arena_strdup(a, out->hash);
	} else if (rc == SQLITE_DONE) {
		e = ERR_NOTFOUND;
	} else {
		e = store_db_err(conn_db(c), rc, "cannot read the audit log");
	}
	sqlite3_reset(q);
	return e;
}

enum err
store_audit_delete_upto(struct store *s, int64_t last_id, int64_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_AUDIT_DELETE_UPTO);
	sqlite3_bind_int64(q, 1, last_id);
	return stmt_run(q, "cannot purge the audit log", n);
}

/* Binds ?1..?8 of AUDIT_FILTER (stmt_sqlite.c); NULL binds nothing. */
static void
bind_filter(sqlite3_stmt *q, const struct audit_filter *f)
{
	if (!f)
		return;
	if (f->from)
		sqlite3_bind_int64(q, 1, (int64_t)f->from);
	if (f->to)
		sqlite3_bind_int64(q, 2, (int64_t)f->to);
	if (f->actor_user_id)
		sqlite3_bind_int64(q, 3, f->actor_user_id);
	if (f->actor_name && *f->actor_name)
		sqlite3_bind_text(q, 4, f->actor_name, -1, SQLITE_STATIC);
	if (f->action && *f->action)
		sqlite3_bind_text(q, 5, f->action, -1, SQLITE_STATIC);
	if (f->object_type && *f->object_type)
		sqlite3_bind_text(q, 6, f->object_type, -1, SQLITE_STATIC);
	if (f->object_id)
		sqlite3_bind_int64(q, 7, f->object_id);
	if (f->client_addr && *f->client_addr)
		sqlite3_bind_text(q, 8, f->client_addr, -1, SQLITE_STATIC);
}

enum err
store_audit_find(struct store *s, const struct audit_filter *f, int64_t below,
                 int64_t above, bool newest_first, size_t limit,
                 enum err (*fn)(const struct audit_entry *, void *), void *arg)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c,
	             newest_first ? STMT_AUDIT_FIND_DESC : STMT_AUDIT_FIND_ASC);
	bind_filter(q, f);
	if (below)
		sqlite3_bind_int64(q, 9, below);
	if (above)
		sqlite3_bind_int64(q, 10, above);
	sqlite3_bind_int64(q, 11,
	                   limit ? (int64_t)MIN(limit, (size_t)INT64_MAX) : -1);
	/* One statement, one read snapshot (see store_audit_each). */
	return rows_each(q, fn, arg);
}

enum err
store_audit_count(struct store *s, const struct audit_filter *f, int64_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_AUDIT_COUNT);
	bind_filter(q, f);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_db_err(conn_db(c), rc,
		                    "cannot count the audit log");
	return ERR_OK;
}
