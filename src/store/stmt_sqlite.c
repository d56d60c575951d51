/*
 * The SQLite text of every statement in enum stmt (stmt.h), one row each.
 * Parameters are ?1 ?2 ...; a NULL parameter means "no filter" where a
 * statement says (?N IS NULL OR ...).  Nothing here is ever formatted:
 * the only string pasting is of the constant column lists below.
 *
 * Reading a section tree: sub(id) is the recursive closure of one section
 * over the category table (about forty rows, so it costs microseconds);
 * the item side then reads one range of item_state_cat_pub per section.
 * Listing pages select row ids from the index alone (a covering scan,
 * LIMIT/OFFSET applied there) and only then fetch the rows they show.
 */
#include "common.h"

#include "stmt.h"

/* The columns of struct item but body_html, in the order store_sqlite.c
 * reads them (item_row). */
#define ITEM_COLS                                                              \
	"i.id, i.kind, i.state, i.category_id, i.title, i.slug, i.summary, "   \
	"i.author_name, i.author_user_id, i.source, i.source_date, "           \
	"i.cover_image, i.cover_alt, i.featured, i.created_at, "               \
	"i.published_at, i.updated_at, i.hits"

#define SUBTREE(p)                                                             \
	"WITH RECURSIVE sub(id) AS (SELECT " p " UNION "                       \
	"SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id) "

#define NEWEST "ORDER BY i.published_at DESC, i.id DESC"

/* The columns of struct unit (store_people.c, unit_row). */
#define UNIT_COLS                                                              \
	"u.id, u.kind_id, k.code, k.name, u.parent_id, u.name, u.address, "    \
	"u.phone, u.fax, u.email, u.focal_user_id, u.position, u.created_at, " \
	"u.closed_at"

/* The columns of struct user (store_people.c, user_row); roles as a
 * comma-separated list of codes. */
#define USER_COLS                                                              \
	"a.id, a.email, a.full_name, a.title, a.unit_id, a.phone, "            \
	"a.professional, a.active, a.must_change_password, a.password_hash, "  \
	"a.password_changed_at, a.last_login_at, a.failed_count, "             \
	"a.locked_until, a.totp_secret, a.recovery_codes, a.created_at, "      \
	"(SELECT group_concat(role, ',') FROM account_role r "                 \
	"WHERE r.account_id = a.id)"

/* The columns of struct audit_entry (store_audit.c, audit_row). */
#define AUDIT_COLS                                                             \
	"id, at, actor_user_id, actor_name, client_addr, action, "             \
	"object_type, "                                                        \
	"object_id, detail, prev_hash, hash"

