/*
 * Contributions from outside (0008-contribution.sql): rows in, rows out.
 * The reference numbers, the limit per address and the transaction that
 * writes a contribution's item with its flow, revision, history, audit
 * entry and mail are the domain's (src/domain/contribution.c).
 */
#include "common.h"

#include "log.h"
#include "store_int.h"

enum err
store_contribution_insert(struct store *s, struct contribution *ct)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_CONTRIB_INSERT);
	stmt_bind_text(q, 1, ct->ref);
	sqlite3_bind_int64(q, 2, ct->item_id);
	stmt_bind_text(q, 3, ct->sender_email);
	sqlite3_bind_int64(q, 4, (int64_t)ct->created_at);
	e = stmt_run(q, "cannot insert a contribution", NULL);
	if (e == ERR_OK)
		ct->id = sqlite3_last_insert_rowid(conn_db(c));
	return e;
}

enum err
store_contribution_by_ref(struct store *s, struct arena *a, const char *ref,
                          struct contribution *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_CONTRIB_BY_REF);
	stmt_bind_text(q, 1, ref);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(q, 0);
		out->ref = stmt_col_text(a, q, 1);
		out->item_id = sqlite3_column_int64(q, 2);
		out->sender_email = stmt_col_text(a, q, 3);
		out->created_at = (time_t)sqlite3_column_int64(q, 4);
	} else if (rc == SQLITE_DONE) {
		e = ERR_NOTFOUND;
	} else {
		e = store_db_err(conn_db(c), rc, "cannot read a contribution");
	}
	sqlite3_reset(q);
	return e;
}

enum err
store_contribution_rate_add(struct store *s, const char *addr, time_t now,
                            time_t before)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_CONTRIB_RATE_PURGE);
	sqlite3_bind_int64(q, 1, (int64_t)before);
	e = stmt_run(q, "cannot purge the contribution counts", NULL);
	if (e != ERR_OK)
		return e;
	STMT_OR_FAIL(q, c, STMT_CONTRIB_RATE_ADD);
	stmt_bind_text(q, 1, addr);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	return stmt_run(q, "cannot count a contribution", NULL);
}

enum err
store_contribution_rate_count(struct store *s, const char *addr,
                              time_t hour_start, time_t day_start,
                              int64_t *in_hour, int64_t *in_day)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	*in_hour = *in_day = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_CONTRIB_RATE_COUNT);
	stmt_bind_text(q, 1, addr);
	sqlite3_bind_int64(q, 2, (int64_t)hour_start);
	sqlite3_bind_int64(q, 3, (int64_t)day_start);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*in_hour = sqlite3_column_int64(q, 0);
		*in_day = sqlite3_column_int64(q, 1);
	} else {
		e = store_db_err(conn_db(c), rc,
		                 "cannot count contributions of an address");
	}
	sqlite3_reset(q);
	return e;
}
