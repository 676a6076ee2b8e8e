#!/bin/sh
# fluxstat-run's own logic: options, configuration, opt-out, lock,
# installation id, days and watermark, splay, logging, stage failures and
# send outcomes.  The wrapper runs here with stub pipelines and stub
# programs placed first on PATH, each recording that it ran: what is
# tested is the wrapper's decisions, not the extractors (1010, 1200 do
# those with the real programs).
# (lib.sh sets $T and $rc; ls output here is file names of our making)
# shellcheck disable=SC2154,SC2012,SC2016
. "$top_srcdir/tests/lib.sh"
plan 161

B=$T/bin
S=$T/stub
L=$T/stublog
mkdir -p "$B" "$S" "$L"
cp "$top_builddir/pipelines/fluxstat-run" "$top_builddir/pipelines/lib.sh" \
	"$top_builddir/pipelines/config.sh" "$B/"
chmod u+w "$B"/*
STUB_LOG=$L
export STUB_LOG

for s in install device monitoring mongodb webshop webshop_items jobs; do
	cat >"$B/$s" <<'EOF'
#!/bin/sh
n=${0##*/}
echo "$n $*" >>"$STUB_LOG/ran"
if [ "$1" = --fetch ]; then	# mongodb --fetch DIR: the command's rows
	mkdir -p "$2" && sh -c "$FLUX_MONGODUMP_CMD" >"$2/flux.settings.ndjson" &&
		wc -c <"$2/flux.settings.ndjson" >"$2/bytes"
	exit
fi
echo "$n tmp=${TMPDIR:-} fd9=$([ -e /proc/self/fd/9 ] && echo open || echo closed)" >>"$STUB_LOG/env"
case " ${STUB_BROKEN:-} " in *" $n "*) echo "$n: cannot go on" >&2; exit 3 ;; esac
case " ${STUB_LATER:-} " in *" $n "*)
	printf '{"labels":{"source":"%s"},"metric":"health.source.status","value":"error"}\n' "$n"
	echo "$n: error: fluxstat-sqlite: x.db: database is locked" >&2
	exit 75 ;;
esac
printf '{"labels":{},"metric":"stub.%s","value":"%s %s"}\n' "$n" "$2" "$4"
st=ok
case " ${STUB_ERROR:-} " in *" $n "*) st=error; echo "$n: error: fluxstat-x: x.db: not a database" >&2 ;; esac
case " ${STUB_MISSING:-} " in *" $n "*) st=missing; echo "$n: missing: x.db" >&2 ;; esac
printf '{"labels":{"source":"%s"},"metric":"health.source.status","value":"%s"}\n' "$n" "$st"
EOF
done
cat >"$S/fluxstat-scrub" <<'EOF'
#!/bin/sh
echo scrub >>"$STUB_LOG/ran"
[ -z "${STUB_SCRUB_RC:-}" ] || { echo "fluxstat-scrub: -:3: malformed record" >&2; exit "$STUB_SCRUB_RC"; }
cat
EOF
cat >"$S/fluxstat-report" <<'EOF'
#!/bin/sh
echo "report $*" >>"$STUB_LOG/ran"
table=0
while [ $# -gt 0 ]; do
	case $1 in
	--from) from=$2; shift ;;
	--to) to=$2; shift ;;
	--installation-id) id=$2; shift ;;
	--trigger) trigger=$2; shift ;;
	--table) table=1 ;;
	esac
	shift
done
if [ "$table" -eq 1 ]; then
	echo "TABLE $from $to"
	exit 0
