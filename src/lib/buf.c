/*
 * Growable buffer with an optional size cap and a sticky error flag
 * (see buf.h for the invariants).
 */
#include "common.h"
#include "buf.h"
#include "xalloc.h"

char buf_empty[1];

void
buf_init(struct buf *b, size_t hint)
{
	*b = (struct buf)BUF_INIT;
	if (hint)
		buf_grow(b, hint);
}

void
buf_release(struct buf *b)
{
	size_t max = b->max;

	if (b->cap)
		free(b->p);
	*b = (struct buf)BUF_INIT;
	b->max = max;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = false;
	if (b->cap)
		b->p[0] = '\0';
}

char *
buf_detach(struct buf *b, size_t *len_out)
{
	char *p;

	if (!b->cap)
		buf_grow(b, 1);
	p = b->p;
	if (len_out)
		*len_out = b->len;
	*b = (struct buf)BUF_INIT;
	return p;
}

bool
buf_grow(struct buf *b, size_t extra)
{
	size_t need;

	if (b->err)
		return false;
	need = st_add(st_add(b->len, extra), 1);
	if (b->max && need - 1 > b->max) {
		b->err = true;
		return false;
	}
	if (need <= b->cap)
		return true;
	if (need < b->cap + b->cap / 2)
		need = b->cap + b->cap / 2;
	if (need < 64)
		need = 64;
	if (!b->cap) {
		b->p = xmalloc(need);
		b->p[0] = '\0';
	} else {
		b->p = xrealloc(b->p, need);
	}
	b->cap = need;
	return true;
}

void
buf_setlen(struct buf *b, size_t len)
{
	if (len > (b->cap ? b->cap - 1 : 0))
		BUG("buf_setlen beyond allocation");
	b->len = len;
	b->p[len] = '\0';
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len)
		buf_setlen(b, len);
}

void
buf_add(struct buf *b, const void *p, size_t len)
{
	if (!len || !buf_grow(b, len))
		return;
	memcpy(b->p + b->len, p, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addstr(struct buf *b, struct str s)
{
	buf_add(b, s.p, s.len);
}

void
buf_addch(struct buf *b, char c)
{
	if (!buf_grow(b, 1))
		return;
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->err)
		return;
	va_copy(cp, ap);
	n = vsnprintf(b->cap ? b->p + b->len : NULL,
	              b->cap ? b->cap - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("vsnprintf failed for '%s'", fmt);
	if (b->cap && (size_t)n < b->cap - b->len) {
		if (b->max && b->len + (size_t)n > b->max) {
			b->p[b->len] = '\0';
			b->err = true;
			return;
		}
		b->len += (size_t)n;
		return;
	}
	if (!buf_grow(b, (size_t)n)) {
		if (b->cap)
			b->p[b->len] = '\0';
		return;
	}
	vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

/* Appends p[0..len) replacing each byte that has an entry in esc. */
static void
add_escaped(struct buf *b, const char *p, size_t len,
            const char *const esc[256])
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		const char *e = esc[(unsigned char)p[i]];

		if (!e)
			continue;
		buf_add(b, p + run, i - run);
		buf_adds(b, e);
		run = i + 1;
	}
	buf_add(b, p + run, len - run);
}

static const char *const html_esc[256] = {
        ['&'] = "&amp;",  ['<'] = "&lt;",   ['>'] = "&gt;",
        ['"'] = "&quot;", ['\''] = "&#39;",
};

void
buf_add_html(struct buf *b, const char *p, size_t len)
{
	add_escaped(b, p, len, html_esc);
}

void
buf_add_attr(struct buf *b, const char *p, size_t len)
{
	add_escaped(b, p, len, html_esc);
}

static const char *const xml_esc[256] = {
        ['&'] = "&amp;",   ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
        ['\''] = "&apos;", [0x00] = "",    [0x01] = "",    [0x02] = "",
        [0x03] = "",       [0x04] = "",    [0x05] = "",    [0x06] = "",
        [0x07] = "",       [0x08] = "",    [0x0b] = "",    [0x0c] = "",
        [0x0e] = "",       [0x0f] = "",    [0x10] = "",    [0x11] = "",
        [0x12] = "",       [0x13] = "",    [0x14] = "",    [0x15] = "",
        [0x16] = "",       [0x17] = "",    [0x18] = "",    [0x19] = "",
        [0x1a] = "",       [0x1b] = "",    [0x1c] = "",    [0x1d] = "",
        [0x1e] = "",       [0x1f] = "",
};

void
buf_add_xml(struct buf *b, const char *p, size_t len)
{
	add_escaped(b, p, len, xml_esc);
}

void
buf_add_url(struct buf *b, const char *p, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			buf_addch(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};

			buf_add(b, e, 3);
		}
	}
}

void
buf_add_json_str(struct buf *b, const char *p, size_t len)
{
	size_t i;

	buf_addch(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		switch (c) {
		case '"':
			buf_add(b, "\\\"", 2);
			break;
		case '\\':
			buf_add(b, "\\\\", 2);
			break;
		case '\n':
			buf_add(b, "\\n", 2);
			break;
		case '\r':
			buf_add(b, "\\r", 2);
			break;
		case '\t':
			buf_add(b, "\\t", 2);
			break;
		case '<':
			buf_add(b, "\\u003c", 6);
			break;
		default:
			if (c < 0x20)
				buf_addf(b, "\\u%04x", c);
			else
				buf_addch(b, (char)c);
		}
	}
	buf_addch(b, '"');
}

void
buf_check(const struct buf *b)
{
	if (!b->p)
		BUG("buf with NULL p");
	if (b->cap == 0 && (b->p != buf_empty || b->len != 0))
		BUG("unallocated buf not empty");
	if (b->cap && b->len >= b->cap)
		BUG("buf len %zu >= cap %zu", b->len, b->cap);
	if (b->p[b->len] != '\0')
		BUG("buf not NUL-terminated");
	if (b->max && b->len > b->max)
		BUG("buf len past max");
}
