/* catalog.c: the metric catalogue, the one list of what may be sent */
#include "config.h"

#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

struct loader {
	const char *path;
	const char *text;
	struct fs_catalog *c;
	char *dir;		/* the catalogue's folder, for vocab/ */
};

static int	load_metric(struct loader *, struct fs_jspan, struct fs_cat_metric *);
static int	load_value(struct loader *, struct fs_jspan, struct fs_cat_metric *);
static int	load_labels(struct loader *, struct fs_jspan, struct fs_cat_metric *);
static int	load_range(struct loader *, struct fs_jspan, struct fs_cat_metric *);
static int	load_words(struct loader *, struct fs_jspan, struct fs_cat_metric *);
static struct fs_vocab *vocab(struct loader *, struct fs_jspan, char **);
static long	lineof(const struct loader *, struct fs_jspan);
static char	*str(struct fs_jspan);
static int	getstr(struct loader *, struct fs_jspan, const char *, int, char **);
static int	label_cmp(const void *, const void *);
static int	printable(const char *, size_t);

static const char *const rule_names[FS_SCRUB_NRULES] = {
	[FS_SCRUB_OK] = "ok",
	[FS_SCRUB_NOT_CATALOGUED] = "not_catalogued",
	[FS_SCRUB_WRONG_TYPE] = "wrong_type",
	[FS_SCRUB_MISSING_LABEL] = "missing_label",
	[FS_SCRUB_LABEL_VALUE] = "label_value",
	[FS_SCRUB_INFO_VALUE] = "info_value",
	[FS_SCRUB_PII] = "pii",
	[FS_SCRUB_OUT_OF_RANGE] = "out_of_range",
};

const char *
fs_scrub_rule_name(enum fs_scrub_rule rule)
{
	if (rule < FS_SCRUB_OK || rule >= FS_SCRUB_NRULES)
		return "unknown";
	return rule_names[rule];
}

const char *
fs_kind_name(enum fs_kind k)
{
	switch (k) {
	case FS_KIND_INFO:
		return "info";
	case FS_KIND_GAUGE:
		return "gauge";
	case FS_KIND_COUNTER:
		return "counter";
	}
	return "unknown";
}

struct fs_catalog *
fs_catalog_load(const char *path)
{
	struct fs_buf text = FS_BUF_INIT;
	struct fs_jspan root, metrics, sections, key, val, v;
	struct fs_jerr err;
	struct fs_jiter it;
	struct loader L;
	struct fs_catalog *c;
	char *slash, *p;
	size_t i, n;
	int created;

	p = path != NULL ? fs_xstrdup(path) : fs_share_path("catalog.json");
	memset(&L, 0, sizeof L);
	L.path = p;
	c = fs_xcalloc(1, sizeof *c);
	c->path = p;
	c->byname = fs_map_new();
	c->vocabs = fs_map_new();
	L.c = c;
	L.dir = fs_xstrdup(p);
	if ((slash = strrchr(L.dir, '/')) != NULL)
		*slash = '\0';
	else {
		free(L.dir);
		L.dir = fs_xstrdup(".");
	}
	if (fs_read_file(p, &text) != 0)
		goto fail;
	L.text = text.p;
	if (fs_json_parse(text.p, text.len, &root, &err) != 0) {
		fs_warn_at(p, 0, "byte %zu: %s", err.off + 1, err.msg);
		goto fail;
	}
	if (root.type != FS_J_OBJECT || !fs_json_get(root, "schema", &v) ||
	    !fs_json_streq(v, "fluxstat.catalog/1")) {
		fs_warn_at(p, 0, "not a fluxstat.catalog/1 document");
		goto fail;
	}
	if (!fs_json_get(root, "sections", &sections) ||
	    sections.type != FS_J_ARRAY ||
	    !fs_json_get(root, "metrics", &metrics) ||
	    metrics.type != FS_J_ARRAY) {
		fs_warn_at(p, 0, "\"sections\" and \"metrics\" must be arrays");
		goto fail;
	}

	n = 0;
	fs_json_iter(sections, &it);
	while (fs_json_next(&it, &key, &val))
		n++;
	c->sections = fs_xcalloc(n + 1, sizeof *c->sections);
	fs_json_iter(sections, &it);
	while (fs_json_next(&it, &key, &val)) {
		struct fs_cat_section *s = &c->sections[c->nsections++];

		if (getstr(&L, val, "section", 1, &s->id) != 0 ||
		    getstr(&L, val, "title", 1, &s->title) != 0 ||
		    getstr(&L, val, "source", 0, &s->source) != 0)
			goto fail;
	}

	n = 0;
	fs_json_iter(metrics, &it);
	while (fs_json_next(&it, &key, &val))
		n++;
	c->metrics = fs_xcalloc(n + 1, sizeof *c->metrics);
	fs_json_iter(metrics, &it);
	while (fs_json_next(&it, &key, &val)) {
		struct fs_cat_metric *m = &c->metrics[c->nmetrics++];
		void **slot;

		if (load_metric(&L, val, m) != 0)
			goto fail;
		slot = fs_map_slot(c->byname, m->name, strlen(m->name),
		    &created);
		if (!created) {
			fs_warn_at(p, lineof(&L, val), "metric %s listed twice",
			    m->name);
			goto fail;
		}
		*slot = m;
	}
	for (i = 0; i < c->nmetrics; i++)
		if (c->metrics[i].section == NULL) {
			fs_warn_at(p, 0, "metric %s: unknown section",
			    c->metrics[i].name);
			goto fail;
		}
	fs_buf_free(&text);
	c->dir = L.dir;
	return c;
fail:
	fs_buf_free(&text);
	free(L.dir);
	fs_catalog_free(c);
	return NULL;
}

