/*
 * json-speed: throughput of fs_json_parse on NDJSON rows, beside libjq's
 * jv_parse_sized on the same lines.
 *
 *	bench/json-speed [-n ROWS] [FILE]
 *
 * Without FILE it makes ROWS (default 500000) order-like rows in memory
 * (the shape fluxstat-bson writes for a whole orders document), so the
 * figure does not depend on the disk.  Times are the process's CPU time
 * (steadier than wall time on a busy machine), after one untimed pass.
 * Prints MB/s for: validation alone, validation plus reading two fields
 * (what fluxstat-tally does per row), and libjq.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jv.h>

#include "fluxstat.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
make_rows(struct fs_buf *b, long n)
{
	static const char *types[] = { "booklet", "flyer", "business_card",
	    "poster", "brochure", "letterhead" };
	static const char *notes[] = { "", "bitte an Frau M\xc3\xbcller, Tel 0171 2345678",
	    "rush \\\"asap\\\"", "Lieferung \\u00fcber Tor 3", "\xe6\x97\xa5\xe6\x9c\xac" };
	long i;

	for (i = 0; i < n; i++)
		fs_buf_printf(b, "{\"_id\":{\"$oid\":\"5f1d7f5b9c1e4a2b%08lx\"},"
		    "\"number\":\"A-2026-%06ld\",\"address_id\":%ld,"
		    "\"job_type\":\"%s\",\"status\":\"printed\","
		    "\"created_at\":{\"$date\":\"2026-11-%02ldT%02ld:%02ld:00.%03ldZ\"},"
		    "\"printed_at\":null,\"quantity\":%ld,\"price\":%ld.%02ld,"
		    "\"note\":\"%s\"}\n", i, i, i * 7 % 100000, types[i % 6],
		    1 + i % 28, i % 24, i % 60, i % 1000, 1 + i % 5000, i % 900,
		    i % 100, notes[i % 5]);
}

int
main(int argc, char *argv[])
{
	struct fs_buf b = FS_BUF_INIT;
	struct fs_jspan root, v;
	struct fs_jerr err;
	long long rows = 500000;
	long lines, hits;
	char *p, *nl, *end;
	double t0, t;
	int c;

	fs_setprogname(argv[0]);
	while ((c = getopt(argc, argv, "n:")) != -1)
		if (c != 'n' || fs_parse_ll(optarg, 1, 100000000, &rows, "-n") != 0)
			fs_die(EX_USAGE, "usage: json-speed [-n ROWS] [FILE]");
	if (optind < argc) {
		FILE *fp = fopen(argv[optind], "r");
		char chunk[65536];
		size_t got;

		if (fp == NULL)
			fs_die(EX_NOINPUT, "%s: cannot open", argv[optind]);
		while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
			fs_buf_add(&b, chunk, got);
		fclose(fp);
	} else
		make_rows(&b, (long)rows);
	end = b.p + b.len;

	for (p = b.p; p < end; p = nl + 1) {	/* warm up caches and clocks */
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		(void)fs_json_parse(p, (size_t)(nl - p), &root, &err);
	}
	t0 = now();
	for (lines = 0, p = b.p; p < end; p = nl + 1, lines++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (fs_json_parse(p, (size_t)(nl - p), &root, &err) != 0)
			fs_die(EX_DATAERR, "line %ld: %s", lines + 1, err.msg);
	}
	t = now() - t0;
	printf("fs_json_parse           %8ld lines %7.1f MB %6.3f s %7.1f MB/s\n",
	    lines, b.len / 1e6, t, b.len / 1e6 / t);

	t0 = now();
	for (hits = 0, p = b.p; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (fs_json_parse(p, (size_t)(nl - p), &root, &err) != 0)
			fs_die(EX_DATAERR, "%s", err.msg);
		if (fs_json_get(root, "job_type", &v) && fs_json_streq(v, "booklet"))
			hits++;
		if (fs_json_get(root, "created_at.$date", &v) && v.n > 20)
			hits++;
	}
	t = now() - t0;
	printf("parse + 2 fields        %8ld lines %7.1f MB %6.3f s %7.1f MB/s (%ld hits)\n",
	    lines, b.len / 1e6, t, b.len / 1e6 / t, hits);

	t0 = now();
	for (p = b.p; p < end; p = nl + 1) {
		jv j;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		j = jv_parse_sized(p, (int)(nl - p));
		if (!jv_is_valid(j))
			fs_die(EX_DATAERR, "libjq refuses a line");
		jv_free(j);
	}
	t = now() - t0;
	printf("libjq jv_parse_sized    %8ld lines %7.1f MB %6.3f s %7.1f MB/s\n",
	    lines, b.len / 1e6, t, b.len / 1e6 / t);
	fs_buf_free(&b);
	return 0;
}
