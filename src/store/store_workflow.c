/*
 * The store's side of the item workflow on SQLite (0005-workflow.sql):
 * the flow row of an item, revisions, the history of states, editorial
 * comments and the newsroom's queues.  Rows in, rows out: who may do
 * what, completeness, deadlines and the audit are src/domain/workflow.c's,
 * which calls these inside one store_tx per step.
 *
 * State changes are compare-and-set (STMT_FLOW_ITEM_CAS,
 * STMT_FLOW_CORR_CAS): on SQLite BEGIN IMMEDIATE already serialises
 * writers, but the check in the statement itself is what keeps two
 * clicks from both winning on a backend that does not (PostgreSQL's
 * READ COMMITTED), and it is what a stale page's expected state meets.
 */
#include "common.h"

#include "log.h"
#include "store_int.h"
#include "xalloc.h"

/* Text of column i in a; "" for NULL unless keep_null. */
static const char *
col_str(struct arena *a, sqlite3_stmt *q, int i, bool keep_null)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	if (!t)
		return keep_null ? NULL : arena_strdup(a, "");
	return arena_strndup(a, (const char *)t,
	                     (size_t)sqlite3_column_bytes(q, i));
}

static enum item_state
col_state(sqlite3_stmt *q, int i, enum item_state dflt)
{
	enum item_state st;

	if (sqlite3_column_type(q, i) == SQLITE_NULL ||
	    !item_state_from_code((const char *)sqlite3_column_text(q, i), &st))
		return dflt;
	return st;
}

static void
flow_defaults(struct item_flow *f, int64_t item_id)
{
	memset(f, 0, sizeof(*f));
	f->item_id = item_id;
	f->sender_name = f->sender_agency = f->sender_title = "";
	f->sender_contact = f->return_reason = "";
	f->corr_state = ITEM_STATE__MAX;
}

/* Reads FLOW_COLS (stmt_sqlite.c) from column k. */
static void
flow_row(struct arena *a, sqlite3_stmt *q, int k, int64_t item_id,
         struct item_flow *f)
{
	flow_defaults(f, item_id);
	f->unit_id = sqlite3_column_int64(q, k + 0);
	f->via_district = sqlite3_column_int(q, k + 1) != 0;
	f->contribution = sqlite3_column_int(q, k + 2) != 0;
	f->cited = sqlite3_column_int(q, k + 3) != 0;
	f->sender_name = col_str(a, q, k + 4, false);
	f->sender_agency = col_str(a, q, k + 5, false);
	f->sender_title = col_str(a, q, k + 6, false);
	f->sender_contact = col_str(a, q, k + 7, false);
	f->event_ended_at = (time_t)sqlite3_column_int64(q, k + 8);
	f->doc_issued_at = (time_t)sqlite3_column_int64(q, k + 9);
	f->due_at = (time_t)sqlite3_column_int64(q, k + 10);
	f->assigned_user_id = sqlite3_column_int64(q, k + 11);
	f->assigned_by = sqlite3_column_int64(q, k + 12);
	f->assigned_at = (time_t)sqlite3_column_int64(q, k + 13);
	f->submitted_at = (time_t)sqlite3_column_int64(q, k + 14);
	f->approved_at = (time_t)sqlite3_column_int64(q, k + 15);
	f->approved_by = sqlite3_column_int64(q, k + 16);
	f->publish_at = (time_t)sqlite3_column_int64(q, k + 17);
	f->corr_state = col_state(q, k + 18, ITEM_STATE__MAX);
	f->corr_by = sqlite3_column_int64(q, k + 19);
	f->revision = sqlite3_column_int64(q, k + 20);
	f->pending_rev = sqlite3_column_int64(q, k + 21);
	f->return_reason = col_str(a, q, k + 22, false);
}

enum err
store_flow_get(struct store *s, struct arena *a, int64_t item_id,
               struct item_flow *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	flow_defaults(out, item_id);
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_FLOW_GET);
	sqlite3_bind_int64(q, 1, item_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		flow_row(a, q, 0, item_id, out);
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return ERR_NOTFOUND;
	if (rc != SQLITE_ROW)
		return store_db_err(conn_db(c), rc,
		                    "cannot read an item's flow");
	return ERR_OK;
}

