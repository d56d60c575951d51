/* Tests of section management (issue 4 item 10): slugs made unique,
 * validation, the two-level tree (no cycles, no third level), reordering
 * among siblings, hiding, deleting only what holds nothing, the audit
 * entries, and the catalog following every change in this process and,
 * through the generation setting, in others. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "catalog.h"
#include "config.h"
#include "content.h"
#include "section.h"
#include "seed.h"
#include "store_fixture.h"
#include "unit.h"

#define T0 ((time_t)1767225600)

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	struct audit_actor actor;
};

static char changed_tags[256];

static void
on_changed(const char *tags)
{
	snprintf(changed_tags, sizeof(changed_tags), "%s", tags);
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	config_defaults(&config);
	assert_int_equal(fixture_db_open(f->path, "section", &f->s), ERR_OK);
	arena_init(&f->a, 8192);
	f->actor = (struct audit_actor){0, "cli:test", ""};
	assert_int_equal(seed_sections(f->s), ERR_OK);
	assert_int_equal(unit_seed(f->s, &f->actor, T0), ERR_OK);
	assert_int_equal(catalog_reload(f->s), ERR_OK);
	changed_tags[0] = '\0';
	content_set_change_hook(on_changed);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	content_set_change_hook(NULL);
	catalog_shutdown();
	fixture_db_remove(f->s, f->path);
	arena_release(&f->a);
	config_release(&config);
	free(f);
	return 0;
}

/* The section with this slug, from the store. */
static struct category
by_slug(struct fx *f, const char *slug)
{
	struct category *v, none = {0};
	size_t n;

	assert_int_equal(store_categories(f->s, &f->a, &v, &n), ERR_OK);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].slug, slug))
			return v[i];
	fail_msg("no section '%s'", slug);
	return none;
}

static struct category
by_id(struct fx *f, int64_t id)
{
	struct category *v, none = {0};
	size_t n;

	assert_int_equal(store_categories(f->s, &f->a, &v, &n), ERR_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return v[i];
	fail_msg("no section %lld", (long long)id);
	return none;
}

static const char *
last_action(struct fx *f, int64_t *object_id)
{
	struct audit_entry e;

	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	if (object_id)
		*object_id = e.object_id;
	return e.action;
}

/* Positions of the children of parent, in order, as "1 2 3". */
static const char *
positions(struct fx *f, int64_t parent)
{
	struct category *v;
	size_t n;
	struct buf b = BUF_INIT;
	const char *out;

	assert_int_equal(store_categories(f->s, &f->a, &v, &n), ERR_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].parent_id == parent)
			buf_addf(&b, "%s%d", b.len ? " " : "", v[i].position);
	out = arena_strdup(&f->a, b.p);
	buf_release(&b);
	return out;
}

static void
test_section__create_slugs(void **state)
{
	struct fx *f = *state;
	struct category news = by_slug(f, "tin-tuc-su-kien");
	struct section_input in = {.name = "Tin hoạt động của Sở",
	                           .parent_id = news.id,
	                           .activity_news = true};
	struct section_problems pr;
	int64_t id, id3, oid;
	struct category c;
	struct catalog *cat;

	/* Taken by the seeded section: numbered. */
	assert_int_equal(section_create(f->s, &f->actor, &in, T0, &id, &pr),
	                 ERR_OK);
	c = by_id(f, id);
	assert_string_equal(c.slug, "tin-hoat-dong-cua-so-2");
	assert_true(c.activity_news);
	assert_int_equal(c.parent_id, news.id);
	assert_string_equal(last_action(f, &oid), "section.add");
	assert_int_equal(oid, id);
	assert_int_equal(section_create(f->s, &f->actor, &in, T0, &id3, &pr),
	                 ERR_OK);
	assert_string_equal(by_id(f, id3).slug, "tin-hoat-dong-cua-so-3");
	/* Last among its siblings, numbered on from them. */
	assert_string_equal(positions(f, news.id), "1 2 3 4 5 6");
	/* The catalog and the page cache follow at once. */
	cat = catalog_get();
	assert_non_null(catalog_find_slug(cat, "tin-hoat-dong-cua-so-3"));
	catalog_put(cat);
	assert_string_equal(changed_tags, "site");
}

