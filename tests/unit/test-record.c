/* test-record.c: metric records: parsing, the canonical form, ordering */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"
#include "tap.h"

/* parse s and write it back canonically; NULL and the message on error */
static char *
canon(const char *s, size_t n, char *msg, size_t msgsize)
{
	struct fs_record r;
	struct fs_jerr err;
	struct fs_buf b = FS_BUF_INIT;

	if (fs_record_parse(s, n, &r, &err) != 0) {
		snprintf(msg, msgsize, "%s", err.msg);
		return NULL;
	}
	fs_record_write(&b, &r);
	fs_record_free(&r);
	return b.p;
}

static int
parse(const char *s, struct fs_record *r)
{
	struct fs_jerr err;

	return fs_record_parse(s, strlen(s), r, &err);
}

static void
is_canon(const char *in, const char *want, const char *desc)
{
	char msg[128] = "";
	char *got = canon(in, strlen(in), msg, sizeof msg);

	if (!tap_is(got, want, desc) && got == NULL)
		printf("# error: %s\n", msg);
	free(got);
}

/*
 * A bad line: refused, the message as expected, and not a byte of the
 * line's content in it (the word "Schulz" stands for personal data).
 */
static void
refused(const char *in, const char *want_msg, const char *desc)
{
	char msg[128] = "";
	char *got = canon(in, strlen(in), msg, sizeof msg);

	if (!tap_ok(got == NULL && strstr(msg, want_msg) != NULL &&
	    strstr(msg, "Schulz") == NULL, desc))
		printf("# got: %s, message '%s', want '%s'\n", got ? got : "(accepted)",
		    msg, want_msg);
	free(got);
}

