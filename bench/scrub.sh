#!/bin/sh
# bench/scrub.sh: fluxstat-scrub on a million records.
#
#   bench/scrub.sh [N]     (default 1000000), run from a build folder or
#                          with fluxstat-scrub on PATH
#
# Makes N records (a realistic mix: catalogued metrics with vocabulary
# labels, raw labels to map, undeclared labels, infos, some uncatalogued
# metrics and some personal data to drop), then times fluxstat-scrub on
# them and prints records per second and the peak memory.  Target: a
# million records in a few seconds, memory flat (the same at N and 10 N).
set -eu
n=${1:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
: "${FLUXSTAT_SHARE:=$here/../share}"
export FLUXSTAT_SHARE
[ -x tools/fluxstat-scrub ] && PATH=$(pwd)/tools:$PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fluxstat-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

awk -v n="$n" 'BEGIN {
	split("booklet flat book calendar large_format variable_data forms Flyer", jt, " ")
	split("A4 A3 SRA3 12x18 Visitenkarte", pf, " ")
	for (i = 0; i < n; i++) {
		k = i % 10
		if (k < 4)
			printf "{\"metric\":\"usage.orders.created\",\"labels\":{\"job_type\":\"%s\"},\"value\":%d}\n", jt[i % 8 + 1], i % 97
		else if (k < 6)
			printf "{\"labels\":{\"paper_format\":\"%s\",\"source\":\"web\"},\"metric\":\"usage.webshop.order_items\",\"value\":1}\n", pf[i % 5 + 1]
		else if (k == 6)
			printf "{\"metric\":\"config.printers\",\"labels\":{\"model\":\"AccurioPress C14000\"},\"value\":%d}\n", i % 5
		else if (k == 7)
			printf "{\"metric\":\"device.cpu.model\",\"value\":\"Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz\"}\n"
		else if (k == 8)
			printf "{\"metric\":\"orders.customer\",\"labels\":{},\"value\":\"anna%d@example.com\"}\n", i
		else
			printf "{\"metric\":\"install.addon\",\"labels\":{\"addon\":\"web-shop\"},\"value\":\"192.168.%d.%d\"}\n", i % 250, i % 200
	}
}' >"$tmp/in"
bytes=$(wc -c <"$tmp/in")

if /usr/bin/time -f '%e %U %M' true >/dev/null 2>&1; then
	/usr/bin/time -f '%e %U %M' -o "$tmp/time" fluxstat-scrub -q -s "$tmp/stats" "$tmp/in" >"$tmp/out"
	read -r secs user kb <"$tmp/time"
else
	start=$(date +%s.%N)
	fluxstat-scrub -q -s "$tmp/stats" "$tmp/in" >"$tmp/out"
	end=$(date +%s.%N)
	secs=$(echo "$end - $start" | bc)
	kb='?' user='?'
fi
echo "fluxstat-scrub: $n records ($bytes bytes) in $secs s ($user s CPU)," \
    "$(awk -v n="$n" -v s="$secs" 'BEGIN { if (s > 0) printf "%.0f", n / s; else printf "?" }') records/s," \
    "peak RSS $kb KiB"
cat "$tmp/stats"
