/*
 * The section tree in the newsroom (issue 4 item 10; Điều 16.3): the
 * Secretariat and the Board's leaders list the sections with their item
 * counts, add, edit (name, parent, description, owning unit, the
 * activity-news flag of Điều 9.1.b, hidden), reorder among siblings,
 * hide and show, and delete a section only while nothing refers to it.
 *
 * The guard (admin.c) has checked the session, ADMIN_SECTIONS and, on
 * POST, the form token.  The rules (the two-level tree, unique slugs,
 * an open owning unit, what may be deleted), the audit, the catalog
 * reload and the page-cache drop are the domain's (section.c); this file
 * turns form text into a section_input, shows the domain's per-field
 * messages (422, values as typed) and redirects (303) after each change
 * so that a reload never posts twice.
 *
 * Slugs: a rename keeps the public address unless "đổi cả địa chỉ" is
 * ticked; the page says that old links then stop working, since there
 * is no table of old addresses to redirect from.
 */
#include "common.h"

#include "log.h"
#include "section.h"
#include "utf8.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

#define SECTIONS_PATH "/quan-tri/chuyen-muc"

/* Everything the pages show, read once per request. */
struct sec_data {
	struct category *cats;
	size_t ncats;
	struct unit *units;
	size_t nunits;
	struct section_count *counts;
	size_t ncounts;
};

static enum err
data_load(struct req *r, struct sec_data *d)
{
	enum err e;

	if ((e = store_categories(web_store, r->arena, &d->cats, &d->ncats)) !=
	    ERR_OK)
		return e;
	if ((e = store_units(web_store, r->arena, &d->units, &d->nunits)) !=
	    ERR_OK)
		return e;
	return store_section_counts(web_store, r->arena, &d->counts,
	                            &d->ncounts);
}

static const struct category *
data_cat(const struct sec_data *d, int64_t id)
{
	for (size_t i = 0; i < d->ncats; i++)
		if (d->cats[i].id == id)
			return &d->cats[i];
	return NULL;
}

static const struct unit *
data_unit(const struct sec_data *d, int64_t id)
{
	for (size_t i = 0; i < d->nunits; i++)
		if (d->units[i].id == id)
			return &d->units[i];
	return NULL;
}

static const struct section_count *
data_count(const struct sec_data *d, int64_t id)
{
	static const struct section_count none;

	for (size_t i = 0; i < d->ncounts; i++)
		if (d->counts[i].category_id == id)
			return &d->counts[i];
	return &none;
}

static bool
same_id(const char *v, int64_t id)
{
	int64_t x;

	return web_parse_id(v, &x) && x == id;
}

/* ---- the form ---- */

/* Form names, also the inputs' ids, indexed by enum section_field. */
static const char *const field_key[SECTION_F__MAX] = {
        "ten",    /* SECTION_F_NAME */
        "cha",    /* SECTION_F_PARENT */
        "mo_ta",  /* SECTION_F_DESCRIPTION */
        "don_vi", /* SECTION_F_UNIT */
};

struct sec_form {
	const char *value[SECTION_F__MAX]; /* as typed (trimmed, NFC) */
	bool activity_news, hidden, new_slug;
	struct section_problems pr;
	struct section_input in;
};

static bool
checkbox(struct req *r, const char *key)
{
	const char *v = req_form(r, key);

	return v && !strcmp(v, "1");
}

/* Reads the posted fields into f; a select's value that is not an id
 * becomes an id no section or unit has, so the domain names it. */
static void
form_read(struct req *r, struct sec_form *f)
{
	int64_t id;

	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < SECTION_F__MAX; i++)
		f->value[i] = admin_form_text(r, field_key[i]);
	f->activity_news = checkbox(r, "tin_hoat_dong");
	f->hidden = checkbox(r, "an");
	f->new_slug = checkbox(r, "doi_dia_chi");
	f->in.name = f->value[SECTION_F_NAME];
	f->in.description = f->value[SECTION_F_DESCRIPTION];
	f->in.parent_id = !*f->value[SECTION_F_PARENT]                    ? 0
	                  : web_parse_id(f->value[SECTION_F_PARENT], &id) ? id
	                                                                  : -1;
	f->in.owner_unit_id = !*f->value[SECTION_F_UNIT] ? 0
	                      : web_parse_id(f->value[SECTION_F_UNIT], &id)
	                              ? id
	                              : -1;
	f->in.activity_news = f->activity_news;
	f->in.hidden = f->hidden;
	f->in.new_slug = f->new_slug;
}