const char *const stmt_sqlite[STMT__MAX] = {
        /* STMT_PRAGMA_WAL */
        "PRAGMA journal_mode = WAL",
        /* STMT_PRAGMA_SYNC: see conn_new in store_sqlite.c. */
        "PRAGMA synchronous = NORMAL",
        /* STMT_PRAGMA_FK */
        "PRAGMA foreign_keys = ON",
        /* STMT_FTS5_API */
        "SELECT fts5(?1)",
        /* STMT_BEGIN */
        "BEGIN IMMEDIATE",
        /* STMT_BEGIN_READ */
        "BEGIN DEFERRED",
        /* STMT_COMMIT */
        "COMMIT",
        /* STMT_ROLLBACK */
        "ROLLBACK",
        /* STMT_SAVEPOINT */
        "SAVEPOINT store_nested",
        /* STMT_RELEASE */
        "RELEASE store_nested",
        /* STMT_ROLLBACK_TO */
        "ROLLBACK TO store_nested",
        /* STMT_SCHEMA_INIT */
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at INTEGER NOT NULL) STRICT",
        /* STMT_SCHEMA_EXISTS */
        "SELECT count(*) FROM sqlite_schema "
        "WHERE type = 'table' AND name = 'schema_version'",
        /* STMT_SCHEMA_MAX */
        "SELECT coalesce(max(version), 0) FROM schema_version",
        /* STMT_SCHEMA_ADD */
        "INSERT INTO schema_version (version, name, applied_at) "
        "VALUES (?1, ?2, ?3)",
        /* STMT_INTEGRITY */
        "PRAGMA integrity_check",
        /* STMT_SETTING_GET */
        "SELECT value FROM setting WHERE key = ?1",
        /* STMT_SETTING_SET */
        "INSERT INTO setting (key, value) VALUES (?1, ?2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        /* STMT_SETTING_ADD */
        "INSERT INTO setting (key, value) VALUES (?1, ?2) "
        "ON CONFLICT (key) DO NOTHING",
        /* STMT_CATEGORY_LIST */
        "SELECT id, parent_id, slug, name, description, position, hidden, "
        "activity_news, owner_unit_id FROM category "
        "ORDER BY coalesce(parent_id, 0), position, id",
        /* STMT_CATEGORY_INSERT */
        "INSERT INTO category (parent_id, slug, name, description, position, "
        "hidden, activity_news, owner_unit_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        /* STMT_CATEGORY_UPDATE */
        "UPDATE category SET parent_id = ?1, slug = ?2, name = ?3, "
        "description = ?4, position = ?5, hidden = ?6, activity_news = ?7, "
        "owner_unit_id = ?8 WHERE id = ?9",
        /* STMT_CATEGORY_CYCLE: 1 if section ?2 is ?1 or one of its
         * ancestors (making ?2 a child of ?1 would close a loop). */
        "WITH RECURSIVE up(id) AS (SELECT ?1 UNION "
        "SELECT c.parent_id FROM category c JOIN up ON c.id = up.id "
        "WHERE c.parent_id IS NOT NULL) "
        "SELECT count(*) FROM up WHERE id = ?2",
        /* STMT_CATEGORY_SUBTREE: section ?1 and all below it. */
        SUBTREE("?1") "SELECT id FROM sub",
        /* STMT_ITEM_GET */
        "SELECT " ITEM_COLS ", i.body_html FROM item i WHERE i.id = ?1",
        /* STMT_ITEM_INSERT */
        "INSERT INTO item (kind, state, category_id, title, slug, summary, "
        "body_html, body_text, author_name, author_user_id, source, "
        "source_date, cover_image, cover_alt, featured, created_at, "
        "published_at, updated_at, hits) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        /* STMT_ITEM_UPDATE: hits belongs to store_views_add alone. */
        "UPDATE item SET kind = ?1, state = ?2, category_id = ?3, title = ?4, "
        "slug = ?5, summary = ?6, body_html = ?7, body_text = ?8, "
        "author_name = ?9, author_user_id = ?10, source = ?11, "
        "source_date = ?12, cover_image = ?13, cover_alt = ?14, "
        "featured = ?15, created_at = ?16, published_at = ?17, "
        "updated_at = ?18 WHERE id = ?19",
        /* STMT_ITEMS_LATEST_SITE */
        "SELECT " ITEM_COLS " FROM item i WHERE i.id IN ("
        "SELECT i.id FROM item i WHERE i.state = 'published' " NEWEST
        " LIMIT ?1 OFFSET ?2) " NEWEST,
        /* STMT_ITEMS_LATEST_TREE */
        SUBTREE("?1") "SELECT " ITEM_COLS " FROM item i WHERE i.id IN ("
                      "SELECT i.id FROM item i WHERE i.state = 'published' "
                      "AND i.category_id IN sub " NEWEST
                      " LIMIT ?2 OFFSET ?3) " NEWEST,
        /* STMT_ITEMS_PUBLISHED_SITE */
        "SELECT count(*) FROM item WHERE state = 'published'",
        /* STMT_ITEMS_PUBLISHED_TREE */
        SUBTREE("?1") "SELECT count(*) FROM item "
                      "WHERE state = 'published' AND category_id IN sub",
        /* STMT_ITEMS_FEATURED_SITE */
        "SELECT " ITEM_COLS " FROM item i WHERE i.state = 'published' "
        "AND i.featured = 1 " NEWEST " LIMIT ?1",
        /* STMT_ITEMS_FEATURED_TREE */
        SUBTREE("?1") "SELECT " ITEM_COLS " FROM item i "
                      "WHERE i.state = 'published' AND i.featured = 1 "
                      "AND i.category_id IN sub " NEWEST " LIMIT ?2",
        /* STMT_ITEMS_RELATED: the ?4 nearest after and the ?4 nearest before
         * ?2 in section ?1 (two index ranges), nearest first. */
        "WITH near(id, d) AS ("
        "SELECT * FROM (SELECT id, published_at - ?2 FROM item "
        "WHERE state = 'published' AND category_id = ?1 "
        "AND published_at >= ?2 AND id <> ?3 "
        "ORDER BY published_at, id LIMIT ?4) "
        "UNION ALL "
        "SELECT * FROM (SELECT id, ?2 - published_at FROM item "
        "WHERE state = 'published' AND category_id = ?1 "
        "AND published_at < ?2 AND id <> ?3 "
        "ORDER BY published_at DESC, id DESC LIMIT ?4)) "
        "SELECT " ITEM_COLS " FROM near n JOIN item i ON i.id = n.id "
        "ORDER BY n.d, i.id DESC LIMIT ?4",
        /* STMT_ITEMS_SITEMAP */
        "SELECT i.id, i.slug, i.category_id, i.published_at, i.updated_at "
        "FROM item i WHERE i.state = 'published' " NEWEST " LIMIT ?1 OFFSET ?2",
        /* STMT_ITEMS_PUB_COUNT */
        "SELECT count(*) FROM item WHERE state = 'published'",
        /* STMT_ITEMS_COUNT */
        "SELECT count(*) FROM item",
        /* STMT_ITEMS_PUB_SPAN: the first and last published_at of the
         * published items (two index lookups on item_state_pub). */
        "SELECT (SELECT min(published_at) FROM item "
        "WHERE state = 'published'), (SELECT max(published_at) FROM item "
        "WHERE state = 'published')",
        /* STMT_FTS_ADD: indexes item ?1 if it is published (item_pub). */
        "INSERT INTO item_fts (rowid, title, summary, body_text, tags) "
        "SELECT id, title, summary, body_text, tags FROM item_pub "
        "WHERE id = ?1",
        /* STMT_FTS_REMOVE: must run before the row changes, with the values
         * that were indexed, or the external-content index goes wrong. */
        "INSERT INTO item_fts (item_fts, rowid, title, summary, body_text, "
        "tags) SELECT 'delete', id, title, summary, body_text, tags "
        "FROM item_pub WHERE id = ?1",
        /* STMT_FTS_REBUILD */
        "INSERT INTO item_fts (item_fts) VALUES ('rebuild')",
        /* STMT_FTS_OPTIMIZE */
        "INSERT INTO item_fts (item_fts) VALUES ('optimize')",
        /* STMT_FTS_CHECK */
        "INSERT INTO item_fts (item_fts) VALUES ('integrity-check')",
        /* STMT_SEARCH_PREFIX: the ?3 most common words of the index from
         * ?1 to ?2 (a prefix, and the prefix followed by byte 0xff);
         * fts5vocab reads the term list in order within the range. */
        "SELECT term FROM item_fts_vocab WHERE term >= ?1 AND term <= ?2 "
        "ORDER BY doc DESC, term LIMIT ?3",
        /* STMT_SEARCH_CAND: the candidates of a search, newest id first:
         * ?1 the FTS5 query (words, and any section or month filter as
         * tags terms: store_search), ?2/?3 the exact published_at range
         * or NULL, ?4 the cap.  FTS5 walks its doclists in rowid order, so
         * ORDER BY rowid DESC LIMIT stops early, and store_search can
         * stop stepping when its time budget is spent.  ttdt_rank
         * (fts_rank.c) uses only the current row's positions; recency is
         * applied in C. */
        "SELECT item_fts.rowid, ttdt_rank(item_fts), i.published_at "
        "FROM item_fts JOIN item i ON i.id = item_fts.rowid "
        "WHERE item_fts MATCH ?1 "
        "AND (?2 IS NULL OR i.published_at >= ?2) "
        "AND (?3 IS NULL OR i.published_at <= ?3) "
        "ORDER BY item_fts.rowid DESC LIMIT ?4",
        /* STMT_SEARCH_HIT: one hit on the page shown. */
        "SELECT " ITEM_COLS " FROM item i WHERE i.id = ?1",
        /* STMT_SEARCH_SNIPPET: the best column of item ?2 for match ?1, cut
         * from the original text (the vnfold tokenizer maps offsets). */
        "SELECT snippet(item_fts, -1, char(1), char(2), '…', 24) "
        "FROM item_fts WHERE item_fts MATCH ?1 AND rowid = ?2",
        /* STMT_VIEWS_HITS */
        "UPDATE item SET hits = hits + ?2 WHERE id = ?1",
        /* STMT_VIEWS_DAY_ITEM: an id that is no item is dropped. */
        "INSERT INTO view_daily_item (day, item_id, count) "
        "SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM item WHERE id = ?2) "
        "ON CONFLICT (day, item_id) DO UPDATE SET count = count + "
        "excluded.count",
        /* STMT_VIEWS_DAY_CATEGORY */
        "INSERT INTO view_daily_category (day, category_id, count) "
        "SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM category "
        "WHERE id = ?2) ON CONFLICT (day, category_id) DO UPDATE SET "
        "count = count + excluded.count",

        /* People (0002-people.sql, store_people.c) and the audit log
         * (store_audit.c).  Designated rows: other sections may grow
         * above without shifting these. */
        [STMT_UNIT_KIND_LIST] = "SELECT id, code, name FROM unit_kind "
                                "ORDER BY position, id",
        /* STMT_UNIT_LIST: open units first, by kind, position, id. */
        [STMT_UNIT_LIST] = "SELECT " UNIT_COLS " FROM unit u "
                           "JOIN unit_kind k ON k.id = u.kind_id "
                           "ORDER BY u.closed_at IS NOT NULL, k.position, "
                           "u.position, u.id",
        [STMT_UNIT_GET] = "SELECT " UNIT_COLS " FROM unit u "
                          "JOIN unit_kind k ON k.id = u.kind_id "
                          "WHERE u.id = ?1",
        [STMT_UNIT_INSERT] =
                "INSERT INTO unit (kind_id, parent_id, name, address, phone, "
                "fax, email, focal_user_id, position, created_at, closed_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        /* STMT_UNIT_UPDATE: created_at (?10) never changes. */
        [STMT_UNIT_UPDATE] =
                "UPDATE unit SET kind_id = ?1, parent_id = ?2, name = ?3, "
                "address = ?4, phone = ?5, fax = ?6, email = ?7, "
                "focal_user_id = ?8, position = ?9, closed_at = ?11 "
                "WHERE id = ?12",
        /* STMT_UNIT_CYCLE: 1 if unit ?2 is ?1 or one of its ancestors. */
        [STMT_UNIT_CYCLE] = "WITH RECURSIVE up(id) AS (SELECT ?1 UNION "
                            "SELECT u.parent_id FROM unit u JOIN up "
                            "ON u.id = up.id WHERE u.parent_id IS NOT NULL) "
                            "SELECT count(*) FROM up WHERE id = ?2",
        /* STMT_USER_LIST: every account, or those of unit ?1. */
        [STMT_USER_LIST] = "SELECT " USER_COLS " FROM account a "
                           "WHERE ?1 IS NULL OR a.unit_id = ?1 "
                           "ORDER BY a.id",
        [STMT_USER_GET] = "SELECT " USER_COLS " FROM account a "
                          "WHERE a.id = ?1",
        [STMT_USER_BY_EMAIL] = "SELECT " USER_COLS " FROM account a "
                               "WHERE a.email = ?1",
        [STMT_USER_INSERT] =
                "INSERT INTO account (email, full_name, title, unit_id, "
                "phone, professional, active, must_change_password, "
                "password_hash, password_changed_at, last_login_at, "
                "failed_count, locked_until, totp_secret, recovery_codes, "
                "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                "?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        /* STMT_USER_UPDATE: every column but id and created_at (?16 of
         * the insert, unused here: the two share their bindings). */
        [STMT_USER_UPDATE] =
                "UPDATE account SET email = ?1, full_name = ?2, title = ?3, "
                "unit_id = ?4, phone = ?5, professional = ?6, active = ?7, "
                "must_change_password = ?8, password_hash = ?9, "
                "password_changed_at = ?10, last_login_at = ?11, "
                "failed_count = ?12, locked_until = ?13, totp_secret = ?14, "
                "recovery_codes = ?15 WHERE id = ?17",
        [STMT_USER_ROLES_CLEAR] = "DELETE FROM account_role "
                                  "WHERE account_id = ?1",
        /* STMT_USER_ROLES_ADD: ?2 is a JSON array of role codes. */
        [STMT_USER_ROLES_ADD] = "INSERT INTO account_role (account_id, role) "
                                "SELECT DISTINCT ?1, value FROM json_each(?2)",
        [STMT_SESSION_INSERT] =
                "INSERT INTO session (id, account_id, created_at, "
                "last_seen_at, client_addr, user_agent) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        [STMT_SESSION_GET] = "SELECT id, account_id, created_at, "
                             "last_seen_at, client_addr, user_agent "
                             "FROM session WHERE id = ?1",
        [STMT_SESSION_TOUCH] = "UPDATE session SET last_seen_at = ?2 "
                               "WHERE id = ?1",
        [STMT_SESSION_DELETE] = "DELETE FROM session WHERE id = ?1",
        [STMT_SESSION_DELETE_USER] = "DELETE FROM session "
                                     "WHERE account_id = ?1",
        /* STMT_SESSION_DELETE_OLD: idle since ?1 or created before ?2. */
        [STMT_SESSION_DELETE_OLD] = "DELETE FROM session "
                                    "WHERE last_seen_at < ?1 "
                                    "OR created_at < ?2",
        [STMT_ATTEMPT_GET] = "SELECT failures, last_at FROM login_attempt "
                             "WHERE addr = ?1",
        /* STMT_ATTEMPT_ADD: one more failure at ?2 for address ?1; a row
         * last touched before ?3 starts again from one. */
        [STMT_ATTEMPT_ADD] =
                "INSERT INTO login_attempt (addr, failures, last_at) "
                "VALUES (?1, 1, ?2) ON CONFLICT (addr) DO UPDATE SET "
                "failures = CASE WHEN last_at < ?3 THEN 1 "
                "ELSE failures + 1 END, last_at = excluded.last_at",
        [STMT_ATTEMPT_CLEAR] = "DELETE FROM login_attempt WHERE addr = ?1",
        [STMT_ATTEMPT_PURGE] = "DELETE FROM login_attempt WHERE last_at < ?1",
