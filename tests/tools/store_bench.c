/*
 * store_bench: loads N generated Vietnamese items into a new database in
 * one bulk transaction, then times searches and listings the public site
 * runs.  Usage: store_bench [items] [db path]   (default 100000, a file in
 * $TMPDIR or /tmp, removed at the end unless a path is given).
 */
#include "common.h"

#include "buf.h"
#include "store.h"

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
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
report(const char *what, double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	printf("%-44s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", what,
	       v[n / 2], v[n * 95 / 100], v[n - 1]);
}

int
main(int argc, char **argv)
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
