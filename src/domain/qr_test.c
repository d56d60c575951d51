/* Tests of QR codes as SVG: the markup (viewBox, role, title, no style),
 * and that the path, read back module by module, is exactly the symbol
 * libqrencode makes, with its finder patterns where a reader looks. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <qrencode.h>

#include "log.h"
#include "qr.h"

#define URI                                                                    \
	"otpauth://totp/S%E1%BB%9F%20T%C6%B0%20ph%C3%A1p:staff%40stp.example"  \
	"?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=S%E1%BB%9F%20T%C6%B0" \
	"%20ph%C3%A1p&algorithm=SHA1&digits=6&period=30"

/* Reads the path data "M x y h n v1 h-n z ..." of svg into a bitmap of
 * side w (modules with the quiet zone); false if anything else is there
 * or a run falls outside. */
static bool
path_modules(const char *svg, int w, unsigned char *bits)
{
	const char *p = strstr(svg, " d=\"");
	int x, y, n, n2, used;

	if (!p)
		return false;
	p += 4;
	while (*p != '"') {
		if (sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &n2, &used) !=
		            4 ||
		    n != n2 || n < 1 || x < 0 || y < 0 || y >= w || x + n > w)
			return false;
		for (int i = 0; i < n; i++) {
			/* Runs never overlap: each module is drawn once. */
			if (bits[y * w + x + i])
				return false;
			bits[y * w + x + i] = 1;
		}
		p += used;
	}
	return true;
}

/* A 7x7 finder pattern with its top-left module at (x, y). */
static void
finder_at(const unsigned char *bits, int w, int x, int y)
{
	for (int j = 0; j < 7; j++)
		for (int i = 0; i < 7; i++) {
			bool ring = i == 0 || i == 6 || j == 0 || j == 6;
			bool core = i >= 2 && i <= 4 && j >= 2 && j <= 4;

			assert_int_equal(bits[(y + j) * w + x + i],
			                 ring || core);
		}
}

static void
check_symbol(const char *text)
{
	struct buf b = BUF_INIT;
	QRcode *qr;
	char want[64];
	unsigned char *bits;
	int modules = -1, w;

	assert_int_equal(qr_svg(&b, text, "qr-t", QR_TITLE_TOTP, &modules),
	                 ERR_OK);
	buf_check(&b);
	qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(qr);
	assert_int_equal(modules, qr->width);
	assert_int_equal(modules, 17 + 4 * qr->version);
	w = modules + 2 * QR_QUIET;

	assert_true(strncmp(b.p, "<svg xmlns=\"http://www.w3.org/2000/svg\" ",
	                    40) == 0);
	assert_true(b.len > 6 && strcmp(b.p + b.len - 6, "</svg>") == 0);
	snprintf(want, sizeof(want), "viewBox=\"0 0 %d %d\"", w, w);
	assert_non_null(strstr(b.p, want));
	snprintf(want, sizeof(want), "width=\"%d\" height=\"%d\"", w * QR_PX,
	         w * QR_PX);
	assert_non_null(strstr(b.p, want));
	assert_non_null(strstr(b.p, " role=\"img\" aria-labelledby=\"qr-t\""));
	assert_non_null(
	        strstr(b.p, "<title id=\"qr-t\">" QR_TITLE_TOTP "</title>"));
	assert_non_null(strstr(b.p, "<path fill=\"#000\" d=\"M"));
	assert_null(strstr(b.p, "style"));

	/* The drawing is the symbol: every module, nothing else, and light
	 * all round the quiet zone. */
	bits = calloc((size_t)(w * w), 1);
	assert_true(path_modules(b.p, w, bits));
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++) {
			int sx = x - QR_QUIET, sy = y - QR_QUIET;
			int dark = 0;

			if (sx >= 0 && sy >= 0 && sx < modules && sy < modules)
				dark = qr->data[sy * modules + sx] & 1;
			assert_int_equal(bits[y * w + x], dark);
		}
	finder_at(bits, w, QR_QUIET, QR_QUIET);
	finder_at(bits, w, QR_QUIET + modules - 7, QR_QUIET);
	finder_at(bits, w, QR_QUIET, QR_QUIET + modules - 7);
	free(bits);
	QRcode_free(qr);
	buf_release(&b);
}

static void
test_qr__otpauth_uri(void **state)
{
	(void)state;
	check_symbol(URI);
	check_symbol("A");
	check_symbol("Sở Tư pháp tỉnh Kon Tum");
}

static void
test_qr__sizes_grow(void **state)
{
	char text[1200];
	struct buf b = BUF_INIT;
	int small, large;

	(void)state;
	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	assert_int_equal(qr_svg(&b, "x", "t", "t", &small), ERR_OK);
	assert_int_equal(small, 21); /* version 1 */
	buf_reset(&b);
	assert_int_equal(qr_svg(&b, text, "t", "t", &large), ERR_OK);
	assert_true(large > 100);
	assert_int_equal((large - 17) % 4, 0);
	buf_release(&b);
	check_symbol(text);
}

static void
test_qr__escapes_title(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(qr_svg(&b, "x", "a\"b", "<b>&'\"", NULL), ERR_OK);
	assert_non_null(strstr(b.p, "aria-labelledby=\"a&quot;b\""));
	assert_non_null(strstr(b.p, ">&lt;b&gt;&amp;&#39;&quot;</title>"));
	assert_null(strstr(b.p, "<b>"));
	buf_release(&b);
}

static void
test_qr__refuses_too_long_and_empty(void **state)
{
	size_t n = 4000;
	char *text = malloc(n + 1);
	struct buf b = BUF_INIT;
	int modules = 7;

	(void)state;
	memset(text, 'x', n);
	text[n] = '\0';
	buf_adds(&b, "kept");
	assert_int_equal(qr_svg(&b, text, "t", "t", &modules), ERR_INVALID);
	assert_int_equal(modules, 0);
	assert_string_equal(b.p, "kept");
	assert_int_equal(qr_svg(&b, "", "t", "t", NULL), ERR_INVALID);
	assert_int_equal(qr_svg(&b, NULL, "t", "t", NULL), ERR_INVALID);
	assert_string_equal(b.p, "kept");
	buf_release(&b);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_qr__otpauth_uri),
	        cmocka_unit_test(test_qr__sizes_grow),
	        cmocka_unit_test(test_qr__escapes_title),
	        cmocka_unit_test(test_qr__refuses_too_long_and_empty),
	};

	log_set_level(LOG_LEVEL_ERR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
