/*
 * The web layer's core: template loading, the public route table, the
 * view model every page shares (agency header and footer from the
 * configuration, main navigation, breadcrumbs, Open Graph and Dublin
 * Core metadata), Vietnamese error pages and the page-cache hook.
 *
 * Templates are compiled once in web_init and only read afterwards, so
 * handlers on any thread render from the same set without locking.  The
 * demo flag is read once too: it belongs to the database, which does not
 * turn from demo into production while the server runs.
 */
#include "common.h"

#include "catalog.h"
#include "config.h"
#include "content.h"
#include "log.h"
#include "media.h"
#include "tpl.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

struct store *web_store;
static struct tpl_set *tpls;
static bool demo_site;

bool
web_demo_site(void)
{
	return demo_site;
}

const struct route web_public_routes[] = {
        {HTTP_M_GET, "/", pub_home},
        {HTTP_M_GET, "/chuyen-muc/:slug", pub_section},
        {HTTP_M_GET, "/chuyen-muc/:slug/rss.xml", pub_section_rss},
        {HTTP_M_GET, "/tin/:slugid", pub_item},
        {HTTP_M_GET, "/tin/:slugid/ban-in", pub_item_print},
        {HTTP_M_GET, "/tin/:slugid/tai-ve", pub_item_save},
        {HTTP_M_GET, "/tim-kiem", pub_search},
        {HTTP_M_GET, "/rss.xml", pub_rss},
        {HTTP_M_GET, "/so-do-trang", pub_sitemap_html},
        {HTTP_M_GET, "/sitemap.xml", pub_sitemap_xml},
        {HTTP_M_GET, "/sitemap/:file", pub_sitemap_part},
        {HTTP_M_GET, "/robots.txt", pub_robots},
        {HTTP_M_GET, "/tro-nang-tiep-can", pub_accessibility},
        {HTTP_M_GET, "/thu-vien-anh", pub_photo_library},
        {HTTP_M_GET, "/gioi-thieu/don-vi", pub_units},
        {HTTP_M_GET, "/gui-tin-bai", pub_contribute_form},
        {HTTP_M_POST, "/gui-tin-bai", pub_contribute_post},
        {HTTP_M_GET, "/gui-tin-bai/da-gui", pub_contribute_done},
        {HTTP_M_GET, "/gui-tin-bai/tra-cuu", pub_contribute_status},
        {HTTP_M_GET, "/healthz", pub_healthz},
};
const size_t web_public_routes_n = ARRAY_SIZE(web_public_routes);

/* Error pages: what happened and what to do next, in Vietnamese. */
static const struct web_error {
	int status;
	const char *title;
	const char *message;
	const char *hint;
} web_errors[] = {
        {400, "Yêu cầu không hợp lệ",
         "Địa chỉ hoặc dữ liệu gửi lên không đúng định dạng nên hệ thống "
         "không xử lý được.",
         "Vui lòng kiểm tra lại địa chỉ trang hoặc nội dung đã nhập, rồi "
         "thử lại."},
        {403, "Không có quyền truy cập", "Bạn không có quyền xem nội dung này.",
         "Nếu cho rằng đây là nhầm lẫn, vui lòng liên hệ với cơ quan theo "
         "thông tin ở cuối trang."},
        {404, "Không tìm thấy trang",
         "Trang bạn tìm không có hoặc đã được chuyển sang địa chỉ khác.",
         "Vui lòng kiểm tra lại địa chỉ, quay về trang chủ hoặc tìm nội "
         "dung bằng ô tìm kiếm dưới đây."},
        {405, "Phương thức không được hỗ trợ",
         "Trang này không nhận loại yêu cầu mà trình duyệt vừa gửi.",
         "Vui lòng mở trang bằng đường liên kết thông thường hoặc quay về "
         "trang chủ."},
        {409, "Nội dung vừa được thay đổi",
         "Yêu cầu của bạn trùng với một thay đổi khác vừa được thực hiện.",
         "Vui lòng tải lại trang để xem nội dung mới nhất rồi thử lại."},
        {410, "Nội dung đã được gỡ bỏ",
         "Tin, bài này đã được cơ quan gỡ bỏ khỏi Trang thông tin điện tử.",
         "Vui lòng xem các tin, bài khác ở trang chủ hoặc dùng chức năng "
         "tìm kiếm."},
        {413, "Dữ liệu gửi lên quá lớn",
         "Dữ liệu hoặc tệp bạn gửi vượt quá dung lượng cho phép.",
         "Vui lòng giảm dung lượng tệp hoặc rút gọn nội dung rồi gửi lại."},
        {429, "Quá nhiều yêu cầu",
         "Hệ thống nhận quá nhiều yêu cầu từ bạn trong thời gian ngắn.",
         "Vui lòng đợi một lát rồi thử lại."},
        {500, "Lỗi hệ thống", "Hệ thống gặp sự cố khi xử lý yêu cầu của bạn.",
         "Vui lòng thử lại sau ít phút; nếu lỗi vẫn còn, xin báo cho cơ "
         "quan theo thông tin liên hệ ở cuối trang."},
        {503, "Hệ thống đang bận",
         "Hệ thống tạm thời chưa thể phục vụ yêu cầu của bạn.",
         "Vui lòng thử lại sau ít phút."},
};

