/*
 * time.c: instants as milliseconds since the epoch (UTC).
 *
 * Parsing is pure arithmetic on the civil calendar (proleptic Gregorian,
 * Howard Hinnant's days_from_civil), so it does not depend on the
 * process's time zone and never calls mktime.  Only the two functions
 * that need a zone's rules (fs_time_format_local, fs_day_bounds) ask the C
 * library, by setting TZ for the call and putting it back afterwards.
 *
 * Accepted ISO-8601 instants (RFC 3339 profile, plus two liberties):
 *	YYYY-MM-DDTHH:MM:SS[.f...](Z|+HH:MM|-HH:MM|+HHMM|-HHMM)
 *   - 'T' may be a space, and 'T'/'Z' may be lower case (RFC 3339 5.6);
 *   - the fraction may have any number of digits; it is truncated to ms;
 *   - offsets up to +-18:00 (minutes < 60); -00:00 is UTC;
 *   - no leap second (SS <= 59), no hour 24, no date that does not exist
 *     (2023-02-29, 1900-02-29, 04-31); years 0000-9999;
 *   - no offset at all is an error: a local time is not an instant.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fluxstat.h"

struct tzsave {
	int active;
	char *old;		/* the previous TZ, NULL when it was unset */
};

static int64_t	 days_from_civil(int64_t, int, int);
static void	 civil_from_days(int64_t, int64_t *, int *, int *);
static int	 days_in_month(int64_t, int);
static int	 digits(const char *, size_t, int *);
static int	 parse_date(const char *, size_t, int64_t *, int *, int *);
static int64_t	 floordiv(int64_t, int64_t);
static int	 epoch_seconds(struct fs_jspan, int64_t *);
static int	 long_string(struct fs_jspan, int64_t *);
static int	 tz_push(const char *, struct tzsave *);
static void	 tz_pop(struct tzsave *);
static long	 local_key(time_t);
static time_t	 day_start(long, time_t);

#define MS_PER_DAY INT64_C(86400000)

/* days since 1970-01-01 of a proleptic Gregorian date */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(int64_t y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : len[m - 1];
}

/* exactly n ASCII digits */
static int
digits(const char *s, size_t n, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* "YYYY-MM-DD" at s (n >= 10 bytes), a date that exists */
static int
parse_date(const char *s, size_t n, int64_t *y, int *m, int *d)
{
	int yy;

	if (n < 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &yy) != 0 ||
	    digits(s + 5, 2, m) != 0 || digits(s + 8, 2, d) != 0)
		return -1;
	*y = yy;
	if (*m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
		return -1;
	return 0;
}

int
fs_time_parse_iso(const char *s, size_t n, int64_t *ms)
{
	int64_t y, v;
	int mo, d, h, mi, sec, frac = 0, scale = 100, oh, om, sign;
	size_t i;

	if (n < 20 || parse_date(s, n, &y, &mo, &d) != 0)
		return -1;
	if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
		return -1;
	if (digits(s + 11, 2, &h) != 0 || s[13] != ':' ||
	    digits(s + 14, 2, &mi) != 0 || s[16] != ':' ||
	    digits(s + 17, 2, &sec) != 0 || h > 23 || mi > 59 || sec > 59)
		return -1;
	i = 19;
	if (s[i] == '.') {
		if (++i >= n || s[i] < '0' || s[i] > '9')
			return -1;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			frac += (s[i] - '0') * scale;
			scale /= 10;
		}
	}
	if (i >= n)
		return -1;
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n)
		oh = om = sign = 0;
	else if (s[i] == '+' || s[i] == '-') {
		sign = s[i] == '-' ? -1 : 1;
		i++;
		if (n - i == 5 && s[i + 2] == ':') {
			if (digits(s + i, 2, &oh) != 0 || digits(s + i + 3, 2, &om) != 0)
				return -1;
		} else if (n - i == 4) {
			if (digits(s + i, 2, &oh) != 0 || digits(s + i + 2, 2, &om) != 0)
				return -1;
		} else
			return -1;
		if (om > 59 || oh * 60 + om > 18 * 60)
			return -1;
	} else
		return -1;
	v = days_from_civil(y, mo, d) * MS_PER_DAY +
	    ((int64_t)h * 3600 + mi * 60 + sec) * 1000 + frac;
	*ms = v - (int64_t)sign * (oh * 60 + om) * 60000;
	return 0;
}

