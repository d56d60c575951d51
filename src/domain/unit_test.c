/* Tests of units (Điều 8.1, 9.1.a): the seeded units, creation and
 * validation, edits with before/after in the audit log, closing with and
 * without moving people. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "config.h"
#include "demo_people.h"
#include "log.h"
#include "store_fixture.h"
#include "unit.h"
#include "user.h"
#include "utf8.h"

#define T0 ((time_t)1767225600)

struct fx {
	char path[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	struct audit_actor actor;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	config_defaults(&config);
	config.argon2_ops = 1;
	config.argon2_mem = 8192;
	assert_int_equal(fixture_db_open(f->path, "unit", &f->s), ERR_OK);
	arena_init(&f->a, 4096);
	f->actor = (struct audit_actor){0, "cli:test", ""};
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

static void
test_unit__seed(void **state)
{
	struct fx *f = *state;
	struct unit *v;
	size_t n, districts = 0;
	struct unit_kind *k;

	assert_int_equal(store_unit_kinds(f->s, &f->a, &k, &n), ERR_OK);
	assert_int_equal(n, 4);
	assert_string_equal(k[3].name, "Phòng tư pháp cấp huyện");
	assert_int_equal(unit_seed(f->s, &f->actor, T0), ERR_OK);
	assert_int_equal(store_units(f->s, &f->a, &v, &n), ERR_OK);
	assert_int_equal(n, unit_seed_count);
	assert_string_equal(v[0].name, "Văn phòng Sở");
	assert_string_equal(v[0].kind_code, "van-phong");
	for (size_t i = 0; i < n; i++) {
		const char *nm = v[i].name;
		struct buf nfc = BUF_INIT;

		assert_int_equal(utf8_nfc(&nfc, nm, strlen(nm)), 0);
		assert_string_equal(nfc.p, nm);
		buf_release(&nfc);
		districts += !strcmp(v[i].kind_code, "phong-tu-phap-huyen");
	}
	/* Kon Tum city and its nine districts. */
	assert_int_equal(districts, 10);
	/* A second seed does nothing. */
	assert_int_equal(unit_seed(f->s, &f->actor, T0), ERR_OK);
	assert_int_equal(store_units(f->s, &f->a, &v, &n), ERR_OK);
	assert_int_equal(n, unit_seed_count);
}

static void
test_unit__create_edit(void **state)
{
	struct fx *f = *state;
	struct unit u = {0}, g;
	struct audit_entry e;
	struct user focal = {0};

	assert_int_equal(unit_kind_find(f->s, "trung-tam", &u.kind_id), ERR_OK);
	assert_int_equal(unit_kind_find(f->s, "bo", &g.kind_id), ERR_NOTFOUND);
	u.name = "Trung tâm Thử nghiệm";
	u.phone = "0260 3862 000";
	assert_int_equal(unit_create(f->s, &f->actor, &u, T0), ERR_OK);
	assert_true(u.id > 0);
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	assert_string_equal(e.action, "unit.add");
	assert_int_equal(e.object_id, u.id);

	/* Invalid: no name, unknown parent, unknown focal, loop. */
	g = u;
	g.id = 0;
	g.name = "";
	assert_int_equal(unit_create(f->s, &f->actor, &g, T0), ERR_INVALID);
	g.name = "Con";
	g.parent_id = 999;
	assert_int_equal(unit_create(f->s, &f->actor, &g, T0), ERR_INVALID);
	g.parent_id = u.id;
	g.focal_user_id = 999;
	assert_int_equal(unit_create(f->s, &f->actor, &g, T0), ERR_INVALID);
	g.focal_user_id = 0;
	assert_int_equal(unit_create(f->s, &f->actor, &g, T0), ERR_OK);
	u.parent_id = g.id;
	assert_int_equal(unit_update(f->s, &f->actor, &u, T0), ERR_INVALID);
	u.parent_id = 0;

	/* Điều 9.1.a: the focal point is an account. */
	focal.email = "daumoi@stp.example";
	focal.full_name = "Bùi Quang Huy";
	focal.roles = "unit-focal";
	assert_int_equal(user_create(f->s, &f->a, &f->actor, &focal,
	                             "Hoa hồng đỏ thắm 2026", T0, NULL),
	                 ERR_OK);
	u.focal_user_id = focal.id;
	u.address = "Số 1 đường Trần Hưng Đạo";
	assert_int_equal(unit_update(f->s, &f->actor, &u, T0 + 5), ERR_OK);
	assert_int_equal(store_unit_get(f->s, &f->a, u.id, &g), ERR_OK);
	assert_int_equal(g.focal_user_id, focal.id);
	assert_string_equal(g.address, "Số 1 đường Trần Hưng Đạo");
	assert_int_equal(g.created_at, T0);
	assert_int_equal(store_audit_last_below(f->s, &f->a, 0, &e), ERR_OK);
	assert_string_equal(e.action, "unit.edit");
	assert_non_null(strstr(e.detail, "\"address\":{\"before\":\"\","));
	assert_null(strstr(e.detail, "phone"));
	u.id = 999;
	assert_int_equal(unit_update(f->s, &f->actor, &u, T0), ERR_NOTFOUND);
}

