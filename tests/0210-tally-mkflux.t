#!/bin/sh
# fluxstat-bson | fluxstat-tally on a generated installation: the orders of
# its MongoDB dump give exactly the oracle's usage.orders.* records, for two
# days in two zones (one with a half-hour offset).
. "$top_srcdir/tests/lib.sh"

for p in mkflux fluxstat-bson fluxstat-tally; do
	command -v "$p" >/dev/null 2>&1 || plan skip_all "$p is not built"
done
plan 12

# check SEED DAY ZONE: 6 tests
check() {
	dir=$T/flux-$1
	ok "mkflux --seed $1 --day $2 --tz $3" \
		mkflux --seed "$1" --scale 1 --day "$2" --tz "$3" "$dir"
	period "$2" "$3"
	orders=$(ls "$dir"/mongodb/dump/flux/orders.bson* 2>/dev/null | head -n 1)
	for what in created printed; do
		m=usage.orders.$what
		rc=0
		fluxstat-bson --fields job_type,${what}_at "${orders:-$dir/no-orders.bson}" \
			>"$T/rows" 2>"$T/err" || rc=$?
		[ "$rc" -eq 0 ] && {
			fluxstat-tally --metric "$m" --by job_type \
				--vocab job_type=vocab/job_types.txt \
				--time "${what}_at" --from "$from" --to "$to" \
				<"$T/rows" >"$T/got" 2>>"$T/err" || rc=$?
		}
		is "$m ($3): both programs succeed" "$rc:$(cat "$T/err")" "0:"
		grep -F "\"$m\"" "$dir/expected.ndjson" | jq -c -S . | sort >"$T/want" || true
		sort "$T/got" >"$T/got.sorted"
		[ -s "$T/want" ] || echo "# the oracle has no $m records" >&2
		same "$m ($3) equals expected.ndjson" "$T/got.sorted" "$T/want"
	done
	like "the oracle counts orders of that day ($3)" "$dir/expected.ndjson" \
		'"metric":"usage\.orders\.created"'
}

check 11 2026-11-29 Europe/Berlin
check 12 2026-03-29 Asia/Kolkata
