/*
 * Tests of the SQLite store against temporary database files: migrations,
 * categories, items, listings, search with Vietnamese folding, views,
 * backup and restore.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "store_fixture.h"
#include "store_int.h"
#include "migrations.h"
#include "xalloc.h"

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	int64_t root_a, a1, a2, a1x, root_b;
};

static int64_t
add_cat(struct store *s, int64_t parent, const char *slug, int pos)
{
	struct category c = {0};

	c.parent_id = parent;
	c.slug = slug;
	c.name = slug;
	c.position = pos;
	assert_int_equal(store_category_insert(s, &c), ERR_OK);
	assert_true(c.id > 0);
	return c.id;
}

static int64_t
add_item(struct store *s, int64_t cat, enum item_state st, const char *title,
         const char *summary, const char *body, time_t pub)
{
	struct item it = {0};

	it.kind = ITEM_KIND_TIN;
	it.state = st;
	it.category_id = cat;
	it.title = title;
	it.slug = "x";
	it.summary = summary;
	it.body_html = body;
	it.author_name = "Tổ thư ký";
	it.created_at = pub ? pub - 60 : 1700000000;
	it.published_at = pub;
	assert_int_equal(store_item_insert(s, &it), ERR_OK);
	return it.id;
}

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));

	assert_int_equal(fixture_db_open(f->path, "store", &f->s), ERR_OK);
	arena_init(&f->a, 8192);
	f->root_a = add_cat(f->s, 0, "tin-tuc", 1);
	f->a1 = add_cat(f->s, f->root_a, "tin-so", 1);
	f->a2 = add_cat(f->s, f->root_a, "tin-tinh", 2);
	f->a1x = add_cat(f->s, f->a1, "tin-so-con", 1);
	f->root_b = add_cat(f->s, 0, "van-ban", 2);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	fixture_db_remove(f->s, f->path);
	arena_release(&f->a);
	free(f);
	return 0;
}

static void
test_store__codes(void **state)
{
	enum item_kind k;
	enum item_state s;

	(void)state;
	for (int i = 0; i < ITEM_KIND__MAX; i++) {
		assert_true(item_kind_from_code(item_kind_code(i), &k));
		assert_int_equal(k, i);
	}
	for (int i = 0; i < ITEM_STATE__MAX; i++) {
		assert_true(item_state_from_code(item_state_code(i), &s));
		assert_int_equal(s, i);
	}
	assert_string_equal(item_kind_code(ITEM_KIND_AM_THANH), "am-thanh");
	assert_string_equal(item_state_code(ITEM_STATE_PENDING_APPROVAL),
	                    "pending-approval");
	assert_false(item_kind_from_code("news", &k));
	assert_false(item_state_from_code(NULL, &s));
	assert_null(item_kind_code(ITEM_KIND__MAX));
}

static void
test_store__statements(void **state)
{
	struct fx *f = *state;
	struct conn *c = store_conn(f->s);

	for (int i = 0; i < STMT__MAX; i++) {
		assert_non_null(stmt_sqlite[i]);
		assert_true(strlen(stmt_sqlite[i]) > 5);
		assert_non_null(conn_stmt(c, (enum stmt)i));
	}
	assert_int_equal(store_check(f->s), ERR_OK);
}

static void
test_store__migrations(void **state)
{
	struct fx *f = *state;
	struct store *again = NULL;
	sqlite3 *db;
	char *msg = NULL;
	int64_t n;

	(void)state;
	assert_true(migrate_latest() >= 1);
	assert_int_equal(migrations[0].version, 1);
	assert_int_equal(store_setting_set(f->s, "k", "giá trị"), ERR_OK);
	store_close(f->s);
	f->s = NULL;
	/* Reopening applies nothing twice and keeps the data. */
	assert_int_equal(store_open(f->path, false, &f->s), ERR_OK);
	assert_int_equal(store_open(f->path, false, &again), ERR_OK);
	store_close(again);
	{
		const char *v;

		assert_int_equal(store_setting_get(f->s, &f->a, "k", &v),
		                 ERR_OK);
		assert_string_equal(v, "giá trị");
		assert_int_equal(store_setting_get(f->s, &f->a, "nope", &v),
		                 ERR_NOTFOUND);
	}
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "SELECT count(*) FROM schema_version",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	{
		sqlite3_stmt *q;

		assert_int_equal(
		        sqlite3_prepare_v2(db,
		                           "SELECT count(*), max(version) "
		                           "FROM schema_version",
		                           -1, &q, NULL),
		        SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		n = sqlite3_column_int64(q, 0);
		assert_int_equal(n, (int64_t)migrations_n);
		assert_int_equal(sqlite3_column_int(q, 1), migrate_latest());
		sqlite3_finalize(q);
	}
	/* A database from a newer ttdt is refused. */
	assert_int_equal(sqlite3_exec(db,
	                              "INSERT INTO schema_version VALUES "
	                              "(9999, '9999-future', 0)",
	                              NULL, NULL, &msg),
	                 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(f->path, false, &again), ERR_INVALID);
	assert_null(again);
	/* A missing file without create. */
	assert_int_equal(store_open("/nonexistent/ttdt.db", false, &again),
	                 ERR_NOTFOUND);
}

