/* Tests of passwords: argon2id hashing with cheap parameters, the policy
 * and the common list (common_passwords.c), random passwords. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "config.h"
#include "password.h"

static int
setup(void **state)
{
	(void)state;
	config_defaults(&config);
	/* Cheap argon2 for tests: one pass over 8 KiB. */
	config.argon2_ops = 1;
	config.argon2_mem = 8192;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	config_release(&config);
	return 0;
}

static void
test_password__hash_verify(void **state)
{
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash("Hoa hồng đỏ thắm 2026", h1), ERR_OK);
	assert_non_null(strstr(h1, "$argon2id$"));
	assert_true(password_verify(h1, "Hoa hồng đỏ thắm 2026"));
	assert_false(password_verify(h1, "Hoa hong do tham 2026"));
	assert_false(password_verify(h1, ""));
	/* Salted: the same password hashes differently. */
	assert_int_equal(password_hash("Hoa hồng đỏ thắm 2026", h2), ERR_OK);
	assert_string_not_equal(h1, h2);
	assert_false(password_verify("", "x"));
	assert_false(password_verify("$argon2id$garbage", "x"));
	assert_false(password_needs_rehash(h1));
	config.argon2_ops = 2;
	assert_true(password_needs_rehash(h1));
	/* Still verifies with the old parameters: they are in the string. */
	assert_true(password_verify(h1, "Hoa hồng đỏ thắm 2026"));
	password_verify_dummy("anything");
}

static void
test_password__too_long(void **state)
{
	char big[PASSWORD_MAX_BYTES + 2], h[PASSWORD_HASH_MAX];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(password_hash(big, h), ERR_INVALID);
	assert_int_equal(password_check(big, NULL, NULL), PASSWORD_TOO_LONG);
}

static void
test_password__policy(void **state)
{
	(void)state;
	assert_int_equal(password_check("Hoa hồng đỏ thắm 2026", "a@b.vn",
	                                "Nguyễn Văn A"),
	                 PASSWORD_OK);
	/* Characters, not bytes: 11 letters with diacritics are too few. */
	assert_int_equal(password_check("mậtkhẩumớiạ", NULL, NULL),
	                 PASSWORD_TOO_SHORT);
	assert_int_equal(password_check("short", NULL, NULL),
	                 PASSWORD_TOO_SHORT);
	assert_int_equal(password_check("bad\x01passwordxyz", NULL, NULL),
	                 PASSWORD_NOT_UTF8);
	assert_int_equal(password_check("bad\xff\xfepasswordxyz", NULL, NULL),
	                 PASSWORD_NOT_UTF8);
	assert_int_equal(password_check("nguyen.van.a@stp.example",
	                                "nguyen.van.a@stp.example", NULL),
	                 PASSWORD_PERSONAL);
	assert_int_equal(password_check("Nguyen.Van.Anh.Tu", "x@y.vn",
	                                "Nguyễn.Văn.Anh.Tú"),
	                 PASSWORD_PERSONAL);
	assert_int_equal(
	        password_check("NGUYENVANANHTU", "nguyenvananhtu@y.vn", NULL),
	        PASSWORD_PERSONAL);
	assert_int_equal(password_check("123456789012", NULL, NULL),
	                 PASSWORD_COMMON);
	config.password_min_length = 6;
	assert_int_equal(password_check("matkhau", NULL, NULL),
	                 PASSWORD_COMMON);
	assert_int_equal(password_check("123456", NULL, NULL), PASSWORD_COMMON);
	config.password_min_length = 12;
	assert_string_equal(password_problem_str(PASSWORD_TOO_SHORT),
	                    "too short");
	assert_non_null(
	        strstr(password_problem_vi(PASSWORD_COMMON), "phổ biến"));
}

static void
test_password__common_list(void **state)
{
	(void)state;
	assert_true(common_passwords_n >= 1000);
	for (size_t i = 1; i < common_passwords_n; i++) {
		/* Sorted and unique, for bsearch. */
		if (strcmp(common_passwords[i - 1], common_passwords[i]) >= 0)
			fail_msg("common_passwords out of order at '%s'",
			         common_passwords[i]);
	}
	for (size_t i = 0; i < common_passwords_n; i++)
		for (const char *p = common_passwords[i]; *p; p++)
			if ((*p >= 'A' && *p <= 'Z') ||
			    (unsigned char)*p > 127 || *p == ' ')
				fail_msg("'%s' is not folded",
				         common_passwords[i]);
}

static void
test_password__common_check(void **state)
{
	static const char *const common[] = {
	        "123456", "matkhau", "matkhau123", "anhyeuem", "emyeuanh",
	        "vietnam", "hanoi", "password", "qwerty123456",
	        /* case, diacritics, spaces and affixes do not hide them */
	        "MatKhau", "MẬT KHẨU", "Mật khẩu 123", "Anh Yêu Em", "ANHYEUEM",
	        "@@matkhau2024!!", "VietNam1975", "Hà Nội", "123456789012",
	        "aaaaaaaaaaaaaa", "anhyeuem123456", "tuphapkontum2025",
	        "0987654321"};
	static const char *const fine[] = {
	        "Hoa hồng đỏ thắm 2026", "correct horse battery staple",
	        "ngựa-ô-phi-nước-kiệu", "Demo-giamdoc-2026", "tuphapxyz2024q"};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(common); i++)
		if (!password_is_common(common[i]))
			fail_msg("'%s' should be common", common[i]);
	for (size_t i = 0; i < ARRAY_SIZE(fine); i++)
		if (password_is_common(fine[i]))
			fail_msg("'%s' should not be common", fine[i]);
}

static void
test_password__random(void **state)
{
	char a[PASSWORD_RANDOM_LEN + 1], b[PASSWORD_RANDOM_LEN + 1];

	(void)state;
	password_random(a);
	password_random(b);
	assert_int_equal(strlen(a), PASSWORD_RANDOM_LEN);
	assert_string_not_equal(a, b);
	assert_null(strpbrk(a, "0O1lI"));
	assert_int_equal(password_check(a, "x@y.vn", "X"), PASSWORD_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_password__hash_verify),
	        cmocka_unit_test(test_password__too_long),
	        cmocka_unit_test(test_password__policy),
	        cmocka_unit_test(test_password__common_list),
	        cmocka_unit_test(test_password__common_check),
	        cmocka_unit_test(test_password__random),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