/* The mail outbox (0007-mail.sql, store_mail.c). */
/* The columns of struct mail_row, in the order store_mail.c reads them. */
#define MAIL_COLS                                                              \
	"id, to_addr, subject, body, message_id, created_at, attempts, "       \
	"next_try_at, last_error, sent_at, failed_at"
        [STMT_MAIL_INSERT] = "INSERT INTO mail_outbox (to_addr, subject, "
                             "body, message_id, created_at, next_try_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        /* STMT_MAIL_DUE: pending rows due at ?1, oldest first, ?2 at
         * most (the partial index mail_outbox_due). */
        [STMT_MAIL_DUE] = "SELECT " MAIL_COLS " FROM mail_outbox "
                          "WHERE sent_at IS NULL AND failed_at IS NULL "
                          "AND next_try_at <= ?1 "
                          "ORDER BY next_try_at, id LIMIT ?2",
        /* STMT_MAIL_CLAIM: takes row ?1 for one attempt if nobody took
         * it since its attempts were read as ?2, and hides it until ?3. */
        [STMT_MAIL_CLAIM] = "UPDATE mail_outbox SET attempts = attempts + 1, "
                            "next_try_at = ?3 WHERE id = ?1 "
                            "AND attempts = ?2 AND sent_at IS NULL "
                            "AND failed_at IS NULL",
        [STMT_MAIL_SENT] = "UPDATE mail_outbox SET sent_at = ?2, body = '', "
                           "last_error = NULL WHERE id = ?1",
        [STMT_MAIL_RETRY] = "UPDATE mail_outbox SET next_try_at = ?2, "
                            "last_error = ?3 WHERE id = ?1",
        [STMT_MAIL_GIVE_UP] = "UPDATE mail_outbox SET failed_at = ?2, "
                              "last_error = ?3, body = '' WHERE id = ?1",
        [STMT_MAIL_GET] = "SELECT " MAIL_COLS " FROM mail_outbox "
                          "WHERE id = ?1",
        /* STMT_MAIL_COUNT: pending, sent and given-up rows. */
        [STMT_MAIL_COUNT] =
                "SELECT count(*) FILTER (WHERE sent_at IS NULL "
                "AND failed_at IS NULL), count(sent_at), count(failed_at) "
                "FROM mail_outbox",
        /* STMT_SETTING_ADVANCE: sets ?1 to ?2 if it has no value or a
         * smaller one (text order); one change means this caller did. */
        [STMT_SETTING_ADVANCE] =
                "INSERT INTO setting (key, value) VALUES (?1, ?2) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value "
                "WHERE value < excluded.value",
