/*
 * An item's revisions in the newsroom (issue 4 item 6): every save is a
 * revision; any two can be compared word by word (wdiff.h: Vietnamese-
 * aware, inline or side by side), and whoever may edit the item now
 * (WF_EDIT) can restore an old one, which the domain saves as a new
 * revision (workflow_restore), so nothing is ever overwritten.
 *
 * Bodies are compared as sanitised HTML (WDIFF_HTML: tags are atomic
 * and a change of formatting shows as a changed tag); the title and the
 * summary as text.  The renderers escape every byte of both inputs, so
 * the fragments they build (diff_html, allowlisted in templates_test.c)
 * carry no markup of the revisions themselves.
 */
#include "common.h"

#include "log.h"
#include "wdiff.h"
#include "workflow.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

/* The two views of a comparison: ?kieu=inline (the default) or
 * ?kieu=hai-cot, side by side. */
#define KIND_INLINE "inline"
#define KIND_SIDES "hai-cot"

/* The names of the accounts of the revisions: one query for all. */
static const char *
name_of(const struct user *users, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (users[i].id == id)
			return users[i].full_name;
	return "—";
}

static struct tval *
option(struct arena *a, int64_t number, const char *label, int64_t selected)
{
	struct tval *m = tv_map(a);

	tv_set_int(m, "number", number);
	tv_set_str(m, "label", label);
	tv_set_bool(m, "selected", number == selected);
	return m;
}

static bool
has_rev(const struct item_revision *v, size_t n, int64_t number)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].number == number)
			return true;
	return false;
}

/* One field of two revisions compared: a map with label, changed,
 * summary and diff_html; NULL on input wdiff refuses (not UTF-8 or over
 * WDIFF_MAX_INPUT), which a stored revision never is. */
static struct tval *
compare_field(struct arena *a, const char *label, const char *x, const char *y,
              enum wdiff_mode mode, bool sides)
{
	struct str sa = {x ? x : "", x ? strlen(x) : 0};
	struct str sb = {y ? y : "", y ? strlen(y) : 0};
	struct buf html = BUF_INIT, sum = BUF_INIT;
	struct wdiff d;
	struct tval *m;

	if (wdiff_compute(&d, a, sa, sb, mode) != ERR_OK)
		return NULL;
	if (sides)
		wdiff_render_rows(&html, &d);
	else
		wdiff_render_inline(&html, &d);
	wdiff_summary(&sum, &d);
	m = tv_map(a);
	tv_set_str(m, "label", label);
	tv_set_bool(m, "changed",
	            d.nops > 1 ||
	                    (d.nops == 1 && d.ops[0].kind != WDIFF_EQUAL));
	tv_set_str(m, "summary", arena_strndup(a, sum.p, sum.len));
	tv_set_str(m, "diff_html", arena_strndup(a, html.p, html.len));
	buf_release(&html);
	buf_release(&sum);
	return m;
}

