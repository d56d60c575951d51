/*
 * Tests for the newsroom's address ranges: IPv4 and IPv6 CIDR, bare
 * addresses, IPv4-mapped client addresses, prefixes that do not end on a
 * byte, and failing closed on anything malformed.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "admin_int.h"

static void
test_admin_net__empty_allows_all(void **state)
{
	(void)state;
	assert_true(admin_addr_allowed(NULL, "203.0.113.9"));
	assert_true(admin_addr_allowed("", "203.0.113.9"));
	assert_true(admin_addr_allowed(" , ", "::1"));
	assert_true(admin_ranges_valid("", NULL));
}

static void
test_admin_net__ipv4(void **state)
{
	const char *l = "10.0.0.0/8, 192.168.1.0/24 203.0.113.7";

	(void)state;
	assert_true(admin_addr_allowed(l, "10.1.2.3"));
	assert_true(admin_addr_allowed(l, "10.255.255.255"));
	assert_false(admin_addr_allowed(l, "11.0.0.1"));
	assert_false(admin_addr_allowed(l, "127.0.0.1"));
	assert_true(admin_addr_allowed(l, "192.168.1.200"));
	assert_false(admin_addr_allowed(l, "192.168.2.1"));
	assert_true(admin_addr_allowed(l, "203.0.113.7"));
	assert_false(admin_addr_allowed(l, "203.0.113.8"));
	/* A dual-stack socket reports IPv4 clients as mapped addresses. */
	assert_true(admin_addr_allowed(l, "::ffff:10.9.8.7"));
	assert_false(admin_addr_allowed(l, "::ffff:11.9.8.7"));
	/* Prefixes off a byte boundary. */
	assert_true(admin_addr_allowed("172.16.0.0/12", "172.31.255.1"));
	assert_false(admin_addr_allowed("172.16.0.0/12", "172.32.0.1"));
	assert_true(admin_addr_allowed("0.0.0.0/0", "8.8.8.8"));
	assert_false(admin_addr_allowed("0.0.0.0/0", "::1"));
}

static void
test_admin_net__ipv6(void **state)
{
	const char *l = "2001:db8::/32 ::1 fe80::/10";

	(void)state;
	assert_true(admin_addr_allowed(l, "2001:db8:1::5"));
	assert_false(admin_addr_allowed(l, "2001:db9::5"));
	assert_true(admin_addr_allowed(l, "::1"));
	assert_false(admin_addr_allowed(l, "::2"));
	assert_true(admin_addr_allowed(l, "febf::1"));
	assert_false(admin_addr_allowed(l, "fec0::1"));
	assert_false(admin_addr_allowed(l, "10.0.0.1"));
}

static void
test_admin_net__malformed_fails_closed(void **state)
{
	const char *bad = NULL;

	(void)state;
	assert_false(admin_addr_allowed("10.0.0.0/8", NULL));
	assert_false(admin_addr_allowed("10.0.0.0/8", ""));
	assert_false(admin_addr_allowed("10.0.0.0/8", "localhost"));
	assert_false(admin_addr_allowed("10.0.0.0/33", "10.0.0.1"));
	assert_false(admin_addr_allowed("10.0.0.0/8 nonsense", "10.0.0.1"));
	assert_false(admin_ranges_valid("10.0.0.0/8, 10.0.0.300/8", &bad));
	assert_string_equal(bad, "10.0.0.300/8");
	assert_false(admin_ranges_valid("10.0.0.0/", NULL));
	assert_false(admin_ranges_valid("10.0.0.0/-1", NULL));
	assert_false(admin_ranges_valid("10.0.0.0/8x", NULL));
	assert_false(admin_ranges_valid("::/129", NULL));
	assert_true(admin_ranges_valid("::/0 10.0.0.0/8,fd00::/8", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_admin_net__empty_allows_all),
	        cmocka_unit_test(test_admin_net__ipv4),
	        cmocka_unit_test(test_admin_net__ipv6),
	        cmocka_unit_test(test_admin_net__malformed_fails_closed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