static void
form_from_cat(struct req *r, const struct category *c, struct sec_form *f)
{
	memset(f, 0, sizeof(*f));
	f->value[SECTION_F_NAME] = c->name;
	f->value[SECTION_F_DESCRIPTION] = c->description;
	f->value[SECTION_F_PARENT] =
	        c->parent_id ? arena_printf(r->arena, "%lld",
	                                    (long long)c->parent_id)
	                     : "";
	f->value[SECTION_F_UNIT] =
	        c->owner_unit_id ? arena_printf(r->arena, "%lld",
	                                        (long long)c->owner_unit_id)
	                         : "";
	f->activity_news = c->activity_news;
	f->hidden = c->hidden;
}

/* The "f" map the section-fields partial reads. */
static struct tval *
form_view(struct req *r, const struct sec_data *d, const struct sec_form *f,
          const struct category *self)
{
	struct arena *a = r->arena;
	struct tval *m = tv_map(a), *errs = tv_list(a);
	struct tval *parents = tv_list(a), *units = tv_list(a);
	bool has_children = false;

	for (size_t i = 0; i < SECTION_F__MAX; i++) {
		struct tval *fm = tv_map(a);

		tv_set_str(fm, "value", f->value[i] ? f->value[i] : "");
		if (f->pr.msg[i]) {
			struct tval *e = tv_map(a);

			tv_set_str(fm, "error", f->pr.msg[i]);
			tv_set_str(e, "key", field_key[i]);
			tv_set_str(e, "message", f->pr.msg[i]);
			tv_push(errs, e);
		}
		tv_set(m, field_key[i], fm);
	}
	for (size_t i = 0; self && i < d->ncats; i++)
		has_children |= d->cats[i].parent_id == self->id;
	/* Parents: main sections but self (a two-level tree); none at all
	 * for a section that has subsections. */
	for (size_t i = 0; !has_children && i < d->ncats; i++) {
		const struct category *c = &d->cats[i];
		struct tval *o;

		if (c->parent_id || (self && c->id == self->id))
			continue;
		o = tv_map(a);
		tv_set_int(o, "id", c->id);
		tv_set_str(o, "name", c->name);
		tv_set_bool(o, "selected",
		            same_id(f->value[SECTION_F_PARENT], c->id));
		tv_push(parents, o);
	}
	for (size_t i = 0; i < d->nunits; i++) {
		const struct unit *u = &d->units[i];
		struct tval *o;

		if (u->closed_at && !(self && self->owner_unit_id == u->id))
			continue;
		o = tv_map(a);
		tv_set_int(o, "id", u->id);
		tv_set_str(o, "name",
		           u->closed_at
		                   ? arena_printf(a, "%s (đã đóng)", u->name)
		                   : u->name);
		tv_set_bool(o, "selected",
		            same_id(f->value[SECTION_F_UNIT], u->id));
		tv_push(units, o);
	}
	tv_set(m, "parents", parents);
	tv_set_bool(m, "has_children", has_children);
	tv_set(m, "units", units);
	tv_set_bool(m, "activity_news", f->activity_news);
	tv_set_bool(m, "hidden", f->hidden);
	tv_set_bool(m, "new_slug", f->new_slug);
	tv_set(m, "errors", errs);
	tv_set_bool(m, "has_errors", f->pr.n > 0);
	return m;
}

static const char *
errors_summary(struct arena *a, const struct sec_form *f)
{
	if (f->pr.n == 1)
		return "Chưa lưu được: có 1 mục cần sửa.";
	return arena_printf(a, "Chưa lưu được: có %zu mục cần sửa.", f->pr.n);
}

/* ---- the list ---- */

