/*
 * fluxstat-scrub: the privacy wall.  Passes on only the records the
 * catalogue allows, after the PII detectors had a look at every string.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

/* the rules a record is dropped by, as the summary names them */
enum { R_MALFORMED = FS_SCRUB_NRULES + FS_PII_COUNT, R_N };

static void	usage(FILE *, int) FS_NORETURN;
static int	scrub(const char *);
static void	summary(void);
static int	write_stats(FILE *, const char *);
static void	add_counts(struct fs_buf *, struct fs_map *);
static const char *rule_name(int);
static void	flush_out(int);

static const char *catalog_path;
static const char *stats_path;
static int quiet;

static struct fs_catalog *cat;
static struct fs_buf out = FS_BUF_INIT;
static unsigned long long nread, npassed, ndropped;
static size_t nremoved, nmapped;
static unsigned long long by_rule[R_N];
static unsigned long long *by_metric;	/* dropped, by catalogue index */

static const struct option longopts[] = {
	{ "catalog", required_argument, NULL, 'c' },
	{ "stats", required_argument, NULL, 's' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int
main(int argc, char *argv[])
{
	struct fs_confine conf = { NULL, NULL, 0, 0 };
	FILE *stats_fp = NULL;
	int c, rc = 0, st;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "c:s:qhV", longopts, NULL)) != -1)
		switch (c) {
		case 'c': catalog_path = optarg; break;
		case 's': stats_path = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': usage(stdout, 0);
		case 'V': fs_print_version(); return fs_close_stdout();
		default: usage(stderr, EX_USAGE);
		}
	argc -= optind;
	argv += optind;

	if ((cat = fs_catalog_load(catalog_path)) == NULL)
		return EX_CONFIG;
	by_metric = fs_xcalloc(cat->nmetrics + 1, sizeof *by_metric);
	/* the stats file is made now: once confined, only the inputs can
	 * be opened */
	if (stats_path != NULL && (stats_fp = fopen(stats_path, "w")) == NULL)
		fs_warn_at(stats_path, 0, "%s", strerror(errno));
	conf.read = (const char *const *)argv;
	if (fs_confine(&conf) != 0)
		return EX_SOFTWARE;
	if (argc == 0)
		rc = scrub("-");
	for (; argc > 0; argc--, argv++)
		if ((st = scrub(*argv)) != 0 && (rc == 0 || rc == EX_DATAERR))
			rc = st;
	flush_out(1);
	if (!quiet)
		summary();
	if (stats_path != NULL && write_stats(stats_fp, stats_path) != 0 &&
	    rc == 0)
		rc = EX_CANTCREAT;
	if (by_rule[R_MALFORMED] > 0 && rc == 0)
		rc = EX_DATAERR;
	fs_catalog_free(cat);
	free(by_metric);
	fs_buf_free(&out);
	if ((st = fs_close_stdout()) != 0)
		return st;
	return rc;
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-q] [-c catalog] [-s stats.json] [file ...]\n"
	    "Pass on only the metric records the catalogue allows, with label\n"
	    "values outside their vocabulary mapped to the fallback, and drop\n"
	    "every record in which a PII detector fires.\n"
	    "  -c, --catalog FILE  the catalogue (default: catalog.json in the share folder)\n"
	    "  -s, --stats FILE    also write the summary to FILE as JSON\n"
	    "  -q, --quiet         no summary on standard error\n"
	    "  -h, --help          this help\n"
	    "  -V, --version       the version\n"
	    "Exit: 0, 65 a malformed line was dropped, 66 a file is missing, 73 the\n"
	    "stats file could not be written, 74 I/O error, 78 bad catalogue.\n",
	    fs_progname);
	exit(fp == stdout ? fs_close_stdout() : status);
}

/*
 * One line is one record.  A line that is not a record is dropped and
 * named by its place only: its text may be the very data this program
 * exists to hold back.
 */