static int
load_metric(struct loader *L, struct fs_jspan o, struct fs_cat_metric *m)
{
	struct fs_jspan v;
	char *kind = NULL, *section = NULL;
	const char *q;
	size_t i;

	if (o.type != FS_J_OBJECT) {
		fs_warn_at(L->path, lineof(L, o), "a metric must be an object");
		return -1;
	}
	if (getstr(L, o, "metric", 1, &m->name) != 0 ||
	    getstr(L, o, "kind", 1, &kind) != 0 ||
	    getstr(L, o, "section", 1, &section) != 0 ||
	    getstr(L, o, "description", 1, &m->description) != 0)
		goto fail;
	/* fluxstat(7): [a-z][a-z0-9_]* joined by dots */
	for (q = m->name; *q != '\0'; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') ||
		    *q == '_' || *q == '.'))
			break;
	if (*q != '\0' || m->name[0] < 'a' || m->name[0] > 'z' ||
	    q[-1] == '.' || strstr(m->name, "..") != NULL) {
		fs_warn_at(L->path, lineof(L, o), "bad metric name");
		goto fail;
	}
	if (strcmp(kind, "info") == 0)
		m->kind = FS_KIND_INFO;
	else if (strcmp(kind, "gauge") == 0)
		m->kind = FS_KIND_GAUGE;
	else if (strcmp(kind, "counter") == 0)
		m->kind = FS_KIND_COUNTER;
	else {
		fs_warn_at(L->path, lineof(L, o), "%s: kind must be info, gauge or counter",
		    m->name);
		goto fail;
	}
	for (i = 0; i < L->c->nsections; i++)
		if (strcmp(L->c->sections[i].id, section) == 0)
			m->section = L->c->sections[i].id;
	if (m->section == NULL) {
		fs_warn_at(L->path, lineof(L, o), "%s: unknown section", m->name);
		goto fail;
	}
	if (fs_json_get(o, "labels", &v) && load_labels(L, v, m) != 0)
		goto fail;
	if (m->kind == FS_KIND_INFO) {
		if (!fs_json_get(o, "value", &v)) {
			fs_warn_at(L->path, lineof(L, o),
			    "%s: an info metric needs a \"value\" rule", m->name);
			goto fail;
		}
		if (load_value(L, v, m) != 0)
			goto fail;
	} else {
		if (fs_json_get(o, "value", &v)) {
			fs_warn_at(L->path, lineof(L, o),
			    "%s: gauges and counters are numbers; no \"value\" rule",
			    m->name);
			goto fail;
		}
		m->check = FS_CV_NUMBER;
		if (load_range(L, o, m) != 0)
			goto fail;
	}
	free(kind);
	free(section);
	return 0;
fail:
	free(kind);
	free(section);
	return -1;
}