static void
test_store__categories(void **state)
{
	struct fx *f = *state;
	struct category *cats, c;
	size_t n;

	assert_int_equal(store_categories(f->s, &f->a, &cats, &n), ERR_OK);
	assert_int_equal(n, 5);
	/* Roots first, by position. */
	assert_int_equal(cats[0].id, f->root_a);
	assert_int_equal(cats[0].parent_id, 0);
	assert_int_equal(cats[1].id, f->root_b);
	assert_string_equal(cats[1].slug, "van-ban");
	/* Slugs are unique. */
	memset(&c, 0, sizeof(c));
	c.slug = "van-ban";
	c.name = "Trùng";
	assert_int_equal(store_category_insert(f->s, &c), ERR_CONFLICT);
	/* Unknown parent. */
	c.slug = "mo-coi";
	c.parent_id = 999;
	assert_int_equal(store_category_insert(f->s, &c), ERR_INVALID);
	/* An update may not close a loop. */
	c = cats[0];
	c.parent_id = f->a1x;
	assert_int_equal(store_category_update(f->s, &c), ERR_INVALID);
	c.parent_id = 0;
	c.name = "Tin tức - sự kiện";
	c.hidden = true;
	assert_int_equal(store_category_update(f->s, &c), ERR_OK);
	c.id = 12345;
	assert_int_equal(store_category_update(f->s, &c), ERR_NOTFOUND);
	assert_int_equal(store_categories(f->s, &f->a, &cats, &n), ERR_OK);
	assert_string_equal(cats[0].name, "Tin tức - sự kiện");
	assert_true(cats[0].hidden);
}

static void
test_store__items(void **state)
{
	struct fx *f = *state;
	struct item it, got;
	int64_t id, n;

	id = add_item(f->s, f->a1, ITEM_STATE_DRAFT, "Hội nghị triển khai",
	              "Tóm tắt", "<p>Nội dung <b>chính</b></p>", 0);
	assert_int_equal(store_item_get(f->s, &f->a, id, &got), ERR_OK);
	assert_int_equal(got.id, id);
	assert_int_equal(got.state, ITEM_STATE_DRAFT);
	assert_int_equal(got.kind, ITEM_KIND_TIN);
	assert_string_equal(got.title, "Hội nghị triển khai");
	assert_string_equal(got.body_html, "<p>Nội dung <b>chính</b></p>");
	assert_string_equal(got.author_name, "Tổ thư ký");
	assert_null(got.cover_image);
	assert_int_equal(got.published_at, 0);
	assert_int_equal(got.author_user_id, 0);

	it = got;
	it.state = ITEM_STATE_PUBLISHED;
	it.published_at = 1750000000;
	it.cover_image = "2026/01/a.jpg";
	it.featured = true;
	it.hits = 999; /* ignored: views own it */
	assert_int_equal(store_item_update(f->s, &it), ERR_OK);
	assert_int_equal(store_item_get(f->s, &f->a, id, &got), ERR_OK);
	assert_int_equal(got.state, ITEM_STATE_PUBLISHED);
	assert_int_equal(got.published_at, 1750000000);
	assert_string_equal(got.cover_image, "2026/01/a.jpg");
	assert_true(got.featured);
	assert_int_equal(got.hits, 0);

	/* Invalid input changes nothing. */
	it.state = ITEM_STATE_PUBLISHED;
	it.published_at = 0;
	assert_int_equal(store_item_update(f->s, &it), ERR_INVALID);
	it.published_at = 1;
	it.category_id = 777;
	assert_int_equal(store_item_update(f->s, &it), ERR_INVALID);
	it.category_id = f->a1;
	it.id = 4242;
	assert_int_equal(store_item_update(f->s, &it), ERR_NOTFOUND);
	it.title = "";
	assert_int_equal(store_item_insert(f->s, &it), ERR_INVALID);
	assert_int_equal(store_item_get(f->s, &f->a, 4242, &got), ERR_NOTFOUND);
	assert_int_equal(store_items_count(f->s, &n), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_check(f->s), ERR_OK);
}

