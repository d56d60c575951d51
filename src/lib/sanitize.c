/*
 * The HTML sanitiser (see sanitize.h for the allowlist).  Issue 4.3: all
 * rich text reaches the database through here.
 *
 * Three stages:
 *  1. Checks that cost nothing to get wrong: the size cap, strict UTF-8,
 *     and a conservative estimate of the nesting depth (nesting_estimate),
 *     because gumbo's tree building is quadratic in the depth.
 *  2. gumbo parses the text as a fragment of <body>, so what we keep is
 *     what a browser would build.  gumbo allocates through our allocator,
 *     which keeps a list of live blocks and a byte budget: past the budget
 *     it longjmps back to sanitize_html, which frees the list.  Freeing
 *     the list also replaces gumbo_destroy_output, which recurses once
 *     per level of the tree.
 *  3. An iterative walk (an explicit stack, never recursion) writes the
 *     allowed elements and attributes.  Adjacent text, even across
 *     unwrapped or dropped elements, is collected and written as one NFC,
 *     escaped run just before the next tag, so that the output parses back
 *     to the same text nodes (idempotence) and NFC never joins a
 *     combining mark onto our own markup (">" + U+0338 would make "≯").
 */
#include "common.h"

#include <setjmp.h>

#include <gumbo.h>

#include "sanitize.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- gumbo's allocator: a list of live blocks and a budget ---- */

struct blk {
	struct blk *prev, *next;
	size_t size;
	size_t pad; /* keeps the payload 16-byte aligned */
};

struct pool {
	struct blk head; /* sentinel of a circular list */
	size_t live, budget;
	jmp_buf over;
};

static void *
pool_alloc(void *ud, size_t size)
{
	struct pool *pl = ud;
	struct blk *b;

	if (size > pl->budget || pl->live > pl->budget - size)
		longjmp(pl->over, 1);
	/* Zeroed: gumbo 0.10.1 reads a field it never set when building
	 * tables (valgrind), and the result must not depend on the heap. */
	b = xcalloc(1, st_add(sizeof(*b), size));
	b->size = size;
	b->next = pl->head.next;
	b->prev = &pl->head;
	pl->head.next->prev = b;
	pl->head.next = b;
	pl->live += size;
	return b + 1;
}

static void
pool_free(void *ud, void *p)
{
	struct pool *pl = ud;
	struct blk *b;

	if (!p)
		return;
	b = (struct blk *)p - 1;
	b->prev->next = b->next;
	b->next->prev = b->prev;
	pl->live -= b->size;
	free(b);
}

static void
pool_release(struct pool *pl)
{
	struct blk *b = pl->head.next, *n;

	while (b != &pl->head) {
		n = b->next;
		free(b);
		b = n;
	}
	pl->head.next = pl->head.prev = &pl->head;
	pl->live = 0;
}

/* ---- stage 1: the nesting estimate ---- */

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
name_is(struct str n, const char *s)
{
	size_t l = strlen(s);

	return n.len == l && strncasecmp(n.p, s, l) == 0;
}

static bool
name_in(struct str n, const char *const *set, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (name_is(n, set[i]))
			return true;
	return false;
}

/* Skips the rest of a tag from p[i] (after its name); returns the index
 * after its '>' or len.  Quoted values are skipped as the tokenizer does,
 * so a '>' or '<' inside one is not markup. */
static size_t
skip_tag(const char *p, size_t len, size_t i)
{
	while (i < len) {
		char q;

		while (i < len && (is_ws(p[i]) || p[i] == '/'))
			i++;
		if (i >= len || p[i] == '>')
			return i < len ? i + 1 : len;
		/* An attribute name (a leading '=' belongs to it). */
		i++;
		while (i < len && !is_ws(p[i]) && p[i] != '/' && p[i] != '>' &&
		       p[i] != '=')
			i++;
		while (i < len && is_ws(p[i]))
			i++;
		if (i >= len || p[i] != '=')
			continue;
		i++;
		while (i < len && is_ws(p[i]))
			i++;
		if (i < len && (p[i] == '"' || p[i] == '\'')) {
			q = p[i++];
			while (i < len && p[i] != q)
				i++;
			if (i < len)
				i++;
		} else {
			while (i < len && !is_ws(p[i]) && p[i] != '>')
				i++;
		}
	}
	return len;
}

static struct str
tag_name(const char *p, size_t len, size_t i)
{
	size_t s = i;

	while (i < len && !is_ws(p[i]) && p[i] != '/' && p[i] != '>')
		i++;
	return str_make(p + s, i - s);
}

static const char *const void_tags[] = {
        "area", "base", "br",    "col",    "embed", "hr",  "img",    "input",
        "link", "meta", "param", "source", "track", "wbr", "keygen",
};
static const char *const rawtext_tags[] = {
        "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title",
};
/* Closed by a start tag of the same name (gumbo closes the open one). */
static const char *const self_closing_run[] = {
        "p", "li", "dt", "dd", "tr", "td", "th", "option",
};
/* Closed implicitly by the end tag of an element around them (gumbo's
 * "generate implied end tags", and the cells and rows a </table>
 * closes). */
static const char *const implied_end[] = {
        "p",  "li",    "dt",    "dd",    "option",  "td",       "th",
        "tr", "tbody", "thead", "tfoot", "caption", "colgroup",
};

/*
 * The depth after closing n: the element named n if it is the top, or
 * at most three below it with only implicitly closed elements above it;
 * else depth unchanged.
 */
static size_t
close_to(const struct str *stack, size_t depth, struct str n)
{
	size_t k = depth;

	while (k > 0 && k + 4 > depth) {
		if (n.len == stack[k - 1].len &&
		    strncasecmp(n.p, stack[k - 1].p, n.len) == 0)
			return k - 1;
		if (!name_in(stack[k - 1], implied_end,
		             ARRAY_SIZE(implied_end)))
			break;
		k--;
	}
	return depth;
}

