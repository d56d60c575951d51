/*
 * The audit log (issue 3 item 9; TCVN 14423 4.8.2.1): who did what, when,
 * from which address, to which object, with before/after where it
 * matters.  Entries are hash-chained: each entry's hash is SHA-256 over
 * its fields and the previous entry's hash, so `ttdt audit verify` finds
 * the first entry that was altered or removed.  Times are stored in UTC
 * and shown and exported in ISO 8601 with +07:00.
 *
 * Every change to accounts, roles and units calls audit_append inside
 * the same store_tx as the change, so both commit or neither does.
 */
#ifndef TTDT_AUDIT_H
#define TTDT_AUDIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "buf.h"
#include "store.h"

/* 64 hex digits and a NUL. */
#define AUDIT_HASH_HEX 65
/* A purge never removes entries younger than this (issue 3). */
#define AUDIT_MIN_RETENTION_DAYS 90
/* The action of a purge's checkpoint entry. */
#define AUDIT_CHECKPOINT "audit.checkpoint"
/* The actions of reading the log in the newsroom: an export and a check
 * of the chain are themselves audited (who looked at the audit log). */
#define AUDIT_EXPORT "audit.export"
#define AUDIT_VERIFY "audit.verify"

/* Who acts: an account (user_id) or the command line (user_id 0, name
 * "cli:<OS user>"), and from which address ("" for the command line). */
struct audit_actor {
	int64_t user_id;
	const char *name;
	const char *addr;
};

/* Fills a with the command line's actor; name_buf (size bytes) receives
 * "cli:<OS user name>" (or "cli:uid<N>" if the name is unknown). */
void audit_actor_cli(struct audit_actor *a, char *name_buf, size_t size);

/*
 * Appends an entry at time at: action ("user.add"), the object's type
 * ("user", "unit", "audit", "" for none) and id (0: none), detail JSON
 * text (NULL: "{}"; audit_detail builds it).  Runs in the caller's
 * transaction when there is one (as a savepoint), else in its own.
 * Errors: the store's.
 */
enum err audit_append(struct store *s, const struct audit_actor *actor,
                      time_t at, const char *action, const char *object_type,
                      int64_t object_id, const char *detail);

/* The hash of e (from every field but hash itself), 64 lower-case hex
 * digits.  Canonical form: "ttdt-audit-1\n" then, per field in the order
 * id, at, actor_user_id, actor_name, client_addr, action, object_type,
 * object_id, detail, prev_hash, "<name>=<byte length>:<bytes>\n"
 * (integers in decimal), so no two entries serialise alike. */
void audit_hash(const struct audit_entry *e, char out[AUDIT_HASH_HEX]);

enum audit_fault {
	AUDIT_INTACT,
	AUDIT_ALTERED, /* bad_id's content or link does not match its hash */
	AUDIT_REMOVED, /* bad_id is missing (and maybe more after it) */
};

struct audit_report {
	enum audit_fault fault;
	int64_t entries;           /* entries read */
	int64_t bad_id;            /* the first entry altered or removed */
	char head[AUDIT_HASH_HEX]; /* the newest entry's hash, "" if none */
	char why[200];             /* English, for the command line */
};

/*
 * Walks the chain in id order and checks each entry's hash, its link to
 * the previous one, that ids are contiguous, that the first entry is
 * entry 1 or follows a purge named by a checkpoint entry in the chain,
 * and that no id the database gave out is missing at the end.  ERR_OK
 * with out->fault set; errors only for the store's failures.
 */
enum err audit_verify(struct store *s, struct audit_report *out);

/*
 * Deletes the entries older than before, and first appends a checkpoint
 * entry (AUDIT_CHECKPOINT) naming the last entry deleted and its hash,
 * all in one transaction, so verification passes afterwards and still
 * detects tampering.  ERR_INVALID if before is later than now minus
 * AUDIT_MIN_RETENTION_DAYS.  *purged (may be NULL) gets the count; with
 * nothing to delete, no checkpoint is written.
 */
enum err audit_purge(struct store *s, const struct audit_actor *actor,
                     time_t before, time_t now, int64_t *purged);

/*
 * Writes the entries with from <= at <= to (0: open) as CSV to out:
 * UTF-8 with a byte-order mark (so Excel shows Vietnamese), CRLF lines,
 * every field quoted, times ISO 8601 with +07:00, and a leading ' on
 * fields that a spreadsheet would take for a formula.  *n (may be NULL)
 * gets the number of entries; ERR_IO if writing fails.
 */
enum err audit_export_csv(struct store *s, time_t from, time_t to, FILE *out,
                          int64_t *n);

/*
 * The writer behind audit_export_csv, for any sink: the entries matching
 * f (NULL: all), in id order, at most max_rows (0: no limit), in the same
 * CSV.  write gets the bytes in pieces (the byte-order mark and header
 * row first, then one line per entry) and returns false if it could not
 * take them, which stops the export with ERR_IO.  *n (may be NULL) gets
 * the number of entries written.
 */
enum err audit_csv_write(struct store *s, const struct audit_filter *f,
                         size_t max_rows,
                         bool (*write)(const char *p, size_t len, void *arg),
                         void *arg, int64_t *n);

/* An action of the log with its Vietnamese name, for the newsroom. */
struct audit_action {
	const char *code; /* "login.ok" */
	const char *name; /* "Đăng nhập" */
};

/* The actions ttdt writes, in the order a list of them is shown; *n gets
 * how many. */
const struct audit_action *audit_actions(size_t *n);
/* The Vietnamese name of action code, or NULL if it is not one of
 * audit_actions (an entry written by a later version, say). */
const char *audit_action_name(const char *code);

/* One member of an entry's detail, as audit_detail built it. */
struct audit_detail_item {
	const char *field;
	const char *before; /* a change's old value; NULL: a creation or a
	                       plain fact */
	const char *value;  /* a change's new value or the fact */
	bool change;        /* {"before":...,"after":...} */
	bool number;        /* value (and before) were JSON numbers */
};

/*
 * Parses detail JSON of the shape audit_detail builds (an object whose
 * members are strings, numbers, true/false/null, or an object of
 * "before" and "after" holding those) into *out (*n members), strings
 * unescaped, in a.  False if detail is anything else, so the caller can
 * show it as text instead.
 */
bool audit_detail_parse(struct arena *a, const char *detail,
                        struct audit_detail_item **out, size_t *n);

/*
 * Detail JSON builder: {"field":{"before":...,"after":...},
 * "fact":value, ...}.  Values are JSON strings or integers.
 */
struct audit_detail {
	struct buf b;   /* the members so far, comma-separated */
	struct buf out; /* b in braces, made by audit_detail_json */
	bool any;
};

void audit_detail_init(struct audit_detail *d);
/* Records a change of a text field, only if before and after differ;
 * before NULL records only "after" (a creation). */
void audit_detail_change(struct audit_detail *d, const char *field,
                         const char *before, const char *after);
void audit_detail_change_int(struct audit_detail *d, const char *field,
                             int64_t before, int64_t after);
/* Records a plain fact: "field":"value" / "field":n. */
void audit_detail_str(struct audit_detail *d, const char *field,
                      const char *value);
void audit_detail_int(struct audit_detail *d, const char *field, int64_t v);
/* True if anything was recorded. */
bool audit_detail_any(const struct audit_detail *d);
/* The JSON text, valid until the next call on d or its release. */
const char *audit_detail_json(struct audit_detail *d);
void audit_detail_release(struct audit_detail *d);

#endif