static void
test_store__latest(void **state)
{
	struct fx *f = *state;
	struct item_list l;
	int64_t ids[30];

	/* 10 in a1, 10 in a1x (grandchild), 5 in a2, 5 in root_b, plus
	 * drafts that must never show. */
	for (int i = 0; i < 30; i++) {
		int64_t cat = i < 10   ? f->a1
		              : i < 20 ? f->a1x
		              : i < 25 ? f->a2
		                       : f->root_b;
		ids[i] = add_item(f->s, cat, ITEM_STATE_PUBLISHED, "Tin", "",
		                  "", 1700000000 + i * 3600);
	}
	add_item(f->s, f->a1, ITEM_STATE_DRAFT, "Nháp", "", "", 0);
	add_item(f->s, f->a1, ITEM_STATE_UNPUBLISHED, "Gỡ", "", "", 1800000000);

	assert_int_equal(store_items_latest(f->s, &f->a, 0, 0, 7, &l), ERR_OK);
	assert_int_equal(l.total, 30);
	assert_int_equal(l.n, 7);
	assert_int_equal(l.v[0].id, ids[29]);
	assert_int_equal(l.v[6].id, ids[23]);
	assert_null(l.v[0].body_html);

	assert_int_equal(store_items_latest(f->s, &f->a, f->root_a, 0, 10, &l),
	                 ERR_OK);
	assert_int_equal(l.total, 25);
	assert_int_equal(l.n, 10);
	assert_int_equal(l.v[0].id, ids[24]);
	for (size_t i = 1; i < l.n; i++)
		assert_true(l.v[i - 1].published_at > l.v[i].published_at);
	/* Last page of the tree. */
	assert_int_equal(store_items_latest(f->s, &f->a, f->root_a, 20, 10, &l),
	                 ERR_OK);
	assert_int_equal(l.n, 5);
	assert_int_equal(l.v[4].id, ids[0]);
	/* a1 includes its child a1x. */
	assert_int_equal(store_items_latest(f->s, &f->a, f->a1, 0, 100, &l),
	                 ERR_OK);
	assert_int_equal(l.total, 20);
	assert_int_equal(l.n, 20);
	assert_int_equal(store_items_latest(f->s, &f->a, f->a1x, 0, 100, &l),
	                 ERR_OK);
	assert_int_equal(l.total, 10);
	assert_int_equal(l.v[0].id, ids[19]);
	/* Past the end. */
	assert_int_equal(store_items_latest(f->s, &f->a, f->a2, 50, 10, &l),
	                 ERR_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.total, 5);

	assert_int_equal(store_items_for_sitemap(f->s, &f->a, 0, 1000, &l),
	                 ERR_OK);
	assert_int_equal(l.n, 30);
	assert_int_equal(l.total, 30);
	assert_int_equal(l.v[0].id, ids[29]);
	/* Pages of the sitemap: the next ten, then past the end. */
	assert_int_equal(store_items_for_sitemap(f->s, &f->a, 10, 10, &l),
	                 ERR_OK);
	assert_int_equal(l.n, 10);
	assert_int_equal(l.v[0].id, ids[19]);
	assert_int_equal(store_items_for_sitemap(f->s, &f->a, 30, 10, &l),
	                 ERR_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.total, 30);
	/* A count alone. */
	assert_int_equal(store_items_for_sitemap(f->s, &f->a, 0, 0, &l),
	                 ERR_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.total, 30);
}

static void
test_store__featured_related(void **state)
{
	struct fx *f = *state;
	struct item it;
	struct item_list l;
	int64_t ids[10];

	for (int i = 0; i < 10; i++)
		ids[i] = add_item(f->s, i < 8 ? f->a1 : f->root_b,
		                  ITEM_STATE_PUBLISHED, "Tin", "", "",
		                  1700000000 + i * 86400);
	for (int i = 0; i < 10; i += 3) {
		assert_int_equal(store_item_get(f->s, &f->a, ids[i], &it),
		                 ERR_OK);
		it.featured = true;
		assert_int_equal(store_item_update(f->s, &it), ERR_OK);
	}
	/* Featured: 0, 3, 6 in a1, 9 in root_b. */
	assert_int_equal(store_items_featured(f->s, &f->a, 0, 10, &l), ERR_OK);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.v[0].id, ids[9]);
	assert_int_equal(store_items_featured(f->s, &f->a, f->root_a, 2, &l),
	                 ERR_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, ids[6]);
	assert_int_equal(l.v[1].id, ids[3]);

	/* Related to item 4: 3 and 5 (one day away), then 2 and 6. */
	assert_int_equal(store_item_get(f->s, &f->a, ids[4], &it), ERR_OK);
	assert_int_equal(store_items_related(f->s, &f->a, &it, 4, &l), ERR_OK);
	assert_int_equal(l.n, 4);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_not_equal(l.v[i].id, ids[4]);
		assert_int_equal(l.v[i].category_id, f->a1);
	}
	assert_true((l.v[0].id == ids[3] || l.v[0].id == ids[5]) &&
	            (l.v[1].id == ids[3] || l.v[1].id == ids[5]));
	assert_true((l.v[2].id == ids[2] || l.v[2].id == ids[6]) &&
	            (l.v[3].id == ids[2] || l.v[3].id == ids[6]));
}

static size_t
search(struct fx *f, const char *match, int64_t cat, time_t from, time_t to,
       struct search_result *r)
{
	struct search_query q = {0};

	q.match = match;
	q.category_id = cat;
	q.from = from;
	q.to = to;
	q.limit = 10;
	assert_int_equal(store_search(f->s, &f->a, &q, r), ERR_OK);
	return r->n;
}