fi
echo "{\"from\":\"$from\",\"to\":\"$to\",\"installation_id\":\"$id\",\"trigger\":\"$trigger\"}"
cat
EOF
cat >"$S/fluxstat-pack" <<'EOF'
#!/bin/sh
echo "pack $*" >>"$STUB_LOG/ran"
[ -z "${STUB_REAL_SEND:-}" ] || exec "$top_builddir/tools/fluxstat-pack" "$@"
[ "$1" = -o ] || exit 64
cp "$3" "$2.tmp" && mv "$2.tmp" "$2"
EOF
cat >"$S/fluxstat-send" <<'EOF'
#!/bin/sh
echo "send $*" >>"$STUB_LOG/ran"
[ -z "${STUB_REAL_SEND:-}" ] || exec "$top_builddir/tools/fluxstat-send" "$@"
echo "$*" >"$STUB_LOG/send.args"
[ "$1" = --state ] || exit 64
if [ -n "${STUB_SEND_RC:-}" ]; then
	echo "fluxstat-send: stub failure" >&2
	exit "$STUB_SEND_RC"
fi
mkdir -p "$2/sent"
for f in "$2/spool"/*.json.gz; do
	[ -f "$f" ] && mv "$f" "$2/sent/"
done
exit 0
EOF
cat >"$S/fluxstat-bson" <<'EOF'
#!/bin/sh
echo "bson $*" >>"$STUB_LOG/ran"
for a; do f=$a; done
cat "$f"
EOF
cat >"$S/sleep" <<'EOF'
#!/bin/sh
echo "$*" >>"$STUB_LOG/sleep"
EOF
chmod +x "$B"/* "$S"/*
real_sleep=$(command -v sleep)
PATH=$S:$PATH
export PATH

R=$T/root
ST=$T/state
mkdir -p "$R/mongodb/dump/flux"
cat >"$T/conf" <<EOF
# test configuration
FLUX_ROOT=$R
FLUXSTAT_STATE='$ST'
FLUXSTAT_ENDPOINT="file://$T/out"
FLUXSTAT_TZ=UTC
FLUXSTAT_SPLAY=0
EOF
FR=$T/fr
printf '#!/bin/sh\nexec "%s/fluxstat-run" --config "%s/conf" "$@"\n' "$B" "$T" >"$FR"
chmod +x "$FR"
today=$(TZ=UTC0 date +%F)
dayago() { TZ=UTC0 date -d "$today -$1 days" +%F; }
yday=$(dayago 1)
reset() {
	rm -rf "$ST" "$L" "$T/out"
	mkdir -p "$L"
}
ran() { if [ -f "$L/ran" ]; then grep -c "^$1" "$L/ran" || true; else echo 0; fi; }
spool() {
	_l=
	for _f in "$ST/spool"/*; do
		[ ! -e "$_f" ] || _l="$_l ${_f##*/}"
	done
	echo "${_l# }"
}

# --- options ------------------------------------------------------------------
run "$B/fluxstat-run" --help
is "--help exits 0" "$rc" 0
like "--help prints the usage on stdout" "$T/out" '^usage: fluxstat-run '
run "$B/fluxstat-run" --version
like "--version" "$T/out" '^fluxstat-run \(fluxstat\) [0-9]'
fails 64 "an unknown option is a usage error" "$FR" --bogus
fails 64 "--trigger must be midnight, startup or manual" "$FR" --trigger noon
fails 64 "--table goes with --preview" "$FR" --table
fails 64 "--date needs YYYY-MM-DD" "$FR" --date 29.11.2026
fails 64 "--date must be a real day" "$FR" --date 2026-02-30
fails 64 "--date cannot be today (the day is not over)" "$FR" --date "$today"

