/* Tests for the per-address token bucket behind 429 answers. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "http_int.h"

static void
test_ratelimit__bucket(void **state)
{
	struct timespec ts = {0, 600 * 1000 * 1000};
	int i;

	(void)state;
	ratelimit_init(2, 3); /* 2 a second, bursts of 3 */
	for (i = 0; i < 3; i++)
		assert_true(ratelimit_allow("192.0.2.1"));
	assert_false(ratelimit_allow("192.0.2.1"));
	assert_true(ratelimit_allow("2001:db8::1")); /* its own bucket */
	nanosleep(&ts, NULL);                        /* earns one token */
	assert_true(ratelimit_allow("192.0.2.1"));
	assert_false(ratelimit_allow("192.0.2.1"));
	ratelimit_shutdown();
}

/* Two addresses in one slot share a busy bucket: taking turns must not
 * reset it for each other. */
static void
test_ratelimit__collision_shares(void **state)
{
	char a[48] = "192.0.2.1", b[48];
	uint64_t slot = http_hash(a, strlen(a)) % 8192;
	int i;

	(void)state;
	for (i = 0;; i++) {
		snprintf(b, sizeof(b), "10.%d.%d.%d", i >> 16 & 255,
		         i >> 8 & 255, i & 255);
		if (http_hash(b, strlen(b)) % 8192 == slot)
			break;
	}
	ratelimit_init(1, 2);
	assert_true(ratelimit_allow(a));
	assert_true(ratelimit_allow(b));
	assert_false(ratelimit_allow(a));
	assert_false(ratelimit_allow(b));
	ratelimit_shutdown();
}

static void
test_ratelimit__off(void **state)
{
	int i;

	(void)state;
	ratelimit_init(0, 0);
	for (i = 0; i < 1000; i++)
		assert_true(ratelimit_allow("192.0.2.1"));
	ratelimit_shutdown();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_ratelimit__bucket),
	        cmocka_unit_test(test_ratelimit__collision_shares),
	        cmocka_unit_test(test_ratelimit__off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
