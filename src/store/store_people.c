/*
 * The store's people tables on SQLite (0002-people.sql): unit kinds,
 * units, accounts with their roles, sessions and per-address login
 * throttling.  Rows in, rows out: validation, passwords and lock-out
 * rules are the domain's (unit.c, user.c).
 *
 * An account and its roles are written in one transaction (store_tx, a
 * savepoint when the caller already holds one, as audited changes do).
 * Roles go to SQL as a JSON array read with json_each, so one fixed
 * statement inserts any number of them.
 */
#include "common.h"

#include "log.h"
#include "store_int.h"
#include "xalloc.h"

/* Runs a query expected to give one row read by row(); ERR_NOTFOUND if it
 * gives none.  Resets q. */
static enum err
one_run(sqlite3_stmt *q, struct arena *a,
        void (*row)(struct arena *, sqlite3_stmt *, void *), void *out,
        const char *what)
{
	int rc = sqlite3_step(q);
	enum err e = ERR_OK;

	if (rc == SQLITE_ROW)
		row(a, q, out);
	else if (rc == SQLITE_DONE)
		e = ERR_NOTFOUND;
	else
		e = store_db_err(sqlite3_db_handle(q), rc, what);
	sqlite3_reset(q);
	return e;
}

/* Unit kinds and units */

static void
kind_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	struct unit_kind *k = p;

	k->id = sqlite3_column_int64(q, 0);
	k->code = stmt_col_text(a, q, 1);
	k->name = stmt_col_text(a, q, 2);
}

enum err
store_unit_kinds(struct store *s, struct arena *a, struct unit_kind **out,
                 size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	*out = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_UNIT_KIND_LIST);
	return stmt_rows(q, a, sizeof(**out), kind_row, (void **)out, n,
	                 "cannot list unit kinds");
}

/* Reads UNIT_COLS (stmt_sqlite.c). */
static void
unit_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	struct unit *u = p;

	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(q, 0);
	u->kind_id = sqlite3_column_int64(q, 1);
	u->kind_code = stmt_col_text(a, q, 2);
	u->kind_name = stmt_col_text(a, q, 3);
	u->parent_id = sqlite3_column_int64(q, 4);
	u->name = stmt_col_text(a, q, 5);
	u->address = stmt_col_text(a, q, 6);
	u->phone = stmt_col_text(a, q, 7);
	u->fax = stmt_col_text(a, q, 8);
	u->email = stmt_col_text(a, q, 9);
	u->focal_user_id = sqlite3_column_int64(q, 10);
	u->position = sqlite3_column_int(q, 11);
	u->created_at = (time_t)sqlite3_column_int64(q, 12);
	u->closed_at = (time_t)sqlite3_column_int64(q, 13);
}

enum err
store_units(struct store *s, struct arena *a, struct unit **out, size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	*out = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_UNIT_LIST);
	return stmt_rows(q, a, sizeof(**out), unit_row, (void **)out, n,
	                 "cannot list units");
}

enum err
store_unit_get(struct store *s, struct arena *a, int64_t id, struct unit *out)
{
	struct conn *c;
	sqlite3_stmt *q;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_UNIT_GET);
	sqlite3_bind_int64(q, 1, id);
	return one_run(q, a, unit_row, out, "cannot read a unit");
}

/* Binds ?1..?11 of STMT_UNIT_INSERT / STMT_UNIT_UPDATE. */
static void
bind_unit(sqlite3_stmt *q, const struct unit *u)
{
	sqlite3_bind_int64(q, 1, u->kind_id);
	stmt_bind_int0(q, 2, u->parent_id);
	stmt_bind_text(q, 3, u->name);
	stmt_bind_text(q, 4, u->address);
	stmt_bind_text(q, 5, u->phone);
	stmt_bind_text(q, 6, u->fax);
	stmt_bind_text(q, 7, u->email);
	stmt_bind_int0(q, 8, u->focal_user_id);
	sqlite3_bind_int(q, 9, u->position);
	sqlite3_bind_int64(q, 10, (int64_t)u->created_at);
	stmt_bind_int0(q, 11, (int64_t)u->closed_at);
}

