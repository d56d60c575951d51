/*
 * Tests for vnfold.c: every Vietnamese letter in both cases and both
 * normal forms, the table against utf8proc over all of Unicode, the offset
 * map, idempotence and slugs.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <utf8proc.h>

#include "utf8.h"
#include "vnfold.h"
#include "xalloc.h"

/* The 67 lower-case Vietnamese letters that carry a diacritic, grouped
 * by base letter, and their upper-case forms, in NFC. */
static const char vn_lower[] = "àáảãạ"
                               "ăằắẳẵặ"
                               "âầấẩẫậ"
                               "đ"
                               "èéẻẽẹ"
                               "êềếểễệ"
                               "ìíỉĩị"
                               "òóỏõọ"
                               "ôồốổỗộ"
                               "ơờớởỡợ"
                               "ùúủũụ"
                               "ưừứửữự"
                               "ỳýỷỹỵ";
static const char vn_upper[] = "ÀÁẢÃẠ"
                               "ĂẰẮẲẴẶ"
                               "ÂẦẤẨẪẬ"
                               "Đ"
                               "ÈÉẺẼẸ"
                               "ÊỀẾỂỄỆ"
                               "ÌÍỈĨỊ"
                               "ÒÓỎÕỌ"
                               "ÔỒỐỔỖỘ"
                               "ƠỜỚỞỠỢ"
                               "ÙÚỦŨỤ"
                               "ƯỪỨỬỮỰ"
                               "ỲÝỶỸỴ";
/* The base letter of each of them, in the same order. */
static const char vn_base[] = "aaaaa"
                              "aaaaaa"
                              "aaaaaa"
                              "d"
                              "eeeee"
                              "eeeeee"
                              "iiiii"
                              "ooooo"
                              "oooooo"
                              "oooooo"
                              "uuuuu"
                              "uuuuuu"
                              "yyyyy";

static char *
fold_s(const char *s)
{
	struct buf b = BUF_INIT;

	vnfold(&b, s, strlen(s));
	buf_check(&b);
	return buf_detach(&b, NULL);
}

static void
assert_fold(const char *in, const char *want)
{
	char *got = fold_s(in);

	assert_string_equal(got, want);
	free(got);
}

/* Folds each letter of set on its own, in NFC and in NFD. */
static void
check_letters(const char *set)
{
	size_t i = 0, k = 0, len = strlen(set);

	while (i < len) {
		int32_t cp;
		size_t n = utf8_decode(set + i, len - i, &cp);
		utf8proc_uint8_t *nfd;
		char want[2] = {vn_base[k], '\0'};
		char *one = xstrndup(set + i, n);

		assert_true(cp > 0x7F);
		assert_fold(one, want);
		assert_true(utf8proc_map((utf8proc_uint8_t *)one,
		                         (utf8proc_ssize_t)n, &nfd,
		                         UTF8PROC_STABLE | UTF8PROC_DECOMPOSE) >
		            0);
		if (cp != 0x111 && cp != 0x110) /* đ has no decomposition */
			assert_true(strlen((char *)nfd) != n ||
			            memcmp(nfd, one, n) != 0);
		assert_fold((char *)nfd, want);
		free(nfd);
		free(one);
		i += n;
		k++;
	}
	assert_int_equal(k, 67);
	assert_int_equal(strlen(vn_base), 67);
}

static void
test_vnfold__all_vietnamese_letters(void **state)
{
	(void)state;
	check_letters(vn_lower);
	check_letters(vn_upper);
}

static void
test_vnfold__sentences(void **state)
{
	(void)state;
	assert_fold("", "");
	assert_fold("Cộng hòa xã hội chủ nghĩa Việt Nam",
	            "cong hoa xa hoi chu nghia viet nam");
	assert_fold("ĐẢNG", "dang");
	assert_fold("Đảng Cộng sản", "dang cong san");
	assert_fold("Quyết định", "quyet dinh");
	assert_fold("Sở Tư pháp tỉnh Kon Tum", "so tu phap tinh kon tum");
	assert_fold("Đắk Glei, Ia H'Drai", "dak glei, ia h'drai");
	assert_fold("NGHỊ ĐỊNH 15/2020/NĐ-CP", "nghi dinh 15/2020/nd-cp");
	/* Old-style tone placement (hoà) and new (hòa) fold alike. */
	assert_fold("hoà hòa HOÀ", "hoa hoa hoa");
	/* NFD: e + circumflex + acute, and the marks in the other order. */
	assert_fold("e\xCC\x82\xCC\x81", "e");
	assert_fold("Vie\xCC\xA3\xCC\x82t", "viet");
	assert_fold("Vie\xCC\x82\xCC\xA3t", "viet");
	/* The Icelandic Ð typed for Đ, a soft hyphen, a zero-width joiner. */
	assert_fold("ÐẢNG", "dang");
	assert_fold("tư\xC2\xADpháp", "tuphap");
	assert_fold("a\xE2\x80\x8D"
	            "b",
	            "ab");
	/* Full case folding beyond Vietnamese. */
	assert_fold("Straße", "strasse");
	assert_fold("ΣΊΣΥΦΟΣ", "σισυφοσ");
	assert_fold("Москва", "москва");
	assert_fold("東京", "東京");
	/* Invalid bytes are copied through; NUL is kept. */
	{
		struct buf b = BUF_INIT;

		vnfold(&b,
		       "A\xFF\xC3"
		       "B\0C",
		       6);
		assert_int_equal(b.len, 6);
		assert_memory_equal(b.p,
		                    "a\xFF\xC3"
		                    "b\0c",
		                    6);
		buf_release(&b);
	}
}

