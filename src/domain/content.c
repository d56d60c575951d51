/*
 * Public reading of content: what a citizen may see of an item, and the
 * hook that tells the page cache what changed.
 *
 * Điều 10.2: nothing is deleted; an item taken down (unpublished) or
 * archived is still in the database, and the public gets "gone" (410)
 * for it rather than "not found", so links and search engines learn it
 * was withdrawn.
 */
#include "common.h"

#include "content.h"

static content_change_fn change_hook;
static pthread_mutex_t hook_lock = PTHREAD_MUTEX_INITIALIZER;

enum err
content_item_public(struct store *s, struct arena *a, int64_t id,
                    struct item *out)
{
	enum err e;

	if (id <= 0) {
		memset(out, 0, sizeof(*out));
		return ERR_NOTFOUND;
	}
	if ((e = store_item_get(s, a, id, out)) != ERR_OK)
		return e;
	switch (out->state) {
	case ITEM_STATE_PUBLISHED:
		return ERR_OK;
	case ITEM_STATE_UNPUBLISHED:
	case ITEM_STATE_ARCHIVED:
		e = ERR_GONE;
		break;
	default:
		/* Điều 17.1.c: nothing unapproved is shown, not even that it
		 * exists. */
		e = ERR_NOTFOUND;
		break;
	}
	memset(out, 0, sizeof(*out));
	return e;
}

void
content_set_change_hook(content_change_fn fn)
{
	pthread_mutex_lock(&hook_lock);
	change_hook = fn;
	pthread_mutex_unlock(&hook_lock);
}

void
content_changed(const char *tags)
{
	content_change_fn fn;

	pthread_mutex_lock(&hook_lock);
	fn = change_hook;
	pthread_mutex_unlock(&hook_lock);
	if (fn && tags)
		fn(tags);
}
