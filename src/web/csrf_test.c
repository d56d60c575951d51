/*
 * Tests for the CSRF tokens and the same-origin check: tokens are stable
 * per session and differ between sessions, comparisons refuse anything
 * malformed, and only our own origin passes (Origin first, Referer when
 * it is absent).
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "csrf.h"

static const char tok_a[] =
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
static const char tok_b[] =
        "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

static void
test_csrf__token_stable_per_session(void **state)
{
	char a1[CSRF_TOKEN_HEX], a2[CSRF_TOKEN_HEX], b[CSRF_TOKEN_HEX];

	(void)state;
	csrf_token(tok_a, a1);
	csrf_token(tok_a, a2);
	csrf_token(tok_b, b);
	assert_true(csrf_well_formed(a1));
	assert_string_equal(a1, a2);
	assert_string_not_equal(a1, b);
	/* Not the session token itself, nor its SHA-256 (the stored id). */
	assert_string_not_equal(a1, tok_a);
	assert_true(csrf_equal(a1, a2));
	assert_false(csrf_equal(a1, b));
}

static void
test_csrf__random(void **state)
{
	char x[CSRF_TOKEN_HEX], y[CSRF_TOKEN_HEX];

	(void)state;
	csrf_random(x);
	csrf_random(y);
	assert_true(csrf_well_formed(x));
	assert_true(csrf_well_formed(y));
	assert_string_not_equal(x, y);
}

static void
test_csrf__malformed_refused(void **state)
{
	char a[CSRF_TOKEN_HEX];
	char upper[CSRF_TOKEN_HEX];

	(void)state;
	csrf_token(tok_a, a);
	assert_false(csrf_equal(a, NULL));
	assert_false(csrf_equal(NULL, a));
	assert_false(csrf_equal(NULL, NULL));
	assert_false(csrf_equal("", ""));
	/* Equal but malformed strings never pass. */
	assert_false(csrf_equal("abc", "abc"));
	memcpy(upper, a, sizeof(upper));
	for (size_t i = 0; upper[i]; i++)
		if (upper[i] >= 'a' && upper[i] <= 'f')
			upper[i] = (char)(upper[i] - 'a' + 'A');
	assert_false(csrf_well_formed(upper));
	assert_false(csrf_equal(upper, upper));
	/* One more or one fewer digit. */
	assert_false(csrf_well_formed("00112233445566778899aabbccddeeff00112233"
	                              "445566778899aabbccddeef"));
	assert_false(csrf_well_formed("00112233445566778899aabbccddeeff00112233"
	                              "445566778899aabbccddeeff0"));
	assert_false(csrf_well_formed("00112233445566778899aabbccddeeff00112233"
	                              "445566778899aabbccddeefg"));
}

static void
test_csrf__origin(void **state)
{
	const char *base = "https://stp.kontum.gov.vn";

	(void)state;
	assert_true(csrf_origin_ok("https://stp.kontum.gov.vn", NULL, base,
	                           NULL, false));
	/* Case of scheme and host does not matter. */
	assert_true(csrf_origin_ok("HTTPS://STP.kontum.gov.vn", NULL, base,
	                           NULL, false));
	assert_false(csrf_origin_ok("http://stp.kontum.gov.vn", NULL, base,
	                            NULL, false));
	assert_false(csrf_origin_ok("https://stp.kontum.gov.vn.evil.example",
	                            NULL, base, NULL, false));
	assert_false(csrf_origin_ok("https://stp.kontum.gov.vn:8443", NULL,
	                            base, NULL, false));
	assert_false(csrf_origin_ok("https://evil.example", NULL, base, NULL,
	                            false));
	assert_false(csrf_origin_ok("null", NULL, base, NULL, false));
	/* An Origin with a path is malformed. */
	assert_false(csrf_origin_ok("https://stp.kontum.gov.vn/", NULL, base,
	                            NULL, false));
	/* A foreign Origin is not rescued by our Referer. */
	assert_false(csrf_origin_ok("https://evil.example",
	                            "https://stp.kontum.gov.vn/quan-tri", base,
	                            NULL, false));
	/* Neither header: refused. */
	assert_false(csrf_origin_ok(NULL, NULL, base, NULL, false));
	assert_false(csrf_origin_ok("", "", base, NULL, false));
}

static void
test_csrf__referer(void **state)
{
	const char *base = "https://stp.kontum.gov.vn";

	(void)state;
	assert_true(csrf_origin_ok(NULL, "https://stp.kontum.gov.vn/quan-tri",
	                           base, NULL, false));
	assert_true(csrf_origin_ok(NULL, "https://stp.kontum.gov.vn?x=1", base,
	                           NULL, false));
	assert_true(csrf_origin_ok("", "https://stp.kontum.gov.vn", base, NULL,
	                           false));
	assert_false(csrf_origin_ok(
	        NULL, "https://stp.kontum.gov.vn.evil.example/quan-tri", base,
	        NULL, false));
	assert_false(csrf_origin_ok(NULL,
	                            "https://evil.example/?https://stp."
	                            "kontum.gov.vn",
	                            base, NULL, false));
	assert_false(csrf_origin_ok(NULL, "ftp://stp.kontum.gov.vn/", base,
	                            NULL, false));
	assert_false(
	        csrf_origin_ok(NULL, "https:///quan-tri", base, NULL, false));
}

static void
test_csrf__host(void **state)
{
	const char *base = "https://stp.kontum.gov.vn";

	(void)state;
	/* Reached by another name (the address, a test port): the Host
	 * header names our origin, with the scheme of the connection. */
	assert_true(csrf_origin_ok("http://127.0.0.1:8080", NULL, base,
	                           "127.0.0.1:8080", false));
	assert_false(csrf_origin_ok("https://127.0.0.1:8080", NULL, base,
	                            "127.0.0.1:8080", false));
	assert_true(csrf_origin_ok("https://10.1.2.3", NULL, base, "10.1.2.3",
	                           true));
	assert_false(csrf_origin_ok("http://127.0.0.1:8081", NULL, base,
	                            "127.0.0.1:8080", false));
	assert_true(csrf_origin_ok(NULL, "http://[::1]:8080/quan-tri", base,
	                           "[::1]:8080", false));
	/* A Host with a path or credentials is not an origin. */
	assert_false(csrf_origin_ok("http://a", NULL, base, "a/b", false));
	assert_false(csrf_origin_ok("http://u@a", NULL, base, "u@a", false));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_csrf__token_stable_per_session),
	        cmocka_unit_test(test_csrf__random),
	        cmocka_unit_test(test_csrf__malformed_refused),
	        cmocka_unit_test(test_csrf__origin),
	        cmocka_unit_test(test_csrf__referer),
	        cmocka_unit_test(test_csrf__host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
