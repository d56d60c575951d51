/*
 * Tests for search.c.  search_build_match is tested on its own, with the
 * injection attempts a public search box gets.  search_run is tested
 * against a fake store_search defined here, which records the query it is
 * given (the linker then takes no store object from libttdt.a); searching
 * a real index is the store's and the HTTP tests' business.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "search.h"
#include "utf8.h"

static struct search_query fake_q;
static const char *fake_matches[8]; /* of each call */
static size_t fake_totals[8];       /* total each call returns */
static int fake_calls;
static enum err fake_ret;

enum err
store_search(struct store *s, struct arena *a, const struct search_query *q,
             struct search_result *out)
{
	(void)s;
	memset(out, 0, sizeof(*out));
	if (q->limit > 0)
		fake_q = *q; /* the page's query, not the word check */
	if (fake_calls < 8) {
		fake_matches[fake_calls] = arena_strdup(a, q->match);
		out->total = fake_totals[fake_calls];
	}
	fake_calls++;
	return fake_ret;
}

static struct arena A;

static int
setup(void **state)
{
	(void)state;
	arena_init(&A, 0);
	fake_calls = 0;
	fake_ret = ERR_OK;
	for (size_t i = 0; i < 8; i++) {
		fake_matches[i] = NULL;
		fake_totals[i] = 7;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_release(&A);
	return 0;
}

static void
assert_match(const char *q, const char *want)
{
	enum search_problem p = SEARCH__MAX;
	const char *m = search_build_match(&A, q, &p);

	if (!m)
		fail_msg("'%s': no match string (problem %d)", q, (int)p);
	assert_int_equal(p, SEARCH_OK);
	assert_string_equal(m, want);
}

static void
assert_problem(const char *q, enum search_problem want)
{
	enum search_problem p = SEARCH__MAX;

	assert_null(search_build_match(&A, q, &p));
	assert_int_equal(p, want);
}

static void
test_search__words(void **state)
{
	(void)state;
	assert_match("tư pháp", "\"tu\" \"phap\"*");
	assert_match("Tư Pháp", "\"tu\" \"phap\"*");
	assert_match("tu phap", "\"tu\" \"phap\"*");
	assert_match("Đảng", "\"dang\"*");
	assert_match("ĐẢNG bộ", "\"dang\" \"bo\"");
	assert_match("Cộng hòa xã hội chủ nghĩa Việt Nam",
	             "\"cong\" \"hoa\" \"xa\" \"hoi\" \"chu\" \"nghia\" "
	             "\"viet\" \"nam\"*");
	assert_match("  Quyết   định\t\n", "\"quyet\" \"dinh\"*");
	/* NFD input and mixed normal forms. */
	assert_match("Quye\xCC\x82\xCC\x81t \xC4\x91i\xCC\xA3nh",
	             "\"quyet\" \"dinh\"*");
	/* Document numbers split on '/' and '-', like the index. */
	assert_match("15/2020/NĐ-CP", "\"15\" \"2020\" \"nd\" \"cp\"");
	/* Scripts other than Latin stay words. */
	assert_match("Москва", "\"москва\"*");
}

static void
test_search__prefix_rule(void **state)
{
	(void)state;
	/* SEARCH_PREFIX_MIN characters, counted after folding. */
	assert_match("ab", "\"ab\"");
	assert_match("abc", "\"abc\"*");
	assert_match("Đắk", "\"dak\"*");
	assert_match("ở", "\"o\"");
	/* Only the last word, and never inside a phrase. */
	assert_match("phap tu", "\"phap\" \"tu\"");
	assert_match("\"tu phap\"", "\"tu phap\"");
	assert_match("luật \"tu phap\"", "\"luat\" \"tu phap\"");
	/* Trailing punctuation does not change which word is last. */
	assert_match("tư pháp.", "\"tu\" \"phap\"*");
}

static void
test_search__phrases(void **state)
{
	(void)state;
	assert_match("\"Tư pháp\" Kon Tum", "\"tu phap\" \"kon\" \"tum\"*");
	assert_match("\"tư   pháp\"", "\"tu phap\"");
	/* Unclosed: the phrase runs to the end. */
	assert_match("\"tư pháp", "\"tu phap\"");
	assert_match("luật \"tư", "\"luat\" \"tu\"");
	/* Empty and punctuation-only phrases vanish. */
	assert_match("a \"\" b", "\"a\" \"b\"");
	assert_match("a \" , \" b", "\"a\" \"b\"");
	assert_match("\"a\"\"b\"", "\"a\" \"b\"");
	/* Quotes next to words. */
	assert_match("x\"y z\"w", "\"x\" \"y z\" \"w\"");
}

static void
test_search__injection(void **state)
{
	(void)state;
	/* FTS5 operators typed as words are only words. */
	assert_match("tu AND phap", "\"tu\" \"and\" \"phap\"*");
	assert_match("a OR b NOT c", "\"a\" \"or\" \"b\" \"not\" \"c\"");
	assert_match("NEAR(tu phap, 2)", "\"near\" \"tu\" \"phap\" \"2\"");
	assert_match("NEAR(", "\"near\"*");
	/* Column filters, initial-token and prefix syntax, groups. */
	assert_match("title:luat", "\"title\" \"luat\"*");
	assert_match("{title body}:x", "\"title\" \"body\" \"x\"");
	assert_match("- title : x", "\"title\" \"x\"");
	assert_match("^dang", "\"dang\"*");
	assert_match("ph*", "\"ph\"");
	assert_match("(a OR b) + c", "\"a\" \"or\" \"b\" \"c\"");
	assert_match("'; DROP TABLE items; --",
	             "\"drop\" \"table\" \"items\"*");
	assert_match("a\\\"b", "\"a\" \"b\"");
	assert_problem("\"", SEARCH_NO_TERMS);
	assert_problem("\"\"\"", SEARCH_NO_TERMS);
	assert_problem("*", SEARCH_NO_TERMS);
	assert_problem("^ : * \" ( ) + - { } ,", SEARCH_NO_TERMS);
	assert_problem("…!?–—“”«»", SEARCH_NO_TERMS);
	/* Marks alone fold away. */
	assert_problem("\xCC\x81\xCC\x82", SEARCH_NO_TERMS);
}

static void
test_search__problems(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	assert_problem(NULL, SEARCH_EMPTY);
	assert_problem("", SEARCH_EMPTY);
	assert_problem("  \t\r\n ", SEARCH_EMPTY);
	/* No-break space is not nothing: it is typed, yet has no word. */
	assert_problem("\xC2\xA0", SEARCH_NO_TERMS);
	/* Exactly SEARCH_MAX_QUERY characters (two bytes each) pass... */
	for (i = 0; i < SEARCH_MAX_QUERY; i++)
		buf_adds(&b, i % 10 == 9 ? " " : "đ");
	assert_int_equal(utf8_count(b.p, b.len), SEARCH_MAX_QUERY);
	assert_non_null(search_build_match(&A, b.p, &(enum search_problem){0}));
	/* ...one more does not. */
	buf_adds(&b, "đ");
	assert_problem(b.p, SEARCH_TOO_LONG);
	/* 10,000 characters. */
	buf_reset(&b);
	for (i = 0; i < 10000; i++)
		buf_addch(&b, i % 7 ? 'a' : ' ');
	assert_problem(b.p, SEARCH_TOO_LONG);
	buf_reset(&b);
	for (i = 0; i < 10000; i++)
		buf_addch(&b, '"');
	assert_problem(b.p, SEARCH_TOO_LONG);
	buf_release(&b);
}

static void
test_search__term_cap(void **state)
{
	struct buf b = BUF_INIT, want = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 20; i++) {
		buf_addf(&b, "w%zu ", i);
		if (i < SEARCH_MAX_TERMS)
			buf_addf(&want, "%s\"w%zu\"", i ? " " : "", i);
	}
	/* The last word kept is not the last typed: no prefix. */
	assert_match(b.p, want.p);
	/* A phrase is cut at the cap and still closed. */
	buf_reset(&b);
	buf_reset(&want);
	buf_adds(&b, "a b c d e f g h i j \"k l m n\"");
	assert_match(b.p, "\"a\" \"b\" \"c\" \"d\" \"e\" \"f\" \"g\" \"h\" "
	                  "\"i\" \"j\" \"k l\"");
	buf_release(&b);
	buf_release(&want);
}

