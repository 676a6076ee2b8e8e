### fluxstat-pack: reproducible, atomic gzip of a report (and -d to read back)
tools_lib_libfluxstat_a_SOURCES += tools/lib/gz.c
bin_PROGRAMS += tools/fluxstat-pack
tools_fluxstat_pack_SOURCES = tools/fluxstat-pack.c
tools_fluxstat_pack_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_fluxstat_pack_LDADD = $(FS_LIBS)
dist_man_MANS += tools/fluxstat-pack.1
TESTS += tests/0800-pack.t
EXTRA_DIST += tests/0800-pack.t
