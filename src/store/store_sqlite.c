/*
 * The store on SQLite: connections, transactions, and every store_*
 * function of store.h but migrations (migrate.c), backup and restore
 * (backup.c).
 *
 * Connections: one per thread and store, opened on first use and kept in
 * a pthread key, each with its own table of prepared statements (prepared
 * on first use, SQLITE_PREPARE_PERSISTENT, reset after every use so no
 * statement holds a read snapshot open between calls).  SQLite is opened
 * NOMUTEX: a connection never crosses threads.
 *
 * Durability: WAL with synchronous=NORMAL.  A commit is appended to the
 * WAL without an fsync; the WAL is synced at checkpoints.  The database
 * cannot be corrupted by a crash, and a process kill -9 loses nothing
 * (the WAL is in the OS page cache); only a power cut or kernel crash may
 * lose the last commits before the checkpoint.  That trade is acceptable
 * for a publishing site whose writes are editorial and re-doable, and it
 * saves an fsync per commit (per view flush, per edit).
 *
 * Search index: item_fts holds exactly the published items.  Every
 * function that changes an item removes its old index entry (with the old
 * values, as external-content FTS5 requires) before the change and adds
 * the new one after, in the same transaction.
 */
#include "common.h"

#include <limits.h>

#include "log.h"
#include "store_int.h"
#include "xalloc.h"

#define BUSY_TIMEOUT_MS 5000

struct conn {
	struct store *s;
	sqlite3 *db;
	sqlite3_stmt *st[STMT__MAX];
	struct conn *prev, *next; /* s->conns */
	bool bulk;                /* inside store_bulk_begin */
	bool bulk_dirty;          /* the bulk skipped index updates */
	bool bulk_failed;         /* a write inside the bulk failed */
};

struct store {
	char *path;
	pthread_key_t key;
	pthread_mutex_t lock; /* conns */
	struct conn *conns;
};

static const char *const kind_codes[ITEM_KIND__MAX] = {
        "tin",      /* ITEM_KIND_TIN */
        "bai",      /* ITEM_KIND_BAI */
        "anh",      /* ITEM_KIND_ANH */
        "am-thanh", /* ITEM_KIND_AM_THANH */
        "video",    /* ITEM_KIND_VIDEO */
        "trang",    /* ITEM_KIND_TRANG */
};

static const char *const state_codes[ITEM_STATE__MAX] = {
        "draft",            /* ITEM_STATE_DRAFT */
        "district-review",  /* ITEM_STATE_DISTRICT_REVIEW */
        "submitted",        /* ITEM_STATE_SUBMITTED */
        "in-editing",       /* ITEM_STATE_IN_EDITING */
        "pending-approval", /* ITEM_STATE_PENDING_APPROVAL */
        "approved",         /* ITEM_STATE_APPROVED */
        "scheduled",        /* ITEM_STATE_SCHEDULED */
        "published",        /* ITEM_STATE_PUBLISHED */
        "returned",         /* ITEM_STATE_RETURNED */
        "unpublished",      /* ITEM_STATE_UNPUBLISHED */
        "archived",         /* ITEM_STATE_ARCHIVED */
};

const char *
item_kind_code(enum item_kind k)
{
	return (unsigned)k < ITEM_KIND__MAX ? kind_codes[k] : NULL;
}

bool
item_kind_from_code(const char *code, enum item_kind *out)
{
	int i = str_index(kind_codes, ITEM_KIND__MAX, code);

	if (i < 0)
		return false;
	*out = (enum item_kind)i;
	return true;
}

const char *
item_state_code(enum item_state s)
{
	return (unsigned)s < ITEM_STATE__MAX ? state_codes[s] : NULL;
}

bool
item_state_from_code(const char *code, enum item_state *out)
{
	int i = str_index(state_codes, ITEM_STATE__MAX, code);

	if (i < 0)
		return false;
	*out = (enum item_state)i;
	return true;
}

/* Connections */

enum err
store_db_err(sqlite3 *db, int rc, const char *what)
{
	int ext = db ? sqlite3_extended_errcode(db) : rc;

	log_errx("sqlite: %s: %s", what,
	         db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ERR_BUSY;
	case SQLITE_CONSTRAINT:
		return ext == SQLITE_CONSTRAINT_UNIQUE ||
		                       ext == SQLITE_CONSTRAINT_PRIMARYKEY
		               ? ERR_CONFLICT
		               : ERR_INVALID;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
		return ERR_IO;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return ERR_INVALID;
	default:
		return ERR_DB;
	}
}

enum err
stmt_run(sqlite3_stmt *q, const char *what, int64_t *changes)
{
	sqlite3 *db = sqlite3_db_handle(q);
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_db_err(db, rc, what);
	if (changes)
		*changes = sqlite3_changes64(db);
	return ERR_OK;
}

static void
conn_free(struct conn *c)
{
	if (!c)
		return;
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(c->st[i]);
	if (sqlite3_close(c->db) != SQLITE_OK)
		log_errx("sqlite: cannot close '%s': %s", c->s->path,
		         sqlite3_errmsg(c->db));
	free(c);
}

