#!/bin/sh
# fluxstat-inventory on mkflux installations: sizes and counts against the
# generator's own numbers and against sqlite3, find, stat and a BSON walk
# of this test's own; the personal fields against fluxstat-stores(7) (copied into
# tests/data/inventory/pii-fields.txt); the per-store metrics against the
# catalogue; missing, corrupt and truncated stores; analytics on and off.
. "$top_srcdir/tests/lib.sh"

plan 97

CAT=$top_srcdir/share/catalog.json
F=$T/flux
mkflux --seed 11 --scale 1 --day 2026-11-29 --tz Europe/Berlin "$F" >/dev/null
conf=$T/fluxstat.conf
cat >"$conf" <<EOF
# a test configuration
FLUX_ROOT='$F'
FLUXSTAT_STATE=$T/state
FLUXSTAT_ENDPOINT=https://reports.example.invalid/fluxstat
EOF
unset FLUX_ROOT FLUX_MONGODUMP FLUX_MONGODUMP_CMD FLUXSTAT_STATE FLUXSTAT_ENDPOINT 2>/dev/null || true

# the generator's number: VALUE of METRIC with LABELS (jq object text)
oracle() {
	jq -r --arg m "$1" --argjson l "${2:-{\}}" \
		'select(.metric == $m and .labels == $l) | .value' "$F/expected.ndjson"
}
oracle_sum() {
	jq -n --arg m "$1" '[inputs | select(.metric == $m) | .value] | add' "$F/expected.ndjson"
}
bytes() { find -P "$@" -type f -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }
# documents in a BSON file, walked by their length prefixes (not by any
# program of fluxstat)
bson_docs() {
	case $1 in *.gz) gzip -dc "$1" ;; *) cat "$1" ;; esac |
		od -An -v -tu1 | awk '{ for (i = 1; i <= NF; i++) b[n++] = $i }
		END { p = 0; while (p + 4 <= n) {
			p += b[p] + 256 * b[p + 1] + 65536 * b[p + 2] + 16777216 * b[p + 3]; d++ }
		      print d + 0 }'
}
# from the --json document in $T/out
q() { jq -r "$1" "$T/out"; }
store() { jq -r --arg id "$1" ".stores[] | select(.id == \$id) | $2" "$T/out"; }
part() { jq -r --arg id "$1" --arg p "$2" ".stores[] | select(.id == \$id) | .parts[] | select(.name == \$p) | $3" "$T/out"; }

# --- usage
run fluxstat-inventory --help
is "--help: usage on stdout, exit 0" "$rc:$(grep -c '^usage: fluxstat-inventory' "$T/out")" 0:1
run fluxstat-inventory -h
is "-h too" "$rc:$(grep -c '^usage: fluxstat-inventory' "$T/out")" 0:1
run fluxstat-inventory --jsn
is "an unknown option is named before the usage" "$rc $(head -n 1 "$T/err")" "64 fluxstat-inventory: unknown option: --jsn"
run fluxstat-inventory --version
like "--version" "$T/out" '^fluxstat-inventory \(fluxstat\) [0-9]'
fails 64 "an unknown option is usage" fluxstat-inventory --bogus
fails 66 "a missing --config file" fluxstat-inventory --config "$T/nonesuch.conf"
printf 'FLUXSTAT_STATE=%s\n' "$T/state" >"$T/noroot.conf"
fails 78 "no FLUX_ROOT" fluxstat-inventory --config "$T/noroot.conf"
printf 'FLUX_ROOT=%s\nthis is not a setting\n' "$F" >"$T/bad.conf"
run fluxstat-inventory --config "$T/bad.conf"
is "a bad line: 78, named by file and line (fluxstat-run's reader)" \
	"$rc:$(grep -c "^fluxstat-inventory: $T/bad.conf:2: " "$T/err")" 78:1

# --- a whole installation, before anything else opened it
find "$F" -type f -printf '%p %s %T@\n' | sort >"$T/tree.before"
run fluxstat-inventory --config "$conf" --json
is "--json: exit 0" "$rc" 0
is "--json: nothing on stderr" "$(cat "$T/err")" ""
is "--json: one line, one document" "$(wc -l <"$T/out"):$(jq -s 'length' "$T/out")" 1:1
cp "$T/out" "$T/doc.json"
find "$F" -type f -printf '%p %s %T@\n' | grep -Ev -- '-(wal|shm) ' | sort >"$T/tree.after"
grep -Ev -- '-(wal|shm) ' "$T/tree.before" >"$T/tree.before.2"
same "read-only: no store file changed (SQLite's own -wal/-shm aside)" "$T/tree.after" "$T/tree.before.2"
is "the stores of fluxstat-stores(7), in order" "$(q '[.stores[].id] | join(" ")')" \
	"install monitoring mongodb jobs webshop webshop_items portal avatars icc_profiles register_marks forms_templates product_images backups job_exports"
