/*
 * fluxstat-fleet: answer one of the fleet questions (fluxstat-fleet(1))
 * from the fleet store, as NDJSON rows or a table for people.
 *
 * Each question is one SQL file per store dialect, share/fleet/sqlite/Q.sql
 * and share/fleet/clickhouse/Q.sql; this program only picks the period,
 * runs the file and writes its rows.  The rows of both stores go through
 * the same writer (numbers as the shortest text that reads back, strings
 * escaped alike), so the two dialects print the same bytes for the same
 * answers.  The k-anonymity merge is in the SQL, so no group under K ever
 * reaches this program.
 *
 * SQLite files are opened read-only and read in one transaction; the
 * parameters are bound (:from, :to, :k).  ClickHouse 18.16 has no query
 * parameters, so {from}, {to} and {k} are replaced in the text, by values
 * this program checked first (a day YYYY-MM-DD, a number): nothing from
 * the command line reaches the query unchecked.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sqlite3.h>

#include "fluxstat.h"

struct cell {
	char *name;
	int number;		/* 1: text is a JSON number; 0: a string */
	char *text;
};
struct row {
	struct cell *c;
	size_t n;
};

static const struct question {
	const char *name;
	const char *about;
} questions[] = {
	{ "installations", "installations with a report, per day of the period" },
	{ "versions", "installed versions of the active installations (snapshots)" },
	{ "setups", "licences, OS, CPUs, e-mail service, printer models (snapshots)" },
	{ "adoption", "features in use: settings, add-ons, preflight checks, web shop" },
	{ "usage", "usage counters summed over the period, per label" },
	{ "stability", "failed jobs per version and error, and the failure rate" },
	{ "sources", "installation-days with a failing source, per version" },
	{ "durations", "median of the daily 95th-percentile job duration, per version" },
};
#define NQ (sizeof questions / sizeof *questions)

static void usage(FILE *fp, int status) FS_NORETURN;
static int check_day(const char *s);
static void day_add(const char *day, int delta, char out[11]);
static void sqlite_run(const char *sql, const char *first);
static void ch_run(const char *sql, const char *first);
static void add_row(struct row *r);
static void print_rows(struct fs_buf *out);
static void print_table(struct fs_buf *out);
static void number_text(struct fs_buf *b, double d);
static void set_period(const char *newest);

static const char *db_arg, *from_arg, *to_arg;
static char from[11], to[11];
static long long k = 5;
static int want_table, want_list;
static struct row *rows;
static size_t nrows, caprows;

enum { O_FROM = 256, O_TO, O_TABLE, O_LIST };
static const struct option longopts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ "min-installations", required_argument, NULL, 'k' },
	{ "table", no_argument, NULL, O_TABLE },
	{ "list", no_argument, NULL, O_LIST },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int
main(int argc, char *argv[])
{
	struct fs_buf sql = FS_BUF_INIT, out = FS_BUF_INIT, name = FS_BUF_INIT;
	const char *dialect;
	char *path;
	size_t q;
	int c;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "d:k:hV", longopts, NULL)) != -1)
		switch (c) {
		case 'd': db_arg = optarg; break;
		case O_FROM: from_arg = optarg; break;
		case O_TO: to_arg = optarg; break;
		case 'k':
			if (fs_parse_ll(optarg, 1, 1000000, &k,
			    "--min-installations") != 0)
				return EX_USAGE;
			break;
		case O_TABLE: want_table = 1; break;
		case O_LIST: want_list = 1; break;
		case 'h': usage(stdout, 0);
		case 'V': fs_print_version(); return fs_close_stdout();
		default: usage(stderr, EX_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (want_list) {
		for (q = 0; q < NQ; q++)
			printf("%-14s %s\n", questions[q].name, questions[q].about);
		return fs_close_stdout();
	}
	if (argc != 1 || db_arg == NULL)
		usage(stderr, EX_USAGE);
	for (q = 0; q < NQ; q++)
		if (strcmp(argv[0], questions[q].name) == 0)
			break;
	if (q == NQ)
		fs_die(EX_USAGE, "%s: no such question (--list names them)",
		    argv[0]);
	if ((from_arg && check_day(from_arg) != 0) ||
	    (to_arg && check_day(to_arg) != 0))
		fs_die(EX_USAGE, "--from and --to are days, YYYY-MM-DD");

	dialect = strncmp(db_arg, "clickhouse://", 13) == 0 ? "clickhouse" :
	    "sqlite";
	fs_buf_printf(&name, "fleet/%s/%s.sql", dialect, questions[q].name);
	path = fs_share_path(name.p);
	if (fs_read_file(path, &sql) != 0)
		return EX_CONFIG;
	if (strcmp(dialect, "clickhouse") == 0) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		ch_run(sql.p, path);
	} else
		sqlite_run(sql.p, path);
	if (want_table)
		print_table(&out);
	else
		print_rows(&out);
	if (fwrite(out.p, 1, out.len, stdout) != out.len)
		fs_die(EX_IOERR, "write error on standard output: %s",
		    strerror(errno));
	free(path);
	fs_buf_free(&sql);
	fs_buf_free(&out);
	fs_buf_free(&name);
	return fs_close_stdout();
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s --db DB [--from DAY] [--to DAY] [--min-installations K]\n"
	    "       [--table] QUESTION\n"
	    "       %s --list\n"
	    "Answer a question about the fleet from the fleet store, as NDJSON.\n"
	    "  -d, --db DB          a SQLite file, or clickhouse://HOST:PORT/NAME\n"
	    "  --from, --to DAY     the report days, inclusive (default: the last\n"
	    "                       28 days the store holds)\n"
	    "  -k, --min-installations K\n"
	    "                       a group resting on fewer than K installations\n"
	    "                       is shown only inside \"other\" (default 5)\n"
	    "  --table              aligned columns for a terminal\n"
	    "  --list               the questions, one line each\n"
	    "  -h, --help, -V, --version\n"
	    "Exit: 0, 64 usage, 65 bad data in the store, 66 no store, 69 store\n"
	    "unreachable, 74 I/O error, 78 a SQL file is missing.\n",
	    fs_progname, fs_progname);
	exit(fp == stdout ? fs_close_stdout() : status);
}