/* The item workflow (store_workflow.c).  FLOW_COLS are the columns of
 * struct item_flow but item_id, in the order flow_row reads them; after
 * a LEFT JOIN an item without a flow row reads as NULLs (defaults). */
#define FLOW_COLS                                                              \
	"f.unit_id, f.via_district, f.contribution, f.cited, f.sender_name, "  \
	"f.sender_agency, f.sender_title, f.sender_contact, "                  \
	"f.event_ended_at, f.doc_issued_at, f.due_at, f.assigned_user_id, "    \
	"f.assigned_by, f.assigned_at, f.submitted_at, f.approved_at, "        \
	"f.approved_by, f.publish_at, f.corr_state, f.corr_by, f.revision, "   \
	"f.pending_rev, f.return_reason"
/* The state the newsroom works on: a correction's while there is one. */
#define WSTATE "coalesce(f.corr_state, i.state)"
/* The queues' filters: ?1 the account, ?2 its unit, ?3 1 if MINE and
 * LATE take in the unit's items, ?4 now, ?5 1 if LATE takes in all. */
#define Q_MINE                                                                 \
	"(i.author_user_id = ?1 OR (?3 = 1 AND f.unit_id = ?2)) "              \
	"AND i.state <> 'archived'"
#define Q_PREAPPROVE "i.state = 'district-review' AND f.unit_id = ?2"
#define Q_TRIAGE "i.state = 'submitted'"
#define Q_ASSIGNED WSTATE " = 'in-editing' AND f.assigned_user_id = ?1"
#define Q_TO_EDIT WSTATE " = 'in-editing' AND f.assigned_user_id IS NULL"
#define Q_TO_APPROVE WSTATE " = 'pending-approval'"
#define Q_TO_PUBLISH WSTATE " IN ('approved', 'scheduled')"
#define Q_LATE                                                                 \
	"f.due_at < ?4 AND i.state IN ('draft', 'district-review', "           \
	"'submitted', 'in-editing', 'pending-approval', 'approved', "          \
	"'scheduled', 'returned') AND (?5 = 1 OR i.author_user_id = ?1 "       \
	"OR (?3 = 1 AND f.unit_id = ?2))"
