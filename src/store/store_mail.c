/*
 * The mail outbox (0007-mail.sql): rows in, rows out.  The domain
 * (src/domain/mail.c) decides what to queue, when to try again and when
 * to give up; store_mail_claim's WHERE clause is what keeps two senders
 * (threads or nodes) from both sending one message.
 */
#include "common.h"

#include "log.h"
#include "store_int.h"

/* Reads one row of MAIL_COLS (stmt_sqlite.c). */
static void
mail_row_read(struct arena *a, sqlite3_stmt *q, struct mail_row *m)
{
	m->id = sqlite3_column_int64(q, 0);
	m->to = stmt_col_text(a, q, 1);
	m->subject = stmt_col_text(a, q, 2);
	m->body = stmt_col_text(a, q, 3);
	m->message_id = stmt_col_text(a, q, 4);
	m->created_at = (time_t)sqlite3_column_int64(q, 5);
	m->attempts = sqlite3_column_int(q, 6);
	m->next_try_at = (time_t)sqlite3_column_int64(q, 7);
	m->last_error = stmt_col_text(a, q, 8);
	m->sent_at = (time_t)sqlite3_column_int64(q, 9);
	m->failed_at = (time_t)sqlite3_column_int64(q, 10);
}

enum err
store_mail_insert(struct store *s, struct mail_row *m)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MAIL_INSERT);
	sqlite3_bind_text(q, 1, m->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, m->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, m->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, m->message_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, (int64_t)m->created_at);
	e = stmt_run(q, "cannot queue a mail", NULL);
	if (e == ERR_OK)
		m->id = sqlite3_last_insert_rowid(conn_db(c));
	return e;
}

enum err
store_mail_due(struct store *s, struct arena *a, time_t now, size_t limit,
               struct mail_row **out, size_t *n)
{
	struct mail_row *v;
	struct conn *c;
	sqlite3_stmt *q;
	size_t k = 0;
	int rc = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if (limit == 0)
		return ERR_OK;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MAIL_DUE);
	v = arena_calloc(a, limit, sizeof(*v));
	sqlite3_bind_int64(q, 1, (int64_t)now);
	sqlite3_bind_int64(q, 2, (int64_t)limit);
	while (k < limit && (rc = sqlite3_step(q)) == SQLITE_ROW)
		mail_row_read(a, q, &v[k++]);
	sqlite3_reset(q);
	if (k < limit && rc != SQLITE_DONE)
		return store_db_err(conn_db(c), rc, "cannot list due mail");
	*out = v;
	*n = k;
	return ERR_OK;
}

enum err
store_mail_claim(struct store *s, int64_t id, int attempts_seen, time_t until,
                 bool *claimed)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t changes = 0;
	enum err e;

	*claimed = false;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MAIL_CLAIM);
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, attempts_seen);
	sqlite3_bind_int64(q, 3, (int64_t)until);
	e = stmt_run(q, "cannot claim a queued mail", &changes);
	*claimed = e == ERR_OK && changes == 1;
	return e;
}

enum err
store_mail_sent(struct store *s, int64_t id, time_t now)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MAIL_SENT);
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	return stmt_run(q, "cannot mark a mail sent", NULL);
}

enum err
store_mail_retry(struct store *s, int64_t id, time_t next_try_at,
                 const char *error)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MAIL_RETRY);
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, (int64_t)next_try_at);
	sqlite3_bind_text(q, 3, error, -1, SQLITE_STATIC);
	return stmt_run(q, "cannot reschedule a mail", NULL);
}

enum err
store_mail_give_up(struct store *s, int64_t id, time_t now, const char *error)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MAIL_GIVE_UP);
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	sqlite3_bind_text(q, 3, error, -1, SQLITE_STATIC);
	return stmt_run(q, "cannot give up a mail", NULL);
}

enum err
store_mail_get(struct store *s, struct arena *a, int64_t id,
               struct mail_row *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MAIL_GET);
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		mail_row_read(a, q, out);
	else if (rc == SQLITE_DONE)
		e = ERR_NOTFOUND;
	else
		e = store_db_err(conn_db(c), rc, "cannot read a queued mail");
	sqlite3_reset(q);
	return e;
}

enum err
store_mail_count(struct store *s, int64_t *pending, int64_t *sent,
                 int64_t *failed)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MAIL_COUNT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		if (pending)
			*pending = sqlite3_column_int64(q, 0);
		if (sent)
			*sent = sqlite3_column_int64(q, 1);
		if (failed)
			*failed = sqlite3_column_int64(q, 2);
	} else {
		e = store_db_err(conn_db(c), rc, "cannot count queued mail");
	}
	sqlite3_reset(q);
	return e;
}