/*
 * An upper bound (not exact) on the depth of the tree gumbo builds from
 * p[0..len), or limit + 1 as soon as it passes limit.
 *
 * Every start tag of a non-void element pushes its name; an end tag pops
 * only when it names the top, or an element at most three below it with
 * only implicitly closed elements (p, li, td, tr...) above it.  Where our
 * tokenising could differ from gumbo's and hide an open element from us
 * (script's escape states, foreign content with its CDATA and self-closing
 * tags) we stop popping altogether and count every "<letter" to the end.
 * Comments and the raw text of style, textarea... are skipped exactly as the
 * tokenizer does. gumbo adds at most a few implied elements (tbody, tr) per
 * tag, which the limit leaves room for.
 */
static size_t
nesting_estimate(const char *p, size_t len, size_t limit)
{
	struct str *stack = xmallocarray(limit + 2, sizeof(*stack));
	size_t depth = 0, i = 0, junk = 0, max = 0;
	bool no_pop = false;

	while (i < len && max <= limit) {
		struct str n;

		if (p[i] != '<') {
			i++;
			continue;
		}
		if (no_pop) {
			if (i + 1 < len && is_alpha(p[i + 1]))
				junk++;
			i++;
		} else if (len - i >= 4 && memcmp(p + i, "<!--", 4) == 0) {
			i += 4;
			if (i < len && p[i] == '>') {
				i++;
				continue;
			}
			if (len - i >= 2 && p[i] == '-' && p[i + 1] == '>') {
				i += 2;
				continue;
			}
			for (; i < len; i++) {
				if (len - i >= 3 &&
				    memcmp(p + i, "-->", 3) == 0) {
					i += 3;
					break;
				}
				if (len - i >= 4 &&
				    memcmp(p + i, "--!>", 4) == 0) {
					i += 4;
					break;
				}
			}
		} else if (i + 1 < len &&
		           (p[i + 1] == '!' || p[i + 1] == '?' ||
		            (p[i + 1] == '/' &&
		             (i + 2 >= len || !is_alpha(p[i + 2]))))) {
			/* A bogus comment (CDATA too, outside foreign
			 * content): up to the first '>'. */
			while (i < len && p[i] != '>')
				i++;
			i += i < len;
		} else if (i + 2 < len && p[i + 1] == '/') {
			n = tag_name(p, len, i + 2);
			depth = close_to(stack, depth, n);
			i = skip_tag(p, len, i + 2 + n.len);
		} else if (i + 1 < len && is_alpha(p[i + 1])) {
			n = tag_name(p, len, i + 1);
			i = skip_tag(p, len, i + 1 + n.len);
			if (name_is(n, "plaintext"))
				break; /* the rest is text */
			if (name_is(n, "script") || name_is(n, "svg") ||
			    name_is(n, "math")) {
				no_pop = true;
				junk++;
			} else if (name_in(n, rawtext_tags,
			                   ARRAY_SIZE(rawtext_tags))) {
				/* Up to "</name" + [ws / >] or the end. */
				for (; i < len; i++)
					if (p[i] == '<' && i + 1 < len &&
					    p[i + 1] == '/' &&
					    len - i - 2 >= n.len &&
					    strncasecmp(p + i + 2, n.p,
					                n.len) == 0 &&
					    (i + 2 + n.len == len ||
					     is_ws(p[i + 2 + n.len]) ||
					     p[i + 2 + n.len] == '/' ||
					     p[i + 2 + n.len] == '>'))
						break;
			} else if (!name_in(n, void_tags,
			                    ARRAY_SIZE(void_tags))) {
				if (name_in(n, self_closing_run,
				            ARRAY_SIZE(self_closing_run)))
					depth = close_to(stack, depth, n);
				stack[depth++] = n;
			}
		} else {
			i++;
		}
		max = MAX(max, depth + junk);
	}
	free(stack);
	return max;
}

/* ---- stage 3: the walk ---- */

enum act {
	ACT_KEEP,   /* write the element (maybe renamed), allowed attrs */
	ACT_UNWRAP, /* drop the tags, keep the children */
	ACT_DROP,   /* drop the element and all its content */
	ACT_UNSAFE, /* ACT_DROP, and report it as unsafe */
};

enum attrs {
	AT_NONE,
	AT_A,
	AT_IMG,
	AT_TH,
	AT_TD,
	AT_ABBR,
};

struct rule {
	GumboTag tag;
	enum act act;
	const char *out; /* name written for ACT_KEEP */
	enum attrs attrs;
	bool is_void;
	bool block; /* a div holding one of these is not made a p */
};

