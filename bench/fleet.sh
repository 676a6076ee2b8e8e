#!/bin/sh
# bench/fleet.sh: the eight fleet questions on SQLite and on ClickHouse,
# side by side, over a generated fleet.
#
#   bench/fleet.sh [N [D]]      (from the build folder; default 1000 365)
#
# tests/mkfleet writes N installations x D days of reports; one
# fluxstat-ingest feeds fluxstat-load into a SQLite file and into a
# private clickhouse-server (as the tests start it) at once.  Each
# question is asked over the whole D days, once to warm the caches, then
# twice per store in alternation (SQLite, ClickHouse, SQLite, ClickHouse);
# the faster run of each counts.  Printed: seconds per question and store,
# the ratio SQLite / ClickHouse, and the sum of the eight.
# BENCH_KEEP=DIR keeps (and reuses) the tree and the stores there.
#
# Measured 2026-12-01 on the 2-core machine shared with other builds (load
# average about 15), 1000 x 365: 324,459 reports, 22.3 M rows (mkfleet
# 898 s, ingest | load into both 489 s); all eight questions over the whole
# year: SQLite 102 s, ClickHouse 18.16 44.7 s (ratio 2.3).  ClickHouse
# spent most of it in the fleet_metrics view's (installation_id, day,
# version) IN (loaded_report FINAL): the adoption filter reads 3.6 M rows in
# 3.0 s from loaded_metric and in 11.1 s through that condition.
# The same day, quieter (load average 6-9), same 1000 x 365 store: before
# the questions read loaded_metric with a version-only filter and usage a
# key range, SQLite 54.2 s, ClickHouse 14.7 s (3.7); after, SQLite 44.5 s,
# ClickHouse 7.4 s (6.0): installations 0.21, versions 0.33, setups 0.65,
# adoption 0.79, usage 0.96, stability 1.44, sources 1.81, durations 1.22.
# All eight alternated, old SQL and new on one server: 13.9 s and 7.4 s.
set -eu
top_builddir=$(pwd)
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$top_builddir/tools/fluxstat-fleet" ] || {
	echo "bench/fleet.sh: run it from the build folder (make first)" >&2
	exit 64
}
for p in tests/mkfleet tests/stall-server; do
	[ -x "$top_builddir/$p" ] || make "$p" >/dev/null
done
PATH=$top_builddir/tools:$top_builddir/tests:$PATH
FLUXSTAT_SHARE=$top_srcdir/share
export PATH FLUXSTAT_SHARE
N=${1:-1000}
D=${2:-365}
if [ -n "${BENCH_KEEP:-}" ]; then
	T=$BENCH_KEEP
	mkdir -p "$T"
else
	T=$(mktemp -d "${TMPDIR:-/tmp}/fluxstat-bench.XXXXXX")
fi
_tap_end() { [ -n "${BENCH_KEEP:-}" ] || rm -rf "$T"; }
. "$top_srcdir/tests/clickhouse.sh"

now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{ printf "%.2f", $1 - $2 }'; }

start=2025-01-01
to=$(date -u -d "$start +$((D - 1)) days" +%F)
if [ ! -d "$T/tree" ]; then
	t0=$(now)
	mkfleet --installations "$N" --days "$D" --start "$start" "$T/tree"
	echo "mkfleet: $N x $D: $(find "$T/tree" -name '*.json.gz' | wc -l) reports in $(since "$t0") s"
fi
ch_start
ch_query "CREATE DATABASE IF NOT EXISTS fleet" >/dev/null
CH=$CH_DB
if [ ! -s "$T/fleet.db" ]; then
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	t0=$(now)
	fluxstat-load -q --db "$CH" <"$T/fifo" &
	chpid=$!
	fluxstat-ingest -q "$T/tree" | tee "$T/fifo" |
		fluxstat-load -q --db "$T/fleet.db"
	wait "$chpid"
	echo "ingest | load into both stores: $(since "$t0") s"
elif [ "$(ch_query "SELECT count() FROM fleet.fleet_reports" 2>/dev/null || echo 0)" = 0 ]; then
	# a kept SQLite store, an empty ClickHouse: fill it again
	fluxstat-ingest -q "$T/tree" | fluxstat-load -q --db "$CH"
fi
echo "rows: $(sqlite3 "$T/fleet.db" 'SELECT count(*) FROM loaded_metric') in SQLite, $(ch_query 'SELECT count() FROM fleet.fleet_metrics') in ClickHouse"
ch_query "OPTIMIZE TABLE fleet.loaded_report FINAL" >/dev/null || true

ask() { # STORE QUESTION: the seconds it took
	_t0=$(now)
	fluxstat-fleet --db "$1" --from "$start" --to "$to" "$2" >"$T/answer" ||
		{ echo "fluxstat-fleet $2 failed on $1" >&2; exit 70; }
	since "$_t0"
}
min() { echo "$1 $2" | awk '{ print ($1 < $2) ? $1 : $2 }'; }

printf '%-14s %10s %12s %8s\n' question sqlite_s clickhouse_s ratio
sum_s=0 sum_c=0
for q in installations versions setups adoption usage stability sources \
    durations; do
	ask "$T/fleet.db" "$q" >/dev/null
	ask "$CH" "$q" >/dev/null
	s1=$(ask "$T/fleet.db" "$q")
	c1=$(ask "$CH" "$q")
	s2=$(ask "$T/fleet.db" "$q")
	c2=$(ask "$CH" "$q")
	s=$(min "$s1" "$s2")
	c=$(min "$c1" "$c2")
	printf '%-14s %10s %12s %8s\n' "$q" "$s" "$c" \
		"$(echo "$s $c" | awk '{ printf "%.1f", ($2 > 0 ? $1 / $2 : 0) }')"
	sum_s=$(echo "$sum_s $s" | awk '{ print $1 + $2 }')
	sum_c=$(echo "$sum_c $c" | awk '{ print $1 + $2 }')
done
printf '%-14s %10.2f %12.2f %8s\n' "all eight" "$sum_s" "$sum_c" \
	"$(echo "$sum_s $sum_c" | awk '{ printf "%.1f", ($2 > 0 ? $1 / $2 : 0) }')"
