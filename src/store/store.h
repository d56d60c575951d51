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
/* Published items for the sitemaps, newest first: limit of them from
 * offset, with id, slug, category_id, published_at and updated_at only;
 * out->total is the number of published items (STMT_ITEMS_SITEMAP,
 * STMT_ITEMS_PUB_COUNT). */
enum err store_items_for_sitemap(struct store *s, struct arena *a,
                                 size_t offset, size_t limit,
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
/* Writes key only if it has no value yet, so that the first of several
 * nodes to start decides a shared value; read it back with _get. */
enum err store_setting_add(struct store *s, const char *key, const char *value);

/* Bulk loading (demo and benchmark data) on the calling thread: one
 * transaction (BEGIN IMMEDIATE) until store_bulk_end, which rebuilds and
 * optimises the search index once instead of indexing item by item, then
 * commits.  Other threads' writes wait meanwhile. */
enum err store_bulk_begin(struct store *s);
enum err store_bulk_end(struct store *s);

/* ------------------------------------------------------------------------
 * People and security (0002-people.sql): unit kinds, units, accounts and
 * their roles, sessions, per-address login throttling (store_people.c);
 * the hash-chained audit log (store_audit.c).  The rules — validation,
 * passwords, lock-out, hashing the chain — live in src/domain (unit.c,
 * user.c, password.c, audit.c); these functions only read and write rows.
 * Writes that must be audited run inside the caller's store_tx together
 * with audit_append, so a change and its audit entry commit together.
 * ---------------------------------------------------------------------- */

struct unit_kind {
	int64_t id;
	const char *code; /* "phong-tu-phap-huyen" */
	const char *name; /* "Phòng tư pháp cấp huyện" */
};

/* A unit of the Department or a district justice office (Điều 8.1,
 * 9.1.a).  Closed units stay, with closed_at set. */
struct unit {
	int64_t id;
	int64_t kind_id;
	const char *kind_code; /* read only: from unit_kind */
	const char *kind_name; /* read only */
	int64_t parent_id;     /* 0: none */
	const char *name;
	const char *address;
	const char *phone;
	const char *fax;
	const char *email;
	int64_t focal_user_id; /* Điều 9.1.a; 0: none named */
	int position;
	time_t created_at;
	time_t closed_at; /* 0: open */
};

/* An account.  roles is a comma-separated list of role codes (role.c),
 * in no particular order, "" for none; the store checks nothing about
 * them but what the schema's CHECK does. */
struct user {
	int64_t id;
	const char *email; /* lower-case, unique */
	const char *full_name;
	const char *title;
	int64_t unit_id; /* 0: none */
	const char *phone;
	const char *roles;
	bool professional; /* Điều 17.3: counts for the monthly quota */
	bool active;
	bool must_change_password;
	const char *password_hash;  /* argon2id string, "" for none */
	time_t password_changed_at; /* 0: never */
	time_t last_login_at;       /* 0: never */
	int failed_count;
	time_t locked_until; /* 0: not locked */
	const char *totp_secret;
	const char *recovery_codes;
	time_t created_at;
};

/* A newsroom session: id is the hex SHA-256 of the cookie's token. */
struct session {
	const char *id;
	int64_t user_id;
	time_t created_at;
	time_t last_seen_at;
	const char *client_addr;
	const char *user_agent;
};

/* One entry of the audit log.  detail is JSON text; prev_hash and hash
 * are 64 lower-case hex digits (see audit.c for what is hashed). */
struct audit_entry {
	int64_t id;
	time_t at;             /* UTC */
	int64_t actor_user_id; /* 0: not an account (the command line) */
	const char *actor_name;
	const char *client_addr;
	const char *action; /* "user.add", "login.fail", ... */
	const char *object_type;
	int64_t object_id; /* 0: none */
	const char *detail;
	const char *prev_hash;
	const char *hash;
};

/* Unit kinds in their order (STMT_UNIT_KIND_LIST). */
enum err store_unit_kinds(struct store *s, struct arena *a,
                          struct unit_kind **out, size_t *n);
/* Units, open ones first, by kind, position, id (STMT_UNIT_LIST). */
enum err store_units(struct store *s, struct arena *a, struct unit **out,
                     size_t *n);
/* One unit (STMT_UNIT_GET); ERR_NOTFOUND if there is none. */
enum err store_unit_get(struct store *s, struct arena *a, int64_t id,
                        struct unit *out);
/* Inserts u and sets u->id (STMT_UNIT_INSERT); ERR_INVALID for a missing
 * name, an unknown kind, parent or focal point. */
enum err store_unit_insert(struct store *s, struct unit *u);
/* Updates every field but created_at (STMT_UNIT_UPDATE); ERR_NOTFOUND
 * for an unknown id, ERR_INVALID as for insert or if the new parent would
 * close a loop (STMT_UNIT_CYCLE). */
enum err store_unit_update(struct store *s, const struct unit *u);

/* Accounts by id, all or those of unit unit_id (0: all) (STMT_USER_LIST). */
enum err store_users(struct store *s, struct arena *a, int64_t unit_id,
                     struct user **out, size_t *n);
/* One account by id (STMT_USER_GET) or by lower-case e-mail
 * (STMT_USER_BY_EMAIL); ERR_NOTFOUND if none. */
enum err store_user_get(struct store *s, struct arena *a, int64_t id,
                        struct user *out);
enum err store_user_by_email(struct store *s, struct arena *a,
                             const char *email, struct user *out);
/* Inserts u with its roles and sets u->id, in one transaction
 * (STMT_USER_INSERT, STMT_USER_ROLES_ADD); ERR_CONFLICT if the e-mail is
 * taken, ERR_INVALID for a bad role code or unit. */
enum err store_user_insert(struct store *s, struct user *u);
/* Writes every field of u but created_at, roles included, in one
 * transaction (STMT_USER_UPDATE, STMT_USER_ROLES_CLEAR/ADD);
 * ERR_NOTFOUND, ERR_CONFLICT, ERR_INVALID as above. */
enum err store_user_update(struct store *s, const struct user *u);

/* Sessions (STMT_SESSION_*).  get: ERR_NOTFOUND if there is no session
 * with that id; touch and delete: ERR_NOTFOUND if none was changed.
 * delete_user removes every session of an account (log out everywhere)
 * and sets *n (may be NULL) to how many; delete_old those idle since
 * idle_before or created before created_before. */
enum err store_session_insert(struct store *s, const struct session *se);
enum err store_session_get(struct store *s, struct arena *a, const char *id,
                           struct session *out);
enum err store_session_touch(struct store *s, const char *id, time_t now);
enum err store_session_delete(struct store *s, const char *id);
enum err store_session_delete_user(struct store *s, int64_t user_id,
                                   int64_t *n);
enum err store_session_delete_old(struct store *s, time_t idle_before,
                                  time_t created_before);

/* Failed log-ins per client address (STMT_ATTEMPT_*).  get: *failures 0
 * and *last_at 0 when the address has none.  add counts one more failure
 * at now, starting again from one if the last was before window_start.
 * purge drops rows last touched before before. */
enum err store_login_attempt_get(struct store *s, const char *addr,
                                 int *failures, time_t *last_at);
enum err store_login_attempt_add(struct store *s, const char *addr, time_t now,
                                 time_t window_start);
enum err store_login_attempt_clear(struct store *s, const char *addr);
enum err store_login_attempt_purge(struct store *s, time_t before);

/* The audit log (store_audit.c).  tail gives the newest entry's id and
 * hash (0 and NULL when empty, hash in a) and the highest id ever given,
 * *seq (0 if none).  Call it and store_audit_insert inside one store_tx
 * (audit_append does), so no other writer slips in between. */
enum err store_audit_tail(struct store *s, struct arena *a, int64_t *last_id,
                          const char **last_hash, int64_t *seq);
/* Inserts e as it is, id included (STMT_AUDIT_INSERT). */
enum err store_audit_insert(struct store *s, const struct audit_entry *e);
/* Calls fn on every entry with id >= from_id and from <= at <= to (0:
 * open), in id order, as one read snapshot; the strings are valid
 * during the call only.  Stops at the first fn result other than ERR_OK
 * and returns it (STMT_AUDIT_LIST). */
enum err store_audit_each(struct store *s, int64_t from_id, time_t from,
                          time_t to,
                          enum err (*fn)(const struct audit_entry *, void *),
                          void *arg);
/* The first id with at >= t, 0 if none (STMT_AUDIT_FIRST_FROM). */
enum err store_audit_first_from(struct store *s, time_t t, int64_t *id);
/* The newest entry with id < below (0: of all) (STMT_AUDIT_LAST_BELOW);
 * ERR_NOTFOUND if none. */
enum err store_audit_last_below(struct store *s, struct arena *a, int64_t below,
                                struct audit_entry *out);
/* Deletes every entry with id <= last_id, sets *n (STMT_AUDIT_DELETE_UPTO).
 * Only audit_purge calls this, inside its transaction. */
enum err store_audit_delete_upto(struct store *s, int64_t last_id, int64_t *n);

/* ------------------------------------------------------------------------
 * The second factor (0003-totp.sql, store_totp.c): the TOTP state that
 * struct user does not carry.  The active secret and the recovery-code
 * hashes stay in struct user (totp_secret, recovery_codes) and are written
 * by store_user_update; these columns are written only here, so a caller
 * that changes both reads both, then writes both, inside one store_tx.
 * The rules (RFC 6238, replay, lock-out) are the domain's (totp.c).
 * ---------------------------------------------------------------------- */

struct totp_state {
	const char *pending; /* base32 secret being enrolled, "" for none */
	time_t pending_at;   /* when it was made; 0: none */
	int64_t last_step;   /* last accepted 30-second step; 0: none */
	int failed;          /* wrong second-factor codes since the last good */
};

/* The TOTP state of account user_id, strings in a (STMT_TOTP_GET);
 * ERR_NOTFOUND if there is no such account. */
enum err store_totp_get(struct store *s, struct arena *a, int64_t user_id,
                        struct totp_state *out);
/* Writes every field of t to account user_id (STMT_TOTP_SET);
 * ERR_NOTFOUND if there is no such account. */
enum err store_totp_set(struct store *s, int64_t user_id,
                        const struct totp_state *t);

/* ------------------------------------------------------------------------
 * Password reset links (0004-password-reset.sql, store_reset.c): rows in,
 * rows out; the token, its hash, expiry and the audit are the domain's
 * (src/domain/reset.c), which calls these inside its store_tx.
 * ---------------------------------------------------------------------- */

struct reset_link {
	const char *id; /* hex SHA-256 of the link's token */
	int64_t user_id;
	time_t created_at;
	time_t expires_at;
	time_t used_at;   /* 0: not used */
	time_t voided_at; /* 0: not voided by a newer link */
};

/* Inserts l (STMT_RESET_INSERT); ERR_CONFLICT if the id exists or the
 * account does not (a constraint either way). */
enum err store_reset_insert(struct store *s, const struct reset_link *l);
/* Voids, at now, every link of user_id neither used nor voided yet
 * (STMT_RESET_VOID); *n (may be NULL) gets how many. */
enum err store_reset_void_user(struct store *s, int64_t user_id, time_t now,
                               int64_t *n);
/* The link with this id, strings in a (STMT_RESET_GET); ERR_NOTFOUND if
 * none. */
enum err store_reset_get(struct store *s, struct arena *a, const char *id,
                         struct reset_link *out);
/* Marks link id used at now if it is unused, not voided and not expired
 * at now, in one statement (STMT_RESET_USE); ERR_NOTFOUND otherwise. */
enum err store_reset_use(struct store *s, const char *id, time_t now);

/* ------------------------------------------------------------------------
 * The daily job (store_maintenance.c, src/domain/maintenance.c).
 * ---------------------------------------------------------------------- */

/* Sets setting key to value if it has none or one that sorts before
 * value (text order, so "YYYY-MM-DD" days advance), in one statement
 * (STMT_SETTING_ADVANCE): of several nodes racing to claim the same
 * value exactly one gets *advanced true. */
enum err store_setting_advance(struct store *s, const char *key,
                               const char *value, bool *advanced);

/* ------------------------------------------------------------------------
 * The audit log's filtered views (store_audit.c), for the newsroom's audit
 * page and its CSV export (admin_audit.c, audit.c).  Reading only.
 * ---------------------------------------------------------------------- */

/* Which entries: each field set narrows the set (0 / NULL: any). */
struct audit_filter {
	time_t from, to;        /* from <= at <= to (UTC) */
	int64_t actor_user_id;  /* the acting account */
	const char *actor_name; /* the actor's recorded name (an e-mail,
	                           "cli:root"), ASCII case-insensitive */
	const char *action;
	const char *object_type;
	int64_t object_id;
	const char *client_addr;
};

/* Calls fn on the entries matching f (NULL: all) with below > id > above
 * (0: no bound), newest first or in id order, at most limit (0: no
 * limit), as one read snapshot; the strings are valid during the call
 * only.  Stops at the first fn result other than ERR_OK and returns it
 * (STMT_AUDIT_FIND_DESC, STMT_AUDIT_FIND_ASC). */
enum err store_audit_find(struct store *s, const struct audit_filter *f,
                          int64_t below, int64_t above, bool newest_first,
                          size_t limit,
                          enum err (*fn)(const struct audit_entry *, void *),
                          void *arg);
/* How many entries match f (STMT_AUDIT_COUNT). */
enum err store_audit_count(struct store *s, const struct audit_filter *f,
                           int64_t *n);

/* ------------------------------------------------------------------------
 * The mail outbox (0007-mail.sql, store_mail.c): rows in, rows out.  What
 * is due, the backoff and the SMTP exchange are the domain's
 * (src/domain/mail.c); mail_queue calls store_mail_insert inside the
 * caller's transaction.
 * ---------------------------------------------------------------------- */

struct mail_row {
	int64_t id;
	const char *to;
	const char *subject;
	const char *body; /* "" once sent or given up */
	const char *message_id;
	time_t created_at;
	int attempts;
	time_t next_try_at;
	const char *last_error; /* "" : none */
	time_t sent_at;         /* 0: not sent */
	time_t failed_at;       /* 0: not given up */
};

/* Inserts m (to, subject, body, message_id, created_at), due at once,
 * and sets m->id (STMT_MAIL_INSERT); ERR_CONFLICT if message_id exists. */
enum err store_mail_insert(struct store *s, struct mail_row *m);
/* At most limit pending rows due at now, oldest first, in *out (array and
 * strings in a) and their number in *n (STMT_MAIL_DUE). */
enum err store_mail_due(struct store *s, struct arena *a, time_t now,
                        size_t limit, struct mail_row **out, size_t *n);
/* Takes pending row id for one more attempt if its attempts are still
 * attempts_seen, hiding it until until (STMT_MAIL_CLAIM); *claimed false
 * if another sender took it first or it is no longer pending. */
enum err store_mail_claim(struct store *s, int64_t id, int attempts_seen,
                          time_t until, bool *claimed);
/* Row id sent at now; empties its body (STMT_MAIL_SENT). */
enum err store_mail_sent(struct store *s, int64_t id, time_t now);
/* Row id failed with error; due again at next_try_at (STMT_MAIL_RETRY). */
enum err store_mail_retry(struct store *s, int64_t id, time_t next_try_at,
                          const char *error);
/* Row id given up at now with error; empties its body, keeps the row
 * (STMT_MAIL_GIVE_UP). */
enum err store_mail_give_up(struct store *s, int64_t id, time_t now,
                            const char *error);
/* Row id, strings in a (STMT_MAIL_GET); ERR_NOTFOUND if none. */
enum err store_mail_get(struct store *s, struct arena *a, int64_t id,
                        struct mail_row *out);
/* How many rows are pending, sent and given up (STMT_MAIL_COUNT); any
 * pointer may be NULL. */
enum err store_mail_count(struct store *s, int64_t *pending, int64_t *sent,
                          int64_t *failed);

/* ------------------------------------------------------------------------
 * The media library (0006-media.sql, store_media.c): uploads and the
 * media of items.  Rows in, rows out: sniffing, re-encoding, files, alt
 * text and captions rules are the domain's (src/domain/media.c).
 * ---------------------------------------------------------------------- */

enum media_kind {
	MEDIA_IMAGE,   /* re-encoded JPEG + WebP at several widths */
	MEDIA_AUDIO,   /* MP3, M4A/AAC, OGG, WAV, stored as uploaded */
	MEDIA_VIDEO,   /* MP4, WebM */
	MEDIA_PDF,     /* PDF */
	MEDIA_OFFICE,  /* Word, Excel, PowerPoint, OpenDocument */
	MEDIA_CAPTION, /* WebVTT captions of an audio or video file */
	MEDIA_KIND__MAX
};

/* Stable names used in the database ("image", "audio", ...). */
const char *media_kind_code(enum media_kind k);
bool media_kind_from_code(const char *code, enum media_kind *out);

struct media {
	int64_t id;
	enum media_kind kind;
	const char *mime;    /* of the stored main file */
	int64_t bytes;       /* of the stored main file */
	int width, height;   /* images: of the largest variant, upright */
	const char *widths;  /* images: "320,640,800", ascending; else "" */
	const char *sha256;  /* hex, of the bytes uploaded */
	const char *path;    /* below the media folder (images: the largest
	                        JPEG, "2026/01/<hex>-800.jpg") */
	int64_t uploaded_by; /* 0: not an account */
	time_t uploaded_at;
	int64_t captions_id;       /* audio/video: its WebVTT, 0: none */
	const char *original_name; /* sanitised, NFC; display only */
	const char *alt;
	const char *caption;
	const char *search_text; /* folded name, alt, caption (written by
	                            the domain; read back too) */
	const char *transcript;  /* audio/video, "" for none */
};

struct media_list {
	struct media *v;
	size_t n;
	size_t total; /* matches in all, for pagination */
};

/* One medium of an item, with the media row joined (read only). */
struct item_media {
	int64_t item_id;
	int64_t media_id;
	int position;
	const char *caption;
	struct media m;
};

/* Inserts m and sets m->id (STMT_MEDIA_INSERT); ERR_CONFLICT if its
 * sha256 or path is taken, ERR_INVALID if uploaded_by / captions_id
 * names nothing. */
enum err store_media_insert(struct store *s, struct media *m);
/* One row by id (STMT_MEDIA_GET) or by sha256 (STMT_MEDIA_BY_SHA256);
 * ERR_NOTFOUND if none. */
enum err store_media_get(struct store *s, struct arena *a, int64_t id,
                         struct media *out);
enum err store_media_by_sha256(struct store *s, struct arena *a,
                               const char *sha256, struct media *out);
/* Writes alt, caption, search_text, captions_id and transcript of row
 * m->id (STMT_MEDIA_UPDATE); ERR_NOTFOUND, ERR_INVALID (a bad
 * captions_id, or an image left without alt text). */
enum err store_media_update(struct store *s, const struct media *m);
/* The library, newest first (uploaded_at, id): kind (MEDIA_KIND__MAX:
 * all), pattern (NULL: any) a LIKE pattern over search_text with '\' as
 * its escape, uploaded by account uploaded_by (0: anyone's), limit of
 * them from offset; total filled (STMT_MEDIA_FIND, STMT_MEDIA_COUNT). */
enum err store_media_find(struct store *s, struct arena *a,
                          enum media_kind kind, const char *pattern,
                          int64_t uploaded_by, size_t offset, size_t limit,
                          struct media_list *out);
/* Replaces the media of item_id by v[0..n) (item_id of each ignored),
 * positions as given (STMT_ITEM_MEDIA_CLEAR, STMT_ITEM_MEDIA_ADD), in
 * one transaction; ERR_INVALID for an unknown item or medium,
 * ERR_CONFLICT for one listed twice. */
enum err store_item_media_set(struct store *s, int64_t item_id,
                              const struct item_media *v, size_t n);
/* The media of item_id by position, rows joined (STMT_ITEM_MEDIA_LIST). */
enum err store_item_media_list(struct store *s, struct arena *a,
                               int64_t item_id, struct item_media **out,
                               size_t *n);

/* ------------------------------------------------------------------------
 * The item workflow (0005-workflow.sql, store_workflow.c): the workflow
 * side of an item, its revisions, its history of states, editorial
 * comments and the newsroom's queues.  Rows in, rows out: who may do
 * what, completeness and deadlines are src/domain/workflow.c's, which
 * calls these inside its store_tx together with audit_append.
 * ---------------------------------------------------------------------- */

/* The workflow side of an item.  Items without a row (the demo,
 * imports) read as zeros with corr_state ITEM_STATE__MAX. */
struct item_flow {
	int64_t item_id;
	int64_t unit_id;   /* the author's unit at creation; 0: none */
	bool via_district; /* Điều 18.2: the district head pre-approves */
	bool contribution; /* Điều 9.1.c: sender details required */
	bool cited;        /* Điều 7.2: quoted from elsewhere */
	const char *sender_name;
	const char *sender_agency;
	const char *sender_title;   /* optional */
	const char *sender_contact; /* phone or address */
	time_t event_ended_at;      /* Điều 9.2.a; 0: none */
	time_t doc_issued_at;       /* Điều 9.2.b; 0: none */
	time_t due_at;              /* derived (workflow.c); 0: none */
	int64_t assigned_user_id;   /* Điều 13.2; 0: nobody */
	int64_t assigned_by;
	time_t assigned_at;
	time_t submitted_at; /* first submission; 0: never */
	time_t approved_at;
	int64_t approved_by;
	time_t publish_at; /* scheduled publication; 0: none */
	/* A correction of a published item: its state (in-editing,
	 * pending-approval, approved), ITEM_STATE__MAX for none. */
	enum item_state corr_state;
	int64_t corr_by;     /* who started the correction */
	int64_t revision;    /* the newest revision's number; 0: none */
	int64_t pending_rev; /* the correction's revision; 0: none */
	const char *return_reason;
};

/* One saved version of an item's editable fields. */
struct item_revision {
	int64_t item_id;
	int64_t number; /* 1, 2, ... per item */
	time_t at;
	int64_t user_id; /* 0: not an account */
	int64_t category_id;
	const char *title;
	const char *summary;
	const char *body_html; /* NULL in lists */
	const char *author_name;
	const char *source;
	time_t source_date;
	const char *cover_image;
	const char *cover_alt;
	const char *note; /* "restored from 3", ... */
};

/* One step of an item's history. */
struct item_transition {
	int64_t id;
	int64_t item_id;
	time_t at;
	int64_t user_id; /* 0: the scheduler or the command line */
	const char *actor_name;
	const char *action; /* "approve" */
	enum item_state from, to;
	bool correction; /* a step of a correction (item_flow.corr_state) */
	const char *note;
};

struct item_comment {
	int64_t id;
	int64_t item_id;
	int64_t user_id;
	const char *user_name; /* read only: the account's full name */
	time_t at;
	const char *body;
};

/* The newsroom's queues (issue 4 item 2). */
enum item_queue {
	ITEM_QUEUE_MINE,       /* my items (a focal point: the unit's) */
	ITEM_QUEUE_PREAPPROVE, /* district review, of my unit */
	ITEM_QUEUE_TRIAGE,     /* submitted */
	ITEM_QUEUE_ASSIGNED,   /* in editing, assigned to me */
	ITEM_QUEUE_TO_EDIT,    /* in editing, nobody assigned */
	ITEM_QUEUE_TO_APPROVE, /* pending approval */
	ITEM_QUEUE_TO_PUBLISH, /* approved or scheduled */
	ITEM_QUEUE_LATE,       /* past due_at, not published yet */
	ITEM_QUEUE__MAX
};

/* Whose queues: the domain fills it from the account and its roles. */
struct queue_who {
	int64_t user_id;
	int64_t unit_id; /* 0: none */
	bool unit_wide;  /* MINE and LATE include the unit's items */
	bool see_all;    /* LATE includes every item */
	time_t now;
};

struct queue_entry {
	struct item item; /* body_html not loaded */
	struct item_flow flow;
};

struct queue_list {
	struct queue_entry *v;
	size_t n;
	size_t total;
};

/* The flow of item_id, strings in a (STMT_FLOW_GET); ERR_NOTFOUND (and
 * out filled with the defaults above) if the item has no row. */
enum err store_flow_get(struct store *s, struct arena *a, int64_t item_id,
                        struct item_flow *out);
/* Inserts or replaces every field of f but corr_state, which only
 * store_flow_corr_cas writes (STMT_FLOW_PUT). */
enum err store_flow_put(struct store *s, const struct item_flow *f);
/* Compare-and-set of item id's state from to to, writing published_at
 * and updated_at (0: NULL) and keeping the search index in step
 * (STMT_FLOW_ITEM_CAS); ERR_CONFLICT if the state was not from. */
enum err store_item_state_cas(struct store *s, int64_t id, enum item_state from,
                              enum item_state to, time_t published_at,
                              time_t updated_at);
/* Compare-and-set of the correction state (ITEM_STATE__MAX: none) of
 * an item with a flow row (STMT_FLOW_CORR_CAS); ERR_CONFLICT if it was
 * not from or there is no row. */
enum err store_flow_corr_cas(struct store *s, int64_t item_id,
                             enum item_state from, enum item_state to);

/* Revisions (STMT_REVISION_*): add inserts r as it is (ERR_CONFLICT if
 * the number exists); get loads one with its body (ERR_NOTFOUND); list
 * gives them newest first without bodies. */
enum err store_revision_add(struct store *s, const struct item_revision *r);
enum err store_revision_get(struct store *s, struct arena *a, int64_t item_id,
                            int64_t number, struct item_revision *out);
enum err store_revisions(struct store *s, struct arena *a, int64_t item_id,
                         struct item_revision **out, size_t *n);

/* History (STMT_TRANSITION_*): add sets t->id; list is oldest first. */
enum err store_transition_add(struct store *s, struct item_transition *t);
enum err store_transitions(struct store *s, struct arena *a, int64_t item_id,
                           struct item_transition **out, size_t *n);

/* Comments (STMT_COMMENT_*): add sets c->id; list is oldest first. */
enum err store_comment_add(struct store *s, struct item_comment *c);
enum err store_comments(struct store *s, struct arena *a, int64_t item_id,
                        struct item_comment **out, size_t *n);

/* Queue q for w, most urgent first (due_at, then oldest), limit from
 * offset, with total (STMT_QUEUE_<Q>, STMT_QUEUE_COUNTS).  The domain
 * decides who sees which queue. */
enum err store_queue(struct store *s, struct arena *a, enum item_queue q,
                     const struct queue_who *w, size_t offset, size_t limit,
                     struct queue_list *out);
/* Every queue's count for w, in one statement (STMT_QUEUE_COUNTS). */
enum err store_queue_counts(struct store *s, const struct queue_who *w,
                            int64_t counts[ITEM_QUEUE__MAX]);
/* Ids of scheduled items with publish_at <= now, oldest first, at most
 * limit, in a (STMT_FLOW_DUE). */
enum err store_items_due(struct store *s, struct arena *a, time_t now,
                         size_t limit, int64_t **ids, size_t *n);

/* ------------------------------------------------------------------------
 * Sections (store_sections.c): what store_categories does not give the
 * newsroom's section pages.  The rules (slugs, depth, what may be
 * deleted) and the audit are the domain's (src/domain/section.c), which
 * calls these inside its store_tx.
 * ---------------------------------------------------------------------- */

/* How many items a section holds directly. */
struct section_count {
	int64_t category_id;
	int64_t items;     /* any state */
	int64_t published; /* ITEM_STATE_PUBLISHED */
};

/* The counts of every section holding an item, in a, in no particular
 * order (STMT_SECTION_COUNTS). */
enum err store_section_counts(struct store *s, struct arena *a,
                              struct section_count **out, size_t *n);
/* What refers to section id: its items, revisions of items and
 * subsections (STMT_SECTION_USES). */
enum err store_section_uses(struct store *s, int64_t id, int64_t *items,
                            int64_t *revisions, int64_t *children);
/* Sets the position of section id among its siblings
 * (STMT_SECTION_POSITION); ERR_NOTFOUND for an unknown id. */
enum err store_section_position(struct store *s, int64_t id, int position);
/* Deletes section id and its page-view counts, in one transaction
 * (STMT_SECTION_VIEWS_DELETE, STMT_SECTION_DELETE); ERR_NOTFOUND for an
 * unknown id, ERR_CONFLICT if anything else still refers to it. */
enum err store_section_delete(struct store *s, int64_t id);

/* ------------------------------------------------------------------------
 * Public media pages (store_pubmedia.c): the photo library (Thư viện
 * ảnh) lists published photo items with their cover photo.
 * ---------------------------------------------------------------------- */

/* One card of the photo library. */
struct photo_card {
	/* id, kind, state, category_id, title, slug, summary, cover_image,
	 * cover_alt, published_at, updated_at; the rest zero */
	struct item item;
	/* The album photo whose path is the item's cover_image, else the
	 * first photo by position; id 0 if the album has none.  Only id,
	 * kind, mime, width, height, widths, path, alt and caption. */
	struct media cover;
	int64_t photos; /* images in the album */
};

struct photo_list {
	struct photo_card *v;
	size_t n;
	size_t total; /* published photo items in all */
};

/* Published photo items (kind "anh"), newest first (published_at, id),
 * limit of them from offset, in a; total filled (STMT_PHOTO_ITEMS,
 * STMT_PHOTO_ITEMS_COUNT). */
enum err store_photo_items(struct store *s, struct arena *a, size_t offset,
                           size_t limit, struct photo_list *out);

/* ------------------------------------------------------------------------
 * Notifications (0009-notification.sql, store_notify.c): who was told
 * what about which item, and whether they have read it.  Who is told is
 * the domain's (src/domain/notify.c), which writes the rows inside the
 * transition's store_tx.
 * ---------------------------------------------------------------------- */

struct notification {
	int64_t id;
	int64_t user_id;
	int64_t item_id;  /* 0: none */
	const char *kind; /* the action's code ("submit"), "contribution" */
	const char *text; /* Vietnamese, as shown */
	time_t created_at;
	time_t read_at; /* 0: unread */
};

/* An account to tell: what a notification and its e-mail need. */
struct notify_recipient {
	int64_t id;
	const char *email;
	const char *full_name;
};

/* Inserts n (user_id, item_id, kind, text, created_at; read_at is
 * ignored) and sets n->id (STMT_NOTIFY_ADD); ERR_CONFLICT for an unknown
 * account or item. */
enum err store_notify_add(struct store *s, struct notification *n);
/* user_id's notifications (unread_only: only those unread), newest
 * first, limit from offset, in a (STMT_NOTIFY_LIST). */
enum err store_notify_list(struct store *s, struct arena *a, int64_t user_id,
                           bool unread_only, size_t offset, size_t limit,
                           struct notification **out, size_t *n);
/* How many notifications user_id has (STMT_NOTIFY_COUNT) and how many
 * of them are unread (STMT_NOTIFY_UNREAD); either pointer may be NULL,
 * and only the statements asked for run. */
enum err store_notify_count(struct store *s, int64_t user_id, int64_t *total,
                            int64_t *unread);
/* Marks notification id of user_id read at now (kept if read before)
 * (STMT_NOTIFY_READ); ERR_NOTFOUND if user_id has no such notification,
 * whoever else may have it. */
enum err store_notify_read(struct store *s, int64_t user_id, int64_t id,
                           time_t now);
/* Marks every unread notification of user_id read at now
 * (STMT_NOTIFY_READ_ALL), or only those about item_id
 * (STMT_NOTIFY_READ_ITEM); *n (may be NULL) gets how many. */
enum err store_notify_read_all(struct store *s, int64_t user_id, time_t now,
                               int64_t *n);
enum err store_notify_read_item(struct store *s, int64_t user_id,
                                int64_t item_id, time_t now, int64_t *n);
/* Active accounts holding any role of roles_csv (",code,code,": each
 * code between commas), of unit unit_id unless 0, by id, in a
 * (STMT_NOTIFY_RECIPIENTS). */
enum err store_notify_recipients(struct store *s, struct arena *a,
                                 const char *roles_csv, int64_t unit_id,
                                 struct notify_recipient **out, size_t *n);

/* ------------------------------------------------------------------------
 * Contributions from outside (0008-contribution.sql,
 * store_contribution.c): the reference number of a contributed item and
 * the per-address counts of the public page's limit.  The item, its
 * flow, revision and history are written with the workflow's functions
 * above; the rules are src/domain/contribution.c's, which calls these
 * inside its store_tx.
 * ---------------------------------------------------------------------- */

struct contribution {
	int64_t id;
	const char *ref; /* "GT-2026-7K4M9Q" */
	int64_t item_id;
	const char *sender_email; /* "" : none given */
	time_t created_at;
};

/* Inserts c and sets c->id (STMT_CONTRIB_INSERT); ERR_CONFLICT if its
 * ref (or item) is taken. */
enum err store_contribution_insert(struct store *s, struct contribution *c);
/* The contribution with reference ref, strings in a
 * (STMT_CONTRIB_BY_REF); ERR_NOTFOUND if none. */
enum err store_contribution_by_ref(struct store *s, struct arena *a,
                                   const char *ref, struct contribution *out);
/* Records one contribution from addr at now (STMT_CONTRIB_RATE_ADD)
 * after deleting the records older than before (STMT_CONTRIB_RATE_PURGE). */
enum err store_contribution_rate_add(struct store *s, const char *addr,
                                     time_t now, time_t before);
/* How many contributions addr made since hour_start and since day_start
 * (day_start <= hour_start) (STMT_CONTRIB_RATE_COUNT). */
enum err store_contribution_rate_count(struct store *s, const char *addr,
                                       time_t hour_start, time_t day_start,
                                       int64_t *in_hour, int64_t *in_day);

/* ------------------------------------------------------------------------
 * A correction's album and the published use of a medium
 * (0010-media-pending.sql, store_media.c).  The rules (when the pending
 * copy is written, read, applied and dropped) are src/domain/media.c's.
 * ---------------------------------------------------------------------- */

/* Replaces the pending album of item_id by v[0..n) and marks it set at
 * now (STMT_ITEM_MEDIA_PENDING_*), in one transaction; errors as
 * store_item_media_set. */
enum err store_item_media_pending_set(struct store *s, int64_t item_id,
                                      const struct item_media *v, size_t n,
                                      time_t now);
/* The pending album of item_id by position, rows joined, in a; *exists
 * false (and nothing listed) if item_id has none
 * (STMT_ITEM_MEDIA_PENDING_MARKED, STMT_ITEM_MEDIA_PENDING_LIST). */
enum err store_item_media_pending_list(struct store *s, struct arena *a,
                                       int64_t item_id, struct item_media **out,
                                       size_t *n, bool *exists);
/* If item_id has a pending album, makes it the item's media (replacing
 * item_media) and deletes it; *applied (may be NULL) says whether it
 * had one (STMT_ITEM_MEDIA_PENDING_APPLY).  In one transaction. */
enum err store_item_media_pending_apply(struct store *s, int64_t item_id,
                                        bool *applied);
/* Deletes the pending album of item_id, if any. */
enum err store_item_media_pending_drop(struct store *s, int64_t item_id);
/* A published item that shows medium media_id in its album or, when
 * cover_prefix is not NULL, has a cover_image starting with it (the
 * newest such item): *item_id and *title (in a); ERR_NOTFOUND if none
 * (STMT_MEDIA_PUBLISHED_USE). */
enum err store_media_published_use(struct store *s, struct arena *a,
                                   int64_t media_id, const char *cover_prefix,
                                   int64_t *item_id, const char **title);

#endif
