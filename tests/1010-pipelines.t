#!/bin/sh
# The per-source pipeline scripts (pipelines/NAME --from --to): the status
# record that ends every output (ok, missing, error), partial output thrown
# away on error, a failing producer inside a pipe noticed, store sizes.
# Part one drives lib.sh with stub programs that fail on demand; part two
# runs the real programs on broken stores.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154
. "$top_srcdir/tests/lib.sh"
plan 50

P=$top_builddir/pipelines
TO=2026-03-30T00:00:00+02:00
R=$T/root
FLUX_ROOT=$R
export FLUX_ROOT
unset FLUX_MONGODUMP FLUX_MONGODUMP_CMD FLUXSTAT_MONGO_ROWS 2>/dev/null || true
mkdir -p "$R"
status_of() { sed -n 's/.*"metric":"health.source.status","value":"\([a-z]*\)".*/\1/p' "$1"; }
lines() { wc -l <"$1" | tr -d ' '; }
real_path=$PATH

# --- with stub programs --------------------------------------------------------------
S=$T/stub
mkdir -p "$S"
for p in fluxstat-sqlite fluxstat-json fluxstat-sys fluxstat-tally fluxstat-bson; do
	cat >"$S/$p" <<'EOF'
#!/bin/sh
n=${0##*/}
echo "$n $*" >>"$STUB_LOG"
# fluxstat-bson --split: the size of the archive, as the real one says
if [ "$n $1" = "fluxstat-bson --split" ]; then wc -c | tr -d ' '; exit; fi
# a record first, then fail: the partial output must not get through
echo '{"labels":{},"metric":"partial.'"$n"'","value":1}'
case " ${STUB_FAIL:-} " in
*" $n:"*)
	rc=$(echo " $STUB_FAIL " | sed "s/.* $n:\([0-9]*\) .*/\1/")
	echo "$n: some/file: 3: broken" >&2
	exit "$rc" ;;
esac
cat >/dev/null 2>&1 || true
EOF
	chmod +x "$S/$p"
done
PATH=$S:$real_path
STUB_LOG=$T/stublog
export STUB_LOG PATH

run "$P/monitoring" --help
is "--help: exit 0" "$rc" 0
like "--help: the usage" "$T/out" '^usage: monitoring --from INSTANT --to INSTANT'
run "$P/monitoring" -h
is "-h too, like the C programs" "$rc $(head -n 1 "$T/out" | cut -c1-17)" "0 usage: monitoring"
run "$P/monitoring" --frm 2026-03-29T00:00:00Z
is "an unknown option is named before the usage" "$rc $(head -n 1 "$T/err")" "64 monitoring: unknown option: --frm"
run "$P/monitoring" --from 2026-03-29
is "--to missing: exit 64" "$rc" 64
run "$P/monitoring" --from yesterday --to today
is "not ISO-8601: exit 64" "$rc" 64

run "$P/monitoring" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "no Monitoring.db: exit 0" "$rc" 0
is "... the only record: status missing" "$(lines "$T/out")|$(status_of "$T/out")" "1|missing"
like "... the reason on stderr" "$T/err" '^monitoring: missing: .*/monitoring/Monitoring.db$'
ok "... no program was run" test ! -e "$STUB_LOG"

mkdir -p "$R/monitoring"
printf '0123456789' >"$R/monitoring/Monitoring.db"
printf '01234' >"$R/monitoring/Monitoring.db-wal"
run "$P/monitoring" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "a store that reads: status ok, last" "$(tail -n 1 "$T/out" | sed 's/.*"value":"\([a-z]*\)".*/\1/')" ok
like "... store bytes: the db plus its -wal (no -shm)" "$T/out" '^\{"labels":\{"store":"monitoring"\},"metric":"health.store.bytes","value":15\}$'
like "... the period in UTC, as SQL parameters" "$STUB_LOG" \
	"^fluxstat-sqlite -f sql/monitoring.sql -p from=2026-03-28T23:00:00Z -p to=2026-03-29T22:00:00Z $R/monitoring/Monitoring.db\$"

