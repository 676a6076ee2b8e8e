/* lines.c: line reader for NDJSON and text inputs, any line length */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

int
fs_lines_open(struct fs_lines *l, const char *path)
{
	memset(l, 0, sizeof *l);
	if (path == NULL || strcmp(path, "-") == 0) {
		l->fp = stdin;
		l->name = "(stdin)";
		return 0;
	}
	l->fp = fopen(path, "r");
	if (l->fp == NULL) {
		int e = errno;

		fs_warn_at(path, 0, "%s", strerror(e));
		errno = e;
		return -1;
	}
	l->name = path;
	l->own = 1;
	return 0;
}

ssize_t
fs_lines_next(struct fs_lines *l, char **line)
{
	ssize_t n;

	errno = 0;
	n = getline(&l->buf, &l->cap, l->fp);
	if (n < 0) {
		if (ferror(l->fp)) {
			fs_warn_at(l->name, l->lineno + 1, "read error: %s",
			    strerror(errno ? errno : EIO));
			return -2;
		}
		return -1;
	}
	l->lineno++;
	if (n > 0 && l->buf[n - 1] == '\n')
		l->buf[--n] = '\0';
	if (n > 0 && l->buf[n - 1] == '\r')
		l->buf[--n] = '\0';
	*line = l->buf;
	return n;
}

void
fs_lines_close(struct fs_lines *l)
{
	if (l->own && l->fp != NULL)
		fclose(l->fp);
	free(l->buf);
	memset(l, 0, sizeof *l);
}

size_t
fs_utf8_put(char *out, uint32_t c)
{
	unsigned char *o = (unsigned char *)out;

	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xc0 | c >> 6);
		o[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xe0 | c >> 12);
		o[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		o[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | c >> 18);
	o[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
	o[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
	o[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

int
fs_utf8_valid(const char *p, size_t n, int nul_ok, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, k;

	while (i < n) {
		if (s[i] >= 0x80) {
			k = fs_utf8_seq(p + i, n - i);
			if (k == 0)
				goto fail;
			i += k;
			continue;
		}
		if (s[i] == 0 && !nul_ok)
			goto fail;
		i++;
	}
	return 1;
fail:
	if (bad != NULL)
		*bad = i;
	return 0;
}
