/*
 * fluxstat-days: which days a run reports, and where each begins and ends.
 *
 * The one implementation of the day logic that fluxstat-run used to do
 * with date(1): the local day in a zone, the whole days after the
 * watermark up to yesterday (at most the backlog), and each day's bounds
 * as UTC instants (for the extractors) and as local times with their
 * offsets (for the report's envelope).  The bounds come from
 * fs_day_bounds, which finds the first instant of each local date, so a
 * day whose midnight does not exist (a DST change at 24:00) starts at the
 * first local time it has, and a DST day is 23 or 25 hours long.
 *
 * It also moves the watermark (--set), atomically, so that a full disk
 * or a kill leaves the old watermark or the new one, never a part.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fluxstat.h"

static void usage(FILE *fp);
static int read_watermark(const char *path, int64_t *day);
static int set_watermark(const char *path, const char *day);
static int print_day(int64_t day, const char *tz, struct fs_buf *out);

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s [--tz ZONE] [--now INSTANT] [--date DAY |\n"
	    "       --watermark FILE [--backlog N]]\n"
	    "       %s --watermark FILE --set DAY\n"
	    "Print, one JSON object a line, each day to report and its bounds:\n"
	    "  {\"day\",\"from\",\"to\" (UTC),\"local_from\",\"local_to\",\"hours\"}\n"
	    "  -z, --tz ZONE         the zone whose midnight ends a day (default:\n"
	    "                        TZ, else the system's)\n"
	    "  -n, --now INSTANT     the present, ISO-8601 (default: the clock)\n"
	    "  -d, --date DAY        that day alone (YYYY-MM-DD, already over)\n"
	    "  -w, --watermark FILE  the last day reported (none: yesterday only);\n"
	    "                        the days after it up to yesterday\n"
	    "  -b, --backlog N       at most the last N of them (default 7)\n"
	    "  -s, --set DAY         write DAY into the watermark file, atomically\n"
	    "      --help, --version\n"
	    "Without --date or --watermark: yesterday.\n",
	    fs_progname, fs_progname);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "tz", required_argument, NULL, 'z' },
		{ "now", required_argument, NULL, 'n' },
		{ "date", required_argument, NULL, 'd' },
		{ "watermark", required_argument, NULL, 'w' },
		{ "backlog", required_argument, NULL, 'b' },
		{ "set", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *tz = NULL, *date = NULL, *wmfile = NULL, *set = NULL;
	const char *zname;
	struct fs_buf out = FS_BUF_INIT;
	int64_t now, today, first, last, day, wm;
	long long backlog = 7;
	char local[40];
	int c, status;

	fs_setprogname(argv[0]);
	now = (int64_t)time(NULL) * 1000;
	while ((c = getopt_long(argc, argv, "z:n:d:w:b:s:", opts, NULL)) != -1) {
		switch (c) {
		case 'z': tz = optarg; break;
		case 'n':
			if (fs_time_parse_iso(optarg, strlen(optarg), &now) != 0)
				fs_die(EX_USAGE, "--now: not an ISO-8601 instant "
				    "with an offset: '%s'", optarg);
			break;
		case 'd': date = optarg; break;
		case 'w': wmfile = optarg; break;
		case 'b':
			if (fs_parse_ll(optarg, 1, 999, &backlog,
			    "--backlog") != 0)
				return EX_USAGE;
			break;
		case 's': set = optarg; break;
		case 'h': usage(stdout); return fs_close_stdout();
		case 'V': fs_print_version(); return fs_close_stdout();
		default: usage(stderr); return EX_USAGE;
		}
	}
	if (optind != argc) {
		fs_warnx("unexpected argument '%s'", argv[optind]);
		usage(stderr);
		return EX_USAGE;
	}
	if (tz != NULL && *tz == '\0')
		tz = NULL;
	/* an unknown zone is a configuration error, said before anything */
	if (tz != NULL && !fs_tz_valid(tz))
		fs_die(EX_CONFIG, "unknown time zone '%s' (FLUXSTAT_TZ): no "
		    "zone file of that name", tz);
	zname = tz != NULL ? tz : "the system zone";

	if (set != NULL) {
		if (wmfile == NULL || date != NULL)
			fs_die(EX_USAGE, "--set goes with --watermark alone");
		if (fs_day_parse(set, &day) != 0)
			fs_die(EX_USAGE, "--set: not a day (YYYY-MM-DD): '%s'",
			    set);
		return set_watermark(wmfile, set);
	}
	if (date != NULL && wmfile != NULL)
		fs_die(EX_USAGE, "--date and --watermark exclude each other");

	/* today is the local date of now; its first 10 characters */
	if (fs_time_format_local(now, tz, local) != 0)
		return EX_SOFTWARE;
	local[10] = '\0';
	if (fs_day_parse(local, &today) != 0)
		fs_die(EX_SOFTWARE, "the local date '%s' is not a day", local);
	first = last = today - 1;
	if (date != NULL) {
		if (fs_day_parse(date, &day) != 0)
			fs_die(EX_USAGE, "--date: no such day (YYYY-MM-DD): "
			    "'%s'", date);
		if (day >= today)
			fs_die(EX_USAGE, "--date %s: the day is not over yet in "
			    "%s", date, zname);
		first = last = day;
	} else if (wmfile != NULL) {
		if ((status = read_watermark(wmfile, &wm)) != 0)
			return status;
		if (wm != INT64_MIN) {
			first = wm + 1;
			if (first < last - (backlog - 1)) {
				char a[16], b[16];

				fs_day_format(first, a);
				fs_day_format(last - backlog, b);
				fs_warnx("more than --backlog %lld days behind: "
				    "%s..%s skipped", backlog, a, b);
				first = last - (backlog - 1);
			}
		}
	}
	for (day = first; day <= last; day++)
		if (print_day(day, tz, &out) != 0)
			return EX_SOFTWARE;
	if (out.len > 0)
		fwrite(out.p, 1, out.len, stdout);
	fs_buf_free(&out);
	return fs_close_stdout();
}

