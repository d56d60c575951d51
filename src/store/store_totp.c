/*
 * The second factor's columns of the account table (0003-totp.sql): the
 * secret being enrolled, the last accepted TOTP step and the count of
 * wrong codes.  Rows in, rows out: RFC 6238, replay and lock-out rules are
 * the domain's (src/domain/totp.c), which calls these inside its store_tx
 * together with store_user_update and audit_append.
 */
#include "common.h"

#include "log.h"
#include "store_int.h"

enum err
store_totp_get(struct store *s, struct arena *a, int64_t user_id,
               struct totp_state *out)
{
	const unsigned char *t;
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	out->pending = "";
	if (!(c = store_conn(s)))
		return ERR_IO;
	if (!(q = conn_stmt(c, STMT_TOTP_GET)))
		return ERR_DB;
	sqlite3_bind_int64(q, 1, user_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		t = sqlite3_column_text(q, 0);
		if (t)
			out->pending = arena_strndup(
			        a, (const char *)t,
			        (size_t)sqlite3_column_bytes(q, 0));
		out->pending_at = (time_t)sqlite3_column_int64(q, 1);
		out->last_step = sqlite3_column_int64(q, 2);
		out->failed = sqlite3_column_int(q, 3);
	} else if (rc == SQLITE_DONE) {
		e = ERR_NOTFOUND;
	} else {
		e = store_db_err(conn_db(c), rc, "cannot read totp state");
	}
	sqlite3_reset(q);
	return e;
}

enum err
store_totp_set(struct store *s, int64_t user_id, const struct totp_state *t)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if (!(c = store_conn(s)))
		return ERR_IO;
	if (!(q = conn_stmt(c, STMT_TOTP_SET)))
		return ERR_DB;
	sqlite3_bind_int64(q, 1, user_id);
	sqlite3_bind_text(q, 2, t->pending ? t->pending : "", -1,
	                  SQLITE_STATIC);
	if (t->pending_at)
		sqlite3_bind_int64(q, 3, (int64_t)t->pending_at);
	else
		sqlite3_bind_null(q, 3);
	sqlite3_bind_int64(q, 4, t->last_step);
	sqlite3_bind_int(q, 5, t->failed);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_db_err(conn_db(c), rc, "cannot write totp state");
	if (sqlite3_changes(conn_db(c)) == 0)
		return ERR_NOTFOUND;
	return ERR_OK;
}