static void
test_store__search(void **state)
{
	struct fx *f = *state;
	struct search_result r;
	struct item it;
	int64_t so, dang, qd, phrase, apart, draft, gone;

	so = add_item(f->s, f->a1, ITEM_STATE_PUBLISHED,
	              "Sở Tư pháp tỉnh Kon Tum tổ chức hội nghị",
	              "Hội nghị tổng kết công tác năm", "<p>Nội dung</p>",
	              1700000000);
	dang = add_item(f->s, f->a2, ITEM_STATE_PUBLISHED,
	                "Chi bộ sinh hoạt chuyên đề", "Học tập và làm theo",
	                "<p>Nghị quyết của <b>Đảng</b> "
	                "bộ tỉnh&nbsp;về công tác cán bộ</p>",
	                1710000000);
	qd = add_item(f->s, f->root_b, ITEM_STATE_PUBLISHED,
	              "Quyết định số 12/2024/QĐ-UBND",
	              "Ban hành quy chế quản lý", "", 1720000000);
	phrase = add_item(f->s, f->root_b, ITEM_STATE_PUBLISHED, "Văn bản mới",
	                  "",
	                  "<p>Tăng cường công tác phổ biến giáo dục pháp "
	                  "luật</p>",
	                  1730000000);
	apart = add_item(f->s, f->root_b, ITEM_STATE_PUBLISHED, "Văn bản khác",
	                 "",
	                 "<p>Luật mới; phổ biến rộng rãi, giáo dục cộng "
	                 "đồng và pháp chế</p>",
	                 1730000100);
	draft = add_item(f->s, f->a1, ITEM_STATE_DRAFT,
	                 "Bản nháp Tư pháp bí mật", "", "", 0);
	gone = add_item(f->s, f->a1, ITEM_STATE_PUBLISHED,
	                "Tư pháp bị gỡ xuống", "", "", 1700000500);
	assert_int_equal(store_item_get(f->s, &f->a, gone, &it), ERR_OK);
	it.state = ITEM_STATE_UNPUBLISHED;
	assert_int_equal(store_item_update(f->s, &it), ERR_OK);

	/* "tu phap" finds "Sở Tư pháp"; the snippet is the original. */
	assert_int_equal(search(f, "\"tu\" \"phap\"", 0, 0, 0, &r), 1);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.v[0].item.id, so);
	assert_non_null(strstr(r.v[0].snippet, "\x01Tư\x02 \x01pháp\x02"));
	assert_non_null(strstr(r.v[0].snippet, "Sở"));
	assert_true(r.v[0].rank < 0);
	/* "dang" finds "Đảng" in the body, snippet from the body text. */
	assert_int_equal(search(f, "\"dang\"", 0, 0, 0, &r), 1);
	assert_int_equal(r.v[0].item.id, dang);
	assert_non_null(strstr(r.v[0].snippet, "\x01Đảng\x02 bộ tỉnh"));
	assert_null(strchr(r.v[0].snippet, '<'));
	/* Upper case and accents in the query fold the same way. */
	assert_int_equal(search(f, "\"ĐẢNG\"", 0, 0, 0, &r), 1);
	assert_int_equal(search(f, "\"quyet\" \"dinh\"", 0, 0, 0, &r), 1);
	assert_int_equal(r.v[0].item.id, qd);
	assert_non_null(strstr(r.v[0].snippet, "\x01Quyết\x02 \x01định\x02"));
	/* Prefix. */
	/* Prefix: "quyết" and the "Nghị quyết" in dang's body. */
	assert_int_equal(search(f, "\"quye\"*", 0, 0, 0, &r), 2);
	/* A phrase matches only as a phrase. */
	assert_int_equal(search(f, "\"pho bien giao duc\"", 0, 0, 0, &r), 1);
	assert_int_equal(r.v[0].item.id, phrase);
	assert_int_equal(
	        search(f, "\"pho\" \"bien\" \"giao\" \"duc\"", 0, 0, 0, &r), 2);
	assert_true(r.v[0].item.id == apart || r.v[1].item.id == apart);
	/* Category tree filter: so is in a1 under root_a. */
	assert_int_equal(search(f, "\"cong\" \"tac\"", 0, 0, 0, &r), 3);
	assert_int_equal(search(f, "\"cong\" \"tac\"", f->root_a, 0, 0, &r), 2);
	assert_int_equal(search(f, "\"cong\" \"tac\"", f->a1, 0, 0, &r), 1);
	assert_int_equal(r.v[0].item.id, so);
	assert_int_equal(search(f, "\"cong\" \"tac\"", f->a1x, 0, 0, &r), 0);
	/* Date filter, both ends inclusive. */
	assert_int_equal(
	        search(f, "\"cong\" \"tac\"", 0, 1710000000, 1730000000, &r),
	        2);
	assert_int_equal(search(f, "\"cong\" \"tac\"", 0, 1710000001, 0, &r),
	                 1);
	assert_int_equal(r.v[0].item.id, phrase);
	assert_int_equal(search(f, "\"cong\" \"tac\"", 0, 0, 1700000000, &r),
	                 1);
	/* Drafts and taken-down items never match. */
	assert_int_equal(search(f, "\"bi\" \"mat\"", 0, 0, 0, &r), 0);
	assert_int_equal(search(f, "\"go\" \"xuong\"", 0, 0, 0, &r), 0);
	(void)draft;
	/* Publishing the draft makes it findable; unpublishing again
	 * removes it; the index stays consistent throughout. */
	assert_int_equal(store_item_get(f->s, &f->a, draft, &it), ERR_OK);
	it.state = ITEM_STATE_PUBLISHED;
	it.published_at = 1740000000;
	assert_int_equal(store_item_update(f->s, &it), ERR_OK);
	assert_int_equal(search(f, "\"bi\" \"mat\"", 0, 0, 0, &r), 1);
	it.title = "Bản công khai";
	assert_int_equal(store_item_update(f->s, &it), ERR_OK);
	assert_int_equal(search(f, "\"bi\" \"mat\"", 0, 0, 0, &r), 0);
	assert_int_equal(search(f, "\"cong\" \"khai\"", 0, 0, 0, &r), 1);
	assert_int_equal(store_check(f->s), ERR_OK);
	/* Title outranks body: "phap" is in so's title, in bodies of
	 * phrase/apart ("pháp luật", "pháp chế"). */
	assert_int_equal(search(f, "\"phap\"", 0, 0, 0, &r), 3);
	assert_int_equal(r.v[0].item.id, so);
	/* Paging past the end keeps the total. */
	{
		struct search_query q = {0};

		q.match = "\"phap\"";
		q.limit = 10;
		q.offset = 10;
		assert_int_equal(store_search(f->s, &f->a, &q, &r), ERR_OK);
		assert_int_equal(r.n, 0);
		assert_int_equal(r.total, 3);
		q.match = "\"phap";
		q.offset = 0;
		assert_int_equal(store_search(f->s, &f->a, &q, &r),
		                 ERR_INVALID);
		q.match = NULL;
		assert_int_equal(store_search(f->s, &f->a, &q, &r),
		                 ERR_INVALID);
	}
}

