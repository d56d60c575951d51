/* Tests for multipart/form-data parsing. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "http_int.h"

#define B "----WebKitFormBoundaryX3"

static enum parse_res
parse(struct arena *a, const char *body, size_t len, struct kvlist *f,
      struct upload **u, size_t *nu)
{
	return multipart_parse(a, STR_LIT(B), body, len, f, u, nu);
}

static void
test_multipart__boundary(void **state)
{
	struct str b;

	(void)state;
	assert_true(
	        multipart_boundary("multipart/form-data; boundary=abc", &b));
	assert_true(str_eq_cstr(b, "abc"));
	assert_true(multipart_boundary(
	        "Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\"", &b));
	assert_true(str_eq_cstr(b, "a b;c"));
	assert_true(
	        multipart_boundary("multipart/form-data;boundary=x; y=1", &b));
	assert_true(str_eq_cstr(b, "x"));
	assert_false(multipart_boundary("multipart/form-data", &b));
	assert_false(multipart_boundary("multipart/form-data; boundary=", &b));
	assert_false(multipart_boundary("text/plain; boundary=abc", &b));
	assert_false(multipart_boundary(
	        "multipart/form-data; boundary=12345678901234567890123456789"
	        "01234567890123456789012345678901234567890123",
	        &b));
}

static void
test_multipart__normal(void **state)
{
	static const char body[] =
	        "preamble\r\n"
	        "--" B "\r\n"
	        "Content-Disposition: form-data; name=\"title\"\r\n"
	        "\r\n"
	        "Tin t\xe1\xbb\xa9\x63 m\xe1\xbb\x9bi\r\n"
	        "--" B "\r\n"
	        "Content-Disposition: form-data; name=\"empty\"\r\n"
	        "\r\n"
	        "\r\n"
	        "--" B "\r\n"
	        "content-disposition: form-data; name=\"f\"; "
	        "filename=\"C:\\Users\\a\\b\\\xe1\xba\xa3nh.png\"\r\n"
	        "Content-Type: image/png\r\n"
	        "\r\n"
	        "\x89PNG\r\n\x1a\n\0\0\r\n--notboundary\r\n\r\n"
	        "--" B "--\r\n"
	        "epilogue";
	struct arena a = ARENA_INIT;
	struct kvlist f;
	struct upload *u;
	size_t nu;

	(void)state;
	assert_int_equal(parse(&a, body, sizeof(body) - 1, &f, &u, &nu),
	                 PARSE_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(kv_get(&f, "title"), "Tin tức mới");
	assert_string_equal(kv_get(&f, "empty"), "");
	assert_int_equal(nu, 1);
	assert_string_equal(u[0].field, "f");
	assert_string_equal(u[0].filename, "ảnh.png");
	assert_string_equal(u[0].content_type, "image/png");
	/* binary content with CRLF, NULs and a near-boundary inside */
	assert_int_equal(u[0].len, 27);
	assert_memory_equal(u[0].data,
	                    "\x89PNG\r\n\x1a\n\0\0\r\n--notboundary\r\n", 25);
	arena_release(&a);
}

static void
test_multipart__quotes_and_paths(void **state)
{
	static const char body[] =
	        "--" B "\r\n"
	        "Content-Disposition: form-data; name=\"a\"; "
	        "filename=\"../../etc/pa%22ss wd\"\r\n"
	        "\r\n"
	        "x\r\n"
	        "--" B "\r\n"
	        "Content-Disposition: form-data; name=plain; filename=\"\"\r\n"
	        "\r\n"
	        "\r\n"
	        "--" B "--";
	struct arena a = ARENA_INIT;
	struct kvlist f;
	struct upload *u;
	size_t nu;

	(void)state;
	assert_int_equal(parse(&a, body, sizeof(body) - 1, &f, &u, &nu),
	                 PARSE_OK);
	assert_int_equal(nu, 2);
	assert_string_equal(u[0].filename, "pa%22ss wd");
	assert_string_equal(u[0].content_type, "application/octet-stream");
	assert_string_equal(u[1].field, "plain");
	assert_string_equal(u[1].filename, "");
	assert_int_equal(u[1].len, 0);
	arena_release(&a);
}

