/*
 * Test-only tampering with the audit table (see store_fixture.h).  The
 * statements are prepared here, outside the product's statement table,
 * because the product never runs them.
 */
#include "common.h"

#include "store_fixture.h"
#include "store_int.h"

/* Runs sql with id as ?1 and text (if any) as ?2; ERR_NOTFOUND when no
 * row changed. */
static enum err
tamper(struct store *s, const char *sql, int64_t id, const char *text)
{
	struct conn *c;
	sqlite3_stmt *q = NULL;
	int rc;
	enum err e = ERR_OK;

	CONN_OR_FAIL(c, s);
	rc = sqlite3_prepare_v2(conn_db(c), sql, -1, &q, NULL);
	if (rc != SQLITE_OK)
		return store_db_err(conn_db(c), rc,
		                    "cannot prepare a test fixture");
	sqlite3_bind_int64(q, 1, id);
	if (text)
		sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc != SQLITE_DONE)
		e = store_db_err(conn_db(c), rc, "cannot run a test fixture");
	else if (sqlite3_changes(conn_db(c)) == 0)
		e = ERR_NOTFOUND;
	sqlite3_finalize(q);
	return e;
}

enum err
store_audit_test_set_detail(struct store *s, int64_t id, const char *detail)
{
	return tamper(s, "UPDATE audit SET detail = ?2 WHERE id = ?1", id,
	              detail ? detail : "");
}

enum err
store_audit_test_delete(struct store *s, int64_t id)
{
	return tamper(s, "DELETE FROM audit WHERE id = ?1", id, NULL);
}