/* Ranking: every word in the title first, then in the summary, then in
 * the body; side by side beats scattered; recency orders equals but
 * never lifts a body match over a title match. */
static void
test_store__search_ranking(void **state)
{
	struct fx *f = *state;
	struct search_result r;
	int64_t title_old, title_new, summary, body_new, scattered;

	title_old = add_item(f->s, f->a1, ITEM_STATE_PUBLISHED,
	                     "Hòa giải ở cơ sở năm 2020", "", "<p>x</p>",
	                     1580000000);
	body_new = add_item(f->s, f->a1, ITEM_STATE_PUBLISHED, "Tin mới nhất",
	                    "", "<p>Công tác hòa giải ở cơ sở</p>", 1790000000);
	summary = add_item(f->s, f->a1, ITEM_STATE_PUBLISHED, "Tin tháng tư",
	                   "Tập huấn hòa giải viên", "", 1700000000);
	title_new = add_item(f->s, f->a1, ITEM_STATE_PUBLISHED,
	                     "Hòa giải viên giỏi", "", "", 1780000000);
	scattered = add_item(f->s, f->a1, ITEM_STATE_PUBLISHED,
	                     "Giải thưởng, hòa bình", "", "", 1785000000);
	assert_int_equal(search(f, "\"hoa\" \"giai\"", 0, 0, 0, &r), 5);
	assert_int_equal(r.total, 5);
	/* Title and side by side: the newer first, the 2020 one next. */
	assert_int_equal(r.v[0].item.id, title_new);
	assert_int_equal(r.v[1].item.id, title_old);
	/* Title but scattered, then summary, then body. */
	assert_int_equal(r.v[2].item.id, scattered);
	assert_int_equal(r.v[3].item.id, summary);
	assert_int_equal(r.v[4].item.id, body_new);
	for (size_t i = 1; i < r.n; i++)
		assert_true(r.v[i - 1].rank <= r.v[i].rank);
	/* The snippet of a body match is cut from the body. */
	assert_non_null(strstr(r.v[4].snippet, "\x01hòa\x02 \x01giải\x02"));
}

/* Filters ride in the FTS5 query as tags terms: a small section among a
 * large one, a section tree, date ranges over month and year edges. */