static void
test_section__validation(void **state)
{
	struct fx *f = *state;
	struct category news = by_slug(f, "tin-tuc-su-kien");
	struct category sub = by_slug(f, "tin-hoat-dong-cua-so");
	struct section_input in = {.name = ""};
	struct section_problems pr;
	char longname[SECTION_NAME_MAX * 2 + 8];
	struct unit *units;
	size_t n, nsec;
	int64_t id;
	struct category *v;

	assert_int_equal(store_categories(f->s, &f->a, &v, &nsec), ERR_OK);
	assert_int_equal(section_create(f->s, &f->actor, &in, T0, &id, &pr),
	                 ERR_INVALID);
	assert_non_null(pr.msg[SECTION_F_NAME]);
	assert_int_equal(id, 0);
	/* 201 characters of two bytes each. */
	memset(longname, 0, sizeof(longname));
	for (size_t i = 0; i <= SECTION_NAME_MAX; i++)
		memcpy(longname + 2 * i, "\xc3\xa1", 2); /* á */
	in.name = longname;
	assert_false(section_check(v, nsec, NULL, 0, 0, &in, &pr));
	assert_non_null(pr.msg[SECTION_F_NAME]);
	longname[2 * SECTION_NAME_MAX] = '\0';
	assert_true(section_check(v, nsec, NULL, 0, 0, &in, &pr));
	in.name = "!!!";
	assert_false(section_check(v, nsec, NULL, 0, 0, &in, &pr));
	in.name = "Tab\there";
	assert_false(section_check(v, nsec, NULL, 0, 0, &in, &pr));
	in.name = "Ổn";
	in.description = "Hai dòng\nmô tả";
	assert_true(section_check(v, nsec, NULL, 0, 0, &in, &pr));
	/* A third level, an unknown parent. */
	in.parent_id = sub.id;
	assert_int_equal(section_create(f->s, &f->actor, &in, T0, &id, &pr),
	                 ERR_INVALID);
	assert_non_null(pr.msg[SECTION_F_PARENT]);
	in.parent_id = 999999;
	assert_false(section_check(v, nsec, NULL, 0, 0, &in, &pr));
	assert_non_null(pr.msg[SECTION_F_PARENT]);
	in.parent_id = news.id;
	/* Units: unknown, closed. */
	assert_int_equal(store_units(f->s, &f->a, &units, &n), ERR_OK);
	in.owner_unit_id = 999999;
	assert_int_equal(section_create(f->s, &f->actor, &in, T0, &id, &pr),
	                 ERR_INVALID);
	assert_non_null(pr.msg[SECTION_F_UNIT]);
	assert_int_equal(
	        unit_close(f->s, &f->actor, units[n - 1].id, 0, T0, NULL),
	        ERR_OK);
	in.owner_unit_id = units[n - 1].id;
	assert_int_equal(section_create(f->s, &f->actor, &in, T0, &id, &pr),
	                 ERR_INVALID);
	assert_non_null(pr.msg[SECTION_F_UNIT]);
	in.owner_unit_id = units[0].id;
	assert_int_equal(section_create(f->s, &f->actor, &in, T0, &id, &pr),
	                 ERR_OK);
	assert_int_equal(by_id(f, id).owner_unit_id, units[0].id);
	assert_string_equal(by_id(f, id).slug, "on");
}

static void
test_section__cycles(void **state)
{
	struct fx *f = *state;
	struct category news = by_slug(f, "tin-tuc-su-kien");
	struct category intro = by_slug(f, "gioi-thieu");
	struct category pbgd = by_slug(f, "pho-bien-giao-duc-phap-luat");
	struct category sub = by_slug(f, "tin-hoat-dong-cua-so");
	struct section_input in = {.name = news.name,
	                           .description = news.description};
	struct section_problems pr;

	/* A main section with subsections cannot go under another. */
	in.parent_id = intro.id;
	assert_int_equal(section_update(f->s, &f->actor, news.id, &in, T0, &pr),
	                 ERR_INVALID);
	assert_non_null(pr.msg[SECTION_F_PARENT]);
	/* Nor under itself. */
	in.parent_id = news.id;
	assert_int_equal(section_update(f->s, &f->actor, news.id, &in, T0, &pr),
	                 ERR_INVALID);
	/* Nor under its own subsection. */
	in.parent_id = sub.id;
	assert_int_equal(section_update(f->s, &f->actor, news.id, &in, T0, &pr),
	                 ERR_INVALID);
	assert_int_equal(by_id(f, news.id).parent_id, 0);
	/* A main section without subsections may become one; the main
	 * sections close the gap it leaves. */
	in.name = pbgd.name;
	in.description = pbgd.description;
	in.parent_id = intro.id;
	assert_int_equal(section_update(f->s, &f->actor, pbgd.id, &in, T0, &pr),
	                 ERR_OK);
	assert_int_equal(by_id(f, pbgd.id).parent_id, intro.id);
	assert_int_equal(by_id(f, pbgd.id).position, 5);
	assert_string_equal(positions(f, intro.id), "1 2 3 4 5");
	{
		/* Consecutive from 1 again. */
		struct buf want = BUF_INIT;
		struct category *v;
		size_t n, mains = 0;

		assert_int_equal(store_categories(f->s, &f->a, &v, &n), ERR_OK);
		for (size_t i = 0; i < n; i++)
			if (!v[i].parent_id)
				buf_addf(&want, "%s%zu", mains ? " " : "",
				         mains + 1),
				        mains++;
		assert_string_equal(positions(f, 0), want.p);
		buf_release(&want);
	}
	assert_string_equal(last_action(f, NULL), "section.edit");
}

