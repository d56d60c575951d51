/*
 * Vietnamese folding for search keys and slugs.
 *
 * vnfold: NFD, drop combining marks, đ/Đ -> d, case-fold to lower case.
 * The same function folds text when indexing and queries when searching,
 * so "tu phap" matches "Tư pháp" and "dang" matches "Đảng" (DESIGN,
 * storage rules: FTS5's own remove_diacritics leaves đ and, at level 1,
 * letters with two marks).
 */
#ifndef TTDT_VNFOLD_H
#define TTDT_VNFOLD_H

#include <stddef.h>

#include "buf.h"

/* Appends the folded form of UTF-8 p[0..len) to out.  Invalid bytes are
 * copied through as they are.  Also folds ð (U+00F0, the look-alike of đ
 * after case folding Ð U+00D0) to d, and drops default-ignorable code
 * points (soft hyphen, zero-width joiners).  Idempotent: vnfold of a
 * folded text is the same text.  Thread-safe (a table is built once on
 * first use).  The folded form is not necessarily NFC; it is only ever
 * compared with other folded text. */
void vnfold(struct buf *out, const char *p, size_t len);

/*
 * Like vnfold, and also returns a map from output to input offsets:
 * (*map)[i] is the offset in p of the character that produced output byte
 * i, for 0 <= i <= out_len_added, with (*map)[out_len_added] == len.  The
 * FTS5 tokenizer uses it to report token offsets in the original text, so
 * that highlight() and snippet() cut the original.  The map never
 * decreases (marks the fold has to reorder, which Vietnamese never has,
 * all map to the first of them).  *map is xmalloc'd;
 * the caller frees it.  Offsets are relative to out's length on entry.
 */
void vnfold_map(struct buf *out, const char *p, size_t len, size_t **map);

/*
 * Appends a URL slug: folded, ASCII letters and digits kept, every other
 * run of characters becomes one '-', no leading or trailing '-', cut at a
 * '-' boundary to at most maxlen bytes (0: no limit).  "Sở Tư pháp tỉnh
 * Kon Tum" -> "so-tu-phap-tinh-kon-tum".  Empty input gives "".
 */
void vnslug(struct buf *out, const char *p, size_t len, size_t maxlen);

#endif