is "every store ok" "$(q '[.stores[].status] | unique | join(" ")')" ok
is "paths as the configuration resolves them" "$(q '.config.flux_root'):$(store monitoring .path)" \
	"$F:$F/monitoring/Monitoring.db"
is "every key always there (stores)" "$(q '[.stores[] | keys | join(",")] | unique | length'):$(q '.stores[0] | keys | length')" 1:18
is "every key always there (parts)" "$(q '[.stores[].parts[] | keys | join(",")] | unique | length')" 1

# sizes: the generator's health.store.bytes and job_bytes, and stat/find
is "Monitoring DB bytes = mkflux's health.store.bytes" "$(store monitoring .bytes)" \
	"$(oracle health.store.bytes '{"store":"monitoring"}')"
is "Flux Web DB bytes = mkflux's health.store.bytes" "$(store webshop .bytes)" \
	"$(oracle health.store.bytes '{"store":"webshop"}')"
is "MongoDB bytes = mkflux's health.store.bytes" "$(store mongodb .bytes)" \
	"$(oracle health.store.bytes '{"store":"mongodb"}')"
is "job folder bytes = mkflux's health.storage.job_bytes" "$(store jobs .bytes)" \
	"$(oracle health.storage.job_bytes)"
is "job folders = mkflux's health.storage.job_folders" "$(store jobs .count)" \
	"$(oracle health.storage.job_folders)"
is "job files = find" "$(store jobs .files)" "$(find -P "$F/jobs" -type f | wc -l)"
is "install.json bytes = stat" "$(store install .bytes)" "$(stat -c %s "$F/install.json")"
is "portal.json bytes = stat" "$(store portal .bytes)" "$(stat -c %s "$F/web/config/portal.json")"
is "order item files = ls" "$(store webshop_items .count)" \
	"$(find "$F/web/orderitems" -maxdepth 1 -type f -name '*.json' | wc -l)"
is "order item bytes = find" "$(store webshop_items .bytes)" "$(bytes "$F/web/orderitems")"
# the stores no metric reads: assets/, backups/, exports/jobs/
private="avatars icc_profiles register_marks forms_templates product_images backups job_exports"
bad=
for id in $private; do
	p=$(store "$id" .path)
	w="ok $(bytes "$p") $(find -P "$p" -type f | wc -l) files true"
	g="$(store "$id" .status) $(store "$id" .bytes) $(store "$id" .count) $(store "$id" .unit) $(store "$id" .personal)"
	[ "$w" = "$g" ] || bad="$bad $id: $g, find: $w;"
done
is "assets, backups, exports: ok, bytes and files = find, personal" "$bad" ""
is "... each holds files (mkflux made them)" \
	"$(q '[.stores[] | select(.source == null) | select(.count > 0) | .id] | join(" ")')" "$private"
is "... no statistic of them leaves" "$(q '[.stores[] | select(.source == null) | .leaves[]] | length')" 0
is "MongoDB collection bytes = stat" "$(part mongodb orders .bytes):$(part mongodb order_items .bytes)" \
	"$(stat -c %s "$F/mongodb/dump/flux/orders.bson"):$(stat -c %s "$F/mongodb/dump/flux/order_items.bson.gz")"

# rows: sqlite3
is "Monitoring DB print_jobs rows = sqlite3" "$(part monitoring print_jobs .count)" \
	"$(sqlite3 "$F/monitoring/Monitoring.db" "SELECT count(*) FROM print_jobs")"
want=
got=
for t in user_groups users price_lists orders; do
	want="$want $t=$(sqlite3 "$F/web/FluxWeb.db" "SELECT count(*) FROM $t")"
	got="$got $t=$(part webshop $t .count)"
done
is "Flux Web DB rows per table = sqlite3" "$got" "$want"
is "Flux Web DB rows = their sum" "$(store webshop .count)" \
	"$(echo "$want" | tr ' ' '\n' | awk -F= 'NF == 2 { s += $2 } END { print s }')"