#define Q_FROM " FROM item i LEFT JOIN item_flow f ON f.item_id = i.id WHERE "
/* A queue's page: ?6 rows from ?7, the most urgent (earliest due) first,
 * then the oldest. */
#define QUEUE(cond)                                                            \
	"SELECT " ITEM_COLS ", " FLOW_COLS Q_FROM cond                         \
	" ORDER BY f.due_at IS NULL, f.due_at, i.id LIMIT ?6 OFFSET ?7"
#define QCOUNT(cond) "(SELECT count(*)" Q_FROM cond ")"
/* clang-format cannot wrap string pasting between macro calls. */
/* clang-format off */
#define QUEUE_COUNTS                                                           \
	"SELECT " QCOUNT(Q_MINE) ", " QCOUNT(Q_PREAPPROVE) ", "                \
	QCOUNT(Q_TRIAGE) ", " QCOUNT(Q_ASSIGNED) ", " QCOUNT(Q_TO_EDIT) ", "   \
	QCOUNT(Q_TO_APPROVE) ", " QCOUNT(Q_TO_PUBLISH) ", " QCOUNT(Q_LATE)
        /* clang-format on */
        [STMT_FLOW_GET] = "SELECT " FLOW_COLS " FROM item_flow f "
                          "WHERE f.item_id = ?1",
        /* STMT_FLOW_PUT: every column but corr_state (STMT_FLOW_CORR_CAS
         * owns it). */
        [STMT_FLOW_PUT] =
                "INSERT INTO item_flow (item_id, unit_id, via_district, "
                "contribution, cited, sender_name, sender_agency, "
                "sender_title, sender_contact, event_ended_at, "
                "doc_issued_at, due_at, assigned_user_id, assigned_by, "
                "assigned_at, submitted_at, approved_at, approved_by, "
                "publish_at, corr_by, revision, pending_rev, return_reason) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23) "
                "ON CONFLICT (item_id) DO UPDATE SET "
                "unit_id = excluded.unit_id, "
                "via_district = excluded.via_district, "
                "contribution = excluded.contribution, "
                "cited = excluded.cited, sender_name = excluded.sender_name, "
                "sender_agency = excluded.sender_agency, "
                "sender_title = excluded.sender_title, "
                "sender_contact = excluded.sender_contact, "
                "event_ended_at = excluded.event_ended_at, "
                "doc_issued_at = excluded.doc_issued_at, "
                "due_at = excluded.due_at, "
                "assigned_user_id = excluded.assigned_user_id, "
                "assigned_by = excluded.assigned_by, "
                "assigned_at = excluded.assigned_at, "
                "submitted_at = excluded.submitted_at, "
                "approved_at = excluded.approved_at, "
                "approved_by = excluded.approved_by, "
                "publish_at = excluded.publish_at, "
                "corr_by = excluded.corr_by, revision = excluded.revision, "
                "pending_rev = excluded.pending_rev, "
                "return_reason = excluded.return_reason",
        /* STMT_FLOW_ITEM_CAS: item ?1 from state ?2 to ?3, with
         * published_at ?4 and updated_at ?5; no change: someone else
         * moved it first. */
        [STMT_FLOW_ITEM_CAS] = "UPDATE item SET state = ?3, "
                               "published_at = ?4, updated_at = ?5 "
                               "WHERE id = ?1 AND state = ?2",
        /* STMT_FLOW_CORR_CAS: the correction of ?1 from ?2 to ?3 (NULL:
         * none; IS compares NULLs as equal). */
        [STMT_FLOW_CORR_CAS] = "UPDATE item_flow SET corr_state = ?3 "
                               "WHERE item_id = ?1 AND corr_state IS ?2",
        /* STMT_FLOW_DUE: scheduled items whose time has come. */
        [STMT_FLOW_DUE] = "SELECT i.id FROM item i JOIN item_flow f "
                          "ON f.item_id = i.id WHERE i.state = 'scheduled' "
                          "AND f.publish_at <= ?1 "
                          "ORDER BY f.publish_at, i.id LIMIT ?2",
        [STMT_REVISION_ADD] =
                "INSERT INTO item_revision (item_id, number, at, user_id, "
                "category_id, source_date, title, summary, author_name, "
                "source, cover_image, cover_alt, note, body_html) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                "?13, ?14)",
        [STMT_REVISION_GET] =
                "SELECT item_id, number, at, user_id, category_id, "
                "source_date, title, summary, author_name, source, "
                "cover_image, cover_alt, note, body_html FROM item_revision "
                "WHERE item_id = ?1 AND number = ?2",
        [STMT_REVISION_LIST] =
                "SELECT item_id, number, at, user_id, category_id, "
                "source_date, title, summary, author_name, source, "
                "cover_image, cover_alt, note FROM item_revision "
                "WHERE item_id = ?1 ORDER BY number DESC",
        [STMT_TRANSITION_ADD] =
                "INSERT INTO item_transition (item_id, at, user_id, "
                "actor_name, action, from_state, to_state, correction, "
                "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        [STMT_TRANSITION_LIST] =
                "SELECT id, item_id, at, user_id, actor_name, action, "
                "from_state, to_state, correction, note "
                "FROM item_transition WHERE item_id = ?1 ORDER BY id",
        [STMT_COMMENT_ADD] = "INSERT INTO item_comment (item_id, user_id, "
                             "at, body) VALUES (?1, ?2, ?3, ?4)",
        [STMT_COMMENT_LIST] =
                "SELECT c.id, c.item_id, c.user_id, "
                "coalesce(a.full_name, ''), c.at, c.body "
                "FROM item_comment c LEFT JOIN account a "
                "ON a.id = c.user_id WHERE c.item_id = ?1 ORDER BY c.id",
        [STMT_QUEUE_MINE] = QUEUE(Q_MINE),
        [STMT_QUEUE_PREAPPROVE] = QUEUE(Q_PREAPPROVE),
        [STMT_QUEUE_TRIAGE] = QUEUE(Q_TRIAGE),
        [STMT_QUEUE_ASSIGNED] = QUEUE(Q_ASSIGNED),
        [STMT_QUEUE_TO_EDIT] = QUEUE(Q_TO_EDIT),
        [STMT_QUEUE_TO_APPROVE] = QUEUE(Q_TO_APPROVE),
        [STMT_QUEUE_TO_PUBLISH] = QUEUE(Q_TO_PUBLISH),
        [STMT_QUEUE_LATE] = QUEUE(Q_LATE),
        /* STMT_QUEUE_COUNTS: one column per enum item_queue, in order;
         * the same parameters (?6, ?7 unused). */
        [STMT_QUEUE_COUNTS] = QUEUE_COUNTS,
        /* STMT_AUDIT_TAIL: the newest entry's id and hash, and the
         * highest id ever given (AUTOINCREMENT's sqlite_sequence). */
        [STMT_AUDIT_TAIL] =
                "SELECT (SELECT id FROM audit ORDER BY id DESC LIMIT 1), "
                "(SELECT hash FROM audit ORDER BY id DESC LIMIT 1), "
                "(SELECT seq FROM sqlite_sequence WHERE name = 'audit')",
        [STMT_AUDIT_INSERT] =
                "INSERT INTO audit (id, at, actor_user_id, actor_name, "
                "client_addr, action, object_type, object_id, detail, "
                "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                "?9, ?10, ?11)",
        /* STMT_AUDIT_LIST: entries from id ?1 on, ?2 <= at <= ?3 (NULL:
         * open), in id order. */
        [STMT_AUDIT_LIST] = "SELECT " AUDIT_COLS " FROM audit "
                            "WHERE id >= ?1 AND (?2 IS NULL OR at >= ?2) "
                            "AND (?3 IS NULL OR at <= ?3) ORDER BY id",
        /* STMT_AUDIT_FIRST_FROM: the first entry at or after time ?1. */
        [STMT_AUDIT_FIRST_FROM] = "SELECT min(id) FROM audit WHERE at >= ?1",
        /* STMT_AUDIT_LAST_BELOW: the newest entry below id ?1 (NULL: the
         * newest of all). */
        [STMT_AUDIT_LAST_BELOW] = "SELECT " AUDIT_COLS " FROM audit "
                                  "WHERE ?1 IS NULL OR id < ?1 "
                                  "ORDER BY id DESC LIMIT 1",
        [STMT_AUDIT_DELETE_UPTO] = "DELETE FROM audit WHERE id <= ?1",
