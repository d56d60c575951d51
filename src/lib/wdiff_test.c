/*
 * Tests for wdiff.c: ops of small cases spelled out, Vietnamese tone
 * placement and minor changes, white space and punctuation, HTML mode,
 * escaping of both renderers, refusal of bad input, the time and memory
 * bound on large texts, and the property that the ops turn A into B over
 * a thousand random pairs.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "wdiff.h"
#include "xalloc.h"

struct fix {
	struct arena ar;
	struct wdiff d;
	struct buf out;
};

static int
setup(void **state)
{
	struct fix *f = xcalloc(1, sizeof(*f));

	arena_init(&f->ar, 0);
	f->out = (struct buf)BUF_INIT;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	arena_release(&f->ar);
	buf_release(&f->out);
	free(f);
	return 0;
}

static bool
slow_build(void)
{
	const char *pre = getenv("LD_PRELOAD");

#if defined(__SANITIZE_ADDRESS__)
	return true;
#endif
	return pre && strstr(pre, "valgrind");
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Applies the ops to a: walks a, checking that each EQUAL and DELETE op
 * consumes exactly the bytes it claims, and writes the EQUAL and INSERT
 * text of B.  Returns false if the ops do not fit a.
 */
static bool
apply(struct buf *out, const struct wdiff *d, struct str a)
{
	size_t pos = 0;

	for (size_t i = 0; i < d->nops; i++) {
		const struct wdiff_op *op = &d->ops[i];

		if (op->kind != WDIFF_INSERT) {
			if (op->a.len > a.len - pos ||
			    memcmp(op->a.p, a.p + pos, op->a.len) != 0)
				return false;
			pos += op->a.len;
		} else if (op->a.len) {
			return false;
		}
		if (op->kind != WDIFF_DELETE)
			buf_add(out, op->b.p, op->b.len);
		else if (op->b.len)
			return false;
	}
	return pos == a.len;
}

/* Runs the diff of a and b, checks its invariants and that it applies,
 * and returns the ops as a string "=x|-y|+z|~-u|~+v" for the asserts. */
static const char *
run(struct fix *f, const char *a, const char *b, enum wdiff_mode mode)
{
	struct str sa = str_from(a), sb = str_from(b);
	struct buf got = BUF_INIT;

	assert_int_equal(wdiff_compute(&f->d, &f->ar, sa, sb, mode), ERR_OK);
	wdiff_check(&f->d, sa, sb);
	assert_true(apply(&got, &f->d, sa));
	assert_int_equal(got.len, sb.len);
	assert_memory_equal(got.p, sb.p, sb.len);
	buf_release(&got);

	buf_reset(&f->out);
	for (size_t i = 0; i < f->d.nops; i++) {
		const struct wdiff_op *op = &f->d.ops[i];
		struct str s = op->kind == WDIFF_DELETE ? op->a : op->b;

		if (i)
			buf_addch(&f->out, '|');
		if (op->minor)
			buf_addch(&f->out, '~');
		buf_addch(&f->out, "=-+"[op->kind]);
		buf_addstr(&f->out, s);
	}
	return f->out.p;
}

static char *
render(const struct wdiff *d, bool rows)
{
	struct buf b = BUF_INIT;

	if (rows)
		wdiff_render_rows(&b, d);
	else
		wdiff_render_inline(&b, d);
	buf_check(&b);
	return buf_detach(&b, NULL);
}

static char *
summary(const struct wdiff *d)
{
	struct buf b = BUF_INIT;

	wdiff_summary(&b, d);
	return buf_detach(&b, NULL);
}

/* Every '<' of rendered output opens one of the renderer's own tags and
 * every '&' one of the escapes (or a reference kept in HTML mode). */
