/*
 * The section tree (Điều 8) held in memory: read on every public page,
 * changed rarely.  catalog_get returns an immutable snapshot with a
 * reference; catalog_reload builds a new one from the store and swaps it
 * in, so readers never lock while rendering.
 */
#ifndef TTDT_CATALOG_H
#define TTDT_CATALOG_H

#include "store.h"

struct cat_node {
	struct category c;
	struct cat_node *parent;    /* NULL for a main section */
	struct cat_node **children; /* visible and hidden, by position */
	size_t nchildren;
	int depth; /* 0 for a main section */
};

struct catalog {
	struct cat_node **roots; /* main sections, by position */
	size_t nroots;
	struct cat_node **all; /* every node, tree order (pre-order) */
	size_t nall;
	int refs; /* internal */
};

/* Loads the tree from the store and makes it current. */
enum err catalog_reload(struct store *s);
/* Current snapshot, referenced; never NULL after a successful reload. */
struct catalog *catalog_get(void);
void catalog_put(struct catalog *c);
/* Frees the current snapshot (at exit). */
void catalog_shutdown(void);

const struct cat_node *catalog_find_id(const struct catalog *c, int64_t id);
const struct cat_node *catalog_find_slug(const struct catalog *c,
                                         const char *slug);
/* True if node is cat or below it. */
bool catalog_is_within(const struct cat_node *node, int64_t cat_id);

#endif
