/*
 * Demo content: believable published items of a provincial Department of
 * Justice, for `ttdt init --demo` and the benchmarks (100,000 items).
 */
#ifndef TTDT_DEMO_H
#define TTDT_DEMO_H

#include <stddef.h>
#include <time.h>

#include "store.h"

struct demo_stats {
	size_t items;      /* items inserted, introduction pages included */
	size_t pages;      /* introduction pages (kind trang) */
	size_t with_cover; /* items with a cover picture */
	size_t featured;
	size_t images; /* pictures available under media_dir/demo */
};

/*
 * Seeds the sections (seed_sections) if needed, draws the demo pictures
 * into media_dir/demo/ (demo_images_write) and inserts nitems published
 * items spread over the sections, inside store_bulk_begin/end: the
 * introduction pages first (as many as nitems allows), then news, articles
 * and photo items with published_at over the two years before now.  Every
 * item of an activity-news section has a cover (Điều 9.1.b); every item
 * has an author and a source, and cited items a source date (Điều 7.2).
 *
 * The same seed and now give the same items.  demo_generate uses the
 * current day (UTC midnight) as now, so runs on one day agree.
 * out (may be NULL) receives counts.  Errors: ERR_IO (pictures), those
 * of the store; ERR_NOTFOUND if the sections exist but none of the
 * seeded ones can be found by slug.
 */
enum err demo_generate(struct store *s, const char *media_dir, size_t nitems,
                       unsigned seed, struct demo_stats *out);
enum err demo_generate_at(struct store *s, const char *media_dir, size_t nitems,
                          unsigned seed, time_t now, struct demo_stats *out);

#endif