static void
test_store__search_filters(void **state)
{
	struct fx *f = *state;
	struct search_result r;
	struct buf t = BUF_INIT;
	int64_t in_a1x[3], in_b;
	size_t n;

	assert_int_equal(store_bulk_begin(f->s), ERR_OK);
	for (int i = 0; i < 300; i++) {
		buf_reset(&t);
		buf_addf(&t, "Hộ tịch số %d", i);
		add_item(f->s, f->a2, ITEM_STATE_PUBLISHED, t.p, "", "",
		         1700000000 + i * 3600);
	}
	assert_int_equal(store_bulk_end(f->s), ERR_OK);
	/* 2023-12-31 23:59:59 UTC, 2024-01-01 00:00:00, 2024-03-15. */
	in_a1x[0] = add_item(f->s, f->a1x, ITEM_STATE_PUBLISHED,
	                     "Hộ tịch cuối năm", "", "", 1704067199);
	in_a1x[1] = add_item(f->s, f->a1x, ITEM_STATE_PUBLISHED,
	                     "Hộ tịch đầu năm", "", "", 1704067200);
	in_a1x[2] = add_item(f->s, f->a1x, ITEM_STATE_PUBLISHED,
	                     "Hộ tịch tháng ba", "", "", 1710460800);
	add_item(f->s, f->a1x, ITEM_STATE_DRAFT, "Hộ tịch nháp", "", "",
	         1710460800);
	in_b = add_item(f->s, f->root_b, ITEM_STATE_PUBLISHED,
	                "Văn bản về hộ tịch", "", "", 1600000000);

	/* The small section: exactly its three, newest first on ties. */
	n = search(f, "\"ho\" \"tich\"", f->a1x, 0, 0, &r);
	assert_int_equal(n, 3);
	assert_int_equal(r.total, 3);
	for (size_t i = 0; i < n; i++)
		assert_true(r.v[i].item.id == in_a1x[0] ||
		            r.v[i].item.id == in_a1x[1] ||
		            r.v[i].item.id == in_a1x[2]);
	/* The tree: a1 holds a1x. */
	assert_int_equal(search(f, "\"ho\" \"tich\"", f->a1, 0, 0, &r), 3);
	assert_int_equal(search(f, "\"ho\" \"tich\"", f->root_b, 0, 0, &r), 1);
	assert_int_equal(r.v[0].item.id, in_b);
	/* root_a: 300 in a2 and 3 in a1x, capped. */
	assert_int_equal(search(f, "\"ho\" \"tich\"", f->root_a, 0, 0, &r), 10);
	assert_int_equal(r.total, STORE_SEARCH_MAX);
	/* A section with nothing, and one that does not exist. */
	assert_int_equal(search(f, "\"ho\" \"tich\"", f->a1x + 1000, 0, 0, &r),
	                 0);
	/* Dates across the year's edge, to the second. */
	assert_int_equal(search(f, "\"ho\" \"tich\"", f->a1x, 1704067199,
	                        1704067200, &r),
	                 2);
	assert_int_equal(search(f, "\"ho\" \"tich\"", f->a1x, 1704067200,
	                        1704067200, &r),
	                 1);
	assert_int_equal(r.v[0].item.id, in_a1x[1]);
	/* Open ends; a range over several years; one before everything. */
	assert_int_equal(search(f, "\"ho\" \"tich\"", 0, 0, 1650000000, &r), 1);
	assert_int_equal(r.v[0].item.id, in_b);
	assert_int_equal(search(f, "\"ho\" \"tich\"", f->a1, 1704067200, 0, &r),
	                 2);
	assert_int_equal(
	        search(f, "\"ho\" \"tich\"", 0, 1500000000, 1704067199, &r),
	        10);
	assert_int_equal(r.total, STORE_SEARCH_MAX);
	assert_int_equal(search(f, "\"ho\" \"tich\"", 0, 1000, 2000, &r), 0);
	assert_int_equal(search(f, "\"ho\" \"tich\"", 0, 1710460801, 0, &r), 0);
	/* Typed words never match the tags column. */
	buf_reset(&t);
	buf_addf(&t, "\"c%lld\"", (long long)f->a1x);
	assert_int_equal(search(f, t.p, 0, 0, 0, &r), 0);
	assert_int_equal(search(f, "\"y2024\"", 0, 0, 0, &r), 0);
	assert_int_equal(search(f, "\"m202403\"", 0, 0, 0, &r), 0);
	/* A prefix stands for the words of the index; one that no word
	 * has finds nothing (and is no error). */
	assert_int_equal(search(f, "\"ho\" \"tic\"*", f->a1x, 0, 0, &r), 3);
	assert_int_equal(search(f, "\"tic\"*", f->root_b, 0, 0, &r), 1);
	assert_non_null(strstr(r.v[0].snippet, "\x01tịch\x02"));
	assert_int_equal(search(f, "\"ho\" \"xyzq\"*", 0, 0, 0, &r), 0);
	assert_int_equal(store_check(f->s), ERR_OK);
	buf_release(&t);
}

/* The time budget: a search over it stops, ranks what it found and says
 * so; within it, partial stays false. */
static void
test_store__search_budget(void **state)
{
	struct fx *f = *state;
	struct search_query q = {0};
	struct search_result r;
	struct buf t = BUF_INIT;

	assert_int_equal(store_bulk_begin(f->s), ERR_OK);
	for (int i = 0; i < 2000; i++) {
		buf_reset(&t);
		buf_addf(&t, "Đăng ký khai sinh %d", i);
		add_item(f->s, f->a1, ITEM_STATE_PUBLISHED, t.p, "",
		         "<p>Đăng ký khai sinh cho trẻ</p>",
		         1700000000 + i * 60);
	}
	assert_int_equal(store_bulk_end(f->s), ERR_OK);
	buf_release(&t);
	q.match = "\"dang\" \"ky\"";
	q.limit = 10;
	assert_int_equal(store_search(f->s, &f->a, &q, &r), ERR_OK);
	assert_false(r.partial);
	assert_int_equal(r.total, STORE_SEARCH_MAX);
	/* One microsecond: over before the first hundred steps end. */
	q.budget_us = 1;
	assert_int_equal(store_search(f->s, &f->a, &q, &r), ERR_OK);
	assert_true(r.partial);
	assert_true(r.total < STORE_SEARCH_MAX);
	assert_int_equal(r.n, MIN(r.total, (size_t)10));
	/* The connection is fine afterwards. */
	q.budget_us = 0;
	assert_int_equal(store_search(f->s, &f->a, &q, &r), ERR_OK);
	assert_false(r.partial);
	assert_int_equal(r.total, STORE_SEARCH_MAX);
}

