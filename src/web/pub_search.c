/*
 * Search (/tim-kiem; Decree 42/2022 asks every state site for one):
 * words, optional section and date range, diacritic-insensitive, ranked
 * results with highlighted snippets.  The form is always shown with the
 * values typed; a query that cannot run gets a polite message saying
 * what to change, never an error page.  Results are not cached: the
 * space of queries is unbounded.
 */
#include "common.h"

#include "catalog.h"
#include "config.h"
#include "search.h"
#include "web_int.h"

static const char *const problem_text[SEARCH__MAX] = {
        /* SEARCH_OK */ "",
        /* SEARCH_EMPTY */ "Vui lòng nhập từ khóa cần tìm.",
        /* SEARCH_TOO_LONG */
        "Từ khóa quá dài. Vui lòng nhập không quá 200 ký tự.",
        /* SEARCH_NO_TERMS */
        "Từ khóa chỉ gồm dấu câu hoặc ký hiệu. Vui lòng nhập chữ hoặc số.",
        /* SEARCH_BAD_DATES */
        "Ngày bắt đầu (từ ngày) phải trước hoặc trùng với ngày kết thúc "
        "(đến ngày).",
};

/* Appends "&name=value" (percent-encoded) to the pager's query. */
static void
add_param(struct buf *q, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	if (q->len)
		buf_addch(q, '&');
	buf_adds(q, name);
	buf_addch(q, '=');
	buf_add_url(q, value, strlen(value));
}

static struct tval *
hit_map(struct arena *a, const struct catalog *cat, const struct search_hit *h)
{
	struct tval *m = web_card(a, &h->item);
	const struct cat_node *n =
	        cat ? catalog_find_id(cat, h->item.category_id) : NULL;
	struct buf b = BUF_INIT;

	web_add_snippet(&b, h->snippet);
	tv_set_str(m, "snippet_html", arena_strndup(a, b.p, b.len));
	tv_set_bool(m, "has_snippet", b.len > 0);
	buf_release(&b);
	tv_set_bool(m, "has_section", n != NULL);
	tv_set_str(m, "section", n ? n->c.name : "");
	return m;
}

/* Reads the date range into rq; a message for each date that is not
 * one goes to msgs. */
static void
read_dates(struct arena *a, const char *from_s, const char *to_s,
           struct search_request *rq, struct tval *msgs)
{
	if (web_nonempty(from_s) && !vntime_parse_date(from_s, &rq->from))
		tv_push(msgs, tv_str(a, "“Từ ngày” không đúng. Vui lòng nhập "
		                        "ngày theo dạng ngày/tháng/năm, ví "
		                        "dụ 05/09/2026."));
	if (web_nonempty(to_s)) {
		if (!vntime_parse_date(to_s, &rq->to))
			tv_push(msgs, tv_str(a, "“Đến ngày” không đúng. Vui "
			                        "lòng nhập ngày theo dạng "
			                        "ngày/tháng/năm, ví dụ "
			                        "30/09/2026."));
		else
			rq->to += 24 * 3600 - 1; /* the whole last day */
	}
}

/* The results, their count and the pager (whose links repeat the
 * query's own parameters) into ctx. */