static const struct web_error web_error_other = {
        0, "Không thực hiện được yêu cầu",
        "Hệ thống không thực hiện được yêu cầu của bạn.",
        "Vui lòng kiểm tra lại địa chỉ trang hoặc quay về trang chủ."};

static const char *const kind_names[ITEM_KIND__MAX] = {
        /* ITEM_KIND_TIN */ "Tin",
        /* ITEM_KIND_BAI */ "Bài",
        /* ITEM_KIND_ANH */ "Ảnh",
        /* ITEM_KIND_AM_THANH */ "Âm thanh",
        /* ITEM_KIND_VIDEO */ "Video",
        /* ITEM_KIND_TRANG */ "Trang",
};

const char *
web_kind_name(enum item_kind k)
{
	return (unsigned)k < ITEM_KIND__MAX ? kind_names[k] : "Tin";
}

/* "<prefix><slug><suffix>" with the slug percent-encoded: a slug is
 * [a-z0-9-] from vnslug, but one that is not must still make a URL that
 * decodes back to it (else the 301 to the canonical URL would loop). */
static const char *
slug_path(struct arena *a, const char *prefix, const char *slug,
          const char *suffix)
{
	struct buf b = BUF_INIT;
	const char *s;

	buf_adds(&b, prefix);
	buf_add_url(&b, slug, strlen(slug));
	buf_adds(&b, suffix);
	s = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return s;
}

const char *
web_item_slugid(struct arena *a, const struct item *it)
{
	/* A title of symbols only has an empty slug; the URL still needs
	 * one before the id (see web_parse_slugid). */
	const char *slug = web_nonempty(it->slug) ? it->slug : "tin";

	return arena_printf(a, "%s-%lld", slug, (long long)it->id);
}

const char *
web_item_path(struct arena *a, const struct item *it)
{
	return slug_path(a, "/tin/", web_item_slugid(a, it), "");
}

const char *
web_cat_path(struct arena *a, const struct category *c)
{
	return slug_path(a, "/chuyen-muc/", c->slug, "");
}

const char *
web_abs(struct arena *a, const char *path)
{
	return arena_printf(a, "%s%s", config.site.base_url, path);
}

const char *
web_time(struct arena *a, time_t t, enum vntime_fmt f)
{
	struct buf b = BUF_INIT;
	const char *s;

	vntime_format(&b, t, f);
	s = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return s;
}

bool
web_cat_visible(const struct cat_node *n)
{
	for (; n; n = n->parent)
		if (n->c.hidden)
			return false;
	return true;
}

const char *
web_cat_label(struct arena *a, const struct cat_node *n)
{
	/* The tree shows in a list by indentation: a select cannot nest
	 * options deeper than one optgroup. */
	return arena_printf(a, "%s%s",
	                    n->depth == 0   ? ""
	                    : n->depth == 1 ? "— "
	                                    : "— — ",
	                    n->c.name);
}

