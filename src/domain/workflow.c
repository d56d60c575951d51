/*
 * The item workflow: the one table of actions x state x role x object
 * rule (wf_rules below), the transitions that apply it inside one
 * transaction each, what an item must carry before it goes on, the
 * deadlines of Điều 9.2, revisions, comments, queues and scheduled
 * publication.  See workflow.h for the states and the API.
 *
 * Why the table lives here and not in role.c: a row names item states,
 * the correction track and object rules (author, unit, assignee), all of
 * them the workflow's; role.c stays the list of roles.  Coarse route
 * permissions (signed in, IT admin) stay in the web layer's route table;
 * whether a person may do this to this item in this state is decided
 * only here.
 *
 * Regulation: Điều 7.1.d, 7.2 (author, source, source date), 9.1.b-c
 * (activity photos, sender details), 9.2 (deadlines), 13.2 (the Head
 * assigns), 14 (the Deputy approves and checks), 15.1.a (members edit as
 * assigned), 16 (the Secretariat collects and archives), 17.1.c (the
 * Office publishes what the Head or Deputy approved), 18.2 (the district
 * head approves the district's items first).
 */
#include "common.h"

#include <inttypes.h>

#include "content.h"
#include "log.h"
#include "role.h"
#include "sanitize.h"
#include "str.h"
#include "user.h"
#include "utf8.h"
#include "vnfold.h"
#include "media.h"
#include "notify.h"
#include "workflow.h"

/* ---- The table ---- */

#define S(x) (1u << (unsigned)ITEM_STATE_##x)
#define S_ALL ((1u << (unsigned)ITEM_STATE__MAX) - 1u)

#define R(x) ROLE_BIT(ROLE_##x)
#define HEADS (R(BOARD_HEAD) | R(BOARD_DEPUTY))
#define BOARD (HEADS | R(BOARD_MEMBER))
#define EDITORS (BOARD | R(SECRETARIAT))
#define AUTHORS ROLES_AUTHORS
/* Who reads every item in the newsroom. */
#define READERS (EDITORS | R(OFFICE) | R(DIRECTOR))

/* Object rules beyond the role. */
enum wf_rule {
	RULE_ANY,        /* the role suffices */
	RULE_OWN,        /* the author; a focal point: its unit's items */
	RULE_UNIT,       /* the actor's unit is the item's */
	RULE_ASSIGNEE,   /* assigned to the actor */
	RULE_UNASSIGNED, /* nobody assigned yet */
};

/* Which track a row applies to: the item's own state, or a correction's
 * (item_flow.corr_state) while one is open. */
#define T_ITEM 1u
#define T_CORR 2u
#define T_BOTH (T_ITEM | T_CORR)

#define F_NOTE 1u     /* a reason is required */
#define F_COMPLETE 2u /* workflow_check_complete must pass */
#define F_DISTRICT 4u /* to district-review for a district's item */
#define F_ITEM_STATE                                                           \
	8u            /* looks at item.state even during a correction          \
	                 and drops the correction */
#define F_TO_CORR 16u /* opens a correction: to is its state */

/* No state change (not a transition). */
#define NONE ITEM_STATE__MAX

struct wf_row {
	enum wf_action action;
	unsigned from;   /* mask of states */
	unsigned tracks; /* T_ITEM, T_CORR */
	unsigned roles;  /* mask of ROLE_BIT */
	enum wf_rule rule;
	enum item_state to; /* on the track acted on; for a correction,
	                       PUBLISHED means "closed" */
	unsigned flags;
};

