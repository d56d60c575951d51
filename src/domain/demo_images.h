/*
 * Demo photographs: a small fixed set of photo-like JPEG pictures drawn
 * with libvips (no network, no fonts), shared by every demo item so that
 * 100,000 items need only DEMO_IMAGES_N files.
 *
 * Picture i (0 <= i < DEMO_IMAGES_N) is written as media_dir/demo/NN.jpg
 * (1200x675) and media_dir/demo/NN-400.jpg (400x225), NN = two digits,
 * and for the media library's rows (the demo's photo albums) also as
 * NN-1200.jpg, NN-1200.webp and NN-400.webp.
 * The pictures depend only on i, so two runs draw the same files.
 */
#ifndef TTDT_DEMO_IMAGES_H
#define TTDT_DEMO_IMAGES_H

#include <stdint.h>

#include "buf.h"
#include "err.h"

#define DEMO_IMAGES_N 24
#define DEMO_IMAGE_W 1200
#define DEMO_IMAGE_H 675
#define DEMO_THUMB_W 400
#define DEMO_THUMB_H 225

/* What a picture shows, so an item's cover suits its story. */
enum demo_scene {
	DEMO_SCENE_HALL,      /* a conference hall: red backdrop, table */
	DEMO_SCENE_VILLAGE,   /* a highland village with a communal house */
	DEMO_SCENE_OFFICE,    /* an office building with a flag */
	DEMO_SCENE_LANDSCAPE, /* mountains and fields of Kon Tum */
	DEMO_SCENE__MAX
};

/* The scene picture i shows. */
enum demo_scene demo_image_scene(unsigned i);

/* A picture of the given scene, chosen by r (any number). */
unsigned demo_image_pick(enum demo_scene scene, uint64_t r);

/* Appends the path of picture i relative to the media folder,
 * "demo/07.jpg". */
void demo_image_path(struct buf *out, unsigned i);

/* Appends the path of picture i as a media row names it (media.h),
 * "demo/07-1200.jpg": the largest JPEG, with its DEMO_MEDIA_WIDTHS
 * variants in JPEG and WebP beside it ("demo/07-400.webp"...). */
void demo_image_media_path(struct buf *out, unsigned i);
#define DEMO_MEDIA_WIDTHS "400,1200"

/*
 * Draws every picture into media_dir/demo/ (creating media_dir and demo/
 * if needed; an existing complete set is kept as it is).  Initialises
 * libvips once per process and turns its operation cache off.  ERR_IO if
 * a folder cannot be made or libvips fails (logged).
 */
enum err demo_images_write(const char *media_dir);

#endif
