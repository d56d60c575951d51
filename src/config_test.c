/* Tests for the INI configuration: defaults, overrides, bad values. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "config.h"

static char *
write_ini(const char *text)
{
	static char path[] = "/tmp/ttdt-config-test-XXXXXX";
	char *p = strdup(path);
	int fd = mkstemp(p);
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return p;
}

static void
test_config__defaults_validate(void **state)
{
	struct buf err = BUF_INIT;

	(void)state;
	config_defaults(&config);
	assert_int_equal(config_validate(&config, &err), 0);
	assert_string_equal(config.site.name, "Sở Tư pháp tỉnh Kon Tum");
	assert_true(config.page_cache);
	assert_int_equal(config.max_body, 1024 * 1024);
	config_release(&config);
	buf_release(&err);
}

static void
test_config__file_overrides(void **state)
{
	char *path = write_ini("[server]\nlisten = [::1]:9090\n"
	                       "max_body = 2m\npage_cache = false\n"
	                       "[site]\nname = Sở Tư pháp tỉnh Quảng Ngãi\n");
	struct buf err = BUF_INIT;

	(void)state;
	config_defaults(&config);
	assert_int_equal(config_load(&config, path, &err), 0);
	assert_string_equal(config.listen, "[::1]:9090");
	assert_int_equal(config.max_body, 2 * 1024 * 1024);
	assert_false(config.page_cache);
	assert_string_equal(config.site.name, "Sở Tư pháp tỉnh Quảng Ngãi");
	assert_int_equal(config_set(&config, "server", "listen", "x:1"), 0);
	assert_string_equal(config.listen, "x:1");
	assert_int_equal(config_set(&config, "server", "nope", "1"), -1);
	config_release(&config);
	buf_release(&err);
	unlink(path);
	free(path);
}

static void
test_config__every_error_reported(void **state)
{
	char *path = write_ini("[server]\nmax_body = lots\nbogus = 1\n"
	                       "page_cache = maybe\n[site]\nbase_url = x\n");
	struct buf err = BUF_INIT;

	(void)state;
	config_defaults(&config);
	assert_int_equal(config_load(&config, path, &err), -1);
	assert_non_null(strstr(err.p, "max_body: invalid value 'lots'"));
	assert_non_null(strstr(err.p, "unknown key 'bogus'"));
	assert_non_null(strstr(err.p, "page_cache: invalid value"));
	/* The malformed values left the defaults in place. */
	assert_int_equal(config.max_body, 1024 * 1024);
	buf_reset(&err);
	assert_int_equal(config_validate(&config, &err), -1);
	assert_non_null(strstr(err.p, "base_url"));
	config_release(&config);
	buf_release(&err);
	unlink(path);
	free(path);
}

static void
test_config__syntax_error_line(void **state)
{
	char *path = write_ini("[server]\nlisten = a:1\nthis is not ini\n");
	struct buf err = BUF_INIT;

	(void)state;
	config_defaults(&config);
	assert_int_equal(config_load(&config, path, &err), -1);
	assert_non_null(strstr(err.p, ":3: syntax error"));
	config_release(&config);
	buf_release(&err);
	unlink(path);
	free(path);
}

static void
test_config__missing_file(void **state)
{
	struct buf err = BUF_INIT;

	(void)state;
	config_defaults(&config);
	assert_int_equal(config_load(&config, "/nonexistent/ttdt.ini", &err),
	                 -1);
	assert_non_null(strstr(err.p, "cannot read"));
	config_release(&config);
	buf_release(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_config__defaults_validate),
	        cmocka_unit_test(test_config__file_overrides),
	        cmocka_unit_test(test_config__every_error_reported),
	        cmocka_unit_test(test_config__syntax_error_line),
	        cmocka_unit_test(test_config__missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