run env STUB_FAIL=fluxstat-sqlite:65 "$P/monitoring" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "the extractor fails (65): exit 0 still" "$rc" 0
is "... the only record: status error (partial records and sizes thrown away)" "$(lines "$T/out")|$(status_of "$T/out")" "1|error"
like "... the program's message passed on" "$T/err" '^fluxstat-sqlite: some/file: 3: broken$'
like "... and what failed" "$T/err" '^monitoring: error: fluxstat-sqlite exited 65$'
run env STUB_FAIL=fluxstat-sqlite:66 "$P/monitoring" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "the extractor says 66 (the file vanished): missing" "$(status_of "$T/out")" missing

mkdir -p "$R/web/orderitems"
run env STUB_FAIL=fluxstat-json:74 "$P/webshop_items" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "a failing producer in a pipe is noticed" "$(lines "$T/out")|$(status_of "$T/out")" "1|error"
like "... named" "$T/err" 'webshop_items: error: rows exited 74'
: >"$STUB_LOG"
run env STUB_FAIL=fluxstat-json:65 "$P/webshop_items" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "fluxstat-json --skip-bad left files out (65): status incomplete, the counts kept" \
	"$(lines "$T/out")|$(status_of "$T/out")|$(grep -c partial.fluxstat-tally "$T/out")" "2|incomplete|1"
like "... and why, on stderr" "$T/err" '^webshop_items: incomplete: some order item files were left out'
like "... files changed since two days before the period, at most 1 MiB each" "$STUB_LOG" \
	'^fluxstat-json --skip-bad --max-bytes 1048576 --changed-since 2026-03-26T23:00:00Z -f jq/orderitems.jq '
run env STUB_FAIL=fluxstat-tally:65 "$P/webshop_items" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "a failing consumer in a pipe too" "$(status_of "$T/out")" error

mkdir -p "$R/mongodb/dump/flux/sub"
printf 'abc' >"$R/mongodb/dump/flux/orders.bson"
printf 'abcdefg' >"$R/mongodb/dump/flux/sub/x.metadata.json"
: >"$STUB_LOG"
run "$P/mongodb" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "mongodb: ok" "$(status_of "$T/out")" ok
like "... store bytes: every file under the dump, recursively" "$T/out" '"store":"mongodb"\},"metric":"health.store.bytes","value":10\}'
like "... orders projected to three fields, only those of the period passed on" "$STUB_LOG" \
	"^fluxstat-bson --fields job_type,created_at,printed_at --time created_at,printed_at --from 2026-03-28T23:00:00Z --to 2026-03-29T22:00:00Z $R/mongodb/dump/flux/orders.bson\$"
is "... and read once for both of their metrics" "$(grep -c 'orders.bson' "$STUB_LOG")|$(grep -c '^fluxstat-tally --metric usage.orders' "$STUB_LOG")" "1|2"
unlike "... a collection without a file is not read" "$STUB_LOG" 'users.bson'
run env FLUX_MONGODUMP_CMD=false FLUXSTAT_MONGO_ROWS="$T/nope" "$P/mongodb" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "mongodb: the run's rows are missing (the command failed): error" "$(status_of "$T/out")" error
: >"$STUB_LOG"
run env FLUX_MONGODUMP_CMD="printf 12345" "$P/mongodb" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "mongodb alone with FLUX_MONGODUMP_CMD: ok" "$(status_of "$T/out")" ok
like "... the stream read once, each collection projected" "$STUB_LOG" \
	'^fluxstat-bson --split .* --project flux.settings=_id,analytics.enabled,email.service,.* --project flux.orders=job_type,created_at,printed_at$'
is "... and only once" "$(grep -c '^fluxstat-bson' "$STUB_LOG")" 1
like "... its size is the store size" "$T/out" '"store":"mongodb"\},"metric":"health.store.bytes","value":5\}'

