#!/bin/sh
# End to end: the real programs, run by fluxstat-run, on tests/mkflux
# installations.  For two zones (one day of it a DST change) the report of
# `fluxstat-run --preview --date D` equals mkflux's oracle metric for metric
# (device metrics against fluxstat-sys on this host); no planted personal
# string is in the report or in any kept stage output after the scrubber;
# a corrupt store turns into status error and a missing one into missing,
# the other sources' metrics intact; a real run spools and sends.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154,SC2012
. "$top_srcdir/tests/lib.sh"
plan 32

RUN=$top_builddir/pipelines/fluxstat-run
mkdir -p "$T/receiver"
# conf ROOT STATE ZONE: a configuration for one installation
conf() {
	cat <<EOF
FLUX_ROOT=$1
FLUXSTAT_STATE=$2
FLUXSTAT_TZ=$3
FLUXSTAT_SPLAY=0
FLUXSTAT_ENDPOINT=file://$T/receiver
EOF
}
# metrics REPORT: its metrics, one canonical line each, sorted
metrics() { jq -cS '.metrics[]' "$1" | sort; }
# the oracle plus this host's device metrics
oracle() { # ROOT
	{
		cat "$1/expected.ndjson"
		fluxstat-sys
	} | jq -cS '.labels //= {}' | sort
}
# planted ROOT FILE...: the planted strings found in the files
planted() {
	_root=$1
	shift
	grep -v '^$' "$_root/planted.txt" >"$T/planted"
	grep -a -F -h -o -f "$T/planted" "$@" | sort -u | head -n 5
}

# --- two zones, one day each: a DST change day in Berlin, +05:30 in Kolkata ---
for zd in Europe/Berlin:2026-03-29 Asia/Kolkata:2026-11-29; do
	zone=${zd%%:*}
	day=${zd#*:}
	tag=$(echo "$zone" | tr / _)
	root=$T/$tag
	state=$T/state-$tag
	mkflux --seed 3 --scale 1 --day "$day" --tz "$zone" "$root" >/dev/null
	conf "$root" "$state" "$zone" >"$T/$tag.conf"

	run "$RUN" --config "$T/$tag.conf" --preview --keep --date "$day"
	is "$zone $day: --preview exits 0" "$rc" 0
	cp "$T/out" "$T/$tag.report"
	cp "$T/err" "$T/$tag.err"
	metrics "$T/$tag.report" >"$T/$tag.got"
	oracle "$root" >"$T/$tag.want"
	same "$zone $day: the report equals the oracle metric for metric" "$T/$tag.got" "$T/$tag.want"
	period "$day" "$zone"
	is "$zone $day: the envelope (period in local time, id, trigger)" \
		"$(jq -c '[.schema, .period.from, .period.to, .installation_id, .trigger]' "$T/$tag.report")" \
		"[\"fluxstat.report/1\",\"$lfrom\",\"$lto\",\"$(cat "$state/installation-id")\",\"manual\"]"
	ok "$zone $day: (the check can fail: planted strings are in the stores)" \
		test -n "$(planted "$root" "$root/install.json" "$root/web/FluxWeb.db")"
	is "$zone $day: no planted string in the report" "$(planted "$root" "$T/$tag.report")" ""
	is "$zone $day: ... nor in the kept scrub and report stages" \
		"$(planted "$root" "$state/runs/$day/scrub.ndjson" "$state/runs/$day/report.json" \
			"$state/runs/$day/scrub.err" "$state/runs/$day/report.err")" ""
	is "$zone $day: ... nor in the extractors' own outputs and messages" \
		"$(planted "$root" "$state/runs/$day"/*)" ""
	is "$zone $day: --preview left no state but the id and the kept stages" \
		"$(ls "$state" | tr '\n' ' ')" "installation-id runs "
done

# --- the table ---------------------------------------------------------------
tag=Europe_Berlin
run "$RUN" --config "$T/$tag.conf" --preview --table --date 2026-03-29
is "--preview --table: exit 0" "$rc" 0
like "... a table naming the metrics" "$T/out" 'usage\.jobs\.printed'
unlike "... not JSON" "$T/out" '^\{"'

# --- a corrupt store, a missing store ------------------------------------------
root=$T/$tag
# a fresh copy: reading a WAL database leaves a -shm file beside it, which
# would change health.store.bytes against the oracle
mkflux --seed 3 --scale 1 --day 2026-03-29 --tz Europe/Berlin "$T/broken" >/dev/null
# Monitoring.db overwritten in the middle: present, but not a database
dd if=/dev/urandom of="$T/broken/monitoring/Monitoring.db" bs=1024 count=8 seek=0 conv=notrunc 2>/dev/null
rm -f "$T/broken/monitoring/Monitoring.db-wal" "$T/broken/monitoring/Monitoring.db-shm"
rm -rf "$T/broken/web/orderitems"
conf "$T/broken" "$T/state-broken" Europe/Berlin >"$T/broken.conf"
run "$RUN" --config "$T/broken.conf" --preview --date 2026-03-29
is "corrupt and missing stores: the report is still built" "$rc" 0
metrics "$T/out" >"$T/broken.got"
# the oracle without what those two stores give, their status changed
jq -cS 'select(
	(.metric | test("^(usage\\.jobs\\.|usage\\.pages\\.|usage\\.signatures\\.|health\\.jobs\\.|usage\\.webshop\\.order_items)") | not)
	and (.metric != "health.store.bytes" or .labels.store != "monitoring"))
	| if .metric == "health.source.status" and .labels.source == "monitoring" then .value = "error"
	  elif .metric == "health.source.status" and .labels.source == "webshop_items" then .value = "missing"
	  else . end' "$T/$tag.want" | sort >"$T/broken.want"
