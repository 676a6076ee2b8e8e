/* test-lib.c: line reader, UTF-8 check, JSON output, map, vocab, share */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fluxstat.h"
#include "tap.h"

static char tmpdir[] = "/tmp/fs-test-lib.XXXXXX";

static char *
write_file(const char *name, const char *p, size_t n)
{
	struct fs_buf path = FS_BUF_INIT;
	FILE *fp;

	fs_buf_printf(&path, "%s/%s", tmpdir, name);
	fp = fopen(path.p, "wb");
	fwrite(p, 1, n, fp);
	fclose(fp);
	return path.p;
}

static void
test_lines(void)
{
	static const char text[] = "a\r\nbb\n\ncc\0d\nlast";
	struct fs_lines l;
	char *path, *line, *big;
	ssize_t n;
	size_t bigsz = 10 * 1024 * 1024;

	path = write_file("lines", text, sizeof text - 1);
	tap_ok(fs_lines_open(&l, path) == 0, "open a file");
	n = fs_lines_next(&l, &line);
	tap_ok(n == 1 && line[0] == 'a' && l.lineno == 1, "CRLF line without its CR");
	n = fs_lines_next(&l, &line);
	tap_ok(n == 2 && memcmp(line, "bb", 2) == 0, "second line");
	n = fs_lines_next(&l, &line);
	tap_ok(n == 0 && l.lineno == 3, "empty line counted");
	n = fs_lines_next(&l, &line);
	tap_ok(n == 4 && memcmp(line, "cc\0d", 4) == 0, "embedded NUL kept, length right");
	n = fs_lines_next(&l, &line);
	tap_ok(n == 4 && memcmp(line, "last", 4) == 0 && l.lineno == 5, "last line without newline");
	tap_ok(fs_lines_next(&l, &line) == -1, "end of input");
	fs_lines_close(&l);
	free(path);

	big = fs_xmalloc(bigsz + 3);
	memset(big, 'x', bigsz);
	memcpy(big + bigsz, "\ny\n", 3);
	path = write_file("big", big, bigsz + 3);
	fs_lines_open(&l, path);
	tap_ok(fs_lines_next(&l, &line) == (ssize_t)bigsz && line[bigsz - 1] == 'x',
	    "a 10 MB line read whole");
	tap_ok(fs_lines_next(&l, &line) == 1 && line[0] == 'y' && l.lineno == 2,
	    "the line after it");
	fs_lines_close(&l);
	free(big);
	free(path);

	path = fs_xstrdup("/nonexistent/fluxstat/file");
	tap_ok(fs_lines_open(&l, path) == -1, "a missing file fails to open");
	free(path);
}

