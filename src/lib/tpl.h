/*
 * Mustache templates (https://mustache.github.io/mustache.5.html and the
 * specification's tests in shared data): variables, sections, inverted
 * sections, comments, partials, set delimiters, and inheritance (blocks
 * and parents).  {{name}} escapes HTML (& < > " '); {{{name}}} and
 * {{& name}} print raw.  Lambdas and dynamic names are not supported.
 *
 * A struct tpl_set holds compiled templates by name; partials and
 * parents are looked up in the same set by name.  Templates are compiled
 * once (at start) into an instruction list; rendering does not allocate
 * beyond the output buffer and a small fixed stack.
 */
#ifndef TTDT_TPL_H
#define TTDT_TPL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "tval.h"

/*
 * Partials, parents and overriding blocks may nest this deep while
 * rendering; deeper (a partial that includes itself forever) the branch
 * is cut off and tpl_render reports failure.
 */
#define TPL_MAX_DEPTH 64

struct tpl_set;

/* An empty set (never NULL); free with tpl_set_free. */
struct tpl_set *tpl_set_new(void);
/* Frees the set and every template in it; accepts NULL. */
void tpl_set_free(struct tpl_set *set);

/*
 * Compiles text as template name (replacing one of that name; the text
 * is copied).  On a syntax error (unclosed tag or section, mismatched or
 * stray closing tag, bad set-delimiter tag, empty or malformed name,
 * nesting deeper than 256, source over 8 MiB) returns -1, keeps any
 * previous template of that name, and appends one line
 * "name:line:column: message" to err (if err is not NULL).
 */
int tpl_set_add(struct tpl_set *set, const char *name, const char *text,
                size_t len, struct buf *err);

/*
 * Loads every *.mustache file below each directory, in order, naming each
 * template by its path relative to its directory without the extension
 * ("page/item" for page/item.mustache).  A later directory overrides an
 * earlier one (a site theme over the defaults).  Collects every error
 * into err and returns -1 if there was any.
 */
int tpl_set_load_dirs(struct tpl_set *set, const char *const *dirs,
                      size_t ndirs, struct buf *err);

bool tpl_set_has(const struct tpl_set *set, const char *name);

/*
 * Renders template name with ctx as the root context, appending to out
 * (whose max caps the size).  A missing partial renders empty, as the
 * spec says.  Returns -1 if name is unknown, out overflowed (buf_err),
 * or nesting went past TPL_MAX_DEPTH (that branch is left out); 0
 * otherwise.  Allocates nothing but out's growth.
 */
int tpl_render(const struct tpl_set *set, const char *name,
               const struct tval *ctx, struct buf *out);

/*
 * Site-mode check: appends to out every {{{raw}}} / {{& raw}} tag name
 * used in any template of the set, one "template\tname" per line, so a
 * test can compare them with the allowlist of sanitised fields.  Sorted
 * by template name, then by position in the template.
 */
void tpl_set_list_raw(const struct tpl_set *set, struct buf *out);

#endif
