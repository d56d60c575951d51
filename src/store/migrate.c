/*
 * Schema migrations: the numbered SQL files of src/store/migrations,
 * embedded in the binary (scripts/embed-sql), applied in order at
 * store_open, all pending ones inside one IMMEDIATE transaction so that
 * two processes starting together cannot both apply one, and a failure
 * leaves the database as it was.  Each applied migration is a row of
 * schema_version.  A database whose version is higher than the highest
 * this binary knows was written by a newer ttdt and is refused: running
 * old code on a newer schema could lose data.
 */
#include "common.h"

#include "log.h"
#include "migrations.h"
#include "store_int.h"

int
migrate_latest(void)
{
	int v = 0;

	for (size_t i = 0; i < migrations_n; i++) {
		if (migrations[i].version <= v)
			BUG("migration %s out of order", migrations[i].name);
		v = migrations[i].version;
	}
	return v;
}

static enum err
step_done(struct conn *c, enum stmt st)
{
	sqlite3_stmt *q = conn_stmt(c, st);
	int rc;

	if (!q)
		return ERR_DB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		;
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_db_err(conn_db(c), rc, "migration");
	return ERR_OK;
}

enum err
migrate_run(struct conn *c)
{
	sqlite3 *db = conn_db(c);
	int latest = migrate_latest(), cur = 0, rc;
	sqlite3_stmt *q;
	enum err e;

	if ((e = step_done(c, STMT_BEGIN)) != ERR_OK)
		return e;
	/* From here every failure jumps to fail. */
	if ((e = step_done(c, STMT_SCHEMA_INIT)) != ERR_OK)
		goto fail;
	if (!(q = conn_stmt(c, STMT_SCHEMA_MAX))) {
		e = ERR_DB;
		goto fail;
	}
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		cur = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW) {
		e = store_db_err(db, rc, "cannot read schema_version");
		goto fail;
	}
	if (cur > latest) {
		log_errx("database '%s' has schema version %d but this ttdt "
		         "knows only up to %d: it was written by a newer "
		         "ttdt; upgrade ttdt",
		         conn_path(c), cur, latest);
		e = ERR_INVALID;
		goto fail;
	}
	for (size_t i = 0; i < migrations_n; i++) {
		const struct migration *m = &migrations[i];
		char *msg = NULL;

		if (m->version <= cur)
			continue;
		/* Constant text compiled into the binary, several
		 * statements: the one place sqlite3_exec is right. */
		rc = sqlite3_exec(db, m->sql, NULL, NULL, &msg);
		if (rc != SQLITE_OK) {
			log_errx("database '%s': migration %s failed: %s",
			         conn_path(c), m->name,
			         msg ? msg : sqlite3_errstr(rc));
			sqlite3_free(msg);
			e = ERR_DB;
			goto fail;
		}
		if (!(q = conn_stmt(c, STMT_SCHEMA_ADD))) {
			e = ERR_DB;
			goto fail;
		}
		sqlite3_bind_int(q, 1, m->version);
		sqlite3_bind_text(q, 2, m->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 3, (int64_t)time(NULL));
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc != SQLITE_DONE) {
			e = store_db_err(db, rc, "cannot record a migration");
			goto fail;
		}
		log_info("database '%s': applied migration %s", conn_path(c),
		         m->name);
	}
	return step_done(c, STMT_COMMIT);
fail:
	step_done(c, STMT_ROLLBACK);
	return e;
}
