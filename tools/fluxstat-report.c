/*
 * fluxstat-report: merge scrubbed records into the one report document
 * (fluxstat(7), "The record"), or a table of it for people, or the
 * catalogue as text (fluxstat-catalog(7)).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <time.h>

#include "fluxstat.h"

struct entry {
	struct fs_record r;
	const struct fs_cat_metric *m;
};

static void	usage(FILE *, int) FS_NORETURN;
static void	check_options(void);
static void	report(struct fs_buf *, int, char **);
static void	read_records(const char *);
static void	merge(struct fs_record *, const struct fs_cat_metric *,
		    const char *, long);
static int	same_number(const struct fs_record *, const struct fs_record *);
static void	add_zeros(void);
static struct entry **sorted(size_t *);
static void	document(struct fs_buf *, struct entry **, size_t);
static void	table(struct fs_buf *, struct entry **, size_t);
static void	catalog_doc(struct fs_buf *);
static void	catalog_man(struct fs_buf *);
static void	man_date(char *, size_t);
static void	doc_value(struct fs_buf *, const struct fs_cat_metric *);
static void	words_doc(struct fs_buf *, const char *, const char *);
static int	doc_format(const char *);
static void	value_text(struct fs_buf *, const struct fs_record *);
static void	labels_text(struct fs_buf *, const struct fs_record *);
static FS_NORETURN void two_values(const char *, const struct fs_cat_metric *,
		    const struct fs_record *, const char *, long);
static void	free_entry(void *);

static const char *from_arg, *to_arg, *trigger = "manual";
static const char *catalog_path, *generated_arg;
static char *install_id;
static int64_t generated;
static char generated_utc[32];
static int want_table;
static enum { DOC_NONE, DOC_MARKDOWN, DOC_MAN } want_doc;

static struct fs_catalog *cat;
static struct fs_map *entries;		/* metric + labels: struct entry */
static struct fs_buf key = FS_BUF_INIT;

enum { O_FROM = 256, O_TO, O_ID, O_TRIGGER, O_GENERATED, O_TABLE, O_DOC };
static const struct option longopts[] = {
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ "installation-id", required_argument, NULL, O_ID },
	{ "trigger", required_argument, NULL, O_TRIGGER },
	{ "catalog", required_argument, NULL, 'c' },
	{ "generated-at", required_argument, NULL, O_GENERATED },
	{ "table", no_argument, NULL, O_TABLE },
	{ "catalog-doc", optional_argument, NULL, O_DOC },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int
main(int argc, char *argv[])
{
	struct fs_buf out = FS_BUF_INIT;
	int c;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "c:hV", longopts, NULL)) != -1)
		switch (c) {
		case O_FROM: from_arg = optarg; break;
		case O_TO: to_arg = optarg; break;
		case O_ID: install_id = optarg; break;
		case O_TRIGGER: trigger = optarg; break;
		case 'c': catalog_path = optarg; break;
		case O_GENERATED: generated_arg = optarg; break;
		case O_TABLE: want_table = 1; break;
		case O_DOC: want_doc = doc_format(optarg); break;
		case 'h': usage(stdout, 0);
		case 'V': fs_print_version(); return fs_close_stdout();
		default: usage(stderr, EX_USAGE);
		}
	argc -= optind;
	argv += optind;

	if ((cat = fs_catalog_load(catalog_path)) == NULL)
		return EX_CONFIG;
	if (want_doc == DOC_MARKDOWN)
		catalog_doc(&out);
	else if (want_doc == DOC_MAN)
		catalog_man(&out);
	else
		report(&out, argc, argv);
	/* everything was checked before the first byte goes out */
	if (fwrite(out.p, 1, out.len, stdout) != out.len)
		fs_die(EX_IOERR, "write error on standard output: %s",
		    strerror(errno));
	fs_buf_free(&out);
	fs_buf_free(&key);
	fs_catalog_free(cat);
	return fs_close_stdout();
}

