/*
 * An item's page in the newsroom (issue 4 items 1, 2): what the item is,
 * where it stands in the workflow and what is still missing, one form
 * per step the signed-in account may take now, the history of its steps
 * and the editorial comments.  POST /thao-tac takes a step, POST
 * /binh-luan adds a comment.
 *
 * Every decision is the domain's (workflow.c): the route only needs a
 * session, workflow_load says whether the account may see the item and
 * which steps it may take, and workflow_do checks all of it again inside
 * its transaction, whatever the page sent.  The page sends the state it
 * showed (trang_thai), so two people clicking at once cannot both act:
 * the second gets 409 (Điều 17.1.c: publishing what was not approved is
 * refused there, not here).
 */
#include "common.h"

#include <ctype.h>
#include <inttypes.h>

#include "catalog.h"
#include "log.h"
#include "notify.h"
#include "role.h"
#include "workflow.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

#define ITEM_PATH "/quan-tri/tin-bai/"

const char admin_item_conflict_message[] =
        "Tin, bài đã được người khác xử lý; vui lòng tải lại trang.";

/* The Vietnamese name of each state, as the newsroom shows it. */
static const char *const state_names[ITEM_STATE__MAX] = {
        "Bản nháp",              /* ITEM_STATE_DRAFT */
        "Chờ duyệt cấp huyện",   /* ITEM_STATE_DISTRICT_REVIEW */
        "Đã gửi, chờ tiếp nhận", /* ITEM_STATE_SUBMITTED */
        "Đang biên tập",         /* ITEM_STATE_IN_EDITING */
        "Chờ duyệt",             /* ITEM_STATE_PENDING_APPROVAL */
        "Đã duyệt",              /* ITEM_STATE_APPROVED */
        "Đã hẹn giờ đăng",       /* ITEM_STATE_SCHEDULED */
        "Đã đăng",               /* ITEM_STATE_PUBLISHED */
        "Bị trả lại",            /* ITEM_STATE_RETURNED */
        "Đã gỡ xuống",           /* ITEM_STATE_UNPUBLISHED */
        "Đã lưu trữ",            /* ITEM_STATE_ARCHIVED */
};

const char *
admin_item_state_name(enum item_state s)
{
	return (unsigned)s < ITEM_STATE__MAX ? state_names[s] : "—";
}

const char *
admin_item_path(struct arena *a, int64_t id, const char *suffix)
{
	return arena_printf(a, ITEM_PATH "%lld%s", (long long)id,
	                    suffix ? suffix : "");
}

/* "Đã " and the action's name with its first letter in lower case, in
 * a: the names start with an ASCII capital or "Đ". */
static const char *
done_text(struct arena *a, enum wf_action act)
{
	const char *name = wf_action_name(act);

	if (!name)
		return "";
	/* A correction is only opened here; the item changes when the
	 * new revision is saved, approved and published. */
	if (act == WF_CORRECT)
		return "Đã mở bản sửa cho tin, bài đã đăng";
	if (!strncmp(name, "Đ", strlen("Đ")))
		return arena_printf(a, "Đã đ%s", name + strlen("Đ"));
	return arena_printf(a, "Đã %c%s", tolower((unsigned char)name[0]),
	                    name + 1);
}

enum err
admin_item_load(struct req *r, struct resp *rs, struct admin_ctx *c,
                int64_t *id, struct wf_view *v)
{
	const char *seg = r->nparams ? r->params[0] : NULL;
	enum err e;

	if (!web_parse_id(seg, id)) {
		http_error(r, rs, 404, "Không có tin, bài này.");
		return ERR_NOTFOUND;
	}
	e = workflow_load(web_store, r->arena, &c->user, *id, v);
	switch (e) {
	case ERR_OK:
		break;
	case ERR_NOTFOUND:
		http_error(r, rs, 404, "Không có tin, bài này.");
		break;
	case ERR_DENIED:
		http_error(r, rs, 403,
		           "Anh/chị không có quyền xem tin, bài này: chỉ tác "
		           "giả, đơn vị của tác giả và những người xử lý tin, "
		           "bài được xem.");
		break;
	default:
		log_errx("cannot load item %lld for user %lld: %s",
		         (long long)*id, (long long)c->user.id, err_str(e));
		web_fail(r, rs, e);
		break;
	}
	return e;
}

