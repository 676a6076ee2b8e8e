#!/bin/sh
# fluxstat-bson | fluxstat-tally on a generated installation: the orders of
# its MongoDB dump give exactly the oracle's usage.orders.* records, for two
# days in two zones (one with a half-hour offset).
. "$top_srcdir/tests/lib.sh"

plan 14

# check SEED DAY ZONE: 7 tests
check() {
	dir=$T/flux-$1
	ok "mkflux --seed $1 --day $2 --tz $3" \
		mkflux --seed "$1" --scale 1 --day "$2" --tz "$3" "$dir"
	period "$2" "$3"
	orders=
	for f in "$dir"/mongodb/dump/flux/orders.bson*; do
		[ -n "$orders" ] || [ ! -f "$f" ] || orders=$f
	done
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
		# an empty oracle would make the comparison below pass on nothing
		ok "$m ($3): the oracle has records of that day" test -s "$T/want"
		same "$m ($3) equals expected.ndjson" "$T/got.sorted" "$T/want"
	done
}

check 11 2026-11-29 Europe/Berlin
check 12 2026-03-29 Asia/Kolkata
