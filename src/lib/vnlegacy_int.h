/*
 * The legacy-encoding tables, shared by vnlegacy.c and its tests.  They
 * are defined in vnlegacy_tables.c, which scripts/gen-vnlegacy writes from
 * ../shared/data/vn-legacy/{tcvn3,vni,viqr}.tsv: the *_rows arrays are
 * the rows of the files in their order, the others are lookup tables the
 * generator derives from them.
 */
#ifndef TTDT_VNLEGACY_INT_H
#define TTDT_VNLEGACY_INT_H

#include <stddef.h>
#include <stdint.h>

/* The `layer` column of tcvn3.tsv; NONE in the other files. */
enum vnlegacy_layer {
	VNLEGACY_LAYER_NONE,
	VNLEGACY_LAYER_VN3,
	VNLEGACY_LAYER_VN2,
	VNLEGACY_LAYER_VN1,
	VNLEGACY_LAYER_CP1252,
	VNLEGACY_LAYER__MAX
};

/* One row of a .tsv: bytes[0..len) stand for code point cp; caps is
 * tcvn3.tsv's upper_in_caps_font (0 when empty or in other files). */
struct vnlegacy_row {
	unsigned char bytes[3];
	unsigned char len;
	unsigned char layer; /* enum vnlegacy_layer */
	uint32_t cp;
	uint32_t caps;
};

extern const struct vnlegacy_row vnlegacy_tcvn3_rows[];
extern const size_t vnlegacy_tcvn3_nrows;
extern const struct vnlegacy_row vnlegacy_vni_rows[];
extern const size_t vnlegacy_vni_nrows;
extern const struct vnlegacy_row vnlegacy_viqr_rows[];
extern const size_t vnlegacy_viqr_nrows;

/* Bytes 80-FF: index byte - 0x80.  cp1252: the cp1252 rows at 80-9F
 * (U+FFFD for the five holes), Latin-1 at A0-FF.  tcvn3: cp1252 at 80-9F,
 * vn3 and vn2 at A0-FF.  tcvn3_caps: tcvn3 with upper_in_caps_font. */
extern const uint32_t vnlegacy_cp1252_high[128];
extern const uint32_t vnlegacy_tcvn3_high[128];
extern const uint32_t vnlegacy_tcvn3_caps_high[128];

/* VNI: the code point of a one-byte row, or 0. */
extern const uint16_t vnlegacy_vni_single[256];
/* VNI two-byte rows: vnlegacy_vni_pair_row[first byte] is -1 or an index
 * i, and vnlegacy_vni_pair[i][second byte - 0xC0] the code point or 0
 * (every second byte is in C0-FF). */
#define VNLEGACY_VNI_PAIR_FIRSTS 14
extern const signed char vnlegacy_vni_pair_row[256];
extern const uint16_t vnlegacy_vni_pair[VNLEGACY_VNI_PAIR_FIRSTS][64];

/*
 * VIQR vowels: vnlegacy_viqr_vowel[base][mark][tone] for base the index
 * in VNLEGACY_VIQR_BASES, mark in VNLEGACY_VIQR_MARKS (0: none) and tone
 * in VNLEGACY_VIQR_TONES (0: none); 0 where the combination is not a
 * letter.  [b][0][0] is the ASCII base letter itself.
 */
#define VNLEGACY_VIQR_BASES "AEIOUYaeiouy"
#define VNLEGACY_VIQR_MARKS " (^+"
#define VNLEGACY_VIQR_TONES " '`?~."
extern const uint16_t vnlegacy_viqr_vowel[12][4][6];

/* The 134 letters of viqr.tsv (and Đ đ), sorted by code point: base is
 * the lower-case ASCII letter, mark an index in VNLEGACY_VIQR_MARKS or 4
 * for the stroke of đ, tone an index in VNLEGACY_VIQR_TONES. */
struct vnlegacy_letter {
	uint16_t cp;
	char base;
	unsigned char mark;
	unsigned char tone;
	unsigned char upper;
};
#define VNLEGACY_NLETTERS 134
extern const struct vnlegacy_letter vnlegacy_letters[VNLEGACY_NLETTERS];

#endif
