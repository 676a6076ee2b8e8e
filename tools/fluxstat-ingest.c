/*
 * fluxstat-ingest: the receiving side's gate.  Checks every received
 * report whole (gzip, JSON, envelope, its place in the tree, every record
 * against the catalogue) and turns the ones that pass into fleet rows for
 * fluxstat-load; a report that fails goes to the quarantine folder, whole,
 * with a note naming the rule.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fluxstat.h"

/* the rules a report is rejected by; the names are the .why files' words */
enum rule {
	Q_OK, Q_GZIP, Q_TOO_LARGE, Q_JSON, Q_SCHEMA, Q_ENVELOPE, Q_FILE_NAME,
	Q_INSTALLATION_ID, Q_DAY, Q_RECORD, Q_NOT_CATALOGUED, Q_WRONG_TYPE,
	Q_MISSING_LABEL, Q_UNDECLARED_LABEL, Q_LABEL_VALUE, Q_INFO_VALUE,
	Q_PII, Q_DUPLICATE, Q_CATALOGUE, Q_N
};
static const char *const rule_names[Q_N] = {
	"ok", "gzip", "too_large", "json", "schema", "envelope", "file_name",
	"installation_id", "day", "record", "not_catalogued", "wrong_type",
	"missing_label", "undeclared_label", "label_value", "info_value",
	"pii", "duplicate", "catalogue",
};

struct verdict {
	enum rule rule;
	const char *name;	/* Q_CATALOGUE: the library's name of the rule */
	char msg[160];
};

static void	usage(FILE *, int) FS_NORETURN;
static int	walk(const char *, int);
static int	ingest(const char *, const char *);
static enum rule check(const char *, const char *, const char *, struct verdict *);
static enum rule check_envelope(struct fs_jspan, struct fs_jspan *,
		    const char *, const char *, struct verdict *);
static enum rule check_records(struct fs_jspan, struct verdict *);
static enum rule why(struct verdict *, enum rule, const char *, ...) FS_PRINTF(3, 4);
static int	quarantine(const char *, const char *, const char *,
		    const struct verdict *);
static void	unquarantine(const char *, const char *);
static int	copy_file(const char *, const char *, const char *);
static int	is_uuid(const char *, size_t);
static int	is_day(const char *, size_t);
static int	place(const char *, const char **, size_t *, const char **);
static void	flush_out(int);
static void	summary(void);

static const char *quarantine_dir;
static const char *catalog_path;
static size_t max_bytes = 1024 * 1024;
static struct timespec newer;
static int have_newer, quiet;

static struct fs_catalog *cat;
static struct fs_vocab *triggers;
static struct fs_buf doc = FS_BUF_INIT;	/* the report, inflated */
static struct fs_buf rows = FS_BUF_INIT;	/* its fleet rows, until accepted */
static struct fs_buf out = FS_BUF_INIT;	/* accepted rows, until written */
static struct fs_buf tmp = FS_BUF_INIT;
static struct fs_buf canon = FS_BUF_INIT;	/* a record, canonical */
static struct fs_map *seen;		/* this report's metric + labels */
static struct fs_map *passed;		/* info records that passed: metric */
#define PASSED_MAX 100000		/* a bound on the memory that takes */
static size_t nrecords;
static unsigned long long naccepted, nrejected, nrows, by_rule[Q_N];
static int io_status;

/* the envelope of the report being checked, for its row */
static struct fs_buf env_id = FS_BUF_INIT, env_day = FS_BUF_INIT;
static struct fs_buf head = FS_BUF_INIT;	/* the report row */
static struct fs_jspan env_trigger;

