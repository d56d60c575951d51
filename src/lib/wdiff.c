/*
 * Word diff of two revisions (see wdiff.h for the model).
 *
 * Pipeline: tokenize both texts; give every token two interned ids, its
 * fold id (vnfold: case and diacritics dropped) and its exact id (the
 * word with its tone moved to a fixed vowel, so that old- and new-style
 * placement compare equal); run Myers on the fold ids; inside each run
 * that matched, tokens whose exact ids differ become minor changes; join
 * changes separated only by white space; emit ops that point into the
 * inputs.  Running Myers on the folded words first is what lets
 * "Hòa Bình" against "hoà bình" align word for word even though neither
 * word is exactly equal.
 *
 * Myers' algorithm (E. W. Myers, "An O(ND) Difference Algorithm and Its
 * Variations", Algorithmica 1986) is used in its linear-space form: a
 * forward and a reverse search meet on a diagonal, the problem splits
 * there and each half recurses.  Its time is O((N+M)·D), which is fast
 * for revisions (a few edits: D is small) and quadratic for unrelated
 * texts.  Two limits keep it bounded.  One search stops at D =
 * WDIFF_COST_CAP (or sqrt(N+M)) and splits at its furthest point (GNU
 * diff's and xdiff's heuristic), so heavily edited long texts still diff
 * word by word in near-linear time.  And every step adds to a cost
 * counter: past WDIFF_BUDGET the word diff gives up, the texts are diffed
 * by line (HTML: by block), and each changed group of lines word by word
 * while a second budget lasts; past it a group is shown deleted and
 * inserted whole (d->coarse says so).  The cost is thus bounded by about
 * three budgets whatever the input.
 *
 * Invariants: ops are in order, each op's a and b are contiguous views
 * of the inputs, their concatenations give the inputs back, an EQUAL op
 * covers tokens equal by exact id, and rendering escapes every byte.
 */
#include "common.h"

#include <utf8proc.h>

#include "utf8.h"
#include "vnfold.h"
#include "wdiff.h"
#include "xalloc.h"

/* About 0.1 s of search on one core (wdiff_test measures the whole). */
#define WDIFF_BUDGET 20000000u
/* Recursion depth of the split; halving D keeps it near log2(D), and the
 * right half is a loop, not a call. */
#define WDIFF_DEPTH_MAX 64
/* D at which one search stops looking for the best split. */
#define WDIFF_COST_CAP 256

enum tok_cls {
	TOK_WORD,
	TOK_SPACE,
	TOK_PUNCT,
	TOK_TAG,
	TOK_REF,
};

/* sub of TOK_SPACE in text mode: the kind of white space. */
enum { SPACE_PLAIN, SPACE_LINE, SPACE_PARA };
/* sub of TOK_TAG. */
enum { TAG_OTHER, TAG_BLOCK_END, TAG_BREAK };

