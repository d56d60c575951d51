/* Tests of notifications (issue 4 item 11): who is told at each step of
 * the workflow, never the actor, never a disabled account, the author's
 * notices with their reasons, the e-mails queued beside the rows, marking
 * read (only one's own), and a transaction that rolls back telling
 * nobody. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "config.h"
#include "notify.h"
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
	int64_t cat;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct category c = {0};

	config_defaults(&config);
	assert_int_equal(config_set(&config, "site", "base_url",
	                            "https://stp.example.gov.vn"),
	                 0);
	/* Mail on: mail_queue only inserts into the outbox; nothing is
	 * sent by these tests. */
	assert_int_equal(config_set(&config, "mail", "host", "127.0.0.1"), 0);
	assert_int_equal(config_set(&config, "mail", "from", "ttdt@t.example"),
	                 0);
	assert_int_equal(fixture_db_open(f->path, "notify", &f->s), ERR_OK);
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
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	fixture_db_remove(f->s, f->path);
	arena_release(&f->a);
	config_release(&config);
	free(f);
	return 0;
}

static int64_t
create(struct fx *f, enum who w, const char *title)
{
	struct wf_draft d = {
	        .kind = ITEM_KIND_TIN,
	        .category_id = f->cat,
	        .title = title,
	        .summary = "Tóm tắt",
	        .body_html = "<p>Nội dung tin.</p>",
	        .author_name = "Nguyễn Văn A",
	        .source = "Sở Tư pháp",
	};
	int64_t id = 0;

	assert_int_equal(
	        workflow_create(f->s, &f->u[w], &f->au[w], &d, T0, &id),
	        ERR_OK);
	return id;
}

static void
ok_args(struct fx *f, enum who w, int64_t id, enum wf_action a,
        const struct wf_args *args)
{
	struct wf_problems p;
	enum err e = workflow_do(f->s, &f->u[w], &f->au[w], id, a, args,
	                         T0 + HOUR, &p);

	if (e != ERR_OK)
		print_error("%s: %s (%s)\n", wf_action_code(a), err_str(e),
		            p.n ? p.msg[0] : "");
	assert_int_equal(e, ERR_OK);
}

static void
ok(struct fx *f, enum who w, int64_t id, enum wf_action a, const char *note)
{
	struct wf_args args = {.note = note};

	ok_args(f, w, id, a, &args);
}

/* The notifications of w, newest first. */
static size_t
told(struct fx *f, enum who w, struct notification **v)
{
	size_t n;

	assert_int_equal(store_notify_list(f->s, &f->a, f->u[w].id, false, 0,
	                                   100, v, &n),
	                 ERR_OK);
	return n;
}

static size_t
count(struct fx *f, enum who w)
{
	struct notification *v;

	return told(f, w, &v);
}

/* Every account's count, to compare before and after a step. */
static void
counts(struct fx *f, size_t out[WHO__MAX])
{
	for (int i = 0; i < WHO__MAX; i++)
		out[i] = count(f, (enum who)i);
}

/* Exactly the accounts of mask got one more notification, about item id
 * of kind, since before; the newest one's text is returned. */
static void
expect_told(struct fx *f, const size_t before[WHO__MAX], unsigned mask,
            int64_t id, const char *kind)
{
	for (int i = 0; i < WHO__MAX; i++) {
		struct notification *v;
		size_t n = told(f, (enum who)i, &v);
		bool want = mask & (1u << i);

		if (n != before[i] + (want ? 1 : 0))
			print_error("account %d: %zu notifications, had %zu\n",
			            i, n, before[i]);
		assert_int_equal(n, before[i] + (want ? 1 : 0));
		if (!want)
			continue;
		assert_int_equal(v[0].item_id, id);
		assert_string_equal(v[0].kind, kind);
		assert_int_equal(v[0].read_at, 0);
	}
}

/* The mails queued to w (all of them, oldest first). */
static size_t
mails_to(struct fx *f, enum who w, struct mail_row **out)
{
	struct mail_row *v, *mine;
	size_t n, k = 0;

	assert_int_equal(
	        store_mail_due(f->s, &f->a, T0 + 10 * HOUR, 500, &v, &n),
	        ERR_OK);
	mine = arena_calloc(&f->a, n ? n : 1, sizeof(*mine));
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].to, f->u[w].email))
			mine[k++] = v[i];
	*out = mine;
	return k;
}

#define B(w) (1u << (w))