static void
assert_safe(const char *html)
{
	static const char *const tags[] = {
	        "<del class=\"wd-del\">",
	        "<del class=\"wd-del wd-minor\">",
	        "</del>",
	        "<ins class=\"wd-ins\">",
	        "<ins class=\"wd-ins wd-minor\">",
	        "</ins>",
	        "<span class=\"wd-tag\">",
	        "</span>",
	        "<tr><td class=\"wd-a\">",
	        "</td><td class=\"wd-b\">",
	        "</td></tr>",
	};
	const char *p;

	for (p = html; (p = strchr(p, '<'));) {
		size_t k;

		for (k = 0; k < ARRAY_SIZE(tags); k++)
			if (strncmp(p, tags[k], strlen(tags[k])) == 0)
				break;
		if (k == ARRAY_SIZE(tags))
			fail_msg("unexpected markup at: %.40s", p);
		p += strlen(tags[k]);
	}
	for (p = html; (p = strchr(p, '"')); p++)
		assert_true(p > html &&
		            (p[-1] == '=' || p[1] == '>' || p[1] == ' '));
	assert_null(strchr(html, '\''));
}

static void
test_wdiff__identical(void **state)
{
	struct fix *f = *state;

	assert_string_equal(run(f, "Sở Tư pháp tỉnh Kon Tum.",
	                        "Sở Tư pháp tỉnh Kon Tum.", WDIFF_TEXT),
	                    "=Sở Tư pháp tỉnh Kon Tum.");
	assert_int_equal(f->d.nops, 1);
	assert_int_equal(f->d.added + f->d.removed + f->d.respelled, 0);
	assert_false(f->d.coarse);
	char *s = summary(&f->d);
	assert_string_equal(s, "không thay đổi");
	free(s);
}

static void
test_wdiff__empty(void **state)
{
	struct fix *f = *state;
	struct wdiff d;

	assert_string_equal(run(f, "", "", WDIFF_TEXT), "");
	assert_int_equal(f->d.nops, 0);
	assert_string_equal(run(f, "", "Mới", WDIFF_TEXT), "+Mới");
	assert_int_equal(f->d.added, 1);
	assert_string_equal(run(f, "Cũ rồi", "", WDIFF_TEXT), "-Cũ rồi");
	assert_int_equal(f->d.removed, 2);
	assert_int_equal(
	        wdiff_compute(&d, &f->ar, STR_NULL, STR_NULL, WDIFF_HTML),
	        ERR_OK);
	assert_int_equal(d.nops, 0);
}

static void
test_wdiff__pure_insert_delete(void **state)
{
	struct fix *f = *state;
	char *s;

	assert_string_equal(run(f, "Hội nghị tổng kết.",
	                        "Hội nghị sơ kết và tổng kết.", WDIFF_TEXT),
	                    "=Hội nghị |+sơ kết và |=tổng kết.");
	assert_int_equal(f->d.added, 3);
	assert_int_equal(f->d.removed, 0);
	s = summary(&f->d);
	assert_string_equal(s, "+3 \xe2\x88\x92"
	                       "0 từ");
	free(s);
	assert_string_equal(run(f, "Hội nghị sơ kết và tổng kết.",
	                        "Hội nghị tổng kết.", WDIFF_TEXT),
	                    "=Hội nghị |-sơ kết và |=tổng kết.");
	assert_int_equal(f->d.removed, 3);
	assert_string_equal(run(f, "a b", "a b c", WDIFF_TEXT), "=a b|+ c");
	assert_string_equal(run(f, "b c", "a b c", WDIFF_TEXT), "+a |=b c");
}

static void
test_wdiff__replace_middle(void **state)
{
	struct fix *f = *state;
	char *s;

	assert_string_equal(
	        run(f, "Ủy ban nhân dân tỉnh ban hành quyết định số 12.",
	            "Ủy ban nhân dân tỉnh sửa đổi quyết định số 15.",
	            WDIFF_TEXT),
	        "=Ủy ban nhân dân tỉnh |-ban hành|+sửa đổi|= quyết định số "
	        "|-12|+15|=.");
	assert_int_equal(f->d.added, 3);
	assert_int_equal(f->d.removed, 3);
	s = summary(&f->d);
	assert_string_equal(s, "+3 \xe2\x88\x92"
	                       "3 từ");
	free(s);
}

/* Old-style (hòa, thúy, khỏe) and new-style (hoà, thuý, khoẻ) tone
 * placement are the same word; the output shows B's spelling. */
