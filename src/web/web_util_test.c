/*
 * Tests for the web layer's pure helpers: item URL segments, page
 * numbers and pager windows, snippet highlighting, page-cache tag
 * splitting, media paths, base64 and the download rewriting.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "web_int.h"

static void
test_web_util__slugid_valid(void **state)
{
	struct str slug;

	(void)state;
	assert_int_equal(web_parse_slugid("so-tu-phap-123", &slug), 123);
	assert_true(str_eq_cstr(slug, "so-tu-phap"));
	assert_int_equal(web_parse_slugid("a-1", &slug), 1);
	assert_true(str_eq_cstr(slug, "a"));
	/* The id is after the last '-': numbers in the slug stay slug. */
	assert_int_equal(web_parse_slugid("ke-hoach-2026-so-12-77", &slug), 77);
	assert_true(str_eq_cstr(slug, "ke-hoach-2026-so-12"));
	/* Leading zeros parse; the handler redirects to the canonical. */
	assert_int_equal(web_parse_slugid("x-007", NULL), 7);
	assert_int_equal(web_parse_slugid("x-9223372036854775807", NULL),
	                 INT64_MAX);
}

static void
test_web_util__slugid_malformed(void **state)
{
	static const char *const bad[] = {
	        "",
	        "abc",
	        "123", /* no slug: a bare number is not an item URL */
	        "-5",  /* empty slug */
	        "12a",
	        "a-12a",
	        "a-",
	        "a-0",
	        "a-00",
	        "a--5", /* last '-' is followed by "5": valid, see below */
	        "a-+5",
	        "a- 5",
	        "a-5 ",
	        "a-0x10",
	        "a-9223372036854775808", /* INT64_MAX + 1 */
	        "a-99999999999999999999999",
	        "a-18446744073709551621", /* wraps to 5 in 64 bits */
	};

	(void)state;
	assert_int_equal(web_parse_slugid(NULL, NULL), 0);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		int64_t id = web_parse_slugid(bad[i], NULL);

		/* "a--5": the slug "a-" ends in '-', the id is 5; a slug
		 * never ends in '-', so the canonical check redirects. */
		if (!strcmp(bad[i], "a--5")) {
			assert_int_equal(id, 5);
			continue;
		}
		if (id != 0)
			fail_msg("'%s' parsed as %lld", bad[i], (long long)id);
	}
}

static void
test_web_util__page_numbers(void **state)
{
	static const char *const bad[] = {
	        "",    "0",      "-1",       "+1",
	        "abc", "2x",     " 2",       "2 ",
	        "1.5", "100001", "99999999", "99999999999999999999999",
	};
	size_t p = 0;

	(void)state;
	assert_true(web_parse_page(NULL, &p));
	assert_int_equal(p, 1);
	assert_true(web_parse_page("1", &p));
	assert_int_equal(p, 1);
	assert_true(web_parse_page("37", &p));
	assert_int_equal(p, 37);
	assert_true(web_parse_page("100000", &p));
	assert_int_equal(p, WEB_MAX_PAGE);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (web_parse_page(bad[i], &p))
			fail_msg("page '%s' accepted as %zu", bad[i], p);
}

static void
test_web_util__ids(void **state)
{
	static const char *const bad[] = {
	        "",
	        "0",
	        "00",
	        "-1",
	        "+1",
	        " 1",
	        "1 ",
	        "1x",
	        "x1",
	        "1.0",
	        "0x1",
	        "١",
	        "9999999999999999999", /* 19 */
	};
	int64_t id = 42;

	(void)state;
	assert_false(web_parse_id(NULL, &id));
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (web_parse_id(bad[i], &id))
			fail_msg("id '%s' accepted as %lld", bad[i],
			         (long long)id);
	/* A refused id leaves *out alone. */
	assert_int_equal(id, 42);
	assert_true(web_parse_id("1", &id));
	assert_int_equal(id, 1);
	assert_true(web_parse_id("007", &id));
	assert_int_equal(id, 7);
	assert_true(web_parse_id("999999999999999999", &id));
	assert_int_equal(id, 999999999999999999LL);
}

static void
test_web_util__trim(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	        {"", ""},
	        {"   ", ""},
	        {"a", "a"},
	        {" \t\r\nHà Nội \r\n\t ", "Hà Nội"},
	        {"a  b", "a  b"},
	        {"\va\f", "\va\f"}, /* only space, tab, CR and LF */
	};
	struct str t;

	(void)state;
	t = web_trim(NULL);
	assert_non_null(t.p);
	assert_int_equal(t.len, 0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		t = web_trim(cases[i].in);
		if (t.len != strlen(cases[i].want) ||
		    memcmp(t.p, cases[i].want, t.len) != 0)
			fail_msg("trim '%s' gave '%.*s'", cases[i].in,
			         (int)t.len, t.p);
	}
}

