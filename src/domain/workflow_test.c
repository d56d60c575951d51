/* Tests of the item workflow: every path with the demo roles, every
 * forbidden step refused with nothing changed, two approvals at once,
 * reasons, completeness (Điều 7, 9.1), deadlines (Điều 9.2), corrections
 * that keep the live text, revisions, comments, queues, scheduled
 * publication, and an audit chain that still verifies. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "content.h"
#include "store_fixture.h"
#include "user.h"
#include "workflow.h"

#define T0 ((time_t)1767225600) /* 2026-01-01T00:00:00Z */
#define HOUR 3600

enum who {
	DIRECTOR,
	HEAD,
	DEPUTY,
	MEMBER,
	MEMBER2,
	SECRETARIAT,
	OFFICE,
	STAFF,
	STAFF2,
	FOCAL,
	COLLAB,
	DHEAD,
	DHEAD2,
	ITADMIN,
	WHO__MAX
};

static const struct {
	const char *email;
	const char *roles;
	int unit; /* 0 none, 1 a Department unit, 2 district 1, 3 district 2 */
} people[WHO__MAX] = {
        {"giamdoc@t.example", "director", 0},
        {"truongban@t.example", "board-head", 0},
        {"phoban@t.example", "board-deputy", 0},
        {"thanhvien@t.example", "board-member", 0},
        {"thanhvien2@t.example", "board-member", 0},
        {"thuky@t.example", "secretariat", 0},
        {"vanphong@t.example", "office", 0},
        {"chuyenvien@t.example", "staff", 1},
        {"chuyenvien2@t.example", "staff", 1},
        {"daumoi@t.example", "unit-focal", 1},
        {"congtacvien@t.example", "district-collaborator", 2},
        {"truongphong@t.example", "district-head", 2},
        {"truongphong2@t.example", "district-head", 3},
        {"cntt@t.example", "it-admin", 0},
};

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	struct user u[WHO__MAX];
	struct audit_actor au[WHO__MAX];
	int64_t unit[4];
	int64_t cat, cat_activity;
};

/* What the page cache heard. */
static char heard[256];
static int heard_n;

static void
hook(const char *tags)
{
	snprintf(heard, sizeof(heard), "%s", tags);
	heard_n++;
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct category c = {0};

	assert_int_equal(fixture_db_open(f->path, "workflow", &f->s), ERR_OK);
	arena_init(&f->a, 4096);
	assert_int_equal(fixture_unit_add(f->s, 2,
	                                  "Phòng Phổ biến, giáo dục pháp luật",
	                                  T0, &f->unit[1]),
	                 ERR_OK);
	assert_int_equal(fixture_unit_add(f->s, 4, "Phòng Tư pháp huyện Đắk Hà",
	                                  T0, &f->unit[2]),
	                 ERR_OK);
	assert_int_equal(fixture_unit_add(f->s, 4,
	                                  "Phòng Tư pháp huyện Sa Thầy", T0,
	                                  &f->unit[3]),
	                 ERR_OK);
	for (int i = 0; i < WHO__MAX; i++) {
		struct user *u = &f->u[i];

		assert_int_equal(
		        fixture_user_add(f->s, u, people[i].email,
		                         arena_printf(&f->a, "Người %d", i),
		                         people[i].roles,
		                         f->unit[people[i].unit], T0),
		        ERR_OK);
		f->au[i] = (struct audit_actor){u->id, u->email, "192.0.2.1"};
	}
	c.slug = "tin-tuc";
	c.name = "Tin tức";
	assert_int_equal(store_category_insert(f->s, &c), ERR_OK);
	f->cat = c.id;
	c.id = 0;
	c.slug = "tin-hoat-dong";
	c.name = "Tin hoạt động";
	c.activity_news = true;
	assert_int_equal(store_category_insert(f->s, &c), ERR_OK);
	f->cat_activity = c.id;
	heard[0] = 0;
	heard_n = 0;
	content_set_change_hook(hook);
	*state = f;
	return 0;
}

/* Every test ends with an intact audit chain. */
static int
teardown(void **state)
{
	struct fx *f = *state;
	struct audit_report rep;

	content_set_change_hook(NULL);
	assert_int_equal(audit_verify(f->s, &rep), ERR_OK);
	assert_int_equal(rep.fault, AUDIT_INTACT);
	fixture_db_remove(f->s, f->path);
	arena_release(&f->a);
	free(f);
	return 0;
}

static struct wf_draft
draft(struct fx *f, const char *title)
{
	return (struct wf_draft){
	        .kind = ITEM_KIND_TIN,
	        .category_id = f->cat,
	        .title = title,
	        .summary = "Tóm tắt",
	        .body_html = "<p>Nội dung <script>alert(1)</script>tin.</p>",
	        .author_name = "Nguyễn Văn A",
	        .source = "Sở Tư pháp",
	};
}

static int64_t
create(struct fx *f, enum who w, const char *title)
{
	struct wf_draft d = draft(f, title);
	int64_t id = 0;

	assert_int_equal(
	        workflow_create(f->s, &f->u[w], &f->au[w], &d, T0, &id),
	        ERR_OK);
	assert_true(id > 0);
	return id;
}

static enum err
act(struct fx *f, enum who w, int64_t id, enum wf_action a, const char *note)
{
	struct wf_args args = {.note = note};

	return workflow_do(f->s, &f->u[w], &f->au[w], id, a, &args, T0 + HOUR,
	                   NULL);
}

static void
ok(struct fx *f, enum who w, int64_t id, enum wf_action a, const char *note)
{
	assert_int_equal(act(f, w, id, a, note), ERR_OK);
}

static struct item
get(struct fx *f, int64_t id)
{
	struct item it;

	assert_int_equal(store_item_get(f->s, &f->a, id, &it), ERR_OK);
	return it;
}

static struct item_flow
flow(struct fx *f, int64_t id)
{
	struct item_flow fl;

	assert_int_equal(store_flow_get(f->s, &f->a, id, &fl), ERR_OK);
	return fl;
}

static size_t
history_n(struct fx *f, int64_t id)
{
	struct item_transition *t;
	size_t n;

	assert_int_equal(store_transitions(f->s, &f->a, id, &t, &n), ERR_OK);
	return n;
}

static int64_t
audit_n(struct fx *f)
{
	int64_t n;

	assert_int_equal(store_audit_count(f->s, NULL, &n), ERR_OK);
	return n;
}

