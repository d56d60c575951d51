/*
 * An item's page (/tin/<slug>-<id>), its print view (/ban-in) and its
 * download (/tai-ve): Decree 42/2022 Điều 7.1 asks for printing and
 * saving of every article.  Điều 7.1.d, 7.2 of the regulation: the
 * author and, for cited items, the source and its date are shown.
 *
 * The URL's slug is decoration: the trailing id finds the item, and a
 * slug that is not the current one answers 301 to the canonical URL, so
 * renamed items keep their old links.  An item taken down answers 410.
 *
 * The item page is the hot path (DESIGN: ≥ 5,000 uncached pages/s on two
 * cores): one query for the item, one for related items, the section
 * tree from the in-memory snapshot, templates compiled at start.
 */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "catalog.h"
#include "config.h"
#include "content.h"
#include "log.h"
#include "web_int.h"

/*
 * Loads the published item the :slugid segment names.  Answers (404,
 * 410, 301 to the canonical URL + suffix) and returns false when the
 * handler has nothing more to do.
 */
static bool
load_item(struct req *r, struct resp *rs, const char *suffix, struct item *it)
{
	const char *seg = r->nparams > 0 ? r->params[0] : NULL;
	int64_t id = web_parse_slugid(seg, NULL);
	const char *path;
	enum err e;

	if (id <= 0) {
		http_error(r, rs, 404, NULL);
		return false;
	}
	if ((e = content_item_public(web_store, r->arena, id, it)) != ERR_OK) {
		web_fail(r, rs, e);
		return false;
	}
	/* The old or a wrong slug: 301 to the canonical URL, without the
	 * query string (nothing of the request goes into the Location). */
	if (strcmp(seg, web_item_slugid(r->arena, it)) != 0) {
		path = web_item_path(r->arena, it);
		resp_redirect(rs, 301,
		              arena_printf(r->arena, "%s%s", path, suffix));
		return false;
	}
	return true;
}

/* The fields every view of an item shows (page, print, download). */
static struct tval *
item_map(struct arena *a, const struct item *it, const struct cat_node *node)
{
	struct tval *m = tv_map(a);
	const char *path = web_item_path(a, it);
	bool cover = web_nonempty(it->cover_image) &&
	             web_media_path_ok(it->cover_image);

	tv_set_int(m, "id", it->id);
	tv_set_str(m, "title", it->title);
	tv_set_str(m, "url", path);
	tv_set_str(m, "abs_url", web_abs(a, path));
	tv_set_str(m, "print_url", arena_printf(a, "%s/ban-in", path));
	tv_set_str(m, "save_url", arena_printf(a, "%s/tai-ve", path));
	tv_set_str(m, "kind", web_kind_name(it->kind));
	tv_set_str(m, "date", web_time(a, it->published_at, VNTIME_DATETIME));
	tv_set_str(m, "date_iso", web_time(a, it->published_at, VNTIME_ISO));
	tv_set_str(m, "summary", it->summary ? it->summary : "");
	tv_set_bool(m, "has_summary", web_nonempty(it->summary));
	tv_set_str(m, "body_html", it->body_html ? it->body_html : "");
	/* Điều 7.1.d, 7.2: author, and for cited items source and date. */
	tv_set_str(m, "author", it->author_name ? it->author_name : "");
	tv_set_bool(m, "has_author", web_nonempty(it->author_name));
	tv_set_str(m, "source", it->source ? it->source : "");
	tv_set_bool(m, "has_source", web_nonempty(it->source));
	tv_set_bool(m, "has_source_date", it->source_date != 0);
	if (it->source_date)
		tv_set_str(m, "source_date",
		           web_time(a, it->source_date, VNTIME_DATE));
	/* DESIGN, the item workflow: a corrected page says when. */
	tv_set_bool(m, "updated", it->updated_at > it->published_at);
	if (it->updated_at > it->published_at) {
		tv_set_str(m, "updated_at",
		           web_time(a, it->updated_at, VNTIME_DATETIME));
		tv_set_str(m, "updated_iso",
		           web_time(a, it->updated_at, VNTIME_ISO));
	}
	tv_set_bool(m, "has_cover", cover);
	if (cover) {
		struct buf b = BUF_INIT;

		buf_adds(&b, "/media/");
		web_thumb_path(&b, it->cover_image);
		tv_set_strf(m, "cover", "/media/%s", it->cover_image);
		tv_set_strf(m, "cover_srcset", "%s %dw, /media/%s %dw", b.p,
		            web_image_width(it->cover_image, true),
		            it->cover_image,
		            web_image_width(it->cover_image, false));
		buf_release(&b);
		tv_set_str(m, "cover_alt",
		           web_nonempty(it->cover_alt) ? it->cover_alt
		                                       : it->title);
	}
	tv_set_bool(m, "has_section", node != NULL);
	if (node) {
		tv_set_str(m, "section", node->c.name);
		tv_set_str(m, "section_url", web_cat_path(a, &node->c));
		tv_set_bool(m, "section_link", web_cat_visible(node));
	}
	return m;
}

