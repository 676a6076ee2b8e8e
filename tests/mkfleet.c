/*
 * mkfleet: write a received tree for a generated fleet, as the reference
 * receiver stores it: DIR/installations/<id>/reports/<day>.json.gz.
 *
 * Each report is built as fluxstat-report builds it (the records sorted by
 * fs_record_cmp, the zero rows fluxstat-report adds, the same document
 * bytes) and gzipped as fluxstat-pack does (level 9, no name, mtime 0),
 * so it is byte for byte what the agent would upload; tests/1300-mkfleet.t
 * proves it by running a sample through the two programs.
 *
 * Everything random comes from a hash of (seed, installation, day, what),
 * so the same arguments give the same bytes and a day does not depend on
 * the days before it.  The facts a vendor must be able to see are planted
 * on purpose; --planted prints them for the tests.  The expected answers
 * are computed from the written reports by tests/fleet-oracle, not here.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "fluxstat.h"

#define NEW_VERSION	"10.3.0"	/* the rollout */
#define RARE_VERSION	"9.8.2"		/* on 2 installations */
#define RARE_PRINTER	"HP Indigo 7K"	/* on 2 installations */
#define UNUSED_ADDON	"jdf-connector"	/* on none */
#define RISING_ERROR	"E_TIMEOUT"	/* rises on NEW_VERSION */
#define FAILING_SOURCE	"mongodb"	/* fails on NEW_VERSION only */

struct inst {
	char id[37];
	const char *tz;
	int join, leave;		/* days [join, leave) of the fleet */
	int upgrade;			/* day of the upgrade, or INT_MAX */
	const char *base_version;
	const char *edition, *ltype;
	int seats;
	const char *os, *osver;
	int cpus;
	long long ram;
	const char *printers[3];
	int nprinters, printer_count[3];
	const char *email;
	int settings[8];
	int addons[8];
	int webshop, users, groups, price_lists, portal[8];
	int profiles, checks[8];
	int size;			/* mean jobs a day */
	int types[3];			/* the job types it prints most */
};

static void usage(FILE *fp);
static uint64_t mix(uint64_t x);
static uint64_t rnd(uint64_t a, uint64_t b, uint64_t c, uint64_t d);
static double unit(uint64_t a, uint64_t b, uint64_t c, uint64_t d);
static int pick(const double *w, size_t n, double u);
static void make_inst(struct inst *in, int i);
static void day_name(int d, char out[11]);
static void report(const struct inst *in, int i, int d, const char *dir);
static void add(const char *metric, const char *lk, const char *lv,
    int64_t v);
static void add_s(const char *metric, const char *lk, const char *lv,
    const char *s);
static void document(struct fs_buf *b, const char *id, const char *from,
    const char *to, const char *gen, const char *trigger, const char *schema);
static void write_gz(const char *dir, const char *id, const char *day,
    const void *p, size_t n);
static void hostile(const char *dir);
static void planted(void);
static void mkdirs(const char *path);

static uint64_t seed = 1;
static int ninst = 40, ndays = 60;
static time_t start;			/* 00:00 UTC of the first day */
static const char *start_arg = "2026-01-01";
static struct fs_buf path = FS_BUF_INIT;
static FILE *hostile_list;

static struct fs_record *recs;
static size_t nrecs, caprecs;

static const char *const job_types[] = { "booklet", "flat", "book",
	"calendar", "large_format", "variable_data", "forms" };
static const char *const addons[] = { "export-import-job-data",
	"backup-restore", "web-shop", "color-coverage-analysis",
	"forms-products", "mis-connector", "hot-folder-plus", UNUSED_ADDON };
static const double addon_p[] = { .5, .7, .4, .1, .2, .15, .3, 0 };
static const char *const printers[] = { "AccurioPress C14000",
	"AccurioPress C12000", "AccurioPress C4080", "AccurioPress C4070",
	"AccurioPress C7100", "AccurioPrint C4065", "AccurioPrint C759",
	"bizhub PRESS 1250" };
static const double printer_w[] = { 10, 8, 14, 10, 6, 9, 7, 3 };
static const char *const settings[] = { "auto_backup", "hot_folders",
	"jdf_export", "job_archiving", "ldap_auth", "two_factor_auth",
	"mis_integration", "color_coverage_analysis" };
