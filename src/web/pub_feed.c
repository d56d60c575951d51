/*
 * Machine-readable views of the site (Điều 2.2: the site on its own
 * domain, found by search engines and readers): RSS 2.0 feeds of the
 * whole site and of each section, sitemap.xml (sitemaps.org 0.9) and
 * robots.txt.  XML is written directly with buf_add_xml, not through
 * templates, so every text is XML-escaped by construction; every URL is
 * absolute, from config.site.base_url.
 */
#include "common.h"

#include "catalog.h"
#include "config.h"
#include "web_int.h"

static void
add_xml(struct buf *b, const char *s)
{
	if (s)
		buf_add_xml(b, s, strlen(s));
}

/* An element with escaped text: <name>text</name>. */
static void
add_elem(struct buf *b, const char *name, const char *text)
{
	buf_addf(b, "<%s>", name);
	add_xml(b, text);
	buf_addf(b, "</%s>\n", name);
}

/* base_url + path, XML-escaped. */
static void
add_url(struct buf *b, const char *path)
{
	add_xml(b, config.site.base_url);
	add_xml(b, path);
}

static void
rss(struct req *r, struct resp *rs, const struct cat_node *node,
    const struct catalog *cat)
{
	struct arena *a = r->arena;
	struct item_list l = {0};
	struct buf *b = &rs->body;
	const char *self, *link, *title;
	enum err e;

	e = store_items_latest(web_store, a, node ? node->c.id : 0, 0,
	                       WEB_FEED_ITEMS, &l);
	if (e != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	link = node ? web_cat_path(a, &node->c) : "/";
	self = node ? arena_printf(a, "%s/rss.xml", link) : "/rss.xml";
	title = node ? arena_printf(a, "%s – %s", node->c.name,
	                            config.site.name)
	             : config.site.name;

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	            "<rss version=\"2.0\" "
	            "xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"
	            "<channel>\n");
	add_elem(b, "title", title);
	buf_adds(b, "<link>");
	add_url(b, link);
	buf_adds(b, "</link>\n");
	add_elem(b, "description",
	         node && node->c.description && *node->c.description
	                 ? node->c.description
	                 : config.site.description);
	buf_adds(b, "<language>vi</language>\n");
	buf_adds(b, "<lastBuildDate>");
	vntime_format(b, l.n ? l.v[0].published_at : time(NULL), VNTIME_RFC822);
	buf_adds(b, "</lastBuildDate>\n<atom:link href=\"");
	add_url(b, self);
	buf_adds(b, "\" rel=\"self\" type=\"application/rss+xml\"/>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct item *it = &l.v[i];
		const char *path = web_item_path(a, it);
		const struct cat_node *in =
		        cat ? catalog_find_id(cat, it->category_id) : NULL;

		buf_adds(b, "<item>\n");
		add_elem(b, "title", it->title);
		buf_adds(b, "<link>");
		add_url(b, path);
		buf_adds(b, "</link>\n<guid isPermaLink=\"true\">");
		add_url(b, path);
		buf_adds(b, "</guid>\n<pubDate>");
		vntime_format(b, it->published_at, VNTIME_RFC822);
		buf_adds(b, "</pubDate>\n");
		if (it->summary && *it->summary)
			add_elem(b, "description", it->summary);
		if (in)
			add_elem(b, "category", in->c.name);
		buf_adds(b, "</item>\n");
	}
	buf_adds(b, "</channel>\n</rss>\n");
	if (buf_err(b)) {
		buf_reset(b);
		http_error(r, rs, 500, NULL);
		return;
	}
	rs->content_type = "application/rss+xml; charset=utf-8";
	rs->cache_tags = node ? web_cat_tags(a, node) : "site";
	rs->max_age = 0;
}

void
pub_rss(struct req *r, struct resp *rs)
{
	struct catalog *cat = catalog_get();

	rss(r, rs, NULL, cat);
	catalog_put(cat);
}

void
pub_section_rss(struct req *r, struct resp *rs)
{
	struct catalog *cat = catalog_get();
	const struct cat_node *node =
	        cat && r->nparams > 0 ? catalog_find_slug(cat, r->params[0])
	                              : NULL;

	if (!node || !web_cat_visible(node))
		http_error(r, rs, 404, NULL);
	else
		rss(r, rs, node, cat);
	catalog_put(cat);
}

/*
 * Sitemaps (sitemaps.org 0.9).  /sitemap.xml is an index: one file for
 * the home page and the sections, then the published items newest first
 * in files of WEB_SITEMAP_PAGE URLs.  Small files keep each page's
 * rendering (and its copy in the page cache) to about a megabyte; one
 * file of 100,000 items was 8 MB and raised the server's peak memory by
 * a third.
 */
