/*
 * fluxstat-load: fleet rows (from fluxstat-ingest) into the fleet store,
 * SQLite or ClickHouse.  Each report replaces what its installation-day
 * held before, whole or not at all, so loading twice never counts twice.
 */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fluxstat.h"

/* a report row: the installation-day and what it says about itself */
struct report {
	struct fs_buf id, day, agent_version, trigger, generated_at,
	    period_from, period_to;
	long long records;	/* metric rows announced */
	long long got;		/* metric rows read so far */
};

/* a metric row, decoded; label_key and label "" when none */
struct row {
	struct fs_buf metric, label_key, label, str;
	int is_str, is_int;
	int64_t i;
	double d;
};

/* a store: begin a report (replacing its day), add its rows, then end it
 * (ok: keep it; else: as if it had never begun) */
struct store {
	int (*begin)(const struct report *);
	int (*row)(const struct report *, const struct row *);
	int (*end)(int ok);
	int (*close)(void);
};

static void	usage(FILE *, int) FS_NORETURN;
static int	load(const char *);
static int	parse_report(struct fs_jspan *, struct report *);
static int	parse_row(struct fs_jspan *, const struct report *, struct row *);
static int	sqlite_open(const char *);
static int	ch_open(const char *);
static void	str_of(struct fs_jspan, struct fs_buf *);
static char	*schema_text(const char *);

static const char *db_arg;
static long long batch = 2000;
static int quiet;
static const struct store *store;
static unsigned long long nreports, nrows;

static const struct option longopts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "batch", required_argument, NULL, 'b' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int
main(int argc, char *argv[])
{
	int c, rc = 0, s;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "d:b:qhV", longopts, NULL)) != -1)
		switch (c) {
		case 'd': db_arg = optarg; break;
		case 'b':
			if (fs_parse_ll(optarg, 1, 1000000, &batch, "--batch") != 0)
				usage(stderr, EX_USAGE);
			break;
		case 'q': quiet = 1; break;
		case 'h': usage(stdout, 0);
		case 'V': fs_print_version(); return fs_close_stdout();
		default: usage(stderr, EX_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (db_arg == NULL) {
		fs_warnx("--db is required");
		usage(stderr, EX_USAGE);
	}
	if (strncmp(db_arg, "clickhouse://", 13) == 0)
		s = ch_open(db_arg + 13);
	else
		s = sqlite_open(db_arg);
	if (s != 0)
		return s;
	if (argc == 0)
		rc = load("-");
	for (; argc > 0 && rc == 0; argc--, argv++)
		rc = load(*argv);
	if ((s = store->close()) != 0 && (rc == 0 || rc == EX_DATAERR))
		rc = s;
	if (!quiet)
		fs_warnx("%llu reports loaded (%llu rows)%s", nreports, nrows,
		    rc == 0 ? "" : "; stopped at an error");
	if ((s = fs_close_stdout()) != 0)
		return s;
	return rc;
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s --db DB [-q] [--batch N] [file ...]\n"
	    "Load fleet rows (the output of fluxstat-ingest) into the fleet store.\n"
	    "Each report replaces what its installation and day held before.\n"
	    "  --db DB       a SQLite file (made, with its schema, when absent) or\n"
	    "                clickhouse://HOST:PORT/NAME (ClickHouse over HTTP)\n"
	    "  --batch N     reports per transaction or insert (default 2000)\n"
	    "  -q, --quiet   no summary on standard error\n"
	    "  -h, --help    this help\n"
	    "  -V, --version the version\n"
	    "Exit: 0, 64 usage, 65 a bad or incomplete row (the reports before it\n"
	    "are loaded, the one it belongs to is not), 66 a file is missing,\n"
	    "69 the store cannot be reached, 74 I/O error, 78 bad schema file.\n",
	    fs_progname);
	exit(fp == stdout ? fs_close_stdout() : status);
}

/*
 * A report row announces how many metric rows follow; the report is kept
 * only when exactly that many arrived, so a pipe cut short (an ingest that
 * died) never leaves half a day in the store.
 */
