/*
 * Public reading of content: what a citizen may see.  Knows nothing of
 * HTTP; the web layer turns results into pages.
 */
#ifndef TTDT_CONTENT_H
#define TTDT_CONTENT_H

#include "store.h"

/* A published item by id: ERR_NOTFOUND if there is none or it was never
 * published; ERR_GONE if it was taken down (unpublished / archived). */
enum err content_item_public(struct store *s, struct arena *a, int64_t id,
                             struct item *out);

/*
 * Tells the page cache what changed.  The web layer registers a function
 * at start; domain code calls content_changed("item:12 cat:3 site") after
 * a change commits.  Without a hook it does nothing.
 */
typedef void (*content_change_fn)(const char *tags);
void content_set_change_hook(content_change_fn fn);
void content_changed(const char *tags);

#endif
