/*
 * The view-model value tree templates render (see tval.h).
 *
 * Everything lives in the caller's arena: a value never frees anything,
 * and growing a list or map copies its slot array to a bigger block of the
 * same arena (the old block is simply abandoned until the arena resets).
 * Map lookup is a linear scan comparing length, first byte, then memcmp:
 * view models hold at most a few dozen keys, and for those a scan over a
 * compact array beats hashing.
 */
#include "common.h"
#include "tval.h"

#include <inttypes.h>

struct tv_pair {
	const char *key;
	size_t keylen;
	struct tval *val;
};

struct tval {
	enum tval_type type;
	union {
		struct {
			const char *p;
			size_t len;
		} s; /* TV_STR, TV_NUM (text form) */
		struct {
			struct arena *a;
			struct tval **v;
			size_t len, cap;
		} list;
		struct {
			struct arena *a;
			struct tv_pair *v;
			size_t len, cap;
		} map;
	} u;
	double num; /* TV_NUM */
};

/* Shared immutable constants would be nicer, but the API hands out
 * non-const pointers; one small allocation each is cheap. */
static struct tval *
tv_new(struct arena *a, enum tval_type t)
{
	struct tval *v = arena_calloc(a, 1, sizeof(*v));

	v->type = t;
	return v;
}

struct tval *
tv_null(struct arena *a)
{
	return tv_new(a, TV_NULL);
}

struct tval *
tv_bool(struct arena *a, bool b)
{
	return tv_new(a, b ? TV_TRUE : TV_FALSE);
}

struct tval *
tv_int(struct arena *a, int64_t n)
{
	struct tval *v = tv_new(a, TV_NUM);
	char *t = arena_printf(a, "%" PRId64, n);

	v->num = (double)n;
	v->u.s.p = t;
	v->u.s.len = strlen(t);
	return v;
}

struct tval *
tv_num_text(struct arena *a, double n, const char *text)
{
	struct tval *v = tv_new(a, TV_NUM);

	v->num = n;
	v->u.s.p = text;
	v->u.s.len = strlen(text);
	return v;
}

struct tval *
tv_strn(struct arena *a, const char *s, size_t len)
{
	struct tval *v = tv_new(a, TV_STR);

	v->u.s.p = s;
	v->u.s.len = len;
	return v;
}

struct tval *
tv_str(struct arena *a, const char *s)
{
	return tv_strn(a, s, strlen(s));
}

struct tval *
tv_str_dup(struct arena *a, const char *s)
{
	size_t len = strlen(s);

	return tv_strn(a, arena_strndup(a, s, len), len);
}

struct tval *
tv_list(struct arena *a)
{
	struct tval *v = tv_new(a, TV_LIST);

	v->u.list.a = a;
	return v;
}

struct tval *
tv_map(struct arena *a)
{
	struct tval *v = tv_new(a, TV_MAP);

	v->u.map.a = a;
	return v;
}

void
tv_push(struct tval *list, struct tval *v)
{
	if (list->type != TV_LIST)
		BUG("tv_push on a non-list");
	if (list->u.list.len == list->u.list.cap) {
		size_t ncap = list->u.list.cap ? list->u.list.cap * 2 : 8;
		struct tval **nv =
		        arena_alloc(list->u.list.a, ncap * sizeof(*nv));

		if (list->u.list.len)
			memcpy(nv, list->u.list.v,
			       list->u.list.len * sizeof(*nv));
		list->u.list.v = nv;
		list->u.list.cap = ncap;
	}
	list->u.list.v[list->u.list.len++] = v;
}

static struct tv_pair *
map_find(const struct tval *map, const char *key, size_t keylen)
{
	struct tv_pair *p = map->u.map.v, *end = p + map->u.map.len;

	for (; p < end; p++)
		if (p->keylen == keylen &&
		    (keylen == 0 ||
		     (p->key[0] == key[0] && !memcmp(p->key, key, keylen))))
			return p;
	return NULL;
}

void
tv_set(struct tval *map, const char *key, struct tval *v)
{
	size_t keylen = strlen(key);
	struct tv_pair *p;

	if (map->type != TV_MAP)
		BUG("tv_set on a non-map");
	if ((p = map_find(map, key, keylen))) {
		p->val = v;
		return;
	}
	if (map->u.map.len == map->u.map.cap) {
		size_t ncap = map->u.map.cap ? map->u.map.cap * 2 : 8;
		struct tv_pair *nv =
		        arena_alloc(map->u.map.a, ncap * sizeof(*nv));

		if (map->u.map.len)
			memcpy(nv, map->u.map.v, map->u.map.len * sizeof(*nv));
		map->u.map.v = nv;
		map->u.map.cap = ncap;
	}
	map->u.map.v[map->u.map.len++] = (struct tv_pair){key, keylen, v};
}

void
tv_set_str(struct tval *map, const char *key, const char *s)
{
	tv_set(map, key, tv_str(map->u.map.a, s));
}

void
tv_set_strf(struct tval *map, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (map->type != TV_MAP)
		BUG("tv_set_strf on a non-map");
	va_start(ap, fmt);
	s = arena_vprintf(map->u.map.a, fmt, ap);
	va_end(ap);
	tv_set(map, key, tv_str(map->u.map.a, s));
}

void
tv_set_int(struct tval *map, const char *key, int64_t n)
{
	if (map->type != TV_MAP)
		BUG("tv_set_int on a non-map");
	tv_set(map, key, tv_int(map->u.map.a, n));
}

void
tv_set_bool(struct tval *map, const char *key, bool b)
{
	if (map->type != TV_MAP)
		BUG("tv_set_bool on a non-map");
	tv_set(map, key, tv_bool(map->u.map.a, b));
}

enum tval_type
tv_type(const struct tval *v)
{
	return v ? v->type : TV_NULL;
}

struct tval *
tv_get(const struct tval *map, const char *key, size_t keylen)
{
	struct tv_pair *p;

	if (!map || map->type != TV_MAP)
		return NULL;
	p = map_find(map, key, keylen);
	return p ? p->val : NULL;
}

size_t
tv_len(const struct tval *v)
{
	if (!v)
		return 0;
	if (v->type == TV_LIST)
		return v->u.list.len;
	if (v->type == TV_MAP)
		return v->u.map.len;
	return 0;
}

struct tval *
tv_at(const struct tval *list, size_t i)
{
	if (!list || list->type != TV_LIST || i >= list->u.list.len)
		return NULL;
	return list->u.list.v[i];
}

const char *
tv_key_at(const struct tval *map, size_t i)
{
	if (!map || map->type != TV_MAP || i >= map->u.map.len)
		return NULL;
	return map->u.map.v[i].key;
}

const char *
tv_text(const struct tval *v, size_t *len)
{
	if (!v || (v->type != TV_STR && v->type != TV_NUM)) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = v->u.s.len;
	return v->u.s.p;
}

double
tv_num(const struct tval *v)
{
	return v && v->type == TV_NUM ? v->num : 0.0;
}

/*
 * The spec leaves "" and 0 to the host language.  We follow the
 * JavaScript reading for strings ("" is false) because view models use
 * {{#summary}}<p>{{summary}}</p>{{/summary}} to skip empty fields, and
 * keep every number true so a count of 0 still prints.
 */
bool
tv_truthy(const struct tval *v)
{
	if (!v)
		return false;
	switch (v->type) {
	case TV_NULL:
	case TV_FALSE:
		return false;
	case TV_STR:
		return v->u.s.len > 0;
	case TV_LIST:
		return v->u.list.len > 0;
	default:
		return true;
	}
}