# --- configuration ----------------------------------------------------------------
fails 66 "a missing --config file" "$B/fluxstat-run" --config "$T/nope.conf"
printf 'FLUX_ROOT=%s\nthis is not a setting\n' "$R" >"$T/bad.conf"
run "$B/fluxstat-run" --config "$T/bad.conf" --status
is "a line that is not KEY=value: exit 78" "$rc" 78
like "... naming the file and line" "$T/err" 'bad.conf:2: not KEY=value'
printf 'FLUX_ROOT=$(touch %s/pwned)\n' "$T" >"$T/bad.conf"
fails 78 "an unquoted \$(...) is refused" "$B/fluxstat-run" --config "$T/bad.conf" --status
printf "FLUX_ROOT='\$(touch %s/pwned)'\nFLUXSTAT_STATE=%s\nNOT_OURS=1\n" "$T" "$ST" >"$T/lit.conf"
run "$B/fluxstat-run" --config "$T/lit.conf" --status
ok "a quoted \$(...) is a literal, never run" test ! -e "$T/pwned"
like "an unknown key is ignored with a warning" "$T/err" 'lit.conf:3: unknown key NOT_OURS'
# as root; not root, in a user namespace where this user is root (and
# owns the file as root)
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else unshare -r "$@"; fi
}
printf 'FLUX_ROOT=/x\nFLUX_MONGODUMP_CMD="cat /x"\n' >"$T/cmd.conf"
chmod 664 "$T/cmd.conf"
run as_root "$B/fluxstat-run" --config "$T/cmd.conf" --status
is "run as root: FLUX_MONGODUMP_CMD from a group-writable file is refused" "$rc" 78
chmod 644 "$T/cmd.conf"
run as_root "$B/fluxstat-run" --config "$T/cmd.conf" --status
is "... from a file only root may change it is taken" "$rc" 0
printf 'FLUXSTAT_TZ=Mars/Olympus\nFLUX_ROOT=/x\nFLUXSTAT_STATE=%s\n' "$ST" >"$T/tz.conf"
fails 78 "an unknown FLUXSTAT_TZ is a configuration error" "$B/fluxstat-run" --config "$T/tz.conf"
printf 'FLUXSTAT_STATE=%s\n' "$ST" >"$T/noroot.conf"
fails 78 "FLUX_ROOT unset is a configuration error" "$B/fluxstat-run" --config "$T/noroot.conf" --no-send

# --- opt-out ----------------------------------------------------------------------
# Each path: nothing runs, the spool is emptied, one log line, exit 0.
optout() { # DESC CMD...
	_d=$1
	shift
	reset
	mkdir -p "$ST/spool"
	echo x >"$ST/spool/2026-01-01.json.gz"
	echo y >"$ST/spool/2026-01-02.json.gz"
	rc=0
	"$@" >"$T/out" 2>"$T/err" || rc=$?
	is "$_d: exit 0" "$rc" 0
	is "$_d: spool emptied, nothing built" "$(spool)|$(ran stub)$(ran scrub)$(ran report)$(ran pack)$(ran send)|$(ls "$ST")" "|00000|log
spool"
	like "$_d: one log line saying why" "$ST/log" 'stage=opt-out outcome=off reason=.*deleted 2 unsent'
	is "$_d: only one log line" "$(wc -l <"$ST/log")" 1
}
optout "FLUXSTAT_ANALYTICS=off" env FLUXSTAT_ANALYTICS=off "$FR"
printf 'FLUXSTAT_ANALYTICS=off\n' >>"$T/conf"
optout "FLUXSTAT_ANALYTICS=off in the file beats auto in the environment" env FLUXSTAT_ANALYTICS=auto "$FR"
sed -i '/FLUXSTAT_ANALYTICS/d' "$T/conf"
optout "DO_NOT_TRACK=1" env DO_NOT_TRACK=1 "$FR"
printf '{"_id":"general","analytics":{"enabled":false}}\n' >"$R/mongodb/dump/flux/settings.bson"
optout "the Flux setting analytics.enabled=false" "$FR"
is "... read with fluxstat-bson projecting only analytics.enabled" "$(grep '^bson' "$L/ran")" \
	"bson --fields _id,analytics.enabled $R/mongodb/dump/flux/settings.bson"
rm "$R/mongodb/dump/flux/settings.bson"
printf '{"_id":"general","analytics":{"enabled":false}}\n' >"$T/archive"
optout "the Flux setting off, from FLUX_MONGODUMP_CMD" env FLUX_MONGODUMP_CMD="cat $T/archive" "$FR"
reset
rc=0
env DO_NOT_TRACK=0 "$FR" --no-send >/dev/null 2>&1 || rc=$?
is "DO_NOT_TRACK=0 does not switch it off" "$rc|$(ran scrub)" "0|1"
reset
printf '{"_id":"general","analytics":{"enabled":true}}\n' >"$T/archive"
rc=0
env FLUX_MONGODUMP_CMD="echo run >>$L/dumps; cat $T/archive" "$FR" --no-send >/dev/null 2>&1 || rc=$?
is "the setting on: the run goes on, the dump command ran once" "$rc|$(ran scrub)|$(wc -l <"$L/dumps")" "0|1|1"
like "... and the mongodb pipeline got the archive" "$L/ran" "^mongodb "
like "... fetched once, as projected rows" "$L/ran" "^mongodb --fetch /.*/mongo\$"

