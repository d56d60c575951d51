/*
 * struct buf: a growable byte buffer.
 *
 * Invariants (checked by buf_check in tests):
 *  - after BUF_INIT, p is never NULL and p[len] == '\0'; the buffer may
 *    hold NUL bytes before len;
 *  - if max is non-zero, len never exceeds it: an append that would go
 *    past max sets the sticky err flag and appends nothing; every later
 *    append does nothing.  Rendering code appends in a straight line and
 *    tests buf_err() once at the end.
 *
 * Escaping appenders (buf_add_html, buf_add_attr, buf_add_url,
 * buf_add_xml, buf_add_json_str) write text safely into each context.
 */
#ifndef TTDT_BUF_H
#define TTDT_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "str.h"

struct buf {
	char *p;
	size_t len;
	size_t cap;
	size_t max; /* 0: no limit */
	bool err;   /* sticky: an append went past max */
};

extern char buf_empty[];
#define BUF_INIT                                                               \
	{                                                                      \
		buf_empty, 0, 0, 0, false                                      \
	}

void buf_init(struct buf *b, size_t hint);
/* Frees the memory and leaves b as after BUF_INIT (max is kept). */
void buf_release(struct buf *b);
/* Empties the buffer, keeping its memory and clearing err. */
void buf_reset(struct buf *b);
/* Hands the bytes to the caller (NUL-terminated, caller frees). */
char *buf_detach(struct buf *b, size_t *len_out);
/* Makes room for at least extra more bytes; false if max forbids it. */
bool buf_grow(struct buf *b, size_t extra);
void buf_setlen(struct buf *b, size_t len);
void buf_truncate(struct buf *b, size_t len);

static inline bool
buf_err(const struct buf *b)
{
	return b->err;
}

static inline struct str
buf_str(const struct buf *b)
{
	return (struct str){b->p, b->len};
}

void buf_add(struct buf *b, const void *p, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addstr(struct buf *b, struct str s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);

/* Text content: escapes & < > " ' */
void buf_add_html(struct buf *b, const char *p, size_t len);
/* A quoted attribute value: the same set as html (both quote kinds). */
void buf_add_attr(struct buf *b, const char *p, size_t len);
/* Percent-encodes all but RFC 3986 unreserved bytes (a path segment or
 * query value).  In an href, append this, then it is already HTML-safe. */
void buf_add_url(struct buf *b, const char *p, size_t len);
/* XML text/attribute (RSS, sitemap): & < > " ' as entities, and drops
 * C0 controls other than tab, LF, CR which XML 1.0 forbids. */
void buf_add_xml(struct buf *b, const char *p, size_t len);
/* A JSON string including the quotes. */
void buf_add_json_str(struct buf *b, const char *p, size_t len);

/* Test helper: aborts if an invariant is broken. */
void buf_check(const struct buf *b);

#endif
