/*
 * Notifications (issue 4 item 11): who is told of each workflow step,
 * what the newsroom row says and which e-mail goes (see notify.h for the
 * table of recipients).  The rows and the mails are written in the
 * caller's transaction; nothing here commits, so a transition that rolls
 * back leaves no notification and no queued mail behind.
 *
 * Điều 13-18 of the regulation name who acts at each step; this file
 * follows the same roles as the workflow's table (workflow.c, wf_rules)
 * so that the person told is a person who may act.
 */
#include "common.h"

#include <inttypes.h>

#include "config.h"
#include "log.h"
#include "notify.h"
#include "role.h"

/* Who a step tells about an item, and how; filled per step. */
struct tell {
	struct store *s;
	struct arena *a;
	int64_t item_id;
	const char *title;
	const char *slug;
	const char *kind;
	int64_t actor_id;
	const char *note;
	time_t now;
	/* Accounts told so far (each once per step). */
	int64_t *told;
	size_t n, cap;
};

/* What the e-mail to a recipient says. */
enum tell_mail {
	TELL_WAITING,     /* mail_text_waiting of a step */
	TELL_APPROVED,    /* the author's item was approved */
	TELL_RETURNED,    /* ... returned, with the reason */
	TELL_PUBLISHED,   /* ... published */
	TELL_UNPUBLISHED, /* ... taken down, with the reason */
};

/* The newsroom's address of the item. */
static const char *
newsroom_url(const struct tell *t)
{
	return arena_printf(t->a, "%s" NOTIFY_ITEM_PATH "%" PRId64,
	                    config.site.base_url, t->item_id);
}

/* The public address of the item: the form of web_item_path
 * (src/web/web.c), "/tin/<slug>-<id>" with the slug percent-encoded;
 * the domain cannot call the web layer. */
static const char *
public_url(const struct tell *t)
{
	const char *slug = t->slug && *t->slug ? t->slug : "tin";
	struct buf b = BUF_INIT;
	const char *url;

	buf_adds(&b, config.site.base_url);
	buf_adds(&b, "/tin/");
	buf_add_url(&b, slug, strlen(slug));
	buf_addf(&b, "-%" PRId64, t->item_id);
	url = arena_strndup(t->a, b.p, b.len);
	buf_release(&b);
	return url;
}

/* Writes the row and queues the mail for r, unless r is the actor or was
 * told already in this step. */
static enum err
tell_one(struct tell *t, const struct notify_recipient *r, const char *text,
         enum tell_mail how, enum mail_step step)
{
	struct notification n = {0};
	struct mail_text m;
	enum err e;

	if (r->id <= 0 || r->id == t->actor_id)
		return ERR_OK;
	for (size_t i = 0; i < t->n; i++)
		if (t->told[i] == r->id)
			return ERR_OK;
	if (t->n == t->cap) {
		int64_t *v;

		t->cap = t->cap ? t->cap * 2 : 16;
		v = arena_alloc(t->a, t->cap * sizeof(*v));
		if (t->n)
			memcpy(v, t->told, t->n * sizeof(*v));
		t->told = v;
	}
	t->told[t->n++] = r->id;

	n.user_id = r->id;
	n.item_id = t->item_id;
	n.kind = t->kind;
	n.text = text;
	n.created_at = t->now;
	if ((e = store_notify_add(t->s, &n)) != ERR_OK)
		return e;
	if (!mail_enabled())
		return ERR_OK;

	switch (how) {
	case TELL_WAITING:
		mail_text_waiting(t->a, step, r->full_name, t->title,
		                  newsroom_url(t), &m);
		break;
	case TELL_APPROVED:
		mail_text_approved(t->a, r->full_name, t->title,
		                   newsroom_url(t), &m);
		break;
	case TELL_RETURNED:
		mail_text_returned(t->a, r->full_name, t->title,
		                   t->note ? t->note : "", newsroom_url(t), &m);
		break;
	case TELL_PUBLISHED:
		mail_text_published(t->a, r->full_name, t->title, public_url(t),
		                    t->now, &m);
		break;
	case TELL_UNPUBLISHED:
		mail_text_unpublished(t->a, r->full_name, t->title,
		                      t->note ? t->note : "", newsroom_url(t),
		                      &m);
		break;
	}
	e = mail_queue(t->s, r->email, m.subject, m.body, t->now);
	if (e == ERR_INVALID) {
		/* The newsroom row still tells; a bad address must not undo
		 * the step. */
		log_warnx("no mail to account %" PRId64 " about item %" PRId64
		          ": its address is not usable",
		          r->id, t->item_id);
		return ERR_OK;
	}
	return e;
}