/* Thread exit: the thread's connection goes with it. */
static void
conn_destroy(void *p)
{
	struct conn *c = p;
	struct store *s = c->s;

	pthread_mutex_lock(&s->lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		s->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	pthread_mutex_unlock(&s->lock);
	conn_free(c);
}

/* Runs a statement that returns at most rows we do not need. */
static int
conn_exec(struct conn *c, enum stmt st)
{
	sqlite3_stmt *q = conn_stmt(c, st);
	int rc;

	if (!q)
		return sqlite3_errcode(c->db);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		;
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static struct conn *
conn_new(struct store *s, bool create)
{
	static const enum stmt setup[] = {STMT_PRAGMA_WAL, STMT_PRAGMA_SYNC,
	                                  STMT_PRAGMA_FK};
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	struct conn *c = xcalloc(1, sizeof(*c));
	int rc;

	c->s = s;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(s->path, &c->db, flags, NULL);
	if (rc != SQLITE_OK) {
		log_errx("sqlite: cannot open '%s': %s", s->path,
		         c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	/* Before anything reads the schema: FTS5 looks the tokenizer up
	 * when it first opens item_fts. */
	if ((rc = fts_vnfold_register(c->db)) != SQLITE_OK) {
		log_errx("sqlite: cannot register the vnfold tokenizer on "
		         "'%s': %s",
		         s->path, sqlite3_errstr(rc));
		goto fail;
	}
	for (size_t i = 0; i < ARRAY_SIZE(setup); i++)
		if ((rc = conn_exec(c, setup[i])) != SQLITE_OK) {
			store_db_err(c->db, rc, stmt_sqlite[setup[i]]);
			goto fail;
		}
	return c;
fail:
	conn_free(c);
	return NULL;
}

static void
conn_link(struct store *s, struct conn *c)
{
	pthread_mutex_lock(&s->lock);
	c->next = s->conns;
	if (s->conns)
		s->conns->prev = c;
	s->conns = c;
	pthread_mutex_unlock(&s->lock);
	pthread_setspecific(s->key, c);
}

struct conn *
store_conn(struct store *s)
{
	struct conn *c = pthread_getspecific(s->key);

	if (!c && (c = conn_new(s, false)))
		conn_link(s, c);
	return c;
}

sqlite3 *
conn_db(struct conn *c)
{
	return c->db;
}

const char *
conn_path(struct conn *c)
{
	return c->s->path;
}

sqlite3_stmt *
conn_stmt(struct conn *c, enum stmt st)
{
	int rc;

	if ((unsigned)st >= STMT__MAX)
		BUG("statement %d out of range", (int)st);
	if (c->st[st]) {
		sqlite3_reset(c->st[st]);
		sqlite3_clear_bindings(c->st[st]);
		return c->st[st];
	}
	rc = sqlite3_prepare_v3(c->db, stmt_sqlite[st], -1,
	                        SQLITE_PREPARE_PERSISTENT, &c->st[st], NULL);
	if (rc != SQLITE_OK) {
		log_errx("sqlite: cannot prepare statement %d: %s", (int)st,
		         sqlite3_errmsg(c->db));
		c->st[st] = NULL;
		return NULL;
	}
	return c->st[st];
}

enum err
store_open(const char *path, bool create, struct store **out)
{
	struct store *s;
	struct conn *c;
	enum err e;

	*out = NULL;
	if (!create && access(path, F_OK) != 0)
		return ERR_NOTFOUND;
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	pthread_mutex_init(&s->lock, NULL);
	if (pthread_key_create(&s->key, conn_destroy) != 0)
		BUG("out of pthread keys");
	/* From here every failure goes through store_close. */
	if (!(c = conn_new(s, create))) {
		e = ERR_IO;
		goto fail;
	}
	conn_link(s, c);
	if ((e = migrate_run(c)) != ERR_OK)
		goto fail;
	*out = s;
	return ERR_OK;
fail:
	store_close(s);
	return e;
}

void
store_close(struct store *s)
{
	struct conn *c, *next;

	if (!s)
		return;
	/* No destructor may run on a store being freed. */
	pthread_setspecific(s->key, NULL);
	pthread_key_delete(s->key);
	pthread_mutex_lock(&s->lock);
	for (c = s->conns; c; c = next) {
		next = c->next;
		conn_free(c);
	}
	s->conns = NULL;
	pthread_mutex_unlock(&s->lock);
	pthread_mutex_destroy(&s->lock);
	free(s->path);
	free(s);
}

/* Transactions */

/*
 * Begins a transaction, or a savepoint inside one; *nested says which.
 * Inside a bulk load neither: a savepoint per insert made SQLite free and
 * glibc trim memory on every release, half of a 100,000-item load in the
 * kernel; a failure there fails the whole bulk load instead
 * (bulk_failed), which store_bulk_end rolls back.
 */
static enum err
tx_begin(struct conn *c, bool *nested)
{
	int rc;

	*nested = !sqlite3_get_autocommit(c->db);
	if (c->bulk)
		return ERR_OK;
	rc = conn_exec(c, *nested ? STMT_SAVEPOINT : STMT_BEGIN);
	if (rc != SQLITE_OK)
		return store_db_err(c->db, rc, "cannot begin a transaction");
	return ERR_OK;
}

/* Commits if e is ERR_OK, else rolls back; returns the outcome. */
static enum err
tx_end(struct conn *c, bool nested, enum err e)
{
	int rc;

	if (c->bulk) {
		if (e != ERR_OK)
			c->bulk_failed = true;
		return e;
	}
	if (e == ERR_OK) {
		rc = conn_exec(c, nested ? STMT_RELEASE : STMT_COMMIT);
		if (rc == SQLITE_OK)
			return ERR_OK;
		e = store_db_err(c->db, rc, "cannot commit");
	}
	if (nested) {
		conn_exec(c, STMT_ROLLBACK_TO);
		conn_exec(c, STMT_RELEASE);
	} else if (!sqlite3_get_autocommit(c->db)) {
		conn_exec(c, STMT_ROLLBACK);
	}
	return e;
}

enum err
store_tx(struct store *s, enum err (*fn)(struct store *, void *), void *arg)
{
	struct conn *c = store_conn(s);
	bool nested;
	enum err e;

	if (!c)
		return ERR_IO;
	if ((e = tx_begin(c, &nested)) != ERR_OK)
		return e;
	return tx_end(c, nested, fn(s, arg));
}

/* Binding and reading */

static void
bind_size(sqlite3_stmt *q, int i, size_t v)
{
	sqlite3_bind_int64(q, i, v > INT64_MAX ? INT64_MAX : (int64_t)v);
}

static const char *
col_text(struct arena *a, sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	if (!t)
		return NULL;
	return arena_strndup(a, (const char *)t,
	                     (size_t)sqlite3_column_bytes(q, i));
}

const char *
stmt_col_text(struct arena *a, sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	if (!t)
		return "";
	return arena_strndup(a, (const char *)t,
	                     (size_t)sqlite3_column_bytes(q, i));
}

enum err
stmt_rows(sqlite3_stmt *q, struct arena *a, size_t size,
          void (*row)(struct arena *, sqlite3_stmt *, void *), void **out,
          size_t *n, const char *what)
{
	char *v = NULL;
	size_t cap = 0;
	enum err e = ERR_OK;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? st_mult(cap, 2) : 16;
			v = xrealloc(v, st_mult(cap, size));
		}
		row(a, q, v + st_mult((*n)++, size));
	}
	if (rc != SQLITE_DONE)
		e = store_db_err(sqlite3_db_handle(q), rc, what);
	sqlite3_reset(q);
	if (e == ERR_OK && *n) {
		*out = arena_alloc(a, st_mult(*n, size));
		memcpy(*out, v, *n * size);
	} else {
		*n = 0;
	}
	free(v);
	return e;
}

/* Reads ITEM_COLS (stmt_sqlite.c) from column 0. */
static void
item_row(struct arena *a, sqlite3_stmt *q, struct item *it)
{
	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(q, 0);
	if (!item_kind_from_code((const char *)sqlite3_column_text(q, 1),
	                         &it->kind))
		it->kind = ITEM_KIND_TIN;
	if (!item_state_from_code((const char *)sqlite3_column_text(q, 2),
	                          &it->state))
		it->state = ITEM_STATE_DRAFT;
	it->category_id = sqlite3_column_int64(q, 3);
	it->title = col_text(a, q, 4);
	it->slug = col_text(a, q, 5);
	it->summary = col_text(a, q, 6);
	it->author_name = col_text(a, q, 7);
	it->author_user_id = sqlite3_column_int64(q, 8);
	it->source = col_text(a, q, 9);
	it->source_date = (time_t)sqlite3_column_int64(q, 10);
	it->cover_image = col_text(a, q, 11);
	it->cover_alt = col_text(a, q, 12);
	it->featured = sqlite3_column_int(q, 13) != 0;
	it->created_at = (time_t)sqlite3_column_int64(q, 14);
	it->published_at = (time_t)sqlite3_column_int64(q, 15);
	it->updated_at = (time_t)sqlite3_column_int64(q, 16);
	it->hits = sqlite3_column_int64(q, 17);
}

/* Steps q to the end collecting items into out (arena); resets q. */
static enum err
item_list_run(struct conn *c, sqlite3_stmt *q, struct arena *a,
              struct item_list *out)
{
	struct item *v = NULL;
	size_t n = 0, cap = 0;
	enum err e = ERR_OK;
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? st_mult(cap, 2) : 16;
			v = xrealloc(v, st_mult(cap, sizeof(*v)));
		}
		item_row(a, q, &v[n++]);
	}
	if (rc != SQLITE_DONE)
		e = store_db_err(c->db, rc, "cannot list items");
	sqlite3_reset(q);
	out->n = 0;
	out->v = NULL;
	if (e == ERR_OK && n) {
		out->v = arena_alloc(a, st_mult(n, sizeof(*v)));
		memcpy(out->v, v, n * sizeof(*v));
		out->n = n;
	}
	free(v);
	return e;
}

