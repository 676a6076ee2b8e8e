### benchmarks (make bench)
# json-speed: fs_json_parse throughput beside libjq (bench/json-speed -n ROWS)
EXTRA_PROGRAMS += bench/json-speed
bench_json_speed_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
bench_json_speed_LDADD = $(FS_LIBS)
CLEANFILES += bench/json-speed$(EXEEXT)
bench: bench/json-speed$(EXEEXT)
.PHONY: bench
