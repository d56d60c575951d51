/*
 * The pure parts of the item editor (admin_item_edit.c), tested in
 * admin_item_form_test.c: converting the text of an HTML body from a
 * legacy Vietnamese encoding without touching its tags, and turning an
 * uploaded plain-text file (UTF-8, UTF-16 with a BOM, TCVN3 or VNI
 * bytes) into paragraphs.  Nothing here touches the store or a request.
 */
#include "common.h"

#include "utf8.h"
#include "admin_item_form.h"

/*
 * Converts the text of html (outside its tags) from a legacy encoding if
 * the text, read as a whole, is in one.  Tags and attributes are copied
 * as they are: VIQR's marks must not touch a URL or a class name, and
 * the sanitiser decides what survives of them anyway.  Returns true and
 * sets *out and *enc if it converted.
 */
bool
item_convert_html(struct arena *a, const char *html, const char **out,
                  enum vnlegacy_enc *enc)
{
	struct buf text = BUF_INIT, res = BUF_INIT;
	enum vnlegacy_enc e;
	const char *p = html;
	bool ok = true;

	/* The text the detector reads: every run outside a tag. */
	while (*p) {
		size_t n = strcspn(p, "<");

		if (n) {
			buf_add(&text, p, n);
			buf_addch(&text, ' ');
		}
		p += n;
		if (*p == '<')
			p += strcspn(p, ">") + (p[strcspn(p, ">")] == '>');
	}
	e = vnlegacy_detect(text.p, text.len, NULL);
	buf_release(&text);
	if (!vnlegacy_is_legacy(e))
		return false;
	for (p = html; *p && ok;) {
		size_t n = strcspn(p, "<");

		if (n && vnlegacy_decode(e, p, n, &res) != ERR_OK)
			ok = false;
		p += n;
		if (*p == '<') {
			n = strcspn(p, ">");
			n += p[n] == '>';
			buf_add(&res, p, n);
			p += n;
		}
	}
	if (ok) {
		*out = arena_strndup(a, res.p, res.len);
		*enc = e;
	}
	buf_release(&res);
	return ok;
}

/* True if every character of s is ASCII or one a cp1252 reading of a
 * byte gives (U+0080..U+00FF and cp1252's punctuation), with at least
 * one that is not ASCII: text that may be legacy bytes seen as cp1252. */
bool
item_cp1252_shaped(const char *s)
{
	static const int32_t extra[] = {
	        0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017D, 0x2018,
	        0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
	        0x2122, 0x0161, 0x203A, 0x0153, 0x017E, 0x0178};
	size_t len = strlen(s), i = 0, n;
	bool wide = false;
	int32_t cp;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0 || cp < 0)
			return false;
		i += n;
		if (cp < 0x80)
			continue;
		wide = true;
		if (cp <= 0xFF)
			continue;
		for (n = 0; n < ARRAY_SIZE(extra) && extra[n] != cp; n++)
			;
		if (n == ARRAY_SIZE(extra))
			return false;
	}
	return wide;
}

/* Appends UTF-16 (le: little-endian) as UTF-8; false if malformed. */
static bool
utf16_to_utf8(struct buf *out, const unsigned char *p, size_t len, bool le)
{
	if (len % 2)
		return false;
	for (size_t i = 0; i < len; i += 2) {
		uint32_t u = le ? (uint32_t)(p[i] | p[i + 1] << 8)
		                : (uint32_t)(p[i] << 8 | p[i + 1]);

		if (u >= 0xD800 && u <= 0xDBFF) {
			uint32_t lo;

			if (i + 3 >= len)
				return false;
			lo = le ? (uint32_t)(p[i + 2] | p[i + 3] << 8)
			        : (uint32_t)(p[i + 2] << 8 | p[i + 3]);
			if (lo < 0xDC00 || lo > 0xDFFF)
				return false;
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			return false;
		}
		if (u == 0)
			return false;
		if (u < 0x80) {
			buf_addch(out, (char)u);
		} else if (u < 0x800) {
			buf_addch(out, (char)(0xC0 | u >> 6));
			buf_addch(out, (char)(0x80 | (u & 0x3F)));
		} else if (u < 0x10000) {
			buf_addch(out, (char)(0xE0 | u >> 12));
			buf_addch(out, (char)(0x80 | (u >> 6 & 0x3F)));
			buf_addch(out, (char)(0x80 | (u & 0x3F)));
		} else {
			buf_addch(out, (char)(0xF0 | u >> 18));
			buf_addch(out, (char)(0x80 | (u >> 12 & 0x3F)));
			buf_addch(out, (char)(0x80 | (u >> 6 & 0x3F)));
			buf_addch(out, (char)(0x80 | (u & 0x3F)));
		}
	}
	return true;
}