/* Runs a one-row integer query (a count); resets q. */
static enum err
int_run(struct conn *c, sqlite3_stmt *q, int64_t *out)
{
	int rc = sqlite3_step(q);

	*out = 0;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(c->db, rc, "cannot count");
	return ERR_OK;
}

/* Runs a statement that returns no rows; resets q. */
static enum err
done_run(struct conn *c, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_db_err(c->db, rc, what);
	return ERR_OK;
}

/* Settings */

enum err
store_setting_get(struct store *s, struct arena *a, const char *key,
                  const char **out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	*out = NULL;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SETTING_GET);
	stmt_bind_text(q, 1, key);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = col_text(a, q, 0);
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return ERR_NOTFOUND;
	if (rc != SQLITE_ROW)
		return store_db_err(c->db, rc, "cannot read a setting");
	return ERR_OK;
}

enum err
store_setting_set(struct store *s, const char *key, const char *value)
{
	struct conn *c;
	sqlite3_stmt *q;

	if (!key || !value)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SETTING_SET);
	stmt_bind_text(q, 1, key);
	stmt_bind_text(q, 2, value);
	return done_run(c, q, "cannot write a setting");
}

enum err
store_setting_add(struct store *s, const char *key, const char *value)
{
	struct conn *c;
	sqlite3_stmt *q;

	if (!key || !value)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_SETTING_ADD);
	stmt_bind_text(q, 1, key);
	stmt_bind_text(q, 2, value);
	return done_run(c, q, "cannot add a setting");
}

/* Categories */

enum err
store_categories(struct store *s, struct arena *a, struct category **out,
                 size_t *n)
{
	struct category *v = NULL;
	size_t cap = 0;
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	*out = NULL;
	*n = 0;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_CATEGORY_LIST);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct category *g;

		if (*n == cap) {
			cap = cap ? st_mult(cap, 2) : 64;
			v = xrealloc(v, st_mult(cap, sizeof(*v)));
		}
		g = &v[(*n)++];
		g->id = sqlite3_column_int64(q, 0);
		g->parent_id = sqlite3_column_int64(q, 1);
		g->slug = col_text(a, q, 2);
		g->name = col_text(a, q, 3);
		g->description = col_text(a, q, 4);
		g->position = sqlite3_column_int(q, 5);
		g->hidden = sqlite3_column_int(q, 6) != 0;
		g->activity_news = sqlite3_column_int(q, 7) != 0;
		g->owner_unit_id = sqlite3_column_int64(q, 8);
	}
	if (rc != SQLITE_DONE)
		e = store_db_err(c->db, rc, "cannot list categories");
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