static const struct rule rules[] = {
        {GUMBO_TAG_P, ACT_KEEP, "p", AT_NONE, false, true},
        {GUMBO_TAG_BR, ACT_KEEP, "br", AT_NONE, true, false},
        {GUMBO_TAG_H1, ACT_KEEP, "h2", AT_NONE, false, true},
        {GUMBO_TAG_H2, ACT_KEEP, "h2", AT_NONE, false, true},
        {GUMBO_TAG_H3, ACT_KEEP, "h3", AT_NONE, false, true},
        {GUMBO_TAG_H4, ACT_KEEP, "h4", AT_NONE, false, true},
        {GUMBO_TAG_H5, ACT_KEEP, "h4", AT_NONE, false, true},
        {GUMBO_TAG_H6, ACT_KEEP, "h4", AT_NONE, false, true},
        {GUMBO_TAG_STRONG, ACT_KEEP, "strong", AT_NONE, false, false},
        {GUMBO_TAG_B, ACT_KEEP, "strong", AT_NONE, false, false},
        {GUMBO_TAG_EM, ACT_KEEP, "em", AT_NONE, false, false},
        {GUMBO_TAG_I, ACT_KEEP, "em", AT_NONE, false, false},
        {GUMBO_TAG_U, ACT_KEEP, "u", AT_NONE, false, false},
        {GUMBO_TAG_S, ACT_KEEP, "s", AT_NONE, false, false},
        {GUMBO_TAG_STRIKE, ACT_KEEP, "s", AT_NONE, false, false},
        {GUMBO_TAG_DEL, ACT_KEEP, "s", AT_NONE, false, false},
        {GUMBO_TAG_SUB, ACT_KEEP, "sub", AT_NONE, false, false},
        {GUMBO_TAG_SUP, ACT_KEEP, "sup", AT_NONE, false, false},
        {GUMBO_TAG_BLOCKQUOTE, ACT_KEEP, "blockquote", AT_NONE, false, true},
        {GUMBO_TAG_UL, ACT_KEEP, "ul", AT_NONE, false, true},
        {GUMBO_TAG_OL, ACT_KEEP, "ol", AT_NONE, false, true},
        {GUMBO_TAG_LI, ACT_KEEP, "li", AT_NONE, false, true},
        {GUMBO_TAG_DL, ACT_KEEP, "dl", AT_NONE, false, true},
        {GUMBO_TAG_DT, ACT_KEEP, "dt", AT_NONE, false, true},
        {GUMBO_TAG_DD, ACT_KEEP, "dd", AT_NONE, false, true},
        {GUMBO_TAG_TABLE, ACT_KEEP, "table", AT_NONE, false, true},
        {GUMBO_TAG_CAPTION, ACT_KEEP, "caption", AT_NONE, false, true},
        {GUMBO_TAG_THEAD, ACT_KEEP, "thead", AT_NONE, false, true},
        {GUMBO_TAG_TBODY, ACT_KEEP, "tbody", AT_NONE, false, true},
        {GUMBO_TAG_TFOOT, ACT_KEEP, "tfoot", AT_NONE, false, true},
        {GUMBO_TAG_TR, ACT_KEEP, "tr", AT_NONE, false, true},
        {GUMBO_TAG_TH, ACT_KEEP, "th", AT_TH, false, true},
        {GUMBO_TAG_TD, ACT_KEEP, "td", AT_TD, false, true},
        {GUMBO_TAG_FIGURE, ACT_KEEP, "figure", AT_NONE, false, true},
        {GUMBO_TAG_FIGCAPTION, ACT_KEEP, "figcaption", AT_NONE, false, true},
        {GUMBO_TAG_HR, ACT_KEEP, "hr", AT_NONE, true, true},
        {GUMBO_TAG_CODE, ACT_KEEP, "code", AT_NONE, false, false},
        {GUMBO_TAG_PRE, ACT_KEEP, "pre", AT_NONE, false, true},
        {GUMBO_TAG_ABBR, ACT_KEEP, "abbr", AT_ABBR, false, false},
        {GUMBO_TAG_A, ACT_KEEP, "a", AT_A, false, false},
        {GUMBO_TAG_IMG, ACT_KEEP, "img", AT_IMG, true, false},
        /* Dropped with their content, and reported. */
        {GUMBO_TAG_SCRIPT, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_STYLE, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_IFRAME, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_FRAME, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_FRAMESET, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_OBJECT, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_EMBED, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_APPLET, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_PARAM, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_TEMPLATE, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_NOSCRIPT, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_NOEMBED, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_NOFRAMES, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_SVG, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_MATH, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_FORM, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_INPUT, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_BUTTON, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_SELECT, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_OPTION, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_OPTGROUP, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_DATALIST, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_TEXTAREA, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_KEYGEN, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_OUTPUT, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_ISINDEX, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_HEAD, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_META, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_LINK, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_BASE, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_TITLE, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_AUDIO, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_VIDEO, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_SOURCE, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_TRACK, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_CANVAS, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_MAP, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_AREA, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_BGSOUND, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_XMP, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_PLAINTEXT, ACT_UNSAFE, NULL, AT_NONE, false, true},
        {GUMBO_TAG_MARQUEE, ACT_UNSAFE, NULL, AT_NONE, false, true},
        /* Harmless but with nothing to keep. */
        {GUMBO_TAG_COLGROUP, ACT_DROP, NULL, AT_NONE, false, true},
        {GUMBO_TAG_COL, ACT_DROP, NULL, AT_NONE, false, true},
        {GUMBO_TAG_WBR, ACT_DROP, NULL, AT_NONE, true, false},
        /* Unwrapped blocks: a div of inline content becomes a p. */
        {GUMBO_TAG_DIV, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_SECTION, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_ARTICLE, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_ASIDE, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_HEADER, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_FOOTER, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_MAIN, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_NAV, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_ADDRESS, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_CENTER, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_DETAILS, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_SUMMARY, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_FIELDSET, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_LEGEND, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_LISTING, ACT_UNWRAP, "p", AT_NONE, false, true},
        {GUMBO_TAG_MENU, ACT_UNWRAP, NULL, AT_NONE, false, true},
        {GUMBO_TAG_DIR, ACT_UNWRAP, NULL, AT_NONE, false, true},
        {GUMBO_TAG_BODY, ACT_UNWRAP, NULL, AT_NONE, false, true},
        {GUMBO_TAG_HTML, ACT_UNWRAP, NULL, AT_NONE, false, true},
};

/* Unknown and every other element: unwrap, inline. */
static const struct rule rule_unwrap = {GUMBO_TAG_UNKNOWN, ACT_UNWRAP, NULL,
                                        AT_NONE,           false,      false};
static const struct rule rule_drop = {GUMBO_TAG_UNKNOWN, ACT_DROP, NULL,
                                      AT_NONE,           false,    false};
static const struct rule rule_unsafe = {GUMBO_TAG_UNKNOWN, ACT_UNSAFE, NULL,
                                        AT_NONE,           false,      true};

/* Attributes that could run script or load content if kept. */
static bool
attr_is_unsafe(const char *name)
{
	static const char *const names[] = {
	        "srcdoc",     "formaction", "action", "xlink:href", "srcset",
	        "background", "poster",     "dynsrc", "lowsrc",     "codebase",
	};
	size_t i;

	if (strncasecmp(name, "on", 2) == 0)
		return true;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (strcasecmp(name, names[i]) == 0)
			return true;
	return false;
}