static void
test_section__rename(void **state)
{
	struct fx *f = *state;
	struct category c = by_slug(f, "nghien-cuu-trao-doi");
	struct section_input in = {.name = "Nghiên cứu - Trao đổi nghiệp vụ",
	                           .description = c.description};
	struct section_problems pr;
	struct audit_entry e;

	assert_int_equal(section_update(f->s, &f->actor, c.id, &in, T0, &pr),
	                 ERR_OK);
	assert_string_equal(by_id(f, c.id).slug, "nghien-cuu-trao-doi");
	assert_string_equal(by_id(f, c.id).name,
	                    "Nghiên cứu - Trao đổi nghiệp vụ");
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	assert_string_equal(e.action, "section.edit");
	assert_non_null(
	        strstr(e.detail, "\"before\":\"Nghiên cứu, trao đổi\""));
	assert_null(strstr(e.detail, "slug"));
	in.new_slug = true;
	assert_int_equal(section_update(f->s, &f->actor, c.id, &in, T0, &pr),
	                 ERR_OK);
	assert_string_equal(by_id(f, c.id).slug,
	                    "nghien-cuu-trao-doi-nghiep-vu");
	/* Saving the same again writes nothing. */
	int64_t before = 0, after = 0;
	struct audit_entry x;

	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &x), ERR_OK);
	before = x.id;
	assert_int_equal(section_update(f->s, &f->actor, c.id, &in, T0, &pr),
	                 ERR_OK);
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &x), ERR_OK);
	after = x.id;
	assert_int_equal(before, after);
}

static void
test_section__reorder(void **state)
{
	struct fx *f = *state;
	struct category news = by_slug(f, "tin-tuc-su-kien");
	struct category a = by_slug(f, "tin-hoat-dong-cua-so");
	struct category b = by_slug(f, "tin-chi-dao-dieu-hanh-cua-bo-tu-phap");
	struct catalog *cat;
	const struct cat_node *node;
	int64_t n0, n1;
	struct audit_entry e;

	assert_int_equal(a.position, 1);
	assert_int_equal(b.position, 2);
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	n0 = e.id;
	/* Already first: nothing happens. */
	assert_int_equal(section_move(f->s, &f->actor, a.id, -1, T0), ERR_OK);
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	assert_int_equal(e.id, n0);
	assert_int_equal(section_move(f->s, &f->actor, a.id, +1, T0), ERR_OK);
	assert_int_equal(by_id(f, a.id).position, 2);
	assert_int_equal(by_id(f, b.id).position, 1);
	assert_string_equal(positions(f, news.id), "1 2 3 4");
	assert_string_equal(last_action(f, &n1), "section.move");
	assert_int_equal(n1, a.id);
	cat = catalog_get();
	node = catalog_find_id(cat, news.id);
	assert_int_equal(node->children[0]->c.id, b.id);
	assert_int_equal(node->children[1]->c.id, a.id);
	catalog_put(cat);
	/* Main sections too; the last one cannot go down. */
	assert_int_equal(section_move(f->s, &f->actor, news.id, -1, T0),
	                 ERR_OK);
	cat = catalog_get();
	assert_int_equal(cat->roots[0]->c.id, news.id);
	assert_int_equal(cat->roots[cat->nroots - 1]->c.position,
	                 (int)cat->nroots);
	n0 = cat->roots[cat->nroots - 1]->c.id;
	catalog_put(cat);
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	assert_int_equal(section_move(f->s, &f->actor, n0, +1, T0), ERR_OK);
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	assert_string_equal(e.action, "section.move");
	assert_int_equal(e.object_id, news.id);
	assert_int_equal(section_move(f->s, &f->actor, 999999, +1, T0),
	                 ERR_NOTFOUND);
	assert_int_equal(section_move(f->s, &f->actor, a.id, 2, T0),
	                 ERR_INVALID);
}

