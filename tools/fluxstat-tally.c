/*
 * fluxstat-tally: count or sum NDJSON rows, grouped by fields, into metric
 * records.
 *
 * Every row is validated in full by the library's strict JSON reader, then
 * only the fields the options name are looked at.  Groups live in a hash
 * table keyed by their label values, so memory grows with the number of
 * groups, never with the number of rows.  Records are written only at the
 * end, sorted, and only when no row was bad (or --skip-bad was given): a
 * run that saw bad data leaves nothing half-true on stdout.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

/* the label values of a group are joined by this byte in its key: it never
 * occurs in valid UTF-8, and label values are checked to be valid UTF-8 */
#define KEYSEP	'\xff'
/* bad rows reported one by one; the rest are counted */
#define MAXBADSHOWN	20
/* the stdio buffer of an input */
#define IOBUFSIZE	(256 * 1024)

/*
 * A field the options name.  The validating pass over a row also finds
 * the first part of every path (the first member of a name wins, as with
 * fs_json_get); the rest of a dotted path is looked up from there.
 */
struct field {
	const char *path;
	size_t ki;		/* its first part in heads[] */
	const char *rest;	/* after the first dot, or NULL */
};

struct by {
	const char *path;	/* dotted path in the row */
	size_t fi;		/* its index in fields[] */
	const char *label;
	const char *vocabfile;	/* --vocab, as given */
	struct fs_vocab *vocab;
	const char *fallback;	/* outside the vocabulary, or missing/null */
};

struct where {
	const char *path;
	size_t fi;
	const char *val;
	size_t n;
};

struct group {
	char *key;		/* label values joined by KEYSEP */
	size_t keylen;
	int isdouble;		/* a value was not an exact integer, or overflowed */
	int64_t i;
	double d;
};

static void usage(FILE *fp);
static int parse_options(int argc, char **argv);
static void tally_file(const char *path);
static void tally_row(const char *file, long lineno, const char *line, size_t n);
static int row_text(struct fs_jspan v, struct fs_buf *out);
static int add_label_value(struct by *b, struct fs_buf *key);
static void add_value(struct group *g, struct fs_jspan v);
static void bad_row(const char *file, long lineno, const char *fmt, ...)
    FS_PRINTF(3, 4);
static int valid_name(const char *s, int dots);
static size_t add_field(const char *path);
static void find_fields(void);
static void write_records(void);
static int cmp_records(const void *a, const void *b);

static const char *metric;
static struct by *bys;
static size_t nbys;
static struct where *wheres;
static size_t nwheres;
static const char *sumfield;
static const char *timefield;
static size_t sumfi, timefi;

static struct field *fields;
static size_t nfields;
static struct fs_jkey *heads;	/* the distinct first parts of the paths */
static size_t nheads;
static struct fs_jspan *hval;	/* their values in this row */
static struct fs_jspan *fval;	/* the value of each field in this row */
static char *fhas;		/* 1 when the row has the field */
static int64_t tfrom, tto;
static int hasfrom, hasto;
static int skipbad;

static struct fs_map *groups;
static struct group **glist;	/* the groups in order of creation */
static size_t nglist, capglist;
static struct group total;	/* the only group when there is no --by */
static struct fs_buf keybuf = FS_BUF_INIT;
static long nbad;
static char *filebuf, *stdinbuf;	/* IOBUFSIZE each, once needed */

