/*
 * Re-encoding uploaded photographs with libvips (see image.h).
 *
 * vips_thumbnail_buffer does the heavy lifting: it shrinks while it
 * decodes (a 6000-pixel JPEG is read at 1/4 or 1/8 scale when a 640
 * variant is wanted), applies the EXIF orientation, imports an embedded
 * ICC profile and converts to sRGB.  Each variant is made from the
 * uploaded bytes again rather than from one decoded picture: shrink-on-
 * load makes that cheaper than keeping a full-size decode in memory.
 *
 * Only the JPEG, PNG, WebP and GIF loaders are used, checked by name
 * before anything is decoded, whatever libmagic said: libvips can also
 * load SVG, PDF, TIFF, FITS, Matlab and more, and none of those belong
 * in a newsroom upload.  vips_block_untrusted_set keeps the loaders
 * libvips itself marks as unsafe for untrusted input off as a second
 * line.
 */
#include "common.h"

#include <pthread.h>

#include <vips/vips.h>

#include "image.h"
#include "log.h"

const int image_widths[IMAGE_WIDTHS_N] = {320, 640, 1024, 1600};

/* Indexed by enum image_format. */
static const char *const format_ext[IMAGE_FORMAT__MAX] = {
        "jpg",  /* IMAGE_JPEG */
        "webp", /* IMAGE_WEBP */
};
static const char *const format_mime[IMAGE_FORMAT__MAX] = {
        "image/jpeg", /* IMAGE_JPEG */
        "image/webp", /* IMAGE_WEBP */
};

/* The loaders allowed for uploads (vips_foreign_find_load_buffer names). */
static const char *const loaders[] = {
        "VipsForeignLoadJpegBuffer",
        "VipsForeignLoadPngBuffer",
        "VipsForeignLoadWebpBuffer",
        "VipsForeignLoadNsgifBuffer",
};

const char *
image_format_ext(enum image_format f)
{
	return (unsigned)f < IMAGE_FORMAT__MAX ? format_ext[f] : NULL;
}

const char *
image_format_mime(enum image_format f)
{
	return (unsigned)f < IMAGE_FORMAT__MAX ? format_mime[f] : NULL;
}

static pthread_once_t vips_once = PTHREAD_ONCE_INIT;
static bool vips_ok;

static void
vips_start(void)
{
	/* Another module (demo_images.c) may have started libvips
	 * already; vips_init then returns at once. */
	if (VIPS_INIT("ttdt")) {
		log_errx("cannot initialise libvips: %s", vips_error_buffer());
		vips_error_clear();
		return;
	}
	vips_cache_set_max(0);
	vips_block_untrusted_set(TRUE);
	vips_ok = true;
}

bool
image_init(void)
{
	pthread_once(&vips_once, vips_start);
	return vips_ok;
}

static void
image_vips_warn(const char *what)
{
	log_warnx("image: %s: %s", what, vips_error_buffer());
	vips_error_clear();
}

/* True if libvips would read p[0..len) with one of the allowed loaders. */
static bool
allowed_loader(const void *p, size_t len)
{
	const char *ld = vips_foreign_find_load_buffer(p, len);

	if (!ld) {
		vips_error_clear();
		return false;
	}
	for (size_t i = 0; i < ARRAY_SIZE(loaders); i++)
		if (strcmp(ld, loaders[i]) == 0)
			return true;
	log_warnx("image: refused loader '%s'", ld);
	return false;
}

