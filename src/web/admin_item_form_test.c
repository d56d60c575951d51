/*
 * The item editor's pure helpers (admin_item_form.c): legacy text inside
 * an HTML body converted with its tags untouched, and a plain-text file
 * in each encoding a writer may have turned into paragraphs.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "xalloc.h"
#include "admin_item_form.h"

static void
test_item_form__convert_html(void **state)
{
	struct arena a = ARENA_INIT;
	enum vnlegacy_enc enc = VNLEGACY_NONE;
	const char *out = NULL;

	(void)state;
	/* TCVN3 read as cp1252; the attribute's "¸" is not text and stays. */
	assert_true(item_convert_html(
	        &a,
	        "<p title=\"x¸\">Së T\xc2\xad ph¸p tØnh Kon Tum tæ chøc "
	        "<b>héi nghÞ</b> triÓn khai c«ng t¸c phæ biÕn gi¸o dôc "
	        "ph¸p luËt</p>",
	        &out, &enc));
	assert_int_equal(enc, VNLEGACY_TCVN3_CP1252);
	assert_string_equal(out, "<p title=\"x¸\">Sở Tư pháp tỉnh Kon Tum tổ "
	                         "chức <b>hội nghị</b> triển khai công tác "
	                         "phổ biến giáo dục pháp luật</p>");
	/* VIQR: the URL in the tag is left alone. */
	out = NULL;
	assert_true(item_convert_html(
	        &a,
	        "<p><a href=\"https://a.example/?q=a^\">Vie^.t Nam</a> la` "
	        "mo^.t dda^'t nu+o+'c dde.p</p>",
	        &out, &enc));
	assert_int_equal(enc, VNLEGACY_VIQR);
	assert_string_equal(out, "<p><a href=\"https://a.example/?q=a^\">Việt "
	                         "Nam</a> là một đất nước đẹp</p>");
	/* Unicode and English stay as they are. */
	out = NULL;
	assert_false(item_convert_html(
	        &a, "<p>Sở Tư pháp tỉnh Kon Tum tổ chức hội nghị</p>", &out,
	        &enc));
	assert_null(out);
	assert_false(item_convert_html(
	        &a, "<p>The café opened at 9 a.m. in Paris</p>", &out, &enc));
	assert_false(item_convert_html(&a, "", &out, &enc));
	assert_false(item_convert_html(&a, "<p><br></p>", &out, &enc));
	assert_null(out);
	arena_release(&a);
}

static void
test_item_form__cp1252_shaped(void **state)
{
	(void)state;
	assert_true(item_cp1252_shaped("NguyÔn V¨n Hïng"));
	assert_true(item_cp1252_shaped("“Th«ng tin”"));
	assert_false(item_cp1252_shaped("Nguyễn Văn Hùng"));
	assert_false(item_cp1252_shaped("plain ASCII"));
	assert_false(item_cp1252_shaped(""));
	assert_false(item_cp1252_shaped("bad \xff byte"));
}

static void
check_html(const char *text, const char *want)
{
	struct buf b = BUF_INIT;

	item_text_to_html(&b, text, strlen(text));
	assert_string_equal(b.p, want);
	buf_release(&b);
}

static void
test_item_form__text_to_html(void **state)
{
	(void)state;
	check_html("", "");
	check_html(" \r\n\t\n", "");
	check_html("Một", "<p>Một</p>\n");
	check_html("a <b> & \"c\"", "<p>a &lt;b&gt; &amp; &quot;c&quot;</p>\n");
	check_html("dòng một  \r\ndòng hai\r\n\r\n\r\n  đoạn hai\n \t\nba",
	           "<p>dòng một<br>dòng hai</p>\n<p>đoạn hai</p>\n<p>ba</p>\n");
	check_html("\n\nx\n", "<p>x</p>\n");
}

/* item_text_file of bytes p[0..len): the HTML or NULL, with enc and err. */
static const char *
file_html(struct arena *a, const char *p, size_t len, enum vnlegacy_enc *enc,
          const char **err)
{
	return item_text_file(a, p, len, enc, err);
}