/* the options of a report; any fault is a usage error (64) */
static void
check_options(void)
{
	struct fs_vocab *triggers;
	int64_t from, to;
	char *path;

	if (from_arg == NULL || to_arg == NULL || install_id == NULL) {
		fs_warnx("--from, --to and --installation-id are required");
		usage(stderr, EX_USAGE);
	}
	if (fs_time_parse_iso(from_arg, strlen(from_arg), &from) != 0 ||
	    fs_time_parse_iso(to_arg, strlen(to_arg), &to) != 0)
		fs_die(EX_USAGE, "--from and --to must be ISO-8601 instants "
		    "with an offset, e.g. 2026-11-29T00:00:00+01:00");
	if (from >= to)
		fs_die(EX_USAGE, "--from must be before --to");
	if (!fs_id_valid(install_id))
		fs_die(EX_USAGE, "--installation-id: not a UUID "
		    "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
	if (asprintf(&path, "%s/vocab/triggers.txt", cat->dir) < 0)
		fs_die(EX_OSERR, "out of memory");
	if ((triggers = fs_vocab_load(path)) == NULL)
		exit(EX_CONFIG);
	free(path);
	if (!fs_vocab_has(triggers, trigger, strlen(trigger)))
		fs_die(EX_USAGE, "--trigger must be midnight, startup or manual");
	fs_vocab_free(triggers);
	if (generated_arg != NULL) {
		if (fs_time_parse_iso(generated_arg, strlen(generated_arg),
		    &generated) != 0)
			fs_die(EX_USAGE, "--generated-at: not an ISO-8601 instant");
	} else
		generated = (int64_t)time(NULL) * 1000;
}

static void
report(struct fs_buf *out, int argc, char *argv[])
{
	struct entry **list;
	size_t n;
	struct fs_confine conf = { NULL, NULL, 0, 0 };

	check_options();
	conf.read = (const char *const *)argv;
	if (fs_confine(&conf) != 0)
		exit(EX_SOFTWARE);
	entries = fs_map_new();
	if (argc == 0)
		read_records("-");
	for (; argc > 0; argc--, argv++)
		read_records(*argv);
	add_zeros();
	list = sorted(&n);
	fs_time_format_utc(generated, generated_utc);
	if (want_table)
		table(out, list, n);
	else
		document(out, list, n);
	free(list);
	fs_map_free(entries, free_entry);
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s --from ISO --to ISO --installation-id UUID [--trigger T]\n"
	    "       [-c catalog] [--generated-at ISO] [--table] [file ...]\n"
	    "       %s --catalog-doc[=markdown|man] [-c catalog]\n"
	    "Merge scrubbed metric records into one report document.\n"
	    "  --from, --to ISO        the period, as given (ISO-8601 with offset)\n"
	    "  --installation-id UUID  this installation's id\n"
	    "  --trigger T             midnight, startup or manual (default manual)\n"
	    "  -c, --catalog FILE      the catalogue (default: catalog.json in the share folder)\n"
	    "  --generated-at ISO      the instant to write as generated_at (default: now)\n"
	    "  --table                 a table for people instead of the document\n"
	    "  --catalog-doc[=FORMAT]  print what may be sent, from the catalogue, as\n"
	    "                          markdown (the default) or a man(7) page\n"
	    "  -h, --help              this help\n"
	    "  -V, --version           the version\n"
	    "Exit: 0, 64 usage, 65 bad or conflicting records, 66 a file is missing,\n"
	    "74 I/O error, 78 bad catalogue.\n",
	    fs_progname, fs_progname);
	exit(fp == stdout ? fs_close_stdout() : status);
}

/*
 * The report trusts only what fluxstat-scrub passed: a record the
 * catalogue would change or drop is an error here, not silently fixed,
 * since it means a stage was skipped.  Messages name the place, the rule
 * and (for catalogued metrics) the metric, never a value.
 */
