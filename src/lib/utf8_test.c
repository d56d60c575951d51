/*
 * Tests for utf8.c: the strict validator against an independent reference
 * over every 1-, 2- and 3-byte sequence and sampled 4-byte ones, the ASCII
 * fast path at every alignment, NFC, counting and cutting.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <utf8proc.h>

#include "utf8.h"

/* Reference: decode by the bit patterns alone, then check the range
 * rules separately (the shape of RFC 3629 section 3, not the byte table
 * of section 4 that utf8.c uses). */
static bool
ref_valid(const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char b = p[i];
		size_t n, k;
		uint32_t cp, min;

		if (b == 0)
			return false;
		if (b < 0x80) {
			i++;
			continue;
		}
		if ((b & 0xE0) == 0xC0) {
			n = 2, cp = b & 0x1F, min = 0x80;
		} else if ((b & 0xF0) == 0xE0) {
			n = 3, cp = b & 0x0F, min = 0x800;
		} else if ((b & 0xF8) == 0xF0) {
			n = 4, cp = b & 0x07, min = 0x10000;
		} else {
			return false;
		}
		if (len - i < n)
			return false;
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n;
	}
	return true;
}

static bool
valid_s(const char *s)
{
	return utf8_valid(s, strlen(s));
}

static void
test_utf8__valid_examples(void **state)
{
	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(valid_s("Sở Tư pháp tỉnh Kon Tum"));
	assert_true(valid_s("\xC2\x80"));          /* U+0080 */
	assert_true(valid_s("\xDF\xBF"));          /* U+07FF */
	assert_true(valid_s("\xE0\xA0\x80"));      /* U+0800 */
	assert_true(valid_s("\xED\x9F\xBF"));      /* U+D7FF */
	assert_true(valid_s("\xEE\x80\x80"));      /* U+E000 */
	assert_true(valid_s("\xEF\xBF\xBF"));      /* U+FFFF */
	assert_true(valid_s("\xF0\x90\x80\x80"));  /* U+10000 */
	assert_true(valid_s("\xF4\x8F\xBF\xBF"));  /* U+10FFFF */
	assert_true(valid_s("e\xCC\x82\xCC\x81")); /* NFD is still valid */
}

