/*
 * mkflux: write a reference Flux installation (fluxstat-stores(7)) for one day,
 * with the metric records it must give (fluxstat-catalog(7)) and the personal
 * strings planted in it.  A test-only program: the oracle is computed
 * while generating, from the generator's own tables, never by reading
 * the stores back, so it checks the extractors independently.
 *
 * Everything random comes from one seeded xoshiro256** stream per store,
 * so the same arguments give the same bytes.  --history adds years of
 * older records from streams of their own, after the day's: the stores of
 * the days around the report day stay the same bytes with or without it.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <dirent.h>
#include <unistd.h>

#include "mkflux.h"

struct run run;
struct oracle orc;

static void usage(FILE *fp);
static int parse_day(const char *s);
static int check_zone(const char *tz);
static void day_bounds(void);
static void check_outdir(const char *path);
static void check_vocabs(void);
static void write_expected(void);

static const char *const job_types[] = { "booklet", "flat", "book",
	"calendar", "large_format", "variable_data", "forms" };
static const char *const addons[] = { "export-import-job-data",
	"backup-restore", "web-shop", "color-coverage-analysis",
	"forms-products", "mis-connector", "hot-folder-plus", "jdf-connector" };
static const char *const printer_models[] = { "AccurioPress C14000",
	"AccurioPress C12000", "AccurioPress C4080", "AccurioPress C4070",
	"AccurioPress C3080", "AccurioPress C7100", "AccurioPress C7090",
	"AccurioPress 7136", "AccurioPress 7120", "AccurioPrint C4065",
	"AccurioPrint C759", "AccurioPrint 2100", "bizhub PRESS 1250",
	"AccurioLabel 230", "AccurioLabel 400", "AccurioJet KM-1e",
	"AccurioJet 60000", "Xerox Versant 280", "Xerox Iridesse",
	"Canon imagePRESS V1000", "Ricoh Pro C9200", "HP Indigo 7K" };
static const char *const paper_formats[] = { "A3", "A4", "A5", "A6",
	"SRA3", "SRA4", "B4", "B5", "Letter", "Legal", "Tabloid", "12x18",
	"13x19" };
/* "other" is itself a category: it and unknown ones are one group */
static const char *const paper_categories[] = { "coated_gloss",
	"coated_matt", "uncoated", "recycled", "synthetic", "cardboard",
	"transparent" };
static const char *const signatures[] = { "4p", "8p", "12p", "16p", "24p",
	"32p" };
static const char *const signature_pages[] = { "4", "8", "12", "16", "24",
	"32" };
static const char *const preflight_checks[] = { "fonts_embedded",
	"image_resolution", "color_space", "bleed", "transparency",
	"overprint", "page_size", "ink_coverage" };
static const char *const system_settings[] = { "auto_backup",
	"hot_folders", "jdf_export", "job_archiving", "ldap_auth",
	"two_factor_auth", "mis_integration", "color_coverage_analysis" };
static const char *const portal_settings[] = { "guest_checkout",
	"price_display_gross", "upload_preflight", "online_payment",
	"customer_registration", "multi_language", "approval_workflow",
	"budget_limits" };
/* "none" is both a word and the fallback for an unset service */
static const char *const email_services[] = { "smtp", "exchange",
	"microsoft_graph", "gmail", "none" };
static const char *const error_codes[] = { "E_RIP", "E_PREFLIGHT",
	"E_PRINTER_OFFLINE", "E_TIMEOUT", "E_MEDIA", "E_UNKNOWN" };

const char *const *vocab[V_NVOCAB] = { job_types, addons, printer_models,
	paper_formats, paper_categories, signatures, signature_pages,
	preflight_checks, system_settings, portal_settings, email_services,
	error_codes };
const size_t vocab_len[V_NVOCAB] = { NELEM(job_types), NELEM(addons),
	NELEM(printer_models), NELEM(paper_formats), NELEM(paper_categories),
	NELEM(signatures), NELEM(signature_pages), NELEM(preflight_checks),
	NELEM(system_settings), NELEM(portal_settings), NELEM(email_services),
	NELEM(error_codes) };
static const char *const vocab_file[V_NVOCAB] = { "job_types", "addons",
	"printer_models", "paper_formats", "paper_categories", "signatures",
	"signature_pages", "preflight_checks", "system_settings",
	"portal_settings", "email_services", "error_codes" };