struct san {
	struct buf *out;
	struct buf text; /* pending raw text, written before the next tag */
	struct buf tmp, tmp2;
	/* The raw text flushed last and where its output starts and ends:
	 * if the element after it is taken back out, the text is pending
	 * again, so that it joins what follows before NFC. */
	struct buf last;
	size_t last_at, last_end;
	size_t tag_at; /* where the last start tag written begins */
	struct sanitize_report *rep;
	int depth; /* elements written and still open */
	/*
	 * Open p, heading and a elements written.  The parser never puts a
	 * block in a p, a heading in a heading or a link in a link, but
	 * unwrapping (a span between them) can: such an element is unwrapped
	 * too, or the output would parse differently the next time.
	 */
	int p_open, heading_open, a_open;
};

/*
 * Escapes NFC text p[0..len) into out, first replacing what the parser
 * would not read back as itself: the controls and noncharacters it turns
 * into U+FFFD, and CR (which it turns into LF), written as a reference.
 */
static void
add_escaped(struct buf *out, const char *p, size_t len, bool attr)
{
	size_t i = 0, run = 0;

	while (i < len) {
		int32_t cp;
		size_t n = utf8_decode(p + i, len - i, &cp);
		const char *rep = NULL;

		if (cp == '\r')
			rep = "&#13;";
		else if (cp < 0 ||
		         (cp < 0x20 && cp != '\t' && cp != '\n' &&
		          cp != '\f') ||
		         (cp >= 0x7f && cp <= 0x9f) ||
		         (cp >= 0xfdd0 && cp <= 0xfdef) ||
		         (cp & 0xfffe) == 0xfffe)
			rep = "\xef\xbf\xbd"; /* U+FFFD */
		if (rep) {
			if (attr)
				buf_add_attr(out, p + run, i - run);
			else
				buf_add_html(out, p + run, i - run);
			buf_adds(out, rep);
			run = i + n;
		}
		i += n;
	}
	if (attr)
		buf_add_attr(out, p + run, len - run);
	else
		buf_add_html(out, p + run, len - run);
}

/*
 * Appends p[0..len) to dst with every invalid sequence (gumbo 0.10.1 can
 * produce one from an overlong character reference), control and
 * noncharacter replaced by U+FFFD: what the parser would turn into U+FFFD
 * anyway.  Done before NFC, which needs valid UTF-8 and must see the text
 * exactly as the next parse will.
 */
static void
clean_utf8(struct buf *dst, const char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int32_t cp;
		size_t n = utf8_decode(p + i, len - i, &cp);

		if (cp < 0 ||
		    (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f' &&
		     cp != '\r') ||
		    (cp >= 0x7f && cp <= 0x9f) ||
		    (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)
			buf_adds(dst, "\xef\xbf\xbd");
		else
			buf_add(dst, p + i, n);
		i += n;
	}
}

/* NFC of the cleaned p[0..len), in s->tmp. */
static void
text_nfc(struct san *s, const char *p, size_t len)
{
	buf_reset(&s->tmp2);
	clean_utf8(&s->tmp2, p, len);
	buf_reset(&s->tmp);
	if (utf8_nfc(&s->tmp, s->tmp2.p, s->tmp2.len) != 0)
		BUG("clean text is not valid UTF-8");
}

static void
flush_text(struct san *s)
{
	if (!s->text.len)
		return;
	s->last_at = s->out->len;
	buf_reset(&s->last);
	buf_add(&s->last, s->text.p, s->text.len);
	text_nfc(s, s->text.p, s->text.len);
	add_escaped(s->out, s->tmp.p, s->tmp.len, false);
	s->last_end = s->out->len;
	buf_reset(&s->text);
}

static void
add_attr(struct san *s, const char *name, const char *v, size_t len)
{
	buf_addf(s->out, " %s=\"", name);
	text_nfc(s, v, len);
	add_escaped(s->out, s->tmp.p, s->tmp.len, true);
	buf_addch(s->out, '"');
}

static bool
is_ascii_ws_or_ctl(unsigned char c)
{
	return c <= 0x20;
}

/*
 * The URL a browser would act on, in tmp: tab, CR and LF removed anywhere
 * and C0 controls and spaces trimmed at both ends (the URL standard's
 * first steps).  Returns false if what is left holds any other control,
 * a backslash, or nothing.
 */
static bool
url_clean(struct buf *tmp, const char *v)
{
	size_t i, n = strlen(v), a = 0;

	while (a < n && is_ascii_ws_or_ctl((unsigned char)v[a]))
		a++;
	while (n > a && is_ascii_ws_or_ctl((unsigned char)v[n - 1]))
		n--;
	buf_reset(tmp);
	for (i = a; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c < 0x20 || c == 0x7f || c == '\\')
			return false;
		buf_addch(tmp, (char)c);
	}
	return tmp->len > 0;
}

enum url_kind {
	URL_BAD,
	URL_RELATIVE, /* a path, query or fragment on this site */
	URL_ABSOLUTE, /* http(s) or //host */
	URL_OTHER,    /* mailto, tel */
};

static enum url_kind
url_kind(const char *u, size_t len)
{
	static const char *const other[] = {"mailto", "tel"};
	size_t i, k;

	if (len >= 2 && u[0] == '/' && u[1] == '/')
		return URL_ABSOLUTE;
	for (i = 0; i < len; i++) {
		if (u[i] == '/' || u[i] == '?' || u[i] == '#')
			return URL_RELATIVE;
		if (u[i] == ':')
			break;
	}
	if (i == len)
		return URL_RELATIVE;
	/* A scheme: only the allowed ones, in any case.  Anything else
	 * before the first ':' (javascript, data, vbscript, or text that is
	 * not a scheme at all) is refused. */
	if ((i == 4 && strncasecmp(u, "http", 4) == 0) ||
	    (i == 5 && strncasecmp(u, "https", 5) == 0))
		return URL_ABSOLUTE;
	for (k = 0; k < ARRAY_SIZE(other); k++)
		if (i == strlen(other[k]) && strncasecmp(u, other[k], i) == 0)
			return URL_OTHER;
	return URL_BAD;
}