/* An item moved along to state st by the people whose job it is. */
static int64_t
item_in(struct fx *f, enum item_state st)
{
	int64_t id = create(f, STAFF, "Hội nghị triển khai công tác tư pháp");

	if (st == ITEM_STATE_DRAFT)
		return id;
	ok(f, STAFF, id, WF_SUBMIT, NULL);
	if (st == ITEM_STATE_SUBMITTED)
		return id;
	if (st == ITEM_STATE_RETURNED) {
		ok(f, SECRETARIAT, id, WF_RETURN, "Thiếu ảnh");
		return id;
	}
	ok(f, SECRETARIAT, id, WF_ACCEPT, NULL);
	if (st == ITEM_STATE_IN_EDITING)
		return id;
	ok(f, MEMBER, id, WF_TAKE, NULL);
	ok(f, MEMBER, id, WF_SEND, NULL);
	if (st == ITEM_STATE_PENDING_APPROVAL)
		return id;
	ok(f, DEPUTY, id, WF_APPROVE, NULL);
	if (st == ITEM_STATE_APPROVED)
		return id;
	if (st == ITEM_STATE_SCHEDULED) {
		struct wf_args args = {.publish_at = T0 + 5 * HOUR};

		assert_int_equal(workflow_do(f->s, &f->u[OFFICE],
		                             &f->au[OFFICE], id, WF_SCHEDULE,
		                             &args, T0 + HOUR, NULL),
		                 ERR_OK);
		return id;
	}
	ok(f, OFFICE, id, WF_PUBLISH, NULL);
	if (st == ITEM_STATE_PUBLISHED)
		return id;
	ok(f, OFFICE, id, WF_UNPUBLISH, "Thông tin đã hết hiệu lực");
	if (st == ITEM_STATE_UNPUBLISHED)
		return id;
	ok(f, SECRETARIAT, id, WF_ARCHIVE, NULL);
	assert_int_equal(st, ITEM_STATE_ARCHIVED);
	return id;
}

/* The main path, every step checked, and what the public sees. */
static void
test_workflow__full_walk(void **state)
{
	struct fx *f = *state;
	struct item_transition *t;
	struct item it;
	struct item_flow fl;
	struct audit_entry e;
	size_t n;
	int64_t id = create(f, STAFF, "Hội nghị tổng kết");

	it = get(f, id);
	assert_int_equal(it.state, ITEM_STATE_DRAFT);
	/* The sanitiser ran: the script is gone, the text kept. */
	assert_null(strstr(it.body_html, "script"));
	assert_non_null(strstr(it.body_html, "Nội dung"));
	fl = flow(f, id);
	assert_int_equal(fl.unit_id, f->unit[1]);
	assert_true(fl.contribution);
	assert_string_equal(fl.sender_name, f->u[STAFF].full_name);
	assert_string_equal(fl.sender_agency,
	                    "Phòng Phổ biến, giáo dục pháp luật");
	assert_int_equal(fl.revision, 1);
	/* Not public before publication (Điều 17.1.c). */
	assert_int_equal(content_item_public(f->s, &f->a, id, &it),
	                 ERR_NOTFOUND);

	ok(f, STAFF, id, WF_SUBMIT, NULL);
	assert_int_equal(get(f, id).state, ITEM_STATE_SUBMITTED);
	assert_int_equal(flow(f, id).submitted_at, T0 + HOUR);
	ok(f, SECRETARIAT, id, WF_ACCEPT, NULL);
	assert_int_equal(get(f, id).state, ITEM_STATE_IN_EDITING);
	ok(f, MEMBER, id, WF_TAKE, NULL);
	assert_int_equal(flow(f, id).assigned_user_id, f->u[MEMBER].id);
	ok(f, MEMBER, id, WF_SEND, NULL);
	assert_int_equal(get(f, id).state, ITEM_STATE_PENDING_APPROVAL);
	ok(f, DEPUTY, id, WF_APPROVE, NULL);
	fl = flow(f, id);
	assert_int_equal(fl.approved_by, f->u[DEPUTY].id);
	assert_int_equal(get(f, id).state, ITEM_STATE_APPROVED);
	assert_int_equal(heard_n, 0);
	ok(f, OFFICE, id, WF_PUBLISH, NULL);
	it = get(f, id);
	assert_int_equal(it.state, ITEM_STATE_PUBLISHED);
	assert_int_equal(it.published_at, T0 + HOUR);
	assert_int_equal(it.updated_at, 0);
	/* The page cache heard of it, after the commit. */
	assert_int_equal(heard_n, 1);
	assert_non_null(strstr(heard, "site"));
	assert_non_null(
	        strstr(heard, arena_printf(&f->a, "item:%lld", (long long)id)));
	assert_int_equal(content_item_public(f->s, &f->a, id, &it), ERR_OK);

	assert_int_equal(store_transitions(f->s, &f->a, id, &t, &n), ERR_OK);
	assert_int_equal(n, 6);
	assert_string_equal(t[0].action, "submit");
	assert_int_equal(t[0].from, ITEM_STATE_DRAFT);
	assert_int_equal(t[0].to, ITEM_STATE_SUBMITTED);
	assert_int_equal(t[0].user_id, f->u[STAFF].id);
	assert_string_equal(t[5].action, "publish");
	assert_int_equal(t[5].to, ITEM_STATE_PUBLISHED);
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	assert_string_equal(e.action, "item.publish");
	assert_string_equal(e.object_type, "item");
	assert_int_equal(e.object_id, id);
	assert_non_null(strstr(e.detail, "\"approved\""));
	assert_non_null(strstr(e.detail, "\"published\""));

	/* Unpublished with a reason: kept, gone for the public. */
	assert_int_equal(act(f, OFFICE, id, WF_UNPUBLISH, "  "), ERR_INVALID);
	ok(f, HEAD, id, WF_UNPUBLISH, "Văn bản đã bị thay thế");
	assert_int_equal(get(f, id).state, ITEM_STATE_UNPUBLISHED);
	assert_int_equal(content_item_public(f->s, &f->a, id, &it), ERR_GONE);
	assert_int_equal(heard_n, 2);
	ok(f, SECRETARIAT, id, WF_ARCHIVE, NULL);
	assert_int_equal(get(f, id).state, ITEM_STATE_ARCHIVED);
	assert_int_equal(history_n(f, id), 8);
}