is "every table of the two databases is described" \
	"$(sqlite3 "$F/monitoring/Monitoring.db" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name" | tr '\n' ' ')/$(sqlite3 "$F/web/FluxWeb.db" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name" | tr '\n' ' ')" \
	"$(store monitoring '[.parts[].name] | sort | join(" ")') /$(store webshop '[.parts[].name] | sort | join(" ")') "
is "every collection of the dump is described" "$(q '[.stores[].parts[] | select(.holds == null) | .name] | join(" ")')" ""

# documents: a BSON walk of this test's own, and the generator's numbers
want=
got=
for f in "$F"/mongodb/dump/flux/*.bson "$F"/mongodb/dump/flux/*.bson.gz; do
	[ -f "$f" ] || continue
	c=${f##*/}
	c=${c%.gz}
	c=${c%.bson}
	want="$want $c=$(bson_docs "$f")"
	got="$got $c=$(part mongodb "$c" .count)"
done
is "documents per collection = the BSON walk" "$got" "$want"
is "groups = mkflux's config.accounts.groups" "$(part mongodb groups .count)" "$(oracle config.accounts.groups)"
is "preflight_profiles = mkflux's config.preflight.profiles" \
	"$(part mongodb preflight_profiles .count)" "$(oracle config.preflight.profiles)"
is "printers, paper types, signatures, paper formats = mkflux's config.* sums" \
	"$(part mongodb printers .count) $(part mongodb paper_types .count) $(part mongodb signatures .count) $(part mongodb paper_formats .count)" \
	"$(oracle_sum config.printers) $(oracle_sum config.paper_types) $(oracle_sum config.signatures) $(oracle_sum config.paper_formats)"
is "MongoDB documents = the sum of its collections" "$(store mongodb .count)" \
	"$(echo "$want" | tr ' ' '\n' | awk -F= 'NF == 2 { s += $2 } END { print s }')"

# personal fields: the markings of fluxstat-stores(7)
grep -v '^#' "$top_srcdir/tests/data/inventory/pii-fields.txt" | sort >"$T/pii.want"
q '.stores[] | .id as $i | .personal_fields[] | "\($i) \(.)"' | sort >"$T/pii.got"
same "personal fields = those fluxstat-stores(7) marks" "$T/pii.got" "$T/pii.want"
is "every store holds personal data" "$(q '[.stores[].personal] | unique | join(" ")')" true
is "order_items has no personal field" "$(part mongodb order_items '.personal_fields | length')" 0

# what leaves: the catalogue
jq -r '.metrics[].source | if type == "array" then .[] else . end' "$CAT" | sort -u >"$T/src.cat"
grep -v '^#' "$top_srcdir/share/vocab/sources.txt" | grep -v '^$' | sort >"$T/src.vocab"
same "every catalogued metric has a known source (vocab/sources.txt)" "$T/src.cat" "$T/src.vocab"
is "every catalogued metric has a source" \
	"$(jq '[.metrics[] | select(.source == null or .source == [] or .source == "")] | length' "$CAT")" 0
jq -r '.metrics[].metric' "$CAT" | sort >"$T/cat.metrics"
q '(.stores[].leaves[], .host.leaves[])' | sort -u >"$T/leaves"
same "every catalogued metric is listed for a store or the host, nothing else" "$T/leaves" "$T/cat.metrics"
# each store: the catalogue's metrics of its source (the portal only its
# setting, the Flux Web DB the rest of the webshop source)
bad=
for id in install monitoring mongodb jobs webshop webshop_items portal; do
	src=$(store "$id" .source)
	w=$(jq -r --arg s "$src" '.metrics[] | select(.source | if type == "array" then index([$s]) else . == $s end) | .metric' "$CAT" |
		case $id in
		portal) grep -x webshop.portal.setting ;;
		webshop) grep -vx webshop.portal.setting ;;
		*) cat ;;
		esac | sort | tr '\n' ' ')
	g=$(store "$id" '.leaves[]' | sort | tr '\n' ' ')
	[ "$w" = "$g" ] || bad="$bad $id"
done
is "per store: the catalogue's metrics of its source" "$bad" ""
is "Monitoring DB leaves include usage.jobs.printed, not config.products" \
	"$(store monitoring '[.leaves | index(["usage.jobs.printed"]) != null, index(["config.products"]) != null] | join(" ")')" \
	"true false"
is "the host: the device metrics and the source status" "$(q '.host.leaves | join(" ")')" \
	"$(jq -r '[.metrics[] | select(.metric | startswith("device.")) | .metric] + ["health.source.status"] | join(" ")' "$CAT")"

