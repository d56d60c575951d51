/*
 * Legacy Vietnamese encodings (TCVN3/ABC, VNI for Windows, VIQR) to
 * Unicode NFC, and detection of which one a paste or upload is in.
 *
 * Regulation Điều 3 wants text in Unicode (TCVN 6909:2001); writers still
 * paste from documents typed in .VnTime or VNI-Times fonts.  The tables
 * are ../shared/data/vn-legacy/, compiled into vnlegacy_tables.c by
 * scripts/gen-vnlegacy; the decoders follow its README's recommended
 * readings (TCVN3: cp1252 at 80-9F, VN3+VN2 at A0-FF; VNI: longest match,
 * then cp1252; VIQR: RFC 1456, see vnlegacy.h for the exact rules).
 *
 * Decoders first write plain UTF-8 to a scratch buffer (TCVN3's VN2 tone
 * marks still separate), and one utf8_nfc pass composes and normalises.
 *
 * Detection never looks at single bytes: it decodes the text every way
 * that is plausible for its shape and counts words that are (or are not)
 * Vietnamese syllables.  The text as it is competes too, so Unicode
 * Vietnamese (which scores well as it is) and English or French (which no
 * decoding makes more Vietnamese) are never converted.  Invariants: every
 * decoder accepts any bytes, never reads past len and appends only valid
 * UTF-8 without NUL.
 */
#include "common.h"

#include "utf8.h"
#include "vnlegacy.h"
#include "vnlegacy_int.h"

/* Detection reads at most this much: enough words to judge, bounded time
 * for a pasted book. */
#define DETECT_MAX (256 * 1024)
/* Longer runs of letters are no Vietnamese syllable ("nghiêng" has 7). */
#define WORD_MAX 12

/* ---- output helpers ---- */

static void
put_cp(struct buf *b, uint32_t cp)
{
	char s[4];

	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		buf_addch(b, (char)cp);
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | cp >> 12);
		s[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xF0 | cp >> 18);
		s[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		s[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 4);
	}
}

/* Appends p[0..len) as UTF-8: valid sequences as they are, any other
 * byte by its cp1252 reading (NUL as U+FFFD). */
static void
put_text(struct buf *b, const char *p, size_t len)
{
	size_t i = 0, n;
	int32_t cp;

	while (i < len) {
		n = utf8_decode(p + i, len - i, &cp);
		if (cp > 0) {
			buf_add(b, p + i, n);
		} else {
			unsigned char c = (unsigned char)p[i];

			put_cp(b, c < 0x80 ? 0xFFFD
			                   : vnlegacy_cp1252_high[c - 0x80]);
			n = 1;
		}
		i += n;
	}
}

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
digit_at(const char *p, size_t len, size_t i)
{
	return i < len && p[i] >= '0' && p[i] <= '9';
}

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* ---- byte decoders ---- */

static void
dec_tcvn3(const unsigned char *p, size_t len, bool caps, struct buf *b)
{
	const uint32_t *high =
	        caps ? vnlegacy_tcvn3_caps_high : vnlegacy_tcvn3_high;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned c = p[i];

		if (c >= 0x80)
			put_cp(b, high[c - 0x80]);
		else if (caps && c >= 'a' && c <= 'z')
			buf_addch(b, (char)(c - 'a' + 'A'));
		else
			put_cp(b, c);
	}
}

static void
dec_vni(const unsigned char *p, size_t len, struct buf *b)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned c = p[i];
		int row = vnlegacy_vni_pair_row[c];

		/* Longest match first: base letter + mark byte. */
		if (row >= 0 && i + 1 < len && p[i + 1] >= 0xC0 &&
		    vnlegacy_vni_pair[row][p[i + 1] - 0xC0]) {
			put_cp(b, vnlegacy_vni_pair[row][p[i + 1] - 0xC0]);
			i++;
		} else if (vnlegacy_vni_single[c]) {
			put_cp(b, vnlegacy_vni_single[c]);
		} else if (c >= 0x80) {
			put_cp(b, vnlegacy_cp1252_high[c - 0x80]);
		} else {
			put_cp(b, c);
		}
	}
}

/* ---- VIQR ---- */

static int
viqr_base(int c)
{
	const char *s = c ? strchr(VNLEGACY_VIQR_BASES, c) : NULL;

	return s ? (int)(s - VNLEGACY_VIQR_BASES) : -1;
}

