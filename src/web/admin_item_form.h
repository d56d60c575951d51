/*
 * The pure helpers of the item editor (admin_item_form.c), shared by
 * admin_item_edit.c and its tests.  Internal to src/web.
 */
#ifndef TTDT_ADMIN_ITEM_FORM_H
#define TTDT_ADMIN_ITEM_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "vnlegacy.h"

/* Largest .txt file taken as a body: far more than any item. */
#define ITEM_TEXT_FILE_MAX ((size_t)512 << 10)

/*
 * If the text of html (every run outside a tag, read as a whole) is in a
 * legacy encoding (vnlegacy_detect), decodes each run from it and copies
 * the tags as they are, so VIQR's marks never touch a URL or a class;
 * sets *out (in a) and *enc and returns true.  False, setting nothing,
 * if the text is not legacy or cannot be decoded.
 */
bool item_convert_html(struct arena *a, const char *html, const char **out,
                       enum vnlegacy_enc *enc);

/* True if s (UTF-8) has a character that is not ASCII and all of them
 * are what a cp1252 or Latin-1 reading of a byte gives: text that may be
 * legacy bytes seen through cp1252.  False for invalid UTF-8. */
bool item_cp1252_shaped(const char *s);

/* Appends plain text s[0..len) as HTML paragraphs: each block between
 * blank lines a <p>, escaped, its line breaks <br>; CR LF and trailing
 * blanks dropped.  Appends nothing for blank text. */
void item_text_to_html(struct buf *out, const char *s, size_t len);

/*
 * The body made from an uploaded text file data[0..len): UTF-8 (with or
 * without a BOM), UTF-16 with a BOM, or TCVN3/VNI bytes; UTF-8 text in
 * VIQR or seen through cp1252 is converted too.  Returns the HTML
 * (item_text_to_html of the NFC text) in a, or NULL with *err set to a
 * Vietnamese sentence (too large, not text, empty).  *enc gets the
 * legacy encoding converted from, VNLEGACY_NONE if none.
 */
const char *item_text_file(struct arena *a, const char *data, size_t len,
                           enum vnlegacy_enc *enc, const char **err);

#endif