static bool
is_number(const char *v, size_t maxlen)
{
	size_t i, n = strlen(v);

	if (n == 0 || n > maxlen)
		return false;
	for (i = 0; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return false;
	return true;
}

static const struct rule *
rule_for(const GumboNode *n)
{
	const GumboElement *e = &n->v.element;
	size_t i;

	if (e->tag_namespace != GUMBO_NAMESPACE_HTML)
		return &rule_unsafe;
	if (e->tag == GUMBO_TAG_UNKNOWN) {
		GumboStringPiece t = e->original_tag;

		/* Prefixed tags (o:p, w:Sdt, v:shape) and <xml> islands
		 * are Word's; none holds text we want. */
		gumbo_tag_from_original_text(&t);
		if (memchr(t.data, ':', t.length) ||
		    (t.length == 3 && strncasecmp(t.data, "xml", 3) == 0))
			return &rule_drop;
		return &rule_unwrap;
	}
	for (i = 0; i < ARRAY_SIZE(rules); i++)
		if (rules[i].tag == e->tag)
			return &rules[i];
	return &rule_unwrap;
}

static const char *
attr_get(const GumboNode *n, const char *name)
{
	const GumboAttribute *a =
	        gumbo_get_attribute(&n->v.element.attributes, name);

	return a ? a->value : NULL;
}

/* Case-insensitive search for needle in a style or class value. */
static bool
contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay && *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* A Word list bullet: <span style='mso-list:Ignore'>1.<span>  </span>. */
static bool
is_mso_ignore(const GumboNode *n)
{
	return contains_ci(attr_get(n, "style"), "mso-list:ignore") ||
	       contains_ci(attr_get(n, "style"), "mso-list: ignore");
}

/* A Word pseudo-list paragraph: <p style='mso-list:l0 level1 lfo1'>. */
static bool
is_mso_list_p(const GumboNode *n)
{
	const char *st;

	if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag != GUMBO_TAG_P)
		return false;
	st = attr_get(n, "style");
	return contains_ci(st, "mso-list:l") || contains_ci(st, "mso-list: l");
}

/*
 * Ordered or not, from the text of the bullet span (iterative: the span
 * holds text and at most a few nested spans).  "1." "a)" "iv." are
 * ordered; "·" "o" "§" "-" are not.
 */
static bool
mso_list_ordered(const GumboNode *p)
{
	const GumboNode *stack[16];
	size_t sp = 0, i;
	char first = 0, last = 0;
	size_t nchars = 0;

	for (i = 0; i < p->v.element.children.length; i++) {
		const GumboNode *c = p->v.element.children.data[i];

		if (c->type == GUMBO_NODE_ELEMENT && is_mso_ignore(c)) {
			stack[sp++] = c;
			break;
		}
	}
	while (sp > 0) {
		const GumboNode *c = stack[--sp];

		if (c->type == GUMBO_NODE_TEXT) {
			const char *t = c->v.text.text;

			for (; *t; t++) {
				if ((unsigned char)t[0] == 0xc2 &&
				    (unsigned char)t[1] == 0xa0) {
					t++; /* NBSP */
					continue;
				}
				if (is_ws(*t))
					continue;
				if (!first)
					first = *t;
				last = *t;
				nchars++;
			}
		} else if (c->type == GUMBO_NODE_ELEMENT) {
			/* Children in order: push the last first. */
			const GumboVector *v = &c->v.element.children;

			for (i = v->length; i > 0 && sp < ARRAY_SIZE(stack);
			     i--)
				stack[sp++] = v->data[i - 1];
		}
	}
	return nchars >= 2 && (last == '.' || last == ')') &&
	       ((first >= '0' && first <= '9') || is_alpha(first));
}

/* The src test of write_start, for has_content: an image refused there
 * must not keep its paragraph alive. */
static bool
img_src_ok(const GumboNode *img)
{
	const char *v = attr_get(img, "src");
	struct buf u = BUF_INIT;
	enum url_kind k;
	bool ok = false;

	if (v && url_clean(&u, v)) {
		k = url_kind(u.p, u.len);
		ok = k == URL_ABSOLUTE
		             ? u.p[0] != '/'
		             : k == URL_RELATIVE &&
		                       strncmp(u.p, "/media/", 7) == 0;
	}
	buf_release(&u);
	return ok;
}

/* What a subtree walk does after looking at a node. */
enum walk {
	WALK_INTO, /* go on, into its children */
	WALK_SKIP, /* go on, but not into its children */
	WALK_STOP, /* found: end the walk */
};

/*
 * Looks at top and every node under it, depth first with a heap stack
 * (never recursion, however deep the input), until look says WALK_STOP;
 * true if it did.
 */
static bool
walk_finds(const GumboNode *top,
           enum walk (*look)(const GumboNode *c, const GumboNode *top))
{
	const GumboNode **stack;
	size_t sp = 0, cap = 32, i;
	bool found = false;

	stack = xmallocarray(cap, sizeof(*stack));
	stack[sp++] = top;
	while (sp > 0) {
		const GumboNode *c = stack[--sp];
		const GumboVector *v;
		enum walk w = look(c, top);

		if (w == WALK_STOP) {
			found = true;
			break;
		}
		if (w == WALK_SKIP || c->type != GUMBO_NODE_ELEMENT)
			continue;
		v = &c->v.element.children;
		if (sp + v->length > cap) {
			cap = st_add(sp, v->length) * 2;
			stack = xrealloc(stack, st_mult(cap, sizeof(*stack)));
		}
		for (i = 0; i < v->length; i++)
			stack[sp++] = v->data[i];
	}
	free(stack);
	return found;
}