static void
test_utf8(void)
{
	size_t bad = 99;

	tap_ok(fs_utf8_valid("Grüße, Ελλάδα, 東京, 🙂", strlen("Grüße, Ελλάδα, 東京, 🙂"), 0, NULL),
	    "valid UTF-8 in several scripts");
	tap_ok(!fs_utf8_valid("ab\xc3", 3, 0, &bad) && bad == 2, "truncated sequence at its offset");
	tap_ok(!fs_utf8_valid("\xc0\xaf", 2, 0, &bad) && bad == 0, "overlong '/' refused");
	tap_ok(!fs_utf8_valid("\xed\xa0\x80", 3, 0, NULL), "surrogate U+D800 refused");
	tap_ok(!fs_utf8_valid("\xf4\x90\x80\x80", 4, 0, NULL), "above U+10FFFF refused");
	tap_ok(!fs_utf8_valid("a\0b", 3, 0, &bad) && bad == 1, "NUL refused unless allowed");
	tap_ok(fs_utf8_valid("a\0b", 3, 1, NULL), "NUL allowed when asked");
	{
		char u[16];
		size_t n = 0;

		n += fs_utf8_put(u + n, 0x41);
		n += fs_utf8_put(u + n, 0xe9);
		n += fs_utf8_put(u + n, 0x20ac);
		n += fs_utf8_put(u + n, 0x1f642);
		tap_ok(n == 10 && memcmp(u, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x99\x82", 10) == 0,
		    "fs_utf8_put encodes 1- to 4-byte code points");
	}
}

static void
test_jsonw(void)
{
	struct fs_buf b = FS_BUF_INIT;
	char all[32];
	int i;

	fs_json_str(&b, "say \"hi\"\\ \xc3\xa9", 12);
	tap_is(b.p, "\"say \\\"hi\\\"\\\\ \xc3\xa9\"", "quotes, backslash escaped; UTF-8 kept");
	fs_buf_reset(&b);
	for (i = 0; i < 32; i++)
		all[i] = (char)i;
	fs_json_str(&b, all, 32);
	tap_is(b.p, "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n"
	    "\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016"
	    "\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"",
	    "every control character escaped");
	fs_buf_reset(&b);
	fs_json_str(&b, "a\xff" "b\xc3", 4);
	tap_is(b.p, "\"a\\ufffdb\\ufffd\"", "invalid UTF-8 bytes become U+FFFD");
	fs_buf_reset(&b);
	fs_json_int(&b, INT64_MIN);
	fs_buf_addc(&b, ' ');
	fs_json_int(&b, 9007199254740993LL);
	tap_is(b.p, "-9223372036854775808 9007199254740993", "int64 limits and 2^53+1 exact");
	fs_buf_reset(&b);
	fs_json_double(&b, 0.1);
	fs_buf_addc(&b, ' ');
	fs_json_double(&b, 1.0 / 3);
	fs_buf_addc(&b, ' ');
	fs_json_double(&b, 1e300);
	tap_is(b.p, "0.1 0.3333333333333333 1e+300", "doubles: shortest text that reads back");
	tap_ok(fs_json_double(&b, 0.0 / 0.0) == -1, "NaN refused");
	fs_buf_free(&b);
}

static void
test_map(void)
{
	struct fs_map *m = fs_map_new();
	const char **keys;
	char k[32];
	int i, created, bad = 0;

	for (i = 0; i < 50000; i++) {
		snprintf(k, sizeof k, "key%d", i);
		*fs_map_slot(m, k, strlen(k), &created) = (void *)(intptr_t)(i + 1);
		if (!created)
			bad++;
	}
	tap_ok(bad == 0 && fs_map_count(m) == 50000, "50000 keys created");
	for (i = 0; i < 50000; i++) {
		snprintf(k, sizeof k, "key%d", i);
		if (fs_map_get(m, k, strlen(k)) != (void *)(intptr_t)(i + 1))
			bad++;
	}
	tap_ok(bad == 0, "every key finds its value after growing");
	fs_map_slot(m, "key7", 4, &created);
	tap_ok(!created && fs_map_count(m) == 50000, "an existing key is not created again");
	tap_ok(fs_map_get(m, "key", 3) == NULL, "an absent key is absent");
	keys = fs_map_keys(m);
	tap_ok(strcmp(keys[0], "key0") == 0 && strcmp(keys[1], "key1") == 0 &&
	    strcmp(keys[2], "key10") == 0 && keys[50000] == NULL, "keys sorted bytewise");
	free(keys);
	fs_map_free(m, NULL);
}

static void
test_vocab(void)
{
	static const char text[] = "# printers\nAccurioPress C14000  \n\nHP Indigo 7K\r\n";
	struct fs_vocab *v;
	char *path;

	path = write_file("vocab.txt", text, sizeof text - 1);
	v = fs_vocab_load(path);
	tap_ok(v != NULL, "vocabulary loads");
	tap_ok(fs_vocab_has(v, "AccurioPress C14000", 19), "value with trailing blanks trimmed");
	tap_ok(fs_vocab_has(v, "HP Indigo 7K", 12), "CRLF line");
	tap_ok(!fs_vocab_has(v, "# printers", 10) && !fs_vocab_has(v, "", 0), "comments and blanks are not values");
	tap_ok(!fs_vocab_has(v, "AccurioPress", 12), "a prefix is not a value");
	fs_vocab_free(v);
	free(path);
	path = write_file("empty.txt", "# nothing\n", 10);
	tap_ok(fs_vocab_load(path) == NULL, "an empty vocabulary is an error");
	free(path);
}

static void
test_share(void)
{
	char *p;

	setenv("FLUXSTAT_SHARE", tmpdir, 1);
	p = fs_share_path("vocab.txt");
	tap_ok(strncmp(p, tmpdir, strlen(tmpdir)) == 0, "found under $FLUXSTAT_SHARE");
	free(p);
	p = fs_share_path("sql/nothing-here.sql");
	tap_ok(strncmp(p, PKGDATADIR "/", strlen(PKGDATADIR) + 1) == 0,
	    "not found: the installed place is named");
	free(p);
	p = fs_share_path("/etc/hostname");
	tap_is(p, "/etc/hostname", "an absolute path is used as given");
	free(p);
}

int
main(void)
{
	char cmd[64];

	fs_setprogname("test-lib");
	tap_plan(38);
	if (mkdtemp(tmpdir) == NULL)
		return 1;
	test_lines();
	test_utf8();
	test_jsonw();
	test_map();
	test_vocab();
	test_share();
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return tap_done();
}
