#!/bin/sh
# mkflux: the reference-installation generator.  Its oracle
# (expected.ndjson) is checked here against the stores by other means
# (the sqlite3 shell, jq, find), so that the oracle itself can be trusted.
. "$top_srcdir/tests/lib.sh"
plan 48

day=2026-03-29		# Europe/Berlin springs forward: a 23-hour day
tz=Europe/Berlin
period "$day" "$tz"
from_s=$(date -u -d "$from" +%s)
to_s=$(date -u -d "$to" +%s)
is "the test day has 23 hours" "$((to_s - from_s))" 82800

# --- arguments
fails 64 "no OUTDIR" mkflux --seed 1 --day $day --tz $tz
fails 64 "no --seed" mkflux --day $day --tz $tz "$T/x"
fails 64 "--scale 0" mkflux --seed 1 --scale 0 --day $day --tz $tz "$T/x"
fails 64 "--scale not a number" mkflux --seed 1 --scale 1e3 --day $day --tz $tz "$T/x"
fails 64 "impossible date" mkflux --seed 1 --day 2026-02-30 --tz $tz "$T/x"
fails 64 "unknown zone" mkflux --seed 1 --day $day --tz Mars/Olympus "$T/x"
fails 64 "unknown option" mkflux --seed 1 --bogus --day $day --tz $tz "$T/x"
fails 64 "--history beyond ten years" mkflux --seed 1 --history 3651 --day $day --tz $tz "$T/x"
run mkflux --help
is "--help: usage on stdout, exit 0" "$rc:$(grep -c '^usage: mkflux --seed' "$T/out")" "0:1"
mkdir -p "$T/share/vocab" && cp "$top_srcdir"/share/vocab/*.txt "$T/share/vocab/"
echo booklet_xl >>"$T/share/vocab/job_types.txt"
fails 70 "a vocabulary that drifted from mkflux's table is refused" \
	env FLUXSTAT_SHARE="$T/share" mkflux --seed 1 --day $day --tz $tz "$T/x"
mkdir "$T/full" && : >"$T/full/old"
fails 73 "a non-empty OUTDIR is refused" mkflux --seed 1 --day $day --tz $tz "$T/full"

# --- determinism
ok "seed 7 runs" mkflux --seed 7 --scale 1 --day $day --tz $tz "$T/a"
ok "seed 7 runs again" mkflux --seed 7 --scale 1 --day $day --tz $tz "$T/b"
ok "seed 8 runs" mkflux --seed 8 --scale 1 --day $day --tz $tz "$T/c"
ok "same seed: byte-identical trees (SQLite files included)" \
	diff -r --no-dereference "$T/a" "$T/b"
fails 1 "another seed: other Monitoring.db" \
	cmp -s "$T/a/monitoring/Monitoring.db" "$T/c/monitoring/Monitoring.db"
fails 1 "another seed: other oracle" cmp -s "$T/a/expected.ndjson" "$T/c/expected.ndjson"

# --- layout (fluxstat-stores(7))
cd "$T/a"
missing=
for f in install.json monitoring/Monitoring.db web/FluxWeb.db \
	web/config/portal.json mongodb/dump/flux/order_items.bson.gz; do
	[ -s "$f" ] || missing="$missing $f"
done
for c in settings products paper_formats paper_types signatures printers \
	preflight_profiles users groups addresses orders order_items; do
	[ -s "mongodb/dump/flux/$c.metadata.json" ] || missing="$missing $c.metadata.json"
	[ "$c" = order_items ] || [ -s "mongodb/dump/flux/$c.bson" ] || missing="$missing $c.bson"
done
is "every store file is there" "$missing" ""
ok "order_items is real gzip" gzip -t mongodb/dump/flux/order_items.bson.gz
n=$(find jobs -mindepth 2 -maxdepth 2 -name job.json | wc -l)
ok "job folders with job.json ($n)" test "$n" -ge 10
n=$(find jobs -mindepth 4 -type f | wc -l)
ok "nested job files ($n)" test "$n" -ge 10
find web/orderitems -mindepth 1 -maxdepth 1 -printf '%f\n' |
	grep -Ev '^[0-9]+_[0-9]+\.json$' >"$T/badnames" || true
is "order item files are named <order-id>_<n>.json" "$(cat "$T/badnames")" ""
missing=
for d in assets/avatars assets/icc assets/register-marks assets/forms-templates \
	assets/product-images backups exports/jobs; do
	[ -n "$(find "$d" -type f)" ] || missing="$missing $d"
done
is "assets/, backups/, exports/jobs/: every folder there, with files" "$missing" ""
is "backups are named flux-backup-YYYYMMDD.zip" \
	"$(find backups -type f -printf '%f\n' | grep -Evc '^flux-backup-[0-9]{8}\.zip$')" 0
ok "order item files: several UTC offsets" \
	test "$(jq -r '.created_at[19:]' web/orderitems/*.json | sort -u | wc -l)" -ge 5
is "Monitoring.db is in WAL mode" \
	"$(sqlite3 monitoring/Monitoring.db 'PRAGMA journal_mode')" wal
is "Monitoring.db has the finished_at index" \
	"$(sqlite3 monitoring/Monitoring.db "SELECT sql FROM sqlite_master WHERE type='index'")" \
	"CREATE INDEX print_jobs_finished ON print_jobs(finished_at)"

# --- the oracle's form
ok "expected.ndjson is canonical JSON (jq -cS gives the same bytes)" \
	sh -c 'jq -cS . expected.ndjson >"$1/canon" && cmp -s "$1/canon" expected.ndjson' sh "$T"
jq -r '[.metric, (.labels | to_entries | map(.key + "=" + .value) | join(","))] | @tsv' \
	expected.ndjson >"$T/keys"
ok "expected.ndjson is sorted by metric, then labels" \
	sort -c -t "$(printf '\t')" -k1,1 -k2,2 "$T/keys"
is "no device.* metric (host-dependent)" "$(grep -c '"device\.' expected.ndjson || true)" 0
is "health.source.status ok for all 7 sources" \
	"$(jq -r 'select(.metric == "health.source.status" and .value == "ok") | .labels.source' expected.ndjson | sort | tr '\n' ' ')" \
	"device install jobs mongodb monitoring webshop webshop_items "

# --- the oracle against the stores, by independent means
# metric, label -> "label=value" lines of expected.ndjson
want() {
	jq -r --arg m "$1" 'select(.metric == $m) |
		"\(.labels | to_entries | map(.value) | join(","))=\(.value)"' expected.ndjson
}
mon() { sqlite3 -separator = monitoring/Monitoring.db "$1"; }
period="finished_at >= '$from' AND finished_at < '$to'"
is "edge jobs: finished exactly at from and at to" \
	"$(mon "SELECT count(*) FROM print_jobs WHERE finished_at IN ('$from', '$to')")" 4
is "health.jobs.failed = sqlite3 count by error (mapped)" "$(want health.jobs.failed)" \
	"$(mon "SELECT CASE WHEN error_code IN ('E_RIP','E_PREFLIGHT','E_PRINTER_OFFLINE',
		'E_TIMEOUT','E_MEDIA','E_UNKNOWN') THEN error_code ELSE 'other' END AS e,
		count(*) FROM print_jobs WHERE status = 'failed' AND $period GROUP BY e ORDER BY e")"
is "usage.pages.printed = sqlite3 sum(pages*copies) by colour" "$(want usage.pages.printed)" \
	"$(mon "SELECT CASE color WHEN 1 THEN 'color' ELSE 'mono' END AS c,
		sum(pages * copies) FROM print_jobs WHERE status = 'printed' AND $period
		GROUP BY c ORDER BY c")"
is "health.jobs.duration_ms max = sqlite3 max" \
	"$(want health.jobs.duration_ms | sed -n 's/^max=//p')" \
	"$(mon "SELECT max(duration_ms) FROM print_jobs WHERE status = 'printed' AND $period")"
is "usage.webshop.orders = sqlite3 count of non-cart orders" \
	"$(want usage.webshop.orders | sed 's/^=//')" \
	"$(sqlite3 web/FluxWeb.db "SELECT count(*) FROM orders WHERE status <> 'cart'
		AND created_at >= $from_s AND created_at < $to_s")"
formats='["A3","A4","A5","A6","SRA3","SRA4","B4","B5","Letter","Legal","Tabloid","12x18","13x19"]'
is "usage.webshop.order_items = jq over the item files (offsets applied)" \
	"$(want usage.webshop.order_items)" \
	"$(jq -rn --argjson f "$formats" --argjson from "$from_s" --argjson to "$to_s" '
		[inputs | .created_at as $t
		 | ($t[0:19] + "Z" | fromdateiso8601) as $local
		 | (if $t[19:] == "Z" then 0 else
		    ($t[20:22] | tonumber) * 3600 + ($t[23:25] | tonumber) * 60
		    | if $t[19:20] == "-" then -. else . end end) as $off
		 | select($local - $off >= $from and $local - $off < $to)
		 | .options.paper_format as $p
		 | if ($p | type) == "string" and ($f | index([$p])) then $p else "custom" end]
		| group_by(.) | map("\(.[0])=\(length)") | .[]' web/orderitems/*.json)"
is "health.storage.job_folders = find" "$(want health.storage.job_folders)" \
	"=$(find jobs -mindepth 1 -maxdepth 1 -type d | wc -l)"
is "health.storage.job_bytes = find -type f sizes" "$(want health.storage.job_bytes)" \
	"=$(find jobs -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')"
is "health.store.bytes = stat" "$(want health.store.bytes)" \
	"mongodb=$(find mongodb/dump/flux -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
monitoring=$(stat -c %s monitoring/Monitoring.db)
webshop=$(stat -c %s web/FluxWeb.db)"

# BSON framing walked with od and awk: documents back to back, each led by
# its little-endian int32 length, the last one ending the file exactly
bsondocs() {
	od -An -v -tu1 "$1" | tr -s ' ' '\n' | awk 'NF { b[n++] = $1 }
		END { i = 0; c = 0; while (i < n) { c++; i += b[i] + 256 * b[i+1] + 65536 * b[i+2] + 16777216 * b[i+3] }
		      print (i == n ? c : "misframed") }'
}
is "config.preflight.profiles = documents in preflight_profiles.bson" \
	"$(want config.preflight.profiles)" "=$(bsondocs mongodb/dump/flux/preflight_profiles.bson)"
is "config.accounts.groups = documents in groups.bson" \
	"$(want config.accounts.groups)" "=$(bsondocs mongodb/dump/flux/groups.bson)"

# --- planted personal data
ok "planted.txt holds many strings" test "$(wc -l <planted.txt)" -ge 1000
ok "planted.txt: several scripts (ü ł α а 王 ال)" sh -c \
	'for s in ü ł α а 王 ال; do grep -q "$s" planted.txt || exit 1; done'
# every IBAN must carry valid ISO 13616 check digits
grep -E '^[A-Z]{2}[0-9]{2}( ?[0-9A-Z]{4})+( ?[0-9A-Z]{1,3})?$' planted.txt |
	tr -d ' ' | awk 'length($0) >= 15' >"$T/ibans"
is "IBANs: mod 97 = 1 for all $(wc -l <"$T/ibans")" "$(awk '
	{ s = substr($0, 5) substr($0, 1, 4); m = 0
	  for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c ~ /[A-Z]/) { v = index("ABCDEFGHIJKLMNOPQRSTUVWXYZ", c) + 9; m = (m * 100 + v) % 97 }
		else m = (m * 10 + c) % 97
	  }
	  if (m != 1) bad++ }
	END { print (NR > 20 ? bad + 0 : "too few") }' "$T/ibans")" 0
# (big files are sparse fillers: left out).  grep -o reports non-overlapping
# matches only: look again for the rest one by one
# (file names too: admins name files after customers)
find . -type f -size -1048576c ! -name planted.txt ! -name expected.ndjson -exec cat {} + >"$T/all"
find . -printf '%f\n' >>"$T/all"
gunzip -c mongodb/dump/flux/order_items.bson.gz >>"$T/all"
grep -aoFf planted.txt "$T/all" | sort -u >"$T/found" || true
sort -u planted.txt | comm -23 - "$T/found" | while IFS= read -r s; do
	grep -aqF -- "$s" "$T/all" || printf '%s\n' "$s"
done >"$T/notfound"
is "every planted string is in the stores" "$(head -5 "$T/notfound")" ""
grep -aFf planted.txt expected.ndjson >"$T/leak" || true
is "the oracle holds no planted string" "$(head -5 "$T/leak")" ""