static void
test_multipart__malformed(void **state)
{
	static const char *const bad[] = {
	        /* truncated: no close delimiter */
	        "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	        "abc",
	        /* truncated inside the headers */
	        "--" B "\r\nContent-Disposition: form-data; na",
	        /* no boundary at all */
	        "just some text",
	        /* no name */
	        "--" B "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" B
	        "--",
	        /* not form-data */
	        "--" B "\r\nContent-Disposition: attachment; name=a\r\n\r\nx"
	        "\r\n--" B "--",
	        /* header line without a colon */
	        "--" B "\r\nbogus\r\n\r\nx\r\n--" B "--",
	        /* junk after the delimiter */
	        "--" B "junk\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	        "x\r\n--" B "--",
	        /* an unterminated quoted name */
	        "--" B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx"
	        "\r\n--" B "--",
	        "",
	};
	struct arena a = ARENA_INIT;
	struct kvlist f;
	struct upload *u;
	size_t nu, i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(parse(&a, bad[i], strlen(bad[i]), &f, &u, &nu),
		                 PARSE_BAD);
		assert_int_equal(f.n, 0);
		assert_int_equal(nu, 0);
	}
	arena_release(&a);
}

static void
test_multipart__nested_junk(void **state)
{
	/* A nested multipart is just data of the outer part. */
	static const char body[] =
	        "--" B "\r\n"
	        "Content-Disposition: form-data; name=\"n\"\r\n"
	        "Content-Type: multipart/mixed; boundary=inner\r\n"
	        "\r\n"
	        "--inner\r\nContent-Type: text/plain\r\n\r\nhi\r\n--inner--\r\n"
	        "--" B "--\r\n";
	struct arena a = ARENA_INIT;
	struct kvlist f;
	struct upload *u;
	size_t nu;

	(void)state;
	assert_int_equal(parse(&a, body, sizeof(body) - 1, &f, &u, &nu),
	                 PARSE_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(kv_get(&f, "n"),
	                    "--inner\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
	                    "--inner--");
	arena_release(&a);
}

static void
test_multipart__limits_and_utf8(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf b = BUF_INIT;
	struct kvlist f;
	struct upload *u;
	size_t nu, i;

	(void)state;
	for (i = 0; i <= MP_MAX_PARTS; i++)
		buf_addf(&b,
		         "--" B "\r\nContent-Disposition: form-data; "
		         "name=\"f%zu\"\r\n\r\nv\r\n",
		         i);
	buf_adds(&b, "--" B "--");
	assert_int_equal(parse(&a, b.p, b.len, &f, &u, &nu), PARSE_LIMIT);

	buf_reset(&b);
	buf_adds(&b, "--" B "\r\nContent-Disposition: form-data; name=a\r\n"
	             "X-Long: ");
	for (i = 0; i < MP_MAX_HEADER; i++)
		buf_addch(&b, 'x');
	buf_adds(&b, "\r\n\r\nv\r\n--" B "--");
	assert_int_equal(parse(&a, b.p, b.len, &f, &u, &nu), PARSE_LIMIT);

	buf_reset(&b);
	buf_adds(&b, "--" B "\r\nContent-Disposition: form-data; name=a\r\n"
	             "\r\n\xc3\x28\r\n--" B "--");
	assert_int_equal(parse(&a, b.p, b.len, &f, &u, &nu), PARSE_UTF8);
	buf_release(&b);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_multipart__boundary),
	        cmocka_unit_test(test_multipart__normal),
	        cmocka_unit_test(test_multipart__quotes_and_paths),
	        cmocka_unit_test(test_multipart__malformed),
	        cmocka_unit_test(test_multipart__nested_junk),
	        cmocka_unit_test(test_multipart__limits_and_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