static void
test_wdiff__tone_placement_equal(void **state)
{
	struct fix *f = *state;
	const char *a = "Hòa bình, sức khỏe và Thúy Hòa; quý vị.";
	const char *b = "Hoà bình, sức khoẻ và Thuý Hoà; quý vị.";

	assert_string_equal(run(f, a, b, WDIFF_TEXT), "="
	                                              "Hoà bình, sức "
	                                              "khoẻ và Thuý Hoà; "
	                                              "quý vị.");
	assert_int_equal(f->d.nops, 1);
	assert_string_equal(f->d.ops[0].a.p, a);
	assert_int_equal(f->d.added + f->d.removed + f->d.respelled, 0);
	/* Both directions, and with other words changed around them. */
	assert_string_equal(run(f, "hoà thuận", "hòa hợp", WDIFF_TEXT),
	                    "=hòa |-thuận|+hợp");
	/* The tone moves only inside a vowel cluster: a tone on another
	 * vowel of the word is another word (and a minor change). */
	assert_string_equal(run(f, "papá", "pápa", WDIFF_TEXT),
	                    "~-papá|~+pápa");
	/* A different tone is a different word (minor: diacritics). */
	assert_string_equal(run(f, "hoà", "hoả", WDIFF_TEXT), "~-hoà|~+hoả");
	/* NFD input compares by its canonical form. */
	assert_string_equal(run(f,
	                        "ho\xcc\x80"
	                        "a",
	                        "hoà", WDIFF_TEXT),
	                    "=hoà");
}

static void
test_wdiff__diacritic_minor(void **state)
{
	struct fix *f = *state;
	char *s;

	assert_string_equal(
	        run(f, "Mua bàn ghế mới", "Mua bán ghế mới", WDIFF_TEXT),
	        "=Mua |~-bàn|~+bán|= ghế mới");
	assert_true(f->d.ops[1].minor && f->d.ops[2].minor);
	assert_int_equal(f->d.added, 0);
	assert_int_equal(f->d.removed, 0);
	assert_int_equal(f->d.respelled, 1);
	s = summary(&f->d);
	assert_string_equal(s, "+0 \xe2\x88\x92"
	                       "0 từ, 1 từ đổi dấu hoặc chữ hoa");
	free(s);
	/* đ against d, and marks missing altogether. */
	assert_string_equal(run(f, "Da Nang", "Đà Nẵng", WDIFF_TEXT),
	                    "~-Da Nang|~+Đà Nẵng");
	assert_int_equal(f->d.respelled, 2);
	/* A minor change next to a real one: the run is not minor. */
	assert_string_equal(run(f, "cong van moi", "công văn cũ", WDIFF_TEXT),
	                    "-cong van moi|+công văn cũ");
	assert_int_equal(f->d.added, 3);
}

static void
test_wdiff__case_minor(void **state)
{
	struct fix *f = *state;

	assert_string_equal(run(f, "sở tư pháp", "Sở Tư pháp", WDIFF_TEXT),
	                    "~-sở tư|~+Sở Tư|= pháp");
	assert_int_equal(f->d.respelled, 2);
	assert_string_equal(run(f, "ĐẢNG", "Đảng", WDIFF_TEXT),
	                    "~-ĐẢNG|~+Đảng");
	/* The renderers mark it. */
	char *h = render(&f->d, false);
	assert_string_equal(h, "<del class=\"wd-del wd-minor\">ĐẢNG</del>"
	                       "<ins class=\"wd-ins wd-minor\">Đảng</ins>");
	free(h);
}

static void
test_wdiff__punctuation(void **state)
{
	struct fix *f = *state;

	assert_string_equal(
	        run(f, "Ngày 1, tháng 2.", "Ngày 1; tháng 2!", WDIFF_TEXT),
	        "=Ngày 1|-,|+;|= tháng 2|-.|+!");
	assert_int_equal(f->d.added + f->d.removed, 0);
	/* A punctuation change is never minor. */
	assert_false(f->d.ops[1].minor);
	assert_string_equal(run(f, "“Tư pháp”", "\"Tư pháp\"", WDIFF_TEXT),
	                    "-“|+\"|=Tư pháp|-”|+\"");
	/* Words split at punctuation: one digit changed in a date. */
	assert_string_equal(run(f, "12/3/2026", "12/4/2026", WDIFF_TEXT),
	                    "=12/|-3|+4|=/2026");
}