# --- installation id, status ---------------------------------------------------------
reset
run "$FR" --status
is "--status before the first run: exit 0" "$rc" 0
like "--status says on" "$T/out" '^analytics: on'
like "--status: no id yet" "$T/out" '^installation id: none yet'
ok "--status made no state" test ! -e "$ST"
"$FR" --no-send >/dev/null 2>&1
id=$(cat "$ST/installation-id")
like "the first run makes a random UUID" "$ST/installation-id" '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
is "... readable by its owner alone" "$(stat -c %a "$ST/installation-id")" 600
"$FR" --no-send >/dev/null 2>&1
is "... and kept by later runs" "$(cat "$ST/installation-id")" "$id"
run "$FR" --status
like "--status shows the id" "$T/out" "^installation id: $id\$"
like "--status shows the spool" "$T/out" "^spool: $yday.json.gz\$"
like "--status shows the last day reported" "$T/out" "^last day reported: $yday\$"
run env DO_NOT_TRACK=yes "$FR" --status
like "--status says off and why" "$T/out" '^analytics: off \(DO_NOT_TRACK=yes\)'

# --- days, watermark, backlog --------------------------------------------------------
reset
"$FR" --no-send >/dev/null 2>&1
is "the first run reports yesterday only" "$(spool)" "$yday.json.gz"
is "... and moves the watermark there" "$(cat "$ST/watermark")" "$yday"
reset
mkdir -p "$ST"
dayago 4 >"$ST/watermark"
run "$FR"
is "three missed days: exit 0" "$rc" 0
is "... three reports, sent" "$(ls "$ST/sent" | tr '\n' ' ')" "$(dayago 3).json.gz $(dayago 2).json.gz $yday.json.gz "
is "... the watermark at yesterday" "$(cat "$ST/watermark")" "$yday"
: >"$L/ran"
run "$FR"
is "a second run the same day: exit 0" "$rc" 0
is "... reports nothing new (no pipeline, no report)" "$(ran stub)$(ran install)$(ran report)" "000"
like "... and logs the run" "$ST/log" "stage=run outcome=ok reason=\"0 day\\(s\\) reported"
reset
mkdir -p "$ST"
dayago 20 >"$ST/watermark"
printf 'FLUXSTAT_BACKLOG_DAYS=2\n' >>"$T/conf"
run "$FR" --no-send
sed -i '/FLUXSTAT_BACKLOG_DAYS/d' "$T/conf"
is "more days missed than the backlog: only the last FLUXSTAT_BACKLOG_DAYS" "$(spool)" "$(dayago 2).json.gz $yday.json.gz"
like "... and the skipped ones are logged" "$ST/log" "stage=days outcome=skipped reason=.*$(dayago 19)\\.\\.$(dayago 3) skipped"
reset
mkdir -p "$ST"
dayago 2 >"$ST/watermark"
run "$FR" --no-send --date 2026-03-29
is "--date reports that one day" "$(spool)" "2026-03-29.json.gz"
is "... and leaves the watermark alone" "$(cat "$ST/watermark")" "$(dayago 2)"

# --- periods: zones and DST ------------------------------------------------------------
reset
run env FLUXSTAT_TZ=Europe/Berlin "$FR" --no-send --date 2026-03-29
like "a 23-hour DST day: the pipelines get UTC instants" "$L/ran" \
	'^install --from 2026-03-28T23:00:00Z --to 2026-03-29T22:00:00Z$'
like "... the report gets local times with their offsets" "$L/ran" \
	'^report --from 2026-03-29T00:00:00\+01:00 --to 2026-03-30T00:00:00\+02:00 '