static const double setting_p[] = { .8, .6, .3, .5, .2, .12, .15, .03 };
static const char *const portal[] = { "guest_checkout",
	"price_display_gross", "upload_preflight", "online_payment",
	"customer_registration", "multi_language", "approval_workflow",
	"budget_limits" };
static const double portal_p[] = { .4, .7, .5, .6, .8, .2, .3, .05 };
static const char *const checks[] = { "bleed", "color_space",
	"fonts_embedded", "image_resolution", "ink_coverage", "overprint",
	"page_size", "transparency" };
static const char *const errors[] = { "E_MEDIA", "E_PREFLIGHT",
	"E_PRINTER_OFFLINE", "E_RIP", "E_TIMEOUT", "E_UNKNOWN" };
/* failures per thousand jobs; E_TIMEOUT's rises on NEW_VERSION */
static const double error_pm[] = { 6, 4, 3, 5, 2, 1 };
static const char *const sources[] = { "device", "install", "jobs",
	"mongodb", "monitoring", "webshop", "webshop_items" };
static const char *const zones[] = { "Europe/Berlin", "America/New_York",
	"Asia/Tokyo", "UTC", "Australia/Sydney", "America/Los_Angeles",
	"Europe/London" };
static const double zone_w[] = { 30, 15, 10, 5, 8, 10, 12 };
static const char *const versions[] = { "10.1.4", "10.2.0", "10.2.3" };
static const double version_w[] = { 20, 50, 30 };
static const char *const editions[] = { "starter", "standard",
	"professional", "enterprise" };
static const double edition_w[] = { 15, 40, 35, 10 };
static const char *const ltypes[] = { "perpetual", "subscription", "trial" };
static const double ltype_w[] = { 50, 40, 10 };
static const char *const oses[][2] = { { "Debian GNU/Linux", "12" },
	{ "Ubuntu", "22.04" }, { "Windows Server", "2019" },
	{ "Windows Server", "2022" }, { "Red Hat Enterprise Linux", "9.2" } };
static const double os_w[] = { 30, 25, 20, 15, 10 };
static const char *const emails[] = { "smtp", "exchange", "microsoft_graph",
	"gmail", "none" };
static const double email_w[] = { 40, 25, 15, 5, 15 };
static const int cpu_counts[] = { 4, 8, 16, 32 };
static const double cpu_w[] = { 20, 40, 30, 10 };

#define N(a) (sizeof (a) / sizeof *(a))

static const struct option longopts[] = {
	{ "seed", required_argument, NULL, 's' },
	{ "installations", required_argument, NULL, 'n' },
	{ "days", required_argument, NULL, 'd' },
	{ "start", required_argument, NULL, 'S' },
	{ "hostile", no_argument, NULL, 'H' },
	{ "planted", no_argument, NULL, 'P' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int
main(int argc, char *argv[])
{
	struct inst in;
	struct tm tm;
	long long v;
	int c, i, d, want_hostile = 0, want_planted = 0;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1)
		switch (c) {
		case 's':
			if (fs_parse_ll(optarg, 0, INT64_MAX, &v, "--seed") != 0)
				return EX_USAGE;
			seed = (uint64_t)v;
			break;
		case 'n':
			if (fs_parse_ll(optarg, 1, 10000000, &v,
			    "--installations") != 0)
				return EX_USAGE;
			ninst = (int)v;
			break;
		case 'd':
			if (fs_parse_ll(optarg, 1, 100000, &v, "--days") != 0)
				return EX_USAGE;
			ndays = (int)v;
			break;
		case 'S': start_arg = optarg; break;
		case 'H': want_hostile = 1; break;
		case 'P': want_planted = 1; break;
		case 'h': usage(stdout); return fs_close_stdout();
		default: usage(stderr); return EX_USAGE;
		}
	memset(&tm, 0, sizeof tm);
	if (strlen(start_arg) != 10 ||
	    strptime(start_arg, "%Y-%m-%d", &tm) == NULL)
		fs_die(EX_USAGE, "--start: not a day YYYY-MM-DD");
	start = timegm(&tm);
	if (want_planted) {
		planted();
		return fs_close_stdout();
	}
	if (argc - optind != 1) {
		usage(stderr);
		return EX_USAGE;
	}
	mkdirs(argv[optind]);
	for (i = 0; i < ninst; i++) {
		make_inst(&in, i);
		for (d = in.join; d < in.leave; d++)
			report(&in, i, d, argv[optind]);
	}
	if (want_hostile)
		hostile(argv[optind]);
	fs_buf_free(&path);
	free(recs);
	return fs_close_stdout();
}

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s [--seed S] [--installations N] [--days D] [--start DAY]\n"
	    "       [--hostile] DIR\n"
	    "       %s --planted [--days D] [--start DAY]\n"
	    "Write a generated fleet's reports as the receiver stores them:\n"
	    "DIR/installations/<id>/reports/<day>.json.gz (defaults: seed 1,\n"
	    "40 installations, 60 days from 2026-01-01).\n"
	    "  --hostile   also write broken and hostile reports, listed in\n"
	    "              DIR/hostile.txt as \"path kind\"\n"
	    "  --planted   print the planted facts as JSON and exit\n",
	    fs_progname, fs_progname);
}