static void
test_web_util__page_maths(void **state)
{
	(void)state;
	assert_int_equal(web_page_count(0, 20), 1);
	assert_int_equal(web_page_count(1, 20), 1);
	assert_int_equal(web_page_count(20, 20), 1);
	assert_int_equal(web_page_count(21, 20), 2);
	assert_int_equal(web_page_count(300, 20), 15);
	assert_int_equal(web_page_count(301, 20), 16);
	assert_int_equal(web_page_offset(1, 20), 0);
	assert_int_equal(web_page_offset(2, 20), 20);
	assert_int_equal(web_page_offset(15, 20), 280);
	assert_int_equal(web_page_offset(SIZE_MAX, 20), SIZE_MAX);
}

/* The window as text: "1 … 3 4 [5] 6 7 … 10". */
static void
window_text(char *out, size_t size, size_t page, size_t pages)
{
	size_t w[16], n = web_page_window(page, pages, w, ARRAY_SIZE(w));
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addch(&b, ' ');
		if (w[i] == 0)
			buf_adds(&b, "…");
		else if (w[i] == page)
			buf_addf(&b, "[%zu]", w[i]);
		else
			buf_addf(&b, "%zu", w[i]);
	}
	snprintf(out, size, "%s", b.p);
	buf_release(&b);
}

static void
test_web_util__page_window(void **state)
{
	char s[128];
	size_t w[4];

	(void)state;
	window_text(s, sizeof(s), 1, 1);
	assert_string_equal(s, "");
	window_text(s, sizeof(s), 1, 2);
	assert_string_equal(s, "[1] 2");
	window_text(s, sizeof(s), 1, 10);
	assert_string_equal(s, "[1] 2 3 … 10");
	window_text(s, sizeof(s), 6, 12);
	assert_string_equal(s, "1 … 4 5 [6] 7 8 … 12");
	window_text(s, sizeof(s), 5, 10);
	assert_string_equal(s, "1 2 3 4 [5] 6 7 … 10");
	/* A gap of one page shows the page, not "…". */
	window_text(s, sizeof(s), 4, 10);
	assert_string_equal(s, "1 2 3 [4] 5 6 … 10");
	window_text(s, sizeof(s), 7, 10);
	assert_string_equal(s, "1 … 5 6 [7] 8 9 10");
	window_text(s, sizeof(s), 10, 10);
	assert_string_equal(s, "1 … 8 9 [10]");
	window_text(s, sizeof(s), 3, 5);
	assert_string_equal(s, "1 2 [3] 4 5");
	/* Out of range pages clamp; a small out[] is never overrun. */
	window_text(s, sizeof(s), 50, 10);
	assert_string_equal(s, "1 … 8 9 10");
	assert_int_equal(web_page_window(5, 10, w, ARRAY_SIZE(w)), 4);
}

static void
snippet_is(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	web_add_snippet(&b, in);
	buf_check(&b);
	assert_string_equal(b.p, want);
	buf_release(&b);
}

static void
test_web_util__snippet_marks(void **state)
{
	(void)state;
	snippet_is("", "");
	snippet_is(NULL, "");
	snippet_is("Sở \x01Tư pháp\x02 tỉnh", "Sở <mark>Tư pháp</mark> tỉnh");
	snippet_is("\x01"
	           "a\x02 b \x01"
	           "c\x02",
	           "<mark>a</mark> b <mark>c</mark>");
	/* The text is escaped; markers are never text. */
	snippet_is(
	        "<script>\x01&\x02\"'</script>",
	        "&lt;script&gt;<mark>&amp;</mark>&quot;&#39;&lt;/script&gt;");
	/* Unbalanced markers still give balanced HTML. */
	snippet_is("a\x02 b", "a b");
	snippet_is("\x01"
	           "a \x01"
	           "b\x02 c",
	           "<mark>a b</mark> c");
	snippet_is("x \x01open", "x <mark>open</mark>");
}

static void
collect(const char *tag, void *arg)
{
	struct buf *b = arg;

	buf_adds(b, "[");
	buf_adds(b, tag);
	buf_adds(b, "]");
}

