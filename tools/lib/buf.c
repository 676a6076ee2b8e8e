/* buf.c: growable buffers; allocation failure ends the program (EX_OSERR) */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

static void
oom(size_t n)
{
	fs_die(EX_OSERR, "out of memory (%zu bytes)", n);
}

void *
fs_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
fs_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom(n * size);
	return p;
}

void *
fs_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom(n);
	return p;
}

char *
fs_xstrdup(const char *s)
{
	return fs_xstrndup(s, strlen(s));
}

char *
fs_xstrndup(const char *s, size_t n)
{
	char *p = fs_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
fs_buf_grow(struct fs_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need < extra)
		oom(SIZE_MAX);
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->p = fs_xrealloc(b->p, b->cap);
}

void
fs_buf_add(struct fs_buf *b, const void *p, size_t n)
{
	fs_buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
fs_buf_adds(struct fs_buf *b, const char *s)
{
	fs_buf_add(b, s, strlen(s));
}

void
fs_buf_addc(struct fs_buf *b, int c)
{
	fs_buf_grow(b, 1);
	b->p[b->len++] = (char)c;
	b->p[b->len] = '\0';
}

void
fs_buf_printf(struct fs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fs_die(EX_SOFTWARE, "bad format string");
	fs_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
fs_buf_reset(struct fs_buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

int
fs_read_file(const char *path, struct fs_buf *b)
{
	char chunk[65536];
	size_t n;
	FILE *fp;
	int e;

	if ((fp = fopen(path, "r")) == NULL) {
		e = errno;
		fs_warn_at(path, 0, "%s", strerror(e));
		errno = e;
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		fs_buf_add(b, chunk, n);
	if (ferror(fp)) {
		e = errno ? errno : EIO;
		fs_warn_at(path, 0, "read error: %s", strerror(e));
		fclose(fp);
		errno = e;
		return -1;
	}
	fclose(fp);
	fs_buf_grow(b, 0);
	b->p[b->len] = '\0';
	return 0;
}

void
fs_buf_free(struct fs_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
