/*
 * The media library on SQLite (0006-media.sql, 0010-media-pending.sql):
 * media rows, the media of items and the pending album of a correction.
 * Rows in, rows out: what may be uploaded, the files on disk, alt text,
 * captions and the album rules are the domain's (src/domain/media.c),
 * which calls these inside its store_tx together with audit_append.
 */
#include "common.h"

#include "log.h"
#include "store_int.h"
#include "xalloc.h"

/* Indexed by enum media_kind; the schema's CHECK lists the same. */
static const char *const media_codes[MEDIA_KIND__MAX] = {
        "image",   /* MEDIA_IMAGE */
        "audio",   /* MEDIA_AUDIO */
        "video",   /* MEDIA_VIDEO */
        "pdf",     /* MEDIA_PDF */
        "office",  /* MEDIA_OFFICE */
        "caption", /* MEDIA_CAPTION */
};

const char *
media_kind_code(enum media_kind k)
{
	return (unsigned)k < MEDIA_KIND__MAX ? media_codes[k] : NULL;
}

bool
media_kind_from_code(const char *code, enum media_kind *out)
{
	int i = str_index(media_codes, MEDIA_KIND__MAX, code);

	if (i < 0)
		return false;
	*out = (enum media_kind)i;
	return true;
}

/* Reads MEDIA_COLS (stmt_sqlite.c) from column i on. */
static void
media_row(struct arena *a, sqlite3_stmt *q, int i, struct media *m)
{
	const unsigned char *kind = sqlite3_column_text(q, i + 1);

	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(q, i);
	if (!media_kind_from_code((const char *)kind, &m->kind))
		m->kind = MEDIA_OFFICE; /* unreachable: the schema's CHECK */
	m->mime = stmt_col_text(a, q, i + 2);
	m->bytes = sqlite3_column_int64(q, i + 3);
	m->width = sqlite3_column_int(q, i + 4);
	m->height = sqlite3_column_int(q, i + 5);
	m->widths = stmt_col_text(a, q, i + 6);
	m->sha256 = stmt_col_text(a, q, i + 7);
	m->path = stmt_col_text(a, q, i + 8);
	m->uploaded_by = sqlite3_column_int64(q, i + 9);
	m->uploaded_at = (time_t)sqlite3_column_int64(q, i + 10);
	m->captions_id = sqlite3_column_int64(q, i + 11);
	m->original_name = stmt_col_text(a, q, i + 12);
	m->alt = stmt_col_text(a, q, i + 13);
	m->caption = stmt_col_text(a, q, i + 14);
	m->search_text = stmt_col_text(a, q, i + 15);
	m->transcript = stmt_col_text(a, q, i + 16);
}

enum err
store_media_insert(struct store *s, struct media *m)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	if (!media_kind_code(m->kind))
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MEDIA_INSERT);
	stmt_bind_text(q, 1, media_kind_code(m->kind));
	stmt_bind_text(q, 2, m->mime);
	sqlite3_bind_int64(q, 3, m->bytes);
	sqlite3_bind_int(q, 4, m->width);
	sqlite3_bind_int(q, 5, m->height);
	stmt_bind_text(q, 6, m->widths);
	stmt_bind_text(q, 7, m->sha256);
	stmt_bind_text(q, 8, m->path);
	stmt_bind_int0(q, 9, m->uploaded_by);
	sqlite3_bind_int64(q, 10, (int64_t)m->uploaded_at);
	stmt_bind_int0(q, 11, m->captions_id);
	stmt_bind_text(q, 12, m->original_name);
	stmt_bind_text(q, 13, m->alt);
	stmt_bind_text(q, 14, m->caption);
	stmt_bind_text(q, 15, m->search_text);
	stmt_bind_text(q, 16, m->transcript);
	if ((e = stmt_run(q, "cannot insert a medium", NULL)) != ERR_OK)
		return e;
	m->id = sqlite3_last_insert_rowid(conn_db(c));
	return ERR_OK;
}

static enum err
media_one(sqlite3_stmt *q, struct arena *a, struct media *out, const char *what)
{
	int rc = sqlite3_step(q);
	enum err e = ERR_OK;

	if (rc == SQLITE_ROW)
		media_row(a, q, 0, out);
	else if (rc == SQLITE_DONE)
		e = ERR_NOTFOUND;
	else
		e = store_db_err(sqlite3_db_handle(q), rc, what);
	sqlite3_reset(q);
	return e;
}

enum err
store_media_get(struct store *s, struct arena *a, int64_t id, struct media *out)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MEDIA_GET);
	sqlite3_bind_int64(q, 1, id);
	return media_one(q, a, out, "cannot read a medium");
}

enum err
store_media_by_sha256(struct store *s, struct arena *a, const char *sha256,
                      struct media *out)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MEDIA_BY_SHA256);
	stmt_bind_text(q, 1, sha256);
	return media_one(q, a, out, "cannot look a medium up by hash");
}

