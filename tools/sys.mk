### fluxstat-sys
bin_PROGRAMS += tools/fluxstat-sys
tools_fluxstat_sys_SOURCES = tools/fluxstat-sys.c
tools_fluxstat_sys_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_fluxstat_sys_LDADD = $(FS_LIBS)
dist_man_MANS += tools/fluxstat-sys.1

TESTS += tests/0500-sys.t
EXTRA_DIST += tests/0500-sys.t