/* Appends plain text as HTML paragraphs: each block between blank lines
 * a <p>, escaped, its line breaks kept as <br>. */
void
item_text_to_html(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t end, j, lines = 0;

		/* Skip blank lines (spaces, tabs, CR, LF). */
		while (i < len && strchr(" \t\r\n", s[i]))
			i++;
		if (i >= len)
			break;
		/* The block ends at a line holding only blanks. */
		for (end = i; end < len; end++) {
			if (s[end] != '\n')
				continue;
			for (j = end + 1;
			     j < len &&
			     (s[j] == ' ' || s[j] == '\t' || s[j] == '\r');
			     j++)
				;
			if (j >= len || s[j] == '\n')
				break;
		}
		buf_adds(out, "<p>");
		while (i < end) {
			size_t n = strcspn(s + i, "\n");
			size_t m;

			if (i + n > end)
				n = end - i;
			m = n;
			while (m && strchr(" \t\r", s[i + m - 1]))
				m--;
			if (lines++)
				buf_adds(out, "<br>");
			buf_add_html(out, s + i, m);
			i += n + (i + n < end);
			while (i < end && (s[i] == ' ' || s[i] == '\t'))
				i++;
		}
		buf_adds(out, "</p>\n");
		i = end;
	}
}

/*
 * The body made from the uploaded text file u: UTF-8 (with or without
 * its BOM), UTF-16 with a BOM, or TCVN3/VNI bytes; UTF-8 text in VIQR or
 * seen through cp1252 is converted too.  Returns the HTML in the arena,
 * or NULL with *err set.  *enc gets the legacy encoding converted from
 * (VNLEGACY_NONE if none).
 */
const char *
item_text_file(struct arena *a, const char *data, size_t len,
               enum vnlegacy_enc *enc, const char **err)
{
	const unsigned char *p = (const unsigned char *)data;
	struct buf text = BUF_INIT, fixed = BUF_INIT, html = BUF_INIT;
	const char *res = NULL;
	enum vnlegacy_enc e;

	*enc = VNLEGACY_NONE;
	*err = NULL;
	if (len > ITEM_TEXT_FILE_MAX) {
		*err = "Tệp văn bản quá lớn: tối đa 512 KB.";
		return NULL;
	}
	/* Everything from here to out: releases the buffers. */
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		buf_add(&text, p + 3, len - 3);
	} else if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
	                        (p[0] == 0xFE && p[1] == 0xFF))) {
		if (!utf16_to_utf8(&text, p + 2, len - 2, p[0] == 0xFF)) {
			*err = "Tệp UTF-16 bị lỗi; vui lòng lưu lại tệp ở "
			       "dạng Unicode (UTF-8).";
			goto out;
		}
	} else if (utf8_valid((const char *)p, len) && !memchr(p, 0, len)) {
		buf_add(&text, p, len);
	} else {
		e = vnlegacy_detect((const char *)p, len, NULL);
		if (!vnlegacy_is_legacy(e) ||
		    vnlegacy_decode(e, (const char *)p, len, &text) != ERR_OK) {
			*err = "Không nhận ra bảng mã của tệp văn bản; vui "
			       "lòng lưu tệp ở dạng Unicode (UTF-8) rồi thử "
			       "lại.";
			goto out;
		}
		*enc = e;
	}
	if (*enc == VNLEGACY_NONE) {
		if (memchr(text.p, 0, text.len)) {
			*err = "Tệp văn bản chứa ký tự không hợp lệ.";
			goto out;
		}
		if (vnlegacy_fix(text.p, text.len, &fixed, &e)) {
			*enc = e;
			buf_reset(&text);
			buf_add(&text, fixed.p, fixed.len);
		}
	}
	buf_reset(&fixed);
	if (utf8_nfc(&fixed, text.p, text.len) != 0) {
		*err = "Tệp văn bản chứa ký tự không hợp lệ.";
		goto out;
	}
	item_text_to_html(&html, fixed.p, fixed.len);
	if (html.len == 0) {
		*err = "Tệp văn bản không có nội dung.";
		goto out;
	}
	res = arena_strndup(a, html.p, html.len);
out:
	buf_release(&text);
	buf_release(&fixed);
	buf_release(&html);
	return res;
}