/* The whole path of a staff member's item: each step tells whoever acts
 * next, and the author hears of approval and publication. */
static void
test_notify__walk(void **state)
{
	struct fx *f = *state;
	size_t before[WHO__MAX];
	struct wf_args args = {0};
	struct notification *v;
	struct mail_row *m;
	int64_t id = create(f, STAFF, "Hội nghị tổng kết năm 2025");

	counts(f, before);
	ok(f, STAFF, id, WF_SUBMIT, NULL);
	expect_told(f, before, B(SECRETARIAT), id, "submit");
	told(f, SECRETARIAT, &v);
	assert_string_equal(v[0].text, "Tin, bài “Hội nghị tổng kết năm "
	                               "2025” đã được gửi đến, đang chờ Tổ "
	                               "thư ký tiếp nhận.");
	assert_int_equal(mails_to(f, SECRETARIAT, &m), 1);
	assert_non_null(strstr(m[0].subject, "Tin, bài chờ tiếp nhận"));
	assert_non_null(strstr(m[0].body, "https://stp.example.gov.vn"
	                                  "/quan-tri/tin-bai/"));
	assert_non_null(strstr(m[0].body, "Hội nghị tổng kết năm 2025"));

	counts(f, before);
	ok(f, SECRETARIAT, id, WF_ACCEPT, NULL);
	expect_told(f, before, B(HEAD) | B(DEPUTY) | B(MEMBER) | B(MEMBER2), id,
	            "accept");
	told(f, MEMBER, &v);
	assert_non_null(strstr(v[0].text, "có thể nhận biên tập"));
	told(f, HEAD, &v);
	assert_non_null(strstr(v[0].text, "chờ phân công biên tập"));

	counts(f, before);
	args.assignee = f->u[MEMBER].id;
	ok_args(f, HEAD, id, WF_ASSIGN, &args);
	expect_told(f, before, B(MEMBER), id, "assign");

	counts(f, before);
	ok(f, MEMBER, id, WF_SEND, NULL);
	expect_told(f, before, B(HEAD) | B(DEPUTY), id, "send");

	/* The Deputy approves: the Office publishes, the author hears;
	 * the Deputy is not told of its own step. */
	counts(f, before);
	ok(f, DEPUTY, id, WF_APPROVE, NULL);
	expect_told(f, before, B(OFFICE) | B(STAFF), id, "approve");
	assert_int_equal(mails_to(f, STAFF, &m), 1);
	assert_non_null(strstr(m[0].subject, "đã được duyệt"));

	counts(f, before);
	ok(f, OFFICE, id, WF_PUBLISH, NULL);
	expect_told(f, before, B(STAFF), id, "publish");
	assert_int_equal(mails_to(f, STAFF, &m), 2);
	assert_non_null(strstr(m[1].subject, "đã được đăng"));
	/* The public address, not the newsroom's. */
	assert_non_null(strstr(m[1].body, "https://stp.example.gov.vn/tin/"));

	/* Unpublished with a reason: the author hears it, with the
	 * reason, in the newsroom and by mail. */
	counts(f, before);
	ok(f, OFFICE, id, WF_UNPUBLISH, "Số liệu cần kiểm tra lại");
	expect_told(f, before, B(STAFF), id, "unpublish");
	told(f, STAFF, &v);
	assert_non_null(strstr(v[0].text, "gỡ xuống"));
	assert_non_null(strstr(v[0].text, "Số liệu cần kiểm tra lại"));
	assert_int_equal(mails_to(f, STAFF, &m), 3);
	assert_non_null(strstr(m[2].body, "Số liệu cần kiểm tra lại"));
}

/* Điều 18.2: a district's item goes to its own head only; pre-approval
 * then tells the Secretariat. */
static void
test_notify__district(void **state)
{
	struct fx *f = *state;
	size_t before[WHO__MAX];
	int64_t id = create(f, COLLAB, "Tin huyện Đắk Hà");

	counts(f, before);
	ok(f, COLLAB, id, WF_SUBMIT, NULL);
	expect_told(f, before, B(DHEAD), id, "submit");
	counts(f, before);
	ok(f, DHEAD, id, WF_PREAPPROVE, NULL);
	expect_told(f, before, B(SECRETARIAT), id, "preapprove");
}

