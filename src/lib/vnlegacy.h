/*
 * Legacy Vietnamese encodings (TCVN3/ABC, VNI for Windows, VIQR) to
 * Unicode NFC, for text pasted into the newsroom editor or uploaded as a
 * plain-text file (regulation Điều 3: text is Unicode TCVN 6909:2001).
 *
 * Text reaches us in two shapes:
 *  - raw bytes (a .txt upload): TCVN3 and VNI bytes are not valid UTF-8;
 *  - UTF-8 text in which each character stands for one legacy byte: a
 *    document typed in a .VnTime or VNI-Times font and copied from Word
 *    or a browser arrives as the cp1252 (or Latin-1) reading of its bytes,
 *    "Th«ng tin" for TCVN3 "Thông tin", "Coäng hoøa" for VNI "Cộng hòa".
 *    The *_CP1252 encodings below name that shape.
 *
 * The tables come from ../shared/data/vn-legacy/ through
 * scripts/gen-vnlegacy (see vnlegacy_tables.c); the program does not need
 * that folder.
 */
#ifndef TTDT_VNLEGACY_H
#define TTDT_VNLEGACY_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

enum vnlegacy_enc {
	VNLEGACY_NONE,         /* not text we recognise: leave it alone */
	VNLEGACY_UNICODE,      /* valid UTF-8, not legacy: leave it alone */
	VNLEGACY_TCVN3,        /* TCVN3 (ABC, VN3+VN2) bytes */
	VNLEGACY_TCVN3_CAPS,   /* TCVN3 bytes in an all-caps font (.VnTimeH) */
	VNLEGACY_VNI,          /* VNI for Windows bytes */
	VNLEGACY_VIQR,         /* VIQR (RFC 1456) ASCII mnemonics */
	VNLEGACY_TCVN3_CP1252, /* TCVN3 bytes seen as cp1252 text */
	VNLEGACY_TCVN3_CAPS_CP1252, /* the same in an all-caps font */
	VNLEGACY_VNI_CP1252,        /* VNI bytes seen as cp1252 text */
	VNLEGACY__MAX
};

/*
 * Decodes in[0..len) from enc and appends the text to out as UTF-8 NFC.
 *
 *  - TCVN3: 00-7F ASCII, 80-9F Windows-1252 (Word's smart quotes),
 *    A0-FF the VN3 and VN2 layers of TCVN 5712:1993; the VN2 combining
 *    tone marks B0-B4 are composed with the letter before them.  The VN1
 *    layer (toned capitals at C0/C1 control positions) is not used: those
 *    bytes hold Windows punctuation in real documents.
 *  - TCVN3_CAPS: the same, but lower-case letters (ASCII and VN3) come out
 *    as capitals, as an all-caps font draws them.  The bytes cannot show
 *    this; use it when the source names a font ending in "H".
 *  - VNI: VNI for Windows, longest match (two bytes, then one); any other
 *    byte is Windows-1252.
 *  - VIQR: RFC 1456 with these rules: a mark character ( ^ + ' ` ? ~ .
 *    is a mark only if it turns the letter before it into a Vietnamese
 *    letter; a tone mark is punctuation in a word that already has a tone
 *    ("Vie^.t." is "Việt."), otherwise, as the RFC reads it, a "." or "?"
 *    right after a vowel is a tone ("ha." is "hạ": write "ha\." for
 *    "ha.").  A backslash before a mark character or D/d makes it literal
 *    and is removed; any other backslash stays.  "DD" is Đ anywhere; "Dd"
 *    and "dd" (Đ, đ) only at the start of a word, where Vietnamese has
 *    them, so "address" and "odd" stay English.  A whitespace-delimited
 *    token containing "://" or "@", or starting with "www." or "mailto:",
 *    is copied as it is, and a mark character followed by a digit is
 *    itself ("U+0041", "a^2").  Non-ASCII characters pass through.
 *  - *_CP1252: in is UTF-8 (normalised to NFC first); each character that
 *    is the Windows-1252 or Latin-1 reading of a byte becomes that byte
 *    again, bytes that are not UTF-8 are taken as they are, and the bytes
 *    are decoded as above.  Other characters pass through unchanged.
 *  - UNICODE: in must be UTF-8; its NFC form is appended.
 *
 * Bytes that have no character (NUL, cp1252's holes 81 8D 8F 90 9D)
 * become U+FFFD, so the result is always valid UTF-8 without NUL.
 * Returns ERR_OK; ERR_INVALID for NONE or an out-of-range enc, for
 * UNICODE input that is not UTF-8, and when out's max is exceeded (out
 * then has its sticky error set and holds what it held on entry).
 */
enum err vnlegacy_decode(enum vnlegacy_enc enc, const char *in, size_t len,
                         struct buf *out);

/*
 * Guesses the encoding of in[0..len) by decoding it each plausible way and
 * scoring how Vietnamese each result looks: the share of words that are
 * valid Vietnamese syllables (initial consonant, one vowel cluster, at
 * most one tone, a Vietnamese final, the c/k/gh/ngh spelling rules) and
 * the number of words with diacritics that are (or are not).  Raw bytes
 * are tried as TCVN3 and VNI; UTF-8 made only of cp1252/Latin-1
 * characters as TCVN3_CP1252 and VNI_CP1252; UTF-8 without non-ASCII
 * letters as VIQR.  A guess must clearly beat the text as it is and every
 * other guess.
 *
 * Returns a legacy encoding only when sure; otherwise UNICODE for valid
 * UTF-8 (Vietnamese in Unicode, NFC or NFD, English, French, code, URLs
 * are all left alone) and NONE for other bytes.  Never returns the CAPS
 * encodings.  *confidence (if not NULL) gets 0-100: for a legacy answer,
 * the share of its words that are Vietnamese, less for very short texts;
 * otherwise 100 less the confidence of the best guess that looked
 * Vietnamese but did not win clearly, so a low value means "may be
 * legacy, not sure: ask the writer".  Looks at most at the first 256 KiB.
 */
enum vnlegacy_enc vnlegacy_detect(const char *in, size_t len, int *confidence);

/*
 * For the editor's paste handler and the text upload: if vnlegacy_detect
 * finds a legacy encoding, appends the decoded NFC text to out and
 * returns true; otherwise appends nothing and returns false (the caller
 * keeps its text).  *found (if not NULL) gets what detection said.  Also
 * returns false, appending nothing, if out's max is exceeded.
 */
bool vnlegacy_fix(const char *in, size_t len, struct buf *out,
                  enum vnlegacy_enc *found);

/* "TCVN3", "VNI", "VIQR" (the names writers know; the CP1252 and CAPS
 * forms share their base's name), "Unicode", "không rõ" for NONE. */
const char *vnlegacy_name(enum vnlegacy_enc enc);

/* True for the encodings vnlegacy_decode converts from (not NONE,
 * UNICODE). */
bool vnlegacy_is_legacy(enum vnlegacy_enc enc);

/* The sentence to show the writer after a conversion, in Vietnamese:
 * "Văn bản đã được chuyển từ mã TCVN3 sang Unicode."; NULL for NONE and
 * UNICODE.  Static storage. */
const char *vnlegacy_notice(enum vnlegacy_enc enc);

#endif