struct tok {
	uint32_t off, len;
	uint8_t cls, sub;
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

/* ---- tokenizer ---- */

static bool
is_space_cp(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	if (cp == 0x85)
		return true;
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	       c == UTF8PROC_CATEGORY_ZP;
}

static bool
is_word_cp(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO);
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* Length of a well-formed character reference at p[0] == '&', or 0.  Only
 * these are copied unescaped by the renderers. */
static size_t
ref_len(const char *p, size_t len)
{
	size_t i = 1, start;

	if (i < len && p[i] == '#') {
		i++;
		if (i < len && (p[i] == 'x' || p[i] == 'X')) {
			start = ++i;
			while (i < len && i - start < 6 && is_hex(p[i]))
				i++;
		} else {
			start = i;
			while (i < len && i - start < 7 && p[i] >= '0' &&
			       p[i] <= '9')
				i++;
		}
	} else {
		start = i;
		if (i < len && is_alpha(p[i]))
			while (i < len && i - start < 32 && is_alnum(p[i]))
				i++;
	}
	if (i == start || i >= len || p[i] != ';')
		return 0;
	return i + 1;
}

/* Elements whose end (or, for br and hr, whose tag) breaks a line. */
static const char *const block_tags[] = {
        "address", "article", "aside", "blockquote", "caption", "dd",
        "div",     "dl",      "dt",    "figcaption", "figure",  "footer",
        "h1",      "h2",      "h3",    "h4",         "h5",      "h6",
        "header",  "li",      "nav",   "ol",         "p",       "pre",
        "section", "table",   "tbody", "td",         "tfoot",   "th",
        "thead",   "tr",      "ul",
};

static uint8_t
tag_sub(const char *p, size_t len)
{
	size_t s = 1, n = 0;
	bool closing = len > 1 && p[1] == '/';

	s += closing;
	while (s + n < len && is_alnum(p[s + n]))
		n++;
	if ((n == 2 && (strncasecmp(p + s, "br", 2) == 0 ||
	                strncasecmp(p + s, "hr", 2) == 0)))
		return TAG_BREAK;
	if (!closing)
		return TAG_OTHER;
	for (size_t k = 0; k < ARRAY_SIZE(block_tags); k++)
		if (strlen(block_tags[k]) == n &&
		    strncasecmp(block_tags[k], p + s, n) == 0)
			return TAG_BLOCK_END;
	return TAG_OTHER;
}

/* End of the tag at p[0] == '<': past the first '>' outside quotes. */
static size_t
tag_len(const char *p, size_t len)
{
	char quote = 0;
	size_t i;

	if (len >= 4 && memcmp(p, "<!--", 4) == 0) {
		const char *e = memmem(p + 4, len - 4, "-->", 3);

		return e ? (size_t)(e - p) + 3 : len;
	}
	for (i = 1; i < len; i++) {
		if (quote) {
			if (p[i] == quote)
				quote = 0;
		} else if (p[i] == '"' || p[i] == '\'') {
			quote = p[i];
		} else if (p[i] == '>') {
			return i + 1;
		}
	}
	return len;
}

/* Reads the token at p[i] (i < len); returns its end. */
static size_t
tok_next(const char *p, size_t len, size_t i, enum wdiff_mode mode,
         uint8_t *cls, uint8_t *sub)
{
	int32_t cp;
	size_t n = utf8_decode(p + i, len - i, &cp), j, k;

	*sub = 0;
	if (mode == WDIFF_HTML && p[i] == '<' && i + 1 < len &&
	    (p[i + 1] == '/' || p[i + 1] == '!' || p[i + 1] == '?' ||
	     is_alpha(p[i + 1]))) {
		j = i + tag_len(p + i, len - i);
		*cls = TOK_TAG;
		*sub = tag_sub(p + i, j - i);
		return j;
	}
	if (mode == WDIFF_HTML && p[i] == '&' &&
	    (k = ref_len(p + i, len - i)) > 0) {
		*cls = TOK_REF;
		return i + k;
	}
	if (is_word_cp(cp)) {
		*cls = TOK_WORD;
		for (j = i + n; j < len; j += n) {
			n = utf8_decode(p + j, len - j, &cp);
			if (!is_word_cp(cp))
				break;
		}
		return j;
	}
	if (is_space_cp(cp)) {
		unsigned lines = 0;

		*cls = TOK_SPACE;
		for (j = i; j < len; j += n) {
			n = utf8_decode(p + j, len - j, &cp);
			if (!is_space_cp(cp))
				break;
			/* CR LF is one break; a lone CR, LS and PS are too. */
			if (cp == '\n' || cp == 0x2028 || cp == 0x2029 ||
			    cp == 0x85 ||
			    (cp == '\r' && (j + 1 >= len || p[j + 1] != '\n')))
				lines++;
		}
		if (mode == WDIFF_TEXT)
			*sub = lines >= 2 ? SPACE_PARA
			       : lines    ? SPACE_LINE
			                  : SPACE_PLAIN;
		return j;
	}
	*cls = TOK_PUNCT;
	return i + (n ? n : 1);
}

static void
tokenize(struct toks *t, const char *p, size_t len, enum wdiff_mode mode)
{
	size_t i = 0, j;
	uint8_t cls, sub;

	while (i < len) {
		j = tok_next(p, len, i, mode, &cls, &sub);
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 256;
			t->v = xrealloc(t->v, st_mult(t->cap, sizeof(*t->v)));
		}
		t->v[t->n++] =
		        (struct tok){(uint32_t)i, (uint32_t)(j - i), cls, sub};
		i = j;
	}
}

/* ---- interned keys ---- */

struct intern {
	struct buf pool; /* the key bytes, one after the other */
	struct ikey {
		size_t off;
		uint32_t len, hash;
	} * keys;        /* by id */
	uint32_t *slots; /* open addressing: id + 1, 0 if empty */
	size_t n, kcap, scap;
};

static uint32_t
hash_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return (uint32_t)(h ^ (h >> 32));
}

static void
intern_grow(struct intern *in)
{
	size_t cap = in->scap ? in->scap * 2 : 1024;

	free(in->slots);
	in->slots = xcalloc(cap, sizeof(*in->slots));
	in->scap = cap;
	for (size_t id = 0; id < in->n; id++) {
		size_t h = in->keys[id].hash & (cap - 1);

		while (in->slots[h])
			h = (h + 1) & (cap - 1);
		in->slots[h] = (uint32_t)id + 1;
	}
}

static uint32_t
intern_id(struct intern *in, const void *p, size_t len)
{
	uint32_t hash = hash_bytes(p, len);
	size_t h;

	if ((in->n + 1) * 4 > in->scap * 3)
		intern_grow(in);
	for (h = hash & (in->scap - 1); in->slots[h];
	     h = (h + 1) & (in->scap - 1)) {
		const struct ikey *k = &in->keys[in->slots[h] - 1];

		if (k->hash == hash && k->len == len &&
		    memcmp(in->pool.p + k->off, p, len) == 0)
			return in->slots[h] - 1;
	}
	if (in->n == in->kcap) {
		in->kcap = in->kcap ? in->kcap * 2 : 1024;
		in->keys = xrealloc(in->keys,
		                    st_mult(in->kcap, sizeof(*in->keys)));
	}
	in->keys[in->n] = (struct ikey){in->pool.len, (uint32_t)len, hash};
	buf_add(&in->pool, p, len);
	in->slots[h] = (uint32_t)in->n + 1;
	return (uint32_t)in->n++;
}

static void
intern_release(struct intern *in)
{
	buf_release(&in->pool);
	free(in->keys);
	free(in->slots);
}

/* ---- Vietnamese tone placement ---- */

static bool
is_tone(int32_t cp)
{
	return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 ||
	       cp == 0x323;
}

