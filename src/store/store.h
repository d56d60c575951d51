/*
 * The store: the one narrow interface to the database.  Only src/store
 * includes sqlite3.h (and, later, libpq-fe.h); domain code calls these
 * functions and gets plain structs allocated in the caller's arena.
 *
 * Thread safety: a struct store may be used from any thread; each thread
 * gets its own connection with its own prepared statements (SQLite, WAL).
 * Every function returns ERR_OK, or ERR_NOTFOUND / ERR_CONFLICT /
 * ERR_INVALID / ERR_BUSY / ERR_DB as documented, and logs database errors.
 */
#ifndef TTDT_STORE_H
#define TTDT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "err.h"

struct store;

/* Kinds of item (Điều 7, 8): the regulation's genres. */
enum item_kind {
	ITEM_KIND_TIN,      /* tin: news */
	ITEM_KIND_BAI,      /* bài: article */
	ITEM_KIND_ANH,      /* ảnh: photo item (album) */
	ITEM_KIND_AM_THANH, /* âm thanh: audio */
	ITEM_KIND_VIDEO,    /* video */
	ITEM_KIND_TRANG,    /* trang: a standing page */
	ITEM_KIND__MAX
};

/* Workflow states (DESIGN, the item workflow); the public sees only
 * ITEM_STATE_PUBLISHED. */
enum item_state {
	ITEM_STATE_DRAFT,
	ITEM_STATE_DISTRICT_REVIEW,
	ITEM_STATE_SUBMITTED,
	ITEM_STATE_IN_EDITING,
	ITEM_STATE_PENDING_APPROVAL,
	ITEM_STATE_APPROVED,
	ITEM_STATE_SCHEDULED,
	ITEM_STATE_PUBLISHED,
	ITEM_STATE_RETURNED,
	ITEM_STATE_UNPUBLISHED,
	ITEM_STATE_ARCHIVED,
	ITEM_STATE__MAX
};

/* Stable names used in the database and URLs ("tin", "bai", ...). */
const char *item_kind_code(enum item_kind k);
bool item_kind_from_code(const char *code, enum item_kind *out);
const char *item_state_code(enum item_state s);
bool item_state_from_code(const char *code, enum item_state *out);

struct category {
	int64_t id;
	int64_t parent_id; /* 0 for a main section */
	const char *slug;
	const char *name;
	const char *description;
	int position; /* order among siblings */
	bool hidden;
	bool activity_news;    /* Điều 9.1.b: its items need a photo */
	int64_t owner_unit_id; /* 0: none yet (units come later) */
};

struct item {
	int64_t id;
	enum item_kind kind;
	enum item_state state;
	int64_t category_id;
	const char *title;
	const char *slug;
	const char *summary;
	const char *body_html;   /* sanitised HTML */
	const char *author_name; /* display name */
	int64_t author_user_id;  /* 0: not a staff account */
	const char *source;      /* Điều 7.1.d, 7.2 */
	time_t source_date;      /* 0: none */
	const char *cover_image; /* path below the media folder, or NULL */
	const char *cover_alt;
	bool featured;
	time_t created_at;
	time_t published_at; /* 0: never */
	time_t updated_at;   /* last published change */
	int64_t hits;
};

struct item_list {
	struct item *v;
	size_t n;
	size_t total; /* matches in all, for pagination (where counted) */
};

/*
 * Search ranks at most this many matches, the newest (by item id); total
 * is capped at it too, and later pages are empty.  See store_search in
 * store_sqlite.c and fts_rank.c for the ranking (where the words are:
 * title, summary, body; side by side or not; times recency).
 */
#define STORE_SEARCH_MAX 200
/* A search stops looking for more matches after this long and returns
 * what it found, with partial set, so no query can hold a worker. */
#define STORE_SEARCH_BUDGET_US 50000

struct search_query {
	const char *match;   /* an FTS5 query over folded text, built by the
	                        domain from user words (never raw input) */
	int64_t category_id; /* 0: all; else this section and its children */
	time_t from, to;     /* from <= published_at <= to (both inclusive:
	                        pass the last second of a day), 0: open */
	size_t offset, limit;
	unsigned budget_us; /* time budget, 0: STORE_SEARCH_BUDGET_US */
};

struct search_hit {
	struct item item;    /* body_html not loaded */
	const char *snippet; /* original text; matches between \x01 and \x02 */
	double rank;         /* lower (more negative) is better */
};

struct search_result {
	struct search_hit *v;
	size_t n;
	size_t total;
	bool partial; /* the time budget cut the search short: there may
	                 be more (and better) matches than shown */
};

