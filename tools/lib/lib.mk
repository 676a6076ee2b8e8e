### tools/lib: the internal library every program links (prefix fs_)
noinst_LIBRARIES += tools/lib/libfluxstat.a
tools_lib_libfluxstat_a_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_lib_libfluxstat_a_SOURCES = \
	tools/lib/fluxstat.h \
	tools/lib/buf.c \
	tools/lib/err.c