static void
read_records(const char *path)
{
	struct fs_lines l;
	struct fs_record r;
	struct fs_jerr err;
	const struct fs_cat_metric *m;
	enum fs_scrub_rule rule;
	enum fs_pii pii;
	size_t removed, mapped;
	char *line;
	ssize_t n, i;

	if (fs_lines_open(&l, path) != 0)
		exit(EX_NOINPUT);
	while ((n = fs_lines_next(&l, &line)) >= 0) {
		for (i = 0; i < n && (line[i] == ' ' || line[i] == '\t'); i++)
			;
		if (i == n)
			continue;
		memset(&r, 0, sizeof r);
		if (fs_record_parse(line, (size_t)n, &r, &err) != 0)
			fs_die_at(EX_DATAERR, l.name, l.lineno, "not a record: %s",
			    err.msg);
		removed = mapped = 0;
		rule = fs_catalog_scrub(cat, &r, &m, &pii, &removed, &mapped);
		if (rule == FS_SCRUB_NOT_CATALOGUED)
			fs_die_at(EX_DATAERR, l.name, l.lineno, "a metric not in "
			    "the catalogue (is fluxstat-scrub missing upstream?)");
		if (rule != FS_SCRUB_OK || removed > 0 || mapped > 0)
			fs_die_at(EX_DATAERR, l.name, l.lineno, "%s: not a scrubbed "
			    "record (%s%s%s)", m->name, rule == FS_SCRUB_OK ?
			    (removed > 0 ? "undeclared label" : "value outside its "
			    "vocabulary") : fs_scrub_rule_name(rule),
			    rule == FS_SCRUB_PII ? " " : "",
			    rule == FS_SCRUB_PII ? fs_pii_name(pii) : "");
		merge(&r, m, l.name, l.lineno);
	}
	if (n == -2)
		exit(EX_IOERR);
	fs_lines_close(&l);
}

static void
merge(struct fs_record *r, const struct fs_cat_metric *m, const char *file,
    long line)
{
	struct entry *e;
	struct fs_record *have;
	void **slot;
	size_t i;
	int created;

	fs_buf_reset(&key);
	fs_buf_adds(&key, r->metric);
	for (i = 0; i < r->nlabels; i++) {
		fs_buf_addc(&key, '\001');
		fs_buf_adds(&key, r->labels[i].key);
		fs_buf_addc(&key, '\002');
		fs_buf_adds(&key, r->labels[i].val);
	}
	slot = fs_map_slot(entries, key.p, key.len, &created);
	if (created) {
		e = fs_xcalloc(1, sizeof *e);
		e->r = *r;
		e->m = m;
		*slot = e;
		return;
	}
	e = *slot;
	have = &e->r;
	switch (m->kind) {
	case FS_KIND_COUNTER:
		if (have->vtype == FS_V_INT && r->vtype == FS_V_INT) {
			if (__builtin_add_overflow(have->i, r->i, &have->i))
				fs_die_at(EX_DATAERR, file, line,
				    "%s: the sum overflows", m->name);
		} else {
			double a = have->vtype == FS_V_INT ? (double)have->i : have->d;
			double b = r->vtype == FS_V_INT ? (double)r->i : r->d;

			have->vtype = FS_V_DOUBLE;
			have->d = a + b;
		}
		break;
	case FS_KIND_GAUGE:
		if (!same_number(have, r))
			two_values("gauge", m, r, file, line);
		break;
	case FS_KIND_INFO:
		if (strcmp(have->s, r->s) != 0)
			two_values("info", m, r, file, line);
		break;
	}
	fs_record_free(r);
}

/* a gauge or an info given two different values for one label set */
static void
two_values(const char *kind, const struct fs_cat_metric *m,
    const struct fs_record *r, const char *file, long line)
{
	struct fs_buf lb = FS_BUF_INIT;

	labels_text(&lb, r);
	fs_die_at(EX_DATAERR, file, line, "%s %s%s%s%s has two different values",
	    kind, m->name, lb.len ? " {" : "", lb.len ? lb.p : "",
	    lb.len ? "}" : "");
}

static int
same_number(const struct fs_record *a, const struct fs_record *b)
{
	if (a->vtype == FS_V_INT && b->vtype == FS_V_INT)
		return a->i == b->i;
	return (a->vtype == FS_V_INT ? (double)a->i : a->d) ==
	    (b->vtype == FS_V_INT ? (double)b->i : b->d);
}

/* the catalogue's rule: a metric without labels is always present, 0 when
 * nothing happened (infos excepted: a missing string is not invented) */
static void
add_zeros(void)
{
	size_t k;
	int created;
	void **slot;

	for (k = 0; k < cat->nmetrics; k++) {
		const struct fs_cat_metric *m = &cat->metrics[k];
		struct entry *e;

		if (m->kind == FS_KIND_INFO || m->nlabels > 0)
			continue;
		slot = fs_map_slot(entries, m->name, strlen(m->name), &created);
		if (!created)
			continue;
		e = fs_xcalloc(1, sizeof *e);
		e->r.metric = fs_xstrdup(m->name);
		e->r.vtype = FS_V_INT;
		e->r.i = 0;
		e->m = m;
		*slot = e;
	}
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a;
	const struct entry *y = *(struct entry *const *)b;

	return fs_record_cmp(&x->r, &y->r);
}

