/*
 * scrub-random: test helper for fluxstat-scrub (tests/0600, 0620).
 *
 *   scrub-random gen SEED N        N random records (deterministic)
 *   scrub-random inject FILE       records carrying each line of FILE as
 *                                  a label value, an info value, an unknown
 *                                  field and a label name, for every
 *                                  catalogued metric
 *   scrub-random inject-names FILE the same with each line as the metric
 *                                  name (lines that are not records)
 *   scrub-random inject-numbers FILE
 *                                  records carrying each line of FILE (a
 *                                  JSON number) as the value of every
 *                                  gauge and counter
 *   scrub-random clean             one clean record of every metric
 *   scrub-random check             read records; exit 1 naming the line of
 *                                  the first that the catalogue forbids
 *
 * check holds the output against the catalogue with its own simple
 * reading of the rules, not with fs_catalog_scrub, so that a bug there
 * cannot hide itself.
 */
#include "config.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

static struct fs_catalog *cat;
static struct fs_buf out = FS_BUF_INIT;
static uint64_t rng;

static uint64_t
next(void)
{
	/* xorshift64*: tiny, deterministic on every platform */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

static size_t
pick(size_t n)
{
	return n == 0 ? 0 : (size_t)(next() % n);
}

static void
utf8(struct fs_buf *b, uint32_t c)
{
	char u8[4];

	fs_buf_add(b, u8, fs_utf8_put(u8, (uint32_t)c));
}

static const char *const nasty[] = {
	"anna.schulz@example.com", "+49 171 1234567", "0171 2345678",
	"DE89 3704 0044 0532 0130 00", "4111 1111 1111 1111", "192.168.1.23",
	"fe80::1ff:fe23:4567:890a", "00:1a:2b:3c:4d:5e",
	"https://admin:pw@example.com/", "/home/anna/x.pdf",
	"C:\\Users\\anna", "FLX-7Q2M-K8P3-Z9W1", "Druckerei Beispiel GmbH",
	"Flyer Meier 2026.pdf", "other", "custom", "booklet", "Booklet",
	"booklet ", " A4", "a4", "AccurioPress C14000 ", "10.2.3", "10.2.3.4",
	"AMD EPYC 7B13 64-Core Processor", "", "\t", "none", "ok",
	"info@xn--mller-kva.xn--p1ai", "anna@[192.0.2.1]", "30.123.456.78",
	"0171.123.45.67", "20240823", "22.04",
};

/* random text: ASCII, Latin, Greek, CJK, emoji, fullwidth digits,
 * combining marks, and now and then a whole nasty string */
static void
text(struct fs_buf *b)
{
	static const uint32_t ranges[][2] = {
		{ 0x20, 0x7e }, { 0x30, 0x39 }, { 0xa0, 0xff }, { 0x391, 0x3c9 },
		{ 0x4e00, 0x4fff }, { 0x1f600, 0x1f64f }, { 0xff10, 0xff19 },
		{ 0x300, 0x36f }, { 0x1, 0x1f }, { 0x2028, 0x2029 },
	};
	size_t n, i, r;

	if (pick(4) == 0) {
		fs_buf_adds(b, nasty[pick(sizeof nasty / sizeof nasty[0])]);
		return;
	}
	n = pick(20);
	for (i = 0; i < n; i++) {
		r = pick(sizeof ranges / sizeof ranges[0]);
		utf8(b, ranges[r][0] + (uint32_t)pick(ranges[r][1] -
		    ranges[r][0] + 1));
	}
}

static void
jtext(void)
{
	struct fs_buf t = FS_BUF_INIT;

	text(&t);
	fs_json_str(&out, t.p != NULL ? t.p : "", t.len);
	fs_buf_free(&t);
}

/* a word of a vocabulary, sometimes bent a little */
static void
word(const char *vocab_name)
{
	char **w = fs_catalog_words(cat, vocab_name);
	struct fs_buf t = FS_BUF_INIT;
	size_t n, i;

	if (w == NULL)
		exit(2);
	for (n = 0; w[n] != NULL; n++)
		;
	fs_buf_adds(&t, w[pick(n)]);
	switch (pick(6)) {
	case 0:
		fs_buf_addc(&t, ' ');
		break;
	case 1:
		if (t.p[0] >= 'a' && t.p[0] <= 'z')
			t.p[0] = (char)(t.p[0] - 'a' + 'A');
		else if (t.p[0] >= 'A' && t.p[0] <= 'Z')
			t.p[0] = (char)(t.p[0] - 'A' + 'a');
		break;
	case 2:
		utf8(&t, 0x200b);	/* zero-width space */
		break;
	}
	fs_json_str(&out, t.p, t.len);
	fs_buf_free(&t);
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

static void
gen_record(void)
{
	const struct fs_cat_metric *m = &cat->metrics[pick(cat->nmetrics)];
	size_t nl, i;

	fs_buf_adds(&out, "{\"metric\":");
	switch (pick(5)) {
	case 0:
		/* any text is rarely a well-formed name (a malformed line);
		 * mostly a well-formed name outside the catalogue */
		if (pick(10) == 0)
			jtext();
		else {
			size_t len = 1 + pick(30), c;

			fs_buf_addc(&out, '"');
			for (c = 0; c < len; c++)
				fs_buf_addc(&out, c == 0 || out.p[out.len - 1] == '.' ?
				    'a' + (int)pick(26) :
				    "abcdefghijklmnopqrstuvwxyz0123456789_."[pick(38)]);
			if (out.p[out.len - 1] == '.')
				fs_buf_addc(&out, 'x');
			fs_buf_addc(&out, '"');
		}
		m = NULL;
		break;
	case 1:
		fs_buf_addc(&out, '"');
		fs_buf_adds(&out, m->name);
		fs_buf_adds(&out, pick(2) ? "x\"" : ".total\"");
		m = NULL;
		break;
	default:
		fs_json_strz(&out, m->name);
	}
	if (pick(8) != 0) {
		fs_buf_adds(&out, ",\"labels\":{");
		nl = m != NULL && m->nlabels > 0 && pick(3) != 0 ? m->nlabels +
		    pick(2) : pick(3);
		for (i = 0; i < nl; i++) {
			if (i > 0)
				fs_buf_addc(&out, ',');
			if (m != NULL && i < m->nlabels)
				fs_json_strz(&out, m->labels[i].name);
			else
				jtext();
			fs_buf_addc(&out, ':');
			if (m != NULL && i < m->nlabels && pick(2) == 0)
				word(m->labels[i].vocab_name);
			else if (m != NULL && i < m->nlabels && pick(3) == 0 &&
			    m->labels[i].fallback != NULL)
				fs_json_strz(&out, m->labels[i].fallback);
			else
				jtext();
		}
		fs_buf_addc(&out, '}');
	}
	fs_buf_adds(&out, ",\"value\":");
	switch (pick(6)) {
	case 0:
		/* now and then a card or phone number typed into a count */
		if (pick(8) == 0)
			fs_json_int(&out, pick(2) ? 4111111111111111LL :
			    1711234567LL);
		else
			fs_json_int(&out, (int64_t)pick(1000000));
		break;
	case 1:
		(void)fs_json_double(&out, (double)pick(1000) / 8.0);
		break;
	case 2:
		if (m != NULL && m->check == FS_CV_VOCAB) {
			word(m->vocab_name);
			break;
		}
		/* FALLTHROUGH */
	case 3:
		fs_buf_printf(&out, "\"%zu.%zu.%zu\"", pick(20), pick(20),
		    pick(20000));
		break;
	default:
		jtext();
	}
	if (pick(4) == 0) {
		fs_buf_adds(&out, ",\"source\":");
		jtext();
	}
	fs_buf_adds(&out, "}\n");
}

static void
flush(void)
{
	fwrite(out.p, 1, out.len, stdout);
	fs_buf_reset(&out);
}

/* the first word of a vocabulary */
static void
good_word(const char *vocab_name, struct fs_buf *b)
{
	char **w = fs_catalog_words(cat, vocab_name);
	size_t i;

	if (w == NULL || w[0] == NULL)
		exit(2);
	fs_json_strz(b, w[0]);
	for (i = 0; w[i] != NULL; i++)
		free(w[i]);
	free(w);
}

/* a value the catalogue accepts for m, for clean records */
static void
good_value(const struct fs_cat_metric *m, struct fs_buf *b)
{
	switch (m->check) {
	case FS_CV_NUMBER:
		fs_json_int(b, m->max >= 3 ? 3 : m->max);
		return;
	case FS_CV_VOCAB:
		good_word(m->vocab_name, b);
		return;
	case FS_CV_PATTERN:
	case FS_CV_VERSION:
		fs_json_strz(b, "10.2.3");
		return;
	case FS_CV_TEXT:
		fs_json_strz(b, "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz");
		return;
	}
}

/* a clean record of m up to its value: each label the first word of its
 * vocabulary, or first for the first label when first is not NULL */
static void
head(const struct fs_cat_metric *m, const char *first)
{
	size_t j;

	fs_buf_adds(&out, "{\"labels\":{");
	for (j = 0; j < m->nlabels; j++) {
		if (j > 0)
			fs_buf_addc(&out, ',');
		fs_json_strz(&out, m->labels[j].name);
		fs_buf_addc(&out, ':');
		if (j == 0 && first != NULL)
			fs_json_strz(&out, first);
		else
			good_word(m->labels[j].vocab_name, &out);
	}
	fs_buf_adds(&out, "},\"metric\":");
	fs_json_strz(&out, m->name);
	fs_buf_adds(&out, ",\"value\":");
}

/* clean records of every metric: every word of its first label, and of
 * the vocabulary of an info value */
static void
clean(void)
{
	size_t k, i;
	char **w, **vw;

	for (k = 0; k < cat->nmetrics; k++) {
		const struct fs_cat_metric *m = &cat->metrics[k];

		w = m->nlabels > 0 ? fs_catalog_words(cat,
		    m->labels[0].vocab_name) : NULL;
		vw = m->check == FS_CV_VOCAB ? fs_catalog_words(cat,
		    m->vocab_name) : NULL;
		for (i = 0; vw != NULL && vw[i] != NULL; i++) {
			head(m, NULL);
			fs_json_strz(&out, vw[i]);
			fs_buf_adds(&out, "}\n");
			free(vw[i]);
		}
		free(vw);
		for (i = 0; i == 0 || (w != NULL && w[i] != NULL); i++) {
			head(m, w != NULL ? w[i] : NULL);
			good_value(m, &out);
			fs_buf_adds(&out, "}\n");
		}
		for (i = 0; w != NULL && w[i] != NULL; i++)
			free(w[i]);
		free(w);
	}
}

static void
inject(const char *path, int names)
{
	struct fs_lines l;
	struct fs_buf v = FS_BUF_INIT;
	char *line;
	ssize_t n;
	size_t k, j, mode;

	if (fs_lines_open(&l, path) != 0)
		exit(2);
	while ((n = fs_lines_next(&l, &line)) >= 0) {
		if (n == 0)
			continue;
		for (k = 0; k < cat->nmetrics; k++) {
			const struct fs_cat_metric *m = &cat->metrics[k];

			for (mode = names ? 4 : 0; mode < (names ? 5u : 4u);
			    mode++) {
				if (mode == 0 && m->nlabels == 0)
					continue;
				if (mode == 1 && m->kind != FS_KIND_INFO)
					continue;
				fs_buf_adds(&out, "{\"labels\":{");
				for (j = 0; j < m->nlabels; j++) {
					fs_json_strz(&out, m->labels[j].name);
					fs_buf_addc(&out, ':');
					if (mode == 0)
						fs_json_str(&out, line, (size_t)n);
					else
						good_word(m->labels[j].vocab_name,
						    &out);
					fs_buf_addc(&out, ',');
				}
				if (mode == 3) {	/* as a label's name */
					fs_json_str(&out, line, (size_t)n);
					fs_buf_adds(&out, ":\"x\",");
				}
				fs_buf_adds(&out, "\"zz_planted\":");	/* undeclared */
				fs_json_str(&out, line, (size_t)n);
				fs_buf_adds(&out, "},\"metric\":");
				if (mode == 4)
					fs_json_str(&out, line, (size_t)n);
				else
					fs_json_strz(&out, m->name);
				fs_buf_adds(&out, ",\"value\":");
				if (mode == 1)
					fs_json_str(&out, line, (size_t)n);
				else {
					fs_buf_reset(&v);
					good_value(m, &v);
					fs_buf_add(&out, v.p, v.len);
				}
				/* mode 2 and all others: an unknown field */
				fs_buf_adds(&out, ",\"note\":");
				fs_json_str(&out, line, (size_t)n);
				fs_buf_adds(&out, "}\n");
			}
		}
		flush();
	}
	fs_lines_close(&l);
	fs_buf_free(&v);
}

/* each line a JSON number, as the value of every gauge and counter */
static void
inject_numbers(const char *path)
{
	struct fs_lines l;
	char *line;
	ssize_t n;
	size_t k;

	if (fs_lines_open(&l, path) != 0)
		exit(2);
	while ((n = fs_lines_next(&l, &line)) >= 0) {
		if (n == 0 || line[0] == '#')
			continue;
		for (k = 0; k < cat->nmetrics; k++) {
			const struct fs_cat_metric *m = &cat->metrics[k];

			if (m->kind == FS_KIND_INFO)
				continue;
			head(m, NULL);
			fs_buf_add(&out, line, (size_t)n);
			fs_buf_adds(&out, "}\n");
		}
		flush();
	}
	fs_lines_close(&l);
}

static int
check(void)
{
	struct fs_lines l;
	struct fs_record r;
	struct fs_jerr err;
	const struct fs_cat_metric *m;
	char *line;
	ssize_t n;
	size_t j;
	long bad = 0, nrec = 0;

	if (fs_lines_open(&l, "-") != 0)
		return 2;
	while ((n = fs_lines_next(&l, &line)) >= 0) {
		const char *why = NULL;

		nrec++;
		memset(&r, 0, sizeof r);
		if (fs_record_parse(line, (size_t)n, &r, &err) != 0) {
			fs_warn_at(l.name, l.lineno, "not a record");
			bad++;
			continue;
		}
		if ((m = fs_catalog_find(cat, r.metric, strlen(r.metric))) == NULL)
			why = "metric not catalogued";
		else if (r.nlabels != m->nlabels)
			why = "labels not the declared ones";
		else
			for (j = 0; j < r.nlabels && why == NULL; j++) {
				if (strcmp(r.labels[j].key, m->labels[j].name) != 0)
					why = "an undeclared label";
				else if (!fs_vocab_has(m->labels[j].vocab,
				    r.labels[j].val, strlen(r.labels[j].val)) &&
				    (m->labels[j].fallback == NULL ||
				    strcmp(r.labels[j].val, m->labels[j].fallback) != 0))
					why = "a label value outside its vocabulary";
			}
		if (why == NULL && m->kind == FS_KIND_INFO) {
			if (r.vtype != FS_V_STRING)
				why = "an info without a string";
			else if (m->check == FS_CV_VOCAB &&
			    !fs_vocab_has(m->vocab, r.s, strlen(r.s)) &&
			    (m->fallback == NULL || strcmp(r.s, m->fallback) != 0))
				why = "an info value outside its vocabulary";
			else if (m->check != FS_CV_VOCAB && (strlen(r.s) >
			    m->max_length || (m->re != NULL &&
			    regexec(m->re, r.s, 0, NULL, 0) != 0)))
				why = "an info value failing its pattern";
			else if (m->check == FS_CV_VERSION &&
			    strcmp(r.s, "none") != 0 &&
			    strcmp(r.s, "unknown") != 0 &&
			    strspn(r.s, "0123456789.") != strlen(r.s))
				why = "a version that is not digits and dots";
		} else if (why == NULL && r.vtype == FS_V_STRING)
			why = "a number metric with a string";
		else if (why == NULL && (r.vtype == FS_V_INT ?
		    r.i < m->min || r.i > m->max :
		    !(r.d >= (double)m->min && r.d <= (double)m->max)))
			why = "a number outside its range";
		if (why != NULL) {
			fs_warn_at(l.name, l.lineno, "%s", why);
			bad++;
		}
		fs_record_free(&r);
	}
	fs_lines_close(&l);
	printf("%ld records, %ld bad\n", nrec, bad);
	return bad > 0;
}

int
main(int argc, char *argv[])
{
	long long seed, n, i;

	fs_setprogname(argv[0]);
	if ((cat = fs_catalog_load(NULL)) == NULL)
		return 2;
	if (argc == 4 && strcmp(argv[1], "gen") == 0) {
		if (fs_parse_ll(argv[2], 1, INT64_MAX, &seed, "seed") != 0 ||
		    fs_parse_ll(argv[3], 0, 100000000, &n, "count") != 0)
			return 2;
		rng = (uint64_t)seed;
		for (i = 0; i < n; i++) {
			gen_record();
			if (out.len > 65536)
				flush();
		}
	} else if (argc == 3 && strcmp(argv[1], "inject") == 0)
		inject(argv[2], 0);
	else if (argc == 3 && strcmp(argv[1], "inject-names") == 0)
		inject(argv[2], 1);
	else if (argc == 3 && strcmp(argv[1], "inject-numbers") == 0)
		inject_numbers(argv[2]);
	else if (argc == 2 && strcmp(argv[1], "clean") == 0)
		clean();
	else if (argc == 2 && strcmp(argv[1], "check") == 0)
		return check();
	else {
		fs_warnx("usage: scrub-random gen SEED N | inject FILE | "
		    "inject-names FILE | inject-numbers FILE | clean | check");
		return 2;
	}
	flush();
	fs_catalog_free(cat);
	return fs_close_stdout();
}
