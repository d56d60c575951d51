/* Tests of contributions from outside: reference numbers (format,
 * parsing, uniqueness), the text turned into paragraphs, the per-address
 * limit, the one transaction that writes every row or none, the
 * acknowledgement mail and the status a sender sees. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "config.h"
#include "contribution.h"
#include "store_fixture.h"

#define T0 ((time_t)1767225600) /* 2026-01-01T00:00:00Z (07:00 local) */

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	int64_t cat;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct category c = {0};

	config_defaults(&config);
	assert_int_equal(fixture_db_open(f->path, "contrib", &f->s), ERR_OK);
	arena_init(&f->a, 4096);
	c.slug = "tin-tuc-su-kien";
	c.name = "Tin tức - sự kiện";
	c.description = "";
	assert_int_equal(store_category_insert(f->s, &c), ERR_OK);
	f->cat = c.id;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	fixture_db_remove(f->s, f->path);
	arena_release(&f->a);
	config_release(&config);
	free(f);
	return 0;
}

static struct contrib_in
sample(struct fx *f, const char *addr)
{
	return (struct contrib_in){
	        .name = "Trần Văn Bình",
	        .agency = "UBND xã Đắk Hà",
	        .title = "Công chức tư pháp - hộ tịch",
	        .contact = "0912 345 678",
	        .email = "",
	        .headline = "Xã Đắk Hà tổ chức ngày pháp luật",
	        .text = "Sáng 9/11, xã tổ chức ngày pháp luật.\n\n"
	                "Hơn 200 người dân tham dự.\nBuổi lễ kết thúc lúc "
	                "11 giờ.",
	        .category_id = f->cat,
	        .client_addr = addr,
	};
}

/* The rows a contribution writes, in one string: items, audit entries,
 * items in the triage queue (item and flow rows) and the count of
 * address 192.0.2.1. */
static const char *
rows(struct fx *f)
{
	struct queue_who w = {.now = T0};
	int64_t items = 0, audit = 0, q[ITEM_QUEUE__MAX], hour, day;

	assert_int_equal(store_items_count(f->s, &items), ERR_OK);
	assert_int_equal(store_audit_count(f->s, NULL, &audit), ERR_OK);
	assert_int_equal(store_queue_counts(f->s, &w, q), ERR_OK);
	assert_int_equal(store_contribution_rate_count(f->s, "192.0.2.1", 0, 0,
	                                               &hour, &day),
	                 ERR_OK);
	return arena_printf(&f->a,
	                    "items=%lld audit=%lld triage=%lld rate=%lld",
	                    (long long)items, (long long)audit,
	                    (long long)q[ITEM_QUEUE_TRIAGE], (long long)day);
}

static void
test_contribution__ref_format_and_uniqueness(void **state)
{
	char seen[200][CONTRIB_REF_SIZE], back[CONTRIB_REF_SIZE];

	(void)state;
	for (size_t i = 0; i < 200; i++) {
		const char *r = seen[i];

		contribution_ref_new(T0, seen[i]);
		assert_int_equal(strlen(r), 14);
		assert_memory_equal(r, "GT-2026-", 8);
		for (size_t j = 8; j < 14; j++)
			assert_non_null(strchr(
			        "0123456789ABCDEFGHJKMNPQRSTVWXYZ", r[j]));
		assert_true(contribution_ref_parse(r, back));
		assert_string_equal(back, r);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(seen[j], r);
	}
	/* The Viet Nam year: 31/12/2026 18:00 UTC is already 2027. */
	contribution_ref_new((time_t)1798740000, back);
	assert_memory_equal(back, "GT-2027-", 8);
}

