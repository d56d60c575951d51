/*
 * The item workflow (issue 4; DESIGN, the item workflow; regulation
 * Điều 7, 9, 13-18): who may move an item from which state to which,
 * what an item must carry before it is sent on or published, its
 * deadlines, revisions, editorial comments, the newsroom's queues and
 * scheduled publication.
 *
 *   draft -> (district-review) -> submitted -> in-editing ->
 *   pending-approval -> approved -> (scheduled) -> published
 *
 * with returned (a reason required; back to the author, who edits and
 * submits again) from every review state, unpublished (Office, Head or
 * Deputy, a reason required; the item is kept) and archived
 * (Secretariat).  A published item is corrected on a track of its own
 * (item_flow.corr_state: in-editing -> pending-approval -> approved ->
 * published again) while the live text stays public.
 *
 * Every rule is enforced here, whatever a page sends: each step reloads
 * the acting account, the item and its flow inside one transaction,
 * checks the one table of actions (workflow.c, wf_rules), changes the
 * state by compare-and-set, records the step in the item's history and
 * in the audit log ("item.<action>"), and commits all of it or nothing.
 * Publishing, unpublishing, archiving and corrections tell the page
 * cache after the commit (content_changed).
 */
#ifndef TTDT_WORKFLOW_H
#define TTDT_WORKFLOW_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "audit.h"
#include "store.h"

enum wf_action {
	WF_SUBMIT,     /* author: to the Board (or the district head) */
	WF_PREAPPROVE, /* district head: Điều 18.2 */
	WF_ACCEPT,     /* Secretariat triage: to the "to edit" queue */
	WF_ASSIGN,     /* Head or Deputy names a Board member (Điều 13.2) */
	WF_TAKE,       /* a Board member takes an unassigned item */
	WF_SEND,       /* send for approval */
	WF_APPROVE,    /* Head or Deputy */
	WF_RETURN,     /* back to the author, with a reason */
	WF_SCHEDULE,   /* an approved item, with a publish time */
	WF_UNSCHEDULE, /* back to approved */
	WF_PUBLISH,    /* Office, approved items only (Điều 17.1.c) */
	WF_UNPUBLISH,  /* taken down, with a reason; kept */
	WF_ARCHIVE,    /* Secretariat */
	WF_CORRECT,    /* start a correction of a published item */
	WF_DISCARD,    /* drop a correction; the live text stays */
	/* Not transitions: what one may do to an item as it is. */
	WF_EDIT,    /* save a revision */
	WF_VIEW,    /* open it in the newsroom */
	WF_COMMENT, /* add an editorial comment */
	WF__MAX
};

#define WF_BIT(a) (1u << (unsigned)(a))

/* What the rules look at of an item: workflow_ref fills it. */
struct item_ref {
	int64_t id;
	enum item_state state;      /* item.state */
	enum item_state corr_state; /* a correction's; ITEM_STATE__MAX: none */
	int64_t author_user_id;
	int64_t unit_id;
	int64_t assigned_user_id;
	bool via_district;
};

void workflow_ref(struct item_ref *r, const struct item *it,
                  const struct item_flow *f);
/* The state the newsroom works on: the correction's while there is one,
 * else item.state. */
enum item_state workflow_state(const struct item_ref *r);

/* Stable code ("send"), used in forms, history and audit actions
 * ("item.send"); NULL out of range. */
const char *wf_action_code(enum wf_action a);
/* Vietnamese label for a button ("Trình duyệt"); NULL out of range. */
const char *wf_action_name(enum wf_action a);
bool wf_action_from_code(const char *code, enum wf_action *out);
/* True if the action needs a reason (return, unpublish). */
bool wf_action_needs_note(enum wf_action a);

/*
 * True if actor (its roles, id and unit as given; the transition itself
 * reloads them) may do a to it now, by the table of actions in
 * workflow.c: the role, the state (the correction's while there is one)
 * and the object rules (staff act on their own items, a focal point on
 * its unit's, a district head pre-approves only its unit's, a Board
 * member edits what is assigned to it or takes an unassigned item).
 */
bool workflow_allowed(const struct user *actor, const struct item_ref *it,
                      enum wf_action a);
/* The actions workflow_allowed grants now, as a mask of WF_BIT: the
 * buttons of the item's page. */
unsigned workflow_actions(const struct user *actor, const struct item_ref *it);

/* ---- What an item must carry (Điều 7.1.d, 7.2, 9.1.b-c) ---- */

#define WF_PROBLEMS_MAX 16

/* Vietnamese sentences naming what is missing (static strings). */
struct wf_problems {
	const char *msg[WF_PROBLEMS_MAX];
	size_t n;
};

void wf_problems_add(struct wf_problems *p, const char *msg);