const char *
web_tel_href(struct arena *a, const char *phone)
{
	size_t n = strlen(phone), j = 4;
	char *t = arena_alloc(a, n + 5);

	memcpy(t, "tel:", 4);
	for (size_t i = 0; i < n; i++)
		if ((phone[i] >= '0' && phone[i] <= '9') ||
		    (phone[i] == '+' && j == 4))
			t[j++] = phone[i];
	t[j] = '\0';
	return t;
}

static struct tval *
site_map(struct arena *a)
{
	const struct site_config *sc = &config.site;
	struct tval *m = tv_map(a);
	struct tm tm;

	vntime_local(time(NULL), &tm);
	tv_set_str(m, "name", sc->name);
	tv_set_str(m, "parent_name", sc->parent_name);
	tv_set_bool(m, "has_parent_name", web_nonempty(sc->parent_name));
	tv_set_str(m, "short_name", sc->short_name);
	tv_set_str(m, "description", sc->description);
	tv_set_str(m, "base_url", sc->base_url);
	tv_set_strf(m, "logo_url", "/static/%s", sc->logo);
	tv_set_str(m, "address", sc->address);
	tv_set_bool(m, "has_address", web_nonempty(sc->address));
	tv_set_str(m, "phone", sc->phone);
	tv_set_bool(m, "has_phone", web_nonempty(sc->phone));
	if (web_nonempty(sc->phone))
		tv_set_str(m, "phone_href", web_tel_href(a, sc->phone));
	tv_set_str(m, "fax", sc->fax);
	tv_set_bool(m, "has_fax", web_nonempty(sc->fax));
	tv_set_str(m, "email", sc->email);
	tv_set_bool(m, "has_email", web_nonempty(sc->email));
	tv_set_str(m, "responsible", sc->responsible);
	tv_set_bool(m, "has_responsible", web_nonempty(sc->responsible));
	tv_set_str(m, "responsible_title", sc->responsible_title);
	tv_set_bool(m, "has_responsible_title",
	            web_nonempty(sc->responsible_title));
	tv_set_str(m, "licence", sc->licence);
	tv_set_bool(m, "has_licence", web_nonempty(sc->licence));
	/* The link goes into an href: only an http(s) URL, never a
	 * javascript: one, whatever the configuration says. */
	tv_set_str(m, "public_service_url", sc->public_service_url);
	tv_set_bool(m, "has_public_service",
	            web_url_is_http(sc->public_service_url));
	if (web_nonempty(sc->copyright))
		tv_set_str(m, "copyright", sc->copyright);
	else
		tv_set_strf(m, "copyright", "© %d %s", tm.tm_year + 1900,
		            sc->name);
	return m;
}

struct tval *
web_ctx(struct req *r, const struct catalog *cat,
        const struct cat_node *current)
{
	struct arena *a = r->arena;
	struct tval *ctx = tv_map(a), *nav = tv_list(a);
	const struct cat_node *root = current;

	while (root && root->parent)
		root = root->parent;
	tv_set(ctx, "site", site_map(a));
	for (size_t i = 0; cat && i < cat->nroots; i++) {
		const struct cat_node *n = cat->roots[i];
		struct tval *e;

		if (n->c.hidden)
			continue;
		e = tv_map(a);
		tv_set_str(e, "name", n->c.name);
		tv_set_str(e, "url", web_cat_path(a, &n->c));
		tv_set_bool(e, "current", n == root);
		tv_push(nav, e);
	}
	tv_set(ctx, "nav", nav);
	tv_set_bool(ctx, "has_nav", tv_len(nav) > 0);
	tv_set(ctx, "crumbs", tv_list(a));
	tv_set_bool(ctx, "has_crumbs", false);
	tv_set_bool(ctx, "demo", demo_site);
	tv_set_str(ctx, "version", TTDT_VERSION);
	return ctx;
}

