/*
 * What the daily job (src/domain/maintenance.c) needs of the store beyond
 * the people functions: claiming a day in the setting table, so that of
 * several nodes sharing one database exactly one runs the job per day.
 * The claim is one upsert statement, atomic under SQLite's write lock,
 * so no read-then-write race exists between nodes.
 */
#include "common.h"

#include "log.h"
#include "store_int.h"

enum err
store_setting_advance(struct store *s, const char *key, const char *value,
                      bool *advanced)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	*advanced = false;
	if (!key || !value)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SETTING_ADVANCE);
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_db_err(conn_db(c), rc, "cannot advance a setting");
	*advanced = sqlite3_changes(conn_db(c)) > 0;
	return ERR_OK;
}