/* Returned with a reason: only the author, and the reason travels. */
static void
test_notify__return_tells_author_with_reason(void **state)
{
	struct fx *f = *state;
	size_t before[WHO__MAX];
	struct notification *v;
	struct mail_row *m;
	int64_t id = create(f, STAFF, "Tin cần sửa");

	ok(f, STAFF, id, WF_SUBMIT, NULL);
	counts(f, before);
	ok(f, SECRETARIAT, id, WF_RETURN, "Thiếu nguồn tin\nvà ảnh");
	expect_told(f, before, B(STAFF), id, "return");
	told(f, STAFF, &v);
	assert_non_null(strstr(v[0].text, "trả lại"));
	assert_non_null(strstr(v[0].text, "Lý do: Thiếu nguồn tin"));
	assert_int_equal(mails_to(f, STAFF, &m), 1);
	assert_non_null(strstr(m[0].subject, "bị trả lại"));
	assert_non_null(strstr(m[0].body, "Thiếu nguồn tin\nvà ảnh"));
}

/* The actor is never told of its own step, even when it holds the role
 * that acts next; a disabled account is told nothing. */
static void
test_notify__actor_and_inactive_excluded(void **state)
{
	struct fx *f = *state;
	size_t before[WHO__MAX];
	struct user u = f->u[MEMBER2];
	int64_t id;

	/* The Secretariat's own item, submitted to the Secretariat. */
	id = create(f, SECRETARIAT, "Tin của Tổ thư ký");
	counts(f, before);
	ok(f, SECRETARIAT, id, WF_SUBMIT, NULL);
	expect_told(f, before, 0, id, "submit");

	u.active = false;
	assert_int_equal(store_user_update(f->s, &u), ERR_OK);
	counts(f, before);
	ok(f, SECRETARIAT, id, WF_ACCEPT, NULL);
	expect_told(f, before, B(HEAD) | B(DEPUTY) | B(MEMBER), id, "accept");
	/* A Board member takes it: nobody has to act on that. */
	counts(f, before);
	ok(f, MEMBER, id, WF_TAKE, NULL);
	expect_told(f, before, 0, id, "take");
}

struct rollback {
	struct arena *a;
	const struct item *it;
	const struct item_flow *fl;
	int64_t actor;
	bool called;
};

/* Tells, then fails: as a transition that goes wrong after the call. */
static enum err
tell_then_fail(struct store *s, void *arg)
{
	struct rollback *x = arg;
	enum err e = notify_transition(s, x->a, x->it, x->fl, WF_ACCEPT,
	                               ITEM_STATE_IN_EDITING, x->actor, NULL,
	                               T0 + HOUR);

	assert_int_equal(e, ERR_OK);
	x->called = true;
	return ERR_CONFLICT;
}

/* Everything is in the caller's transaction: if it rolls back, nobody
 * was told and no mail waits. */
static void
test_notify__rollback_tells_nobody(void **state)
{
	struct fx *f = *state;
	int64_t id = create(f, STAFF, "Tin không thành");
	struct item it;
	struct item_flow fl;
	struct mail_row *m;
	size_t n;
	struct rollback x = {&f->a, &it, &fl, f->u[SECRETARIAT].id, false};

	assert_int_equal(store_item_get(f->s, &f->a, id, &it), ERR_OK);
	assert_int_equal(store_flow_get(f->s, &f->a, id, &fl), ERR_OK);
	assert_int_equal(store_tx(f->s, tell_then_fail, &x), ERR_CONFLICT);
	assert_true(x.called);
	for (int i = 0; i < WHO__MAX; i++)
		assert_int_equal(count(f, (enum who)i), 0);
	assert_int_equal(
	        store_mail_due(f->s, &f->a, T0 + 10 * HOUR, 10, &m, &n),
	        ERR_OK);
	assert_int_equal(n, 0);
	/* A refused step (the Director may not accept) tells nobody. */
	ok(f, STAFF, id, WF_SUBMIT, NULL);
	assert_int_equal(workflow_do(f->s, &f->u[DIRECTOR], &f->au[DIRECTOR],
	                             id, WF_ACCEPT, NULL, T0 + HOUR, NULL),
	                 ERR_DENIED);
	assert_int_equal(count(f, HEAD), 0);
}

/* Read marks: one's own only; all at once; an item's when it is opened;
 * the unread count follows. */