static void
test_contribution__ref_parse(void **state)
{
	char out[CONTRIB_REF_SIZE];

	(void)state;
	assert_true(contribution_ref_parse("  gt-2026-7k4m9q \n", out));
	assert_string_equal(out, "GT-2026-7K4M9Q");
	/* Crockford: O is 0, I and L are 1. */
	assert_true(contribution_ref_parse("GT-2026-OIL23A", out));
	assert_string_equal(out, "GT-2026-01123A");
	assert_false(contribution_ref_parse("GT-2026-7K4M9", out));
	assert_false(contribution_ref_parse("GT-2026-7K4M9QQ", out));
	assert_false(contribution_ref_parse("GX-2026-7K4M9Q", out));
	assert_false(contribution_ref_parse("GT-20A6-7K4M9Q", out));
	assert_false(contribution_ref_parse("GT-2026-7K4M9U", out));
	assert_false(contribution_ref_parse("GT-2026_7K4M9Q", out));
	assert_false(contribution_ref_parse("GT-2026-7K4M9'", out));
	assert_false(contribution_ref_parse("", out));
	assert_false(contribution_ref_parse(NULL, out));
}

static void
test_contribution__html_paragraphs(void **state)
{
	struct fx *f = *state;
	enum vnlegacy_enc enc = VNLEGACY_UNICODE;
	const char *h = NULL;

	assert_int_equal(contribution_html(&f->a,
	                                   "  Dòng một\r\nDòng <hai> & ba  \r\n"
	                                   "\r\n \t\r\n\nĐoạn hai\n",
	                                   &h, &enc),
	                 ERR_OK);
	assert_string_equal(h, "<p>Dòng một<br>Dòng &lt;hai&gt; &amp; ba</p>\n"
	                       "<p>Đoạn hai</p>\n");
	assert_int_equal(enc, VNLEGACY_NONE);
	/* A script typed as text stays text. */
	assert_int_equal(
	        contribution_html(&f->a, "<script>alert(1)</script>", &h, NULL),
	        ERR_OK);
	assert_null(strstr(h, "<script"));
	/* VNI typed with a legacy font: converted to Unicode. */
	assert_int_equal(contribution_html(&f->a,
	                                   "Sôû Tö phaùp tænh Kon Tum toå "
	                                   "chöùc hoäi nghò tuyeân truyeàn "
	                                   "phaùp luaät cho ngöôøi daân",
	                                   &h, &enc),
	                 ERR_OK);
	assert_true(vnlegacy_is_legacy(enc));
	assert_non_null(strstr(h, "Tư pháp"));
}

static void
test_contribution__check_fields(void **state)
{
	struct fx *f = *state;
	struct contrib_in in = sample(f, "192.0.2.1");
	struct contrib_problems p;
	char *big;

	assert_true(contribution_check(&in, &p));
	assert_int_equal(p.n, 0);
	/* Điều 9.1.c: phone or address required, title optional. */
	in.contact = "  ";
	in.title = "";
	in.email = "không phải thư";
	assert_false(contribution_check(&in, &p));
	assert_int_equal(p.n, 2);
	assert_non_null(p.msg[CONTRIB_F_CONTACT]);
	assert_non_null(p.msg[CONTRIB_F_EMAIL]);
	assert_null(p.msg[CONTRIB_F_TITLE]);
	in = sample(f, NULL);
	in.name = "Bình\x01";
	/* "ệ" is 3 bytes: the limit counts characters. */
	big = calloc(1, 3 * (CONTRIB_TEXT_MAX + 1) + 1);
	for (size_t i = 0; i < CONTRIB_TEXT_MAX + 1; i++)
		memcpy(big + 3 * i, "ệ", 3);
	big[3 * (CONTRIB_TEXT_MAX + 1)] = '\0';
	in.text = big;
	assert_false(contribution_check(&in, &p));
	assert_non_null(p.msg[CONTRIB_F_NAME]);
	assert_non_null(p.msg[CONTRIB_F_TEXT]);
	/* Exactly the limit passes (characters, not bytes). */
	big[3 * CONTRIB_TEXT_MAX] = '\0';
	in.name = "Bình";
	assert_true(contribution_check(&in, &p));
	free(big);
}