enum err
store_unit_insert(struct store *s, struct unit *u)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	if (!u->name || !*u->name || u->kind_id <= 0)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_UNIT_INSERT);
	bind_unit(q, u);
	if ((e = stmt_run(q, "cannot insert a unit", NULL)) != ERR_OK)
		return e;
	u->id = sqlite3_last_insert_rowid(conn_db(c));
	return ERR_OK;
}

struct unit_update_arg {
	const struct unit *u;
};

static enum err
unit_update_tx(struct store *s, void *p)
{
	const struct unit *u = ((struct unit_update_arg *)p)->u;
	struct conn *c;
	sqlite3_stmt *q;
	int64_t n = 0;
	int rc;
	enum err e;

	CONN_OR_FAIL(c, s);
	if (u->parent_id) {
		STMT_OR_FAIL(q, c, STMT_UNIT_CYCLE);
		sqlite3_bind_int64(q, 1, u->parent_id);
		sqlite3_bind_int64(q, 2, u->id);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW)
			n = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW)
			return store_db_err(conn_db(c), rc, "unit cycle check");
		if (n)
			return ERR_INVALID;
	}
	STMT_OR_FAIL(q, c, STMT_UNIT_UPDATE);
	bind_unit(q, u);
	sqlite3_bind_int64(q, 12, u->id);
	if ((e = stmt_run(q, "cannot update a unit", &n)) != ERR_OK)
		return e;
	return n ? ERR_OK : ERR_NOTFOUND;
}

enum err
store_unit_update(struct store *s, const struct unit *u)
{
	struct unit_update_arg arg = {u};

	if (!u->name || !*u->name || u->kind_id <= 0 || u->id <= 0)
		return ERR_INVALID;
	return store_tx(s, unit_update_tx, &arg);
}

/* Accounts */

/* Reads USER_COLS (stmt_sqlite.c). */
static void
user_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	struct user *u = p;

	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(q, 0);
	u->email = stmt_col_text(a, q, 1);
	u->full_name = stmt_col_text(a, q, 2);
	u->title = stmt_col_text(a, q, 3);
	u->unit_id = sqlite3_column_int64(q, 4);
	u->phone = stmt_col_text(a, q, 5);
	u->professional = sqlite3_column_int(q, 6) != 0;
	u->active = sqlite3_column_int(q, 7) != 0;
	u->must_change_password = sqlite3_column_int(q, 8) != 0;
	u->password_hash = stmt_col_text(a, q, 9);
	u->password_changed_at = (time_t)sqlite3_column_int64(q, 10);
	u->last_login_at = (time_t)sqlite3_column_int64(q, 11);
	u->failed_count = sqlite3_column_int(q, 12);
	u->locked_until = (time_t)sqlite3_column_int64(q, 13);
	u->totp_secret = stmt_col_text(a, q, 14);
	u->recovery_codes = stmt_col_text(a, q, 15);
	u->created_at = (time_t)sqlite3_column_int64(q, 16);
	u->roles = stmt_col_text(a, q, 17);
}

enum err
store_users(struct store *s, struct arena *a, int64_t unit_id,
            struct user **out, size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	*out = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_USER_LIST);
	stmt_bind_int0(q, 1, unit_id);
	return stmt_rows(q, a, sizeof(**out), user_row, (void **)out, n,
	                 "cannot list accounts");
}

enum err
store_user_get(struct store *s, struct arena *a, int64_t id, struct user *out)
{
	struct conn *c;
	sqlite3_stmt *q;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_USER_GET);
	sqlite3_bind_int64(q, 1, id);
	return one_run(q, a, user_row, out, "cannot read an account");
}

enum err
store_user_by_email(struct store *s, struct arena *a, const char *email,
                    struct user *out)
{
	struct conn *c;
	sqlite3_stmt *q;

	memset(out, 0, sizeof(*out));
	if (!email)
		return ERR_NOTFOUND;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_USER_BY_EMAIL);
	stmt_bind_text(q, 1, email);
	return one_run(q, a, user_row, out, "cannot read an account");
}