static void
test_wdiff__whitespace(void **state)
{
	struct fix *f = *state;

	/* Re-spacing is no change; B's spacing is shown. */
	assert_string_equal(run(f, "Sở  Tư\tpháp ", "Sở Tư pháp ", WDIFF_TEXT),
	                    "=Sở Tư pháp ");
	assert_int_equal(f->d.nops, 1);
	/* A line break is; a blank line (paragraph) is another kind. */
	assert_string_equal(
	        run(f, "Một câu. Hai câu.", "Một câu.\nHai câu.", WDIFF_TEXT),
	        "=Một câu.|- |+\n|=Hai câu.");
	assert_string_equal(run(f, "Một.\nHai.", "Một.\n\nHai.", WDIFF_TEXT),
	                    "=Một.|-\n|+\n\n|=Hai.");
	assert_string_equal(run(f, "a\r\nb", "a\nb", WDIFF_TEXT), "=a\nb");
	/* In HTML mode white space is all alike. */
	assert_string_equal(run(f, "<p>a b</p>", "<p>a\n b</p>", WDIFF_HTML),
	                    "=<p>a\n b</p>");
}

/* Changes separated only by white space read as one run. */
static void
test_wdiff__cleanup_joins(void **state)
{
	struct fix *f = *state;

	assert_string_equal(
	        run(f, "Ông A làm giám đốc", "Bà B làm giám đốc", WDIFF_TEXT),
	        "-Ông A|+Bà B|= làm giám đốc");
	/* Two minor changes joined stay minor. */
	assert_string_equal(run(f, "x hoa binh y", "x Hoà Bình y", WDIFF_TEXT),
	                    "=x |~-hoa binh|~+Hoà Bình|= y");
	/* A word between changes is not absorbed. */
	assert_string_equal(run(f, "a x b y c", "a p b q c", WDIFF_TEXT),
	                    "=a |-x|+p|= b |-y|+q|= c");
}

static void
test_wdiff__html_mode(void **state)
{
	struct fix *f = *state;
	char *h;

	/* Tags are atomic: a change of format shows as a change of tag. */
	assert_string_equal(run(f, "<p>Tin <b>mới</b></p>",
	                        "<p>Tin <i>mới</i></p>", WDIFF_HTML),
	                    "=<p>Tin |-<b>|+<i>|=mới|-</b>|+</i>|=</p>");
	assert_int_equal(f->d.added + f->d.removed, 0);
	h = render(&f->d, false);
	assert_string_equal(h, "Tin <del class=\"wd-del\"><span "
	                       "class=\"wd-tag\">&lt;b&gt;</span></del>"
	                       "<ins class=\"wd-ins\"><span class=\"wd-tag\">"
	                       "&lt;i&gt;</span></ins>mới<del class=\"wd-del\">"
	                       "<span class=\"wd-tag\">&lt;/b&gt;</span></del>"
	                       "<ins class=\"wd-ins\"><span class=\"wd-tag\">"
	                       "&lt;/i&gt;</span></ins>\n");
	assert_safe(h);
	free(h);
	/* An attribute value with '>' stays inside its tag. */
	assert_string_equal(run(f, "<a href=\"/x?a>b\">Xem</a>",
	                        "<a href=\"/y\">Xem</a>", WDIFF_HTML),
	                    "-<a href=\"/x?a>b\">|+<a href=\"/y\">|=Xem</a>");
	/* References are atomic and kept as they are. */
	assert_string_equal(
	        run(f, "<p>A&amp;B</p>", "<p>A&amp;C</p>", WDIFF_HTML),
	        "=<p>A&amp;|-B|+C|=</p>");
	h = render(&f->d, false);
	assert_string_equal(h, "A&amp;<del class=\"wd-del\">B</del>"
	                       "<ins class=\"wd-ins\">C</ins>\n");
	free(h);
	/* In text mode, markup is only text. */
	assert_string_equal(run(f, "<b>x</b>", "<i>x</i>", WDIFF_TEXT),
	                    "=<|-b|+i|=>x</|-b|+i|=>");
}

