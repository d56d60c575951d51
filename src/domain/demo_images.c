/*
 * Demo photographs drawn with libvips (Điều 9.1.b: activity news carries a
 * photo, so the demo needs believable covers).
 *
 * Each picture is built in two stages.  First, soft layers are composited
 * in floating point: a sky gradient, ridges whose outline is a sum of
 * sines, a glowing sun, each blended through a blurred mask so edges look
 * photographic.  Then the result is copied to memory and solid shapes are
 * painted on it (a red backdrop and table for a conference, a communal
 * house, an office facade).  A light blur, a vignette and a little grain
 * finish it.  Everything depends only on the picture's index, through a
 * private generator, so the set is the same on every machine.
 *
 * All intermediates belong to one VipsObject scope per picture and are
 * released together; the operation cache is off (vips_cache_set_max(0))
 * so drawing 24 pictures keeps memory flat.
 */
#include "common.h"

#include <sys/stat.h>
#include <vips/vips.h>

#include "demo_images.h"
#include "log.h"

#define W DEMO_IMAGE_W
#define H DEMO_IMAGE_H
#define SLOTS 512

/* Pictures 0-9 are halls (most news is about meetings), 10-14 villages,
 * 15-18 offices, 19-23 landscapes. */
static const unsigned scene_first[DEMO_SCENE__MAX + 1] = {
        0,  /* DEMO_SCENE_HALL */
        10, /* DEMO_SCENE_VILLAGE */
        15, /* DEMO_SCENE_OFFICE */
        19, /* DEMO_SCENE_LANDSCAPE */
        DEMO_IMAGES_N,
};

enum demo_scene
demo_image_scene(unsigned i)
{
	int sc;

	for (sc = DEMO_SCENE__MAX - 1; sc > 0; sc--)
		if (i >= scene_first[sc])
			break;
	return (enum demo_scene)sc;
}

unsigned
demo_image_pick(enum demo_scene scene, uint64_t r)
{
	unsigned n = scene_first[scene + 1] - scene_first[scene];

	return scene_first[scene] + (unsigned)(r % n);
}

void
demo_image_path(struct buf *out, unsigned i)
{
	buf_addf(out, "demo/%02u.jpg", i);
}

void
demo_image_media_path(struct buf *out, unsigned i)
{
	buf_addf(out, "demo/%02u-%d.jpg", i, DEMO_IMAGE_W);
}

/* The drawing state of one picture. */
struct canvas {
	VipsObject *scope; /* owns every image in t */
	VipsImage **t;
	int nt;
	VipsImage *x, *y; /* float coordinate planes */
	VipsImage *img;   /* stage 1: float RGB; stage 2: uchar in memory */
	uint64_t rng;
};

