/*
 * Vietnamese folding: the search key of a text and the base of its slug.
 *
 * fold(c) = canonical decomposition of the case fold of c (utf8proc,
 * applied recursively, so every code point it yields is its own fold),
 * less the combining marks of category Mn, less default-ignorable code
 * points (a soft hyphen or zero-width joiner pasted from a word processor
 * must not split or hide a word), with đ (U+0111, the fold of Đ) -> d.
 * ð (U+00F0, the fold of the Icelandic Ð U+00D0) -> d as well: Ð looks
 * exactly like Đ and is what many keyboards and legacy converters put in
 * its place, so "ÐẢNG" must find "Đảng".  Text is folded one code point at
 * a time: dropping every Mn mark makes canonical reordering irrelevant, and
 * because each output code point folds to itself, vnfold is idempotent.
 *
 * Speed: indexing folds every item body, so ASCII runs are lowered in a
 * tight loop and the Latin code points Vietnamese uses (U+0080..U+036F,
 * which includes the combining marks of NFD input, and U+1E00..U+1EFF)
 * come from a table built once from utf8proc; other code points ask
 * utf8proc each time.
 *
 * Canonical order: a few marks that are not Mn still have a combining
 * class (musical symbols such as U+1D165, of category Mc).  When the fold
 * emits one, the folded text is put in canonical order (Unicode 3.11) so
 * that canonically equivalent inputs (NFC, NFD) fold to the same bytes.
 * Vietnamese text never takes that path.
 */
#include "common.h"

#include <utf8proc.h>

#include "utf8.h"
#include "vnfold.h"
#include "xalloc.h"

#define FOLD_OPTIONS (UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

/* A table entry: the folded UTF-8 bytes of one code point. */
struct fold_entry {
	uint8_t len;
	char s[7];
};

#define LO_FIRST 0x80
#define LO_END 0x370
#define EXT_FIRST 0x1E00
#define EXT_END 0x1F00
#define TAB_SLOW 0xFF /* entry too long for the table: ask utf8proc */

static struct fold_entry tab_lo[LO_END - LO_FIRST];
static struct fold_entry tab_ext[EXT_END - EXT_FIRST];
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

/* The output-to-input offset map that vnfold_map returns. */
struct fold_map {
	size_t *v;
	size_t n, cap;
};

static void
map_add(struct fold_map *m, size_t src, size_t count)
{
	size_t i;

	if (m->cap - m->n < count + 1) {
		m->cap = st_add(st_add(m->n, count + 1), m->cap / 2);
		m->v = xrealloc(m->v, st_mult(m->cap, sizeof(*m->v)));
	}
	for (i = 0; i < count; i++)
		m->v[m->n++] = src;
}

/* Appends fold(cp) computed by utf8proc; sets *unordered if it emitted
 * a code point with a non-zero combining class. */
static void
fold_slow(struct buf *out, int32_t cp, bool *unordered)
{
	utf8proc_int32_t small[32], *d = small;
	utf8proc_ssize_t n, i;
	int boundclass = 0;

	n = utf8proc_decompose_char(cp, small, ARRAY_SIZE(small), FOLD_OPTIONS,
	                            &boundclass);
	if (n > (utf8proc_ssize_t)ARRAY_SIZE(small)) {
		d = xmallocarray((size_t)n, sizeof(*d));
		boundclass = 0;
		n = utf8proc_decompose_char(cp, d, n, FOLD_OPTIONS,
		                            &boundclass);
	}
	if (n < 0) /* only for code points outside Unicode */
		BUG("utf8proc_decompose_char(U+%04X): %s", (unsigned)cp,
		    utf8proc_errmsg(n));
	for (i = 0; i < n; i++) {
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t k;

		if (d[i] == 0x111 || d[i] == 0xF0) {
			buf_addch(out, 'd');
			continue;
		}
		if (utf8proc_category(d[i]) == UTF8PROC_CATEGORY_MN)
			continue;
		if (utf8proc_get_property(d[i])->combining_class)
			*unordered = true;
		k = utf8proc_encode_char(d[i], enc);
		buf_add(out, enc, (size_t)k);
	}
	if (d != small)
		free(d);
}

static void
tab_fill(struct fold_entry *tab, int32_t first, int32_t end)
{
	struct buf b = BUF_INIT;
	int32_t cp;

	for (cp = first; cp < end; cp++) {
		struct fold_entry *e = &tab[cp - first];
		bool unordered = false;

		buf_reset(&b);
		fold_slow(&b, cp, &unordered);
		if (b.len > sizeof(e->s) || unordered) {
			e->len = TAB_SLOW;
			continue;
		}
		e->len = (uint8_t)b.len;
		memcpy(e->s, b.p, b.len);
	}
	buf_release(&b);
}

static void
tab_build(void)
{
	tab_fill(tab_lo, LO_FIRST, LO_END);
	tab_fill(tab_ext, EXT_FIRST, EXT_END);
}

static const struct fold_entry *
tab_get(int32_t cp)
{
	const struct fold_entry *e = NULL;

	if (cp >= LO_FIRST && cp < LO_END)
		e = &tab_lo[cp - LO_FIRST];
	else if (cp >= EXT_FIRST && cp < EXT_END)
		e = &tab_ext[cp - EXT_FIRST];
	return e && e->len != TAB_SLOW ? e : NULL;
}