/* splitmix64's finaliser: a good 64-bit mixer */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t
rnd(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	return mix(mix(mix(mix(seed ^ a) ^ b) ^ c) ^ d);
}

static double
unit(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	return (double)(rnd(a, b, c, d) >> 11) / 9007199254740992.0;
}

static int
pick(const double *w, size_t n, double u)
{
	double sum = 0, acc = 0;
	size_t k;

	for (k = 0; k < n; k++)
		sum += w[k];
	for (k = 0; k < n; k++) {
		acc += w[k];
		if (u * sum < acc)
			return (int)k;
	}
	return (int)n - 1;
}

#define U(i, what) unit((uint64_t)(i), 1000001, (what), 0)

static void
make_inst(struct inst *in, int i)
{
	uint64_t a = rnd((uint64_t)i, 7, 7, 7), b = rnd((uint64_t)i, 8, 8, 8);
	int k, p;

	memset(in, 0, sizeof *in);
	/* a version 4 UUID, as the agent makes on its first run */
	snprintf(in->id, sizeof in->id, "%08x-%04x-4%03x-%04x-%012llx",
	    (unsigned)(a >> 32), (unsigned)(a >> 16) & 0xffff,
	    (unsigned)a & 0xfff, (unsigned)((b >> 48) & 0x3fff) | 0x8000,
	    (unsigned long long)(b & 0xffffffffffffULL));
	in->tz = zones[pick(zone_w, N(zone_w), U(i, 1))];
	in->join = U(i, 2) < .15 ? 1 + (int)(U(i, 3) * ndays * 2 / 3) : 0;
	in->leave = ndays;
	if (U(i, 4) < .1) {
		in->leave = in->join + ndays / 3 +
		    (int)(U(i, 5) * (ndays - in->join - ndays / 3));
		if (in->leave > ndays)
			in->leave = ndays;
		if (in->leave <= in->join)
			in->leave = in->join + 1;
	}
	in->base_version = versions[pick(version_w, N(version_w), U(i, 6))];
	in->upgrade = U(i, 7) < .75 ? ndays / 3 + (int)(U(i, 8) * ndays / 2) :
	    INT32_MAX;
	if (i == 1 || i == 2) {
		in->base_version = RARE_VERSION;
		in->upgrade = INT32_MAX;
	}
	in->edition = editions[pick(edition_w, N(edition_w), U(i, 9))];
	in->ltype = ltypes[pick(ltype_w, N(ltype_w), U(i, 10))];
	in->seats = 1 + (int)(U(i, 11) * 20);
	k = pick(os_w, N(os_w), U(i, 12));
	in->os = oses[k][0];
	in->osver = oses[k][1];
	in->cpus = cpu_counts[pick(cpu_w, N(cpu_w), U(i, 13))];
	in->ram = (long long)in->cpus * 4 << 30;
	in->nprinters = 1 + (int)(U(i, 14) * 3);
	for (k = 0; k < in->nprinters; k++) {
		in->printers[k] = printers[pick(printer_w, N(printer_w),
		    U(i, 20 + k))];
		for (p = 0; p < k; p++)
			if (in->printers[p] == in->printers[k])
				in->printers[k] = NULL;
		in->printer_count[k] = 1 + (U(i, 25 + k) < .3);
	}
	if (i == 3 || i == 4) {
		in->printers[0] = RARE_PRINTER;
		in->printer_count[0] = 1;
	}
	in->email = emails[pick(email_w, N(email_w), U(i, 30))];
	for (k = 0; k < 8; k++) {
		in->settings[k] = U(i, 40 + k) < setting_p[k];
		in->addons[k] = U(i, 50 + k) < addon_p[k];
		in->portal[k] = U(i, 60 + k) < portal_p[k];
	}
	in->webshop = in->addons[2];
	if (in->webshop) {
		in->users = 10 + (int)(U(i, 70) * 400);
		in->groups = 1 + (int)(U(i, 71) * 20);
		in->price_lists = 1 + (int)(U(i, 72) * 5);
	}
	in->profiles = (int)(U(i, 73) * 7);
	for (k = 0; k < 8; k++)
		in->checks[k] = (int)(U(i, 80 + k) * (in->profiles + 1));
	in->size = 5 + (int)(U(i, 74) * U(i, 75) * 120);
	/* three distinct types: a report has one record per label value */
	for (k = 0; k < 3; k++) {
		in->types[k] = (int)(U(i, 90 + k) * N(job_types));
		for (p = 0; p < k; p++)
			if (in->types[p] == in->types[k]) {
				in->types[k] = (in->types[k] + 1) % (int)N(job_types);
				p = -1;
			}
	}
}