static int
check_day(const char *s)
{
	struct tm tm;
	char back[11];
	const char *e;

	memset(&tm, 0, sizeof tm);
	if (strlen(s) != 10 || (e = strptime(s, "%Y-%m-%d", &tm)) == NULL ||
	    *e != '\0')
		return -1;
	/* 2026-02-30 parses; it must also print back the same */
	tm.tm_isdst = 0;
	{
		time_t t = timegm(&tm);

		gmtime_r(&t, &tm);
	}
	strftime(back, sizeof back, "%Y-%m-%d", &tm);
	return strcmp(back, s) == 0 ? 0 : -1;
}

static void
day_add(const char *day, int delta, char out[11])
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	strptime(day, "%Y-%m-%d", &tm);
	t = timegm(&tm) + (time_t)delta * 86400;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* the period: given, or the last 28 days up to the newest day stored */
static void
set_period(const char *newest)
{
	if (to_arg != NULL)
		snprintf(to, sizeof to, "%s", to_arg);
	else if (newest != NULL && check_day(newest) == 0)
		snprintf(to, sizeof to, "%s", newest);
	else {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(to, sizeof to, "%Y-%m-%d", &tm);
	}
	if (from_arg != NULL)
		snprintf(from, sizeof from, "%s", from_arg);
	else
		day_add(to, -27, from);
	if (strcmp(from, to) > 0)
		fs_die(EX_USAGE, "--from %s is after --to %s", from, to);
}

static void
die_sqlite(sqlite3 *db, const char *what)
{
	fs_die(EX_DATAERR, "%s: %s: %s", db_arg, what, sqlite3_errmsg(db));
}

static void
sqlite_run(const char *sql, const char *file)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	const char *tail;
	int rc, i, n;

	if (access(db_arg, R_OK) != 0)
		fs_die(EX_NOINPUT, "%s: %s", db_arg, strerror(errno));
	if (sqlite3_open_v2(db_arg, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		fs_die(EX_NOINPUT, "%s: %s", db_arg, sqlite3_errmsg(db));
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		die_sqlite(db, "BEGIN");
	if (sqlite3_prepare_v2(db, "SELECT max(day) FROM fleet_reports", -1,
	    &st, NULL) != SQLITE_OK)
		die_sqlite(db, "not a fleet store");
	if (sqlite3_step(st) == SQLITE_ROW)
		set_period((const char *)sqlite3_column_text(st, 0));
	else
		set_period(NULL);
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK)
		fs_die(EX_CONFIG, "%s: %s", file, sqlite3_errmsg(db));
	if ((i = sqlite3_bind_parameter_index(st, ":from")) > 0)
		sqlite3_bind_text(st, i, from, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":to")) > 0)
		sqlite3_bind_text(st, i, to, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":k")) > 0)
		sqlite3_bind_int64(st, i, k);
	n = sqlite3_column_count(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct row r;
		struct fs_buf b = FS_BUF_INIT;

		r.n = (size_t)n;
		r.c = fs_xcalloc((size_t)n, sizeof *r.c);
		for (i = 0; i < n; i++) {
			r.c[i].name = fs_xstrdup(sqlite3_column_name(st, i));
			fs_buf_reset(&b);
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_INTEGER:
				fs_buf_printf(&b, "%lld",
				    (long long)sqlite3_column_int64(st, i));
				r.c[i].number = 1;
				break;
			case SQLITE_FLOAT:
				number_text(&b, sqlite3_column_double(st, i));
				r.c[i].number = 1;
				break;
			case SQLITE_NULL:
				fs_buf_adds(&b, "null");
				r.c[i].number = 1;
				break;
			default:
				fs_buf_adds(&b,
				    (const char *)sqlite3_column_text(st, i));
				break;
			}
			r.c[i].text = fs_xstrdup(b.p ? b.p : "");
		}
		fs_buf_free(&b);
		add_row(&r);
	}
	if (rc != SQLITE_DONE)
		die_sqlite(db, file);
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
}

