/*
 * Allocation that cannot fail: on out-of-memory these print a message and
 * abort (systemd restarts the service).  Nobody checks their result.
 * Size arithmetic on input-derived sizes goes through st_add/st_mult,
 * which abort on overflow instead of wrapping.
 */
#ifndef TTDT_XALLOC_H
#define TTDT_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Like xmalloc, for n elements of size each, overflow-checked. */
void *xmallocarray(size_t n, size_t size);

size_t st_add(size_t a, size_t b);
size_t st_mult(size_t a, size_t b);

#endif