struct tval *
admin_item_tabs(struct arena *a, const struct wf_view *v, const char *on)
{
	struct tval *m = tv_map(a);

	tv_set_int(m, "id", v->item.id);
	tv_set_str(m, "title", v->item.title);
	tv_set_bool(m, "can_edit", (v->actions & WF_BIT(WF_EDIT)) != 0);
	tv_set_bool(m, on, true);
	return m;
}

/* The full name of account id, "" if none or unknown. */
static const char *
user_name(struct req *r, int64_t id)
{
	struct user u;

	if (id > 0 && store_user_get(web_store, r->arena, id, &u) == ERR_OK)
		return u.full_name;
	return "";
}

static const char *
time_or_dash(struct arena *a, time_t t)
{
	return t ? web_time(a, t, VNTIME_DATETIME) : "—";
}

static const char *
text_or_dash(const char *s)
{
	return web_nonempty(s) ? s : "—";
}

/* t as an <input type="datetime-local"> value, Viet Nam time. */
static const char *
datetime_local(struct arena *a, time_t t)
{
	struct tm tm;

	vntime_local(t, &tm);
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900,
	                    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

/* Active members of the Board (Điều 13.2: whom the Head may assign). */
static struct tval *
board_members(struct req *r, int64_t selected)
{
	const unsigned board = ROLE_BIT(ROLE_BOARD_HEAD) |
	                       ROLE_BIT(ROLE_BOARD_DEPUTY) |
	                       ROLE_BIT(ROLE_BOARD_MEMBER);
	struct tval *l = tv_list(r->arena);
	struct user *v;
	size_t n;

	if (store_users(web_store, r->arena, 0, &v, &n) != ERR_OK)
		return l;
	for (size_t i = 0; i < n; i++) {
		struct tval *m;

		if (!v[i].active || !(user_roles(&v[i]) & board))
			continue;
		m = tv_map(r->arena);
		tv_set_int(m, "id", v[i].id);
		tv_set_str(m, "name", v[i].full_name);
		tv_set_str(m, "roles", admin_role_names(r, &v[i]));
		tv_set_bool(m, "selected", v[i].id == selected);
		tv_push(l, m);
	}
	return l;
}

/* What the page re-shows after a refused POST: the messages, and what
 * was typed into the form that was sent. */
struct item_again {
	int status;
	enum wf_action action; /* WF__MAX: not a step */
	const char *messages[WF_PROBLEMS_MAX + 1];
	size_t nmessages;
	const char *note;
	int64_t assignee;
	const char *publish_at;
	const char *comment_error;
	const char *comment;
};

static void
again_add(struct item_again *g, const char *msg)
{
	if (g->nmessages < ARRAY_SIZE(g->messages))
		g->messages[g->nmessages++] = msg;
}

/* One form per step u may take now (v->actions). */
static struct tval *
action_forms(struct req *r, struct admin_ctx *c, const struct wf_view *v,
             const struct item_again *g)
{
	struct arena *a = r->arena;
	struct tval *l = tv_list(a);
	enum item_state seen = workflow_state(&v->ref);

	for (int i = WF_SUBMIT; i <= WF_DISCARD; i++) {
		enum wf_action act = (enum wf_action)i;
		bool again = g && g->action == act;
		struct tval *m;

		if (!(v->actions & WF_BIT(act)))
			continue;
		m = tv_map(a);
		tv_set_str(m, "code", wf_action_code(act));
		tv_set_str(m, "name", wf_action_name(act));
		tv_set_str(m, "state", item_state_code(seen));
		tv_set_bool(m, "needs_note", wf_action_needs_note(act));
		tv_set_str(m, "note", again && g->note ? g->note : "");
		tv_set_bool(m, "is_assign", act == WF_ASSIGN);
		tv_set_bool(m, "is_schedule", act == WF_SCHEDULE);
		tv_set_bool(m, "danger",
		            act == WF_RETURN || act == WF_UNPUBLISH ||
		                    act == WF_ARCHIVE || act == WF_DISCARD);
		tv_set_bool(m, "has_error", again);
		if (act == WF_ASSIGN)
			tv_set(m, "members",
			       board_members(r,
			                     again ? g->assignee
			                           : v->flow.assigned_user_id));
		if (act == WF_SCHEDULE) {
			tv_set_str(
			        m, "publish_at",
			        again && g->publish_at
			                ? g->publish_at
			                : (v->flow.publish_at
			                           ? datetime_local(
			                                     a,
			                                     v->flow.publish_at)
			                           : ""));
			tv_set_str(m, "min", datetime_local(a, c->now));
		}
		tv_push(l, m);
	}
	return l;
}

static struct tval *
history_view(struct req *r, const struct item_transition *t, size_t n)
{
	struct arena *a = r->arena;
	struct tval *l = tv_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = tv_map(a);
		enum wf_action act;

		tv_set_str(m, "at", web_time(a, t[i].at, VNTIME_DATETIME));
		tv_set_str(m, "at_iso", web_time(a, t[i].at, VNTIME_ISO));
		tv_set_str(m, "who", text_or_dash(t[i].actor_name));
		tv_set_str(m, "action",
		           wf_action_from_code(t[i].action, &act)
		                   ? wf_action_name(act)
		                   : t[i].action);
		tv_set_str(m, "from", admin_item_state_name(t[i].from));
		tv_set_str(m, "to",
		           t[i].correction && t[i].to == ITEM_STATE_PUBLISHED
		                   ? "Đã đăng bản sửa"
		                   : admin_item_state_name(t[i].to));
		tv_set_bool(m, "correction", t[i].correction);
		tv_set_str(m, "note", web_nonempty(t[i].note) ? t[i].note : "");
		tv_push(l, m);
	}
	return l;
}

