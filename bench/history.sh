#!/bin/sh
# bench/history.sh: does the daily run cost follow the day, or the years?
#
#   cd build && sh ../bench/history.sh [DAYS...]   (default: 30 1095)
#
# For each DAYS, tests/mkflux makes a large site (SCALE, default 10: about
# 5,000 print jobs and 1,000 orders a day) with DAYS of history behind the
# report day, kept in SITES (default ./bench-sites) for the next time:
# 1,095 days take a few minutes and about 2 GB.  Then the daily run
# (fluxstat-run --preview of the report day) and each source alone are
# measured: CPU seconds (user + system), wall seconds, bytes read (rchar
# of /proc/PID/io of a shell that waited for the whole run: every
# process's read(2) bytes, page cache or disk) and the largest RSS of any
# one process (GNU time).  The last lines give the ratio of the last DAYS
# to the first, the goals (at most 2x the CPU and the bytes, at most
# 64 MiB of RSS), and the sources that must look at everything against
# the cheapest reader of the same files (at most 3x): mongodb against
# cat(1) of the collections it reads (a dump is a full copy), webshop
# against cat of FluxWeb.db (orders.created_at has no index), jobs
# against du(1) (the metric is the size of every file).
# The report must equal the site's oracle ("oracle yes").
# (the sh -c programs are in single quotes on purpose: their sh expands them)
# shellcheck disable=SC2016
set -eu
top_builddir=$(pwd)
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$top_builddir/pipelines/fluxstat-run" ] || {
	echo "bench/history.sh: run it from the build folder (make first)" >&2
	exit 64
}
[ -x "$top_builddir/tests/mkflux" ] || make tests/mkflux >/dev/null
PATH=$top_builddir/tools:$top_builddir/tests:$PATH
FLUXSTAT_SHARE=$top_srcdir/share
export PATH FLUXSTAT_SHARE
scale=${SCALE:-10}
sites=${SITES:-$top_builddir/bench-sites}
day=2026-11-29
tz=Europe/Berlin
from=$(TZ=$tz date -u -d "TZ=\"$tz\" $day 00:00" +%Y-%m-%dT%H:%M:%SZ)
to=$(TZ=$tz date -u -d "TZ=\"$tz\" $day 00:00 + 1 day" +%Y-%m-%dT%H:%M:%SZ)
T=$(mktemp -d "${TMPDIR:-/tmp}/fluxstat-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
[ $# -gt 0 ] || set -- 30 1095
mkdir -p "$sites"

site() { # DAYS -> the site's folder, made when missing
	_s=$sites/s$scale-h$1
	if [ ! -f "$_s/expected.ndjson" ]; then
		echo "making $_s (mkflux --scale $scale --history $1)" >&2
		rm -rf "$_s" "$_s.tmp"
		mkflux --seed 1 --scale "$scale" --history "$1" --day "$day" \
			--tz "$tz" "$_s.tmp" >/dev/null
		mv "$_s.tmp" "$_s"
	fi
	echo "$_s"
}

# measure LABEL CMD...: one line "LABEL cpu wall bytes rss"
measure() {
	_l=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$T/time" \
		sh -c '"$@" >"$0.out" 2>"$0.err" || { echo "exit $?" >>"$0.err"; }
			grep "^rchar:" /proc/$$/io | cut -d" " -f2 >"$0.io"' "$T/m" "$@"
	read -r _wall _user _sys _rss <"$T/time"
	read -r _io <"$T/m.io"
	printf '%s %s %s %s %s\n' "$_l" "$(echo "$_user $_sys" | awk '{ printf "%.2f", $1 + $2 }')" \
		"$_wall" "$_io" "$_rss"
}

# (store sizes aside: a reader of a WAL database leaves its -shm file)
oracle() { # SITE: does the report equal the oracle?
	jq -cS '.metrics[] | select(.metric | (startswith("device.") or . == "health.store.bytes") | not)' \
		"$T/m.out" | sort >"$T/got"
	jq -cS '.labels //= {} | select(.metric != "health.store.bytes")' "$1/expected.ndjson" | sort >"$T/want"
	if cmp -s "$T/got" "$T/want"; then echo yes; else echo no; fi
}

: >"$T/rows"
for d; do
	s=$(site "$d")
	printf 'FLUX_ROOT=%s\nFLUXSTAT_STATE=%s\nFLUXSTAT_TZ=%s\nFLUXSTAT_SPLAY=0\n' \
		"$s" "$T/state" "$tz" >"$T/conf"
	# once unmeasured: the first pass over a site reads its inodes and
	# folders from the disk, which the next night's run finds cached too
	"$top_builddir/pipelines/fluxstat-run" --config "$T/conf" --preview \
		--date "$day" >/dev/null
	measure "$d run" "$top_builddir/pipelines/fluxstat-run" --config "$T/conf" \
		--preview --date "$day" >>"$T/rows"
	echo "$d oracle $(oracle "$s")" >>"$T/oracle"
	for src in monitoring mongodb webshop webshop_items jobs; do
		FLUX_ROOT=$s measure "$d $src" "$top_builddir/pipelines/$src" \
			--from "$from" --to "$to" >>"$T/rows"
	done
	# the yardsticks of the sources that must look at everything: cat of
	# the collections the mongodb source reads, cat of FluxWeb.db (no
	# index on orders.created_at), du of jobs/ (every file's size)
	{
		measure "$d cat-mongodb" sh -c 'cd "$1" && cat settings.bson products.bson \
			paper_formats.bson paper_types.bson signatures.bson printers.bson \
			preflight_profiles.bson users.bson groups.bson orders.bson >/dev/null' \
			sh "$s/mongodb/dump/flux"
		measure "$d cat-webshop" cat "$s/web/FluxWeb.db"
		measure "$d du-jobs" du -s -b "$s/jobs"
	} >>"$T/rows"
done

printf '%-6s %-14s %8s %8s %12s %10s\n' days what cpu_s wall_s read_bytes maxrss_kb
while read -r d w c wl b r; do
	printf '%-6s %-14s %8s %8s %12s %10s\n' "$d" "$w" "$c" "$wl" "$b" "$r"
done <"$T/rows"
cat "$T/oracle"
first=$1
for last; do :; done
awk -v a="$first" -v b="$last" '
	{ k = $2; cpu[$1, k] = $3; wall[$1, k] = $4; io[$1, k] = $5; rss[$1, k] = $6; if (!(k in seen)) { seen[k] = 1; ks[++n] = k } }
	END {
		printf "ratio %s/%s days (goal: cpu and bytes at most 2x):\n", b, a
		for (i = 1; i <= n; i++) {
			k = ks[i]
			printf "  %-14s cpu %6.2fx  bytes %6.2fx\n", k,
				(cpu[a, k] > 0 ? cpu[b, k] / cpu[a, k] : 0),
				(io[a, k] > 0 ? io[b, k] / io[a, k] : 0)
		}
		# the run less what the three sources that look at everything
		# cost alone: what follows the day
		for (i = 1; i <= 2; i++) {
			d = i == 1 ? a : b
			rc[i] = cpu[d, "run"] - cpu[d, "mongodb"] - cpu[d, "webshop"] - cpu[d, "jobs"]
			ri[i] = io[d, "run"] - io[d, "mongodb"] - io[d, "webshop"] - io[d, "jobs"]
		}
		printf "  %-14s cpu %6.2fx  bytes %6.2fx  (the run less mongodb, webshop and jobs)\n",
			"day-bound", (rc[1] > 0 ? rc[2] / rc[1] : 0), (ri[1] > 0 ? ri[2] / ri[1] : 0)
		m = 0
		for (x in rss) if (rss[x] > m) m = rss[x]
		printf "largest RSS of any process: %d KiB (goal: at most 65536)\n", m
		printf "sources that look at everything, against a reader of the same files, at %s days (goal: at most 3x):\n", b
		split("mongodb cat-mongodb webshop cat-webshop jobs du-jobs", y, " ")
		for (i = 1; i <= 6; i += 2)
			printf "  %-14s cpu %6.2fx  wall %6.2fx  of %s\n", y[i],
				(cpu[b, y[i + 1]] > 0 ? cpu[b, y[i]] / cpu[b, y[i + 1]] : 0),
				(wall[b, y[i + 1]] > 0 ? wall[b, y[i]] / wall[b, y[i + 1]] : 0), y[i + 1]
	}' "$T/rows"