struct tval *
web_page(struct req *r, struct tval *ctx, const char *title,
         const char *description, const char *path)
{
	struct arena *a = r->arena;
	struct tval *p = tv_map(a);
	bool home = !strcmp(path, "/");

	tv_set_str(p, "title", title);
	if (home || !strcmp(title, config.site.name))
		tv_set_str(p, "full_title", config.site.name);
	else
		tv_set_strf(p, "full_title", "%s | %s", title,
		            config.site.name);
	tv_set_str(p, "description",
	           web_nonempty(description) ? description
	                                     : config.site.description);
	tv_set_str(p, "canonical", web_abs(a, path));
	tv_set_str(p, "og_type", "website");
	tv_set_str(p, "og_image",
	           arena_printf(a, "%s/static/%s", config.site.base_url,
	                        config.site.logo));
	tv_set_str(p, "dc_creator", config.site.name);
	tv_set_bool(p, "has_dc_date", false);
	tv_set_bool(p, "noindex", false);
	tv_set_str(p, "feed_url", "/rss.xml");
	tv_set_str(p, "feed_title", config.site.name);
	tv_set_bool(p, "is_home", home);
	tv_set(ctx, "page", p);
	return p;
}

static struct tval *
crumb(struct arena *a, const char *name, const char *url)
{
	struct tval *c = tv_map(a);

	tv_set_str(c, "name", name);
	tv_set_str(c, "url", url ? url : "");
	tv_set_bool(c, "link", url != NULL);
	return c;
}

void
web_crumbs(struct req *r, struct tval *ctx, const struct cat_node *node,
           const char *last)
{
	struct arena *a = r->arena;
	struct tval *list = tv_list(a);
	const struct cat_node *chain[16];
	size_t n = 0;

	for (const struct cat_node *p = node; p && n < ARRAY_SIZE(chain);
	     p = p->parent)
		chain[n++] = p;
	while (n-- > 0) {
		const struct cat_node *p = chain[n];
		bool linked = (p != node || last) && web_cat_visible(p);

		tv_push(list, crumb(a, p->c.name,
		                    linked ? web_cat_path(a, &p->c) : NULL));
	}
	if (last)
		tv_push(list, crumb(a, last, NULL));
	tv_set(ctx, "crumbs", list);
	tv_set_bool(ctx, "has_crumbs", true);
}

const char *
web_thumb_url(struct arena *a, const char *path)
{
	struct buf b = BUF_INIT;
	const char *s;

	buf_adds(&b, "/media/");
	web_thumb_path(&b, path);
	s = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return s;
}

const char *
web_srcset(struct arena *a, const struct media *m, enum image_format f)
{
	struct buf b = BUF_INIT;
	const char *s;

	media_srcset(&b, m, "/media/", f);
	s = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return s;
}

struct tval *
web_card(struct arena *a, const struct item *it)
{
	struct tval *c = tv_map(a);
	bool thumb = web_nonempty(it->cover_image) &&
	             web_media_path_ok(it->cover_image);

	tv_set_str(c, "title", it->title);
	tv_set_str(c, "url", web_item_path(a, it));
	tv_set_str(c, "kind", web_kind_name(it->kind));
	tv_set_str(c, "date", web_time(a, it->published_at, VNTIME_DATE));
	tv_set_str(c, "date_iso", web_time(a, it->published_at, VNTIME_ISO));
	tv_set_str(c, "summary", it->summary ? it->summary : "");
	tv_set_bool(c, "has_summary", web_nonempty(it->summary));
	tv_set_bool(c, "has_thumb", thumb);
	if (thumb) {
		tv_set_str(c, "thumb", web_thumb_url(a, it->cover_image));
		/* The title is next to the picture: when no description
		 * was given, the picture is decoration (alt=""). */
		tv_set_str(c, "thumb_alt", it->cover_alt ? it->cover_alt : "");
	}
	return c;
}

struct tval *
web_cards(struct arena *a, const struct item_list *l)
{
	struct tval *list = tv_list(a);

	for (size_t i = 0; i < l->n; i++)
		tv_push(list, web_card(a, &l->v[i]));
	return list;
}

static const char *
page_url(struct arena *a, const char *path, const char *query, size_t n)
{
	bool q = query && *query;

	if (n <= 1)
		return q ? arena_printf(a, "%s?%s", path, query) : path;
	return arena_printf(a, "%s?%s%strang=%zu", path, q ? query : "",
	                    q ? "&" : "", n);
}