static void
test_store__bulk(void **state)
{
	struct fx *f = *state;
	struct search_result r;
	struct buf title = BUF_INIT;
	int64_t n;

	assert_int_equal(store_bulk_begin(f->s), ERR_OK);
	for (int i = 0; i < 500; i++) {
		buf_reset(&title);
		buf_addf(&title, "Tin số %d về hộ tịch", i);
		add_item(f->s, i % 2 ? f->a1 : f->a2,
		         i % 5 ? ITEM_STATE_PUBLISHED : ITEM_STATE_DRAFT,
		         title.p, "", "<p>Đăng ký khai sinh</p>",
		         1700000000 + i);
	}
	assert_int_equal(store_bulk_end(f->s), ERR_OK);
	buf_release(&title);
	assert_int_equal(store_items_count(f->s, &n), ERR_OK);
	assert_int_equal(n, 500);
	/* 400 match; the total is capped. */
	assert_int_equal(search(f, "\"ho\" \"tich\"", 0, 0, 0, &r), 10);
	assert_int_equal(r.total, STORE_SEARCH_MAX);
	assert_int_equal(search(f, "\"dang\" \"ky\"", f->a2, 0, 0, &r), 10);
	assert_true(r.total == 200 || r.total == STORE_SEARCH_MAX);
	assert_int_equal(search(f, "\"dang\" \"ky\"", f->a1, 0, 0, &r), 10);
	assert_int_equal(r.total, 200);
	assert_int_equal(store_check(f->s), ERR_OK);
}

static void
test_store__views_add(void **state)
{
	struct fx *f = *state;
	struct view_count v[4];
	struct item it;
	int64_t id = add_item(f->s, f->a1, ITEM_STATE_PUBLISHED, "Tin", "", "",
	                      1700000000);
	sqlite3 *db;
	sqlite3_stmt *q;

	v[0] = (struct view_count){id, f->a1, 20260101, 5};
	v[1] = (struct view_count){id, f->a1, 20260102, 2};
	v[2] = (struct view_count){0, f->root_b, 20260101, 7};
	v[3] = (struct view_count){98765, f->a1, 20260101, 1}; /* no item */
	assert_int_equal(store_views_add(f->s, v, 4), ERR_OK);
	assert_int_equal(store_views_add(f->s, v, 2), ERR_OK);
	assert_int_equal(store_item_get(f->s, &f->a, id, &it), ERR_OK);
	assert_int_equal(it.hits, 14);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(
	                         db,
	                         "SELECT (SELECT count FROM view_daily_item "
	                         "WHERE day = 20260101 AND item_id = ?1), "
	                         "(SELECT count FROM view_daily_category "
	                         "WHERE day = 20260101 AND category_id = ?2), "
	                         "(SELECT count FROM view_daily_category "
	                         "WHERE day = 20260101 AND category_id = ?3)",
	                         -1, &q, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, f->a1);
	sqlite3_bind_int64(q, 3, f->root_b);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), 10);
	assert_int_equal(sqlite3_column_int(q, 1), 11);
	assert_int_equal(sqlite3_column_int(q, 2), 7);
	sqlite3_finalize(q);
	sqlite3_close(db);
}

struct writer {
	struct store *s;
	int64_t cat;
	volatile bool stop;
	int written;
};

static void *
writer_main(void *p)
{
	struct writer *w = p;

	while (!w->stop) {
		struct item it = {0};

		it.kind = ITEM_KIND_BAI;
		it.state = ITEM_STATE_PUBLISHED;
		it.category_id = w->cat;
		it.title = "Bài viết trong lúc sao lưu";
		it.slug = "bai";
		it.created_at = it.published_at = 1700000000;
		if (store_item_insert(w->s, &it) != ERR_OK)
			break;
		w->written++;
	}
	return NULL;
}

static void
test_store__backup_restore(void **state)
{
	struct fx *f = *state;
	char dest[FIXTURE_PATH_MAX], target[FIXTURE_PATH_MAX];
	struct writer w = {0};
	struct store *b;
	pthread_t t;
	int64_t n_backup, n_live;

	assert_int_equal(store_bulk_begin(f->s), ERR_OK);
	for (int i = 0; i < 3000; i++)
		add_item(f->s, f->a1, ITEM_STATE_PUBLISHED, "Tin tức pháp luật",
		         "Tóm tắt khá dài của tin",
		         "<p>Thân bài có nội dung dài để cơ sở dữ liệu có "
		         "nhiều trang hơn một chút</p>",
		         1700000000 + i);
	assert_int_equal(store_bulk_end(f->s), ERR_OK);
	assert_int_equal(fixture_tmp_path(dest, "store"), ERR_OK);
	w.s = f->s;
	w.cat = f->a2;
	assert_int_equal(pthread_create(&t, NULL, writer_main, &w), 0);
	while (w.written < 20)
		usleep(1000);
	assert_int_equal(store_backup(f->s, dest), ERR_OK);
	while (w.written < 60)
		usleep(1000);
	w.stop = true;
	pthread_join(t, NULL);
	assert_true(w.written >= 60);

	/* The backup is a consistent snapshot taken while writing. */
	assert_int_equal(store_open(dest, false, &b), ERR_OK);
	assert_int_equal(store_items_count(b, &n_backup), ERR_OK);
	assert_int_equal(store_check(b), ERR_OK);
	store_close(b);
	assert_int_equal(store_items_count(f->s, &n_live), ERR_OK);
	assert_true(n_backup >= 3020 && n_backup < n_live);

	/* Restore into a new path and into an existing database. */
	assert_int_equal(fixture_tmp_path(target, "store"), ERR_OK);
	assert_int_equal(store_restore(dest, target), ERR_OK);
	assert_int_equal(store_open(target, false, &b), ERR_OK);
	assert_int_equal(store_items_count(b, &n_live), ERR_OK);
	assert_int_equal(n_live, n_backup);
	assert_int_equal(store_check(b), ERR_OK);
	store_close(b);
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(store_restore(dest, f->path), ERR_OK);
	assert_int_equal(store_open(f->path, false, &f->s), ERR_OK);
	assert_int_equal(store_items_count(f->s, &n_live), ERR_OK);
	assert_int_equal(n_live, n_backup);
	fixture_db_remove(NULL, dest);
	fixture_db_remove(NULL, target);
}

