### unit tests of the library core
check_PROGRAMS += tests/unit/test-json
tests_unit_test_json_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_json_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-json
