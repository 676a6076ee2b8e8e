#!/bin/sh
# The fuzz harnesses of tests/fuzz/ replayed without libFuzzer: every seed
# of tests/fuzz/corpus/NAME/ and every crash reproducer kept in
# tests/fuzz/regress/NAME/ goes once through the harness, which aborts on a
# crash or on a parser breaking its promise (built with
# --enable-sanitizers, under ASan and UBSan too).  make fuzz explores
# further; what it finds is kept in regress/ and replayed here for good.
. "$top_srcdir/tests/lib.sh"
plan 13

F=$top_srcdir/tests/fuzz
for name in bson gz ingest json pii record; do
	for set in corpus regress; do
		n=0
		: >"$T/list"
		for f in "$F/$set/$name"/*; do
			[ -f "$f" ] || continue
			printf '%s\n' "$f" >>"$T/list"
			n=$((n + 1))
		done
		# shellcheck disable=SC2046
		run "replay-$name" $(cat "$T/list")
		is "$name: the $set ($n files) replays cleanly" \
			"$rc $(cat "$T/out")" "0 $n input(s) replayed"
		[ "$rc" -eq 0 ] || _tap_diag <"$T/err"
	done
done
# the reproducer of the first find: -0.0 lost its sign through a record
# write and re-read ("-0" read back as the integer 0)
printf '{"metric":"m","value":-0.0}' >"$T/negzero"
run replay-record "$T/negzero"
is "record: -0.0 survives a write and a re-read" "$rc" 0