/*
 * Checks it (with its flow f and its section cat, which may be NULL when
 * unknown) for what the regulation requires before it is sent on or
 * published: author and source (Điều 7.1.d); the source's date on a
 * cited item (Điều 7.2); the sender's name, agency and phone or address
 * on a contribution (Điều 9.1.c; the title is optional); a photo with
 * its description on an item of an activity-news section (Điều 9.1.b);
 * and what the media hook adds.  Fills out (zeroed first) and returns
 * true if nothing is missing.
 */
bool workflow_check_complete(const struct item *it, const struct item_flow *f,
                             const struct category *cat,
                             struct wf_problems *out);

/* workflow_check_complete and what the item's media lack (media.h,
 * media_accessible: recordings, captions or transcripts, alt text, album
 * captions), as the transitions check it; out as above.  The store's
 * errors. */
enum err workflow_check_item(struct store *s, struct arena *a,
                             const struct item *it, const struct item_flow *f,
                             const struct category *cat,
                             struct wf_problems *out);

/* ---- Deadlines (Điều 9.2) ---- */

/* An event item is due 24 hours after the event ended (9.2.a); a
 * directive or policy item 3 calendar days after the document was
 * issued (9.2.b; working days come later).  The earlier wins if both
 * are set. */
#define WF_EVENT_DUE_SECONDS (24 * 3600)
#define WF_DOC_DUE_SECONDS (3 * 24 * 3600)

enum wf_due {
	WF_DUE_NONE,    /* no deadline */
	WF_DUE_ON_TIME, /* published by its due time, or time enough left */
	WF_DUE_AT_RISK, /* not published, less than a quarter of the time
	                   from start to due left */
	WF_DUE_LATE,    /* published after, or not published by, its due */
	WF_DUE__MAX
};

struct wf_deadline {
	time_t start; /* event_ended_at or doc_issued_at; 0: none */
	time_t due;   /* 0: none */
	enum wf_due status;
};

/* The due time of f (0: none). */
time_t workflow_due_at(const struct item_flow *f);
/* The deadline of it at now; a published item is judged by its first
 * publication time. */
void workflow_deadline(const struct item *it, const struct item_flow *f,
                       time_t now, struct wf_deadline *out);
/* "đúng hạn", "sắp trễ hạn", "trễ hạn", "" for none. */
const char *wf_due_name(enum wf_due d);

/* ---- Writing: creation, saves and revisions ---- */

/* The editable fields a page sends.  body_html is sanitised here
 * (sanitize_html); the text fields are trimmed and NFC.  On a save a
 * NULL text or a zero category_id leaves the field as it is ("" clears
 * it); times and flags are always taken as given (0: none). */
struct wf_draft {
	enum item_kind kind;
	int64_t category_id;
	const char *title;
	const char *summary;
	const char *body_html;
	const char *author_name;
	const char *source;
	time_t source_date; /* 0: none */
	const char *cover_image;
	const char *cover_alt;
	bool cited;
	const char *sender_name;
	const char *sender_agency;
	const char *sender_title;
	const char *sender_contact;
	time_t event_ended_at; /* 0: none */
	time_t doc_issued_at;  /* 0: none */
};

/*
 * Creates a draft by actor (u, the account; au, the audit actor) from d,
 * with revision 1, audited "item.create".  The flow takes the actor's
 * unit; an item of a district collaborator goes through its district
 * head (Điều 18.2); an item written outside the Board, Secretariat and
 * Office is a contribution (Điều 9.1.c), and its sender fields default
 * to the account's name, unit, title and phone.  Sets *id.  ERR_DENIED
 * if the actor may not write items; ERR_INVALID for a missing title, an
 * unknown section or kind, or HTML the sanitiser refuses.
 */
enum err workflow_create(struct store *s, const struct user *u,
                         const struct audit_actor *au, const struct wf_draft *d,
                         time_t now, int64_t *id);

/*
 * Saves d as item id's next revision (note may be NULL), audited
 * "item.save".  Before the item is first published the item row takes
 * the new text at once; during a correction the revision is pending
 * (item_flow.pending_rev) and the public keeps the live text until the
 * correction is published.  *rev (may be NULL) gets the number.
 * ERR_DENIED unless WF_EDIT is allowed (an approved item is frozen:
 * return it first); ERR_INVALID as for create; ERR_NOTFOUND.
 */
enum err workflow_save(struct store *s, const struct user *u,
                       const struct audit_actor *au, int64_t id,
                       const struct wf_draft *d, const char *note, time_t now,
                       int64_t *rev);

/* Saves revision number of item id again as a new revision (a restore
 * is a save: the same rules, "restored from N" as its note).  Errors as
 * for save; ERR_NOTFOUND for an unknown revision. */
enum err workflow_restore(struct store *s, const struct user *u,
                          const struct audit_actor *au, int64_t id,
                          int64_t number, time_t now, int64_t *rev);

/* The item, its flow and the actions actor may take now, for its page;
 * ERR_DENIED unless WF_VIEW is allowed. */