static bool
is_mark(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	       c == UTF8PROC_CATEGORY_ME;
}

static bool
is_vowel(int32_t cp)
{
	return cp < 0x80 && cp > 0 && strchr("aeiouyAEIOUY", (int)cp);
}

/*
 * Moves the one tone mark of the decomposed word c[0..n) to the first
 * vowel of its vowel cluster: "hoa" + grave on the a (new style, hoà) and
 * on the o (old style, hòa) give the same key.  Vietnamese writes one
 * tone per syllable and its position is only a spelling convention, so no
 * two words differ by it.  Words with no tone, several marks of tone
 * (not Vietnamese) or a tone on a non-vowel are left alone; so is a tone
 * on a vowel alone between consonants ("papá" and "pápa" stay apart).
 */
static void
tone_normalise(int32_t *c, size_t n)
{
	size_t t = n, j, s, ins, i;
	int32_t tone;

	for (i = 0; i < n; i++) {
		if (!is_tone(c[i]))
			continue;
		if (t != n)
			return;
		t = i;
	}
	if (t == n)
		return;
	for (j = t; j > 0 && is_mark(c[j - 1]); j--)
		;
	if (j == 0 || !is_vowel(c[j - 1]))
		return;
	s = j - 1; /* the vowel that carries the tone */
	/* Back to the first vowel of the cluster: marks follow their
	 * letter, so the letter before c[s] is the last non-mark before it. */
	while (s > 0) {
		i = s - 1;
		while (i > 0 && is_mark(c[i]))
			i--;
		if (is_mark(c[i]) || !is_vowel(c[i]))
			break;
		s = i;
	}
	/* The tone goes after the marks of c[s]; if c[s] carries it
	 * already, it stays where canonical order put it. */
	for (ins = s + 1; ins < t && is_mark(c[ins]); ins++)
		;
	if (ins >= t)
		return;
	tone = c[t];
	memmove(c + ins + 1, c + ins, (t - ins) * sizeof(*c));
	c[ins] = tone;
}

/* ---- keys of tokens ---- */

struct keyer {
	struct intern in;
	struct buf key;
	int32_t *cps;
	size_t cps_cap;
};

static void
keys_of(struct keyer *k, const char *text, const struct tok *t,
        enum wdiff_mode mode, uint32_t *fold, uint32_t *exact)
{
	const char *p = text + t->off;
	size_t len = t->len, i;
	bool ascii = true;
	utf8proc_ssize_t n;

	buf_reset(&k->key);
	switch (t->cls) {
	case TOK_SPACE:
		buf_addch(&k->key, 's');
		buf_addch(&k->key,
		          (char)('0' + (mode == WDIFF_TEXT ? t->sub : 0)));
		*fold = *exact = intern_id(&k->in, k->key.p, k->key.len);
		return;
	case TOK_PUNCT:
	case TOK_TAG:
	case TOK_REF:
		buf_addch(&k->key, t->cls == TOK_PUNCT ? 'P'
		                   : t->cls == TOK_TAG ? 'T'
		                                       : 'R');
		buf_add(&k->key, p, len);
		*fold = *exact = intern_id(&k->in, k->key.p, k->key.len);
		return;
	}
	buf_addch(&k->key, 'f');
	vnfold(&k->key, p, len);
	*fold = intern_id(&k->in, k->key.p, k->key.len);

	buf_reset(&k->key);
	for (i = 0; i < len; i++)
		if ((unsigned char)p[i] >= 0x80)
			ascii = false;
	if (ascii) {
		buf_addch(&k->key, 'a');
		buf_add(&k->key, p, len);
		*exact = intern_id(&k->in, k->key.p, k->key.len);
		return;
	}
	n = utf8proc_decompose(
	        (const utf8proc_uint8_t *)p, (utf8proc_ssize_t)len, k->cps,
	        (utf8proc_ssize_t)k->cps_cap, UTF8PROC_DECOMPOSE);
	if (n > (utf8proc_ssize_t)k->cps_cap) {
		k->cps_cap = (size_t)n;
		k->cps = xrealloc(k->cps, st_mult(k->cps_cap, sizeof(*k->cps)));
		n = utf8proc_decompose((const utf8proc_uint8_t *)p,
		                       (utf8proc_ssize_t)len, k->cps,
		                       (utf8proc_ssize_t)k->cps_cap,
		                       UTF8PROC_DECOMPOSE);
	}
	if (n < 0) /* the input was validated */
		BUG("utf8proc_decompose: %s", utf8proc_errmsg(n));
	tone_normalise(k->cps, (size_t)n);
	buf_addch(&k->key, 'u');
	buf_add(&k->key, k->cps, (size_t)n * sizeof(*k->cps));
	*exact = intern_id(&k->in, k->key.p, k->key.len);
}

/* ---- Myers ---- */

struct run {
	uint8_t kind; /* enum wdiff_kind */
	uint32_t n;
};

struct script {
	struct run *v;
	size_t n, cap;
};

static void
script_add(struct script *s, enum wdiff_kind kind, size_t n)
{
	if (!n)
		return;
	if (s->n && s->v[s->n - 1].kind == kind) {
		s->v[s->n - 1].n += (uint32_t)n;
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, st_mult(s->cap, sizeof(*s->v)));
	}
	s->v[s->n++] = (struct run){(uint8_t)kind, (uint32_t)n};
}