/* has_content's look: text other than white space (NBSP counts as
 * space), or an image or rule we keep, below elements we keep. */
static enum walk
content_look(const GumboNode *c, const GumboNode *top)
{
	const struct rule *r;

	if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA) {
		const unsigned char *t = (const unsigned char *)c->v.text.text;

		for (; *t; t++) {
			if (t[0] == 0xc2 && t[1] == 0xa0)
				t++; /* NBSP */
			else if (!is_ws((char)*t))
				return WALK_STOP;
		}
		return WALK_SKIP;
	}
	if (c->type != GUMBO_NODE_ELEMENT)
		return WALK_SKIP;
	if (c == top)
		return WALK_INTO;
	r = rule_for(c);
	if (r->act == ACT_DROP || r->act == ACT_UNSAFE || is_mso_ignore(c))
		return WALK_SKIP;
	if (r->act == ACT_KEEP &&
	    ((c->v.element.tag == GUMBO_TAG_IMG && img_src_ok(c)) ||
	     c->v.element.tag == GUMBO_TAG_HR))
		return WALK_STOP;
	return WALK_INTO;
}

/*
 * True if the subtree under n has text other than white space or an
 * image: an element without it is empty and dropped.
 */
static bool
has_content(const GumboNode *n)
{
	return walk_finds(n, content_look);
}

/* only_inline's look: a block element we write, below elements we
 * keep. */
static enum walk
block_look(const GumboNode *c, const GumboNode *top)
{
	const struct rule *r;

	if (c->type != GUMBO_NODE_ELEMENT)
		return WALK_SKIP;
	if (c == top)
		return WALK_INTO;
	r = rule_for(c);
	if (r->act == ACT_DROP || r->act == ACT_UNSAFE)
		return WALK_SKIP;
	if (r->block || is_mso_list_p(c))
		return WALK_STOP;
	return WALK_INTO;
}

/*
 * True if nothing under n that we write is a block element: then n (a
 * div) can become a p.  A block anywhere below would close that p when
 * the output is parsed again, so the whole subtree is looked at.
 */
static bool
only_inline(const GumboNode *n)
{
	return !walk_finds(n, block_look);
}

static void
open_tag(struct san *s, const char *name)
{
	flush_text(s);
	s->tag_at = s->out->len;
	buf_addf(s->out, "<%s", name);
}

/*
 * Writes the start tag of element n as name, with its allowed attributes.
 * Returns false (writing nothing) if the element cannot be kept without
 * them: an img without a usable src.  An a without a usable href is
 * unwrapped by the caller instead (also false).
 */
static bool
write_start(struct san *s, const GumboNode *n, const struct rule *r)
{
	const GumboVector *attrs = &n->v.element.attributes;
	const char *href = NULL, *src = NULL;
	enum url_kind kind = URL_BAD;
	struct buf url = BUF_INIT;
	size_t i;

	for (i = 0; i < attrs->length; i++) {
		const GumboAttribute *a = attrs->data[i];
		const char *nm = a->name;
		bool keep = false;

		switch (r->attrs) {
		case AT_A:
			keep = strcmp(nm, "href") == 0;
			if (keep)
				href = a->value;
			/* Ours, from an earlier pass: written again below
			 * when the link is absolute. */
			keep |= strcmp(nm, "rel") == 0;
			break;
		case AT_IMG:
			if (strcmp(nm, "src") == 0) {
				src = a->value;
				keep = true;
			} else if (strcmp(nm, "alt") == 0) {
				keep = true;
			} else if (strcmp(nm, "width") == 0 ||
			           strcmp(nm, "height") == 0) {
				keep = is_number(a->value, 5);
			}
			break;
		case AT_TH:
			if (strcmp(nm, "scope") == 0)
				keep = strcmp(a->value, "row") == 0 ||
				       strcmp(a->value, "col") == 0 ||
				       strcmp(a->value, "rowgroup") == 0 ||
				       strcmp(a->value, "colgroup") == 0;
			/* fall through */
		case AT_TD:
			if (strcmp(nm, "colspan") == 0 ||
			    strcmp(nm, "rowspan") == 0)
				keep = is_number(a->value, 3);
			break;
		case AT_ABBR:
			keep = strcmp(nm, "title") == 0;
			break;
		case AT_NONE:
			break;
		}
		if (!keep) {
			s->rep->dropped_attrs++;
			if (attr_is_unsafe(nm))
				s->rep->unsafe_attrs++;
		}
	}
	if (r->attrs == AT_A || r->attrs == AT_IMG) {
		const char *v = r->attrs == AT_A ? href : src;

		if (v && url_clean(&url, v))
			kind = url_kind(url.p, url.len);
		if (r->attrs == AT_IMG && kind == URL_RELATIVE &&
		    strncmp(url.p, "/media/", 7) != 0)
			kind = URL_BAD;
		/* Images load by themselves: only an explicit http(s)
		 * URL or our own media. */
		if (r->attrs == AT_IMG &&
		    (kind == URL_OTHER ||
		     (kind == URL_ABSOLUTE && url.p[0] == '/')))
			kind = URL_BAD;
		if (kind == URL_BAD) {
			if (v) {
				s->rep->unsafe_links++;
				s->rep->dropped_attrs++;
			}
			s->rep->dropped_elements++;
			buf_release(&url);
			return false;
		}
	}
	open_tag(s, r->out);
	/* Attributes in a fixed order, so the output is deterministic. */
	if (r->attrs == AT_A) {
		add_attr(s, "href", url.p, url.len);
		if (kind == URL_ABSOLUTE)
			buf_adds(s->out, " rel=\"noopener noreferrer\"");
	} else if (r->attrs == AT_IMG) {
		const char *alt = attr_get(n, "alt");
		const char *w = attr_get(n, "width");
		const char *h = attr_get(n, "height");

		add_attr(s, "src", url.p, url.len);
		if (alt)
			add_attr(s, "alt", alt, strlen(alt));
		if (w && is_number(w, 5))
			add_attr(s, "width", w, strlen(w));
		if (h && is_number(h, 5))
			add_attr(s, "height", h, strlen(h));
	} else if (r->attrs == AT_TH || r->attrs == AT_TD) {
		static const char *const names[] = {"scope", "colspan",
		                                    "rowspan"};

		for (i = r->attrs == AT_TH ? 0 : 1; i < ARRAY_SIZE(names);
		     i++) {
			const char *v = attr_get(n, names[i]);

			if (!v)
				continue;
			if (i == 0 ? (strcmp(v, "row") == 0 ||
			              strcmp(v, "col") == 0 ||
			              strcmp(v, "rowgroup") == 0 ||
			              strcmp(v, "colgroup") == 0)
			           : is_number(v, 3))
				add_attr(s, names[i], v, strlen(v));
		}
	} else if (r->attrs == AT_ABBR) {
		const char *t = attr_get(n, "title");

		if (t)
			add_attr(s, "title", t, strlen(t));
	}
	buf_addch(s->out, '>');
	/* The parser drops a newline right after <pre>: write one, so that
	 * a newline of the content survives the next round. */
	if (n->v.element.tag == GUMBO_TAG_PRE)
		buf_addch(s->out, '\n');
	buf_release(&url);
	return true;
}