static void
sitemap_done(struct req *r, struct resp *rs)
{
	buf_adds(&rs->body, "</urlset>\n");
	if (buf_err(&rs->body)) {
		buf_reset(&rs->body);
		http_error(r, rs, 500, NULL);
		return;
	}
	rs->content_type = "application/xml; charset=utf-8";
	rs->cache_tags = "site";
	rs->max_age = 0;
}

static const char urlset_open[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";

static void
sitemap_sections(struct req *r, struct resp *rs)
{
	struct catalog *cat = catalog_get();
	struct buf *b = &rs->body;

	buf_adds(b, urlset_open);
	buf_adds(b, "<url><loc>");
	add_url(b, "/");
	buf_adds(b, "</loc></url>\n");
	for (size_t i = 0; cat && i < cat->nall; i++) {
		if (!web_cat_visible(cat->all[i]))
			continue;
		buf_adds(b, "<url><loc>");
		add_url(b, web_cat_path(r->arena, &cat->all[i]->c));
		buf_adds(b, "</loc></url>\n");
	}
	catalog_put(cat);
	sitemap_done(r, rs);
}

static void
sitemap_items(struct req *r, struct resp *rs, size_t page)
{
	struct arena *a = r->arena;
	struct buf *b = &rs->body;
	struct item_list l = {0};
	enum err e;

	e = store_items_for_sitemap(web_store, a, (page - 1) * WEB_SITEMAP_PAGE,
	                            WEB_SITEMAP_PAGE, &l);
	if (e != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	if (l.n == 0) {
		http_error(r, rs, 404, NULL);
		return;
	}
	buf_adds(b, urlset_open);
	for (size_t i = 0; i < l.n; i++) {
		const struct item *it = &l.v[i];
		time_t mod = it->updated_at > it->published_at
		                     ? it->updated_at
		                     : it->published_at;

		buf_adds(b, "<url><loc>");
		add_url(b, web_item_path(a, it));
		buf_adds(b, "</loc>");
		if (mod > 0) {
			buf_adds(b, "<lastmod>");
			vntime_format(b, mod, VNTIME_ISO);
			buf_adds(b, "</lastmod>");
		}
		buf_adds(b, "</url>\n");
	}
	sitemap_done(r, rs);
}

void
pub_sitemap_xml(struct req *r, struct resp *rs)
{
	struct buf *b = &rs->body;
	struct item_list l = {0};
	size_t pages;
	enum err e;

	/* Only the count is wanted here: offset past any page. */
	e = store_items_for_sitemap(web_store, r->arena, 0, 0, &l);
	if (e != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	pages = (l.total + WEB_SITEMAP_PAGE - 1) / WEB_SITEMAP_PAGE;
	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	            "<sitemapindex xmlns="
	            "\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	buf_adds(b, "<sitemap><loc>");
	add_url(b, "/sitemap/chuyen-muc.xml");
	buf_adds(b, "</loc></sitemap>\n");
	for (size_t i = 1; i <= pages; i++) {
		buf_adds(b, "<sitemap><loc>");
		add_url(b, arena_printf(r->arena, "/sitemap/tin-%zu.xml", i));
		buf_adds(b, "</loc></sitemap>\n");
	}
	buf_adds(b, "</sitemapindex>\n");
	rs->content_type = "application/xml; charset=utf-8";
	rs->cache_tags = "site";
	rs->max_age = 0;
}

/* /sitemap/:file — "chuyen-muc.xml" or "tin-N.xml". */
void
pub_sitemap_part(struct req *r, struct resp *rs)
{
	const char *f = r->nparams ? r->params[0] : "";
	size_t page = 0;
	int used = 0;

	if (!strcmp(f, "chuyen-muc.xml")) {
		sitemap_sections(r, rs);
		return;
	}
	if (sscanf(f, "tin-%zu.xml%n", &page, &used) == 1 &&
	    (size_t)used == strlen(f) && page >= 1 && page <= WEB_MAX_PAGE &&
	    f[4] >= '1' && f[4] <= '9') {
		sitemap_items(r, rs, page);
		return;
	}
	http_error(r, rs, 404, NULL);
}

void
pub_robots(struct req *r, struct resp *rs)
{
	(void)r;
	buf_adds(&rs->body, "User-agent: *\nAllow: /\n\nSitemap: ");
	buf_adds(&rs->body, config.site.base_url);
	buf_adds(&rs->body, "/sitemap.xml\n");
	rs->content_type = "text/plain; charset=utf-8";
	rs->cache_tags = "site";
	rs->max_age = 0;
}
