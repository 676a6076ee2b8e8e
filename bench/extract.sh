#!/bin/sh
# bench/extract.sh: time the extractors on large inputs (make bench-extract).
#   bench/extract.sh [FILES] [SCALE]
# FILES order item files (default 20000) through fluxstat-json with
# jq/orderitems.jq: one process and one jq compile for all of them; and,
# when tests/mkflux is built, sql/monitoring.sql over a Monitoring.db of
# mkflux --scale SCALE (default 100, about 200000 print jobs).  Prints
# wall time and peak memory; asserts nothing (targets are read by people).
set -eu
files=${1:-20000}
scale=${2:-100}
T=$(mktemp -d "${TMPDIR:-/tmp}/fluxstat-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
timed() { # label command...
	_l=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "$_l: %e s wall, %M KiB peak" "$@" >"$T/out"
	else
		_s=$(date +%s.%N)
		"$@" >"$T/out"
		echo "$_l: $(echo "$(date +%s.%N) - $_s" | bc) s wall"
	fi
	echo "  $(wc -l <"$T/out") output lines"
}

mkdir "$T/items"
i=0
while [ "$i" -lt "$files" ]; do
	printf '{"order_id": %d, "item": 1, "created_at": "2026-11-29T14:03:00+01:00", "product": "Visitenkarten Premium", "quantity": 500, "options": {"paper_format": "A%d", "paper_type": "Bilderdruck 300g", "signature": "4p", "color": true}, "customer_note": "bitte an Frau Schulz"}\n' \
		"$i" $((i % 7)) >"$T/items/${i}_1.json"
	i=$((i + 1))
done
timed "fluxstat-json, $files order item files" fluxstat-json -f jq/orderitems.jq "$T/items"

if command -v mkflux >/dev/null 2>&1; then
	mkflux --seed 1 --scale "$scale" --day 2026-11-29 --tz Europe/Berlin "$T/flux" >/dev/null
	echo "Monitoring.db: $(sqlite3 "$T/flux/monitoring/Monitoring.db" 'SELECT count(*) FROM print_jobs') print jobs"
	timed "fluxstat-sqlite, sql/monitoring.sql" fluxstat-sqlite -f sql/monitoring.sql \
		-p from=2026-11-28T23:00:00Z -p to=2026-11-29T23:00:00Z \
		"$T/flux/monitoring/Monitoring.db"
else
	echo "fluxstat-sqlite: skipped (tests/mkflux is not built)"
fi
