/*
 * Online backup and restore.
 *
 * store_backup copies the live database with the SQLite backup API from a
 * connection of its own that holds one read transaction for the whole
 * copy: in WAL mode a reader never blocks writers, and because the
 * snapshot cannot move, the backup never restarts however much others
 * write.  It copies a chunk of pages per step and yields between steps.
 * The copy goes to a temporary file next to dest, is fsynced and renamed
 * into place, so dest is always either the old file or a whole backup.
 *
 * store_restore checks the source first (a SQLite file, integrity_check
 * "ok", a schema_version this binary knows), then installs it the same
 * way: backup API into a temporary file beside db_path, fsync, remove the
 * old -wal and -shm (a stale WAL applied to the new file would corrupt
 * it), rename, fsync the directory.
 */
#include "common.h"

#include <fcntl.h>
#include <libgen.h>

#include "log.h"
#include "store_int.h"
#include "xalloc.h"

#define PAGES_PER_STEP 256

/* One-off statement from the table on a connection outside the store. */
static int
raw_int(sqlite3 *db, enum stmt st, int64_t *out)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*out = 0;
	rc = sqlite3_prepare_v2(db, stmt_sqlite[st], -1, &q, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
raw_exec(sqlite3 *db, enum stmt st)
{
	int64_t ignored;

	return raw_int(db, st, &ignored);
}

static enum err
fsync_path(const char *path, bool dir)
{
	int fd = open(path, (dir ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		log_warn("cannot open '%s'", path);
		return ERR_IO;
	}
	if (fsync(fd) != 0) {
		log_warn("cannot fsync '%s'", path);
		close(fd);
		return ERR_IO;
	}
	close(fd);
	return ERR_OK;
}

static enum err
fsync_dir_of(const char *path)
{
	char *copy = xstrdup(path);
	enum err e = fsync_path(dirname(copy), true);

	free(copy);
	return e;
}

/* Copies src into a new file tmp (removed on failure). */
static enum err
copy_db(sqlite3 *src, const char *tmp)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	enum err e = ERR_OK;
	int rc;

	unlink(tmp);
	rc = sqlite3_open_v2(tmp, &dst,
	                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                             SQLITE_OPEN_NOMUTEX,
	                     NULL);
	if (rc != SQLITE_OK) {
		e = store_db_err(dst, rc, "cannot create the copy");
		goto out;
	}
	if (!(b = sqlite3_backup_init(dst, "main", src, "main"))) {
		e = store_db_err(dst, sqlite3_errcode(dst), "cannot back up");
		goto out;
	}
	do {
		rc = sqlite3_backup_step(b, PAGES_PER_STEP);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(5);
		else if (rc == SQLITE_OK)
			sched_yield();
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		e = store_db_err(dst, rc, "backup step");
out:
	if (sqlite3_close(dst) != SQLITE_OK && e == ERR_OK)
		e = ERR_DB;
	if (e == ERR_OK)
		e = fsync_path(tmp, false);
	if (e != ERR_OK)
		unlink(tmp);
	return e;
}

static char *
tmp_name(const char *path, const char *what)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s.%s-%ld", path, what, (long)getpid());
	return buf_detach(&b, NULL);
}

enum err
store_backup(struct store *s, const char *dest)
{
	sqlite3 *src = NULL;
	char *tmp = tmp_name(dest, "tmp");
	struct conn *c;
	int64_t v;
	enum err e;
	int rc;

	if (!(c = store_conn(s))) {
		free(tmp);
		return ERR_IO;
	}
	/* From here every failure jumps to out. */
	rc = sqlite3_open_v2(conn_path(c), &src,
	                     SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		e = store_db_err(src, rc,
		                 "cannot open the database to back up");
		goto out;
	}
	sqlite3_busy_timeout(src, 5000);
	/* Pin one snapshot for the whole copy (see the file comment). */
	if ((rc = raw_exec(src, STMT_BEGIN_READ)) != SQLITE_OK ||
	    (rc = raw_int(src, STMT_SCHEMA_MAX, &v)) != SQLITE_OK) {
		e = store_db_err(src, rc, "cannot start the backup");
		goto out;
	}
	e = copy_db(src, tmp);
	raw_exec(src, STMT_COMMIT);
	if (e != ERR_OK)
		goto out;
	if (rename(tmp, dest) != 0) {
		log_warn("cannot rename '%s' to '%s'", tmp, dest);
		unlink(tmp);
		e = ERR_IO;
		goto out;
	}
	e = fsync_dir_of(dest);
out:
	sqlite3_close(src);
	free(tmp);
	return e;
}

/* Checks that db is a sound ttdt database this binary can open. */
static enum err
restore_check(sqlite3 *db, const char *src)
{
	sqlite3_stmt *q = NULL;
	enum err e = ERR_OK;
	int64_t v = 0;
	int rc, rows = 0;

	rc = sqlite3_prepare_v2(db, stmt_sqlite[STMT_INTEGRITY], -1, &q, NULL);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			const char *r = (const char *)sqlite3_column_text(q, 0);

			/* The first line says enough; there may be
			 * thousands. */
			if ((!r || strcmp(r, "ok") != 0) && e == ERR_OK) {
				log_errx("restore: '%s' fails "
				         "integrity_check: %.200s",
				         src, r ? r : "?");
				e = ERR_INVALID;
			}
			rows++;
		}
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE || rows == 0) {
		log_errx("restore: '%s' is not a readable database: %s", src,
		         sqlite3_errmsg(db));
		return ERR_INVALID;
	}
	if (e != ERR_OK)
		return e;
	if ((rc = raw_int(db, STMT_SCHEMA_EXISTS, &v)) != SQLITE_OK || v != 1) {
		log_errx("restore: '%s' is not a ttdt database", src);
		return ERR_INVALID;
	}
	if ((rc = raw_int(db, STMT_SCHEMA_MAX, &v)) != SQLITE_OK || v < 1 ||
	    v > migrate_latest()) {
		log_errx("restore: '%s' has schema version %lld; this ttdt "
		         "knows 1 to %d",
		         src, (long long)v, migrate_latest());
		return ERR_INVALID;
	}
	return ERR_OK;
}