static struct tval *
comments_view(struct req *r, const struct item_comment *cm, size_t n)
{
	struct arena *a = r->arena;
	struct tval *l = tv_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = tv_map(a);

		tv_set_int(m, "id", cm[i].id);
		tv_set_str(m, "who", text_or_dash(cm[i].user_name));
		tv_set_str(m, "at", web_time(a, cm[i].at, VNTIME_DATETIME));
		tv_set_str(m, "at_iso", web_time(a, cm[i].at, VNTIME_ISO));
		tv_set_str(m, "body", cm[i].body);
		tv_push(l, m);
	}
	return l;
}

/* The facts of the item (w: the working copy) into ctx. */
static enum err
facts_view(struct req *r, struct admin_ctx *c, const struct wf_view *v,
           const struct item *w, struct tval *ctx)
{
	struct arena *a = r->arena;
	const struct item_flow *f = &v->flow;
	struct catalog *cat = catalog_get();
	const struct cat_node *node = catalog_find_id(cat, w->category_id);
	struct category section = {0};
	struct wf_problems probs;
	struct wf_deadline dl;
	const char *unit, *account;
	bool corr = v->ref.corr_state != ITEM_STATE__MAX;
	enum err e;

	/* Copies: the snapshot goes back before the page renders. */
	if (node) {
		section = node->c;
		section.slug = arena_strdup(a, node->c.slug);
		section.name = arena_strdup(a, node->c.name);
		section.description = "";
	}
	catalog_put(cat);
	tv_set_str(ctx, "section", node ? section.name : "—");

	tv_set_int(ctx, "id", v->item.id);
	tv_set_str(ctx, "title", w->title);
	tv_set_str(ctx, "summary", web_nonempty(w->summary) ? w->summary : "");
	tv_set_str(ctx, "body_html",
	           web_nonempty(w->body_html) ? w->body_html : "");
	tv_set_bool(ctx, "has_body", web_nonempty(w->body_html));
	tv_set_str(ctx, "kind", web_kind_name(v->item.kind));
	tv_set_str(ctx, "state", admin_item_state_name(v->item.state));
	tv_set_bool(ctx, "correcting", corr);
	tv_set_str(ctx, "corr_state",
	           corr ? admin_item_state_name(v->ref.corr_state) : "");
	tv_set_str(ctx, "author", text_or_dash(w->author_name));
	account = user_name(r, v->item.author_user_id);
	tv_set_str(ctx, "account", account);
	tv_set_bool(ctx, "has_account", *account != '\0');
	unit = admin_unit_name(r, f->unit_id);
	tv_set_str(ctx, "unit", text_or_dash(unit));
	tv_set_str(ctx, "source", text_or_dash(w->source));
	tv_set_str(ctx, "source_date",
	           w->source_date ? web_time(a, w->source_date, VNTIME_DATE)
	                          : "—");
	tv_set_bool(ctx, "cited", f->cited);
	tv_set_bool(ctx, "contribution", f->contribution);
	tv_set_str(ctx, "sender_name", text_or_dash(f->sender_name));
	tv_set_str(ctx, "sender_agency", text_or_dash(f->sender_agency));
	tv_set_str(ctx, "sender_title", text_or_dash(f->sender_title));
	tv_set_str(ctx, "sender_contact", text_or_dash(f->sender_contact));
	tv_set_bool(ctx, "via_district", f->via_district);
	tv_set_str(ctx, "created", time_or_dash(a, v->item.created_at));
	tv_set_str(ctx, "published", time_or_dash(a, v->item.published_at));
	tv_set_bool(ctx, "has_published", v->item.published_at != 0);
	tv_set_bool(ctx, "has_updated",
	            v->item.updated_at > v->item.published_at &&
	                    v->item.published_at);
	tv_set_str(ctx, "updated", time_or_dash(a, v->item.updated_at));

	/* Điều 9.2: the deadline, its start and where it stands. */
	workflow_deadline(&v->item, f, c->now, &dl);
	tv_set_bool(ctx, "has_due", dl.status != WF_DUE_NONE);
	/* An event ends at a time; a document is issued on a date (the
	 * form asks for the date only), so no time is shown for it. */
	if (dl.start && dl.start == f->event_ended_at) {
		tv_set_str(ctx, "due_start", time_or_dash(a, dl.start));
		tv_set_str(ctx, "due_start_kind", "Sự kiện kết thúc lúc");
	} else {
		tv_set_str(ctx, "due_start",
		           dl.start ? web_time(a, dl.start, VNTIME_DATE) : "—");
		tv_set_str(ctx, "due_start_kind", "Văn bản ban hành ngày");
	}
	tv_set_str(ctx, "due", time_or_dash(a, dl.due));
	tv_set_str(ctx, "due_status", wf_due_name(dl.status));
	tv_set_bool(ctx, "late", dl.status == WF_DUE_LATE);

	tv_set_str(ctx, "assigned",
	           text_or_dash(user_name(r, f->assigned_user_id)));
	tv_set_bool(ctx, "has_assigned", f->assigned_user_id != 0);
	tv_set_bool(ctx, "has_schedule",
	            f->publish_at && v->item.state == ITEM_STATE_SCHEDULED);
	tv_set_str(ctx, "publish_at", time_or_dash(a, f->publish_at));
	tv_set_bool(ctx, "has_reason",
	            web_nonempty(f->return_reason) &&
	                    (v->item.state == ITEM_STATE_RETURNED ||
	                     v->item.state == ITEM_STATE_UNPUBLISHED));
	tv_set_str(ctx, "reason_label",
	           v->item.state == ITEM_STATE_UNPUBLISHED ? "Lý do gỡ xuống"
	                                                   : "Lý do trả lại");
	tv_set_str(ctx, "reason",
	           web_nonempty(f->return_reason) ? f->return_reason : "");
	tv_set_bool(ctx, "is_published", v->item.state == ITEM_STATE_PUBLISHED);
	tv_set_str(ctx, "public_url", web_item_path(a, &v->item));

	/* What still stops it (Điều 7, 9): told before anyone clicks. */
	e = workflow_check_item(web_store, a, w, f, node ? &section : NULL,
	                        &probs);
	if (e != ERR_OK)
		return e;
	{
		struct tval *l = tv_list(a);

		for (size_t i = 0; i < probs.n; i++)
			tv_push(l, tv_str(a, probs.msg[i]));
		tv_set(ctx, "problems", l);
		tv_set_bool(ctx, "has_problems", probs.n > 0);
	}
	return ERR_OK;
}