struct tval *
web_pager(struct arena *a, const char *path, const char *query, size_t page,
          size_t pages)
{
	struct tval *m = tv_map(a), *list = tv_list(a);
	size_t win[16], n;

	n = web_page_window(page, pages, win, ARRAY_SIZE(win));
	tv_set_bool(m, "has_pager", pages > 1);
	tv_set_int(m, "page", (int64_t)page);
	tv_set_int(m, "pages", (int64_t)pages);
	tv_set_bool(m, "has_prev", page > 1 && page <= pages);
	if (page > 1 && page <= pages)
		tv_set_str(m, "prev_url", page_url(a, path, query, page - 1));
	tv_set_bool(m, "has_next", page < pages);
	if (page < pages)
		tv_set_str(m, "next_url", page_url(a, path, query, page + 1));
	for (size_t i = 0; i < n; i++) {
		struct tval *e = tv_map(a);

		tv_set_bool(e, "gap", win[i] == 0);
		tv_set_bool(e, "current", win[i] == page);
		tv_set_int(e, "num", (int64_t)win[i]);
		tv_set_str(e, "url",
		           win[i] ? page_url(a, path, query, win[i]) : "");
		tv_push(list, e);
	}
	tv_set(m, "numbers", list);
	return m;
}

struct tval *
web_search_form(struct arena *a, const struct catalog *cat, const char *q,
                const char *cat_slug, const char *from, const char *to)
{
	struct tval *m = tv_map(a), *opts = tv_list(a);

	tv_set_str(m, "q", q ? q : "");
	tv_set_str(m, "from", from ? from : "");
	tv_set_str(m, "to", to ? to : "");
	for (size_t i = 0; cat && i < cat->nall; i++) {
		const struct cat_node *n = cat->all[i];
		struct tval *o;

		if (!web_cat_visible(n))
			continue;
		o = tv_map(a);
		tv_set_str(o, "slug", n->c.slug);
		tv_set_str(o, "label", web_cat_label(a, n));
		tv_set_bool(o, "selected",
		            cat_slug && !strcmp(cat_slug, n->c.slug));
		tv_push(opts, o);
	}
	tv_set(m, "sections", opts);
	return m;
}

const char *
web_cat_tags(struct arena *a, const struct cat_node *node)
{
	struct buf b = BUF_INIT;
	const char *s;

	for (; node; node = node->parent)
		buf_addf(&b, "cat:%lld ", (long long)node->c.id);
	buf_adds(&b, "site");
	s = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return s;
}

void
web_render(struct req *r, struct resp *rs, const char *name, struct tval *ctx)
{
	size_t start = rs->body.len;

	if (!tpls || tpl_render(tpls, name, ctx, &rs->body) != 0) {
		log_errx("cannot render template '%s' for '%s'%s", name,
		         r->path,
		         buf_err(&rs->body) ? " (page too large)" : "");
		buf_truncate(&rs->body, start);
		http_error(r, rs, 500, NULL);
		return;
	}
	rs->content_type = "text/html; charset=utf-8";
}

void
web_fail(struct req *r, struct resp *rs, enum err e)
{
	static const int status[ERR__MAX] = {
	        /* ERR_OK */ 500,
	        /* ERR_NOTFOUND */ 404,
	        /* ERR_CONFLICT */ 409,
	        /* ERR_INVALID */ 400,
	        /* ERR_DENIED */ 403,
	        /* ERR_BUSY */ 503,
	        /* ERR_IO */ 500,
	        /* ERR_DB */ 500,
	        /* ERR_GONE */ 410,
	};

	http_error(r, rs, (unsigned)e < ERR__MAX ? status[e] : 500, NULL);
}

static const struct web_error *
error_for(int status)
{
	for (size_t i = 0; i < ARRAY_SIZE(web_errors); i++)
		if (web_errors[i].status == status)
			return &web_errors[i];
	return &web_error_other;
}

/*
 * The error renderer the http layer calls for every error status.  It
 * replaces whatever the handler had written.  If the template itself
 * fails, the body is left empty so the http layer's built-in page is
 * sent instead.
 */