static int
scrub(const char *path)
{
	struct fs_lines l;
	struct fs_record r;
	struct fs_jerr err;
	const struct fs_cat_metric *m;
	enum fs_scrub_rule rule;
	enum fs_pii pii;
	char *line;
	ssize_t n, i;

	if (fs_lines_open(&l, path) != 0)
		return EX_NOINPUT;
	while ((n = fs_lines_next(&l, &line)) >= 0) {
		for (i = 0; i < n && (line[i] == ' ' || line[i] == '\t'); i++)
			;
		if (i == n)
			continue;
		nread++;
		memset(&r, 0, sizeof r);
		if (fs_record_parse(line, (size_t)n, &r, &err) != 0) {
			fs_warn_at(l.name, l.lineno, "dropped: not a record: %s",
			    err.msg);
			by_rule[R_MALFORMED]++;
			ndropped++;
			continue;
		}
		rule = fs_catalog_scrub(cat, &r, &m, &pii, &nremoved, &nmapped);
		if (rule == FS_SCRUB_OK) {
			fs_record_write(&out, &r);
			fs_buf_addc(&out, '\n');
			npassed++;
			flush_out(0);
		} else {
			by_rule[rule == FS_SCRUB_PII ? FS_SCRUB_NRULES + pii :
			    rule]++;
			if (m != NULL)
				by_metric[m - cat->metrics]++;
			ndropped++;
		}
		fs_record_free(&r);
	}
	fs_lines_close(&l);
	if (n == -2)
		return EX_IOERR;
	return 0;
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

static const char *
rule_name(int k)
{
	static char name[32];

	if (k == R_MALFORMED)
		return "malformed";
	if (k >= FS_SCRUB_NRULES) {
		snprintf(name, sizeof name, "pii_%s",
		    fs_pii_name((enum fs_pii)(k - FS_SCRUB_NRULES)));
		return name;
	}
	return fs_scrub_rule_name((enum fs_scrub_rule)k);
}

/* the counts only: never a dropped value, never an uncatalogued name
 * (a metric name made up upstream could itself be personal) */
static void
summary(void)
{
	struct fs_buf b = FS_BUF_INIT;
	const char *sep = " (";
	size_t k;

	fs_buf_printf(&b, "%llu records: %llu passed, %llu dropped", nread,
	    npassed, ndropped);
	for (k = 0; k < R_N; k++)
		if (by_rule[k] > 0) {
			fs_buf_printf(&b, "%s%s %llu", sep, rule_name((int)k),
			    by_rule[k]);
			sep = ", ";
		}
	if (*sep == ',')
		fs_buf_adds(&b, ")");
	fs_buf_printf(&b, "; %zu labels removed, %zu values mapped to a "
	    "fallback", nremoved, nmapped);
	fs_warnx("%s", b.p);
	fs_buf_reset(&b);
	sep = "dropped by metric: ";
	for (k = 0; k < cat->nmetrics; k++)
		if (by_metric[k] > 0) {
			fs_buf_printf(&b, "%s%s %llu", sep, cat->metrics[k].name,
			    by_metric[k]);
			sep = ", ";
		}
	if (b.len > 0)
		fs_warnx("%s", b.p);
	fs_buf_free(&b);
}

/* a JSON object of counts, keys sorted for stable bytes */
static void
add_counts(struct fs_buf *b, struct fs_map *idx)
{
	const char **names = fs_map_keys(idx);
	size_t k;

	fs_buf_addc(b, '{');
	for (k = 0; names[k] != NULL; k++) {
		if (k > 0)
			fs_buf_addc(b, ',');
		fs_json_strz(b, names[k]);
		fs_buf_printf(b, ":%llu", *(unsigned long long *)
		    fs_map_get(idx, names[k], strlen(names[k])));
	}
	fs_buf_addc(b, '}');
	free(names);
	fs_map_free(idx, NULL);
}

static int
write_stats(FILE *fp, const char *path)
{
	struct fs_buf b = FS_BUF_INIT;
	struct fs_map *idx;
	const char *name;
	size_t k;
	int bad;

	fs_buf_printf(&b, "{\"dropped\":%llu,\"dropped_by_metric\":", ndropped);
	idx = fs_map_new();
	for (k = 0; k < cat->nmetrics; k++)
		if (by_metric[k] > 0)
			*fs_map_slot(idx, cat->metrics[k].name,
			    strlen(cat->metrics[k].name), NULL) = &by_metric[k];
	add_counts(&b, idx);
	fs_buf_adds(&b, ",\"dropped_by_rule\":");
	idx = fs_map_new();
	for (k = 0; k < R_N; k++)
		if (by_rule[k] > 0) {
			name = rule_name((int)k);
			*fs_map_slot(idx, name, strlen(name), NULL) = &by_rule[k];
		}
	add_counts(&b, idx);
	fs_buf_printf(&b, ",\"labels_removed\":%zu,\"passed\":%llu,"
	    "\"read\":%llu,\"values_mapped\":%zu}\n", nremoved, npassed,
	    nread, nmapped);
	if (fp == NULL) {	/* the message was given when it was opened */
		fs_buf_free(&b);
		return -1;
	}
	bad = fwrite(b.p, 1, b.len, fp) != b.len;
	bad |= fclose(fp) != 0;
	if (bad)
		fs_warn_at(path, 0, "write error");
	fs_buf_free(&b);
	return bad ? -1 : 0;
}