int
main(void)
{
	struct fs_record r, a, b;
	struct fs_buf out = FS_BUF_INIT, line = FS_BUF_INIT;
	char msg[128], *got;
	int c, ok;

	fs_setprogname("test-record");
	tap_plan(58);

	/* the canonical form */
	is_canon("{\"metric\":\"usage.orders.created\",\"labels\":{\"job_type\":\"booklet\"},\"value\":42}",
	    "{\"labels\":{\"job_type\":\"booklet\"},\"metric\":\"usage.orders.created\",\"value\":42}",
	    "fluxstat(7) example: keys sorted");
	is_canon(" { \"value\" : 1 , \"metric\" : \"a.b\" } ",
	    "{\"labels\":{},\"metric\":\"a.b\",\"value\":1}",
	    "missing labels written as {}; blanks dropped");
	is_canon("{\"metric\":\"m\",\"labels\":{\"z\":\"1\",\"a\":\"2\",\"m\":\"3\"},\"value\":0}",
	    "{\"labels\":{\"a\":\"2\",\"m\":\"3\",\"z\":\"1\"},\"metric\":\"m\",\"value\":0}",
	    "labels sorted by key");
	is_canon("{\"metric\":\"m\",\"value\":1,\"source\":\"monitoring\",\"x\":[1,{\"y\":null}]}",
	    "{\"labels\":{},\"metric\":\"m\",\"value\":1}", "unknown keys ignored");
	is_canon("{\"metric\":\"device.os\",\"labels\":{},\"value\":\"Debian \\u00e9 \\\"12\\\"\"}",
	    "{\"labels\":{},\"metric\":\"device.os\",\"value\":\"Debian \xc3\xa9 \\\"12\\\"\"}",
	    "string value decoded and re-escaped");
	is_canon("{\"metric\":\"m\",\"labels\":{\"k\\u0065y\":\"v\\/al\"},\"value\":1}",
	    "{\"labels\":{\"key\":\"v/al\"},\"metric\":\"m\",\"value\":1}",
	    "escapes in label keys and values decoded");
	is_canon("{\"metric\":\"m\",\"value\":9007199254740993}",
	    "{\"labels\":{},\"metric\":\"m\",\"value\":9007199254740993}",
	    "2^53+1 stays exact");
	is_canon("{\"metric\":\"m\",\"value\":9223372036854775807}",
	    "{\"labels\":{},\"metric\":\"m\",\"value\":9223372036854775807}",
	    "INT64_MAX stays exact");
	is_canon("{\"metric\":\"m\",\"value\":-9223372036854775808}",
	    "{\"labels\":{},\"metric\":\"m\",\"value\":-9223372036854775808}",
	    "INT64_MIN stays exact");
	is_canon("{\"metric\":\"m\",\"value\":-0}",
	    "{\"labels\":{},\"metric\":\"m\",\"value\":0}", "-0 is the integer 0");
	/* -0.0 keeps its sign through a write and a re-read, byte for byte */
	{
		struct fs_record z;
		struct fs_buf w1 = FS_BUF_INIT;
		char *w2;

		memset(&z, 0, sizeof z);
		z.metric = (char *)"m";
		z.vtype = FS_V_DOUBLE;
		z.d = -0.0;
		fs_record_write(&w1, &z);
		tap_is(w1.p, "{\"labels\":{},\"metric\":\"m\",\"value\":-0.0}",
		    "-0.0 is written -0.0");
		w2 = canon(w1.p, w1.len, msg, sizeof msg);
		tap_is(w2, w1.p, "-0.0 written, read and written again: the same bytes");
		tap_ok(parse(w1.p, &r) == 0 && r.vtype == FS_V_DOUBLE &&
		    r.d == 0 && signbit(r.d), "-0.0 reads back as a double with its sign");
		fs_record_free(&r);
		free(w2);
		fs_buf_free(&w1);
	}
	is_canon("{\"metric\":\"m\",\"value\":-0.0}",
	    "{\"labels\":{},\"metric\":\"m\",\"value\":-0.0}", "-0.0 stays -0.0");
	is_canon("{\"metric\":\"m\",\"value\":12.5}",
	    "{\"labels\":{},\"metric\":\"m\",\"value\":12.5}", "a fraction");
	is_canon("{\"metric\":\"m\",\"value\":0.1}",
	    "{\"labels\":{},\"metric\":\"m\",\"value\":0.1}", "0.1 shortest form");

	ok = parse("{\"metric\":\"m\",\"value\":9223372036854775808}", &r) == 0 &&
	    r.vtype == FS_V_DOUBLE && r.d == 9223372036854775808.0;
	fs_record_free(&r);
	tap_ok(ok, "INT64_MAX+1 becomes a double");
	ok = parse("{\"metric\":\"m\",\"value\":1e3}", &r) == 0 &&
	    r.vtype == FS_V_DOUBLE && r.d == 1000;
	fs_record_free(&r);
	tap_ok(ok, "an exponent makes a double even when the value is whole");
	ok = parse("{\"metric\":\"m\",\"value\":-42}", &r) == 0 &&
	    r.vtype == FS_V_INT && r.d == -42 && r.nlabels == 0 && r.s == NULL;
	tap_is_ll(ok ? r.i : 0, -42, "an integer: vtype INT, i and d set");
	fs_record_free(&r);
	ok = parse("{\"metric\":\"m\",\"value\":\"x\",\"labels\":{\"b\":\"2\",\"a\":\"1\"}}", &r) == 0 && r.vtype == FS_V_STRING && strcmp(r.s, "x") == 0 &&
	    r.nlabels == 2 && strcmp(r.labels[0].key, "a") == 0 &&
	    strcmp(r.labels[1].val, "2") == 0;
	fs_record_free(&r);
	tap_ok(ok, "a string value; labels sorted in the struct");

	/* every control character escaped on output, and read back */
	fs_buf_adds(&line, "{\"metric\":\"m\",\"labels\":{\"k\":\"");
	for (c = 1; c < 0x20; c++)
		fs_buf_printf(&line, "\\u%04x", c);
	fs_buf_adds(&line, "\\u007f\"},\"value\":\"tab\\there\"}");
	got = canon(line.p, line.len, msg, sizeof msg);
	ok = got != NULL;
	for (c = 0; ok && got[c]; c++)
		if ((unsigned char)got[c] < 0x20)
			ok = 0;
	tap_ok(ok && strstr(got, "\\u0001") && strstr(got, "\\n") &&
	    strstr(got, "\\u001f") && strstr(got, "tab\\there"),
	    "all control characters escaped in the output");
	if (got != NULL) {
		char *again = canon(got, strlen(got), msg, sizeof msg);

		tap_is(again, got, "the canonical form reads back to itself");
		free(again);
	} else
		tap_ok(0, "the canonical form reads back to itself");
	free(got);

	/* refusals: what is wrong, never what the line says */
	refused("[\"Schulz\"]", "not a JSON object", "an array is not a record");
	refused("\"Schulz\"", "not a JSON object", "a string is not a record");
	refused("{\"metric\":\"m\",\"value\":\"Schulz\"", "invalid JSON", "truncated line");
	refused("{\"metric\":\"m\",\"value\":\"Sch\xffulz\"}", "invalid JSON", "invalid UTF-8");
	refused("{\"labels\":{},\"value\":1,\"Schulz\":1}", "no \"metric\"", "metric missing");
	refused("{\"metric\":1,\"value\":1}", "not a string", "metric a number");
	refused("{\"metric\":\"Schulz.x\",\"value\":1}", "metric name", "metric with a capital");
	refused("{\"metric\":\"a..b\",\"value\":1}", "metric name", "metric with two dots");
	refused("{\"metric\":\"a.\",\"value\":1}", "metric name", "metric ending in a dot");
	refused("{\"metric\":\".a\",\"value\":1}", "metric name", "metric starting with a dot");
	refused("{\"metric\":\"a.1b\",\"value\":1}", "metric name", "metric part starting with a digit");
	refused("{\"metric\":\"a-b\",\"value\":1}", "metric name", "metric with a dash");
	refused("{\"metric\":\"\",\"value\":1}", "metric name", "empty metric");
	refused("{\"metric\":\"m\\u0000x\",\"value\":1}", "metric name", "metric with NUL");
	refused("{\"metric\":\"m\",\"labels\":[\"Schulz\"],\"value\":1}", "\"labels\" is not an object",
	    "labels an array");
	refused("{\"metric\":\"m\",\"labels\":null,\"value\":1}", "\"labels\" is not an object",
	    "labels null");
	refused("{\"metric\":\"m\",\"labels\":{\"name\":7},\"value\":1}", "not a string",
	    "label value a number");
	refused("{\"metric\":\"m\",\"labels\":{\"name\":null},\"value\":1}", "not a string",
	    "label value null");
	refused("{\"metric\":\"m\",\"labels\":{\"n\":\"Schulz\",\"n\":\"Schulz\"},\"value\":1}",
	    "label key appears twice", "repeated label key");
	refused("{\"metric\":\"m\",\"labels\":{\"n\":\"a\",\"\\u006e\":\"b\"},\"value\":1}",
	    "label key appears twice", "repeated label key, one written escaped");
	refused("{\"metric\":\"m\",\"labels\":{\"n\":\"Sch\\u0000ulz\"},\"value\":1}", "NUL",
	    "label value with an embedded NUL");
	refused("{\"metric\":\"m\",\"metric\":\"n\",\"value\":1}", "appears twice", "metric twice");
	refused("{\"metric\":\"m\",\"labels\":{}}", "no \"value\"", "value missing");
	refused("{\"metric\":\"m\",\"value\":null}", "neither", "value null");
	refused("{\"metric\":\"m\",\"value\":true}", "neither", "value true");
	refused("{\"metric\":\"m\",\"value\":{\"Schulz\":1}}", "neither", "value an object");
	refused("{\"metric\":\"m\",\"value\":1e400}", "range", "value beyond a double");
	refused("{\"metric\":\"m\",\"value\":\"Sch\\u0000ulz\"}", "NUL", "string value with NUL");

	/* building records, ordering */
	memset(&a, 0, sizeof a);
	a.metric = fs_xstrdup("usage.pages.printed");
	a.vtype = FS_V_DOUBLE;
	a.d = 2.5;
	fs_record_add_label(&a, "color", "mono");
	fs_record_add_label(&a, "a", "x");
	fs_record_add_label(&a, "color", "color");
	fs_record_write(&out, &a);
	tap_is(out.p, "{\"labels\":{\"a\":\"x\",\"color\":\"color\"},\"metric\":\"usage.pages.printed\",\"value\":2.5}",
	    "add_label replaces a key's value; write sorts an unsorted record");
	fs_record_sort_labels(&a);
	tap_ok(strcmp(a.labels[0].key, "a") == 0 && a.nlabels == 2, "sort_labels sorts by key");

	memset(&b, 0, sizeof b);
	b.metric = fs_xstrdup("usage.pages.printed");
	fs_record_add_label(&b, "a", "x");
	tap_ok(fs_record_cmp(&a, &b) > 0 && fs_record_cmp(&b, &a) < 0,
	    "cmp: fewer labels first when the rest is equal");
	fs_record_add_label(&b, "color", "color");
	tap_ok(fs_record_cmp(&a, &b) == 0, "cmp: same metric and labels are equal (value ignored)");
	fs_record_add_label(&b, "color", "mono");
	tap_ok(fs_record_cmp(&a, &b) < 0, "cmp: then by label value");
	free(b.metric);
	b.metric = fs_xstrdup("usage.pages");
	tap_ok(fs_record_cmp(&a, &b) > 0, "cmp: by metric first");
	fs_record_free(&a);
	fs_record_free(&b);
	tap_ok(a.metric == NULL && a.labels == NULL && a.nlabels == 0, "free clears the record");

	/* a NaN cannot be written as a number */
	memset(&a, 0, sizeof a);
	a.metric = fs_xstrdup("m");
	a.vtype = FS_V_DOUBLE;
	a.d = 0.0 / 0.0;
	fs_buf_reset(&out);
	fs_record_write(&out, &a);
	tap_is(out.p, "{\"labels\":{},\"metric\":\"m\",\"value\":null}", "NaN written as null");
	fs_record_free(&a);

	fs_buf_free(&out);
	fs_buf_free(&line);
	return tap_done();
}