static void
test_item_form__text_file(void **state)
{
	static const char vni[] =
	        "S\xf4\xfb T\xf6 pha\xf9p t\xe6nh Kon Tum h\xf6\xf4\xf9ng "
	        "da\xe3n th\xf6\xef"
	        "c hie\xe4n co\xe2ng ta\xf9"
	        "c ho\xf8"
	        "a "
	        "gia\xfbi "
	        "\xf4\xfb c\xf4 s\xf4\xfb na\xeam 2026\r\n\r\nHo\xf8"
	        "a "
	        "gia\xfbi vie\xe2n \xf4\xfb tho\xe2n la\xf8ng\r\n";
	static const char u16le[] = "\xff\xfeV\x00i\x00\xc7\x1et\x00";
	static const char u16be[] = "\xfe\xff\x00V\x00i\x1e\xc7\x00t";
	static const char pair[] = "\xff\xfe\x3d\xd8\x00\xde"; /* U+1F600 */
	static const char viqr[] = "Vie^.t Nam la` mo^.t dda^'t nu+o+'c dde.p";
	static const char lone[] = "\xff\xfe\x00\xd8";
	static const char nfd[] = "\xef\xbb\xbfVie\xcc\xa3\xcc\x82t";
	struct arena a = ARENA_INIT;
	enum vnlegacy_enc enc;
	const char *err, *h;
	char *big;

	(void)state;
	h = file_html(&a, vni, sizeof(vni) - 1, &enc, &err);
	assert_non_null(h);
	assert_int_equal(enc, VNLEGACY_VNI);
	assert_string_equal(h, "<p>Sở Tư pháp tỉnh Kon Tum hướng dẫn thực "
	                       "hiện công tác hòa giải ở cơ sở năm 2026</p>\n"
	                       "<p>Hòa giải viên ở thôn làng</p>\n");

	h = file_html(&a, nfd, sizeof(nfd) - 1, &enc, &err);
	assert_string_equal(h, "<p>Việt</p>\n"); /* the BOM dropped, NFC */
	assert_int_equal(enc, VNLEGACY_NONE);
	h = file_html(&a, u16le, sizeof(u16le) - 1, &enc, &err);
	assert_string_equal(h, "<p>Việt</p>\n");
	h = file_html(&a, u16be, sizeof(u16be) - 1, &enc, &err);
	assert_string_equal(h, "<p>Việt</p>\n");
	h = file_html(&a, pair, sizeof(pair) - 1, &enc, &err);
	assert_string_equal(h, "<p>\xf0\x9f\x98\x80</p>\n");

	/* VIQR typed in a UTF-8 file. */
	h = file_html(&a, viqr, strlen(viqr), &enc, &err);
	assert_int_equal(enc, VNLEGACY_VIQR);
	assert_string_equal(h, "<p>Việt Nam là một đất nước đẹp</p>\n");

	/* Refusals, each with its sentence. */
	assert_null(file_html(&a, lone, sizeof(lone) - 1, &enc, &err));
	assert_non_null(err);
	assert_null(file_html(&a, "\xff\xfe\x41", 3, &enc, &err));
	assert_non_null(err);
	assert_null(file_html(&a, "\x00\x01\x02\xff\xfe\xfd", 6, &enc, &err));
	assert_non_null(strstr(err, "bảng mã"));
	assert_null(file_html(&a, " \r\n\r\n ", 6, &enc, &err));
	assert_non_null(strstr(err, "không có nội dung"));
	big = xmalloc(ITEM_TEXT_FILE_MAX + 1);
	memset(big, 'a', ITEM_TEXT_FILE_MAX + 1);
	assert_null(file_html(&a, big, ITEM_TEXT_FILE_MAX + 1, &enc, &err));
	assert_non_null(strstr(err, "quá lớn"));
	free(big);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_item_form__convert_html),
	        cmocka_unit_test(test_item_form__cp1252_shaped),
	        cmocka_unit_test(test_item_form__text_to_html),
	        cmocka_unit_test(test_item_form__text_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