static int
load_labels(struct loader *L, struct fs_jspan o, struct fs_cat_metric *m)
{
	struct fs_jiter it;
	struct fs_jspan key, val, fb;
	size_t n = 0, i;

	if (o.type != FS_J_OBJECT) {
		fs_warn_at(L->path, lineof(L, o), "%s: labels must be an object",
		    m->name);
		return -1;
	}
	fs_json_iter(o, &it);
	while (fs_json_next(&it, &key, &val))
		n++;
	m->labels = fs_xcalloc(n + 1, sizeof *m->labels);
	fs_json_iter(o, &it);
	while (fs_json_next(&it, &key, &val)) {
		struct fs_cat_label *l = &m->labels[m->nlabels++];

		l->name = str(key);
		if (val.type != FS_J_OBJECT ||
		    (l->vocab = vocab(L, val, &l->vocab_name)) == NULL)
			goto bad;
		if (!fs_json_get(val, "fallback", &fb) ||
		    (fb.type != FS_J_NULL && fb.type != FS_J_STRING))
			goto bad;
		if (fb.type == FS_J_STRING)
			l->fallback = str(fb);
	}
	qsort(m->labels, m->nlabels, sizeof *m->labels, label_cmp);
	for (i = 1; i < m->nlabels; i++)
		if (strcmp(m->labels[i - 1].name, m->labels[i].name) == 0)
			goto bad;
	return 0;
bad:
	fs_warn_at(L->path, lineof(L, o), "%s: each label needs a \"vocab\" and a "
	    "\"fallback\" (a word or null), once", m->name);
	return -1;
}

/*
 * Every number has a plausible range, "range": [min, max] (integers), so
 * that a card or phone number typed into a counted field of a store does
 * not pass as a count.
 */
static int
load_range(struct loader *L, struct fs_jspan o, struct fs_cat_metric *m)
{
	struct fs_jspan r, v;
	struct fs_jiter it;
	int64_t x[2];
	int n = 0;

	if (!fs_json_get(o, "range", &r) || r.type != FS_J_ARRAY)
		goto bad;
	fs_json_iter(r, &it);
	while (fs_json_next(&it, NULL, &v)) {
		if (n == 2 || v.type != FS_J_NUMBER || fs_json_get_i64(v, &x[n]) != 0)
			goto bad;
		n++;
	}
	if (n != 2 || x[0] > x[1])
		goto bad;
	m->min = x[0];
	m->max = x[1];
	return 0;
bad:
	fs_warn_at(L->path, lineof(L, o), "%s: a gauge or counter needs "
	    "\"range\": [min, max], two integers, min <= max", m->name);
	return -1;
}

/* "words": ["none", ...], accepted as they are beside the version shape */
static int
load_words(struct loader *L, struct fs_jspan o, struct fs_cat_metric *m)
{
	struct fs_jspan w, v;
	struct fs_jiter it;
	size_t n = 0;

	if (!fs_json_get(o, "words", &w))
		return 0;
	if (w.type != FS_J_ARRAY)
		goto bad;
	fs_json_iter(w, &it);
	while (fs_json_next(&it, NULL, &v))
		n++;
	m->words = fs_xcalloc(n + 1, sizeof *m->words);
	n = 0;
	fs_json_iter(w, &it);
	while (fs_json_next(&it, NULL, &v)) {
		if (v.type != FS_J_STRING)
			goto bad;
		m->words[n++] = str(v);
	}
	return 0;
bad:
	fs_warn_at(L->path, lineof(L, o), "%s: \"words\" must be an array of "
	    "strings", m->name);
	return -1;
}