/* The filters of the newsroom's audit page (struct audit_filter):
 * ?1 <= at <= ?2, actor account ?3, actor name ?4 (ASCII case-insensitive),
 * action ?5, object type ?6 and id ?7, client address ?8; NULL: any. */
#define AUDIT_FILTER                                                           \
	"(?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at <= ?2) "               \
	"AND (?3 IS NULL OR actor_user_id = ?3) "                              \
	"AND (?4 IS NULL OR actor_name = ?4 COLLATE NOCASE) "                  \
	"AND (?5 IS NULL OR action = ?5) "                                     \
	"AND (?6 IS NULL OR object_type = ?6) "                                \
	"AND (?7 IS NULL OR object_id = ?7) "                                  \
	"AND (?8 IS NULL OR client_addr = ?8)"
        /* STMT_AUDIT_FIND_DESC: the entries matching the filter with
         * id < ?9 and id > ?10 (NULL: no bound), newest first, at most
         * ?11 (-1: all). */
        [STMT_AUDIT_FIND_DESC] =
                "SELECT " AUDIT_COLS " FROM audit WHERE " AUDIT_FILTER
                " AND (?9 IS NULL OR id < ?9) "
                "AND (?10 IS NULL OR id > ?10) ORDER BY id DESC LIMIT ?11",
        /* STMT_AUDIT_FIND_ASC: the same in id order. */
        [STMT_AUDIT_FIND_ASC] =
                "SELECT " AUDIT_COLS " FROM audit WHERE " AUDIT_FILTER
                " AND (?9 IS NULL OR id < ?9) "
                "AND (?10 IS NULL OR id > ?10) ORDER BY id LIMIT ?11",
        /* STMT_AUDIT_COUNT: how many entries match the filter. */
        [STMT_AUDIT_COUNT] = "SELECT count(*) FROM audit WHERE " AUDIT_FILTER,
        /* The second factor (store_totp.c); a NULL time reads as 0. */
        [STMT_TOTP_GET] = "SELECT totp_pending, totp_pending_at, "
                          "totp_last_step, totp_failed FROM account "
                          "WHERE id = ?1",
        [STMT_TOTP_SET] = "UPDATE account SET totp_pending = ?2, "
                          "totp_pending_at = ?3, totp_last_step = ?4, "
                          "totp_failed = ?5 WHERE id = ?1",
        [STMT_RESET_INSERT] = "INSERT INTO password_reset (id, account_id, "
                              "created_at, expires_at) "
                              "VALUES (?1, ?2, ?3, ?4)",
        /* STMT_RESET_VOID: the unused links of account ?1, at ?2. */
        [STMT_RESET_VOID] = "UPDATE password_reset SET voided_at = ?2 "
                            "WHERE account_id = ?1 AND used_at IS NULL "
                            "AND voided_at IS NULL",
        [STMT_RESET_GET] = "SELECT id, account_id, created_at, expires_at, "
                           "used_at, voided_at FROM password_reset "
                           "WHERE id = ?1",
        /* STMT_RESET_USE: marks link ?1 used at ?2 only if it is still
         * usable then, so two uses racing cannot both succeed. */
        [STMT_RESET_USE] = "UPDATE password_reset SET used_at = ?2 "
                           "WHERE id = ?1 AND used_at IS NULL "
                           "AND voided_at IS NULL AND expires_at > ?2",
