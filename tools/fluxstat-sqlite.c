/*
 * fluxstat-sqlite: run the statements of a SQL file read-only against a
 * SQLite database and write one metric record per result row.
 *
 * The database belongs to a running server (WAL mode, written meanwhile),
 * so it is opened read-only without immutable=1, waits a bounded time for
 * locks, and reads every statement inside one read transaction: the
 * numbers of one report come from one consistent snapshot.  Rows are few
 * (they are aggregates), so the records are kept in memory and written
 * only after the transaction ended well: a failure leaves stdout empty.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fluxstat.h"

struct param {
	const char *name;
	const char *value;
	int used;
};

struct stmt {
	sqlite3_stmt *st;
	long line;		/* line of its first token in the SQL file */
	int metric_col;
	int value_col;
};

static const char *sqlfile;	/* the path after fs_share_path */
static const char *dbfile;
static struct param *params;
static size_t nparams;
static long long timeout_ms = 5000;

static struct stmt *stmts;
static size_t nstmts;

static void usage(FILE *fp);
static void add_param(const char *arg);
static long skip_to_token(const char **p, const char *end, long line);
static int sqlite_status(int rc);
static void die_db(sqlite3 *db, int rc, long line, const char *what);
static void prepare_all(sqlite3 *db, const char *sql, size_t len);
static void bind_params(sqlite3_stmt *st, long line);
static void run_all(sqlite3 *db, struct fs_buf *out);
static void confine(const char *db);
static void row_record(sqlite3_stmt *st, const struct stmt *s,
    struct fs_buf *out);

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s -f QUERIES.sql [-p NAME=VALUE]... [-t MS] DATABASE\n"
	    "  -f, --file FILE      SQL statements (found in the share folder\n"
	    "                       when FILE does not exist as given)\n"
	    "  -p, --param N=V      bind V (text) to :N in the statements\n"
	    "  -t, --timeout MS     wait at most MS milliseconds for a lock\n"
	    "                       (default 5000)\n"
	    "      --help           this text\n"
	    "      --version        the version\n"
	    "Each result row becomes a record: column metric, column value,\n"
	    "every other non-NULL column a label.\n", fs_progname);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "param", required_argument, NULL, 'p' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct fs_buf out = FS_BUF_INIT;
	const char *fopt = NULL;
	sqlite3 *db = NULL;
	struct fs_buf sqltext = FS_BUF_INIT;
	char *sql;
	size_t len;
	int c, rc;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "f:p:t:", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': fopt = optarg; break;
		case 'p': add_param(optarg); break;
		case 't':
			if (fs_parse_ll(optarg, 0, 3600000, &timeout_ms,
			    "--timeout") != 0)
				exit(EX_USAGE);
			break;
		case 'h': usage(stdout); exit(fs_close_stdout());
		case 'V': fs_print_version(); exit(fs_close_stdout());
		default: usage(stderr); exit(EX_USAGE);
		}
	}
	if (fopt == NULL || argc - optind != 1) {
		usage(stderr);
		exit(EX_USAGE);
	}
	dbfile = argv[optind];
	if (strncmp(dbfile, "file:", 5) == 0 && strstr(dbfile, "immutable") != NULL)
		fs_die(EX_USAGE, "%s: immutable=1 is refused: the server writes "
		    "this database while it is read", dbfile);
	sqlfile = fs_share_path(fopt);
	if (fs_read_file(sqlfile, &sqltext) != 0)
		exit(errno == ENOENT ? EX_NOINPUT : EX_IOERR);
	sql = sqltext.p;
	len = sqltext.len;

	/* URIs are the caller's business; a plain path must exist, since
	 * "missing" is a state of its own for the pipelines */
	if (strncmp(dbfile, "file:", 5) != 0 && access(dbfile, F_OK) != 0)
		fs_die_at(EX_NOINPUT, dbfile, 0, "no such database");
	rc = sqlite3_open_v2(dbfile, &db,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	if (rc != SQLITE_OK)
		die_db(db, rc, 0, "cannot open");
	sqlite3_busy_timeout(db, (int)timeout_ms);
	/* the file is data, not code: its views and triggers may not call
	 * functions with side effects, nor may anything reach the schema */
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	/* sorting spills to memory, never to a temporary file (which the
	 * confinement would refuse) */
	sqlite3_exec(db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);

	prepare_all(db, sql, len);
	confine(dbfile);
	run_all(db, &out);

	if (out.len > 0)
		fwrite(out.p, 1, out.len, stdout);
	fs_buf_free(&out);
	free(sql);
	return fs_close_stdout();
}