enum { O_NEWER = 256 };
static const struct option longopts[] = {
	{ "quarantine", required_argument, NULL, 'Q' },
	{ "max-bytes", required_argument, NULL, 'm' },
	{ "newer", required_argument, NULL, O_NEWER },
	{ "catalog", required_argument, NULL, 'c' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int
main(int argc, char *argv[])
{
	struct fs_confine conf = { NULL, NULL, 0, 0 };
	const char *wdirs[2] = { NULL, NULL };
	struct stat st;
	long long n;
	char *path;
	int c, rc = 0, s;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "Q:m:c:qhV", longopts, NULL)) != -1)
		switch (c) {
		case 'Q': quarantine_dir = optarg; break;
		case 'm':
			if (fs_parse_ll(optarg, 1024, 1LL << 30, &n,
			    "--max-bytes") != 0)
				usage(stderr, EX_USAGE);
			max_bytes = (size_t)n;
			break;
		case O_NEWER:
			if (stat(optarg, &st) == 0) {
				newer = st.st_mtim;
				have_newer = 1;
			} else if (errno != ENOENT)
				fs_die(EX_NOINPUT, "%s: %s", optarg, strerror(errno));
			break;
		case 'c': catalog_path = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': usage(stdout, 0);
		case 'V': fs_print_version(); return fs_close_stdout();
		default: usage(stderr, EX_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage(stderr, EX_USAGE);

	if ((cat = fs_catalog_load(catalog_path)) == NULL)
		return EX_CONFIG;
	if (asprintf(&path, "%s/vocab/triggers.txt", cat->dir) < 0)
		fs_die(EX_OSERR, "out of memory");
	if ((triggers = fs_vocab_load(path)) == NULL)
		return EX_CONFIG;
	free(path);
	if (quarantine_dir != NULL && mkdir(quarantine_dir, 0700) != 0 &&
	    errno != EEXIST)
		fs_die(EX_CANTCREAT, "%s: %s", quarantine_dir, strerror(errno));
	/* the reports are untrusted input: from here on only the PATHs can
	 * be read and only the quarantine written */
	wdirs[0] = quarantine_dir;
	conf.read = (const char *const *)argv;
	conf.write = wdirs;
	if (fs_confine(&conf) != 0)
		return EX_OSERR;

	for (; argc > 0; argc--, argv++)
		if ((s = walk(*argv, 1)) != 0 && rc == 0)
			rc = s;
	flush_out(1);
	if (!quiet)
		summary();
	if (rc == 0 && io_status != 0)
		rc = io_status;
	if (rc == 0 && nrejected > 0)
		rc = EX_DATAERR;
	fs_map_free(passed, NULL);
	fs_catalog_free(cat);
	fs_vocab_free(triggers);
	fs_buf_free(&doc);
	fs_buf_free(&rows);
	fs_buf_free(&out);
	fs_buf_free(&tmp);
	fs_buf_free(&canon);
	fs_buf_free(&env_id);
	fs_buf_free(&env_day);
	fs_buf_free(&head);
	if ((s = fs_close_stdout()) != 0)
		return s;
	return rc;
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-q] [--quarantine DIR] [--max-bytes N] [--newer FILE]\n"
	    "       [-c catalog] PATH...\n"
	    "Check received reports strictly and write their fleet rows (NDJSON)\n"
	    "for fluxstat-load.  PATH is a report file or a folder (a received\n"
	    "tree: installations/<id>/reports/<day>.json.gz), searched for\n"
	    "*.json.gz.  A report that fails any check is rejected whole.\n"
	    "  --quarantine DIR  copy each rejected report there, with a .why note\n"
	    "  --max-bytes N     refuse a report larger than N bytes inflated\n"
	    "                    (default 1048576; inflating stops at the limit)\n"
	    "  --newer FILE      only reports that changed after FILE was modified\n"
	    "  -c, --catalog FILE  the catalogue (default: catalog.json in the share folder)\n"
	    "  -q, --quiet       no summary on standard error\n"
	    "  -h, --help        this help\n"
	    "  -V, --version     the version\n"
	    "Exit: 0 every report accepted, 65 some rejected (the others written),\n"
	    "66 a PATH is missing, 73 the quarantine cannot be written, 74 I/O error,\n"
	    "78 bad catalogue.\n",
	    fs_progname);
	exit(fp == stdout ? fs_close_stdout() : status);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/*
 * A folder is searched in name order, so the rows come out in the same
 * order every time; hidden names (an uploader's temporary files) and
 * symbolic links are passed over.
 */
