/* err.c: diagnostics and exit statuses shared by every program */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

const char *fs_progname = "fluxstat";

void
fs_setprogname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	fs_progname = slash ? slash + 1 : argv0;
	/* libtool-style wrappers prefix "lt-"; keep messages stable */
	if (strncmp(fs_progname, "lt-", 3) == 0)
		fs_progname += 3;
}

static void
vwarn_at(const char *file, long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", fs_progname);
	if (file != NULL && line > 0)
		fprintf(stderr, "%s:%ld: ", file, line);
	else if (file != NULL)
		fprintf(stderr, "%s: ", file);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
fs_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
}

void
fs_warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_at(file, line, fmt, ap);
	va_end(ap);
}

void
fs_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
fs_die_at(int status, const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_at(file, line, fmt, ap);
	va_end(ap);
	exit(status);
}

int
fs_close_stdout(void)
{
	int bad;

	bad = fflush(stdout) != 0 || ferror(stdout);
	if (fclose(stdout) != 0)
		bad = 1;
	if (bad) {
		fs_warnx("write error on standard output: %s", strerror(errno));
		return EX_IOERR;
	}
	return 0;
}

void
fs_print_version(void)
{
	printf("%s (%s) %s\n", fs_progname, PACKAGE_NAME, PACKAGE_VERSION);
	printf("confinement: %s\n", fs_confine_describe());
}

int
fs_parse_ll(const char *s, long long min, long long max, long long *out,
    const char *what)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno == ERANGE) {
		fs_warnx("%s: not a whole number: '%s'", what, s);
		return -1;
	}
	if (v < min || v > max) {
		fs_warnx("%s: %lld is outside %lld..%lld", what, v, min, max);
		return -1;
	}
	*out = v;
	return 0;
}