/* Tells every active holder of a role of roles (of unit_id unless 0). */
static enum err
tell_roles(struct tell *t, unsigned roles, int64_t unit_id, const char *text,
           enum mail_step step)
{
	struct notify_recipient *v;
	struct buf csv = BUF_INIT;
	size_t n;
	enum err e;

	buf_addch(&csv, ',');
	for (int r = 0; r < ROLE__MAX; r++)
		if (roles & ROLE_BIT(r))
			buf_addf(&csv, "%s,", role_code((enum role)r));
	e = store_notify_recipients(t->s, t->a, csv.p, unit_id, &v, &n);
	buf_release(&csv);
	for (size_t i = 0; e == ERR_OK && i < n; i++)
		e = tell_one(t, &v[i], text, TELL_WAITING, step);
	return e;
}

/* Tells one account by id, if it is still active. */
static enum err
tell_user(struct tell *t, int64_t id, const char *text, enum tell_mail how,
          enum mail_step step)
{
	struct notify_recipient r;
	struct user u;
	enum err e;

	if (id <= 0 || id == t->actor_id)
		return ERR_OK;
	e = store_user_get(t->s, t->a, id, &u);
	if (e == ERR_NOTFOUND)
		return ERR_OK;
	if (e != ERR_OK)
		return e;
	if (!u.active)
		return ERR_OK;
	r.id = u.id;
	r.email = u.email;
	r.full_name = u.full_name;
	return tell_one(t, &r, text, how, step);
}

/* A sentence about the item: before, the title in quotes, after. */
static const char *
say(const struct tell *t, const char *before, const char *after)
{
	return arena_printf(t->a, "%s“%s”%s", before, t->title, after);
}

/* The same, with " Lý do: <note>" after it. */
static const char *
say_why(const struct tell *t, const char *before, const char *after)
{
	return arena_printf(t->a, "%s Lý do: %s", say(t, before, after),
	                    t->note ? t->note : "");
}

/* Submitted (or pre-approved): the Secretariat triages it. */
static enum err
tell_secretariat(struct tell *t)
{
	return tell_roles(t, ROLE_BIT(ROLE_SECRETARIAT), 0,
	                  say(t, "Tin, bài ",
	                      " đã được gửi đến, đang chờ Tổ thư ký tiếp "
	                      "nhận."),
	                  MAIL_STEP_TRIAGE);
}

#define HEADS (ROLE_BIT(ROLE_BOARD_HEAD) | ROLE_BIT(ROLE_BOARD_DEPUTY))

