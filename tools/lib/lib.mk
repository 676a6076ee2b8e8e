### tools/lib: the internal library every program links (prefix fs_)
noinst_LIBRARIES += tools/lib/libfluxstat.a
tools_lib_libfluxstat_a_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_lib_libfluxstat_a_SOURCES = \
	tools/lib/fluxstat.h \
	tools/lib/buf.c \
	tools/lib/err.c
tools_lib_libfluxstat_a_SOURCES += \
	tools/lib/jsonw.c \
	tools/lib/lines.c \
	tools/lib/map.c \
	tools/lib/share.c \
	tools/lib/vocab.c