/* Điều 18.2: a collaborator's item goes to its own district head. */
static void
test_workflow__district_preapproval(void **state)
{
	struct fx *f = *state;
	int64_t id = create(f, COLLAB, "Trợ giúp pháp lý lưu động");
	size_t h;

	assert_true(flow(f, id).via_district);
	ok(f, COLLAB, id, WF_SUBMIT, NULL);
	assert_int_equal(get(f, id).state, ITEM_STATE_DISTRICT_REVIEW);
	/* The Secretariat does not see it yet, nor may it accept it. */
	assert_int_equal(act(f, SECRETARIAT, id, WF_ACCEPT, NULL),
	                 ERR_CONFLICT);
	/* Another district's head may not pre-approve it. */
	h = history_n(f, id);
	assert_int_equal(act(f, DHEAD2, id, WF_PREAPPROVE, NULL), ERR_DENIED);
	assert_int_equal(get(f, id).state, ITEM_STATE_DISTRICT_REVIEW);
	assert_int_equal(history_n(f, id), h);
	/* Its own head returns it (reason required), then approves it. */
	assert_int_equal(act(f, DHEAD, id, WF_RETURN, NULL), ERR_INVALID);
	ok(f, DHEAD, id, WF_RETURN, "Bổ sung số liệu");
	assert_string_equal(flow(f, id).return_reason, "Bổ sung số liệu");
	ok(f, COLLAB, id, WF_SUBMIT, NULL);
	assert_int_equal(get(f, id).state, ITEM_STATE_DISTRICT_REVIEW);
	ok(f, DHEAD, id, WF_PREAPPROVE, NULL);
	assert_int_equal(get(f, id).state, ITEM_STATE_SUBMITTED);
	/* A district head's own item needs no pre-approval. */
	id = create(f, DHEAD, "Tin của trưởng phòng");
	assert_false(flow(f, id).via_district);
	ok(f, DHEAD, id, WF_SUBMIT, NULL);
	assert_int_equal(get(f, id).state, ITEM_STATE_SUBMITTED);
}

/* Điều 13.2: the Head names a member; only that member edits. */
static void
test_workflow__assign(void **state)
{
	struct fx *f = *state;
	int64_t id = item_in(f, ITEM_STATE_SUBMITTED);
	struct wf_args args = {.assignee = 0};
	struct wf_draft d = draft(f, "Tiêu đề mới");

	/* Not a Board member: refused. */
	args.assignee = f->u[OFFICE].id;
	assert_int_equal(workflow_do(f->s, &f->u[HEAD], &f->au[HEAD], id,
	                             WF_ASSIGN, &args, T0, NULL),
	                 ERR_INVALID);
	args.assignee = f->u[MEMBER2].id;
	assert_int_equal(workflow_do(f->s, &f->u[MEMBER], &f->au[MEMBER], id,
	                             WF_ASSIGN, &args, T0, NULL),
	                 ERR_DENIED);
	assert_int_equal(workflow_do(f->s, &f->u[HEAD], &f->au[HEAD], id,
	                             WF_ASSIGN, &args, T0, NULL),
	                 ERR_OK);
	assert_int_equal(get(f, id).state, ITEM_STATE_IN_EDITING);
	assert_int_equal(flow(f, id).assigned_user_id, f->u[MEMBER2].id);
	assert_int_equal(flow(f, id).assigned_by, f->u[HEAD].id);
	/* The other member can neither take, edit nor send it. */
	assert_int_equal(act(f, MEMBER, id, WF_TAKE, NULL), ERR_DENIED);
	assert_int_equal(act(f, MEMBER, id, WF_SEND, NULL), ERR_DENIED);
	assert_int_equal(workflow_save(f->s, &f->u[MEMBER], &f->au[MEMBER], id,
	                               &d, NULL, T0, NULL),
	                 ERR_DENIED);
	/* The assignee can. */
	assert_int_equal(workflow_save(f->s, &f->u[MEMBER2], &f->au[MEMBER2],
	                               id, &d, NULL, T0, NULL),
	                 ERR_OK);
	assert_string_equal(get(f, id).title, "Tiêu đề mới");
	ok(f, MEMBER2, id, WF_SEND, NULL);
	/* An approved item is frozen: nobody saves it any more. */
	ok(f, HEAD, id, WF_APPROVE, NULL);
	assert_int_equal(workflow_save(f->s, &f->u[HEAD], &f->au[HEAD], id, &d,
	                               NULL, T0, NULL),
	                 ERR_CONFLICT);
}

/* Returned items go back to their author, with a reason, and come
 * back. */
static void
test_workflow__return_requires_reason(void **state)
{
	struct fx *f = *state;
	int64_t id = item_in(f, ITEM_STATE_PENDING_APPROVAL);
	struct wf_problems p;
	struct wf_args args = {.note = " \t"};
	int64_t audits = audit_n(f);
	size_t h = history_n(f, id);

	assert_int_equal(workflow_do(f->s, &f->u[HEAD], &f->au[HEAD], id,
	                             WF_RETURN, &args, T0, &p),
	                 ERR_INVALID);
	assert_int_equal(p.n, 1);
	assert_non_null(strstr(p.msg[0], "lý do"));
	assert_int_equal(act(f, HEAD, id, WF_RETURN, NULL), ERR_INVALID);
	assert_int_equal(get(f, id).state, ITEM_STATE_PENDING_APPROVAL);
	assert_int_equal(history_n(f, id), h);
	assert_int_equal(audit_n(f), audits);
	assert_true(wf_action_needs_note(WF_RETURN));
	assert_true(wf_action_needs_note(WF_UNPUBLISH));
	assert_false(wf_action_needs_note(WF_APPROVE));

	ok(f, HEAD, id, WF_RETURN, "Cần kiểm tra lại số liệu");
	assert_int_equal(get(f, id).state, ITEM_STATE_RETURNED);
	/* The author edits and submits again; another staff may not. */
	struct wf_draft d = draft(f, "Đã sửa theo góp ý");
	assert_int_equal(workflow_save(f->s, &f->u[STAFF2], &f->au[STAFF2], id,
	                               &d, NULL, T0, NULL),
	                 ERR_DENIED);
	assert_int_equal(workflow_save(f->s, &f->u[STAFF], &f->au[STAFF], id,
	                               &d, "sửa", T0, NULL),
	                 ERR_OK);
	assert_int_equal(act(f, STAFF2, id, WF_SUBMIT, NULL), ERR_DENIED);
	/* The unit's focal point may act for the unit (Điều 9.1.a). */
	ok(f, FOCAL, id, WF_SUBMIT, NULL);
	assert_int_equal(get(f, id).state, ITEM_STATE_SUBMITTED);
	assert_string_equal(flow(f, id).return_reason, "");
}

