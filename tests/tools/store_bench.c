/*
 * store_bench: times the store's public searches and listings.
 *
 *   store_bench [items] [db path]
 *	loads N generated items (default 100000) into a new database in one
 *	bulk transaction (or reuses the database at the path), then times a
 *	few built-in searches and listings.  Without a path the database is
 *	a file in $TMPDIR or /tmp, removed at the end.
 *
 *   store_bench --db PATH [--queries FILE] [--rounds N] [--slowest N]
 *	runs every line of FILE (default bench/queries.txt; one query as a
 *	citizen types it, '#' starts a comment) through search_run, as
 *	/tim-kiem does, against an existing database (make one with
 *	"ttdt init --db PATH --demo --items 100000"), in several variants:
 *	page 1, page 3, within a large and a small section, within a
 *	three-month date range.  Prints p50/p95/p99 per kind of query and
 *	variant, and the slowest queries.  Single-threaded: these are
 *	service times; wrk (bench/run) adds queueing on top.
 */
#include "common.h"

#include "buf.h"
#include "search.h"
#include "store.h"
#include "xalloc.h"

static const char *const words[] = {
        "Sở",     "Tư",    "pháp", "tỉnh",   "Kon",    "Tum",  "hội",
        "nghị",   "triển", "khai", "công",   "tác",    "năm",  "Quyết",
        "định",   "Đảng",  "bộ",   "phổ",    "biến",   "giáo", "dục",
        "pháp",   "luật",  "hộ",   "tịch",   "chứng",  "thực", "lý",
        "lịch",   "tư",    "pháp", "trợ",    "giúp",   "pháp", "lý",
        "hòa",    "giải",  "cơ",   "sở",     "văn",    "bản",  "quy",
        "phạm",   "kiểm",  "tra",  "rà",     "soát",   "thi",  "hành",
        "án",     "dân",   "sự",   "luật",   "sư",     "công", "chứng",
        "viên",   "đấu",   "giá",  "tài",    "sản",    "giám", "định",
        "huyện",  "xã",    "Ủy",   "ban",    "nhân",   "dân",  "thông",
        "tư",     "nghị",  "định", "Chính",  "phủ",    "Bộ",   "trưởng",
        "cải",    "cách",  "hành", "chính",  "chuyển", "đổi",  "số",
        "dịch",   "vụ",    "trực", "tuyến",  "người",  "dân",  "doanh",
        "nghiệp", "tập",   "huấn", "nghiệp", "vụ",     "đăng", "ký",
        "khai",   "sinh",  "kết",  "hôn",    "quốc",   "tịch", "bồi",
        "thường", "nhà",   "nước", "xử",     "lý",     "vi",   "phạm",
        "hành",   "chính",
};

static uint64_t rng = 88172645463325252u;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
sentence(struct buf *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (i)
			buf_addch(b, ' ');
		buf_adds(b, words[rnd(ARRAY_SIZE(words))]);
	}
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The q-th quantile (0..1) of the sorted v[0..n), nearest rank. */
static double
quantile(const double *v, size_t n, double q)
{
	size_t i = (size_t)(q * (double)n + 0.999999);

	if (i == 0)
		i = 1;
	return v[MIN(i, n) - 1];
}

static void
report(const char *what, double *v, size_t n)
{
	if (n == 0)
		return;
	qsort(v, n, sizeof(*v), cmp_double);
	printf("%-44s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", what,
	       quantile(v, n, 0.5), quantile(v, n, 0.95), v[n - 1]);
}

/* ---------------------------------------------------------------- run */

/* The variants each query runs in; a row of the report each. */
enum variant {
	V_PAGE1, /* as /tim-kiem?q=... */
	V_PAGE3, /* the third page */
	V_BIG,   /* within a large section (its tree) */
	V_SMALL, /* within a small section */
	V_DATES, /* within three months */
	V__MAX
};

