#!/bin/sh
# fluxstat-load into SQLite: the store is made with its schema; loading
# the same reports twice or a resent day never counts twice; a report cut
# short is not loaded and leaves its day as it was.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/reports.sh"
plan 16

R=$T/tree
DB=$T/fleet.db
fleet "$R" 4 5
q() { sqlite3 "$DB" "$1"; }
counts() { q "SELECT count(*), sum(num), count(str) FROM fleet_metrics; SELECT count(*) FROM fleet_reports"; }

fluxstat-ingest -q "$R" >"$T/rows"
run fluxstat-load --db "$DB" "$T/rows"
is "load: status 0" "$rc" 0
like "it says what it loaded" "$T/err" "^fluxstat-load: 16 reports loaded \(512 rows\)$"
is "the store holds every report and row" "$(q 'SELECT count(*) FROM fleet_reports'),$(q 'SELECT count(*) FROM fleet_metrics')" "16,512"
is "rows are the ingested records" "$(q "SELECT count(*) FROM fleet_metrics WHERE str IS NULL AND num IS NOT NULL"),$(q "SELECT count(*) FROM fleet_metrics WHERE str IS NOT NULL AND num IS NULL")" "304,208"
is "a metric without labels has '' for label and key" \
	"$(q "SELECT label_key || '|' || label FROM fleet_metrics WHERE metric = 'device.cpu.count' LIMIT 1")" "|"
is "a label" "$(q "SELECT DISTINCT label_key || '=' || label FROM fleet_metrics WHERE metric = 'health.jobs.failed'")" "error=E_RIP"
is "whole numbers stay integers, fractions reals" \
	"$(q "SELECT DISTINCT typeof(num) FROM fleet_metrics WHERE metric IN ('usage.jobs.printed', 'health.jobs.duration_ms') ORDER BY 1")" "$(printf 'integer\nreal')"
counts >"$T/once"

fluxstat-ingest -q "$R" | fluxstat-load -q --db "$DB"
counts >"$T/twice"
same "loading the same tree again changes nothing" "$T/twice" "$T/once"

# a resent day: other numbers, one metric fewer
ID=00000001-0000-4000-8000-000000000001
F=$R/installations/$ID/reports/2026-10-02.json.gz
fluxstat-pack -d "$F" | jq -c '.metrics |= map(select(.metric != "install.addon") |
	if .metric == "usage.jobs.printed" then .value += 1000 else . end)' |
	fluxstat-pack -o "$F"
fluxstat-ingest -q "$F" | fluxstat-load -q --db "$DB"
is "a resent day replaces the old one whole" \
	"$(q "SELECT count(*), sum(num) FROM fleet_metrics WHERE installation_id = '$ID' AND day = '2026-10-02' AND metric = 'usage.jobs.printed'; SELECT count(*) FROM fleet_metrics WHERE installation_id = '$ID' AND day = '2026-10-02'")" \
	"$(printf '2|2279\n31')"
is "the other days are untouched" "$(q "SELECT count(*) FROM fleet_metrics")" 511

# cut short: the report row promises more rows than follow
counts >"$T/before"
fluxstat-ingest -q "$R/installations/$ID/reports/2026-10-03.json.gz" "$F" >"$T/two"
head -n 40 "$T/two" | sed 's/"value":[0-9][0-9]*/"value":999/' >"$T/cut"
run fluxstat-load --db "$DB" "$T/cut"
is "input cut inside a report: status 65" "$rc" 65
like "it says so" "$T/err" "ends inside a report \(6 of 31 rows\): that report is not loaded"
counts >"$T/after"
is "the complete report before it was loaded, the cut one not" \
	"$(q "SELECT sum(num) FROM fleet_metrics WHERE installation_id = '$ID' AND day = '2026-10-03' AND metric = 'device.cpu.count'"),$(q "SELECT sum(num) FROM fleet_metrics WHERE installation_id = '$ID' AND day = '2026-10-02' AND metric = 'device.cpu.count'")" \
	"999,4"

printf '{"metric":"x"}\n' >"$T/stray"
run fluxstat-load --db "$DB" "$T/stray"
is "a metric row outside a report: 65" "$rc" 65
run fluxstat-load "$T/stray"
is "no --db: usage, 64" "$rc" 64
run fluxstat-load --db clickhouse://127.0.0.1:1/x "$T/stray"
is "an unreachable ClickHouse: 69" "$rc" 69
