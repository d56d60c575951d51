/* Tests for struct buf: growth, the cap and sticky error, escapers. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "buf.h"

static void
test_buf__init_is_empty_string(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_check(&b);
	assert_string_equal(b.p, "");
	buf_release(&b);
	buf_check(&b);
}

static void
test_buf__add_grows_and_keeps_nul(void **state)
{
	struct buf b = BUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		buf_adds(&b, "Tư pháp ");
		buf_check(&b);
	}
	assert_int_equal(b.len, 1000 * strlen("Tư pháp "));
	buf_addf(&b, "%d/%02d/%04d", 29, 11, 2026);
	buf_check(&b);
	assert_string_equal(b.p + b.len - 10, "29/11/2026");
	buf_add(&b, "a\0b", 3);
	buf_check(&b);
	assert_int_equal(b.p[b.len - 2], '\0');
	buf_release(&b);
}

static void
test_buf__cap_sets_sticky_error(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	b.max = 10;
	buf_adds(&b, "12345");
	buf_adds(&b, "678901");
	buf_check(&b);
	assert_true(buf_err(&b));
	assert_int_equal(b.len, 5);
	buf_adds(&b, "x");
	buf_addf(&b, "%s", "y");
	assert_int_equal(b.len, 5);
	buf_reset(&b);
	assert_false(buf_err(&b));
	buf_addf(&b, "%s", "0123456789");
	assert_false(buf_err(&b));
	buf_addf(&b, "%s", "z");
	assert_true(buf_err(&b));
	buf_check(&b);
	buf_release(&b);
}

static void
test_buf__addf_long_output(void **state)
{
	struct buf b = BUF_INIT;
	char big[5000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_adds(&b, "a");
	buf_addf(&b, "%s|%s", big, big);
	buf_check(&b);
	assert_int_equal(b.len, 1 + 2 * 4999 + 1);
	buf_release(&b);
}

static void
test_buf__escapers(void **state)
{
	struct buf b = BUF_INIT;
	const char *in = "<a href=\"x\">Đ & 'y'</a>";

	(void)state;
	buf_add_html(&b, in, strlen(in));
	assert_string_equal(b.p, "&lt;a href=&quot;x&quot;&gt;Đ &amp; "
	                         "&#39;y&#39;&lt;/a&gt;");
	buf_reset(&b);
	buf_add_url(&b, "tư pháp/?&", strlen("tư pháp/?&"));
	assert_string_equal(b.p, "t%C6%B0%20ph%C3%A1p%2F%3F%26");
	buf_reset(&b);
	buf_add_xml(&b, "a\x01<b>", 5);
	assert_string_equal(b.p, "a&lt;b&gt;");
	buf_reset(&b);
	buf_add_json_str(&b, "a\"\n</script>", 12);
	assert_string_equal(b.p, "\"a\\\"\\n\\u003c/script>\"");
	buf_check(&b);
	buf_release(&b);
}

static void
test_buf__detach(void **state)
{
	struct buf b = BUF_INIT;
	size_t len;
	char *p;

	(void)state;
	p = buf_detach(&b, &len);
	assert_int_equal(len, 0);
	assert_string_equal(p, "");
	free(p);
	buf_adds(&b, "Kon Tum");
	p = buf_detach(&b, &len);
	buf_check(&b);
	assert_string_equal(p, "Kon Tum");
	assert_int_equal(len, 7);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_buf__init_is_empty_string),
	        cmocka_unit_test(test_buf__add_grows_and_keeps_nul),
	        cmocka_unit_test(test_buf__cap_sets_sticky_error),
	        cmocka_unit_test(test_buf__addf_long_output),
	        cmocka_unit_test(test_buf__escapers),
	        cmocka_unit_test(test_buf__detach),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