/* The columns of struct media (store_media.c, media_row), table alias m. */
#define MEDIA_COLS                                                             \
	"m.id, m.kind, m.mime, m.bytes, m.width, m.height, m.widths, "         \
	"m.sha256, m.path, m.uploaded_by, m.uploaded_at, m.captions_id, "      \
	"m.original_name, m.alt, m.caption, m.search_text, m.transcript"
/* The library's filter: kind ?1 (NULL: all), search_text LIKE ?2 (NULL:
 * any), uploaded_by ?5 (NULL: anyone's). */
#define MEDIA_FILTER                                                           \
	"(?1 IS NULL OR m.kind = ?1) "                                         \
	"AND (?2 IS NULL OR m.search_text LIKE ?2 ESCAPE '\\') "               \
	"AND (?5 IS NULL OR m.uploaded_by = ?5)"
        [STMT_MEDIA_INSERT] =
                "INSERT INTO media (kind, mime, bytes, width, height, "
                "widths, sha256, path, uploaded_by, uploaded_at, "
                "captions_id, original_name, alt, caption, search_text, "
                "transcript) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                "?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        [STMT_MEDIA_GET] = "SELECT " MEDIA_COLS " FROM media m WHERE m.id = ?1",
        [STMT_MEDIA_BY_SHA256] =
                "SELECT " MEDIA_COLS " FROM media m WHERE m.sha256 = ?1",
        [STMT_MEDIA_UPDATE] = "UPDATE media SET alt = ?2, caption = ?3, "
                              "search_text = ?4, captions_id = ?5, "
                              "transcript = ?6 WHERE id = ?1",
        /* STMT_MEDIA_FIND: newest first, ?3 rows (-1: all) from ?4. */
        [STMT_MEDIA_FIND] = "SELECT " MEDIA_COLS " FROM media m "
                            "WHERE " MEDIA_FILTER " ORDER BY m.uploaded_at "
                            "DESC, m.id DESC LIMIT ?3 OFFSET ?4",
        [STMT_MEDIA_COUNT] = "SELECT count(*) FROM media m WHERE " MEDIA_FILTER,
        [STMT_ITEM_MEDIA_CLEAR] = "DELETE FROM item_media WHERE item_id = ?1",
        [STMT_ITEM_MEDIA_ADD] = "INSERT INTO item_media (item_id, media_id, "
                                "position, caption) VALUES (?1, ?2, ?3, ?4)",
        [STMT_ITEM_MEDIA_LIST] =
                "SELECT im.item_id, im.media_id, im.position, "
                "im.caption, " MEDIA_COLS " FROM item_media im "
                "JOIN media m ON m.id = im.media_id "
                "WHERE im.item_id = ?1 ORDER BY im.position, m.id",
        /* ---- sections (store_sections.c) ---- */
        /* STMT_SECTION_COUNTS: items of any state, and published ones,
         * per section that has any. */
        [STMT_SECTION_COUNTS] =
                "SELECT category_id, count(*), "
                "sum(state = 'published') FROM item GROUP BY category_id",
        /* STMT_SECTION_USES: what still refers to section ?1 (items,
         * revisions of items, subsections), so it may not be deleted. */
        [STMT_SECTION_USES] =
                "SELECT (SELECT count(*) FROM item WHERE category_id = ?1), "
                "(SELECT count(*) FROM item_revision "
                "WHERE category_id = ?1), "
                "(SELECT count(*) FROM category WHERE parent_id = ?1)",
        [STMT_SECTION_POSITION] =
                "UPDATE category SET position = ?2 WHERE id = ?1",
        [STMT_SECTION_VIEWS_DELETE] =
                "DELETE FROM view_daily_category WHERE category_id = ?1",
        [STMT_SECTION_DELETE] = "DELETE FROM category WHERE id = ?1",
        /* ---- notifications (store_notify.c, 0009-notification.sql) */
        /* STMT_NOTIFY_LIST: ?2 1 = unread only; newest first, ?3 rows
         * from ?4. */
        [STMT_NOTIFY_ADD] = "INSERT INTO notification (user_id, item_id, "
                            "kind, text, created_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)",
        [STMT_NOTIFY_LIST] =
                "SELECT n.id, n.user_id, n.item_id, n.kind, n.text, "
                "n.created_at, n.read_at FROM notification n "
                "WHERE n.user_id = ?1 AND (?2 = 0 OR n.read_at IS NULL) "
                "ORDER BY n.id DESC LIMIT ?3 OFFSET ?4",
        [STMT_NOTIFY_COUNT] =
                "SELECT count(*) FROM notification WHERE user_id = ?1",
        [STMT_NOTIFY_UNREAD] = "SELECT count(*) FROM notification "
                               "WHERE user_id = ?1 AND read_at IS NULL",
        /* Matches an own row even when read already (changes() is 1),
         * so only someone else's id reads as not found. */
        [STMT_NOTIFY_READ] = "UPDATE notification SET read_at = "
                             "coalesce(read_at, ?3) "
                             "WHERE id = ?1 AND user_id = ?2",
        [STMT_NOTIFY_READ_ALL] = "UPDATE notification SET read_at = ?2 "
                                 "WHERE user_id = ?1 AND read_at IS NULL",
        [STMT_NOTIFY_READ_ITEM] = "UPDATE notification SET read_at = ?3 "
                                  "WHERE user_id = ?1 AND item_id = ?2 "
                                  "AND read_at IS NULL",
        /* Active accounts holding one of the roles of ?1 (",code,..."),
         * of unit ?2 when not NULL. */
        [STMT_NOTIFY_RECIPIENTS] =
                "SELECT a.id, a.email, a.full_name FROM account a "
                "WHERE a.active = 1 AND (?2 IS NULL OR a.unit_id = ?2) "
                "AND EXISTS (SELECT 1 FROM account_role r "
                "WHERE r.account_id = a.id "
                "AND instr(?1, ',' || r.role || ',') > 0) ORDER BY a.id",
        /* STMT_PHOTO_ITEMS: the photo library (store_pubmedia.c).  The
         * page's ids come from item_state_pub; each card's cover is the
         * album photo that is the item's cover_image, else the first. */
        [STMT_PHOTO_ITEMS] =
                "SELECT i.id, i.kind, i.state, i.category_id, i.title, "
                "i.slug, i.summary, i.cover_image, i.cover_alt, "
                "i.published_at, i.updated_at, "
                "(SELECT count(*) FROM item_media x JOIN media y "
                "ON y.id = x.media_id WHERE x.item_id = i.id "
                "AND y.kind = 'image'), "
                "m.id, m.kind, m.mime, m.width, m.height, m.widths, "
                "m.path, m.alt, m.caption FROM item i "
                "LEFT JOIN media m ON m.id = coalesce("
                "(SELECT x.media_id FROM item_media x JOIN media y "
                "ON y.id = x.media_id WHERE x.item_id = i.id "
                "AND y.kind = 'image' AND y.path = i.cover_image LIMIT 1), "
                "(SELECT x.media_id FROM item_media x JOIN media y "
                "ON y.id = x.media_id WHERE x.item_id = i.id "
                "AND y.kind = 'image' ORDER BY x.position, y.id LIMIT 1)) "
                "WHERE i.id IN (SELECT id FROM item "
                "WHERE state = 'published' AND kind = 'anh' "
                "ORDER BY published_at DESC, id DESC LIMIT ?1 OFFSET ?2) "
                "ORDER BY i.published_at DESC, i.id DESC",
        [STMT_PHOTO_ITEMS_COUNT] = "SELECT count(*) FROM item "
                                   "WHERE state = 'published' "
                                   "AND kind = 'anh'",
        /* ---- contributions (0008-contribution.sql) ---- */
        [STMT_CONTRIB_INSERT] = "INSERT INTO contribution (ref, item_id, "
                                "sender_email, created_at) VALUES (?1, ?2, "
                                "?3, ?4)",
        [STMT_CONTRIB_BY_REF] = "SELECT id, ref, item_id, sender_email, "
                                "created_at FROM contribution WHERE ref = ?1",
        [STMT_CONTRIB_RATE_ADD] =
                "INSERT INTO contribution_rate (addr, at) VALUES (?1, ?2)",
        /* STMT_CONTRIB_RATE_COUNT: since ?2 and since ?3 (?3 < ?2). */
        [STMT_CONTRIB_RATE_COUNT] =
                "SELECT count(*) FILTER (WHERE at >= ?2), count(*) "
                "FROM contribution_rate WHERE addr = ?1 AND at >= ?3",
        [STMT_CONTRIB_RATE_PURGE] =
                "DELETE FROM contribution_rate WHERE at < ?1", /* ---- media: a
                                                                  correction's
                                                                  album,
                                                                  published use
                                                                  (0010) ---- */
        [STMT_ITEM_MEDIA_PENDING_CLEAR] =
                "DELETE FROM item_media_pending WHERE item_id = ?1",
        [STMT_ITEM_MEDIA_PENDING_UNMARK] =
                "DELETE FROM item_album_pending WHERE item_id = ?1",
        [STMT_ITEM_MEDIA_PENDING_MARK] =
                "INSERT INTO item_album_pending (item_id, set_at) "
                "VALUES (?1, ?2) ON CONFLICT (item_id) "
                "DO UPDATE SET set_at = excluded.set_at",
        [STMT_ITEM_MEDIA_PENDING_ADD] =
                "INSERT INTO item_media_pending (item_id, media_id, "
                "position, caption) VALUES (?1, ?2, ?3, ?4)",
        [STMT_ITEM_MEDIA_PENDING_MARKED] =
                "SELECT 1 FROM item_album_pending WHERE item_id = ?1",
        [STMT_ITEM_MEDIA_PENDING_LIST] =
                "SELECT im.item_id, im.media_id, im.position, "
                "im.caption, " MEDIA_COLS " FROM item_media_pending im "
                "JOIN media m ON m.id = im.media_id "
                "WHERE im.item_id = ?1 ORDER BY im.position, m.id",
        /* STMT_ITEM_MEDIA_PENDING_APPLY: after STMT_ITEM_MEDIA_CLEAR. */
        [STMT_ITEM_MEDIA_PENDING_APPLY] =
                "INSERT INTO item_media (item_id, media_id, position, "
                "caption) SELECT item_id, media_id, position, caption "
                "FROM item_media_pending WHERE item_id = ?1",
        /* STMT_MEDIA_PUBLISHED_USE: a published item showing medium ?1
         * in its album, or as its cover (a variant of the image whose
         * path starts with ?2, "YYYY/MM/<hex>-"; NULL: not an image). */
        [STMT_MEDIA_PUBLISHED_USE] =
                "SELECT i.id, i.title FROM item i "
                "WHERE i.state = 'published' AND (i.id IN "
                "(SELECT item_id FROM item_media WHERE media_id = ?1) "
                "OR (?2 IS NOT NULL AND "
                "substr(i.cover_image, 1, length(?2)) = ?2)) "
                "ORDER BY i.published_at DESC, i.id DESC LIMIT 1",
};