enum err
store_flow_put(struct store *s, const struct item_flow *f)
{
	struct conn *c;
	sqlite3_stmt *q;

	if (f->item_id <= 0)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_FLOW_PUT);
	sqlite3_bind_int64(q, 1, f->item_id);
	stmt_bind_int0(q, 2, f->unit_id);
	sqlite3_bind_int(q, 3, f->via_district);
	sqlite3_bind_int(q, 4, f->contribution);
	sqlite3_bind_int(q, 5, f->cited);
	stmt_bind_text(q, 6, f->sender_name);
	stmt_bind_text(q, 7, f->sender_agency);
	stmt_bind_text(q, 8, f->sender_title);
	stmt_bind_text(q, 9, f->sender_contact);
	stmt_bind_int0(q, 10, (int64_t)f->event_ended_at);
	stmt_bind_int0(q, 11, (int64_t)f->doc_issued_at);
	stmt_bind_int0(q, 12, (int64_t)f->due_at);
	stmt_bind_int0(q, 13, f->assigned_user_id);
	stmt_bind_int0(q, 14, f->assigned_by);
	stmt_bind_int0(q, 15, (int64_t)f->assigned_at);
	stmt_bind_int0(q, 16, (int64_t)f->submitted_at);
	stmt_bind_int0(q, 17, (int64_t)f->approved_at);
	stmt_bind_int0(q, 18, f->approved_by);
	stmt_bind_int0(q, 19, (int64_t)f->publish_at);
	stmt_bind_int0(q, 20, f->corr_by);
	sqlite3_bind_int64(q, 21, f->revision);
	stmt_bind_int0(q, 22, f->pending_rev);
	stmt_bind_text(q, 23, f->return_reason);
	return stmt_run(q, "cannot write an item's flow", NULL);
}

struct cas {
	int64_t id;
	enum item_state from, to;
	time_t published_at, updated_at;
};

/* The index entry goes first, while the row still holds what was
 * indexed (a no-op unless the item was published), and comes back
 * after (a no-op unless it is published now); a lost race rolls the
 * savepoint back. */
static enum err
item_cas_tx(struct store *s, void *arg)
{
	const struct cas *k = arg;
	struct conn *c;
	sqlite3_stmt *q;
	int64_t n = 0;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_FTS_REMOVE);
	sqlite3_bind_int64(q, 1, k->id);
	if ((e = stmt_run(q, "cannot update the search index", NULL)) != ERR_OK)
		return e;
	STMT_OR_FAIL(q, c, STMT_FLOW_ITEM_CAS);
	sqlite3_bind_int64(q, 1, k->id);
	sqlite3_bind_text(q, 2, item_state_code(k->from), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, item_state_code(k->to), -1, SQLITE_STATIC);
	stmt_bind_int0(q, 4, (int64_t)k->published_at);
	stmt_bind_int0(q, 5, (int64_t)k->updated_at);
	if ((e = stmt_run(q, "cannot change an item's state", &n)) != ERR_OK)
		return e;
	if (n == 0)
		return ERR_CONFLICT;
	STMT_OR_FAIL(q, c, STMT_FTS_ADD);
	sqlite3_bind_int64(q, 1, k->id);
	return stmt_run(q, "cannot update the search index", NULL);
}

enum err
store_item_state_cas(struct store *s, int64_t id, enum item_state from,
                     enum item_state to, time_t published_at, time_t updated_at)
{
	struct cas k = {id, from, to, published_at, updated_at};

	if ((unsigned)from >= ITEM_STATE__MAX ||
	    (unsigned)to >= ITEM_STATE__MAX)
		return ERR_INVALID;
	/* store_item_insert's rule: nothing public without its date. */
	if (to == ITEM_STATE_PUBLISHED && !published_at)
		return ERR_INVALID;
	return store_tx(s, item_cas_tx, &k);
}

static void
bind_corr(sqlite3_stmt *q, int i, enum item_state st)
{
	if ((unsigned)st >= ITEM_STATE__MAX)
		sqlite3_bind_null(q, i);
	else
		sqlite3_bind_text(q, i, item_state_code(st), -1, SQLITE_STATIC);
}