static void
render_item(struct req *r, struct resp *rs, struct admin_ctx *c,
            const struct wf_view *v, const struct item_again *g)
{
	struct arena *a = r->arena;
	struct item_transition *t;
	struct item_comment *cm;
	struct item w;
	size_t nt, ncm;
	struct tval *ctx, *msgs;
	const char *xong = req_query(r, "xong");
	enum wf_action done;
	enum err e;

	/* The text the newsroom works on, as workflow_do checks it; the
	 * live row if the pending revision cannot be read. */
	w = v->item;
	(void)workflow_working_copy(web_store, a, &v->flow, &w);
	ctx = admin_ctx_view(r, c, w.title, admin_item_path(a, v->item.id, ""));
	if ((e = facts_view(r, c, v, &w, ctx)) != ERR_OK ||
	    (e = workflow_history(web_store, a, &c->user, v->item.id, &t,
	                          &nt)) != ERR_OK ||
	    (e = workflow_comments(web_store, a, &c->user, v->item.id, &cm,
	                           &ncm)) != ERR_OK) {
		log_errx("cannot show item %lld: %s", (long long)v->item.id,
		         err_str(e));
		web_fail(r, rs, e);
		return;
	}
	tv_set(ctx, "tabs", admin_item_tabs(a, v, "on_view"));
	tv_set(ctx, "actions", action_forms(r, c, v, g));
	tv_set_bool(ctx, "has_actions",
	            (v->actions & (WF_BIT(WF_EDIT) - 1)) != 0);
	tv_set(ctx, "history", history_view(r, t, nt));
	tv_set_bool(ctx, "has_history", nt > 0);
	tv_set(ctx, "comments", comments_view(r, cm, ncm));
	tv_set_bool(ctx, "has_comments", ncm > 0);
	tv_set_bool(ctx, "can_comment", (v->actions & WF_BIT(WF_COMMENT)) != 0);

	/* After a step: "Đã duyệt" (the redirect's ?xong=<code>). */
	if (!g && xong && (wf_action_from_code(xong, &done)))
		tv_set_str(ctx, "flash", done_text(a, done));
	if (!g && admin_item_legacy_notice(r))
		tv_set_str(ctx, "legacy_notice", admin_item_legacy_notice(r));

	msgs = tv_list(a);
	if (g) {
		for (size_t i = 0; i < g->nmessages; i++)
			tv_push(msgs, tv_str(a, g->messages[i]));
		tv_set_str(ctx, "error_action",
		           g->action < WF__MAX ? wf_action_name(g->action)
		                               : "");
		tv_set_str(ctx, "comment_error",
		           g->comment_error ? g->comment_error : "");
		tv_set_str(ctx, "comment", g->comment ? g->comment : "");
		rs->status = g->status;
	}
	tv_set(ctx, "errors", msgs);
	tv_set_bool(ctx, "has_errors", g && g->nmessages > 0);
	web_render(r, rs, "admin/item", ctx);
}