const char *const vocab_label[V_NVOCAB] = { "other", "other", "other",
	"custom", "other", "other", "other", "other", "other", "other",
	"other", "other" };

static const struct option longopts[] = {
	{ "seed", required_argument, NULL, 's' },
	{ "scale", required_argument, NULL, 'S' },
	{ "day", required_argument, NULL, 'd' },
	{ "tz", required_argument, NULL, 'z' },
	{ "history", required_argument, NULL, 'H' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char *argv[])
{
	long long v;
	int c, seed_set = 0;

	fs_setprogname(argv[0]);
	run.scale = 1;
	while ((c = getopt_long(argc, argv, "s:S:d:z:H:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (fs_parse_ll(optarg, 0, LLONG_MAX, &v, "--seed") == -1)
				return EX_USAGE;
			run.seed = (uint64_t)v;
			seed_set = 1;
			break;
		case 'S':
			if (fs_parse_ll(optarg, 1, 100000, &run.scale, "--scale") == -1)
				return EX_USAGE;
			break;
		case 'H':
			if (fs_parse_ll(optarg, 0, 3650, &run.history, "--history") == -1)
				return EX_USAGE;
			break;
		case 'd':
			run.day = optarg;
			break;
		case 'z':
			run.tz = optarg;
			break;
		case 'h':
			usage(stdout);
			return fs_close_stdout();
		case 'V':
			fs_print_version();
			return fs_close_stdout();
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (argc - optind != 1 || !seed_set || run.day == NULL || run.tz == NULL) {
		usage(stderr);
		return EX_USAGE;
	}
	run.out = argv[optind];
	if (parse_day(run.day) == -1 || check_zone(run.tz) == -1)
		return EX_USAGE;
	day_bounds();
	check_vocabs();
	check_outdir(run.out);

	pii_init(run.seed);
	gen_install();
	gen_monitoring();
	gen_mongo();
	gen_web();
	gen_jobs();
	gen_assets();
	write_expected();
	if (write_planted("planted.txt") == -1)
		return EX_IOERR;
	return fs_close_stdout();
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: %s --seed N [--scale S] [--history DAYS] --day YYYY-MM-DD\n"
	    "       --tz ZONE OUTDIR\n"
	    "Write a reference Flux installation into OUTDIR (its FLUX_ROOT),\n"
	    "with OUTDIR/expected.ndjson (the metric records of that local day)\n"
	    "and OUTDIR/planted.txt (every personal string planted).\n"
	    "  --seed N     random seed (0..2^63-1); same arguments, same bytes\n"
	    "  --scale S    size factor 1..100000 (1: ~2000 print jobs)\n"
	    "  --day DAY    the report day, local to ZONE\n"
	    "  --tz ZONE    an IANA time zone, e.g. Europe/Berlin, or UTC\n"
	    "  --history DAYS  0..3650 days of history before the days around\n"
	    "               the report day, each with 500xS print jobs, 100xS\n"
	    "               orders (MongoDB and web shop), about 8xS order item\n"
	    "               files and S job folders; none of it in the report day\n",
	    fs_progname);
}

/* ---------------------------------------------------------------- rng */

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

uint64_t
rng_below(struct rng *r, uint64_t n)
{
	uint64_t x, lim;

	if (n <= 1)
		return 0;
	/* rejection keeps it unbiased; the loop almost never repeats */
	lim = UINT64_MAX - UINT64_MAX % n;
	do
		x = rng_next(r);
	while (x >= lim);
	return x % n;
}

int64_t
rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo) + 1);
}

int
rng_pct(struct rng *r, unsigned pct)
{
	return rng_below(r, 100) < pct;
}

/* --------------------------------------------------------------- time */

int64_t
rnd_instant(struct rng *r, int whole_seconds)
{
	int64_t t = rng_range(r, run.wfrom, run.wto - 1);

	return whole_seconds ? t - ((t % 1000) + 1000) % 1000 : t;
}

int64_t
hist_instant(struct rng *r)
{
	int64_t t = rng_range(r, run.hfrom, run.wfrom - 1);

	return t - ((t % 1000) + 1000) % 1000;
}

int
in_period(int64_t ms)
{
	return ms >= run.from && ms < run.to;
}