static void
render_error(struct req *r, struct resp *rs, int status, const char *message)
{
	const struct web_error *e = error_for(status);
	struct catalog *cat = catalog_get();
	struct tval *ctx, *page;

	buf_reset(&rs->body);
	rs->status = status;
	rs->content_type = "text/html; charset=utf-8";
	rs->cache_tags = NULL;
	rs->view_item = rs->view_category = 0;
	rs->file_path = NULL;
	rs->max_age = -1;

	ctx = web_ctx(r, cat, NULL);
	page = web_page(r, ctx, e->title, e->message, r->path ? r->path : "/");
	tv_set_bool(page, "noindex", true);
	tv_set_int(ctx, "status", status);
	tv_set_str(ctx, "title", e->title);
	tv_set_str(ctx, "message", message && *message ? message : e->message);
	tv_set_str(ctx, "hint", e->hint);
	tv_set_bool(ctx, "show_search", status == 404 || status == 410);
	if (status == 404 || status == 410)
		tv_set(ctx, "search",
		       web_search_form(r->arena, cat, NULL, NULL, NULL, NULL));
	tv_set_bool(ctx, "show_home", true);
	web_crumbs(r, ctx, NULL, e->title);
	if (!tpls || tpl_render(tpls, "error", ctx, &rs->body) != 0) {
		log_errx("cannot render the error page for status %d", status);
		buf_reset(&rs->body);
	}
	catalog_put(cat);
}

static void
invalidate_one(const char *tag, void *arg)
{
	(void)arg;
	pagecache_invalidate_tag(tag);
}

/* content_changed(tags) from the domain: drop those pages. */
static void
on_content_changed(const char *tags)
{
	web_tags_each(tags, invalidate_one, NULL);
}

int
web_init(struct store *s, struct buf *err)
{
	const char *dirs[2];
	size_t ndirs = 0;
	struct arena a = ARENA_INIT;
	const char *v = NULL;
	struct tpl_set *set;
	size_t missing = 0;
	static const char *const needed[] = {
	        "layout",
	        "home",
	        "section",
	        "item",
	        "print",
	        "save",
	        "search",
	        "sitemap",
	        "accessibility",
	        "error",
	        "admin/login",
	        "admin/dashboard",
	        "admin/profile",
	        "admin/password",
	        "admin/users",
	        "admin/units",
	        "admin/second-factor",
	        "admin/enrol",
	        "admin/enrol-done",
	        "admin/user-new",
	        "admin/user",
	        "admin/user-link",
	        "admin/reset",
	        "admin/reset-gone",
	        "admin/audit",
	        "admin/forgot",
	        "admin/queue",
	        /* ---- item editor ---- */
	        "admin/item-new",
	        "admin/item-edit",
	        /* ---- item page ---- */
	        "admin/item",
	        "admin/item-revisions",
	        /* ---- media ---- */
	        "admin/media-library",
	        "admin/media-upload",
	        "admin/media-file",
	        "admin/item-media",
	        /* ---- sections ---- */
	        "admin/sections",
	        "admin/section-new",
	        "admin/section-edit",
	        /* ---- contributions ---- */
	        "contribute",
	        "contribute-done",
	        "contribute-status",
	        /* ---- notifications ---- */
	        "admin/notifications",
	        /* ---- photo library ---- */
	        "photo-library",
	};

	web_store = s;
	if (admin_init(err) != 0)
		return -1;
	dirs[ndirs++] = config.templates_dir;
	if (web_nonempty(config.theme_dir))
		dirs[ndirs++] = config.theme_dir;
	set = tpl_set_new();
	if (tpl_set_load_dirs(set, dirs, ndirs, err) != 0) {
		tpl_set_free(set);
		return -1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(needed); i++) {
		if (!tpl_set_has(set, needed[i])) {
			buf_addf(err, "%s: template '%s' is missing\n",
			         config.templates_dir, needed[i]);
			missing++;
		}
	}
	if (missing) {
		tpl_set_free(set);
		return -1;
	}
	tpls = set;

	arena_init(&a, 1024);
	demo_site = store_setting_get(s, &a, "demo", &v) == ERR_OK && v &&
	            !strcmp(v, "1");
	arena_release(&a);

	http_set_error_renderer(render_error);
	content_set_change_hook(on_content_changed);
	return 0;
}

void
web_shutdown(void)
{
	if (tpls) {
		http_set_error_renderer(NULL);
		content_set_change_hook(NULL);
	}
	tpl_set_free(tpls);
	tpls = NULL;
	web_store = NULL;
}
