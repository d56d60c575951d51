/*
 * Tests for vntime.c: every format, the day boundary at 17:00 UTC, date
 * and HTTP-date parsing, and independence from the TZ variable.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "vntime.h"

#define T_SUN 1795939445  /* 2026-11-29 08:04:05 UTC, a Sunday */
#define T_LATE 1795973400 /* 2026-11-29 17:30:00 UTC = 30/11 00:30 */

static void
assert_fmt(time_t t, enum vntime_fmt f, const char *want)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, ">");
	vntime_format(&b, t, f);
	buf_check(&b);
	assert_string_equal(b.p + 1, want);
	buf_release(&b);
}

static int
setup_tz(void **state)
{
	(void)state;
	/* A zone far from ours, with DST: nothing may depend on it. */
	setenv("TZ", "America/New_York", 1);
	tzset();
	return 0;
}

static void
test_vntime__formats(void **state)
{
	(void)state;
	assert_fmt(T_SUN, VNTIME_DATE, "29/11/2026");
	assert_fmt(T_SUN, VNTIME_DATETIME, "29/11/2026 15:04");
	assert_fmt(T_SUN, VNTIME_TIME, "15:04");
	assert_fmt(T_SUN, VNTIME_ISO, "2026-11-29T15:04:05+07:00");
	assert_fmt(T_SUN, VNTIME_YMD, "2026-11-29");
	assert_fmt(T_SUN, VNTIME_RFC822, "Sun, 29 Nov 2026 15:04:05 +0700");
	assert_fmt(T_SUN, VNTIME_HTTP, "Sun, 29 Nov 2026 08:04:05 GMT");
	assert_fmt(T_SUN, VNTIME_CLF, "29/Nov/2026:15:04:05 +0700");
	assert_fmt(T_SUN, VNTIME_WEEKDAY_DATE, "Chủ nhật, 29/11/2026");
}

static void
test_vntime__day_boundary(void **state)
{
	(void)state;
	/* 17:30 UTC is already the next day in Viet Nam, a Monday. */
	assert_fmt(T_LATE, VNTIME_DATETIME, "30/11/2026 00:30");
	assert_fmt(T_LATE, VNTIME_WEEKDAY_DATE, "Thứ hai, 30/11/2026");
	assert_fmt(T_LATE, VNTIME_HTTP, "Sun, 29 Nov 2026 17:30:00 GMT");
	assert_int_equal(vntime_day(T_LATE), 20261130);
	assert_int_equal(vntime_day(T_LATE - 1800), 20261130);
	assert_int_equal(vntime_day(T_LATE - 1801), 20261129);
	assert_int_equal(vntime_day(0), 19700101);
}

static void
test_vntime__weekdays(void **state)
{
	static const char *const want[7] = {
	        "Thứ hai, 30/11/2026",  "Thứ ba, 01/12/2026",
	        "Thứ tư, 02/12/2026",   "Thứ năm, 03/12/2026",
	        "Thứ sáu, 04/12/2026",  "Thứ bảy, 05/12/2026",
	        "Chủ nhật, 06/12/2026",
	};
	int i;

	(void)state;
	for (i = 0; i < 7; i++)
		assert_fmt(T_LATE + (time_t)i * 86400, VNTIME_WEEKDAY_DATE,
		           want[i]);
}

static void
test_vntime__local(void **state)
{
	struct tm tm;

	(void)state;
	vntime_local(T_SUN, &tm);
	assert_int_equal(tm.tm_year, 126);
	assert_int_equal(tm.tm_mon, 10);
	assert_int_equal(tm.tm_mday, 29);
	assert_int_equal(tm.tm_hour, 15);
	assert_int_equal(tm.tm_wday, 0);
	assert_int_equal(tm.tm_gmtoff, 7 * 3600);
}

static void
assert_date(const char *s, time_t want)
{
	time_t t = 0;

	if (!vntime_parse_date(s, &t))
		fail_msg("'%s' refused", s);
	assert_int_equal(t, want);
}

static void
assert_no_date(const char *s)
{
	time_t t = 12345;

	if (vntime_parse_date(s, &t))
		fail_msg("'%s' accepted", s);
	assert_int_equal(t, 12345);
}

static void
test_vntime__parse_date(void **state)
{
	(void)state;
	/* Local midnight of 01/03/2026 is 28/02 17:00 UTC. */
	assert_date("01/03/2026", 1772298000);
	assert_date("1/3/2026", 1772298000);
	assert_date("2026-03-01", 1772298000);
	assert_date("29/02/2024", 1709139600);
	assert_date("2024-02-29", 1709139600);
	assert_date("29/02/2000", 951757200);
	assert_date("31/12/2026", 1798650000);
	assert_no_date("31/02/2026");
	assert_no_date("29/02/2026");
	assert_no_date("29/02/2100");
	assert_no_date("31/04/2026");
	assert_no_date("00/01/2026");
	assert_no_date("01/00/2026");
	assert_no_date("01/13/2026");
	assert_no_date("32/01/2026");
	assert_no_date("2026-02-30");
	assert_no_date("2026-1-05");
	assert_no_date("2026-01-5");
	assert_no_date("01/01/26");
	assert_no_date("01/01/20266");
	assert_no_date("01/01/2026 ");
	assert_no_date(" 01/01/2026");
	assert_no_date("01/01/2026x");
	assert_no_date("2026-01-01T00:00");
	assert_no_date("001/01/2026");
	assert_no_date("-1/01/2026");
	assert_no_date("01-01-2026");
	assert_no_date("hôm nay");
	assert_no_date("");
	assert_no_date(NULL);
	/* The date shown for a parsed date is the date typed. */
	{
		time_t t;
		struct buf b = BUF_INIT;

		assert_true(vntime_parse_date("07/08/2026", &t));
		vntime_format(&b, t, VNTIME_DATETIME);
		assert_string_equal(b.p, "07/08/2026 00:00");
		buf_release(&b);
	}
}