enum err
notify_transition(struct store *s, struct arena *a, const struct item *it,
                  const struct item_flow *f, enum wf_action act,
                  enum item_state to, int64_t actor_id, const char *note,
                  time_t now)
{
	struct tell t = {.s = s,
	                 .a = a,
	                 .item_id = it->id,
	                 .title = it->title ? it->title : "",
	                 .slug = it->slug,
	                 .kind = wf_action_code(act),
	                 .actor_id = actor_id,
	                 .note = note,
	                 .now = now};
	enum err e;

	if (!t.kind)
		return ERR_OK;
	switch (act) {
	case WF_SUBMIT:
		/* Điều 18.2: a district's item goes to its head first. */
		if (to == ITEM_STATE_DISTRICT_REVIEW)
			return tell_roles(&t, ROLE_BIT(ROLE_DISTRICT_HEAD),
			                  f->unit_id,
			                  say(&t, "Tin, bài ",
			                      " đang chờ anh/chị duyệt sơ bộ."),
			                  MAIL_STEP_PREAPPROVE);
		return tell_secretariat(&t);
	case WF_PREAPPROVE:
		return tell_secretariat(&t);
	case WF_ACCEPT:
		/* Điều 13.2: the Head or the Deputy assigns it; until then
		 * any Board member may take it. */
		e = tell_roles(
		        &t, HEADS, 0,
		        say(&t, "Tin, bài ",
		            " đã được tiếp nhận, đang chờ phân công biên tập."),
		        MAIL_STEP_EDIT);
		if (e != ERR_OK)
			return e;
		return tell_roles(&t, ROLE_BIT(ROLE_BOARD_MEMBER), 0,
		                  say(&t, "Tin, bài ",
		                      " đang chờ biên tập; anh/chị có thể nhận "
		                      "biên tập."),
		                  MAIL_STEP_EDIT);
	case WF_ASSIGN:
		return tell_user(
		        &t, f->assigned_user_id,
		        say(&t, "Anh/chị được phân công biên tập tin, bài ",
		            "."),
		        TELL_WAITING, MAIL_STEP_EDIT);
	case WF_SEND:
		return tell_roles(
		        &t, HEADS, 0,
		        say(&t, "Tin, bài ",
		            " đã được biên tập, đang chờ anh/chị duyệt."),
		        MAIL_STEP_APPROVE);
	case WF_APPROVE:
		/* Điều 17.1.c: the Office publishes what was approved. */
		e = tell_roles(
		        &t, ROLE_BIT(ROLE_OFFICE), 0,
		        say(&t, "Tin, bài ", " đã được duyệt, đang chờ đăng."),
		        MAIL_STEP_PUBLISH);
		if (e != ERR_OK)
			return e;
		return tell_user(
		        &t, it->author_user_id,
		        say(&t, "Tin, bài ", " của anh/chị đã được duyệt."),
		        TELL_APPROVED, MAIL_STEP__MAX);
	case WF_RETURN:
		return tell_user(
		        &t, it->author_user_id,
		        say_why(&t, "Tin, bài ",
		                " của anh/chị đã bị trả lại để chỉnh sửa."),
		        TELL_RETURNED, MAIL_STEP__MAX);
	case WF_PUBLISH:
		return tell_user(
		        &t, it->author_user_id,
		        say(&t, "Tin, bài ", " của anh/chị đã được đăng."),
		        TELL_PUBLISHED, MAIL_STEP__MAX);
	case WF_UNPUBLISH:
		return tell_user(&t, it->author_user_id,
		                 say_why(&t, "Tin, bài ",
		                         " của anh/chị đã bị gỡ xuống."),
		                 TELL_UNPUBLISHED, MAIL_STEP__MAX);
	default:
		/* take, schedule, unschedule, archive, correct, discard:
		 * nobody has to act on them. */
		return ERR_OK;
	}
}

enum err
notify_roles(struct store *s, struct arena *a, int64_t item_id, unsigned roles,
             int64_t actor_id, const char *kind, const char *text,
             enum mail_step step, time_t now)
{
	struct tell t = {.s = s,
	                 .a = a,
	                 .item_id = item_id,
	                 .kind = kind,
	                 .actor_id = actor_id,
	                 .now = now};
	struct item it;
	enum err e;

	if (step >= MAIL_STEP__MAX || !kind || !text)
		BUG("notify_roles: bad step, kind or text");
	if ((e = store_item_get(s, a, item_id, &it)) != ERR_OK)
		return e;
	t.title = it.title ? it.title : "";
	t.slug = it.slug;
	return tell_roles(&t, roles, 0, text, step);
}

enum err
notify_contribution(struct store *s, struct arena *a, int64_t item_id,
                    time_t now)
{
	struct item it;
	enum err e;

	if ((e = store_item_get(s, a, item_id, &it)) != ERR_OK)
		return e;
	return notify_roles(
	        s, a, item_id, ROLE_BIT(ROLE_SECRETARIAT), 0,
	        NOTIFY_KIND_CONTRIBUTION,
	        arena_printf(a,
	                     "Có tin, bài “%s” gửi đến từ trang Gửi tin, bài, "
	                     "đang chờ Tổ thư ký tiếp nhận.",
	                     it.title ? it.title : ""),
	        MAIL_STEP_TRIAGE, now);
}

enum err
notify_mark_item_read(struct store *s, int64_t user_id, int64_t item_id,
                      time_t now)
{
	return store_notify_read_item(s, user_id, item_id, now, NULL);
}
