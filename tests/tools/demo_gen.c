/*
 * demo_gen: times the demo generator.
 *
 *   build/tools/demo_gen DB MEDIA_DIR NITEMS [SEED]
 *
 * Creates DB (which should not exist), fills it with NITEMS demo items and
 * the pictures under MEDIA_DIR/demo, and prints the counts and the time
 * taken.  Used for the benchmark database (100,000 items).
 */
#include "common.h"

#include "demo.h"
#include "store.h"

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct store *s;
	struct demo_stats st;
	double t0, t1, t2;
	enum err e;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: demo_gen DB MEDIA_DIR NITEMS [SEED]\n");
		return 2;
	}
	t0 = seconds();
	if ((e = store_open(argv[1], true, &s)) != ERR_OK) {
		fprintf(stderr, "demo_gen: cannot open '%s': %s\n", argv[1],
		        err_str(e));
		return 1;
	}
	t1 = seconds();
	e = demo_generate(s, argv[2], strtoul(argv[3], NULL, 10),
	                  argc == 5 ? (unsigned)strtoul(argv[4], NULL, 10) : 1,
	                  &st);
	t2 = seconds();
	store_close(s);
	if (e != ERR_OK) {
		fprintf(stderr, "demo_gen: %s\n", err_str(e));
		return 1;
	}
	printf("items %zu (pages %zu, with cover %zu, featured %zu), "
	       "images %zu\nopen %.3f s, generate %.3f s, total %.3f s\n",
	       st.items, st.pages, st.with_cover, st.featured, st.images,
	       t1 - t0, t2 - t1, seconds() - t0);
	return 0;
}
