/*
 * id.c: the installation id.
 *
 * A random version-4 UUID, made once and kept in STATE/installation-id:
 * never derived from the licence serial, the host name or a MAC address,
 * so that nothing in a report points back to a site.  Before this file
 * the wrapper made it with od | sed and three programs checked it three
 * ways; now fluxstat-state makes it here and fluxstat-report and
 * fluxstat-send accept what fs_id_valid accepts.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fluxstat.h"

#define ID_FILE "installation-id"

int
fs_id_valid(char *s)
{
	size_t i;

	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] >= 'A' && s[i] <= 'F')
			s[i] = (char)(s[i] - 'A' + 'a');
		else if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	}
	return 1;
}

static int
make_id(const char *dir, char out[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[16];
	struct fs_atomic a;
	size_t i, o;

	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
		fs_warnx("cannot make an installation id: no random bytes: %s",
		    strerror(errno));
		return EX_OSERR;
	}
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);	/* version 4 */
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);	/* RFC 4122 variant */
	for (i = o = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[r[i] >> 4];
		out[o++] = hex[r[i] & 15];
	}
	out[o] = '\0';
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fs_warnx("%s: cannot make the state folder: %s", dir,
		    strerror(errno));
		return EX_CANTCREAT;
	}
	/* fs_atomic: a full file system leaves no half id behind */
	if (fs_atomic_open(&a, dir, ID_FILE) != 0)
		return EX_CANTCREAT;
	out[36] = '\n';
	if (fs_atomic_write(&a, out, 37) != 0 || fs_atomic_commit(&a) != 0) {
		out[36] = '\0';
		fs_atomic_abort(&a);
		return EX_CANTCREAT;
	}
	out[36] = '\0';
	return 0;
}

int
fs_id_load(const char *dir, int make, char out[37])
{
	struct fs_buf path = FS_BUF_INIT, b = FS_BUF_INIT;
	int r = 0;

	fs_buf_printf(&path, "%s/%s", dir, ID_FILE);
	if (access(path.p, F_OK) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
		if (make)
			r = make_id(dir, out);
		else {
			fs_warnx("%s: no installation id yet (the first run "
			    "makes it)", path.p);
			r = EX_NOINPUT;
		}
		goto done;
	}
	if (fs_read_file(path.p, &b) != 0) {
		r = errno == EACCES ? EX_NOPERM : EX_IOERR;
		goto done;
	}
	if (b.len > 0 && b.p[b.len - 1] == '\n')
		b.p[--b.len] = '\0';
	if (!fs_id_valid(b.p)) {
		fs_warnx("%s: not an installation id (a UUID); remove it to "
		    "make a new one", path.p);
		r = EX_CONFIG;
		goto done;
	}
	memcpy(out, b.p, 37);
done:
	fs_buf_free(&path);
	fs_buf_free(&b);
	return r;
}
