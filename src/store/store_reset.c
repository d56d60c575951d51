/*
 * Password reset links (0004-password-reset.sql): rows in, rows out.
 * The token, its hash, the lifetime and the audit entries are the
 * domain's (src/domain/reset.c), which runs these inside its store_tx.
 * store_reset_use checks usability in its WHERE clause, so that of two
 * requests racing with the same link only one can mark it used.
 */
#include "common.h"

#include "log.h"
#include "store_int.h"

enum err
store_reset_insert(struct store *s, const struct reset_link *l)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_RESET_INSERT);
	sqlite3_bind_text(q, 1, l->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, l->user_id);
	sqlite3_bind_int64(q, 3, (int64_t)l->created_at);
	stmt_bind_int0(q, 4, (int64_t)l->expires_at);
	return stmt_run(q, "cannot insert a password reset link", NULL);
}

enum err
store_reset_void_user(struct store *s, int64_t user_id, time_t now, int64_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	if (n)
		*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_RESET_VOID);
	sqlite3_bind_int64(q, 1, user_id);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	return stmt_run(q, "cannot void password reset links", n);
}

enum err
store_reset_get(struct store *s, struct arena *a, const char *id,
                struct reset_link *out)
{
	const unsigned char *t;
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_RESET_GET);
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		t = sqlite3_column_text(q, 0);
		out->id = arena_strndup(a, t ? (const char *)t : "",
		                        (size_t)sqlite3_column_bytes(q, 0));
		out->user_id = sqlite3_column_int64(q, 1);
		out->created_at = (time_t)sqlite3_column_int64(q, 2);
		out->expires_at = (time_t)sqlite3_column_int64(q, 3);
		out->used_at = (time_t)sqlite3_column_int64(q, 4);
		out->voided_at = (time_t)sqlite3_column_int64(q, 5);
	} else if (rc == SQLITE_DONE) {
		e = ERR_NOTFOUND;
	} else {
		e = store_db_err(conn_db(c), rc,
		                 "cannot read a password reset link");
	}
	sqlite3_reset(q);
	return e;
}

enum err
store_reset_use(struct store *s, const char *id, time_t now)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t n = 0;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_RESET_USE);
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	if ((e = stmt_run(q, "cannot mark a password reset link used", &n)) !=
	    ERR_OK)
		return e;
	return n ? ERR_OK : ERR_NOTFOUND;
}
