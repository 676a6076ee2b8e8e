### tests: the harness and the library's unit tests.  Each tool's fragment
### adds its own tests/NNNN-<tool>.t to TESTS and EXTRA_DIST.
EXTRA_DIST += tests/lib.sh tests/unit/tap.h

UNIT_LDADD = $(FS_LIBS)
UNIT_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS) -I$(srcdir)/tests/unit

check_PROGRAMS += tests/unit/test-buf
tests_unit_test_buf_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_buf_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-buf

check_PROGRAMS += tests/unit/test-lib
tests_unit_test_lib_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_lib_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-lib