static enum err
probe(const void *p, size_t len, struct image_info *out)
{
	VipsImage *im;
	double avg;
	int w, h;

	memset(out, 0, sizeof(*out));
	if (!image_init())
		return ERR_IO;
	if (!allowed_loader(p, len))
		return ERR_INVALID;
	/* Reads the header only: pixels are decoded on demand. */
	if (!(im = vips_image_new_from_buffer(p, len, "", NULL))) {
		image_vips_warn("cannot read an image header");
		return ERR_INVALID;
	}
	w = vips_image_get_width(im);
	h = vips_image_get_page_height(im);
	if (vips_image_get_orientation_swap(im)) {
		int t = w;

		w = h;
		h = t;
	}
	g_object_unref(im);
	if (w <= 0 || h <= 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
	    (int64_t)w * h > IMAGE_MAX_PIXELS)
		return ERR_INVALID;
	/* Decodes every pixel once, streaming, so a truncated or corrupt
	 * file is refused here rather than shown half grey: the shrinking
	 * loaders of image_encode only warn. */
	im = vips_image_new_from_buffer(p, len, "", "access",
	                                VIPS_ACCESS_SEQUENTIAL, "fail_on",
	                                VIPS_FAIL_ON_TRUNCATED, NULL);
	if (!im || vips_avg(im, &avg, NULL)) {
		image_vips_warn("cannot decode an image");
		if (im)
			g_object_unref(im);
		return ERR_INVALID;
	}
	g_object_unref(im);
	out->width = w;
	out->height = h;
	return ERR_OK;
}

size_t
image_plan(int width, int out[IMAGE_VARIANTS_MAX])
{
	int largest = image_widths[IMAGE_WIDTHS_N - 1];
	size_t n = 0;

	for (size_t i = 0; i < IMAGE_WIDTHS_N; i++)
		if (image_widths[i] < width)
			out[n++] = image_widths[i];
	if (width < largest)
		out[n++] = width;
	else if (n == 0 || out[n - 1] != largest)
		out[n++] = largest;
	return n;
}

/* A copy of in without any metadata (EXIF with GPS, XMP, IPTC, ICC,
 * comments, orientation): what is left is pixels and their geometry.
 * The savers' "strip" alone is not enough in libvips 8.14: webpsave
 * still writes an EXIF chunk built from the image's fields. */