static struct entry **
sorted(size_t *np)
{
	const char **keys = fs_map_keys(entries);
	struct entry **list;
	size_t n = fs_map_count(entries), i;

	list = fs_xcalloc(n + 1, sizeof *list);
	for (i = 0; i < n; i++)
		list[i] = fs_map_get(entries, keys[i], strlen(keys[i]));
	free(keys);
	qsort(list, n, sizeof *list, entry_cmp);
	*np = n;
	return list;
}

/* canonical bytes: keys sorted, no spaces, one trailing newline */
static void
document(struct fs_buf *b, struct entry **list, size_t n)
{
	size_t i;

	fs_buf_adds(b, "{\"agent\":{\"name\":\"fluxstat\",\"version\":");
	fs_json_strz(b, PACKAGE_VERSION);
	fs_buf_adds(b, "},\"generated_at\":");
	fs_json_strz(b, generated_utc);
	fs_buf_adds(b, ",\"installation_id\":");
	fs_json_strz(b, install_id);
	fs_buf_adds(b, ",\"metrics\":[");
	for (i = 0; i < n; i++) {
		if (i > 0)
			fs_buf_addc(b, ',');
		fs_record_write(b, &list[i]->r);
	}
	fs_buf_adds(b, "],\"period\":{\"from\":");
	fs_json_strz(b, from_arg);
	fs_buf_adds(b, ",\"to\":");
	fs_json_strz(b, to_arg);
	fs_buf_adds(b, "},\"schema\":\"fluxstat.report/1\",\"trigger\":");
	fs_json_strz(b, trigger);
	fs_buf_adds(b, "}\n");
}

static void
value_text(struct fs_buf *b, const struct fs_record *r)
{
	switch (r->vtype) {
	case FS_V_INT:
		fs_json_int(b, r->i);
		break;
	case FS_V_DOUBLE:
		if (fs_json_double(b, r->d) != 0)
			fs_buf_adds(b, "?");
		break;
	case FS_V_STRING:
		fs_buf_adds(b, r->s);
		break;
	}
}

static void
labels_text(struct fs_buf *b, const struct fs_record *r)
{
	size_t i;

	for (i = 0; i < r->nlabels; i++)
		fs_buf_printf(b, "%s%s=%s", i > 0 ? " " : "", r->labels[i].key,
		    r->labels[i].val);
}

/* the same report for people: sections in catalogue order, then rows in
 * report order, columns aligned over the whole table */
static void
table(struct fs_buf *b, struct entry **list, size_t n)
{
	struct fs_buf lb = FS_BUF_INIT;
	size_t s, i, wm = strlen("metric"), wl = strlen("labels"), len;
	int any;

	for (i = 0; i < n; i++) {
		if ((len = strlen(list[i]->r.metric)) > wm)
			wm = len;
		fs_buf_reset(&lb);
		labels_text(&lb, &list[i]->r);
		if (lb.len > wl)
			wl = lb.len;
	}
	fs_buf_printf(b, "fluxstat report: installation %s, trigger %s\n",
	    install_id, trigger);
	fs_buf_printf(b, "period %s to %s, generated %s\n", from_arg, to_arg,
	    generated_utc);
	for (s = 0; s < cat->nsections; s++) {
		any = 0;
		for (i = 0; i < n; i++) {
			if (list[i]->m->section != cat->sections[s].id)
				continue;
			if (!any)
				fs_buf_printf(b, "\n%s\n  %-*s  %-*s  %s\n",
				    cat->sections[s].title, (int)wm, "metric",
				    (int)wl, "labels", "value");
			any = 1;
			fs_buf_reset(&lb);
			labels_text(&lb, &list[i]->r);
			fs_buf_printf(b, "  %-*s  %-*s  ", (int)wm,
			    list[i]->r.metric, (int)wl, lb.len ? lb.p : "");
			value_text(b, &list[i]->r);
			fs_buf_addc(b, '\n');
		}
	}
	fs_buf_free(&lb);
}

static void
words_doc(struct fs_buf *b, const char *vocab_name, const char *fallback)
{
	char **w = fs_catalog_words(cat, vocab_name);
	size_t i;

	if (w == NULL)
		exit(EX_CONFIG);
	for (i = 0; w[i] != NULL; i++) {
		fs_buf_printf(b, "%s%s", i > 0 ? ", " : "", w[i]);
		free(w[i]);
	}
	free(w);
	if (fallback != NULL)
		fs_buf_printf(b, "; any other value is sent as %s", fallback);
	else
		fs_buf_adds(b, "; nothing else");
}