/* Every step a role may not take is refused, and changes nothing. */
static void
test_workflow__forbidden_steps_change_nothing(void **state)
{
	struct fx *f = *state;
	static const enum item_state states[] = {
	        ITEM_STATE_DRAFT,       ITEM_STATE_SUBMITTED,
	        ITEM_STATE_IN_EDITING,  ITEM_STATE_PENDING_APPROVAL,
	        ITEM_STATE_APPROVED,    ITEM_STATE_SCHEDULED,
	        ITEM_STATE_PUBLISHED,   ITEM_STATE_RETURNED,
	        ITEM_STATE_UNPUBLISHED, ITEM_STATE_ARCHIVED,
	};
	int refused = 0;

	for (size_t k = 0; k < ARRAY_SIZE(states); k++) {
		int64_t id = item_in(f, states[k]);
		struct item before = get(f, id);
		struct item_ref r;
		struct item_flow fl = flow(f, id);

		workflow_ref(&r, &before, &fl);
		for (int w = 0; w < WHO__MAX; w++)
			for (int a = 0; a <= WF_DISCARD; a++) {
				struct wf_args args = {
				        .note = "lý do",
				        .assignee = f->u[MEMBER].id,
				        .publish_at = T0 + 9 * HOUR};
				size_t h = history_n(f, id);
				int64_t audits = audit_n(f);
				enum err e;

				if (workflow_allowed(&f->u[w], &r,
				                     (enum wf_action)a))
					continue;
				e = workflow_do(f->s, &f->u[w], &f->au[w], id,
				                (enum wf_action)a, &args,
				                T0 + HOUR, NULL);
				assert_true(e == ERR_DENIED ||
				            e == ERR_CONFLICT);
				assert_int_equal(get(f, id).state,
				                 before.state);
				assert_int_equal(history_n(f, id), h);
				assert_int_equal(audit_n(f), audits);
				refused++;
			}
	}
	assert_true(refused > 500);
	/* Spot checks of the table itself. */
	{
		int64_t id = item_in(f, ITEM_STATE_PENDING_APPROVAL);
		struct item it = get(f, id);
		struct item_flow fl = flow(f, id);
		struct item_ref r;

		workflow_ref(&r, &it, &fl);
		assert_true(workflow_allowed(&f->u[HEAD], &r, WF_APPROVE));
		assert_true(workflow_allowed(&f->u[DEPUTY], &r, WF_APPROVE));
		for (int w = 0; w < WHO__MAX; w++)
			if (w != HEAD && w != DEPUTY)
				assert_false(workflow_allowed(&f->u[w], &r,
				                              WF_APPROVE));
		assert_int_equal(workflow_actions(&f->u[ITADMIN], &r), 0);
		assert_int_equal(workflow_actions(&f->u[DIRECTOR], &r),
		                 WF_BIT(WF_VIEW) | WF_BIT(WF_COMMENT));
		assert_int_equal(workflow_actions(&f->u[STAFF2], &r), 0);
		assert_int_equal(workflow_actions(&f->u[DHEAD], &r), 0);
		assert_true(workflow_actions(&f->u[STAFF], &r) ==
		            (WF_BIT(WF_VIEW) | WF_BIT(WF_COMMENT)));
	}
}

/* Điều 17.1.c: nothing is published that was not approved. */
static void
test_workflow__publish_unapproved_refused_dieu_17_1_c(void **state)
{
	struct fx *f = *state;
	static const enum item_state states[] = {
	        ITEM_STATE_DRAFT, ITEM_STATE_SUBMITTED, ITEM_STATE_IN_EDITING,
	        ITEM_STATE_PENDING_APPROVAL, ITEM_STATE_RETURNED};
	struct item it;

	for (size_t k = 0; k < ARRAY_SIZE(states); k++) {
		int64_t id = item_in(f, states[k]);
		int64_t audits = audit_n(f);
		size_t h = history_n(f, id);

		for (int w = 0; w < WHO__MAX; w++)
			assert_int_not_equal(act(f, w, id, WF_PUBLISH, NULL),
			                     ERR_OK);
		it = get(f, id);
		assert_int_equal(it.state, states[k]);
		assert_int_equal(it.published_at, 0);
		assert_int_equal(content_item_public(f->s, &f->a, id, &it),
		                 ERR_NOTFOUND);
		assert_int_equal(history_n(f, id), h);
		assert_int_equal(audit_n(f), audits);
	}
	assert_int_equal(heard_n, 0);
	/* Approved: the Office, and only the Office, publishes. */
	{
		int64_t id = item_in(f, ITEM_STATE_APPROVED);

		assert_int_equal(act(f, HEAD, id, WF_PUBLISH, NULL),
		                 ERR_DENIED);
		assert_int_equal(act(f, SECRETARIAT, id, WF_PUBLISH, NULL),
		                 ERR_DENIED);
		ok(f, OFFICE, id, WF_PUBLISH, NULL);
	}
}

struct racer {
	struct fx *f;
	enum who w;
	int64_t id;
	pthread_barrier_t *bar;
	enum err e;
};

static void *
race(void *p)
{
	struct racer *r = p;

	pthread_barrier_wait(r->bar);
	r->e = act(r->f, r->w, r->id, WF_APPROVE, NULL);
	return NULL;
}

/* Two approvals at once, each on its own connection: one wins. */
static void
test_workflow__double_approve(void **state)
{
	struct fx *f = *state;
	int64_t id = item_in(f, ITEM_STATE_PENDING_APPROVAL);
	pthread_barrier_t bar;
	struct racer r[2] = {{f, HEAD, id, &bar, ERR__MAX},
	                     {f, DEPUTY, id, &bar, ERR__MAX}};
	pthread_t th[2];
	struct item_transition *t;
	size_t n, approvals = 0;
	struct wf_args args = {.check_seen = true,
	                       .seen_state = ITEM_STATE_PENDING_APPROVAL};

	pthread_barrier_init(&bar, NULL, 2);
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&th[i], NULL, race, &r[i]), 0);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&bar);
	assert_true((r[0].e == ERR_OK) != (r[1].e == ERR_OK));
	assert_int_equal(r[0].e == ERR_OK ? r[1].e : r[0].e, ERR_CONFLICT);
	assert_int_equal(store_transitions(f->s, &f->a, id, &t, &n), ERR_OK);
	for (size_t i = 0; i < n; i++)
		approvals += strcmp(t[i].action, "approve") == 0;
	assert_int_equal(approvals, 1);

	/* Sequential compare-and-set: a page that showed "pending" is
	 * refused once someone moved the item on. */
	id = item_in(f, ITEM_STATE_PENDING_APPROVAL);
	ok(f, HEAD, id, WF_APPROVE, NULL);
	ok(f, HEAD, id, WF_RETURN, "Xem lại");
	ok(f, STAFF, id, WF_SUBMIT, NULL);
	ok(f, SECRETARIAT, id, WF_ACCEPT, NULL);
	ok(f, MEMBER, id, WF_SEND, NULL);
	/* Pending approval again: a stale page that saw "submitted"
	 * must not approve. */
	args.seen_state = ITEM_STATE_SUBMITTED;
	assert_int_equal(workflow_do(f->s, &f->u[DEPUTY], &f->au[DEPUTY], id,
	                             WF_APPROVE, &args, T0, NULL),
	                 ERR_CONFLICT);
	args.seen_state = ITEM_STATE_PENDING_APPROVAL;
	assert_int_equal(workflow_do(f->s, &f->u[DEPUTY], &f->au[DEPUTY], id,
	                             WF_APPROVE, &args, T0, NULL),
	                 ERR_OK);
	assert_int_equal(workflow_do(f->s, &f->u[HEAD], &f->au[HEAD], id,
	                             WF_APPROVE, &args, T0, NULL),
	                 ERR_CONFLICT);
}