struct wf_view {
	struct item item;
	struct item_flow flow;
	struct item_ref ref;
	unsigned actions; /* WF_BIT mask */
};
enum err workflow_load(struct store *s, struct arena *a, const struct user *u,
                       int64_t id, struct wf_view *out);

/*
 * The text the newsroom works on, as a correction would publish it:
 * during a correction (f->pending_rev) the pending revision's fields
 * (section, title, summary, body, author, source, source date, cover)
 * over *it, the live row, with strings in a; otherwise *it unchanged.
 * ERR_OK, or the store's error with *it unchanged.
 */
enum err workflow_working_copy(struct store *s, struct arena *a,
                               const struct item_flow *f, struct item *it);

/* History, revisions (newest first, no bodies) and comments of item id,
 * for those allowed WF_VIEW (ERR_DENIED otherwise). */
enum err workflow_history(struct store *s, struct arena *a,
                          const struct user *u, int64_t id,
                          struct item_transition **out, size_t *n);
enum err workflow_revisions(struct store *s, struct arena *a,
                            const struct user *u, int64_t id,
                            struct item_revision **out, size_t *n);
enum err workflow_comments(struct store *s, struct arena *a,
                           const struct user *u, int64_t id,
                           struct item_comment **out, size_t *n);

/* Longest editorial comment, in bytes. */
#define WF_COMMENT_MAX 4000

/* Adds an editorial comment (trimmed; valid UTF-8, 1..WF_COMMENT_MAX
 * bytes), audited "item.comment".  ERR_DENIED unless WF_COMMENT is
 * allowed; ERR_INVALID for an empty or too long text. */
enum err workflow_comment(struct store *s, const struct user *u,
                          const struct audit_actor *au, int64_t id,
                          const char *text, time_t now);

/* ---- Transitions ---- */

struct wf_args {
	const char *note;  /* the reason (return, unpublish: required) */
	int64_t assignee;  /* WF_ASSIGN: an active Board member */
	time_t publish_at; /* WF_SCHEDULE: later than now */
	bool check_seen;   /* refuse unless the state is still seen_state: */
	enum item_state seen_state; /* the state the page showed */
};

/*
 * Does action a (a transition: WF_SUBMIT .. WF_DISCARD) to item id as
 * u/au at now, in one transaction: reloads the account (it must still be
 * active; its roles as they are now), the item and its flow, checks the
 * table, the required reason and, for submit, pre-approve, send,
 * approve and publish, workflow_check_complete (its messages in
 * problems, which may be NULL); then changes the state by
 * compare-and-set, writes the history row and the audit entry
 * "item.<code>" with from, to and note.  Publishing sets published_at
 * (the first time) or updated_at (a correction, which also copies the
 * pending revision into the item row); the page cache is told after the
 * commit.
 *
 * Errors: ERR_NOTFOUND (no such item); ERR_DENIED (the account may not:
 * role, object rule, disabled); ERR_CONFLICT (the item is not, or no
 * longer, in a state this action applies to, or not in seen_state: two
 * people clicking at once, one wins); ERR_INVALID (a reason missing, the
 * item incomplete, a bad assignee or publish time); the store's.
 * Nothing changes unless ERR_OK.
 */
enum err workflow_do(struct store *s, const struct user *u,
                     const struct audit_actor *au, int64_t id, enum wf_action a,
                     const struct wf_args *args, time_t now,
                     struct wf_problems *problems);

/* The audit actor name of scheduled publication. */
#define WF_SCHEDULER_ACTOR "system:scheduler"

/*
 * Publishes every scheduled item whose publish time is now or past, each
 * in its own transaction as WF_SCHEDULER_ACTOR (Điều 17.1.c: only items
 * that were approved can be scheduled; completeness is checked again).
 * Run it every minute; with several nodes, compare-and-set makes each
 * item published once (a lost race is not an error).  *n (may be NULL)
 * gets how many were published.  Returns the first error other than a
 * lost race; the other items are still tried.
 */
enum err workflow_publish_due(struct store *s, time_t now, size_t *n);

/* ---- Queues (issue 4 item 2) ---- */

/* Vietnamese name of a queue ("Chờ duyệt"); NULL out of range. */
const char *workflow_queue_name(enum item_queue q);
/* The queues u sees, as a mask of (1u << queue). */
unsigned workflow_queues(const struct user *u);
/* Queue q for u at now (ERR_DENIED if u does not see it). */
enum err workflow_queue(struct store *s, struct arena *a, const struct user *u,
                        enum item_queue q, time_t now, size_t offset,
                        size_t limit, struct queue_list *out);
/* Every queue's count for u; 0 for those u does not see. */
enum err workflow_queue_counts(struct store *s, const struct user *u,
                               time_t now, int64_t counts[ITEM_QUEUE__MAX]);

#endif