enum err
store_media_update(struct store *s, const struct media *m)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t n = 0;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MEDIA_UPDATE);
	sqlite3_bind_int64(q, 1, m->id);
	stmt_bind_text(q, 2, m->alt);
	stmt_bind_text(q, 3, m->caption);
	stmt_bind_text(q, 4, m->search_text);
	stmt_bind_int0(q, 5, m->captions_id);
	stmt_bind_text(q, 6, m->transcript);
	if ((e = stmt_run(q, "cannot update a medium", &n)) != ERR_OK)
		return e;
	return n ? ERR_OK : ERR_NOTFOUND;
}

/* Binds the filter shared by STMT_MEDIA_FIND and STMT_MEDIA_COUNT. */
static void
bind_filter(sqlite3_stmt *q, enum media_kind kind, const char *pattern,
            int64_t uploaded_by)
{
	if (media_kind_code(kind))
		stmt_bind_text(q, 1, media_kind_code(kind));
	if (pattern)
		stmt_bind_text(q, 2, pattern);
	stmt_bind_int0(q, 5, uploaded_by);
}

enum err
store_media_find(struct store *s, struct arena *a, enum media_kind kind,
                 const char *pattern, int64_t uploaded_by, size_t offset,
                 size_t limit, struct media_list *out)
{
	struct media *v = NULL;
	size_t cap = 0;
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MEDIA_COUNT);
	bind_filter(q, kind, pattern, uploaded_by);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		out->total = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_db_err(conn_db(c), rc, "cannot count media");
	STMT_OR_FAIL(q, c, STMT_MEDIA_FIND);
	bind_filter(q, kind, pattern, uploaded_by);
	sqlite3_bind_int64(q, 3, limit ? (int64_t)limit : -1);
	sqlite3_bind_int64(q, 4, (int64_t)offset);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? st_mult(cap, 2) : 16;
			v = xrealloc(v, st_mult(cap, sizeof(*v)));
		}
		media_row(a, q, 0, &v[out->n++]);
	}
	if (rc != SQLITE_DONE)
		e = store_db_err(conn_db(c), rc, "cannot list media");
	sqlite3_reset(q);
	if (e == ERR_OK && out->n) {
		out->v = arena_alloc(a, st_mult(out->n, sizeof(*v)));
		memcpy(out->v, v, out->n * sizeof(*v));
	} else {
		out->n = 0;
	}
	free(v);
	return e;
}

struct media_set {
	int64_t item_id;
	const struct item_media *v;
	size_t n;
};

static enum err
item_media_set_tx(struct store *s, void *arg)
{
	const struct media_set *ms = arg;
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ITEM_MEDIA_CLEAR);
	sqlite3_bind_int64(q, 1, ms->item_id);
	if ((e = stmt_run(q, "cannot clear an item's media", NULL)) != ERR_OK)
		return e;
	for (size_t i = 0; i < ms->n; i++) {
		STMT_OR_FAIL(q, c, STMT_ITEM_MEDIA_ADD);
		sqlite3_bind_int64(q, 1, ms->item_id);
		sqlite3_bind_int64(q, 2, ms->v[i].media_id);
		sqlite3_bind_int(q, 3, ms->v[i].position);
		stmt_bind_text(q, 4, ms->v[i].caption);
		e = stmt_run(q, "cannot add an item's medium", NULL);
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}

enum err
store_item_media_set(struct store *s, int64_t item_id,
                     const struct item_media *v, size_t n)
{
	struct media_set ms = {item_id, v, n};

	return store_tx(s, item_media_set_tx, &ms);
}

/* The rows of STMT_ITEM_MEDIA_LIST or STMT_ITEM_MEDIA_PENDING_LIST
 * (the same columns) for item_id. */
static enum err
album_list(struct store *s, struct arena *a, enum stmt which, int64_t item_id,
           struct item_media **out, size_t *n)
{
	struct item_media *v = NULL;
	size_t cap = 0;
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	*out = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, which);
	sqlite3_bind_int64(q, 1, item_id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct item_media *im;

		if (*n == cap) {
			cap = cap ? st_mult(cap, 2) : 16;
			v = xrealloc(v, st_mult(cap, sizeof(*v)));
		}
		im = &v[(*n)++];
		im->item_id = sqlite3_column_int64(q, 0);
		im->media_id = sqlite3_column_int64(q, 1);
		im->position = sqlite3_column_int(q, 2);
		im->caption = stmt_col_text(a, q, 3);
		media_row(a, q, 4, &im->m);
	}
	if (rc != SQLITE_DONE)
		e = store_db_err(conn_db(c), rc, "cannot list an item's media");
	sqlite3_reset(q);
	if (e == ERR_OK && *n) {
		*out = arena_alloc(a, st_mult(*n, sizeof(*v)));
		memcpy(*out, v, *n * sizeof(*v));
	} else {
		*n = 0;
	}
	free(v);
	return e;
}

enum err
store_item_media_list(struct store *s, struct arena *a, int64_t item_id,
                      struct item_media **out, size_t *n)
{
	return album_list(s, a, STMT_ITEM_MEDIA_LIST, item_id, out, n);
}