/* clang-format off */
static const struct wf_row wf_rules[] = {
	/* Điều 17.3, 9.1.a, 18.1: authors send their own items on; a
	 * district's go to its head first (18.2). */
	{WF_SUBMIT, S(DRAFT) | S(RETURNED), T_ITEM, AUTHORS, RULE_OWN,
	 ITEM_STATE_SUBMITTED, F_COMPLETE | F_DISTRICT},
	/* Điều 18.2 */
	{WF_PREAPPROVE, S(DISTRICT_REVIEW), T_ITEM, R(DISTRICT_HEAD),
	 RULE_UNIT, ITEM_STATE_SUBMITTED, F_COMPLETE},
	/* Điều 16.1, 9.1.b: the Secretariat collects and passes on. */
	{WF_ACCEPT, S(SUBMITTED), T_ITEM, HEADS | R(SECRETARIAT), RULE_ANY,
	 ITEM_STATE_IN_EDITING, 0},
	/* Điều 13.2 */
	{WF_ASSIGN, S(SUBMITTED) | S(IN_EDITING), T_BOTH, HEADS, RULE_ANY,
	 ITEM_STATE_IN_EDITING, 0},
	/* Điều 15.1.a: the "to edit" queue. */
	{WF_TAKE, S(IN_EDITING), T_BOTH, BOARD, RULE_UNASSIGNED,
	 ITEM_STATE_IN_EDITING, 0},
	{WF_SEND, S(IN_EDITING), T_BOTH, HEADS, RULE_ANY,
	 ITEM_STATE_PENDING_APPROVAL, F_COMPLETE},
	{WF_SEND, S(IN_EDITING), T_BOTH, R(BOARD_MEMBER), RULE_ASSIGNEE,
	 ITEM_STATE_PENDING_APPROVAL, F_COMPLETE},
	/* Điều 13.2, 14.1, 17.1.c: the Head or Deputy approves. */
	{WF_APPROVE, S(PENDING_APPROVAL), T_BOTH, HEADS, RULE_ANY,
	 ITEM_STATE_APPROVED, F_COMPLETE},
	{WF_RETURN, S(DISTRICT_REVIEW), T_ITEM, R(DISTRICT_HEAD), RULE_UNIT,
	 ITEM_STATE_RETURNED, F_NOTE},
	{WF_RETURN, S(SUBMITTED) | S(IN_EDITING), T_ITEM,
	 HEADS | R(SECRETARIAT), RULE_ANY, ITEM_STATE_RETURNED, F_NOTE},
	{WF_RETURN, S(IN_EDITING), T_ITEM, R(BOARD_MEMBER), RULE_ASSIGNEE,
	 ITEM_STATE_RETURNED, F_NOTE},
	{WF_RETURN, S(PENDING_APPROVAL) | S(APPROVED) | S(SCHEDULED), T_ITEM,
	 HEADS, RULE_ANY, ITEM_STATE_RETURNED, F_NOTE},
	/* A correction is the Board's own work (Điều 9.2.d: providers send
	 * changes to the Board): returned, it goes back to its editor. */
	{WF_RETURN, S(PENDING_APPROVAL) | S(APPROVED), T_CORR, HEADS,
	 RULE_ANY, ITEM_STATE_IN_EDITING, F_NOTE},
	{WF_SCHEDULE, S(APPROVED), T_ITEM, R(OFFICE) | HEADS, RULE_ANY,
	 ITEM_STATE_SCHEDULED, 0},
	{WF_UNSCHEDULE, S(SCHEDULED), T_ITEM, R(OFFICE) | HEADS, RULE_ANY,
	 ITEM_STATE_APPROVED, 0},
	/* Điều 17.1.c: publish only approved items. */
	{WF_PUBLISH, S(APPROVED) | S(SCHEDULED), T_ITEM, R(OFFICE), RULE_ANY,
	 ITEM_STATE_PUBLISHED, F_COMPLETE},
	{WF_PUBLISH, S(APPROVED), T_CORR, R(OFFICE), RULE_ANY,
	 ITEM_STATE_PUBLISHED, F_COMPLETE},
	{WF_UNPUBLISH, S(PUBLISHED), T_ITEM, R(OFFICE) | HEADS, RULE_ANY,
	 ITEM_STATE_UNPUBLISHED, F_NOTE | F_ITEM_STATE},
	/* Điều 16.2, 10.2: archived, never deleted. */
	{WF_ARCHIVE, S(PUBLISHED) | S(UNPUBLISHED) | S(DRAFT) | S(RETURNED),
	 T_ITEM, R(SECRETARIAT), RULE_ANY, ITEM_STATE_ARCHIVED, F_ITEM_STATE},
	/* Điều 9.2.d, 10.1, 14.4: a published item is corrected. */
	{WF_CORRECT, S(PUBLISHED), T_ITEM, EDITORS, RULE_ANY,
	 ITEM_STATE_IN_EDITING, F_TO_CORR},
	{WF_DISCARD, S(IN_EDITING) | S(PENDING_APPROVAL) | S(APPROVED), T_CORR,
	 HEADS | R(SECRETARIAT), RULE_ANY, ITEM_STATE_PUBLISHED, 0},
	{WF_DISCARD, S(IN_EDITING), T_CORR, R(BOARD_MEMBER), RULE_ASSIGNEE,
	 ITEM_STATE_PUBLISHED, 0},
	/* Saving a revision.  An approved item is frozen: what was approved
	 * is what is published. */
	{WF_EDIT, S(DRAFT) | S(RETURNED), T_ITEM, AUTHORS, RULE_OWN, NONE, 0},
	{WF_EDIT, S(DISTRICT_REVIEW), T_ITEM, R(DISTRICT_HEAD), RULE_UNIT,
	 NONE, 0},
	{WF_EDIT, S(SUBMITTED) | S(IN_EDITING), T_BOTH, HEADS | R(SECRETARIAT),
	 RULE_ANY, NONE, 0},
	{WF_EDIT, S(IN_EDITING), T_BOTH, R(BOARD_MEMBER), RULE_ASSIGNEE, NONE,
	 0},
	{WF_EDIT, S(PENDING_APPROVAL), T_BOTH, HEADS, RULE_ANY, NONE, 0},
	/* The people working on an item see it and its comments. */
	{WF_VIEW, S_ALL, T_BOTH, READERS, RULE_ANY, NONE, 0},
	{WF_VIEW, S_ALL, T_BOTH, AUTHORS, RULE_OWN, NONE, 0},
	{WF_VIEW, S_ALL, T_BOTH, R(DISTRICT_HEAD), RULE_UNIT, NONE, 0},
	{WF_COMMENT, S_ALL, T_BOTH, READERS, RULE_ANY, NONE, 0},
	{WF_COMMENT, S_ALL, T_BOTH, AUTHORS, RULE_OWN, NONE, 0},
	{WF_COMMENT, S_ALL, T_BOTH, R(DISTRICT_HEAD), RULE_UNIT, NONE, 0},
};
/* clang-format on */

static const struct {
	const char *code;
	const char *name;
} wf_actions[WF__MAX] = {
        {"submit", "Gửi tin, bài"},        /* WF_SUBMIT */
        {"preapprove", "Duyệt cấp huyện"}, /* WF_PREAPPROVE */
        {"accept", "Tiếp nhận"},           /* WF_ACCEPT */
        {"assign", "Phân công biên tập"},  /* WF_ASSIGN */
        {"take", "Nhận biên tập"},         /* WF_TAKE */
        {"send", "Trình duyệt"},           /* WF_SEND */
        {"approve", "Duyệt"},              /* WF_APPROVE */
        {"return", "Trả lại"},             /* WF_RETURN */
        {"schedule", "Hẹn giờ đăng"},      /* WF_SCHEDULE */
        {"unschedule", "Hủy hẹn giờ"},     /* WF_UNSCHEDULE */
        {"publish", "Đăng"},               /* WF_PUBLISH */
        {"unpublish", "Gỡ xuống"},         /* WF_UNPUBLISH */
        {"archive", "Lưu trữ"},            /* WF_ARCHIVE */
        {"correct", "Sửa tin đã đăng"},    /* WF_CORRECT */
        {"discard", "Hủy bản sửa"},        /* WF_DISCARD */
        {"save", "Lưu"},                   /* WF_EDIT */
        {"view", "Xem"},                   /* WF_VIEW */
        {"comment", "Góp ý"},              /* WF_COMMENT */
};

const char *
wf_action_code(enum wf_action a)
{
	return (unsigned)a < WF__MAX ? wf_actions[a].code : NULL;
}

const char *
wf_action_name(enum wf_action a)
{
	return (unsigned)a < WF__MAX ? wf_actions[a].name : NULL;
}

bool
wf_action_from_code(const char *code, enum wf_action *out)
{
	for (int i = 0; code && i < WF__MAX; i++)
		if (strcmp(wf_actions[i].code, code) == 0) {
			*out = (enum wf_action)i;
			return true;
		}
	return false;
}

bool
wf_action_needs_note(enum wf_action a)
{
	for (size_t i = 0; i < ARRAY_SIZE(wf_rules); i++)
		if (wf_rules[i].action == a && (wf_rules[i].flags & F_NOTE))
			return true;
	return false;
}

void
workflow_ref(struct item_ref *r, const struct item *it,
             const struct item_flow *f)
{
	memset(r, 0, sizeof(*r));
	r->id = it->id;
	r->state = it->state;
	r->corr_state = f ? f->corr_state : ITEM_STATE__MAX;
	r->author_user_id = it->author_user_id;
	r->unit_id = f ? f->unit_id : 0;
	r->assigned_user_id = f ? f->assigned_user_id : 0;
	r->via_district = f && f->via_district;
}

static bool
correcting(const struct item_ref *r)
{
	return r->state == ITEM_STATE_PUBLISHED &&
	       (unsigned)r->corr_state < ITEM_STATE__MAX;
}