static void
day_name(int d, char out[11])
{
	time_t t = start + (time_t)d * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* a count with mean m: Poisson for small means, rounded normal beyond */
static int64_t
count(double m, uint64_t h)
{
	double u = (double)(mix(h) >> 11) / 9007199254740992.0, p, s;
	int64_t k = 0;

	if (m <= 0)
		return 0;
	if (m > 30) {
		double u2 = (double)(mix(h ^ 0x5555) >> 11) / 9007199254740992.0;
		double z = (u + u2 - 1) * 2.45;	/* triangular, sd about 1 */
		s = m + z * sqrt(m);
		return s < 0 ? 0 : (int64_t)(s + .5);
	}
	p = exp(-m);
	s = p;
	while (u > s && k < 1000) {
		k++;
		p *= m / (double)k;
		s += p;
	}
	return k;
}

#define H(what) rnd((uint64_t)i, (uint64_t)d, (what), 3)

static void
report(const struct inst *in, int i, int d, const char *dir)
{
	static struct fs_buf doc = FS_BUF_INIT;
	char day[11], from[40], to[40], gen[32];
	const char *version, *trigger, *status;
	int64_t f, t, jobs = 0, n, failed[N(errors)], pages, p50;
	int mongo_ok, k, weekend, newv;
	size_t j;

	if (unit((uint64_t)i, (uint64_t)d, 1, 1) < .04)
		return;			/* no report that day */
	day_name(d, day);
	if (fs_day_bounds(day, in->tz, &f, &t) != 0)
		exit(EX_SOFTWARE);
	fs_time_format_local(f, in->tz, from);
	fs_time_format_local(t, in->tz, to);
	fs_time_format_utc(t + 60000 * (int64_t)(1 + H(2) % 50), gen);
	k = (int)(H(3) % 100);
	trigger = k < 90 ? "midnight" : k < 98 ? "startup" : "manual";
	newv = d >= in->upgrade;
	version = newv ? NEW_VERSION : in->base_version;
	weekend = ((start / 86400 + d + 4) % 7) >= 5;	/* 1970-01-01: Thursday */
	mongo_ok = !(newv && unit((uint64_t)i, (uint64_t)d, 2, 2) < .3);

	nrecs = 0;
	add_s("install.version", NULL, NULL, version);
	add_s("install.license.edition", NULL, NULL, in->edition);
	add_s("install.license.type", NULL, NULL, in->ltype);
	add("install.license.seats", NULL, NULL, in->seats);
	for (k = 0; k < 8; k++)
		if (in->addons[k])
			add_s("install.addon", "addon", addons[k],
			    k == 2 ? "2.1.0" : "1.4.0");
	add_s("device.os.name", NULL, NULL, in->os);
	add_s("device.os.version", NULL, NULL, in->osver);
	add_s("device.os.edition", NULL, NULL, "none");
	add_s("device.cpu.model", NULL, NULL, in->cpus > 8 ?
	    "AMD EPYC 7B13 64-Core Processor" :
	    "Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz");
	add("device.cpu.count", NULL, NULL, in->cpus);
	add("device.ram.bytes", NULL, NULL, in->ram);
	if (mongo_ok) {
		for (k = 0; k < 3; k++)
			if (in->printers[k] != NULL)
				add("config.printers", "model", in->printers[k],
				    in->printer_count[k]);
		for (k = 0; k < 3; k++)
			add("config.products", "type", job_types[in->types[k]],
			    3 + k);
		add("config.paper_formats", "format", "A4", 4);
		add("config.paper_formats", "format", "SRA3", 2);
		add("config.signatures", "pages", "8", 1);
		add("config.preflight.profiles", NULL, NULL, in->profiles);
		for (k = 0; k < 8; k++)
			add("config.preflight.checks", "check", checks[k],
			    in->checks[k]);
		add_s("config.email.service", NULL, NULL, in->email);
		add("config.accounts.users", NULL, NULL, 3 + in->seats);
		add("config.accounts.groups", NULL, NULL, 2);
		for (k = 0; k < 8; k++)
			add("config.system.setting", "setting", settings[k],
			    in->settings[k]);
	}
	if (in->webshop) {
		add("webshop.users", NULL, NULL, in->users + d / 7);
		add("webshop.user_groups", NULL, NULL, in->groups);
		add("webshop.price_lists", NULL, NULL, in->price_lists);
		for (k = 0; k < 8; k++)
			add("webshop.portal.setting", "setting", portal[k],
			    in->portal[k]);
		n = count(in->size * .2 * (weekend ? .3 : 1), H(10));
		add("usage.webshop.orders", NULL, NULL, n);
		if (n > 0) {
			add("usage.webshop.order_items", "paper_format", "A4",
			    n * 2);
			add("usage.webshop.order_items", "paper_format", "SRA3",
			    count((double)n, H(11)));
		}
	}
	/* the day's work */
	for (k = 0; k < 3; k++) {
		double share = k == 0 ? .6 : k == 1 ? .3 : .1;

		n = count(in->size * share * (weekend ? .3 : 1), H(20 + k));
		if (n == 0)
			continue;
		add("usage.jobs.printed", "job_type", job_types[in->types[k]], n);
		jobs += n;
	}
	if (mongo_ok && jobs > 0) {
		add("usage.orders.created", "job_type", job_types[in->types[0]],
		    count(jobs * .8, H(30)));
		add("usage.orders.printed", "job_type", job_types[in->types[0]],
		    count(jobs * .7, H(31)));
	}
	if (jobs > 0) {
		pages = jobs * (20 + (int64_t)(H(32) % 80));
		add("usage.pages.printed", "color", "color", pages * 7 / 10);
		add("usage.pages.printed", "color", "mono", pages - pages * 7 / 10);
		add("usage.signatures.used", "signature", "8p", (jobs + 1) / 2);
		add("usage.signatures.used", "signature", "16p", jobs / 2);
		p50 = 30000 + (int64_t)(H(33) % 60000);
		add("health.jobs.duration_ms", "quantile", "0.5", p50);
		add("health.jobs.duration_ms", "quantile", "0.95",
		    p50 * (newv ? 32 : 25) / 10 + (int64_t)(H(34) % 1000));
		add("health.jobs.duration_ms", "quantile", "max",
		    p50 * 5 + (int64_t)(H(35) % 5000));
	}
	for (j = 0; j < N(errors); j++) {
		double pm = error_pm[j];

		if (newv && strcmp(errors[j], RISING_ERROR) == 0)
			pm = 40;
		failed[j] = count((double)(jobs + 3) * pm / 1000, H(40 + j));
		if (failed[j] > 0)
			add("health.jobs.failed", "error", errors[j], failed[j]);
	}
	add("health.storage.job_folders", NULL, NULL, 100 + d * in->size / 2);
	add("health.storage.job_bytes", NULL, NULL,
	    (int64_t)(100 + d * in->size / 2) * 52428800);
	add("health.store.bytes", "store", "monitoring", 1048576 * (10 + d));
	if (mongo_ok)
		add("health.store.bytes", "store", "mongodb",
		    1048576 * (50 + d * 2));
	if (in->webshop)
		add("health.store.bytes", "store", "webshop", 1048576 * (5 + d));
	for (j = 0; j < N(sources); j++) {
		status = "ok";
		if (strcmp(sources[j], FAILING_SOURCE) == 0 && !mongo_ok)
			status = "error";
		else if (strncmp(sources[j], "webshop", 7) == 0 && !in->webshop)
			status = "missing";
		else if (strcmp(sources[j], "jobs") == 0 &&
		    unit((uint64_t)i, (uint64_t)d, 3, 3) < .01)
			status = "error";	/* background noise, any version */
		add_s("health.source.status", "source", sources[j], status);
	}
	/* the zero rows fluxstat-report adds for unlabelled numbers (add()
	 * skips those already there) */
	add("webshop.users", NULL, NULL, 0);
	add("webshop.user_groups", NULL, NULL, 0);
	add("webshop.price_lists", NULL, NULL, 0);
	add("usage.webshop.orders", NULL, NULL, 0);
	add("config.preflight.profiles", NULL, NULL, 0);
	add("config.accounts.users", NULL, NULL, 0);
	add("config.accounts.groups", NULL, NULL, 0);
	fs_buf_reset(&doc);
	document(&doc, in->id, from, to, gen, trigger, "fluxstat.report/1");
	write_gz(dir, in->id, day, doc.p, doc.len);
}

static int
rec_cmp(const void *a, const void *b)
{
	return fs_record_cmp(a, b);
}

static void
push(const char *metric, const char *lk, const char *lv)
{
	struct fs_record *r;

	if (nrecs == caprecs) {
		caprecs = caprecs ? caprecs * 2 : 128;
		recs = fs_xrealloc(recs, caprecs * sizeof *recs);
	}
	r = &recs[nrecs++];
	memset(r, 0, sizeof *r);
	r->metric = (char *)metric;
	if (lk != NULL) {
		r->labels = fs_xmalloc(sizeof *r->labels);
		r->labels[0].key = (char *)lk;
		r->labels[0].val = (char *)lv;
		r->nlabels = 1;
	}
}

static int
present(const char *metric)
{
	size_t j;

	for (j = 0; j < nrecs; j++)
		if (recs[j].nlabels == 0 && strcmp(recs[j].metric, metric) == 0)
			return 1;
	return 0;
}

static void
add(const char *metric, const char *lk, const char *lv, int64_t v)
{
	if (lk == NULL && present(metric))
		return;
	push(metric, lk, lv);
	recs[nrecs - 1].vtype = FS_V_INT;
	recs[nrecs - 1].i = v;
	recs[nrecs - 1].d = (double)v;
}

static void
add_s(const char *metric, const char *lk, const char *lv, const char *s)
{
	push(metric, lk, lv);
	recs[nrecs - 1].vtype = FS_V_STRING;
	recs[nrecs - 1].s = (char *)s;
}

/* the bytes fluxstat-report writes (its document()) */
static void
document(struct fs_buf *b, const char *id, const char *from, const char *to,
    const char *gen, const char *trigger, const char *schema)
{
	size_t j;

	qsort(recs, nrecs, sizeof *recs, rec_cmp);
	fs_buf_adds(b, "{\"agent\":{\"name\":\"fluxstat\",\"version\":");
	fs_json_strz(b, PACKAGE_VERSION);
	fs_buf_adds(b, "},\"generated_at\":");
	fs_json_strz(b, gen);
	fs_buf_adds(b, ",\"installation_id\":");
	fs_json_strz(b, id);
	fs_buf_adds(b, ",\"metrics\":[");
	for (j = 0; j < nrecs; j++) {
		if (j > 0)
			fs_buf_addc(b, ',');
		fs_record_write(b, &recs[j]);
		free(recs[j].labels);
	}
	fs_buf_adds(b, "],\"period\":{\"from\":");
	fs_json_strz(b, from);
	fs_buf_adds(b, ",\"to\":");
	fs_json_strz(b, to);
	fs_buf_adds(b, "},\"schema\":");
	fs_json_strz(b, schema);
	fs_buf_adds(b, ",\"trigger\":");
	fs_json_strz(b, trigger);
	fs_buf_adds(b, "}\n");
	nrecs = 0;
}

static void
mkdirs(const char *p)
{
	char *s = fs_xstrdup(p), *q;

	for (q = s + 1; *q; q++)
		if (*q == '/') {
			*q = '\0';
			if (mkdir(s, 0755) != 0 && errno != EEXIST)
				fs_die(EX_CANTCREAT, "%s: %s", s, strerror(errno));
			*q = '/';
		}
	if (mkdir(s, 0755) != 0 && errno != EEXIST)
		fs_die(EX_CANTCREAT, "%s: %s", s, strerror(errno));
	free(s);
}

/* gzip as fluxstat-pack does: level 9, windowBits 15+16 (no name, mtime 0) */
static void
gz(struct fs_buf *out, const void *p, size_t n)
{
	z_stream z;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		fs_die(EX_SOFTWARE, "cannot start zlib");
	fs_buf_reset(out);
	fs_buf_grow(out, deflateBound(&z, n) + 64);
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out->p;
	z.avail_out = (uInt)out->cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		fs_die(EX_SOFTWARE, "zlib failed");
	out->len = z.total_out;
	deflateEnd(&z);
}

static void
put_file(const char *file, const void *p, size_t n)
{
	FILE *fp;

	if ((fp = fopen(file, "wb")) == NULL)
		fs_die(EX_CANTCREAT, "%s: %s", file, strerror(errno));
	if (fwrite(p, 1, n, fp) != n || fclose(fp) != 0)
		fs_die(EX_IOERR, "%s: %s", file, strerror(errno));
}

static void
write_gz(const char *dir, const char *id, const char *day, const void *p,
    size_t n)
{
	static struct fs_buf z = FS_BUF_INIT;
	static char last_id[37];

	gz(&z, p, n);
	fs_buf_reset(&path);
	fs_buf_printf(&path, "%s/installations/%s/reports", dir, id);
	if (strcmp(last_id, id) != 0) {
		mkdirs(path.p);
		snprintf(last_id, sizeof last_id, "%s", id);
	}
	fs_buf_printf(&path, "/%s.json.gz", day);
	put_file(path.p, z.p, z.len);
}

/* one hostile report: written under its own installation id and listed */
static void
hostile_one(const char *dir, int k, const char *kind, const char *file_id,
    const char *day, const void *p, size_t n, int raw)
{
	static struct fs_buf z = FS_BUF_INIT;
	char id[37];

	(void)k;
	snprintf(id, sizeof id, "%s", file_id);
	fs_buf_reset(&path);
	fs_buf_printf(&path, "%s/installations/%s/reports", dir, id);
	mkdirs(path.p);
	fs_buf_printf(&path, "/%s.json.gz", day);
	if (raw)
		put_file(path.p, p, n);
	else {
		gz(&z, p, n);
		put_file(path.p, z.p, z.len);
	}
	fprintf(hostile_list, "installations/%s/reports/%s.json.gz %s\n", id,
	    day, kind);
}

/*
 * Each hostile report is a good report of a fleet member's first day,
 * broken in one way, under an installation id of its own (so the good
 * fleet and the oracle are untouched): a gzip bomb, a truncated gzip, not
 * JSON, a wrong schema, an unknown metric, a label outside its vocabulary,
 * a personal value, a duplicated record, an id that is not its folder's, a
 * day that is not its file name's.
 */
static void
hostile(const char *dir)
{
	struct fs_buf doc = FS_BUF_INIT, z = FS_BUF_INIT, big = FS_BUF_INIT;
	char day[11], from[40], to[40], id[37], other[37];
	struct inst in;
	int64_t f, t;
	int k;
	char *q;

	fs_buf_reset(&path);
	fs_buf_printf(&path, "%s/hostile.txt", dir);
	if ((hostile_list = fopen(path.p, "w")) == NULL)
		fs_die(EX_CANTCREAT, "%s: %s", path.p, strerror(errno));
	day_name(0, day);
	fs_day_bounds(day, "UTC", &f, &t);
	fs_time_format_local(f, "UTC", from);
	fs_time_format_local(t, "UTC", to);
	for (k = 0; k < 10; k++) {
		make_inst(&in, 1000000 + k);
		snprintf(id, sizeof id, "%s", in.id);
		fs_buf_reset(&doc);
		nrecs = 0;
		add_s("install.version", NULL, NULL, "10.2.0");
		add("device.cpu.count", NULL, NULL, 8);
		switch (k) {
		case 0:	/* 64 MiB of spaces after a good start: a bomb */
			fs_buf_reset(&big);
			fs_buf_grow(&big, 64 << 20);
			memset(big.p, ' ', 64 << 20);
			big.len = 64 << 20;
			nrecs = 0;
			gz(&z, big.p, big.len);
			hostile_one(dir, k, "bomb", id, day, z.p, z.len, 1);
			continue;
		case 1:
			document(&doc, id, from, to, "2026-01-02T00:01:00Z",
			    "midnight", "fluxstat.report/1");
			gz(&z, doc.p, doc.len);
			hostile_one(dir, k, "truncated", id, day, z.p, z.len / 2, 1);
			continue;
		case 2:
			nrecs = 0;
			hostile_one(dir, k, "not_json", id, day,
			    "{\"schema\": \"fluxstat.report/1\", oops\n", 37, 0);
			continue;
		case 3:
			document(&doc, id, from, to, "2026-01-02T00:01:00Z",
			    "midnight", "fluxstat.report/2");
			break;
		case 4:
			add("usage.secret_sauce", NULL, NULL, 1);
			break;
		case 5:
			add("config.printers", "model", "Acme Printomat 9000", 1);
			break;
		case 6:
			add_s("device.cpu.model", NULL, NULL,
			    "Intel Xeon of jane.doe@example.com");
			break;
		case 7:
			push("device.cpu.count", NULL, NULL);
			recs[nrecs - 1].vtype = FS_V_INT;
			recs[nrecs - 1].i = 16;
			break;
		case 8:	/* the id inside is another one */
			break;
		case 9:	/* a good document filed under the next day */
			break;
		}
		if (k >= 4) {
			snprintf(other, sizeof other, "%s", id);
			if (k == 8)
				other[0] = other[0] == 'a' ? 'b' : 'a';
			document(&doc, other, from, to, "2026-01-02T00:01:00Z",
			    "midnight", "fluxstat.report/1");
		}
		q = day;
		if (k == 9) {
			static char d2[11];

			day_name(1, d2);
			q = d2;
		}
		hostile_one(dir, k, k == 3 ? "schema" : k == 4 ?
		    "unknown_metric" : k == 5 ? "label_value" : k == 6 ? "pii" :
		    k == 7 ? "duplicate" : k == 8 ? "installation_id" : "day",
		    id, q, doc.p, doc.len, 0);
	}
	if (fclose(hostile_list) != 0)
		fs_die(EX_IOERR, "hostile.txt: %s", strerror(errno));
	fs_buf_free(&doc);
	fs_buf_free(&z);
	fs_buf_free(&big);
}

/* the facts a vendor must be able to see, for the tests */
static void
planted(void)
{
	char up[11];

	day_name(ndays / 3, up);
	printf("{\"rollout_version\":\"%s\",\"rollout_from\":\"%s\","
	    "\"rare_version\":\"%s\",\"rare_printer\":\"%s\","
	    "\"unused_addon\":\"%s\",\"rising_error\":\"%s\","
	    "\"failing_source\":\"%s\",\"rare_installations\":2}\n",
	    NEW_VERSION, up, RARE_VERSION, RARE_PRINTER, UNUSED_ADDON,
	    RISING_ERROR, FAILING_SOURCE);
}