static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/*
 * Epoch seconds as a JSON number.  Plain decimals are read digit by digit
 * so that 1732838400.123 is exactly ...123 ms (as a double it would be
 * ...122.99); an exponent goes through the double, rounded to the ms.
 * The instant is the floor of the value in ms, as for an ISO fraction.
 */
static int
epoch_seconds(struct fs_jspan v, int64_t *ms)
{
	const char *p = v.p, *end = v.p + v.n;
	int64_t secs = 0, frac = 0, scale = 100;
	int neg = 0, rest = 0;
	double d;

	if (memchr(v.p, 'e', v.n) != NULL || memchr(v.p, 'E', v.n) != NULL) {
		d = fs_json_get_double(v) * 1000.0;
		if (!isfinite(d) || fabs(d) > 9e15)
			return -1;
		*ms = (int64_t)floor(d + 0.5);
		return 0;
	}
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; p < end && *p != '.'; p++) {
		if (secs > INT64_C(9000000000000))	/* beyond year 285000 */
			return -1;
		secs = secs * 10 + (*p - '0');
	}
	if (p < end)
		for (p++; p < end; p++) {
			if (scale > 0)
				frac += (*p - '0') * scale;
			else if (*p != '0')
				rest = 1;
			scale /= 10;
		}
	*ms = secs * 1000 + frac;
	if (neg)
		*ms = -*ms - rest;
	return 0;
}

/* {"$numberLong":"ms"}: a string of an optional '-' and digits */
static int
long_string(struct fs_jspan v, int64_t *ms)
{
	struct fs_jspan s, num;
	struct fs_jerr err;

	if (!fs_json_get(v, "$numberLong", &s) || s.type != FS_J_STRING ||
	    s.n < 3 || memchr(s.p, '\\', s.n) != NULL)
		return -1;
	/* the quoted text must itself be a JSON integer */
	if (fs_json_parse(s.p + 1, s.n - 2, &num, &err) != 0 ||
	    num.type != FS_J_NUMBER)
		return -1;
	return fs_json_get_i64(num, ms);
}

int
fs_time_parse_json(struct fs_jspan v, int64_t *ms)
{
	struct fs_buf b = FS_BUF_INIT;
	struct fs_jspan d;
	int r;

	switch (v.type) {
	case FS_J_NUMBER:
		return epoch_seconds(v, ms);
	case FS_J_STRING:
		if (v.n < 2 || v.n > 200)
			return -1;
		/* the usual case, no escapes: parse in place, no copy */
		if (memchr(v.p + 1, '\\', v.n - 2) == NULL)
			return fs_time_parse_iso(v.p + 1, v.n - 2, ms);
		fs_json_unescape(v, &b);
		r = b.len > 0 ? fs_time_parse_iso(b.p, b.len, ms) : -1;
		fs_buf_free(&b);
		return r;
	case FS_J_OBJECT:
		if (!fs_json_get(v, "$date", &d))
			return -1;
		switch (d.type) {
		case FS_J_STRING:
			return fs_time_parse_json(d, ms);
		case FS_J_NUMBER:	/* legacy extended JSON: ms */
			return fs_json_get_i64(d, ms);
		case FS_J_OBJECT:
			return long_string(d, ms);
		default:
			return -1;
		}
	default:
		return -1;
	}
}