static bool
is_heading(const char *name)
{
	return name && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	       !name[2];
}

/* Counts an element written (+1) or closed (-1) in depth and, for p and
 * headings, in p_open and heading_open. */
static void
track(struct san *s, const char *name, int d)
{
	s->depth += d;
	if (strcmp(name, "p") == 0)
		s->p_open += d;
	else if (is_heading(name))
		s->heading_open += d;
	else if (strcmp(name, "a") == 0)
		s->a_open += d;
}

struct frame {
	const GumboNode *node;
	size_t next;       /* next child to visit */
	const char *close; /* end tag to write when done, or NULL */
	const char *list;  /* an open Word list among the children */
	/* An li, dt or dd is open with no list or table since: another one
	 * here would close it when parsed again, so it is unwrapped. */
	bool in_li;
	/* For p and headings: where the start tag begins and ends in the
	 * output, so an element that wrote nothing is taken back out (an
	 * image refused, a bullet dropped); SIZE_MAX for the others. */
	size_t open_at, body_at;
};

static bool
is_item(const char *name)
{
	return name && (strcmp(name, "li") == 0 || strcmp(name, "dt") == 0 ||
	                strcmp(name, "dd") == 0);
}

/* in_li for a child frame whose element is written as name (or NULL). */
static bool
child_in_li(bool parent, const char *name)
{
	static const char *const resets[] = {"ul", "ol", "dl",     "table",
	                                     "td", "th", "caption"};
	size_t i;

	if (!name)
		return parent;
	if (is_item(name))
		return true;
	for (i = 0; i < ARRAY_SIZE(resets); i++)
		if (strcmp(name, resets[i]) == 0)
			return false;
	return parent;
}