static bool
has(const struct wf_problems *p, const char *needle)
{
	for (size_t i = 0; i < p->n; i++)
		if (strstr(p->msg[i], needle))
			return true;
	return false;
}

/* Điều 7.1.d, 7.2, 9.1.b-c: what an item must carry. */
static void
test_workflow__completeness_messages(void **state)
{
	struct fx *f = *state;
	struct wf_draft d = draft(f, "Tin hoạt động của Sở");
	struct category cat = {.id = 1, .activity_news = true};
	struct item it = {.title = "X", .author_name = "", .source = " "};
	struct item_flow fl = {.contribution = true,
	                       .cited = true,
	                       .sender_name = "A",
	                       .sender_agency = "",
	                       .sender_contact = ""};
	struct wf_problems p;
	int64_t id;

	assert_false(workflow_check_complete(&it, &fl, &cat, &p));
	assert_int_equal(p.n, 6);
	assert_true(has(&p, "tác giả (Điều 7.1.d)"));
	assert_true(has(&p, "nguồn thông tin (Điều 7.1.d)"));
	assert_true(has(&p, "Điều 7.2"));
	assert_true(has(&p, "cơ quan, đơn vị"));
	assert_true(has(&p, "số điện thoại hoặc địa chỉ"));
	assert_true(has(&p, "ảnh minh họa (Điều 9.1.b)"));
	assert_false(has(&p, "họ tên người gửi"));
	it.author_name = "B";
	it.source = "C";
	it.source_date = T0;
	it.cover_image = "2026/01/a.jpg";
	it.cover_alt = "Toàn cảnh hội nghị";
	fl.sender_agency = "UBND xã";
	fl.sender_contact = "0260 000";
	assert_true(workflow_check_complete(&it, &fl, &cat, &p));
	assert_int_equal(p.n, 0);
	/* Not a contribution, not cited: no sender, no date needed. */
	fl = (struct item_flow){0};
	it.source_date = 0;
	assert_true(workflow_check_complete(&it, &fl, &cat, &p));
	/* The media module adds its own: a video item without its video. */
	it.kind = ITEM_KIND_VIDEO;
	assert_int_equal(workflow_check_item(f->s, &f->a, &it, &fl, &cat, &p),
	                 ERR_OK);
	assert_true(has(&p, "Tin video chưa có tệp video."));
	it.kind = ITEM_KIND_TIN;

	/* Submitting an activity item without a photo is refused, with the
	 * message, and nothing changes. */
	d.category_id = f->cat_activity;
	d.sender_contact = " ";
	assert_int_equal(workflow_create(f->s, &f->u[COLLAB], &f->au[COLLAB],
	                                 &d, T0, &id),
	                 ERR_OK);
	{
		int64_t audits = audit_n(f);

		assert_int_equal(workflow_do(f->s, &f->u[COLLAB],
		                             &f->au[COLLAB], id, WF_SUBMIT,
		                             NULL, T0, &p),
		                 ERR_INVALID);
		assert_true(has(&p, "Điều 9.1.b"));
		assert_int_equal(get(f, id).state, ITEM_STATE_DRAFT);
		assert_int_equal(audit_n(f), audits);
	}
	d.cover_image = "2026/01/hoi-nghi.jpg";
	d.cover_alt = "Hội nghị";
	assert_int_equal(workflow_save(f->s, &f->u[COLLAB], &f->au[COLLAB], id,
	                               &d, NULL, T0, NULL),
	                 ERR_OK);
	/* The blank contact was filled from the account at creation; a save
	 * that blanks it is caught. */
	assert_int_equal(workflow_do(f->s, &f->u[COLLAB], &f->au[COLLAB], id,
	                             WF_SUBMIT, NULL, T0, &p),
	                 ERR_INVALID);
	assert_int_equal(p.n, 1);
	assert_true(has(&p, "số điện thoại hoặc địa chỉ liên lạc"));
	d.sender_contact = "Thôn 1, xã Hà Mòn";
	assert_int_equal(workflow_save(f->s, &f->u[COLLAB], &f->au[COLLAB], id,
	                               &d, NULL, T0, NULL),
	                 ERR_OK);
	ok(f, COLLAB, id, WF_SUBMIT, NULL);
	/* Information cut later is caught again before it goes on. */
	d.source = "";
	assert_int_equal(workflow_save(f->s, &f->u[DHEAD], &f->au[DHEAD], id,
	                               &d, NULL, T0, NULL),
	                 ERR_OK);
	assert_int_equal(workflow_do(f->s, &f->u[DHEAD], &f->au[DHEAD], id,
	                             WF_PREAPPROVE, NULL, T0, &p),
	                 ERR_INVALID);
	assert_true(has(&p, "nguồn"));
}

/* Điều 9.2: 24 hours after an event, 3 days after a document. */
static void
test_workflow__deadlines(void **state)
{
	struct item it = {0};
	struct item_flow fl = {0};
	struct wf_deadline dl;

	(void)state;
	workflow_deadline(&it, &fl, T0, &dl);
	assert_int_equal(dl.status, WF_DUE_NONE);
	assert_int_equal(dl.due, 0);

	fl.event_ended_at = T0;
	workflow_deadline(&it, &fl, T0 + HOUR, &dl);
	assert_int_equal(dl.due, T0 + 24 * HOUR);
	assert_int_equal(dl.status, WF_DUE_ON_TIME);
	/* Exactly a quarter left is still on time; less is at risk. */
	workflow_deadline(&it, &fl, T0 + 18 * HOUR, &dl);
	assert_int_equal(dl.status, WF_DUE_ON_TIME);
	workflow_deadline(&it, &fl, T0 + 18 * HOUR + 1, &dl);
	assert_int_equal(dl.status, WF_DUE_AT_RISK);
	workflow_deadline(&it, &fl, T0 + 24 * HOUR, &dl);
	assert_int_equal(dl.status, WF_DUE_AT_RISK);
	workflow_deadline(&it, &fl, T0 + 24 * HOUR + 1, &dl);
	assert_int_equal(dl.status, WF_DUE_LATE);
	assert_string_equal(wf_due_name(dl.status), "trễ hạn");
	/* Published: judged by when, not by now. */
	it.published_at = T0 + 20 * HOUR;
	workflow_deadline(&it, &fl, T0 + 100 * HOUR, &dl);
	assert_int_equal(dl.status, WF_DUE_ON_TIME);
	it.published_at = T0 + 25 * HOUR;
	workflow_deadline(&it, &fl, T0 + 25 * HOUR, &dl);
	assert_int_equal(dl.status, WF_DUE_LATE);

	it.published_at = 0;
	fl.event_ended_at = 0;
	fl.doc_issued_at = T0;
	workflow_deadline(&it, &fl, T0, &dl);
	assert_int_equal(dl.due, T0 + 72 * HOUR);
	assert_int_equal(dl.start, T0);
	workflow_deadline(&it, &fl, T0 + 54 * HOUR + 1, &dl);
	assert_int_equal(dl.status, WF_DUE_AT_RISK);
	workflow_deadline(&it, &fl, T0 + 72 * HOUR + 1, &dl);
	assert_int_equal(dl.status, WF_DUE_LATE);
	/* Both: the earlier due wins. */
	fl.event_ended_at = T0 + HOUR;
	assert_int_equal(workflow_due_at(&fl), T0 + 25 * HOUR);
}