struct myers {
	const uint32_t *a, *b;
	int32_t *v1, *v2; /* at least n + m + 4 entries for any range */
	uint64_t cost, budget;
	bool lenient; /* past the budget: delete + insert, no failure */
	struct script *out;
};

/*
 * Finds where a shortest edit script of a[a0..a1) into b[b0..b1) (both
 * non-empty, no common prefix or suffix) crosses the middle: the forward
 * search from the start and the reverse one from the end advance one D
 * at a time until their furthest-reaching paths overlap.  Returns 1 with
 * the split in *sx, *sy; 0 if none was found; -1 if the budget ran out.
 * Past D = cap the split is only a good one, not the one of a shortest
 * script: the result stays exact, merely not minimal.
 */
static int
bisect(struct myers *m, size_t a0, size_t a1, size_t b0, size_t b1, size_t *sx,
       size_t *sy)
{
	const uint32_t *a = m->a + a0, *b = m->b + b0;
	ptrdiff_t n = (ptrdiff_t)(a1 - a0), mm = (ptrdiff_t)(b1 - b0);
	ptrdiff_t max_d = (n + mm + 1) / 2, off = max_d, vlen = 2 * max_d;
	ptrdiff_t delta = n - mm, d, k1, k2, i;
	ptrdiff_t k1start = 0, k1end = 0, k2start = 0, k2end = 0;
	bool front = delta % 2 != 0;
	int32_t *v1 = m->v1, *v2 = m->v2;
	ptrdiff_t cap = WDIFF_COST_CAP;

	/* sqrt(n + m), if larger (as xdiff): long texts may take more. */
	while (cap * cap < n + mm)
		cap *= 2;

	if (m->cost > m->budget)
		return -1;
	for (i = 0; i < vlen + 2; i++)
		v1[i] = v2[i] = -1;
	m->cost += (uint64_t)vlen;
	v1[off + 1] = 0;
	v2[off + 1] = 0;
	for (d = 0; d < max_d; d++) {
		if (m->cost > m->budget)
			return -1;
		m->cost += (uint64_t)(2 * d + 2);
		for (k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
			ptrdiff_t ko = off + k1, x1, y1, x0;

			if (k1 == -d || (k1 != d && v1[ko - 1] < v1[ko + 1]))
				x1 = v1[ko + 1];
			else
				x1 = v1[ko - 1] + 1;
			y1 = x1 - k1;
			x0 = x1;
			while (x1 < n && y1 < mm && a[x1] == b[y1]) {
				x1++;
				y1++;
			}
			m->cost += (uint64_t)(x1 - x0);
			v1[ko] = (int32_t)x1;
			if (x1 > n) {
				k1end += 2;
			} else if (y1 > mm) {
				k1start += 2;
			} else if (front) {
				ptrdiff_t k2o = off + delta - k1;

				if (k2o >= 0 && k2o < vlen && v2[k2o] != -1 &&
				    x1 >= n - v2[k2o]) {
					*sx = (size_t)x1;
					*sy = (size_t)y1;
					return 1;
				}
			}
		}
		for (k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
			ptrdiff_t ko = off + k2, x2, y2, x0;

			if (k2 == -d || (k2 != d && v2[ko - 1] < v2[ko + 1]))
				x2 = v2[ko + 1];
			else
				x2 = v2[ko - 1] + 1;
			y2 = x2 - k2;
			x0 = x2;
			while (x2 < n && y2 < mm &&
			       a[n - x2 - 1] == b[mm - y2 - 1]) {
				x2++;
				y2++;
			}
			m->cost += (uint64_t)(x2 - x0);
			v2[ko] = (int32_t)x2;
			if (x2 > n) {
				k2end += 2;
			} else if (y2 > mm) {
				k2start += 2;
			} else if (!front) {
				ptrdiff_t k1o = off + delta - k2;

				if (k1o >= 0 && k1o < vlen && v1[k1o] != -1) {
					ptrdiff_t x1 = v1[k1o];

					if (x1 >= n - x2) {
						*sx = (size_t)x1;
						*sy = (size_t)(off + x1 - k1o);
						return 1;
					}
				}
			}
		}
		if (d >= cap) {
			/* Too expensive to finish: split where the forward
			 * search got furthest (the heuristic of GNU diff and
			 * xdiff), so the cost of a region stays near cap². */
			ptrdiff_t best = 0, bx = 0, by = 0;

			for (k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
				ptrdiff_t x = v1[off + k1], y = x - k1;

				if (x < 0 || x > n || y < 0 || y > mm ||
				    (x == n && y == mm) || x + y <= best)
					continue;
				best = x + y;
				bx = x;
				by = y;
			}
			if (best > 0) {
				*sx = (size_t)bx;
				*sy = (size_t)by;
				return 1;
			}
		}
	}
	return 0;
}

/* Appends the edit script of a[a0..a1) into b[b0..b1) to m->out.  False
 * (with a partial script) if the budget ran out and m is not lenient.
 * The left half of a split recurses; the right half loops, and the
 * common suffixes it strips on the way, contiguous, go out at the end. */