/* Invalid UTF-8 must not crash and must not reach the output as is. */
static void
test_search__invalid_utf8(void **state)
{
	(void)state;
	assert_match("a\xFF"
	             "bc",
	             "\"a\" \"bc\"");
	assert_match("\xC0\xAF"
	             "etc",
	             "\"etc\"*");
	assert_problem("\xC3", SEARCH_NO_TERMS);
	assert_problem("\xED\xA0\x80", SEARCH_NO_TERMS);
}

/* Checks the shape of a match string: quoted runs without inner quotes,
 * single spaces between them, at most one '*' and only at the end. */
static void
check_shape(const char *m)
{
	const char *p = m;
	size_t terms = 0;

	while (*p) {
		assert_int_equal(*p, '"');
		p++;
		while (*p && *p != '"')
			p++;
		assert_int_equal(*p, '"');
		p++;
		terms++;
		if (*p == '*') {
			p++;
			assert_int_equal(*p, '\0');
		} else if (*p) {
			assert_int_equal(*p, ' ');
			p++;
			assert_int_equal(*p, '"');
		}
	}
	assert_true(terms >= 1 && terms <= SEARCH_MAX_TERMS);
}

static void
test_search__random_shapes(void **state)
{
	static const char *const atoms[] = {
	        "\"", " ",         "*",        "^",  ":",        "(",
	        ")",  "NEAR",      "AND",      "OR", "NOT",      "tư",
	        "Đ",  "e\xCC\x82", "\xCC\x81", "1",  "-",        "+",
	        "{",  "}",         ",",        "\t", "\xC2\xA0", "\xE2\x80\x8B",
	        "x"};
	unsigned seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 20000; round++) {
		struct buf b = BUF_INIT;
		enum search_problem p;
		const char *m;
		int k, n;

		seed = seed * 1103515245 + 12345;
		n = (int)(seed >> 16) % 40;
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245 + 12345;
			buf_adds(&b, atoms[(seed >> 16) % ARRAY_SIZE(atoms)]);
		}
		m = search_build_match(&A, b.p, &p);
		if (m) {
			assert_int_equal(p, SEARCH_OK);
			assert_true(utf8_valid(m, strlen(m)));
			check_shape(m);
		} else {
			assert_true(p == SEARCH_EMPTY || p == SEARCH_NO_TERMS ||
			            p == SEARCH_TOO_LONG);
		}
		buf_release(&b);
		arena_reset(&A);
	}
}

