/*
 * The home page and the section pages (Điều 8: the site's sections).
 * Home: the featured block, then for each main section that holds news
 * or articles its newest items.  A section page lists its items and its
 * descendants' items, newest first, WEB_PER_PAGE per page (?trang=N),
 * with breadcrumbs and the child sections.
 */
#include "common.h"

#include "catalog.h"
#include "config.h"
#include "web_int.h"

/* A main section belongs on the home page if its newest items are news
 * or articles, not only standing pages (an introduction section). */
static bool
news_like(const struct item_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind != ITEM_KIND_TRANG)
			return true;
	return false;
}

void
pub_home(struct req *r, struct resp *rs)
{
	struct arena *a = r->arena;
	struct item_list feat = {0};
	struct catalog *cat;
	struct tval *ctx, *sections;
	enum err e;

	if ((e = store_items_featured(web_store, a, 0, WEB_HOME_FEATURED,
	                              &feat)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	cat = catalog_get();
	ctx = web_ctx(r, cat, NULL);
	web_page(r, ctx, config.site.name, config.site.description, "/");
	tv_set(ctx, "featured", web_cards(a, &feat));
	tv_set_bool(ctx, "has_featured", feat.n > 0);
	sections = tv_list(a);
	for (size_t i = 0; cat && i < cat->nroots; i++) {
		const struct cat_node *n = cat->roots[i];
		struct item_list l = {0};
		struct tval *s;

		if (n->c.hidden)
			continue;
		e = store_items_latest(web_store, a, n->c.id, 0,
		                       WEB_HOME_PER_SECTION, &l);
		if (e != ERR_OK) {
			catalog_put(cat);
			web_fail(r, rs, e);
			return;
		}
		if (!news_like(&l))
			continue;
		s = tv_map(a);
		tv_set_str(s, "name", n->c.name);
		tv_set_str(s, "url", web_cat_path(a, &n->c));
		tv_set_int(s, "total", (int64_t)l.total);
		tv_set(s, "items", web_cards(a, &l));
		tv_push(sections, s);
	}
	tv_set(ctx, "sections", sections);
	tv_set_bool(ctx, "has_sections", tv_len(sections) > 0);
	web_render(r, rs, "home", ctx);
	if (rs->status == 200 || rs->status == 0) {
		rs->cache_tags = "site";
		rs->max_age = 0;
	}
	catalog_put(cat);
}

/* Links to the visible child sections of node. */
static struct tval *
child_links(struct arena *a, const struct cat_node *node)
{
	struct tval *kids = tv_list(a);

	for (size_t i = 0; i < node->nchildren; i++) {
		const struct cat_node *k = node->children[i];
		struct tval *m;

		if (k->c.hidden)
			continue;
		m = tv_map(a);
		tv_set_str(m, "name", k->c.name);
		tv_set_str(m, "url", web_cat_path(a, &k->c));
		tv_push(kids, m);
	}
	return kids;
}

void
pub_section(struct req *r, struct resp *rs)
{
	struct arena *a = r->arena;
	const char *slug = r->nparams > 0 ? r->params[0] : "";
	struct item_list l = {0};
	struct catalog *cat;
	const struct cat_node *node;
	struct tval *ctx, *page, *kids;
	size_t pg, pages;
	const char *path;
	enum err e;

	if (!web_parse_page(req_query(r, "trang"), &pg)) {
		http_error(r, rs, 404, NULL);
		return;
	}
	cat = catalog_get();
	node = cat ? catalog_find_slug(cat, slug) : NULL;
	if (!node || !web_cat_visible(node)) {
		catalog_put(cat);
		http_error(r, rs, 404, NULL);
		return;
	}
	e = store_items_latest(web_store, a, node->c.id,
	                       web_page_offset(pg, WEB_PER_PAGE), WEB_PER_PAGE,
	                       &l);
	if (e != ERR_OK) {
		catalog_put(cat);
		web_fail(r, rs, e);
		return;
	}
	pages = web_page_count(l.total, WEB_PER_PAGE);
	if (pg > pages) {
		catalog_put(cat);
		http_error(r, rs, 404, NULL);
		return;
	}
	path = web_cat_path(a, &node->c);
	ctx = web_ctx(r, cat, node);
	page = web_page(
	        r, ctx,
	        pg > 1 ? arena_printf(a, "%s – Trang %zu", node->c.name, pg)
	               : node->c.name,
	        node->c.description,
	        pg > 1 ? arena_printf(a, "%s?trang=%zu", path, pg) : path);
	tv_set_str(page, "feed_url", arena_printf(a, "%s/rss.xml", path));
	tv_set_str(page, "feed_title",
	           arena_printf(a, "%s – %s", node->c.name, config.site.name));
	web_crumbs(r, ctx, node, NULL);

	tv_set_str(ctx, "name", node->c.name);
	tv_set_str(ctx, "description",
	           node->c.description ? node->c.description : "");
	tv_set_bool(ctx, "has_description", web_nonempty(node->c.description));
	tv_set_str(ctx, "feed_url", arena_printf(a, "%s/rss.xml", path));
	kids = child_links(a, node);
	tv_set(ctx, "children", kids);
	tv_set_bool(ctx, "has_children", tv_len(kids) > 0);
	tv_set(ctx, "items", web_cards(a, &l));
	tv_set_bool(ctx, "has_items", l.n > 0);
	tv_set_int(ctx, "total", (int64_t)l.total);
	tv_set_int(ctx, "page_num", (int64_t)pg);
	tv_set_int(ctx, "pages", (int64_t)pages);
	tv_set(ctx, "pager", web_pager(a, path, "", pg, pages));
	web_render(r, rs, "section", ctx);
	if (rs->status == 200 || rs->status == 0) {
		rs->cache_tags = web_cat_tags(a, node);
		rs->max_age = 0;
		/* Decree 42/2022: automatic usage statistics. */
		rs->view_category = node->c.id;
	}
	catalog_put(cat);
}