static struct tval *
set_item_page(struct req *r, struct tval *ctx, const struct item *it,
              const char *path)
{
	struct arena *a = r->arena;
	struct tval *page = web_page(r, ctx, it->title, it->summary, path);

	tv_set_str(page, "og_type", "article");
	if (web_nonempty(it->cover_image) && web_media_path_ok(it->cover_image))
		tv_set_str(page, "og_image",
		           arena_printf(a, "%s/media/%s", config.site.base_url,
		                        it->cover_image));
	if (web_nonempty(it->author_name))
		tv_set_str(page, "dc_creator", it->author_name);
	tv_set_bool(page, "has_dc_date", true);
	tv_set_str(page, "dc_date", web_time(a, it->published_at, VNTIME_YMD));
	tv_set_str(page, "published_iso",
	           web_time(a, it->published_at, VNTIME_ISO));
	return page;
}

static const char *
item_tags(struct arena *a, const struct item *it, const struct cat_node *node)
{
	return arena_printf(a, "item:%lld %s", (long long)it->id,
	                    node ? web_cat_tags(a, node) : "site");
}

void
pub_item(struct req *r, struct resp *rs)
{
	struct item it;
	struct item_list rel = {0};
	struct catalog *cat;
	const struct cat_node *node;
	struct tval *ctx, *page, *m, *media;
	size_t nphotos;
	enum err e;

	if (!load_item(r, rs, "", &it))
		return;
	if ((e = store_items_related(web_store, r->arena, &it,
	                             WEB_RELATED_ITEMS, &rel)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	/* Issue 4 item 7: the album, players and attachments. */
	if ((e = pub_media_map(r, &it, &media, &nphotos)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	cat = catalog_get();
	node = cat ? catalog_find_id(cat, it.category_id) : NULL;
	ctx = web_ctx(r, cat, node);
	page = set_item_page(r, ctx, &it, web_item_path(r->arena, &it));
	m = item_map(r->arena, &it, node);
	tv_set(m, "media", media);
	/* A photo item's cover is one of its photos: shown once, in the
	 * album. */
	if (it.kind == ITEM_KIND_ANH && nphotos > 0)
		tv_set_bool(m, "has_cover", false);
	tv_set(ctx, "item", m);
	tv_set(ctx, "related", web_cards(r->arena, &rel));
	tv_set_bool(ctx, "has_related", rel.n > 0);
	web_crumbs(r, ctx, node, it.title);
	if (node && web_cat_visible(node))
		tv_set_str(page, "feed_url",
		           arena_printf(r->arena, "%s/rss.xml",
		                        web_cat_path(r->arena, &node->c)));
	web_render(r, rs, "item", ctx);
	if (rs->status == 200 || rs->status == 0) {
		rs->cache_tags = item_tags(r->arena, &it, node);
		rs->max_age = 0;
		/* Decree 42/2022: automatic usage statistics. */
		rs->view_item = it.id;
		rs->view_category = it.category_id;
	}
	catalog_put(cat);
}

void
pub_item_print(struct req *r, struct resp *rs)
{
	struct item it;
	struct catalog *cat;
	const struct cat_node *node;
	struct tval *ctx, *page;

	if (!load_item(r, rs, "/ban-in", &it))
		return;
	cat = catalog_get();
	node = cat ? catalog_find_id(cat, it.category_id) : NULL;
	ctx = web_ctx(r, cat, node);
	/* The canonical URL is the item page: the print view is a copy. */
	page = set_item_page(r, ctx, &it, web_item_path(r->arena, &it));
	tv_set_bool(page, "noindex", true);
	tv_set(ctx, "item", item_map(r->arena, &it, node));
	tv_set_str(ctx, "printed_at",
	           web_time(r->arena, time(NULL), VNTIME_DATETIME));
	web_render(r, rs, "print", ctx);
	if (rs->status == 200 || rs->status == 0) {
		rs->cache_tags = item_tags(r->arena, &it, node);
		rs->max_age = 0;
	}
	catalog_put(cat);
}

/* What the download's embedder keeps between images. */
struct embed_state {
	struct arena *a;
	size_t images;
};

/*
 * Appends a data: URI of the media file rel (a path below the media
 * folder) to out; false if it is not a safe path, not an image, too big
 * or unreadable.
 */
static bool
embed_media(struct buf *out, const char *rel)
{
	const char *mime = web_image_mime(rel);
	struct buf path = BUF_INIT, data = BUF_INIT;
	struct stat st;
	bool ok = false;
	ssize_t n;
	int fd = -1;

	if (!mime || !web_media_path_ok(rel))
		return false;
	buf_addf(&path, "%s/%s", config.media_dir, rel);
	/* From here every failure jumps to out. */
	if ((fd = open(path.p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		log_warn("cannot open '%s' for a download", path.p);
		goto out;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uintmax_t)st.st_size > WEB_SAVE_MAX_IMAGE)
		goto out;
	buf_grow(&data, (size_t)st.st_size);
	while (data.len < (size_t)st.st_size) {
		n = read(fd, data.p + data.len, (size_t)st.st_size - data.len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_setlen(&data, data.len + (size_t)n);
	}
	if (data.len != (size_t)st.st_size) {
		log_warn("cannot read '%s' for a download", path.p);
		goto out;
	}
	buf_addf(out, "data:%s;base64,", mime);
	web_add_base64(out, data.p, data.len);
	ok = true;
out:
	if (fd >= 0)
		close(fd);
	buf_release(&path);
	buf_release(&data);
	return ok;
}

/* web_rewrite_for_save's embedder: images of our own media folder. */
static bool
embed_url(struct buf *out, const char *url, size_t len, void *arg)
{
	struct embed_state *st = arg;
	static const char prefix[] = "/media/";
	char *rel;

	if (len <= sizeof(prefix) - 1 ||
	    strncmp(url, prefix, sizeof(prefix) - 1) ||
	    st->images >= WEB_SAVE_MAX_IMAGES)
		return false;
	rel = arena_strndup(st->a, url + sizeof(prefix) - 1,
	                    len - (sizeof(prefix) - 1));
	if (!embed_media(out, rel))
		return false;
	st->images++;
	return true;
}

/* A file name made of the slug's safe characters. */
static const char *
download_name(struct arena *a, const struct item *it)
{
	const char *s = web_nonempty(it->slug) ? it->slug : "tin";
	size_t n = strlen(s), j = 0;
	char *f = arena_alloc(a, n + 1);

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_')
			f[j++] = c;
	}
	f[j] = '\0';
	return j ? f : "tin";
}

void
pub_item_save(struct req *r, struct resp *rs)
{
	struct item it;
	struct catalog *cat;
	const struct cat_node *node;
	struct tval *ctx, *m;
	struct buf b = BUF_INIT;
	struct embed_state st = {r->arena, 0};

	if (!load_item(r, rs, "/tai-ve", &it))
		return;
	cat = catalog_get();
	node = cat ? catalog_find_id(cat, it.category_id) : NULL;
	ctx = web_ctx(r, cat, node);
	set_item_page(r, ctx, &it, web_item_path(r->arena, &it));
	m = item_map(r->arena, &it, node);
	/* One self-contained file: the cover and the body's own pictures
	 * travel inside it as data: URIs; links point back to the site. */
	if (web_nonempty(it.cover_image) && web_media_path_ok(it.cover_image) &&
	    embed_media(&b, it.cover_image)) {
		tv_set_str(m, "cover", arena_strndup(r->arena, b.p, b.len));
	} else {
		tv_set_bool(m, "has_cover", false);
	}
	buf_reset(&b);
	web_rewrite_for_save(&b, it.body_html ? it.body_html : "",
	                     config.site.base_url, embed_url, &st);
	tv_set_str(m, "body_html", arena_strndup(r->arena, b.p, b.len));
	buf_release(&b);
	tv_set(ctx, "item", m);
	tv_set_str(ctx, "saved_at",
	           web_time(r->arena, time(NULL), VNTIME_DATETIME));
	web_render(r, rs, "save", ctx);
	if (rs->status == 200 || rs->status == 0) {
		resp_header(rs, "Content-Disposition",
		            arena_printf(r->arena,
		                         "attachment; filename=\"%s.html\"",
		                         download_name(r->arena, &it)));
		rs->max_age = -1;
	}
	catalog_put(cat);
}
