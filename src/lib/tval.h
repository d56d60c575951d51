/*
 * struct tval: the value tree a template renders — a view model.
 *
 * Values are null, false, true, a number, a string, a list or a map, all
 * allocated in an arena (the request's) and freed with it.  Strings are
 * NOT copied by tv_str/tv_set_str: they must live as long as the arena
 * (they normally come from the same arena or are static); use the _dup
 * forms to copy.  Map keys are likewise borrowed (normally literals).
 * Maps keep insertion order; setting an existing key replaces its value.
 */
#ifndef TTDT_TVAL_H
#define TTDT_TVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

enum tval_type {
	TV_NULL,
	TV_FALSE,
	TV_TRUE,
	TV_NUM, /* a number, kept with its text form for interpolation */
	TV_STR,
	TV_LIST,
	TV_MAP,
	TV__MAX
};

struct tval;

struct tval *tv_null(struct arena *a);
struct tval *tv_bool(struct arena *a, bool v);
struct tval *tv_int(struct arena *a, int64_t v);
/* A number given as text exactly as it should print ("1.21"). */
struct tval *tv_num_text(struct arena *a, double v, const char *text);
struct tval *tv_str(struct arena *a, const char *s);
struct tval *tv_strn(struct arena *a, const char *s, size_t len);
struct tval *tv_str_dup(struct arena *a, const char *s);
struct tval *tv_list(struct arena *a);
struct tval *tv_map(struct arena *a);

void tv_push(struct tval *list, struct tval *v);
void tv_set(struct tval *map, const char *key, struct tval *v);
void tv_set_str(struct tval *map, const char *key, const char *s);
void tv_set_strf(struct tval *map, const char *key, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
void tv_set_int(struct tval *map, const char *key, int64_t v);
void tv_set_bool(struct tval *map, const char *key, bool v);

enum tval_type tv_type(const struct tval *v);
/* Map lookup of one key (no dotted names); NULL when absent or when
 * map is not a map.  Linear scan: fast for the few dozen keys a view
 * model has. */
struct tval *tv_get(const struct tval *map, const char *key, size_t keylen);
size_t tv_len(const struct tval *list_or_map);
struct tval *tv_at(const struct tval *list, size_t i);
/* For a map: the key at position i (in insertion order). */
const char *tv_key_at(const struct tval *map, size_t i);
/* String or number text; NULL for other types.  len may be NULL. */
const char *tv_text(const struct tval *v, size_t *len);
/* The numeric value of a TV_NUM; 0 for any other type. */
double tv_num(const struct tval *v);
/* Mustache truthiness: NULL, null, false, an empty list and an empty
 * string are false; everything else (0 and empty maps included) is
 * true.  The spec leaves "" to the host language; see tval.c. */
bool tv_truthy(const struct tval *v);

#endif
