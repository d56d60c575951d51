/*
 * Tests of the demo generator: 300 items into a temporary database and
 * media folder, checked as the public site will read them (Điều 3: NFC
 * text; Điều 7.2: author and source; Điều 9.1.b: activity news has a
 * photo), plus the phrase banks themselves and determinism.
 */
#include "common.h"

#include <ftw.h>
#include <setjmp.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "demo.h"
#include "demo_images.h"
#include "demo_words.h"
#include "utf8.h"

#define NITEMS 300
/* 2026-03-02 00:00 UTC: a fixed reference so dates are reproducible. */
#define REF_NOW ((time_t)1772409600)

struct fixture {
	char dir[64];
	char db[96], db2[96], media[96];
	struct store *s;
};

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/ttdt-demo-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->db, sizeof(fx->db), "%s/a.db", fx->dir);
	snprintf(fx->db2, sizeof(fx->db2), "%s/b.db", fx->dir);
	snprintf(fx->media, sizeof(fx->media), "%s/media", fx->dir);
	if (store_open(fx->db, true, &fx->s) != ERR_OK)
		return -1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	store_close(fx->s);
	nftw(fx->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(fx);
	return 0;
}

static bool
is_nfc(const char *s)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s);
	bool ok = utf8_valid(s, len) && utf8_nfc(&b, s, len) == 0 &&
	          b.len == len && memcmp(b.p, s, len) == 0;

	buf_release(&b);
	return ok;
}

static bool
has_lorem(const char *s)
{
	return strcasestr(s, "lorem") != NULL || strcasestr(s, "ipsum");
}

static void
check_word(const char *s, void *arg)
{
	size_t *n = arg;
	int depth = 0;

	assert_non_null(s);
	assert_true(s[0] != '\0');
	if (!is_nfc(s))
		fail_msg("not NFC: %s", s);
	assert_false(has_lorem(s));
	/* Placeholders are balanced, never nested. */
	for (const char *p = s; *p; p++) {
		if (*p == '{')
			assert_int_equal(depth++, 0);
		else if (*p == '}')
			assert_int_equal(--depth, 0);
	}
	assert_int_equal(depth, 0);
	(*n)++;
}

/* Điều 3: every phrase is NFC UTF-8. */
static void
test_demo__words_nfc(void **state)
{
	size_t n = 0;

	(void)state;
	demo_words_each(check_word, &n);
	assert_true(n > 300);
}

