/* Tests for the view-model value tree: types, order, replace, lookups. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "tval.h"

static void
test_tval__scalars(void **state)
{
	struct arena a;
	size_t len;

	(void)state;
	arena_init(&a, 1024);
	assert_int_equal(tv_type(tv_null(&a)), TV_NULL);
	assert_int_equal(tv_type(tv_bool(&a, true)), TV_TRUE);
	assert_int_equal(tv_type(tv_bool(&a, false)), TV_FALSE);
	assert_string_equal(tv_text(tv_int(&a, -9007199254740993LL), &len),
	                    "-9007199254740993");
	assert_int_equal(len, 17);
	assert_string_equal(tv_text(tv_int(&a, 0), NULL), "0");
	assert_string_equal(tv_text(tv_num_text(&a, 1.21, "1.21"), NULL),
	                    "1.21");
	assert_true(tv_num(tv_num_text(&a, 1.21, "1.21")) == 1.21);
	assert_string_equal(tv_text(tv_str(&a, "Sở Tư pháp"), &len),
	                    "Sở Tư pháp");
	assert_int_equal(len, strlen("Sở Tư pháp"));
	assert_null(tv_text(tv_bool(&a, true), &len));
	assert_int_equal(len, 0);
	assert_null(tv_text(NULL, NULL));
	assert_int_equal(tv_type(NULL), TV_NULL);
	arena_release(&a);
}

static void
test_tval__str_dup_copies(void **state)
{
	struct arena a;
	char src[] = "bản gốc";
	struct tval *v;

	(void)state;
	arena_init(&a, 1024);
	v = tv_str_dup(&a, src);
	src[0] = 'X';
	assert_string_equal(tv_text(v, NULL), "bản gốc");
	v = tv_strn(&a, "abcdef", 3);
	{
		size_t len;
		const char *p = tv_text(v, &len);

		assert_int_equal(len, 3);
		assert_memory_equal(p, "abc", 3);
	}
	arena_release(&a);
}

static void
test_tval__map_order_and_replace(void **state)
{
	struct arena a;
	struct tval *m;

	(void)state;
	arena_init(&a, 1024);
	m = tv_map(&a);
	tv_set_str(m, "title", "Tin tức");
	tv_set_int(m, "count", 3);
	tv_set_bool(m, "draft", false);
	tv_set_strf(m, "url", "/tin/%d-%s", 42, "thong-bao");
	tv_set_str(m, "title", "Thông báo");
	assert_int_equal(tv_len(m), 4);
	assert_string_equal(tv_key_at(m, 0), "title");
	assert_string_equal(tv_key_at(m, 1), "count");
	assert_string_equal(tv_key_at(m, 2), "draft");
	assert_string_equal(tv_key_at(m, 3), "url");
	assert_null(tv_key_at(m, 4));
	assert_string_equal(tv_text(tv_get(m, "title", 5), NULL), "Thông báo");
	assert_string_equal(tv_text(tv_get(m, "count", 5), NULL), "3");
	assert_int_equal(tv_type(tv_get(m, "draft", 5)), TV_FALSE);
	assert_string_equal(tv_text(tv_get(m, "url", 3), NULL),
	                    "/tin/42-thong-bao");
	/* Length matters: a prefix or a longer key is another key. */
	assert_null(tv_get(m, "titl", 4));
	assert_null(tv_get(m, "titles", 6));
	assert_null(tv_get(m, "", 0));
	assert_null(tv_get(NULL, "title", 5));
	assert_null(tv_get(tv_list(&a), "title", 5));
	arena_release(&a);
}

static void
test_tval__many_keys(void **state)
{
	struct arena a;
	struct tval *m;
	char *keys[100];
	int i;

	(void)state;
	arena_init(&a, 1024);
	m = tv_map(&a);
	for (i = 0; i < 100; i++) {
		keys[i] = arena_printf(&a, "k%d", i);
		tv_set_int(m, keys[i], i);
	}
	assert_int_equal(tv_len(m), 100);
	for (i = 0; i < 100; i++) {
		char want[16];

		snprintf(want, sizeof(want), "%d", i);
		assert_string_equal(
		        tv_text(tv_get(m, keys[i], strlen(keys[i])), NULL),
		        want);
		assert_string_equal(tv_key_at(m, (size_t)i), keys[i]);
	}
	arena_release(&a);
}

static void
test_tval__list(void **state)
{
	struct arena a;
	struct tval *l;
	int i;

	(void)state;
	arena_init(&a, 256);
	l = tv_list(&a);
	assert_int_equal(tv_len(l), 0);
	assert_null(tv_at(l, 0));
	for (i = 0; i < 1000; i++)
		tv_push(l, tv_int(&a, i));
	assert_int_equal(tv_len(l), 1000);
	assert_string_equal(tv_text(tv_at(l, 0), NULL), "0");
	assert_string_equal(tv_text(tv_at(l, 999), NULL), "999");
	assert_null(tv_at(l, 1000));
	assert_int_equal(tv_len(tv_str(&a, "x")), 0);
	arena_release(&a);
}

static void
test_tval__truthy(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 256);
	assert_false(tv_truthy(NULL));
	assert_false(tv_truthy(tv_null(&a)));
	assert_false(tv_truthy(tv_bool(&a, false)));
	assert_false(tv_truthy(tv_str(&a, "")));
	assert_false(tv_truthy(tv_list(&a)));
	assert_true(tv_truthy(tv_bool(&a, true)));
	assert_true(tv_truthy(tv_str(&a, "0")));
	assert_true(tv_truthy(tv_int(&a, 0)));
	assert_true(tv_truthy(tv_map(&a)));
	{
		struct tval *l = tv_list(&a);

		tv_push(l, tv_null(&a));
		assert_true(tv_truthy(l));
	}
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_tval__scalars),
	        cmocka_unit_test(test_tval__str_dup_copies),
	        cmocka_unit_test(test_tval__map_order_and_replace),
	        cmocka_unit_test(test_tval__many_keys),
	        cmocka_unit_test(test_tval__list),
	        cmocka_unit_test(test_tval__truthy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