/* what a metric's value may be, in words */
static void
doc_value(struct fs_buf *b, const struct fs_cat_metric *m)
{
	size_t i;

	switch (m->check) {
	case FS_CV_NUMBER:
		fs_buf_printf(b, "a whole number from %lld to %lld (any other "
		    "is not sent)", (long long)m->min, (long long)m->max);
		if (m->nlabels == 0)
			fs_buf_adds(b, "; always sent, 0 when there is none");
		break;
	case FS_CV_VOCAB:
		words_doc(b, m->vocab_name, m->fallback);
		break;
	case FS_CV_PATTERN:
	case FS_CV_TEXT:
		fs_buf_printf(b, "%s; at most %zu characters", m->value_doc,
		    m->max_length);
		break;
	case FS_CV_VERSION:
		fs_buf_printf(b, "%s; at most %zu characters", m->value_doc,
		    m->max_length);
		for (i = 0; m->words != NULL && m->words[i] != NULL; i++)
			fs_buf_printf(b, "%s%s", i == 0 ? "; or " : ", ",
			    m->words[i]);
		break;
	}
}

/*
 * What may be sent, as markdown, for the README, the man pages and the
 * installed what-is-sent.md.  Generated from the catalogue so that the
 * words people read are the rules the scrubber enforces.
 */
static void
catalog_doc(struct fs_buf *b)
{
	size_t s, k, j;

	fs_buf_adds(b,
	    "<!-- generated by fluxstat-report --catalog-doc from "
	    "share/catalog.json; do not edit -->\n"
	    "## What is sent\n\n"
	    "Each report holds only the metrics below, with only the labels "
	    "and values listed.  Anything else never leaves the machine: "
	    "fluxstat-scrub drops it, and drops any record in which it finds "
	    "an email address, phone number, IBAN, payment card number, IP "
	    "or MAC address, URL with a user name, home folder path, or a "
	    "serial number or token, and any number outside its metric's "
	    "range.  Around the metrics the report carries "
	    "its schema, the installation's random id, the agent's name and "
	    "version, the trigger (midnight, startup or manual), the period "
	    "and the time it was made.\n");
	for (s = 0; s < cat->nsections; s++) {
		fs_buf_printf(b, "\n### %s (%s)\n\n", cat->sections[s].title,
		    cat->sections[s].source != NULL ? cat->sections[s].source :
		    "");
		fs_buf_adds(b, "| metric | kind | what | labels | value |\n"
		    "| --- | --- | --- | --- | --- |\n");
		for (k = 0; k < cat->nmetrics; k++) {
			const struct fs_cat_metric *m = &cat->metrics[k];

			if (m->section != cat->sections[s].id)
				continue;
			fs_buf_printf(b, "| `%s` | %s | %s | ", m->name,
			    fs_kind_name(m->kind), m->description);
			if (m->nlabels == 0)
				fs_buf_adds(b, "none");
			for (j = 0; j < m->nlabels; j++) {
				fs_buf_printf(b, "%s`%s`: ", j > 0 ? "<br>" : "",
				    m->labels[j].name);
				words_doc(b, m->labels[j].vocab_name,
				    m->labels[j].fallback);
			}
			fs_buf_adds(b, " | ");
			doc_value(b, m);
			fs_buf_adds(b, " |\n");
		}
	}
}

static int
doc_format(const char *arg)
{
	if (arg == NULL || strcmp(arg, "markdown") == 0)
		return DOC_MARKDOWN;
	if (strcmp(arg, "man") == 0)
		return DOC_MAN;
	fs_die(EX_USAGE, "--catalog-doc: the format is markdown or man");
}

/* text for roff: backslashes and minus signs escaped, and a line never
 * starts with a control character */
static void
roff(struct fs_buf *b, const char *s)
{
	fs_buf_adds(b, "\\&");
	for (; *s != '\0'; s++)
		if (*s == '\\')
			fs_buf_adds(b, "\\e");
		else if (*s == '-')
			fs_buf_adds(b, "\\-");
		else if (*s == '\n')
			fs_buf_adds(b, "\n\\&");
		else
			fs_buf_addc(b, *s);
}