/* Binds ?1..?16 of STMT_USER_INSERT / STMT_USER_UPDATE. */
static void
bind_user(sqlite3_stmt *q, const struct user *u)
{
	stmt_bind_text(q, 1, u->email);
	stmt_bind_text(q, 2, u->full_name);
	stmt_bind_text(q, 3, u->title);
	stmt_bind_int0(q, 4, u->unit_id);
	stmt_bind_text(q, 5, u->phone);
	sqlite3_bind_int(q, 6, u->professional);
	sqlite3_bind_int(q, 7, u->active);
	sqlite3_bind_int(q, 8, u->must_change_password);
	stmt_bind_text(q, 9, u->password_hash);
	stmt_bind_int0(q, 10, (int64_t)u->password_changed_at);
	stmt_bind_int0(q, 11, (int64_t)u->last_login_at);
	sqlite3_bind_int(q, 12, u->failed_count);
	stmt_bind_int0(q, 13, (int64_t)u->locked_until);
	stmt_bind_text(q, 14, u->totp_secret);
	stmt_bind_text(q, 15, u->recovery_codes);
	sqlite3_bind_int64(q, 16, (int64_t)u->created_at);
}

/* The comma-separated role codes as a JSON array, for json_each. */
static void
roles_json(struct buf *out, const char *roles)
{
	const char *p = roles ? roles : "";
	bool first = true;

	buf_addch(out, '[');
	while (*p) {
		size_t n = strcspn(p, ",");

		if (n) {
			if (!first)
				buf_addch(out, ',');
			buf_add_json_str(out, p, n);
			first = false;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	buf_addch(out, ']');
}

static enum err
user_roles_write(struct conn *c, int64_t id, const char *roles)
{
	struct buf json = BUF_INIT;
	sqlite3_stmt *q;
	enum err e;

	STMT_OR_FAIL(q, c, STMT_USER_ROLES_CLEAR);
	sqlite3_bind_int64(q, 1, id);
	if ((e = stmt_run(q, "cannot clear roles", NULL)) != ERR_OK)
		return e;
	STMT_OR_FAIL(q, c, STMT_USER_ROLES_ADD);
	roles_json(&json, roles);
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, json.p, (int)json.len, SQLITE_STATIC);
	e = stmt_run(q, "cannot write roles", NULL);
	buf_release(&json);
	return e;
}

struct user_write_arg {
	struct user *ins;       /* insert this, or */
	const struct user *upd; /* update this */
};

static enum err
user_write_tx(struct store *s, void *p)
{
	struct user_write_arg *arg = p;
	const struct user *u = arg->ins ? arg->ins : arg->upd;
	struct conn *c;
	sqlite3_stmt *q;
	int64_t n = 0, id = u->id;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, arg->ins ? STMT_USER_INSERT : STMT_USER_UPDATE);
	bind_user(q, u);
	if (!arg->ins)
		sqlite3_bind_int64(q, 17, u->id);
	if ((e = stmt_run(q, "cannot write an account", &n)) != ERR_OK)
		return e;
	if (arg->ins)
		id = sqlite3_last_insert_rowid(conn_db(c));
	else if (n == 0)
		return ERR_NOTFOUND;
	if ((e = user_roles_write(c, id, u->roles)) != ERR_OK)
		return e;
	if (arg->ins)
		arg->ins->id = id;
	return ERR_OK;
}

static bool
user_valid(const struct user *u)
{
	return u->email && *u->email && u->full_name && *u->full_name;
}

enum err
store_user_insert(struct store *s, struct user *u)
{
	struct user_write_arg arg = {u, NULL};

	if (!user_valid(u))
		return ERR_INVALID;
	return store_tx(s, user_write_tx, &arg);
}

enum err
store_user_update(struct store *s, const struct user *u)
{
	struct user_write_arg arg = {NULL, u};

	if (!user_valid(u) || u->id <= 0)
		return ERR_INVALID;
	return store_tx(s, user_write_tx, &arg);
}

/* Sessions */