/* Index of c in VNLEGACY_VIQR_MARKS / _TONES (1..), or 0. */
static int
viqr_index(const char *set, int c)
{
	const char *s = c && c != ' ' ? strchr(set, c) : NULL;

	return s ? (int)(s - set) : 0;
}

static bool
viqr_escapable(int c)
{
	return c && strchr("(^+'`?~.dD", c) != NULL;
}

static bool
starts_with_ci(const char *p, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncasecmp(p, prefix, n) == 0;
}

/* Is the whitespace-delimited token p[0..len) an address to leave alone:
 * a URL, an e-mail address (Unikey's rule; RFC 1456 predates both)? */
static bool
viqr_is_address(const char *p, size_t len)
{
	size_t i;

	if (starts_with_ci(p, len, "www.") || starts_with_ci(p, len, "mailto:"))
		return true;
	for (i = 0; i < len; i++) {
		if (p[i] == '@')
			return true;
		if (p[i] == ':' && i + 2 < len && p[i + 1] == '/' &&
		    p[i + 2] == '/')
			return true;
	}
	return false;
}

static uint32_t
viqr_d(char a, char b)
{
	size_t i;

	for (i = 0; i < vnlegacy_viqr_nrows; i++) {
		const struct vnlegacy_row *r = &vnlegacy_viqr_rows[i];

		if (r->len == 2 && r->bytes[0] == (unsigned char)a &&
		    r->bytes[1] == (unsigned char)b)
			return r->cp;
	}
	return 0;
}

/*
 * rfc: read "." and "?" after a vowel at the end of a word as tones, as
 * RFC 1456 does.  Detection passes false, so that a sentence's full stop
 * or question mark is never evidence of VIQR.
 */
static void
dec_viqr(const char *p, size_t len, bool rfc, struct buf *b)
{
	size_t i = 0, word = 0; /* letters in the current word */
	bool toned = false;     /* the current word has a tone */

	while (i < len) {
		int c = (unsigned char)p[i];
		int bi, m, t;
		size_t j;

		if (i == 0 || is_space((unsigned char)p[i - 1])) {
			for (j = i; j < len && !is_space((unsigned char)p[j]);
			     j++)
				;
			if (j > i && viqr_is_address(p + i, j - i)) {
				put_text(b, p + i, j - i);
				i = j;
				word = 0;
				toned = false;
				continue;
			}
		}
		if (c == '\\' && i + 1 < len && viqr_escapable(p[i + 1])) {
			buf_addch(b, p[i + 1]);
			if (is_alpha(p[i + 1])) {
				word++;
			} else {
				word = 0;
				toned = false;
			}
			i += 2;
			continue;
		}
		if ((c == 'D' || c == 'd') && i + 1 < len &&
		    (p[i + 1] == 'D' || p[i + 1] == 'd') &&
		    ((c == 'D' && p[i + 1] == 'D') || word == 0)) {
			uint32_t cp = viqr_d((char)c, p[i + 1]);

			if (cp) {
				put_cp(b, cp);
				word++;
				i += 2;
				continue;
			}
		}
		if ((bi = viqr_base(c)) >= 0) {
			j = i + 1;
			/* No Vietnamese letter is followed by a digit: "U+0041"
			 * and "a^2" are not marks. */
			m = j < len ? viqr_index(VNLEGACY_VIQR_MARKS, p[j]) : 0;
			if (m && vnlegacy_viqr_vowel[bi][m][0] &&
			    !digit_at(p, len, j + 1))
				j++;
			else
				m = 0;
			t = j < len ? viqr_index(VNLEGACY_VIQR_TONES, p[j]) : 0;
			if (t && (toned || !vnlegacy_viqr_vowel[bi][m][t] ||
			          digit_at(p, len, j + 1)))
				t = 0;
			if (t && !rfc && (p[j] == '.' || p[j] == '?') &&
			    (j + 1 >= len || !is_alpha(p[j + 1])))
				t = 0;
			if (t) {
				j++;
				toned = true;
			}
			put_cp(b, vnlegacy_viqr_vowel[bi][m][t]);
			word++;
			i = j;
			continue;
		}
		if (c < 0x80) {
			put_cp(b, c ? (uint32_t)c : 0xFFFD);
			if (is_alpha(c)) {
				word++;
			} else {
				word = 0;
				toned = false;
			}
			i++;
			continue;
		}
		/* Not ASCII: a letter of some other kind, passed through. */
		for (j = i + 1; j < len && ((unsigned char)p[j] & 0xC0) == 0x80;
		     j++)
			;
		put_text(b, p + i, j - i);
		word++;
		i = j;
	}
}