static void
add_param(const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t i, n;

	if (eq == NULL || eq == arg)
		fs_die(EX_USAGE, "-p %s: expected NAME=VALUE", arg);
	n = (size_t)(eq - arg);
	for (i = 0; i < n; i++)
		if (!(arg[i] == '_' || (arg[i] >= 'a' && arg[i] <= 'z') ||
		    (arg[i] >= 'A' && arg[i] <= 'Z') ||
		    (i > 0 && arg[i] >= '0' && arg[i] <= '9')))
			fs_die(EX_USAGE, "-p %s: a name is letters, digits "
			    "and '_'", arg);
	params = fs_xrealloc(params, (nparams + 1) * sizeof(*params));
	params[nparams].name = fs_xstrndup(arg, n);
	params[nparams].value = eq + 1;
	params[nparams].used = 0;
	nparams++;
}

/*
 * Advance *p over blanks and comments to the first token of the next
 * statement, counting lines, so that messages can point at the line a
 * statement starts on rather than at the comment above it.
 */
static long
skip_to_token(const char **p, const char *end, long line)
{
	const char *s = *p;

	while (s < end) {
		if (*s == '\n') {
			line++;
			s++;
		} else if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f') {
			s++;
		} else if (s + 1 < end && s[0] == '-' && s[1] == '-') {
			while (s < end && *s != '\n')
				s++;
		} else if (s + 1 < end && s[0] == '/' && s[1] == '*') {
			for (s += 2; s < end && !(s[0] == '*' && s + 1 < end &&
			    s[1] == '/'); s++)
				if (*s == '\n')
					line++;
			s = s < end ? s + 2 : end;
		} else {
			break;
		}
	}
	*p = s;
	return line;
}

static int
sqlite_status(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return EX_TEMPFAIL;
	case SQLITE_NOMEM:
		return EX_OSERR;
	case SQLITE_IOERR:
		return EX_IOERR;
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return EX_NOPERM;
	case SQLITE_CANTOPEN:
		return access(dbfile, R_OK) != 0 && errno == EACCES ?
		    EX_NOPERM : EX_NOINPUT;
	default:		/* NOTADB, CORRUPT, ERROR (bad SQL), ... */
		return EX_DATAERR;
	}
}

/* line > 0 names a statement of the SQL file, else the database itself */
static void
die_db(sqlite3 *db, int rc, long line, const char *what)
{
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	int status = sqlite_status(rc), ext = db ? sqlite3_extended_errcode(db) : rc;

	/*
	 * A hot journal (the server was killed in the middle of a write)
	 * or a WAL that needs recovery: only a writer may repair it, which
	 * a read-only connection is not, so SQLite says "attempt to write a
	 * readonly database".  The server repairs it when it next opens the
	 * database: for us, try again later.
	 */
	if (ext == SQLITE_READONLY_ROLLBACK || ext == SQLITE_READONLY_RECOVERY ||
	    ext == SQLITE_READONLY_CANTINIT) {
		fs_warn_at(dbfile, 0, "%s: the database has an unfinished "
		    "write (a hot %s left by a server that stopped in the "
		    "middle of one), which only its server may repair; try "
		    "again later", what, ext == SQLITE_READONLY_ROLLBACK ?
		    "journal" : "write-ahead log");
		sqlite3_close_v2(db);
		exit(EX_TEMPFAIL);
	}
	if (line > 0)
		fs_warn_at(sqlfile, line, "%s: %s: %s", dbfile, what, msg);
	else
		fs_warn_at(dbfile, 0, "%s: %s", what, msg);
	/* the transaction, if any, ends with the connection */
	sqlite3_close_v2(db);
	exit(status);
}