/* Reference fold of one code point through utf8proc_map (a different
 * path from the table and utf8proc_decompose_char in vnfold.c). */
static size_t
ref_fold(int32_t cp, char *out, size_t cap)
{
	utf8proc_uint8_t in[4], *m;
	utf8proc_ssize_t n;
	size_t len = 0, i = 0, mlen;

	n = utf8proc_encode_char(cp, in);
	n = utf8proc_map(in, n, &m,
	                 UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
	                         UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	assert_true(n >= 0);
	mlen = (size_t)n;
	while (i < mlen) {
		int32_t c;
		size_t k = utf8_decode((char *)m + i, mlen - i, &c);

		assert_true(c >= 0);
		if (c == 0x111 || c == 0xF0) {
			out[len++] = 'd';
		} else if (utf8proc_category(c) != UTF8PROC_CATEGORY_MN) {
			assert_true(len + k <= cap);
			memcpy(out + len, m + i, k);
			len += k;
		}
		i += k;
	}
	free(m);
	return len;
}

static void
encode(int32_t cp, char *s, size_t *n)
{
	*n = (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)s);
}

/* Every scalar value of the planes with assigned characters (0-3, 14)
 * and a sample of the others: the ASCII loop, the tables and the utf8proc
 * path must all agree with the reference, and folding is idempotent. */
static void
test_vnfold__every_code_point(void **state)
{
	struct buf b = BUF_INIT, b2 = BUF_INIT;
	int32_t cp;

	(void)state;
	for (cp = 1; cp <= 0x10FFFF; cp++) {
		char s[4], want[64];
		size_t n, wn;
		int plane = cp >> 16;

		if (cp == 0xD800)
			cp = 0xE000;
		if (plane > 3 && plane != 14 && cp % 97)
			continue;
		encode(cp, s, &n);
		wn = ref_fold(cp, want, sizeof(want));
		buf_reset(&b);
		vnfold(&b, s, n);
		if (b.len != wn || memcmp(b.p, want, wn) != 0)
			fail_msg("U+%04X folds wrong", (unsigned)cp);
		buf_reset(&b2);
		vnfold(&b2, b.p, b.len);
		if (b2.len != b.len || memcmp(b.p, b2.p, b.len) != 0)
			fail_msg("U+%04X: fold not idempotent", (unsigned)cp);
	}
	buf_release(&b);
	buf_release(&b2);
}

/* Marks that are not Mn but have a combining class (U+1D165 class 216,
 * U+1D16D class 226) are put in canonical order, so the NFC and any
 * other order of them fold alike, and the map stays non-decreasing. */
static void
test_vnfold__canonical_order(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t *map, i;
	const char *x = "a\xF0\x9D\x85\xAD\xF0\x9D\x85\xA5"
	                "b";
	const char *y = "a\xF0\x9D\x85\xA5\xF0\x9D\x85\xAD"
	                "b";

	(void)state;
	vnfold_map(&a, x, strlen(x), &map);
	vnfold(&b, y, strlen(y));
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	assert_memory_equal(a.p, y, a.len);
	for (i = 0; i < a.len; i++)
		assert_true(map[i] <= map[i + 1]);
	assert_int_equal(map[0], 0);
	assert_int_equal(map[1], 1);
	assert_int_equal(map[8], 1);
	assert_int_equal(map[9], 9);
	assert_int_equal(map[10], 10);
	free(map);
	buf_release(&a);
	buf_release(&b);
}

static void
test_vnfold__appends(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_adds(&b, "x:");
	vnfold(&b, "Tư", strlen("Tư"));
	assert_string_equal(b.p, "x:tu");
	buf_release(&b);
}

static void
test_vnfold__capped_buffer(void **state)
{
	struct buf b = BUF_INIT;
	size_t *map;

	(void)state;
	/* A hint larger than the cap must not set err when the fold fits:
	 * "ĐĐĐĐ" is 8 bytes and folds to 4. */
	b.max = 5;
	vnfold(&b, "ĐĐĐĐ", strlen("ĐĐĐĐ"));
	assert_false(buf_err(&b));
	assert_string_equal(b.p, "dddd");
	buf_reset(&b);
	vnfold_map(&b, "abcdefgh", 8, &map);
	assert_true(buf_err(&b));
	assert_true(b.len <= 5);
	assert_int_equal(map[b.len], 8);
	free(map);
	buf_release(&b);
}