static void
test_wdiff__escaping(void **state)
{
	struct fix *f = *state;
	const char *a = "Giá <5 & \"rẻ\" 'nhất'";
	const char *b =
	        "Giá <b>6</b> & \"đắt\" 'nhì' <script>alert(1)</script>";
	char *h;

	run(f, a, b, WDIFF_TEXT);
	h = render(&f->d, false);
	assert_safe(h);
	assert_non_null(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(h, "&amp;"));
	assert_non_null(strstr(h, "&quot;"));
	assert_non_null(strstr(h, "&#39;"));
	free(h);
	h = render(&f->d, true);
	assert_safe(h);
	assert_non_null(strstr(h, "Giá &lt;<del class=\"wd-del\">5</del>"));
	free(h);

	/* HTML mode: changed tags are shown escaped, never emitted. */
	run(f, "<p>x</p>",
	    "<p>x<img src=x onerror=\"alert('1')\"></p><script>y</script>",
	    WDIFF_HTML);
	h = render(&f->d, false);
	assert_safe(h);
	assert_non_null(strstr(h, "&lt;img src=x onerror=&quot;alert(&#39;1"
	                          "&#39;)&quot;&gt;"));
	free(h);
	h = render(&f->d, true);
	assert_safe(h);
	free(h);
	/* A '&' that is no reference is escaped; so are controls. */
	run(f, "a", "a &x y &#; \x01 \xc2\x85", WDIFF_HTML);
	h = render(&f->d, false);
	assert_safe(h);
	assert_non_null(strstr(h, "&amp;x y &amp;#;"));
	assert_null(strchr(h, '\x01'));
	free(h);
}

static void
test_wdiff__rows(void **state)
{
	struct fix *f = *state;
	char *h;

	run(f, "Đoạn một.\n\nĐoạn hai cũ.\n\nĐoạn ba.",
	    "Đoạn một.\n\nĐoạn hai mới.\n\nĐoạn ba.", WDIFF_TEXT);
	h = render(&f->d, true);
	assert_string_equal(
	        h, "<tr><td class=\"wd-a\">Đoạn một.</td><td "
	           "class=\"wd-b\">Đoạn một.</td></tr>\n"
	           "<tr><td class=\"wd-a\">Đoạn hai <del class=\"wd-del\">cũ"
	           "</del>.</td><td class=\"wd-b\">Đoạn hai <ins "
	           "class=\"wd-ins\">mới</ins>.</td></tr>\n"
	           "<tr><td class=\"wd-a\">Đoạn ba.</td><td "
	           "class=\"wd-b\">Đoạn ba.</td></tr>\n");
	free(h);
	run(f, "<p>Một</p><p>Hai</p>", "<p>Một</p><p>Hai<br>Ba</p>",
	    WDIFF_HTML);
	h = render(&f->d, true);
	assert_string_equal(h, "<tr><td class=\"wd-a\">Một</td><td "
	                       "class=\"wd-b\">Một</td></tr>\n"
	                       "<tr><td class=\"wd-a\">Hai</td><td "
	                       "class=\"wd-b\">Hai<ins class=\"wd-ins\">\nBa"
	                       "</ins></td></tr>\n");
	free(h);
	h = render(&f->d, false);
	assert_string_equal(h, "Một\nHai<ins class=\"wd-ins\">\nBa</ins>\n");
	free(h);
}

static void
test_wdiff__invalid(void **state)
{
	struct fix *f = *state;
	struct wdiff d;
	char *big;

	assert_int_equal(wdiff_compute(&d, &f->ar, STR_LIT("ok"),
	                               STR_LIT("b\xff"), WDIFF_TEXT),
	                 ERR_INVALID);
	assert_int_equal(d.nops, 0);
	assert_int_equal(wdiff_compute(&d, &f->ar, STR_LIT("\xc0\xaf"),
	                               STR_LIT("ok"), WDIFF_TEXT),
	                 ERR_INVALID);
	/* Surrogates, truncated sequences and NUL. */
	assert_int_equal(wdiff_compute(&d, &f->ar, STR_LIT("\xed\xa0\x80"),
	                               STR_LIT(""), WDIFF_HTML),
	                 ERR_INVALID);
	assert_int_equal(wdiff_compute(&d, &f->ar, STR_LIT("\xe1\xba"),
	                               STR_LIT(""), WDIFF_TEXT),
	                 ERR_INVALID);
	assert_int_equal(wdiff_compute(&d, &f->ar, STR_LIT("a\0b"),
	                               STR_LIT("ab"), WDIFF_TEXT),
	                 ERR_INVALID);
	big = xmalloc(WDIFF_MAX_INPUT + 1);
	memset(big, 'a', WDIFF_MAX_INPUT + 1);
	assert_int_equal(wdiff_compute(&d, &f->ar, str_make(big, 1),
	                               str_make(big, WDIFF_MAX_INPUT + 1),
	                               WDIFF_TEXT),
	                 ERR_INVALID);
	free(big);
}