static bool
diff_range(struct myers *m, size_t a0, size_t a1, size_t b0, size_t b1,
           unsigned depth)
{
	size_t pre, suf, suffix = 0, sx, sy;
	int r;

	for (;;) {
		pre = suf = sx = sy = 0;
		r = 0;
		while (a0 + pre < a1 && b0 + pre < b1 &&
		       m->a[a0 + pre] == m->b[b0 + pre])
			pre++;
		a0 += pre;
		b0 += pre;
		while (a1 - suf > a0 && b1 - suf > b0 &&
		       m->a[a1 - suf - 1] == m->b[b1 - suf - 1])
			suf++;
		a1 -= suf;
		b1 -= suf;
		suffix += suf;
		m->cost += pre + suf;
		script_add(m->out, WDIFF_EQUAL, pre);
		if (a0 < a1 && b0 < b1 && depth < WDIFF_DEPTH_MAX)
			r = bisect(m, a0, a1, b0, b1, &sx, &sy);
		if (r < 0 && !m->lenient)
			return false;
		/* A split at either corner would loop on the same problem. */
		if (r <= 0 ||
		    !ALWAYS((sx || sy) && (sx != a1 - a0 || sy != b1 - b0))) {
			script_add(m->out, WDIFF_DELETE, a1 - a0);
			script_add(m->out, WDIFF_INSERT, b1 - b0);
			break;
		}
		if (!diff_range(m, a0, a0 + sx, b0, b0 + sy, depth + 1))
			return false;
		a0 += sx;
		b0 += sy;
	}
	script_add(m->out, WDIFF_EQUAL, suffix);
	return true;
}

/* ---- pieces: equal runs and changes, in token indices ---- */

struct piece {
	bool change, minor;
	size_t a0, a1, b0, b1;
};

struct pieces {
	struct piece *v;
	size_t n, cap;
};

static void
pieces_push(struct pieces *ps, bool change, bool minor, size_t a0, size_t na,
            size_t b0, size_t nb)
{
	struct piece *l = ps->n ? &ps->v[ps->n - 1] : NULL;

	if (!na && !nb)
		return;
	if (l && l->change == change) {
		l->a1 += na;
		l->b1 += nb;
		l->minor = l->minor && minor;
		return;
	}
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 64;
		ps->v = xrealloc(ps->v, st_mult(ps->cap, sizeof(*ps->v)));
	}
	ps->v[ps->n++] =
	        (struct piece){change, minor, a0, a0 + na, b0, b0 + nb};
}

/* ---- the whole computation ---- */

struct side {
	struct str s;
	struct toks t;
	uint32_t *fold, *exact;
};

static void
side_release(struct side *sd)
{
	free(sd->t.v);
	free(sd->fold);
	free(sd->exact);
}

/* Line (HTML: block) units of a side: start token of each unit, with a
 * sentinel; their ids from the exact ids of their tokens. */
static size_t
units_of(const struct side *sd, enum wdiff_mode mode, struct intern *in,
         size_t **start, uint32_t **ids)
{
	size_t n = 0, i, u0 = 0;
	struct buf key = BUF_INIT;

	*start = xmallocarray(sd->t.n + 1, sizeof(**start));
	*ids = xmallocarray(sd->t.n + 1, sizeof(**ids));
	for (i = 0; i < sd->t.n; i++) {
		const struct tok *t = &sd->t.v[i];
		bool end =
		        mode == WDIFF_TEXT
		                ? t->cls == TOK_SPACE && t->sub != SPACE_PLAIN
		                : t->cls == TOK_TAG && t->sub != TAG_OTHER;

		if (!end && i + 1 < sd->t.n)
			continue;
		buf_reset(&key);
		buf_addch(&key, 'l');
		buf_add(&key, sd->exact + u0, (i + 1 - u0) * sizeof(uint32_t));
		(*start)[n] = u0;
		(*ids)[n++] = intern_id(in, key.p, key.len);
		u0 = i + 1;
	}
	(*start)[n] = sd->t.n;
	buf_release(&key);
	return n;
}

/*
 * Diffs a changed group of units a[ga..ua) against b[gb..ub) word by
 * word: the whole group if its own share of the budget allows, else unit
 * against unit in order (the usual case being every paragraph edited a
 * little), each leniently from the budget that is left.
 */
static void
refine_group(struct myers *m, const size_t *sa, size_t ga, size_t ua,
             const size_t *sb, size_t gb, size_t ub, uint64_t end)
{
	size_t toks = sa[ua] - sa[ga] + sb[ub] - sb[gb], k;
	size_t saved_n = m->out->n;
	uint32_t saved_last = saved_n ? m->out->v[saved_n - 1].n : 0;
	uint64_t share;

	share = m->cost < end ? (end - m->cost) / 2 : 0;
	m->lenient = false;
	m->budget = m->cost + MIN(share, 64 * (uint64_t)toks + 100000);
	if (diff_range(m, sa[ga], sa[ua], sb[gb], sb[ub], 0))
		return;
	/* Undo the partial script (the last run may have grown). */
	m->out->n = saved_n;
	if (saved_n)
		m->out->v[saved_n - 1].n = saved_last;
	m->lenient = true;
	m->budget = end;
	for (k = 0; ga + k < ua || gb + k < ub; k++) {
		size_t a0 = MIN(ga + k, ua), b0 = MIN(gb + k, ub);

		diff_range(m, sa[a0], sa[MIN(a0 + 1, ua)], sb[b0],
		           sb[MIN(b0 + 1, ub)], 0);
	}
}

