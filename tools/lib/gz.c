/* gz.c: reading a report file back, strictly */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "fluxstat.h"

/*
 * zlib's gzread() takes a file cut short for a clean end, so a truncated
 * report would read back as a shorter, plausible document.  Here the whole
 * file goes through inflate() and only Z_STREAM_END (which has checked the
 * CRC-32 and the length in the trailer) followed by the end of the file
 * counts as success.  The document is built in memory so a caller can print
 * all of it or nothing.
 */
int
fs_gunzip_file(const char *path, size_t cap, struct fs_buf *out)
{
	struct fs_gzerr e;
	int status;

	if ((status = fs_gunzip_check(path, cap, out, &e)) != 0)
		fs_warn_at(path == NULL || strcmp(path, "-") == 0 ? "(stdin)" :
		    path, 0, "%s", e.msg);
	return status;
}

#define FAIL(st, ...) do { \
	status = (st); \
	snprintf(e->msg, sizeof e->msg, __VA_ARGS__); \
} while (0)

int
fs_gunzip_check(const char *path, size_t cap, struct fs_buf *out,
    struct fs_gzerr *e)
{
	unsigned char in[16384], chunk[16384];
	z_stream z;
	ssize_t n;
	size_t start = out->len;
	int fd, zr = Z_OK, status = 0, ended = 0;

	e->toobig = 0;
	e->msg[0] = '\0';
	if (path == NULL || strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(e->msg, sizeof e->msg, "%s", strerror(errno));
		return EX_NOINPUT;
	}

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 16) != Z_OK) {
		FAIL(EX_SOFTWARE, "cannot start zlib");
		goto done;
	}
	for (;;) {
		n = read(fd, in, sizeof in);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			FAIL(EX_IOERR, "%s", strerror(errno));
			break;
		}
		if (n == 0) {
			if (!ended) {
				FAIL(EX_DATAERR, "%s", z.total_in == 0 ?
				    "empty file, not gzip" :
				    "truncated: the gzip stream ends early");
			}
			break;
		}
		if (ended) {
			FAIL(EX_DATAERR, "trailing bytes after the gzip stream "
			    "(byte %lu)", (unsigned long)z.total_in);
			break;
		}
		z.next_in = in;
		z.avail_in = (uInt)n;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof chunk;
			zr = inflate(&z, Z_NO_FLUSH);
			if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
				FAIL(EX_DATAERR, "corrupt gzip data near byte %lu: %s",
				    (unsigned long)z.total_in,
				    z.msg ? z.msg : "inflate failed");
				goto done;
			}
			if (out->len - start + (sizeof chunk - z.avail_out) > cap) {
				FAIL(EX_DATAERR, "document larger than %zu bytes; "
				    "refusing it", cap);
				e->toobig = 1;
				goto done;
			}
			fs_buf_add(out, chunk, sizeof chunk - z.avail_out);
			if (zr == Z_STREAM_END)
				ended = 1;
		} while (!ended && (z.avail_in > 0 || z.avail_out == 0));
		if (ended && z.avail_in > 0) {
			FAIL(EX_DATAERR, "trailing bytes after the gzip stream "
			    "(byte %lu)", (unsigned long)z.total_in);
			break;
		}
	}
done:
	inflateEnd(&z);
	if (fd != STDIN_FILENO)
		close(fd);
	if (status != 0) {
		out->len = start;
		if (out->p != NULL)
			out->p[start] = '\0';
	}
	return status;
}