static void
session_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	struct session *se = p;

	se->id = stmt_col_text(a, q, 0);
	se->user_id = sqlite3_column_int64(q, 1);
	se->created_at = (time_t)sqlite3_column_int64(q, 2);
	se->last_seen_at = (time_t)sqlite3_column_int64(q, 3);
	se->client_addr = stmt_col_text(a, q, 4);
	se->user_agent = stmt_col_text(a, q, 5);
}

enum err
store_session_insert(struct store *s, const struct session *se)
{
	struct conn *c;
	sqlite3_stmt *q;

	if (!se->id || !*se->id || se->user_id <= 0)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SESSION_INSERT);
	stmt_bind_text(q, 1, se->id);
	sqlite3_bind_int64(q, 2, se->user_id);
	sqlite3_bind_int64(q, 3, (int64_t)se->created_at);
	sqlite3_bind_int64(q, 4, (int64_t)se->last_seen_at);
	stmt_bind_text(q, 5, se->client_addr);
	stmt_bind_text(q, 6, se->user_agent);
	return stmt_run(q, "cannot insert a session", NULL);
}

enum err
store_session_get(struct store *s, struct arena *a, const char *id,
                  struct session *out)
{
	struct conn *c;
	sqlite3_stmt *q;

	memset(out, 0, sizeof(*out));
	if (!id)
		return ERR_NOTFOUND;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SESSION_GET);
	stmt_bind_text(q, 1, id);
	return one_run(q, a, session_row, out, "cannot read a session");
}

/* Runs a statement on one session id; ERR_NOTFOUND if no row changed. */
static enum err
session_change(struct store *s, enum stmt st, const char *id, time_t now)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t n = 0;
	enum err e;

	if (!id)
		return ERR_NOTFOUND;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, st);
	stmt_bind_text(q, 1, id);
	if (st == STMT_SESSION_TOUCH)
		sqlite3_bind_int64(q, 2, (int64_t)now);
	if ((e = stmt_run(q, "cannot change a session", &n)) != ERR_OK)
		return e;
	return n ? ERR_OK : ERR_NOTFOUND;
}

enum err
store_session_touch(struct store *s, const char *id, time_t now)
{
	return session_change(s, STMT_SESSION_TOUCH, id, now);
}

enum err
store_session_delete(struct store *s, const char *id)
{
	return session_change(s, STMT_SESSION_DELETE, id, 0);
}

enum err
store_session_delete_user(struct store *s, int64_t user_id, int64_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SESSION_DELETE_USER);
	sqlite3_bind_int64(q, 1, user_id);
	return stmt_run(q, "cannot delete sessions", n);
}

enum err
store_session_delete_old(struct store *s, time_t idle_before,
                         time_t created_before)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SESSION_DELETE_OLD);
	sqlite3_bind_int64(q, 1, (int64_t)idle_before);
	sqlite3_bind_int64(q, 2, (int64_t)created_before);
	return stmt_run(q, "cannot delete old sessions", NULL);
}

/* Login throttling per client address */

enum err
store_login_attempt_get(struct store *s, const char *addr, int *failures,
                        time_t *last_at)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	*failures = 0;
	*last_at = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ATTEMPT_GET);
	stmt_bind_text(q, 1, addr);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*failures = sqlite3_column_int(q, 0);
		*last_at = (time_t)sqlite3_column_int64(q, 1);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(conn_db(c), rc, "cannot read attempts");
	return ERR_OK;
}

enum err
store_login_attempt_add(struct store *s, const char *addr, time_t now,
                        time_t window_start)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ATTEMPT_ADD);
	stmt_bind_text(q, 1, addr);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	sqlite3_bind_int64(q, 3, (int64_t)window_start);
	return stmt_run(q, "cannot count a failed log-in", NULL);
}

enum err
store_login_attempt_clear(struct store *s, const char *addr)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ATTEMPT_CLEAR);
	stmt_bind_text(q, 1, addr);
	return stmt_run(q, "cannot clear log-in attempts", NULL);
}

enum err
store_login_attempt_purge(struct store *s, time_t before)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ATTEMPT_PURGE);
	sqlite3_bind_int64(q, 1, (int64_t)before);
	return stmt_run(q, "cannot purge log-in attempts", NULL);
}