/* ---- large and random texts ---- */

static const char *const syllables[] = {
        "Sở",    "Tư",   "pháp", "tỉnh", "Kon",  "Tum",  "hòa",   "hoà",
        "bình",  "Bình", "công", "văn",  "số",   "ngày", "tháng", "năm",
        "quyết", "định", "ủy",   "ban",  "nhân", "dân",  "thúy",  "thuý",
        "khỏe",  "khoẻ", "đất",  "dat",  "2026", "x",    "A",     "người",
};
static const char *const seps[] = {
        " ",    " ",   " ",  " ",  " ",  "  ", ", ", ". ",  "\n",
        "\n\n", " & ", " <", "> ", "\"", "'",  "; ", " – ",
};

static uint64_t rng_state;

static uint32_t
rng(void)
{
	/* xorshift64*: fixed seed, same run every time. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

static void
random_text(struct buf *b, size_t words, size_t vocab)
{
	for (size_t i = 0; i < words; i++) {
		buf_adds(b,
		         syllables[rng() % MIN(vocab, ARRAY_SIZE(syllables))]);
		buf_adds(b, seps[rng() % ARRAY_SIZE(seps)]);
	}
}

/* Copies a with a few random edits (insert, delete, replace a span). */
static void
mutate(struct buf *out, struct str a, unsigned edits)
{
	size_t pos = 0;

	for (unsigned e = 0; e < edits && a.len; e++) {
		size_t at = pos + rng() % (a.len - pos + 1), cut;

		/* Edit at a character boundary. */
		while (at < a.len && ((unsigned char)a.p[at] & 0xc0) == 0x80)
			at++;
		buf_add(out, a.p + pos, at - pos);
		pos = at;
		switch (rng() % 3) {
		case 0:
			random_text(out, 1 + rng() % 4, ARRAY_SIZE(syllables));
			break;
		case 1:
			cut = rng() % 20;
			while (pos < a.len && cut--)
				pos++;
			while (pos < a.len &&
			       ((unsigned char)a.p[pos] & 0xc0) == 0x80)
				pos++;
			break;
		default:
			random_text(out, 1 + rng() % 3, ARRAY_SIZE(syllables));
			cut = rng() % 12;
			while (pos < a.len && cut--)
				pos++;
			while (pos < a.len &&
			       ((unsigned char)a.p[pos] & 0xc0) == 0x80)
				pos++;
			break;
		}
		if (pos == a.len)
			break;
	}
	buf_add(out, a.p + pos, a.len - pos);
}

static void
check_pair(struct fix *f, struct str a, struct str b, enum wdiff_mode mode)
{
	struct buf got = BUF_INIT;
	char *h;

	assert_int_equal(wdiff_compute(&f->d, &f->ar, a, b, mode), ERR_OK);
	wdiff_check(&f->d, a, b);
	assert_true(apply(&got, &f->d, a));
	assert_int_equal(got.len, b.len);
	assert_memory_equal(got.p, b.p, b.len);
	buf_release(&got);
	h = render(&f->d, false);
	assert_safe(h);
	free(h);
	h = render(&f->d, true);
	assert_safe(h);
	free(h);
}

/* apply(diff(a, b), a) == b for a thousand random pairs. */
static void
test_wdiff__random_pairs_apply(void **state)
{
	struct fix *f = *state;

	rng_state = 0x7474647464696666ULL;
	for (int i = 0; i < 1000; i++) {
		struct buf a = BUF_INIT, b = BUF_INIT;
		size_t vocab = 2 + rng() % ARRAY_SIZE(syllables);

		random_text(&a, rng() % 60, vocab);
		if (i % 3 == 0)
			random_text(&b, rng() % 60, vocab);
		else
			mutate(&b, buf_str(&a), 1 + rng() % 6);
		check_pair(f, buf_str(&a), buf_str(&b),
		           i % 4 == 0 ? WDIFF_HTML : WDIFF_TEXT);
		/* Diffing a text with itself gives one EQUAL op. */
		assert_int_equal(wdiff_compute(&f->d, &f->ar, buf_str(&a),
		                               buf_str(&a), WDIFF_TEXT),
		                 ERR_OK);
		assert_true(f->d.nops == (a.len > 0));
		arena_reset(&f->ar);
		buf_release(&a);
		buf_release(&b);
	}
}

/* 50,000 words with a few edits: word-level, fast. */
static void
test_wdiff__long_few_edits(void **state)
{
	struct fix *f = *state;
	struct buf a = BUF_INIT, b = BUF_INIT;
	double t0, dt;

	rng_state = 0x5eed5eed5eed5eedULL;
	random_text(&a, 50000, ARRAY_SIZE(syllables));
	mutate(&b, buf_str(&a), 8);
	t0 = now_s();
	assert_int_equal(wdiff_compute(&f->d, &f->ar, buf_str(&a), buf_str(&b),
	                               WDIFF_TEXT),
	                 ERR_OK);
	dt = now_s() - t0;
	print_message("50k words, 8 edits: %.3f s, %zu ops\n", dt, f->d.nops);
	assert_false(f->d.coarse);
	assert_true(f->d.nops < 60);
	if (!slow_build())
		assert_true(dt < 0.5);
	check_pair(f, buf_str(&a), buf_str(&b), WDIFF_TEXT);
	buf_release(&a);
	buf_release(&b);
}

/* Two unrelated large texts: the budget stops the word search, the
 * result is coarse but exact, and the time stays bounded. */
static void
test_wdiff__long_random_bounded(void **state)
{
	struct fix *f = *state;
	struct buf a = BUF_INIT, b = BUF_INIT;
	double t0, dt;

	rng_state = 0xb0b0b0b0cafef00dULL;
	random_text(&a, 50000, ARRAY_SIZE(syllables));
	random_text(&b, 50000, ARRAY_SIZE(syllables));
	t0 = now_s();
	assert_int_equal(wdiff_compute(&f->d, &f->ar, buf_str(&a), buf_str(&b),
	                               WDIFF_TEXT),
	                 ERR_OK);
	dt = now_s() - t0;
	print_message("50k random words each: %.3f s, %zu ops, coarse %d\n", dt,
	              f->d.nops, f->d.coarse);
	assert_true(f->d.coarse);
	if (!slow_build())
		assert_true(dt < 1.0);
	check_pair(f, buf_str(&a), buf_str(&b), WDIFF_TEXT);

	/* One long line each, no line to fall back on: still exact. */
	buf_reset(&a);
	buf_reset(&b);
	for (int i = 0; i < 30000; i++) {
		buf_adds(&a, syllables[rng() % ARRAY_SIZE(syllables)]);
		buf_addch(&a, ' ');
		buf_adds(&b, syllables[rng() % ARRAY_SIZE(syllables)]);
		buf_addch(&b, ' ');
	}
	t0 = now_s();
	check_pair(f, buf_str(&a), buf_str(&b), WDIFF_HTML);
	dt = now_s() - t0;
	print_message("30k words, one line: %.3f s (with rendering)\n", dt);
	if (!slow_build())
		assert_true(dt < 1.5);
	buf_release(&a);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_wdiff__identical, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__empty, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__pure_insert_delete,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__replace_middle,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_wdiff__tone_placement_equal, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__diacritic_minor,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__case_minor, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__punctuation, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__whitespace, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__cleanup_joins,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__html_mode, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__escaping, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__rows, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__invalid, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__random_pairs_apply,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__long_few_edits,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_wdiff__long_random_bounded,
	                                        setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
