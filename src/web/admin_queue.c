/*
 * The newsroom's queues (issue 4 item 2): the counts on the dashboard
 * and the list of one queue at /quan-tri/hang-doi/<code>.  Which queues
 * a user has, and what each holds, is the domain's (workflow.c,
 * workflow_queues and workflow_queue); this file names them in URLs and
 * shows them.  Items have no newsroom page yet, so their titles are
 * plain text.
 */
#include "common.h"

#include "catalog.h"
#include "log.h"
#include "workflow.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

#define QUEUE_PATH "/quan-tri/hang-doi/"
/* Items per page of a queue. */
#define QUEUE_PER_PAGE 50

/* The URL segment of each queue (its name is workflow_queue_name). */
static const char *const queue_codes[ITEM_QUEUE__MAX] = {
        "cua-toi",             /* ITEM_QUEUE_MINE */
        "cho-duyet-cap-huyen", /* ITEM_QUEUE_PREAPPROVE */
        "cho-tiep-nhan",       /* ITEM_QUEUE_TRIAGE */
        "duoc-phan-cong",      /* ITEM_QUEUE_ASSIGNED */
        "cho-bien-tap",        /* ITEM_QUEUE_TO_EDIT */
        "cho-duyet",           /* ITEM_QUEUE_TO_APPROVE */
        "cho-dang",            /* ITEM_QUEUE_TO_PUBLISH */
        "tre-han",             /* ITEM_QUEUE_LATE */
};

static bool
queue_from_code(const char *code, enum item_queue *out)
{
	int i = str_index(queue_codes, ITEM_QUEUE__MAX, code);

	if (i < 0)
		return false;
	*out = (enum item_queue)i;
	return true;
}

enum err
admin_queue_summary(struct req *r, struct admin_ctx *c, struct tval **out)
{
	struct arena *a = r->arena;
	unsigned mask = workflow_queues(&c->user);
	int64_t counts[ITEM_QUEUE__MAX];
	enum err e;

	*out = tv_list(a);
	if (!mask)
		return ERR_OK;
	e = workflow_queue_counts(web_store, &c->user, c->now, counts);
	if (e != ERR_OK)
		return e;
	for (int q = 0; q < ITEM_QUEUE__MAX; q++) {
		struct tval *m;

		if (!(mask & (1u << (unsigned)q)))
			continue;
		m = tv_map(a);
		tv_set_str(m, "name", workflow_queue_name((enum item_queue)q));
		tv_set_str(m, "url",
		           arena_printf(a, QUEUE_PATH "%s", queue_codes[q]));
		tv_set_int(m, "count", counts[q]);
		tv_set_bool(m, "late", q == ITEM_QUEUE_LATE && counts[q] > 0);
		tv_push(*out, m);
	}
	return ERR_OK;
}

/* The state the newsroom works on, in words; a correction says so. */
static const char *
state_text(struct arena *a, const struct queue_entry *e)
{
	struct item_ref ref;
	enum item_state s;

	workflow_ref(&ref, &e->item, &e->flow);
	s = workflow_state(&ref);
	if ((unsigned)s >= ITEM_STATE__MAX)
		return "—";
	if (ref.corr_state != ITEM_STATE__MAX)
		return arena_printf(a, "%s (bản đính chính)",
		                    admin_item_state_name(s));
	return admin_item_state_name(s);
}

static struct tval *
entry_view(struct req *r, struct admin_ctx *c, const struct catalog *cat,
           const struct queue_entry *e)
{
	struct arena *a = r->arena;
	struct tval *m = tv_map(a);
	const struct cat_node *node = catalog_find_id(cat, e->item.category_id);
	struct wf_deadline dl;

	workflow_deadline(&e->item, &e->flow, c->now, &dl);
	tv_set_str(m, "title", e->item.title);
	tv_set_str(m, "url", admin_item_path(a, e->item.id, NULL));
	/* The snapshot goes back before the page renders. */
	tv_set_str(m, "section", node ? arena_strdup(a, node->c.name) : "—");
	tv_set_str(m, "author",
	           web_nonempty(e->item.author_name) ? e->item.author_name
	                                             : "—");
	tv_set_str(m, "state", state_text(a, e));
	tv_set_str(m, "created",
	           web_time(a, e->item.created_at, VNTIME_DATETIME));
	tv_set_bool(m, "has_due", dl.status != WF_DUE_NONE);
	tv_set_str(m, "due",
	           dl.due ? web_time(a, dl.due, VNTIME_DATETIME) : "—");
	tv_set_str(m, "due_status",
	           dl.status != WF_DUE_NONE ? wf_due_name(dl.status)
	                                    : "Không có hạn");
	tv_set_bool(m, "late", dl.status == WF_DUE_LATE);
	tv_set_bool(m, "at_risk", dl.status == WF_DUE_AT_RISK);
	return m;
}

void
admin_queue_page(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct arena *a = r->arena;
	const char *code = r->nparams ? r->params[0] : NULL;
	enum item_queue q;
	struct queue_list l;
	struct tval *ctx, *items;
	struct catalog *cat;
	size_t page, pages, off;
	const char *path, *name;
	enum err e;

	if (!queue_from_code(code, &q)) {
		http_error(r, rs, 404, "Không có hàng đợi này.");
		return;
	}
	if (!(workflow_queues(&c->user) & (1u << (unsigned)q))) {
		http_error(r, rs, 403,
		           "Hàng đợi này không thuộc vai trò của anh/chị.");
		return;
	}
	if (!web_parse_page(req_query(r, "trang"), &page)) {
		web_fail(r, rs, ERR_INVALID);
		return;
	}
	off = web_page_offset(page, QUEUE_PER_PAGE);
	if (off == SIZE_MAX) {
		web_fail(r, rs, ERR_INVALID);
		return;
	}
	e = workflow_queue(web_store, a, &c->user, q, c->now, off,
	                   QUEUE_PER_PAGE, &l);
	if (e != ERR_OK) {
		log_error("queue %s for user %lld: %s", queue_codes[q],
		          (long long)c->user.id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	pages = web_page_count(l.total, QUEUE_PER_PAGE);
	if (page > pages) {
		http_error(r, rs, 404, "Hàng đợi không có trang này.");
		return;
	}

	name = workflow_queue_name(q);
	path = arena_printf(a, QUEUE_PATH "%s", queue_codes[q]);
	ctx = admin_ctx_view(
	        r, c,
	        page > 1 ? arena_printf(a, "%s (trang %zu)", name, page) : name,
	        page > 1 ? arena_printf(a, "%s?trang=%zu", path, page) : path);
	items = tv_list(a);
	cat = catalog_get();
	for (size_t i = 0; i < l.n; i++)
		tv_push(items, entry_view(r, c, cat, &l.v[i]));
	catalog_put(cat);

	tv_set_str(ctx, "name", name);
	tv_set(ctx, "items", items);
	tv_set_int(ctx, "total", (int64_t)l.total);
	tv_set_int(ctx, "page", (int64_t)page);
	tv_set_int(ctx, "pages", (int64_t)pages);
	tv_set_bool(ctx, "has_pages", pages > 1);
	tv_set_bool(ctx, "has_pager", pages > 1);
	if (page > 1)
		tv_set_str(ctx, "prev_url",
		           page == 2 ? path
		                     : arena_printf(a, "%s?trang=%zu", path,
		                                    page - 1));
	if (page < pages)
		tv_set_str(ctx, "next_url",
		           arena_printf(a, "%s?trang=%zu", path, page + 1));
	tv_set_bool(ctx, "is_late", q == ITEM_QUEUE_LATE);
	web_render(r, rs, "admin/queue", ctx);
}