enum err
store_flow_corr_cas(struct store *s, int64_t item_id, enum item_state from,
                    enum item_state to)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t n = 0;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_FLOW_CORR_CAS);
	sqlite3_bind_int64(q, 1, item_id);
	bind_corr(q, 2, from);
	bind_corr(q, 3, to);
	if ((e = stmt_run(q, "cannot change a correction's state", &n)) !=
	    ERR_OK)
		return e;
	return n ? ERR_OK : ERR_CONFLICT;
}

/* Revisions */

static void
revision_row(struct arena *a, sqlite3_stmt *q, struct item_revision *r,
             bool body)
{
	memset(r, 0, sizeof(*r));
	r->item_id = sqlite3_column_int64(q, 0);
	r->number = sqlite3_column_int64(q, 1);
	r->at = (time_t)sqlite3_column_int64(q, 2);
	r->user_id = sqlite3_column_int64(q, 3);
	r->category_id = sqlite3_column_int64(q, 4);
	r->source_date = (time_t)sqlite3_column_int64(q, 5);
	r->title = col_str(a, q, 6, false);
	r->summary = col_str(a, q, 7, false);
	r->author_name = col_str(a, q, 8, false);
	r->source = col_str(a, q, 9, false);
	r->cover_image = col_str(a, q, 10, true);
	r->cover_alt = col_str(a, q, 11, true);
	r->note = col_str(a, q, 12, false);
	if (body)
		r->body_html = col_str(a, q, 13, false);
}

enum err
store_revision_add(struct store *s, const struct item_revision *r)
{
	struct conn *c;
	sqlite3_stmt *q;

	if (r->item_id <= 0 || r->number <= 0 || r->category_id <= 0 ||
	    !r->title)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_REVISION_ADD);
	sqlite3_bind_int64(q, 1, r->item_id);
	sqlite3_bind_int64(q, 2, r->number);
	sqlite3_bind_int64(q, 3, (int64_t)r->at);
	stmt_bind_int0(q, 4, r->user_id);
	sqlite3_bind_int64(q, 5, r->category_id);
	stmt_bind_int0(q, 6, (int64_t)r->source_date);
	stmt_bind_text(q, 7, r->title);
	stmt_bind_text(q, 8, r->summary);
	stmt_bind_text(q, 9, r->author_name);
	stmt_bind_text(q, 10, r->source);
	stmt_bind_text_null(q, 11, r->cover_image);
	stmt_bind_text_null(q, 12, r->cover_alt);
	stmt_bind_text(q, 13, r->note);
	stmt_bind_text(q, 14, r->body_html);
	return stmt_run(q, "cannot add a revision", NULL);
}

enum err
store_revision_get(struct store *s, struct arena *a, int64_t item_id,
                   int64_t number, struct item_revision *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_REVISION_GET);
	sqlite3_bind_int64(q, 1, item_id);
	sqlite3_bind_int64(q, 2, number);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		revision_row(a, q, out, true);
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return ERR_NOTFOUND;
	if (rc != SQLITE_ROW)
		return store_db_err(conn_db(c), rc, "cannot read a revision");
	return ERR_OK;
}

static void
revision_list_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	revision_row(a, q, p, false);
}

enum err
store_revisions(struct store *s, struct arena *a, int64_t item_id,
                struct item_revision **out, size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	*out = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_REVISION_LIST);
	sqlite3_bind_int64(q, 1, item_id);
	return stmt_rows(q, a, sizeof(**out), revision_list_row, (void **)out,
	                 n, "cannot list revisions");
}

/* History */

enum err
store_transition_add(struct store *s, struct item_transition *t)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	if ((unsigned)t->from >= ITEM_STATE__MAX ||
	    (unsigned)t->to >= ITEM_STATE__MAX || !t->action)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_TRANSITION_ADD);
	sqlite3_bind_int64(q, 1, t->item_id);
	sqlite3_bind_int64(q, 2, (int64_t)t->at);
	stmt_bind_int0(q, 3, t->user_id);
	stmt_bind_text(q, 4, t->actor_name);
	stmt_bind_text(q, 5, t->action);
	sqlite3_bind_text(q, 6, item_state_code(t->from), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, item_state_code(t->to), -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 8, t->correction);
	stmt_bind_text(q, 9, t->note);
	if ((e = stmt_run(q, "cannot record a transition", NULL)) != ERR_OK)
		return e;
	t->id = sqlite3_last_insert_rowid(conn_db(c));
	return ERR_OK;
}