static int
drop_meta(VipsImage *in, VipsImage **out)
{
	char **fields;

	if (vips_copy(in, out, NULL))
		return -1;
	fields = vips_image_get_fields(*out);
	/* Built-in fields (width, bands...) are not removable: only the
	 * metadata table goes. */
	for (char **f = fields; *f; f++)
		vips_image_remove(*out, *f);
	g_strfreev(fields);
	return 0;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void
put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/*
 * Appends the WebP file p[0..len) to out without its EXIF, XMP and ICC
 * chunks, clearing their flags in VP8X (RIFF container, Google's "WebP
 * Container Specification").  False if p is not a WebP file as libwebp
 * writes it (out may then hold part of it).
 */
static bool
webp_strip(struct buf *out, const unsigned char *p, size_t len)
{
	size_t start = out->len, off = 12;

	if (len < 12 || memcmp(p, "RIFF", 4) != 0 ||
	    memcmp(p + 8, "WEBP", 4) != 0 || le32(p + 4) != len - 8)
		return false;
	buf_add(out, p, 12);
	while (off + 8 <= len) {
		size_t n = le32(p + off + 4), whole = 8 + n + (n & 1);

		if (whole > len - off)
			return false;
		if (memcmp(p + off, "EXIF", 4) != 0 &&
		    memcmp(p + off, "XMP ", 4) != 0 &&
		    memcmp(p + off, "ICCP", 4) != 0) {
			size_t at = out->len;

			buf_add(out, p + off, whole);
			/* VP8X flags: ICC 0x20, EXIF 0x08, XMP 0x04. */
			if (memcmp(p + off, "VP8X", 4) == 0 && n >= 1)
				out->p[at + 8] &= (char)~0x2c;
		}
		off += whole;
	}
	if (off != len || buf_err(out))
		return false;
	put_le32((unsigned char *)out->p + start + 4,
	         (uint32_t)(out->len - start - 8));
	return true;
}

/* Saves im in format into out, stripped of metadata. */
static int
save(VipsImage *im, enum image_format format, struct buf *out)
{
	void *data = NULL;
	size_t len = 0;
	int rc;

	if (format == IMAGE_JPEG)
		rc = vips_jpegsave_buffer(im, &data, &len, "Q", 82, "strip",
		                          TRUE, "optimize_coding", TRUE,
		                          "interlace", TRUE, NULL);
	else
		rc = vips_webpsave_buffer(im, &data, &len, "Q", 80, "strip",
		                          TRUE, NULL);
	if (rc == 0 && format == IMAGE_JPEG)
		buf_add(out, data, len);
	else if (rc == 0 && !webp_strip(out, data, len)) {
		vips_error("ttdt", "libwebp wrote an unexpected file");
		rc = -1;
	}
	g_free(data);
	return rc;
}

static enum err
encode(const void *p, size_t len, int width, enum image_format format,
       struct buf *out, int *height)
{
	VipsObject *scope;
	VipsImage **t;
	VipsImage *im;
	enum err e = ERR_INVALID;

	if (!image_init())
		return ERR_IO;
	if ((unsigned)format >= IMAGE_FORMAT__MAX || width <= 0)
		BUG("image_encode: format %d width %d", format, width);
	if (!allowed_loader(p, len))
		return ERR_INVALID;
	scope = VIPS_OBJECT(vips_image_new());
	t = (VipsImage **)vips_object_local_array(scope, 4);
	/* From here every failure goes to out.  The buffer is only read:
	 * libvips's prototype lacks the const. */
	if (vips_thumbnail_buffer((void *)p, len, &t[0], width, "height",
	                          VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
	                          "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) {
		image_vips_warn("cannot decode an image");
		goto out;
	}
	im = t[0];
	/* 16-bit, grey with alpha, CMYK without a profile...: one
	 * interpretation for both encoders. */
	if (!(vips_image_guess_interpretation(im) == VIPS_INTERPRETATION_B_W &&
	      vips_image_get_format(im) == VIPS_FORMAT_UCHAR)) {
		if (vips_colourspace(im, &t[1], VIPS_INTERPRETATION_sRGB,
		                     NULL)) {
			image_vips_warn("cannot convert an image to sRGB");
			goto out;
		}
		im = t[1];
	}
	if (format == IMAGE_JPEG && vips_image_hasalpha(im)) {
		/* One value serves any number of bands. */
		VipsArrayDouble *white = vips_array_double_newv(1, 255.0);
		int rc = vips_flatten(im, &t[2], "background", white, NULL);

		vips_area_unref(VIPS_AREA(white));
		if (rc) {
			image_vips_warn("cannot flatten an image");
			goto out;
		}
		im = t[2];
	}
	if (drop_meta(im, &t[3])) {
		image_vips_warn("cannot copy an image");
		goto out;
	}
	im = t[3];
	if (save(im, format, out)) {
		image_vips_warn("cannot encode an image");
		goto out;
	}
	if (height)
		*height = vips_image_get_height(im);
	e = ERR_OK;
out:
	g_object_unref(scope);
	return e;
}

/*
 * One picture at a time: decoding a camera photo holds tens of MiB
 * (bench/upload-rss), and uploads are rare next to page views, so two at
 * once would only double the peak; each already uses every core.
 */
static pthread_mutex_t image_gate = PTHREAD_MUTEX_INITIALIZER;

enum err
image_probe(const void *p, size_t len, struct image_info *out)
{
	enum err e;

	pthread_mutex_lock(&image_gate);
	e = probe(p, len, out);
	pthread_mutex_unlock(&image_gate);
	return e;
}

enum err
image_encode(const void *p, size_t len, int width, enum image_format format,
             struct buf *out, int *height)
{
	enum err e;

	pthread_mutex_lock(&image_gate);
	e = encode(p, len, width, format, out, height);
	pthread_mutex_unlock(&image_gate);
	return e;
}