/* an integer as itself, else the shortest text that reads back */
static void
number_text(struct fs_buf *b, double d)
{
	if (d == (double)(long long)d && d > -9e15 && d < 9e15)
		fs_buf_printf(b, "%lld", (long long)d);
	else if (fs_json_double(b, d) != 0)
		fs_buf_adds(b, "null");
}

static size_t
collect(char *p, size_t size, size_t n, void *arg)
{
	fs_buf_add(arg, p, size * n);
	return size * n;
}

/* clickhouse://HOST:PORT/NAME: one query over HTTP, JSONEachRow back */
static void
ch_query(const char *query, struct fs_buf *ans)
{
	struct fs_buf url = FS_BUF_INIT;
	char errbuf[CURL_ERROR_SIZE] = "", *slash, *hostport, *dbname;
	long code = 0;
	CURL *curl;
	CURLcode rc;

	hostport = fs_xstrdup(db_arg + 13);
	if ((slash = strchr(hostport, '/')) == NULL || slash[1] == '\0' ||
	    strspn(slash + 1, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != strlen(slash + 1))
		fs_die(EX_USAGE, "--db: clickhouse://HOST:PORT/NAME, NAME of "
		    "letters, digits and _");
	*slash = '\0';
	dbname = slash + 1;
	/* the questions' conditions on day and metric must reach the tables
	 * under the views: 18.16 pushes them down only when asked to (5x
	 * faster on a year of a fleet) */
	fs_buf_printf(&url, "http://%s/?database=%s&default_format=JSONEachRow"
	    "&output_format_json_quote_64bit_integers=0"
	    "&enable_optimize_predicate_expression=1", hostport, dbname);
	if ((curl = curl_easy_init()) == NULL)
		fs_die(EX_SOFTWARE, "cannot start libcurl");
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_URL, url.p);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, query);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, ans);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 600L);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "fluxstat/" PACKAGE_VERSION);
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK)
		fs_die(EX_UNAVAILABLE, "%s: %s", hostport,
		    errbuf[0] ? errbuf : curl_easy_strerror(rc));
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	if (code != 200) {
		/* ClickHouse's own message: about the query, no data in it */
		size_t n = ans->len < 300 ? ans->len : 300;

		fs_die(EX_DATAERR, "%s: HTTP %ld: %.*s", hostport, code, (int)n,
		    ans->p ? ans->p : "");
	}
	curl_easy_cleanup(curl);
	fs_buf_free(&url);
	free(hostport);
}

