/* Tests of the hash-chained audit log: append, verify, tampering (altered,
 * removed, re-hashed, tail cut), purge with its checkpoint, CSV export,
 * the detail builder. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "audit.h"
#include "store_fixture.h"
#include "config.h"
#include "log.h"

#define DAY 86400
/* 2026-01-01T00:00:00Z */
#define T0 ((time_t)1767225600)

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct audit_actor actor;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_int_equal(fixture_db_open(f->path, "audit", &f->s), ERR_OK);
	f->actor = (struct audit_actor){7, "Tổ thư ký", "192.0.2.1"};
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	fixture_db_remove(f->s, f->path);
	free(f);
	return 0;
}

/* Appends n entries, one a day from start. */
static void
add_entries(struct fx *f, int n, time_t start)
{
	for (int i = 0; i < n; i++) {
		char detail[64];

		snprintf(detail, sizeof(detail), "{\"n\":%d}", i);
		assert_int_equal(audit_append(f->s, &f->actor, start + i * DAY,
		                              "user.edit", "user", 100 + i,
		                              detail),
		                 ERR_OK);
	}
}

static void
verify(struct fx *f, enum audit_fault want, int64_t bad_id)
{
	struct audit_report r;

	assert_int_equal(audit_verify(f->s, &r), ERR_OK);
	if (r.fault != want || r.bad_id != bad_id)
		fail_msg("verify: fault %d at %lld (%s), want %d at %lld",
		         (int)r.fault, (long long)r.bad_id, r.why, (int)want,
		         (long long)bad_id);
}

static void
test_audit__hash_canonical(void **state)
{
	struct audit_entry e = {0}, e2;
	char h1[AUDIT_HASH_HEX], h2[AUDIT_HASH_HEX];

	(void)state;
	e.id = 1;
	e.at = T0;
	e.actor_name = "ab";
	e.client_addr = "c";
	e.action = "x";
	e.object_type = "";
	e.detail = "{}";
	e.prev_hash = "0";
	audit_hash(&e, h1);
	assert_int_equal(strlen(h1), 64);
	/* Moving a byte from one field to the next changes the hash. */
	e2 = e;
	e2.actor_name = "a";
	e2.client_addr = "bc";
	audit_hash(&e2, h2);
	assert_string_not_equal(h1, h2);
	e2 = e;
	e2.at = T0 + 1;
	audit_hash(&e2, h2);
	assert_string_not_equal(h1, h2);
	audit_hash(&e, h2);
	assert_string_equal(h1, h2);
}

static void
test_audit__append_verify(void **state)
{
	struct fx *f = *state;
	struct audit_report r;

	verify(f, AUDIT_INTACT, 0);
	add_entries(f, 5, T0);
	assert_int_equal(audit_verify(f->s, &r), ERR_OK);
	assert_int_equal(r.fault, AUDIT_INTACT);
	assert_int_equal(r.entries, 5);
	assert_int_equal(strlen(r.head), 64);
}

static void
test_audit__altered(void **state)
{
	struct fx *f = *state;

	add_entries(f, 6, T0);
	assert_int_equal(store_audit_test_set_detail(f->s, 4, "{\"n\":99}"),
	                 ERR_OK);
	verify(f, AUDIT_ALTERED, 4);
	/* The first fault is named even when there are more. */
	assert_int_equal(store_audit_test_set_detail(f->s, 2, "{}"), ERR_OK);
	verify(f, AUDIT_ALTERED, 2);
}

/* Someone re-hashes the entry they changed: the next link breaks. */
static void
test_audit__rehashed(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct audit_entry e;
	char h[AUDIT_HASH_HEX];

	arena_init(&a, 1024);
	add_entries(f, 4, T0);
	assert_int_equal(store_audit_last_below(f->s, &a, 3, &e), ERR_OK);
	assert_int_equal(e.id, 2);
	e.detail = "{\"n\":42}";
	audit_hash(&e, h);
	e.hash = h;
	assert_int_equal(store_audit_test_delete(f->s, 2), ERR_OK);
	assert_int_equal(store_audit_insert(f->s, &e), ERR_OK);
	verify(f, AUDIT_ALTERED, 2);
	arena_release(&a);
}