static void
bind_category(sqlite3_stmt *q, const struct category *g)
{
	stmt_bind_int0(q, 1, g->parent_id);
	stmt_bind_text(q, 2, g->slug);
	stmt_bind_text(q, 3, g->name);
	stmt_bind_text(q, 4, g->description);
	sqlite3_bind_int(q, 5, g->position);
	sqlite3_bind_int(q, 6, g->hidden);
	sqlite3_bind_int(q, 7, g->activity_news);
	stmt_bind_int0(q, 8, g->owner_unit_id);
}

enum err
store_category_insert(struct store *s, struct category *g)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e;

	if (!g->slug || !*g->slug || !g->name || !*g->name)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_CATEGORY_INSERT);
	bind_category(q, g);
	if ((e = done_run(c, q, "cannot insert a category")) != ERR_OK)
		return e;
	g->id = sqlite3_last_insert_rowid(c->db);
	return ERR_OK;
}

enum err
store_category_update(struct store *s, const struct category *g)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t loop = 0;
	bool nested;
	enum err e;

	if (!g->slug || !*g->slug || !g->name || !*g->name || g->id <= 0)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	if ((e = tx_begin(c, &nested)) != ERR_OK)
		return e;
	/* From here every failure goes through tx_end. */
	if (g->parent_id) {
		if (!(q = conn_stmt(c, STMT_CATEGORY_CYCLE))) {
			e = ERR_DB;
			goto out;
		}
		sqlite3_bind_int64(q, 1, g->parent_id);
		sqlite3_bind_int64(q, 2, g->id);
		if ((e = int_run(c, q, &loop)) != ERR_OK)
			goto out;
		if (loop) {
			e = ERR_INVALID;
			goto out;
		}
	}
	if (!(q = conn_stmt(c, STMT_CATEGORY_UPDATE))) {
		e = ERR_DB;
		goto out;
	}
	bind_category(q, g);
	sqlite3_bind_int64(q, 9, g->id);
	if ((e = done_run(c, q, "cannot update a category")) == ERR_OK &&
	    sqlite3_changes(c->db) == 0)
		e = ERR_NOTFOUND;
out:
	return tx_end(c, nested, e);
}

/* Items */

static bool
item_valid(const struct item *it)
{
	if ((unsigned)it->kind >= ITEM_KIND__MAX ||
	    (unsigned)it->state >= ITEM_STATE__MAX || it->category_id <= 0 ||
	    !it->title || !*it->title)
		return false;
	return it->state != ITEM_STATE_PUBLISHED || it->published_at != 0;
}

/* Binds STMT_ITEM_INSERT / STMT_ITEM_UPDATE parameters 1..18; body_text
 * must outlive the statement's use. */
static void
bind_item(sqlite3_stmt *q, const struct item *it, const struct buf *body_text)
{
	sqlite3_bind_text(q, 1, kind_codes[it->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, state_codes[it->state], -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, it->category_id);
	stmt_bind_text(q, 4, it->title);
	stmt_bind_text(q, 5, it->slug);
	stmt_bind_text(q, 6, it->summary);
	stmt_bind_text(q, 7, it->body_html);
	sqlite3_bind_text(q, 8, body_text->p, (int)body_text->len,
	                  SQLITE_STATIC);
	stmt_bind_text(q, 9, it->author_name);
	stmt_bind_int0(q, 10, it->author_user_id);
	stmt_bind_text(q, 11, it->source);
	stmt_bind_int0(q, 12, (int64_t)it->source_date);
	stmt_bind_text_null(q, 13, it->cover_image);
	stmt_bind_text_null(q, 14, it->cover_alt);
	sqlite3_bind_int(q, 15, it->featured);
	sqlite3_bind_int64(q, 16, (int64_t)it->created_at);
	stmt_bind_int0(q, 17, (int64_t)it->published_at);
	stmt_bind_int0(q, 18, (int64_t)it->updated_at);
}

/* Runs STMT_FTS_ADD or STMT_FTS_REMOVE for item id, unless a bulk load
 * defers indexing to its end. */
static enum err
fts_sync(struct conn *c, enum stmt st, int64_t id)
{
	sqlite3_stmt *q;

	if (c->bulk) {
		c->bulk_dirty = true;
		return ERR_OK;
	}
	if (!(q = conn_stmt(c, st)))
		return ERR_DB;
	sqlite3_bind_int64(q, 1, id);
	return done_run(c, q, "cannot update the search index");
}

static void
body_text_of(struct buf *out, const struct item *it)
{
	if (it->body_html)
		html_text(out, it->body_html, strlen(it->body_html));
	if (out->len > INT_MAX)
		buf_truncate(out, 0);
}

enum err
store_item_insert(struct store *s, struct item *it)
{
	struct buf text = BUF_INIT;
	struct conn *c;
	sqlite3_stmt *q;
	bool nested;
	enum err e;

	if (!item_valid(it))
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	if ((e = tx_begin(c, &nested)) != ERR_OK)
		return e;
	/* From here every failure goes through out. */
	if (!(q = conn_stmt(c, STMT_ITEM_INSERT))) {
		e = ERR_DB;
		goto out;
	}
	body_text_of(&text, it);
	bind_item(q, it, &text);
	sqlite3_bind_int64(q, 19, it->hits);
	if ((e = done_run(c, q, "cannot insert an item")) != ERR_OK)
		goto out;
	it->id = sqlite3_last_insert_rowid(c->db);
	e = fts_sync(c, STMT_FTS_ADD, it->id);
out:
	buf_release(&text);
	e = tx_end(c, nested, e);
	if (e != ERR_OK)
		it->id = 0;
	return e;
}

enum err
store_item_update(struct store *s, const struct item *it)
{
	struct buf text = BUF_INIT;
	struct conn *c;
	sqlite3_stmt *q;
	bool nested;
	enum err e;

	if (!item_valid(it) || it->id <= 0)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	if ((e = tx_begin(c, &nested)) != ERR_OK)
		return e;
	/* From here every failure goes through out.  The old index entry
	 * goes first, while the row still holds the indexed values. */
	if ((e = fts_sync(c, STMT_FTS_REMOVE, it->id)) != ERR_OK)
		goto out;
	if (!(q = conn_stmt(c, STMT_ITEM_UPDATE))) {
		e = ERR_DB;
		goto out;
	}
	body_text_of(&text, it);
	bind_item(q, it, &text);
	sqlite3_bind_int64(q, 19, it->id);
	if ((e = done_run(c, q, "cannot update an item")) != ERR_OK)
		goto out;
	if (sqlite3_changes(c->db) == 0) {
		e = ERR_NOTFOUND;
		goto out;
	}
	e = fts_sync(c, STMT_FTS_ADD, it->id);
out:
	buf_release(&text);
	return tx_end(c, nested, e);
}

enum err
store_item_get(struct store *s, struct arena *a, int64_t id, struct item *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ITEM_GET);
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		item_row(a, q, out);
		out->body_html = col_text(a, q, 18);
	}
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return ERR_NOTFOUND;
	if (rc != SQLITE_ROW)
		return store_db_err(c->db, rc, "cannot read an item");
	return ERR_OK;
}