/*
 * Compile every statement before running any, so that a statement that
 * would write, a parameter nobody gave or a missing column is refused
 * before the database is read.
 */
static void
prepare_all(sqlite3 *db, const char *sql, size_t len)
{
	const char *p = sql, *end = sql + len, *tail;
	sqlite3_stmt *st;
	long line = 1;
	int rc, i, ncol;
	size_t k;

	for (;;) {
		line = skip_to_token(&p, end, line);
		if (p >= end)
			break;
		rc = sqlite3_prepare_v2(db, p, (int)(end - p), &st, &tail);
		if (rc != SQLITE_OK)
			die_db(db, rc, line, "cannot prepare statement");
		if (st == NULL) {	/* only a stray ';' */
			p = tail;
			continue;
		}
		if (!sqlite3_stmt_readonly(st))
			fs_die_at(EX_DATAERR, sqlfile, line,
			    "statement would write: refused");
		ncol = sqlite3_column_count(st);
		if (ncol == 0)
			fs_die_at(EX_DATAERR, sqlfile, line, "statement returns "
			    "no rows (transactions, ATTACH and the like are "
			    "refused)");
		stmts = fs_xrealloc(stmts, (nstmts + 1) * sizeof(*stmts));
		stmts[nstmts].st = st;
		stmts[nstmts].line = line;
		stmts[nstmts].metric_col = -1;
		stmts[nstmts].value_col = -1;
		for (i = 0; i < ncol; i++) {
			const char *name = sqlite3_column_name(st, i);

			if (strcmp(name, "metric") == 0)
				stmts[nstmts].metric_col = i;
			else if (strcmp(name, "value") == 0)
				stmts[nstmts].value_col = i;
		}
		if (stmts[nstmts].metric_col < 0 || stmts[nstmts].value_col < 0)
			fs_die_at(EX_DATAERR, sqlfile, line,
			    "statement needs columns named metric and value");
		bind_params(st, line);
		nstmts++;
		for (; p < tail; p++)
			if (*p == '\n')
				line++;
	}
	for (k = 0; k < nparams; k++)
		if (!params[k].used)
			fs_warnx("-p %s: not used by %s", params[k].name,
			    sqlfile);
}

static void
bind_params(sqlite3_stmt *st, long line)
{
	int i, n = sqlite3_bind_parameter_count(st);
	const char *name;
	size_t k;

	for (i = 1; i <= n; i++) {
		name = sqlite3_bind_parameter_name(st, i);
		if (name == NULL)
			fs_die_at(EX_DATAERR, sqlfile, line, "parameter %d has "
			    "no name: use :NAME", i);
		for (k = 0; k < nparams; k++)
			if (strcmp(params[k].name, name + 1) == 0)
				break;
		if (k == nparams)
			fs_die_at(EX_USAGE, sqlfile, line, "parameter %s is not "
			    "given (-p %s=VALUE)", name, name + 1);
		params[k].used = 1;
		if (sqlite3_bind_text(st, i, params[k].value, -1,
		    SQLITE_STATIC) != SQLITE_OK)
			fs_die_at(EX_SOFTWARE, sqlfile, line, "cannot bind %s",
			    name);
	}
}