static int
load_value(struct loader *L, struct fs_jspan o, struct fs_cat_metric *m)
{
	struct fs_jspan v;
	int64_t max;
	char *det = NULL;
	int rc;

	if (o.type != FS_J_OBJECT)
		goto bad;
	if (fs_json_get(o, "vocab", &v)) {
		m->check = FS_CV_VOCAB;
		if ((m->vocab = vocab(L, o, &m->vocab_name)) == NULL)
			return -1;
		if (!fs_json_get(o, "fallback", &v) ||
		    (v.type != FS_J_NULL && v.type != FS_J_STRING))
			goto bad;
		if (v.type == FS_J_STRING)
			m->fallback = str(v);
		return 0;
	}
	if (fs_json_get(o, "text", &v)) {
		if (v.type != FS_J_TRUE)
			goto bad;
		m->check = FS_CV_TEXT;
	} else if (fs_json_get(o, "shape", &v)) {
		if (!fs_json_streq(v, "version")) {
			fs_warn_at(L->path, lineof(L, o),
			    "%s: the only \"shape\" is \"version\"", m->name);
			return -1;
		}
		m->check = FS_CV_VERSION;
		m->pii = FS_PII_VERSION;
		if (load_words(L, o, m) != 0)
			return -1;
	} else
		m->check = FS_CV_PATTERN;
	if (getstr(L, o, "pattern", m->check == FS_CV_PATTERN, &m->pattern) != 0 ||
	    getstr(L, o, "doc", 1, &m->value_doc) != 0 ||
	    getstr(L, o, "detectors", 0, &det) != 0)
		return -1;
	if (det != NULL && fs_pii_profile_parse(det, &m->pii) != 0) {
		fs_warn_at(L->path, lineof(L, o), "%s: \"detectors\" is strict, "
		    "model_name or version", m->name);
		free(det);
		return -1;
	}
	free(det);
	if (fs_json_get(o, "ignore_case", &v)) {
		if (v.type != FS_J_TRUE && v.type != FS_J_FALSE)
			goto bad;
		m->icase = v.type == FS_J_TRUE;
	}
	if (!fs_json_get(o, "max_length", &v) || v.type != FS_J_NUMBER ||
	    fs_json_get_i64(v, &max) != 0 || max < 1 || max > 4096)
		goto bad;
	m->max_length = (size_t)max;
	if (m->pattern != NULL) {
		size_t pl = strlen(m->pattern);

		if (m->check == FS_CV_PATTERN && (m->pattern[0] != '^' ||
		    pl < 2 || m->pattern[pl - 1] != '$')) {
			fs_warn_at(L->path, lineof(L, o),
			    "%s: a value pattern must be anchored (^...$)", m->name);
			return -1;
		}
		m->re = fs_xmalloc(sizeof(regex_t));
		if ((rc = regcomp(m->re, m->pattern, REG_EXTENDED | REG_NOSUB |
		    (m->icase ? REG_ICASE : 0))) != 0) {
			char msg[128];

			regerror(rc, m->re, msg, sizeof msg);
			free(m->re);
			m->re = NULL;
			fs_warn_at(L->path, lineof(L, o), "%s: pattern: %s",
			    m->name, msg);
			return -1;
		}
	}
	return 0;
bad:
	fs_warn_at(L->path, lineof(L, o), "%s: \"value\" must be {\"vocab\", "
	    "\"fallback\"} or {\"pattern\", \"max_length\", \"doc\"} or "
	    "{\"shape\": \"version\", \"max_length\", \"doc\"[, \"words\"]} or "
	    "{\"text\": true, \"max_length\", \"doc\"[, \"pattern\"]}", m->name);
	return -1;
}

/* the vocabulary named by o's "vocab", loaded once per catalogue */
static struct fs_vocab *
vocab(struct loader *L, struct fs_jspan o, char **namep)
{
	struct fs_jspan v;
	struct fs_vocab *voc;
	char *name, *path;
	const char *q;
	void **slot;
	int created;

	if (!fs_json_get(o, "vocab", &v) || v.type != FS_J_STRING) {
		fs_warn_at(L->path, lineof(L, o), "\"vocab\" must name a vocabulary");
		return NULL;
	}
	name = str(v);
	/* a plain name, so that the catalogue cannot point outside vocab/ */
	for (q = name; *q != '\0'; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') ||
		    *q == '_'))
			break;
	if (*q != '\0' || name[0] == '\0') {
		fs_warn_at(L->path, lineof(L, o), "bad vocabulary name");
		free(name);
		return NULL;
	}
	*namep = name;
	slot = fs_map_slot(L->c->vocabs, name, strlen(name), &created);
	if (!created)
		return *slot;
	path = NULL;
	if (asprintf(&path, "%s/vocab/%s.txt", L->dir, name) < 0)
		fs_die(EX_OSERR, "out of memory");
	voc = fs_vocab_load(path);
	free(path);
	*slot = voc;
	return voc;
}

/* the same reading rules as fs_vocab_load, keeping the order */
char **
fs_catalog_words(const struct fs_catalog *c, const char *vocab_name)
{
	struct fs_lines l;
	char **w = NULL, *line, *path = NULL;
	size_t nw = 0;
	ssize_t n;

	if (asprintf(&path, "%s/vocab/%s.txt", c->dir, vocab_name) < 0)
		fs_die(EX_OSERR, "out of memory");
	if (fs_lines_open(&l, path) != 0) {
		free(path);
		return NULL;
	}
	w = fs_xcalloc(1, sizeof *w);
	while ((n = fs_lines_next(&l, &line)) >= 0) {
		while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		if (n == 0 || line[0] == '#')
			continue;
		w = fs_xrealloc(w, (nw + 2) * sizeof *w);
		w[nw++] = fs_xstrndup(line, (size_t)n);
		w[nw] = NULL;
	}
	fs_lines_close(&l);
	free(path);
	if (n == -2) {
		for (nw = 0; w[nw] != NULL; nw++)
			free(w[nw]);
		free(w);
		return NULL;
	}
	return w;
}

