/*
 * test-time.c: ISO-8601 parsing, JSON times, formatting, local days.
 * Expected instants were computed with Python's datetime/zoneinfo and
 * checked against zdump; they are facts about the calendar, not outputs
 * of this code.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"
#include "tap.h"

static int64_t
iso(const char *s)
{
	int64_t ms;

	if (fs_time_parse_iso(s, strlen(s), &ms) != 0)
		return INT64_MIN;
	return ms;
}

static void
is_ms(const char *s, int64_t want)
{
	char desc[128];

	snprintf(desc, sizeof desc, "parse %s", s);
	tap_is_ll(iso(s), want, desc);
}

static void
no_iso(const char *s, const char *why)
{
	char desc[128];

	snprintf(desc, sizeof desc, "refuse %s (%s)", s, why);
	tap_ok(iso(s) == INT64_MIN, desc);
}

static int64_t
json_time(const char *s)
{
	struct fs_jspan v;
	struct fs_jerr err;
	int64_t ms;

	if (fs_json_parse(s, strlen(s), &v, &err) != 0) {
		printf("# bad JSON in the test: %s\n", err.msg);
		return INT64_MIN;
	}
	if (fs_time_parse_json(v, &ms) != 0)
		return INT64_MIN;
	return ms;
}

static void
is_json(const char *s, int64_t want)
{
	char desc[160];

	snprintf(desc, sizeof desc, "JSON time %s", s);
	tap_is_ll(json_time(s), want, desc);
}

static void
is_utc(int64_t ms, const char *want)
{
	char out[32], desc[96];

	fs_time_format_utc(ms, out);
	snprintf(desc, sizeof desc, "format %lld", (long long)ms);
	tap_is(out, want, desc);
}

static void
is_local(int64_t ms, const char *tz, const char *want)
{
	char out[40] = "", desc[96];

	snprintf(desc, sizeof desc, "local time in %s", tz);
	if (fs_time_format_local(ms, tz, out) != 0)
		strcpy(out, "(error)");
	tap_is(out, want, desc);
}

static void
is_day(const char *day, const char *tz, const char *from, const char *to,
    int hours)
{
	int64_t f, t;
	char fs[32] = "", ts[32] = "", desc[128];

	snprintf(desc, sizeof desc, "%s in %s: %s .. %s, %d h", day, tz, from, to,
	    hours);
	if (fs_day_bounds(day, tz, &f, &t) != 0) {
		tap_ok(0, desc);
		return;
	}
	fs_time_format_utc(f, fs);
	fs_time_format_utc(t, ts);
	if (!tap_ok(strcmp(fs, from) == 0 && strcmp(ts, to) == 0 &&
	    t - f == (int64_t)hours * 3600000, desc))
		printf("# got %s .. %s (%lld h)\n", fs, ts,
		    (long long)((t - f) / 3600000));
}

int
main(void)
{
	char out[40];
	int64_t f, t, ms, i, back;
	int ok;
	const char *tz;

	fs_setprogname("test-time");
	tap_plan(94);

	/* ISO-8601 */
	is_ms("2026-11-30T00:04:11Z", INT64_C(1795997051000));
	is_ms("2026-11-30T00:04:11+00:00", INT64_C(1795997051000));
	is_ms("2026-11-30 00:04:11Z", INT64_C(1795997051000));
	is_ms("2026-11-30t00:04:11z", INT64_C(1795997051000));
	is_ms("2026-11-30T00:04:11-00:00", INT64_C(1795997051000));
	is_ms("1970-01-01T00:00:00Z", 0);
	is_ms("1969-12-31T23:59:59.999Z", -1);
	is_ms("0001-01-01T00:00:00Z", INT64_C(-62135596800000));
	is_ms("9999-12-31T23:59:59.999Z", INT64_C(253402300799999));
	is_ms("2024-02-29T12:00:00Z", INT64_C(1709208000000));
	is_ms("2000-02-29T00:00:00Z", INT64_C(951782400000));
	is_ms("2026-11-29T14:03:00+05:30", INT64_C(1795941180000));
	is_ms("2026-11-29T14:03:00+0530", INT64_C(1795941180000));
	is_ms("2026-11-29T14:03:00-03:30", INT64_C(1795973580000));
	is_ms("2026-11-29T14:03:00-0330", INT64_C(1795973580000));
	is_ms("2026-11-29T23:59:59.123+14:00", INT64_C(1795946399123));
	is_ms("2026-11-29T00:00:00+18:00", INT64_C(1795845600000));
	is_ms("2026-11-29T00:00:00-18:00", INT64_C(1795975200000));
	is_ms("1970-01-01T00:00:00.1Z", 100);
	is_ms("1970-01-01T00:00:00.12Z", 120);
	is_ms("1970-01-01T00:00:00.123456789Z", 123);
	is_ms("1970-01-01T00:00:00.9999999999999999999999Z", 999);

	no_iso("2023-02-29T00:00:00Z", "not a leap year");
	no_iso("1900-02-29T00:00:00Z", "century, not a leap year");
	no_iso("2100-02-29T00:00:00Z", "century, not a leap year");
	no_iso("2026-02-30T00:00:00Z", "no Feb 30");
	no_iso("2026-04-31T00:00:00Z", "April has 30 days");
	no_iso("2026-13-01T00:00:00Z", "month 13");
	no_iso("2026-00-01T00:00:00Z", "month 0");
	no_iso("2026-01-00T00:00:00Z", "day 0");
	no_iso("2026-01-01T24:00:00Z", "hour 24");
	no_iso("2026-01-01T23:60:00Z", "minute 60");
	no_iso("2026-12-31T23:59:60Z", "leap second");
	no_iso("2026-01-01T00:00:00", "no offset");
	no_iso("2026-01-01T00:00:00+18:01", "offset beyond 18:00");
	no_iso("2026-01-01T00:00:00-19:00", "offset beyond 18:00");
	no_iso("2026-01-01T00:00:00+05:60", "offset minute 60");
	no_iso("2026-01-01T00:00:00+05", "offset without minutes");
	no_iso("2026-01-01T00:00:00+5:30", "one-digit offset hour");
	no_iso("2026-01-01T00:00:00.Z", "fraction without digits");
	no_iso("2026-01-01T00:00:00Z ", "trailing blank");
	no_iso("2026-01-01T00:00Z", "no seconds");
	no_iso("2026-1-01T00:00:00Z", "one-digit month");
	no_iso("2026-01-01X00:00:00Z", "bad separator");
	no_iso("", "empty");
	tap_ok(fs_time_parse_iso("2026-11-30T00:04:11Zjunk", 20, &ms) == 0 &&
	    ms == INT64_C(1795997051000), "only n bytes are read");

	/* JSON times */
	is_json("\"2026-11-29T14:03:00+01:00\"", INT64_C(1795957380000));
	is_json("\"2026-11-29T14:03:00\\u002b01:00\"", INT64_C(1795957380000));
	is_json("{\"$date\":\"2026-11-29T13:03:00.5Z\"}", INT64_C(1795957380500));
	is_json("{\"$date\":{\"$numberLong\":\"1795957380000\"}}", INT64_C(1795957380000));
	is_json("{\"$date\":{\"$numberLong\":\"-62135596800000\"}}", INT64_C(-62135596800000));
	is_json("{\"$date\":1795957380000}", INT64_C(1795957380000));
	is_json("1795957380", INT64_C(1795957380000));
	is_json("1795957380.123", INT64_C(1795957380123));
	is_json("1795957380.1239", INT64_C(1795957380123));
	is_json("1.79595738e9", INT64_C(1795957380000));
	is_json("-1.5", -1500);
	is_json("-0.0005", -1);
	is_json("0", 0);
	tap_ok(json_time("\"2026-11-29T14:03:00\"") == INT64_MIN &&
	    json_time("\"\"") == INT64_MIN && json_time("true") == INT64_MIN &&
	    json_time("null") == INT64_MIN && json_time("[1]") == INT64_MIN,
	    "JSON: local time, empty, boolean, null, array refused");
	tap_ok(json_time("{\"$date\":true}") == INT64_MIN &&
	    json_time("{\"date\":1}") == INT64_MIN &&
	    json_time("{\"$date\":{\"$numberLong\":\"12a\"}}") == INT64_MIN &&
	    json_time("{\"$date\":{\"$numberLong\":12}}") == INT64_MIN &&
	    json_time("{\"$date\":{\"$numberLong\":\"1.5\"}}") == INT64_MIN &&
	    json_time("{\"$date\":1.5}") == INT64_MIN,
	    "JSON: bad $date forms refused");
	tap_ok(json_time("1e300") == INT64_MIN &&
	    json_time("99999999999999999999") == INT64_MIN,
	    "JSON: epoch seconds beyond any date refused");

	/* formatting in UTC */
	is_utc(0, "1970-01-01T00:00:00Z");
	is_utc(-1, "1969-12-31T23:59:59.999Z");
	is_utc(INT64_C(1795997051000), "2026-11-30T00:04:11Z");
	is_utc(INT64_C(1795997051007), "2026-11-30T00:04:11.007Z");
	is_utc(INT64_C(1709208000000), "2024-02-29T12:00:00Z");
	is_utc(INT64_C(253402300799999), "9999-12-31T23:59:59.999Z");
	is_utc(INT64_C(-62135596800000), "0001-01-01T00:00:00Z");
	is_utc(INT64_C(253402300800000), "10000-01-01T00:00:00Z");
	is_utc(INT64_C(253402300800001), "10000-01-01T00:00:00.001Z");
	ok = 1;
	for (i = INT64_C(-62135596800000); i < INT64_C(253402300799999);
	    i += INT64_C(7777777777) + i % 1000) {
		fs_time_format_utc(i, out);
		if (fs_time_parse_iso(out, strlen(out), &back) != 0 || back != i) {
			printf("# round trip of %lld: %s\n", (long long)i, out);
			ok = 0;
			break;
		}
	}
	tap_ok(ok, "format then parse gives the instant back, years 1-9999");

	/* local time and restoring TZ */
	setenv("TZ", "Asia/Tokyo", 1);
	is_local(INT64_C(1795957380000), "Europe/Berlin", "2026-11-29T14:03:00+01:00");
	tz = getenv("TZ");
	tap_ok(tz != NULL && strcmp(tz, "Asia/Tokyo") == 0, "TZ restored after the call");
	is_local(INT64_C(1795957380000), NULL, "2026-11-29T22:03:00+09:00");
	is_local(INT64_C(1782741600000), "Europe/Berlin", "2026-06-29T16:00:00+02:00");
	is_local(INT64_C(1795957380250), "Asia/Kolkata", "2026-11-29T18:33:00.250+05:30");
	is_local(INT64_C(1795957380000), "America/St_Johns", "2026-11-29T09:33:00-03:30");
	is_local(INT64_C(1795957380000), "UTC", "2026-11-29T13:03:00+00:00");
	is_local(INT64_C(1795957380000), "CET-1CEST,M3.5.0,M10.5.0/3", "2026-11-29T14:03:00+01:00");
	unsetenv("TZ");
	tap_ok(fs_time_format_local(0, "Mars/Olympus_Mons", out) == -1 &&
	    getenv("TZ") == NULL, "unknown zone refused, TZ left unset");
	tap_ok(fs_time_format_local(0, "Europe/Berlin", out) == 0 &&
	    getenv("TZ") == NULL, "TZ unset again after a call");

	/* local days: DST edges give 23 and 25 hours */
	is_day("2026-03-29", "Europe/Berlin", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 23);
	is_day("2026-10-25", "Europe/Berlin", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 25);
	is_day("2026-11-29", "Europe/Berlin", "2026-11-28T23:00:00Z", "2026-11-29T23:00:00Z", 24);
	is_day("2026-03-08", "America/New_York", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", 23);
	is_day("2026-11-01", "America/New_York", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", 25);
	/* Chile starts summer time at 24:00: that day has no midnight */
	is_day("2026-09-06", "America/Santiago", "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z", 23);
	is_day("2026-04-04", "America/Santiago", "2026-04-04T03:00:00Z", "2026-04-05T04:00:00Z", 25);
	is_day("2026-11-30", "Asia/Kolkata", "2026-11-29T18:30:00Z", "2026-11-30T18:30:00Z", 24);
	is_day("2024-02-29", "UTC", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z", 24);
	is_day("2026-12-31", "Pacific/Kiritimati", "2026-12-30T10:00:00Z", "2026-12-31T10:00:00Z", 24);
	tap_ok(fs_day_bounds("2023-02-29", "UTC", &f, &t) == -1 &&
	    fs_day_bounds("2026-11-3", "UTC", &f, &t) == -1 &&
	    fs_day_bounds("2026-11-30", "Nowhere/Atlantis", &f, &t) == -1,
	    "bad day or zone refused");
	setenv("TZ", "America/New_York", 1);
	tap_ok(fs_day_bounds("2026-03-29", NULL, &f, &t) == 0 &&
	    f == iso("2026-03-29T04:00:00Z") && t - f == 86400000,
	    "NULL zone: the process's own (TZ=America/New_York)");
	unsetenv("TZ");
	return tap_done();
}
