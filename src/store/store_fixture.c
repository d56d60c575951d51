/*
 * Test-only databases in temporary files, and tampering with the audit
 * table (see store_fixture.h).  The tampering statements are prepared
 * here, outside the product's statement table, because the product never
 * runs them.
 */
#include "common.h"

#include "store_fixture.h"
#include "store_int.h"

enum err
fixture_tmp_path(char path[FIXTURE_PATH_MAX], const char *tag)
{
	const char *dir = getenv("TMPDIR");
	int fd, n;

	n = snprintf(path, FIXTURE_PATH_MAX, "%s/ttdt-%s-XXXXXX",
	             dir && *dir ? dir : "/tmp", tag);
	/* Leave room for the "-wal" and "-shm" names fixture_db_remove
	 * makes. */
	if (n < 0 || (size_t)n + sizeof("-wal") > FIXTURE_PATH_MAX)
		return ERR_IO;
	fd = mkstemp(path);
	if (fd < 0)
		return ERR_IO;
	close(fd);
	/* Only the unique name is wanted: store_open creates the file. */
	unlink(path);
	return ERR_OK;
}

enum err
fixture_db_open(char path[FIXTURE_PATH_MAX], const char *tag,
                struct store **out)
{
	enum err e;

	*out = NULL;
	if ((e = fixture_tmp_path(path, tag)) != ERR_OK)
		return e;
	return store_open(path, true, out);
}

void
fixture_db_remove(struct store *s, const char *path)
{
	char b[FIXTURE_PATH_MAX + 8];

	store_close(s);
	unlink(path);
	snprintf(b, sizeof(b), "%s-wal", path);
	unlink(b);
	snprintf(b, sizeof(b), "%s-shm", path);
	unlink(b);
}

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
fixture_unit_add(struct store *s, int64_t kind_id, const char *name, time_t now,
                 int64_t *id)
{
	struct unit u = {.kind_id = kind_id, .name = name, .created_at = now};
	enum err e = store_unit_insert(s, &u);

	*id = u.id;
	return e;
}

enum err
fixture_user_add(struct store *s, struct user *u, const char *email,
                 const char *full_name, const char *roles, int64_t unit_id,
                 time_t now)
{
	*u = (struct user){.email = email,
	                   .full_name = full_name,
	                   .title = "Chuyên viên",
	                   .phone = "0260 3862 000",
	                   .roles = roles,
	                   .unit_id = unit_id,
	                   .active = true,
	                   .password_hash = "",
	                   .created_at = now};
	return store_user_insert(s, u);
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