enum err
store_items_latest(struct store *s, struct arena *a, int64_t category_id,
                   size_t offset, size_t limit, struct item_list *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t total;
	int p = 1;
	enum err e;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c,
	             category_id ? STMT_ITEMS_PUBLISHED_TREE
	                         : STMT_ITEMS_PUBLISHED_SITE);
	if (category_id)
		sqlite3_bind_int64(q, 1, category_id);
	if ((e = int_run(c, q, &total)) != ERR_OK)
		return e;
	STMT_OR_FAIL(q, c,
	             category_id ? STMT_ITEMS_LATEST_TREE
	                         : STMT_ITEMS_LATEST_SITE);
	if (category_id)
		sqlite3_bind_int64(q, p++, category_id);
	bind_size(q, p++, limit);
	bind_size(q, p, offset);
	e = item_list_run(c, q, a, out);
	out->total = (size_t)total;
	return e;
}

enum err
store_items_featured(struct store *s, struct arena *a, int64_t category_id,
                     size_t limit, struct item_list *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int p = 1;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c,
	             category_id ? STMT_ITEMS_FEATURED_TREE
	                         : STMT_ITEMS_FEATURED_SITE);
	if (category_id)
		sqlite3_bind_int64(q, p++, category_id);
	bind_size(q, p, limit);
	return item_list_run(c, q, a, out);
}

enum err
store_items_related(struct store *s, struct arena *a, const struct item *it,
                    size_t limit, struct item_list *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	time_t t = it->published_at ? it->published_at : it->created_at;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ITEMS_RELATED);
	sqlite3_bind_int64(q, 1, it->category_id);
	sqlite3_bind_int64(q, 2, (int64_t)t);
	sqlite3_bind_int64(q, 3, it->id);
	bind_size(q, 4, limit);
	return item_list_run(c, q, a, out);
}

enum err
store_items_for_sitemap(struct store *s, struct arena *a, size_t offset,
                        size_t limit, struct item_list *out)
{
	struct item *v = NULL;
	size_t n = 0, cap = 0;
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ITEMS_PUB_COUNT);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		out->total = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_db_err(c->db, rc, "cannot count published items");
	if (limit == 0)
		return ERR_OK;
	STMT_OR_FAIL(q, c, STMT_ITEMS_SITEMAP);
	bind_size(q, 1, limit);
	bind_size(q, 2, offset);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct item *it;

		if (n == cap) {
			cap = cap ? st_mult(cap, 2) : 256;
			v = xrealloc(v, st_mult(cap, sizeof(*v)));
		}
		it = &v[n++];
		memset(it, 0, sizeof(*it));
		it->id = sqlite3_column_int64(q, 0);
		it->slug = col_text(a, q, 1);
		it->category_id = sqlite3_column_int64(q, 2);
		it->state = ITEM_STATE_PUBLISHED;
		it->published_at = (time_t)sqlite3_column_int64(q, 3);
		it->updated_at = (time_t)sqlite3_column_int64(q, 4);
	}
	if (rc != SQLITE_DONE)
		e = store_db_err(c->db, rc, "cannot list the sitemap");
	sqlite3_reset(q);
	if (e == ERR_OK && n) {
		out->v = arena_alloc(a, st_mult(n, sizeof(*v)));
		memcpy(out->v, v, n * sizeof(*v));
		out->n = n;
	}
	free(v);
	return e;
}

enum err
store_items_count(struct store *s, int64_t *out)
{
	struct conn *c;
	sqlite3_stmt *q;

	CONN_OR_FAIL(c, s);
	STMT_OR_FAIL(q, c, STMT_ITEMS_COUNT);
	return int_run(c, q, out);
}

