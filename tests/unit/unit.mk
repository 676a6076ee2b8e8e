### unit tests of the library core
check_PROGRAMS += tests/unit/test-json
tests_unit_test_json_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_json_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-json

check_PROGRAMS += tests/unit/test-record
tests_unit_test_record_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_record_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-record

check_PROGRAMS += tests/unit/test-time
tests_unit_test_time_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_time_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-time

check_PROGRAMS += tests/unit/test-atomic
tests_unit_test_atomic_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_atomic_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/test-atomic
