#!/bin/sh
# fluxstat-report: merging, the envelope, canonical bytes, determinism,
# conflicts, validation of its options, the table.
. "$top_srcdir/tests/lib.sh"
plan 49

ID=8c0f6a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6
FROM=2026-11-29T00:00:00+01:00
TO=2026-11-30T00:00:00+01:00
GEN=2026-11-30T00:04:11+01:00
VERSION=$(fluxstat-report --version | sed -n '1s/.* //p')
report() {
	fluxstat-report --from "$FROM" --to "$TO" --installation-id "$ID" \
	    --trigger midnight --generated-at "$GEN" "$@"
}

cat >"$T/a" <<'IN'
{"labels":{"job_type":"booklet"},"metric":"usage.orders.created","value":2}
{"labels":{},"metric":"install.version","value":"10.2.3"}
{"labels":{"source":"install"},"metric":"health.source.status","value":"ok"}
{"labels":{"model":"HP Indigo 7K"},"metric":"config.printers","value":2}
{"labels":{"model":"other"},"metric":"config.printers","value":1}
{"labels":{"paper_format":"custom"},"metric":"usage.webshop.order_items","value":6}
IN
cat >"$T/b" <<'IN'
{"metric":"usage.orders.created","labels":{"job_type":"booklet"},"value":3}
{"labels":{"job_type":"flat"},"metric":"usage.orders.created","value":1}
{"metric":"webshop.users","value":17}
{"labels":{"model":"HP Indigo 7K"},"metric":"config.printers","value":2}
{"labels":{"source":"mongodb"},"metric":"health.source.status","value":"missing"}
{"labels":{},"metric":"install.version","value":"10.2.3"}
{"labels":{},"metric":"usage.webshop.orders","value":4}
IN
{
	printf '{"agent":{"name":"fluxstat","version":"%s"},' "$VERSION"
	printf '"generated_at":"2026-11-29T23:04:11Z","installation_id":"%s","metrics":[' "$ID"
	tr -d '\n' <<'M'
{"labels":{},"metric":"config.accounts.groups","value":0},
{"labels":{},"metric":"config.accounts.users","value":0},
{"labels":{},"metric":"config.preflight.profiles","value":0},
{"labels":{"model":"HP Indigo 7K"},"metric":"config.printers","value":2},
{"labels":{"model":"other"},"metric":"config.printers","value":1},
{"labels":{},"metric":"device.cpu.count","value":0},
{"labels":{},"metric":"device.ram.bytes","value":0},
{"labels":{"source":"install"},"metric":"health.source.status","value":"ok"},
{"labels":{"source":"mongodb"},"metric":"health.source.status","value":"missing"},
{"labels":{},"metric":"health.storage.job_bytes","value":0},
{"labels":{},"metric":"health.storage.job_folders","value":0},
{"labels":{},"metric":"install.license.seats","value":0},
{"labels":{},"metric":"install.version","value":"10.2.3"},
{"labels":{"job_type":"booklet"},"metric":"usage.orders.created","value":5},
{"labels":{"job_type":"flat"},"metric":"usage.orders.created","value":1},
{"labels":{"paper_format":"custom"},"metric":"usage.webshop.order_items","value":6},
{"labels":{},"metric":"usage.webshop.orders","value":4},
{"labels":{},"metric":"webshop.price_lists","value":0},
{"labels":{},"metric":"webshop.user_groups","value":0},
{"labels":{},"metric":"webshop.users","value":17}
M
	printf '],"period":{"from":"%s","to":"%s"},' "$FROM" "$TO"
	printf '"schema":"fluxstat.report/1","trigger":"midnight"}\n'
} >"$T/want"

run report "$T/a" "$T/b"
is "two files: exit 0" "$rc" 0
same "the report document, byte for byte" "$T/out" "$T/want"
is "nothing on stderr" "$(cat "$T/err")" ""

# determinism: any order, any split into files, stdin
cat "$T/a" "$T/b" >"$T/all"
sort "$T/all" >"$T/s1"
sort -r "$T/all" >"$T/s2"
awk '{ l[NR] = $0 } END { for (i = NR; i > 0; i--) print l[i] }' "$T/all" >"$T/s3"
report "$T/s1" >"$T/o1"
report <"$T/s2" >"$T/o2"
head -n 5 "$T/s3" >"$T/p1"
tail -n +6 "$T/s3" >"$T/p2"
report "$T/p2" - <"$T/p1" >"$T/o3"
report <"$T/s3" >"$T/o4"
same "sorted input: same bytes" "$T/o1" "$T/want"
same "reverse-sorted input on stdin: same bytes" "$T/o2" "$T/want"
same "reversed input: same bytes" "$T/o4" "$T/want"
same "split into a file and stdin: same bytes" "$T/o3" "$T/want"
cat "$T/s1" "$T/s3" >"$T/dup"
report "$T/dup" >"$T/out"
like "input given twice: counters doubled, equal gauges and infos fine" "$T/out" \
    '"labels":\{"job_type":"booklet"\},"metric":"usage.orders.created","value":10\}' 