/* Diffs by unit, then word by word inside each changed group of units. */
static void
diff_coarse(struct myers *m, const struct side *a, const struct side *b,
            enum wdiff_mode mode, struct intern *in)
{
	size_t *sa, *sb, na, nb, r, ua = 0, ub = 0, ga, gb;
	uint32_t *ia, *ib;
	struct script us = {0};
	struct myers um = *m;
	uint64_t end;

	na = units_of(a, mode, in, &sa, &ia);
	nb = units_of(b, mode, in, &sb, &ib);
	um.a = ia;
	um.b = ib;
	um.cost = 0;
	um.lenient = true;
	um.out = &us;
	diff_range(&um, 0, na, 0, nb, 0);

	m->cost = 0;
	end = WDIFF_BUDGET;
	for (r = 0; r < us.n; r++) {
		if (us.v[r].kind == WDIFF_EQUAL) {
			script_add(m->out, WDIFF_EQUAL,
			           sa[ua + us.v[r].n] - sa[ua]);
			ua += us.v[r].n;
			ub += us.v[r].n;
			continue;
		}
		ga = ua;
		gb = ub;
		for (; r < us.n && us.v[r].kind != WDIFF_EQUAL; r++) {
			if (us.v[r].kind == WDIFF_DELETE)
				ua += us.v[r].n;
			else
				ub += us.v[r].n;
		}
		r--;
		refine_group(m, sa, ga, ua, sb, gb, ub, end);
	}
	free(us.v);
	free(sa);
	free(sb);
	free(ia);
	free(ib);
}

static size_t
count_words(const struct side *sd, size_t t0, size_t t1)
{
	size_t n = 0;

	for (; t0 < t1; t0++)
		n += sd->t.v[t0].cls == TOK_WORD;
	return n;
}

static struct str
slice(const struct side *sd, size_t t0, size_t t1)
{
	size_t o0, o1;

	if (t0 == t1) {
		o0 = t0 < sd->t.n ? sd->t.v[t0].off : sd->s.len;
		return (struct str){sd->s.p + o0, 0};
	}
	o0 = sd->t.v[t0].off;
	o1 = sd->t.v[t1 - 1].off + sd->t.v[t1 - 1].len;
	return (struct str){sd->s.p + o0, o1 - o0};
}

static bool
all_space(const struct side *sd, size_t t0, size_t t1)
{
	for (; t0 < t1; t0++)
		if (sd->t.v[t0].cls != TOK_SPACE)
			return false;
	return true;
}

enum err
wdiff_compute(struct wdiff *d, struct arena *ar, struct str a, struct str b,
              enum wdiff_mode mode)
{
	struct side sa = {.s = a}, sb = {.s = b};
	struct side *sides[2] = {&sa, &sb};
	struct keyer k = {.in = {.pool = BUF_INIT}, .key = BUF_INIT};
	struct script fs = {0};
	struct pieces ps = {0}, cl = {0};
	struct myers m = {0};
	size_t i, j, r, ai = 0, bi = 0, nops = 0;

	memset(d, 0, sizeof(*d));
	d->mode = mode;
	/* Views of nothing may have a NULL pointer; slices need a base. */
	if (!a.p)
		sa.s.p = a.p = "";
	if (!b.p)
		sb.s.p = b.p = "";
	if (a.len > WDIFF_MAX_INPUT || b.len > WDIFF_MAX_INPUT ||
	    !utf8_valid(a.p, a.len) || !utf8_valid(b.p, b.len))
		return ERR_INVALID;
	if ((unsigned)mode >= WDIFF__MAX)
		BUG("wdiff_compute: mode %d", (int)mode);

	for (i = 0; i < 2; i++) {
		struct side *sd = sides[i];

		tokenize(&sd->t, sd->s.p, sd->s.len, mode);
		sd->fold = xmallocarray(sd->t.n + 1, sizeof(*sd->fold));
		sd->exact = xmallocarray(sd->t.n + 1, sizeof(*sd->exact));
		for (j = 0; j < sd->t.n; j++)
			keys_of(&k, sd->s.p, &sd->t.v[j], mode, &sd->fold[j],
			        &sd->exact[j]);
	}

	m.a = sa.fold;
	m.b = sb.fold;
	m.v1 = xmallocarray(sa.t.n + sb.t.n + 4, sizeof(*m.v1));
	m.v2 = xmallocarray(sa.t.n + sb.t.n + 4, sizeof(*m.v2));
	m.budget = WDIFF_BUDGET;
	m.out = &fs;
	if (!diff_range(&m, 0, sa.t.n, 0, sb.t.n, 0)) {
		fs.n = 0;
		d->coarse = true;
		diff_coarse(&m, &sa, &sb, mode, &k.in);
	}

	/* Inside runs equal by fold, words whose exact keys differ are
	 * minor changes. */
	for (r = 0; r < fs.n; r++) {
		size_t n = fs.v[r].n;

		switch ((enum wdiff_kind)fs.v[r].kind) {
		case WDIFF_EQUAL:
			for (j = 0; j < n; j++) {
				bool same =
				        sa.exact[ai + j] == sb.exact[bi + j];

				pieces_push(&ps, !same, true, ai + j, 1, bi + j,
				            1);
			}
			ai += n;
			bi += n;
			break;
		case WDIFF_DELETE:
			pieces_push(&ps, true, false, ai, n, bi, 0);
			ai += n;
			break;
		default:
			pieces_push(&ps, true, false, ai, 0, bi, n);
			bi += n;
			break;
		}
	}
	if (!ALWAYS(ai == sa.t.n && bi == sb.t.n))
		BUG("wdiff: script does not cover the inputs");

