### the metric catalogue (privacy wall)
tools_lib_libfluxstat_a_SOURCES += \
	tools/lib/catalog.c \
	tools/lib/pii.c

# the catalogue and the vocabularies only it names (the rest: share.mk)
catalogdir = $(pkgdatadir)
dist_catalog_DATA = share/catalog.json
catvocabdir = $(pkgdatadir)/vocab
dist_catvocab_DATA = \
	share/vocab/os_editions.txt \
	share/vocab/os_names.txt

# the PII detectors, each with hits and near misses
check_PROGRAMS += tests/0610-pii
tests_0610_pii_SOURCES = tests/0610-pii.c
tests_0610_pii_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS) -I$(srcdir)/tests/unit
tests_0610_pii_LDADD = $(FS_LIBS)
TESTS += tests/0610-pii
