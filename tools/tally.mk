### fluxstat-tally
bin_PROGRAMS += tools/fluxstat-tally
tools_fluxstat_tally_SOURCES = tools/fluxstat-tally.c
tools_fluxstat_tally_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_fluxstat_tally_LDADD = $(FS_LIBS)
dist_man_MANS += tools/fluxstat-tally.1
TESTS += tests/0200-tally.t tests/0210-tally-mkflux.t
EXTRA_DIST += tests/0200-tally.t tests/0210-tally-mkflux.t bench/tally.sh