static void
test_audit__removed(void **state)
{
	struct fx *f = *state;

	add_entries(f, 6, T0);
	assert_int_equal(store_audit_test_delete(f->s, 3), ERR_OK);
	verify(f, AUDIT_REMOVED, 3);
	assert_int_equal(store_audit_test_delete(f->s, 99), ERR_NOTFOUND);
}

static void
test_audit__removed_first_and_last(void **state)
{
	struct fx *f = *state;

	add_entries(f, 6, T0);
	assert_int_equal(store_audit_test_delete(f->s, 6), ERR_OK);
	verify(f, AUDIT_REMOVED, 6);
	/* The next entry does not take the removed id. */
	add_entries(f, 1, T0 + 10 * DAY);
	verify(f, AUDIT_REMOVED, 6);
	assert_int_equal(store_audit_test_delete(f->s, 1), ERR_OK);
	verify(f, AUDIT_REMOVED, 1);
}

static void
test_audit__purge_checkpoint(void **state)
{
	struct fx *f = *state;
	time_t now = T0 + 400 * DAY;
	struct audit_report r;
	int64_t n = -1;

	add_entries(f, 10, T0); /* days 0..9 */
	add_entries(f, 3, now - 10 * DAY);
	/* Entries younger than 90 days are never purged. */
	assert_int_equal(audit_purge(f->s, &f->actor, now - 89 * DAY, now, &n),
	                 ERR_INVALID);
	assert_int_equal(n, 0);
	/* Purge days 0..4. */
	assert_int_equal(audit_purge(f->s, &f->actor, T0 + 5 * DAY, now, &n),
	                 ERR_OK);
	assert_int_equal(n, 5);
	assert_int_equal(audit_verify(f->s, &r), ERR_OK);
	assert_int_equal(r.fault, AUDIT_INTACT);
	assert_int_equal(r.entries, 10 - 5 + 3 + 1); /* + the checkpoint */
	/* Nothing older left: no second checkpoint. */
	assert_int_equal(audit_purge(f->s, &f->actor, T0 + 5 * DAY, now, &n),
	                 ERR_OK);
	assert_int_equal(n, 0);
	verify(f, AUDIT_INTACT, 0);
	/* A second purge, past the first checkpoint's entries. */
	assert_int_equal(audit_purge(f->s, &f->actor, T0 + 300 * DAY, now, &n),
	                 ERR_OK);
	assert_int_equal(n, 5);
	verify(f, AUDIT_INTACT, 0);
	add_entries(f, 2, now);
	verify(f, AUDIT_INTACT, 0);

	/* Tampering after a purge is still found. */
	assert_int_equal(store_audit_test_set_detail(f->s, 12, "{}"), ERR_OK);
	verify(f, AUDIT_ALTERED, 12);
}

static void
test_audit__purge_then_remove_more(void **state)
{
	struct fx *f = *state;
	time_t now = T0 + 400 * DAY;
	int64_t n;

	add_entries(f, 10, T0);
	assert_int_equal(audit_purge(f->s, &f->actor, T0 + 3 * DAY, now, &n),
	                 ERR_OK);
	assert_int_equal(n, 3);
	verify(f, AUDIT_INTACT, 0);
	/* Removing the first entries left without a checkpoint. */
	assert_int_equal(store_audit_test_delete(f->s, 4), ERR_OK);
	verify(f, AUDIT_REMOVED, 4);
}

static void
test_audit__purge_everything(void **state)
{
	struct fx *f = *state;
	time_t now = T0 + 400 * DAY;
	int64_t n;

	add_entries(f, 4, T0);
	assert_int_equal(audit_purge(f->s, &f->actor, now - 100 * DAY, now, &n),
	                 ERR_OK);
	assert_int_equal(n, 4);
	/* Only the checkpoint remains, and it verifies. */
	verify(f, AUDIT_INTACT, 0);
	add_entries(f, 1, now);
	verify(f, AUDIT_INTACT, 0);
}