static int
load(const char *path)
{
	static const struct fs_jkey keys[] = {
		{ "installation_id", 15 }, { "day", 3 }, { "records", 7 },
		{ "metric", 6 }, { "labels", 6 }, { "value", 5 },
		{ "agent_version", 13 }, { "trigger", 7 }, { "generated_at", 12 },
		{ "period_from", 11 }, { "period_to", 9 },
	};
	static struct report r;
	static struct row w;
	struct fs_lines l;
	struct fs_jspan root, vals[11];
	struct fs_jerr jerr;
	char *line;
	ssize_t n;
	int open_report = 0, rc = 0;

	if (fs_lines_open(&l, path) != 0)
		return EX_NOINPUT;
	while ((n = fs_lines_next(&l, &line)) >= 0) {
		if (fs_json_parse_keys(line, (size_t)n, &root, keys, 11, vals,
		    &jerr) != 0 || root.type != FS_J_OBJECT) {
			fs_warn_at(l.name, l.lineno, "not a fleet row");
			rc = EX_DATAERR;
			break;
		}
		if (vals[2].type != FS_J_NONE) {
			if (open_report) {
				fs_warn_at(l.name, l.lineno, "a report begins "
				    "before the previous one has all its rows");
				rc = EX_DATAERR;
				break;
			}
			if (parse_report(vals, &r) != 0) {
				fs_warn_at(l.name, l.lineno, "not a report row");
				rc = EX_DATAERR;
				break;
			}
			if ((rc = store->begin(&r)) != 0)
				break;
			open_report = 1;
		} else {
			if (!open_report || parse_row(vals, &r, &w) != 0) {
				fs_warn_at(l.name, l.lineno, open_report ?
				    "not a metric row of this report" :
				    "a metric row outside a report");
				rc = EX_DATAERR;
				break;
			}
			if ((rc = store->row(&r, &w)) != 0)
				break;
			r.got++;
			nrows++;
		}
		if (open_report && r.got == r.records) {
			if ((rc = store->end(1)) != 0)
				break;
			open_report = 0;
			nreports++;
		}
	}
	if (n == -2 && rc == 0)
		rc = EX_IOERR;
	if (open_report) {
		if (rc == 0) {
			fs_warn_at(l.name, 0, "the input ends inside a report "
			    "(%lld of %lld rows): that report is not loaded",
			    r.got, r.records);
			rc = EX_DATAERR;
		}
		nrows -= (unsigned long long)r.got;
		store->end(0);
	}
	fs_lines_close(&l);
	return rc;
}

/* a string span decoded; the common case (no escapes) copied straight */
static void
str_of(struct fs_jspan s, struct fs_buf *b)
{
	fs_buf_reset(b);
	if (memchr(s.p, '\\', s.n) == NULL)
		fs_buf_add(b, s.p + 1, s.n - 2);
	else
		fs_json_unescape(s, b);
	if (b->p == NULL)
		fs_buf_adds(b, "");
}

