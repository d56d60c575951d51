/*
 * Fuzz target for the HTML sanitiser (sanitize.c).
 *
 * For any input: sanitize_html must not crash, leak or read out of bounds
 * (the input is copied to an exact-size heap block so ASan sees any
 * overread).  When it accepts the input: the output is valid UTF-8 and
 * NFC, holds no '<' that starts anything but an allowlisted tag, and
 * sanitising it again gives the same bytes (idempotence) without anything
 * reported as removed.  Each broken property aborts.
 */
#include "common.h"

#include "sanitize.h"
#include "utf8.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const tags[] = {
        "p",     "br",    "h2",  "h3",   "h4",         "strong",  "em",
        "u",     "s",     "sub", "sup",  "blockquote", "ul",      "ol",
        "li",    "dl",    "dt",  "dd",   "table",      "caption", "thead",
        "tbody", "tfoot", "tr",  "th",   "td",         "figure",  "figcaption",
        "hr",    "code",  "pre", "abbr", "a",          "img",
};

static void
check_tags(const char *p, size_t len)
{
	size_t i, k;

	for (i = 0; i < len; i++) {
		size_t n, s;

		if (p[i] != '<')
			continue;
		s = i + 1 + (i + 1 < len && p[i + 1] == '/');
		for (n = 0; s + n < len && p[s + n] >= 'a' && p[s + n] <= 'z';
		     n++)
			;
		if (n == 1 && p[s] == 'h' && s + 1 < len && p[s + 1] >= '2' &&
		    p[s + 1] <= '4')
			n = 2;
		for (k = 0; k < ARRAY_SIZE(tags); k++)
			if (strlen(tags[k]) == n &&
			    memcmp(tags[k], p + s, n) == 0 &&
			    (p[s + n] == '>' || p[s + n] == ' '))
				break;
		if (k == ARRAY_SIZE(tags))
			BUG("unexpected markup at %zu: %.20s", i, p + i);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p = xmalloc(size ? size : 1);
	struct buf a = BUF_INIT, b = BUF_INIT, n = BUF_INIT;
	struct sanitize_report rep;
	enum err e;

	memcpy(p, data, size);
	e = sanitize_html(&a, p, size, NULL, &rep);
	if (e != ERR_OK) {
		if (e != ERR_INVALID || a.len)
			BUG("refused with %d and output", (int)e);
		goto out;
	}
	if (!utf8_valid(a.p, a.len))
		BUG("output is not valid UTF-8");
	check_tags(a.p, a.len);
	if (sanitize_html(&b, a.p, a.len, NULL, &rep) != ERR_OK)
		BUG("output refused");
	if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0)
		BUG("not idempotent:\n%s\n%s", a.p, b.p);
	if (sanitize_report_unsafe(&rep) || rep.dropped_attrs)
		BUG("output still had something to remove");
	if (utf8_nfc(&n, a.p, a.len) != 0)
		BUG("NFC refused the output");
out:
	buf_release(&a);
	buf_release(&b);
	buf_release(&n);
	free(p);
	return 0;
}
