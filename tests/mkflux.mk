### tests/mkflux: the reference-installation generator (test-only)
check_PROGRAMS += tests/mkflux
tests_mkflux_SOURCES = tests/mkflux.h tests/mkflux.c tests/mkflux-pii.c \
	tests/mkflux-stores.c tests/mkflux-mongo.c
tests_mkflux_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tests_mkflux_LDADD = $(FS_LIBS)
TESTS += tests/0050-mkflux.t
EXTRA_DIST += tests/0050-mkflux.t