static bool
file_is_jpeg(const char *path)
{
	unsigned char m[3] = {0};
	FILE *f = fopen(path, "rb");
	bool ok;

	if (!f)
		return false;
	ok = fread(m, 1, 3, f) == 3 && m[0] == 0xFF && m[1] == 0xD8 &&
	     m[2] == 0xFF;
	fclose(f);
	return ok;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* All published items, full (body included), newest first. */
static void
load_items(struct store *s, struct arena *a, struct item **out, size_t *n)
{
	struct item_list l;

	assert_int_equal(store_items_latest(s, a, 0, 0, 10000, &l), ERR_OK);
	*out = arena_calloc(a, l.n ? l.n : 1, sizeof(**out));
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(store_item_get(s, a, l.v[i].id, &(*out)[i]),
		                 ERR_OK);
	*n = l.n;
}

static void
check_text(const char *s)
{
	assert_non_null(s);
	if (!is_nfc(s))
		fail_msg("not NFC UTF-8: %s", s);
	if (has_lorem(s))
		fail_msg("placeholder text: %s", s);
}

static void
test_demo__generate_300(void **state)
{
	struct fixture *fx = *state;
	struct demo_stats st;
	struct arena a = ARENA_INIT;
	struct category *cats;
	size_t ncats = 0, n = 0, distinct = 1, pages = 0, covered = 0;
	struct item *items;
	const char **titles;
	int64_t count = 0;
	struct buf path = BUF_INIT;

	arena_init(&a, 1 << 16);
	assert_int_equal(
	        demo_generate_at(fx->s, fx->media, NITEMS, 7, REF_NOW, &st),
	        ERR_OK);
	assert_int_equal(st.items, NITEMS);
	assert_int_equal(st.images, DEMO_IMAGES_N);
	assert_int_equal(store_items_count(fx->s, &count), ERR_OK);
	assert_int_equal(count, NITEMS);
	/* Every item is published: the public listing holds them all. */
	load_items(fx->s, &a, &items, &n);
	assert_int_equal(n, NITEMS);
	assert_int_equal(store_categories(fx->s, &a, &cats, &ncats), ERR_OK);

	titles = arena_calloc(&a, n, sizeof(*titles));
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &items[i];
		const struct category *cat = NULL;

		assert_int_equal(it->state, ITEM_STATE_PUBLISHED);
		check_text(it->title);
		check_text(it->summary);
		check_text(it->body_html);
		assert_true(strstr(it->body_html, "<p>") != NULL);
		assert_null(strchr(it->title, '{'));
		assert_null(strchr(it->body_html, '{'));
		/* Điều 7.1.d, 7.2: author and source; cited items dated. */
		check_text(it->author_name);
		assert_true(it->author_name[0] != '\0');
		check_text(it->source);
		assert_true(it->source[0] != '\0');
		if (strstr(it->source, "Báo") || strstr(it->source, "Cổng")) {
			assert_true(it->source_date > 0);
			assert_true(it->source_date <= it->published_at);
		}
		assert_true(it->published_at <= REF_NOW);
		assert_true(it->published_at > REF_NOW - 740 * 86400);
		assert_true(it->updated_at >= it->published_at);
		assert_true(it->updated_at <= REF_NOW);
		assert_true(it->slug && it->slug[0]);
		pages += it->kind == ITEM_KIND_TRANG;
		for (size_t k = 0; k < ncats; k++)
			if (cats[k].id == it->category_id)
				cat = &cats[k];
		assert_non_null(cat);
		if (it->cover_image) {
			covered++;
			check_text(it->cover_alt);
			assert_true(strlen(it->cover_alt) > 10);
			buf_reset(&path);
			buf_addf(&path, "%s/%s", fx->media, it->cover_image);
			assert_true(file_is_jpeg(path.p));
			/* The web layer's srcset variant is there too. */
			buf_truncate(&path, path.len - 4);
			buf_adds(&path, "-400.jpg");
			assert_true(file_is_jpeg(path.p));
		}
		/* Điều 9.1.b: activity news always has a photo. */
		if (cat->activity_news) {
			assert_non_null(it->cover_image);
			assert_non_null(it->cover_alt);
		}
		titles[i] = it->title;
	}
	assert_int_equal(pages, demo_pages_n);
	assert_int_equal(covered, st.with_cover);
	assert_true(st.featured > 0 && st.featured < NITEMS / 8);
	qsort(titles, n, sizeof(*titles), cmp_str);
	for (size_t i = 1; i < n; i++)
		distinct += strcmp(titles[i], titles[i - 1]) != 0;
	if (distinct < 250)
		fail_msg("only %zu distinct titles of %zu", distinct, n);
	buf_release(&path);
	arena_release(&a);
}

static void
titles_of(struct store *s, struct arena *a, struct buf *out)
{
	struct item_list l;

	assert_int_equal(store_items_latest(s, a, 0, 0, 10000, &l), ERR_OK);
	for (size_t i = 0; i < l.n; i++) {
		buf_adds(out, l.v[i].title);
		buf_addf(out, "|%lld\n", (long long)l.v[i].published_at);
	}
}

/* The same seed gives the same items; another seed, others. */
static void
test_demo__deterministic(void **state)
{
	struct fixture *fx = *state;
	struct store *s2, *s3;
	struct arena a = ARENA_INIT;
	struct buf t1 = BUF_INIT, t2 = BUF_INIT, t3 = BUF_INIT;
	char db3[128];

	arena_init(&a, 1 << 16);
	snprintf(db3, sizeof(db3), "%s/c.db", fx->dir);
	assert_int_equal(store_open(fx->db2, true, &s2), ERR_OK);
	assert_int_equal(store_open(db3, true, &s3), ERR_OK);
	assert_int_equal(
	        demo_generate_at(fx->s, fx->media, NITEMS, 11, REF_NOW, NULL),
	        ERR_OK);
	assert_int_equal(
	        demo_generate_at(s2, fx->media, NITEMS, 11, REF_NOW, NULL),
	        ERR_OK);
	assert_int_equal(
	        demo_generate_at(s3, fx->media, NITEMS, 12, REF_NOW, NULL),
	        ERR_OK);
	titles_of(fx->s, &a, &t1);
	titles_of(s2, &a, &t2);
	titles_of(s3, &a, &t3);
	assert_true(t1.len > 0);
	assert_string_equal(t1.p, t2.p);
	assert_string_not_equal(t1.p, t3.p);
	buf_release(&t1);
	buf_release(&t2);
	buf_release(&t3);
	store_close(s2);
	store_close(s3);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_demo__words_nfc),
	        cmocka_unit_test_setup_teardown(test_demo__generate_300, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_demo__deterministic, setup,
	                                        teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