static struct tval *
list_row(struct req *r, const struct sec_data *d, const struct category *c,
         bool first, bool last)
{
	struct arena *a = r->arena;
	struct tval *m = tv_map(a);
	const struct section_count *n = data_count(d, c->id);
	const struct unit *u = data_unit(d, c->owner_unit_id);
	const char *path =
	        arena_printf(a, SECTIONS_PATH "/%lld", (long long)c->id);
	const struct category *p = data_cat(d, c->parent_id);

	tv_set_int(m, "id", c->id);
	tv_set_str(m, "name", c->name);
	tv_set_str(m, "url", path);
	tv_set_str(m, "public_url", web_cat_path(a, c));
	tv_set_bool(m, "sub", c->parent_id != 0);
	tv_set_str(m, "parent", p ? p->name : "");
	tv_set_int(m, "items", n->items);
	tv_set_int(m, "published", n->published);
	tv_set_bool(m, "hidden", c->hidden);
	tv_set_bool(m, "parent_hidden", p && p->hidden);
	tv_set_bool(m, "activity_news", c->activity_news);
	tv_set_str(m, "unit", u ? u->name : "");
	tv_set_bool(m, "can_up", !first);
	tv_set_bool(m, "can_down", !last);
	tv_set_str(m, "up", arena_printf(a, "%s/len", path));
	tv_set_str(m, "down", arena_printf(a, "%s/xuong", path));
	tv_set_str(m, "toggle",
	           arena_printf(a, "%s/%s", path, c->hidden ? "hien" : "an"));
	return m;
}

/* Appends the rows of the children of parent (0: main sections) in
 * their order, each main section followed by its subsections. */
static void
list_rows(struct req *r, const struct sec_data *d, int64_t parent,
          struct tval *rows)
{
	size_t k = 0, seen = 0;

	for (size_t i = 0; i < d->ncats; i++)
		k += d->cats[i].parent_id == parent;
	/* store_categories orders siblings by position, id. */
	for (size_t i = 0; i < d->ncats; i++) {
		const struct category *c = &d->cats[i];

		if (c->parent_id != parent)
			continue;
		seen++;
		tv_push(rows, list_row(r, d, c, seen == 1, seen == k));
		if (!parent)
			list_rows(r, d, c->id, rows);
	}
}

static const char *
list_notice(const char *q)
{
	static const struct {
		const char *code, *text;
	} notices[] = {
	        {"da-sap-xep", "Đã đổi thứ tự chuyên mục."},
	        {"da-an", "Đã ẩn chuyên mục khỏi Trang thông tin điện tử."},
	        {"da-hien", "Chuyên mục đã hiện trở lại trên Trang thông tin "
	                    "điện tử."},
	        {"da-xoa", "Đã xóa chuyên mục."},
	};

	for (size_t i = 0; q && i < ARRAY_SIZE(notices); i++)
		if (!strcmp(q, notices[i].code))
			return notices[i].text;
	return NULL;
}