# the catalogue's source is true: each pipeline, run on the installation,
# only makes metrics whose source names it, and every metric of the
# oracle is made by a pipeline its source names
bad=
for src in install device monitoring mongodb webshop webshop_items jobs; do
	FLUX_ROOT=$F "$top_builddir/pipelines/$src" --from 2026-11-28T23:00:00Z \
		--to 2026-11-29T23:00:00Z >"$T/p.$src" 2>/dev/null || bad="$bad $src:exit"
	jq -c --arg s "$src" '{source: $s, metric}' "$T/p.$src"
done >"$T/made"
is "the pipelines ran" "$bad" ""
is "every metric a pipeline makes has that pipeline as its catalogue source" \
	"$(jq -rn --slurpfile c "$CAT" '[inputs] | unique[]
		| . as $m | select([$c[0].metrics[] | select(.metric == $m.metric)
			| .source | if type == "array" then .[] else . end]
			| index([$m.source]) | not)
		| "\(.source):\(.metric)"' "$T/made")" ""
is "every metric of mkflux's oracle is made by a pipeline its source names" \
	"$(jq -rn --slurpfile c "$CAT" --slurpfile made "$T/made" '[inputs.metric] | unique[]
		| . as $m | select([$c[0].metrics[] | select(.metric == $m)
			| .source | if type == "array" then .[] else . end] as $srcs
			| [$made[] | select(.metric == $m and (.source as $s | $srcs | index([$s])))]
			| length == 0)' "$F/expected.ndjson")" ""

# analytics: fluxstat-run's decision
is "analytics on, and why" "$(q '.analytics.state'):$(q '.analytics.reason | split(",")[0]')" \
	"on:FLUXSTAT_ANALYTICS=auto"
is "where reports go, where the sent copies are" "$(q '.analytics.endpoint'):$(q '.analytics.sent')" \
	"https://reports.example.invalid/fluxstat:$T/state/sent"
DO_NOT_TRACK=1 FLUX_ROOT=$T/elsewhere fluxstat-inventory --config "$conf" --json >"$T/out"
is "DO_NOT_TRACK=1: off" "$(q '.analytics.state'):$(q '.analytics.reason')" "off:DO_NOT_TRACK=1"
is "the environment overrides the file (FLUX_ROOT)" "$(q .config.flux_root)" "$T/elsewhere"

# --- the text
# (the earlier runs' SQLite opened the database: its -shm is there now)
db=$F/monitoring/Monitoring.db
mon_kib=$(awk -v b="$(bytes "$db" "$db-wal" "$db-shm")" 'BEGIN { printf "%.1f KiB", b / 1024 }')
run fluxstat-inventory --config "$conf"
is "text: exit 0, nothing on stderr" "$rc:$(cat "$T/err")" 0:
cp "$T/out" "$T/text"
n=$(sqlite3 "$F/monitoring/Monitoring.db" "SELECT count(*) FROM print_jobs")
like "text: the Monitoring DB row, size in KiB, rows" "$T/text" \
	"^Monitoring DB +monitoring/Monitoring\\.db +ok +$mon_kib +$n rows\$"
like "text: a collection under its store" "$T/text" \
	"^  groups +[0-9]+ B +$(oracle config.accounts.groups) documents\$"
like "text: the personal fields of a table" "$T/text" '^  print_jobs +print jobs +job_name, submitted_by, printer_name$'
like "text: analytics and why" "$T/text" '^  analytics is on \(FLUXSTAT_ANALYTICS=auto, '
like "text: the statistics of the portal configuration" "$T/text" '^  Flux Web portal configuration +webshop\.portal\.setting$'
unlike "text: no trailing blanks" "$T/text" ' $'
# the SIZE column is right-aligned: every size ends where the header ends
awk '/^STORE +PATH +STATUS +SIZE/ { e = index($0, "SIZE") + 3; t = 1; next }
	t && /^$/ { exit }
	t && /^[A-Z]/ { if (!match($0, /[0-9.]+ (B|KiB|MiB|GiB)/) || RSTART + RLENGTH - 1 != e) print }' \
	"$T/text" >"$T/misaligned"
is "text: sizes right-aligned under SIZE" "$(cat "$T/misaligned")" ""
grep -aFf "$F/planted.txt" "$T/text" "$T/doc.json" >"$T/leak" || true
is "no planted personal string in the text or the document" "$(head -3 "$T/leak")" ""

