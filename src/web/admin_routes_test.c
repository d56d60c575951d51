/*
 * Tests for the newsroom's route table: every route lives under
 * /quan-tri and declares a permission; only the pages before a session
 * exists (log-in, second factor, a password reset link) are public;
 * the http table handed to the server has one guarded entry per row.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "admin_int.h"
#include "web.h"

static void
test_admin_routes__under_quan_tri(void **state)
{
	(void)state;
	assert_true(admin_routes_n > 0);
	for (size_t i = 0; i < admin_routes_n; i++) {
		const char *p = admin_routes[i].pattern;

		assert_true(!strcmp(p, "/quan-tri") ||
		            !strncmp(p, "/quan-tri/", 10));
		assert_true((unsigned)admin_routes[i].perm < ADMIN_PERM__MAX);
		assert_non_null(admin_routes[i].fn);
	}
}

/* The routes that may answer without a session; each checks what it
 * needs instead (the form token cookie, a pending log-in, a reset
 * token). */
static const char *const public_paths[] = {
        ADMIN_LOGIN_PATH,
        ADMIN_2FA_PATH,
        "/quan-tri/quen-mat-khau",
        "/quan-tri/dat-lai-mat-khau/:token",
};

static void
test_admin_routes__only_presession_public(void **state)
{
	(void)state;
	for (size_t i = 0; i < admin_routes_n; i++) {
		bool listed = false;

		if (admin_routes[i].perm != ADMIN_PUBLIC)
			continue;
		for (size_t j = 0; j < ARRAY_SIZE(public_paths); j++)
			listed |= !strcmp(admin_routes[i].pattern,
			                  public_paths[j]);
		if (!listed)
			fail_msg("public route %s", admin_routes[i].pattern);
	}
}

static void
test_admin_routes__http_table_guarded(void **state)
{
	(void)state;
	assert_int_equal(web_admin_routes_n, admin_routes_n);
	for (size_t i = 0; i < admin_routes_n; i++) {
		assert_string_equal(web_admin_routes[i].pattern,
		                    admin_routes[i].pattern);
		assert_int_equal(web_admin_routes[i].methods,
		                 admin_routes[i].methods);
		/* The server calls the guard, never the handler itself. */
		assert_true((void (*)(void))web_admin_routes[i].fn !=
		            (void (*)(void))admin_routes[i].fn);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_admin_routes__under_quan_tri),
	        cmocka_unit_test(test_admin_routes__only_presession_public),
	        cmocka_unit_test(test_admin_routes__http_table_guarded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