/* One batch of view counts, flushed together. */
struct view_count {
	int64_t item_id; /* 0 for a section-only count */
	int64_t category_id;
	int day; /* yyyymmdd, Viet Nam local */
	int64_t count;
};

/*
 * Opens (create: creating) the database at path, applies pending
 * migrations and registers the search tokenizer.  ERR_NOTFOUND if the
 * file is missing and create is false.
 */
enum err store_open(const char *path, bool create, struct store **out);
void store_close(struct store *s);

/* Online backup to dest (consistent while others write). */
enum err store_backup(struct store *s, const char *dest);
/* Replaces the database at db_path with the backup at src, after checking
 * src is a ttdt database that passes integrity_check.  The server must not
 * be running on db_path. */
enum err store_restore(const char *src, const char *db_path);

/* Checks the database: PRAGMA integrity_check, the search index against
 * the items (FTS5 integrity-check), and that every statement of the
 * statement table prepares.  ERR_INVALID (logged) if something is wrong. */
enum err store_check(struct store *s);

/* Runs fn inside one transaction (BEGIN IMMEDIATE ... COMMIT), rolling
 * back if fn returns anything but ERR_OK.  Inside another transaction of
 * the same thread (store_tx, store_bulk_begin) it nests as a savepoint. */
enum err store_tx(struct store *s, enum err (*fn)(struct store *, void *),
                  void *arg);

/* Categories: all of them, ordered by parent then position. */
enum err store_categories(struct store *s, struct arena *a,
                          struct category **out, size_t *n);
enum err store_category_insert(struct store *s, struct category *c);
enum err store_category_update(struct store *s, const struct category *c);

/* Items.  store_item_get loads any state; the others list published items
 * only, newest first (published_at desc, id desc). */
enum err store_item_get(struct store *s, struct arena *a, int64_t id,
                        struct item *out);
/* Insert sets it->id.  Both keep the search index in step (published
 * items only) and ignore body_html's markup for it.  ERR_INVALID for a
 * bad kind/state, a missing category or title, or a published item
 * without published_at; update gives ERR_NOTFOUND for an unknown id and
 * never writes hits (store_views_add owns it). */
enum err store_item_insert(struct store *s, struct item *it);
enum err store_item_update(struct store *s, const struct item *it);
/* Published items of a category and its descendants (0: whole site);
 * total is filled. body_html is not loaded. */
enum err store_items_latest(struct store *s, struct arena *a,
                            int64_t category_id, size_t offset, size_t limit,
                            struct item_list *out);
/* Featured published items of a category tree (0: whole site). */
enum err store_items_featured(struct store *s, struct arena *a,
                              int64_t category_id, size_t limit,
                              struct item_list *out);
/* Published items related to item (same category, nearest in time to
 * its published_at, excluding it), nearest first. */
enum err store_items_related(struct store *s, struct arena *a,
                             const struct item *it, size_t limit,
                             struct item_list *out);
/* All published items for sitemap.xml, newest first, at most limit:
 * id, slug, category_id, updated_at/published_at only. */
enum err store_items_for_sitemap(struct store *s, struct arena *a, size_t limit,
                                 struct item_list *out);
/* Number of items (any state). */
enum err store_items_count(struct store *s, int64_t *out);

/* Full-text search of published items (STMT_SEARCH_CAND): ERR_INVALID if
 * match is NULL or not a valid FTS5 query.  Hits are best first; total
 * is the number of matches ranked (at most STORE_SEARCH_MAX).  Snippets
 * are cut from the original (accented) title, summary or body text,
 * whichever matches best, with "…" where text was cut.  When the time
 * budget runs out the matches found so far are ranked and partial is
 * set (ERR_OK all the same). */
enum err store_search(struct store *s, struct arena *a,
                      const struct search_query *q, struct search_result *out);

/* Adds view counts: items.hits, and per-day rows per item and per
 * section, in one transaction. */
enum err store_views_add(struct store *s, const struct view_count *v, size_t n);

/* Settings table (key/value text), for the demo flag and the like. */
enum err store_setting_get(struct store *s, struct arena *a, const char *key,
                           const char **out);
enum err store_setting_set(struct store *s, const char *key, const char *value);

/* Bulk loading (demo and benchmark data) on the calling thread: one
 * transaction (BEGIN IMMEDIATE) until store_bulk_end, which rebuilds and
 * optimises the search index once instead of indexing item by item, then
 * commits.  Other threads' writes wait meanwhile. */
enum err store_bulk_begin(struct store *s);
enum err store_bulk_end(struct store *s);

#endif
