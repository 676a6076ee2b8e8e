/*
 * record.c: the metric record, one JSON object per line (fluxstat(7)):
 *
 *	{"labels":{"job_type":"booklet"},"metric":"usage.orders.created","value":42}
 *
 * Readers take any key order, a missing "labels", and ignore keys they do
 * not know; fs_record_write writes the one canonical form, so equal
 * records are equal bytes.  Messages about a bad line say what is wrong
 * with it, never what it holds: a line may carry personal data.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

static int	 bad(struct fs_jerr *, const char *);
static int	 metric_ok(const char *, size_t);
static char	*decode_z(struct fs_jspan, struct fs_buf *);
static int	 label_cmp(const void *, const void *);
static int	 labels_sorted(const struct fs_record *);

static int
bad(struct fs_jerr *err, const char *msg)
{
	if (err != NULL) {
		err->off = 0;
		snprintf(err->msg, sizeof err->msg, "%s", msg);
	}
	return -1;
}

/* [a-z][a-z0-9_]* joined by single dots */
static int
metric_ok(const char *s, size_t n)
{
	size_t i;
	int start = 1;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (start) {
			if (s[i] < 'a' || s[i] > 'z')
				return 0;
			start = 0;
		} else if (s[i] == '.')
			start = 1;
		else if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	}
	return !start;
}

/* a string span as a new C string; NULL when it holds a NUL byte */
static char *
decode_z(struct fs_jspan s, struct fs_buf *tmp)
{
	fs_buf_reset(tmp);
	fs_json_unescape(s, tmp);
	if (tmp->len > 0 && memchr(tmp->p, '\0', tmp->len) != NULL)
		return NULL;
	return fs_xstrndup(tmp->len ? tmp->p : "", tmp->len);
}

int
fs_record_parse(const char *line, size_t n, struct fs_record *r,
    struct fs_jerr *err)
{
	struct fs_jspan root;
	struct fs_jerr jerr;

	memset(r, 0, sizeof *r);
	if (fs_json_parse(line, n, &root, &jerr) != 0) {
		if (err != NULL) {
			static const char pre[] = "invalid JSON: ";
			size_t len = strnlen(jerr.msg, sizeof err->msg - sizeof pre);

			err->off = jerr.off;
			memcpy(err->msg, pre, sizeof pre - 1);
			memcpy(err->msg + sizeof pre - 1, jerr.msg, len);
			err->msg[sizeof pre - 1 + len] = '\0';
		}
		return -1;
	}
	return fs_record_from_span(root, r, err);
}

int
fs_record_from_span(struct fs_jspan root, struct fs_record *r,
    struct fs_jerr *err)
{
	struct fs_buf tmp = FS_BUF_INIT;
	struct fs_jspan k, v, lk, lv, metric, labels, value;
	struct fs_jiter it, lit;
	const char *msg = NULL;
	int64_t i;
	size_t j;

	memset(r, 0, sizeof *r);
	if (root.type != FS_J_OBJECT)
		return bad(err, "not a JSON object");

	metric.type = labels.type = value.type = FS_J_NONE;
	fs_json_iter(root, &it);
	while (fs_json_next(&it, &k, &v)) {
		struct fs_jspan *slot = NULL;

		if (fs_json_streq(k, "metric"))
			slot = &metric;
		else if (fs_json_streq(k, "labels"))
			slot = &labels;
		else if (fs_json_streq(k, "value"))
			slot = &value;
		else
			continue;	/* e.g. "source": the scrubber drops it */
		if (slot->type != FS_J_NONE)
			return bad(err, "a key of the record appears twice");
		*slot = v;
	}

	if (metric.type == FS_J_NONE)
		return bad(err, "no \"metric\"");
	if (metric.type != FS_J_STRING)
		return bad(err, "\"metric\" is not a string");
	if (labels.type != FS_J_NONE && labels.type != FS_J_OBJECT)
		return bad(err, "\"labels\" is not an object");
	if (value.type == FS_J_NONE)
		return bad(err, "no \"value\"");
	if (value.type != FS_J_NUMBER && value.type != FS_J_STRING)
		return bad(err, "\"value\" is neither a number nor a string");

	fs_json_unescape(metric, &tmp);
	if (!metric_ok(tmp.p, tmp.len)) {
		fs_buf_free(&tmp);
		return bad(err,
		    "\"metric\" is not a metric name ([a-z][a-z0-9_]* joined by dots)");
	}
	r->metric = fs_xstrndup(tmp.p, tmp.len);

	if (value.type == FS_J_NUMBER) {
		if (fs_json_get_i64(value, &i) == 0) {
			r->vtype = FS_V_INT;
			r->i = i;
			r->d = (double)i;
		} else {
			r->vtype = FS_V_DOUBLE;
			r->d = fs_json_get_double(value);
			if (!isfinite(r->d)) {
				msg = "\"value\" is beyond the range of a double";
				goto fail;
			}
		}
	} else {
		r->vtype = FS_V_STRING;
		if ((r->s = decode_z(value, &tmp)) == NULL) {
			msg = "\"value\" holds a NUL character";
			goto fail;
		}
	}

