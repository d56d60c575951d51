/*
 * Tests of view counting: batching in memory, flushing to the store,
 * counting from several threads, and the flusher thread.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "views.h"
#include "store_fixture.h"

static char path[FIXTURE_PATH_MAX];
static struct store *s;
static struct arena a;
static int64_t cat, id1, id2;

static int64_t
add_item(const char *title)
{
	struct item it = {0};

	it.kind = ITEM_KIND_TIN;
	it.state = ITEM_STATE_PUBLISHED;
	it.category_id = cat;
	it.title = title;
	it.slug = "x";
	it.created_at = it.published_at = 1700000000;
	assert_int_equal(store_item_insert(s, &it), ERR_OK);
	return it.id;
}

static int
setup(void **state)
{
	struct category c = {0};

	(void)state;
	assert_int_equal(fixture_db_open(path, "views", &s), ERR_OK);
	c.slug = "tin-tuc";
	c.name = "Tin tức";
	assert_int_equal(store_category_insert(s, &c), ERR_OK);
	cat = c.id;
	id1 = add_item("Một");
	id2 = add_item("Hai");
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
hits(int64_t id)
{
	struct item it;

	assert_int_equal(store_item_get(s, &a, id, &it), ERR_OK);
	return it.hits;
}

static void *
counter(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++)
		views_count(id2, cat);
	return NULL;
}

static void
test_views__batch(void **state)
{
	pthread_t t[4];

	(void)state;
	/* A long interval: only explicit flushes write. */
	views_start(s, 3600);
	for (int i = 0; i < 1000; i++)
		views_count(id1, cat);
	views_count(0, cat); /* a section page */
	assert_int_equal(hits(id1), 0);
	views_flush();
	assert_int_equal(hits(id1), 1000);
	/* Nothing pending: a second flush changes nothing. */
	views_flush();
	assert_int_equal(hits(id1), 1000);

	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, counter, NULL), 0);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	/* views_stop flushes what is left. */
	views_stop();
	assert_int_equal(hits(id2), 4000);
	assert_int_equal(hits(id1), 1000);
}

static void
test_views__stop_flushes(void **state)
{
	(void)state;
	views_start(s, 3600);
	for (int i = 0; i < 250; i++)
		views_count(id1, cat);
	views_count(-1, -1); /* ignored */
	views_stop();
	assert_int_equal(hits(id1), 250);
	/* Stopped: a later flush has nothing to write. */
	views_flush();
	assert_int_equal(hits(id1), 250);
}

static void
test_views__background(void **state)
{
	(void)state;
	views_start(s, 1);
	for (int i = 0; i < 10; i++)
		views_count(id1, cat);
	/* The flusher runs within about a second. */
	for (int i = 0; i < 40 && hits(id1) < 10; i++)
		usleep(100000);
	assert_int_equal(hits(id1), 10);
	views_stop();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_views__batch, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_views__stop_flushes, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_views__background, setup,
	                                        teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
