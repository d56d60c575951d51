/*
 * HTML to plain text for the search index.  The input is body_html as the
 * sanitiser left it (well-formed, allowlisted tags), but the stripper does
 * not rely on that: it skips any markup it meets, including quoted '>'
 * inside attribute values, comments, and the content of script and style.
 * It never reads past len.  Character references are decoded so that
 * "Tư&nbsp;pháp" and "&#7843;" index as the words they spell.
 */
#include "common.h"

#include "store_int.h"

/* Tags that do not break a word: <b>ph</b>áp is one word. */
static const char *const inline_tags[] = {
        "a",      "abbr", "b",   "bdi",  "bdo", "cite", "code", "data",  "dfn",
        "em",     "i",    "kbd", "mark", "q",   "s",    "samp", "small", "span",
        "strong", "sub",  "sup", "time", "u",   "var",  "wbr",
};

static const struct {
	const char *name;
	const char *text;
} entities[] = {
        {"amp", "&"},    {"lt", "<"},    {"gt", ">"},     {"quot", "\""},
        {"apos", "'"},   {"nbsp", " "},  {"ndash", "–"},  {"mdash", "—"},
        {"hellip", "…"}, {"laquo", "«"}, {"raquo", "»"},  {"ldquo", "“"},
        {"rdquo", "”"},  {"lsquo", "‘"}, {"rsquo", "’"},  {"copy", "©"},
        {"reg", "®"},    {"deg", "°"},   {"middot", "·"}, {"bull", "•"},
        {"times", "×"},
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void
add_space(struct buf *out)
{
	if (out->len > 0 && out->p[out->len - 1] != ' ')
		buf_addch(out, ' ');
}

static void
add_cp(struct buf *out, uint32_t cp)
{
	char u[4];

	/* Controls, surrogates and out-of-range values index as nothing. */
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
	    (cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff) {
		add_space(out);
		return;
	}
	if (cp == 0xa0) {
		add_space(out);
	} else if (cp < 0x80) {
		buf_addch(out, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(out, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(out, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(out, u, 4);
	}
}

/* Decodes the reference at p[0] == '&'; returns the bytes consumed (1 if
 * it is no reference we know: the '&' is then text). */
static size_t
entity(struct buf *out, const char *p, size_t len)
{
	size_t i = 1, start;
	uint32_t cp = 0;

	if (i < len && p[i] == '#') {
		bool hex = false, any = false;

		i++;
		if (i < len && (p[i] == 'x' || p[i] == 'X')) {
			hex = true;
			i++;
		}
		for (; i < len && i < 12; i++) {
			int d;
			char c = p[i];

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				break;
			cp = cp * (hex ? 16 : 10) + (uint32_t)d;
			any = true;
		}
		if (!any)
			goto literal;
		if (i < len && p[i] == ';')
			i++;
		add_cp(out, cp);
		return i;
	}
	start = i;
	while (i < len && i - start < 8 &&
	       ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z')))
		i++;
	if (i >= len || p[i] != ';')
		goto literal;
	for (size_t k = 0; k < ARRAY_SIZE(entities); k++) {
		const char *n = entities[k].name;

		if (strlen(n) == i - start &&
		    memcmp(n, p + start, i - start) == 0) {
			if (strcmp(entities[k].text, " ") == 0)
				add_space(out);
			else
				buf_adds(out, entities[k].text);
			return i + 1;
		}
	}
literal:
	buf_addch(out, '&');
	return 1;
}

/* True if the tag name p[0..n) is one of names (ASCII case-insensitive). */
static bool
name_in(const char *p, size_t n, const char *const *names, size_t count)
{
	for (size_t k = 0; k < count; k++)
		if (strlen(names[k]) == n && strncasecmp(names[k], p, n) == 0)
			return true;
	return false;
}

/* Returns the offset just past the end of the tag that starts at p[i] ==
 * '<', honouring quoted attribute values. */
static size_t
tag_end(const char *p, size_t len, size_t i)
{
	char quote = 0;

	for (i++; i < len; i++) {
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

/* Offset of the closing tag </name (case-insensitive), or len. */
static size_t
find_close(const char *p, size_t len, size_t i, const char *name)
{
	size_t n = strlen(name);

	for (; i + 2 + n <= len; i++)
		if (p[i] == '<' && p[i + 1] == '/' &&
		    strncasecmp(p + i + 2, name, n) == 0)
			return i;
	return len;
}

void
html_text(struct buf *out, const char *html, size_t len)
{
	size_t i = 0;

	while (i < len) {
		char c = html[i];

		if (c == '&') {
			i += entity(out, html + i, len - i);
		} else if (is_space(c)) {
			add_space(out);
			i++;
		} else if (c != '<' || i + 1 >= len ||
		           !(html[i + 1] == '/' || html[i + 1] == '!' ||
		             html[i + 1] == '?' || is_alpha(html[i + 1]))) {
			/* A '<' that opens no tag is text, as in HTML. */
			buf_addch(out, c);
			i++;
		} else if (len - i >= 4 && memcmp(html + i, "<!--", 4) == 0) {
			const char *e =
			        memmem(html + i + 4, len - i - 4, "-->", 3);

			i = e ? (size_t)(e - html) + 3 : len;
			add_space(out);
		} else {
			size_t s = i + 1 + (html[i + 1] == '/'), n = 0;
			bool closing = html[i + 1] == '/';

			while (s + n < len &&
			       (is_alpha(html[s + n]) ||
			        (html[s + n] >= '0' && html[s + n] <= '9')))
				n++;
			i = tag_end(html, len, i);
			if (!closing &&
			    (n == 6 && strncasecmp(html + s, "script", 6) == 0))
				i = find_close(html, len, i, "script");
			else if (!closing && n == 5 &&
			         strncasecmp(html + s, "style", 5) == 0)
				i = find_close(html, len, i, "style");
			if (!name_in(html + s, n, inline_tags,
			             ARRAY_SIZE(inline_tags)))
				add_space(out);
		}
	}
	while (out->len > 0 && out->p[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
}
