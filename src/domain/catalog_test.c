/*
 * Tests of the in-memory section tree: shape, order, lookups, reload with
 * readers holding the old snapshot.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "catalog.h"
#include "store_fixture.h"

static char path[FIXTURE_PATH_MAX];
static struct store *s;

static int64_t
add(int64_t parent, const char *slug, int pos)
{
	struct category c = {0};

	c.parent_id = parent;
	c.slug = slug;
	c.name = slug;
	c.position = pos;
	assert_int_equal(store_category_insert(s, &c), ERR_OK);
	return c.id;
}

static int
setup(void **state)
{
	(void)state;
	assert_int_equal(fixture_db_open(path, "catalog", &s), ERR_OK);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	catalog_shutdown();
	fixture_db_remove(s, path);
	return 0;
}

static void
test_catalog__tree(void **state)
{
	int64_t news, intro, n1, n2, n2a;
	struct catalog *c;
	const struct cat_node *node;

	(void)state;
	/* Inserted out of position order on purpose. */
	news = add(0, "tin-tuc", 2);
	intro = add(0, "gioi-thieu", 1);
	n2 = add(news, "tin-tinh", 2);
	n1 = add(news, "tin-so", 1);
	n2a = add(n2, "tin-huyen", 1);
	assert_int_equal(catalog_reload(s), ERR_OK);
	c = catalog_get();
	assert_non_null(c);
	assert_int_equal(c->nroots, 2);
	assert_int_equal(c->roots[0]->c.id, intro);
	assert_int_equal(c->roots[1]->c.id, news);
	assert_int_equal(c->nall, 5);
	/* Pre-order: intro, news, n1, n2, n2a. */
	assert_int_equal(c->all[0]->c.id, intro);
	assert_int_equal(c->all[1]->c.id, news);
	assert_int_equal(c->all[2]->c.id, n1);
	assert_int_equal(c->all[3]->c.id, n2);
	assert_int_equal(c->all[4]->c.id, n2a);
	assert_int_equal(c->all[4]->depth, 2);
	assert_int_equal(c->roots[1]->nchildren, 2);
	assert_int_equal(c->roots[1]->children[0]->c.id, n1);

	node = catalog_find_slug(c, "tin-huyen");
	assert_non_null(node);
	assert_int_equal(node->c.id, n2a);
	assert_ptr_equal(node->parent->parent, c->roots[1]);
	assert_ptr_equal(catalog_find_id(c, n1), c->all[2]);
	assert_null(catalog_find_id(c, 9999));
	assert_null(catalog_find_slug(c, "khong-co"));
	assert_null(catalog_find_slug(c, NULL));
	for (size_t i = 0; i < c->nall; i++) {
		assert_ptr_equal(catalog_find_id(c, c->all[i]->c.id),
		                 c->all[i]);
		assert_ptr_equal(catalog_find_slug(c, c->all[i]->c.slug),
		                 c->all[i]);
	}
	assert_true(catalog_is_within(node, n2a));
	assert_true(catalog_is_within(node, n2));
	assert_true(catalog_is_within(node, news));
	assert_false(catalog_is_within(node, intro));
	assert_false(catalog_is_within(node, n1));
	assert_false(catalog_is_within(NULL, news));
	catalog_put(c);
}

static void
test_catalog__reload_keeps_readers(void **state)
{
	struct catalog *old, *cur;
	int64_t a;

	(void)state;
	a = add(0, "mot", 1);
	assert_int_equal(catalog_reload(s), ERR_OK);
	old = catalog_get();
	assert_int_equal(old->nall, 1);
	add(a, "hai", 1);
	assert_int_equal(catalog_reload(s), ERR_OK);
	cur = catalog_get();
	/* The reader still sees its snapshot, intact. */
	assert_int_equal(old->nall, 1);
	assert_string_equal(old->all[0]->c.slug, "mot");
	assert_int_equal(cur->nall, 2);
	assert_non_null(catalog_find_slug(cur, "hai"));
	assert_null(catalog_find_slug(old, "hai"));
	catalog_put(old);
	catalog_put(cur);
}

static void
test_catalog__empty(void **state)
{
	struct catalog *c;

	(void)state;
	assert_int_equal(catalog_reload(s), ERR_OK);
	c = catalog_get();
	assert_non_null(c);
	assert_int_equal(c->nall, 0);
	assert_null(catalog_find_id(c, 1));
	catalog_put(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_catalog__tree, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_catalog__reload_keeps_readers, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_catalog__empty, setup,
	                                        teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