static const char *const variant_names[V__MAX] = {
        "page 1",        /* V_PAGE1 */
        "page 3",        /* V_PAGE3 */
        "large section", /* V_BIG */
        "small section", /* V_SMALL */
        "3-month range", /* V_DATES */
};

/* Shapes of query, told apart by what was typed. */
enum shape {
	SHAPE_ACCENTED, /* words with Vietnamese letters */
	SHAPE_PLAIN,    /* words in ASCII (typed without diacritics) */
	SHAPE_PHRASE,   /* a "quoted phrase" */
	SHAPE__MAX
};

static const char *const shape_names[SHAPE__MAX] = {
        "accented words", /* SHAPE_ACCENTED */
        "plain words",    /* SHAPE_PLAIN */
        "phrase",         /* SHAPE_PHRASE */
};

static enum shape
shape_of(const char *q)
{
	if (strchr(q, '"'))
		return SHAPE_PHRASE;
	for (; *q; q++)
		if ((unsigned char)*q >= 0x80)
			return SHAPE_ACCENTED;
	return SHAPE_PLAIN;
}

struct sample {
	double ms;
	size_t query; /* index into the query list */
	enum variant v;
	size_t total;
	bool partial;
};

struct section {
	int64_t id;
	const char *name;
	size_t items;
};

static void
report3(const char *what, double *v, size_t n)
{
	if (n == 0)
		return;
	qsort(v, n, sizeof(*v), cmp_double);
	printf("| %-34s | %5zu | %7.2f | %7.2f | %7.2f | %7.2f |\n", what, n,
	       quantile(v, n, 0.5), quantile(v, n, 0.95), quantile(v, n, 0.99),
	       v[n - 1]);
}

static int
cmp_sample_desc(const void *a, const void *b)
{
	const struct sample *x = a, *y = b;

	return (x->ms < y->ms) - (x->ms > y->ms);
}

/* Reads the query list: one query a line, blank lines and '#' lines
 * skipped. */