static int
day_ok(const struct fs_buf *b)
{
	size_t i;

	if (b->len != 10 || b->p[4] != '-' || b->p[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (b->p[i] < '0' || b->p[i] > '9'))
			return 0;
	return 1;
}

static int
parse_report(struct fs_jspan *v, struct report *r)
{
	int64_t n;
	int k;

	for (k = 0; k < 11; k++) {
		if (k == 2)
			continue;
		if (k >= 3 && k <= 5) {
			if (v[k].type != FS_J_NONE)
				return -1;
			continue;
		}
		if (v[k].type != FS_J_STRING)
			return -1;
	}
	if (v[2].type != FS_J_NUMBER || fs_json_get_i64(v[2], &n) != 0 ||
	    n < 0 || n > 10000000)
		return -1;
	str_of(v[0], &r->id);
	str_of(v[1], &r->day);
	str_of(v[6], &r->agent_version);
	str_of(v[7], &r->trigger);
	str_of(v[8], &r->generated_at);
	str_of(v[9], &r->period_from);
	str_of(v[10], &r->period_to);
	if (!day_ok(&r->day) || r->id.len == 0)
		return -1;
	r->records = n;
	r->got = 0;
	return 0;
}

static int
parse_row(struct fs_jspan *v, const struct report *r, struct row *w)
{
	struct fs_jiter it;
	struct fs_jspan k, x;
	int nl = 0;

	if (v[0].type != FS_J_STRING || v[1].type != FS_J_STRING ||
	    v[3].type != FS_J_STRING || r->got >= r->records)
		return -1;
	/* the row belongs to the report it follows */
	if (v[0].n - 2 != r->id.len || memcmp(v[0].p + 1, r->id.p, r->id.len) != 0 ||
	    v[1].n - 2 != r->day.len || memcmp(v[1].p + 1, r->day.p, r->day.len) != 0)
		return -1;
	str_of(v[3], &w->metric);
	fs_buf_reset(&w->label_key);
	fs_buf_reset(&w->label);
	fs_buf_adds(&w->label_key, "");
	fs_buf_adds(&w->label, "");
	if (v[4].type != FS_J_NONE) {
		if (v[4].type != FS_J_OBJECT)
			return -1;
		fs_json_iter(v[4], &it);
		while (fs_json_next(&it, &k, &x)) {
			if (++nl > 1 || x.type != FS_J_STRING)
				return -1;	/* the store holds one label */
			str_of(k, &w->label_key);
			str_of(x, &w->label);
		}
	}
	w->is_str = w->is_int = 0;
	if (v[5].type == FS_J_STRING) {
		w->is_str = 1;
		str_of(v[5], &w->str);
	} else if (v[5].type == FS_J_NUMBER) {
		if (fs_json_get_i64(v[5], &w->i) == 0) {
			w->is_int = 1;
			w->d = (double)w->i;
		} else
			w->d = fs_json_get_double(v[5]);
	} else
		return -1;
	return 0;
}

/* the schema file of a store, from the share folder */
static char *
schema_text(const char *name)
{
	struct fs_buf b = FS_BUF_INIT;
	char *path = fs_share_path(name);

	if (fs_read_file(path, &b) != 0) {
		free(path);
		exit(EX_CONFIG);
	}
	free(path);
	return b.p;
}

/* --- SQLite ----------------------------------------------------------- */

static sqlite3 *db;
static sqlite3_stmt *q_find, *q_del_rows, *q_del_report, *q_add_report, *q_add_row;
static sqlite3_int64 cur_id;
static long long in_tx;		/* reports in the open transaction */

static int
sq_fail(const char *what)
{
	fs_warn_at(db_arg, 0, "%s: %s", what, sqlite3_errmsg(db));
	return sqlite3_errcode(db) == SQLITE_FULL ||
	    sqlite3_errcode(db) == SQLITE_IOERR ? EX_IOERR : EX_UNAVAILABLE;
}

static int
sq_exec(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fs_warn_at(db_arg, 0, "%s", msg != NULL ? msg : "failed");
		sqlite3_free(msg);
		return EX_UNAVAILABLE;
	}
	return 0;
}

static int
sq_step(sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sq_fail(what);
	return 0;
}

static void
bind_buf(sqlite3_stmt *q, int k, const struct fs_buf *b)
{
	sqlite3_bind_text(q, k, b->p, (int)b->len, SQLITE_STATIC);
}

/*
 * Many reports share one transaction (a commit per report would make the
 * disk the limit); each report still sits inside a savepoint, so one that
 * breaks off is undone alone and the day keeps what it held.
 */
static int	sq_replace(const struct report *);

static int
sq_begin(const struct report *r)
{
	int rc;

	if (in_tx == 0 && (rc = sq_exec("BEGIN IMMEDIATE")) != 0)
		return rc;
	if ((rc = sq_exec("SAVEPOINT report")) != 0)
		return rc;
	/* a failure half way must not leave the old day half deleted */
	if ((rc = sq_replace(r)) != 0)
		(void)sq_exec("ROLLBACK TO report; RELEASE report");
	return rc;
}