/* ---- text seen as cp1252 ---- */

/* The byte whose cp1252 or Latin-1 reading is cp, or -1. */
static int
cp1252_byte(int32_t cp)
{
	int i;

	if (cp >= 0 && cp <= 0xFF)
		return cp;
	for (i = 0; i < 32; i++)
		if (vnlegacy_cp1252_high[i] == (uint32_t)cp && cp != 0xFFFD)
			return 0x80 + i;
	return -1;
}

static void
dec_bytes(enum vnlegacy_enc base, const unsigned char *p, size_t len,
          struct buf *b)
{
	if (base == VNLEGACY_VNI)
		dec_vni(p, len, b);
	else
		dec_tcvn3(p, len, base == VNLEGACY_TCVN3_CAPS, b);
}

/* p[0..len) is NFC UTF-8 (or any bytes): turn the characters back into
 * the bytes they were, decode runs of them with base, pass the rest. */
static void
dec_seen_as_cp1252(enum vnlegacy_enc base, const char *p, size_t len,
                   struct buf *b)
{
	struct buf seg = BUF_INIT;
	size_t i = 0, n;
	int32_t cp;
	int byte;

	while (i < len) {
		n = utf8_decode(p + i, len - i, &cp);
		if (cp < 0)
			byte = (unsigned char)p[i];
		else
			byte = cp1252_byte(cp);
		if (byte >= 0) {
			buf_addch(&seg, (char)byte);
		} else {
			dec_bytes(base, (unsigned char *)seg.p, seg.len, b);
			buf_reset(&seg);
			buf_add(b, p + i, n);
		}
		i += n;
	}
	dec_bytes(base, (unsigned char *)seg.p, seg.len, b);
	buf_release(&seg);
}

/* The byte encoding behind each *_CP1252 one. */
static const enum vnlegacy_enc byte_form[VNLEGACY__MAX] = {
        [VNLEGACY_TCVN3_CP1252] = VNLEGACY_TCVN3,
        [VNLEGACY_TCVN3_CAPS_CP1252] = VNLEGACY_TCVN3_CAPS,
        [VNLEGACY_VNI_CP1252] = VNLEGACY_VNI,
};

/* Appends the decoding of in to b as UTF-8, not yet NFC. */
static void
dec_any(enum vnlegacy_enc enc, const char *in, size_t len, bool rfc,
        struct buf *b)
{
	struct buf nfc = BUF_INIT;

	/* Most text is ASCII or two-byte letters: one allocation, not a
	 * dozen growth steps (b is always our own scratch buffer). */
	if (!b->max)
		buf_grow(b, len + len / 2);
	switch (enc) {
	case VNLEGACY_TCVN3:
	case VNLEGACY_TCVN3_CAPS:
	case VNLEGACY_VNI:
		dec_bytes(enc, (const unsigned char *)in, len, b);
		break;
	case VNLEGACY_VIQR:
		dec_viqr(in, len, rfc, b);
		break;
	case VNLEGACY_TCVN3_CP1252:
	case VNLEGACY_TCVN3_CAPS_CP1252:
	case VNLEGACY_VNI_CP1252:
		/* NFC first: a paste that went through NFD must still map
		 * back ("ä" as a + U+0308 is VNI a + E4). */
		if (utf8_nfc(&nfc, in, len) == 0) {
			in = nfc.p;
			len = nfc.len;
		}
		dec_seen_as_cp1252(byte_form[enc], in, len, b);
		break;
	default:
		BUG("dec_any: encoding %d", (int)enc);
	}
	buf_release(&nfc);
}

bool
vnlegacy_is_legacy(enum vnlegacy_enc enc)
{
	return (unsigned)enc > VNLEGACY_UNICODE &&
	       (unsigned)enc < VNLEGACY__MAX;
}

enum err
vnlegacy_decode(enum vnlegacy_enc enc, const char *in, size_t len,
                struct buf *out)
{
	struct buf tmp = BUF_INIT;
	size_t start = out->len;
	int r;

