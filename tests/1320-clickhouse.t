#!/bin/sh
# fluxstat-load into ClickHouse (Debian's clickhouse-server, private, on
# loopback): the schema is made on first use; the same rows loaded into
# ClickHouse and into SQLite give the same counts and sums per metric;
# reloading and resending never count twice; a report cut short stays
# invisible.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/clickhouse.sh"
. "$top_srcdir/tests/reports.sh"
plan 12

ok "clickhouse-server starts on 127.0.0.1" ch_start

R=$T/tree
fleet "$R" 6 8
fluxstat-ingest -q "$R" >"$T/rows"
fluxstat-load -q --db "$T/fleet.db" "$T/rows"
run fluxstat-load --db "$CH_DB" "$T/rows"
is "load into ClickHouse: status 0" "$rc" 0
like "it says what it loaded" "$T/err" "^fluxstat-load: 39 reports loaded \(1248 rows\)$"

# per metric: rows, installation-days, infos, sum of the numbers (x1000)
sq_sums() {
	sqlite3 -separator ' ' "$T/fleet.db" "SELECT metric, count(*),
		count(DISTINCT installation_id || day), count(str),
		CAST(round(total(num) * 1000) AS INTEGER)
		FROM fleet_metrics GROUP BY metric ORDER BY metric"
}
ch_sums() {
	ch_query "SELECT metric, count(), uniqExact(installation_id, day),
		count(str), toInt64(round(sum(ifNull(num, 0)) * 1000))
		FROM fleet.fleet_metrics GROUP BY metric ORDER BY metric
		FORMAT TabSeparated" | tr '\t' ' '
}
sq_reports() {
	sqlite3 -separator ' ' "$T/fleet.db" "SELECT installation_id, day,
		agent_version, trigger, generated_at, period_from, period_to
		FROM fleet_reports ORDER BY 1, 2"
}
ch_reports() {
	ch_query "SELECT installation_id, day, agent_version, trigger,
		generated_at, period_from, period_to FROM fleet.fleet_reports
		ORDER BY installation_id, day FORMAT TabSeparated" | tr '\t' ' '
}
sq_sums >"$T/sq"
ch_sums >"$T/ch"
is "per-metric sums cover the metrics the reports hold" "$(wc -l <"$T/sq")" 25
same "ClickHouse and SQLite: the same rows, counts and sums per metric" "$T/ch" "$T/sq"
sq_reports >"$T/sqr"
ch_reports >"$T/chr"
same "ClickHouse and SQLite: the same reports" "$T/chr" "$T/sqr"

fluxstat-load -q --db "$CH_DB" "$T/rows"
ch_sums >"$T/ch2"
same "loading the same rows again changes nothing" "$T/ch2" "$T/sq"

# a resent day with other numbers and one metric fewer, in both stores
ID=00000001-0000-4000-8000-000000000001
F=$R/installations/$ID/reports/2026-10-02.json.gz
fluxstat-pack -d "$F" | jq -c '.metrics |= map(select(.metric != "install.addon") |
	if .metric == "usage.jobs.printed" then .value += 1000 else . end)' |
	fluxstat-pack -o "$F"
fluxstat-ingest -q "$F" >"$T/resent"
fluxstat-load -q --db "$T/fleet.db" "$T/resent"
fluxstat-load -q --db "$CH_DB" "$T/resent"
sq_sums >"$T/sq3"
ch_sums >"$T/ch3"
is "the resend changed the sums" "$(grep -c . "$T/sq3")" 25
ok "the resent day changed them" sh -c "! cmp -s '$T/sq3' '$T/sq'"
same "a resent day replaces the old one in both stores alike" "$T/ch3" "$T/sq3"

# cut short: the report row promises more rows than follow
head -n 10 "$T/resent" >"$T/cut"
run fluxstat-load --db "$CH_DB" "$T/cut"
is "input cut inside a report: status 65" "$rc" 65
ch_sums >"$T/ch4"
same "nothing of the cut report is visible" "$T/ch4" "$T/sq3"