# --- missing, corrupt, truncated stores: shown, never an abort
B=$T/bad
cp -R "$F" "$B"
sed "s|^FLUX_ROOT=.*|FLUX_ROOT=$B|" "$conf" >"$T/b.conf"
rm -rf "$B/web/orderitems" "$B/assets/avatars"
rm -f "$B/monitoring/Monitoring.db-wal" "$B/monitoring/Monitoring.db-shm"
head -c 8192 /dev/urandom >"$B/monitoring/Monitoring.db"
u=$B/mongodb/dump/flux/users.bson
head -c $(($(stat -c %s "$u") - 7)) "$u" >"$T/u" && cat "$T/u" >"$u"
printf '{"title": ' >"$B/web/config/portal.json"
gz=$B/mongodb/dump/flux/order_items.bson.gz
head -c $(($(stat -c %s "$gz") / 2)) "$gz" >"$T/gz" && cat "$T/gz" >"$gz"
run fluxstat-inventory --config "$T/b.conf" --json
cp "$T/out" "$T/bad.json"
is "bad stores: still exit 0, one document" "$rc:$(jq -s length "$T/out")" 0:1
is "a deleted store: missing" "$(store webshop_items .status):$(store webshop_items .error.exit):$(store webshop_items .count)" \
	"missing:66:null"
is "a deleted folder of assets: missing" "$(store avatars .status):$(store avatars .error.exit):$(store avatars .count)" \
	"missing:66:null"
is "a corrupt Monitoring.db: error 65, no count" "$(store monitoring .status):$(store monitoring .error.exit):$(store monitoring .count)" \
	"error:65:null"
like "a corrupt Monitoring.db: the message names the file" "$T/err" \
	"^fluxstat-inventory: fluxstat-sqlite: .*$B/monitoring/Monitoring\\.db: "
is "a truncated .bson: that collection in error, the store too" \
	"$(part mongodb users .status):$(part mongodb users .error.exit):$(store mongodb .status)" "error:65:error"
like "a truncated .bson: the message names the file and offset" "$T/err" \
	"^fluxstat-inventory: fluxstat-bson: $u: offset [0-9]+: "
is "a truncated .bson.gz: error too" "$(part mongodb order_items .status)" error
is "a truncated .bson: the other collections still counted" \
	"$(part mongodb orders .count):$(part mongodb groups .count)" \
	"$(bson_docs "$B/mongodb/dump/flux/orders.bson"):$(oracle config.accounts.groups)"
is "a broken JSON file: error 65" "$(store portal .status):$(store portal .error.exit)" error:65
is "the others: ok" "$(q '[.stores[] | select(.status == "ok") | .id] | join(" ")')" \
	"install jobs webshop icc_profiles register_marks forms_templates product_images backups job_exports"
fluxstat-inventory --config "$T/b.conf" >"$T/out" 2>/dev/null
like "text: problems listed (missing path)" "$T/out" "^  Flux Web order item files: missing: $B/web/orderitems\$"
like "text: problems listed (the collection)" "$T/out" \
	'^  MongoDB operational data, users: error: corrupt or not in the expected format \(exit 65\)$'
like "text: the missing store's row" "$T/out" '^Flux Web order item files +web/orderitems +missing +- +-$'

mkdir "$T/empty"
printf 'FLUX_ROOT=%s\nFLUXSTAT_STATE=%s\n' "$T/empty" "$T/state" >"$T/e.conf"
run fluxstat-inventory --config "$T/e.conf" --json
is "an empty FLUX_ROOT: every store missing, exit 0" \
	"$rc:$(q '[.stores[].status] | unique | join(" ")')" "0:missing"
# (as root, as nobody: the installation and the configuration opened to
# others, all but the one file)
chmod o+x "$T"
chmod -R a+rX "$F"
chmod a+r "$conf"
chmod 000 "$F/web/FluxWeb.db"
as_nobody fluxstat-inventory --config "$conf" --json >"$T/out" 2>/dev/null || true
chmod 644 "$F/web/FluxWeb.db"
is "an unreadable database: permission denied (77)" "$(store webshop .status):$(store webshop .error.exit)" error:77