enum item_state
workflow_state(const struct item_ref *r)
{
	return correcting(r) ? r->corr_state : r->state;
}

/* The state and track row w looks at. */
static void
row_view(const struct wf_row *w, const struct item_ref *r, enum item_state *st,
         unsigned *track)
{
	if (!(w->flags & F_ITEM_STATE) && correcting(r)) {
		*st = r->corr_state;
		*track = T_CORR;
	} else {
		*st = r->state;
		*track = T_ITEM;
	}
}

static bool
row_applies(const struct wf_row *w, const struct item_ref *r)
{
	enum item_state st;
	unsigned track;

	row_view(w, r, &st, &track);
	return (w->tracks & track) && (w->from & (1u << (unsigned)st));
}

static bool
rule_holds(enum wf_rule rule, unsigned roles, int64_t uid, int64_t unit,
           const struct item_ref *r)
{
	switch (rule) {
	case RULE_ANY:
		return true;
	case RULE_OWN:
		if (uid > 0 && r->author_user_id == uid)
			return true;
		/* Điều 9.1.a: the focal point provides its unit's items. */
		return (roles & R(UNIT_FOCAL)) && unit > 0 &&
		       r->unit_id == unit;
	case RULE_UNIT:
		return unit > 0 && r->unit_id == unit;
	case RULE_ASSIGNEE:
		return uid > 0 && r->assigned_user_id == uid;
	case RULE_UNASSIGNED:
		return r->assigned_user_id == 0;
	}
	return false;
}

/*
 * The verdict of the table for roles/uid/unit doing a to r, and the row
 * that grants it: ERR_DENIED if no row of a is for these roles at all,
 * ERR_CONFLICT if none of those applies in the item's state, ERR_DENIED
 * if one applies but its object rule does not hold.
 */
static enum err
wf_check(unsigned roles, int64_t uid, int64_t unit, const struct item_ref *r,
         enum wf_action a, const struct wf_row **row)
{
	bool any_role = false, any_state = false;

	*row = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(wf_rules); i++) {
		const struct wf_row *w = &wf_rules[i];

		if (w->action != a || !(w->roles & roles))
			continue;
		any_role = true;
		if (!row_applies(w, r))
			continue;
		any_state = true;
		if (rule_holds(w->rule, roles & w->roles, uid, unit, r)) {
			*row = w;
			return ERR_OK;
		}
	}
	if (!any_role)
		return ERR_DENIED;
	return any_state ? ERR_DENIED : ERR_CONFLICT;
}

bool
workflow_allowed(const struct user *actor, const struct item_ref *it,
                 enum wf_action a)
{
	const struct wf_row *w;

	if (!actor || !actor->active || (unsigned)a >= WF__MAX)
		return false;
	return wf_check(user_roles(actor), actor->id, actor->unit_id, it, a,
	                &w) == ERR_OK;
}

unsigned
workflow_actions(const struct user *actor, const struct item_ref *it)
{
	unsigned mask = 0;

	for (int a = 0; a < WF__MAX; a++)
		if (workflow_allowed(actor, it, (enum wf_action)a))
			mask |= WF_BIT(a);
	return mask;
}

/* ---- Completeness ---- */

void
wf_problems_add(struct wf_problems *p, const char *msg)
{
	if (p->n < WF_PROBLEMS_MAX)
		p->msg[p->n++] = msg;
}

bool
workflow_check_complete(const struct item *it, const struct item_flow *f,
                        const struct category *cat, struct wf_problems *out)
{
	memset(out, 0, sizeof(*out));
	if (!str_filled(it->title))
		wf_problems_add(out, "Chưa có tiêu đề.");
	/* Điều 7.1.d: author and source on every item. */
	if (!str_filled(it->author_name))
		wf_problems_add(out, "Chưa ghi tác giả (Điều 7.1.d).");
	if (!str_filled(it->source))
		wf_problems_add(out, "Chưa ghi nguồn thông tin (Điều 7.1.d).");
	/* Điều 7.2: a cited item names the date it appeared at its source. */
	if (f && f->cited && !it->source_date)
		wf_problems_add(out, "Tin, bài trích dẫn chưa ghi ngày thông "
		                     "tin được đăng tải ở nguồn (Điều 7.2).");
	/* Điều 9.1.c: who sent a contribution, and how to reach them. */
	if (f && f->contribution) {
		if (!str_filled(f->sender_name))
			wf_problems_add(out, "Chưa ghi họ tên người gửi "
			                     "(Điều 9.1.c).");
		if (!str_filled(f->sender_agency))
			wf_problems_add(out, "Chưa ghi cơ quan, đơn vị của "
			                     "người gửi (Điều 9.1.c).");
		if (!str_filled(f->sender_contact))
			wf_problems_add(out, "Chưa ghi số điện thoại hoặc địa "
			                     "chỉ liên lạc của người gửi "
			                     "(Điều 9.1.c).");
	}
	/* Điều 9.1.b: activity news carries a photo; the photo its
	 * description for those who cannot see it (WCAG 1.1.1). */
	if (cat && cat->activity_news && !str_filled(it->cover_image))
		wf_problems_add(out, "Tin hoạt động phải có ảnh minh họa "
		                     "(Điều 9.1.b).");
	if (str_filled(it->cover_image) && !str_filled(it->cover_alt))
		wf_problems_add(out, "Ảnh minh họa chưa có lời mô tả.");
	return out->n == 0;
}

enum err
workflow_check_item(struct store *s, struct arena *a, const struct item *it,
                    const struct item_flow *f, const struct category *cat,
                    struct wf_problems *out)
{
	struct media_lack lack;
	enum err e;

	workflow_check_complete(it, f, cat, out);
	if ((e = media_accessible(s, a, it, &lack)) != ERR_OK)
		return e;
	for (size_t i = 0; i < lack.n; i++)
		wf_problems_add(out, lack.v[i]);
	return ERR_OK;
}

/* ---- Deadlines ---- */

time_t
workflow_due_at(const struct item_flow *f)
{
	time_t due = 0;

	/* Điều 9.2.a: 24 hours after the event ended. */
	if (f->event_ended_at)
		due = f->event_ended_at + WF_EVENT_DUE_SECONDS;
	/* Điều 9.2.b: 3 days after the document was issued. */
	if (f->doc_issued_at &&
	    (!due || f->doc_issued_at + WF_DOC_DUE_SECONDS < due))
		due = f->doc_issued_at + WF_DOC_DUE_SECONDS;
	return due;
}

void
workflow_deadline(const struct item *it, const struct item_flow *f, time_t now,
                  struct wf_deadline *out)
{
	time_t left, span;

