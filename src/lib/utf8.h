/*
 * UTF-8 validation and Unicode normalisation (utf8proc).  Regulation
 * Điều 3: text is Unicode TCVN 6909:2001, stored NFC.
 */
#ifndef TTDT_UTF8_H
#define TTDT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"

/* Strict UTF-8 (RFC 3629): no overlongs, surrogates or > U+10FFFF.
 * NUL bytes are refused too (they never belong in text we accept). */
bool utf8_valid(const char *p, size_t len);

/*
 * Decodes one code point at p[0..len); returns its length in bytes.  Safe
 * on any input: at an invalid or truncated sequence it sets *cp = -1 and
 * returns 1 (so a caller can step over the bad byte); with len == 0 it
 * sets *cp = -1 and returns 0.  Never reads past p[len - 1].
 */
size_t utf8_decode(const char *p, size_t len, int32_t *cp);

/* Appends the NFC form of valid UTF-8 p[0..len) to out.  Returns -1 (and
 * appends nothing) if the text is not valid UTF-8. */
int utf8_nfc(struct buf *out, const char *p, size_t len);

/* NFC copy in the arena, or NULL if p is not valid UTF-8. */
char *utf8_nfc_dup(struct arena *a, const char *p, size_t len);

/* Number of code points (valid UTF-8 assumed; on invalid input, the
 * number of bytes that are not continuation bytes). */
size_t utf8_count(const char *p, size_t len);

/* Largest n <= max such that p[0..n) ends on a character boundary
 * (n == len if max >= len). */
size_t utf8_cut(const char *p, size_t len, size_t max);

#endif