static void
test_contribution__add_writes_every_row(void **state)
{
	struct fx *f = *state;
	struct contrib_in in = sample(f, "192.0.2.1");
	struct contrib_out out;
	struct contrib_status st;
	struct item it;
	struct item_flow fl;
	struct item_revision rv;
	struct item_transition *tr;
	struct queue_list ql;
	struct queue_who w = {.now = T0};
	size_t n;

	assert_int_equal(contribution_add(f->s, &in, T0, &out, NULL), ERR_OK);
	assert_true(out.item_id > 0);
	assert_memory_equal(out.ref, "GT-2026-", 8);
	assert_int_equal(store_item_get(f->s, &f->a, out.item_id, &it), ERR_OK);
	assert_int_equal(it.state, ITEM_STATE_SUBMITTED);
	assert_int_equal(it.kind, ITEM_KIND_TIN);
	assert_string_equal(it.title, in.headline);
	assert_string_equal(it.author_name, "Trần Văn Bình");
	assert_string_equal(it.source, "UBND xã Đắk Hà");
	assert_int_equal(it.author_user_id, 0);
	assert_string_equal(it.body_html,
	                    "<p>Sáng 9/11, xã tổ chức ngày pháp luật.</p>\n"
	                    "<p>Hơn 200 người dân tham dự.<br>Buổi lễ kết thúc "
	                    "lúc 11 giờ.</p>\n");
	assert_int_equal(store_flow_get(f->s, &f->a, out.item_id, &fl), ERR_OK);
	assert_true(fl.contribution);
	assert_int_equal(fl.unit_id, 0);
	assert_string_equal(fl.sender_name, "Trần Văn Bình");
	assert_string_equal(fl.sender_agency, "UBND xã Đắk Hà");
	assert_string_equal(fl.sender_title, "Công chức tư pháp - hộ tịch");
	assert_string_equal(fl.sender_contact, "0912 345 678");
	assert_int_equal(fl.revision, 1);
	assert_int_equal(fl.submitted_at, T0);
	assert_int_equal(store_revision_get(f->s, &f->a, out.item_id, 1, &rv),
	                 ERR_OK);
	assert_string_equal(rv.body_html, it.body_html);
	assert_int_equal(store_transitions(f->s, &f->a, out.item_id, &tr, &n),
	                 ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(tr[0].action, "contribute");
	assert_int_equal(tr[0].from, ITEM_STATE_DRAFT);
	assert_int_equal(tr[0].to, ITEM_STATE_SUBMITTED);
	assert_string_equal(tr[0].actor_name, "Người gửi: Trần Văn Bình");
	/* It waits in the Secretariat's triage queue. */
	assert_int_equal(
	        store_queue(f->s, &f->a, ITEM_QUEUE_TRIAGE, &w, 0, 10, &ql),
	        ERR_OK);
	assert_int_equal(ql.n, 1);
	assert_int_equal(ql.v[0].item.id, out.item_id);
	assert_string_equal(rows(f), "items=1 audit=1 triage=1 rate=1");
	/* The status, by the number given. */
	assert_int_equal(contribution_status(f->s, &f->a, out.ref, &st),
	                 ERR_OK);
	assert_int_equal(st.stage, CONTRIB_RECEIVED);
	assert_int_equal(st.sent_at, T0);
	assert_int_equal(
	        contribution_status(f->s, &f->a, "GT-2026-000000", &st),
	        ERR_NOTFOUND);
}

static void
test_contribution__all_or_nothing(void **state)
{
	struct fx *f = *state;
	struct contrib_in in = sample(f, "192.0.2.1");
	struct media_album_entry bad = {.media_id = 999, .caption = ""};
	struct contrib_problems p;
	struct contrib_out out;

	/* The files step fails after the item, flow, revision and history
	 * rows were written: all of them go. */
	in.media = &bad;
	in.nmedia = 1;
	assert_int_not_equal(contribution_add(f->s, &in, T0, &out, NULL),
	                     ERR_OK);
	assert_string_equal(out.ref, "");
	assert_string_equal(rows(f), "items=0 audit=0 triage=0 rate=0");
	/* An unknown section. */
	in = sample(f, "192.0.2.1");
	in.category_id = 4242;
	assert_int_equal(contribution_add(f->s, &in, T0, &out, NULL),
	                 ERR_INVALID);
	assert_string_equal(rows(f), "items=0 audit=0 triage=0 rate=0");
	/* A missing field: nothing, and the message. */
	in = sample(f, "192.0.2.1");
	in.agency = "";
	assert_int_equal(contribution_add(f->s, &in, T0, &out, &p),
	                 ERR_INVALID);
	assert_non_null(p.msg[CONTRIB_F_AGENCY]);
	assert_string_equal(rows(f), "items=0 audit=0 triage=0 rate=0");
	/* And none of these counted against the address. */
	assert_int_equal(contribution_rate_check(f->s, "192.0.2.1", T0),
	                 ERR_OK);
}

static void
test_contribution__rate_limit(void **state)
{
	struct fx *f = *state;
	struct contrib_in in = sample(f, "2001:db8:1:2:3:4:5:6");
	struct contrib_out out;
	time_t t = T0;

	for (int i = 0; i < CONTRIB_PER_HOUR; i++)
		assert_int_equal(contribution_add(f->s, &in, t + i, &out, NULL),
		                 ERR_OK);
	/* The 4th in the hour, from another address of the same /64. */
	in.client_addr = "2001:db8:1:2:ffff::1";
	assert_int_equal(contribution_rate_check(f->s, in.client_addr, t + 10),
	                 ERR_DENIED);
	assert_int_equal(contribution_add(f->s, &in, t + 10, &out, NULL),
	                 ERR_DENIED);
	assert_string_equal(rows(f), "items=3 audit=3 triage=3 rate=0");
	/* Another address is not held back. */
	assert_int_equal(
	        contribution_rate_check(f->s, "2001:db8:1:3::1", t + 10),
	        ERR_OK);
	/* An hour later: 3 more, then the day's 10 is the limit. */
	for (int h = 1; h <= 3; h++)
		for (int i = 0; i < 3; i++)
			if (3 * h + i < CONTRIB_PER_DAY)
				assert_int_equal(
				        contribution_add(f->s, &in,
				                         t + h * 3700 + i, &out,
				                         NULL),
				        ERR_OK);
	assert_string_equal(rows(f), "items=10 audit=10 triage=10 rate=0");
	assert_int_equal(contribution_add(f->s, &in, t + 4 * 3600, &out, NULL),
	                 ERR_DENIED);
	/* A day after the first, it may send again. */
	assert_int_equal(contribution_add(f->s, &in, t + 86400 + 1, &out, NULL),
	                 ERR_OK);
}

/* A post that stored files and then failed counts toward the limit. */
static void
test_contribution__rate_note(void **state)
{
	struct fx *f = *state;
	struct contrib_in in = sample(f, "192.0.2.1");
	struct contrib_out out;

	for (int i = 0; i < CONTRIB_PER_HOUR - 1; i++)
		assert_int_equal(
		        contribution_rate_note(f->s, "192.0.2.1", T0 + i),
		        ERR_OK);
	assert_string_equal(rows(f), "items=0 audit=0 triage=0 rate=2");
	assert_int_equal(contribution_rate_check(f->s, "192.0.2.1", T0 + 5),
	                 ERR_OK);
	assert_int_equal(contribution_add(f->s, &in, T0 + 5, &out, NULL),
	                 ERR_OK);
	assert_int_equal(contribution_rate_check(f->s, "192.0.2.1", T0 + 6),
	                 ERR_DENIED);
	assert_int_equal(contribution_add(f->s, &in, T0 + 6, &out, NULL),
	                 ERR_DENIED);
	assert_string_equal(rows(f), "items=1 audit=1 triage=1 rate=3");
	/* An hour later the attempts no longer hold it back. */
	assert_int_equal(contribution_rate_check(f->s, "192.0.2.1", T0 + 3601),
	                 ERR_OK);
}

static void
test_contribution__addr_key(void **state)
{
	struct fx *f = *state;

	assert_string_equal(contribution_addr_key(&f->a, "192.0.2.7"),
	                    "192.0.2.7");
	assert_string_equal(contribution_addr_key(&f->a, "::ffff:192.0.2.7"),
	                    "192.0.2.7");
	assert_string_equal(
	        contribution_addr_key(&f->a, "2001:db8:a:b:c:d:e:f"),
	        "2001:db8:a:b::/64");
	assert_string_equal(contribution_addr_key(&f->a, "bogus"), "");
	assert_string_equal(contribution_addr_key(&f->a, NULL), "");
}

static void
test_contribution__mail_when_on(void **state)
{
	struct fx *f = *state;
	struct contrib_in in = sample(f, "192.0.2.9");
	struct contrib_out out;
	struct mail_row m;
	int64_t pending = 0;

	in.email = "binh@example.vn";
	/* Mail off: nothing queued, the contribution still goes in. */
	assert_int_equal(contribution_add(f->s, &in, T0, &out, NULL), ERR_OK);
	assert_int_equal(store_mail_count(f->s, &pending, NULL, NULL), ERR_OK);
	assert_int_equal(pending, 0);
	assert_int_equal(config_set(&config, "mail", "host", "127.0.0.1"), 0);
	assert_int_equal(contribution_add(f->s, &in, T0 + 5, &out, NULL),
	                 ERR_OK);
	assert_int_equal(store_mail_count(f->s, &pending, NULL, NULL), ERR_OK);
	assert_int_equal(pending, 1);
	assert_int_equal(store_mail_get(f->s, &f->a, 1, &m), ERR_OK);
	assert_string_equal(m.to, "binh@example.vn");
	assert_non_null(strstr(m.subject, out.ref));
	assert_non_null(strstr(m.body, "/gui-tin-bai/tra-cuu?ma="));
	assert_non_null(strstr(m.body, out.ref));
	/* Nothing typed in the form rides along to the address typed
	 * there: not the name, the title, the agency or the text. */
	assert_null(strstr(m.subject, "Đắk Hà"));
	assert_null(strstr(m.body, "Trần Văn Bình"));
	assert_null(strstr(m.body, "Đắk Hà"));
	assert_null(strstr(m.body, "pháp luật"));
	assert_null(strstr(m.body, "0912"));
	/* Even a text made to look like an advert stays out. */
	in.name = "Mua ngay http://spam.example";
	in.headline = "Khuyến mãi http://spam.example";
	assert_int_equal(contribution_add(f->s, &in, T0 + 10, &out, NULL),
	                 ERR_OK);
	assert_int_equal(store_mail_get(f->s, &f->a, 2, &m), ERR_OK);
	assert_non_null(strstr(m.body, out.ref));
	assert_null(strstr(m.subject, "spam"));
	assert_null(strstr(m.body, "spam"));
}

static void
test_contribution__stages(void **state)
{
	(void)state;
	assert_int_equal(contribution_stage_of(ITEM_STATE_SUBMITTED),
	                 CONTRIB_RECEIVED);
	assert_int_equal(contribution_stage_of(ITEM_STATE_DISTRICT_REVIEW),
	                 CONTRIB_RECEIVED);
	assert_int_equal(contribution_stage_of(ITEM_STATE_IN_EDITING),
	                 CONTRIB_EDITING);
	assert_int_equal(contribution_stage_of(ITEM_STATE_SCHEDULED),
	                 CONTRIB_EDITING);
	assert_int_equal(contribution_stage_of(ITEM_STATE_PUBLISHED),
	                 CONTRIB_PUBLISHED);
	assert_int_equal(contribution_stage_of(ITEM_STATE_RETURNED),
	                 CONTRIB_NOT_USED);
	assert_int_equal(contribution_stage_of(ITEM_STATE_ARCHIVED),
	                 CONTRIB_NOT_USED);
	assert_string_equal(contribution_stage_name(CONTRIB_RECEIVED),
	                    "Đã tiếp nhận, đang chờ xem xét");
	assert_null(contribution_stage_name(CONTRIB_STAGE__MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_contribution__ref_format_and_uniqueness),
	        cmocka_unit_test(test_contribution__ref_parse),
	        cmocka_unit_test_setup_teardown(
	                test_contribution__html_paragraphs, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_contribution__check_fields,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_contribution__rate_note,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_contribution__add_writes_every_row, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_contribution__all_or_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_contribution__rate_limit,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_contribution__addr_key,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_contribution__mail_when_on,
	                                        setup, teardown),
	        cmocka_unit_test(test_contribution__stages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