reset
run env FLUXSTAT_TZ=America/Santiago "$FR" --no-send --date 2026-09-06
like "a day whose midnight does not exist starts at 01:00" "$L/ran" \
	'^report --from 2026-09-06T01:00:00-03:00 --to 2026-09-07T00:00:00-03:00 '

# --- preview, keep ----------------------------------------------------------------------
reset
run "$FR" --preview --date 2026-03-29
is "--preview: exit 0" "$rc" 0
like "--preview prints the report on stdout" "$T/out" '^\{"from":"2026-03-29T00:00:00\+00:00","to":"2026-03-30T00:00:00\+00:00","installation_id":"[0-9a-f-]{36}","trigger":"manual"\}$'
like "... built from the scrubbed records of every source" "$T/out" '"metric":"stub.webshop_items"'
is "... changes no state but the first installation id" "$(ls "$ST")" "installation-id"
is "... packs and sends nothing" "$(ran pack)$(ran send)" "00"
run "$FR" --preview --table
like "--preview --table: the table, for yesterday" "$T/out" "^TABLE ${yday}T00:00:00\\+00:00 "
reset
run "$FR" --no-send --keep --date 2026-03-29
is "--keep: one file per stage in runs/DAY" "$(ls "$ST/runs/2026-03-29" | tr '\n' ' ')" \
	"device.err device.ndjson install.err install.ndjson jobs.err jobs.ndjson mongodb.err mongodb.ndjson monitoring.err monitoring.ndjson pack.err report.err report.json scrub.err scrub.ndjson webshop.err webshop.ndjson webshop_items.err webshop_items.ndjson "
same "... the kept report is the one in the spool" "$ST/runs/2026-03-29/report.json" "$ST/spool/2026-03-29.json.gz"

# --- splay -----------------------------------------------------------------------------
reset
mkdir -p "$ST"
echo 0000fffa-0000-4000-8000-000000000000 >"$ST/installation-id"
run env FLUXSTAT_SPLAY=1000 "$FR" --trigger midnight --no-send
is "midnight waits the splay delay: first 8 hex digits of the id mod FLUXSTAT_SPLAY" "$(cat "$L/sleep")" $((0xfffa % 1000))
like "... and the report says midnight" "$L/ran" '^report .* --trigger midnight$'
run env FLUXSTAT_SPLAY=1000 "$FR" --status
like "--status shows the splay delay" "$T/out" "^splay: $((0xfffa % 1000)) s after midnight"
rm -f "$L/sleep"
rm "$ST/watermark"
run "$FR" --trigger midnight --no-send
ok "FLUXSTAT_SPLAY=0: no wait" test ! -e "$L/sleep"
rm "$ST/watermark"
run env FLUXSTAT_SPLAY=1000 "$FR" --trigger startup --no-send
ok "startup: no wait" test ! -e "$L/sleep"

# --- lock ------------------------------------------------------------------------------
reset
mkdir -p "$ST"
flock "$ST/lock" "$real_sleep" 30 &
holder=$!
i=0
while [ ! -e "$ST/lock" ] && [ $i -lt 50 ]; do "$real_sleep" 0.1; i=$((i + 1)); done
"$real_sleep" 0.3
t0=$(date +%s)
run "$FR" --no-send
t1=$(date +%s)
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
is "a second run while one holds the lock: exit 75" "$rc" 75
like "... saying so" "$T/err" 'another fluxstat-run holds .*lock'
ok "... at once" test $((t1 - t0)) -lt 3
is "... having run nothing" "$(ran install)$(ran report)" "00"

