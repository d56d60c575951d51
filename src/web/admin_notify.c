/*
 * The newsroom's notifications (issue 4 item 11): the list of an
 * account's own at /quan-tri/thong-bao, marking them read, and the
 * newest unread ones on the dashboard.  Who is told what is the
 * domain's (src/domain/notify.c, inside each workflow step); this file
 * only shows an account its own rows and lets it mark them read.
 *
 * Marking read is not audited: it changes nothing of the site or its
 * people, only what the account has seen.
 */
#include "common.h"

#include "log.h"
#include "notify.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

#define NOTIFY_PATH "/quan-tri/thong-bao"
/* Notifications per page, and on the dashboard. */
#define NOTIFY_PER_PAGE 50
#define NOTIFY_RECENT 5

/* One notification as the pages show it. */
static struct tval *
notice_view(struct req *r, const struct notification *n)
{
	struct arena *a = r->arena;
	struct tval *m = tv_map(a);

	tv_set_int(m, "id", n->id);
	tv_set_str(m, "text", n->text);
	/* "" rather than absent, so {{url}} never finds an outer one. */
	tv_set_str(m, "url",
	           n->item_id > 0 ? arena_printf(a, NOTIFY_ITEM_PATH "%lld",
	                                         (long long)n->item_id)
	                          : "");
	tv_set_str(m, "when", web_time(a, n->created_at, VNTIME_DATETIME));
	tv_set_str(m, "when_iso", web_time(a, n->created_at, VNTIME_ISO));
	tv_set_bool(m, "unread", n->read_at == 0);
	return m;
}

enum err
admin_notify_recent(struct req *r, struct admin_ctx *c, struct tval *ctx)
{
	struct notification *v;
	struct tval *list = tv_list(r->arena);
	size_t n;
	enum err e;

	e = store_notify_list(web_store, r->arena, c->user.id, true, 0,
	                      NOTIFY_RECENT, &v, &n);
	if (e != ERR_OK)
		return e;
	for (size_t i = 0; i < n; i++)
		tv_push(list, notice_view(r, &v[i]));
	tv_set(ctx, "notices", list);
	tv_set_bool(ctx, "has_notices", n > 0);
	return ERR_OK;
}

void
admin_notify_page(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct arena *a = r->arena;
	struct notification *v;
	struct tval *ctx, *list;
	int64_t total = 0, unread = 0;
	size_t page, pages, off, n;
	const char *done = req_query(r, "xong");
	enum err e;

	if (!web_parse_page(req_query(r, "trang"), &page) ||
	    (off = web_page_offset(page, NOTIFY_PER_PAGE)) == SIZE_MAX) {
		web_fail(r, rs, ERR_INVALID);
		return;
	}
	e = store_notify_count(web_store, c->user.id, &total, &unread);
	if (e == ERR_OK)
		e = store_notify_list(web_store, a, c->user.id, false, off,
		                      NOTIFY_PER_PAGE, &v, &n);
	if (e != ERR_OK) {
		log_errx("notifications of user %lld: %s",
		         (long long)c->user.id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	pages = web_page_count((size_t)total, NOTIFY_PER_PAGE);
	if (page > pages) {
		http_error(r, rs, 404, "Không có trang thông báo này.");
		return;
	}

	ctx = admin_ctx_view(
	        r, c,
	        page > 1 ? arena_printf(a, "Thông báo (trang %zu)", page)
	                 : "Thông báo",
	        page > 1 ? arena_printf(a, NOTIFY_PATH "?trang=%zu", page)
	                 : NOTIFY_PATH);
	list = tv_list(a);
	for (size_t i = 0; i < n; i++)
		tv_push(list, notice_view(r, &v[i]));
	tv_set(ctx, "notices", list);
	tv_set_int(ctx, "total", total);
	tv_set_int(ctx, "unread", unread);
	tv_set_bool(ctx, "has_unread", unread > 0);
	tv_set_int(ctx, "page", (int64_t)page);
	tv_set_int(ctx, "pages", (int64_t)pages);
	tv_set_bool(ctx, "has_pages", pages > 1);
	if (page > 1)
		tv_set_str(ctx, "prev_url",
		           page == 2 ? NOTIFY_PATH
		                     : arena_printf(a, NOTIFY_PATH "?trang=%zu",
		                                    page - 1));
	if (page < pages)
		tv_set_str(ctx, "next_url",
		           arena_printf(a, NOTIFY_PATH "?trang=%zu", page + 1));
	tv_set_bool(ctx, "done_one", done && !strcmp(done, "mot"));
	tv_set_bool(ctx, "done_all", done && !strcmp(done, "tat-ca"));
	tv_set_bool(ctx, "nav_notify", true);
	web_render(r, rs, "admin/notifications", ctx);
}

/* A notification id as the form sends it: decimal digits only. */
static bool
parse_id(const char *s, int64_t *out)
{
	int64_t v = 0;

	if (!s || !*s || strlen(s) > 18)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return v > 0;
}

void
admin_notify_read(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *all = req_form(r, "tat_ca");
	const char *id_s = req_form(r, "id");
	size_t page = 1;
	int64_t id = 0;
	const char *back;
	enum err e;

	/* Back to the page the form was on (a bad number: the first). */
	if (!web_parse_page(req_form(r, "trang"), &page))
		page = 1;
	if (all && !strcmp(all, "1")) {
		e = store_notify_read_all(web_store, c->user.id, c->now, NULL);
		back = "tat-ca";
	} else if (parse_id(id_s, &id)) {
		/* Only one's own: someone else's id is simply not found. */
		e = store_notify_read(web_store, c->user.id, id, c->now);
		back = "mot";
	} else {
		http_error(r, rs, 400,
		           "Không rõ thông báo nào cần đánh dấu "
		           "đã đọc.");
		return;
	}
	if (e == ERR_NOTFOUND) {
		http_error(r, rs, 404, "Không có thông báo này.");
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot mark notifications of user %lld read: %s",
		         (long long)c->user.id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	resp_redirect(rs, 303,
	              page > 1 ? arena_printf(r->arena,
	                                      NOTIFY_PATH "?trang=%zu&xong=%s",
	                                      page, back)
	                       : arena_printf(r->arena, NOTIFY_PATH "?xong=%s",
	                                      back));
}