/* delete the day's old version, add the new report row */
static int
sq_replace(const struct report *r)
{
	sqlite3_int64 old = -1;
	int rc;

	bind_buf(q_find, 1, &r->id);
	bind_buf(q_find, 2, &r->day);
	if ((rc = sqlite3_step(q_find)) == SQLITE_ROW)
		old = sqlite3_column_int64(q_find, 0);
	sqlite3_reset(q_find);
	sqlite3_clear_bindings(q_find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail("finding the day");
	if (old >= 0) {
		sqlite3_bind_int64(q_del_rows, 1, old);
		if ((rc = sq_step(q_del_rows, "replacing the day")) != 0)
			return rc;
		sqlite3_bind_int64(q_del_report, 1, old);
		if ((rc = sq_step(q_del_report, "replacing the day")) != 0)
			return rc;
	}
	bind_buf(q_add_report, 1, &r->id);
	bind_buf(q_add_report, 2, &r->day);
	bind_buf(q_add_report, 3, &r->agent_version);
	bind_buf(q_add_report, 4, &r->trigger);
	bind_buf(q_add_report, 5, &r->generated_at);
	bind_buf(q_add_report, 6, &r->period_from);
	bind_buf(q_add_report, 7, &r->period_to);
	sqlite3_bind_int64(q_add_report, 8, r->records);
	if ((rc = sq_step(q_add_report, "adding the report")) != 0)
		return rc;
	cur_id = sqlite3_last_insert_rowid(db);
	return 0;
}

static int
sq_row(const struct report *r, const struct row *w)
{
	int rc;

	(void)r;
	sqlite3_bind_int64(q_add_row, 1, cur_id);
	bind_buf(q_add_row, 2, &w->metric);
	bind_buf(q_add_row, 3, &w->label_key);
	bind_buf(q_add_row, 4, &w->label);
	if (w->is_str) {
		sqlite3_bind_null(q_add_row, 5);
		bind_buf(q_add_row, 6, &w->str);
	} else {
		if (w->is_int)
			sqlite3_bind_int64(q_add_row, 5, w->i);
		else
			sqlite3_bind_double(q_add_row, 5, w->d);
		sqlite3_bind_null(q_add_row, 6);
	}
	rc = sqlite3_step(q_add_row);
	sqlite3_reset(q_add_row);
	if (rc == SQLITE_CONSTRAINT) {
		fs_warn_at(db_arg, 0, "%s: the same metric and label twice in "
		    "one report", w->metric.p);
		return EX_DATAERR;
	}
	if (rc != SQLITE_DONE)
		return sq_fail("adding a row");
	return 0;
}

static int
sq_end(int ok)
{
	int rc;

	if (!ok)
		return sq_exec("ROLLBACK TO report; RELEASE report");
	if ((rc = sq_exec("RELEASE report")) != 0)
		return rc;
	if (++in_tx >= batch) {
		in_tx = 0;
		return sq_exec("COMMIT");
	}
	return 0;
}

static int
sq_close(void)
{
	int rc = 0;

	if (sqlite3_get_autocommit(db) == 0)
		rc = sq_exec("COMMIT");
	sqlite3_finalize(q_find);
	sqlite3_finalize(q_del_rows);
	sqlite3_finalize(q_del_report);
	sqlite3_finalize(q_add_report);
	sqlite3_finalize(q_add_row);
	if (sqlite3_close(db) != SQLITE_OK && rc == 0)
		rc = sq_fail("closing");
	return rc;
}

static const struct store sqlite_store = { sq_begin, sq_row, sq_end, sq_close };

static int
prep(const char *sql, sqlite3_stmt **q)
{
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, q,
	    NULL) != SQLITE_OK)
		return sq_fail("preparing a statement");
	return 0;
}