static void
test_section__hide(void **state)
{
	struct fx *f = *state;
	struct category c = by_slug(f, "nghien-cuu-trao-doi");

	assert_int_equal(section_set_hidden(f->s, &f->actor, c.id, true, T0),
	                 ERR_OK);
	assert_true(by_id(f, c.id).hidden);
	assert_string_equal(last_action(f, NULL), "section.hide");
	{
		struct catalog *cat = catalog_get();

		assert_true(catalog_find_id(cat, c.id)->c.hidden);
		catalog_put(cat);
	}
	assert_int_equal(section_set_hidden(f->s, &f->actor, c.id, false, T0),
	                 ERR_OK);
	assert_false(by_id(f, c.id).hidden);
	assert_string_equal(last_action(f, NULL), "section.show");
}

static void
test_section__delete(void **state)
{
	struct fx *f = *state;
	struct category news = by_slug(f, "tin-tuc-su-kien");
	struct category sub = by_slug(f, "tin-hoat-dong-cua-so");
	struct category last = by_slug(f, "tin-tu-phap-huyen-thanh-pho");
	struct section_input in = {.name = "Mục tạm", .parent_id = news.id};
	struct item it = {0};
	struct section_uses u;
	struct view_count vc = {0};
	int64_t id;

	/* Holds subsections. */
	assert_int_equal(section_delete(f->s, &f->actor, news.id, T0, &u),
	                 ERR_CONFLICT);
	assert_int_equal(u.children, 4);
	/* Holds an item (of any state). */
	it.kind = ITEM_KIND_TIN;
	it.state = ITEM_STATE_DRAFT;
	it.category_id = sub.id;
	it.title = "Bản nháp";
	it.slug = "ban-nhap";
	it.created_at = T0;
	assert_int_equal(store_item_insert(f->s, &it), ERR_OK);
	assert_int_equal(section_delete(f->s, &f->actor, sub.id, T0, &u),
	                 ERR_CONFLICT);
	assert_int_equal(u.items, 1);
	by_id(f, sub.id);
	/* An empty one goes, with its page views; the others close up. */
	assert_int_equal(section_create(f->s, &f->actor, &in, T0, &id, NULL),
	                 ERR_OK);
	vc.category_id = id;
	vc.day = 20260101;
	vc.count = 3;
	assert_int_equal(store_views_add(f->s, &vc, 1), ERR_OK);
	assert_int_equal(section_move(f->s, &f->actor, id, -1, T0), ERR_OK);
	assert_int_equal(by_id(f, last.id).position, 5);
	assert_int_equal(section_delete(f->s, &f->actor, id, T0, &u), ERR_OK);
	assert_string_equal(last_action(f, NULL), "section.delete");
	assert_string_equal(positions(f, news.id), "1 2 3 4");
	assert_int_equal(by_id(f, last.id).position, 4);
	{
		struct catalog *cat = catalog_get();

		assert_null(catalog_find_id(cat, id));
		catalog_put(cat);
	}
	assert_int_equal(section_delete(f->s, &f->actor, id, T0, &u),
	                 ERR_NOTFOUND);
}

/* Another process changes the tree: this one sees it within a second. */
static void
test_section__sync(void **state)
{
	struct fx *f = *state;
	struct category c = {0};
	struct catalog *cat;
	const char *g;

	section_catalog_sync(f->s, T0);
	c.slug = "tu-noi-khac";
	c.name = "Từ nơi khác";
	assert_int_equal(store_category_insert(f->s, &c), ERR_OK);
	assert_int_equal(store_setting_set(f->s, SECTION_GENERATION_KEY, "41"),
	                 ERR_OK);
	changed_tags[0] = '\0';
	/* The same second: not looked at again. */
	section_catalog_sync(f->s, T0);
	cat = catalog_get();
	assert_null(catalog_find_slug(cat, "tu-noi-khac"));
	catalog_put(cat);
	section_catalog_sync(f->s, T0 + 1);
	cat = catalog_get();
	assert_non_null(catalog_find_slug(cat, "tu-noi-khac"));
	catalog_put(cat);
	assert_string_equal(changed_tags, "site");
	/* Unchanged: no reload, no cache drop. */
	changed_tags[0] = '\0';
	section_catalog_sync(f->s, T0 + 2);
	assert_string_equal(changed_tags, "");
	/* Our own changes bump it. */
	assert_int_equal(section_set_hidden(f->s, &f->actor, c.id, true, T0),
	                 ERR_OK);
	assert_int_equal(
	        store_setting_get(f->s, &f->a, SECTION_GENERATION_KEY, &g),
	        ERR_OK);
	assert_string_equal(g, "42");
	changed_tags[0] = '\0';
	section_catalog_sync(f->s, T0 + 3);
	assert_string_equal(changed_tags, "");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        T(test_section__create_slugs), T(test_section__validation),
	        T(test_section__cycles),       T(test_section__rename),
	        T(test_section__reorder),      T(test_section__hide),
	        T(test_section__delete),       T(test_section__sync),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