	memset(out, 0, sizeof(*out));
	out->status = WF_DUE_NONE;
	if (!f || !(out->due = workflow_due_at(f)))
		return;
	out->start = out->due - WF_EVENT_DUE_SECONDS == f->event_ended_at
	                     ? f->event_ended_at
	                     : f->doc_issued_at;
	if (it->published_at) {
		out->status = it->published_at <= out->due ? WF_DUE_ON_TIME
		                                           : WF_DUE_LATE;
		return;
	}
	if (now > out->due) {
		out->status = WF_DUE_LATE;
		return;
	}
	/* At risk: less than a quarter of the window left (6 of 24 hours,
	 * 18 of 72), time enough for the Board to notice and act but late
	 * enough not to flag every fresh item. */
	left = out->due - now;
	span = out->due - out->start;
	out->status = left * 4 < span ? WF_DUE_AT_RISK : WF_DUE_ON_TIME;
}

const char *
wf_due_name(enum wf_due d)
{
	static const char *const names[WF_DUE__MAX] = {
	        "",            /* WF_DUE_NONE */
	        "đúng hạn",    /* WF_DUE_ON_TIME */
	        "sắp trễ hạn", /* WF_DUE_AT_RISK */
	        "trễ hạn",     /* WF_DUE_LATE */
	};
	return (unsigned)d < WF_DUE__MAX ? names[d] : "";
}

/* ---- Shared steps ---- */

/* The acting account as it is now: ERR_DENIED if gone or disabled. */
static enum err
actor_reload(struct store *s, struct arena *a, const struct user *u,
             struct user *out)
{
	enum err e;

	if (!u || u->id <= 0)
		return ERR_DENIED;
	e = store_user_get(s, a, u->id, out);
	if (e == ERR_NOTFOUND)
		return ERR_DENIED;
	if (e != ERR_OK)
		return e;
	return out->active ? ERR_OK : ERR_DENIED;
}

/* The item and its flow (defaults when it has none). */
static enum err
item_load(struct store *s, struct arena *a, int64_t id, struct item *it,
          struct item_flow *f)
{
	enum err e;

	if (id <= 0)
		return ERR_NOTFOUND;
	if ((e = store_item_get(s, a, id, it)) != ERR_OK)
		return e;
	e = store_flow_get(s, a, id, f);
	return e == ERR_NOTFOUND ? ERR_OK : e;
}

static enum err
category_find(struct store *s, struct arena *a, int64_t id,
              struct category *out)
{
	struct category *v;
	size_t n;
	enum err e;

	if ((e = store_categories(s, a, &v, &n)) != ERR_OK)
		return e;
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id) {
			*out = v[i];
			return ERR_OK;
		}
	return ERR_NOTFOUND;
}

/* Trimmed, NFC copy of s in a (NULL stays NULL); false if not UTF-8. */
static bool
clean_text(struct arena *a, const char *s, const char **out)
{
	size_t len;

	*out = NULL;
	if (!s)
		return true;
	while (*s && strchr(" \t\r\n", *s))
		s++;
	len = strlen(s);
	while (len && strchr(" \t\r\n", s[len - 1]))
		len--;
	return (*out = utf8_nfc_dup(a, s, len)) != NULL;
}

enum err
workflow_working_copy(struct store *s, struct arena *a,
                      const struct item_flow *f, struct item *it)
{
	struct item_revision rv;
	enum err e;

	if (!f->pending_rev)
		return ERR_OK;
	if ((e = store_revision_get(s, a, it->id, f->pending_rev, &rv)) !=
	    ERR_OK)
		return e;
	it->category_id = rv.category_id;
	it->title = rv.title;
	it->summary = rv.summary;
	it->body_html = rv.body_html;
	it->author_name = rv.author_name;
	it->source = rv.source;
	it->source_date = rv.source_date;
	it->cover_image = rv.cover_image;
	it->cover_alt = rv.cover_alt;
	return ERR_OK;
}

static void
tags_of(char *out, size_t size, int64_t id, int64_t cat, int64_t cat2)
{
	if (cat2 && cat2 != cat)
		snprintf(out, size,
		         "item:%" PRId64 " cat:%" PRId64 " cat:%" PRId64
		         " site",
		         id, cat, cat2);
	else
		snprintf(out, size, "item:%" PRId64 " cat:%" PRId64 " site", id,
		         cat);
}

/* ---- Transitions ---- */

struct do_ctx {
	struct arena a;
	const struct user *u; /* NULL: the scheduler */
	const struct audit_actor *au;
	int64_t id;
	enum wf_action action;
	const struct wf_args *args;
	time_t now;
	struct wf_problems *problems;
	/* Out: what the page cache must hear, "" for nothing. */
	char tags[96];
};

static bool
is_board(const struct user *u)
{
	return (user_roles(u) & BOARD) != 0;
}

