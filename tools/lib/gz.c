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
	unsigned char in[16384], chunk[16384];
	const char *name;
	z_stream z;
	ssize_t n;
	size_t start = out->len;
	int fd, zr = Z_OK, status = 0, ended = 0;

	if (path == NULL || strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
		name = "(stdin)";
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		fs_warn_at(path, 0, "%s", strerror(errno));
		return EX_NOINPUT;
	} else
		name = path;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 16) != Z_OK) {
		fs_warn_at(name, 0, "cannot start zlib");
		status = EX_SOFTWARE;
		goto done;
	}
	for (;;) {
		n = read(fd, in, sizeof in);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			fs_warn_at(name, 0, "%s", strerror(errno));
			status = EX_IOERR;
			break;
		}
		if (n == 0) {
			if (!ended) {
				fs_warn_at(name, 0, z.total_in == 0 ?
				    "empty file, not gzip" :
				    "truncated: the gzip stream ends early");
				status = EX_DATAERR;
			}
			break;
		}
		if (ended) {
			fs_warn_at(name, 0, "trailing bytes after the gzip stream "
			    "(byte %lu)", (unsigned long)z.total_in);
			status = EX_DATAERR;
			break;
		}
		z.next_in = in;
		z.avail_in = (uInt)n;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof chunk;
			zr = inflate(&z, Z_NO_FLUSH);
			if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
				fs_warn_at(name, 0, "corrupt gzip data near byte %lu: %s",
				    (unsigned long)z.total_in,
				    z.msg ? z.msg : "inflate failed");
				status = EX_DATAERR;
				goto done;
			}
			if (out->len - start + (sizeof chunk - z.avail_out) > cap) {
				fs_warn_at(name, 0, "document larger than %zu bytes; "
				    "refusing it", cap);
				status = EX_DATAERR;
				goto done;
			}
			fs_buf_add(out, chunk, sizeof chunk - z.avail_out);
			if (zr == Z_STREAM_END)
				ended = 1;
		} while (!ended && (z.avail_in > 0 || z.avail_out == 0));
		if (ended && z.avail_in > 0) {
			fs_warn_at(name, 0, "trailing bytes after the gzip stream "
			    "(byte %lu)", (unsigned long)z.total_in);
			status = EX_DATAERR;
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
