#!/bin/sh
# bench/tally.sh: fluxstat-tally against jq, and its memory as rows grow.
#
#   sh bench/tally.sh [BUILD]      BUILD: the build folder (default: build)
#
# 1. Makes 500k order rows in three shapes (see rows below),
#    counts the orders created on one day by job type with fluxstat-tally
#    and with `jq -n 'reduce inputs ...'`, checks that the answers are the
#    same, and prints both times (best of 3, wall clock and CPU) and the
#    ratio.  The goal is at least 20 times jq.
# 2. Peak RSS (/usr/bin/time -v) of the same count over 100k and 1M rows:
#    it must not grow with the rows.
#
# Nothing here is a test: timings depend on the machine.  Scratch files go
# to a private temporary folder, removed at the end.
set -eu
LC_ALL=C
export LC_ALL

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
tally=$build/tools/fluxstat-tally
for p in "$tally" "$build/tools/fluxstat-bson" "$build/tests/bsongen"; do
	[ -x "$p" ] || { echo "bench/tally.sh: build first (make check): $p is missing" >&2; exit 69; }
done
command -v jq >/dev/null || { echo "bench/tally.sh: jq is needed" >&2; exit 69; }
export FLUXSTAT_SHARE="$top/share"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fluxstat-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# rows SHAPE N: N order rows spread over 2026-11-25..2026-12-04 (a tenth a
# day); 1 in 20 has no job_type, 1 in 50 one outside the vocabulary.
# SHAPE "projected": what `fluxstat-bson --fields job_type,created_at`
# gives the pipeline; "full": every field of an order document (personal
# ones replaced by filler), so the tally has much to skip; "bson": what
# fluxstat-bson really writes for tests/bsongen's orders (an {"$oid"} id,
# a nested {"$date"} with milliseconds, a few short fields: ~130 bytes).
rows() {
	if [ "$1" = bson ]; then
		"$build/tests/bsongen" orders "$2" |
			"$build/tools/fluxstat-bson" --fields _id,job_type,created_at,status
		return
	fi
	awk -v shape="$1" -v n="$2" 'BEGIN {
		split("booklet flat book calendar large_format variable_data forms", jt, " ")
		split("new in_production printed shipped cancelled", st, " ")
		srand(42)
		for (i = 0; i < n; i++) {
			d = 25 + int(rand() * 10); m = 11
			if (d > 30) { d -= 30; m = 12 }
			t = sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", m, d,
			    int(rand() * 24), int(rand() * 60), int(rand() * 60))
			r = rand()
			if (r < 0.05) j = ""
			else if (r < 0.07) j = "\"job_type\":\"Sonderanfertigung\","
			else j = "\"job_type\":\"" jt[int(rand() * 7) + 1] "\","
			if (shape == "projected") {
				printf "{%s\"created_at\":{\"$date\":\"%s\"}}\n", j, t
				continue
			}
			s = st[int(rand() * 5) + 1]
			p = s == "printed" || s == "shipped" ? "{\"$date\":\"" t "\"}" : "null"
			printf "{\"_id\":{\"$oid\":\"65%022x\"},\"number\":\"K%05d/%d\",\"address_id\":{\"$oid\":\"66%022x\"},%s\"status\":\"%s\",\"created_at\":{\"$date\":\"%s\"},\"printed_at\":%s,\"note\":\"%s\"}\n",
			    i, i % 50000, 100000 + i, i % 997, j, s, t, p,
			    substr("Bitte bis Freitag liefern, Lieferschein beilegen.", 1 + i % 30)
		}
	}'
}

from=2026-11-29T00:00:00+01:00
to=2026-11-30T00:00:00+01:00

# jq gets the same semantics: the vocabulary, missing -> other, the period
# as epoch seconds (Berlin midnight is 23:00Z)
# shellcheck disable=SC2016 # a jq program: $vars are jq's
jqprog='
	["booklet","flat","book","calendar","large_format","variable_data","forms"] as $v
	| reduce (inputs | select((.created_at."$date" | .[0:19] + "Z"
	    | fromdateiso8601) as $t
	    | $t >= $from and $t < $to) | .job_type
	    | . as $x | if $x != null and ($v | index([$x])) != null
	      then $x else "other" end)
	  as $j ({}; .[$j] += 1)
	| to_entries[]
	| {labels: {job_type: .key}, metric: "usage.orders.created", value: .value}'

# "wall cpu" seconds, each the best of 3 runs of "$@" (output in $tmp/out);
# CPU time (user + system) is the fairer figure on a busy machine
best() {
	for _ in 1 2 3; do
		/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" >"$tmp/out"
		cat "$tmp/time"
	done | awk '{ c = $2 + $3
		if (NR == 1 || $1 < w) w = $1
		if (NR == 1 || c < cpu) cpu = c }
		END { printf "%.3f %.3f", w, cpu }'
}

# compare SHAPE: one line of figures for 500k rows of that shape
compare() {
	rows "$1" 500000 >"$tmp/500k"
	size=$(wc -c <"$tmp/500k")
	t_tally=$(best "$tally" --metric usage.orders.created --by job_type \
	    --vocab job_type=vocab/job_types.txt --time created_at \
	    --from "$from" --to "$to" "$tmp/500k")
	sort "$tmp/out" >"$tmp/tally.out"
	t_jq=$(best jq -n -c -S --argjson from 1795906800 --argjson to 1795993200 \
	    "$jqprog" "$tmp/500k")
	sort "$tmp/out" >"$tmp/jq.out"
	if ! cmp -s "$tmp/tally.out" "$tmp/jq.out"; then
		echo "$1 rows: the answers DIFFER from jq's:"
		diff "$tmp/jq.out" "$tmp/tally.out" || true
		exit 1
	fi
	echo "$1 $size $(wc -l <"$tmp/tally.out") $t_tally $t_jq" | awk '{
		printf "%s rows, 500k (%d MB), answers identical (%d records):\n", $1, $2 / 1e6, $3
		printf "  fluxstat-tally: %.3f s wall, %.3f s CPU (%.0f MB/s)\n", $4, $5, $2 / $4 / 1e6
		printf "  jq reduce:      %.3f s wall, %.3f s CPU\n", $6, $7
		printf "  speed-up:       %.1fx wall, %.1fx CPU (goal: 20x)\n", $6 / $4, $7 / $5
	}'
}

compare projected
compare full
compare bson
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"

rss() {
	/usr/bin/time -f %M "$tally" --metric usage.orders.created --by job_type \
	    --time created_at --from "$from" --to "$to" "$1" 2>&1 >/dev/null | tail -n 1
}
rows full 100000 >"$tmp/rows"
r1=$(rss "$tmp/rows")
rows full 1000000 >"$tmp/rows"
r2=$(rss "$tmp/rows")
echo "peak RSS: 100k rows $r1 KB, 1M rows $r2 KB"
