#!/bin/sh
# End to end on the vendor's side: the agent's fluxstat-run uploads a day
# to the reference receiver (nginx running share/receiver/
# fluxstat-receiver.conf), fluxstat-receive ingests what arrived, and the
# store holds that installation-day.  Then the job's own promises: only
# what changed, never two runs at once, one log line per run, nothing
# deleted from the tree, a rebuild gives the same store.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/nginx.sh"
. "$top_srcdir/tests/reports.sh"
plan 20

ok "nginx with the WebDAV module and openssl are installed" nginx_have
ok "the reference receiver starts" nginx_start

DAY=2026-11-20
mkflux --seed 3 --scale 1 --day "$DAY" --tz Europe/Berlin "$T/flux" >/dev/null
mkdir -p "$T/agent"
echo "$RX_ID_A" >"$T/agent/installation-id"
printf '%s\n' "$RX_TOKEN_A" >"$T/token"
cat >"$T/fluxstat.conf" <<EOF
FLUX_ROOT=$T/flux
FLUXSTAT_STATE=$T/agent
FLUXSTAT_TZ=Europe/Berlin
FLUXSTAT_SPLAY=0
FLUXSTAT_ENDPOINT=$RX_URL
FLUXSTAT_TOKEN_FILE=$T/token
FLUXSTAT_CA_FILE=$RX_CA
EOF
run "$top_builddir/pipelines/fluxstat-run" --config "$T/fluxstat.conf" --date "$DAY"
is "fluxstat-run uploads the day: status 0" "$rc" 0
got=$RX_WWW/installations/$RX_ID_A/reports/$DAY.json.gz
ok "the receiver stored it" test -s "$got"

S=$T/receive
DB=$S/fleet.db
RECEIVE=$top_builddir/tools/fluxstat-receive
receive() { "$RECEIVE" --tree "$RX_WWW" --state "$S" "$@"; }
q() { sqlite3 "$DB" "$1"; }

# (the job takes again what changed in the 2 s before its last run began)
sleep 3
run receive
is "fluxstat-receive: status 0" "$rc" 0
is "the store holds that installation-day" \
	"$(q "SELECT installation_id || ' ' || day || ' ' || trigger FROM fleet_reports")" "$RX_ID_A $DAY manual"
is "with every metric record of the report" \
	"$(q "SELECT count(*) FROM fleet_metrics WHERE installation_id = '$RX_ID_A' AND day = '$DAY'")" \
	"$(fluxstat-pack -d "$got" | jq '.metrics | length')"
is "one log line" "$(wc -l <"$S/log")" 1
like "it says what was done" "$S/log" \
	'^[0-9T:Z-]+ outcome=ok seconds=[0-9]+ ingest="1 reports: 1 accepted \([0-9]+ rows\), 0 rejected" load="1 reports loaded \([0-9]+ rows\)"$'

run receive
is "a second run: status 0" "$rc" 0
like "it takes nothing that has not changed" "$S/log" 'ingest="0 reports: 0 accepted'

# others arrive: a good report of another installation, a hostile one
report "$RX_WWW" "$RX_ID_B" "$DAY" 5
printf 'not a report' | fluxstat-pack -o "$RX_WWW/installations/$RX_ID_B/reports/2026-11-21.json.gz"
run receive
is "some rejected: status 65" "$rc" 65
like "the log says so and where they are" "$S/log" \
	'outcome=rejected .*ingest="2 reports: 1 accepted \(32 rows\), 1 rejected \(json 1\)".* quarantine="'
ok "the hostile one is in the quarantine" test -s "$S/quarantine/$RX_ID_B/2026-11-21.json.gz.why"
is "the store now holds both installations" "$(q "SELECT count(DISTINCT installation_id) FROM fleet_reports")" 2

# never two at once
flock "$S/lock" sleep 3 &
holder=$!
sleep 0.5
run receive
is "while another run holds the lock: 75" "$rc" 75
like "... and a log line saying so" "$S/log" 'outcome=busy .*another run holds the lock'
wait "$holder"

is "one log line per run" "$(wc -l <"$S/log")" 4

# the tree is the source of truth: rebuild gives the same store
q "SELECT installation_id, day, metric, label, num, str FROM fleet_metrics ORDER BY 1, 2, 3, 4" >"$T/before"
find "$RX_WWW" -type f | sort >"$T/files"
run receive --rebuild
q "SELECT installation_id, day, metric, label, num, str FROM fleet_metrics ORDER BY 1, 2, 3, 4" >"$T/after"
same "--rebuild makes the same store from the tree" "$T/after" "$T/before"
find "$RX_WWW" -type f | sort >"$T/files2"
same "nothing was ever deleted from the received tree" "$T/files2" "$T/files"