static void
test_utf8__invalid_examples(void **state)
{
	static const char *const bad[] = {
	        "\xC0\x80",         /* overlong NUL */
	        "\xC1\xBF",         /* overlong */
	        "\xE0\x80\x80",     /* overlong */
	        "\xE0\x9F\xBF",     /* overlong U+07FF */
	        "\xF0\x80\x80\x80", /* overlong */
	        "\xF0\x8F\xBF\xBF", /* overlong U+FFFF */
	        "\xED\xA0\x80",     /* U+D800 */
	        "\xED\xBF\xBF",     /* U+DFFF */
	        "\xF4\x90\x80\x80", /* U+110000 */
	        "\xF5\x80\x80\x80", /* lead byte F5 */
	        "\xFF",             /* never valid */
	        "\x80",             /* lone continuation */
	        "a\xBF",            /* lone continuation after ASCII */
	        "\xC3",             /* truncated */
	        "\xE1\xBB",         /* truncated "ộ" */
	        "\xF0\x9F\x98",     /* truncated emoji */
	        "\xC3\x28",         /* bad continuation */
	        "\xE1\x28\xBB",     /* bad continuation */
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		assert_false(valid_s(bad[i]));
	/* NUL anywhere, in a short or a long ASCII run. */
	assert_false(utf8_valid("a\0b", 3));
	assert_false(utf8_valid("\0", 1));
	assert_false(utf8_valid("abcdefgh\0bcdefghijklmnop", 24));
	assert_false(utf8_valid("abcdefghijklmnopqrstuvw\0", 24));
	/* The length is honoured: a valid prefix of a longer buffer. */
	assert_true(utf8_valid("ab\xFF", 2));
	assert_false(utf8_valid("\xE1\xBB\x99", 2));
}

static void
test_utf8__exhaustive_short(void **state)
{
	unsigned char s[4];
	unsigned a, b, c;

	(void)state;
	for (a = 0; a < 256; a++) {
		s[0] = (unsigned char)a;
		assert_int_equal(utf8_valid((char *)s, 1), ref_valid(s, 1));
		for (b = 0; b < 256; b++) {
			s[1] = (unsigned char)b;
			assert_int_equal(utf8_valid((char *)s, 2),
			                 ref_valid(s, 2));
		}
	}
	for (a = 0xE0; a < 0x100; a++)
		for (b = 0; b < 256; b++)
			for (c = 0; c < 256; c++) {
				s[0] = (unsigned char)a;
				s[1] = (unsigned char)b;
				s[2] = (unsigned char)c;
				assert_int_equal(utf8_valid((char *)s, 3),
				                 ref_valid(s, 3));
			}
}

static void
test_utf8__sampled_four_byte(void **state)
{
	unsigned char s[4];
	unsigned a, b, c, d;

	(void)state;
	for (a = 0xF0; a < 0x100; a++)
		for (b = 0; b < 256; b++)
			for (c = 0x70; c < 0xD0; c += 0x0F)
				for (d = 0x70; d < 0xD0; d += 0x0B) {
					s[0] = (unsigned char)a;
					s[1] = (unsigned char)b;
					s[2] = (unsigned char)c;
					s[3] = (unsigned char)d;
					assert_int_equal(
					        utf8_valid((char *)s, 4),
					        ref_valid(s, 4));
				}
}

/* A bad byte at each position of a long ASCII run, at each alignment:
 * the eight-byte fast path must never skip over it. */
static void
test_utf8__fast_path_positions(void **state)
{
	static const unsigned char bad[] = {0x00, 0x80, 0xC3, 0xFF, 0xED};
	char s[80];
	size_t off, pos, k;

	(void)state;
	for (off = 0; off < 8; off++) {
		memset(s, 'x', sizeof(s));
		assert_true(utf8_valid(s + off, sizeof(s) - off));
		for (pos = off; pos < sizeof(s); pos++)
			for (k = 0; k < ARRAY_SIZE(bad); k++) {
				memset(s, 'x', sizeof(s));
				s[pos] = (char)bad[k];
				assert_false(
				        utf8_valid(s + off, sizeof(s) - off));
			}
	}
	/* Valid multibyte text straddling eight-byte words. */
	for (off = 0; off < 16; off++) {
		memset(s, 'x', sizeof(s));
		memcpy(s + off, "\xE1\xBB\x99\xC4\x91", 5);
		assert_true(utf8_valid(s, sizeof(s)));
		s[off + 2] = 'x';
		assert_false(utf8_valid(s, sizeof(s)));
	}
}

static void
test_utf8__decode(void **state)
{
	int32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xC4\x91", 2, &cp), 2);
	assert_int_equal(cp, 0x111);
	assert_int_equal(utf8_decode("\xE1\xBB\x99", 3, &cp), 3);
	assert_int_equal(cp, 0x1ED9);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* Invalid or truncated: one byte, cp -1, nothing read past len. */
	assert_int_equal(utf8_decode("\xE1\xBB\x99", 2, &cp), 1);
	assert_int_equal(cp, -1);
	assert_int_equal(utf8_decode("\xC0\x80", 2, &cp), 1);
	assert_int_equal(cp, -1);
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, -1);
	assert_int_equal(utf8_decode("", 0, &cp), 0);
	assert_int_equal(cp, -1);
}

static void
assert_nfc(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "<");
	assert_int_equal(utf8_nfc(&b, in, strlen(in)), 0);
	buf_check(&b);
	assert_string_equal(b.p + 1, want);
	buf_release(&b);
}

static void
test_utf8__nfc(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_nfc("", "");
	assert_nfc("plain ascii", "plain ascii");
	assert_nfc("Cộng hòa", "Cộng hòa");
	/* e + circumflex + acute -> ế; o + dot below + circumflex -> ộ
	 * (canonical reordering puts the dot below first). */
	assert_nfc("e\xCC\x82\xCC\x81", "ế");
	assert_nfc("o\xCC\x82\xCC\xA3", "ộ");
	assert_nfc("o\xCC\xA3\xCC\x82", "ộ");
	assert_nfc("Vie\xCC\xA3\xCC\x82t Nam", "Việt Nam");
	/* A precomposed letter then a combining mark composes further. */
	assert_nfc("\xC3\xAA\xCC\x81", "ế");
	/* Singletons: the Ohm and Angstrom signs. */
	assert_nfc("\xE2\x84\xA6\xE2\x84\xAB", "\xCE\xA9\xC3\x85");
	/* Invalid: -1 and nothing appended. */
	buf_adds(&b, "keep");
	assert_int_equal(utf8_nfc(&b, "a\xFF", 2), -1);
	assert_int_equal(utf8_nfc(&b, "a\0b", 3), -1);
	assert_string_equal(b.p, "keep");
	buf_release(&b);
}