static enum err
do_tx(struct store *s, void *arg)
{
	struct do_ctx *x = arg;
	const struct wf_args *args = x->args;
	const struct wf_row *w = NULL;
	struct user me, who;
	struct item it, work;
	struct item_flow f;
	struct item_ref r;
	struct category cat, *catp = NULL;
	struct item_transition t = {0};
	struct audit_detail d;
	enum item_state from, to;
	unsigned track;
	bool corr, closes_corr = false;
	const char *note = NULL;
	struct wf_problems tmp;
	int64_t old_cat = 0;
	time_t pub_at, upd_at;
	enum err e;

	memset(&me, 0, sizeof(me));
	if (x->u) {
		if ((e = actor_reload(s, &x->a, x->u, &me)) != ERR_OK)
			return e;
	}
	if ((e = item_load(s, &x->a, x->id, &it, &f)) != ERR_OK)
		return e;
	workflow_ref(&r, &it, &f);
	if (args && args->check_seen && workflow_state(&r) != args->seen_state)
		return ERR_CONFLICT;
	if (x->u) {
		e = wf_check(user_roles(&me), me.id, me.unit_id, &r, x->action,
		             &w);
		if (e != ERR_OK)
			return e;
	} else {
		/* The scheduler publishes what the Office scheduled, and
		 * only that: Điều 17.1.c. */
		if (x->action != WF_PUBLISH || correcting(&r) ||
		    r.state != ITEM_STATE_SCHEDULED)
			return ERR_CONFLICT;
		for (size_t i = 0; i < ARRAY_SIZE(wf_rules) && !w; i++)
			if (wf_rules[i].action == WF_PUBLISH &&
			    row_applies(&wf_rules[i], &r))
				w = &wf_rules[i];
		if (!w)
			BUG("no publish row for a scheduled item");
	}
	if (w->to == NONE)
		return ERR_INVALID; /* not a transition: save, comment */
	row_view(w, &r, &from, &track);
	corr = track == T_CORR;
	if (args && !clean_text(&x->a, args->note, &note))
		return ERR_INVALID;
	if ((w->flags & F_NOTE) && !str_filled(note)) {
		if (x->problems)
			wf_problems_add(x->problems,
			                "Cần ghi lý do (sẽ gửi cho người "
			                "liên quan).");
		return ERR_INVALID;
	}
	if (w->flags & F_COMPLETE) {
		work = it;
		if (corr &&
		    (e = workflow_working_copy(s, &x->a, &f, &work)) != ERR_OK)
			return e;
		e = category_find(s, &x->a, work.category_id, &cat);
		if (e == ERR_OK)
			catp = &cat;
		else if (e != ERR_NOTFOUND)
			return e;
		if ((e = workflow_check_item(s, &x->a, &work, &f, catp,
		                             &tmp)) != ERR_OK)
			return e;
		if (tmp.n) {
			if (x->problems)
				*x->problems = tmp;
			return ERR_INVALID;
		}
	}

	to = w->to;
	pub_at = it.published_at;
	upd_at = it.updated_at;
	switch (x->action) {
	case WF_SUBMIT:
		/* Điều 18.2: a district's item goes to its head first. */
		if ((w->flags & F_DISTRICT) && f.via_district)
			to = ITEM_STATE_DISTRICT_REVIEW;
		if (!f.submitted_at)
			f.submitted_at = x->now;
		f.return_reason = "";
		break;
	case WF_ASSIGN:
		/* Điều 13.2: a named member of the Board. */
		e = store_user_get(s, &x->a, args ? args->assignee : 0, &who);
		if (e == ERR_NOTFOUND ||
		    (e == ERR_OK && (!who.active || !is_board(&who))))
			return ERR_INVALID;
		if (e != ERR_OK)
			return e;
		f.assigned_user_id = who.id;
		f.assigned_by = me.id;
		f.assigned_at = x->now;
		break;
	case WF_TAKE:
		f.assigned_user_id = me.id;
		f.assigned_by = me.id;
		f.assigned_at = x->now;
		break;
	case WF_APPROVE:
		f.approved_at = x->now;
		f.approved_by = me.id;
		break;
	case WF_RETURN:
		f.return_reason = note;
		break;
	case WF_SCHEDULE:
		if (!args || args->publish_at <= x->now)
			return ERR_INVALID;
		f.publish_at = args->publish_at;
		break;
	case WF_UNSCHEDULE:
		f.publish_at = 0;
		break;
	case WF_PUBLISH:
		old_cat = it.category_id;
		if (corr) {
			/* The correction goes live: its revision becomes
			 * the item row, and the page says when. */
			if ((e = workflow_working_copy(s, &x->a, &f, &it)) !=
			    ERR_OK)
				return e;
			it.updated_at = x->now;
			if ((e = store_item_update(s, &it)) != ERR_OK)
				return e;
			closes_corr = true;
		} else {
			if (pub_at)
				upd_at = x->now;
			else
				pub_at = x->now;
			f.publish_at = 0;
		}
		tags_of(x->tags, sizeof(x->tags), it.id, it.category_id,
		        old_cat);
		break;
	case WF_UNPUBLISH:
	case WF_ARCHIVE:
		if (correcting(&r))
			closes_corr = true;
		if (r.state == ITEM_STATE_PUBLISHED ||
		    r.state == ITEM_STATE_UNPUBLISHED)
			tags_of(x->tags, sizeof(x->tags), it.id, it.category_id,
			        0);
		if (x->action == WF_UNPUBLISH)
			f.return_reason = note;
		break;
	case WF_CORRECT:
		f.corr_by = me.id;
		f.assigned_user_id = me.id;
		f.assigned_by = me.id;
		f.assigned_at = x->now;
		f.pending_rev = 0;
		break;
	case WF_DISCARD:
		closes_corr = true;
		break;
	default:
		break;
	}
	if (closes_corr) {
		f.pending_rev = 0;
		/* The correction's album (media.c) goes live with it, or
		 * goes with it. */
		e = x->action == WF_PUBLISH ? media_album_commit(s, it.id)
		                            : media_album_drop(s, it.id);
		if (e != ERR_OK)
			return e;
	}

	/* The flow row first: the correction's compare-and-set needs it. */
	f.item_id = it.id;
	if ((e = store_flow_put(s, &f)) != ERR_OK)
		return e;
	if (w->flags & F_TO_CORR) {
		e = store_flow_corr_cas(s, it.id, ITEM_STATE__MAX, to);
	} else if (corr) {
		e = store_flow_corr_cas(
		        s, it.id, from,
		        to == ITEM_STATE_PUBLISHED ? ITEM_STATE__MAX : to);
	} else {
		if (closes_corr &&
		    (e = store_flow_corr_cas(s, it.id, r.corr_state,
		                             ITEM_STATE__MAX)) != ERR_OK)
			return e;
		e = store_item_state_cas(s, it.id, from, to, pub_at, upd_at);
	}
	if (e != ERR_OK)
		return e;

	t.item_id = it.id;
	t.at = x->now;
	t.user_id = x->u ? me.id : 0;
	t.actor_name = x->au->name;
	t.action = wf_action_code(x->action);
	t.from = from;
	t.to = to;
	t.correction = corr || (w->flags & F_TO_CORR);
	t.note = note ? note : "";
	if ((e = store_transition_add(s, &t)) != ERR_OK)
		return e;

	audit_detail_init(&d);
	audit_detail_change(&d, t.correction ? "correction" : "state",
	                    item_state_code(from), item_state_code(to));
	if (str_filled(note))
		audit_detail_str(&d, "note", note);
	if (x->action == WF_ASSIGN || x->action == WF_TAKE)
		audit_detail_int(&d, "assignee", f.assigned_user_id);
	if (x->action == WF_SCHEDULE)
		audit_detail_int(&d, "publish_at", (int64_t)f.publish_at);
	{
		char action[32];

		snprintf(action, sizeof(action), "item.%s", t.action);
		e = audit_append(s, x->au, x->now, action, "item", it.id,
		                 audit_detail_json(&d));
	}
	audit_detail_release(&d);
	/* Whoever acts next is told in this transaction (notify.h). */
	if (e == ERR_OK)
		e = notify_transition(s, &x->a, &it, &f, x->action, to, me.id,
		                      note, x->now);
	return e;
}

enum err
workflow_do(struct store *s, const struct user *u, const struct audit_actor *au,
            int64_t id, enum wf_action a, const struct wf_args *args,
            time_t now, struct wf_problems *problems)
{
	struct do_ctx x = {.u = u,
	                   .au = au,
	                   .id = id,
	                   .action = a,
	                   .args = args,
	                   .now = now,
	                   .problems = problems};
	enum err e;

	if (problems)
		memset(problems, 0, sizeof(*problems));
	if ((unsigned)a >= WF__MAX || !au)
		return ERR_INVALID;
	arena_init(&x.a, 4096);
	e = store_tx(s, do_tx, &x);
	arena_release(&x.a);
	/* After the commit, never before: a page rebuilt from the old
	 * state must not be cached again. */
	if (e == ERR_OK && x.tags[0])
		content_changed(x.tags);
	if (e == ERR_OK)
		mail_wake(); /* what notify_transition queued goes now */
	return e;
}

