#!/bin/sh
# bench/ingest.sh: the receiving side's speed.  fluxstat-ingest piped into
# fluxstat-load, into SQLite and into ClickHouse, on a generated fleet.
#
#   bench/ingest.sh [INSTALLATIONS DAYS]     (default 1000 90: 90k reports)
#
# Run from a build folder (tools/ and tests/ of the build on PATH, or
# `make bench-ingest`).  The fleet is made once by tests/mkfleet in
# $BENCH_FLEET (default ${TMPDIR:-/tmp}/fluxstat-bench-fleet-IxD) and kept
# for the next call.  ClickHouse is Debian's clickhouse-server, started
# privately on 127.0.0.1 as the tests start it.  Prints, for each store:
# seconds, reports/s, rows/s, the ratio to the limit `zcat files | wc -l`
# (the time to merely decompress every report), and the peak memory of
# ingest and of load at a tenth of the fleet and at all of it (flat
# memory: the same at both).  Targets: SQLite >= 2,000 reports/s,
# ClickHouse >= 5,000 reports/s.
#
# Measured 2026-12-01, 1000 x 90 (79,926 reports, 5.5 M rows), on 2 cores
# shared with other work (load average 14-17, so wall times are the
# share of CPU this got; the CPU seconds are the program's own):
#   SQLite      133 s, 600 reports/s; CPU: ingest 15.1 s (5,300 reports
#               per CPU second), load 18.7 s (4,270); peak 2.4 MB and 45 MB
#   ClickHouse   65 s, 1,240 reports/s; CPU: ingest 13.6 s (5,870), load
#               4.7 s (17,000), clickhouse-server 11.4 s; peak 2.5 and 78 MB
# Peak memory at 8,166 reports: ingest 2.5 MB, load 43 MB (SQLite) and
# 72 MB (ClickHouse): flat.
set -eu
ninst=${1:-1000}
ndays=${2:-90}
here=$(cd "$(dirname "$0")" && pwd)
top=$here/..
: "${FLUXSTAT_SHARE:=$top/share}"
export FLUXSTAT_SHARE
[ -x tools/fluxstat-ingest ] && PATH=$(pwd)/tools:$(pwd)/tests:$PATH
export PATH LC_ALL=C
for p in fluxstat-ingest fluxstat-load mkfleet stall-server; do
	command -v "$p" >/dev/null || { echo "bench: $p not found (make check builds it)" >&2; exit 69; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time needed (apt-get install time)" >&2; exit 69; }

fleet=${BENCH_FLEET:-${TMPDIR:-/tmp}/fluxstat-bench-fleet-${ninst}x$ndays}
if [ ! -f "$fleet/.done" ]; then
	echo "bench: making the fleet ($ninst installations x $ndays days) in $fleet"
	rm -rf "$fleet"
	mkfleet --installations "$ninst" --days "$ndays" "$fleet" >/dev/null
	touch "$fleet/.done"
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/fluxstat-bench.XXXXXX")
_tap_end() { rm -rf "$T"; }
# shellcheck source=tests/clickhouse.sh
. "$top/tests/clickhouse.sh"

# the whole fleet, and a tenth of it (the first tenth of the installations)
find "$fleet/installations" -name '*.json.gz' | sort >"$T/all"
n_all=$(wc -l <"$T/all")
find "$fleet/installations" -mindepth 1 -maxdepth 1 -type d | sort |
	head -n $((ninst / 10)) >"$T/tenth"

now() { date +%s.%N; }
# the limit: decompress every report of a set and count lines
zlimit() { # LIST
	t0=$(now)
	xargs zcat <"$1" | wc -l >/dev/null
	t1=$(now)
	awk "BEGIN { print $t1 - $t0 }"
}
sed 's|$|/reports|' "$T/tenth" | xargs -I{} find {} -name '*.json.gz' >"$T/tenth.files"
n_tenth=$(wc -l <"$T/tenth.files")
limit_tenth=$(zlimit "$T/tenth.files")
limit_all=$(zlimit "$T/all")
echo "reports: $n_tenth and $n_all; zcat files | wc -l: ${limit_tenth}s and ${limit_all}s"

# run NAME DB SET: ingest | load, wall seconds and both peaks (kB)
run() {
	if [ "$3" = all ]; then set -- "$1" "$2" "$fleet/installations"; else
		# shellcheck disable=SC2046 # one folder a line, no spaces
		set -- "$1" "$2" $(cat "$T/tenth"); fi
	_name=$1
	_db=$2
	shift 2
	t0=$(now)
	/usr/bin/time -f "%M %U %S" -o "$T/ingest.rss" fluxstat-ingest "$@" 2>"$T/ingest.err" |
		/usr/bin/time -f "%M %U %S" -o "$T/load.rss" fluxstat-load -q --db "$_db"
	t1=$(now)
	secs=$(awk "BEGIN { print $t1 - $t0 }")
	# shellcheck disable=SC2046 # three numbers a file
	set -- $(tail -n 1 "$T/ingest.rss") $(tail -n 1 "$T/load.rss")
	peak_i=$1
	peak_l=$4
	cpu_i=$(awk "BEGIN { print $2 + $3 }")
	cpu_l=$(awk "BEGIN { print $5 + $6 }")
	nrows=$(sed -n 's/.*accepted (\([0-9]*\) rows).*/\1/p' "$T/ingest.err")
}
report() { # NAME REPORTS ROWS
	if [ "$2" -eq "$n_all" ]; then limit=$limit_all; else limit=$limit_tenth; fi
	awk -v n="$1" -v r="$2" -v w="$3" -v s="$secs" -v l="$limit" \
	    -v pi="$peak_i" -v pl="$peak_l" -v ci="$cpu_i" -v cl="$cpu_l" 'BEGIN {
		printf "%-11s %6d reports %9d rows %7.2fs %6.0f reports/s %8.0f rows/s  %4.1fx the zcat limit\n",
		    n, r, w, s, r / s, w / s, s / l
		printf "%-11s cpu s: ingest %.1f (%.0f reports/s), load %.1f (%.0f reports/s); peak kB: ingest %d, load %d\n",
		    "", ci, r / ci, cl, r / cl, pi, pl }'
}

run sqlite "$T/tenth.db" tenth
report "SQLite 1/10" "$n_tenth" "$nrows"
run sqlite "$T/fleet.db" all
report "SQLite" "$n_all" "$nrows"
echo "SQLite file: $(du -h "$T/fleet.db" | cut -f1)"
rm -f "$T"/*.db*

ch_start
# the server's own CPU seconds (it shares the machine's cores with the pipe)
tck=$(getconf CLK_TCK)
ch_cpu() { awk -v t="$tck" '{ print ($14 + $15) / t }' "/proc/$_ch_pid/stat"; }
c0=$(ch_cpu)
run clickhouse "$CH_DB" tenth
report "CH 1/10" "$n_tenth" "$nrows"
echo "            cpu s: clickhouse-server $(awk "BEGIN { print $(ch_cpu) - $c0 }")"
ch_query 'DROP DATABASE fleet' >/dev/null
c0=$(ch_cpu)
run clickhouse "$CH_DB" all
report "ClickHouse" "$n_all" "$nrows"
echo "            cpu s: clickhouse-server $(awk "BEGIN { print $(ch_cpu) - $c0 }")"
ch_stop