# --- sources failing, stages failing ----------------------------------------------------
reset
run env STUB_ERROR=monitoring STUB_MISSING=jobs STUB_BROKEN=webshop "$FR" --no-send --keep --date 2026-03-29
is "failing sources do not sink the report: exit 0" "$rc" 0
like "an error status is logged with its reason" "$ST/log" 'day=2026-03-29 stage=monitoring outcome=error reason=".*not a database'
like "a missing store is logged" "$ST/log" 'stage=jobs outcome=missing'
like "a broken pipeline is logged with its exit status" "$ST/log" 'stage=webshop outcome=error reason="webshop: cannot go on webshop: the pipeline exited 3'
like "... and reported as error" "$ST/spool/2026-03-29.json.gz" '"labels":\{"source":"webshop"\},"metric":"health.source.status","value":"error"'
like "... the other sources' records are there" "$ST/spool/2026-03-29.json.gz" '"metric":"stub.install"'
reset
mkdir -p "$ST"
dayago 3 >"$ST/watermark"
run env STUB_SCRUB_RC=65 "$FR" --no-send
is "a failing scrub fails the run with its status" "$rc" 65
is "... nothing spooled, the watermark stays" "$(spool)|$(cat "$ST/watermark")" "|$(dayago 3)"
like "... logged with the stage" "$ST/log" "day=$(dayago 2) stage=scrub outcome=error reason=\"fluxstat-scrub: -:3: malformed record"

# --- send -------------------------------------------------------------------------------
reset
run "$FR"
is "send: the arguments" "$(cat "$L/send.args")" "--state $ST --endpoint file://$T/out --installation-id $(cat "$ST/installation-id")"
reset
run env STUB_SEND_RC=75 "$FR"
is "an unreachable server is not an error of the run" "$rc|$(spool)" "0|$yday.json.gz"
like "... logged as deferred" "$ST/log" 'stage=send outcome=deferred'
reset
run env STUB_SEND_RC=77 "$FR"
is "credentials refused: exit 77, the report stays" "$rc|$(spool)" "77|$yday.json.gz"
reset
printf 'FLUX_ROOT=%s\nFLUXSTAT_STATE=%s\nFLUXSTAT_SPLAY=0\n' "$R" "$ST" >"$T/noend.conf"
run "$B/fluxstat-run" --config "$T/noend.conf"
is "no endpoint: exit 78, the report waits in the spool" "$rc|$(spool)" "78|$yday.json.gz"
reset
run "$FR" --no-send
is "--no-send: not sent" "$(ran send)|$(spool)" "0|$yday.json.gz"
like "one line per run: time, trigger, day, stage, outcome" "$ST/log" \
	"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z trigger=manual day=$yday stage=run outcome=ok "

# --- what a person is told (issue: an admin running it by hand) ---------------------------
run "$B/fluxstat-run" -h
is "-h: the usage on stdout, exit 0" "$rc $(head -n 1 "$T/out" | cut -c1-19)" "0 usage: fluxstat-run"
run "$FR" --bogus
is "an unknown option is named before the usage" "$rc $(head -n 1 "$T/err")" "64 fluxstat-run: unknown option: --bogus"
reset
run env STUB_ERROR=monitoring STUB_MISSING=jobs "$FR"
like "a manual run ends with a summary: the days" "$T/err" "^fluxstat-run: 1 day\\(s\\) reported: $yday\$"
like "... each source not ok, with its reason" "$T/err" "source not ok: $yday monitoring error: monitoring: error: fluxstat-x: x.db: not a database"
like "... a missing one too" "$T/err" "source not ok: $yday jobs missing: jobs: missing: x.db"
like "... where the report went" "$T/err" "^  sent to file://$T/out\$"
like "... and where the log is" "$T/err" "^  log: $ST/log\$"
reset
run env STUB_SEND_RC=75 "$FR"
like "a deferred send: the summary says it was not sent and why" "$T/err" "not sent \\(deferred\\): fluxstat-send: stub failure"
like "... and that the report waits in the spool" "$T/err" "the reports wait in $ST/spool for the next run"
like "the log keeps the cause of the failed send" "$ST/log" 'stage=send outcome=deferred reason="fluxstat-send: stub failure'
reset
run env STUB_ERROR=monitoring "$FR" --trigger startup
is "a startup run not on a terminal: no summary" "$(cat "$T/err")" ""
reset
run env STUB_ERROR=monitoring "$FR" --preview
like "--preview names a broken source and its reason on stderr" "$T/err" "source not ok: $yday monitoring error: .*not a database"
reset
run env STUB_REAL_SEND=1 FLUXSTAT_ENDPOINT="file://$T/usb" "$FR"
is "a file:// endpoint whose folder does not exist: exit 0, the report waits" "$rc|$(spool)" "0|$yday.json.gz"
like "... the summary says the folder is missing" "$T/err" "not sent \\(deferred\\): .*$T/usb: endpoint folder: No such file or directory"
like "... the log too" "$ST/log" "stage=send outcome=deferred reason=\".*$T/usb: endpoint folder: No such file or directory"
ok "... and it was not created (an unmounted disk must not fill /)" test ! -e "$T/usb"