	/* Clean-up: white space alone between two changes joins them. */
	for (i = 0; i < ps.n; i++) {
		const struct piece *p = &ps.v[i];
		bool join = !p->change && i > 0 && i + 1 < ps.n &&
		            all_space(&sa, p->a0, p->a1);

		pieces_push(&cl, p->change || join, p->minor || join, p->a0,
		            p->a1 - p->a0, p->b0, p->b1 - p->b0);
	}

	for (i = 0; i < cl.n; i++)
		nops += cl.v[i].change ? (cl.v[i].a0 < cl.v[i].a1) +
		                                 (cl.v[i].b0 < cl.v[i].b1)
		                       : 1;
	d->ops = nops ? arena_alloc(ar, st_mult(nops, sizeof(*d->ops))) : NULL;
	for (i = 0; i < cl.n; i++) {
		const struct piece *p = &cl.v[i];
		bool minor =
		        p->change && p->minor && p->a0 < p->a1 && p->b0 < p->b1;
		struct str as = slice(&sa, p->a0, p->a1);
		struct str bs = slice(&sb, p->b0, p->b1);

		if (!p->change) {
			d->ops[d->nops++] =
			        (struct wdiff_op){WDIFF_EQUAL, false, as, bs};
			continue;
		}
		if (p->a0 < p->a1) {
			d->ops[d->nops++] =
			        (struct wdiff_op){WDIFF_DELETE, minor, as,
			                          slice(&sb, p->b0, p->b0)};
			if (!minor)
				d->removed += count_words(&sa, p->a0, p->a1);
		}
		if (p->b0 < p->b1) {
			d->ops[d->nops++] =
			        (struct wdiff_op){WDIFF_INSERT, minor,
			                          slice(&sa, p->a1, p->a1), bs};
			if (minor)
				d->respelled += count_words(&sb, p->b0, p->b1);
			else
				d->added += count_words(&sb, p->b0, p->b1);
		}
	}

	free(m.v1);
	free(m.v2);
	free(fs.v);
	free(ps.v);
	free(cl.v);
	free(k.cps);
	buf_release(&k.key);
	intern_release(&k.in);
	side_release(&sa);
	side_release(&sb);
	return ERR_OK;
}

/* ---- rendering ---- */

/* Appends "\n" unless the output already ends a line there. */
static void
add_newline(struct buf *out)
{
	if (out->len == 0 || out->p[out->len - 1] != '\n')
		buf_addch(out, '\n');
}

/* Appends one token, escaped; in_change marks a deleted or inserted one
 * (a changed tag is then shown as its source). */
static void
render_tok(struct buf *out, enum wdiff_mode mode, const char *p, size_t len,
           uint8_t cls, uint8_t sub, bool in_change)
{
	size_t i;

	switch (cls) {
	case TOK_SPACE:
		if (mode == WDIFF_HTML) {
			buf_addch(out, ' ');
		} else if (sub == SPACE_PARA) {
			buf_add(out, "\n\n", 2);
		} else if (sub == SPACE_LINE) {
			buf_addch(out, '\n');
		} else {
			/* Vertical tab, form feed and a lone CR have no
			 * place in HTML text; other spaces are kept. */
			for (i = 0; i < len; i++)
				buf_addch(out, (p[i] == '\v' || p[i] == '\f' ||
				                p[i] == '\r')
				                       ? ' '
				                       : p[i]);
		}
		return;
	case TOK_TAG:
		if (sub != TAG_OTHER) {
			add_newline(out);
		} else if (in_change) {
			buf_adds(out, "<span class=\"wd-tag\">");
			buf_add_html(out, p, len);
			buf_adds(out, "</span>");
		}
		return;
	case TOK_REF:
		/* Well-formed (ref_len): already escaped text. */
		buf_add(out, p, len);
		return;
	case TOK_PUNCT:
		/* C0 and C1 controls are not text (HTML forbids them). */
		if ((unsigned char)p[0] < 0x20 || (unsigned char)p[0] == 0x7f ||
		    (len == 2 && (unsigned char)p[0] == 0xc2 &&
		     (unsigned char)p[1] < 0xa0)) {
			buf_add(out, "\xef\xbf\xbd", 3);
			return;
		}
		buf_add_html(out, p, len);
		return;
	default:
		buf_add_html(out, p, len);
		return;
	}
}

static void
render_text(struct buf *out, enum wdiff_mode mode, struct str s, bool in_change)
{
	size_t i = 0, j;
	uint8_t cls, sub;

	while (i < s.len) {
		j = tok_next(s.p, s.len, i, mode, &cls, &sub);
		render_tok(out, mode, s.p + i, j - i, cls, sub, in_change);
		i = j;
	}
}

static void
render_change(struct buf *out, enum wdiff_mode mode, const struct wdiff_op *op)
{
	bool del = op->kind == WDIFF_DELETE;

	buf_adds(out, del ? "<del class=\"wd-del" : "<ins class=\"wd-ins");
	buf_adds(out, op->minor ? " wd-minor\">" : "\">");
	render_text(out, mode, del ? op->a : op->b, true);
	buf_adds(out, del ? "</del>" : "</ins>");
}