static char *
put_digits(char *p, int v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

/* by hand: fluxstat-bson formats one date per document, and snprintf was
 * a third of its time */
char *
fs_time_put_ymd(char *q, int y, int m, int d)
{
	q = put_digits(q, y, 4);
	*q++ = '-';
	q = put_digits(q, m, 2);
	*q++ = '-';
	return put_digits(q, d, 2);
}

char *
fs_time_put_hms(char *q, int sec, int msec)
{
	q = put_digits(q, sec / 3600, 2);
	*q++ = ':';
	q = put_digits(q, sec / 60 % 60, 2);
	*q++ = ':';
	q = put_digits(q, sec % 60, 2);
	if (msec != 0) {
		*q++ = '.';
		q = put_digits(q, msec, 3);
	}
	return q;
}

void
fs_time_format_utc(int64_t ms, char out[32])
{
	int64_t days = floordiv(ms, MS_PER_DAY), rem, y;
	int m, d, msec, sec;
	char *p = out;

	rem = ms - days * MS_PER_DAY;
	civil_from_days(days, &y, &m, &d);
	msec = (int)(rem % 1000);
	sec = (int)(rem / 1000);
	if (y < 0 || y > 9999) {
		/* at most 30 characters for any int64 of milliseconds */
		char tmp[96];

		snprintf(tmp, sizeof tmp, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ",
		    (long long)y, m, d, sec / 3600, sec / 60 % 60, sec % 60, msec);
		if (msec == 0)
			strcpy(tmp + strlen(tmp) - 5, "Z");
		snprintf(out, 32, "%s", tmp);
		return;
	}
	p = fs_time_put_ymd(p, (int)y, m, d);
	*p++ = 'T';
	p = fs_time_put_hms(p, sec, msec);
	*p++ = 'Z';
	*p = '\0';
}

/*
 * A zone the C library knows: glibc silently takes an unknown name for
 * UTC, which would shift a site's day without a word.  Accepted: a file
 * under $TZDIR (default /usr/share/zoneinfo) or an absolute path, or a
 * POSIX TZ rule such as "CET-1CEST,M3.5.0,M10.5.0/3" or "UTC0".  The one
 * zone check of the project: the configuration (through fluxstat-days),
 * the library's zone functions and tests/mkflux all ask this.
 */
int
fs_tz_valid(const char *tz)
{
	const char *name = tz[0] == ':' ? tz + 1 : tz, *dir, *p;
	char path[4096];
	size_t alpha;

	if (name[0] == '\0')
		return 0;
	if (name[0] == '/')
		return access(name, R_OK) == 0;
	if (strstr(name, "..") == NULL) {
		dir = getenv("TZDIR");
		if (dir == NULL || *dir == '\0')
			dir = "/usr/share/zoneinfo";
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) <
		    sizeof path && access(path, R_OK) == 0)
			return 1;
	}
	if (tz[0] == ':')
		return 0;
	/* std offset: three or more letters (or <...>), then a number */
	p = name;
	if (*p == '<') {
		if ((p = strchr(p, '>')) == NULL)
			return 0;
		p++;
	} else {
		for (alpha = 0; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
		    p++)
			alpha++;
		if (alpha < 3)
			return 0;
	}
	if (*p == '+' || *p == '-')
		p++;
	return *p >= '0' && *p <= '9';
}

static int
tz_push(const char *tz, struct tzsave *s)
{
	const char *old;

	s->active = 0;
	s->old = NULL;
	if (tz == NULL) {
		tzset();	/* localtime_r need not look at TZ itself */
		return 0;
	}
	if (!fs_tz_valid(tz)) {
		fs_warnx("unknown time zone '%s'", tz);
		return -1;
	}
	old = getenv("TZ");
	s->old = old ? fs_xstrdup(old) : NULL;
	s->active = 1;
	if (setenv("TZ", tz, 1) != 0) {
		tz_pop(s);
		fs_warnx("cannot set the time zone '%s'", tz);
		return -1;
	}
	tzset();
	return 0;
}