/* The quick check in utf8.c claims every code point below U+0300 and in
 * U+1E00..U+1EFF is NFC on its own (none of them combines with the one
 * before it, as none is a combining mark or a Hangul jamo). */
static void
test_utf8__nfc_quick_ranges(void **state)
{
	utf8proc_uint8_t *ref;
	int32_t cp;

	(void)state;
	for (cp = 1; cp < 0x1F00; cp++) {
		unsigned char s[4];
		size_t n;

		if (cp == 0x300)
			cp = 0x1E00;
		if (cp < 0x80) {
			s[0] = (unsigned char)cp, n = 1;
		} else if (cp < 0x800) {
			s[0] = (unsigned char)(0xC0 | cp >> 6);
			s[1] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 2;
		} else {
			s[0] = (unsigned char)(0xE0 | cp >> 12);
			s[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
			s[2] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 3;
		}
		/* Ask utf8proc itself: utf8_nfc would take the quick path. */
		assert_int_equal(
		        utf8proc_map(s, (utf8proc_ssize_t)n, &ref,
		                     UTF8PROC_STABLE | UTF8PROC_COMPOSE),
		        (utf8proc_ssize_t)n);
		assert_memory_equal(ref, s, n);
		free(ref);
	}
}

static void
test_utf8__nfc_idempotent(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	const char *s =
	        "Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t \xE2\x84\xA6";

	(void)state;
	assert_int_equal(utf8_nfc(&a, s, strlen(s)), 0);
	assert_true(utf8_valid(a.p, a.len));
	assert_int_equal(utf8_nfc(&b, a.p, a.len), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	buf_release(&a);
	buf_release(&b);
}

static void
test_utf8__nfc_dup(void **state)
{
	struct arena a = ARENA_INIT;
	char *s;

	(void)state;
	arena_init(&a, 0);
	s = utf8_nfc_dup(&a, "Vie\xCC\xA3\xCC\x82t", 8);
	assert_string_equal(s, "Việt");
	s = utf8_nfc_dup(&a, "Sở", strlen("Sở"));
	assert_string_equal(s, "Sở");
	assert_null(utf8_nfc_dup(&a, "\xC0\x80", 2));
	arena_release(&a);
}

static void
test_utf8__count(void **state)
{
	(void)state;
	assert_int_equal(utf8_count("", 0), 0);
	assert_int_equal(utf8_count("abc", 3), 3);
	assert_int_equal(utf8_count("Việt Nam", strlen("Việt Nam")), 8);
	assert_int_equal(utf8_count("\xF0\x9F\x98\x80", 4), 1);
	assert_int_equal(utf8_count("e\xCC\x82", 3), 2);
}

static void
test_utf8__cut(void **state)
{
	const char *s = "aộb"; /* a, E1 BB 99, b */
	size_t len = strlen(s);

	(void)state;
	assert_int_equal(utf8_cut(s, len, 100), len);
	assert_int_equal(utf8_cut(s, len, len), len);
	assert_int_equal(utf8_cut(s, len, 0), 0);
	assert_int_equal(utf8_cut(s, len, 1), 1);
	assert_int_equal(utf8_cut(s, len, 2), 1);
	assert_int_equal(utf8_cut(s, len, 3), 1);
	assert_int_equal(utf8_cut(s, len, 4), 4);
	assert_int_equal(utf8_cut(s, len, 5), 5);
	assert_int_equal(utf8_cut("\xF0\x9F\x98\x80", 4, 3), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_utf8__valid_examples),
	        cmocka_unit_test(test_utf8__invalid_examples),
	        cmocka_unit_test(test_utf8__exhaustive_short),
	        cmocka_unit_test(test_utf8__sampled_four_byte),
	        cmocka_unit_test(test_utf8__fast_path_positions),
	        cmocka_unit_test(test_utf8__decode),
	        cmocka_unit_test(test_utf8__nfc),
	        cmocka_unit_test(test_utf8__nfc_quick_ranges),
	        cmocka_unit_test(test_utf8__nfc_idempotent),
	        cmocka_unit_test(test_utf8__nfc_dup),
	        cmocka_unit_test(test_utf8__count),
	        cmocka_unit_test(test_utf8__cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