static void
run_all(sqlite3 *db, struct fs_buf *out)
{
	size_t k;
	int rc;

	/* BEGIN alone takes no snapshot; the first read does, and it then
	 * holds for every statement until COMMIT */
	if ((rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
		die_db(db, rc, 0, "cannot begin a read transaction");
	for (k = 0; k < nstmts; k++) {
		while ((rc = sqlite3_step(stmts[k].st)) == SQLITE_ROW)
			row_record(stmts[k].st, &stmts[k], out);
		if (rc != SQLITE_DONE)
			die_db(db, rc, stmts[k].line, "statement failed");
		sqlite3_finalize(stmts[k].st);
	}
	if ((rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
		die_db(db, rc, 0, "cannot end the read transaction");
	free(stmts);
	if ((rc = sqlite3_close(db)) != SQLITE_OK)
		die_db(db, rc, 0, "cannot close");
}

/*
 * A NULL value writes no record: that is how a statement says "no such
 * value" (an empty quantile) without a row filter of its own.
 */
static void
row_record(sqlite3_stmt *st, const struct stmt *s, struct fs_buf *out)
{
	struct fs_record r;
	int i, ncol = sqlite3_column_count(st);
	const char *metric;

	memset(&r, 0, sizeof(r));
	if (sqlite3_column_type(st, s->value_col) == SQLITE_NULL)
		return;
	metric = (const char *)sqlite3_column_text(st, s->metric_col);
	if (metric == NULL || *metric == '\0')
		fs_die_at(EX_DATAERR, sqlfile, s->line, "a row without metric");
	r.metric = fs_xstrdup(metric);
	switch (sqlite3_column_type(st, s->value_col)) {
	case SQLITE_INTEGER:
		r.vtype = FS_V_INT;
		r.i = sqlite3_column_int64(st, s->value_col);
		break;
	case SQLITE_FLOAT:
		r.vtype = FS_V_DOUBLE;
		r.d = sqlite3_column_double(st, s->value_col);
		break;
	case SQLITE_TEXT:
		r.vtype = FS_V_STRING;
		r.s = fs_xstrdup((const char *)sqlite3_column_text(st,
		    s->value_col));
		break;
	default:
		fs_die_at(EX_DATAERR, sqlfile, s->line, "%s: value is a blob",
		    r.metric);
	}
	for (i = 0; i < ncol; i++) {
		if (i == s->metric_col || i == s->value_col ||
		    sqlite3_column_type(st, i) == SQLITE_NULL)
			continue;
		if (sqlite3_column_type(st, i) == SQLITE_BLOB)
			fs_die_at(EX_DATAERR, sqlfile, s->line, "%s: label %s "
			    "is a blob", r.metric, sqlite3_column_name(st, i));
		fs_record_add_label(&r, sqlite3_column_name(st, i),
		    (const char *)sqlite3_column_text(st, i));
	}
	fs_record_sort_labels(&r);
	fs_record_write(out, &r);
	fs_buf_addc(out, '\n');
	fs_record_free(&r);
}

/*
 * The statements are prepared, so the schema was read and the -wal and
 * -shm files of a WAL database are open.  From here on the database and
 * its companion files are all that can be opened.
 */
static void
confine(const char *db)
{
	struct fs_confine conf = { NULL, NULL, 0, 0 };
	const char *read[5];
	char *path = NULL, *q;
	size_t k, n = 0;
	static const char *const ext[] = { "-wal", "-shm", "-journal" };

	if (strncmp(db, "file:", 5) == 0) {
		/* file:PATH?query, file:///PATH: the path part only */
		db += 5;
		if (strncmp(db, "///", 3) == 0)
			db += 2;
		path = fs_xstrdup(db);
		if ((q = strchr(path, '?')) != NULL)
			*q = '\0';
		db = path;
	}
	read[n++] = db;
	for (k = 0; k < 3; k++) {
		char *p = fs_xmalloc(strlen(db) + 10);

		strcpy(p, db);
		strcat(p, ext[k]);
		read[n++] = p;
	}
	read[n] = NULL;
	conf.read = read;
	if (fs_confine(&conf) != 0)
		exit(EX_SOFTWARE);
	for (k = 1; k < n; k++)
		free((char *)read[k]);
	free(path);
}