static void
tz_pop(struct tzsave *s)
{
	if (!s->active)
		return;
	if (s->old != NULL)
		setenv("TZ", s->old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(s->old);
	s->old = NULL;
	s->active = 0;
}

int
fs_time_format_local(int64_t ms, const char *tz, char out[40])
{
	struct tzsave save;
	struct tm tm;
	time_t t = (time_t)floordiv(ms, 1000);
	int msec = (int)(ms - (int64_t)t * 1000);
	long off, aoff;
	char zone[24], *q;
	int n;

	if (tz_push(tz, &save) != 0)
		return -1;
	if (localtime_r(&t, &tm) == NULL) {
		tz_pop(&save);
		fs_warnx("cannot convert %lld ms to local time", (long long)ms);
		return -1;
	}
	tz_pop(&save);
	off = tm.tm_gmtoff;
	aoff = off < 0 ? -off : off;
	/* whole minutes as RFC 3339 wants; old local mean times have seconds */
	if (aoff % 60 == 0)
		n = snprintf(zone, sizeof zone, "%c%02ld:%02ld",
		    off < 0 ? '-' : '+', aoff / 3600, aoff / 60 % 60);
	else
		n = snprintf(zone, sizeof zone, "%c%02ld:%02ld:%02ld",
		    off < 0 ? '-' : '+', aoff / 3600, aoff / 60 % 60, aoff % 60);
	/* 23 bytes of date and time, then the zone and its NUL */
	if (n < 0 || (size_t)n >= sizeof zone || (size_t)n >= 40 - 23 ||
	    tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999) {
		fs_warnx("cannot format %lld ms as local time", (long long)ms);
		return -1;
	}
	q = fs_time_put_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	*q++ = 'T';
	q = fs_time_put_hms(q, tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec,
	    msec);
	memcpy(q, zone, (size_t)n + 1);
	return 0;
}

/* the local date at t as YYYYMMDD, comparable as a number */
static long
local_key(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return -1;
	return (long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday;
}

/*
 * The first second whose local date is key or later, searched within 26
 * hours of that date's UTC midnight (offsets are at most 18 hours).  A
 * search, not mktime: it is right also where midnight does not exist
 * (America/Santiago starts summer time at 24:00) or happens twice.
 */
static time_t
day_start(long key, time_t utc_midnight)
{
	time_t lo = utc_midnight - 26 * 3600, hi = utc_midnight + 26 * 3600, mid;

	if (local_key(lo) >= key || local_key(hi) < key)
		return (time_t)-1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (local_key(mid) >= key)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

int
fs_day_bounds(const char *day, const char *tz, int64_t *from, int64_t *to)
{
	struct tzsave save;
	int64_t y, ny, days;
	int m, d, nm, nd;
	time_t a, b;

	if (strlen(day) != 10 || parse_date(day, 10, &y, &m, &d) != 0) {
		fs_warnx("not a date (YYYY-MM-DD): '%s'", day);
		return -1;
	}
	days = days_from_civil(y, m, d);
	civil_from_days(days + 1, &ny, &nm, &nd);
	if (tz_push(tz, &save) != 0)
		return -1;
	a = day_start((long)y * 10000 + m * 100 + d, (time_t)(days * 86400));
	b = day_start((long)ny * 10000 + nm * 100 + nd,
	    (time_t)((days + 1) * 86400));
	tz_pop(&save);
	if (a == (time_t)-1 || b == (time_t)-1) {
		fs_warnx("cannot find the bounds of %s in the time zone", day);
		return -1;
	}
	*from = (int64_t)a * 1000;
	*to = (int64_t)b * 1000;
	return 0;
}

int
fs_day_parse(const char *s, int64_t *days)
{
	int64_t y;
	int m, d;

	if (strlen(s) != 10 || parse_date(s, 10, &y, &m, &d) != 0)
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

void
fs_day_format(int64_t days, char out[16])
{
	int64_t y;
	int m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 16, "%04lld-%02d-%02d", (long long)y, m, d);
}
