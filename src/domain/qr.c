/*
 * QR codes as inline SVG: libqrencode makes the symbol, this file draws
 * it.  One <path> holds every dark module, each horizontal run of them a
 * rectangle "M x y h n v1 h-n z", so a version 6 code (the size of an
 * otpauth URI) is a few kilobytes rather than a thousand <rect>s.  Only
 * presentation attributes (fill, shape-rendering) colour it: the CSP
 * refuses style attributes.  Dark on light with a four-module quiet zone
 * keeps it readable by phone cameras in dark mode too.
 */
#include "common.h"

#include <errno.h>
#include <pthread.h>
#include <qrencode.h>

#include "log.h"
#include "qr.h"

/* libqrencode can be built without its internal locks; enrolment is rare
 * enough that serialising calls costs nothing. */
static pthread_mutex_t qr_lock = PTHREAD_MUTEX_INITIALIZER;

/* The path of the dark modules of qr, offset by the quiet zone. */
static void
dark_path(struct buf *out, const QRcode *qr)
{
	int w = qr->width;

	for (int y = 0; y < w; y++) {
		const unsigned char *row = qr->data + (size_t)y * (size_t)w;

		for (int x = 0; x < w;) {
			int n = 0;

			/* Bit 0 of each byte is the module's colour, 1 dark;
			 * the other bits say what the module is part of. */
			while (x + n < w && (row[x + n] & 1))
				n++;
			if (n) {
				buf_addf(out, "M%d %dh%dv1h-%dz", x + QR_QUIET,
				         y + QR_QUIET, n, n);
				x += n;
			} else {
				x++;
			}
		}
	}
}

enum err
qr_svg(struct buf *out, const char *text, const char *title_id,
       const char *title, int *modules)
{
	QRcode *qr;
	int w, err;

	if (modules)
		*modules = 0;
	if (!text || !*text)
		return ERR_INVALID;
	pthread_mutex_lock(&qr_lock);
	errno = 0;
	qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	err = errno;
	pthread_mutex_unlock(&qr_lock);
	if (!qr) {
		if (err == ENOMEM)
			BUG("libqrencode: out of memory");
		/* ERANGE: too long for version 40; EINVAL: bad input. */
		log_warnx("cannot make a qr code of %zu bytes: %s",
		          strlen(text), strerror(err));
		return ERR_INVALID;
	}
	w = qr->width + 2 * QR_QUIET;
	buf_addf(out,
	         "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	         "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	         "role=\"img\" aria-labelledby=\"",
	         w, w, w * QR_PX, w * QR_PX);
	buf_add_attr(out, title_id, strlen(title_id));
	buf_adds(out, "\" shape-rendering=\"crispEdges\"><title id=\"");
	buf_add_attr(out, title_id, strlen(title_id));
	buf_adds(out, "\">");
	buf_add_html(out, title, strlen(title));
	buf_addf(out,
	         "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	         "<path fill=\"#000\" d=\"",
	         w, w);
	dark_path(out, qr);
	buf_adds(out, "\"/></svg>");
	if (modules)
		*modules = qr->width;
	QRcode_free(qr);
	return ERR_OK;
}