# --- where the MongoDB data is: FLUX_MONGODUMP, FLUX_MONGODUMP_CMD
# (with FLUXSTAT_ANALYTICS=off in the file, to see both at once)
mv "$F/mongodb/dump/flux" "$T/dump"
cp "$conf" "$T/off.conf"
echo "FLUXSTAT_ANALYTICS=off" >>"$T/off.conf"
FLUX_MONGODUMP=$T/dump fluxstat-inventory --config "$T/off.conf" --json >"$T/out"
is "FLUX_MONGODUMP: the folder it names" "$(store mongodb .path):$(part mongodb groups .count)" \
	"$T/dump:$(oracle config.accounts.groups)"
is "FLUXSTAT_ANALYTICS=off in the file: off" "$(q '.analytics.state'):$(q '.analytics.reason')" \
	"off:FLUXSTAT_ANALYTICS=off"
FLUX_MONGODUMP=$T/dump fluxstat-inventory --config "$T/off.conf" >"$T/out"
like "text: off says nothing leaves, and why" "$T/out" '^  nothing: analytics is off \(FLUXSTAT_ANALYTICS=off\)$'
like "text: FLUX_MONGODUMP's folder, absolute" "$T/out" "^MongoDB operational data +$T/dump +ok "
# a relative FLUX_MONGODUMP that is not there: missing, at once (the walk
# up its folders used to spin for ever on a name with no slash)
for rel in dump nowhere/dump ./dump; do
	rc=0
	(cd "$T/flux" && FLUX_MONGODUMP=$rel timeout 20 fluxstat-inventory \
		--config "$T/off.conf" --json) >"$T/out" 2>"$T/err" || rc=$?
	is "FLUX_MONGODUMP=$rel (relative, absent): missing, no hang" \
		"$rc:$(store mongodb .status)" "0:missing"
done
FLUX_MONGODUMP_CMD='bsongen archive flux.users=7 flux.orders=12 flux.extra=2' \
	fluxstat-inventory --config "$conf" --json >"$T/out"
is "FLUX_MONGODUMP_CMD: documents per namespace of the archive" \
	"$(part mongodb users .count):$(part mongodb orders .count):$(part mongodb groups .status):$(part mongodb extra .count)" \
	"7:12:absent:2"
is "FLUX_MONGODUMP_CMD: said, no folder" "$(q .config.mongodump_cmd):$(q .config.mongodump):$(store mongodb .path)" \
	"true:null:FLUX_MONGODUMP_CMD"
mkdir "$T/tmp"
FLUX_MONGODUMP_CMD="bsongen archive flux.users=3000; find '$T/tmp' -type f -size +1k >'$T/stored'" \
	TMPDIR=$T/tmp fluxstat-inventory --config "$conf" --json >"$T/out"
is "FLUX_MONGODUMP_CMD: read as it comes, the archive never stored; its size is its bytes" \
	"$(cat "$T/stored"):$(store mongodb .bytes)" ":$(bsongen archive flux.users=3000 | wc -c)"
FLUX_MONGODUMP_CMD='bsongen archive -c flux.users flux.users=7' \
	fluxstat-inventory --config "$conf" --json >"$T/out" 2>"$T/err"
is "an archive with a bad CRC: error 65" "$(store mongodb .status):$(store mongodb .error.exit)" error:65
FLUX_MONGODUMP_CMD='exit 3' fluxstat-inventory --config "$conf" --json >"$T/out" 2>"$T/err"
is "a failing FLUX_MONGODUMP_CMD: error, said on stderr" \
	"$(store mongodb .status):$(grep -c 'FLUX_MONGODUMP_CMD failed' "$T/err")" error:1

fails 74 "a full disk on stdout: 74" sh -c 'fluxstat-inventory --config "$1" >/dev/full' sh "$conf"
ok "shellcheck fluxstat-inventory.in" sh -c 'cd "$top_srcdir" && shellcheck -s sh -x tools/fluxstat-inventory.in'

# --- the Flux setting analytics.enabled = false switches it off
mkdir -p "$T/off/mongodb/dump/flux"
echo 30000000025f6964000800000067656e6572616c0003616e616c7974696373000f00000008656e61626c656400000000 |
	bsongen hex >"$T/off/mongodb/dump/flux/settings.bson"
printf 'FLUX_ROOT=%s\nFLUXSTAT_STATE=%s\n' "$T/off" "$T/state" >"$T/o.conf"
fluxstat-inventory --config "$T/o.conf" --json >"$T/out"
is "the Flux setting off: off, and why" "$(q .analytics.state):$(q .analytics.reason):$(part mongodb settings .count)" \
	"off:the Flux setting analytics.enabled is false:1"
