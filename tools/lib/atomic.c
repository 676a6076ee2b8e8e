/*
 * atomic.c: write a file so that it is either whole or absent.
 *
 * The data go to a private temporary file beside the final one (same
 * folder, so same file system, so rename is atomic), which is synced,
 * renamed over the final name, and then the folder is synced so that the
 * rename itself survives a crash.  A reader sees the old file or the new
 * one, never a part; a crash leaves at most a ".name.XXXXXX" behind.
 * The file keeps mkstemp's mode 0600: reports are the site's business.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fluxstat.h"

static void	 clear(struct fs_atomic *);

static void
clear(struct fs_atomic *a)
{
	free(a->dir);
	free(a->final);
	free(a->tmp);
	a->dir = a->final = a->tmp = NULL;
	a->fd = -1;
}

int
fs_atomic_open(struct fs_atomic *a, const char *dir, const char *name)
{
	struct fs_buf b = FS_BUF_INIT;

	a->dir = fs_xstrdup(dir);
	fs_buf_printf(&b, "%s/%s", dir, name);
	a->final = b.p;
	b.p = NULL;
	b.len = b.cap = 0;
	fs_buf_printf(&b, "%s/.%s.XXXXXX", dir, name);
	a->tmp = b.p;
	if ((a->fd = mkstemp(a->tmp)) == -1) {
		fs_warnx("%s: cannot create a temporary file: %s", a->final,
		    strerror(errno));
		clear(a);
		return -1;
	}
	return 0;
}

int
fs_atomic_write(struct fs_atomic *a, const void *p, size_t n)
{
	const char *c = p;
	ssize_t w;

	while (n > 0) {
		w = write(a->fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			fs_warnx("%s: write error: %s", a->tmp, strerror(errno));
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int
fs_atomic_commit(struct fs_atomic *a)
{
	int dfd, fd = a->fd;

	a->fd = -1;
	if (fsync(fd) != 0) {
		fs_warnx("%s: cannot sync: %s", a->tmp, strerror(errno));
		close(fd);
		goto fail;
	}
	if (close(fd) != 0) {
		fs_warnx("%s: close: %s", a->tmp, strerror(errno));
		goto fail;
	}
	if (rename(a->tmp, a->final) != 0) {
		fs_warnx("%s: cannot rename the temporary file to it: %s",
		    a->final, strerror(errno));
		goto fail;
	}
	/* some file systems cannot sync a folder (EINVAL): nothing to do */
	if ((dfd = open(a->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    (fsync(dfd) != 0 && errno != EINVAL)) {
		fs_warnx("%s: cannot sync the folder: %s", a->dir, strerror(errno));
		if (dfd != -1)
			close(dfd);
		clear(a);
		return -1;	/* the new file is in place, maybe not durable */
	}
	close(dfd);
	clear(a);
	return 0;

fail:
	unlink(a->tmp);
	clear(a);
	return -1;
}

/* harmless after a commit or a failed open: the struct is cleared then */
void
fs_atomic_abort(struct fs_atomic *a)
{
	if (a->fd != -1)
		close(a->fd);
	if (a->tmp != NULL)
		unlink(a->tmp);
	clear(a);
}

/* ".NAME.XXXXXX": NAME given, or (name NULL) any NAME; the suffix is
 * mkstemp's six letters and digits */
static int
temp_name(const char *s, const char *name)
{
	size_t n = strlen(s), i;

	if (n < 9 || s[0] != '.' || s[n - 7] != '.')
		return 0;
	for (i = n - 6; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return name == NULL || (strlen(name) == n - 8 &&
	    strncmp(s + 1, name, n - 8) == 0);
}

/*
 * A writer killed before its rename leaves its temporary file behind; it
 * never carries the final name, so nothing reads it, but nothing else
 * would remove it either.  Only names of exactly that shape are touched,
 * and only regular files at least min_age seconds old (a live writer's
 * file is younger).
 */
void
fs_atomic_clean(const char *dir, const char *name, long min_age)
{
	struct dirent *e;
	struct stat st;
	struct fs_buf path = FS_BUF_INIT;
	time_t now = time(NULL);
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!temp_name(e->d_name, name))
			continue;
		fs_buf_reset(&path);
		fs_buf_printf(&path, "%s/%s", dir, e->d_name);
		if (lstat(path.p, &st) == -1 || !S_ISREG(st.st_mode) ||
		    (min_age > 0 && now - st.st_mtime < min_age))
			continue;
		if (unlink(path.p) == -1 && errno != ENOENT)
			fs_warn_at(path.p, 0, "cannot remove a stale temporary "
			    "file: %s", strerror(errno));
	}
	closedir(d);
	fs_buf_free(&path);
}