same "... monitoring error, webshop_items missing, every other metric intact" "$T/broken.got" "$T/broken.want"

# --- a real run: spool, watermark, send ---------------------------------------
state=$T/state-$tag
rm -rf "$state"
run "$RUN" --config "$T/$tag.conf" --no-send --date 2026-03-29
is "a real run: exit 0" "$rc" 0
ok "... the report is in the spool" test -s "$state/spool/2026-03-29.json.gz"
fluxstat-pack -d "$state/spool/2026-03-29.json.gz" >"$T/spooled.json"
# (the store sizes aside: the preview's read left a -shm beside FluxWeb.db)
metrics "$T/spooled.json" | grep -v '"health.store.bytes"' >"$T/spooled.got"
grep -v '"health.store.bytes"' "$T/$tag.want" >"$T/spooled.want"
same "... and holds the oracle's metrics" "$T/spooled.got" "$T/spooled.want"
like "... the log has the run" "$state/log" 'day=2026-03-29 stage=run outcome=ok'
run "$RUN" --config "$T/$tag.conf"
id=$(cat "$state/installation-id")
is "send to a file:// endpoint: exit 0" "$rc" 0
same "... the receiver has the spooled report under its day" \
	"$T/receiver/installations/$id/reports/2026-03-29.json.gz" "$state/sent/2026-03-29.json.gz"
ok "... the spool is empty" test -z "$(ls "$state/spool")"

# --- opt-out by the Flux setting, read from the real dump ----------------------
run "$RUN" --config "$T/$tag.conf" --status
like "--status on the real dump: on" "$T/out" '^analytics: on'
# settings.bson: {_id: "general", analytics: {enabled: false}}, by hand
printf '\060\0\0\0\002_id\0\010\0\0\0general\0\003analytics\0\017\0\0\0\010enabled\0\0\0\0' \
	>"$T/broken/mongodb/dump/flux/settings.bson"
mkdir -p "$T/state-broken/spool"
echo x >"$T/state-broken/spool/2026-03-28.json.gz"
run "$RUN" --config "$T/broken.conf"
is "the Flux setting off in the dump: exit 0" "$rc" 0
is "... nothing built, the spool emptied, one log line" \
	"$(ls "$T/state-broken" | tr '\n' ' ')|$(ls "$T/state-broken/spool")|$(wc -l <"$T/state-broken/log")" "installation-id log spool ||1"
like "... saying why" "$T/state-broken/log" 'stage=opt-out outcome=off reason="the Flux setting analytics.enabled is false'
