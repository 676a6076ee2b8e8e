#!/bin/sh
# tests/fuzz/run.sh SRCDIR NAME...: run each libFuzzer harness
# tests/fuzz/fuzz-NAME for $FUZZ_SECONDS (make fuzz calls it from the build
# folder).  Seeds: SRCDIR/corpus/NAME and SRCDIR/regress/NAME (read only);
# what a run learns stays in tests/fuzz/work/NAME for the next run; a crash
# is saved as tests/fuzz/crash/NAME-crash-SHA1 and fails the run.
# Prints one line of figures per harness; the whole log is
# tests/fuzz/NAME.log.  Exit status: 0 nothing found, 1 a crash or leak.
set -u
src=$1
shift
secs=${FUZZ_SECONDS:-60}
# halt on the first UBSan report too; LSan ignores only libjq's known leaks
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
LSAN_OPTIONS=suppressions=$src/../lsan.supp:print_suppressions=0
export UBSAN_OPTIONS LSAN_OPTIONS
status=0
mkdir -p tests/fuzz/crash
for name in "$@"; do
	mkdir -p "tests/fuzz/work/$name"
	set -- "tests/fuzz/work/$name" "$src/corpus/$name"
	[ ! -d "$src/regress/$name" ] || set -- "$@" "$src/regress/$name"
	rc=0
	"tests/fuzz/fuzz-$name" -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 -close_fd_mask=3 \
		-print_final_stats=1 -artifact_prefix="tests/fuzz/crash/$name-" \
		"$@" >"tests/fuzz/$name.log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "tests/fuzz/$name.log")
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "tests/fuzz/$name.log")
	last=$(grep -E '^#[0-9]+' "tests/fuzz/$name.log" | tail -n 1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
	crashes=$(find tests/fuzz/crash -name "$name-*" -type f | wc -l)
	echo "fuzz-$name: ${secs}s, ${execs:-0} execs, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, peak ${rss:-?} MB, exit $rc, crash files $crashes"
	if [ "$rc" -ne 0 ]; then
		status=1
		grep -E 'ERROR|SUMMARY|broken promise|runtime error' "tests/fuzz/$name.log" | head -n 5
		echo "fuzz-$name: see tests/fuzz/$name.log; keep the input as $src/regress/$name/NAME"
	fi
done
exit "$status"