# --- configuration an admin writes ---------------------------------------------------------
mkdir "$T/dir.conf"
run "$B/fluxstat-run" --config "$T/dir.conf" --status
is "a configuration that is not a file: exit 78, named" "$rc|$(cat "$T/err")" "78|fluxstat-run: $T/dir.conf: not a regular file"
printf 'FLUX_ROOT=%s\nFLUXSTAT_ANALYTICS=off\n' "$R" >"$T/secret.conf"
chmod 600 "$T/secret.conf"
if [ "$(id -u)" -eq 0 ]; then
	# root reads any file: the reader is an unprivileged user
	chmod 711 "$T"
	chmod 755 "$B" "$B"/*
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$B/fluxstat-run" --config "$T/secret.conf" --status
	chmod 700 "$T"
else
	chmod 000 "$T/secret.conf"
	run "$B/fluxstat-run" --config "$T/secret.conf" --status
fi
is "an unreadable configuration: exit 78, never taken as absent" "$rc" 78
like "... naming the file" "$T/err" "$T/secret.conf: cannot read the configuration"
unlike "... and not saying on" "$T/out" 'analytics: on'
printf 'FLUX_ROOT="%s"  # the data\nFLUXSTAT_STATE=%s\n' "$R" "$ST" >"$T/c.conf"
run "$B/fluxstat-run" --config "$T/c.conf" --status
is "a quoted value with a comment after it is fine" "$rc" 0
printf 'FLUXSTAT_STATE=%s\nFLUX_ROOT=$HOME/flux\n' "$ST" >"$T/c.conf"
run "$B/fluxstat-run" --config "$T/c.conf" --status
is "\$HOME in a value: exit 78" "$rc" 78
like "... file:line, that it is not expanded, and single quotes" "$T/err" "c.conf:2: FLUX_ROOT: \\\$ and \` are not expanded .*single quotes"
printf 'FLUX_ROOT=/srv/my flux\n' >"$T/c.conf"
run "$B/fluxstat-run" --config "$T/c.conf" --status
like "a blank in an unquoted value: said so" "$T/err" "c.conf:1: FLUX_ROOT: a blank inside the value: put the whole value in single quotes"
for v in off OFF false no 0 disabled; do
	reset
	mkdir -p "$ST"
	run env FLUXSTAT_ANALYTICS=$v "$FR"
	is "FLUXSTAT_ANALYTICS=$v is off: exit 0, nothing built, logged" \
		"$rc|$(ran report)|$(grep -c 'stage=opt-out outcome=off' "$ST/log")" "0|0|1"
done
for v in on true yes 1 auto; do
	reset
	run env FLUXSTAT_ANALYTICS=$v "$FR" --no-send
	is "FLUXSTAT_ANALYTICS=$v is on: the report is built" "$rc|$(ran report)" "0|1"
done
reset
mkdir -p "$ST"
printf '{"_id":"general","analytics":{"enabled":false}}\n' >"$R/mongodb/dump/flux/settings.bson"
run env FLUXSTAT_ANALYTICS=on "$FR"
rm "$R/mongodb/dump/flux/settings.bson"
is "FLUXSTAT_ANALYTICS=on never overrides the Flux setting off" "$rc|$(ran report)|$(grep -c 'outcome=off' "$ST/log")" "0|0|1"
reset
run env FLUXSTAT_ANALYTICS=nope "$FR"
is "a value not understood is taken as off, never a failed run" "$rc|$(ran report)" "0|0"
like "... with a warning" "$T/err" 'FLUXSTAT_ANALYTICS=nope: not on, off or auto; taken as off'
reset
mkdir -p "$ST"	# as the package makes it
run env FLUX_ROOT="$T/nowhere" "$FR"
is "a FLUX_ROOT that does not exist: exit 66, nothing built" "$rc|$(ran stub)$(ran report)$(spool)" "66|00"
like "... saying so" "$T/err" "FLUX_ROOT=$T/nowhere: no such folder"
like "... in the log too" "$ST/log" "stage=run outcome=error reason=\"FLUX_ROOT=$T/nowhere: no such folder"

# --- log and runs/ stay bounded --------------------------------------------------------------
reset
mkdir -p "$ST/runs/2026-01-01"
touch -d '40 days ago' "$ST/runs/2026-01-01"
head -c 1100000 /dev/zero | tr '\0' x >"$ST/log"
run "$FR" --no-send
is "past 1 MiB the log moves to log.1 (one old generation)" "$(stat -c %s "$ST/log.1")|$(grep -c '^xxxx' "$ST/log")" "1100000|0"
ok "kept stages older than 30 days are removed" test ! -e "$ST/runs/2026-01-01"

# --- try again later, work files, lock, exits (issue: faults lose nothing) --------------------
reset
mkdir -p "$ST"
dayago 3 >"$ST/watermark"
run env STUB_LATER=monitoring "$FR" --no-send
is "a source saying try again later (75): the run still reports and exits 0" "$rc|$(spool)" \
	"0|$(dayago 2).json.gz $yday.json.gz"
is "... but the watermark stays before that day" "$(cat "$ST/watermark")" "$(dayago 3)"
like "... logged: the day will be read again" "$ST/log" "day=$(dayago 2) stage=days outcome=retry reason=\"monitoring will be read again by the next run"
like "... and said in the summary" "$T/err" "from $(dayago 2) on, the days are reported again by the next run"
: >"$L/ran"
run "$FR" --no-send
is "the next run reports those days again and moves the watermark" \
	"$rc|$(grep -c '^report' "$L/ran")|$(cat "$ST/watermark")" "0|2|$yday"
reset
mkdir -p "$ST/work.999999999/sub"
run "$FR" --no-send
is "the sources' TMPDIR is the run's work folder in the state, never /tmp" \
	"$(sed -n 's/^install tmp=\(.*\)\/work\.[0-9]* .*/\1/p' "$L/env")" "$ST"