static void
ch_run(const char *sql, const char *file)
{
	struct fs_buf ans = FS_BUF_INIT, q = FS_BUF_INIT, kb = FS_BUF_INIT;
	struct fs_jspan root, key, val, v;
	struct fs_jiter it;
	struct fs_jerr err;
	const char *p, *e, *nl;
	long line = 0;

	ch_query("SELECT toString(max(day)) AS d FROM fleet_reports", &ans);
	if (ans.p != NULL && fs_json_parse(ans.p, ans.len, &root, &err) == 0 &&
	    fs_json_get(root, "d", &v) && v.type == FS_J_STRING) {
		struct fs_buf d = FS_BUF_INIT;

		fs_json_unescape(v, &d);
		set_period(d.p);
		fs_buf_free(&d);
	} else
		fs_die(EX_DATAERR, "%s: not a fleet store", db_arg);

	/* the query with {from}, {to} and {k} filled in (checked values) */
	fs_buf_printf(&kb, "%lld", k);
	for (p = sql; *p; ) {
		if (strncmp(p, "{from}", 6) == 0) {
			fs_buf_printf(&q, "'%s'", from);
			p += 6;
		} else if (strncmp(p, "{to}", 4) == 0) {
			fs_buf_printf(&q, "'%s'", to);
			p += 4;
		} else if (strncmp(p, "{k}", 3) == 0) {
			fs_buf_adds(&q, kb.p);
			p += 3;
		} else
			fs_buf_addc(&q, *p++);
	}
	/* a trailing ";" is a syntax error over HTTP in 18.16 */
	while (q.len > 0 && strchr(" \t\n;", q.p[q.len - 1]) != NULL)
		q.p[--q.len] = '\0';
	fs_buf_reset(&ans);
	ch_query(q.p, &ans);

	for (p = ans.p, e = ans.p + ans.len; p != NULL && p < e; p = nl + 1) {
		struct row r = { NULL, 0 };
		size_t cap = 0;

		line++;
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		if (nl == p)
			continue;
		if (fs_json_parse(p, (size_t)(nl - p), &root, &err) != 0 ||
		    root.type != FS_J_OBJECT)
			fs_die(EX_DATAERR, "%s: answer line %ld: not a JSON object",
			    file, line);
		fs_json_iter(root, &it);
		while (fs_json_next(&it, &key, &val)) {
			struct fs_buf b = FS_BUF_INIT;
			struct cell *c;

			if (r.n == cap) {
				cap = cap ? cap * 2 : 8;
				r.c = fs_xrealloc(r.c, cap * sizeof *r.c);
			}
			c = &r.c[r.n++];
			fs_json_unescape(key, &b);
			c->name = fs_xstrdup(b.p ? b.p : "");
			fs_buf_reset(&b);
			c->number = val.type != FS_J_STRING;
			if (val.type == FS_J_STRING)
				fs_json_unescape(val, &b);
			else if (val.type == FS_J_NUMBER) {
				int64_t i;

				if (fs_json_get_i64(val, &i) == 0)
					fs_buf_printf(&b, "%lld", (long long)i);
				else
					number_text(&b, fs_json_get_double(val));
			} else
				fs_buf_adds(&b, "null");
			c->text = fs_xstrdup(b.p ? b.p : "");
			fs_buf_free(&b);
		}
		add_row(&r);
	}
	fs_buf_free(&ans);
	fs_buf_free(&q);
	fs_buf_free(&kb);
}

static void
add_row(struct row *r)
{
	if (nrows == caprows) {
		caprows = caprows ? caprows * 2 : 64;
		rows = fs_xrealloc(rows, caprows * sizeof *rows);
	}
	rows[nrows++] = *r;
}

static void
print_rows(struct fs_buf *out)
{
	size_t i, j;

	for (i = 0; i < nrows; i++) {
		fs_buf_addc(out, '{');
		for (j = 0; j < rows[i].n; j++) {
			const struct cell *c = &rows[i].c[j];

			if (j > 0)
				fs_buf_addc(out, ',');
			fs_json_strz(out, c->name);
			fs_buf_addc(out, ':');
			if (c->number)
				fs_buf_adds(out, c->text);
			else
				fs_json_strz(out, c->text);
		}
		fs_buf_adds(out, "}\n");
	}
}

/* columns as wide as their widest cell; numbers to the right */
static void
print_table(struct fs_buf *out)
{
	size_t i, j, ncol, *w;

	if (nrows == 0) {
		fs_buf_printf(out, "(no rows for %s .. %s)\n", from, to);
		return;
	}
	ncol = rows[0].n;
	w = fs_xcalloc(ncol, sizeof *w);
	for (j = 0; j < ncol; j++)
		w[j] = strlen(rows[0].c[j].name);
	for (i = 0; i < nrows; i++)
		for (j = 0; j < ncol && j < rows[i].n; j++)
			if (strlen(rows[i].c[j].text) > w[j])
				w[j] = strlen(rows[i].c[j].text);
	for (j = 0; j < ncol; j++)
		if (rows[0].c[j].number)
			fs_buf_printf(out, "%s%*s", j ? "  " : "", (int)w[j],
			    rows[0].c[j].name);
		else
			fs_buf_printf(out, "%s%-*s", j ? "  " : "",
			    j + 1 < ncol ? (int)w[j] : 0, rows[0].c[j].name);
	fs_buf_addc(out, '\n');
	for (i = 0; i < nrows; i++) {
		for (j = 0; j < ncol && j < rows[i].n; j++) {
			const struct cell *c = &rows[i].c[j];

			if (c->number)
				fs_buf_printf(out, "%s%*s", j ? "  " : "",
				    (int)w[j], c->text);
			else
				fs_buf_printf(out, "%s%-*s", j ? "  " : "",
				    j + 1 < ncol ? (int)w[j] : 0, c->text);
		}
		fs_buf_addc(out, '\n');
	}
	free(w);
}