enum err
workflow_publish_due(struct store *s, time_t now, size_t *n)
{
	struct audit_actor au = {0, WF_SCHEDULER_ACTOR, ""};
	struct arena a;
	int64_t *ids;
	size_t m, done = 0;
	enum err e, first = ERR_OK;

	if (n)
		*n = 0;
	arena_init(&a, 1024);
	/* Batches, so a backlog (a node down for a day) drains without one
	 * long transaction. */
	do {
		arena_reset(&a);
		if ((e = store_items_due(s, &a, now, 100, &ids, &m)) !=
		    ERR_OK) {
			first = e;
			break;
		}
		size_t ok = 0;
		for (size_t i = 0; i < m; i++) {
			e = workflow_do(s, NULL, &au, ids[i], WF_PUBLISH, NULL,
			                now, NULL);
			if (e == ERR_OK) {
				ok++;
				continue;
			}
			if (e == ERR_CONFLICT)
				continue; /* another node was first */
			log_errx("cannot publish scheduled item %" PRId64
			         ": %s",
			         ids[i], err_str(e));
			if (first == ERR_OK)
				first = e;
		}
		done += ok;
		if (!ok)
			break; /* nothing moved: do not spin on failures */
	} while (m == 100);
	arena_release(&a);
	if (n)
		*n = done;
	return first;
}

/* ---- Writing ---- */

struct save_ctx {
	struct arena a;
	const struct user *u;
	const struct audit_actor *au;
	const struct wf_draft *d;
	const char *note;
	time_t now;
	int64_t id;      /* 0: create */
	int64_t restore; /* revision to restore, 0: save d */
	int64_t rev;     /* out */
	char tags[96];
};

/* Cleans s into *field unless s is NULL (the field stays as it is). */
static bool
take_text(struct arena *a, const char *s, const char **field)
{
	const char *v;

	if (!s)
		return true;
	if (!clean_text(a, s, &v))
		return false;
	*field = v;
	return true;
}

/*
 * Validates d into the editable fields of it (text cleaned, body
 * sanitised) and the writer's fields of f.  A NULL text or a zero
 * category leaves the field as it is (create starts from nothing, so
 * there they mean empty); times and flags are always taken.
 */
static enum err
draft_apply(struct store *s, struct arena *a, const struct wf_draft *d,
            struct item *it, struct item_flow *f)
{
	struct category cat;
	struct buf body = BUF_INIT, slug = BUF_INIT;
	enum err e;

	if ((unsigned)d->kind >= ITEM_KIND__MAX)
		return ERR_INVALID;
	if (!take_text(a, d->title, &it->title) || !str_filled(it->title))
		return ERR_INVALID;
	e = category_find(
	        s, a, d->category_id ? d->category_id : it->category_id, &cat);
	if (e != ERR_OK)
		return e == ERR_NOTFOUND ? ERR_INVALID : e;
	if (d->body_html) {
		/* Whatever a page sends, only the sanitiser's output is
		 * stored (issue 4 item 3). */
		e = sanitize_html(&body, d->body_html, strlen(d->body_html),
		                  NULL, NULL);
		if (e != ERR_OK) {
			buf_release(&body);
			return ERR_INVALID;
		}
		it->body_html = arena_strndup(a, body.p, body.len);
		buf_release(&body);
	}
	it->kind = d->kind;
	it->category_id = cat.id;
	vnslug(&slug, it->title, strlen(it->title), 80);
	it->slug = arena_strndup(a, slug.p, slug.len);
	buf_release(&slug);
	if (!take_text(a, d->summary, &it->summary) ||
	    !take_text(a, d->author_name, &it->author_name) ||
	    !take_text(a, d->source, &it->source) ||
	    !take_text(a, d->cover_image, &it->cover_image) ||
	    !take_text(a, d->cover_alt, &it->cover_alt) ||
	    !take_text(a, d->sender_name, &f->sender_name) ||
	    !take_text(a, d->sender_agency, &f->sender_agency) ||
	    !take_text(a, d->sender_title, &f->sender_title) ||
	    !take_text(a, d->sender_contact, &f->sender_contact))
		return ERR_INVALID;
	if (it->cover_image && !*it->cover_image)
		it->cover_image = NULL;
	if (it->cover_alt && !*it->cover_alt)
		it->cover_alt = NULL;
	it->source_date = d->source_date;
	f->cited = d->cited;
	f->event_ended_at = d->event_ended_at;
	f->doc_issued_at = d->doc_issued_at;
	f->due_at = workflow_due_at(f);
	return ERR_OK;
}

static void
revision_of(struct item_revision *rv, const struct item *it, int64_t number,
            int64_t uid, time_t now, const char *note)
{
	memset(rv, 0, sizeof(*rv));
	rv->item_id = it->id;
	rv->number = number;
	rv->at = now;
	rv->user_id = uid;
	rv->category_id = it->category_id;
	rv->title = it->title;
	rv->summary = it->summary;
	rv->body_html = it->body_html;
	rv->author_name = it->author_name;
	rv->source = it->source;
	rv->source_date = it->source_date;
	rv->cover_image = it->cover_image;
	rv->cover_alt = it->cover_alt;
	rv->note = note ? note : "";
}

static enum err
audit_rev(struct store *s, const struct audit_actor *au, time_t now,
          const char *action, int64_t id, int64_t rev, bool correction,
          const char *note)
{
	struct audit_detail d;
	enum err e;

	audit_detail_init(&d);
	audit_detail_int(&d, "revision", rev);
	if (correction)
		audit_detail_str(&d, "correction", "pending");
	if (str_filled(note))
		audit_detail_str(&d, "note", note);
	e = audit_append(s, au, now, action, "item", id, audit_detail_json(&d));
	audit_detail_release(&d);
	return e;
}