static VipsImage **
slot(struct canvas *c)
{
	if (c->nt >= SLOTS)
		BUG("demo image uses more than %d intermediates", SLOTS);
	return &c->t[c->nt++];
}

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t
next(struct canvas *c)
{
	uint64_t z = (c->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi). */
static double
frand(struct canvas *c, double lo, double hi)
{
	return lo + (hi - lo) * (double)(next(c) >> 11) / 9007199254740992.0;
}

static int
irand(struct canvas *c, int lo, int hi)
{
	return lo + (int)(next(c) % (uint64_t)(hi - lo + 1));
}

/* A colour near base, each channel moved by up to +-spread. */
static void
jitter(struct canvas *c, double out[3], const double base[3], double spread)
{
	for (int k = 0; k < 3; k++)
		out[k] = base[k] + frand(c, -spread, spread);
}

/* Vertical gradient: colour top at row y0, bottom at row y1, extended
 * linearly beyond (the final cast clips). */
static VipsImage *
gradient(struct canvas *c, const double top[3], const double bottom[3],
         double y0, double y1)
{
	double a[3], b[3];
	VipsImage **o = slot(c);

	for (int k = 0; k < 3; k++) {
		a[k] = (bottom[k] - top[k]) / (y1 - y0);
		b[k] = top[k] - a[k] * y0;
	}
	if (vips_linear(c->y, o, a, b, 3, NULL))
		return NULL;
	return *o;
}

/*
 * A ridge mask: 255 below the line y = base + a1 sin(f1 x + p1) +
 * a2 sin(f2 x + p2) (degrees), 0 above, blurred by sigma.
 */
static VipsImage *
ridge_mask(struct canvas *c, double base, double a1, double a2, double sigma)
{
	double f1 = frand(c, 0.15, 0.45), p1 = frand(c, 0, 360);
	double f2 = frand(c, 0.6, 1.4), p2 = frand(c, 0, 360);
	VipsImage **s1 = slot(c), **s2 = slot(c), **sin1 = slot(c),
	          **sin2 = slot(c), **l1 = slot(c), **l2 = slot(c),
	          **line = slot(c), **m = slot(c), **soft = slot(c);

	if (vips_linear1(c->x, s1, f1, p1, NULL) ||
	    vips_linear1(c->x, s2, f2, p2, NULL) || vips_sin(*s1, sin1, NULL) ||
	    vips_sin(*s2, sin2, NULL) ||
	    vips_linear1(*sin1, l1, a1, base, NULL) ||
	    vips_linear1(*sin2, l2, a2, 0, NULL) ||
	    vips_add(*l1, *l2, line, NULL) ||
	    vips_relational(c->y, *line, m, VIPS_OPERATION_RELATIONAL_MORE,
	                    NULL))
		return NULL;
	if (sigma <= 0)
		return *m;
	if (vips_gaussblur(*m, soft, sigma, NULL))
		return NULL;
	return *soft;
}

/* Blends colour over the picture where mask (uchar) is 255. */
static int
blend(struct canvas *c, VipsImage *mask, VipsImage *colour)
{
	VipsImage **o = slot(c);

	if (!mask || !colour)
		return -1;
	if (vips_ifthenelse(mask, colour, c->img, o, "blend", TRUE, NULL))
		return -1;
	c->img = *o;
	return 0;
}

/* A soft round glow of colour at (cx, cy). */
static int
glow(struct canvas *c, int cx, int cy, int r, double sigma,
     const double colour[3])
{
	VipsImage **m = slot(c), **mm = slot(c), **soft = slot(c);
	VipsImage *col;
	double ink = 255;

	if (vips_black(m, W, H, NULL) || !(*mm = vips_image_copy_memory(*m)) ||
	    vips_draw_circle(*mm, &ink, 1, cx, cy, r, "fill", TRUE, NULL) ||
	    vips_gaussblur(*mm, soft, sigma, NULL))
		return -1;
	if (!(col = gradient(c, colour, colour, 0, H)))
		return -1;
	return blend(c, *soft, col);
}

/* Sky from zenith to horizon colour, with an optional sun. */
static int
sky(struct canvas *c, const double zenith[3], const double horizon[3], bool sun)
{
	double z[3], hz[3];
	static const double sun_col[3] = {255, 244, 214};

	jitter(c, z, zenith, 12);
	jitter(c, hz, horizon, 10);
	if (!(c->img = gradient(c, z, hz, 0, H * 0.6)))
		return -1;
	if (sun)
		return glow(c, irand(c, 150, W - 150), irand(c, 60, 200),
		            irand(c, 28, 45), 18, sun_col);
	return 0;
}

/* A ridge of land whose colour runs from top to bottom. */
static int
ridge(struct canvas *c, double base, double amp, double sigma,
      const double top[3], const double bottom[3])
{
	double t[3], b[3];
	VipsImage *m, *col;

	jitter(c, t, top, 8);
	jitter(c, b, bottom, 8);
	m = ridge_mask(c, base, amp, amp * 0.35, sigma);
	col = gradient(c, t, b, base - amp, H);
	return blend(c, m, col);
}

/* Ends stage 1: the picture becomes uchar RGB in memory, ready to draw
 * on. */
static int
to_memory(struct canvas *c)
{
	VipsImage **u = slot(c), **mem = slot(c);

	if (vips_cast_uchar(c->img, u, NULL))
		return -1;
	if (!(*mem = vips_image_copy_memory(*u)))
		return -1;
	c->img = *mem;
	return 0;
}

static int
rect(struct canvas *c, const double ink[3], int x, int y, int w, int h)
{
	return vips_draw_rect(c->img, (double *)ink, 3, x, y, w, h, "fill",
	                      TRUE, NULL);
}

static int
disc(struct canvas *c, const double ink[3], int x, int y, int r)
{
	return vips_draw_circle(c->img, (double *)ink, 3, x, y, r, "fill", TRUE,
	                        NULL);
}

/* A filled isosceles triangle, apex up, drawn a row at a time (libvips
 * has no polygon fill). */
static int
triangle(struct canvas *c, const double ink[3], int cx, int top, int bottom,
         int half)
{
	for (int y = top; y <= bottom; y++) {
		int hw = half * (y - top) / (bottom - top + 1);

		if (rect(c, ink, cx - hw, y, 2 * hw + 1, 1))
			return -1;
	}
	return 0;
}

/* A person seen from behind or in front: head and shoulders. */
static int
person(struct canvas *c, int x, int y, int r, const double shirt[3])
{
	static const double hair[3] = {28, 24, 24};
	double sh[3];

	jitter(c, sh, shirt, 14);
	if (rect(c, sh, x - r * 2, y + r, r * 4, r * 4) ||
	    disc(c, sh, x - r, y + r * 2, r) ||
	    disc(c, sh, x + r, y + r * 2, r))
		return -1;
	return disc(c, hair, x, y, r);
}

static const double shirts[][3] = {
        {236, 238, 240}, {214, 226, 240}, {40, 52, 82},  {62, 66, 70},
        {180, 40, 45},   {240, 240, 236}, {70, 96, 150}, {222, 200, 160},
};

static const double *
any_shirt(struct canvas *c)
{
	return shirts[next(c) % ARRAY_SIZE(shirts)];
}

/*
 * A conference: a wall, the red backdrop with out-of-focus lettering, the
 * presidium's table with flowers, and the audience's heads in the front,
 * blurred as a camera at the back of the hall would see them.
 */
static int
draw_hall(struct canvas *c)
{
	static const double walls[][3] = {
	        {236, 226, 205}, {214, 222, 228}, {230, 214, 190}};
	static const double cloths[][3] = {
	        {244, 244, 240}, {36, 84, 160}, {248, 236, 200}};
	static const double red[3] = {170, 24, 32}, gold[3] = {250, 216, 110};
	static const double wood[3] = {110, 62, 36}, floor[3] = {120, 40, 42};
	double wall_lo[3], ink[3];
	const double *wall = walls[next(c) % ARRAY_SIZE(walls)];
	const double *cloth = cloths[next(c) % ARRAY_SIZE(cloths)];
	int bx = irand(c, 120, 220), bw = W - 2 * bx, by = irand(c, 30, 60);
	int bh = irand(c, 220, 270), ty = by + bh + irand(c, 50, 80);
	int tx = irand(c, 220, 320), tw = W - 2 * tx;

	for (int k = 0; k < 3; k++)
		wall_lo[k] = wall[k] * 0.72;
	if (!(c->img = gradient(c, wall, wall_lo, 0, H)))
		return -1;
	if (to_memory(c))
		return -1;
	if (rect(c, floor, 0, ty + 70, W, H - ty - 70))
		return -1;
	/* The backdrop: red cloth, an emblem-like disc, lines of text. */
	jitter(c, ink, red, 10);
	if (rect(c, ink, bx, by, bw, bh))
		return -1;
	if (disc(c, gold, bx + 70, by + 70, 42) ||
	    disc(c, ink, bx + 70, by + 70, 26))
		return -1;
	for (int line = 0, y = by + 40; line < 4; line++) {
		int lh = line == 1 ? 30 : 18, lw = irand(c, bw / 3, bw * 3 / 4);

		if (rect(c, gold, W / 2 - lw / 2, y, lw, lh))
			return -1;
		y += lh + irand(c, 22, 34);
	}
	/* A projection screen at one side, now and then. */
	if (next(c) % 2) {
		static const double screen[3] = {226, 236, 246};
		int sx = next(c) % 2 ? 20 : W - 20 - 90;

		if (rect(c, screen, sx, by + 20, 90, 150))
			return -1;
	}
	/* The presidium behind the table. */
	for (int x = tx + 60; x < tx + tw - 40; x += irand(c, 90, 130))
		if (person(c, x, ty - 45, 17, shirts[next(c) % 3]))
			return -1;
	if (rect(c, wood, tx, ty, tw, 12) ||
	    rect(c, cloth, tx, ty + 12, tw, 58))
		return -1;
	/* Flowers in front of the table. */
	for (int i = 0; i < 40; i++) {
		static const double petals[][3] = {{230, 40, 60},
		                                   {250, 200, 40},
		                                   {250, 140, 170},
		                                   {60, 130, 60}};
		const double *p = petals[next(c) % ARRAY_SIZE(petals)];

		if (disc(c, p, W / 2 + irand(c, -70, 70),
		         ty + 40 + irand(c, -25, 25), irand(c, 6, 12)))
			return -1;
	}
	/* The audience, rows from the back to the camera. */
	for (int row = 0; row < 3; row++) {
		int r = 26 + row * 14, y = ty + 110 + row * 75;

		for (int x = irand(c, -20, 40); x < W + 40;
		     x += r * 4 + irand(c, 6, 30))
			if (person(c, x, y, r, any_shirt(c)))
				return -1;
	}
	return 0;
}

/*
 * A law-dissemination session in a highland village: mountains, a
 * communal house (nhà rông) with its tall thatched roof, trees and
 * villagers in front.
 */
static int
draw_village(struct canvas *c)
{
	static const double zen[3] = {96, 150, 214}, hor[3] = {214, 230, 240};
	static const double far_t[3] = {120, 150, 170},
	                    far_b[3] = {90, 120, 130};
	static const double soil_t[3] = {130, 150, 70},
	                    soil_b[3] = {150, 96, 60};
	static const double thatch[3] = {122, 86, 52},
	                    thatch2[3] = {150, 110, 68};
	static const double timber[3] = {84, 52, 32}, leaf[3] = {52, 112, 48};
	static const double brocade[][3] = {
	        {176, 30, 36}, {30, 30, 34}, {236, 232, 220}, {40, 70, 140}};
	int cx = irand(c, 380, 820), apex = irand(c, 40, 90), eave = 360;
	int half = irand(c, 130, 170);

	if (sky(c, zen, hor, next(c) % 2) ||
	    ridge(c, 300, 40, 3, far_t, far_b) ||
	    ridge(c, 430, 18, 1.5, soil_t, soil_b) || to_memory(c))
		return -1;
	/* Trees on both sides. */
	for (int i = 0; i < 14; i++) {
		double ink[3];
		int x = i % 2 ? irand(c, 0, cx - half - 60)
		              : irand(c, cx + half + 60, W);

		jitter(c, ink, leaf, 18);
		if (rect(c, timber, x - 5, 380, 10, 80) ||
		    disc(c, ink, x, irand(c, 330, 380), irand(c, 40, 70)))
			return -1;
	}
	/* The communal house: roof, a lighter ridge stripe, body, stilts. */
	if (triangle(c, thatch, cx, apex, eave, half) ||
	    triangle(c, thatch2, cx, apex, apex + 90,
	             half * 90 / (eave - apex)))
		return -1;
	if (rect(c, timber, cx - half * 3 / 4, eave, half * 3 / 2, 70))
		return -1;
	for (int x = cx - half * 3 / 4; x <= cx + half * 3 / 4; x += 40)
		if (rect(c, timber, x, eave + 70, 9, 70))
			return -1;
	/* Villagers sitting in rows before the speaker. */
	for (int row = 0; row < 3; row++) {
		int r = 14 + row * 8, y = 500 + row * 55;

		for (int x = irand(c, 0, 40); x < W;
		     x += r * 4 + irand(c, 8, 40))
			if (person(c, x, y, r,
			           brocade[next(c) % ARRAY_SIZE(brocade)]))
				return -1;
	}
	return 0;
}

/* The office: an ochre facade with windows and columns, a flag, lawn. */
static int
draw_office(struct canvas *c)
{
	static const double zen[3] = {70, 130, 205}, hor[3] = {200, 222, 240};
	static const double ochre[3] = {232, 190, 104}, roof[3] = {150, 70, 48};
	static const double glass[3] = {70, 90, 110},
	                    white[3] = {246, 244, 236};
	static const double lawn[3] = {86, 150, 64}, path[3] = {180, 176, 168};
	static const double flag[3] = {210, 22, 30}, star[3] = {252, 220, 40};
	static const double leaf[3] = {44, 104, 52}, pole[3] = {200, 200, 200};
	double wall[3];
	int fx = irand(c, 120, 220), fw = W - 2 * fx, fy = irand(c, 170, 230);
	int fh = 540 - fy, floors = 3 + (int)(next(c) % 2);

	if (sky(c, zen, hor, next(c) % 3 == 0) || to_memory(c))
		return -1;
	jitter(c, wall, ochre, 12);
	if (rect(c, lawn, 0, 520, W, H - 520) ||
	    rect(c, wall, fx, fy, fw, fh) ||
	    rect(c, roof, fx - 20, fy - 26, fw + 40, 26))
		return -1;
	for (int f = 0; f < floors; f++) {
		int wy = fy + 24 + f * (fh - 40) / floors;

		for (int x = fx + 30; x < fx + fw - 60; x += 72)
			if (x < W / 2 - 120 || x > W / 2 + 90)
				if (rect(c, glass, x, wy, 38,
				         (fh - 40) / floors - 34))
					return -1;
	}
	/* The porch: pediment and columns. */
	if (triangle(c, white, W / 2, fy - 60, fy + 20, 170))
		return -1;
	for (int x = W / 2 - 130; x <= W / 2 + 120; x += 50)
		if (rect(c, white, x, fy + 20, 16, fh - 20))
			return -1;
	if (rect(c, path, W / 2 - 120, 540, 240, H - 540))
		return -1;
	/* The flag on its pole. */
	if (rect(c, pole, W / 2 - 330, 40, 6, 490) ||
	    rect(c, flag, W / 2 - 324, 44, 120, 78) ||
	    disc(c, star, W / 2 - 264, 83, 16))
		return -1;
	for (int i = 0; i < 8; i++) {
		double ink[3];
		int x = i % 2 ? irand(c, 0, fx + 40)
		              : irand(c, fx + fw - 40, W);

		jitter(c, ink, leaf, 16);
		if (disc(c, ink, x, irand(c, 430, 520), irand(c, 50, 90)))
			return -1;
	}
	return 0;
}

/* Kon Tum's hills: three ridges fading into the distance, terraced
 * fields in front, sometimes the sun low over them. */
static int
draw_landscape(struct canvas *c)
{
	static const double skies[][2][3] = {
	        {{80, 140, 210}, {220, 232, 240}},
	        {{110, 120, 190}, {250, 200, 150}},
	        {{150, 180, 210}, {236, 236, 230}},
	};
	static const double r1t[3] = {140, 160, 190}, r1b[3] = {120, 140, 170};
	static const double r2t[3] = {70, 110, 110}, r2b[3] = {60, 96, 90};
	static const double r3t[3] = {70, 140, 60}, r3b[3] = {110, 160, 70};
	const double(*sk)[3] = skies[next(c) % ARRAY_SIZE(skies)];
	VipsImage **stripes = slot(c), **wave = slot(c), **sum = slot(c);

	if (sky(c, sk[0], sk[1], true) || ridge(c, 260, 50, 4, r1t, r1b) ||
	    ridge(c, 360, 45, 2.5, r2t, r2b) ||
	    ridge(c, 470, 30, 1.2, r3t, r3b))
		return -1;
	/* Terraces: a gentle brightness ripple that grows towards the
	 * camera. */
	if (vips_linear1(c->y, stripes, frand(c, 6, 9), 0, NULL) ||
	    vips_sin(*stripes, wave, NULL))
		return -1;
	{
		VipsImage **amp = slot(c), **lift = slot(c);
		VipsImage *m = ridge_mask(c, 480, 25, 8, 2);

		if (!m || vips_linear1(*wave, amp, 9, 0, NULL) ||
		    vips_add(c->img, *amp, lift, NULL) ||
		    vips_ifthenelse(m, *lift, c->img, sum, "blend", TRUE, NULL))
			return -1;
		c->img = *sum;
	}
	return to_memory(c);
}

/* Photographic finish: softness, vignette, grain; then uchar. */
static int
finish(struct canvas *c, VipsImage **out, bool depth_of_field)
{
	VipsImage **soft = slot(c), **dx = slot(c), **dy = slot(c),
	          **dx2 = slot(c), **dy2 = slot(c), **d2 = slot(c),
	          **vig = slot(c), **lit = slot(c), **noise = slot(c),
	          **grain = slot(c);
	double cx = W / 2.0, cy = H / 2.0;

	if (vips_gaussblur(c->img, soft, 1.1, NULL))
		return -1;
	c->img = *soft;
	if (depth_of_field) {
		/* The rows nearest the camera are out of focus. */
		VipsImage **far = slot(c), **m = slot(c), **mu = slot(c),
		          **o = slot(c);

		if (vips_gaussblur(c->img, far, 5, NULL) ||
		    vips_linear1(c->y, m, 255.0 / (H * 0.25),
		                 -255.0 * 0.7 / 0.25, NULL) ||
		    vips_cast_uchar(*m, mu, NULL) ||
		    vips_ifthenelse(*mu, *far, c->img, o, "blend", TRUE, NULL))
			return -1;
		c->img = *o;
	}
	if (vips_linear1(c->x, dx, 1, -cx, NULL) ||
	    vips_linear1(c->y, dy, 1, -cy, NULL) ||
	    vips_multiply(*dx, *dx, dx2, NULL) ||
	    vips_multiply(*dy, *dy, dy2, NULL) ||
	    vips_add(*dx2, *dy2, d2, NULL) ||
	    vips_linear1(*d2, vig, -0.38 / (cx * cx + cy * cy), 1.0, NULL) ||
	    vips_multiply(c->img, *vig, lit, NULL))
		return -1;
	if (vips_gaussnoise(noise, W, H, "sigma", 4.0, "mean", 0.0, NULL) ||
	    vips_add(*lit, *noise, grain, NULL))
		return -1;
	return vips_cast_uchar(*grain, out, NULL);
}

static int
draw(unsigned i, VipsImage **out)
{
	struct canvas c = {0};
	VipsImage **xyz = NULL, **xi = NULL, **yi = NULL, **xf = NULL,
	          **yf = NULL;
	int rc = -1;

	c.scope = VIPS_OBJECT(vips_image_new());
	c.t = (VipsImage **)vips_object_local_array(c.scope, SLOTS);
	c.rng = 0x7474647464656d6fULL ^ ((uint64_t)i * 0x100000001b3ULL);
	xyz = slot(&c), xi = slot(&c), yi = slot(&c), xf = slot(&c),
	yf = slot(&c);
	/* From here every failure goes to out. */
	if (vips_xyz(xyz, W, H, NULL) || vips_extract_band(*xyz, xi, 0, NULL) ||
	    vips_extract_band(*xyz, yi, 1, NULL) ||
	    vips_cast_float(*xi, xf, NULL) || vips_cast_float(*yi, yf, NULL))
		goto out;
	c.x = *xf;
	c.y = *yf;
	switch (demo_image_scene(i)) {
	case DEMO_SCENE_HALL:
		rc = draw_hall(&c);
		break;
	case DEMO_SCENE_VILLAGE:
		rc = draw_village(&c);
		break;
	case DEMO_SCENE_OFFICE:
		rc = draw_office(&c);
		break;
	case DEMO_SCENE_LANDSCAPE:
	case DEMO_SCENE__MAX:
		rc = draw_landscape(&c);
		break;
	}
	if (rc == 0)
		rc = finish(&c, out, demo_image_scene(i) == DEMO_SCENE_HALL);
	if (rc == 0) {
		/* The result must outlive the scope. */
		VipsImage *mem = vips_image_copy_memory(*out);

		g_object_unref(*out);
		*out = mem;
		rc = mem ? 0 : -1;
	}
out:
	g_object_unref(c.scope);
	return rc;
}

static pthread_once_t vips_once = PTHREAD_ONCE_INIT;
static bool vips_ok;

static void
vips_start(void)
{
	if (VIPS_INIT("ttdt")) {
		log_errx("cannot initialise libvips: %s", vips_error_buffer());
		return;
	}
	vips_cache_set_max(0);
	vips_ok = true;
}

static bool
make_dir(const char *path)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return true;
	log_warn("cannot create '%s'", path);
	return false;
}

