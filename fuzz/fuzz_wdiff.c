/*
 * Fuzz target for the word diff (wdiff.c).
 *
 * Input: the first byte picks the mode (bit 0: HTML); the rest is text A,
 * a 0xFF byte (never valid UTF-8), text B.  Without 0xFF, A and B are the
 * two halves.  Invalid UTF-8 must be refused; valid text must give ops
 * that pass wdiff_check (they cover A and B exactly, in order), a diff
 * of A with itself must be one EQUAL op, and both renderings must hold
 * no markup but the renderer's own (every '<' opens one of its tags, no
 * quote outside its attributes).  Each broken property aborts.
 */
#include "common.h"

#include "utf8.h"
#include "wdiff.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const own_tags[] = {
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

static void
check_html(const struct buf *b)
{
	size_t i = 0, k;

	while (i < b->len) {
		if (b->p[i] == '\'')
			BUG("wdiff: raw quote in rendering");
		if (b->p[i] != '<') {
			i++;
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(own_tags); k++) {
			size_t n = strlen(own_tags[k]);

			if (b->len - i >= n &&
			    memcmp(b->p + i, own_tags[k], n) == 0)
				break;
		}
		if (k == ARRAY_SIZE(own_tags))
			BUG("wdiff: markup not ours at %zu", i);
		i += strlen(own_tags[k]);
	}
	/* Outside our tags, '"' is escaped: our tags hold all of them. */
	for (i = 0; i < b->len; i++)
		if (b->p[i] == '"' && !(i > 0 && b->p[i - 1] == '=') &&
		    !(i + 1 < b->len &&
		      (b->p[i + 1] == '>' || b->p[i + 1] == ' ')))
			BUG("wdiff: raw '\"' at %zu", i);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum wdiff_mode mode;
	const uint8_t *sep;
	char *pa, *pb;
	size_t la, lb;
	struct arena ar = ARENA_INIT;
	struct wdiff d;
	struct buf out = BUF_INIT;
	enum err e;

	if (size < 1 || size > 65536)
		return 0;
	mode = (data[0] & 1) ? WDIFF_HTML : WDIFF_TEXT;
	data++;
	size--;
	sep = memchr(data, 0xff, size);
	la = sep ? (size_t)(sep - data) : size / 2;
	lb = sep ? size - la - 1 : size - la;
	/* Exact-size copies, so ASan sees any overread. */
	pa = xmalloc(la ? la : 1);
	pb = xmalloc(lb ? lb : 1);
	memcpy(pa, data, la);
	memcpy(pb, data + size - lb, lb);
	arena_init(&ar, 0);

	e = wdiff_compute(&d, &ar, str_make(pa, la), str_make(pb, lb), mode);
	if ((e == ERR_OK) != (utf8_valid(pa, la) && utf8_valid(pb, lb)))
		BUG("wdiff: accepted invalid or refused valid text");
	if (e == ERR_OK) {
		wdiff_check(&d, str_make(pa, la), str_make(pb, lb));
		wdiff_render_inline(&out, &d);
		check_html(&out);
		buf_reset(&out);
		wdiff_render_rows(&out, &d);
		check_html(&out);
		buf_reset(&out);
		wdiff_summary(&out, &d);
		if (!utf8_valid(out.p, out.len))
			BUG("wdiff: summary is not UTF-8");
		if (wdiff_compute(&d, &ar, str_make(pa, la), str_make(pa, la),
		                  mode) != ERR_OK ||
		    d.nops != (la > 0) || (la && d.ops[0].kind != WDIFF_EQUAL))
			BUG("wdiff: A against A is not one EQUAL op");
	}
	buf_release(&out);
	arena_release(&ar);
	free(pa);
	free(pb);
	return 0;
}