static enum err
create_tx(struct store *s, void *arg)
{
	struct save_ctx *x = arg;
	struct item it = {0};
	struct item_flow f;
	struct item_revision rv;
	struct user me;
	struct unit un;
	unsigned roles;
	enum err e;

	if ((e = actor_reload(s, &x->a, x->u, &me)) != ERR_OK)
		return e;
	roles = user_roles(&me);
	if (!(roles & AUTHORS))
		return ERR_DENIED;
	memset(&f, 0, sizeof(f));
	f.corr_state = ITEM_STATE__MAX;
	f.return_reason = "";
	if ((e = draft_apply(s, &x->a, x->d, &it, &f)) != ERR_OK)
		return e;
	if (!str_filled(it.author_name))
		it.author_name = me.full_name;
	it.state = ITEM_STATE_DRAFT;
	it.author_user_id = me.id;
	it.created_at = x->now;
	f.unit_id = me.unit_id;
	/* Điều 18.2: the district head's own items need no pre-approval. */
	f.via_district = (roles & R(DISTRICT_COLLABORATOR)) &&
	                 !(roles & R(DISTRICT_HEAD));
	/* Điều 9.1.c: what comes from outside the Board, its Secretariat
	 * and the Office is a contribution; the account tells who sent
	 * it, and the writer may correct that. */
	f.contribution = !(roles & (EDITORS | R(OFFICE)));
	if (!str_filled(f.sender_name))
		f.sender_name = me.full_name;
	if (!str_filled(f.sender_title))
		f.sender_title = me.title;
	if (!str_filled(f.sender_contact))
		f.sender_contact = me.phone;
	if (!str_filled(f.sender_agency) && me.unit_id &&
	    store_unit_get(s, &x->a, me.unit_id, &un) == ERR_OK)
		f.sender_agency = un.name;
	if ((e = store_item_insert(s, &it)) != ERR_OK)
		return e;
	f.item_id = it.id;
	f.revision = 1;
	if ((e = store_flow_put(s, &f)) != ERR_OK)
		return e;
	revision_of(&rv, &it, 1, me.id, x->now, x->note);
	if ((e = store_revision_add(s, &rv)) != ERR_OK)
		return e;
	x->id = it.id;
	x->rev = 1;
	return audit_rev(s, x->au, x->now, "item.create", it.id, 1, false,
	                 NULL);
}

enum err
workflow_create(struct store *s, const struct user *u,
                const struct audit_actor *au, const struct wf_draft *d,
                time_t now, int64_t *id)
{
	struct save_ctx x = {.u = u, .au = au, .d = d, .now = now};
	enum err e;

	if (id)
		*id = 0;
	if (!d || !au)
		return ERR_INVALID;
	arena_init(&x.a, 4096);
	e = store_tx(s, create_tx, &x);
	arena_release(&x.a);
	if (e == ERR_OK && id)
		*id = x.id;
	return e;
}

static enum err
save_tx(struct store *s, void *arg)
{
	struct save_ctx *x = arg;
	const struct wf_row *w;
	struct wf_draft dr;
	struct item it;
	struct item_flow f;
	struct item_ref r;
	struct item_revision rv;
	struct user me;
	const char *note = NULL;
	bool corr;
	enum err e;

	if ((e = actor_reload(s, &x->a, x->u, &me)) != ERR_OK)
		return e;
	if ((e = item_load(s, &x->a, x->id, &it, &f)) != ERR_OK)
		return e;
	workflow_ref(&r, &it, &f);
	if ((e = wf_check(user_roles(&me), me.id, me.unit_id, &r, WF_EDIT,
	                  &w)) != ERR_OK)
		return e;
	corr = correcting(&r);
	/* A correction builds on its own last revision, not the live row. */
	if (corr && (e = workflow_working_copy(s, &x->a, &f, &it)) != ERR_OK)
		return e;
	if (x->restore) {
		if ((e = store_revision_get(s, &x->a, x->id, x->restore,
		                            &rv)) != ERR_OK)
			return e;
		dr = (struct wf_draft){
		        .kind = it.kind,
		        .category_id = rv.category_id,
		        .title = rv.title,
		        .summary = rv.summary,
		        .body_html = rv.body_html,
		        .author_name = rv.author_name,
		        .source = rv.source,
		        .source_date = rv.source_date,
		        /* "" clears; NULL would keep the current one. */
		        .cover_image = rv.cover_image ? rv.cover_image : "",
		        .cover_alt = rv.cover_alt ? rv.cover_alt : "",
		        .cited = f.cited,
		        .sender_name = f.sender_name,
		        .sender_agency = f.sender_agency,
		        .sender_title = f.sender_title,
		        .sender_contact = f.sender_contact,
		        .event_ended_at = f.event_ended_at,
		        .doc_issued_at = f.doc_issued_at,
		};
		note = arena_printf(&x->a, "khôi phục từ phiên bản %" PRId64,
		                    x->restore);
	} else {
		dr = *x->d;
		if (!clean_text(&x->a, x->note, &note))
			return ERR_INVALID;
	}
	if ((e = draft_apply(s, &x->a, &dr, &it, &f)) != ERR_OK)
		return e;
	f.item_id = it.id;
	f.revision++;
	revision_of(&rv, &it, f.revision, me.id, x->now, note);
	if ((e = store_revision_add(s, &rv)) != ERR_OK)
		return e;
	if (corr) {
		/* The public keeps the live text until the correction is
		 * approved and published. */
		f.pending_rev = f.revision;
	} else if ((e = store_item_update(s, &it)) != ERR_OK) {
		return e;
	}
	if ((e = store_flow_put(s, &f)) != ERR_OK)
		return e;
	x->rev = f.revision;
	return audit_rev(s, x->au, x->now, "item.save", it.id, f.revision, corr,
	                 note);
}

static enum err
save_run(struct save_ctx *x, struct store *s, int64_t *rev)
{
	enum err e;

	if (rev)
		*rev = 0;
	if (!x->au)
		return ERR_INVALID;
	arena_init(&x->a, 4096);
	e = store_tx(s, save_tx, x);
	arena_release(&x->a);
	if (e == ERR_OK && rev)
		*rev = x->rev;
	return e;
}

enum err
workflow_save(struct store *s, const struct user *u,
              const struct audit_actor *au, int64_t id,
              const struct wf_draft *d, const char *note, time_t now,
              int64_t *rev)
{
	struct save_ctx x = {
	        .u = u, .au = au, .d = d, .note = note, .now = now, .id = id};

	if (!d)
		return ERR_INVALID;
	return save_run(&x, s, rev);
}

enum err
workflow_restore(struct store *s, const struct user *u,
                 const struct audit_actor *au, int64_t id, int64_t number,
                 time_t now, int64_t *rev)
{
	struct save_ctx x = {
	        .u = u, .au = au, .now = now, .id = id, .restore = number};

	if (number <= 0)
		return number == 0 ? ERR_INVALID : ERR_NOTFOUND;
	return save_run(&x, s, rev);
}

/* ---- Reading and comments ---- */

/* Loads item id into out and checks action a (VIEW, COMMENT) for the
 * account as it is now. */
static enum err
load_checked(struct store *s, struct arena *a, const struct user *u, int64_t id,
             enum wf_action act, struct wf_view *out, struct user *me)
{
	const struct wf_row *w;
	enum err e;