static void
test_web_util__tags_split(void **state)
{
	struct buf b = BUF_INIT;
	char longtag[WEB_TAG_MAX + 2];

	(void)state;
	assert_int_equal(web_tags_each("item:12 cat:3 site", collect, &b), 3);
	assert_string_equal(b.p, "[item:12][cat:3][site]");
	buf_reset(&b);
	assert_int_equal(web_tags_each("  site\t\ncat:1   ", collect, &b), 2);
	assert_string_equal(b.p, "[site][cat:1]");
	buf_reset(&b);
	assert_int_equal(web_tags_each("", collect, &b), 0);
	assert_int_equal(web_tags_each("   ", collect, &b), 0);
	assert_int_equal(web_tags_each(NULL, collect, &b), 0);
	assert_string_equal(b.p, "");
	memset(longtag, 'x', sizeof(longtag) - 1);
	longtag[sizeof(longtag) - 1] = '\0';
	assert_int_equal(web_tags_each(longtag, collect, &b), 0);
	longtag[WEB_TAG_MAX] = '\0';
	assert_int_equal(web_tags_each(longtag, collect, &b), 1);
	assert_int_equal(b.len, WEB_TAG_MAX + 2);
	buf_release(&b);
}

static void
test_web_util__media_paths(void **state)
{
	static const char *const ok[] = {
	        "demo/07.jpg",
	        "a.png",
	        "2026/11/anh-hoi-nghi.webp",
	};
	static const char *const bad[] = {
	        "",          "/etc/passwd", "../x.jpg", "a/../../x.jpg",
	        "a/./b.jpg", "a//b.jpg",    "a/",       "a\\b.jpg",
	        "a b.jpg",   "a\"b.jpg",    "a<b.jpg",  "%2e%2e/x.jpg",
	        "ả.jpg",     "..",          ".",        "a.jpg,//x/y.jpg",
	};
	struct buf b = BUF_INIT;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(ok); i++)
		if (!web_media_path_ok(ok[i]))
			fail_msg("'%s' refused", ok[i]);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (web_media_path_ok(bad[i]))
			fail_msg("'%s' accepted", bad[i]);
	assert_false(web_media_path_ok(NULL));
	assert_true(web_url_is_http("https://dichvucong.gov.vn"));
	assert_true(web_url_is_http("HTTP://a.vn/x"));
	assert_false(web_url_is_http("javascript:alert(1)"));
	assert_false(web_url_is_http(" https://a.vn"));
	assert_false(web_url_is_http("https://"));
	assert_false(web_url_is_http("//a.vn"));
	assert_false(web_url_is_http(NULL));

	web_thumb_path(&b, "demo/07.jpg");
	assert_string_equal(b.p, "demo/07-400.jpg");
	buf_reset(&b);
	web_thumb_path(&b, "a.b/c");
	assert_string_equal(b.p, "a.b/c-400");
	buf_reset(&b);
	web_thumb_path(&b, "x/.hidden");
	assert_string_equal(b.p, "x/.hidden-400");
	buf_reset(&b);
	/* A library variant: its smallest width, or itself if narrower. */
	web_thumb_path(&b, "2026/11/0123456789abcdef0123456789abcdef-1600.jpg");
	assert_string_equal(b.p,
	                    "2026/11/0123456789abcdef0123456789abcdef-320.jpg");
	buf_reset(&b);
	web_thumb_path(&b, "2026/11/0123456789abcdef0123456789abcdef-300.jpg");
	assert_string_equal(b.p,
	                    "2026/11/0123456789abcdef0123456789abcdef-300.jpg");
	buf_reset(&b);
	/* Not 32 hex digits: the demo's convention. */
	web_thumb_path(&b, "2026/11/abc-1600.jpg");
	assert_string_equal(b.p, "2026/11/abc-1600-400.jpg");
	buf_release(&b);
	assert_int_equal(web_image_width("demo/07.jpg", false), WEB_IMAGE_W);
	assert_int_equal(web_image_width("demo/07.jpg", true), WEB_THUMB_W);
	assert_int_equal(web_image_width("a/0123456789abcdef0123456789abcdef-"
	                                 "1024.webp",
	                                 false),
	                 1024);
	assert_int_equal(web_image_width("a/0123456789abcdef0123456789abcdef-"
	                                 "1024.webp",
	                                 true),
	                 320);

	assert_string_equal(web_image_mime("demo/07.jpg"), "image/jpeg");
	assert_string_equal(web_image_mime("A.JPEG"), "image/jpeg");
	assert_string_equal(web_image_mime("x.webp"), "image/webp");
	assert_null(web_image_mime("x.html"));
	assert_null(web_image_mime("jpg"));
	assert_null(web_image_mime("a.jpg/b"));
}