static void
transition_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	struct item_transition *t = p;

	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(q, 0);
	t->item_id = sqlite3_column_int64(q, 1);
	t->at = (time_t)sqlite3_column_int64(q, 2);
	t->user_id = sqlite3_column_int64(q, 3);
	t->actor_name = col_str(a, q, 4, false);
	t->action = col_str(a, q, 5, false);
	t->from = col_state(q, 6, ITEM_STATE_DRAFT);
	t->to = col_state(q, 7, ITEM_STATE_DRAFT);
	t->correction = sqlite3_column_int(q, 8) != 0;
	t->note = col_str(a, q, 9, false);
}

enum err
store_transitions(struct store *s, struct arena *a, int64_t item_id,
                  struct item_transition **out, size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	*out = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_TRANSITION_LIST);
	sqlite3_bind_int64(q, 1, item_id);
	return stmt_rows(q, a, sizeof(**out), transition_row, (void **)out, n,
	                 "cannot list transitions");
}

/* Comments */

enum err
store_comment_add(struct store *s, struct item_comment *cm)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	if (!cm->body || !*cm->body)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_COMMENT_ADD);
	sqlite3_bind_int64(q, 1, cm->item_id);
	stmt_bind_int0(q, 2, cm->user_id);
	sqlite3_bind_int64(q, 3, (int64_t)cm->at);
	stmt_bind_text(q, 4, cm->body);
	if ((e = stmt_run(q, "cannot add a comment", NULL)) != ERR_OK)
		return e;
	cm->id = sqlite3_last_insert_rowid(conn_db(c));
	return ERR_OK;
}

static void
comment_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	struct item_comment *cm = p;

	memset(cm, 0, sizeof(*cm));
	cm->id = sqlite3_column_int64(q, 0);
	cm->item_id = sqlite3_column_int64(q, 1);
	cm->user_id = sqlite3_column_int64(q, 2);
	cm->user_name = col_str(a, q, 3, false);
	cm->at = (time_t)sqlite3_column_int64(q, 4);
	cm->body = col_str(a, q, 5, false);
}

enum err
store_comments(struct store *s, struct arena *a, int64_t item_id,
               struct item_comment **out, size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;

	*out = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_COMMENT_LIST);
	sqlite3_bind_int64(q, 1, item_id);
	return stmt_rows(q, a, sizeof(**out), comment_row, (void **)out, n,
	                 "cannot list comments");
}

/* Queues */

static const enum stmt queue_stmts[ITEM_QUEUE__MAX] = {
        STMT_QUEUE_MINE,       /* ITEM_QUEUE_MINE */
        STMT_QUEUE_PREAPPROVE, /* ITEM_QUEUE_PREAPPROVE */
        STMT_QUEUE_TRIAGE,     /* ITEM_QUEUE_TRIAGE */
        STMT_QUEUE_ASSIGNED,   /* ITEM_QUEUE_ASSIGNED */
        STMT_QUEUE_TO_EDIT,    /* ITEM_QUEUE_TO_EDIT */
        STMT_QUEUE_TO_APPROVE, /* ITEM_QUEUE_TO_APPROVE */
        STMT_QUEUE_TO_PUBLISH, /* ITEM_QUEUE_TO_PUBLISH */
        STMT_QUEUE_LATE,       /* ITEM_QUEUE_LATE */
};

/* Binds the parameters every queue statement shares (?1..?5). */
static void
bind_who(sqlite3_stmt *q, const struct queue_who *w)
{
	sqlite3_bind_int64(q, 1, w->user_id);
	/* No unit matches no row (f.unit_id = NULL is never true). */
	stmt_bind_int0(q, 2, w->unit_id);
	sqlite3_bind_int(q, 3, w->unit_wide);
	sqlite3_bind_int64(q, 4, (int64_t)w->now);
	sqlite3_bind_int(q, 5, w->see_all);
}

