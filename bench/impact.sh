#!/bin/sh
# bench/impact.sh: does the daily run slow the Flux server down?
#
#   cd build && make bench/flux-standin && sh ../bench/impact.sh [ROUNDS]
#
# bench/flux-standin plays the server on the 1,095-day site of
# bench/history.sh (made there when missing): one worker a core, each
# inserting print jobs into its Monitoring.db (WAL mode, a transaction
# each) and reading order item files at a steady rate, with some CPU work
# per job.  It runs SECONDS (default 30) alone, then as long again while
# fluxstat-run --preview of the report day runs over and over, ROUNDS
# times (default 2) in turn.  Printed: its throughput (jobs/s) and the
# p50/p99 of its write latency, alone and with the run, and their ratios.
# Goals: at most 5 % fewer jobs/s, p99 at most doubled.
set -eu
top_builddir=$(pwd)
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$top_builddir/pipelines/fluxstat-run" ] || {
	echo "bench/impact.sh: run it from the build folder (make first)" >&2
	exit 64
}
[ -x "$top_builddir/bench/flux-standin" ] || make bench/flux-standin >/dev/null
PATH=$top_builddir/tools:$top_builddir/tests:$PATH
FLUXSTAT_SHARE=$top_srcdir/share
export PATH FLUXSTAT_SHARE
rounds=${1:-2}
seconds=${SECONDS_EACH:-30}
rate=${RATE:-150}
sites=${SITES:-$top_builddir/bench-sites}
scale=${SCALE:-10}
site=$sites/s$scale-h1095
[ -f "$site/expected.ndjson" ] || SITES=$sites sh "$top_srcdir/bench/history.sh" 1095 >/dev/null
day=2026-11-29
T=$(mktemp -d "${TMPDIR:-/tmp}/fluxstat-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
printf 'FLUX_ROOT=%s\nFLUXSTAT_STATE=%s\nFLUXSTAT_TZ=Europe/Berlin\nFLUXSTAT_SPLAY=0\n' \
	"$site" "$T/state" >"$T/conf"

standin() {
	"$top_builddir/bench/flux-standin" -d "$site/monitoring/Monitoring.db" \
		-i "$site/web/orderitems" -s "$seconds" -r "$rate"
}

# the daily run, again and again until the stand-in is done
runs() {
	_n=0
	while [ ! -e "$T/stop" ]; do
		"$top_builddir/pipelines/fluxstat-run" --config "$T/conf" --preview \
			--date "$day" >/dev/null 2>>"$T/run.err" || echo "fluxstat-run failed" >&2
		_n=$((_n + 1))
	done
	echo "$_n" >"$T/nruns"
}

: >"$T/alone"
: >"$T/with"
r=0
while [ "$r" -lt "$rounds" ]; do
	standin >>"$T/alone"
	rm -f "$T/stop"
	runs &
	standin >>"$T/with"
	: >"$T/stop"
	wait
	echo "round $((r + 1)): alone $(tail -n 1 "$T/alone"), with $(tail -n 1 "$T/with") ($(cat "$T/nruns") daily runs)"
	r=$((r + 1))
done
awk 'FNR == 1 { f++ } { ops[f] += $1; p50[f] += $2; p99[f] += $3; n[f]++ }
	END {
		for (i = 1; i <= 2; i++) { ops[i] /= n[i]; p50[i] /= n[i]; p99[i] /= n[i] }
		printf "%-10s %10s %10s %10s\n", "", "jobs/s", "p50_ms", "p99_ms"
		printf "%-10s %10.1f %10.2f %10.2f\n", "alone", ops[1], p50[1], p99[1]
		printf "%-10s %10.1f %10.2f %10.2f\n", "with run", ops[2], p50[2], p99[2]
		printf "throughput lost: %.1f %% (goal: at most 5 %%); p99 x%.2f (goal: at most 2)\n",
			(1 - ops[2] / ops[1]) * 100, (p99[1] > 0 ? p99[2] / p99[1] : 0)
	}' "$T/alone" "$T/with"