void
wdiff_render_inline(struct buf *out, const struct wdiff *d)
{
	for (size_t i = 0; i < d->nops; i++) {
		const struct wdiff_op *op = &d->ops[i];

		if (op->kind == WDIFF_EQUAL)
			render_text(out, d->mode, op->b, false);
		else
			render_change(out, d->mode, op);
	}
}

static void
row_flush(struct buf *out, struct buf *l, struct buf *r)
{
	if (!l->len && !r->len)
		return;
	buf_adds(out, "<tr><td class=\"wd-a\">");
	buf_add(out, l->p, l->len);
	buf_adds(out, "</td><td class=\"wd-b\">");
	buf_add(out, r->p, r->len);
	buf_adds(out, "</td></tr>\n");
	buf_reset(l);
	buf_reset(r);
}

/* True if an unchanged token ends a paragraph: a row ends there. */
static bool
row_break(enum wdiff_mode mode, uint8_t cls, uint8_t sub)
{
	return mode == WDIFF_TEXT ? cls == TOK_SPACE && sub == SPACE_PARA
	                          : cls == TOK_TAG && sub == TAG_BLOCK_END;
}

void
wdiff_render_rows(struct buf *out, const struct wdiff *d)
{
	struct buf l = BUF_INIT, r = BUF_INIT;

	for (size_t k = 0; k < d->nops; k++) {
		const struct wdiff_op *op = &d->ops[k];
		size_t i = 0, j = 0, ie, je;
		uint8_t ca, sa, cb, sb;

		if (op->kind == WDIFF_DELETE) {
			render_change(&l, d->mode, op);
			continue;
		}
		if (op->kind == WDIFF_INSERT) {
			render_change(&r, d->mode, op);
			continue;
		}
		/* An EQUAL op has the same tokens on both sides, pairwise
		 * equal by key: walk them together. */
		while (i < op->a.len || j < op->b.len) {
			ca = cb = TOK_PUNCT;
			sa = sb = 0;
			ie = i < op->a.len ? tok_next(op->a.p, op->a.len, i,
			                              d->mode, &ca, &sa)
			                   : i;
			je = j < op->b.len ? tok_next(op->b.p, op->b.len, j,
			                              d->mode, &cb, &sb)
			                   : j;
			if (row_break(d->mode, ca, sa) &&
			    row_break(d->mode, cb, sb)) {
				row_flush(out, &l, &r);
			} else {
				if (ie > i)
					render_tok(&l, d->mode, op->a.p + i,
					           ie - i, ca, sa, false);
				if (je > j)
					render_tok(&r, d->mode, op->b.p + j,
					           je - j, cb, sb, false);
			}
			i = ie;
			j = je;
		}
	}
	row_flush(out, &l, &r);
	buf_release(&l);
	buf_release(&r);
}

void
wdiff_summary(struct buf *out, const struct wdiff *d)
{
	bool same = true;

	for (size_t i = 0; i < d->nops; i++)
		same = same && d->ops[i].kind == WDIFF_EQUAL;
	if (same) {
		buf_adds(out, "không thay đổi");
		return;
	}
	/* U+2212 MINUS SIGN, as typeset figures use. */
	buf_addf(out, "+%zu \xe2\x88\x92%zu từ", d->added, d->removed);
	if (d->respelled)
		buf_addf(out, ", %zu từ đổi dấu hoặc chữ hoa", d->respelled);
}

void
wdiff_check(const struct wdiff *d, struct str a, struct str b)
{
	size_t ia = 0, ib = 0;

	for (size_t i = 0; i < d->nops; i++) {
		const struct wdiff_op *op = &d->ops[i];

		if (op->a.len && op->a.p != a.p + ia)
			BUG("wdiff op %zu: a is not contiguous", i);
		if (op->b.len && op->b.p != b.p + ib)
			BUG("wdiff op %zu: b is not contiguous", i);
		if (op->kind == WDIFF_EQUAL &&
		    (!op->a.len || !op->b.len || op->minor ||
		     (i > 0 && d->ops[i - 1].kind == WDIFF_EQUAL)))
			BUG("wdiff op %zu: bad EQUAL", i);
		if (op->kind == WDIFF_DELETE && (!op->a.len || op->b.len))
			BUG("wdiff op %zu: bad DELETE", i);
		if (op->kind == WDIFF_INSERT && (!op->b.len || op->a.len))
			BUG("wdiff op %zu: bad INSERT", i);
		if (op->minor &&
		    !(op->kind == WDIFF_DELETE
		              ? i + 1 < d->nops &&
		                        d->ops[i + 1].kind == WDIFF_INSERT &&
		                        d->ops[i + 1].minor
		              : i > 0 && d->ops[i - 1].kind == WDIFF_DELETE &&
		                        d->ops[i - 1].minor))
			BUG("wdiff op %zu: minor outside a replacement", i);
		ia += op->a.len;
		ib += op->b.len;
	}
	if (ia != a.len || ib != b.len)
		BUG("wdiff: ops cover %zu/%zu of %zu/%zu bytes", ia, ib, a.len,
		    b.len);
}