	if (labels.type == FS_J_OBJECT) {
		fs_json_iter(labels, &lit);
		while (fs_json_next(&lit, &lk, &lv)) {
			struct fs_label *l;

			if (lv.type != FS_J_STRING) {
				msg = "a label value is not a string";
				goto fail;
			}
			r->labels = fs_xrealloc(r->labels,
			    (r->nlabels + 1) * sizeof *r->labels);
			l = &r->labels[r->nlabels];
			l->key = decode_z(lk, &tmp);
			l->val = l->key ? decode_z(lv, &tmp) : NULL;
			if (l->key == NULL || l->val == NULL) {
				free(l->key);
				msg = "a label holds a NUL character";
				goto fail;
			}
			r->nlabels++;
		}
		fs_record_sort_labels(r);
		for (j = 1; j < r->nlabels; j++)
			if (strcmp(r->labels[j - 1].key, r->labels[j].key) == 0) {
				msg = "a label key appears twice";
				goto fail;
			}
	}
	fs_buf_free(&tmp);
	return 0;

fail:
	fs_buf_free(&tmp);
	fs_record_free(r);
	return bad(err, msg);
}

static int
label_cmp(const void *a, const void *b)
{
	const struct fs_label *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c != 0 ? c : strcmp(x->val, y->val);
}

static int
labels_sorted(const struct fs_record *r)
{
	size_t j;

	for (j = 1; j < r->nlabels; j++)
		if (label_cmp(&r->labels[j - 1], &r->labels[j]) > 0)
			return 0;
	return 1;
}

void
fs_record_sort_labels(struct fs_record *r)
{
	if (r->nlabels > 1 && !labels_sorted(r))
		qsort(r->labels, r->nlabels, sizeof *r->labels, label_cmp);
}

/* an existing key gets the new value: labels are a map */
void
fs_record_add_label(struct fs_record *r, const char *key, const char *val)
{
	size_t j;

	for (j = 0; j < r->nlabels; j++)
		if (strcmp(r->labels[j].key, key) == 0) {
			free(r->labels[j].val);
			r->labels[j].val = fs_xstrdup(val);
			return;
		}
	r->labels = fs_xrealloc(r->labels, (r->nlabels + 1) * sizeof *r->labels);
	r->labels[r->nlabels].key = fs_xstrdup(key);
	r->labels[r->nlabels].val = fs_xstrdup(val);
	r->nlabels++;
}

/*
 * Labels are written sorted even when the caller added them unsorted (the
 * record is const here, so a sorted copy of the array is used).  A double
 * that is not finite cannot be JSON: it is written as null, which no
 * reader takes for a record, so the mistake cannot pass unnoticed.
 */
void
fs_record_write(struct fs_buf *out, const struct fs_record *r)
{
	const struct fs_label *l = r->labels;
	struct fs_label *copy = NULL;
	size_t j;

	if (r->nlabels > 1 && !labels_sorted(r)) {
		copy = fs_xcalloc(r->nlabels, sizeof *copy);
		memcpy(copy, r->labels, r->nlabels * sizeof *copy);
		qsort(copy, r->nlabels, sizeof *copy, label_cmp);
		l = copy;
	}
	fs_buf_adds(out, "{\"labels\":{");
	for (j = 0; j < r->nlabels; j++) {
		if (j > 0)
			fs_buf_addc(out, ',');
		fs_json_strz(out, l[j].key);
		fs_buf_addc(out, ':');
		fs_json_strz(out, l[j].val);
	}
	fs_buf_adds(out, "},\"metric\":");
	fs_json_strz(out, r->metric ? r->metric : "");
	fs_buf_adds(out, ",\"value\":");
	switch (r->vtype) {
	case FS_V_INT:
		fs_json_int(out, r->i);
		break;
	case FS_V_DOUBLE:
		if (fs_json_double(out, r->d) != 0)
			fs_buf_adds(out, "null");
		break;
	case FS_V_STRING:
		fs_json_strz(out, r->s ? r->s : "");
		break;
	}
	fs_buf_addc(out, '}');
	free(copy);
}

int
fs_record_cmp(const struct fs_record *a, const struct fs_record *b)
{
	size_t j;
	int c;

	if ((c = strcmp(a->metric, b->metric)) != 0)
		return c;
	for (j = 0; j < a->nlabels && j < b->nlabels; j++) {
		if ((c = strcmp(a->labels[j].key, b->labels[j].key)) != 0)
			return c;
		if ((c = strcmp(a->labels[j].val, b->labels[j].val)) != 0)
			return c;
	}
	return (a->nlabels > b->nlabels) - (a->nlabels < b->nlabels);
}

void
fs_record_free(struct fs_record *r)
{
	size_t j;

	for (j = 0; j < r->nlabels; j++) {
		free(r->labels[j].key);
		free(r->labels[j].val);
	}
	free(r->labels);
	free(r->metric);
	free(r->s);
	memset(r, 0, sizeof *r);
}