const struct fs_cat_metric *
fs_catalog_find(const struct fs_catalog *c, const char *name, size_t n)
{
	return fs_map_get(c->byname, name, n);
}

static void
vocab_free(void *v)
{
	fs_vocab_free(v);
}

void
fs_catalog_free(struct fs_catalog *c)
{
	size_t i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->nmetrics; i++) {
		struct fs_cat_metric *m = &c->metrics[i];

		for (j = 0; j < m->nlabels; j++) {
			free(m->labels[j].name);
			free(m->labels[j].vocab_name);
			free(m->labels[j].fallback);
		}
		free(m->labels);
		free(m->name);
		free(m->description);
		free(m->vocab_name);
		free(m->fallback);
		free(m->pattern);
		free(m->value_doc);
		for (j = 0; m->words != NULL && m->words[j] != NULL; j++)
			free(m->words[j]);
		free(m->words);
		if (m->re != NULL) {
			regfree(m->re);
			free(m->re);
		}
	}
	for (i = 0; i < c->nsections; i++) {
		free(c->sections[i].id);
		free(c->sections[i].title);
		free(c->sections[i].source);
	}
	free(c->metrics);
	free(c->sections);
	fs_map_free(c->byname, NULL);
	fs_map_free(c->vocabs, vocab_free);
	free(c->path);
	free(c->dir);
	free(c);
}

/*
 * The rules, in the order fluxstat-scrub(1) documents them.  Labels are
 * sorted by key (fs_record_parse), so removing one keeps the order.
 */
enum fs_scrub_rule
fs_catalog_scrub(const struct fs_catalog *c, struct fs_record *r,
    const struct fs_cat_metric **mp, enum fs_pii *pii, size_t *removed,
    size_t *mapped)
{
	const struct fs_cat_metric *m;
	const struct fs_cat_label *d;
	size_t i, k, out, len;

	if (pii != NULL)
		*pii = FS_PII_NONE;
	if (mp != NULL)
		*mp = NULL;
	m = fs_catalog_find(c, r->metric, strlen(r->metric));
	if (m == NULL)
		return FS_SCRUB_NOT_CATALOGUED;
	if (mp != NULL)
		*mp = m;
	if ((m->kind == FS_KIND_INFO) != (r->vtype == FS_V_STRING))
		return FS_SCRUB_WRONG_TYPE;

	/* first drop what is not declared, so that the record stays whole
	 * (and freeable) whatever is decided below */
	for (i = out = 0; i < r->nlabels; i++) {
		struct fs_label *l = &r->labels[i];

		for (d = NULL, k = 0; k < m->nlabels; k++)
			if (strcmp(m->labels[k].name, l->key) == 0)
				d = &m->labels[k];
		/* a repeated key is dropped like an undeclared one */
		if (d == NULL || (out > 0 &&
		    strcmp(r->labels[out - 1].key, l->key) == 0)) {
			free(l->key);
			free(l->val);
			if (removed != NULL)
				(*removed)++;
			continue;
		}
		r->labels[out++] = *l;
	}
	r->nlabels = out;
	if (r->nlabels != m->nlabels)
		return FS_SCRUB_MISSING_LABEL;
	/* both sorted by key and now the same keys: pairwise */
	for (i = 0; i < r->nlabels; i++) {
		struct fs_label *l = &r->labels[i];

		d = &m->labels[i];
		if (fs_vocab_has(d->vocab, l->val, strlen(l->val)) ||
		    (d->fallback != NULL && strcmp(l->val, d->fallback) == 0))
			continue;
		if (d->fallback == NULL)
			return FS_SCRUB_LABEL_VALUE;
		free(l->val);
		l->val = fs_xstrdup(d->fallback);
		if (mapped != NULL)
			(*mapped)++;
	}

	if (m->kind == FS_KIND_INFO) {
		len = strlen(r->s);
		switch (m->check) {
		case FS_CV_VOCAB:
			if (fs_vocab_has(m->vocab, r->s, len) ||
			    (m->fallback != NULL && strcmp(r->s, m->fallback) == 0))
				break;
			if (m->fallback == NULL)
				return FS_SCRUB_INFO_VALUE;
			free(r->s);
			r->s = fs_xstrdup(m->fallback);
			if (mapped != NULL)
				(*mapped)++;
			break;
		case FS_CV_TEXT:
			if (!printable(r->s, len))
				return FS_SCRUB_INFO_VALUE;
			/* FALLTHROUGH */
		case FS_CV_PATTERN:
			if (len == 0 || len > m->max_length || (m->re != NULL &&
			    regexec(m->re, r->s, 0, NULL, 0) != 0))
				return FS_SCRUB_INFO_VALUE;
			break;
		case FS_CV_VERSION:
			for (k = 0; m->words != NULL && m->words[k] != NULL; k++)
				if (strcmp(r->s, m->words[k]) == 0)
					break;
			if (m->words != NULL && m->words[k] != NULL)
				break;
			if (len > m->max_length || !fs_version_shape(r->s, len))
				return FS_SCRUB_INFO_VALUE;
			break;
		case FS_CV_NUMBER:
			return FS_SCRUB_WRONG_TYPE;
		}
	} else if (r->vtype == FS_V_INT ? r->i < m->min || r->i > m->max :
	    !(r->d >= (double)m->min && r->d <= (double)m->max))
		return FS_SCRUB_OUT_OF_RANGE;

	for (i = 0; i < r->nlabels; i++) {
		enum fs_pii hit = fs_pii_scan(r->labels[i].val,
		    strlen(r->labels[i].val));

		if (hit != FS_PII_NONE) {
			if (pii != NULL)
				*pii = hit;
			return FS_SCRUB_PII;
		}
	}
	if (r->vtype == FS_V_STRING) {
		enum fs_pii hit = fs_pii_scan_as(r->s, strlen(r->s), m->pii);

		if (hit != FS_PII_NONE) {
			if (pii != NULL)
				*pii = hit;
			return FS_SCRUB_PII;
		}
	}
	return FS_SCRUB_OK;
}

