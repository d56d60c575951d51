/*
 * Notifications (0009-notification.sql): rows in, rows out.  Who is told
 * what is src/domain/notify.c's; the only rule here is in the WHERE
 * clauses: an account reads and marks only its own notifications.
 */
#include "common.h"

#include "store_int.h"

enum err
store_notify_add(struct store *s, struct notification *n)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_NOTIFY_ADD);
	sqlite3_bind_int64(q, 1, n->user_id);
	stmt_bind_int0(q, 2, n->item_id);
	stmt_bind_text(q, 3, n->kind);
	stmt_bind_text(q, 4, n->text);
	sqlite3_bind_int64(q, 5, (int64_t)n->created_at);
	if ((e = stmt_run(q, "cannot add a notification", NULL)) != ERR_OK)
		return e;
	n->id = sqlite3_last_insert_rowid(conn_db(c));
	return ERR_OK;
}

static void
notify_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	struct notification *n = p;

	n->id = sqlite3_column_int64(q, 0);
	n->user_id = sqlite3_column_int64(q, 1);
	n->item_id = sqlite3_column_int64(q, 2);
	n->kind = stmt_col_text(a, q, 3);
	n->text = stmt_col_text(a, q, 4);
	n->created_at = (time_t)sqlite3_column_int64(q, 5);
	n->read_at = (time_t)sqlite3_column_int64(q, 6);
}

enum err
store_notify_list(struct store *s, struct arena *a, int64_t user_id,
                  bool unread_only, size_t offset, size_t limit,
                  struct notification **out, size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	*out = NULL;
	*n = 0;
	if (limit == 0 || limit > INT64_MAX || offset > INT64_MAX)
		return ERR_OK;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_NOTIFY_LIST);
	sqlite3_bind_int64(q, 1, user_id);
	sqlite3_bind_int(q, 2, unread_only ? 1 : 0);
	sqlite3_bind_int64(q, 3, (int64_t)limit);
	sqlite3_bind_int64(q, 4, (int64_t)offset);
	return stmt_rows(q, a, sizeof(**out), notify_row, (void **)out, n,
	                 "cannot list notifications");
}

/* Runs a SELECT count(*) statement of one user_id parameter. */
static enum err
count_of(struct conn *c, enum stmt st, int64_t user_id, int64_t *out)
{
	sqlite3_stmt *q;
	int rc;

	STMT_OR_FAIL(q, c, st);
	sqlite3_bind_int64(q, 1, user_id);
	rc = sqlite3_step(q);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_db_err(conn_db(c), rc,
		                    "cannot count notifications");
	return ERR_OK;
}

enum err
store_notify_count(struct store *s, int64_t user_id, int64_t *total,
                   int64_t *unread)
{
	struct conn *c;
	enum err e;

	CONN_OR_FAIL(c, s);
	if (total &&
	    (e = count_of(c, STMT_NOTIFY_COUNT, user_id, total)) != ERR_OK)
		return e;
	if (unread &&
	    (e = count_of(c, STMT_NOTIFY_UNREAD, user_id, unread)) != ERR_OK)
		return e;
	return ERR_OK;
}

enum err
store_notify_read(struct store *s, int64_t user_id, int64_t id, time_t now)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t changes = 0;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_NOTIFY_READ);
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, user_id);
	sqlite3_bind_int64(q, 3, (int64_t)now);
	if ((e = stmt_run(q, "cannot mark a notification read", &changes)) !=
	    ERR_OK)
		return e;
	return changes ? ERR_OK : ERR_NOTFOUND;
}

enum err
store_notify_read_all(struct store *s, int64_t user_id, time_t now, int64_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_NOTIFY_READ_ALL);
	sqlite3_bind_int64(q, 1, user_id);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	return stmt_run(q, "cannot mark notifications read", n);
}

enum err
store_notify_read_item(struct store *s, int64_t user_id, int64_t item_id,
                       time_t now, int64_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_NOTIFY_READ_ITEM);
	sqlite3_bind_int64(q, 1, user_id);
	sqlite3_bind_int64(q, 2, item_id);
	sqlite3_bind_int64(q, 3, (int64_t)now);
	return stmt_run(q, "cannot mark an item's notifications read", n);
}

static void
recipient_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	struct notify_recipient *r = p;

	r->id = sqlite3_column_int64(q, 0);
	r->email = stmt_col_text(a, q, 1);
	r->full_name = stmt_col_text(a, q, 2);
}

enum err
store_notify_recipients(struct store *s, struct arena *a, const char *roles_csv,
                        int64_t unit_id, struct notify_recipient **out,
                        size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	*out = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_NOTIFY_RECIPIENTS);
	stmt_bind_text(q, 1, roles_csv);
	stmt_bind_int0(q, 2, unit_id);
	return stmt_rows(q, a, sizeof(**out), recipient_row, (void **)out, n,
	                 "cannot list whom to notify");
}
