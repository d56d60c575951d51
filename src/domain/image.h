/*
 * Re-encoding uploaded photographs with libvips (issue 4 item 7): the
 * bytes a browser sends are never served.  Each picture is turned
 * upright by its EXIF orientation, scaled down to the responsive widths
 * (never up) and written again as JPEG and WebP with every piece of
 * metadata stripped (EXIF with its GPS position, XMP, IPTC, comments,
 * the ICC profile after conversion to sRGB), so nothing hidden in the
 * original — a location, a camera serial, a script in a comment — ever
 * reaches the public site.
 *
 * Thread-safe: libvips is, and each call owns its images.
 */
#ifndef TTDT_IMAGE_H
#define TTDT_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

/* The responsive widths, ascending; an image narrower than the largest
 * also gets its own width. */
#define IMAGE_WIDTHS_N 4
extern const int image_widths[IMAGE_WIDTHS_N];
/* At most this many variants (the table plus the image's own width). */
#define IMAGE_VARIANTS_MAX (IMAGE_WIDTHS_N + 1)
/* Decoding more than this is refused: a small file may claim a huge
 * picture (a decompression bomb). */
#define IMAGE_MAX_PIXELS (50 * 1000 * 1000)
#define IMAGE_MAX_SIDE 20000

enum image_format { IMAGE_JPEG, IMAGE_WEBP, IMAGE_FORMAT__MAX };

/* "jpg", "webp" and "image/jpeg", "image/webp". */
const char *image_format_ext(enum image_format f);
const char *image_format_mime(enum image_format f);

/* Starts libvips once per process (later calls do nothing) with its
 * operation cache off and untrusted loaders blocked.  False (logged) if
 * it cannot start. */
bool image_init(void);

/* What image_probe found: the upright size. */
struct image_info {
	int width, height;
};

/*
 * Reads the header of the picture in p[0..len) (JPEG, PNG, WebP or GIF)
 * and gives its size once turned upright.  ERR_INVALID if libvips cannot
 * read it or it is larger than IMAGE_MAX_PIXELS / IMAGE_MAX_SIDE; ERR_IO
 * if libvips does not start.
 */
enum err image_probe(const void *p, size_t len, struct image_info *out);

/*
 * The widths to make for an upright picture `width` pixels wide: those
 * of image_widths below it, then its own width if that is below the
 * largest (else the largest): never wider than the picture.  Returns
 * their number (>= 1), ascending, in out.
 */
size_t image_plan(int width, int out[IMAGE_VARIANTS_MAX]);

/*
 * Appends to out the picture in p[0..len), turned upright, scaled down
 * to width (height in proportion; never up), flattened on white if it
 * has transparency and format is JPEG, converted to sRGB and saved in
 * format with all metadata stripped.  *height (may be NULL) gets the
 * result's height.  ERR_INVALID if libvips fails (logged).
 */
enum err image_encode(const void *p, size_t len, int width,
                      enum image_format format, struct buf *out, int *height);

#endif
