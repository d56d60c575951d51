/*
 * Word diff of two revisions of an item, Vietnamese-aware (issue 4.6).
 *
 * Tokens.  A text splits into tokens: a word (a maximal run of letters,
 * combining marks and digits, Unicode categories L*, M*, N*: a Vietnamese
 * syllable is one word, so "Tư pháp" is two words), a run of white space,
 * or one other character (punctuation, symbols).  In WDIFF_HTML mode a
 * tag ("<p>", "</strong>", "<a href=\"…\">", a comment) and a character
 * reference ("&amp;", "&#7843;") are single tokens too, never split: the
 * diff of two sanitised bodies is taken on their markup as it is, so a
 * change of formatting or of a link shows as a change of that tag.  Text
 * mode is for plain text (titles, summaries, pasted text).
 *
 * Comparison.  Two words are EQUAL when they are the same after the tone
 * mark has been put on a fixed vowel of its vowel cluster: "hòa"/"hoà",
 * "thúy"/"thuý", "khỏe"/"khoẻ" (the old and the new placement) are the
 * same syllable; the output then shows the text of B.  Two words that
 * differ only in letter case or diacritics ("Bình"/"bình", "bàn"/"bán",
 * "Đà"/"Da") are a change, but a MINOR one (op.minor), which the
 * interface shows subtly: in Vietnamese a diacritic is part of the word.
 * Runs of white space are equal when they are of the same kind (no line
 * break, one line break, a blank line: re-spacing is not a change,
 * joining or splitting paragraphs is); in HTML mode all white space is
 * equal (the browser collapses it).  Punctuation and tags compare exactly.
 *
 * Algorithm.  Myers' O(ND) diff in linear space on interned token ids,
 * first on the case- and diacritic-folded words, then word by word inside
 * each matched run to find the minor changes.  A region whose search
 * passes D = 256 (more for long texts) is split where the search got
 * furthest, as GNU diff does: exact, not always minimal.  A cost budget
 * bounds the time: when the texts are too different for it, the diff is
 * taken on lines (HTML: blocks) instead, then refined word by word inside
 * each changed group of lines as far as the budget allows, and d->coarse
 * is set.  50,000 words with thousands of edits take well under 0.2 s;
 * two unrelated texts of that size about 0.3 s.  Memory is linear in the
 * input.  A clean-up then joins two changes that only white space
 * separates, so changes read as runs of words.
 *
 * Input: at most WDIFF_MAX_INPUT bytes of valid UTF-8 on each side (NFC
 * expected; other forms compare by their canonical decomposition).
 */
#ifndef TTDT_WDIFF_H
#define TTDT_WDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "str.h"

/* About 500,000 words of Vietnamese on each side. */
#define WDIFF_MAX_INPUT (4u * 1024 * 1024)

enum wdiff_mode {
	WDIFF_TEXT, /* plain text; output keeps line breaks ("\n") */
	WDIFF_HTML, /* sanitised HTML; tags and references are atomic */
	WDIFF__MAX
};

enum wdiff_kind { WDIFF_EQUAL, WDIFF_DELETE, WDIFF_INSERT, WDIFF_KIND__MAX };

/*
 * One op.  a and b are views into the two inputs (never copies): a is the
 * text the op covers in A and b the text in B.  EQUAL has both (they may
 * differ in tone placement or spacing; show b); DELETE has only a and
 * INSERT only b (the other is empty).  Concatenating every a gives A and
 * every b gives B.  A DELETE directly followed by an INSERT is a
 * replacement; minor is set on both when it changes only letter case or
 * diacritics (and white space between such words).
 */
struct wdiff_op {
	enum wdiff_kind kind;
	bool minor;
	struct str a;
	struct str b;
};

struct wdiff {
	enum wdiff_mode mode;
	struct wdiff_op *ops; /* in the arena given to wdiff_compute */
	size_t nops;
	size_t added;     /* words inserted, minor changes excluded */
	size_t removed;   /* words deleted, minor changes excluded */
	size_t respelled; /* words of B changed in case/diacritics only */
	bool coarse;      /* the budget ran out: lines/blocks were diffed */
};

/*
 * Compares a with b.  The ops are allocated in ar and point into a and b,
 * which must outlive d.  Identical inputs give one EQUAL op (none if both
 * are empty).  Returns ERR_INVALID (d emptied) if either input is not
 * valid UTF-8 (NUL bytes included) or is longer than WDIFF_MAX_INPUT.
 */
enum err wdiff_compute(struct wdiff *d, struct arena *ar, struct str a,
                       struct str b, enum wdiff_mode mode);

/*
 * Inline rendering: B's text with <del class="wd-del">…</del> and
 * <ins class="wd-ins">…</ins> (plus class "wd-minor" on minor changes).
 * Every byte of the inputs is HTML-escaped (a well-formed character
 * reference of HTML mode is copied as it is, being already escaped).
 * Line breaks stay "\n": put the fragment in an element with
 * "white-space: pre-wrap".  In HTML mode, closing block tags and <br>
 * become "\n"; other unchanged tags are dropped, and a changed one shows
 * as its escaped source in <span class="wd-tag">.
 */
void wdiff_render_inline(struct buf *out, const struct wdiff *d);

/*
 * Side by side: table rows, one per unchanged paragraph boundary (a blank
 * line, or in HTML mode a closing block tag), each
 *   <tr><td class="wd-a">A's text</td><td class="wd-b">B's text</td></tr>
 * with deletions marked on the left and insertions on the right, escaped
 * as in wdiff_render_inline.  The caller writes the <table>.
 */
void wdiff_render_rows(struct buf *out, const struct wdiff *d);

/* Test helper: aborts (BUG) unless d's ops are in order, of consistent
 * kinds, contiguous in a and b and cover both exactly, with no empty op
 * and no two EQUAL ops in a row. */
void wdiff_check(const struct wdiff *d, struct str a, struct str b);

/* The revision list's summary, "+12 −3 từ", followed by ", 2 từ đổi dấu
 * hoặc chữ hoa" when there are minor changes; "không thay đổi" when
 * every op is EQUAL. */
void wdiff_summary(struct buf *out, const struct wdiff *d);

#endif
