/*
 * Managing the section tree (issue 4 item 10; Điều 8, 16.3): the
 * Secretariat and the Board's leaders create, rename, reorder, move, hide
 * and show sections, set their owning unit and the activity-news flag
 * (Điều 9.1.b), and delete a section only while nothing refers to it.
 *
 * The tree keeps the seeded shape: main sections and their subsections,
 * two levels.  A section's slug is its public address (/chuyen-muc/<slug>)
 * and is made once from its name; a rename keeps it unless asked, since
 * there is no table of old addresses to redirect from.
 *
 * Every change runs in one store_tx with its audit entry and bumps the
 * setting SECTION_GENERATION_KEY; after the commit this process reloads
 * the catalog and drops cached public pages, and other processes on the
 * same database notice the new generation through section_catalog_sync.
 */
#ifndef TTDT_SECTION_H
#define TTDT_SECTION_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "audit.h"
#include "buf.h"
#include "store.h"

#define SECTION_NAME_MAX 200 /* characters */
#define SECTION_DESC_MAX 1000
#define SECTION_SLUG_MAX 80 /* bytes, as the seeded slugs */
/* Main sections and their subsections: a child is never a parent. */
#define SECTION_DEPTH_MAX 2
/* The setting bumped by every change of the tree. */
#define SECTION_GENERATION_KEY "catalog.generation"

/* What a form sets; the slug and the position are the domain's. */
struct section_input {
	const char *name;
	const char *description; /* NULL as "" */
	int64_t parent_id;       /* 0: a main section */
	int64_t owner_unit_id;   /* 0: none */
	bool activity_news;
	bool hidden;
	bool new_slug; /* edit only: make the slug again from the name */
};

/* The fields a section form checks, in the order it shows them. */
enum section_field {
	SECTION_F_NAME,
	SECTION_F_PARENT,
	SECTION_F_DESCRIPTION,
	SECTION_F_UNIT,
	SECTION_F__MAX
};

/* Vietnamese messages, per field (NULL: fine). */
struct section_problems {
	const char *msg[SECTION_F__MAX];
	size_t n;
};

/*
 * Checks in against the tree cats[0..ncats) and the units: name present,
 * valid UTF-8 without control characters, at most SECTION_NAME_MAX
 * characters and with a letter or digit (a slug can be made of it);
 * description at most SECTION_DESC_MAX characters; the parent an existing
 * main section other than self (self: the section being edited, 0 for a
 * new one), and none at all if self has subsections; the unit existing
 * and open (or closed but already the owner of self).  True if fine.
 */
bool section_check(const struct category *cats, size_t ncats,
                   const struct unit *units, size_t nunits, int64_t self,
                   const struct section_input *in,
                   struct section_problems *out);

/*
 * Appends to out the slug for name, unique among cats but self: vnslug
 * of the name (at most SECTION_SLUG_MAX bytes), then "-2", "-3"... while
 * another section has it.  False (out empty) if the name gives no slug.
 */
bool section_slug(struct buf *out, const char *name,
                  const struct category *cats, size_t ncats, int64_t self);

/*
 * Creates a section as the last of its siblings ("section.add"), sets
 * *id.  ERR_INVALID with the messages in *problems (may be NULL) when
 * section_check refuses, checked again inside the transaction.
 */
enum err section_create(struct store *s, const struct audit_actor *actor,
                        const struct section_input *in, time_t now, int64_t *id,
                        struct section_problems *problems);
/*
 * Writes section id's fields ("section.edit", before/after of what
 * changed).  The slug stays unless in->new_slug.  A new parent puts it
 * last among its new siblings and closes the gap it left.  ERR_NOTFOUND,
 * or ERR_INVALID as for create.
 */
enum err section_update(struct store *s, const struct audit_actor *actor,
                        int64_t id, const struct section_input *in, time_t now,
                        struct section_problems *problems);
/*
 * Moves section id one place up (delta -1) or down (+1) among its
 * siblings, renumbering them 1, 2, ... ("section.move").  ERR_OK and
 * nothing written if it is already first (last).  ERR_NOTFOUND.
 */
enum err section_move(struct store *s, const struct audit_actor *actor,
                      int64_t id, int delta, time_t now);
/* Hides or shows section id ("section.hide", "section.show"); nothing
 * written if it already is.  ERR_NOTFOUND. */
enum err section_set_hidden(struct store *s, const struct audit_actor *actor,
                            int64_t id, bool hidden, time_t now);

/* What keeps a section from being deleted. */
struct section_uses {
	int64_t items, revisions, children;
};

/* What refers to section id. */
enum err section_uses(struct store *s, int64_t id, struct section_uses *out);
/*
 * Deletes section id if nothing refers to it ("section.delete"), with
 * its page-view counts; *uses (may be NULL) gets what refers to it.
 * ERR_CONFLICT if it holds items, revisions of items or subsections;
 * ERR_NOTFOUND.  Its siblings are renumbered.
 */
enum err section_delete(struct store *s, const struct audit_actor *actor,
                        int64_t id, time_t now, struct section_uses *uses);

/*
 * Makes this process see changes made by others on the same database:
 * at most once a second (by now), reads SECTION_GENERATION_KEY and, if
 * it changed since the catalog was last loaded here, reloads the catalog
 * and tells the page cache "site".  Cheap and thread-safe: call it
 * before reading the catalog or the page cache.
 */
void section_catalog_sync(struct store *s, time_t now);

#endif