# what fluxstat-scrub passes, the report takes (fallback words included)
# (infos whose planted value became "other" would rightly conflict with
# the clean value of the same info: left out)
scrub-random inject "$top_srcdir/tests/data/scrub/planted.txt" |
    fluxstat-scrub -q | grep -v '"value":"other"' >"$T/scrubbed"
run report "$T/scrubbed"
is "scrubbed records: exit 0" "$rc" 0
like "scrubbed records: label values mapped to the fallback are reported" \
    "$T/out" '"labels":\{"model":"other"\},"metric":"config.printers","value":[1-9]'

# with no records: every unlabelled gauge and counter, 0; no infos
run report </dev/null
is "empty input: exit 0" "$rc" 0
is "empty input: the 12 unlabelled numbers" \
    "$(grep -o '"metric":"[^"]*","value":0' "$T/out" | wc -l)" 12
unlike "empty input: no info invented" "$T/out" 'install.version|health.source.status'
like "empty input: a report with metrics" "$T/out" '"metrics":\[\{'

# envelope
run fluxstat-report --from 2026-11-29T00:00:00-05:00 --to 2026-11-30T00:00:00-05:00 \
    --installation-id 8C0F6A8E-1B2C-4D5E-8F90-A1B2C3D4E5F6 --generated-at 2026-11-30T05:00:00Z </dev/null
like "period exactly as given" "$T/out" '"period":\{"from":"2026-11-29T00:00:00-05:00","to":"2026-11-30T00:00:00-05:00"\}'
like "installation id in lower case" "$T/out" "\"installation_id\":\"$ID\""
like "trigger defaults to manual" "$T/out" '"trigger":"manual"\}$'
like "generated_at in UTC" "$T/out" '"generated_at":"2026-11-30T05:00:00Z"'
run fluxstat-report --from "$FROM" --to "$TO" --installation-id "$ID" </dev/null
like "generated_at defaults to now, UTC, whole seconds" "$T/out" \
    '"generated_at":"20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z"'

# conflicts and untrusted input: exit 65, nothing on stdout
conflict() { # desc regex records
	printf '%s\n' "$3" >"$T/in"
	run report "$T/in"
	is "$1: exit 65" "$rc" 65
	is "$1: nothing on stdout" "$(cat "$T/out")" ""
	like "$1: the message" "$T/err" "$2"
}
conflict "gauge conflict" "$T/in:2: gauge config.printers \{model=HP Indigo 7K\} has two different values" \
'{"labels":{"model":"HP Indigo 7K"},"metric":"config.printers","value":2}
{"labels":{"model":"HP Indigo 7K"},"metric":"config.printers","value":3}'
conflict "info conflict" "$T/in:2: info install.version has two different values" \
'{"labels":{},"metric":"install.version","value":"10.2.3"}
{"labels":{},"metric":"install.version","value":"10.2.4"}'
conflict "not catalogued" "$T/in:1: a metric not in the catalogue" \
'{"labels":{},"metric":"customer.names","value":1}'
conflict "not scrubbed" "$T/in:1: usage.orders.created: not a scrubbed record" \
'{"labels":{"job_type":"Flyer Meier"},"metric":"usage.orders.created","value":1}'
unlike "not scrubbed: the value is not shown" "$T/err" 'Meier'
conflict "malformed" "$T/in:1: not a record" \
'{"labels":{},"metric":"webshop.users","value":1'

# options
fails 64 "from after to: exit 64" fluxstat-report --from "$TO" --to "$FROM" --installation-id "$ID"
fails 64 "from equal to to (other offsets, same instant): exit 64" fluxstat-report \
    --from 2026-11-29T00:00:00+01:00 --to 2026-11-28T23:00:00Z --installation-id "$ID"
fails 64 "a date without time: exit 64" fluxstat-report --from 2026-11-29 --to "$TO" --installation-id "$ID"
fails 64 "not a UUID: exit 64" fluxstat-report --from "$FROM" --to "$TO" --installation-id 8c0f6a8e-1b2c-4d5e-8f90-a1b2c3d4e5fg
fails 64 "an unknown trigger: exit 64" fluxstat-report --from "$FROM" --to "$TO" --installation-id "$ID" --trigger cron
fails 64 "no --to: exit 64" fluxstat-report --from "$FROM" --installation-id "$ID"
fails 66 "a missing file: exit 66" report "$T/nonexistent"

# the table
run report --table "$T/a" "$T/b"
is "table: exit 0" "$rc" 0
like "table: the envelope" "$T/out" "^fluxstat report: installation $ID, trigger midnight$"
like "table: a section title" "$T/out" '^Usage$'
like "table: an aligned row" "$T/out" '^  usage\.orders\.created        job_type=booklet     5$'
is "table: one row per metric of the report" \
    "$(grep -c '^  [a-z]*\.' "$T/out")" "$(grep -o '"metric":' "$T/want" | wc -l)"
is "table: value column aligned" "$(awk '/^  [a-z]*\./ &&
    !(substr($0, 51, 1) == " " && substr($0, 52, 1) != " ")' "$T/out")" ""

run fluxstat-report --help
like "--help on stdout" "$T/out" '^usage: fluxstat-report'
