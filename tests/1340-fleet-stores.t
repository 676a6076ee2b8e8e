#!/bin/sh
# A generated fleet (tests/mkfleet, with its hostile reports) through
# fluxstat-ingest into both stores: every hostile report is quarantined
# for the reason mkfleet planted, and SQLite and ClickHouse then hold the
# same rows: the same reports, and per metric the same counts and sums.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/clickhouse.sh"
plan 9

ok "clickhouse-server starts on 127.0.0.1" ch_start
R=$T/fleet
mkfleet --installations 24 --days 21 --hostile "$R" >/dev/null
run fluxstat-ingest --quarantine "$T/q" "$R"
is "the hostile reports are rejected: 65" "$rc" 65
cp "$T/err" "$T/ingest.err"
fluxstat-ingest -q "$R" >"$T/rows" 2>/dev/null || :

# mkfleet's word for each hostile kind and the rule that catches it
rule_of() {
	case $1 in
	bomb) echo too_large ;;
	truncated) echo gzip ;;
	not_json) echo json ;;
	unknown_metric) echo not_catalogued ;;
	*) echo "$1" ;;
	esac
}
: >"$T/want"
: >"$T/got"
while read -r path kind; do
	id=${path#installations/}
	id=${id%%/*}
	echo "$path $(rule_of "$kind")" >>"$T/want"
	echo "$path $(sed 's/:.*//' "$T/q/$id/${path##*/}.why" 2>/dev/null || echo none)" >>"$T/got"
done <"$R/hostile.txt"
ok "mkfleet planted hostile reports" test -s "$T/want"
same "each hostile report is quarantined for the rule it breaks" "$T/got" "$T/want"
is "and nothing else" "$(find "$T/q" -name '*.why' | wc -l)" "$(wc -l <"$R/hostile.txt")"

cut -d' ' -f1 "$R/hostile.txt" >"$T/hostile"
fluxstat-load -q --db "$T/fleet.db" "$T/rows"
run fluxstat-load --db "$CH_DB" "$T/rows"
is "loaded into ClickHouse" "$rc" 0
sq_sums() {
	sqlite3 -separator ' ' "$T/fleet.db" "SELECT metric, count(*),
		count(DISTINCT installation_id || day), count(str),
		CAST(round(total(num) * 1000) AS INTEGER)
		FROM fleet_metrics GROUP BY metric ORDER BY metric"
	sqlite3 -separator ' ' "$T/fleet.db" "SELECT installation_id, day,
		agent_version, trigger, generated_at, period_from, period_to
		FROM fleet_reports ORDER BY installation_id, day"
}
ch_sums() {
	ch_query "SELECT metric, count(), uniqExact(installation_id, day),
		count(str), toInt64(round(sum(ifNull(num, 0)) * 1000))
		FROM fleet.fleet_metrics GROUP BY metric ORDER BY metric
		FORMAT TabSeparated" | tr '\t' ' '
	ch_query "SELECT installation_id, day, agent_version, trigger,
		generated_at, period_from, period_to FROM fleet.fleet_reports
		ORDER BY installation_id, day FORMAT TabSeparated" | tr '\t' ' '
}
sq_sums >"$T/sq"
ch_sums >"$T/ch"
is "the store holds every accepted report" \
	"$(sqlite3 "$T/fleet.db" 'SELECT count(*) FROM fleet_reports')" \
	"$(find "$R/installations" -name '*.json.gz' | grep -c -v -F -f "$T/hostile" || :)"
same "SQLite and ClickHouse hold the same reports and rows" "$T/ch" "$T/sq"
fluxstat-ingest -q "$R" 2>/dev/null | fluxstat-load -q --db "$CH_DB"
ch_sums >"$T/ch2"
same "ingesting the tree again changes neither" "$T/ch2" "$T/sq"