void
admin_item_revisions(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct arena *a = r->arena;
	const char *qa = req_query(r, "a"), *qb = req_query(r, "b");
	const char *kind = req_query(r, "kieu");
	const char *restored = req_query(r, "khoi-phuc");
	struct item_revision *v, ra, rb;
	struct user *users;
	struct wf_view view;
	struct tval *ctx, *list, *sel_a, *sel_b, *fields;
	size_t n, nusers = 0;
	int64_t id, na = 0, nb = 0, shown;
	bool sides, can_restore;
	enum err e;

	if (admin_item_load(r, rs, c, &id, &view) != ERR_OK)
		return;
	if (kind && strcmp(kind, KIND_INLINE) && strcmp(kind, KIND_SIDES)) {
		http_error(r, rs, 400, "Kiểu so sánh không hợp lệ.");
		return;
	}
	sides = kind && !strcmp(kind, KIND_SIDES);
	if ((qa && !web_parse_id(qa, &na)) || (qb && !web_parse_id(qb, &nb))) {
		http_error(r, rs, 400, "Số phiên bản không hợp lệ.");
		return;
	}
	e = workflow_revisions(web_store, a, &c->user, id, &v, &n);
	if (e == ERR_OK)
		e = store_users(web_store, a, 0, &users, &nusers);
	if (e != ERR_OK) {
		log_errx("cannot list the revisions of item %lld: %s",
		         (long long)id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	/* Newest first: by default the two newest are compared. */
	if (!qb)
		nb = n ? v[0].number : 0;
	if (!qa)
		na = n > 1 ? v[1].number : nb;
	if ((qa || qb) && (!has_rev(v, n, na) || !has_rev(v, n, nb))) {
		http_error(r, rs, 404, "Không có phiên bản này.");
		return;
	}

	ctx = admin_ctx_view(r, c,
	                     arena_printf(a, "Phiên bản: %s", view.item.title),
	                     admin_item_path(a, id, "/phien-ban"));
	tv_set(ctx, "tabs", admin_item_tabs(a, &view, "on_revisions"));
	tv_set_int(ctx, "id", id);
	tv_set_str(ctx, "title", view.item.title);

	/* Restoring the newest revision would save the same text again. */
	shown = n ? v[0].number : 0;
	can_restore = (view.actions & WF_BIT(WF_EDIT)) != 0;
	list = tv_list(a);
	sel_a = tv_list(a);
	sel_b = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tv_map(a);
		const char *who = name_of(users, nusers, v[i].user_id);
		const char *at = web_time(a, v[i].at, VNTIME_DATETIME);
		const char *label =
		        arena_printf(a, "Phiên bản %lld — %s, %s",
		                     (long long)v[i].number, at, who);

		tv_set_int(m, "number", v[i].number);
		tv_set_str(m, "at", at);
		tv_set_str(m, "at_iso", web_time(a, v[i].at, VNTIME_ISO));
		tv_set_str(m, "who", who);
		tv_set_str(m, "note", web_nonempty(v[i].note) ? v[i].note : "");
		tv_set_str(m, "title", v[i].title);
		tv_set_bool(m, "newest", v[i].number == shown);
		tv_set_bool(m, "restorable",
		            can_restore && v[i].number != shown);
		tv_set_bool(m, "pending", view.flow.pending_rev == v[i].number);
		tv_push(list, m);
		tv_push(sel_a, option(a, v[i].number, label, na));
		tv_push(sel_b, option(a, v[i].number, label, nb));
	}
	tv_set(ctx, "revisions", list);
	tv_set_bool(ctx, "has_revisions", n > 0);
	tv_set_bool(ctx, "can_compare", n > 1);
	tv_set(ctx, "options_a", sel_a);
	tv_set(ctx, "options_b", sel_b);
	tv_set_bool(ctx, "sides", sides);
	tv_set_bool(ctx, "show_restore", can_restore && n > 1);
	{
		int64_t nr;

		if (restored && web_parse_id(restored, &nr))
			tv_set_str(ctx, "flash",
			           arena_printf(a,
			                        "Đã khôi phục thành phiên bản "
			                        "mới %lld",
			                        (long long)nr));
	}

	fields = tv_list(a);
	if (n > 1 && na != nb) {
		struct tval *m;

		if ((e = store_revision_get(web_store, a, id, na, &ra)) !=
		            ERR_OK ||
		    (e = store_revision_get(web_store, a, id, nb, &rb)) !=
		            ERR_OK) {
			web_fail(r, rs, e);
			return;
		}

		if ((m = compare_field(a, "Tiêu đề", ra.title, rb.title,
		                       WDIFF_TEXT, sides)))
			tv_push(fields, m);
		if ((m = compare_field(a, "Tóm tắt", ra.summary, rb.summary,
		                       WDIFF_TEXT, sides)))
			tv_push(fields, m);
		if ((m = compare_field(a, "Nội dung", ra.body_html,
		                       rb.body_html, WDIFF_HTML, sides)))
			tv_push(fields, m);
		tv_set_int(ctx, "a", na);
		tv_set_int(ctx, "b", nb);
		tv_set_bool(ctx, "compared", true);
	}
	tv_set(ctx, "fields", fields);
	web_render(r, rs, "admin/item-revisions", ctx);
}

void
admin_item_restore(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *so = r->nparams > 1 ? r->params[1] : NULL;
	struct audit_actor au;
	struct wf_view view;
	int64_t id, number, rev = 0;
	enum err e;

	if (admin_item_load(r, rs, c, &id, &view) != ERR_OK)
		return;
	if (!web_parse_id(so, &number)) {
		http_error(r, rs, 404, "Không có phiên bản này.");
		return;
	}
	/* The domain checks it again; here the answer is a plain no. */
	if (!(view.actions & WF_BIT(WF_EDIT))) {
		http_error(r, rs, 403,
		           "Anh/chị không có quyền sửa tin, bài này ở trạng "
		           "thái hiện tại, nên không khôi phục được phiên bản "
		           "cũ.");
		return;
	}
	admin_actor(r, c, &au);
	e = workflow_restore(web_store, &c->user, &au, id, number, c->now,
	                     &rev);
	switch (e) {
	case ERR_OK:
		resp_redirect(rs, 303,
		              arena_printf(r->arena,
		                           "/quan-tri/tin-bai/%lld/phien-ban"
		                           "?khoi-phuc=%lld",
		                           (long long)id, (long long)rev));
		return;
	case ERR_NOTFOUND:
		http_error(r, rs, 404, "Không có phiên bản này.");
		return;
	case ERR_DENIED:
		http_error(r, rs, 403,
		           "Anh/chị không có quyền sửa tin, bài này ở trạng "
		           "thái hiện tại, nên không khôi phục được phiên bản "
		           "cũ.");
		return;
	case ERR_CONFLICT:
		http_error(r, rs, 409, admin_item_conflict_message);
		return;
	case ERR_INVALID:
		http_error(r, rs, 422,
		           "Phiên bản này không còn hợp lệ (chuyên mục đã bị "
		           "xóa hoặc nội dung không qua được bộ lọc), nên "
		           "không khôi phục được.");
		return;
	default:
		log_errx("cannot restore revision %lld of item %lld: %s",
		         (long long)number, (long long)id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
}
