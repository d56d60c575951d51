/*
 * Times for Viet Nam: UTC seconds in, Asia/Ho_Chi_Minh text out.
 *
 * Viet Nam has used UTC+7 all year since 1975, so local time is gmtime_r
 * of t + 7 h and local midnight is timegm - 7 h.  We never call localtime
 * or read TZ: the server's own time zone must not change what a page
 * says.  Dates are written dd/mm/yyyy as Vietnamese readers expect,
 * HTTP dates as RFC 7231 section 7.1.1.1 IMF-fixdate, RSS dates as
 * RFC 822 with a numeric zone, access-log dates as the common log
 * format's, in local time.
 */
#include "common.h"

#include "vntime.h"

static const char *const wday_en[7] = {"Sun", "Mon", "Tue", "Wed",
                                       "Thu", "Fri", "Sat"};
static const char *const month_en[12] = {"Jan", "Feb", "Mar", "Apr",
                                         "May", "Jun", "Jul", "Aug",
                                         "Sep", "Oct", "Nov", "Dec"};
static const char *const wday_vi[7] = {
        "Chủ nhật", "Thứ hai", "Thứ ba",  "Thứ tư",
        "Thứ năm",  "Thứ sáu", "Thứ bảy",
};

void
vntime_local(time_t t, struct tm *tm)
{
	time_t local = t + VNTIME_OFFSET;

	memset(tm, 0, sizeof(*tm));
	if (!gmtime_r(&local, tm))
		BUG("gmtime_r failed for %lld", (long long)t);
	tm->tm_gmtoff = VNTIME_OFFSET;
	tm->tm_zone = "+07";
}

void
vntime_format(struct buf *out, time_t t, enum vntime_fmt fmt)
{
	struct tm tm;
	int year, mon, mday, hour, min, sec;

	if (fmt == VNTIME_HTTP) {
		if (!gmtime_r(&t, &tm))
			BUG("gmtime_r failed for %lld", (long long)t);
	} else {
		vntime_local(t, &tm);
	}
	year = tm.tm_year + 1900;
	mon = tm.tm_mon + 1;
	mday = tm.tm_mday;
	hour = tm.tm_hour;
	min = tm.tm_min;
	sec = tm.tm_sec;
	switch (fmt) {
	case VNTIME_DATE:
		buf_addf(out, "%02d/%02d/%04d", mday, mon, year);
		break;
	case VNTIME_DATETIME:
		buf_addf(out, "%02d/%02d/%04d %02d:%02d", mday, mon, year, hour,
		         min);
		break;
	case VNTIME_TIME:
		buf_addf(out, "%02d:%02d", hour, min);
		break;
	case VNTIME_ISO:
		buf_addf(out, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", year, mon,
		         mday, hour, min, sec);
		break;
	case VNTIME_YMD:
		buf_addf(out, "%04d-%02d-%02d", year, mon, mday);
		break;
	case VNTIME_RFC822:
		buf_addf(out, "%s, %02d %s %04d %02d:%02d:%02d +0700",
		         wday_en[tm.tm_wday], mday, month_en[tm.tm_mon], year,
		         hour, min, sec);
		break;
	case VNTIME_HTTP:
		buf_addf(out, "%s, %02d %s %04d %02d:%02d:%02d GMT",
		         wday_en[tm.tm_wday], mday, month_en[tm.tm_mon], year,
		         hour, min, sec);
		break;
	case VNTIME_CLF:
		buf_addf(out, "%02d/%s/%04d:%02d:%02d:%02d +0700", mday,
		         month_en[tm.tm_mon], year, hour, min, sec);
		break;
	case VNTIME_WEEKDAY_DATE:
		buf_addf(out, "%s, %02d/%02d/%04d", wday_vi[tm.tm_wday], mday,
		         mon, year);
		break;
	default:
		BUG("vntime_format: bad format %d", (int)fmt);
	}
}

static bool
leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
	                             31, 31, 30, 31, 30, 31};

	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* Reads between min and max ASCII digits at *s; -1 if there are fewer
 * than min.  Advances *s past them. */
