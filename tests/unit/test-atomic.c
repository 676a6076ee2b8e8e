/* test-atomic.c: whole-or-absent file writes */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fluxstat.h"
#include "tap.h"

static char dir[256];
static char errfile[300];
static int saved_stderr = -1;

/* temp files left in dir: names starting with "." */
static int
leftovers(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static char *
slurp(const char *path, size_t *n)
{
	struct fs_buf b = FS_BUF_INIT;
	char chunk[65536];
	FILE *fp = fopen(path, "rb");
	size_t got;

	*n = 0;
	if (fp == NULL)
		return NULL;
	fs_buf_add(&b, "", 0);
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		fs_buf_add(&b, chunk, got);
	fclose(fp);
	*n = b.len;
	return b.p;
}

/* an open in dir, made read-only, fails: 1 if it did */
static int
readonly_open_fails(void)
{
	struct fs_atomic a;
	int fd, r;

	chmod(dir, 0500);
	/* the message does not matter here, only the failure */
	fd = dup(2);
	freopen("/dev/null", "w", stderr);
	r = fs_atomic_open(&a, dir, "ro");
	fflush(stderr);
	dup2(fd, 2);
	close(fd);
	chmod(dir, 0700);
	return r == -1;
}

/* Root may write into any folder, so as root the check runs in a child
 * that has become nobody (uid and gid 65534), owning the folder. */
static int
readonly_refused(void)
{
	pid_t pid;
	int st;

	if (geteuid() != 0)
		return readonly_open_fails();
	if (chown(dir, 65534, 65534) == -1)
		return 0;
	fflush(stdout);
	if ((pid = fork()) == -1)
		return 0;
	if (pid == 0) {
		if (setgroups(0, NULL) == -1 || setgid(65534) == -1 ||
		    setuid(65534) == -1 || geteuid() == 0)
			_exit(2);
		_exit(readonly_open_fails() ? 0 : 1);
	}
	if (waitpid(pid, &st, 0) == -1)
		return 0;
	if (chown(dir, 0, 0) == -1)
		return 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* stderr into errfile while a failure is provoked, to read its message */
static void
catch_stderr(void)
{
	int fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	fflush(stderr);
	saved_stderr = dup(2);
	dup2(fd, 2);
	close(fd);
}

static char *
caught(void)
{
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	return slurp(errfile, &n);
}

int
main(void)
{
	struct fs_atomic a;
	struct stat st;
	char path[512], *got, *msg, *big;
	const char *tmpdir = getenv("TMPDIR");
	size_t n, i;
	int r;

	fs_setprogname("test-atomic");
	tap_plan(20);
	snprintf(dir, sizeof dir, "%s/test-atomic.XXXXXX",
	    tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	snprintf(errfile, sizeof errfile, "%s.err", dir);
	umask(0);	/* the temp file must be private whatever the umask */

	r = fs_atomic_open(&a, dir, "report.json.gz");
	snprintf(path, sizeof path, "%s/.report.json.gz.", dir);
	tap_ok(r == 0 && strncmp(a.tmp, path, strlen(path)) == 0 &&
	    strlen(a.tmp) == strlen(path) + 6, "temp file is dir/.name.XXXXXX");
	tap_ok(stat(a.tmp, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "temp file mode 0600 under umask 0");
	snprintf(path, sizeof path, "%s/report.json.gz", dir);
	tap_ok(access(path, F_OK) != 0, "nothing under the final name before commit");
	fs_atomic_write(&a, "hello ", 6);
	fs_atomic_write(&a, "world\n", 6);
	tap_ok(fs_atomic_commit(&a) == 0, "commit succeeds");
	got = slurp(path, &n);
	tap_ok(got != NULL && n == 12 && memcmp(got, "hello world\n", 12) == 0,
	    "final file holds exactly what was written");
	free(got);
	tap_ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "final file is 0600");
	tap_is_ll(leftovers(), 0, "no temporary file left after commit");
	fs_atomic_abort(&a);	/* harmless after commit */
	tap_ok(access(path, F_OK) == 0, "abort after commit leaves the file alone");

	/* replacing: the old file stays whole until the rename */
	big = fs_xmalloc(10u << 20);
	for (i = 0; i < 10u << 20; i++)
		big[i] = (char)('a' + i % 26);
	r = fs_atomic_open(&a, dir, "report.json.gz");
	r = r == 0 ? fs_atomic_write(&a, big, 10u << 20) : r;
	got = slurp(path, &n);
	tap_ok(r == 0 && n == 12, "while the new one is written, the old file is whole");
	free(got);
	tap_ok(fs_atomic_commit(&a) == 0 && (got = slurp(path, &n)) != NULL &&
	    n == 10u << 20 && memcmp(got, big, n) == 0, "10 MB replace committed");
	free(got);
	free(big);

	/* abort: neither file nor temp */
	fs_atomic_open(&a, dir, "aborted");
	fs_atomic_write(&a, "x", 1);
	fs_atomic_abort(&a);
	snprintf(path, sizeof path, "%s/aborted", dir);
	tap_ok(access(path, F_OK) != 0 && leftovers() == 0,
	    "abort leaves neither the file nor a temporary");

	/* failures name the path */
	snprintf(path, sizeof path, "%s/missing", dir);
	catch_stderr();
	r = fs_atomic_open(&a, path, "x.json");
	msg = caught();
	tap_ok(r == -1 && a.tmp == NULL && a.fd == -1, "open in a missing folder fails");
	tap_ok(msg != NULL && strstr(msg, "test-atomic: ") == msg &&
	    strstr(msg, path) != NULL, "its message names the path");
	if (msg == NULL || strstr(msg, path) == NULL)
		printf("# message: %s\n", msg ? msg : "(none)");
	free(msg);

	/* rename onto a folder fails: temp removed, message names the target */
	snprintf(path, sizeof path, "%s/adir", dir);
	mkdir(path, 0700);
	fs_atomic_open(&a, dir, "adir");
	fs_atomic_write(&a, "x", 1);
	catch_stderr();
	r = fs_atomic_commit(&a);
	msg = caught();
	tap_ok(r == -1 && leftovers() == 0, "commit onto a folder fails, temp removed");
	tap_ok(msg != NULL && strstr(msg, path) != NULL, "its message names the target");
	free(msg);
	rmdir(path);

	/* a folder without write permission */
	tap_ok(readonly_refused(), "read-only folder refused");

	/* the temporaries a killed writer leaves: fs_atomic_clean */
	{
		static const char *const names[] = {
			".report.json.gz.Ab3dE9",	/* report's, old */
			".report.json.gz.x8Yz12",	/* report's, young */
			".other.json.gz.q1W2e3",	/* another name's, old */
			".report.json.gz.tooLong7",	/* not mkstemp's shape */
			".report.json.gz.ab-cd!",	/* nor this */
		};
		struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
		size_t k;
		int fd;

		for (k = 0; k < sizeof names / sizeof names[0]; k++) {
			snprintf(path, sizeof path, "%s/%s", dir, names[k]);
			if ((fd = open(path, O_WRONLY | O_CREAT, 0600)) != -1)
				close(fd);
			if (k != 1)
				utimensat(AT_FDCWD, path, old, 0);
		}
		fs_atomic_clean(dir, "report.json.gz", 3600);
		tap_is_ll(leftovers(), 4, "clean: the old temporary of the name goes");
		fs_atomic_clean(dir, "report.json.gz", 0);
		tap_is_ll(leftovers(), 3, "clean, no minimum age: the young one too");
		fs_atomic_clean(dir, NULL, 0);
		tap_is_ll(leftovers(), 2, "clean of any name: the other name's "
		    "too; only names of another shape are left");
		for (k = 3; k < sizeof names / sizeof names[0]; k++) {
			snprintf(path, sizeof path, "%s/%s", dir, names[k]);
			unlink(path);
		}
	}

	/* clean up */
	snprintf(path, sizeof path, "%s/report.json.gz", dir);
	unlink(path);
	unlink(errfile);
	tap_ok(rmdir(dir) == 0, "test folder empty at the end");
	return tap_done();
}