static int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void
fmt_offset(int64_t ms, int off_min, char out[40])
{
	struct tm tm;
	time_t t = (time_t)floordiv(ms, 1000) + (time_t)off_min * 60;
	int a = off_min < 0 ? -off_min : off_min;

	gmtime_r(&t, &tm);
	strftime(out, 40, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + 19, 21, "%c%02u:%02u", off_min < 0 ? '-' : '+',
	    (unsigned)(a / 60) % 100u, (unsigned)(a % 60));
}

void
fmt_utc(int64_t ms, char out[40])
{
	struct tm tm;
	time_t t = (time_t)floordiv(ms, 1000);

	gmtime_r(&t, &tm);
	strftime(out, 40, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
parse_day(const char *s)
{
	struct tm tm, back;
	time_t t;
	char tail;

	memset(&tm, 0, sizeof tm);
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tail) != 3 || s[4] != '-' || s[7] != '-')
		goto bad;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	back = tm;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	if (tm.tm_mday != back.tm_mday || tm.tm_mon != back.tm_mon ||
	    tm.tm_year < 70 || tm.tm_year > 1100)
		goto bad;
	return 0;
bad:
	fs_warnx("--day: not a date YYYY-MM-DD (1970..2999): '%s'", s);
	return -1;
}

/* glibc quietly treats an unknown zone as UTC: the library's one check */
static int
check_zone(const char *tz)
{
	if (!fs_tz_valid(tz)) {
		fs_warnx("--tz: unknown time zone: '%s'", tz);
		return -1;
	}
	return 0;
}

static int64_t
local_midnight(int y, int m, int d)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) * 1000;
}

static void
day_bounds(void)
{
	int y, m, d;

	if (setenv("TZ", run.tz, 1) == -1)
		fs_die(EX_OSERR, "setenv: %s", strerror(errno));
	tzset();
	sscanf(run.day, "%d-%d-%d", &y, &m, &d);
	run.from = local_midnight(y, m, d);
	run.to = local_midnight(y, m, d + 1);	/* mktime normalises d + 1 */
	run.wfrom = run.from - 2 * 86400000LL;
	run.wto = run.to + 86400000LL;
	run.hfrom = run.wfrom - run.history * 86400000LL;
}

/* --------------------------------------------------------------- files */

void
xmkdir(const char *path)
{
	char buf[PATH_MAX], *p;

	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		fs_die(EX_CANTCREAT, "%s: path too long", path);
	for (p = buf + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(buf, 0777) == -1 && errno != EEXIST)
				fs_die(EX_CANTCREAT, "%s: %s", buf, strerror(errno));
			if ((*p = c) == '\0')
				break;
		}
	}
}

FILE *
xfopen(const char *path)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL)
		fs_die(EX_CANTCREAT, "%s: %s", path, strerror(errno));
	return fp;
}

void
xfclose(FILE *fp, const char *path)
{
	if (ferror(fp) | fclose(fp))
		fs_die(EX_IOERR, "%s: write error: %s", path, strerror(errno));
}

void
write_file(const char *path, const char *p, size_t n)
{
	FILE *fp = xfopen(path);

	fwrite(p, 1, n, fp);
	xfclose(fp, path);
}

/* OUTDIR must be new or empty: mixing with an old run would make the
 * oracle wrong (health.* counts every file there) */
static void
check_outdir(const char *path)
{
	DIR *d;
	struct dirent *e;

	xmkdir(path);
	if ((d = opendir(path)) == NULL)
		fs_die(EX_CANTCREAT, "%s: %s", path, strerror(errno));
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
			fs_die(EX_CANTCREAT, "%s: not empty; give a new folder", path);
	closedir(d);
	if (chdir(path) == -1)
		fs_die(EX_CANTCREAT, "%s: %s", path, strerror(errno));
}

/* -------------------------------------------------------------- oracle */

size_t
vidx(enum vocab_id v, const char *s)
{
	size_t i;

	if (s != NULL)
		for (i = 0; i < vocab_len[v]; i++)
			if (strcmp(vocab[v][i], s) == 0)
				return i;
	return vocab_len[v];
}

/*
 * The oracle keeps its own copy of the vocabularies (it must not depend on
 * the files it checks), but a copy that drifted from share/vocab would
 * make every test wrong: compare them when share/ is at hand.
 */