static void
test_notify__mark_read(void **state)
{
	struct fx *f = *state;
	int64_t a = create(f, STAFF, "Tin A"), b = create(f, STAFF, "Tin B");
	struct notification *v;
	int64_t total, unread, n;
	size_t k;

	ok(f, STAFF, a, WF_SUBMIT, NULL);
	ok(f, STAFF, b, WF_SUBMIT, NULL);
	ok(f, SECRETARIAT, a, WF_ACCEPT, NULL);
	ok(f, SECRETARIAT, b, WF_ACCEPT, NULL);
	assert_int_equal(
	        store_notify_count(f->s, f->u[HEAD].id, &total, &unread),
	        ERR_OK);
	assert_int_equal(total, 2);
	assert_int_equal(unread, 2);

	/* Someone else's notification: not found, and left unread. */
	assert_int_equal(told(f, HEAD, &v), 2);
	assert_int_equal(store_notify_read(f->s, f->u[DEPUTY].id, v[0].id,
	                                   T0 + 2 * HOUR),
	                 ERR_NOTFOUND);
	assert_int_equal(
	        store_notify_read(f->s, f->u[HEAD].id, 999999, T0 + 2 * HOUR),
	        ERR_NOTFOUND);
	assert_int_equal(store_notify_count(f->s, f->u[HEAD].id, NULL, &unread),
	                 ERR_OK);
	assert_int_equal(unread, 2);

	/* One's own, twice: the second keeps the first time. */
	assert_int_equal(
	        store_notify_read(f->s, f->u[HEAD].id, v[0].id, T0 + 2 * HOUR),
	        ERR_OK);
	assert_int_equal(
	        store_notify_read(f->s, f->u[HEAD].id, v[0].id, T0 + 3 * HOUR),
	        ERR_OK);
	told(f, HEAD, &v);
	assert_int_equal(v[0].read_at, T0 + 2 * HOUR);
	assert_int_equal(v[1].read_at, 0);
	assert_int_equal(store_notify_list(f->s, &f->a, f->u[HEAD].id, true, 0,
	                                   10, &v, &k),
	                 ERR_OK);
	assert_int_equal(k, 1);

	/* Opening item a marks the Deputy's notices about a, not b's. */
	assert_int_equal(
	        notify_mark_item_read(f->s, f->u[DEPUTY].id, a, T0 + 2 * HOUR),
	        ERR_OK);
	told(f, DEPUTY, &v);
	assert_int_equal(v[0].item_id, b);
	assert_int_equal(v[0].read_at, 0);
	assert_int_equal(v[1].item_id, a);
	assert_int_equal(v[1].read_at, T0 + 2 * HOUR);

	assert_int_equal(
	        store_notify_read_all(f->s, f->u[DEPUTY].id, T0 + 4 * HOUR, &n),
	        ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(
	        store_notify_count(f->s, f->u[DEPUTY].id, &total, &unread),
	        ERR_OK);
	assert_int_equal(total, 2);
	assert_int_equal(unread, 0);
	/* The Head's own are untouched by the Deputy's "all". */
	assert_int_equal(store_notify_count(f->s, f->u[HEAD].id, NULL, &unread),
	                 ERR_OK);
	assert_int_equal(unread, 1);
}

/* A contribution from the public form tells the Secretariat, with the
 * triage mail. */
static void
test_notify__contribution(void **state)
{
	struct fx *f = *state;
	size_t before[WHO__MAX];
	struct mail_row *m;
	int64_t id = create(f, STAFF, "Tin gửi từ bên ngoài");

	counts(f, before);
	assert_int_equal(notify_contribution(f->s, &f->a, id, T0), ERR_OK);
	expect_told(f, before, B(SECRETARIAT), id, NOTIFY_KIND_CONTRIBUTION);
	assert_int_equal(mails_to(f, SECRETARIAT, &m), 1);
	assert_non_null(strstr(m[0].subject, "tiếp nhận"));
	assert_int_equal(notify_contribution(f->s, &f->a, 987654, T0),
	                 ERR_NOTFOUND);
}

/* Mail off: the newsroom rows only. */
static void
test_notify__mail_off(void **state)
{
	struct fx *f = *state;
	struct mail_row *m;
	int64_t id = create(f, STAFF, "Tin không gửi thư");

	assert_int_equal(config_set(&config, "mail", "host", ""), 0);
	ok(f, STAFF, id, WF_SUBMIT, NULL);
	assert_int_equal(count(f, SECRETARIAT), 1);
	assert_int_equal(mails_to(f, SECRETARIAT, &m), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_notify__walk, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_notify__district, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_notify__return_tells_author_with_reason, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_notify__actor_and_inactive_excluded, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_notify__rollback_tells_nobody, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_notify__mark_read, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_notify__contribution,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_notify__mail_off, setup,
	                                        teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
