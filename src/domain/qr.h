/*
 * QR codes as inline SVG (libqrencode), for the second factor's
 * enrolment page (totp.h).  The SVG carries no style attribute (the
 * site's Content-Security-Policy forbids inline styles): colours are
 * fill attributes, and the size is a viewBox with width and height
 * attributes that a style sheet may override.
 */
#ifndef TTDT_QR_H
#define TTDT_QR_H

#include "buf.h"
#include "err.h"

/* Light modules around the symbol (ISO/IEC 18004 asks for four). */
#define QR_QUIET 4
/* Pixels per module of the width and height attributes. */
#define QR_PX 5
/* The title of the enrolment code, for screen readers. */
#define QR_TITLE_TOTP "Mã QR để thêm tài khoản vào ứng dụng xác thực"

/*
 * Appends text as a QR code (error correction level M, 8-bit mode, the
 * smallest version that fits) in an <svg> with role="img", a <title>
 * with id title_id (unique in the page; it must be a plain name) and
 * text title (escaped here) that aria-labelledby names, a white <rect>
 * and one <path> of the dark modules, merged into one run per row.  The
 * viewBox is 0 0 W W with W the symbol's width plus 2 * QR_QUIET.
 * *modules (OUT, may be NULL) gets the symbol's width in modules, 17 + 4
 * times its version.  ERR_INVALID if text is empty or too long for any
 * QR code (about 2,300 bytes at level M); out is then unchanged.
 */
enum err qr_svg(struct buf *out, const char *text, const char *title_id,
                const char *title, int *modules);

#endif