static void
check_vocabs(void)
{
	char *path, *line = NULL;
	size_t cap = 0, known;
	ssize_t n;
	FILE *fp;
	int v;

	for (v = 0; v < V_NVOCAB; v++) {
		char name[64];

		snprintf(name, sizeof name, "vocab/%s.txt", vocab_file[v]);
		path = fs_share_path(name);
		if ((fp = fopen(path, "r")) == NULL) {
			free(path);
			continue;	/* not installed: nothing to compare */
		}
		known = 0;
		while ((n = getline(&line, &cap, fp)) > 0) {
			while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
			    line[n - 1] == ' '))
				line[--n] = '\0';
			if (n == 0 || line[0] == '#')
				continue;
			if (vidx((enum vocab_id)v, line) < vocab_len[v])
				known++;
			else if (strcmp(line, vocab_label[v]) != 0)
				fs_die(EX_SOFTWARE, "%s: '%s' is not in mkflux's table",
				    path, line);
		}
		fclose(fp);
		if (known != vocab_len[v])
			fs_die(EX_SOFTWARE, "%s: lacks words of mkflux's table", path);
		free(path);
	}
	free(line);
}

void
orc_duration(int64_t ms)
{
	if (orc.ndur == orc.capdur) {
		orc.capdur = orc.capdur ? orc.capdur * 2 : 1024;
		orc.dur = fs_xrealloc(orc.dur, orc.capdur * sizeof *orc.dur);
	}
	orc.dur[orc.ndur++] = ms;
}

static struct fs_record *recs;
static size_t nrecs, caprecs;

static struct fs_record *
addrec(const char *metric, const char *lkey, const char *lval)
{
	struct fs_record *r;

	if (nrecs == caprecs) {
		caprecs = caprecs ? caprecs * 2 : 256;
		recs = fs_xrealloc(recs, caprecs * sizeof *recs);
	}
	r = &recs[nrecs++];
	memset(r, 0, sizeof *r);
	r->metric = fs_xstrdup(metric);
	if (lkey != NULL)
		fs_record_add_label(r, lkey, lval);
	return r;
}

static void
gauge(const char *metric, const char *lkey, const char *lval, long long v)
{
	struct fs_record *r = addrec(metric, lkey, lval);

	r->vtype = FS_V_INT;
	r->i = v;
}

static void
info(const char *metric, const char *lkey, const char *lval, const char *v)
{
	struct fs_record *r = addrec(metric, lkey, lval);

	r->vtype = FS_V_STRING;
	r->s = fs_xstrdup(v);
}

/* one record per label value with a non-zero count (zero rows omitted) */
static void
by_vocab(const char *metric, const char *lkey, enum vocab_id v,
    const long long *n)
{
	size_t i;

	for (i = 0; i <= vocab_len[v]; i++)
		if (n[i] != 0)
			gauge(metric, lkey, i < vocab_len[v] ? vocab[v][i] :
			    vocab_label[v], n[i]);
}

static int
reccmp(const void *a, const void *b)
{
	return fs_record_cmp(a, b);
}

static int
durcmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static long long
file_bytes(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return 0;
	return (long long)st.st_size;
}

static long long
sqlite_store_bytes(const char *db)
{
	char p[PATH_MAX];
	long long n = file_bytes(db);

	snprintf(p, sizeof p, "%s-wal", db);
	n += file_bytes(p);
	snprintf(p, sizeof p, "%s-shm", db);
	return n + file_bytes(p);
}

static long long
tree_bytes(const char *dir)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	char p[PATH_MAX];
	long long n = 0;

	if ((d = opendir(dir)) == NULL)
		fs_die(EX_IOERR, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (lstat(p, &st) == -1)
			fs_die(EX_IOERR, "%s: %s", p, strerror(errno));
		if (S_ISREG(st.st_mode))
			n += (long long)st.st_size;
		else if (S_ISDIR(st.st_mode))
			n += tree_bytes(p);
	}
	closedir(d);
	return n;
}