/* Search
 *
 * Measured at 100,000 demo items (tests/tools/store_bench.c), the old
 * single statement (bm25 over the newest 200 matches, a join to item for
 * the filters, FTS5 snippet per hit) took 25 ms at the median and over
 * 100 ms at p95.  Where the time went, and what replaced it:
 *  - bm25() walks every query term's whole doclist for its IDF (5 ms for
 *    two common words): replaced by ttdt_rank (fts_rank.c), which reads
 *    only the current row's positions;
 *  - a section or date filter was a join checked row by row, so a small
 *    section walked every match of the words (100+ ms): the filter is
 *    now part of the FTS5 query, as terms of the tags column that FTS5
 *    intersects with the words by seeking in its doclists;
 *  - the automatic prefix on the last word merges the doclists of every
 *    word with that prefix before the first row (up to 17 ms): the
 *    domain now tries it only when the whole word finds little
 *    (src/domain/search.c).
 * What is left per search is the candidate walk (about 1 us a row), one
 * row lookup per hit shown and one snippet() per hit (about 30 us each).
 */

/* A prefix stands for at most this many words, the most common: the OR
 * stays short, and rarer words of the prefix are rarely what was meant. */
#define SEARCH_PREFIX_WORDS 16

/* Appends match to out, a trailing prefix term ("word"*) replaced by the
 * words of the index it stands for, ("w1" OR "w2" ...), joined with an
 * explicit AND (FTS5 has no implicit AND before a parenthesis).  *none is
 * set when no word of the index has the prefix. */
static enum err
search_add_words(struct conn *c, const char *match, struct buf *out, bool *none)
{
	size_t len = strlen(match), open, n = 0;
	struct buf hi = BUF_INIT;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	if (len < 3 || match[len - 1] != '*' || match[len - 2] != '"') {
		buf_adds(out, match);
		return ERR_OK;
	}
	for (open = len - 2; open > 0 && match[open - 1] != '"'; open--)
		;
	/* Not a single word (a phrase prefix, or no opening quote): leave
	 * it to FTS5. */
	if (open == 0 || memchr(match + open, ' ', len - 2 - open)) {
		buf_adds(out, match);
		return ERR_OK;
	}
	STMT_OR_FAIL(q, c, STMT_SEARCH_PREFIX);
	buf_add(&hi, match + open, len - 2 - open);
	buf_addch(&hi, (char)0xff);
	sqlite3_bind_text(q, 1, match + open, (int)(len - 2 - open),
	                  SQLITE_STATIC);
	sqlite3_bind_text(q, 2, hi.p, (int)hi.len, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, SEARCH_PREFIX_WORDS);
	buf_add(out, match, open - 1);
	buf_adds(out, open > 1 ? "AND (" : "(");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);

		/* A term is letters and digits (the tokenizer's), so it
		 * can be quoted as it is. */
		if (!t || strchr(t, '"'))
			continue;
		buf_addf(out, "%s\"%s\"", n ? " OR " : "", t);
		n++;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		e = store_db_err(c->db, rc, "cannot expand a prefix");
	buf_addch(out, ')');
	*none = n == 0;
	buf_release(&hi);
	return e;
}

/* The FTS5 query for sq into out: the words, restricted to the text
 * columns (typed words must never match tags; its first *words_len
 * bytes, for snippet()), then the section and date filters as tags
 * terms.  *none is set when nothing can match (a prefix no word has, a
 * date range outside every published item). */
static enum err
search_fts_query(struct conn *c, const struct search_query *sq, struct buf *out,
                 size_t *words_len, bool *none)
{
	sqlite3_stmt *q;
	int rc;

	enum err e;

	*none = false;
	buf_adds(out, "{title summary body_text} : (");
	if ((e = search_add_words(c, sq->match, out, none)) != ERR_OK || *none)
		return e;
	buf_addch(out, ')');
	*words_len = out->len;
	if (sq->category_id) {
		bool first = true;

		STMT_OR_FAIL(q, c, STMT_CATEGORY_SUBTREE);
		sqlite3_bind_int64(q, 1, sq->category_id);
		buf_adds(out, " AND tags : (");
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			buf_addf(out, "%s\"c%lld\"", first ? "" : " OR ",
			         (long long)sqlite3_column_int64(q, 0));
			first = false;
		}
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			return store_db_err(c->db, rc, "cannot read sections");
		buf_addch(out, ')');
	}
	if (sq->from || sq->to) {
		int64_t lo = sq->from, hi = sq->to;
		struct tm a, b;
		time_t t;
		bool first = true;

		/* An open end is the first or last published item, so
		 * that the months below are a short list. */
		STMT_OR_FAIL(q, c, STMT_ITEMS_PUB_SPAN);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			if (sqlite3_column_type(q, 0) == SQLITE_NULL) {
				*none = true;
			} else {
				if (!lo || lo < sqlite3_column_int64(q, 0))
					lo = sqlite3_column_int64(q, 0);
				if (!hi || hi > sqlite3_column_int64(q, 1))
					hi = sqlite3_column_int64(q, 1);
			}
		}
		sqlite3_reset(q);
		if (rc != SQLITE_ROW)
			return store_db_err(c->db, rc, "cannot read dates");
		if (*none || lo > hi) {
			*none = true;
			return ERR_OK;
		}
		t = (time_t)lo;
		gmtime_r(&t, &a);
		t = (time_t)hi;
		gmtime_r(&t, &b);
		/* Months of the first year, whole years, months of the
		 * last: every month that overlaps [lo, hi] (UTC, as
		 * item_pub writes the tags); the exact bounds are checked
		 * against published_at in STMT_SEARCH_CAND. */
		buf_adds(out, " AND tags : (");
		for (int y = a.tm_year + 1900; y <= b.tm_year + 1900; y++) {
			int m0 = y == a.tm_year + 1900 ? a.tm_mon + 1 : 1;
			int m1 = y == b.tm_year + 1900 ? b.tm_mon + 1 : 12;

			if (m0 == 1 && m1 == 12) {
				buf_addf(out, "%s\"y%04d\"",
				         first ? "" : " OR ", y);
				first = false;
				continue;
			}
			for (int m = m0; m <= m1; m++) {
				buf_addf(out, "%s\"m%04d%02d\"",
				         first ? "" : " OR ", y, m);
				first = false;
			}
		}
		buf_addch(out, ')');
	}
	return ERR_OK;
}

