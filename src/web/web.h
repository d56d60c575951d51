/*
 * The web layer: the public site's handlers, their templates and the
 * helpers they share.  main (cmd/serve.c) calls web_init once after the
 * store and the section tree are ready, hands web_public_routes to the
 * http layer and calls web_shutdown at exit.
 */
#ifndef TTDT_WEB_H
#define TTDT_WEB_H

#include <stddef.h>

#include "buf.h"
#include "http.h"
#include "store.h"

/*
 * Loads the templates (config.templates_dir, then config.theme_dir over
 * it when set), reads the demo flag, installs the error-page renderer
 * (http_set_error_renderer) and the page-cache invalidation hook
 * (content_set_change_hook).  Returns 0, or -1 with every message
 * appended to err.  s must stay open until web_shutdown.
 */
int web_init(struct store *s, struct buf *err);

/* Frees the templates and removes the hooks; safe without web_init. */
void web_shutdown(void);

/* The public site's routes (Vietnamese, stable URLs). */
extern const struct route web_public_routes[];
extern const size_t web_public_routes_n;

/* The newsroom's routes under /quan-tri (admin.c): each declares the
 * permission it needs and is checked before its handler runs. */
extern const struct route web_admin_routes[];
extern const size_t web_admin_routes_n;

/* For the HTTP layer's body limits (http_body_limit.admit): true if
 * cookies carry a live session of an active account, so that a newsroom
 * upload may be larger than max_body (admin.c). */
bool web_upload_admit(const struct kvlist *cookies);

#endif
