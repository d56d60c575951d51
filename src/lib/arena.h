/*
 * struct arena: a bump allocator over chunks.  The http layer gives each
 * request one arena and resets it once the response is queued; everything
 * derived from request data lives there.  Allocation never fails (aborts
 * on out-of-memory).  Memory is 16-byte aligned.
 */
#ifndef TTDT_ARENA_H
#define TTDT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#include "str.h"

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* current chunk; older ones follow */
	size_t chunk_size;        /* default size of new chunks */
	size_t total;             /* bytes handed out since the last reset */
};

#define ARENA_INIT                                                             \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void arena_init(struct arena *a, size_t chunk_size);
void *arena_alloc(struct arena *a, size_t n);
void *arena_calloc(struct arena *a, size_t nmemb, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* A NUL-terminated copy of a str. */
char *arena_strdup_str(struct arena *a, struct str s);
char *arena_printf(struct arena *a, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
/* Frees every chunk but the first, which is kept for reuse. */
void arena_reset(struct arena *a);
void arena_release(struct arena *a);

#endif
