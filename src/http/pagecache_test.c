/* Tests for the page cache: store, lookup, invalidation by tag, eviction
 * under the byte cap, generations, and two threads at once. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "http_int.h"

struct seen {
	char etag[24];
	size_t len, gzlen;
	bool has_gz;
	int64_t view_item;
};

static int
grab(const struct pc_entry *e, void *ctx)
{
	struct seen *s = ctx;

	memcpy(s->etag, e->etag, sizeof(s->etag));
	s->len = e->len;
	s->gzlen = e->gzlen;
	s->has_gz = e->gz != NULL;
	s->view_item = e->view_item;
	return 1;
}

static void
page(struct resp *rs, const char *tags, size_t size, char fill)
{
	resp_init(rs);
	rs->cache_tags = tags;
	for (size_t i = 0; i < size; i++)
		buf_addch(&rs->body, (char)(fill + (i % 40 == 0)));
}

static int
store(const char *key, const char *tags, size_t size, char fill)
{
	struct resp rs;
	struct seen s;
	int ret;

	page(&rs, tags, size, fill);
	ret = pagecache_store(key, strlen(key), &rs, pagecache_gen(), grab, &s);
	resp_release(&rs);
	return ret;
}

static bool
has(const char *key)
{
	struct seen s;

	return pagecache_with(key, strlen(key), grab, &s) == 1;
}

static void
test_pagecache__store_lookup(void **state)
{
	struct resp rs;
	struct seen s1, s2;

	(void)state;
	pagecache_init(true, 1 << 20);
	page(&rs, "item:1 cat:2 site", 5000, 'a');
	rs.view_item = 1;
	assert_int_equal(
	        pagecache_store("/a?x=1", 6, &rs, pagecache_gen(), grab, &s1),
	        1);
	resp_release(&rs);
	assert_int_equal(pagecache_with("/a?x=1", 6, grab, &s2), 1);
	assert_string_equal(s1.etag, s2.etag);
	assert_int_equal(s2.len, 5000);
	assert_true(s2.has_gz); /* repetitive text shrinks */
	assert_true(s2.gzlen < 5000);
	assert_int_equal(s2.view_item, 1);
	assert_int_equal(pagecache_with("/a?x=2", 6, grab, &s2), -1);
	assert_int_equal(pagecache_with("/a", 2, grab, &s2), -1);
	assert_int_equal(pagecache_count(), 1);
	/* Same key again replaces the entry. */
	assert_int_equal(store("/a?x=1", "site", 100, 'b'), 1);
	assert_int_equal(pagecache_count(), 1);
	assert_int_equal(pagecache_with("/a?x=1", 6, grab, &s2), 1);
	assert_int_equal(s2.len, 100);
	assert_string_not_equal(s1.etag, s2.etag);
	pagecache_shutdown();
}

static void
test_pagecache__invalidate_tag(void **state)
{
	(void)state;
	pagecache_init(true, 1 << 20);
	assert_int_equal(store("/1", "item:1 cat:2", 100, 'a'), 1);
	assert_int_equal(store("/2", "item:12 cat:3", 100, 'a'), 1);
	assert_int_equal(store("/3", "site\tcat:2", 100, 'a'), 1);
	pagecache_invalidate_tag("item:1"); /* not item:12 */
	assert_false(has("/1"));
	assert_true(has("/2"));
	assert_true(has("/3"));
	pagecache_invalidate_tag("cat:2");
	assert_false(has("/3"));
	assert_true(has("/2"));
	pagecache_invalidate_tag("item");
	assert_true(has("/2"));
	pagecache_clear();
	assert_false(has("/2"));
	assert_int_equal(pagecache_count(), 0);
	assert_int_equal(pagecache_bytes(), 0);
	pagecache_shutdown();
}

static void
test_pagecache__stale_generation_not_stored(void **state)
{
	struct resp rs;
	struct seen s;
	uint64_t gen;

	(void)state;
	pagecache_init(true, 1 << 20);
	gen = pagecache_gen();
	pagecache_invalidate_tag("item:1"); /* while "rendering" */
	page(&rs, "item:1", 100, 'a');
	assert_int_equal(pagecache_store("/x", 2, &rs, gen, grab, &s), -1);
	resp_release(&rs);
	assert_false(has("/x"));
	pagecache_shutdown();
}

static void
test_pagecache__eviction_under_cap(void **state)
{
	char key[32];
	int i;

	(void)state;
	pagecache_init(true, 64 * 1024);
	for (i = 0; i < 200; i++) {
		snprintf(key, sizeof(key), "/p/%d", i);
		assert_int_equal(store(key, "site", 4000, (char)('a' + i % 20)),
		                 1);
		assert_true(pagecache_bytes() <= 64 * 1024);
	}
	assert_true(pagecache_count() > 3);
	assert_true(pagecache_count() < 200);
	assert_true(has("/p/199")); /* the newest stays */
	assert_false(has("/p/0"));
	/* A page bigger than a quarter of the cache is not stored. */
	assert_int_equal(store("/big", "site", 20000, 'z'), -1);
	pagecache_shutdown();
}

static void
test_pagecache__disabled(void **state)
{
	(void)state;
	pagecache_init(false, 1 << 20);
	assert_int_equal(store("/a", "site", 10, 'a'), -1);
	assert_false(has("/a"));
	pagecache_shutdown();
}

static void *
hammer(void *arg)
{
	int id = *(int *)arg, i;
	char key[32];

	for (i = 0; i < 2000; i++) {
		snprintf(key, sizeof(key), "/t/%d", (i * 7 + id) % 50);
		if (i % 3 == 0)
			store(key, i % 2 ? "a" : "b", 500 + (size_t)i % 900,
			      'a');
		else
			(void)has(key);
		if (i % 97 == 0)
			pagecache_invalidate_tag(id ? "a" : "b");
	}
	return NULL;
}

static void
test_pagecache__two_threads(void **state)
{
	pthread_t t[2];
	int ids[2] = {0, 1};

	(void)state;
	pagecache_init(true, 100 * 1024);
	assert_int_equal(pthread_create(&t[0], NULL, hammer, &ids[0]), 0);
	assert_int_equal(pthread_create(&t[1], NULL, hammer, &ids[1]), 0);
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	assert_true(pagecache_bytes() <= 100 * 1024);
	pagecache_clear();
	assert_int_equal(pagecache_bytes(), 0);
	pagecache_shutdown();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_pagecache__store_lookup),
	        cmocka_unit_test(test_pagecache__invalidate_tag),
	        cmocka_unit_test(test_pagecache__stale_generation_not_stored),
	        cmocka_unit_test(test_pagecache__eviction_under_cap),
	        cmocka_unit_test(test_pagecache__disabled),
	        cmocka_unit_test(test_pagecache__two_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