	memset(out, 0, sizeof(*out));
	if ((e = actor_reload(s, a, u, me)) != ERR_OK)
		return e;
	if ((e = item_load(s, a, id, &out->item, &out->flow)) != ERR_OK)
		return e;
	workflow_ref(&out->ref, &out->item, &out->flow);
	e = wf_check(user_roles(me), me->id, me->unit_id, &out->ref, act, &w);
	/* Not a state question: seeing is a yes or a no. */
	return e == ERR_CONFLICT ? ERR_DENIED : e;
}

enum err
workflow_load(struct store *s, struct arena *a, const struct user *u,
              int64_t id, struct wf_view *out)
{
	struct user me;
	enum err e;

	if ((e = load_checked(s, a, u, id, WF_VIEW, out, &me)) != ERR_OK)
		return e;
	out->actions = workflow_actions(&me, &out->ref);
	return ERR_OK;
}

enum err
workflow_history(struct store *s, struct arena *a, const struct user *u,
                 int64_t id, struct item_transition **out, size_t *n)
{
	struct wf_view v;
	struct user me;
	enum err e;

	*out = NULL;
	*n = 0;
	if ((e = load_checked(s, a, u, id, WF_VIEW, &v, &me)) != ERR_OK)
		return e;
	return store_transitions(s, a, id, out, n);
}

enum err
workflow_revisions(struct store *s, struct arena *a, const struct user *u,
                   int64_t id, struct item_revision **out, size_t *n)
{
	struct wf_view v;
	struct user me;
	enum err e;

	*out = NULL;
	*n = 0;
	if ((e = load_checked(s, a, u, id, WF_VIEW, &v, &me)) != ERR_OK)
		return e;
	return store_revisions(s, a, id, out, n);
}

enum err
workflow_comments(struct store *s, struct arena *a, const struct user *u,
                  int64_t id, struct item_comment **out, size_t *n)
{
	struct wf_view v;
	struct user me;
	enum err e;

	*out = NULL;
	*n = 0;
	if ((e = load_checked(s, a, u, id, WF_VIEW, &v, &me)) != ERR_OK)
		return e;
	return store_comments(s, a, id, out, n);
}

struct comment_ctx {
	struct arena a;
	const struct user *u;
	const struct audit_actor *au;
	int64_t id;
	const char *text;
	time_t now;
};

static enum err
comment_tx(struct store *s, void *arg)
{
	struct comment_ctx *x = arg;
	struct item_comment cm = {0};
	struct audit_detail d;
	struct wf_view v;
	struct user me;
	const char *text;
	enum err e;

	if ((e = load_checked(s, &x->a, x->u, x->id, WF_COMMENT, &v, &me)) !=
	    ERR_OK)
		return e;
	if (!clean_text(&x->a, x->text, &text) || !str_filled(text) ||
	    strlen(text) > WF_COMMENT_MAX)
		return ERR_INVALID;
	cm.item_id = x->id;
	cm.user_id = me.id;
	cm.at = x->now;
	cm.body = text;
	if ((e = store_comment_add(s, &cm)) != ERR_OK)
		return e;
	audit_detail_init(&d);
	audit_detail_int(&d, "comment", cm.id);
	e = audit_append(s, x->au, x->now, "item.comment", "item", x->id,
	                 audit_detail_json(&d));
	audit_detail_release(&d);
	return e;
}

enum err
workflow_comment(struct store *s, const struct user *u,
                 const struct audit_actor *au, int64_t id, const char *text,
                 time_t now)
{
	struct comment_ctx x = {
	        .u = u, .au = au, .id = id, .text = text, .now = now};
	enum err e;

	if (!au)
		return ERR_INVALID;
	arena_init(&x.a, 1024);
	e = store_tx(s, comment_tx, &x);
	arena_release(&x.a);
	return e;
}

/* ---- Queues ---- */

static const struct {
	const char *name;
	unsigned roles; /* who sees the queue */
} queues[ITEM_QUEUE__MAX] = {
        {"Tin, bài của tôi", AUTHORS},             /* MINE */
        {"Chờ duyệt cấp huyện", R(DISTRICT_HEAD)}, /* PREAPPROVE */
        {"Chờ tiếp nhận", HEADS | R(SECRETARIAT)}, /* TRIAGE */
        {"Được phân công cho tôi", BOARD},         /* ASSIGNED */
        {"Chờ biên tập", BOARD | R(SECRETARIAT)},  /* TO_EDIT */
        {"Chờ duyệt", HEADS},                      /* TO_APPROVE */
        {"Chờ đăng", HEADS | R(OFFICE)},           /* TO_PUBLISH */
        {"Trễ hạn", AUTHORS | R(DIRECTOR)},        /* LATE */
};

const char *
workflow_queue_name(enum item_queue q)
{
	return (unsigned)q < ITEM_QUEUE__MAX ? queues[q].name : NULL;
}

unsigned
workflow_queues(const struct user *u)
{
	unsigned roles = u && u->active ? user_roles(u) : 0, mask = 0;

	for (int q = 0; q < ITEM_QUEUE__MAX; q++)
		if (queues[q].roles & roles)
			mask |= 1u << (unsigned)q;
	return mask;
}

static void
who_of(const struct user *u, time_t now, struct queue_who *w)
{
	unsigned roles = user_roles(u);

	memset(w, 0, sizeof(*w));
	w->user_id = u->id;
	w->unit_id = u->unit_id;
	w->unit_wide = (roles & R(UNIT_FOCAL)) != 0;
	w->see_all = (roles & READERS) != 0;
	w->now = now;
}

enum err
workflow_queue(struct store *s, struct arena *a, const struct user *u,
               enum item_queue q, time_t now, size_t offset, size_t limit,
               struct queue_list *out)
{
	struct queue_who w;

	memset(out, 0, sizeof(*out));
	if ((unsigned)q >= ITEM_QUEUE__MAX)
		return ERR_INVALID;
	if (!(workflow_queues(u) & (1u << (unsigned)q)))
		return ERR_DENIED;
	who_of(u, now, &w);
	return store_queue(s, a, q, &w, offset, limit, out);
}

enum err
workflow_queue_counts(struct store *s, const struct user *u, time_t now,
                      int64_t counts[ITEM_QUEUE__MAX])
{
	unsigned mask = workflow_queues(u);
	struct queue_who w;
	enum err e;

	memset(counts, 0, sizeof(int64_t) * ITEM_QUEUE__MAX);
	if (!mask)
		return ERR_OK;
	who_of(u, now, &w);
	if ((e = store_queue_counts(s, &w, counts)) != ERR_OK)
		return e;
	for (int q = 0; q < ITEM_QUEUE__MAX; q++)
		if (!(mask & (1u << (unsigned)q)))
			counts[q] = 0;
	return ERR_OK;
}
