/*
 * The public directory of the Department's units (Điều 8.1: "chức năng,
 * nhiệm vụ, địa chỉ, số điện thoại, thư điện tử" of the Department and
 * its units), read from the unit records the IT administrator keeps in
 * the newsroom (admin_units.c) or with `ttdt unit`.  Open units only,
 * grouped by kind in the kinds' order (the Office, divisions and
 * centres, then the district justice offices), each with its contacts
 * and its focal point (Điều 9.1.a).  A closed unit does not appear: it
 * is kept in history, not published.
 *
 * Why a page of its own and not a block inside the sections "Cơ cấu tổ
 * chức" / "Các phòng, đơn vị thuộc Sở": those sections are the
 * Secretariat's to rename, move or hide (Điều 16.3), so keying a
 * directory to one of them by slug would break silently; the section
 * keeps the articles on functions and duties, and this page, placed
 * under "Giới thiệu" in the breadcrumbs and linked from every page's
 * footer, holds the contacts that come from the records.
 *
 * Why it is not in the page cache: units also change through `ttdt
 * unit`, a separate process that cannot reach the server's memory to
 * drop a cached copy, so a cached directory could show a closed unit or
 * an old phone number until the next restart.  The page is one short
 * query over a few dozen rows, so it is rendered on every request and
 * browsers may keep it for a minute only (UNITS_MAX_AGE).
 */
#include "common.h"

#include "catalog.h"
#include "web_int.h"

#define UNITS_PUBLIC_PATH "/gioi-thieu/don-vi"
#define UNITS_MAX_AGE 60 /* seconds a browser may reuse the page */

/* Section slugs the page hangs under, if the Secretariat kept them. */
#define UNITS_INTRO_SLUG "gioi-thieu"
#define UNITS_SECTION_SLUG "cac-phong-don-vi-thuoc-so"

/* Sets key to s when s is not empty; the template tests the key. */
static void
set_opt(struct tval *m, const char *key, const char *s)
{
	if (web_nonempty(s))
		tv_set_str(m, key, s);
}

/* One unit's card: name, parent, contacts, focal point. */
static struct tval *
unit_card(struct req *r, const struct unit *u, const struct unit *v, size_t n)
{
	struct arena *a = r->arena;
	struct tval *m = tv_map(a);
	struct user focal;
	bool has_focal = false;

	tv_set_str(m, "name", u->name);
	tv_set_str(m, "id", arena_printf(a, "don-vi-%lld", (long long)u->id));
	for (size_t i = 0; u->parent_id && i < n; i++)
		if (v[i].id == u->parent_id && !v[i].closed_at)
			tv_set_str(m, "parent", v[i].name);
	set_opt(m, "address", u->address);
	set_opt(m, "phone", u->phone);
	if (web_nonempty(u->phone))
		tv_set_str(m, "phone_href", web_tel_href(a, u->phone));
	set_opt(m, "fax", u->fax);
	set_opt(m, "email", u->email);
	/* A disabled account is nobody's contact any more. */
	if (u->focal_user_id &&
	    store_user_get(web_store, a, u->focal_user_id, &focal) == ERR_OK &&
	    focal.active) {
		tv_set_str(m, "focal", focal.full_name);
		set_opt(m, "focal_title", focal.title);
		has_focal = true;
	}
	tv_set_bool(m, "has_contacts",
	            has_focal || web_nonempty(u->address) ||
	                    web_nonempty(u->phone) || web_nonempty(u->fax) ||
	                    web_nonempty(u->email));
	return m;
}

void
pub_units(struct req *r, struct resp *rs)
{
	struct arena *a = r->arena;
	struct catalog *cat = catalog_get();
	const struct cat_node *intro = NULL, *sect = NULL;
	struct tval *ctx, *groups = tv_list(a), *group = NULL, *list = NULL;
	struct unit *v;
	int64_t kind = 0;
	size_t n;
	enum err e;

	if ((e = store_units(web_store, a, &v, &n)) != ERR_OK) {
		catalog_put(cat);
		web_fail(r, rs, e);
		return;
	}
	if (cat) {
		intro = catalog_find_slug(cat, UNITS_INTRO_SLUG);
		sect = catalog_find_slug(cat, UNITS_SECTION_SLUG);
	}
	if (intro && !web_cat_visible(intro))
		intro = NULL;
	if (sect && !web_cat_visible(sect))
		sect = NULL;
	ctx = web_ctx(r, cat, intro);
	web_page(r, ctx, "Các phòng, đơn vị thuộc Sở",
	         "Địa chỉ, số điện thoại, fax, thư điện tử và người làm đầu "
	         "mối của các phòng, đơn vị thuộc Sở và các Phòng Tư pháp.",
	         UNITS_PUBLIC_PATH);
	web_crumbs(r, ctx, intro, "Các phòng, đơn vị thuộc Sở");
	/* store_units gives open units first, by kind and position. */
	for (size_t i = 0; i < n && !v[i].closed_at; i++) {
		if (!group || v[i].kind_id != kind) {
			group = tv_map(a);
			list = tv_list(a);
			kind = v[i].kind_id;
			tv_set_str(group, "kind", v[i].kind_name);
			tv_set_str(
			        group, "id",
			        arena_printf(a, "loai-%lld", (long long)kind));
			tv_set(group, "units", list);
			tv_push(groups, group);
		}
		tv_push(list, unit_card(r, &v[i], v, n));
	}
	tv_set(ctx, "groups", groups);
	tv_set_bool(ctx, "has_units", tv_len(groups) > 0);
	if (sect) {
		tv_set_str(ctx, "section_url", web_cat_path(a, &sect->c));
		tv_set_str(ctx, "section_name", sect->c.name);
	}
	web_render(r, rs, "units", ctx);
	if (rs->status == 200 || rs->status == 0)
		rs->max_age = UNITS_MAX_AGE;
	catalog_put(cat);
}