/* The progress handler of a search: interrupts the statement once the
 * deadline (CLOCK_MONOTONIC, in ns) has passed. */
static int
search_over_budget(void *p)
{
	const int64_t *deadline = p;
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec > *deadline;
}

struct search_cand {
	int64_t id;
	double score; /* higher is better */
};

/* Best first; among equals the newer (higher id). */
static int
search_cand_cmp(const void *pa, const void *pb)
{
	const struct search_cand *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return (a->id < b->id) - (a->id > b->id);
}

/* The recency factor: 1 today, 0.75 a year ago, towards 0.5 for old
 * items, so that of two equally relevant items the newer comes first,
 * while an old item with the words in its title still beats a new one
 * with them only in the body (10 x 0.5 > 2.5 x 1). */
static double
search_recency(time_t now, int64_t published_at)
{
	double age = (double)MAX((int64_t)0, (int64_t)now - published_at);

	return 0.5 + 0.5 / (1.0 + age / 31536000.0);
}

/* Steps STMT_SEARCH_CAND into v (at most STORE_SEARCH_MAX); a progress
 * handler stops it when the budget is spent, and then *partial is set
 * and v holds what was found until then. */
static enum err
search_candidates(struct conn *c, const struct search_query *sq,
                  const struct buf *fts, struct search_cand *v, size_t *n,
                  bool *partial)
{
	unsigned budget =
	        sq->budget_us ? sq->budget_us : STORE_SEARCH_BUDGET_US;
	time_t now = time(NULL);
	struct timespec t;
	int64_t deadline;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc;

	*n = 0;
	*partial = false;
	STMT_OR_FAIL(q, c, STMT_SEARCH_CAND);
	sqlite3_bind_text(q, 1, fts->p, (int)fts->len, SQLITE_STATIC);
	stmt_bind_int0(q, 2, (int64_t)sq->from);
	stmt_bind_int0(q, 3, (int64_t)sq->to);
	sqlite3_bind_int(q, 4, STORE_SEARCH_MAX);
	clock_gettime(CLOCK_MONOTONIC, &t);
	deadline = (int64_t)t.tv_sec * 1000000000 + t.tv_nsec +
	           (int64_t)budget * 1000;
	/* Every 100 virtual machine steps: a few microseconds apart. */
	sqlite3_progress_handler(c->db, 100, search_over_budget, &deadline);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < STORE_SEARCH_MAX) {
		v[*n].id = sqlite3_column_int64(q, 0);
		v[*n].score = sqlite3_column_double(q, 1) *
		              search_recency(now, sqlite3_column_int64(q, 2));
		(*n)++;
	}
	sqlite3_progress_handler(c->db, 0, NULL, NULL);
	if (rc == SQLITE_INTERRUPT) {
		log_warnx("search: '%s' over its budget of %u us, %zu found",
		          fts->p, budget, *n);
		*partial = true;
	} else if (rc == SQLITE_ERROR) {
		/* The statement itself prepared, so a plain SQLITE_ERROR
		 * while stepping is FTS5 refusing the query ("fts5: syntax
		 * error", "unterminated string"): a bad request, not a
		 * broken database. */
		log_warnx("search: bad query '%s': %s", fts->p,
		          sqlite3_errmsg(c->db));
		e = ERR_INVALID;
	} else if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		e = store_db_err(c->db, rc, "cannot search");
	}
	sqlite3_reset(q);
	return e;
}

/* Fills hit h (item id) with its row and snippet. */
static enum err
search_hit_load(struct conn *c, struct arena *a, const struct buf *words,
                int64_t id, struct search_hit *h)
{
	sqlite3_stmt *q;
	int rc;

	STMT_OR_FAIL(q, c, STMT_SEARCH_HIT);
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		item_row(a, q, &h->item);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE
		               ? ERR_NOTFOUND
		               : store_db_err(c->db, rc, "cannot read a hit");
	/* snippet() needs the match: the words alone, so that it picks
	 * the text column where they are. */
	STMT_OR_FAIL(q, c, STMT_SEARCH_SNIPPET);
	sqlite3_bind_text(q, 1, words->p, (int)words->len, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, id);
	rc = sqlite3_step(q);
	h->snippet = rc == SQLITE_ROW ? col_text(a, q, 0) : NULL;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(c->db, rc, "cannot cut a snippet");
	if (!h->snippet)
		h->snippet = "";
	return ERR_OK;
}

enum err
store_search(struct store *s, struct arena *a, const struct search_query *sq,
             struct search_result *out)
{
	struct search_cand v[STORE_SEARCH_MAX];
	struct buf fts = BUF_INIT, words = BUF_INIT;
	size_t n = 0, from, to, words_len = 0;
	struct conn *c;
	bool none, nested;
	enum err e;