static int
sqlite_open(const char *path)
{
	char *schema;
	int rc;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		fs_warn_at(path, 0, "%s", db != NULL ? sqlite3_errmsg(db) :
		    "cannot open");
		return EX_CANTCREAT;
	}
	sqlite3_busy_timeout(db, 60000);
	/* WAL: the questions read while a load writes; NORMAL: a crash may
	 * lose the last transactions, never corrupt (they are reloaded
	 * from the received tree) */
	if ((rc = sq_exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	    " PRAGMA cache_size = -32768;")) != 0)
		return rc;
	schema = schema_text("fleet/schema-sqlite.sql");
	rc = sq_exec(schema);
	free(schema);
	if (rc != 0)
		return EX_CONFIG;
	if ((rc = prep("SELECT id FROM loaded_report WHERE installation_id = ?1 "
	    "AND day = ?2", &q_find)) != 0 ||
	    (rc = prep("DELETE FROM loaded_metric WHERE report = ?1",
	    &q_del_rows)) != 0 ||
	    (rc = prep("DELETE FROM loaded_report WHERE id = ?1",
	    &q_del_report)) != 0 ||
	    (rc = prep("INSERT INTO loaded_report (installation_id, day, "
	    "agent_version, trigger, generated_at, period_from, period_to, "
	    "records) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	    &q_add_report)) != 0 ||
	    (rc = prep("INSERT INTO loaded_metric (report, metric, label_key, "
	    "label, num, str) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &q_add_row)) != 0)
		return rc;
	store = &sqlite_store;
	return 0;
}

/* --- ClickHouse ------------------------------------------------------- */

/*
 * Rows go as TabSeparated in large inserts: the metric rows of a batch of
 * reports first, then those reports' rows, which are the commit (see
 * share/fleet/schema-clickhouse.sql).  A batch is held in memory, so its
 * size bounds the memory, not the number of rows loaded.
 */
static CURL *curl;
static char *ch_base;			/* http://HOST:PORT/ */
static char *ch_db;
static struct fs_buf ch_metrics = FS_BUF_INIT, ch_reports = FS_BUF_INIT;
static struct fs_buf ch_answer = FS_BUF_INIT;
static size_t ch_mark;			/* ch_metrics.len when the report began */
static uint64_t ch_version;
static long long ch_batched;
static const size_t ch_max_bytes = 64 << 20;

static size_t
ch_collect(char *p, size_t size, size_t n, void *arg)
{
	fs_buf_add(arg, p, size * n);
	return size * n;
}

/* one statement with an optional body; the answer in ch_answer */
static int
ch_post(const char *query, const char *body, size_t n)
{
	struct fs_buf url = FS_BUF_INIT;
	char *esc;
	long code = 0;
	CURLcode cr;

	esc = curl_easy_escape(curl, query, 0);
	fs_buf_printf(&url, "%s?database=%s&query=%s", ch_base, ch_db, esc);
	curl_free(esc);
	fs_buf_reset(&ch_answer);
	curl_easy_setopt(curl, CURLOPT_URL, url.p);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body != NULL ? body : "");
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
	cr = curl_easy_perform(curl);
	fs_buf_free(&url);
	if (cr != CURLE_OK) {
		fs_warn_at(db_arg, 0, "%s", curl_easy_strerror(cr));
		return EX_UNAVAILABLE;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	if (code != 200) {
		size_t len = ch_answer.len > 300 ? 300 : ch_answer.len;

		while (len > 0 && ch_answer.p[len - 1] == '\n')
			len--;
		fs_warn_at(db_arg, 0, "HTTP %ld: %.*s", code, (int)len,
		    ch_answer.p != NULL ? ch_answer.p : "");
		return code >= 500 ? EX_UNAVAILABLE : EX_DATAERR;
	}
	return 0;
}

/* TabSeparated escaping */
static void
tsv(struct fs_buf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *e = NULL;

		switch (s[i]) {
		case '\\': e = "\\\\"; break;
		case '\t': e = "\\t"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\0': e = "\\0"; break;
		default: continue;
		}
		fs_buf_add(b, s + run, i - run);
		fs_buf_adds(b, e);
		run = i + 1;
	}
	fs_buf_add(b, s + run, n - run);
}

static void
tsv_buf(struct fs_buf *b, const struct fs_buf *s, int last)
{
	tsv(b, s->p, s->len);
	fs_buf_addc(b, last ? '\n' : '\t');
}

static int
ch_flush(void)
{
	int rc;

	if (ch_reports.len == 0)
		return 0;
	if ((rc = ch_post("INSERT INTO loaded_metric (installation_id, day, "
	    "version, metric, label_key, label, num, str) FORMAT TabSeparated",
	    ch_metrics.p, ch_mark)) != 0)
		return rc;
	if ((rc = ch_post("INSERT INTO loaded_report (installation_id, day, "
	    "version, agent_version, trigger, generated_at, period_from, "
	    "period_to, records) FORMAT TabSeparated", ch_reports.p,
	    ch_reports.len)) != 0)
		return rc;
	/* keep what an open report has added since (nothing, at a boundary) */
	memmove(ch_metrics.p, ch_metrics.p + ch_mark, ch_metrics.len - ch_mark);
	ch_metrics.len -= ch_mark;
	ch_mark = 0;
	fs_buf_reset(&ch_reports);
	ch_batched = 0;
	return 0;
}

static int
ch_begin(const struct report *r)
{
	ch_mark = ch_metrics.len;
	ch_version++;
	tsv_buf(&ch_reports, &r->id, 0);
	tsv_buf(&ch_reports, &r->day, 0);
	fs_buf_printf(&ch_reports, "%llu\t", (unsigned long long)ch_version);
	tsv_buf(&ch_reports, &r->agent_version, 0);
	tsv_buf(&ch_reports, &r->trigger, 0);
	tsv_buf(&ch_reports, &r->generated_at, 0);
	tsv_buf(&ch_reports, &r->period_from, 0);
	tsv_buf(&ch_reports, &r->period_to, 0);
	fs_buf_printf(&ch_reports, "%lld\n", r->records);
	return 0;
}

static char ch_prefix[128];
static size_t ch_prefix_len;

static int
ch_row(const struct report *r, const struct row *w)
{
	if (r->got == 0) {
		struct fs_buf p = FS_BUF_INIT;

		tsv_buf(&p, &r->id, 0);
		tsv_buf(&p, &r->day, 0);
		fs_buf_printf(&p, "%llu\t", (unsigned long long)ch_version);
		ch_prefix_len = p.len < sizeof ch_prefix ? p.len : 0;
		memcpy(ch_prefix, p.p, ch_prefix_len);
		fs_buf_free(&p);
	}
	if (ch_prefix_len > 0)
		fs_buf_add(&ch_metrics, ch_prefix, ch_prefix_len);
	else {
		tsv_buf(&ch_metrics, &r->id, 0);
		tsv_buf(&ch_metrics, &r->day, 0);
		fs_buf_printf(&ch_metrics, "%llu\t", (unsigned long long)ch_version);
	}
	tsv_buf(&ch_metrics, &w->metric, 0);
	tsv_buf(&ch_metrics, &w->label_key, 0);
	tsv_buf(&ch_metrics, &w->label, 0);
	if (w->is_str) {
		fs_buf_adds(&ch_metrics, "\\N\t");
		tsv_buf(&ch_metrics, &w->str, 1);
	} else {
		if (w->is_int)
			fs_buf_printf(&ch_metrics, "%lld", (long long)w->i);
		else if (fs_json_double(&ch_metrics, w->d) != 0)
			return EX_DATAERR;
		fs_buf_adds(&ch_metrics, "\t\\N\n");
	}
	return 0;
}

static int
ch_end(int ok)
{
	if (!ok) {
		/* the report row was the last one added: take it back */
		char *nl;

		ch_metrics.len = ch_mark;
		if (ch_reports.len > 0) {
			ch_reports.p[ch_reports.len - 1] = '\0';
			nl = strrchr(ch_reports.p, '\n');
			ch_reports.len = nl != NULL ? (size_t)(nl - ch_reports.p) + 1 : 0;
		}
		return ch_flush();
	}
	ch_mark = ch_metrics.len;
	if (++ch_batched >= batch * 10 || ch_metrics.len >= ch_max_bytes)
		return ch_flush();
	return 0;
}

static int
ch_close(void)
{
	int rc = ch_flush();

	curl_easy_cleanup(curl);
	curl_global_cleanup();
	free(ch_base);
	free(ch_db);
	fs_buf_free(&ch_metrics);
	fs_buf_free(&ch_reports);
	fs_buf_free(&ch_answer);
	return rc;
}

static const struct store ch_store = { ch_begin, ch_row, ch_end, ch_close };

/* clickhouse://HOST:PORT/NAME: the database NAME is made, and the schema
 * run in it, when absent */
static int
ch_open(const char *rest)
{
	const char *slash = strchr(rest, '/'), *q;
	char *schema, *stmt, *next;
	struct timespec now;
	uint64_t maxv = 0;
	int rc;

	if (slash == NULL || slash == rest || slash[1] == '\0') {
		fs_warnx("--db: clickhouse://HOST:PORT/NAME");
		return EX_USAGE;
	}
	for (q = slash + 1; *q != '\0'; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		    (*q >= '0' && *q <= '9') || *q == '_')) {
			fs_warnx("--db: the database name is letters, digits and _");
			return EX_USAGE;
		}
	if (asprintf(&ch_base, "http://%.*s/", (int)(slash - rest), rest) < 0)
		fs_die(EX_OSERR, "out of memory");
	ch_db = fs_xstrdup(slash + 1);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((curl = curl_easy_init()) == NULL)
		fs_die(EX_SOFTWARE, "cannot start libcurl");
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, ch_collect);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &ch_answer);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 600L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	store = &ch_store;

	/* the database first, named in the query (it is not there yet) */
	{
		char *db0 = ch_db, *sql;

		ch_db = fs_xstrdup("default");
		if (asprintf(&sql, "CREATE DATABASE IF NOT EXISTS %s", db0) < 0)
			fs_die(EX_OSERR, "out of memory");
		rc = ch_post(sql, NULL, 0);
		free(sql);
		free(ch_db);
		ch_db = db0;
		if (rc != 0)
			return rc;
	}
	schema = schema_text("fleet/schema-clickhouse.sql");
	for (stmt = schema; stmt != NULL && *stmt != '\0'; stmt = next) {
		char *p, *line;
		int has_sql = 0;

		if ((next = strstr(stmt, ";\n")) != NULL) {
			*next = '\0';
			next += 2;
		}
		/* comments out, so that a piece holding only them is skipped */
		for (line = stmt; line != NULL && *line != '\0'; ) {
			char *eol = strchr(line, '\n');

			if ((p = strstr(line, "--")) != NULL &&
			    (eol == NULL || p < eol))
				memset(p, ' ', (size_t)((eol != NULL ? eol :
				    line + strlen(line)) - p));
			for (p = line; p < (eol != NULL ? eol : line + strlen(line)); p++)
				if (*p != ' ' && *p != '\t' && *p != ';')
					has_sql = 1;
			line = eol != NULL ? eol + 1 : NULL;
		}
		if (has_sql && (rc = ch_post(stmt, NULL, 0)) != 0) {
			free(schema);
			return rc == EX_DATAERR ? EX_CONFIG : rc;
		}
	}
	free(schema);
	/* versions only grow, also when the clock steps back */
	if ((rc = ch_post("SELECT max(version) FROM loaded_report FORMAT "
	    "TabSeparated", NULL, 0)) != 0)
		return rc;
	if (ch_answer.p != NULL)
		maxv = strtoull(ch_answer.p, NULL, 10);
	clock_gettime(CLOCK_REALTIME, &now);
	ch_version = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
	if (ch_version <= maxv)
		ch_version = maxv + 1;
	return 0;
}