static void
test_unit__close(void **state)
{
	struct fx *f = *state;
	struct user p = {0}, got;
	struct unit u;
	struct audit_report r;
	int64_t moved = -1;

	assert_int_equal(unit_seed(f->s, &f->actor, T0), ERR_OK);
	/* A person of the Đắk Tô office (unit 11). */
	assert_int_equal(store_unit_get(f->s, &f->a, 11, &u), ERR_OK);
	assert_string_equal(u.name, "Phòng Tư pháp huyện Đắk Tô");
	p.email = "ctv@dakto.example";
	p.full_name = "Y Thương";
	p.roles = "district-collaborator";
	p.unit_id = 11;
	assert_int_equal(user_create(f->s, &f->a, &f->actor, &p,
	                             "Hoa hồng đỏ thắm 2026", T0, NULL),
	                 ERR_OK);
	/* Not while people are in it. */
	assert_int_equal(unit_close(f->s, &f->actor, 11, 0, T0, &moved),
	                 ERR_CONFLICT);
	assert_int_equal(moved, 0);
	assert_int_equal(unit_close(f->s, &f->actor, 11, 11, T0, NULL),
	                 ERR_INVALID);
	assert_int_equal(unit_close(f->s, &f->actor, 11, 999, T0, NULL),
	                 ERR_INVALID);
	/* District government abolished: close it, move its people to the
	 * province's Department office. */
	assert_int_equal(unit_close(f->s, &f->actor, 11, 4, T0 + 9, &moved),
	                 ERR_OK);
	assert_int_equal(moved, 1);
	assert_int_equal(store_user_get(f->s, &f->a, p.id, &got), ERR_OK);
	assert_int_equal(got.unit_id, 4);
	assert_int_equal(store_unit_get(f->s, &f->a, 11, &u), ERR_OK);
	assert_int_equal(u.closed_at, T0 + 9);
	assert_int_equal(unit_close(f->s, &f->actor, 11, 4, T0, NULL),
	                 ERR_CONFLICT);
	/* No one joins a closed unit, and it cannot be a move target. */
	got.unit_id = 11;
	assert_int_equal(user_update(f->s, &f->actor, &got, T0), ERR_INVALID);
	assert_int_equal(unit_close(f->s, &f->actor, 12, 11, T0, NULL),
	                 ERR_INVALID);
	/* Its record is history: not edited any more. */
	u.phone = "0260 0000 000";
	assert_int_equal(unit_update(f->s, &f->actor, &u, T0), ERR_CONFLICT);
	assert_int_equal(audit_verify(f->s, &r), ERR_OK);
	assert_int_equal(r.fault, AUDIT_INTACT);
}

static void
test_unit__roles(void **state)
{
	struct buf b = BUF_INIT;
	unsigned mask;
	const char *bad = NULL;
	enum role r;

	(void)state;
	for (int i = 0; i < ROLE__MAX; i++) {
		assert_non_null(role_code((enum role)i));
		assert_non_null(role_name((enum role)i));
		assert_true(role_from_code(role_code((enum role)i), &r));
		assert_int_equal(r, i);
	}
	assert_null(role_code(ROLE__MAX));
	assert_false(role_from_code("king", &r));
	assert_string_equal(role_name(ROLE_IT_ADMIN), "Cán bộ CNTT");
	assert_true(role_needs_2fa(ROLE_DIRECTOR));
	assert_false(role_needs_2fa(ROLE_STAFF));
	assert_true(role_parse_list(" it-admin, director ,", &mask, NULL));
	assert_int_equal(mask,
	                 ROLE_BIT(ROLE_IT_ADMIN) | ROLE_BIT(ROLE_DIRECTOR));
	role_format_list(&b, mask);
	assert_string_equal(b.p, "director,it-admin");
	buf_reset(&b);
	role_format_names(&b, mask);
	assert_string_equal(b.p, "Giám đốc Sở, Cán bộ CNTT");
	assert_false(role_parse_list("staff,bogus", &mask, &bad));
	assert_string_equal(bad, "bogus");
	assert_true(role_parse_list("", &mask, NULL));
	assert_int_equal(mask, 0);
	buf_release(&b);
}

/* README.md "Demo accounts": one per role, passwords as documented, no
 * change forced. */
static void
test_unit__demo_accounts(void **state)
{
	struct fx *f = *state;
	unsigned all = 0;

	assert_int_equal(unit_seed(f->s, &f->actor, T0), ERR_OK);
	assert_int_equal(demo_people_create(f->s, &f->actor, T0), ERR_OK);
	for (size_t i = 0; i < demo_accounts_n; i++) {
		const struct demo_account *d = &demo_accounts[i];
		struct user u;

		assert_int_equal(store_user_by_email(f->s, &f->a, d->email, &u),
		                 ERR_OK);
		assert_true(password_verify(u.password_hash, d->password));
		assert_false(u.must_change_password);
		assert_int_equal(user_roles(&u), ROLE_BIT(d->role));
		all |= ROLE_BIT(d->role);
	}
	assert_int_equal(all, ROLE_ALL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        T(test_unit__seed),
	        T(test_unit__create_edit),
	        T(test_unit__close),
	        T(test_unit__demo_accounts),
	        cmocka_unit_test(test_unit__roles),
	};

	log_set_level(LOG_LEVEL_ERR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