	memset(out, 0, sizeof(*out));
	if (!sq->match || !*sq->match)
		return ERR_INVALID;
	CONN_OR_FAIL(c, s);
	/* One read transaction: the candidates and the rows shown come
	 * from the same snapshot even while an editor publishes. */
	if (sqlite3_get_autocommit(c->db)) {
		if (conn_exec(c, STMT_BEGIN_READ) != SQLITE_OK)
			return store_db_err(c->db, sqlite3_errcode(c->db),
			                    "cannot begin a read");
		nested = false;
	} else {
		nested = true;
	}
	/* From here every failure goes through out. */
	if ((e = search_fts_query(c, sq, &fts, &words_len, &none)) != ERR_OK ||
	    none)
		goto out;
	if ((e = search_candidates(c, sq, &fts, v, &n, &out->partial)) !=
	    ERR_OK)
		goto out;
	qsort(v, n, sizeof(*v), search_cand_cmp);
	out->total = n;
	from = MIN(sq->offset, n);
	to = from + MIN(sq->limit, n - from);
	if (to == from)
		goto out;
	buf_add(&words, fts.p, words_len);
	out->v = arena_calloc(a, to - from, sizeof(*out->v));
	for (size_t i = from; i < to; i++) {
		struct search_hit *h = &out->v[out->n];

		e = search_hit_load(c, a, &words, v[i].id, h);
		if (e == ERR_NOTFOUND)
			continue; /* cannot happen inside the snapshot */
		if (e != ERR_OK)
			goto out;
		/* Lower is better, as with bm25, which rank once was. */
		h->rank = -v[i].score;
		out->n++;
	}
	e = ERR_OK;
out:
	if (!nested)
		conn_exec(c, STMT_COMMIT);
	if (e != ERR_OK) {
		out->v = NULL;
		out->n = out->total = 0;
	}
	buf_release(&fts);
	buf_release(&words);
	return e;
}

/* Statistics */

enum err
store_views_add(struct store *s, const struct view_count *v, size_t n)
{
	struct conn *c;
	sqlite3_stmt *q;
	bool nested;
	enum err e = ERR_OK;

	if (n == 0)
		return ERR_OK;
	CONN_OR_FAIL(c, s);
	if ((e = tx_begin(c, &nested)) != ERR_OK)
		return e;
	/* From here every failure goes through tx_end. */
	for (size_t i = 0; e == ERR_OK && i < n; i++) {
		if (v[i].count <= 0)
			continue;
		if (v[i].item_id) {
			if (!(q = conn_stmt(c, STMT_VIEWS_HITS))) {
				e = ERR_DB;
				break;
			}
			sqlite3_bind_int64(q, 1, v[i].item_id);
			sqlite3_bind_int64(q, 2, v[i].count);
			if ((e = done_run(c, q, "cannot count views")) !=
			    ERR_OK)
				break;
			if (!(q = conn_stmt(c, STMT_VIEWS_DAY_ITEM))) {
				e = ERR_DB;
				break;
			}
			sqlite3_bind_int(q, 1, v[i].day);
			sqlite3_bind_int64(q, 2, v[i].item_id);
			sqlite3_bind_int64(q, 3, v[i].count);
			if ((e = done_run(c, q, "cannot count views")) !=
			    ERR_OK)
				break;
		}
		if (v[i].category_id) {
			if (!(q = conn_stmt(c, STMT_VIEWS_DAY_CATEGORY))) {
				e = ERR_DB;
				break;
			}
			sqlite3_bind_int(q, 1, v[i].day);
			sqlite3_bind_int64(q, 2, v[i].category_id);
			sqlite3_bind_int64(q, 3, v[i].count);
			e = done_run(c, q, "cannot count views");
		}
	}
	return tx_end(c, nested, e);
}

/* Bulk loading and checks */

enum err
store_bulk_begin(struct store *s)
{
	struct conn *c;
	int rc;

	CONN_OR_FAIL(c, s);
	if (c->bulk || !sqlite3_get_autocommit(c->db))
		BUG("store_bulk_begin inside a transaction");
	if ((rc = conn_exec(c, STMT_BEGIN)) != SQLITE_OK)
		return store_db_err(c->db, rc, "cannot begin a bulk load");
	c->bulk = true;
	c->bulk_dirty = false;
	c->bulk_failed = false;
	return ERR_OK;
}

enum err
store_bulk_end(struct store *s)
{
	struct conn *c;
	enum err e = ERR_OK;
	int rc;

	CONN_OR_FAIL(c, s);
	if (!c->bulk)
		BUG("store_bulk_end without store_bulk_begin");
	c->bulk = false;
	if (c->bulk_failed) {
		c->bulk_failed = false;
		c->bulk_dirty = false;
		return tx_end(c, false, ERR_INVALID);
	}
	/* Indexing everything at once builds large segments directly;
	 * measured faster than indexing item by item (store_bench). */
	if (c->bulk_dirty &&
	    ((rc = conn_exec(c, STMT_FTS_REBUILD)) != SQLITE_OK ||
	     (rc = conn_exec(c, STMT_FTS_OPTIMIZE)) != SQLITE_OK))
		e = store_db_err(c->db, rc, "cannot index the bulk load");
	c->bulk_dirty = false;
	return tx_end(c, false, e);
}

enum err
store_check(struct store *s)
{
	struct conn *c;
	sqlite3_stmt *q;
	enum err e = ERR_OK;
	int rc, rows = 0;

	CONN_OR_FAIL(c, s);
	for (int i = 0; i < STMT__MAX; i++)
		if (!conn_stmt(c, (enum stmt)i))
			e = ERR_INVALID;
	if (e != ERR_OK)
		return e;
	q = conn_stmt(c, STMT_INTEGRITY);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(q, 0);

		if ((!r || strcmp(r, "ok") != 0) && e == ERR_OK) {
			log_errx("sqlite: '%s': integrity_check: %.200s",
			         s->path, r ? r : "?");
			e = ERR_INVALID;
		}
		rows++;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE || rows == 0)
		return store_db_err(c->db, rc, "integrity_check");
	if (e != ERR_OK)
		return e;
	if ((rc = conn_exec(c, STMT_FTS_CHECK)) != SQLITE_OK) {
		store_db_err(c->db, rc, "search index integrity-check");
		return ERR_INVALID;
	}
	return ERR_OK;
}
