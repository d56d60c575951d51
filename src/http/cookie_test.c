/* Tests for the Cookie header parser. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "http_int.h"

static void
test_cookie__pairs(void **state)
{
	struct arena a = ARENA_INIT;
	struct kvlist l;
	const char *h = "sid=abc123; csrf=\"q w\" ;  theme = dark;;flag;=x;"
	                "e=";

	(void)state;
	assert_int_equal(cookie_parse(&a, h, strlen(h), &l), PARSE_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(kv_get(&l, "sid"), "abc123");
	assert_string_equal(kv_get(&l, "csrf"), "q w");
	assert_string_equal(kv_get(&l, "theme"), "dark");
	assert_string_equal(kv_get(&l, "e"), "");
	assert_null(kv_get(&l, "flag"));
	arena_release(&a);
}

static void
test_cookie__no_decoding(void **state)
{
	struct arena a = ARENA_INIT;
	struct kvlist l;
	const char *h = "a=%41+b; b=x=y";

	(void)state;
	assert_int_equal(cookie_parse(&a, h, strlen(h), &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "a"), "%41+b");
	assert_string_equal(kv_get(&l, "b"), "x=y");
	assert_int_equal(cookie_parse(&a, "", 0, &l), PARSE_OK);
	assert_int_equal(l.n, 0);
	arena_release(&a);
}

static void
test_cookie__invalid_utf8(void **state)
{
	struct arena a = ARENA_INIT;
	struct kvlist l;
	const char *h = "a=\xc3\x28; b=1";

	(void)state;
	assert_int_equal(cookie_parse(&a, h, strlen(h), &l), PARSE_UTF8);
	assert_int_equal(l.n, 0);
	assert_int_equal(cookie_parse(&a, "a=\xe1\xbb\x87", 5, &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "a"), "ệ");
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_cookie__pairs),
	        cmocka_unit_test(test_cookie__no_decoding),
	        cmocka_unit_test(test_cookie__invalid_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
