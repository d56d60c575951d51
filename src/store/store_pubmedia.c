/*
 * The public side of the media library on SQLite: the photo library
 * (Thư viện ảnh, issue 4 item 7) lists published photo items, each
 * with its cover photo and the number of photos in its album.
 *
 * Rows are read here rather than through store_sqlite.c's item reader
 * and store_media.c's media reader because a card needs only a few
 * columns of each, joined in one statement: one query per page, not one
 * per card.
 */
#include "common.h"

#include "log.h"
#include "store_int.h"
#include "xalloc.h"

/* Reads one row of STMT_PHOTO_ITEMS. */
static void
photo_row(struct arena *a, sqlite3_stmt *q, void *out)
{
	struct photo_card *pc = out;
	struct item *it = &pc->item;
	struct media *m = &pc->cover;

	memset(pc, 0, sizeof(*pc));
	it->id = sqlite3_column_int64(q, 0);
	if (!item_kind_from_code((const char *)sqlite3_column_text(q, 1),
	                         &it->kind))
		it->kind = ITEM_KIND_ANH;
	if (!item_state_from_code((const char *)sqlite3_column_text(q, 2),
	                          &it->state))
		it->state = ITEM_STATE_PUBLISHED;
	it->category_id = sqlite3_column_int64(q, 3);
	it->title = stmt_col_text(a, q, 4);
	it->slug = stmt_col_text(a, q, 5);
	it->summary = stmt_col_text(a, q, 6);
	if (sqlite3_column_type(q, 7) != SQLITE_NULL)
		it->cover_image = stmt_col_text(a, q, 7);
	it->cover_alt = stmt_col_text(a, q, 8);
	it->published_at = (time_t)sqlite3_column_int64(q, 9);
	it->updated_at = (time_t)sqlite3_column_int64(q, 10);
	pc->photos = sqlite3_column_int64(q, 11);
	/* No photo in the album: the LEFT JOIN gives NULLs. */
	if (sqlite3_column_type(q, 12) == SQLITE_NULL)
		return;
	m->id = sqlite3_column_int64(q, 12);
	if (!media_kind_from_code((const char *)sqlite3_column_text(q, 13),
	                          &m->kind))
		m->kind = MEDIA_IMAGE;
	m->mime = stmt_col_text(a, q, 14);
	m->width = sqlite3_column_int(q, 15);
	m->height = sqlite3_column_int(q, 16);
	m->widths = stmt_col_text(a, q, 17);
	m->path = stmt_col_text(a, q, 18);
	m->alt = stmt_col_text(a, q, 19);
	m->caption = stmt_col_text(a, q, 20);
}

enum err
store_photo_items(struct store *s, struct arena *a, size_t offset, size_t limit,
                  struct photo_list *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	void *v = NULL;
	enum err e = ERR_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_PHOTO_ITEMS_COUNT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		out->total = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_db_err(conn_db(c), rc, "cannot count photo items");
	STMT_OR_FAIL(q, c, STMT_PHOTO_ITEMS);
	sqlite3_bind_int64(q, 1,
	                   limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
	sqlite3_bind_int64(q, 2,
	                   offset > INT64_MAX ? INT64_MAX : (int64_t)offset);
	e = stmt_rows(q, a, sizeof(struct photo_card), photo_row, &v, &out->n,
	              "cannot list photo items");
	out->v = v;
	return e;
}