void
admin_item_page(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct wf_view v;
	int64_t id;

	if (admin_item_load(r, rs, c, &id, &v) != ERR_OK)
		return;
	/* Opening the item is reading what was said about it; before the
	 * layout counts the unread. */
	if (notify_mark_item_read(web_store, c->user.id, id, c->now) != ERR_OK)
		log_warn("item %" PRId64 ": cannot mark its notices read", id);
	render_item(r, rs, c, &v, NULL);
}

/* Answers a refused step or comment; false if e is not ERR_INVALID (the
 * caller then re-renders the form). */
static bool
answer_error(struct req *r, struct resp *rs, enum err e, const char *what)
{
	switch (e) {
	case ERR_NOTFOUND:
		http_error(r, rs, 404, "Không có tin, bài này.");
		return true;
	case ERR_DENIED:
		http_error(r, rs, 403,
		           arena_printf(r->arena,
		                        "Anh/chị không có quyền %s với tin, "
		                        "bài này ở trạng thái hiện tại.",
		                        what));
		return true;
	case ERR_CONFLICT:
		http_error(r, rs, 409, admin_item_conflict_message);
		return true;
	case ERR_INVALID:
		return false;
	default:
		web_fail(r, rs, e);
		return true;
	}
}

void
admin_item_action(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct arena *a = r->arena;
	const char *code = req_form(r, "hanh_dong");
	const char *seen = req_form(r, "trang_thai");
	const char *who = req_form(r, "nguoi_bien_tap");
	const char *when = admin_form_text(r, "gio_dang");
	struct item_again g = {.status = 422};
	struct wf_args args = {0};
	struct wf_problems probs;
	struct audit_actor au;
	struct wf_view v;
	enum wf_action act;
	int64_t id;
	enum err e;

	if (admin_item_load(r, rs, c, &id, &v) != ERR_OK)
		return;
	if (!wf_action_from_code(code, &act) || act > WF_DISCARD) {
		http_error(r, rs, 400, "Thao tác không hợp lệ.");
		return;
	}
	if (!item_state_from_code(seen, &args.seen_state)) {
		http_error(r, rs, 400,
		           "Thiếu trạng thái của tin, bài mà trang đã hiển "
		           "thị; vui lòng tải lại trang.");
		return;
	}
	args.check_seen = true;
	args.note = admin_form_text(r, "ly_do");
	g.action = act;
	g.note = args.note;
	g.publish_at = when;

	/* The fields a step needs, checked here only to say what is wrong
	 * in words; someone who may not take the step at all hears that
	 * from the domain instead (403 or 409, never 422). */
	if (v.actions & WF_BIT(act)) {
		if (act == WF_ASSIGN && !web_parse_id(who, &args.assignee))
			again_add(&g, "Chọn thành viên Ban Biên tập được phân "
			              "công biên tập.");
		if (act == WF_SCHEDULE) {
			if (!vntime_parse_local(when, &args.publish_at))
				again_add(&g,
				          "Nhập giờ đăng (ngày, giờ, phút).");
			else if (args.publish_at <= c->now)
				again_add(&g, "Giờ đăng phải sau thời điểm "
				              "hiện tại.");
		}
		if (wf_action_needs_note(act) && !web_nonempty(args.note))
			again_add(&g, "Cần ghi lý do (sẽ gửi cho người liên "
			              "quan).");
		g.assignee = args.assignee;
		if (g.nmessages) {
			render_item(r, rs, c, &v, &g);
			return;
		}
	} else {
		web_parse_id(who, &args.assignee);
		vntime_parse_local(when, &args.publish_at);
	}

	admin_actor(r, c, &au);
	e = workflow_do(web_store, &c->user, &au, id, act, &args, c->now,
	                &probs);
	if (e == ERR_OK) {
		resp_redirect(rs, 303,
		              arena_printf(a, ITEM_PATH "%lld?xong=%s",
		                           (long long)id, wf_action_code(act)));
		return;
	}
	if (answer_error(r, rs, e,
	                 arena_printf(a, "thực hiện thao tác “%s”",
	                              wf_action_name(act))))
		return;
	/* ERR_INVALID: the page again, with what is missing. */
	for (size_t i = 0; i < probs.n; i++)
		again_add(&g, probs.msg[i]);
	if (!g.nmessages) {
		if (act == WF_ASSIGN)
			again_add(&g, "Người được phân công phải là thành viên "
			              "Ban Biên tập đang hoạt động.");
		else if (act == WF_SCHEDULE)
			again_add(&g, "Giờ đăng phải sau thời điểm hiện tại.");
		else
			again_add(&g, "Tin, bài chưa thể chuyển bước này.");
	}
	/* The state may have moved meanwhile: show it as it is now. */
	if (workflow_load(web_store, a, &c->user, id, &v) != ERR_OK) {
		http_error(r, rs, 409, admin_item_conflict_message);
		return;
	}
	render_item(r, rs, c, &v, &g);
}

void
admin_item_comment(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *text = req_form(r, "noi_dung");
	struct item_again g = {.status = 422, .action = WF__MAX};
	struct audit_actor au;
	struct wf_view v;
	struct str t;
	int64_t id;
	enum err e;

	if (admin_item_load(r, rs, c, &id, &v) != ERR_OK)
		return;
	admin_actor(r, c, &au);
	e = workflow_comment(web_store, &c->user, &au, id, text ? text : "",
	                     c->now);
	if (e == ERR_OK) {
		resp_redirect(rs, 303,
		              arena_printf(r->arena, ITEM_PATH "%lld#gop-y",
		                           (long long)id));
		return;
	}
	if (answer_error(r, rs, e, "góp ý"))
		return;
	t = web_trim(text);
	g.comment = text ? text : "";
	g.comment_error = t.len == 0 ? "Vui lòng nhập nội dung góp ý."
	                             : "Góp ý quá dài; vui lòng rút gọn.";
	render_item(r, rs, c, &v, &g);
}
