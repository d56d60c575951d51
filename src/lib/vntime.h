/*
 * Times: stored as UTC seconds (time_t), shown in Asia/Ho_Chi_Minh
 * (UTC+7 all year: Viet Nam has kept no daylight saving time since 1975,
 * so a fixed offset is exact and needs no tz database).
 */
#ifndef TTDT_VNTIME_H
#define TTDT_VNTIME_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"

#define VNTIME_OFFSET (7 * 3600)

enum vntime_fmt {
	VNTIME_DATE,         /* 29/11/2026 */
	VNTIME_DATETIME,     /* 29/11/2026 15:04 */
	VNTIME_TIME,         /* 15:04 */
	VNTIME_ISO,          /* 2026-11-29T15:04:05+07:00 */
	VNTIME_YMD,          /* 2026-11-29 (local date, e.g. input type=date) */
	VNTIME_RFC822,       /* Sun, 29 Nov 2026 15:04:05 +0700 (RSS) */
	VNTIME_HTTP,         /* Sun, 29 Nov 2026 08:04:05 GMT (HTTP headers) */
	VNTIME_WEEKDAY_DATE, /* Chủ nhật, 29/11/2026 */
	VNTIME_CLF,          /* 29/Nov/2026:15:04:05 +0700 (access log) */
	VNTIME__MAX
};

void vntime_format(struct buf *out, time_t t, enum vntime_fmt fmt);

/* Breaks t into Viet Nam local calendar fields. */
void vntime_local(time_t t, struct tm *tm);

/* Parses "dd/mm/yyyy" or "yyyy-mm-dd" as local midnight; false if not a
 * real date. */
bool vntime_parse_date(const char *s, time_t *out);

/* Parses "yyyy-mm-ddThh:mm", or with ":ss" (the value of an input
 * type=datetime-local, which some browsers send with seconds; a space
 * instead of the T is taken too), as Viet Nam local time.  False for
 * NULL, anything else or a date or time that does not exist; *out is
 * set only on success. */
bool vntime_parse_local(const char *s, time_t *out);

/* Parses an HTTP date (RFC 7231 IMF-fixdate); false if malformed. */
bool vntime_parse_http(const char *s, time_t *out);

/* Local date as an integer yyyymmdd, for per-day statistics. */
int vntime_day(time_t t);

#endif