static void
set_results(struct req *r, struct tval *ctx, const struct catalog *cat,
            const struct search_result *res, size_t pg, bool searched,
            const char *cs)
{
	struct arena *a = r->arena;
	const char *q = req_query(r, "q");
	struct tval *hits = tv_list(a);
	struct buf query = BUF_INIT;
	size_t pages;

	for (size_t i = 0; i < res->n; i++)
		tv_push(hits, hit_map(a, cat, &res->v[i]));
	tv_set(ctx, "hits", hits);
	tv_set_bool(ctx, "has_hits", res->n > 0);
	tv_set_int(ctx, "total", (int64_t)res->total);
	/* The store ranks at most STORE_SEARCH_MAX matches: say "at least"
	 * than" rather than a count that is only the cap. */
	tv_set_bool(ctx, "total_capped", res->total >= STORE_SEARCH_MAX);
	tv_set_bool(ctx, "partial", res->partial);
	tv_set_str(ctx, "q", q ? q : "");
	pages = web_page_count(res->total, SEARCH_PER_PAGE);
	if (pages > SEARCH_MAX_PAGE)
		pages = SEARCH_MAX_PAGE;
	tv_set_bool(ctx, "no_hits", searched && res->total == 0);
	tv_set_bool(ctx, "past_end", res->total > 0 && res->n == 0);
	tv_set_int(ctx, "page_num", (int64_t)pg);
	tv_set_int(ctx, "pages", (int64_t)pages);
	add_param(&query, "q", q);
	add_param(&query, "chuyen-muc", cs);
	add_param(&query, "tu-ngay", req_query(r, "tu-ngay"));
	add_param(&query, "den-ngay", req_query(r, "den-ngay"));
	tv_set(ctx, "pager", web_pager(a, "/tim-kiem", query.p, pg, pages));
	tv_set_str(ctx, "first_url", arena_printf(a, "/tim-kiem?%s", query.p));
	buf_release(&query);
}

void
pub_search(struct req *r, struct resp *rs)
{
	struct arena *a = r->arena;
	const char *q = req_query(r, "q");
	const char *cs = req_query(r, "chuyen-muc");
	struct search_request rq = {0};
	struct search_result res = {0};
	enum search_problem problem = SEARCH_OK;
	struct catalog *cat;
	const struct cat_node *node = NULL;
	struct tval *ctx, *page, *msgs;
	size_t pg;
	bool searched = false;
	enum err e;

	if (!web_parse_page(req_query(r, "trang"), &pg)) {
		http_error(r, rs, 404, NULL);
		return;
	}
	cat = catalog_get();
	if (web_nonempty(cs) && cat) {
		node = catalog_find_slug(cat, cs);
		if (node && !web_cat_visible(node))
			node = NULL;
	}
	ctx = web_ctx(r, cat, NULL);
	page = web_page(r, ctx,
	                web_nonempty(q) ? arena_printf(a, "Tìm kiếm: %s", q)
	                                : "Tìm kiếm",
	                "Tìm kiếm tin, bài trên Trang thông tin điện tử.",
	                "/tim-kiem");
	/* Result pages are endless variations: keep them out of indexes. */
	tv_set_bool(page, "noindex", true);
	web_crumbs(r, ctx, NULL, "Tìm kiếm");
	tv_set(ctx, "search",
	       web_search_form(a, cat, q, node ? cs : NULL,
	                       req_query(r, "tu-ngay"),
	                       req_query(r, "den-ngay")));
	msgs = tv_list(a);
	rq.q = q ? q : "";
	rq.category_id = node ? node->c.id : 0;
	rq.page = pg;
	rq.per_page = SEARCH_PER_PAGE;
	read_dates(a, req_query(r, "tu-ngay"), req_query(r, "den-ngay"), &rq,
	           msgs);

	/* A visit with no q yet shows only the form. */
	if (q && tv_len(msgs) == 0) {
		e = search_run(web_store, a, &rq, &res, &problem);
		if (e == ERR_INVALID && problem != SEARCH_OK) {
			tv_push(msgs, tv_str(a, problem_text[problem]));
		} else if (e != ERR_OK) {
			catalog_put(cat);
			web_fail(r, rs, e);
			return;
		} else {
			searched = true;
		}
	}
	tv_set_bool(ctx, "searched", searched);
	tv_set(ctx, "messages", msgs);
	tv_set_bool(ctx, "has_messages", tv_len(msgs) > 0);
	set_results(r, ctx, cat, &res, pg, searched, node ? cs : NULL);
	web_render(r, rs, "search", ctx);
	/* Not cached: no cache_tags.  The client must not keep it either. */
	rs->max_age = -1;
	catalog_put(cat);
}
