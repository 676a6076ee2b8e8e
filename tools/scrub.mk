### fluxstat-scrub
bin_PROGRAMS += tools/fluxstat-scrub
tools_fluxstat_scrub_SOURCES = tools/fluxstat-scrub.c
tools_fluxstat_scrub_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_fluxstat_scrub_LDADD = $(FS_LIBS)
dist_man_MANS += tools/fluxstat-scrub.1

TESTS += tests/0600-scrub.t tests/0620-scrub-random.t
EXTRA_DIST += tests/0600-scrub.t tests/0620-scrub-random.t

# random records for the property test, and its checker
check_PROGRAMS += tests/scrub-random
tests_scrub_random_SOURCES = tests/scrub-random.c
tests_scrub_random_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tests_scrub_random_LDADD = $(FS_LIBS)
EXTRA_DIST += tests/data/scrub/planted.txt tests/data/scrub/cpu-models.txt
EXTRA_DIST += bench/scrub.sh
