### fluxstat-bson
bin_PROGRAMS += tools/fluxstat-bson
tools_fluxstat_bson_SOURCES = tools/fluxstat-bson.c
tools_fluxstat_bson_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_fluxstat_bson_LDADD = $(FS_LIBS)
dist_man_MANS += tools/fluxstat-bson.1

# bsongen: test-only BSON, archive and JSON-canonicalising helper
check_PROGRAMS += tests/bsongen
tests_bsongen_SOURCES = tests/bsongen.c
tests_bsongen_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tests_bsongen_LDADD = $(FS_LIBS)

TESTS += tests/0100-bson.t tests/0110-bson-corpus.t
EXTRA_DIST += tests/0100-bson.t tests/0110-bson-corpus.t bench/bson.sh