/* The columns of ITEM_COLS (stmt_sqlite.c), read as store_sqlite.c's
 * item_row does; the flow follows at column 18. */
static void
queue_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	struct queue_entry *qe = p;
	struct item *it = &qe->item;

	memset(qe, 0, sizeof(*qe));
	it->id = sqlite3_column_int64(q, 0);
	if (!item_kind_from_code((const char *)sqlite3_column_text(q, 1),
	                         &it->kind))
		it->kind = ITEM_KIND_TIN;
	it->state = col_state(q, 2, ITEM_STATE_DRAFT);
	it->category_id = sqlite3_column_int64(q, 3);
	it->title = col_str(a, q, 4, false);
	it->slug = col_str(a, q, 5, false);
	it->summary = col_str(a, q, 6, false);
	it->author_name = col_str(a, q, 7, false);
	it->author_user_id = sqlite3_column_int64(q, 8);
	it->source = col_str(a, q, 9, false);
	it->source_date = (time_t)sqlite3_column_int64(q, 10);
	it->cover_image = col_str(a, q, 11, true);
	it->cover_alt = col_str(a, q, 12, true);
	it->featured = sqlite3_column_int(q, 13) != 0;
	it->created_at = (time_t)sqlite3_column_int64(q, 14);
	it->published_at = (time_t)sqlite3_column_int64(q, 15);
	it->updated_at = (time_t)sqlite3_column_int64(q, 16);
	it->hits = sqlite3_column_int64(q, 17);
	flow_row(a, q, 18, it->id, &qe->flow);
}

enum err
store_queue_counts(struct store *s, const struct queue_who *w,
                   int64_t counts[ITEM_QUEUE__MAX])
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	memset(counts, 0, sizeof(int64_t) * ITEM_QUEUE__MAX);
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_QUEUE_COUNTS);
	bind_who(q, w);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		for (int i = 0; i < ITEM_QUEUE__MAX; i++)
			counts[i] = sqlite3_column_int64(q, i);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_db_err(conn_db(c), rc, "cannot count queues");
	return ERR_OK;
}

enum err
store_queue(struct store *s, struct arena *a, enum item_queue qu,
            const struct queue_who *w, size_t offset, size_t limit,
            struct queue_list *out)
{
	int64_t counts[ITEM_QUEUE__MAX];
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	memset(out, 0, sizeof(*out));
	if ((unsigned)qu >= ITEM_QUEUE__MAX)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, queue_stmts[qu]);
	bind_who(q, w);
	sqlite3_bind_int64(q, 6,
	                   limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
	sqlite3_bind_int64(q, 7,
	                   offset > INT64_MAX ? INT64_MAX : (int64_t)offset);
	if ((e = stmt_rows(q, a, sizeof(*out->v), queue_row, (void **)&out->v,
	                   &out->n, "cannot list a queue")) != ERR_OK)
		return e;
	if ((e = store_queue_counts(s, w, counts)) != ERR_OK)
		return e;
	out->total = (size_t)counts[qu];
	return ERR_OK;
}

enum err
store_items_due(struct store *s, struct arena *a, time_t now, size_t limit,
                int64_t **ids, size_t *n)
{
	int64_t *v = NULL;
	size_t cap = 0;
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	*ids = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_FLOW_DUE);
	sqlite3_bind_int64(q, 1, (int64_t)now);
	sqlite3_bind_int64(q, 2,
	                   limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? st_mult(cap, 2) : 16;
			v = xrealloc(v, st_mult(cap, sizeof(*v)));
		}
		v[(*n)++] = sqlite3_column_int64(q, 0);
	}
	if (rc != SQLITE_DONE)
		e = store_db_err(conn_db(c), rc, "cannot list scheduled items");
	sqlite3_reset(q);
	if (e == ERR_OK && *n) {
		*ids = arena_alloc(a, st_mult(*n, sizeof(*v)));
		memcpy(*ids, v, *n * sizeof(*v));
	} else {
		*n = 0;
	}
	free(v);
	return e;
}