static const struct option longopts[] = {
	{ "metric", required_argument, NULL, 'm' },
	{ "by", required_argument, NULL, 'b' },
	{ "sum", required_argument, NULL, 's' },
	{ "where", required_argument, NULL, 'w' },
	{ "time", required_argument, NULL, 't' },
	{ "from", required_argument, NULL, 'F' },
	{ "to", required_argument, NULL, 'T' },
	{ "vocab", required_argument, NULL, 'v' },
	{ "fallback", required_argument, NULL, 'f' },
	{ "skip-bad", no_argument, NULL, 'k' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: %s --metric NAME [--by FIELD[=LABEL]]... [--sum FIELD]\n"
"       [--where FIELD=VALUE]... [--time FIELD --from INSTANT --to INSTANT]\n"
"       [--vocab LABEL=FILE]... [--fallback LABEL=WORD]... [--skip-bad]\n"
"       [FILE...]\n"
"Count (or sum FIELD over) the NDJSON rows of FILE (or stdin), grouped by\n"
"the --by fields, and print one metric record per group.\n"
"  --metric NAME        the record's metric name\n"
"  --by FIELD[=LABEL]   group by FIELD (dotted path); label name LABEL\n"
"                       (default: the path's last part)\n"
"  --sum FIELD          sum the number FIELD instead of counting rows\n"
"  --where FIELD=VALUE  only rows whose FIELD has the text VALUE\n"
"  --time FIELD         only rows whose time FIELD lies in [--from, --to)\n"
"  --from, --to INSTANT ISO-8601 with Z or an offset\n"
"  --vocab LABEL=FILE   values of LABEL outside FILE become the fallback\n"
"  --fallback LABEL=WORD  the fallback (default: other with --vocab,\n"
"                       else none); also used for a missing or null field\n"
"  --skip-bad           report bad rows but still print the records\n"
"  -h, --help   -V, --version\n", fs_progname);
}

int
main(int argc, char **argv)
{
	struct fs_confine conf = { NULL, NULL, 0, 0 };
	int i;

	fs_setprogname(argv[0]);
	i = parse_options(argc, argv);
	conf.read = (const char *const *)argv + i;
	if (fs_confine(&conf) != 0)
		return EX_SOFTWARE;
	if (nbys > 0)
		groups = fs_map_new();
	/* never a NULL key, even for one empty label value */
	fs_buf_grow(&keybuf, 256);
	if (i == argc)
		tally_file("-");
	for (; i < argc; i++)
		tally_file(argv[i]);
	if (nbad > MAXBADSHOWN)
		fs_warnx("%ld more bad rows not shown", nbad - MAXBADSHOWN);
	if (nbad > 0 && !skipbad)
		fs_die(EX_DATAERR, "%ld bad rows: no records written", nbad);
	if (nbad > 0)
		fs_warnx("%ld bad rows skipped", nbad);
	write_records();
	return fs_close_stdout();
}