static int
walk(const char *path, int top)
{
	struct dirent **ents;
	struct stat st;
	char *sub;
	int i, n, rc = 0, s;

	if ((top ? stat(path, &st) : lstat(path, &st)) != 0) {
		fs_warn_at(path, 0, "%s", strerror(errno));
		return top ? EX_NOINPUT : EX_IOERR;
	}
	if (S_ISREG(st.st_mode)) {
		if (!top && !ends_with(path, ".json.gz"))
			return 0;
		if (have_newer && (st.st_ctim.tv_sec < newer.tv_sec ||
		    (st.st_ctim.tv_sec == newer.tv_sec &&
		    st.st_ctim.tv_nsec <= newer.tv_nsec)))
			return 0;
		return ingest(path, top ? path : NULL);
	}
	if (!S_ISDIR(st.st_mode)) {
		if (top) {
			fs_warn_at(path, 0, "not a file or folder");
			return EX_NOINPUT;
		}
		return 0;
	}
	if ((n = scandir(path, &ents, NULL, alphasort)) < 0) {
		fs_warn_at(path, 0, "%s", strerror(errno));
		return EX_IOERR;
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			if (asprintf(&sub, "%s/%s", path, ents[i]->d_name) < 0)
				fs_die(EX_OSERR, "out of memory");
			if ((s = walk(sub, 0)) != 0 && rc == 0)
				rc = s;
			free(sub);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

/*
 * Where the file sits says what it must hold: its name is <day>.json.gz,
 * and in a received tree (.../installations/<id>/reports/<name>) the
 * folder names the installation.  *id is NULL outside such a tree.
 */
static int
place(const char *path, const char **id, size_t *idlen, const char **name)
{
	const char *end = path + strlen(path), *p, *seg[4];
	size_t len[4];
	int k;

	*id = NULL;
	*idlen = 0;
	p = end;
	for (k = 0; k < 4; k++) {
		const char *e = p;

		while (p > path && p[-1] != '/')
			p--;
		seg[k] = p;
		len[k] = (size_t)(e - p);
		if (p == path) {
			k++;
			break;
		}
		p--;
	}
	*name = seg[0];
	if (k == 4 && len[1] == 7 && memcmp(seg[1], "reports", 7) == 0 &&
	    len[3] == 13 && memcmp(seg[3], "installations", 13) == 0) {
		*id = seg[2];
		*idlen = len[2];
	}
	return 0;
}

static enum rule
why(struct verdict *v, enum rule r, const char *fmt, ...)
{
	va_list ap;

	v->rule = r;
	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof v->msg, fmt, ap);
	va_end(ap);
	return r;
}

static int
ingest(const char *path, const char *arg)
{
	struct verdict v;
	const char *id, *name;
	size_t idlen;
	char *idz = NULL;

	(void)arg;
	place(path, &id, &idlen, &name);
	if (id != NULL)
		idz = fs_xstrndup(id, idlen);
	fs_buf_reset(&rows);
	v.rule = Q_OK;
	v.name = NULL;
	v.msg[0] = '\0';
	if (check(path, idz, name, &v) == Q_OK) {
		naccepted++;
		fs_buf_add(&out, head.p, head.len);
		fs_buf_add(&out, rows.p, rows.len);
		flush_out(0);
		if (quarantine_dir != NULL)
			unquarantine(idz, name);
	} else {
		nrejected++;
		by_rule[v.rule]++;
		fs_warn_at(path, 0, "rejected: %s: %s", v.name != NULL ? v.name :
		    rule_names[v.rule], v.msg);
		if (quarantine_dir != NULL &&
		    quarantine(path, idz, name, &v) != 0 && io_status == 0)
			io_status = EX_CANTCREAT;
	}
	free(idz);
	return 0;
}

static enum rule
check(const char *path, const char *id, const char *name, struct verdict *v)
{
	static const struct fs_jkey keys[] = {
		{ "schema", 6 }, { "installation_id", 15 }, { "agent", 5 },
		{ "trigger", 7 }, { "period", 6 }, { "generated_at", 12 },
		{ "metrics", 7 },
	};
	struct fs_jspan root, vals[7];
	struct fs_jerr jerr;
	struct fs_gzerr gerr;
	size_t nlen = strlen(name);
	int st;

	if (nlen != 18 || !ends_with(name, ".json.gz") || !is_day(name, 10))
		return why(v, Q_FILE_NAME, "the file name is not YYYY-MM-DD.json.gz");
	fs_buf_reset(&doc);
	if ((st = fs_gunzip_check(path, max_bytes, &doc, &gerr)) != 0) {
		if (st == EX_NOINPUT || st == EX_IOERR) {
			io_status = EX_IOERR;
			return why(v, Q_GZIP, "cannot read: %s", gerr.msg);
		}
		return why(v, gerr.toobig ? Q_TOO_LARGE : Q_GZIP, "%s", gerr.msg);
	}
	if (fs_json_parse_keys(doc.p, doc.len, &root, keys, 7, vals, &jerr) != 0)
		return why(v, Q_JSON, "byte %zu: %s", jerr.off + 1, jerr.msg);
	if (root.type != FS_J_OBJECT)
		return why(v, Q_JSON, "not a JSON object");
	if (vals[0].type != FS_J_STRING ||
	    !fs_json_streq(vals[0], "fluxstat.report/1"))
		return why(v, Q_SCHEMA, "\"schema\" is not \"fluxstat.report/1\"");
	if (check_envelope(root, vals, id, name, v) != Q_OK)
		return v->rule;
	return check_records(vals[6], v);
}

static int
is_uuid(const char *s, size_t n)
{
	size_t i;

	if (n != 36)
		return 0;
	for (i = 0; i < 36; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* YYYY-MM-DD of a day that exists */
static int
is_day(const char *s, size_t n)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	size_t i;

	if (n < 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0';
	m = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	if (y < 2000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

/* a short printable ASCII word (versions, instants) */
static int
plain(struct fs_jspan s, size_t max)
{
	size_t i;

	if (s.type != FS_J_STRING || s.n < 3 || s.n - 2 > max)
		return 0;
	for (i = 1; i < s.n - 1; i++)
		if (!((s.p[i] >= '0' && s.p[i] <= '9') ||
		    (s.p[i] >= 'a' && s.p[i] <= 'z') ||
		    (s.p[i] >= 'A' && s.p[i] <= 'Z') || s.p[i] == '.' ||
		    s.p[i] == '-' || s.p[i] == '+' || s.p[i] == '~' ||
		    s.p[i] == ':' || s.p[i] == '_'))
			return 0;
	return 1;
}

/*
 * The envelope is exactly what fluxstat-report writes: these keys and no
 * others, each once; the period one local day, the day of the file name.
 */
static enum rule
check_envelope(struct fs_jspan root, struct fs_jspan *vals, const char *id,
    const char *name, struct verdict *v)
{
	static const char *const known[] = { "schema", "installation_id",
	    "agent", "trigger", "period", "generated_at", "metrics" };
	struct fs_jspan k, x, agent = vals[2], period = vals[4], from, to, nm, ver;
	struct fs_jiter it;
	int64_t fms, tms, gms;
	unsigned seen_keys = 0;
	size_t i;

	/* every member known, and once (vals[] holds the first of each) */
	fs_json_iter(root, &it);
	while (fs_json_next(&it, &k, &x)) {
		for (i = 0; i < 7 && !fs_json_streq(k, known[i]); i++)
			;
		if (i == 7)
			return why(v, Q_ENVELOPE, "a member the report format "
			    "does not have");
		if (seen_keys & (1u << i))
			return why(v, Q_ENVELOPE, "a member appears twice");
		seen_keys |= 1u << i;
	}
	if (seen_keys != 0x7f)
		return why(v, Q_ENVELOPE, "a member of the report is missing");

	if (vals[1].type != FS_J_STRING || !is_uuid(vals[1].p + 1, vals[1].n - 2))
		return why(v, Q_ENVELOPE, "\"installation_id\" is not a UUID");
	if (id != NULL && (strlen(id) != 36 ||
	    memcmp(id, vals[1].p + 1, 36) != 0))
		return why(v, Q_INSTALLATION_ID, "\"installation_id\" differs "
		    "from the installation folder it was received in");
	if (agent.type != FS_J_OBJECT || !fs_json_get(agent, "name", &nm) ||
	    !fs_json_streq(nm, "fluxstat") || !fs_json_get(agent, "version", &ver) ||
	    !plain(ver, 32))
		return why(v, Q_ENVELOPE, "\"agent\" is not {\"name\":\"fluxstat\","
		    "\"version\":...}");
	if (vals[3].type != FS_J_STRING ||
	    !fs_vocab_has(triggers, vals[3].p + 1, vals[3].n - 2))
		return why(v, Q_ENVELOPE, "\"trigger\" is not midnight, startup or "
		    "manual");
	if (vals[5].type != FS_J_STRING || !plain(vals[5], 40) ||
	    fs_time_parse_iso(vals[5].p + 1, vals[5].n - 2, &gms) != 0)
		return why(v, Q_ENVELOPE, "\"generated_at\" is not an ISO-8601 "
		    "instant");
	if (period.type != FS_J_OBJECT || !fs_json_get(period, "from", &from) ||
	    !fs_json_get(period, "to", &to) || !plain(from, 40) || !plain(to, 40) ||
	    fs_time_parse_iso(from.p + 1, from.n - 2, &fms) != 0 ||
	    fs_time_parse_iso(to.p + 1, to.n - 2, &tms) != 0)
		return why(v, Q_ENVELOPE, "\"period\" is not {\"from\",\"to\"} of "
		    "ISO-8601 instants");
	/* a local day lasts 23, 24 or 25 hours */
	if (tms - fms < 23 * 3600000LL || tms - fms > 25 * 3600000LL)
		return why(v, Q_ENVELOPE, "\"period\" is not one day");
	if (!is_day(from.p + 1, from.n - 2) || memcmp(from.p + 1, name, 10) != 0)
		return why(v, Q_DAY, "the period's local day differs from the "
		    "day of the file name");
	if (vals[6].type != FS_J_ARRAY)
		return why(v, Q_ENVELOPE, "\"metrics\" is not an array");

	fs_buf_reset(&env_id);
	fs_buf_add(&env_id, vals[1].p + 1, 36);
	fs_buf_reset(&env_day);
	fs_buf_add(&env_day, name, 10);
	/* the report row, keys sorted; "records" and "trigger" follow once
	 * the records are counted */
	fs_buf_reset(&head);
	fs_buf_adds(&head, "{\"agent_version\":");
	fs_buf_add(&head, ver.p, ver.n);
	fs_buf_adds(&head, ",\"day\":\"");
	fs_buf_add(&head, name, 10);
	fs_buf_adds(&head, "\",\"generated_at\":");
	fs_buf_add(&head, vals[5].p, vals[5].n);
	fs_buf_adds(&head, ",\"installation_id\":");
	fs_buf_add(&head, vals[1].p, vals[1].n);
	fs_buf_adds(&head, ",\"period_from\":");
	fs_buf_add(&head, from.p, from.n);
	fs_buf_adds(&head, ",\"period_to\":");
	fs_buf_add(&head, to.p, to.n);
	env_trigger = vals[3];
	return Q_OK;
}

/* the scrubber mapped something to a fallback: was it a label?  (the
 * label as sent differs from the one left in the record) */
static int
label_mapped(struct fs_jspan rec, const struct fs_record *r)
{
	struct fs_jspan labels, v;
	size_t i;

	if (!fs_json_get(rec, "labels", &labels))
		return 0;
	for (i = 0; i < r->nlabels; i++)
		if (fs_json_get(labels, r->labels[i].key, &v) &&
		    !fs_json_streq(v, r->labels[i].val))
			return 1;
	return 0;
}

static void
free_nothing(void *p)
{
	(void)p;
}

static enum rule
check_records(struct fs_jspan metrics, struct verdict *v)
{
	struct fs_jiter it, kit;
	struct fs_jspan k, val, kk, kv;
	struct fs_record r;
	struct fs_jerr jerr;
	const struct fs_cat_metric *m;
	enum fs_scrub_rule sr;
	enum fs_pii pii;
	size_t removed, mapped, i;
	int created;
	enum rule rc = Q_OK;

	if (seen == NULL)
		seen = fs_map_new();
	if (passed == NULL)
		passed = fs_map_new();
	nrecords = 0;
	fs_json_iter(metrics, &it);
	while (rc == Q_OK && fs_json_next(&it, &k, &val)) {
		nrecords++;
		if (val.type != FS_J_OBJECT) {
			rc = why(v, Q_RECORD, "metric %zu is not an object", nrecords);
			break;
		}
		if (fs_record_from_span(val, &r, &jerr) != 0) {
			rc = why(v, Q_RECORD, "metric %zu: %s", nrecords, jerr.msg);
			break;
		}
		/* a record holds labels, metric and value, nothing else; the
		 * agent writes each in its canonical form, so the common case
		 * is settled by one comparison */
		fs_buf_reset(&canon);
		fs_record_write(&canon, &r);
		if (canon.len != val.n || memcmp(canon.p, val.p, val.n) != 0) {
			fs_json_iter(val, &kit);
			while (rc == Q_OK && fs_json_next(&kit, &kk, &kv))
				if (!fs_json_streq(kk, "labels") &&
				    !fs_json_streq(kk, "metric") &&
				    !fs_json_streq(kk, "value"))
					rc = why(v, Q_RECORD, "metric %zu has a key "
					    "other than labels, metric and value",
					    nrecords);
			if (rc != Q_OK) {
				fs_record_free(&r);
				break;
			}
		}
		removed = mapped = 0;
		/* an info record passes or fails on its text alone, and a
		 * fleet repeats the same few (versions, CPU and OS names) */
		if (r.vtype == FS_V_STRING &&
		    (m = fs_map_get(passed, canon.p, canon.len)) != NULL)
			sr = FS_SCRUB_OK;
		else {
			sr = fs_catalog_scrub(cat, &r, &m, &pii, &removed, &mapped);
			if (sr == FS_SCRUB_OK && removed == 0 && mapped == 0 &&
			    r.vtype == FS_V_STRING &&
			    fs_map_count(passed) < PASSED_MAX)
				*fs_map_slot(passed, canon.p, canon.len, NULL) =
				    (void *)m;
		}
		switch (sr) {
		case FS_SCRUB_OK:
			if (removed > 0)
				rc = why(v, Q_UNDECLARED_LABEL, "metric %zu (%s): "
				    "a label the catalogue does not declare",
				    nrecords, m->name);
			else if (mapped > 0 && label_mapped(val, &r))
				rc = why(v, Q_LABEL_VALUE, "metric %zu (%s): a "
				    "label value outside its vocabulary",
				    nrecords, m->name);
			else if (mapped > 0)
				rc = why(v, Q_INFO_VALUE, "metric %zu (%s): a "
				    "value outside its vocabulary", nrecords,
				    m->name);
			break;
		case FS_SCRUB_NOT_CATALOGUED:
			/* never the name: a made-up one could itself be personal */
			rc = why(v, Q_NOT_CATALOGUED, "metric %zu: not in the "
			    "catalogue", nrecords);
			break;
		case FS_SCRUB_WRONG_TYPE:
			rc = why(v, Q_WRONG_TYPE, "metric %zu (%s): the value "
			    "is not a %s", nrecords, m->name,
			    m->kind == FS_KIND_INFO ? "string" : "number");
			break;
		case FS_SCRUB_MISSING_LABEL:
			rc = why(v, removed > 0 ? Q_UNDECLARED_LABEL : Q_MISSING_LABEL,
			    "metric %zu (%s): %s", nrecords, m->name, removed > 0 ?
			    "a label the catalogue does not declare" :
			    "a label is missing");
			break;
		case FS_SCRUB_LABEL_VALUE:
			rc = why(v, Q_LABEL_VALUE, "metric %zu (%s): a label "
			    "value outside its vocabulary", nrecords, m->name);
			break;
		case FS_SCRUB_INFO_VALUE:
			rc = why(v, Q_INFO_VALUE, "metric %zu (%s): the value is "
			    "not one the catalogue allows", nrecords, m->name);
			break;
		case FS_SCRUB_PII:
			rc = why(v, Q_PII, "metric %zu (%s): the %s detector "
			    "fired", nrecords, m->name, fs_pii_name(pii));
			break;
		default:
			/* a rule the catalogue gained after this program was
			 * written: named as the library names it */
			rc = why(v, Q_CATALOGUE, "metric %zu (%s): the catalogue's "
			    "rule %s", nrecords, m != NULL ? m->name : "?",
			    fs_scrub_rule_name(sr));
			v->name = fs_scrub_rule_name(sr);
			break;
		}
		/* a label the catalogue maps to its fallback on the way out
		 * (removed/mapped) also counts: a correct agent never sends
		 * one, so the report is not what the agent writes */
		if (rc == Q_OK && r.nlabels > 1)
			rc = why(v, Q_RECORD, "metric %zu (%s): more than one "
			    "label", nrecords, m->name);
		if (rc == Q_OK) {
			fs_buf_reset(&tmp);
			fs_buf_adds(&tmp, r.metric);
			for (i = 0; i < r.nlabels; i++) {
				fs_buf_addc(&tmp, '\001');
				fs_buf_adds(&tmp, r.labels[i].key);
				fs_buf_addc(&tmp, '\002');
				fs_buf_adds(&tmp, r.labels[i].val);
			}
			fs_map_slot(seen, tmp.p, tmp.len, &created);
			if (!created)
				rc = why(v, Q_DUPLICATE, "metric %zu (%s): the same "
				    "metric and labels twice", nrecords, m->name);
		}
		if (rc == Q_OK) {
			fs_buf_adds(&rows, "{\"day\":\"");
			fs_buf_add(&rows, env_day.p, env_day.len);
			fs_buf_adds(&rows, "\",\"installation_id\":\"");
			fs_buf_add(&rows, env_id.p, env_id.len);
			fs_buf_adds(&rows, "\",");
			fs_buf_add(&rows, canon.p + 1, canon.len - 1);
			fs_buf_addc(&rows, '\n');
		}
		fs_record_free(&r);
	}
	fs_map_free(seen, free_nothing);
	seen = NULL;
	if (rc != Q_OK)
		return rc;
	nrows += nrecords;
	fs_buf_printf(&head, ",\"records\":%zu,\"trigger\":", nrecords);
	fs_buf_add(&head, env_trigger.p, env_trigger.n);
	fs_buf_adds(&head, "}\n");
	return Q_OK;
}

static void
flush_out(int all)
{
	if (out.len == 0 || (!all && out.len < 65536))
		return;
	if (fwrite(out.p, 1, out.len, stdout) != out.len)
		fs_die(EX_IOERR, "write error on standard output: %s",
		    strerror(errno));
	fs_buf_reset(&out);
}

/* a folder name safe to use below the quarantine */
static int
safe_name(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > 64)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-'))
			return 0;
	return 1;
}

static char *
qdir(const char *id)
{
	char *d;

	if (asprintf(&d, "%s/%s", quarantine_dir, safe_name(id) ? id :
	    "unknown") < 0)
		fs_die(EX_OSERR, "out of memory");
	return d;
}

/*
 * The received tree is the source of truth and nothing is taken from it:
 * the quarantine gets a copy, QDIR/<id>/<name>, and <name>.why beside it.
 */
static int
quarantine(const char *path, const char *id, const char *name,
    const struct verdict *v)
{
	struct fs_atomic a;
	struct fs_buf note = FS_BUF_INIT;
	char *d = qdir(id), *wname;
	int rc = -1;

	if (mkdir(d, 0700) != 0 && errno != EEXIST) {
		fs_warn_at(d, 0, "%s", strerror(errno));
		goto done;
	}
	if (copy_file(path, d, name) != 0)
		goto done;
	fs_buf_printf(&note, "%s: %s\n", v->name != NULL ? v->name :
	    rule_names[v->rule], v->msg);
	if (asprintf(&wname, "%s.why", name) < 0)
		fs_die(EX_OSERR, "out of memory");
	if (fs_atomic_open(&a, d, wname) == 0) {
		if (fs_atomic_write(&a, note.p, note.len) == 0 &&
		    fs_atomic_commit(&a) == 0)
			rc = 0;
		else
			fs_atomic_abort(&a);
	}
	free(wname);
done:
	fs_buf_free(&note);
	free(d);
	return rc;
}

/* a report that passes now (a resend) takes its old rejection away */
static void
unquarantine(const char *id, const char *name)
{
	char *d = qdir(id), *p;

	if (asprintf(&p, "%s/%s", d, name) < 0)
		fs_die(EX_OSERR, "out of memory");
	if (unlink(p) == 0) {
		free(p);
		if (asprintf(&p, "%s/%s.why", d, name) < 0)
			fs_die(EX_OSERR, "out of memory");
		(void)unlink(p);
	}
	free(p);
	free(d);
}

static int
copy_file(const char *from, const char *dir, const char *name)
{
	struct fs_atomic a;
	char buf[65536];
	ssize_t n;
	int fd;

	if ((fd = open(from, O_RDONLY | O_CLOEXEC)) == -1) {
		fs_warn_at(from, 0, "%s", strerror(errno));
		return -1;
	}
	if (fs_atomic_open(&a, dir, name) != 0) {
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof buf)) > 0)
		if (fs_atomic_write(&a, buf, (size_t)n) != 0)
			break;
	close(fd);
	if (n != 0) {
		if (n < 0)
			fs_warn_at(from, 0, "%s", strerror(errno));
		fs_atomic_abort(&a);
		return -1;
	}
	return fs_atomic_commit(&a);
}

static void
summary(void)
{
	struct fs_buf b = FS_BUF_INIT;
	const char *sep = " (";
	int k;

	fs_buf_printf(&b, "%llu reports: %llu accepted (%llu rows), %llu "
	    "rejected", naccepted + nrejected, naccepted, nrows, nrejected);
	for (k = 1; k < Q_N; k++)
		if (by_rule[k] > 0) {
			fs_buf_printf(&b, "%s%s %llu", sep, rule_names[k], by_rule[k]);
			sep = ", ";
		}
	if (*sep == ',')
		fs_buf_adds(&b, ")");
	fs_warnx("%s", b.p);
	fs_buf_free(&b);
}
