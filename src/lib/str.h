/*
 * struct str: a borrowed view of bytes, never owned and not necessarily
 * NUL-terminated.  Parsers take a str (or p, len) and never read past len.
 */
#ifndef TTDT_STR_H
#define TTDT_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct str {
	const char *p;
	size_t len;
};

#define STR_LIT(s) ((struct str){(s), sizeof(s) - 1})
#define STR_NULL ((struct str){NULL, 0})

static inline struct str
str_from(const char *s)
{
	return (struct str){s, s ? strlen(s) : 0};
}

static inline struct str
str_make(const char *p, size_t len)
{
	return (struct str){p, len};
}

static inline bool
str_eq(struct str a, struct str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

static inline bool
str_eq_cstr(struct str a, const char *b)
{
	return str_eq(a, str_from(b));
}

static inline bool
str_starts_with(struct str a, struct str prefix)
{
	return a.len >= prefix.len && memcmp(a.p, prefix.p, prefix.len) == 0;
}

/* s has a character other than an ASCII blank (space, tab, CR, LF);
 * false for NULL and "".  A required text field is filled in only then. */
static inline bool
str_filled(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return true;
	return false;
}

/* The index of s in v[0..n) (a table of stable codes: "draft",
 * "image"...), or -1 if it is not there or s is NULL. */
static inline int
str_index(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, v[i]) == 0)
			return (int)i;
	return -1;
}

#endif