static int
parse_options(int argc, char **argv)
{
	struct {
		int c;
		char *arg;
	} *labelopts = NULL;
	size_t nlabelopts = 0;
	struct by *b;
	char *eq, *arg;
	size_t j, k;
	int c;

	while ((c = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		eq = optarg != NULL ? strchr(optarg, '=') : NULL;
		switch (c) {
		case 'm':
			metric = optarg;
			break;
		case 'b':
			bys = fs_xrealloc(bys, (nbys + 1) * sizeof(*bys));
			b = memset(&bys[nbys++], 0, sizeof(*bys));
			if (eq != NULL)
				*eq = '\0';
			b->path = optarg;
			if (eq != NULL)
				b->label = eq + 1;
			else if ((b->label = strrchr(optarg, '.')) != NULL)
				b->label++;
			else
				b->label = optarg;
			break;
		case 's':
			if (sumfield != NULL)
				fs_die(EX_USAGE, "--sum given twice");
			sumfield = optarg;
			break;
		case 'w':
			if (eq == NULL)
				fs_die(EX_USAGE, "--where %s: not FIELD=VALUE", optarg);
			*eq = '\0';
			wheres = fs_xrealloc(wheres, (nwheres + 1) * sizeof(*wheres));
			wheres[nwheres].path = optarg;
			wheres[nwheres].val = eq + 1;
			wheres[nwheres++].n = strlen(eq + 1);
			break;
		case 't':
			timefield = optarg;
			break;
		case 'F':
		case 'T':
			if (fs_time_parse_iso(optarg, strlen(optarg),
			    c == 'F' ? &tfrom : &tto) == -1)
				fs_die(EX_USAGE, "--%s %s: not an ISO-8601 instant "
				    "with Z or an offset", c == 'F' ? "from" : "to",
				    optarg);
			*(c == 'F' ? &hasfrom : &hasto) = 1;
			break;
		case 'v':
		case 'f':
			/* checked against the --by labels once all are known */
			labelopts = fs_xrealloc(labelopts,
			    (nlabelopts + 1) * sizeof(*labelopts));
			labelopts[nlabelopts].c = c;
			labelopts[nlabelopts++].arg = optarg;
			break;
		case 'k':
			skipbad = 1;
			break;
		case 'h':
			usage(stdout);
			exit(fs_close_stdout());
		case 'V':
			fs_print_version();
			exit(fs_close_stdout());
		default:
			usage(stderr);
			exit(EX_USAGE);
		}
	}

	if (metric == NULL)
		fs_die(EX_USAGE, "--metric is required (see --help)");
	if (!valid_name(metric, 1))
		fs_die(EX_USAGE, "--metric %s: not a metric name "
		    "(lower-case words joined by dots)", metric);
	for (j = 0; j < nbys; j++) {
		if (!valid_name(bys[j].path, 2))
			fs_die(EX_USAGE, "--by %s: not a field path", bys[j].path);
		if (!valid_name(bys[j].label, 0))
			fs_die(EX_USAGE, "--by %s: label '%s' is not a label name "
			    "([a-z][a-z0-9_]*); name one with FIELD=LABEL",
			    bys[j].path, bys[j].label);
		for (k = 0; k < j; k++)
			if (strcmp(bys[k].label, bys[j].label) == 0)
				fs_die(EX_USAGE, "--by: label %s given twice",
				    bys[j].label);
	}
	for (j = 0; j < nwheres; j++)
		if (!valid_name(wheres[j].path, 2))
			fs_die(EX_USAGE, "--where %s: not a field path",
			    wheres[j].path);
	if (sumfield != NULL && !valid_name(sumfield, 2))
		fs_die(EX_USAGE, "--sum %s: not a field path", sumfield);
	if (timefield != NULL && !valid_name(timefield, 2))
		fs_die(EX_USAGE, "--time %s: not a field path", timefield);
	if ((timefield != NULL) != hasfrom || hasfrom != hasto)
		fs_die(EX_USAGE, "--time, --from and --to go together");
	if (hasfrom && tfrom > tto)
		fs_die(EX_USAGE, "--from is after --to");
	if (timefield != NULL)
		timefi = add_field(timefield);
	for (j = 0; j < nwheres; j++)
		wheres[j].fi = add_field(wheres[j].path);
	if (sumfield != NULL)
		sumfi = add_field(sumfield);
	for (j = 0; j < nbys; j++)
		bys[j].fi = add_field(bys[j].path);
	fval = fs_xcalloc(nfields ? nfields : 1, sizeof(*fval));
	hval = fs_xcalloc(nheads ? nheads : 1, sizeof(*hval));
	fhas = fs_xcalloc(nfields ? nfields : 1, 1);

	for (j = 0; j < nlabelopts; j++) {
		c = labelopts[j].c;
		arg = labelopts[j].arg;
		eq = strchr(arg, '=');
		if (eq == NULL || eq[1] == '\0')
			fs_die(EX_USAGE, "--%s %s: not LABEL=%s", c == 'v' ?
			    "vocab" : "fallback", arg, c == 'v' ? "FILE" : "WORD");
		for (b = NULL, k = 0; k < nbys; k++)
			if (strlen(bys[k].label) == (size_t)(eq - arg) &&
			    strncmp(bys[k].label, arg, eq - arg) == 0)
				b = &bys[k];
		if (b == NULL)
			fs_die(EX_USAGE, "--%s %s: no --by has that label",
			    c == 'v' ? "vocab" : "fallback", arg);
		if (c == 'v')
			b->vocabfile = eq + 1;
		else if (!fs_utf8_valid(eq + 1, strlen(eq + 1), 0, &k))
			fs_die(EX_USAGE, "--fallback %s: not valid UTF-8", arg);
		else
			b->fallback = eq + 1;
	}
	for (j = 0; j < nbys; j++) {
		b = &bys[j];
		if (b->vocabfile != NULL) {
			char *path = fs_share_path(b->vocabfile);

			if ((b->vocab = fs_vocab_load(path)) == NULL)
				exit(EX_NOINPUT);
			free(path);
		}
		if (b->fallback == NULL)
			b->fallback = b->vocab != NULL ? "other" : "none";
	}
	free(labelopts);
	return optind;
}

static size_t
add_field(const char *path)
{
	const char *dot = strchr(path, '.');
	size_t headn = dot != NULL ? (size_t)(dot - path) : strlen(path), k;

	/* the parser fills one value per name: paths that start alike
	 * share it */
	for (k = 0; k < nheads; k++)
		if (heads[k].n == headn && memcmp(heads[k].name, path, headn) == 0)
			break;
	if (k == nheads) {
		heads = fs_xrealloc(heads, (nheads + 1) * sizeof(*heads));
		heads[nheads].name = path;
		heads[nheads++].n = headn;
	}
	fields = fs_xrealloc(fields, (nfields + 1) * sizeof(*fields));
	fields[nfields].path = path;
	fields[nfields].ki = k;
	fields[nfields].rest = dot != NULL ? dot + 1 : NULL;
	return nfields++;
}

/* fill fval[] and fhas[] from the members the parser found */
static void
find_fields(void)
{
	struct field *f;
	size_t i;

	for (i = 0; i < nfields; i++) {
		f = &fields[i];
		fval[i] = hval[f->ki];
		fhas[i] = fval[i].type != FS_J_NONE;
		if (fhas[i] && f->rest != NULL)
			fhas[i] = fs_json_get(fval[i], f->rest, &fval[i]);
	}
}

/* a metric name (dots 1), a field path (dots 2: any key characters but
 * no empty part) or a label name (dots 0) */
static int
valid_name(const char *s, int dots)
{
	const char *p;

	if (dots == 2) {
		if (*s == '\0' || *s == '.')
			return 0;
		for (p = s; *p != '\0'; p++)
			if (*p == '.' && (p[1] == '.' || p[1] == '\0'))
				return 0;
		return 1;
	}
	for (p = s;; p++) {
		if (*p < 'a' || *p > 'z')
			return 0;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_')
			p++;
		if (*p == '\0')
			return 1;
		if (*p != '.' || !dots)
			return 0;
	}
}

static void
tally_file(const char *path)
{
	struct fs_lines l;
	ssize_t n;
	char *line;

	if (fs_lines_open(&l, path) == -1)
		exit(EX_NOINPUT);
	/*
	 * stdio reads in blocks of st_blksize (4 KB): 34000 read calls for
	 * 500k order rows, a tenth of the run.  glibc takes a bigger size
	 * only with a buffer.  Nothing has been read from the stream yet, so
	 * its buffer may still be set; stdin keeps its own, as it stays open.
	 */
	if (l.own) {
		if (filebuf == NULL)
			filebuf = fs_xmalloc(IOBUFSIZE);
		setvbuf(l.fp, filebuf, _IOFBF, IOBUFSIZE);
	} else if (stdinbuf == NULL) {
		stdinbuf = fs_xmalloc(IOBUFSIZE);
		setvbuf(l.fp, stdinbuf, _IOFBF, IOBUFSIZE);
	}
	while ((n = fs_lines_next(&l, &line)) >= 0)
		tally_row(l.name, l.lineno, line, n);
	if (n == -2)
		exit(EX_IOERR);
	fs_lines_close(&l);
}

static void
bad_row(const char *file, long lineno, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (++nbad > MAXBADSHOWN)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fs_warn_at(file, lineno, "%s", msg);
}

/*
 * One row.  The order of the checks is the documented one: not JSON or not
 * an object, then an unreadable time (every row), then --where and the
 * period select the row, and only a selected row must have usable --by
 * and --sum fields.
 */
static void
tally_row(const char *file, long lineno, const char *line, size_t n)
{
	struct fs_jspan row, v, sum;
	struct fs_jerr jerr;
	struct group *g;
	void **slot;
	size_t i;
	int64_t ms;
	int created, intime = 1;

	for (i = 0; i < n; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			break;
	if (i == n)
		return;		/* blank lines separate nothing, like jq */
	if (fs_json_parse_keys(line, n, &row, heads, nheads, hval,
	    &jerr) == -1) {
		bad_row(file, lineno, "not JSON (byte %zu: %s)", jerr.off + 1,
		    jerr.msg);
		return;
	}
	if (row.type != FS_J_OBJECT) {
		bad_row(file, lineno, "not a JSON object");
		return;
	}
	find_fields();
	if (timefield != NULL) {
		/* a missing or null time is an event that has not happened
		 * (printed_at of an order not yet printed): outside */
		v = fval[timefi];
		if (!fhas[timefi] || v.type == FS_J_NULL)
			intime = 0;
		else if (fs_time_parse_json(v, &ms) == -1) {
			bad_row(file, lineno, "%s: not a time with an offset",
			    timefield);
			return;
		} else
			intime = ms >= tfrom && ms < tto;
	}
	if (!intime)
		return;
	for (i = 0; i < nwheres; i++) {
		struct where *w = &wheres[i];

		if (!fhas[w->fi])
			return;
		v = fval[w->fi];
		switch (v.type) {
		case FS_J_STRING:
			if (!fs_json_streq(v, w->val))
				return;
			break;
		case FS_J_NUMBER:
		case FS_J_TRUE:
		case FS_J_FALSE:
			if (v.n != w->n || memcmp(v.p, w->val, v.n) != 0)
				return;
			break;
		default:
			return;
		}
	}

	if (sumfield != NULL) {
		sum = fval[sumfi];
		if (!fhas[sumfi] || sum.type != FS_J_NUMBER) {
			bad_row(file, lineno, "%s: not a number", sumfield);
			return;
		}
	}
	if (nbys == 0) {
		add_value(&total, sumfield != NULL ? sum : row);
		return;
	}
	fs_buf_reset(&keybuf);
	for (i = 0; i < nbys; i++) {
		if (i > 0)
			fs_buf_addc(&keybuf, KEYSEP);
		switch (add_label_value(&bys[i], &keybuf)) {
		case -1:
			bad_row(file, lineno, "%s: an object or array, not a "
			    "label value", bys[i].path);
			return;
		case -2:
			bad_row(file, lineno, "%s: not UTF-8 text without NUL",
			    bys[i].path);
			return;
		}
	}
	slot = fs_map_slot(groups, keybuf.p, keybuf.len, &created);
	if (created) {
		g = fs_xcalloc(1, sizeof(*g));
		g->key = fs_xstrndup(keybuf.p, keybuf.len);
		g->keylen = keybuf.len;
		*slot = g;
		if (nglist == capglist) {
			capglist = capglist ? 2 * capglist : 64;
			glist = fs_xrealloc(glist, capglist * sizeof(*glist));
		}
		glist[nglist++] = g;
	}
	add_value(*slot, sumfield != NULL ? sum : row);
}

/* the text of a scalar as a label value; -1 for an object or array */
static int
row_text(struct fs_jspan v, struct fs_buf *out)
{
	switch (v.type) {
	case FS_J_STRING:
		fs_json_unescape(v, out);
		return 0;
	case FS_J_NUMBER:
	case FS_J_TRUE:
	case FS_J_FALSE:
		/* as written: pages 4 is "4", true is "true" */
		fs_buf_add(out, v.p, v.n);
		return 0;
	default:
		return -1;
	}
}

/* append the label value of row for b to key: the field's text, mapped
 * through the vocabulary; -1 for an object or array, -2 for text that is
 * not UTF-8 or holds a NUL (a record label cannot carry it) */
static int
add_label_value(struct by *b, struct fs_buf *key)
{
	struct fs_jspan v = fval[b->fi];
	size_t start = key->len, badoff;

	if (!fhas[b->fi] || v.type == FS_J_NULL) {
		fs_buf_adds(key, b->fallback);
		return 0;
	}
	if (row_text(v, key) == -1)
		return -1;
	if (!fs_utf8_valid(key->p + start, key->len - start, 0, &badoff))
		return -2;
	if (b->vocab != NULL &&
	    !fs_vocab_has(b->vocab, key->p + start, key->len - start)) {
		key->len = start;
		key->p[start] = '\0';
		fs_buf_adds(key, b->fallback);
	}
	return 0;
}

/* count the row, or add the --sum number v; integers stay exact until one
 * value is not an integer or the int64 sum would overflow */
static void
add_value(struct group *g, struct fs_jspan v)
{
	int64_t x, sum;

	if (sumfield == NULL) {
		g->i++;
		return;
	}
	if (!g->isdouble) {
		if (fs_json_get_i64(v, &x) == 0 &&
		    !__builtin_add_overflow(g->i, x, &sum)) {
			g->i = sum;
			return;
		}
		g->isdouble = 1;
		g->d = (double)g->i;
	}
	g->d += fs_json_get_double(v);
}

static int
cmp_records(const void *a, const void *b)
{
	return fs_record_cmp(a, b);
}

static void
fill_value(struct fs_record *r, const struct group *g)
{
	if (g->isdouble) {
		if (!isfinite(g->d))
			fs_die(EX_DATAERR, "%s: the sum is too large for a "
			    "number", metric);
		r->vtype = FS_V_DOUBLE;
		r->d = g->d;
	} else {
		r->vtype = FS_V_INT;
		r->i = g->i;
	}
}

static void
write_records(void)
{
	struct fs_buf out = FS_BUF_INIT, val = FS_BUF_INIT;
	struct fs_record *recs;
	size_t nrecs, i, j;
	const char *p, *end, *sep;

	fs_buf_grow(&val, 64);
	nrecs = nbys == 0 ? 1 : nglist;
	recs = fs_xcalloc(nrecs ? nrecs : 1, sizeof(*recs));
	if (nbys == 0) {
		recs[0].metric = fs_xstrdup(metric);
		fill_value(&recs[0], &total);
	}
	for (i = 0; i < nglist; i++) {
		struct group *g = glist[i];

		recs[i].metric = fs_xstrdup(metric);
		fill_value(&recs[i], g);
		p = g->key;
		end = g->key + g->keylen;
		for (j = 0; j < nbys; j++) {
			sep = memchr(p, KEYSEP, end - p);
			if (sep == NULL)
				sep = end;
			fs_buf_reset(&val);
			fs_buf_add(&val, p, sep - p);
			fs_record_add_label(&recs[i], bys[j].label, val.p);
			p = sep + 1;
		}
		fs_record_sort_labels(&recs[i]);
	}
	qsort(recs, nrecs, sizeof(*recs), cmp_records);
	for (i = 0; i < nrecs; i++) {
		fs_buf_reset(&out);
		fs_record_write(&out, &recs[i]);
		fs_buf_addc(&out, '\n');
		fwrite(out.p, 1, out.len, stdout);
		fs_record_free(&recs[i]);
	}
	free(recs);
	fs_buf_free(&out);
	fs_buf_free(&val);
}
