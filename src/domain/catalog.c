/*
 * The section tree (Điều 8) in memory.
 *
 * A snapshot is immutable once published: readers take a reference under
 * a mutex held for a few instructions, then walk the tree without any
 * lock; catalog_reload builds a complete new snapshot from the store and
 * swaps it in, and the old one is freed when its last reader puts it
 * back.  The current snapshot holds one reference of its own.
 *
 * Lookups: about forty sections, so two sorted arrays (by id, by slug)
 * and a binary search.  Sections whose parent is missing, or that sit in
 * a loop of parents (the store refuses to make one, but the tree must not
 * hang on a database edited by hand), are left out with a warning.
 */
#include "common.h"

#include "catalog.h"
#include "log.h"
#include "xalloc.h"

struct catalog_impl {
	struct catalog pub; /* first: a struct catalog * is one of these */
	struct arena arena; /* every string and array of the snapshot */
	struct cat_node **by_id, **by_slug; /* nall each */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct catalog_impl *current;

static int
cmp_id(const void *a, const void *b)
{
	const struct cat_node *x = *(struct cat_node *const *)a;
	const struct cat_node *y = *(struct cat_node *const *)b;

	return (x->c.id > y->c.id) - (x->c.id < y->c.id);
}

static int
cmp_slug(const void *a, const void *b)
{
	const struct cat_node *x = *(struct cat_node *const *)a;
	const struct cat_node *y = *(struct cat_node *const *)b;

	return strcmp(x->c.slug, y->c.slug);
}

/* Siblings by position, then id (the store's order too). */
static int
cmp_position(const void *a, const void *b)
{
	const struct cat_node *x = *(struct cat_node *const *)a;
	const struct cat_node *y = *(struct cat_node *const *)b;

	if (x->c.position != y->c.position)
		return (x->c.position > y->c.position) -
		       (x->c.position < y->c.position);
	return cmp_id(a, b);
}

static struct cat_node *
find_in(struct cat_node **v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid]->c.id == id)
			return v[mid];
		if (v[mid]->c.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Appends node and its subtree to all[] in pre-order. */
static void
walk(struct catalog *cat, struct cat_node *node, int depth)
{
	node->depth = depth;
	cat->all[cat->nall++] = node;
	qsort(node->children, node->nchildren, sizeof(*node->children),
	      cmp_position);
	for (size_t i = 0; i < node->nchildren; i++)
		walk(cat, node->children[i], depth + 1);
}

static void
impl_free(struct catalog_impl *ci)
{
	if (!ci)
		return;
	arena_release(&ci->arena);
	free(ci);
}

static struct catalog_impl *
build(const struct category *cats, size_t n)
{
	struct catalog_impl *ci = xcalloc(1, sizeof(*ci));
	struct catalog *cat = &ci->pub;
	struct cat_node *nodes, **tmp;
	size_t *nkids;

	arena_init(&ci->arena, 16384);
	nodes = arena_calloc(&ci->arena, n ? n : 1, sizeof(*nodes));
	tmp = arena_calloc(&ci->arena, n ? n : 1, sizeof(*tmp));
	nkids = xcalloc(n ? n : 1, sizeof(*nkids));
	for (size_t i = 0; i < n; i++) {
		nodes[i].c = cats[i];
		nodes[i].c.slug = arena_strdup(
		        &ci->arena, cats[i].slug ? cats[i].slug : "");
		nodes[i].c.name = arena_strdup(
		        &ci->arena, cats[i].name ? cats[i].name : "");
		nodes[i].c.description = arena_strdup(
		        &ci->arena,
		        cats[i].description ? cats[i].description : "");
		tmp[i] = &nodes[i];
	}
	qsort(tmp, n, sizeof(*tmp), cmp_id);
	/* Link parents and count children. */
	for (size_t i = 0; i < n; i++) {
		struct cat_node *node = &nodes[i];

		if (node->c.parent_id == 0)
			continue;
		node->parent = find_in(tmp, n, node->c.parent_id);
		if (node->parent)
			nkids[node->parent - nodes]++;
		else
			log_warnx("catalog: section %lld has no parent %lld",
			          (long long)node->c.id,
			          (long long)node->c.parent_id);
	}
	for (size_t i = 0; i < n; i++) {
		nodes[i].children =
		        arena_calloc(&ci->arena, nkids[i] ? nkids[i] : 1,
		                     sizeof(*nodes[i].children));
		if (nodes[i].c.parent_id == 0)
			cat->nroots++;
	}
	cat->roots = arena_calloc(&ci->arena, cat->nroots ? cat->nroots : 1,
	                          sizeof(*cat->roots));
	cat->nroots = 0;
	for (size_t i = 0; i < n; i++) {
		struct cat_node *node = &nodes[i];

		if (node->c.parent_id == 0)
			cat->roots[cat->nroots++] = node;
		else if (node->parent)
			node->parent->children[node->parent->nchildren++] =
			        node;
	}
	free(nkids);
	qsort(cat->roots, cat->nroots, sizeof(*cat->roots), cmp_position);
	cat->all = arena_calloc(&ci->arena, n ? n : 1, sizeof(*cat->all));
	for (size_t i = 0; i < cat->nroots; i++)
		walk(cat, cat->roots[i], 0);
	if (cat->nall != n)
		log_warnx("catalog: %zu sections are not reachable from a "
		          "main section and are left out",
		          n - cat->nall);
	ci->by_id = arena_calloc(&ci->arena, cat->nall ? cat->nall : 1,
	                         sizeof(*ci->by_id));
	ci->by_slug = arena_calloc(&ci->arena, cat->nall ? cat->nall : 1,
	                           sizeof(*ci->by_slug));
	memcpy(ci->by_id, cat->all, cat->nall * sizeof(*cat->all));
	memcpy(ci->by_slug, cat->all, cat->nall * sizeof(*cat->all));
	qsort(ci->by_id, cat->nall, sizeof(*ci->by_id), cmp_id);
	qsort(ci->by_slug, cat->nall, sizeof(*ci->by_slug), cmp_slug);
	cat->refs = 1;
	return ci;
}

enum err
catalog_reload(struct store *s)
{
	struct arena a = ARENA_INIT;
	struct category *cats;
	struct catalog_impl *ci, *old = NULL;
	size_t n;
	enum err e;

	arena_init(&a, 16384);
	if ((e = store_categories(s, &a, &cats, &n)) != ERR_OK) {
		arena_release(&a);
		return e;
	}
	ci = build(cats, n);
	arena_release(&a);
	pthread_mutex_lock(&lock);
	if (current && --current->pub.refs == 0)
		old = current;
	current = ci;
	pthread_mutex_unlock(&lock);
	impl_free(old);
	return ERR_OK;
}

struct catalog *
catalog_get(void)
{
	struct catalog *c = NULL;

	pthread_mutex_lock(&lock);
	if (current) {
		current->pub.refs++;
		c = &current->pub;
	}
	pthread_mutex_unlock(&lock);
	return c;
}

void
catalog_put(struct catalog *c)
{
	bool last;

	if (!c)
		return;
	pthread_mutex_lock(&lock);
	last = --c->refs == 0;
	pthread_mutex_unlock(&lock);
	if (last)
		impl_free((struct catalog_impl *)c);
}

void
catalog_shutdown(void)
{
	struct catalog_impl *old = NULL;

	pthread_mutex_lock(&lock);
	if (current && --current->pub.refs == 0)
		old = current;
	current = NULL;
	pthread_mutex_unlock(&lock);
	impl_free(old);
}

const struct cat_node *
catalog_find_id(const struct catalog *c, int64_t id)
{
	const struct catalog_impl *ci = (const struct catalog_impl *)c;

	if (!c)
		return NULL;
	return find_in(ci->by_id, c->nall, id);
}

const struct cat_node *
catalog_find_slug(const struct catalog *c, const char *slug)
{
	const struct catalog_impl *ci = (const struct catalog_impl *)c;
	size_t lo = 0, hi;

	if (!c || !slug)
		return NULL;
	hi = c->nall;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(ci->by_slug[mid]->c.slug, slug);

		if (r == 0)
			return ci->by_slug[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool
catalog_is_within(const struct cat_node *node, int64_t cat_id)
{
	for (; node; node = node->parent)
		if (node->c.id == cat_id)
			return true;
	return false;
}
