/*
 * Every SQL statement the store runs, as a closed set: the text for each
 * backend lives in a table indexed by this enum (stmt_sqlite.c, later
 * stmt_pg.c), is prepared once per connection and reused after a reset.
 * No SQL is ever built at run time; variable filters are nullable
 * parameters ((?2 IS NULL OR ...)) or separate rows below.
 */
#ifndef TTDT_STMT_H
#define TTDT_STMT_H

enum stmt {
	/* Connection set-up and transactions. */
	STMT_PRAGMA_WAL,
	STMT_PRAGMA_SYNC,
	STMT_PRAGMA_FK,
	STMT_FTS5_API,
	STMT_BEGIN,
	STMT_BEGIN_READ,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SAVEPOINT,
	STMT_RELEASE,
	STMT_ROLLBACK_TO,
	/* Migrations and checks. */
	STMT_SCHEMA_INIT,
	STMT_SCHEMA_EXISTS,
	STMT_SCHEMA_MAX,
	STMT_SCHEMA_ADD,
	STMT_INTEGRITY,
	/* Settings. */
	STMT_SETTING_GET,
	STMT_SETTING_SET,
	STMT_SETTING_ADD,
	/* Categories. */
	STMT_CATEGORY_LIST,
	STMT_CATEGORY_INSERT,
	STMT_CATEGORY_UPDATE,
	STMT_CATEGORY_CYCLE,
	STMT_CATEGORY_SUBTREE,
	/* Items. */
	STMT_ITEM_GET,
	STMT_ITEM_INSERT,
	STMT_ITEM_UPDATE,
	STMT_ITEMS_LATEST_SITE,
	STMT_ITEMS_LATEST_TREE,
	STMT_ITEMS_PUBLISHED_SITE,
	STMT_ITEMS_PUBLISHED_TREE,
	STMT_ITEMS_FEATURED_SITE,
	STMT_ITEMS_FEATURED_TREE,
	STMT_ITEMS_RELATED,
	STMT_ITEMS_SITEMAP,
	STMT_ITEMS_PUB_COUNT,
	STMT_ITEMS_COUNT,
	STMT_ITEMS_PUB_SPAN,
	/* Search index (external content over item_pub). */
	STMT_FTS_ADD,
	STMT_FTS_REMOVE,
	STMT_FTS_REBUILD,
	STMT_FTS_OPTIMIZE,
	STMT_FTS_CHECK,
	STMT_SEARCH_PREFIX,
	STMT_SEARCH_CAND,
	STMT_SEARCH_HIT,
	STMT_SEARCH_SNIPPET,
	/* Usage statistics. */
	STMT_VIEWS_HITS,
	STMT_VIEWS_DAY_ITEM,
	STMT_VIEWS_DAY_CATEGORY,
	/* People (0002-people.sql, store_people.c): unit kinds, units,
	 * accounts and roles, sessions, login throttling. */
	STMT_UNIT_KIND_LIST,
	STMT_UNIT_LIST,
	STMT_UNIT_GET,
	STMT_UNIT_INSERT,
	STMT_UNIT_UPDATE,
	STMT_UNIT_CYCLE,
	STMT_USER_LIST,
	STMT_USER_GET,
	STMT_USER_BY_EMAIL,
	STMT_USER_INSERT,
	STMT_USER_UPDATE,
	STMT_USER_ROLES_CLEAR,
	STMT_USER_ROLES_ADD,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_TOUCH,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_USER,
	STMT_SESSION_DELETE_OLD,
	STMT_ATTEMPT_GET,
	STMT_ATTEMPT_ADD,
	STMT_ATTEMPT_CLEAR,
	STMT_ATTEMPT_PURGE,
	/* The mail outbox (store_mail.c). */
	STMT_MAIL_INSERT,
	STMT_MAIL_DUE,
	STMT_MAIL_CLAIM,
	STMT_MAIL_SENT,
	STMT_MAIL_RETRY,
	STMT_MAIL_GIVE_UP,
	STMT_MAIL_GET,
	STMT_MAIL_COUNT,
	/* The daily job (store_maintenance.c). */
	STMT_SETTING_ADVANCE,
	/* The item workflow (0005-workflow.sql, store_workflow.c). */
	STMT_FLOW_GET,
	STMT_FLOW_PUT,
	STMT_FLOW_ITEM_CAS,
	STMT_FLOW_CORR_CAS,
	STMT_FLOW_DUE,
	STMT_REVISION_ADD,
	STMT_REVISION_GET,
	STMT_REVISION_LIST,
	STMT_TRANSITION_ADD,
	STMT_TRANSITION_LIST,
	STMT_COMMENT_ADD,
	STMT_COMMENT_LIST,
	STMT_QUEUE_MINE,
	STMT_QUEUE_PREAPPROVE,
	STMT_QUEUE_TRIAGE,
	STMT_QUEUE_ASSIGNED,
	STMT_QUEUE_TO_EDIT,
	STMT_QUEUE_TO_APPROVE,
	STMT_QUEUE_TO_PUBLISH,
	STMT_QUEUE_LATE,
	STMT_QUEUE_COUNTS,
	/* The audit log (store_audit.c). */
	STMT_AUDIT_TAIL,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_LIST,
	STMT_AUDIT_FIRST_FROM,
	STMT_AUDIT_LAST_BELOW,
	STMT_AUDIT_DELETE_UPTO,
	/* The audit log's filtered views (store_audit.c, admin_audit.c). */
	STMT_AUDIT_FIND_DESC,
	STMT_AUDIT_FIND_ASC,
	STMT_AUDIT_COUNT,
	/* The second factor (0003-totp.sql, store_totp.c). */
	STMT_TOTP_GET,
	STMT_TOTP_SET,
	/* Password reset links (0004-password-reset.sql, store_reset.c). */
	STMT_RESET_INSERT,
	STMT_RESET_VOID,
	STMT_RESET_GET,
	STMT_RESET_USE,
	/* The media library (0006-media.sql, store_media.c). */
	STMT_MEDIA_INSERT,
	STMT_MEDIA_GET,
	STMT_MEDIA_BY_SHA256,
	STMT_MEDIA_UPDATE,
	STMT_MEDIA_FIND,
	STMT_MEDIA_COUNT,
	STMT_ITEM_MEDIA_CLEAR,
	STMT_ITEM_MEDIA_ADD,
	STMT_ITEM_MEDIA_LIST,
	/* ---- sections (store_sections.c) ---- */
	/* ---- contributions (0008-contribution.sql) ---- */
	/* ---- notifications (0009-notification.sql) ---- */
	/* ---- item pages (admin lists) ---- */
	/* ---- public media pages ---- */
	STMT__MAX
};

/* SQLite text, ?1 ?2 placeholders. */
extern const char *const stmt_sqlite[STMT__MAX];

#endif
