#!/bin/sh
# fluxstat-fleet on ClickHouse (Debian's clickhouse-server, private, on
# loopback): the same reports give the same answers, byte for byte after
# jq -cS, as on SQLite, and as the oracle, for two fleets and periods.
# (lib.sh sets $T; clickhouse.sh sets $CH_URL)
# shellcheck disable=SC2154,SC2086
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/clickhouse.sh"
. "$top_srcdir/tests/fleet.sh"
plan 29

ok "clickhouse-server starts on 127.0.0.1" ch_start
fleet_trees
CHA=${CH_DB%/*}/fleeta
CHB=${CH_DB%/*}/fleetb
ch_query "CREATE DATABASE fleeta" >/dev/null
ch_query "CREATE DATABASE fleetb" >/dev/null
fluxstat-ingest -q "$T/fa" | fluxstat-load -q --db "$CHA"
fluxstat-ingest -q "$T/fb" | fluxstat-load -q --db "$CHB"
is "both fleets loaded" \
	"$(ch_query "SELECT count() FROM fleeta.fleet_reports"),$(ch_query "SELECT count() FROM fleetb.fleet_reports")" \
	"$(sqlite3 "$T/fa.db" "SELECT count(*) FROM fleet_reports"),$(sqlite3 "$T/fb.db" "SELECT count(*) FROM fleet_reports")"

for q in $QUESTIONS; do
	fluxstat-fleet --db "$T/fa.db" $PERIOD_A "$q" | jq -cS . >"$T/a.$q.sqlite"
	fluxstat-fleet --db "$CHA" $PERIOD_A "$q" >"$T/a.$q.ch.raw"
	jq -cS . "$T/a.$q.ch.raw" >"$T/a.$q.ch"
	same "fleet A, $q: ClickHouse = SQLite" "$T/a.$q.ch" "$T/a.$q.sqlite"
	"$top_srcdir/tests/fleet-oracle" $PERIOD_A -k $K_A "$T/fa" "$q" |
		jq -cS . >"$T/a.$q.want"
	same "fleet A, $q: ClickHouse = the oracle" "$T/a.$q.ch" "$T/a.$q.want"
done
for q in $QUESTIONS; do
	fluxstat-fleet --db "$T/fb.db" -k $K_B "$q" >"$T/b.$q.sqlite"
	fluxstat-fleet --db "$CHB" -k $K_B "$q" >"$T/b.$q.ch"
	same "fleet B, default period, K = $K_B, $q: the same bytes" \
		"$T/b.$q.ch" "$T/b.$q.sqlite"
done
cat "$T"/a.*.ch.raw >"$T/answers"
small_names "$T/fa" $K_A >"$T/small"
unlike "no small group's name in any ClickHouse answer" "$T/answers" \
	"$(small_regex "$T/small")"
fluxstat-fleet-report --db "$CHA" $PERIOD_A -o "$T/page-ch" >/dev/null
fluxstat-fleet-report --db "$T/fa.db" $PERIOD_A -o "$T/page-sqlite" >/dev/null
same "the report page from ClickHouse is the one from SQLite" \
	"$T/page-ch/index.html" "$T/page-sqlite/index.html"
fails 69 "an unreachable ClickHouse" \
	fluxstat-fleet --db clickhouse://127.0.0.1:1/fleet versions
