#!/bin/sh
# A site with years of history (mkflux --history): the daily run still
# equals the oracle; webshop_items parses only the order item files
# changed since two days before the period, and stays right when a backup
# was restored with the files' old times; one unreadable, broken or huge
# item file is left out, the others counted, the status "incomplete".
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154
. "$top_srcdir/tests/lib.sh"
plan 20

day=2026-11-29
tz=Europe/Berlin
period "$day" "$tz"
R=$T/flux
P=$top_builddir/pipelines

ok "mkflux --history 40 makes a site" \
	mkflux --seed 3 --scale 1 --history 40 --day "$day" --tz "$tz" "$R"
ok "mkflux --history 0 is the site without history" \
	mkflux --seed 3 --scale 1 --history 0 --day "$day" --tz "$tz" "$T/flat"
is "the history is there: 500 print jobs a day more" \
	"$(($(sqlite3 "$R/monitoring/Monitoring.db" 'SELECT count(*) FROM print_jobs') - \
	$(sqlite3 "$T/flat/monitoring/Monitoring.db" 'SELECT count(*) FROM print_jobs')))" 20000
old=$(date -u -d "$from 3 days ago" +%s)
n_old=$(find "$R/web/orderitems" -name '*.json' ! -newermt "@$old" | wc -l)
ok "order item files written long before the period ($n_old), mtime = created_at" \
	test "$n_old" -gt 100
first=$(date -u -d "$from 45 days ago" +%s)
ok "... none before the history began" \
	test "$(find "$R/web/orderitems" -name '*.json' ! -newermt "@$first" | wc -l)" -eq 0
is "the oracle's usage metrics do not depend on the history (orders printed aside)" \
	"$(grep '"usage\.' "$R/expected.ndjson" | grep -v orders.printed)" \
	"$(grep '"usage\.' "$T/flat/expected.ndjson" | grep -v orders.printed)"

# the daily run on it equals the oracle
printf 'FLUX_ROOT=%s\nFLUXSTAT_STATE=%s\nFLUXSTAT_TZ=%s\nFLUXSTAT_SPLAY=0\n' \
	"$R" "$T/state" "$tz" >"$T/conf"
run "$P/fluxstat-run" --config "$T/conf" --preview --date "$day"
is "fluxstat-run --preview on 40 days of history: exit 0" "$rc" 0
jq -cS '.metrics[] | select(.metric | startswith("device.") | not)' "$T/out" | sort >"$T/got"
jq -cS '.labels //= {}' "$R/expected.ndjson" | sort >"$T/want"
same "... the report equals the oracle" "$T/got" "$T/want"

# webshop_items alone, against the oracle's order item counts
grep '"usage.webshop.order_items"' "$T/want" >"$T/want.items"
items() { # the pipeline's order item records, canonical, and its status
	"$P/webshop_items" --from "$from" --to "$to" >"$T/items.out" 2>"$T/items.err" || return 1
	jq -cS 'select(.metric == "usage.webshop.order_items")' "$T/items.out" | sort >"$T/got.items"
	sed -n 's/.*"metric":"health.source.status","value":"\([a-z]*\)".*/\1/p' "$T/items.out"
}
export FLUX_ROOT="$R"

# a broken file that was last changed long ago is not even opened
printf '{"created_at": "2026-11-29T10:00:00+01:00", "options": {' >"$R/web/orderitems/999999_1.json"
touch -d "@$old" "$R/web/orderitems/999999_1.json"
is "an old broken file is not read: status ok" "$(items)" ok
same "... the counts equal the oracle" "$T/got.items" "$T/want.items"
rm "$R/web/orderitems/999999_1.json"

# a backup restored with tar keeps each file's time, which is no earlier
# than its item: still right
(cd "$R/web" && tar -cf "$T/backup.tar" orderitems && rm -rf orderitems &&
	tar -xf "$T/backup.tar")
is "after a tar restore with the old times: status ok" "$(items)" ok
same "... the counts equal the oracle" "$T/got.items" "$T/want.items"
# a restore that read zip-style local times as UTC: 14 hours early
find "$R/web/orderitems" -name '*.json' -exec sh -c \
	'for f; do touch -d "@$(($(stat -c %Y "$f") - 50400))" "$f"; done' sh {} +
is "a restore that set every time 14 hours early: status ok" "$(items)" ok
same "... the counts still equal the oracle (the two-day margin)" "$T/got.items" "$T/want.items"

# one unreadable, one broken and one huge file: left out, the rest counted
as_reader() { # without root's right to read anything
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --bounding-set -dac_override,-dac_read_search "$@"
	else
		"$@"
	fi
}
printf '{"created_at": "%s", "options": {"paper_format": "A4"}}\n' "$from" >"$R/web/orderitems/999999_2.json"
chmod 000 "$R/web/orderitems/999999_2.json"
as_reader "$P/webshop_items" --from "$from" --to "$to" >"$T/items.out" 2>"$T/items.err"
is "an unreadable order item file: status incomplete" \
	"$(sed -n 's/.*"metric":"health.source.status","value":"\([a-z]*\)".*/\1/p' "$T/items.out")" incomplete
jq -cS 'select(.metric == "usage.webshop.order_items")' "$T/items.out" | sort >"$T/got.items"
same "... the other files counted" "$T/got.items" "$T/want.items"
like "... and named in the reason" "$T/items.err" '999999_2.json: Permission denied'
as_reader "$P/fluxstat-run" --config "$T/conf" --preview --date "$day" >"$T/out" 2>"$T/err"
is "... through fluxstat-run: the report says incomplete and counts the others" \
	"$(jq -r '.metrics[] | select(.metric == "health.source.status" and .labels.source == "webshop_items") | .value' "$T/out")|$(jq -cS '.metrics[] | select(.metric == "usage.webshop.order_items")' "$T/out" | sort | cmp -s - "$T/want.items" && echo same)" \
	"incomplete|same"
rm -f "$R/web/orderitems/999999_2.json"
truncate -s 2G "$R/web/orderitems/999999_3.json"
/usr/bin/time -f %M -o "$T/rss" "$P/webshop_items" --from "$from" --to "$to" >"$T/items.out" 2>"$T/items.err"
jq -cS 'select(.metric == "usage.webshop.order_items")' "$T/items.out" | sort >"$T/got.items"
is "a 2 GB sparse .json: status incomplete, the others counted" \
	"$(sed -n 's/.*"value":"\([a-z]*\)".*/\1/p' "$T/items.out")|$(cmp -s "$T/got.items" "$T/want.items" && echo same)" \
	"incomplete|same"
ok "... not read: no process over 64 MiB ($(cat "$T/rss") KiB)" test "$(cat "$T/rss")" -lt 65536