static bool
have_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

static enum err
vips_fail(const char *what, const char *path)
{
	log_errx("demo image: cannot %s '%s': %s", what, path,
	         vips_error_buffer());
	vips_error_clear();
	return ERR_IO;
}

enum err
demo_images_write(const char *media_dir)
{
	struct buf dir = BUF_INIT, big = BUF_INIT, small = BUF_INIT;
	enum err e = ERR_OK;
	bool complete = true;

	buf_addf(&dir, "%s/demo", media_dir);
	if (!make_dir(media_dir) || !make_dir(dir.p)) {
		buf_release(&dir);
		return ERR_IO;
	}
	for (unsigned i = 0; i < DEMO_IMAGES_N && complete; i++) {
		buf_reset(&big);
		buf_reset(&small);
		buf_addf(&big, "%s/%02u.jpg", dir.p, i);
		buf_addf(&small, "%s/%02u-400.jpg", dir.p, i);
		complete = have_file(big.p) && have_file(small.p);
		buf_reset(&big);
		buf_reset(&small);
		buf_addf(&big, "%s/%02u-%d.webp", dir.p, i, DEMO_IMAGE_W);
		buf_addf(&small, "%s/%02u-%d.webp", dir.p, i, DEMO_THUMB_W);
		complete = complete && have_file(big.p) && have_file(small.p);
		buf_reset(&big);
		buf_addf(&big, "%s/%02u-%d.jpg", dir.p, i, DEMO_IMAGE_W);
		complete = complete && have_file(big.p);
	}
	/* libvips starts only when there is drawing to do: its worker
	 * threads make every later free() that trims the heap cost a TLB
	 * shoot-down, which slowed a 100,000-item load by half. */
	if (!complete) {
		pthread_once(&vips_once, vips_start);
		if (!vips_ok)
			e = ERR_IO;
	}
	for (unsigned i = 0; i < DEMO_IMAGES_N && !complete && e == ERR_OK;
	     i++) {
		VipsImage *img = NULL, *thumb = NULL;

		buf_reset(&big);
		buf_reset(&small);
		buf_addf(&big, "%s/%02u.jpg", dir.p, i);
		buf_addf(&small, "%s/%02u-400.jpg", dir.p, i);
		if (draw(i, &img)) {
			e = vips_fail("draw", big.p);
			break;
		}
		if (vips_jpegsave(img, big.p, "Q", 80, "strip", TRUE,
		                  "optimize_coding", TRUE, NULL)) {
			g_object_unref(img);
			e = vips_fail("write", big.p);
			break;
		}
		if (vips_resize(img, &thumb,
		                (double)DEMO_THUMB_W / DEMO_IMAGE_W, NULL) ||
		    vips_jpegsave(thumb, small.p, "Q", 80, "strip", TRUE,
		                  "optimize_coding", TRUE, NULL)) {
			if (thumb)
				g_object_unref(thumb);
			g_object_unref(img);
			e = vips_fail("write", small.p);
			break;
		}
		/* The media library's names for the same picture
		 * (demo_image_media_path): the largest JPEG again, and the
		 * WebP variants beside it. */
		buf_reset(&small);
		buf_addf(&small, "%s/%02u-%d.jpg", dir.p, i, DEMO_IMAGE_W);
		if (vips_jpegsave(img, small.p, "Q", 80, "strip", TRUE,
		                  "optimize_coding", TRUE, NULL)) {
			e = vips_fail("write", small.p);
		} else {
			buf_reset(&small);
			buf_addf(&small, "%s/%02u-%d.webp", dir.p, i,
			         DEMO_IMAGE_W);
			if (vips_webpsave(img, small.p, "Q", 75, "strip", TRUE,
			                  NULL))
				e = vips_fail("write", small.p);
		}
		if (e == ERR_OK) {
			buf_reset(&small);
			buf_addf(&small, "%s/%02u-%d.webp", dir.p, i,
			         DEMO_THUMB_W);
			if (vips_webpsave(thumb, small.p, "Q", 75, "strip",
			                  TRUE, NULL))
				e = vips_fail("write", small.p);
		}
		g_object_unref(thumb);
		g_object_unref(img);
	}
	buf_release(&dir);
	buf_release(&big);
	buf_release(&small);
	return e;
}
