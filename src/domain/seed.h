/*
 * The section tree of the regulation (Điều 8), created once in a new
 * database.  The tree is ordinary data afterwards: the Secretariat may
 * rename, hide or add sections (Điều 16.3).
 */
#ifndef TTDT_SEED_H
#define TTDT_SEED_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

/* One section as seeded; parent is an index into seed_section_table, or
 * -1 for a main section. */
struct seed_section {
	int parent;
	const char *name;
	const char *description;
	bool activity_news; /* Điều 9.1.b: its items need a photo */
	const char *basis;  /* the article it serves, "Điều 8.2" */
};

/* The seeded tree in the regulation's order (parents before children). */
extern const struct seed_section seed_section_table[];
extern const size_t seed_section_count;

/*
 * Creates the sections of Điều 8 with their slugs (vnslug of the name)
 * and descriptions, if the database has no category yet; otherwise does
 * nothing and returns ERR_OK.  The inserts run in one transaction.
 * Errors: those of store_categories / store_category_insert.
 */
enum err seed_sections(struct store *s);

#endif