/* A statement whose only parameter is an item id, run once. */
static enum err
run_item(struct store *s, enum stmt which, int64_t item_id, const char *what)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, which);
	sqlite3_bind_int64(q, 1, item_id);
	return stmt_run(q, what, NULL);
}

struct pending_set {
	int64_t item_id;
	const struct item_media *v;
	size_t n;
	time_t now;
};

static enum err
pending_set_tx(struct store *s, void *arg)
{
	const struct pending_set *ps = arg;
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	e = run_item(s, STMT_ITEM_MEDIA_PENDING_CLEAR, ps->item_id,
	             "cannot clear a pending album");
	if (e != ERR_OK)
		return e;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ITEM_MEDIA_PENDING_MARK);
	sqlite3_bind_int64(q, 1, ps->item_id);
	sqlite3_bind_int64(q, 2, (int64_t)ps->now);
	if ((e = stmt_run(q, "cannot mark a pending album", NULL)) != ERR_OK)
		return e;
	for (size_t i = 0; i < ps->n; i++) {
		STMT_OR_FAIL(q, c, STMT_ITEM_MEDIA_PENDING_ADD);
		sqlite3_bind_int64(q, 1, ps->item_id);
		sqlite3_bind_int64(q, 2, ps->v[i].media_id);
		sqlite3_bind_int(q, 3, ps->v[i].position);
		stmt_bind_text(q, 4, ps->v[i].caption);
		e = stmt_run(q, "cannot add to a pending album", NULL);
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}

enum err
store_item_media_pending_set(struct store *s, int64_t item_id,
                             const struct item_media *v, size_t n, time_t now)
{
	struct pending_set ps = {item_id, v, n, now};

	return store_tx(s, pending_set_tx, &ps);
}

/* Whether item_id has a pending album. */
static enum err
pending_marked(struct store *s, int64_t item_id, bool *exists)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	*exists = false;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ITEM_MEDIA_PENDING_MARKED);
	sqlite3_bind_int64(q, 1, item_id);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		*exists = true;
	else if (rc != SQLITE_DONE)
		return store_db_err(conn_db(c), rc,
		                    "cannot look a pending album up");
	return ERR_OK;
}

enum err
store_item_media_pending_list(struct store *s, struct arena *a, int64_t item_id,
                              struct item_media **out, size_t *n, bool *exists)
{
	enum err e;

	*out = NULL;
	*n = 0;
	if ((e = pending_marked(s, item_id, exists)) != ERR_OK || !*exists)
		return e;
	return album_list(s, a, STMT_ITEM_MEDIA_PENDING_LIST, item_id, out, n);
}

static enum err
pending_drop_tx(struct store *s, void *arg)
{
	const int64_t *item_id = arg;
	enum err e;

	e = run_item(s, STMT_ITEM_MEDIA_PENDING_CLEAR, *item_id,
	             "cannot clear a pending album");
	if (e == ERR_OK)
		e = run_item(s, STMT_ITEM_MEDIA_PENDING_UNMARK, *item_id,
		             "cannot unmark a pending album");
	return e;
}

enum err
store_item_media_pending_drop(struct store *s, int64_t item_id)
{
	return store_tx(s, pending_drop_tx, &item_id);
}

struct pending_apply {
	int64_t item_id;
	bool applied;
};

static enum err
pending_apply_tx(struct store *s, void *arg)
{
	struct pending_apply *pa = arg;
	enum err e;

	if ((e = pending_marked(s, pa->item_id, &pa->applied)) != ERR_OK ||
	    !pa->applied)
		return e;
	e = run_item(s, STMT_ITEM_MEDIA_CLEAR, pa->item_id,
	             "cannot clear an item's media");
	if (e == ERR_OK)
		e = run_item(s, STMT_ITEM_MEDIA_PENDING_APPLY, pa->item_id,
		             "cannot apply a pending album");
	if (e == ERR_OK)
		e = pending_drop_tx(s, &pa->item_id);
	return e;
}

enum err
store_item_media_pending_apply(struct store *s, int64_t item_id, bool *applied)
{
	struct pending_apply pa = {item_id, false};
	enum err e;

	e = store_tx(s, pending_apply_tx, &pa);
	if (applied)
		*applied = e == ERR_OK && pa.applied;
	return e;
}

enum err
store_media_published_use(struct store *s, struct arena *a, int64_t media_id,
                          const char *cover_prefix, int64_t *item_id,
                          const char **title)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	*item_id = 0;
	*title = NULL;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_MEDIA_PUBLISHED_USE);
	sqlite3_bind_int64(q, 1, media_id);
	if (cover_prefix)
		stmt_bind_text(q, 2, cover_prefix);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*item_id = sqlite3_column_int64(q, 0);
		*title = stmt_col_text(a, q, 1);
	} else if (rc == SQLITE_DONE) {
		e = ERR_NOTFOUND;
	} else {
		e = store_db_err(conn_db(c), rc,
		                 "cannot look up a medium's published use");
	}
	sqlite3_reset(q);
	return e;
}