# --- jobs: find and awk only -----------------------------------------------------------
PATH=$real_path
run "$P/jobs" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "no jobs/: missing" "$(lines "$T/out")|$(status_of "$T/out")" "1|missing"
mkdir -p "$R/jobs/a/x/y" "$R/jobs/b" "$R/jobs/c
d"
printf 12345 >"$R/jobs/a/job.json"
printf 123 >"$R/jobs/a/x/y/deep.pdf"
printf 1234567 >"$R/jobs/stray.txt"
ln -s "$R/jobs/a/job.json" "$R/jobs/b/link"
ln -s "$R/jobs/a" "$R/jobs/linkdir"
run "$P/jobs" --from 2026-03-29T00:00:00+01:00 --to "$TO"
like "job folders: directories directly under jobs/ (a name with a newline is one)" "$T/out" \
	'^\{"labels":\{\},"metric":"health.storage.job_folders","value":3\}$'
like "job bytes: regular files at any depth, links not followed" "$T/out" \
	'^\{"labels":\{\},"metric":"health.storage.job_bytes","value":15\}$'
is "... status ok" "$(status_of "$T/out")" ok

# --- the real programs on broken stores ------------------------------------------------
printf 'this is not a database, but a shop note: Frau Schulz 0171 1234567\n%0500d\n' 0 >"$R/monitoring/Monitoring.db"
rm -f "$R/monitoring/Monitoring.db-wal"
run "$P/monitoring" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "a corrupt Monitoring.db: status error only" "$(lines "$T/out")|$(status_of "$T/out")" "1|error"
unlike "... and no text of it in the messages" "$T/err" 'Schulz'
printf '\100\0\0\0\002name\0' >"$R/mongodb/dump/flux/orders.bson"
run "$P/mongodb" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "a truncated orders.bson: status error only" "$(lines "$T/out")|$(status_of "$T/out")" "1|error"
# a dump command's archive (tests/bsongen, built by make check): read once
# as it comes, only the projected rows kept
bsongen archive -b 2 flux.orders=7 flux.users=3 flux.addresses=4 >"$T/dump.archive"
run env FLUX_MONGODUMP_CMD="cat '$T/dump.archive'" "$P/mongodb" --fetch "$T/rows"
is "mongodb --fetch: exit 0" "$rc" 0
is "... keeps the projected collections' rows and the archive's size, nothing else" \
	"$(cd "$T/rows" && printf '%s ' *)$(cat "$T/rows/bytes")" \
	"bytes flux.orders.ndjson flux.users.ndjson $(wc -c <"$T/dump.archive")"
unlike "... no unprojected field (note, number, name, email) on disk" "$T/rows/flux.orders.ndjson" 'note|number|Müller'
run env FLUX_MONGODUMP_CMD="cat '$T/dump.archive'" FLUXSTAT_MONGO_ROWS="$T/rows" "$P/mongodb" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "... the source reads the rows: ok" "$(status_of "$T/out")" ok
run env FLUX_MONGODUMP_CMD="cat '$T/dump.archive'" "$P/mongodb" --fetch "$T/rows3" \
	--from 2026-03-01T00:00:00+01:00 --to 2026-06-01T00:00:00Z
jq -c 'select([.created_at, .printed_at][] | objects | .["$date"] | strings
	| . >= "2026-02-28T23:00:00Z" and . < "2026-06-01T00:00:00Z")' "$T/rows/flux.orders.ndjson" | uniq >"$T/want"
is "--fetch --from --to: only the orders of that span kept ($(wc -l <"$T/want") of 7)" \
	"$rc|$(cat "$T/rows3/flux.orders.ndjson")" "0|$(cat "$T/want")"
run env FLUX_MONGODUMP_CMD="cat '$T/dump.archive'; exit 3" "$P/mongodb" --fetch "$T/rows2"
is "a failing dump command: --fetch exits 69, keeps no rows" "$rc|$(find "$T/rows2" -type f | wc -l)" "69|0"
head -c 300 "$T/dump.archive" >"$T/cut.archive"
run env FLUX_MONGODUMP_CMD="cat '$T/cut.archive'" "$P/mongodb" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "a truncated archive stream: status error only" "$(lines "$T/out")|$(status_of "$T/out")" "1|error"
printf '{"version": "10.2.3", "license": {"licensee": "Druckerei' >"$R/install.json"
run "$P/install" --from 2026-03-29T00:00:00+01:00 --to "$TO"
is "a truncated install.json: status error only" "$(lines "$T/out")|$(status_of "$T/out")" "1|error"
unlike "... and no text of it in the messages" "$T/err" 'Druckerei'
