/*
 * UTF-8 validation, decoding and NFC normalisation.
 *
 * Regulation Điều 3: text is Unicode (TCVN 6909:2001) and we store it in
 * NFC.  utf8_valid runs on every request body and query string, so it
 * checks ASCII eight bytes at a time and decodes only non-ASCII bytes.
 * Validation follows RFC 3629 section 4 (the byte-sequence table), which
 * excludes overlong forms, the surrogates U+D800..U+DFFF and anything above
 * U+10FFFF; we also refuse NUL, which no text field may contain.
 *
 * Normalisation is utf8proc's; before calling it we take a quick check
 * (UAX #15 section 9): text made only of code points below U+0300 or in
 * Latin Extended Additional (U+1E00..U+1EFF) is already NFC, because every
 * such code point has NFC_Quick_Check=Yes and combining class 0.  That
 * covers almost all Vietnamese text typed with a Unicode keyboard.
 */
#include "common.h"

#include <utf8proc.h>

#include "utf8.h"
#include "xalloc.h"

#define HIGH_BITS 0x8080808080808080ULL
#define LOW_BITS 0x0101010101010101ULL

/* Length of the valid sequence at p, or 0 if it is not one (RFC 3629
 * section 4).  Sets *cp on success. */
static size_t
decode_strict(const unsigned char *p, size_t len, int32_t *cp)
{
	unsigned char b0 = p[0];

	if (b0 < 0x80) {
		*cp = b0;
		return 1;
	}
	if (b0 < 0xC2) /* continuation byte, or overlong C0/C1 lead */
		return 0;
	if (b0 < 0xE0) {
		if (len < 2 || (p[1] & 0xC0) != 0x80)
			return 0;
		*cp = (int32_t)(b0 & 0x1F) << 6 | (p[1] & 0x3F);
		return 2;
	}
	if (b0 < 0xF0) {
		if (len < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if (b0 == 0xE0 && p[1] < 0xA0) /* overlong */
			return 0;
		if (b0 == 0xED && p[1] >= 0xA0) /* surrogate */
			return 0;
		*cp = (int32_t)(b0 & 0x0F) << 12 | (int32_t)(p[1] & 0x3F) << 6 |
		      (p[2] & 0x3F);
		return 3;
	}
	if (b0 < 0xF5) {
		if (len < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		if (b0 == 0xF0 && p[1] < 0x90) /* overlong */
			return 0;
		if (b0 == 0xF4 && p[1] >= 0x90) /* above U+10FFFF */
			return 0;
		*cp = (int32_t)(b0 & 0x07) << 18 |
		      (int32_t)(p[1] & 0x3F) << 12 |
		      (int32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
		return 4;
	}
	return 0;
}

bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		int32_t cp;
		size_t n;

		/* ASCII runs eight bytes at a time: no high bit and no zero
		 * byte (the classic "has a zero byte" test). */
		while (len - i >= 8) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if ((w & HIGH_BITS) ||
			    ((w - LOW_BITS) & ~w & HIGH_BITS))
				break;
			i += 8;
		}
		if (i == len)
			break;
		if (p[i] && p[i] < 0x80) {
			i++;
			continue;
		}
		if (!p[i] || !(n = decode_strict(p + i, len - i, &cp)))
			return false;
		i += n;
	}
	return true;
}

size_t
utf8_decode(const char *p, size_t len, int32_t *cp)
{
	size_t n;

	if (!len) {
		*cp = -1;
		return 0;
	}
	n = decode_strict((const unsigned char *)p, len, cp);
	if (!n) {
		*cp = -1;
		return 1;
	}
	return n;
}

/* True if p is made only of code points that are NFC on their own and
 * never combine with a neighbour (see the file comment). */
static bool
nfc_quick_yes(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int32_t cp;

		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		i += utf8_decode(p + i, len - i, &cp);
		if (cp >= 0x300 && (cp < 0x1E00 || cp > 0x1EFF))
			return false;
	}
	return true;
}

int
utf8_nfc(struct buf *out, const char *p, size_t len)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n;

	if (!utf8_valid(p, len))
		return -1;
	if (nfc_quick_yes(p, len)) {
		buf_add(out, p, len);
		return 0;
	}
	if (len > (size_t)PTRDIFF_MAX / 8)
		BUG("utf8_nfc: input too large (%zu bytes)", len);
	n = utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)len,
	                 &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n == UTF8PROC_ERROR_NOMEM) {
		fprintf(stderr, "ttdt: out of memory in utf8proc_map\n");
		abort();
	}
	if (n < 0) /* cannot happen for valid UTF-8 */
		BUG("utf8proc_map: %s", utf8proc_errmsg(n));
	buf_add(out, dst, (size_t)n);
	free(dst);
	return 0;
}

char *
utf8_nfc_dup(struct arena *a, const char *p, size_t len)
{
	struct buf b = BUF_INIT;
	char *r;

	if (!utf8_valid(p, len))
		return NULL;
	if (nfc_quick_yes(p, len))
		return arena_strndup(a, p, len);
	utf8_nfc(&b, p, len);
	r = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return r;
}

size_t
utf8_count(const char *p, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)p[i] & 0xC0) != 0x80;
	return n;
}

size_t
utf8_cut(const char *p, size_t len, size_t max)
{
	size_t n;

	if (max >= len)
		return len;
	/* p[max] is the first byte left out: back up while it continues
	 * the character before it. */
	for (n = max; n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80; n--)
		;
	return n;
}
