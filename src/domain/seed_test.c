/*
 * Tests of the seeded section tree (Điều 8): created once, in the
 * regulation's order, every name NFC, every slug a clean unique slug.
 */
#include "common.h"

#include <ftw.h>
#include <setjmp.h>
#include <cmocka.h>

#include "seed.h"
#include "utf8.h"

struct fixture {
	char dir[64];
	char db[96];
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

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/ttdt-seed-XXXXXX");
	if (!fx || !mkdtemp(fx->dir))
		return -1;
	snprintf(fx->db, sizeof(fx->db), "%s/t.db", fx->dir);
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
	bool ok = utf8_valid(s, strlen(s)) && utf8_nfc(&b, s, strlen(s)) == 0 &&
	          b.len == strlen(s) && memcmp(b.p, s, b.len) == 0;

	buf_release(&b);
	return ok;
}

static void
test_seed__creates_tree_once(void **state)
{
	struct fixture *fx = *state;
	struct arena a = ARENA_INIT;
	struct category *c1, *c2;
	size_t n1 = 0, n2 = 0;

	arena_init(&a, 4096);
	assert_int_equal(seed_sections(fx->s), ERR_OK);
	assert_int_equal(store_categories(fx->s, &a, &c1, &n1), ERR_OK);
	assert_int_equal(n1, seed_section_count);
	/* A second call changes nothing. */
	assert_int_equal(seed_sections(fx->s), ERR_OK);
	assert_int_equal(store_categories(fx->s, &a, &c2, &n2), ERR_OK);
	assert_int_equal(n2, n1);
	for (size_t i = 0; i < n1; i++) {
		assert_int_equal(c1[i].id, c2[i].id);
		assert_string_equal(c1[i].slug, c2[i].slug);
		assert_string_equal(c1[i].name, c2[i].name);
	}
	arena_release(&a);
}

static void
test_seed__names_nfc_slugs_clean(void **state)
{
	struct fixture *fx = *state;
	struct arena a = ARENA_INIT;
	struct category *c;
	size_t n = 0, activity = 0;

	arena_init(&a, 4096);
	assert_int_equal(seed_sections(fx->s), ERR_OK);
	assert_int_equal(store_categories(fx->s, &a, &c, &n), ERR_OK);
	assert_int_equal(n, seed_section_count);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(c[i].name);
		assert_true(c[i].name[0] != '\0');
		assert_true(is_nfc(c[i].name));
		assert_non_null(c[i].description);
		assert_true(is_nfc(c[i].description));
		assert_non_null(c[i].slug);
		assert_true(c[i].slug[0] != '\0');
		for (const char *p = c[i].slug; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') ||
			            (*p >= '0' && *p <= '9') || *p == '-');
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(c[i].slug, c[k].slug);
		activity += c[i].activity_news;
	}
	/* Điều 9.1.b: the Department's and the districts' activity news. */
	assert_int_equal(activity, 2);
	arena_release(&a);
}

/* Điều 8: main sections in the regulation's order, children under the
 * right parent. */
static void
test_seed__regulation_order(void **state)
{
	struct fixture *fx = *state;
	struct arena a = ARENA_INIT;
	struct category *c;
	size_t n = 0;
	const char *main_order[] = {"gioi-thieu",
	                            "tin-tuc-su-kien",
	                            "van-ban-phap-luat",
	                            "thu-tuc-hanh-chinh",
	                            "pho-bien-giao-duc-phap-luat",
	                            "van-ban-chi-dao-dieu-hanh-cua-so",
	                            "cong-khai-thong-tin",
	                            "nghien-cuu-trao-doi",
	                            "tra-loi-kien-nghi",
	                            "lay-y-kien-du-thao-van-ban",
	                            "huong-dan-nghiep-vu",
	                            "hoi-dap-phap-luat",
	                            "ho-tro-phap-ly-cho-doanh-nghiep",
	                            "to-chuc-ca-nhan-hanh-nghe-bo-tro-tu-phap",
	                            "lich-lam-viec-cua-lanh-dao-so",
	                            "thu-vien-anh",
	                            "video"};
	int64_t news_id = 0;

	arena_init(&a, 4096);
	assert_int_equal(seed_sections(fx->s), ERR_OK);
	assert_int_equal(store_categories(fx->s, &a, &c, &n), ERR_OK);
	for (size_t k = 0; k < ARRAY_SIZE(main_order); k++) {
		bool found = false;

		for (size_t i = 0; i < n; i++)
			if (strcmp(c[i].slug, main_order[k]) == 0) {
				assert_int_equal(c[i].parent_id, 0);
				assert_int_equal(c[i].position, (int)k + 1);
				if (k == 1)
					news_id = c[i].id;
				found = true;
			}
		assert_true(found);
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].slug, "tin-hoat-dong-cua-so") == 0) {
			assert_int_equal(c[i].parent_id, news_id);
			assert_true(c[i].activity_news);
			assert_string_equal(c[i].name, "Tin hoạt động của Sở");
		}
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_seed__creates_tree_once,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_seed__names_nfc_slugs_clean, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_seed__regulation_order,
	                                        setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