static void
test_vntime__parse_local(void **state)
{
	time_t t = 0;

	(void)state;
	/* 2026-11-28 16:30 in Ha Noi is 09:30 UTC. */
	assert_true(vntime_parse_local("2026-11-28T16:30", &t));
	assert_int_equal(t, 1795858200);
	assert_true(vntime_parse_local("2026-11-28T16:30:15", &t));
	assert_int_equal(t, 1795858215);
	assert_true(vntime_parse_local("2026-11-28 00:00", &t));
	assert_int_equal(t, 1795858200 - 16 * 3600 - 30 * 60);
	assert_true(vntime_parse_local("2026-11-28T23:59:59", &t));
	assert_int_equal(t, 1795858200 + 7 * 3600 + 29 * 60 + 59);
	t = 7;
	assert_false(vntime_parse_local(NULL, &t));
	assert_false(vntime_parse_local("", &t));
	assert_false(vntime_parse_local("2026-11-28", &t));
	assert_false(vntime_parse_local("2026-11-28T24:00", &t));
	assert_false(vntime_parse_local("2026-11-28T23:60", &t));
	assert_false(vntime_parse_local("2026-11-28T23:59:60", &t));
	assert_false(vntime_parse_local("2026-02-30T10:00", &t));
	assert_false(vntime_parse_local("2026-11-28T1:30", &t));
	assert_false(vntime_parse_local("2026-11-28T16:30Z", &t));
	assert_false(vntime_parse_local("2026-11-28T16:30:5", &t));
	assert_false(vntime_parse_local("2026-11-28x16:30", &t));
	assert_false(vntime_parse_local("2026-11-28T16-30", &t));
	assert_false(vntime_parse_local("2026-11-28T16:30-15", &t));
	assert_false(vntime_parse_local("2026-11-28T+6:30", &t));
	assert_int_equal(t, 7);
}

static void
test_vntime__parse_http(void **state)
{
	time_t t = 0;

	(void)state;
	assert_true(vntime_parse_http("Sun, 06 Nov 1994 08:49:37 GMT", &t));
	assert_int_equal(t, 784111777);
	assert_true(vntime_parse_http("Sun, 29 Nov 2026 08:04:05 GMT", &t));
	assert_int_equal(t, T_SUN);
	assert_false(vntime_parse_http("Sun, 06 Nov 1994 08:49:37 GMT ", &t));
	assert_false(vntime_parse_http("Sun, 6 Nov 1994 08:49:37 GMT", &t));
	assert_false(vntime_parse_http("Sunday, 06-Nov-94 08:49:37 GMT", &t));
	assert_false(vntime_parse_http("Sun Nov  6 08:49:37 1994", &t));
	assert_false(vntime_parse_http("Sun, 06 Nov 1994 08:49:37 UTC", &t));
	assert_false(vntime_parse_http("Xyz, 06 Nov 1994 08:49:37 GMT", &t));
	assert_false(vntime_parse_http("Sun, 06 Foo 1994 08:49:37 GMT", &t));
	assert_false(vntime_parse_http("Sun, 31 Feb 1994 08:49:37 GMT", &t));
	assert_false(vntime_parse_http("Sun, 06 Nov 1994 24:00:00 GMT", &t));
	assert_false(vntime_parse_http("Sun, 06 Nov 1994 08:60:00 GMT", &t));
	assert_false(vntime_parse_http("Sun, 06 Nov 1994 08:49", &t));
	assert_false(vntime_parse_http("", &t));
	assert_false(vntime_parse_http("S", &t));
	assert_false(vntime_parse_http(NULL, &t));
}

static void
test_vntime__http_round_trip(void **state)
{
	time_t t, back;

	(void)state;
	for (t = 0; t < 4000000000LL; t += 9876543) {
		struct buf b = BUF_INIT;

		vntime_format(&b, t, VNTIME_HTTP);
		assert_true(vntime_parse_http(b.p, &back));
		assert_int_equal(back, t);
		buf_release(&b);
	}
}

/* Every local day from 1970 to 2100: the YMD format parses back to the
 * local midnight of the same day. */
static void
test_vntime__ymd_round_trip(void **state)
{
	time_t t, back;

	(void)state;
	for (t = 0; t < 4102444800LL; t += 86400) {
		char s[16];
		int day = vntime_day(t);

		snprintf(s, sizeof(s), "%04d-%02d-%02d", day / 10000,
		         day / 100 % 100, day % 100);
		assert_true(vntime_parse_date(s, &back));
		assert_int_equal(vntime_day(back), day);
		assert_int_equal((back + VNTIME_OFFSET) % 86400, 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_vntime__formats),
	        cmocka_unit_test(test_vntime__day_boundary),
	        cmocka_unit_test(test_vntime__weekdays),
	        cmocka_unit_test(test_vntime__local),
	        cmocka_unit_test(test_vntime__parse_date),
	        cmocka_unit_test(test_vntime__parse_local),
	        cmocka_unit_test(test_vntime__parse_http),
	        cmocka_unit_test(test_vntime__http_round_trip),
	        cmocka_unit_test(test_vntime__ymd_round_trip),
	};

	return cmocka_run_group_tests(tests, setup_tz, NULL);
}