static void
test_audit__export_csv(void **state)
{
	struct fx *f = *state;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int64_t n = 0;

	assert_non_null(out);
	assert_int_equal(audit_append(f->s, &f->actor, T0, "unit.edit", "unit",
	                              3, "{\"name\":\"Văn \\\"phòng\\\"\"}"),
	                 ERR_OK);
	assert_int_equal(
	        audit_append(f->s, &f->actor, T0 + DAY, "=cmd()", "", 0, NULL),
	        ERR_OK);
	assert_int_equal(audit_append(f->s, &f->actor, T0 + 5 * DAY, "late", "",
	                              0, NULL),
	                 ERR_OK);
	assert_int_equal(audit_export_csv(f->s, T0, T0 + 2 * DAY, out, &n),
	                 ERR_OK);
	fclose(out);
	assert_int_equal(n, 2);
	assert_memory_equal(text, "\xEF\xBB\xBF\"id\",", 8);
	/* 2026-01-01T00:00Z is 07:00 in Viet Nam. */
	assert_non_null(strstr(text, "\"2026-01-01T07:00:00+07:00\""));
	assert_non_null(strstr(text, "\"Tổ thư ký\",\"192.0.2.1\""));
	assert_non_null(strstr(text, "\"{\"\"name\"\":"));
	assert_non_null(strstr(text, "\"'=cmd()\""));
	assert_null(strstr(text, "late"));
	assert_non_null(strstr(text, "\r\n"));
	free(text);
}

static void
test_audit__detail(void **state)
{
	struct audit_detail d;

	(void)state;
	audit_detail_init(&d);
	assert_false(audit_detail_any(&d));
	assert_string_equal(audit_detail_json(&d), "{}");
	audit_detail_change(&d, "same", "a", "a");
	audit_detail_change_int(&d, "same_n", 3, 3);
	assert_false(audit_detail_any(&d));
	audit_detail_change(&d, "name", "Cũ \"x\"", "Mới");
	audit_detail_change(&d, "email", NULL, "a@b.vn");
	audit_detail_change_int(&d, "unit_id", 1, 2);
	audit_detail_str(&d, "reason", "inactive");
	audit_detail_int(&d, "n", -5);
	assert_true(audit_detail_any(&d));
	assert_string_equal(
	        audit_detail_json(&d),
	        "{\"name\":{\"before\":\"Cũ \\\"x\\\"\","
	        "\"after\":\"Mới\"},\"email\":{\"after\":"
	        "\"a@b.vn\"},\"unit_id\":{\"before\":1,\"after\":2},"
	        "\"reason\":\"inactive\",\"n\":-5}");
	audit_detail_release(&d);
}

static void
test_audit__cli_actor(void **state)
{
	struct audit_actor a;
	char name[64];

	(void)state;
	audit_actor_cli(&a, name, sizeof(name));
	assert_int_equal(a.user_id, 0);
	assert_ptr_equal(a.name, name);
	assert_memory_equal(name, "cli:", 4);
	assert_true(strlen(name) > 4);
}

/* A sink for audit_csv_write: appends to a buf, refuses after cap. */
struct sink {
	struct buf b;
	size_t cap;
};

static bool
sink_write(const char *p, size_t len, void *arg)
{
	struct sink *k = arg;

	if (k->b.len + len > k->cap)
		return false;
	buf_add(&k->b, p, len);
	return true;
}

static size_t
count_lines(const char *p)
{
	size_t n = 0;

	for (; (p = strstr(p, "\r\n")); p += 2)
		n++;
	return n;
}