static int
read_digits(const char **s, int min, int max)
{
	int n = 0, v = 0;

	while (n < max && **s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n >= min ? v : -1;
}

/* Seconds since the epoch of a calendar time read as UTC; false if the
 * fields do not name a real moment. */
static bool
make_utc(int y, int mon, int d, int h, int mi, int s, time_t *out)
{
	struct tm tm;

	if (y < 1000 || y > 9999 || mon < 1 || mon > 12 || d < 1 ||
	    d > days_in_month(y, mon) || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    s < 0 || s > 60)
		return false;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	*out = timegm(&tm);
	return true;
}

bool
vntime_parse_date(const char *s, time_t *out)
{
	const char *p = s;
	int y, m, d;
	time_t t;

	if (!s)
		return false;
	/* yyyy-mm-dd (input type=date), else d/m/yyyy with one or two
	 * digits for day and month, as people write it. */
	if ((y = read_digits(&p, 4, 4)) >= 0 && *p == '-') {
		p++;
		if ((m = read_digits(&p, 2, 2)) < 0 || *p++ != '-' ||
		    (d = read_digits(&p, 2, 2)) < 0)
			return false;
	} else {
		p = s;
		if ((d = read_digits(&p, 1, 2)) < 0 || *p++ != '/' ||
		    (m = read_digits(&p, 1, 2)) < 0 || *p++ != '/' ||
		    (y = read_digits(&p, 4, 4)) < 0)
			return false;
	}
	if (*p != '\0' || !make_utc(y, m, d, 0, 0, 0, &t))
		return false;
	*out = t - VNTIME_OFFSET;
	return true;
}

bool
vntime_parse_local(const char *s, time_t *out)
{
	char day[11];
	unsigned hh, mm, ss = 0;
	size_t len = s ? strlen(s) : 0;
	time_t t;

	if ((len != 16 && len != 19) || (s[10] != 'T' && s[10] != ' '))
		return false;
	for (size_t i = 11; i < len; i++)
		if ((i == 13 || i == 16) ? s[i] != ':'
		                         : (s[i] < '0' || s[i] > '9'))
			return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!vntime_parse_date(day, &t))
		return false;
	hh = (unsigned)(s[11] - '0') * 10 + (unsigned)(s[12] - '0');
	mm = (unsigned)(s[14] - '0') * 10 + (unsigned)(s[15] - '0');
	if (len == 19)
		ss = (unsigned)(s[17] - '0') * 10 + (unsigned)(s[18] - '0');
	if (hh > 23 || mm > 59 || ss > 59)
		return false;
	*out = t + (time_t)hh * 3600 + (time_t)mm * 60 + (time_t)ss;
	return true;
}

/* Matches one of names (n entries, each three letters) at *s. */
static int
read_name(const char **s, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (strncmp(*s, names[i], 3) == 0) {
			*s += 3;
			return i;
		}
	}
	return -1;
}

static bool
read_lit(const char **s, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*s, lit, n) != 0)
		return false;
	*s += n;
	return true;
}

bool
vntime_parse_http(const char *s, time_t *out)
{
	const char *p = s;
	int wday, d, mon, y, h, mi, sec;

	/* IMF-fixdate = day-name "," SP date1 SP time-of-day SP GMT, e.g.
	 * "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 7231 7.1.1.1).  The day name
	 * must be a real one; like most servers we do not check that it
	 * agrees with the date. */
	if (!s || (wday = read_name(&p, wday_en, 7)) < 0 ||
	    !read_lit(&p, ", ") || (d = read_digits(&p, 2, 2)) < 0 ||
	    !read_lit(&p, " ") || (mon = read_name(&p, month_en, 12)) < 0 ||
	    !read_lit(&p, " ") || (y = read_digits(&p, 4, 4)) < 0 ||
	    !read_lit(&p, " ") || (h = read_digits(&p, 2, 2)) < 0 ||
	    !read_lit(&p, ":") || (mi = read_digits(&p, 2, 2)) < 0 ||
	    !read_lit(&p, ":") || (sec = read_digits(&p, 2, 2)) < 0 ||
	    !read_lit(&p, " GMT") || *p != '\0')
		return false;
	(void)wday;
	return make_utc(y, mon + 1, d, h, mi, sec, out);
}

int
vntime_day(time_t t)
{
	struct tm tm;

	vntime_local(t, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}