static void
test_store__restore_refuses(void **state)
{
	struct fx *f = *state;
	char bad[FIXTURE_PATH_MAX], dest[FIXTURE_PATH_MAX];
	struct stat st;
	int64_t before, after;
	int fd;

	assert_int_equal(store_items_count(f->s, &before), ERR_OK);
	add_item(f->s, f->a1, ITEM_STATE_PUBLISHED, "Tin", "", "", 1700000000);
	/* Not a database. */
	assert_int_equal(fixture_tmp_path(bad, "store"), ERR_OK);
	fd = open(bad, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	for (int i = 0; i < 100; i++)
		assert_int_equal(write(fd, "không phải cơ sở dữ liệu\n", 31),
		                 31);
	close(fd);
	assert_int_equal(store_restore(bad, f->path), ERR_INVALID);
	assert_int_equal(store_restore("/nonexistent/x.db", f->path),
	                 ERR_NOTFOUND);
	/* A SQLite database that is not ours. */
	{
		sqlite3 *db;

		fixture_db_remove(NULL, bad);
		assert_int_equal(sqlite3_open(bad, &db), SQLITE_OK);
		assert_int_equal(
		        sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL),
		        SQLITE_OK);
		sqlite3_close(db);
		assert_int_equal(store_restore(bad, f->path), ERR_INVALID);
	}
	/* A corrupt backup: pages overwritten in the middle. */
	assert_int_equal(fixture_tmp_path(dest, "store"), ERR_OK);
	for (int i = 0; i < 200; i++)
		add_item(f->s, f->a1, ITEM_STATE_PUBLISHED, "Tin tức", "",
		         "<p>Thân bài</p>", 1700000000 + i);
	assert_int_equal(store_backup(f->s, dest), ERR_OK);
	assert_int_equal(stat(dest, &st), 0);
	assert_true(st.st_size > 8 * 4096);
	fd = open(dest, O_WRONLY);
	assert_true(fd >= 0);
	{
		char junk[4096];

		memset(junk, 0x5a, sizeof(junk));
		for (off_t off = 2 * 4096; off + 4096 < st.st_size;
		     off += 3 * 4096)
			assert_int_equal(pwrite(fd, junk, 100, off + 8), 100);
	}
	close(fd);
	assert_int_equal(store_restore(dest, f->path), ERR_INVALID);
	/* Nothing changed on the live database. */
	assert_int_equal(store_items_count(f->s, &after), ERR_OK);
	assert_int_equal(after, before + 201);
	fixture_db_remove(NULL, bad);
	fixture_db_remove(NULL, dest);
}

static void
test_store__threads(void **state)
{
	struct fx *f = *state;
	struct writer w[3];
	pthread_t t[3];
	int64_t n;

	/* Each thread gets its own connection; writes serialise. */
	for (int i = 0; i < 3; i++) {
		w[i] = (struct writer){f->s, f->a1, false, 0};
		assert_int_equal(
		        pthread_create(&t[i], NULL, writer_main, &w[i]), 0);
	}
	usleep(200000);
	for (int i = 0; i < 3; i++)
		w[i].stop = true;
	for (int i = 0; i < 3; i++) {
		pthread_join(t[i], NULL);
		assert_true(w[i].written > 0);
	}
	assert_int_equal(store_items_count(f->s, &n), ERR_OK);
	assert_int_equal(n, w[0].written + w[1].written + w[2].written);
	assert_int_equal(store_check(f->s), ERR_OK);
}

static void
strip(const char *html, const char *want)
{
	struct buf b = BUF_INIT;

	html_text(&b, html, strlen(html));
	assert_string_equal(b.p, want);
	buf_release(&b);
}

static void
test_store__html_text(void **state)
{
	(void)state;
	strip("<p>Sở <b>Tư</b> pháp</p><p>Kon&nbsp;Tum</p>",
	      "Sở Tư pháp Kon Tum");
	strip("<p>ph<b>áp</b></p>", "pháp");
	strip("a<br>b<br/>c", "a b c");
	strip("<a href=\"x>y\" title='>'>link</a> &amp; &lt;b&gt;",
	      "link & <b>");
	strip("&#7843;&#x1EA3; &#0; &bogus; & ;", "ảả &bogus; & ;");
	strip("x<!-- <p>hidden</p> -->y", "x y");
	strip("<script>var a = '<p>';</script>t<style>p{}</style>u", "t u");
	strip("3 < 4 and <", "3 < 4 and <");
	strip("<p>unterminated <a href=\"", "unterminated");
	strip("", "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_store__codes),
	        cmocka_unit_test(test_store__html_text),
	        cmocka_unit_test_setup_teardown(test_store__statements, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_store__migrations, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_store__categories, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_store__items, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_store__latest, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_store__featured_related,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_store__search, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_store__search_ranking,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_store__search_filters,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_store__search_budget,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_store__bulk, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_store__views_add, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_store__threads, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_store__backup_restore,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_store__restore_refuses,
	                                        setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
