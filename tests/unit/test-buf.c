/* test-buf.c: buffers, checked numbers */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "fluxstat.h"
#include "tap.h"

int
main(void)
{
	struct fs_buf b = FS_BUF_INIT;
	long long v;
	size_t i;

	tap_plan(11);
	fs_setprogname("test-buf");
	for (i = 0; i < 100000; i++)
		fs_buf_addc(&b, 'a' + (int)(i % 26));
	tap_ok(b.len == 100000 && b.p[b.len] == '\0', "buffer grows to 100000 bytes, NUL-terminated");
	tap_ok(b.p[99999] == 'a' + 99999 % 26, "last byte kept");
	fs_buf_reset(&b);
	fs_buf_printf(&b, "%s=%d", "x", 42);
	fs_buf_add(&b, "\0z", 2);
	tap_ok(b.len == 6 && memcmp(b.p, "x=42\0z", 6) == 0, "printf then bytes with NUL");
	fs_buf_free(&b);
	tap_ok(b.p == NULL && b.len == 0, "free empties");

	tap_ok(fs_parse_ll("42", 0, 100, &v, "n") == 0 && v == 42, "parse 42");
	tap_ok(fs_parse_ll("101", 0, 100, &v, "n") == -1, "out of range refused");
	tap_ok(fs_parse_ll("4x", 0, 100, &v, "n") == -1, "trailing garbage refused");
	tap_ok(fs_parse_ll("99999999999999999999", 0, 100, &v, "n") == -1, "overflow refused");

	{
		char path[] = "/tmp/fs-test-buf.XXXXXX";
		int fd = mkstemp(path);
		struct fs_buf f = FS_BUF_INIT;

		tap_ok(fd >= 0 && write(fd, "ab\0c", 4) == 4, "a file to read");
		close(fd);
		tap_ok(fs_read_file(path, &f) == 0 && f.len == 4 &&
		    memcmp(f.p, "ab\0c", 5) == 0, "fs_read_file reads it whole, NUL-terminated");
		unlink(path);
		fs_buf_reset(&f);
		tap_ok(fs_read_file(path, &f) == -1 && errno == ENOENT,
		    "a missing file: -1 and ENOENT for the caller");
		fs_buf_free(&f);
	}
	return tap_done();
}
