/*
 * Fuzz target for the text functions (utf8.c, vnfold.c, search.c).
 *
 * For any input: utf8_valid, vnfold, vnfold_map, vnslug, utf8_count,
 * utf8_cut and search_build_match must not crash or read out of bounds
 * (the input is copied to an exact-size heap block so ASan sees any
 * overread).  For valid UTF-8 input: NFC is valid and idempotent, the
 * fold is valid UTF-8 and idempotent, and a slug is [a-z0-9-] with no
 * leading, trailing or doubled '-'.  Each broken property aborts.
 */
#include "common.h"

#include "search.h"
#include "utf8.h"
#include "vnfold.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_slug(const char *p, size_t len)
{
	size_t i;

	if (!len)
		return;
	if (p[0] == '-' || p[len - 1] == '-')
		BUG("slug has an outer '-'");
	for (i = 0; i < len; i++) {
		char c = p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-'))
			BUG("slug has byte 0x%02x", (unsigned char)c);
		if (c == '-' && p[i + 1] == '-')
			BUG("slug has '--'");
	}
}

static void
check_valid_text(const char *p, size_t len)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	if (utf8_nfc(&a, p, len) != 0)
		BUG("utf8_nfc refused valid text");
	if (!utf8_valid(a.p, a.len))
		BUG("NFC output is not valid UTF-8");
	if (utf8_nfc(&b, a.p, a.len) != 0 || a.len != b.len ||
	    memcmp(a.p, b.p, a.len) != 0)
		BUG("NFC is not idempotent");
	buf_reset(&a);
	buf_reset(&b);
	vnfold(&a, p, len);
	if (!utf8_valid(a.p, a.len))
		BUG("vnfold output is not valid UTF-8");
	vnfold(&b, a.p, a.len);
	if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0)
		BUG("vnfold is not idempotent");
	/* The fold of the NFC form is the fold of the text. */
	buf_reset(&b);
	utf8_nfc(&b, p, len);
	{
		struct buf c = BUF_INIT;

		vnfold(&c, b.p, b.len);
		if (a.len != c.len || memcmp(a.p, c.p, a.len) != 0)
			BUG("vnfold(nfc(x)) != vnfold(x)");
		buf_release(&c);
	}
	buf_release(&a);
	buf_release(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p = xmalloc(size ? size : 1), *q;
	struct buf out = BUF_INIT;
	struct arena ar = ARENA_INIT;
	enum search_problem problem;
	size_t *map, i, n, max;
	const char *m;

	memcpy(p, data, size);
	if (utf8_valid(p, size))
		check_valid_text(p, size);

	/* Any bytes: nothing may read past size. */
	vnfold_map(&out, p, size, &map);
	for (i = 0; i < out.len; i++)
		if (map[i] > map[i + 1] || map[i] >= size)
			BUG("vnfold_map: bad map at %zu", i);
	if (map[out.len] != size)
		BUG("vnfold_map: map does not end at the input length");
	free(map);
	buf_reset(&out);
	max = size ? data[0] % 64 : 0;
	vnslug(&out, p, size, max);
	check_slug(out.p, out.len);
	if (max && out.len > max)
		BUG("slug longer than maxlen");
	buf_release(&out);
	n = utf8_count(p, size);
	if (n > size)
		BUG("utf8_count larger than the byte count");
	n = utf8_cut(p, size, max);
	if (n > max && n != size)
		BUG("utf8_cut past max");

	/* search_build_match takes a C string: up to the first NUL. */
	q = xmalloc(size + 1);
	memcpy(q, data, size);
	q[size] = '\0';
	arena_init(&ar, 0);
	m = search_build_match(&ar, q, &problem);
	if (m && (problem != SEARCH_OK || m[0] != '"'))
		BUG("search_build_match: bad result");
	if (!m && problem == SEARCH_OK)
		BUG("search_build_match: NULL without a problem");
	arena_release(&ar);
	free(q);
	free(p);
	return 0;
}