is "... removed at the end, and a killed run's stale one at the start" "$(ls -d "$ST"/work.* 2>/dev/null)" ""
is "the children do not hold the lock's descriptor" "$(grep -c 'fd9=open' "$L/env" || :)" 0
reset
mkdir -p "$ST"
echo 999999999 >"$ST/lock"
flock "$ST/lock" "$real_sleep" 30 &
holder=$!
"$real_sleep" 0.3
run "$FR" --no-send
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
is "a lock held while its run is gone: exit 75" "$rc" 75
like "... said to be stale, and how to find the holder" "$T/err" "its fluxstat-run \\(pid 999999999\\) is gone.*stale; fuser -v $ST/lock"
like "... logged" "$ST/log" 'stage=run outcome=error reason=".*lock is held'
reset
touch "$T/file"
run env FLUXSTAT_STATE="$T/file/state" "$FR"
is "a state folder that cannot be made: exit 73, not 1" "$rc" 73
like "... saying why" "$T/err" 'cannot make the state folder'
reset
mkdir -p "$ST"
echo "not-an-id" >"$ST/installation-id"
run "$FR"
is "a damaged installation id: exit 78, saying to remove it" "$rc|$(grep -c 'remove it to make a new one' "$T/err")" "78|1"
reset
mkdir -p "$ST"
: >"$ST/spool"
run "$FR"
is "a spool that cannot be made: exit 73, logged" "$rc|$(grep -c 'cannot make the spool' "$ST/log")" "73|1"