/* One code point (or invalid byte) of folded text, for reorder. */
struct unit {
	size_t off, len; /* its bytes in the folded text */
	size_t src;      /* its map entry */
	int ccc;         /* canonical combining class */
};

/*
 * Canonical ordering of folded text s[0..len) (Unicode 3.11, D109):
 * a stable sort by combining class of each run of code points whose class
 * is not 0.  map (may be NULL) holds an entry per byte and moves with it;
 * every byte of a sorted run then maps to the run's first source offset.
 */
static void
reorder(char *s, size_t len, size_t *map)
{
	struct unit *u = xmallocarray(len, sizeof(*u));
	char *copy = xmalloc(len);
	size_t n = 0, i = 0, k, j;

	memcpy(copy, s, len);
	while (i < len) {
		int32_t cp;
		size_t l = utf8_decode(s + i, len - i, &cp);

		u[n].off = i;
		u[n].len = l;
		u[n].src = map ? map[i] : 0;
		u[n].ccc =
		        cp < 0 ? 0 : utf8proc_get_property(cp)->combining_class;
		n++;
		i += l;
	}
	/* Insertion sort: a unit of class 0 stops every move, so each run
	 * is sorted on its own; strict > keeps equal classes in order. */
	for (k = 1; k < n; k++) {
		struct unit t = u[k];

		if (!t.ccc)
			continue;
		for (j = k; j > 0 && u[j - 1].ccc > t.ccc; j--)
			u[j] = u[j - 1];
		u[j] = t;
	}
	/* Each run takes the offset of its first source character, so the
	 * map stays non-decreasing for the tokenizer. */
	for (k = 0; k < n; k = j) {
		size_t lo = u[k].src;

		for (j = k; j < n && u[j].ccc; j++)
			lo = MIN(lo, u[j].src);
		if (j == k) { /* a starter */
			j++;
			continue;
		}
		for (i = k; i < j; i++)
			u[i].src = lo;
	}
	for (k = 0, i = 0; k < n; k++) {
		memcpy(s + i, copy + u[k].off, u[k].len);
		if (map)
			for (j = 0; j < u[k].len; j++)
				map[i + j] = u[k].src;
		i += u[k].len;
	}
	free(copy);
	free(u);
}

/* The fold loop; m (may be NULL) collects the offset map. */
static void
fold_run(struct buf *out, const char *s, size_t len, struct fold_map *m)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = out->len;
	bool unordered = false;

	pthread_once(&tab_once, tab_build);
	/* Folded text is about as long as its source: one allocation (but
	 * a hint must not trip the sticky error of a capped buffer). */
	if (!out->max || len <= out->max - MIN(out->len, out->max))
		buf_grow(out, len);
	while (i < len && !buf_err(out)) {
		const struct fold_entry *e;
		size_t n, before;
		int32_t cp;

		if (p[i] < 0x80) {
			size_t j, k;
			char *d;

			for (j = i + 1; j < len && p[j] < 0x80; j++)
				;
			n = j - i;
			if (!buf_grow(out, n))
				break;
			d = out->p + out->len;
			for (k = 0; k < n; k++) {
				unsigned char c = p[i + k];

				d[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32
				                                   : c);
			}
			buf_setlen(out, out->len + n);
			if (m) {
				map_add(m, 0, n);
				for (k = 0; k < n; k++)
					m->v[m->n - n + k] = i + k;
			}
			i = j;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		before = out->len;
		if (cp < 0) /* invalid: copied through as it is */
			buf_add(out, s + i, n);
		else if ((e = tab_get(cp)))
			buf_add(out, e->s, e->len);
		else
			fold_slow(out, cp, &unordered);
		if (m)
			map_add(m, i, out->len - before);
		i += n;
	}
	if (unordered)
		reorder(out->p + start, out->len - start, m ? m->v : NULL);
}

void
vnfold(struct buf *out, const char *p, size_t len)
{
	fold_run(out, p, len, NULL);
}

void
vnfold_map(struct buf *out, const char *p, size_t len, size_t **map)
{
	struct fold_map m = {NULL, 0, 0};
	size_t start = out->len;

	map_add(&m, 0, 0);
	fold_run(out, p, len, &m);
	/* If out hit its cap, the map may hold entries for bytes that were
	 * never appended: the last valid slot closes the map. */
	m.n = out->len - start;
	m.v[m.n] = len;
	*map = m.v;
}

void
vnslug(struct buf *out, const char *p, size_t len, size_t maxlen)
{
	struct buf f = BUF_INIT;
	size_t start = out->len, i, cut;
	bool gap = false;
	const char *slug;

	vnfold(&f, p, len);
	for (i = 0; i < f.len; i++) {
		char c = f.p[i];

		/* Folding leaves no ASCII upper case. */
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (gap && out->len > start)
				buf_addch(out, '-');
			gap = false;
			buf_addch(out, c);
		} else {
			gap = true;
		}
	}
	buf_release(&f);
	if (!maxlen || out->len - start <= maxlen)
		return;
	slug = out->p + start;
	/* Cut before a '-' at or below maxlen so no word is split; a single
	 * word longer than maxlen is cut where it must be. */
	for (cut = maxlen; cut > 0 && slug[cut] != '-'; cut--)
		;
	if (!cut)
		cut = maxlen;
	buf_truncate(out, start + cut);
}
