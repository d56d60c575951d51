/*
 * Fuzz target for vnlegacy.c: legacy Vietnamese decoding and detection.
 *
 * For any input (copied to an exact-size heap block, so ASan sees any
 * overread): every decoder returns ERR_OK and appends valid UTF-8 with no
 * NUL that is already NFC; detection answers an encoding it may answer,
 * with a confidence in 0-100; vnlegacy_fix converts exactly when the
 * detected encoding is legacy, to what vnlegacy_decode gives.  Each
 * broken property aborts.
 */
#include "common.h"

#include "utf8.h"
#include "vnlegacy.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_decoding(enum vnlegacy_enc enc, const char *p, size_t size)
{
	struct buf out = BUF_INIT, nfc = BUF_INIT;

	if (vnlegacy_decode(enc, p, size, &out) != ERR_OK)
		BUG("vnlegacy_decode(%d) failed", (int)enc);
	if (out.len && !utf8_valid(out.p, out.len))
		BUG("vnlegacy_decode(%d): invalid UTF-8 or NUL", (int)enc);
	if (utf8_nfc(&nfc, out.p, out.len) != 0 || nfc.len != out.len ||
	    memcmp(nfc.p, out.p, out.len) != 0)
		BUG("vnlegacy_decode(%d): not NFC", (int)enc);
	buf_release(&out);
	buf_release(&nfc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p = xmalloc(size ? size : 1);
	struct buf fixed = BUF_INIT, want = BUF_INIT;
	enum vnlegacy_enc e, found, seen;
	int conf = -1;
	bool ok;

	memcpy(p, data, size);
	for (e = VNLEGACY_TCVN3; e < VNLEGACY__MAX; e++)
		check_decoding(e, p, size);
	if (utf8_valid(p, size))
		check_decoding(VNLEGACY_UNICODE, p, size);

	found = vnlegacy_detect(p, size, &conf);
	if (found >= VNLEGACY__MAX || found == VNLEGACY_TCVN3_CAPS ||
	    found == VNLEGACY_TCVN3_CAPS_CP1252)
		BUG("vnlegacy_detect: answer %d", (int)found);
	if (conf < 0 || conf > 100)
		BUG("vnlegacy_detect: confidence %d", conf);
	ok = vnlegacy_fix(p, size, &fixed, &seen);
	if (seen != found || ok != vnlegacy_is_legacy(found))
		BUG("vnlegacy_fix disagrees with vnlegacy_detect");
	if (ok) {
		vnlegacy_decode(found, p, size, &want);
		if (want.len != fixed.len ||
		    memcmp(want.p, fixed.p, fixed.len) != 0)
			BUG("vnlegacy_fix output differs from the decoder's");
	} else if (fixed.len) {
		BUG("vnlegacy_fix appended text and said no");
	}
	buf_release(&fixed);
	buf_release(&want);
	free(p);
	return 0;
}