static void
test_vnfold__map(void **state)
{
	struct buf b = BUF_INIT;
	size_t *map;
	const char *s = "Đảng ß";
	static const size_t want[] = {0, 2, 5, 6, 7, 8, 8, 10};

	(void)state;
	buf_adds(&b, "pre");
	/* Đ(0,2) ả(2,3) n(5) g(6) ' '(7) ß(8,2) -> "dang ss" */
	vnfold_map(&b, s, strlen(s), &map);
	assert_string_equal(b.p, "predang ss");
	assert_memory_equal(map, want, sizeof(want));
	free(map);

	/* NFD: the dropped marks leave no output bytes. */
	buf_reset(&b);
	vnfold_map(&b, "e\xCC\x82\xCC\x81x", 6, &map);
	assert_string_equal(b.p, "ex");
	assert_int_equal(map[0], 0);
	assert_int_equal(map[1], 5);
	assert_int_equal(map[2], 6);
	free(map);

	/* Empty input: just the end entry. */
	buf_reset(&b);
	vnfold_map(&b, "", 0, &map);
	assert_int_equal(b.len, 0);
	assert_int_equal(map[0], 0);
	free(map);

	/* Long ASCII and mixed text: the map is monotonic and each entry
	 * starts a character of the input. */
	{
		struct buf in = BUF_INIT;
		size_t i;

		for (i = 0; i < 300; i++)
			buf_adds(&in, "Quyết định số 12 ");
		buf_reset(&b);
		vnfold_map(&b, in.p, in.len, &map);
		for (i = 0; i < b.len; i++) {
			assert_true(map[i] <= map[i + 1]);
			assert_true(((unsigned char)in.p[map[i]] & 0xC0) !=
			            0x80);
		}
		assert_int_equal(map[b.len], in.len);
		free(map);
		buf_release(&in);
	}
	buf_release(&b);
}

static void
test_vnfold__idempotent_text(void **state)
{
	static const char *const texts[] = {
	        "Cộng hòa xã hội chủ nghĩa Việt Nam",
	        "Ǆǅǆ ŉ ǰ İ ẞ ﬃ ᾀ ΐ",
	        "e\xCC\x82\xCC\x81 o\xCC\x9B\xCC\xA3",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		char *a = fold_s(texts[i]), *b = fold_s(a);

		assert_true(utf8_valid(a, strlen(a)));
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

static void
assert_slug(const char *in, size_t maxlen, const char *want)
{
	struct buf b = BUF_INIT;

	vnslug(&b, in, strlen(in), maxlen);
	buf_check(&b);
	assert_string_equal(b.p, want);
	buf_release(&b);
}

static void
test_vnfold__slug(void **state)
{
	(void)state;
	assert_slug("Sở Tư pháp tỉnh Kon Tum", 0, "so-tu-phap-tinh-kon-tum");
	assert_slug("Đắk Glei", 0, "dak-glei");
	assert_slug("Ia H'Drai", 0, "ia-h-drai");
	assert_slug("", 0, "");
	assert_slug("  --!!  ", 0, "");
	assert_slug("  Quyết định   số 15/2020/NĐ-CP!  ", 0,
	            "quyet-dinh-so-15-2020-nd-cp");
	assert_slug("Москва 2026", 0, "2026");
	/* maxlen: cut at a '-', never inside a word. */
	assert_slug("Sở Tư pháp tỉnh Kon Tum", 11, "so-tu-phap");
	assert_slug("Sở Tư pháp tỉnh Kon Tum", 10, "so-tu-phap");
	assert_slug("Sở Tư pháp tỉnh Kon Tum", 9, "so-tu");
	assert_slug("Sở Tư pháp tỉnh Kon Tum", 23, "so-tu-phap-tinh-kon-tum");
	assert_slug("Sở Tư pháp tỉnh Kon Tum", 22, "so-tu-phap-tinh-kon");
	/* One word longer than maxlen is cut where it must be. */
	assert_slug("Nghiêng", 4, "nghi");
	/* Appends after what out holds. */
	{
		struct buf b = BUF_INIT;

		buf_adds(&b, "/tin/");
		vnslug(&b, "Tin tức", 9, 0);
		assert_string_equal(b.p, "/tin/tin-tuc");
		buf_release(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_vnfold__all_vietnamese_letters),
	        cmocka_unit_test(test_vnfold__sentences),
	        cmocka_unit_test(test_vnfold__every_code_point),
	        cmocka_unit_test(test_vnfold__canonical_order),
	        cmocka_unit_test(test_vnfold__appends),
	        cmocka_unit_test(test_vnfold__capped_buffer),
	        cmocka_unit_test(test_vnfold__map),
	        cmocka_unit_test(test_vnfold__idempotent_text),
	        cmocka_unit_test(test_vnfold__slug),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