static void
test_audit__csv_filter(void **state)
{
	struct fx *f = *state;
	struct audit_actor other = {9, "khac@stp.vn", "198.51.100.7"};
	struct audit_filter flt = {0};
	struct sink k = {BUF_INIT, 1u << 20};
	int64_t n = -1, cnt = -1;

	add_entries(f, 5, T0); /* ids 1..5, actor 7, user.edit */
	assert_int_equal(audit_append(f->s, &other, T0 + 10 * DAY, "unit.add",
	                              "unit", 3, "{\"name\":\"=1+2\"}"),
	                 ERR_OK);
	/* By actor, action, object, address, time: each narrows. */
	flt.actor_user_id = 9;
	assert_int_equal(audit_csv_write(f->s, &flt, 0, sink_write, &k, &n),
	                 ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(count_lines(k.b.p), 2);
	assert_memory_equal(k.b.p, "\xEF\xBB\xBF\"id\",", 8);
	/* The detail starts with '{': no formula, no quote mark added. */
	assert_non_null(strstr(k.b.p, ",\"{\"\"name\"\":\"\"=1+2\"\"}\","));
	assert_non_null(strstr(k.b.p, ",\"khac@stp.vn\",\"198.51.100.7\","));
	assert_int_equal(store_audit_count(f->s, &flt, &cnt), ERR_OK);
	assert_int_equal(cnt, 1);
	flt = (struct audit_filter){.actor_name = "KHAC@stp.vn"};
	assert_int_equal(store_audit_count(f->s, &flt, &cnt), ERR_OK);
	assert_int_equal(cnt, 1);
	flt = (struct audit_filter){.action = "user.edit"};
	assert_int_equal(store_audit_count(f->s, &flt, &cnt), ERR_OK);
	assert_int_equal(cnt, 5);
	flt = (struct audit_filter){.object_type = "user", .object_id = 102};
	assert_int_equal(store_audit_count(f->s, &flt, &cnt), ERR_OK);
	assert_int_equal(cnt, 1);
	flt = (struct audit_filter){.client_addr = "198.51.100.7"};
	assert_int_equal(store_audit_count(f->s, &flt, &cnt), ERR_OK);
	assert_int_equal(cnt, 1);
	flt = (struct audit_filter){.from = T0 + DAY, .to = T0 + 3 * DAY};
	assert_int_equal(store_audit_count(f->s, &flt, &cnt), ERR_OK);
	assert_int_equal(cnt, 3);
	/* max_rows caps; id order. */
	buf_reset(&k.b);
	assert_int_equal(audit_csv_write(f->s, NULL, 2, sink_write, &k, &n),
	                 ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(count_lines(k.b.p), 3);
	assert_non_null(strstr(k.b.p, "\r\n\"1\","));
	assert_null(strstr(k.b.p, "\r\n\"3\","));
	/* A sink that fails stops the export with ERR_IO. */
	buf_reset(&k.b);
	k.cap = 200;
	assert_int_equal(audit_csv_write(f->s, NULL, 0, sink_write, &k, &n),
	                 ERR_IO);
	buf_release(&k.b);
}

struct page {
	int64_t ids[8];
	size_t n;
};

static enum err
page_add(const struct audit_entry *e, void *arg)
{
	struct page *pg = arg;

	pg->ids[pg->n++] = e->id;
	return ERR_OK;
}

static void
test_audit__find_keyset(void **state)
{
	struct fx *f = *state;
	struct page pg = {0};

	add_entries(f, 7, T0);
	/* Newest first, 3 at a time, then below the last shown. */
	assert_int_equal(
	        store_audit_find(f->s, NULL, 0, 0, true, 3, page_add, &pg),
	        ERR_OK);
	assert_int_equal(pg.n, 3);
	assert_int_equal(pg.ids[0], 7);
	assert_int_equal(pg.ids[2], 5);
	pg.n = 0;
	assert_int_equal(
	        store_audit_find(f->s, NULL, 5, 0, true, 3, page_add, &pg),
	        ERR_OK);
	assert_int_equal(pg.n, 3);
	assert_int_equal(pg.ids[0], 4);
	/* Back up: above an id, in id order. */
	pg.n = 0;
	assert_int_equal(
	        store_audit_find(f->s, NULL, 0, 4, false, 2, page_add, &pg),
	        ERR_OK);
	assert_int_equal(pg.n, 2);
	assert_int_equal(pg.ids[0], 5);
	assert_int_equal(pg.ids[1], 6);
}

static void
test_audit__detail_parse(void **state)
{
	struct arena a = ARENA_INIT;
	struct audit_detail d;
	struct audit_detail_item *v;
	size_t n;
	static const char *const bad[] = {
	        "",
	        "[]",
	        "{",
	        "{\"a\"}",
	        "{\"a\":}",
	        "{\"a\":1,}",
	        "{\"a\":1} x",
	        "{\"a\":{\"before\":1}}",
	        "{\"a\":{\"other\":1,\"after\":2}}",
	        "{\"a\":{\"after\":{\"x\":1}}}",
	        "{\"a\":\"\\x\"}",
	        "{\"a\":\"\\u12\"}",
	        "{\"a\":\"unterminated}",
	        "{\"a\":-}",
	        "{\"a\":[1]}",
	};

	(void)state;
	arena_init(&a, 1024);
	audit_detail_init(&d);
	audit_detail_change(&d, "name", "Cũ \"x\" <b>", "Mới\\\n");
	audit_detail_change(&d, "email", NULL, "a@b.vn");
	audit_detail_change_int(&d, "unit_id", 1, 2);
	audit_detail_str(&d, "reason", "tab\there\x01");
	audit_detail_int(&d, "n", -5);
	assert_true(audit_detail_parse(&a, audit_detail_json(&d), &v, &n));
	assert_int_equal(n, 5);
	assert_string_equal(v[0].field, "name");
	assert_true(v[0].change);
	assert_string_equal(v[0].before, "Cũ \"x\" <b>");
	assert_string_equal(v[0].value, "Mới\\\n");
	assert_string_equal(v[1].field, "email");
	assert_true(v[1].change);
	assert_null(v[1].before);
	assert_string_equal(v[1].value, "a@b.vn");
	assert_true(v[2].number);
	assert_string_equal(v[2].before, "1");
	assert_string_equal(v[2].value, "2");
	assert_false(v[3].change);
	assert_false(v[3].number);
	assert_string_equal(v[3].value, "tab\there\x01");
	assert_string_equal(v[4].value, "-5");
	assert_true(v[4].number);
	audit_detail_release(&d);

	assert_true(audit_detail_parse(&a, " { } ", &v, &n));
	assert_int_equal(n, 0);
	/* Surrogate pairs join; a lone one and NUL become U+FFFD. */
	assert_true(audit_detail_parse(
	        &a, "{\"e\":\"\\ud83d\\ude00\\ud800\\u0000\\u1ea1\"}", &v, &n));
	assert_string_equal(v[0].value, "\xF0\x9F\x98\x80\xEF\xBF\xBD"
	                                "\xEF\xBF\xBD\xE1\xBA\xA1");
	assert_true(audit_detail_parse(
	        &a, "{\"t\":true,\"f\":false,\"z\":null,\"x\":1.5e3}", &v, &n));
	assert_int_equal(n, 4);
	assert_string_equal(v[0].value, "true");
	assert_string_equal(v[2].value, "");
	assert_string_equal(v[3].value, "1.5e3");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (audit_detail_parse(&a, bad[i], &v, &n))
			fail_msg("accepted '%s'", bad[i]);
	assert_false(audit_detail_parse(&a, NULL, &v, &n));
	arena_release(&a);
}

static void
test_audit__action_names(void **state)
{
	const struct audit_action *v;
	size_t n;

	(void)state;
	assert_string_equal(audit_action_name("login.ok"), "Đăng nhập");
	assert_string_equal(audit_action_name("login.fail"),
	                    "Đăng nhập thất bại");
	assert_non_null(audit_action_name(AUDIT_CHECKPOINT));
	assert_non_null(audit_action_name(AUDIT_EXPORT));
	assert_null(audit_action_name("made.up"));
	assert_null(audit_action_name(NULL));
	v = audit_actions(&n);
	assert_true(n > 20);
	/* Codes are unique, so a filter names one action. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			assert_string_not_equal(v[i].code, v[j].code);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_audit__hash_canonical),
	        T(test_audit__append_verify),
	        T(test_audit__altered),
	        T(test_audit__rehashed),
	        T(test_audit__removed),
	        T(test_audit__removed_first_and_last),
	        T(test_audit__purge_checkpoint),
	        T(test_audit__purge_then_remove_more),
	        T(test_audit__purge_everything),
	        T(test_audit__export_csv),
	        T(test_audit__csv_filter),
	        T(test_audit__find_keyset),
	        cmocka_unit_test(test_audit__detail),
	        cmocka_unit_test(test_audit__detail_parse),
	        cmocka_unit_test(test_audit__action_names),
	        cmocka_unit_test(test_audit__cli_actor),
	};

	log_set_level(LOG_LEVEL_WARN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