static void
walk(struct san *s, const GumboNode *root)
{
	struct frame *st;
	size_t sp = 0, cap = 64;

	st = xmallocarray(cap, sizeof(*st));
	st[sp++] =
	        (struct frame){root, 0, NULL, NULL, false, SIZE_MAX, SIZE_MAX};
	while (sp > 0) {
		struct frame *f = &st[sp - 1];
		const GumboVector *kids = &f->node->v.element.children;
		const GumboNode *c;
		const struct rule *r;
		const char *close = NULL;
		bool mso_item, nest_bad;
		size_t open_at = SIZE_MAX, body_at = SIZE_MAX;

		if (f->next >= kids->length) {
			if (f->list) {
				flush_text(s);
				buf_addf(s->out, "</%s>", f->list);
			}
			if (f->close) {
				flush_text(s);
				if (s->out->len == f->body_at) {
					buf_truncate(s->out, f->open_at);
					if (s->last_end == f->open_at &&
					    s->last.len) {
						buf_truncate(s->out,
						             s->last_at);
						buf_add(&s->text, s->last.p,
						        s->last.len);
						buf_reset(&s->last);
						s->last_end = SIZE_MAX;
					}
				} else
					buf_addf(s->out, "</%s>", f->close);
				track(s, f->close, -1);
			}
			sp--;
			continue;
		}
		c = kids->data[f->next++];
		switch (c->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_WHITESPACE:
			/* White space between Word list items would end
			 * the list: hold it back while one is open. */
			if (f->list && c->type == GUMBO_NODE_WHITESPACE)
				continue;
			if (f->list) {
				flush_text(s);
				buf_addf(s->out, "</%s>", f->list);
				f->list = NULL;
			}
			buf_adds(&s->text, c->v.text.text);
			continue;
		case GUMBO_NODE_CDATA:
		case GUMBO_NODE_COMMENT:
		case GUMBO_NODE_DOCUMENT:
			continue;
		case GUMBO_NODE_ELEMENT:
		case GUMBO_NODE_TEMPLATE:
			break;
		}
		r = c->type == GUMBO_NODE_TEMPLATE ? &rule_unsafe : rule_for(c);
		mso_item = is_mso_list_p(c);
		nest_bad = (s->p_open && (r->block || mso_item)) ||
		           (s->heading_open && r->act == ACT_KEEP &&
		            is_heading(r->out));
		nest_bad |= f->in_li && r->act == ACT_KEEP && is_item(r->out);
		nest_bad |= s->a_open && c->v.element.tag == GUMBO_TAG_A;
		if (nest_bad)
			mso_item = false;
		if (f->list && !mso_item) {
			flush_text(s);
			buf_addf(s->out, "</%s>", f->list);
			f->list = NULL;
		}
		if (r->act == ACT_DROP || r->act == ACT_UNSAFE ||
		    (c->v.element.tag == GUMBO_TAG_SPAN && is_mso_ignore(c))) {
			s->rep->dropped_elements++;
			s->rep->dropped_attrs += c->v.element.attributes.length;
			if (r->act == ACT_UNSAFE)
				s->rep->unsafe_elements++;
			continue;
		}
		if (mso_item) {
			const char *kind = mso_list_ordered(c) ? "ol" : "ul";

			if (f->list && strcmp(f->list, kind) != 0) {
				flush_text(s);
				buf_addf(s->out, "</%s>", f->list);
				f->list = NULL;
			}
			if (!f->list) {
				open_tag(s, kind);
				buf_addch(s->out, '>');
				f->list = kind;
			}
			s->rep->dropped_attrs += c->v.element.attributes.length;
			open_tag(s, "li");
			buf_addch(s->out, '>');
			close = "li";
		} else if (r->act == ACT_KEEP && !nest_bad &&
		           s->depth < SANITIZE_MAX_DEPTH) {
			bool empty_drop =
			        (r->block && !r->is_void &&
			         (c->v.element.tag == GUMBO_TAG_P ||
			          (c->v.element.tag >= GUMBO_TAG_H1 &&
			           c->v.element.tag <= GUMBO_TAG_H6)) &&
			         !has_content(c));

			if (empty_drop) {
				s->rep->dropped_elements++;
				s->rep->dropped_attrs +=
				        c->v.element.attributes.length;
				continue;
			}
			if (write_start(s, c, r)) {
				if (r->is_void)
					continue;
				close = r->out;
				if (strcmp(close, "p") == 0 ||
				    is_heading(close)) {
					open_at = s->tag_at;
					body_at = s->out->len;
				}
			} else if (c->v.element.tag == GUMBO_TAG_IMG) {
				continue;
			}
		} else if (r->act == ACT_UNWRAP && r->out && !nest_bad &&
		           s->depth < SANITIZE_MAX_DEPTH && only_inline(c) &&
		           has_content(c)) {
			s->rep->dropped_attrs += c->v.element.attributes.length;
			open_tag(s, r->out);
			buf_addch(s->out, '>');
			open_at = s->tag_at;
			body_at = s->out->len;
			close = r->out;
		} else {
			s->rep->dropped_elements++;
			s->rep->dropped_attrs += c->v.element.attributes.length;
			if (r->is_void)
				continue;
		}
		if (sp == cap) {
			cap *= 2;
			st = xrealloc(st, st_mult(cap, sizeof(*st)));
		}
		if (close)
			track(s, close, 1);
		st[sp] = (struct frame){c,
		                        0,
		                        close,
		                        NULL,
		                        child_in_li(st[sp - 1].in_li, close),
		                        open_at,
		                        body_at};
		sp++;
	}
	flush_text(s);
	free(st);
}

/*
 * gumbo's parse inside the pool; NULL if it went over the budget (the
 * pool then still holds what gumbo had allocated).  A function of its
 * own, so that nothing setjmp's caller keeps in registers can be
 * clobbered.
 */
static GumboOutput *
parse_in_pool(struct pool *pl, const char *html, size_t len)
{
	GumboOptions go = kGumboDefaultOptions;

	go.allocator = pool_alloc;
	go.deallocator = pool_free;
	go.userdata = pl;
	go.fragment_context = GUMBO_TAG_BODY;
	go.fragment_namespace = GUMBO_NAMESPACE_HTML;
	go.max_errors = 0;
	if (setjmp(pl->over) != 0)
		return NULL;
	return gumbo_parse_with_options(&go, html, len);
}

enum err
sanitize_html(struct buf *out, const char *html, size_t len,
              const struct sanitize_opts *opts, struct sanitize_report *rep)
{
	struct sanitize_report dummy;
	size_t max =
	        opts && opts->max_input ? opts->max_input : SANITIZE_MAX_INPUT;
	struct pool *pl;
	GumboOutput *res;
	struct san s;
	size_t start = out->len;

	if (!rep)
		rep = &dummy;
	memset(rep, 0, sizeof(*rep));
	if (len > max || !utf8_valid(html, len))
		return ERR_INVALID;
	if (nesting_estimate(html, len, SANITIZE_MAX_NESTING) >
	    SANITIZE_MAX_NESTING)
		return ERR_INVALID;

	pl = xcalloc(1, sizeof(*pl));
	pl->head.next = pl->head.prev = &pl->head;
	/* gumbo needs a few hundred bytes per node; this leaves room for
	 * markup-dense input and stops amplification (formatting elements
	 * reconstructed in every paragraph). */
	pl->budget = st_add(st_mult(len, 64), (size_t)4 << 20);
	res = parse_in_pool(pl, html, len);
	if (!res) {
		pool_release(pl);
		free(pl);
		return ERR_INVALID;
	}

	s.out = out;
	s.rep = rep;
	s.depth = 0;
	s.p_open = s.heading_open = s.a_open = 0;
	buf_init(&s.text, 0);
	buf_init(&s.tmp, 0);
	buf_init(&s.tmp2, 0);
	buf_init(&s.last, 0);
	s.last_at = s.last_end = SIZE_MAX;
	s.tag_at = 0;
	walk(&s, res->root);
	buf_release(&s.text);
	buf_release(&s.tmp);
	buf_release(&s.tmp2);
	buf_release(&s.last);
	/* Freeing the pool frees the whole tree: gumbo_destroy_output would
	 * recurse once per level. */
	pool_release(pl);
	free(pl);
	if (buf_err(out)) {
		buf_truncate(out, start);
		return ERR_INVALID;
	}
	return ERR_OK;
}

unsigned
sanitize_report_unsafe(const struct sanitize_report *rep)
{
	return rep->unsafe_elements + rep->unsafe_attrs + rep->unsafe_links;
}
