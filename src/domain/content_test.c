/*
 * Tests of public reading: which states the public sees, and the change
 * hook.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "content.h"
#include "store_fixture.h"

static char path[FIXTURE_PATH_MAX];
static struct store *s;
static struct arena a;
static int64_t cat;

static int
setup(void **state)
{
	struct category c = {0};

	(void)state;
	assert_int_equal(fixture_db_open(path, "content", &s), ERR_OK);
	c.slug = "tin-tuc";
	c.name = "Tin tức";
	assert_int_equal(store_category_insert(s, &c), ERR_OK);
	cat = c.id;
	arena_init(&a, 4096);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fixture_db_remove(s, path);
	arena_release(&a);
	return 0;
}

static int64_t
add(enum item_state st)
{
	struct item it = {0};

	it.kind = ITEM_KIND_TIN;
	it.state = st;
	it.category_id = cat;
	it.title = "Tin thử";
	it.slug = "tin-thu";
	it.created_at = 1700000000;
	it.published_at = st == ITEM_STATE_DRAFT ? 0 : 1700000000;
	assert_int_equal(store_item_insert(s, &it), ERR_OK);
	return it.id;
}

/* Điều 17.1.c: the public sees published items only. */
static void
test_content__public_states_dieu_17_1_c(void **state)
{
	struct item it;

	(void)state;
	for (int st = 0; st < ITEM_STATE__MAX; st++) {
		int64_t id = add((enum item_state)st);
		enum err want = st == ITEM_STATE_PUBLISHED ? ERR_OK
		                : st == ITEM_STATE_UNPUBLISHED ||
		                                st == ITEM_STATE_ARCHIVED
		                        ? ERR_GONE
		                        : ERR_NOTFOUND;

		assert_int_equal(content_item_public(s, &a, id, &it), want);
		if (want == ERR_OK) {
			assert_int_equal(it.id, id);
			assert_string_equal(it.title, "Tin thử");
		} else {
			assert_null(it.title);
		}
	}
	assert_int_equal(content_item_public(s, &a, 99999, &it), ERR_NOTFOUND);
	assert_int_equal(content_item_public(s, &a, 0, &it), ERR_NOTFOUND);
	assert_int_equal(content_item_public(s, &a, -3, &it), ERR_NOTFOUND);
}

static char seen[64];

static void
hook(const char *tags)
{
	snprintf(seen, sizeof(seen), "%s", tags);
}

static void
test_content__change_hook(void **state)
{
	(void)state;
	content_changed("item:1 site"); /* no hook: nothing happens */
	content_set_change_hook(hook);
	content_changed("item:12 cat:3 site");
	assert_string_equal(seen, "item:12 cat:3 site");
	content_set_change_hook(NULL);
	content_changed("item:13");
	assert_string_equal(seen, "item:12 cat:3 site");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(
	                test_content__public_states_dieu_17_1_c, setup,
	                teardown),
	        cmocka_unit_test(test_content__change_hook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