/* A correction keeps the live text until it is published. */
static void
test_workflow__correction_keeps_live_text(void **state)
{
	struct fx *f = *state;
	int64_t id = item_in(f, ITEM_STATE_PUBLISHED);
	struct wf_draft d = draft(f, "Tiêu đề đã đính chính");
	struct item it, pub;
	struct item_flow fl;
	struct wf_view v;
	int64_t rev;
	const char *live = get(f, id).title;
	time_t published = get(f, id).published_at;

	/* Nobody saves a published item without opening a correction. */
	assert_int_equal(workflow_save(f->s, &f->u[MEMBER], &f->au[MEMBER], id,
	                               &d, NULL, T0, NULL),
	                 ERR_CONFLICT);
	assert_int_equal(act(f, STAFF, id, WF_CORRECT, NULL), ERR_DENIED);
	ok(f, MEMBER, id, WF_CORRECT, NULL);
	fl = flow(f, id);
	assert_int_equal(fl.corr_state, ITEM_STATE_IN_EDITING);
	assert_int_equal(fl.assigned_user_id, f->u[MEMBER].id);
	assert_int_equal(get(f, id).state, ITEM_STATE_PUBLISHED);
	assert_int_equal(workflow_save(f->s, &f->u[MEMBER], &f->au[MEMBER], id,
	                               &d, "đính chính số liệu", T0, &rev),
	                 ERR_OK);
	assert_int_equal(flow(f, id).pending_rev, rev);
	/* The public still reads the live text. */
	assert_int_equal(content_item_public(f->s, &f->a, id, &pub), ERR_OK);
	assert_string_equal(pub.title, live);
	/* The correction goes through approval again. */
	assert_int_equal(act(f, OFFICE, id, WF_PUBLISH, NULL), ERR_CONFLICT);
	ok(f, MEMBER, id, WF_SEND, NULL);
	assert_int_equal(act(f, OFFICE, id, WF_PUBLISH, NULL), ERR_CONFLICT);
	ok(f, DEPUTY, id, WF_RETURN, "Chưa rõ");
	assert_int_equal(flow(f, id).corr_state, ITEM_STATE_IN_EDITING);
	ok(f, MEMBER, id, WF_SEND, NULL);
	ok(f, DEPUTY, id, WF_APPROVE, NULL);
	assert_int_equal(workflow_load(f->s, &f->a, &f->u[OFFICE], id, &v),
	                 ERR_OK);
	assert_true(v.actions & WF_BIT(WF_PUBLISH));
	assert_int_equal(workflow_state(&v.ref), ITEM_STATE_APPROVED);
	assert_string_equal(get(f, id).title, live);
	heard_n = 0;
	ok(f, OFFICE, id, WF_PUBLISH, NULL);
	assert_int_equal(heard_n, 1);
	it = get(f, id);
	assert_string_equal(it.title, "Tiêu đề đã đính chính");
	assert_int_equal(it.state, ITEM_STATE_PUBLISHED);
	assert_int_equal(it.published_at, published);
	assert_int_equal(it.updated_at, T0 + HOUR);
	fl = flow(f, id);
	assert_int_equal(fl.corr_state, ITEM_STATE__MAX);
	assert_int_equal(fl.pending_rev, 0);
	assert_int_equal(content_item_public(f->s, &f->a, id, &pub), ERR_OK);
	assert_string_equal(pub.title, "Tiêu đề đã đính chính");

	/* A discarded correction leaves the live text alone. */
	ok(f, SECRETARIAT, id, WF_CORRECT, NULL);
	d.title = "Bản nháp bỏ đi";
	assert_int_equal(workflow_save(f->s, &f->u[SECRETARIAT],
	                               &f->au[SECRETARIAT], id, &d, NULL, T0,
	                               NULL),
	                 ERR_OK);
	ok(f, HEAD, id, WF_DISCARD, NULL);
	assert_string_equal(get(f, id).title, "Tiêu đề đã đính chính");
	assert_int_equal(flow(f, id).corr_state, ITEM_STATE__MAX);
	/* Unpublishing during a correction drops it too. */
	ok(f, MEMBER, id, WF_CORRECT, NULL);
	ok(f, DEPUTY, id, WF_UNPUBLISH, "Sai sót nghiêm trọng");
	assert_int_equal(get(f, id).state, ITEM_STATE_UNPUBLISHED);
	assert_int_equal(flow(f, id).corr_state, ITEM_STATE__MAX);
}

/* Every save is a revision; a restore is a new one. */
static void
test_workflow__revisions_restore(void **state)
{
	struct fx *f = *state;
	int64_t id = create(f, STAFF, "Bản một");
	struct wf_draft d = draft(f, "Bản hai");
	struct item_revision *v, rv;
	size_t n;
	int64_t rev;

	assert_int_equal(workflow_save(f->s, &f->u[STAFF], &f->au[STAFF], id,
	                               &d, NULL, T0 + 60, &rev),
	                 ERR_OK);
	assert_int_equal(rev, 2);
	assert_string_equal(get(f, id).title, "Bản hai");
	assert_int_equal(workflow_restore(f->s, &f->u[STAFF], &f->au[STAFF], id,
	                                  1, T0 + 120, &rev),
	                 ERR_OK);
	assert_int_equal(rev, 3);
	assert_string_equal(get(f, id).title, "Bản một");
	assert_int_equal(workflow_restore(f->s, &f->u[STAFF], &f->au[STAFF], id,
	                                  9, T0, &rev),
	                 ERR_NOTFOUND);
	assert_int_equal(workflow_restore(f->s, &f->u[STAFF2], &f->au[STAFF2],
	                                  id, 1, T0, &rev),
	                 ERR_DENIED);
	assert_int_equal(
	        workflow_revisions(f->s, &f->a, &f->u[STAFF], id, &v, &n),
	        ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].number, 3);
	assert_string_equal(v[0].note, "khôi phục từ phiên bản 1");
	assert_null(v[0].body_html);
	assert_int_equal(store_revision_get(f->s, &f->a, id, 2, &rv), ERR_OK);
	assert_string_equal(rv.title, "Bản hai");
	assert_non_null(strstr(rv.body_html, "Nội dung"));
	assert_int_equal(rv.user_id, f->u[STAFF].id);
	assert_int_equal(
	        workflow_revisions(f->s, &f->a, &f->u[STAFF2], id, &v, &n),
	        ERR_DENIED);
}

