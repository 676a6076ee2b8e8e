/* tap.h: TAP output for the C unit tests (header-only, tests only) */
#ifndef FS_TAP_H
#define FS_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static __attribute__((unused)) void
tap_plan(int n)
{
	printf("1..%d\n", n);
}

static __attribute__((unused)) int
tap_ok(int cond, const char *desc)
{
	tap_n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, desc);
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

static __attribute__((unused)) int
tap_is(const char *got, const char *want, const char *desc)
{
	int same = got != NULL && want != NULL && strcmp(got, want) == 0;

	if (!tap_ok(same, desc))
		printf("#      got: '%s'\n# expected: '%s'\n",
		    got ? got : "(null)", want ? want : "(null)");
	return same;
}

static __attribute__((unused)) int
tap_is_ll(long long got, long long want, const char *desc)
{
	if (!tap_ok(got == want, desc))
		printf("#      got: %lld\n# expected: %lld\n", got, want);
	return got == want;
}

static __attribute__((unused)) int
tap_done(void)
{
	return tap_failed ? 1 : 0;
}

#endif
