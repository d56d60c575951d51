/* Tests for path decoding and normalisation, above all traversal. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "http_int.h"

static enum parse_res
norm(struct arena *a, const char *in, const char **out)
{
	return path_normalise(a, in, strlen(in), out);
}

static void
test_path__normal(void **state)
{
	static const char *const cases[][2] = {
	        {"/", "/"},
	        {"/tin-tuc", "/tin-tuc"},
	        {"/tin-tuc/", "/tin-tuc/"},
	        {"//a///b", "/a/b"},
	        {"/a/./b/.", "/a/b"},
	        {"/./", "/"},
	        {"/t%C6%B0-ph%C3%A1p", "/tư-pháp"},
	        {"/a%20b", "/a b"},
	        {"/a+b", "/a+b"},
	        {"/..a/b..", "/..a/b.."},
	};
	struct arena a = ARENA_INIT;
	const char *out;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(norm(&a, cases[i][0], &out), PARSE_OK);
		assert_string_equal(out, cases[i][1]);
	}
	arena_release(&a);
}

static void
test_path__traversal(void **state)
{
	static const char *const bad[] = {
	        "/static/../x", "/..",
	        "/a/..",        "/%2e%2e/etc",
	        "/a/%2E%2E/b",  "/.%2e/x",
	        "/a%2fb",       "/a%2F..%2Fb",
	        "/a\\b",        "/a%5cb",
	        "/a%5C..%5Cb",  "/a%00b",
	        "/a%",          "/a%zz",
	        "/a%4",         "",
	        "a/b",          "/static//../../x",
	};
	struct arena a = ARENA_INIT;
	const char *out;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(norm(&a, bad[i], &out), PARSE_BAD);
		assert_null(out);
	}
	arena_release(&a);
}

static void
test_path__overlong_and_invalid_utf8(void **state)
{
	static const char *const bad[] = {
	        "/%C0%AE%C0%AE/x", /* overlong '.' */
	        "/%C0%AF",         /* overlong '/' */
	        "/%E0%80%AE",      /* 3-byte overlong '.' */
	        "/%C3%28",         "/\xff", "/%ED%A0%80", /* a surrogate */
	};
	struct arena a = ARENA_INIT;
	const char *out;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(norm(&a, bad[i], &out), PARSE_UTF8);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_path__normal),
	        cmocka_unit_test(test_path__traversal),
	        cmocka_unit_test(test_path__overlong_and_invalid_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