/* Comments: seen and written by those working on the item only. */
static void
test_workflow__comments(void **state)
{
	struct fx *f = *state;
	int64_t id = item_in(f, ITEM_STATE_IN_EDITING);
	struct item_comment *c;
	size_t n;

	assert_int_equal(workflow_comment(f->s, &f->u[MEMBER], &f->au[MEMBER],
	                                  id, "  Cần thêm ảnh.  ", T0),
	                 ERR_OK);
	assert_int_equal(workflow_comment(f->s, &f->u[STAFF], &f->au[STAFF], id,
	                                  "Đã bổ sung.", T0 + 60),
	                 ERR_OK);
	assert_int_equal(workflow_comment(f->s, &f->u[STAFF2], &f->au[STAFF2],
	                                  id, "Xin chào", T0),
	                 ERR_DENIED);
	assert_int_equal(workflow_comment(f->s, &f->u[MEMBER], &f->au[MEMBER],
	                                  id, " \n", T0),
	                 ERR_INVALID);
	assert_int_equal(
	        workflow_comments(f->s, &f->a, &f->u[STAFF], id, &c, &n),
	        ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].body, "Cần thêm ảnh.");
	assert_string_equal(c[0].user_name, f->u[MEMBER].full_name);
	assert_int_equal(c[1].at, T0 + 60);
	assert_int_equal(
	        workflow_comments(f->s, &f->a, &f->u[ITADMIN], id, &c, &n),
	        ERR_DENIED);
}

/* The dashboard's queues and their counts, per person. */
static void
test_workflow__queues_and_counts(void **state)
{
	struct fx *f = *state;
	int64_t counts[ITEM_QUEUE__MAX];
	struct queue_list ql;
	struct wf_args args = {.assignee = 0};
	int64_t late, d, s, ie, pa, ap, as;
	struct wf_draft dr = draft(f, "Trễ hạn");

	d = item_in(f, ITEM_STATE_DRAFT);
	s = item_in(f, ITEM_STATE_SUBMITTED);
	ie = item_in(f, ITEM_STATE_IN_EDITING);
	pa = item_in(f, ITEM_STATE_PENDING_APPROVAL);
	ap = item_in(f, ITEM_STATE_APPROVED);
	as = item_in(f, ITEM_STATE_SUBMITTED);
	args.assignee = f->u[MEMBER2].id;
	assert_int_equal(workflow_do(f->s, &f->u[HEAD], &f->au[HEAD], as,
	                             WF_ASSIGN, &args, T0, NULL),
	                 ERR_OK);
	/* A district item waiting for its head, with an event deadline
	 * long past. */
	dr.event_ended_at = T0 - 48 * HOUR;
	assert_int_equal(workflow_create(f->s, &f->u[COLLAB], &f->au[COLLAB],
	                                 &dr, T0, &late),
	                 ERR_OK);
	ok(f, COLLAB, late, WF_SUBMIT, NULL);
	(void)d;

	assert_int_equal(workflow_queue_counts(f->s, &f->u[STAFF], T0, counts),
	                 ERR_OK);
	assert_int_equal(counts[ITEM_QUEUE_MINE], 6);
	assert_int_equal(counts[ITEM_QUEUE_TRIAGE], 0); /* not its queue */
	assert_int_equal(counts[ITEM_QUEUE_LATE], 0);
	assert_int_equal(workflow_queue_counts(f->s, &f->u[FOCAL], T0, counts),
	                 ERR_OK);
	assert_int_equal(counts[ITEM_QUEUE_MINE], 6); /* the unit's */
	assert_int_equal(workflow_queue_counts(f->s, &f->u[STAFF2], T0, counts),
	                 ERR_OK);
	assert_int_equal(counts[ITEM_QUEUE_MINE], 0);

	assert_int_equal(workflow_queue_counts(f->s, &f->u[DHEAD], T0, counts),
	                 ERR_OK);
	assert_int_equal(counts[ITEM_QUEUE_PREAPPROVE], 1);
	assert_int_equal(workflow_queue_counts(f->s, &f->u[DHEAD2], T0, counts),
	                 ERR_OK);
	assert_int_equal(counts[ITEM_QUEUE_PREAPPROVE], 0);

	assert_int_equal(
	        workflow_queue_counts(f->s, &f->u[SECRETARIAT], T0, counts),
	        ERR_OK);
	assert_int_equal(counts[ITEM_QUEUE_TRIAGE], 1);
	assert_int_equal(counts[ITEM_QUEUE_TO_EDIT], 1); /* ie */
	assert_int_equal(counts[ITEM_QUEUE_LATE], 1);
	assert_int_equal(counts[ITEM_QUEUE_TO_APPROVE], 0);

	assert_int_equal(
	        workflow_queue_counts(f->s, &f->u[MEMBER2], T0, counts),
	        ERR_OK);
	assert_int_equal(counts[ITEM_QUEUE_ASSIGNED], 1);
	assert_int_equal(workflow_queue(f->s, &f->a, &f->u[MEMBER2],
	                                ITEM_QUEUE_ASSIGNED, T0, 0, 10, &ql),
	                 ERR_OK);
	assert_int_equal(ql.n, 1);
	assert_int_equal(ql.total, 1);
	assert_int_equal(ql.v[0].item.id, as);
	assert_int_equal(ql.v[0].flow.assigned_by, f->u[HEAD].id);

	/* An accepted item waits in "to edit" until a member takes it. */
	assert_int_equal(workflow_queue(f->s, &f->a, &f->u[MEMBER],
	                                ITEM_QUEUE_TO_EDIT, T0, 0, 10, &ql),
	                 ERR_OK);
	assert_int_equal(ql.n, 1);
	assert_int_equal(ql.v[0].item.id, ie);
	ok(f, MEMBER2, ie, WF_TAKE, NULL);
	assert_int_equal(workflow_queue_counts(f->s, &f->u[MEMBER], T0, counts),
	                 ERR_OK);
	assert_int_equal(counts[ITEM_QUEUE_TO_EDIT], 0);

	assert_int_equal(workflow_queue_counts(f->s, &f->u[DEPUTY], T0, counts),
	                 ERR_OK);
	assert_int_equal(counts[ITEM_QUEUE_TO_APPROVE], 1);
	assert_int_equal(counts[ITEM_QUEUE_TO_PUBLISH], 1);
	assert_int_equal(workflow_queue(f->s, &f->a, &f->u[OFFICE],
	                                ITEM_QUEUE_TO_PUBLISH, T0, 0, 10, &ql),
	                 ERR_OK);
	assert_int_equal(ql.n, 1);
	assert_int_equal(ql.v[0].item.id, ap);
	assert_int_equal(workflow_queue(f->s, &f->a, &f->u[OFFICE],
	                                ITEM_QUEUE_TO_APPROVE, T0, 0, 10, &ql),
	                 ERR_DENIED);
	assert_int_equal(workflow_queue(f->s, &f->a, &f->u[DIRECTOR],
	                                ITEM_QUEUE_LATE, T0, 0, 10, &ql),
	                 ERR_OK);
	assert_int_equal(ql.n, 1);
	assert_int_equal(ql.v[0].item.id, late);
	assert_true(ql.v[0].flow.due_at == T0 - 24 * HOUR);
	assert_int_equal(workflow_queue_counts(f->s, &f->u[COLLAB], T0, counts),
	                 ERR_OK);
	assert_int_equal(counts[ITEM_QUEUE_LATE], 1); /* its own */
	assert_int_equal(workflow_queues(&f->u[ITADMIN]), 0);
	assert_string_equal(workflow_queue_name(ITEM_QUEUE_TO_APPROVE),
	                    "Chờ duyệt");
	(void)s;
	(void)pa;
}