void
admin_sections(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct tval *ctx = admin_ctx_view(r, c, "Chuyên mục", SECTIONS_PATH);
	struct tval *rows = tv_list(r->arena);
	const char *notice = list_notice(req_query(r, "thong-bao"));
	struct sec_data d;
	enum err e;

	if ((e = data_load(r, &d)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	list_rows(r, &d, 0, rows);
	tv_set(ctx, "sections", rows);
	tv_set_int(ctx, "count", (int64_t)d.ncats);
	tv_set_str(ctx, "notice", notice ? notice : "");
	tv_set_bool(ctx, "has_notice", notice != NULL);
	tv_set_bool(ctx, "nav_sections", true);
	web_render(r, rs, "admin/sections", ctx);
}

/* ---- adding ---- */

static void
render_new(struct req *r, struct resp *rs, struct admin_ctx *c,
           const struct sec_data *d, const struct sec_form *f,
           const char *error, int status)
{
	struct tval *ctx =
	        admin_ctx_view(r, c, "Thêm chuyên mục", SECTIONS_PATH "/moi");

	tv_set(ctx, "f", form_view(r, d, f, NULL));
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_bool(ctx, "nav_sections", true);
	web_render(r, rs, "admin/section-new", ctx);
	if (rs->status == 200)
		rs->status = status;
}

void
admin_section_new(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct sec_data d;
	struct sec_form f;
	const char *parent = req_query(r, "cha");
	const struct category *pc;
	int64_t pid;
	enum err e;

	if ((e = data_load(r, &d)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	memset(&f, 0, sizeof(f));
	for (size_t i = 0; i < SECTION_F__MAX; i++)
		f.value[i] = "";
	/* "Thêm chuyên mục con" links preselect the parent. */
	if (web_parse_id(parent, &pid) && (pc = data_cat(&d, pid)) &&
	    !pc->parent_id)
		f.value[SECTION_F_PARENT] = parent;
	render_new(r, rs, c, &d, &f, NULL, 200);
}

void
admin_section_create(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct audit_actor actor;
	struct sec_data d;
	struct sec_form f;
	int64_t id = 0;
	enum err e;

	if ((e = data_load(r, &d)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	form_read(r, &f);
	admin_actor(r, c, &actor);
	e = section_create(web_store, &actor, &f.in, c->now, &id, &f.pr);
	if (e == ERR_INVALID) {
		render_new(r, rs, c, &d, &f,
		           f.pr.n ? errors_summary(r->arena, &f)
		                  : "Chưa lưu được: cây chuyên mục vừa thay "
		                    "đổi. Vui lòng kiểm tra lại.",
		           422);
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot add section '%s': %s", f.in.name, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	resp_redirect(rs, 303,
	              arena_printf(r->arena,
	                           SECTIONS_PATH "/%lld?thong-bao=da-them",
	                           (long long)id));
}

/* ---- one section ---- */

/* The section of the path's :id; NULL (404 sent) for a malformed or
 * unknown id. */
static const struct category *
path_cat(struct req *r, struct resp *rs, const struct sec_data *d)
{
	const struct category *p = NULL;
	int64_t id;

	if (r->nparams < 1 || !web_parse_id(r->params[0], &id) ||
	    !(p = data_cat(d, id)))
		http_error(r, rs, 404, NULL);
	return p;
}

static const struct category *
edit_load(struct req *r, struct resp *rs, struct sec_data *d)
{
	enum err e;

	if ((e = data_load(r, d)) != ERR_OK) {
		web_fail(r, rs, e);
		return NULL;
	}
	return path_cat(r, rs, d);
}

/* What the delete part of the page says and offers. */
struct delete_view {
	bool confirmed;
	const char *error;
};

static void
render_edit(struct req *r, struct resp *rs, struct admin_ctx *c,
            const struct sec_data *d, const struct category *cat,
            const struct sec_form *f, const char *error,
            const struct delete_view *dv, int status)
{
	struct arena *a = r->arena;
	const char *path =
	        arena_printf(a, SECTIONS_PATH "/%lld", (long long)cat->id);
	struct tval *ctx = admin_ctx_view(r, c, cat->name, path);
	const char *q = req_query(r, "thong-bao");
	const char *notice = NULL;
	struct section_uses uses = {0};
	struct tval *del = tv_map(a);
	enum err e;

	if (!error && !(dv && dv->error) && q)
		notice = !strcmp(q, "da-them")  ? "Đã thêm chuyên mục."
		         : !strcmp(q, "da-luu") ? "Đã lưu thay đổi."
		                                : NULL;
	if ((e = section_uses(web_store, cat->id, &uses)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	tv_set_str(ctx, "name", cat->name);
	tv_set_str(ctx, "action", path);
	tv_set_str(ctx, "slug", cat->slug);
	tv_set_str(ctx, "public_url", web_cat_path(a, cat));
	tv_set_str(ctx, "notice", notice ? notice : "");
	tv_set_bool(ctx, "has_notice", notice != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set(ctx, "f", form_view(r, d, f, cat));
	tv_set_bool(ctx, "is_main", cat->parent_id == 0);
	tv_set_str(ctx, "add_child",
	           arena_printf(a, SECTIONS_PATH "/moi?cha=%lld",
	                        (long long)cat->id));
	tv_set_str(del, "action", arena_printf(a, "%s/xoa", path));
	tv_set_bool(del, "possible",
	            !uses.items && !uses.revisions && !uses.children);
	tv_set_int(del, "items", uses.items);
	tv_set_bool(del, "has_items", uses.items > 0);
	tv_set_int(del, "revisions", uses.revisions);
	tv_set_bool(del, "has_revisions", uses.revisions > 0);
	tv_set_int(del, "children", uses.children);
	tv_set_bool(del, "has_children", uses.children > 0);
	tv_set_bool(del, "confirmed", dv && dv->confirmed);
	tv_set_str(del, "error", dv && dv->error ? dv->error : "");
	tv_set_bool(del, "has_error", dv && dv->error);
	tv_set(ctx, "del", del);
	tv_set_bool(ctx, "nav_sections", true);
	web_render(r, rs, "admin/section-edit", ctx);
	if (rs->status == 200)
		rs->status = status;
}

void
admin_section_edit(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const struct category *cat;
	struct sec_data d;
	struct sec_form f;

	if (!(cat = edit_load(r, rs, &d)))
		return;
	form_from_cat(r, cat, &f);
	render_edit(r, rs, c, &d, cat, &f, NULL, NULL, 200);
}

void
admin_section_save(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const struct category *cat;
	struct audit_actor actor;
	struct sec_data d;
	struct sec_form f;
	enum err e;

	if (!(cat = edit_load(r, rs, &d)))
		return;
	form_read(r, &f);
	admin_actor(r, c, &actor);
	e = section_update(web_store, &actor, cat->id, &f.in, c->now, &f.pr);
	if (e == ERR_INVALID) {
		render_edit(r, rs, c, &d, cat, &f,
		            f.pr.n ? errors_summary(r->arena, &f)
		                   : "Chưa lưu được: cây chuyên mục vừa thay "
		                     "đổi. Vui lòng kiểm tra lại.",
		            NULL, 422);
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot save section %lld: %s", (long long)cat->id,
		         err_str(e));
		web_fail(r, rs, e);
		return;
	}
	resp_redirect(rs, 303,
	              arena_printf(r->arena,
	                           SECTIONS_PATH "/%lld?thong-bao=da-luu",
	                           (long long)cat->id));
}

/* The list again, at the section's row (its id is the row's anchor). */
static void
to_list(struct req *r, struct resp *rs, const char *notice, int64_t id)
{
	resp_redirect(rs, 303,
	              id ? arena_printf(r->arena,
	                                SECTIONS_PATH "?thong-bao=%s#cm-%lld",
	                                notice, (long long)id)
	                 : arena_printf(r->arena, SECTIONS_PATH "?thong-bao=%s",
	                                notice));
}

/* The buttons of the list: one step each, then back to the list. */
static void
list_step(struct req *r, struct resp *rs, struct admin_ctx *c, int delta,
          int hide)
{
	const struct category *cat;
	struct audit_actor actor;
	struct sec_data d;
	enum err e;

	if (!(cat = edit_load(r, rs, &d)))
		return;
	admin_actor(r, c, &actor);
	if (delta)
		e = section_move(web_store, &actor, cat->id, delta, c->now);
	else
		e = section_set_hidden(web_store, &actor, cat->id, hide > 0,
		                       c->now);
	if (e != ERR_OK) {
		log_errx("cannot change section %lld: %s", (long long)cat->id,
		         err_str(e));
		web_fail(r, rs, e);
		return;
	}
	to_list(r, rs,
	        delta      ? "da-sap-xep"
	        : hide > 0 ? "da-an"
	                   : "da-hien",
	        cat->id);
}

void
admin_section_up(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	list_step(r, rs, c, -1, 0);
}

void
admin_section_down(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	list_step(r, rs, c, +1, 0);
}

void
admin_section_hide(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	list_step(r, rs, c, 0, 1);
}

void
admin_section_show(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	list_step(r, rs, c, 0, -1);
}

void
admin_section_delete(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const struct category *cat;
	struct delete_view dv = {0};
	struct audit_actor actor;
	struct section_uses uses;
	struct sec_data d;
	struct sec_form f;
	int64_t parent;
	enum err e;

	if (!(cat = edit_load(r, rs, &d)))
		return;
	form_from_cat(r, cat, &f);
	dv.confirmed = checkbox(r, "xac_nhan");
	if (!dv.confirmed) {
		dv.error = "Vui lòng đánh dấu ô xác nhận trước khi xóa chuyên "
		           "mục.";
		render_edit(r, rs, c, &d, cat, &f, NULL, &dv, 422);
		return;
	}
	parent = cat->parent_id;
	admin_actor(r, c, &actor);
	e = section_delete(web_store, &actor, cat->id, c->now, &uses);
	if (e == ERR_CONFLICT) {
		dv.error = "Không xóa được: chuyên mục đang có tin, bài hoặc "
		           "chuyên mục con. Chuyên mục có nội dung chỉ có thể "
		           "ẩn đi.";
		render_edit(r, rs, c, &d, cat, &f, NULL, &dv, 409);
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot delete section %lld: %s", (long long)cat->id,
		         err_str(e));
		web_fail(r, rs, e);
		return;
	}
	to_list(r, rs, "da-xoa", parent);
}