	if (enc == VNLEGACY_UNICODE) {
		if (utf8_nfc(out, in, len) != 0 || buf_err(out)) {
			buf_truncate(out, start);
			return ERR_INVALID;
		}
		return ERR_OK;
	}
	if (!vnlegacy_is_legacy(enc))
		return ERR_INVALID;
	dec_any(enc, in, len, true, &tmp);
	r = utf8_nfc(out, tmp.p, tmp.len);
	buf_release(&tmp);
	if (NEVER(r != 0) || buf_err(out)) {
		buf_truncate(out, start);
		return ERR_INVALID;
	}
	return ERR_OK;
}

/* ---- how Vietnamese does a text look ---- */

struct score {
	unsigned words;   /* words judged (see score_word) */
	unsigned valid;   /* of which Vietnamese syllables */
	unsigned d_valid; /* valid, with a non-ASCII letter */
	unsigned d_bad;   /* not valid, with a non-ASCII character */
};

/* One letter of a word being judged. */
struct unit {
	char base; /* a-z; 'd' with mark 4 is đ */
	unsigned char mark, tone, upper;
};

static const struct vnlegacy_letter *
letter_find(int32_t cp)
{
	size_t lo = 0, hi = VNLEGACY_NLETTERS;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (vnlegacy_letters[mid].cp == cp)
			return &vnlegacy_letters[mid];
		if (vnlegacy_letters[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Separators between words: ASCII other than letters, no-break space,
 * General Punctuation (quotes, dashes, ellipsis), ideographic space, BOM.
 * Other symbols stay in the word and spoil it: "Th«ng" is one bad word,
 * which is what a TCVN3 paste looks like before decoding. */
static bool
is_separator(int32_t cp)
{
	if (cp < 0x80)
		return !is_alpha(cp);
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 ||
	       cp == 0xFEFF;
}

static bool
is_vowel(char c)
{
	return c && strchr("aeiouy", c) != NULL;
}

enum final_rule { F_ANY, F_REQ, F_NONE };

/* Vietnamese vowel clusters in VIQR spelling (marks, no tones), and
 * whether a final consonant must, may or must not follow. */
static const struct {
	const char *v;
	enum final_rule f;
} clusters[] = {
        {"a", F_ANY},      {"a(", F_REQ},    {"a^", F_REQ},
        {"e", F_ANY},      {"e^", F_ANY},    {"i", F_ANY},
        {"o", F_ANY},      {"o^", F_ANY},    {"o+", F_ANY},
        {"u", F_ANY},      {"u+", F_ANY},    {"y", F_ANY},
        {"ai", F_NONE},    {"ao", F_NONE},   {"au", F_NONE},
        {"ay", F_NONE},    {"a^u", F_NONE},  {"a^y", F_NONE},
        {"eo", F_NONE},    {"e^u", F_NONE},  {"ia", F_NONE},
        {"ie^", F_REQ},    {"iu", F_NONE},   {"oa", F_ANY},
        {"oa(", F_REQ},    {"oe", F_ANY},    {"oi", F_NONE},
        {"o^i", F_NONE},   {"o+i", F_NONE},  {"oo", F_REQ},
        {"ua", F_NONE},    {"ua^", F_REQ},   {"ue^", F_ANY},
        {"ui", F_NONE},    {"uo^", F_REQ},   {"uo+", F_NONE},
        {"uy", F_ANY},     {"u+a", F_NONE},  {"u+i", F_NONE},
        {"u+u", F_NONE},   {"u+o+", F_REQ},  {"ye^", F_REQ},
        {"ie^u", F_NONE},  {"oai", F_NONE},  {"oay", F_NONE},
        {"oao", F_NONE},   {"oeo", F_NONE},  {"ua^y", F_NONE},
        {"uo^i", F_NONE},  {"uya", F_NONE},  {"uye^", F_REQ},
        {"uyu", F_NONE},   {"ye^u", F_NONE}, {"u+o+i", F_NONE},
        {"u+o+u", F_NONE},
};

/* Initial consonants, longest first ('#' is đ). */
static const char *const initials[] = {
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th",
        "tr",  "qu", "b",  "c",  "d",  "#",  "g",  "h",  "k",
        "l",   "m",  "n",  "p",  "r",  "s",  "t",  "v",  "x",
};

/* Finals; "k" only in minority place names (Đắk Tô, Đắk Hà). */
static const char *const finals[] = {"c",  "ch", "k", "m", "n",
                                     "ng", "nh", "p", "t"};

/*
 * Is s (lower case, VIQR-style marks, tones removed, '#' for đ) one
 * Vietnamese syllable with tone `tone` (0: none)?  Checks the shape
 * initial + vowel cluster + final, and the spelling rules a decoding
 * error breaks: c/k/q, g/gh, ng/ngh, -ch/-nh after a ê i y only, and
 * stop finals (-c -ch -k -p -t) only with the acute or dot tone.
 */
static bool
syllable_ok(const char *s, int tone)
{
	const char *init = "", *v, *fin;
	char cl[8];
	size_t i, n = 0, k;
	enum final_rule rule = F_ANY;
	bool found = false, stop;
	char v0, last;

	for (i = 0; i < ARRAY_SIZE(initials); i++) {
		if (strncmp(s, initials[i], strlen(initials[i])) == 0) {
			init = initials[i];
			break;
		}
	}
	v = s + strlen(init);
	if (strcmp(init, "gi") == 0 && !is_vowel(*v)) {
		init = "g"; /* gì, gìn: the i is the vowel */
		v = s + 1;
	}
	if (strcmp(init, "qu") == 0 && (*v == '+' || !is_vowel(*v)))
		return false;
	for (fin = v; is_vowel(*fin) || (*fin && strchr("(^+", *fin)); fin++)
		if (n < sizeof(cl) - 1)
			cl[n++] = *fin;
		else
			return false;
	cl[n] = '\0';
	if (!n)
		return false;
	for (k = 0; k < ARRAY_SIZE(clusters); k++) {
		if (strcmp(cl, clusters[k].v) == 0) {
			rule = clusters[k].f;
			found = true;
			break;
		}
	}
	if (!found)
		return false;
	if (*fin) {
		for (k = 0; k < ARRAY_SIZE(finals); k++)
			if (strcmp(fin, finals[k]) == 0)
				break;
		if (k == ARRAY_SIZE(finals) || rule == F_NONE)
			return false;
	} else if (rule == F_REQ) {
		return false;
	}
	v0 = cl[0];
	if (strcmp(init, "c") == 0 && strchr("eiy", v0))
		return false;
	if (strcmp(init, "k") == 0 && !strchr("eiy", v0))
		return false;
	if ((strcmp(init, "gh") == 0 || strcmp(init, "ngh") == 0) &&
	    !strchr("ei", v0))
		return false;
	if (strcmp(init, "g") == 0 && v0 == 'e')
		return false;
	if (strcmp(init, "ng") == 0 && strchr("ei", v0))
		return false;
	last = cl[n - 1];
	if (strcmp(fin, "ch") == 0 || strcmp(fin, "nh") == 0) {
		bool ok = (last == 'a') || (last == 'i') || (last == 'y') ||
		          (n >= 2 && last == '^' && cl[n - 2] == 'e');

		if (!ok)
			return false;
	}
	stop = *fin && strchr("cpkt", fin[0]);
	if (stop && tone != 1 && tone != 5)
		return false;
	return true;
}

/* Judges one word (its letters in u[0..n), overflow if longer, symbol if
 * a non-letter was inside it). */
static void
score_word(struct score *sc, const struct unit *u, size_t n, bool overflow,
           bool symbol, bool nonascii)
{
	char s[2 * WORD_MAX + 1];
	size_t i, k = 0;
	int tones = 0, tone = 0;
	bool vowel = false, ok;

	for (i = 0; i < n; i++)
		vowel |= is_vowel(u[i].base);
	if (!n || (!vowel && !symbol && !overflow))
		return; /* abbreviations (HĐND, CNTT), lone consonants */
	sc->words++;
	ok = !overflow && !symbol;
	/* Case: all lower, all upper, or a capital then lower case. */
	for (i = 1; ok && i < n; i++)
		if (u[i].upper != u[1].upper || (u[i].upper && !u[0].upper))
			ok = false;
	for (i = 0; ok && i < n; i++) {
		if (u[i].base == 'd' && u[i].mark == 4) {
			s[k++] = '#';
		} else {
			s[k++] = u[i].base;
			if (u[i].mark)
				s[k++] = VNLEGACY_VIQR_MARKS[u[i].mark];
		}
		if (u[i].tone) {
			tones++;
			tone = u[i].tone;
		}
	}
	s[k] = '\0';
	if (ok)
		ok = tones <= 1 && syllable_ok(s, tone);
	if (ok) {
		sc->valid++;
		if (nonascii)
			sc->d_valid++;
	} else if (nonascii) {
		sc->d_bad++;
	}
}

/* Scores NFC UTF-8 text. */
static void
score_text(const char *p, size_t len, struct score *sc)
{
	struct unit u[WORD_MAX];
	size_t i = 0, n = 0, step;
	bool overflow = false, symbol = false, nonascii = false;
	int32_t cp;

	memset(sc, 0, sizeof(*sc));
	while (i <= len) {
		const struct vnlegacy_letter *l = NULL;
		struct unit x = {0, 0, 0, 0};
		bool letter;

		if (i == len) {
			cp = ' ';
			step = 1;
		} else {
			step = utf8_decode(p + i, len - i, &cp);
		}
		if (cp < 0x80 && cp >= 0 && is_alpha(cp)) {
			letter = true;
			x.base = (char)(cp | 0x20);
			x.upper = cp < 'a';
		} else if (cp >= 0x80 && (l = letter_find(cp))) {
			letter = true;
			x.base = l->base;
			x.mark = l->mark;
			x.tone = l->tone;
			x.upper = l->upper;
		} else if (cp >= 0 && is_separator(cp)) {
			score_word(sc, u, n, overflow, symbol, nonascii);
			n = 0;
			overflow = symbol = nonascii = false;
			i += step;
			continue;
		} else {
			letter = false; /* other symbols, letters, bad bytes */
		}
		if (cp < 0 || cp >= 0x80)
			nonascii = true;
		if (!letter)
			symbol = true;
		else if (n < WORD_MAX)
			u[n++] = x;
		else
			overflow = true;
		i += step;
	}
}

/* 2 per Vietnamese word with diacritics, -3 per broken one. */
static long
score_value(const struct score *s)
{
	return 2L * s->d_valid - 3L * s->d_bad;
}

/* A decoding is acceptable when some words decode to Vietnamese, hardly
 * any to garbage (at most 1 in 5) and at least half of all words are
 * Vietnamese. */
static bool
score_acceptable(const struct score *s)
{
	return s->d_valid >= 1 && s->d_bad * 5 <= s->d_valid &&
	       s->valid * 2 >= s->words;
}

static int
score_confidence(const struct score *s)
{
	unsigned d = MIN(s->d_valid, 4u);

	if (!s->words || !s->d_valid)
		return 0;
	return (int)MAX(1u, 100u * s->valid / s->words * d / 4);
}

/* Does every character of NFC text p have a cp1252/Latin-1 byte, and is
 * one of them non-ASCII (else the text reads the same either way)? */
static bool
seen_as_cp1252_possible(const char *p, size_t len)
{
	size_t i = 0;
	int32_t cp;
	bool high = false;

	while (i < len) {
		i += utf8_decode(p + i, len - i, &cp);
		if (cp1252_byte(cp) < 0 && cp != 0xFEFF) /* BOM: ignored */
			return false;
		high |= cp >= 0x80;
	}
	return high;
}

/* VIQR is 7-bit: allow only ASCII and separators (smart quotes, dashes,
 * no-break spaces a word processor adds), and at least one mark. */
static bool
viqr_possible(const char *p, size_t len)
{
	size_t i = 0;
	int32_t cp;
	bool mark = false;

	while (i < len) {
		i += utf8_decode(p + i, len - i, &cp);
		if (cp >= 0x80 && !is_separator(cp))
			return false;
		mark |= cp > 0 && cp < 0x80 && strchr("(^+'`?~.", (int)cp);
	}
	return mark;
}

struct guess {
	enum vnlegacy_enc enc;
	struct score s;
	bool ok;
};

static void
guess_try(struct guess *g, enum vnlegacy_enc enc, const char *p, size_t len,
          const struct score *as_is)
{
	struct buf raw = BUF_INIT, nfc = BUF_INIT;

	g->enc = enc;
	dec_any(enc, p, len, false, &raw);
	if (utf8_nfc(&nfc, raw.p, raw.len) != 0)
		BUG("vnlegacy: a decoder wrote invalid UTF-8");
	score_text(nfc.p, nfc.len, &g->s);
	g->ok = score_acceptable(&g->s) &&
	        (!as_is || score_value(&g->s) >= score_value(as_is) + 3);
	buf_release(&raw);
	buf_release(&nfc);
}

enum vnlegacy_enc
vnlegacy_detect(const char *in, size_t len, int *confidence)
{
	struct guess g[2];
	struct score as_is;
	struct buf nfc = BUF_INIT;
	size_t n = 0, i, best = 0, cut = utf8_cut(in, len, DETECT_MAX);
	enum vnlegacy_enc found;
	int conf = 0, worst = 0;
	bool valid = utf8_valid(in, cut);

	if (valid) {
		utf8_nfc(&nfc, in, cut);
		score_text(nfc.p, nfc.len, &as_is);
		if (seen_as_cp1252_possible(nfc.p, nfc.len)) {
			guess_try(&g[n++], VNLEGACY_TCVN3_CP1252, nfc.p,
			          nfc.len, &as_is);
			guess_try(&g[n++], VNLEGACY_VNI_CP1252, nfc.p, nfc.len,
			          &as_is);
		} else if (viqr_possible(nfc.p, nfc.len)) {
			guess_try(&g[n++], VNLEGACY_VIQR, nfc.p, nfc.len,
			          &as_is);
		}
		found = VNLEGACY_UNICODE;
	} else {
		cut = MIN(len, (size_t)DETECT_MAX);
		guess_try(&g[n++], VNLEGACY_TCVN3, in, cut, NULL);
		guess_try(&g[n++], VNLEGACY_VNI, in, cut, NULL);
		found = VNLEGACY_NONE;
	}
	buf_release(&nfc);

	for (i = 1; i < n; i++)
		if (score_value(&g[i].s) > score_value(&g[best].s))
			best = i;
	/* The best reading that would pass but for the text as it is or a
	 * rival: how unsure a "leave it" answer is. */
	for (i = 0; i < n; i++)
		if (score_acceptable(&g[i].s))
			worst = MAX(worst, score_confidence(&g[i].s));
	if (n && g[best].ok) {
		found = g[best].enc;
		conf = score_confidence(&g[best].s);
		/* Two acceptable readings close together: ask, don't guess. */
		for (i = 0; i < n; i++) {
			if (i != best && g[i].ok &&
			    score_value(&g[best].s) - score_value(&g[i].s) <
			            2) {
				found = valid ? VNLEGACY_UNICODE
				              : VNLEGACY_NONE;
				conf = 100 - worst;
			}
		}
	} else {
		conf = 100 - worst;
	}
	if (confidence)
		*confidence = conf;
	return found;
}

bool
vnlegacy_fix(const char *in, size_t len, struct buf *out,
             enum vnlegacy_enc *found)
{
	enum vnlegacy_enc enc = vnlegacy_detect(in, len, NULL);

	if (found)
		*found = enc;
	if (!vnlegacy_is_legacy(enc))
		return false;
	return vnlegacy_decode(enc, in, len, out) == ERR_OK;
}

static const char *const names[VNLEGACY__MAX] = {
        "không rõ", /* VNLEGACY_NONE */
        "Unicode",  /* VNLEGACY_UNICODE */
        "TCVN3",    /* VNLEGACY_TCVN3 */
        "TCVN3",    /* VNLEGACY_TCVN3_CAPS */
        "VNI",      /* VNLEGACY_VNI */
        "VIQR",     /* VNLEGACY_VIQR */
        "TCVN3",    /* VNLEGACY_TCVN3_CP1252 */
        "TCVN3",    /* VNLEGACY_TCVN3_CAPS_CP1252 */
        "VNI",      /* VNLEGACY_VNI_CP1252 */
};

static const char *const notices[VNLEGACY__MAX] = {
        NULL, /* VNLEGACY_NONE */
        NULL, /* VNLEGACY_UNICODE */
        "Văn bản đã được chuyển từ mã TCVN3 sang Unicode.",
        "Văn bản đã được chuyển từ mã TCVN3 sang Unicode.",
        "Văn bản đã được chuyển từ mã VNI sang Unicode.",
        "Văn bản đã được chuyển từ mã VIQR sang Unicode.",
        "Văn bản đã được chuyển từ mã TCVN3 sang Unicode.",
        "Văn bản đã được chuyển từ mã TCVN3 sang Unicode.",
        "Văn bản đã được chuyển từ mã VNI sang Unicode.",
};

const char *
vnlegacy_name(enum vnlegacy_enc enc)
{
	return (unsigned)enc < VNLEGACY__MAX ? names[enc] : names[0];
}

const char *
vnlegacy_notice(enum vnlegacy_enc enc)
{
	return (unsigned)enc < VNLEGACY__MAX ? notices[enc] : NULL;
}