/* Scheduled items appear on the minute. */
static void
test_workflow__scheduled_publish_on_the_minute(void **state)
{
	struct fx *f = *state;
	int64_t id = item_in(f, ITEM_STATE_APPROVED);
	struct wf_args args = {.publish_at = T0 - 1};
	struct audit_entry e;
	size_t n = 99;
	time_t at = T0 + 3 * HOUR;

	/* In the past: refused. */
	assert_int_equal(workflow_do(f->s, &f->u[OFFICE], &f->au[OFFICE], id,
	                             WF_SCHEDULE, &args, T0, NULL),
	                 ERR_INVALID);
	assert_int_equal(act(f, STAFF, id, WF_SCHEDULE, NULL), ERR_DENIED);
	args.publish_at = at;
	assert_int_equal(workflow_do(f->s, &f->u[OFFICE], &f->au[OFFICE], id,
	                             WF_SCHEDULE, &args, T0, NULL),
	                 ERR_OK);
	assert_int_equal(get(f, id).state, ITEM_STATE_SCHEDULED);
	/* A draft is never published by the clock. */
	(void)item_in(f, ITEM_STATE_PENDING_APPROVAL);
	assert_int_equal(workflow_publish_due(f->s, at - 60, &n), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(get(f, id).state, ITEM_STATE_SCHEDULED);
	assert_int_equal(heard_n, 0);
	assert_int_equal(workflow_publish_due(f->s, at, &n), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(get(f, id).state, ITEM_STATE_PUBLISHED);
	assert_int_equal(get(f, id).published_at, at);
	assert_int_equal(heard_n, 1);
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	assert_string_equal(e.action, "item.publish");
	assert_string_equal(e.actor_name, WF_SCHEDULER_ACTOR);
	assert_int_equal(e.actor_user_id, 0);
	/* Nothing left: the next minute publishes nothing. */
	assert_int_equal(workflow_publish_due(f->s, at + 60, &n), ERR_OK);
	assert_int_equal(n, 0);
	/* Unscheduled items go back to approved. */
	id = item_in(f, ITEM_STATE_SCHEDULED);
	ok(f, HEAD, id, WF_UNSCHEDULE, NULL);
	assert_int_equal(get(f, id).state, ITEM_STATE_APPROVED);
	assert_int_equal(flow(f, id).publish_at, 0);
	assert_int_equal(workflow_publish_due(f->s, T0 + 99 * HOUR, &n),
	                 ERR_OK);
	assert_int_equal(n, 0);
}

/* A disabled account, or a role taken away, acts no more even with the
 * user struct of an old session. */
static void
test_workflow__reloads_actor(void **state)
{
	struct fx *f = *state;
	int64_t id = item_in(f, ITEM_STATE_PENDING_APPROVAL);
	struct user u = f->u[DEPUTY];

	u.roles = "staff";
	assert_int_equal(store_user_update(f->s, &u), ERR_OK);
	assert_int_equal(act(f, DEPUTY, id, WF_APPROVE, NULL), ERR_DENIED);
	u.roles = "board-deputy";
	u.active = false;
	assert_int_equal(store_user_update(f->s, &u), ERR_OK);
	assert_int_equal(act(f, DEPUTY, id, WF_APPROVE, NULL), ERR_DENIED);
	assert_int_equal(get(f, id).state, ITEM_STATE_PENDING_APPROVAL);
	/* Who may not write items at all. */
	{
		struct wf_draft d = draft(f, "x");
		int64_t nid;

		assert_int_equal(workflow_create(f->s, &f->u[ITADMIN],
		                                 &f->au[ITADMIN], &d, T0, &nid),
		                 ERR_DENIED);
		d.title = "  ";
		assert_int_equal(workflow_create(f->s, &f->u[STAFF],
		                                 &f->au[STAFF], &d, T0, &nid),
		                 ERR_INVALID);
		d.title = "y";
		d.category_id = 999;
		assert_int_equal(workflow_create(f->s, &f->u[STAFF],
		                                 &f->au[STAFF], &d, T0, &nid),
		                 ERR_INVALID);
	}
}

static void
test_workflow__action_codes(void **state)
{
	enum wf_action a;

	(void)state;
	for (int i = 0; i < WF__MAX; i++) {
		assert_non_null(wf_action_code((enum wf_action)i));
		assert_non_null(wf_action_name((enum wf_action)i));
		assert_true(wf_action_from_code(
		        wf_action_code((enum wf_action)i), &a));
		assert_int_equal(a, i);
	}
	assert_false(wf_action_from_code("delete", &a));
	assert_null(wf_action_code(WF__MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_workflow__full_walk, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_workflow__district_preapproval, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_workflow__assign, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_workflow__return_requires_reason, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_workflow__forbidden_steps_change_nothing, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_workflow__publish_unapproved_refused_dieu_17_1_c,
	                setup, teardown),
	        cmocka_unit_test_setup_teardown(test_workflow__double_approve,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_workflow__completeness_messages, setup, teardown),
	        cmocka_unit_test(test_workflow__deadlines),
	        cmocka_unit_test_setup_teardown(
	                test_workflow__correction_keeps_live_text, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_workflow__revisions_restore, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_workflow__comments, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_workflow__queues_and_counts, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_workflow__scheduled_publish_on_the_minute, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(test_workflow__reloads_actor,
	                                        setup, teardown),
	        cmocka_unit_test(test_workflow__action_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