static void
write_expected(void)
{
	static const char *const sources[] = { "install", "device",
		"monitoring", "mongodb", "webshop", "webshop_items", "jobs" };
	struct fs_buf b = FS_BUF_INIT;
	size_t i, n;

	info("install.version", NULL, NULL, orc.version);
	info("install.license.edition", NULL, NULL, orc.edition);
	info("install.license.type", NULL, NULL, orc.ltype);
	gauge("install.license.seats", NULL, NULL, orc.seats);
	for (i = 0; i <= vocab_len[V_ADDONS]; i++)
		if (orc.addon_ver[i] != NULL)
			info("install.addon", "addon", i < vocab_len[V_ADDONS] ?
			    addons[i] : "other", orc.addon_ver[i]);

	by_vocab("config.products", "type", V_JOB_TYPES, orc.products);
	by_vocab("config.paper_formats", "format", V_PAPER_FORMATS,
	    orc.paper_formats);
	by_vocab("config.paper_types", "category", V_PAPER_CATEGORIES,
	    orc.paper_types);
	by_vocab("config.signatures", "pages", V_SIGNATURE_PAGES,
	    orc.signatures);
	by_vocab("config.printers", "model", V_PRINTER_MODELS, orc.printers);
	gauge("config.preflight.profiles", NULL, NULL, orc.profiles);
	for (i = 0; i < NELEM(preflight_checks); i++)
		gauge("config.preflight.checks", "check", preflight_checks[i],
		    orc.checks[i]);
	info("config.email.service", NULL, NULL, orc.email);
	gauge("config.accounts.users", NULL, NULL, orc.users);
	gauge("config.accounts.groups", NULL, NULL, orc.groups);
	for (i = 0; i < NELEM(system_settings); i++)
		if (orc.system[i] >= 0)
			gauge("config.system.setting", "setting",
			    system_settings[i], orc.system[i]);
	gauge("webshop.users", NULL, NULL, orc.web_users);
	gauge("webshop.user_groups", NULL, NULL, orc.web_groups);
	gauge("webshop.price_lists", NULL, NULL, orc.web_price_lists);
	for (i = 0; i < NELEM(portal_settings); i++)
		if (orc.portal[i] >= 0)
			gauge("webshop.portal.setting", "setting",
			    portal_settings[i], orc.portal[i]);

	by_vocab("usage.orders.created", "job_type", V_JOB_TYPES,
	    orc.orders_created);
	by_vocab("usage.orders.printed", "job_type", V_JOB_TYPES,
	    orc.orders_printed);
	by_vocab("usage.jobs.printed", "job_type", V_JOB_TYPES,
	    orc.jobs_printed);
	if (orc.pages[1])
		gauge("usage.pages.printed", "color", "color", orc.pages[1]);
	if (orc.pages[0])
		gauge("usage.pages.printed", "color", "mono", orc.pages[0]);
	by_vocab("usage.signatures.used", "signature", V_SIGNATURES,
	    orc.sigs_used);
	gauge("usage.webshop.orders", NULL, NULL, orc.web_orders);
	by_vocab("usage.webshop.order_items", "paper_format", V_PAPER_FORMATS,
	    orc.items);

	by_vocab("health.jobs.failed", "error", V_ERROR_CODES, orc.failed);
	if ((n = orc.ndur) > 0) {
		qsort(orc.dur, n, sizeof *orc.dur, durcmp);
		/* nearest rank ceil(q n), in integers: no 0.95 * n rounding */
		gauge("health.jobs.duration_ms", "quantile", "0.5",
		    orc.dur[(n + 1) / 2 - 1]);
		gauge("health.jobs.duration_ms", "quantile", "0.95",
		    orc.dur[(95 * n + 99) / 100 - 1]);
		gauge("health.jobs.duration_ms", "quantile", "max",
		    orc.dur[n - 1]);
	}
	gauge("health.storage.job_folders", NULL, NULL, orc.job_folders);
	gauge("health.storage.job_bytes", NULL, NULL, orc.job_bytes);
	gauge("health.store.bytes", "store", "monitoring",
	    sqlite_store_bytes("monitoring/Monitoring.db"));
	gauge("health.store.bytes", "store", "webshop",
	    sqlite_store_bytes("web/FluxWeb.db"));
	gauge("health.store.bytes", "store", "mongodb",
	    tree_bytes("mongodb/dump/flux"));
	for (i = 0; i < NELEM(sources); i++)
		info("health.source.status", "source", sources[i], "ok");

	qsort(recs, nrecs, sizeof *recs, reccmp);
	for (i = 0; i < nrecs; i++) {
		fs_record_write(&b, &recs[i]);
		fs_buf_addc(&b, '\n');
		fs_record_free(&recs[i]);
	}
	write_file("expected.ndjson", b.p, b.len);
	fs_buf_free(&b);
	free(recs);
	free(orc.dur);
}
