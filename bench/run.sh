#!/bin/sh
# bench/run.sh: the whole daily job on a generated installation.
#
#   bench/run.sh [SCALE...]      (from the build folder; default: 1 10 100)
#
# For each scale, tests/mkflux makes an installation (scale 1: about 2000
# print jobs), then `fluxstat-run --preview` builds its report; printed:
# the wall-clock time, the CPU time and the largest resident set of any
# one process of the run (GNU time), and whether the report equals the
# installation's oracle.  Memory should stay flat as the scale grows.
set -eu
top_builddir=$(pwd)
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$top_builddir/pipelines/fluxstat-run" ] || {
	echo "bench/run.sh: run it from the build folder (make first)" >&2
	exit 64
}
[ -x "$top_builddir/tests/mkflux" ] || make tests/mkflux >/dev/null
PATH=$top_builddir/tools:$top_builddir/tests:$PATH
FLUXSTAT_SHARE=$top_srcdir/share
export PATH FLUXSTAT_SHARE
T=$(mktemp -d "${TMPDIR:-/tmp}/fluxstat-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
[ $# -gt 0 ] || set -- 1 10 100
day=2026-11-29
printf '%-6s %9s %8s %8s %9s %s\n' scale jobs wall_s cpu_s maxrss_kb oracle
for s; do
	rm -rf "$T/flux" "$T/state"
	mkflux --seed 1 --scale "$s" --day "$day" --tz Europe/Berlin "$T/flux" >/dev/null
	printf 'FLUX_ROOT=%s\nFLUXSTAT_STATE=%s\nFLUXSTAT_TZ=Europe/Berlin\nFLUXSTAT_SPLAY=0\n' \
		"$T/flux" "$T/state" >"$T/conf"
	/usr/bin/time -f '%e %U %S %M' -o "$T/time" \
		"$top_builddir/pipelines/fluxstat-run" --config "$T/conf" --preview --date "$day" >"$T/report"
	jobs=$(sqlite3 "$T/flux/monitoring/Monitoring.db" 'select count(*) from print_jobs' 2>/dev/null || echo '?')
	same=no
	if command -v jq >/dev/null 2>&1; then
		jq -cS '.metrics[] | select(.metric | startswith("device.") | not)' "$T/report" | sort >"$T/got"
		jq -cS '.labels //= {}' "$T/flux/expected.ndjson" | sort >"$T/want"
		! cmp -s "$T/got" "$T/want" || same=yes
	fi
	read -r wall user sys rss <"$T/time"
	printf '%-6s %9s %8s %8s %9s %s\n' "$s" "$jobs" "$wall" \
		"$(echo "$user $sys" | awk '{ print $1 + $2 }')" "$rss" "$same"
done
