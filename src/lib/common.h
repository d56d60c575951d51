/*
 * Included first by every ttdt source file: the standard headers we use
 * everywhere, small helpers and the bug-catching macros.
 */
#ifndef TTDT_COMMON_H
#define TTDT_COMMON_H

#define _GNU_SOURCE 1

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#define NORETURN __attribute__((noreturn))
#define UNUSED __attribute__((unused))

/* A programming error: print where and abort. */
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
NORETURN void bug_fl(const char *file, int line, const char *fmt, ...)
        PRINTF_LIKE(3, 4);

/*
 * Defensive checks that must never fire: they abort in debug builds and
 * pass the value through in release builds (NDEBUG).
 */
#ifdef NDEBUG
#define ALWAYS(x) (x)
#define NEVER(x) (x)
#else
#define ALWAYS(x) ((x) ? 1 : (BUG("ALWAYS(%s) failed", #x), 0))
#define NEVER(x) ((x) ? (BUG("NEVER(%s) failed", #x), 1) : 0)
#endif

#include "banned.h"

#endif