static char **
read_queries(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char **v = NULL, line[1024];
	size_t cap = 0;

	*n = 0;
	if (!f) {
		fprintf(stderr, "store_bench: cannot open '%s': %s\n", path,
		        strerror(errno));
		return NULL;
	}
	while (fgets(line, sizeof(line), f)) {
		size_t len = strcspn(line, "\r\n");

		line[len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = xstrdup(line);
	}
	fclose(f);
	return v;
}

/* The sections with items, by size: the largest and the smallest that
 * still has some (a section of fewer than 50 is no test of anything). */
static int
pick_sections(struct store *s, struct arena *a, struct section *big,
              struct section *small)
{
	struct category *cs;
	size_t n;

	if (store_categories(s, a, &cs, &n) != ERR_OK)
		return -1;
	memset(big, 0, sizeof(*big));
	memset(small, 0, sizeof(*small));
	for (size_t i = 0; i < n; i++) {
		struct item_list l;

		if (store_items_latest(s, a, cs[i].id, 0, 1, &l) != ERR_OK)
			return -1;
		if (l.total > big->items)
			*big = (struct section){cs[i].id, cs[i].name, l.total};
		if (l.total >= 50 &&
		    (small->items == 0 || l.total < small->items))
			*small =
			        (struct section){cs[i].id, cs[i].name, l.total};
	}
	return big->items && small->items ? 0 : -1;
}

static int
run_queries(const char *db, const char *qpath, unsigned rounds, size_t slowest)
{
	struct arena a = ARENA_INIT;
	struct store *s;
	struct section big, small;
	struct item_list newest;
	struct sample *sm;
	char **qs;
	size_t nq, ns = 0, partial = 0;
	time_t last;
	double t0, *v, all = 0;
	int rc = 1;

	if (!(qs = read_queries(qpath, &nq)) || nq == 0)
		return 1;
	if (store_open(db, false, &s) != ERR_OK) {
		fprintf(stderr, "store_bench: cannot open '%s'\n", db);
		return 1;
	}
	arena_init(&a, 1 << 16);
	if (pick_sections(s, &a, &big, &small) != 0 ||
	    store_items_latest(s, &a, 0, 0, 1, &newest) != ERR_OK ||
	    newest.n == 0) {
		fprintf(stderr, "store_bench: '%s' has too few items\n", db);
		goto out;
	}
	last = newest.v[0].published_at;
	printf("database %s: %zu published items; large section '%s' "
	       "(%zu), small section '%s' (%zu); %zu queries x %d "
	       "variants x %u rounds\n\n",
	       db, newest.total, big.name, big.items, small.name, small.items,
	       nq, V__MAX, rounds);
	sm = xcalloc((size_t)rounds * nq * V__MAX, sizeof(*sm));
	v = xcalloc((size_t)rounds * nq * V__MAX, sizeof(*v));
	for (unsigned r = 0; r < rounds; r++) {
		for (size_t i = 0; i < nq; i++) {
			for (int k = 0; k < V__MAX; k++) {
				struct search_request rq = {0};
				struct search_result res;
				enum search_problem p;
				enum err e;

				rq.q = qs[i];
				rq.page = k == V_PAGE3 ? 3 : 1;
				rq.per_page = SEARCH_PER_PAGE;
				if (k == V_BIG)
					rq.category_id = big.id;
				if (k == V_SMALL)
					rq.category_id = small.id;
				if (k == V_DATES) {
					/* A different quarter each round
					 * within the last two years. */
					rq.to = last -
					        (time_t)((r * 7 + i) % 8) * 91 *
					                86400;
					rq.from = rq.to - 91 * 86400;
				}
				arena_reset(&a);
				t0 = now_ms();
				e = search_run(s, &a, &rq, &res, &p);
				sm[ns].ms = now_ms() - t0;
				if (e != ERR_OK) {
					fprintf(stderr,
					        "store_bench: '%s' failed: "
					        "%s\n",
					        qs[i], err_str(e));
					goto out;
				}
				sm[ns].query = i;
				sm[ns].v = (enum variant)k;
				sm[ns].total = res.total;
				sm[ns].partial = res.partial;
				partial += res.partial;
				all += sm[ns].ms;
				ns++;
			}
		}
	}
	printf("| %-34s | %5s | %7s | %7s | %7s | %7s |\n", "kind (ms)", "runs",
	       "p50", "p95", "p99", "max");
	printf("|%s|------:|--------:|--------:|--------:|--------:|\n",
	       "------------------------------------");
	for (int k = 0; k < V__MAX; k++) {
		for (int sh = 0; sh < SHAPE__MAX; sh++) {
			char label[80];
			size_t n = 0;

			for (size_t i = 0; i < ns; i++)
				if (sm[i].v == (enum variant)k &&
				    shape_of(qs[sm[i].query]) == (enum shape)sh)
					v[n++] = sm[i].ms;
			snprintf(label, sizeof(label), "%s, %s",
			         variant_names[k], shape_names[sh]);
			report3(label, v, n);
		}
	}
	{
		size_t n = 0;

		for (size_t i = 0; i < ns; i++)
			if (sm[i].v == V_PAGE1)
				v[n++] = sm[i].ms;
		report3("ALL page 1 (the wrk set)", v, n);
		for (size_t i = 0; i < ns; i++)
			v[i] = sm[i].ms;
		report3("ALL variants", v, ns);
	}
	printf("\nmean %.2f ms over %zu searches; %zu cut short by the "
	       "time budget\n",
	       all / (double)ns, ns, partial);
	qsort(sm, ns, sizeof(*sm), cmp_sample_desc);
	printf("\nslowest:\n");
	for (size_t i = 0; i < MIN(slowest, ns); i++)
		printf("  %7.2f ms  %-13s total %3zu%s  %s\n", sm[i].ms,
		       variant_names[sm[i].v], sm[i].total,
		       sm[i].partial ? " (partial)" : "", qs[sm[i].query]);
	free(sm);
	free(v);
	rc = 0;
out:
	for (size_t i = 0; i < nq; i++)
		free(qs[i]);
	free(qs);
	arena_release(&a);
	store_close(s);
	return rc;
}
static int
generate(int argc, char **argv)
{
	size_t nitems = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
	char path[256];
	struct store *s;
	struct arena a = ARENA_INIT;
	struct buf title = BUF_INIT, summary = BUF_INIT, body = BUF_INIT;
	int64_t cats[40];
	size_t ncats = 0;
	double t0, times[200];
	static const char *const queries[] = {
	        "\"tu\" \"phap\"",
	        "\"phap\" \"luat\"",
	        "\"cong\" \"tac\"",
	        "\"dang\"",
	        "\"quyet\" \"dinh\"",
	        "\"ho\" \"tich\"",
	        "\"hanh\" \"chinh\"",
	        "\"dan\"",
	        "\"pho bien giao duc\"",
	        "\"chung\" \"thuc\"*",
	        "\"dang\" \"ky\" \"khai\" \"sinh\"",
	        "\"hoi\" \"nghi\" \"trien\" \"khai\"",
	};

	if (argc > 2) {
		snprintf(path, sizeof(path), "%s", argv[2]);
	} else {
		const char *dir = getenv("TMPDIR");

		snprintf(path, sizeof(path), "%s/ttdt-bench-%ld.db",
		         dir ? dir : "/tmp", (long)getpid());
	}
	if (store_open(path, true, &s) != ERR_OK)
		return 1;
	arena_init(&a, 1 << 16);
	/* 6 main sections with 5 children each (ids 1..36 in order). */
	for (int r = 0; r < 6; r++) {
		struct category c = {0};
		char slug[32];

		snprintf(slug, sizeof(slug), "muc-%d", r);
		c.slug = slug;
		c.name = slug;
		c.position = r;
		if (store_category_insert(s, &c) != ERR_OK)
			c.id = (int64_t)ncats + 1; /* reused database */
		cats[ncats++] = c.id;
		for (int k = 0; k < 5; k++) {
			struct category d = {0};

			snprintf(slug, sizeof(slug), "muc-%d-%d", r, k);
			d.parent_id = c.id;
			d.slug = slug;
			d.name = slug;
			d.position = k;
			if (store_category_insert(s, &d) != ERR_OK)
				d.id = (int64_t)ncats + 1;
			cats[ncats++] = d.id;
		}
	}

	{
		int64_t have = 0;

		/* An existing bench database is reused as it is. */
		if (store_items_count(s, &have) != ERR_OK)
			return 1;
		if (have > 0)
			nitems = 0;
	}
	t0 = now_ms();
	if (store_bulk_begin(s) != ERR_OK)
		return 1;
	for (size_t i = 0; i < nitems; i++) {
		struct item it = {0};
		unsigned paras = 3 + rnd(6);

		buf_reset(&title);
		buf_reset(&summary);
		buf_reset(&body);
		sentence(&title, 8 + rnd(8));
		sentence(&summary, 25 + rnd(20));
		for (unsigned p = 0; p < paras; p++) {
			buf_adds(&body, "<p>");
			sentence(&body, 40 + rnd(40));
			buf_adds(&body, "</p>\n");
		}
		it.kind = (enum item_kind)(i % 2);
		it.state =
		        rnd(10) < 9 ? ITEM_STATE_PUBLISHED : ITEM_STATE_DRAFT;
		it.category_id = cats[rnd((unsigned)ncats)];
		it.title = title.p;
		it.slug = "tin";
		it.summary = summary.p;
		it.body_html = body.p;
		it.author_name = "Tổ thư ký";
		it.created_at = 1600000000 + (time_t)i * 1800;
		it.published_at = it.created_at + 600;
		it.featured = rnd(50) == 0;
		if (store_item_insert(s, &it) != ERR_OK)
			return 1;
	}
	if (store_bulk_end(s) != ERR_OK)
		return 1;
	if (nitems)
		printf("bulk load of %zu items (with FTS rebuild+optimize): "
		       "%.1f s\n",
		       nitems, (now_ms() - t0) / 1e3);

	for (size_t qi = 0; qi < ARRAY_SIZE(queries); qi++) {
		struct search_query q = {0};
		struct search_result r;
		char label[80];

		q.match = queries[qi];
		q.limit = 10;
		for (size_t k = 0; k < ARRAY_SIZE(times); k++) {
			q.offset = (k % 5) * 10;
			arena_reset(&a);
			t0 = now_ms();
			if (store_search(s, &a, &q, &r) != ERR_OK)
				return 1;
			times[k] = now_ms() - t0;
		}
		snprintf(label, sizeof(label), "search %s (total %zu)",
		         queries[qi], r.total);
		report(label, times, ARRAY_SIZE(times));
	}
	{
		struct search_query q = {0};
		struct search_result r;

		q.match = "\"tu\" \"phap\"";
		q.limit = 10;
		for (size_t k = 0; k < ARRAY_SIZE(times); k++) {
			q.category_id = cats[k % ncats];
			q.from = 1600000000 + (time_t)(k % 7) * 86400 * 100;
			arena_reset(&a);
			t0 = now_ms();
			if (store_search(s, &a, &q, &r) != ERR_OK)
				return 1;
			times[k] = now_ms() - t0;
		}
		report("search tu phap + section + from date", times,
		       ARRAY_SIZE(times));
	}
	{
		struct item_list l;

		for (size_t k = 0; k < ARRAY_SIZE(times); k++) {
			arena_reset(&a);
			t0 = now_ms();
			if (store_items_latest(s, &a, cats[(k % 6) * 6],
			                       (k % 10) * 20, 20, &l) != ERR_OK)
				return 1;
			times[k] = now_ms() - t0;
		}
		report("latest of a main section (tree) + total", times,
		       ARRAY_SIZE(times));
		for (size_t k = 0; k < ARRAY_SIZE(times); k++) {
			arena_reset(&a);
			t0 = now_ms();
			if (store_items_latest(s, &a, 0, 0, 20, &l) != ERR_OK)
				return 1;
			times[k] = now_ms() - t0;
		}
		report("latest of the site + total", times, ARRAY_SIZE(times));
		for (size_t k = 0; k < ARRAY_SIZE(times); k++) {
			arena_reset(&a);
			t0 = now_ms();
			if (store_items_featured(s, &a, cats[(k % 6) * 6], 5,
			                         &l) != ERR_OK)
				return 1;
			times[k] = now_ms() - t0;
		}
		report("featured of a main section", times, ARRAY_SIZE(times));
	}
	buf_release(&title);
	buf_release(&summary);
	buf_release(&body);
	arena_release(&a);
	store_close(s);
	if (argc <= 2) {
		char b[300];

		unlink(path);
		snprintf(b, sizeof(b), "%s-wal", path);
		unlink(b);
		snprintf(b, sizeof(b), "%s-shm", path);
		unlink(b);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *db = NULL, *qpath = "bench/queries.txt";
	unsigned rounds = 5;
	size_t slowest = 10;

	if (argc < 2 || strcmp(argv[1], "--db") != 0)
		return generate(argc, argv);
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--db") == 0)
			db = argv[i + 1];
		else if (strcmp(argv[i], "--queries") == 0)
			qpath = argv[i + 1];
		else if (strcmp(argv[i], "--rounds") == 0)
			rounds = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--slowest") == 0)
			slowest = strtoul(argv[i + 1], NULL, 10);
		else
			break;
	}
	if (!db || rounds == 0) {
		fprintf(stderr, "usage: store_bench [items] [db path]\n"
		                "       store_bench --db PATH [--queries FILE] "
		                "[--rounds N] [--slowest N]\n");
		return 2;
	}
	return run_queries(db, qpath, rounds, slowest);
}
