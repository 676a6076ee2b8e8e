/* share.c: finding the data files of share/ (SQL, jq programs, catalogue) */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fluxstat.h"

/*
 * A path that exists as given (or is absolute) is the caller's own file.
 * Otherwise $FLUXSTAT_SHARE comes first so that the test suite (and an admin trying
 * a modified query) can point the programs at another tree without
 * rebuilding; the installed pkgdatadir is the default.
 */
char *
fs_share_path(const char *name)
{
	const char *env = getenv("FLUXSTAT_SHARE");
	struct fs_buf b = FS_BUF_INIT;

	if (name[0] == '/' || access(name, F_OK) == 0)
		return fs_xstrdup(name);
	if (env != NULL && *env != '\0') {
		fs_buf_printf(&b, "%s/%s", env, name);
		if (access(b.p, F_OK) == 0)
			return b.p;
		fs_buf_reset(&b);
	}
	fs_buf_printf(&b, "%s/%s", PKGDATADIR, name);
	return b.p;
}