/* printable ASCII: free text from a host is kept to what a CPU or OS name
 * needs, so look-alike Unicode digits or letters cannot slip past the
 * detectors */
static int
printable(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}

static long
lineof(const struct loader *L, struct fs_jspan s)
{
	const char *q;
	long line = 1;

	if (L->text == NULL || s.p == NULL)
		return 0;
	for (q = L->text; q < s.p; q++)
		if (*q == '\n')
			line++;
	return line;
}

static char *
str(struct fs_jspan s)
{
	struct fs_buf b = FS_BUF_INIT;

	fs_json_unescape(s, &b);
	if (b.p == NULL)
		fs_buf_adds(&b, "");
	return b.p;
}

/* a string member of o; required or absent (then *out stays NULL) */
static int
getstr(struct loader *L, struct fs_jspan o, const char *key, int required,
    char **out)
{
	struct fs_jspan v;

	*out = NULL;
	if (o.type != FS_J_OBJECT || !fs_json_get(o, key, &v)) {
		if (!required)
			return 0;
		fs_warn_at(L->path, lineof(L, o), "\"%s\" missing", key);
		return -1;
	}
	if (v.type != FS_J_STRING) {
		fs_warn_at(L->path, lineof(L, o), "\"%s\" must be a string", key);
		return -1;
	}
	*out = str(v);
	return 0;
}

static int
label_cmp(const void *a, const void *b)
{
	const struct fs_cat_label *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* a leading zero only where real versions have one: "0", "22.04" */
static int
version_part(const char *s, size_t len, int first)
{
	if (len < 1 || len > 5)
		return 0;
	if (s[0] == '0' && len > 1 && (first || len != 2))
		return 0;
	return 1;
}

int
fs_version_shape(const char *s, size_t n)
{
	size_t i, a, parts = 0, digits = 0;
	int one = 0, y, mo, d;

	for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == 8 && n == 8) {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
		    (s[3] - '0');
		mo = (s[4] - '0') * 10 + (s[5] - '0');
		d = (s[6] - '0') * 10 + (s[7] - '0');
		return y >= 1990 && y <= 2099 && mo >= 1 && mo <= 12 &&
		    d >= 1 && d <= 31;
	}
	for (a = i = 0; i <= n; i++) {
		if (i < n && s[i] >= '0' && s[i] <= '9')
			continue;
		if (i < n && s[i] != '.')
			return 0;
		if (++parts > 4 || !version_part(s + a, i - a, parts == 1))
			return 0;
		digits += i - a;
		one |= i - a == 1;
		a = i + 1;
	}
	return digits < 7 || one;
}