static void
test_web_util__base64(void **state)
{
	static const struct {
		const char *in, *out;
	} v[] = {
	        /* RFC 4648 section 10 test vectors. */
	        {"", ""},
	        {"f", "Zg=="},
	        {"fo", "Zm8="},
	        {"foo", "Zm9v"},
	        {"foob", "Zm9vYg=="},
	        {"fooba", "Zm9vYmE="},
	        {"foobar", "Zm9vYmFy"},
	};
	struct buf b = BUF_INIT;
	const unsigned char bin[] = {0xff, 0xfe, 0x00, 0x80};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
		buf_reset(&b);
		web_add_base64(&b, v[i].in, strlen(v[i].in));
		buf_check(&b);
		assert_string_equal(b.p, v[i].out);
	}
	buf_reset(&b);
	web_add_base64(&b, bin, sizeof(bin));
	assert_string_equal(b.p, "//4AgA==");
	buf_release(&b);
}

static bool
fake_embed(struct buf *out, const char *url, size_t len, void *arg)
{
	int *calls = arg;

	(*calls)++;
	if (len > 7 && !strncmp(url, "/media/", 7)) {
		buf_adds(out, "data:image/jpeg;base64,QUJD");
		return true;
	}
	return false;
}

static void
test_web_util__rewrite_for_save(void **state)
{
	struct buf b = BUF_INIT;
	int calls = 0;

	(void)state;
	web_rewrite_for_save(
	        &b,
	        "<p>Xem <a href=\"/tin/a-1\">tin</a> và "
	        "<a href=\"https://x.vn/\">x</a>, "
	        "<a href=\"//cdn.x/y\">z</a>.</p>"
	        "<figure><img src=\"/media/a.jpg\" srcset=\"/media/a-400.jpg "
	        "400w\" alt=\"Hội nghị\"></figure>"
	        "<img alt=\"ngoài\" src=\"http://x.vn/b.png\">"
	        "<p>src=\"/media/a.jpg\" &lt;img src=\"/x\"&gt;</p>",
	        "https://stp.kontum.gov.vn", fake_embed, &calls);
	buf_check(&b);
	assert_int_equal(calls, 2);
	assert_string_equal(
	        b.p,
	        "<p>Xem <a href=\"https://stp.kontum.gov.vn/tin/a-1\">tin</a> "
	        "và <a href=\"https://x.vn/\">x</a>, "
	        "<a href=\"//cdn.x/y\">z</a>.</p>"
	        "<figure><img src=\"data:image/jpeg;base64,QUJD\" "
	        "alt=\"Hội nghị\"></figure>"
	        "<img alt=\"ngoài\" src=\"data:,\">"
	        "<p>src=\"/media/a.jpg\" &lt;img src=\"/x\"&gt;</p>");

	/* An attribute value holding '>' does not end the tag early. */
	buf_reset(&b);
	web_rewrite_for_save(&b, "<img alt=\"a > b\" src=\"/media/c.jpg\">",
	                     "http://h", fake_embed, &calls);
	assert_string_equal(
	        b.p, "<img alt=\"a > b\" src=\"data:image/jpeg;base64,QUJD\">");
	/* Truncated markup ends cleanly. */
	buf_reset(&b);
	web_rewrite_for_save(&b, "<img src=\"/media/x", "http://h", fake_embed,
	                     &calls);
	buf_check(&b);
	buf_reset(&b);
	web_rewrite_for_save(&b, "<a href=\"/", "http://h", NULL, NULL);
	assert_string_equal(b.p, "<a href=\"http://h/");
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_web_util__slugid_valid),
	        cmocka_unit_test(test_web_util__slugid_malformed),
	        cmocka_unit_test(test_web_util__page_numbers),
	        cmocka_unit_test(test_web_util__ids),
	        cmocka_unit_test(test_web_util__trim),
	        cmocka_unit_test(test_web_util__page_maths),
	        cmocka_unit_test(test_web_util__page_window),
	        cmocka_unit_test(test_web_util__snippet_marks),
	        cmocka_unit_test(test_web_util__tags_split),
	        cmocka_unit_test(test_web_util__media_paths),
	        cmocka_unit_test(test_web_util__base64),
	        cmocka_unit_test(test_web_util__rewrite_for_save),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