/* the same list as catalog_doc, as the man page fluxstat-catalog(7) */
static void
catalog_man(struct fs_buf *b)
{
	struct fs_buf t = FS_BUF_INIT;
	size_t s, k, j;
	char date[64];

	man_date(date, sizeof date);
	fs_buf_printf(b, ".\\\" generated by fluxstat-report --catalog-doc=man "
	    "from share/catalog.json; do not edit\n"
	    ".TH FLUXSTAT-CATALOG 7 \"%s\" \"fluxstat %s\"\n"
	    ".SH NAME\nfluxstat-catalog \\- what fluxstat may send\n"
	    ".SH DESCRIPTION\n", date, PACKAGE_VERSION);
	roff(b, "Each report holds only the metrics below, with only the "
	    "labels and values listed.  Anything else never leaves the "
	    "machine: fluxstat-scrub drops it, and drops any record in which "
	    "it finds an email address, phone number, IBAN, payment card "
	    "number, IP or MAC address, URL with a user name, home folder "
	    "path, or a serial number or token, and any number outside its "
	    "metric's range.  Around the metrics the report "
	    "carries its schema, the installation's random id, the agent's "
	    "name and version, the trigger (midnight, startup or manual), the "
	    "period and the time it was made.");
	fs_buf_addc(b, '\n');
	for (s = 0; s < cat->nsections; s++) {
		fs_buf_adds(b, ".SS ");
		fs_buf_reset(&t);
		fs_buf_printf(&t, "%s (%s)", cat->sections[s].title,
		    cat->sections[s].source != NULL ? cat->sections[s].source : "");
		roff(b, t.p);
		fs_buf_addc(b, '\n');
		for (k = 0; k < cat->nmetrics; k++) {
			const struct fs_cat_metric *m = &cat->metrics[k];

			if (m->section != cat->sections[s].id)
				continue;
			fs_buf_adds(b, ".TP\n.B ");
			roff(b, m->name);
			fs_buf_addc(b, '\n');
			fs_buf_reset(&t);
			fs_buf_printf(&t, "%s: %s.", fs_kind_name(m->kind),
			    m->description);
			roff(b, t.p);
			for (j = 0; j < m->nlabels; j++) {
				fs_buf_adds(b, "\n.br\n");
				fs_buf_reset(&t);
				fs_buf_printf(&t, "Label %s: ", m->labels[j].name);
				words_doc(&t, m->labels[j].vocab_name,
				    m->labels[j].fallback);
				fs_buf_addc(&t, '.');
				roff(b, t.p);
			}
			fs_buf_adds(b, "\n.br\n");
			fs_buf_reset(&t);
			fs_buf_adds(&t, "Value: ");
			doc_value(&t, m);
			fs_buf_addc(&t, '.');
			roff(b, t.p);
			fs_buf_addc(b, '\n');
		}
	}
	fs_buf_adds(b, ".SH SEE ALSO\n.BR fluxstat-inventory (1),\n"
	    ".BR fluxstat-report (1),\n.BR fluxstat-scrub (1),\n"
	    ".BR fluxstat (7),\n.BR fluxstat-stores (7)\n");
	fs_buf_free(&t);
}

/* The page's date is the catalogue's, so that the same catalogue makes
 * the same page: $SOURCE_DATE_EPOCH when a build sets it (reproducible
 * builds), else the catalogue file's modification time. */
static void
man_date(char *out, size_t n)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end, *path;
	struct stat st;
	time_t t = 0;
	struct tm tm;

	if (sde != NULL && *sde != '\0') {
		errno = 0;
		t = (time_t)strtoll(sde, &end, 10);
		if (errno != 0 || *end != '\0' || t < 0)
			fs_die(EX_USAGE, "SOURCE_DATE_EPOCH: not a number of "
			    "seconds: %s", sde);
	} else {
		path = fs_share_path(catalog_path != NULL ? catalog_path :
		    "catalog.json");
		if (stat(path, &st) == 0)
			t = st.st_mtime;
		free(path);
	}
	if (gmtime_r(&t, &tm) == NULL || strftime(out, n, "%B %-d, %Y", &tm) == 0)
		fs_die(EX_SOFTWARE, "cannot format the date of the page");
}

static void
free_entry(void *p)
{
	struct entry *e = p;

	fs_record_free(&e->r);
	free(e);
}
