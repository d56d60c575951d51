/*
 * Standing pages: the HTML site map (Decree 42/2022: a site map on every
 * state site), the accessibility statement (WCAG 2.1 AA as the target)
 * and /healthz for a load balancer.
 */
#include "common.h"

#include "catalog.h"
#include "config.h"
#include "web_int.h"

/* One node of the site map tree and its visible descendants; the
 * template recurses through the "sitemap-node" partial. */
static struct tval *
tree_node(struct arena *a, const struct cat_node *n)
{
	struct tval *m = tv_map(a), *kids = tv_list(a);

	tv_set_str(m, "name", n->c.name);
	tv_set_str(m, "url", web_cat_path(a, &n->c));
	for (size_t i = 0; i < n->nchildren; i++)
		if (!n->children[i]->c.hidden)
			tv_push(kids, tree_node(a, n->children[i]));
	tv_set(m, "children", kids);
	tv_set_bool(m, "has_children", tv_len(kids) > 0);
	return m;
}

void
pub_sitemap_html(struct req *r, struct resp *rs)
{
	struct arena *a = r->arena;
	struct catalog *cat = catalog_get();
	struct tval *ctx, *tree = tv_list(a);

	ctx = web_ctx(r, cat, NULL);
	web_page(r, ctx, "Sơ đồ trang",
	         "Sơ đồ các chuyên mục của Trang thông tin điện tử.",
	         "/so-do-trang");
	web_crumbs(r, ctx, NULL, "Sơ đồ trang");
	for (size_t i = 0; cat && i < cat->nroots; i++)
		if (!cat->roots[i]->c.hidden)
			tv_push(tree, tree_node(a, cat->roots[i]));
	tv_set(ctx, "tree", tree);
	web_render(r, rs, "sitemap", ctx);
	if (rs->status == 200 || rs->status == 0) {
		rs->cache_tags = "site";
		rs->max_age = 0;
	}
	catalog_put(cat);
}

void
pub_accessibility(struct req *r, struct resp *rs)
{
	struct catalog *cat = catalog_get();
	struct tval *ctx;

	ctx = web_ctx(r, cat, NULL);
	web_page(r, ctx, "Tuyên bố về khả năng tiếp cận",
	         "Mức độ hỗ trợ người khuyết tật và cách phản ánh khó khăn "
	         "khi sử dụng Trang thông tin điện tử.",
	         "/tro-nang-tiep-can");
	web_crumbs(r, ctx, NULL, "Tuyên bố về khả năng tiếp cận");
	web_render(r, rs, "accessibility", ctx);
	if (rs->status == 200 || rs->status == 0) {
		rs->cache_tags = "site";
		rs->max_age = 0;
	}
	catalog_put(cat);
}

void
pub_healthz(struct req *r, struct resp *rs)
{
	(void)r;
	buf_adds(&rs->body, "ok\n");
	rs->content_type = "text/plain; charset=utf-8";
	rs->max_age = -1;
}