static void
test_search__run(void **state)
{
	struct search_request rq = {"Tư pháp", 3, 0, 0, 2, 20};
	struct search_result res;
	enum search_problem p = SEARCH__MAX;

	(void)state;
	fake_totals[0] = 50;
	assert_int_equal(search_run(NULL, &A, &rq, &res, &p), ERR_OK);
	assert_int_equal(p, SEARCH_OK);
	/* Enough found with the whole words: no prefix. */
	assert_int_equal(fake_calls, 1);
	assert_string_equal(fake_q.match, "\"tu\" \"phap\"");
	assert_int_equal(res.total, 50);
	assert_int_equal(fake_q.category_id, 3);
	assert_int_equal(fake_q.offset, 20);
	assert_int_equal(fake_q.limit, 20);

	/* Too few, and the last word is a word of the index: no prefix
	 * either, and the first result stands. */
	fake_calls = 0;
	fake_totals[0] = 7;
	fake_totals[1] = 3;
	assert_int_equal(search_run(NULL, &A, &rq, &res, &p), ERR_OK);
	assert_int_equal(fake_calls, 2);
	assert_string_equal(fake_matches[1], "\"phap\"");
	assert_string_equal(fake_q.match, "\"tu\" \"phap\"");
	assert_int_equal(res.total, 7);

	/* Too few, and the last word is in no item: the prefix, with the
	 * same filters and page. */
	fake_calls = 0;
	fake_totals[1] = 0;
	fake_totals[2] = 40;
	assert_int_equal(search_run(NULL, &A, &rq, &res, &p), ERR_OK);
	assert_int_equal(fake_calls, 3);
	assert_string_equal(fake_matches[2], "\"tu\" \"phap\"*");
	assert_string_equal(fake_q.match, "\"tu\" \"phap\"*");
	assert_int_equal(res.total, 40);
	assert_int_equal(fake_q.category_id, 3);
	assert_int_equal(fake_q.offset, 20);
	assert_int_equal(fake_q.limit, 20);

	/* Defaults and caps. */
	rq.page = 0;
	rq.per_page = 0;
	assert_int_equal(search_run(NULL, &A, &rq, &res, &p), ERR_OK);
	assert_int_equal(fake_q.offset, 0);
	assert_int_equal(fake_q.limit, SEARCH_PER_PAGE);
	rq.page = SIZE_MAX;
	rq.per_page = SIZE_MAX;
	assert_int_equal(search_run(NULL, &A, &rq, &res, &p), ERR_OK);
	assert_int_equal(fake_q.limit, SEARCH_MAX_PER_PAGE);
	assert_int_equal(fake_q.offset,
	                 (SEARCH_MAX_PAGE - 1) * SEARCH_MAX_PER_PAGE);

	/* Dates: equal is fine, open ends are fine, from > to is not. */
	rq.from = rq.to = 1772298000;
	assert_int_equal(search_run(NULL, &A, &rq, &res, &p), ERR_OK);
	assert_int_equal(fake_q.from, 1772298000);
	assert_int_equal(fake_q.to, 1772298000);
	rq.to = 0;
	assert_int_equal(search_run(NULL, &A, &rq, &res, &p), ERR_OK);
	rq.to = rq.from - 1;
	fake_calls = 0;
	assert_int_equal(search_run(NULL, &A, &rq, &res, &p), ERR_INVALID);
	assert_int_equal(p, SEARCH_BAD_DATES);
	assert_int_equal(fake_calls, 0);

	/* A query problem wins and the store is not asked. */
	rq.q = "!!!";
	assert_int_equal(search_run(NULL, &A, &rq, &res, &p), ERR_INVALID);
	assert_int_equal(p, SEARCH_NO_TERMS);
	assert_int_equal(fake_calls, 0);

	/* Store errors pass through. */
	rq.q = "luật";
	rq.to = 0;
	fake_ret = ERR_BUSY;
	assert_int_equal(search_run(NULL, &A, &rq, &res, &p), ERR_BUSY);
	assert_int_equal(p, SEARCH_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_search__words, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_search__prefix_rule, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_search__phrases, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_search__injection, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_search__problems, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_search__term_cap, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_search__invalid_utf8,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_search__random_shapes,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_search__run, setup,
	                                        teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