static enum err
unlink_if(const char *path, const char *suffix)
{
	struct buf b = BUF_INIT;
	enum err e = ERR_OK;

	buf_addf(&b, "%s%s", path, suffix);
	if (unlink(b.p) != 0 && errno != ENOENT) {
		log_warn("cannot remove '%s'", b.p);
		e = ERR_IO;
	}
	buf_release(&b);
	return e;
}

enum err
store_restore(const char *src, const char *db_path)
{
	sqlite3 *db = NULL;
	char *tmp = tmp_name(db_path, "restore");
	enum err e;
	int rc;

	/* From here every failure jumps to out. */
	if (access(src, R_OK) != 0) {
		log_warn("restore: cannot read '%s'", src);
		e = ERR_NOTFOUND;
		goto out;
	}
	rc = sqlite3_open_v2(src, &db,
	                     SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		e = store_db_err(db, rc, "restore: cannot open the source");
		goto out;
	}
	if ((e = restore_check(db, src)) != ERR_OK)
		goto out;
	if ((e = copy_db(db, tmp)) != ERR_OK)
		goto out;
	if ((e = unlink_if(db_path, "-wal")) != ERR_OK ||
	    (e = unlink_if(db_path, "-shm")) != ERR_OK) {
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, db_path) != 0) {
		log_warn("cannot rename '%s' to '%s'", tmp, db_path);
		unlink(tmp);
		e = ERR_IO;
		goto out;
	}
	e = fsync_dir_of(db_path);
out:
	sqlite3_close(db);
	free(tmp);
	return e;
}
