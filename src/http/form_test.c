/* Tests for urlencoded parsing: decoding, '+', empty values, repeated
 * keys, malformed escapes, invalid UTF-8 and size limits. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "http_int.h"

static enum parse_res
parse(struct arena *a, const char *s, struct kvlist *l)
{
	return form_parse(a, s, strlen(s), l);
}

static void
test_form__decoding(void **state)
{
	struct arena a = ARENA_INIT;
	struct kvlist l;

	(void)state;
	assert_int_equal(
	        parse(&a, "q=t%C6%B0+ph%C3%A1p&page=2&a%2Bb=c%3Dd", &l),
	        PARSE_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(kv_get(&l, "q"), "tư pháp");
	assert_string_equal(kv_get(&l, "page"), "2");
	assert_string_equal(kv_get(&l, "a+b"), "c=d");
	assert_int_equal(l.v[0].val_len, strlen("tư pháp"));
	assert_null(kv_get(&l, "nope"));
	arena_release(&a);
}

/* Điều 3: "Tư pháp" typed as NFD (u + horn, a + acute as combining
 * marks) reaches the handler as NFC. */
static void
test_form__values_become_nfc(void **state)
{
	struct arena a = ARENA_INIT;
	struct kvlist l;

	(void)state;
	assert_int_equal(parse(&a, "q=Tu%CC%9B+pha%CC%81p", &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "q"), "Tư pháp");
	assert_int_equal(l.v[0].val_len, strlen("Tư pháp"));
	arena_release(&a);
}

static void
test_form__empty_and_repeated(void **state)
{
	struct arena a = ARENA_INIT;
	struct kvlist l;

	(void)state;
	assert_int_equal(parse(&a, "", &l), PARSE_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(parse(&a, "&&a=&b&&a=2&", &l), PARSE_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].key, "a");
	assert_string_equal(l.v[0].val, "");
	assert_string_equal(l.v[1].key, "b");
	assert_string_equal(l.v[1].val, "");
	assert_string_equal(l.v[2].val, "2");
	assert_string_equal(kv_get(&l, "a"), ""); /* the first one */
	assert_int_equal(parse(&a, "=x", &l), PARSE_OK);
	assert_string_equal(l.v[0].key, "");
	assert_string_equal(l.v[0].val, "x");
	arena_release(&a);
}

static void
test_form__bad_escapes(void **state)
{
	static const char *const bad[] = {"a=%",   "a=%4",  "a=%G1",
	                                  "a=%1G", "%zz=1", "a=1&b=%%41"};
	struct arena a = ARENA_INIT;
	struct kvlist l;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(parse(&a, bad[i], &l), PARSE_BAD);
		assert_int_equal(l.n, 0);
	}
	arena_release(&a);
}

static void
test_form__invalid_utf8(void **state)
{
	static const char *const bad[] = {"a=%C3%28", "a=%FF",       "%C0%AE=1",
	                                  "a=%00",    "a=%ED%A0%80", "a=\xc3"};
	struct arena a = ARENA_INIT;
	struct kvlist l;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(parse(&a, bad[i], &l), PARSE_UTF8);
	arena_release(&a);
}

static void
test_form__long_input(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf b = BUF_INIT;
	struct kvlist l;
	size_t i;

	(void)state;
	/* One very long value. */
	buf_adds(&b, "k=");
	for (i = 0; i < 200000; i++)
		buf_adds(&b, "%C4%91");
	assert_int_equal(form_parse(&a, b.p, b.len, &l), PARSE_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].val_len, 400000);
	/* Too many fields. */
	buf_reset(&b);
	for (i = 0; i <= FORM_MAX_FIELDS; i++)
		buf_addf(&b, "f%zu=1&", i);
	assert_int_equal(form_parse(&a, b.p, b.len, &l), PARSE_LIMIT);
	buf_release(&b);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_form__decoding),
	        cmocka_unit_test(test_form__values_become_nfc),
	        cmocka_unit_test(test_form__empty_and_repeated),
	        cmocka_unit_test(test_form__bad_escapes),
	        cmocka_unit_test(test_form__invalid_utf8),
	        cmocka_unit_test(test_form__long_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