/* INT64_MIN when the file does not exist: the very first run */
static int
read_watermark(const char *path, int64_t *day)
{
	struct fs_buf b = FS_BUF_INIT;
	int r = 0;

	errno = 0;
	if (fs_read_file(path, &b) != 0) {
		if (errno == ENOENT) {
			*day = INT64_MIN;
			fs_buf_free(&b);
			return 0;
		}
		fs_buf_free(&b);
		return errno == EACCES ? EX_NOPERM : EX_IOERR;
	}
	if (b.len > 0 && b.p[b.len - 1] == '\n')
		b.p[--b.len] = '\0';
	if (fs_day_parse(b.p, day) != 0) {
		fs_warn_at(path, 1, "not a day (YYYY-MM-DD); remove the file "
		    "to report yesterday only");
		r = EX_CONFIG;
	}
	fs_buf_free(&b);
	return r;
}

static int
set_watermark(const char *path, const char *day)
{
	const char *slash = strrchr(path, '/');
	struct fs_atomic a;
	char *dir;
	int r = 0;

	/* the temporary file goes beside it: same file system, atomic rename */
	if (slash == NULL)
		dir = fs_xstrdup(".");
	else if (slash == path)
		dir = fs_xstrdup("/");
	else
		dir = fs_xstrndup(path, (size_t)(slash - path));
	if (fs_atomic_open(&a, dir, slash ? slash + 1 : path) != 0)
		r = EX_CANTCREAT;
	else if (fs_atomic_write(&a, day, strlen(day)) != 0 ||
	    fs_atomic_write(&a, "\n", 1) != 0 || fs_atomic_commit(&a) != 0) {
		fs_atomic_abort(&a);
		r = EX_IOERR;
	}
	free(dir);
	return r;
}

static int
print_day(int64_t day, const char *tz, struct fs_buf *out)
{
	char d[16], ufrom[32], uto[32], lfrom[40], lto[40];
	int64_t from, to;

	fs_day_format(day, d);
	if (fs_day_bounds(d, tz, &from, &to) != 0 ||
	    fs_time_format_local(from, tz, lfrom) != 0 ||
	    fs_time_format_local(to, tz, lto) != 0)
		return -1;
	fs_time_format_utc(from, ufrom);
	fs_time_format_utc(to, uto);
	fs_buf_adds(out, "{\"day\":");
	fs_json_strz(out, d);
	fs_buf_adds(out, ",\"from\":");
	fs_json_strz(out, ufrom);
	fs_buf_adds(out, ",\"to\":");
	fs_json_strz(out, uto);
	fs_buf_adds(out, ",\"local_from\":");
	fs_json_strz(out, lfrom);
	fs_buf_adds(out, ",\"local_to\":");
	fs_json_strz(out, lto);
	fs_buf_adds(out, ",\"hours\":");
	/* an old local mean time can make it a fraction: rounded down */
	fs_json_int(out, (to - from) / 3600000);
	fs_buf_adds(out, "}\n");
	return 0;
}
