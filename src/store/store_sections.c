/*
 * Sections on SQLite: the counts and row changes the newsroom's section
 * pages need beyond store_categories and store_category_insert/update
 * (store_sqlite.c).  Rows in, rows out: slugs, the tree's depth, what may
 * be deleted and the audit are the domain's (src/domain/section.c).
 */
#include "common.h"

#include "store_int.h"

static void
count_row(struct arena *a, sqlite3_stmt *q, void *p)
{
	struct section_count *sc = p;
	(void)a;

	sc->category_id = sqlite3_column_int64(q, 0);
	sc->items = sqlite3_column_int64(q, 1);
	sc->published = sqlite3_column_int64(q, 2);
}

enum err
store_section_counts(struct store *s, struct arena *a,
                     struct section_count **out, size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;
	void *v;
	enum err e;

	*out = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SECTION_COUNTS);
	e = stmt_rows(q, a, sizeof(**out), count_row, &v, n,
	              "cannot count the items of sections");
	*out = v;
	return e;
}

enum err
store_section_uses(struct store *s, int64_t id, int64_t *items,
                   int64_t *revisions, int64_t *children)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	*items = *revisions = *children = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SECTION_USES);
	sqlite3_bind_int64(q, 1, id);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		*items = sqlite3_column_int64(q, 0);
		*revisions = sqlite3_column_int64(q, 1);
		*children = sqlite3_column_int64(q, 2);
	} else {
		e = store_db_err(conn_db(c), rc,
		                 "cannot read a section's uses");
	}
	sqlite3_reset(q);
	return e;
}

enum err
store_section_position(struct store *s, int64_t id, int position)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t n = 0;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SECTION_POSITION);
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, position);
	if ((e = stmt_run(q, "cannot move a section", &n)) != ERR_OK)
		return e;
	return n ? ERR_OK : ERR_NOTFOUND;
}

static enum err
delete_tx(struct store *s, void *arg)
{
	const int64_t *id = arg;
	struct conn *c;
	sqlite3_stmt *q;
	int64_t n = 0;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SECTION_VIEWS_DELETE);
	sqlite3_bind_int64(q, 1, *id);
	if ((e = stmt_run(q, "cannot delete a section's view counts", NULL)) !=
	    ERR_OK)
		return e;
	STMT_OR_FAIL(q, c, STMT_SECTION_DELETE);
	sqlite3_bind_int64(q, 1, *id);
	/* A foreign key (an item, a revision, a subsection, or a table of a
	 * later migration) makes this ERR_CONFLICT. */
	if ((e = stmt_run(q, "cannot delete a section", &n)) != ERR_OK)
		return e;
	return n ? ERR_OK : ERR_NOTFOUND;
}

enum err
store_section_delete(struct store *s, int64_t id)
{
	return store_tx(s, delete_tx, &id);
}
