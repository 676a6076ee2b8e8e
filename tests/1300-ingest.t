#!/bin/sh
# fluxstat-ingest: received reports are untrusted.  Each hostile report
# ends in the quarantine, whole, with a .why naming the rule it broke; the
# good reports beside them still come out as fleet rows; the received
# tree is never changed.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/reports.sh"
plan 42

R=$T/tree
Q=$T/quarantine
A=aaaaaaaa-0000-4000-8000-00000000000a
B=bbbbbbbb-0000-4000-8000-00000000000b
report "$R" "$A" 2026-11-29 1
report "$R" "$A" 2026-11-30 1 America/New_York
good=$R/installations/$A/reports/2026-11-29.json.gz

# hostile DAY NAME: a report of installation B for DAY whose document is
# the good report's, edited by the jq program NAME on stdin... or given
hostile() { # DAY JQ
	mkdir -p "$R/installations/$B/reports"
	fluxstat-pack -d "$good" | jq -c "$2" |
		fluxstat-pack -o "$R/installations/$B/reports/$1.json.gz"
}
# as installation B, for the day of the file name
asb='.installation_id = "'$B'"'
hostile 2026-11-01 "$asb | .period.from = \"2026-11-01T00:00:00+01:00\" | .period.to = \"2026-11-02T00:00:00+01:00\" | .schema = \"fluxstat.report/2\""
hostile 2026-11-02 "$asb | .period.from = \"2026-11-02T00:00:00+01:00\" | .period.to = \"2026-11-03T00:00:00+01:00\" | .metrics += [{\"labels\":{},\"metric\":\"usage.secret.thing\",\"value\":1}]"
hostile 2026-11-03 "$asb | .period.from = \"2026-11-03T00:00:00+01:00\" | .period.to = \"2026-11-04T00:00:00+01:00\" | (.metrics[] | select(.metric == \"usage.jobs.printed\") | .labels.job_type) = \"blackmail\""
hostile 2026-11-04 "$asb | .period.from = \"2026-11-04T00:00:00+01:00\" | .period.to = \"2026-11-05T00:00:00+01:00\" | (.metrics[] | select(.metric == \"install.license.edition\") | .value) = \"pirate\""
hostile 2026-11-05 "$asb | .period.from = \"2026-11-05T00:00:00+01:00\" | .period.to = \"2026-11-06T00:00:00+01:00\" | (.metrics[] | select(.metric == \"device.cpu.model\") | .value) = \"Intel Core owner jane.doe@example.com\""
hostile 2026-11-06 "$asb | .period.from = \"2026-11-06T00:00:00+01:00\" | .period.to = \"2026-11-07T00:00:00+01:00\" | .metrics += [.metrics[0]]"
hostile 2026-11-07 ".period.from = \"2026-11-07T00:00:00+01:00\" | .period.to = \"2026-11-08T00:00:00+01:00\""
hostile 2026-11-08 "$asb"
hostile 2026-11-09 "$asb | .period.from = \"2026-11-09T00:00:00+01:00\" | .period.to = \"2026-11-10T00:00:00+01:00\" | del(.trigger)"
hostile 2026-11-10 "$asb | .period.from = \"2026-11-10T00:00:00+01:00\" | .period.to = \"2026-11-11T00:00:00+01:00\" | (.metrics[] | select(.metric == \"device.cpu.count\") | .value) = \"8\""
hostile 2026-11-11 "$asb | .period.from = \"2026-11-11T00:00:00+01:00\" | .period.to = \"2026-11-12T00:00:00+01:00\" | (.metrics[] | select(.metric == \"device.cpu.count\") | .labels) = {\"host\":\"x\"}"
hostile 2026-11-12 "$asb | .period.from = \"2026-11-12T00:00:00+01:00\" | .period.to = \"2026-11-13T00:00:00+01:00\" | .extra = 1"
hostile 2026-11-17 "$asb | .period.from = \"2026-11-17T00:00:00+01:00\" | .period.to = \"2026-11-18T00:00:00+01:00\" | (.metrics[] | select(.metric == \"device.cpu.count\") | .value) = 99999999"
# bytes that are no report
bad=$R/installations/$B/reports
printf 'hello, world\n' | fluxstat-pack -o "$bad/2026-11-13.json.gz"
head -c 200 "$good" >"$bad/2026-11-14.json.gz"
head -c 104857600 /dev/zero | gzip -1 >"$bad/2026-11-15.json.gz"
cp "$good" "$bad/report.json.gz"
{ cat "$good"; printf 'more'; } >"$bad/2026-11-16.json.gz"
# left alone: not a report's name
printf 'x' >"$bad/.upload.tmp"
printf 'x' >"$bad/notes.txt"

(cd "$R" && find . -type f -exec sha256sum {} + | sort) >"$T/before"
/usr/bin/time -f '%M' -o "$T/rss" fluxstat-ingest --quarantine "$Q" "$R" >"$T/rows" 2>"$T/err" || rc=$?
is "some reports rejected: status 65" "${rc:-0}" 65
(cd "$R" && find . -type f -exec sha256sum {} + | sort) >"$T/after"
same "the received tree is unchanged" "$T/after" "$T/before"

# why DAY: the rule in the .why of B's report of DAY
why() { sed 's/:.*//' "$Q/$B/$1.json.gz.why" 2>/dev/null || echo "(no .why)"; }
is "wrong schema" "$(why 2026-11-01)" schema
is "unknown metric" "$(why 2026-11-02)" not_catalogued
is "label outside its vocabulary" "$(why 2026-11-03)" label_value
is "info value outside its vocabulary" "$(why 2026-11-04)" info_value
is "PII-looking value" "$(why 2026-11-05)" pii
like "the .why names the detector, not the value" "$Q/$B/2026-11-05.json.gz.why" "the email detector fired"
unlike "no .why or message echoes the value" "$T/err" "jane"
is "duplicated metric record" "$(why 2026-11-06)" duplicate
is "installation id differs from its path" "$(why 2026-11-07)" installation_id
is "day differs from the file name" "$(why 2026-11-08)" day
is "envelope incomplete" "$(why 2026-11-09)" envelope
is "a gauge with a string value" "$(why 2026-11-10)" wrong_type
is "an undeclared label" "$(why 2026-11-11)" undeclared_label
is "a number outside the catalogue's range: the library's rule" "$(why 2026-11-17)" out_of_range
is "a member the envelope does not have" "$(why 2026-11-12)" envelope
is "not JSON" "$(why 2026-11-13)" json
is "truncated gzip" "$(why 2026-11-14)" gzip
is "gzip bomb" "$(why 2026-11-15)" too_large
like "the bomb stopped at --max-bytes" "$Q/$B/2026-11-15.json.gz.why" "larger than 1048576 bytes"
ok "the bomb was not inflated (peak memory under 40 MB for 100 MB of zeros)" \
	test "$(tail -n 1 "$T/rss")" -lt 40000
is "bytes after the gzip stream" "$(why 2026-11-16)" gzip
is "a name that is not a day" "$(why report)" file_name
same "the quarantine holds the rejected file whole" "$Q/$B/2026-11-14.json.gz" "$bad/2026-11-14.json.gz"
is "nothing else was quarantined" "$(find "$Q" -type f | wc -l)" 36
like "each rejection is named on stderr" "$T/err" \
	"installations/$B/reports/2026-11-02\.json\.gz: rejected: not_catalogued: metric 33: not in the catalogue"
like "the summary counts them" "$T/err" \
	"20 reports: 2 accepted \(64 rows\), 18 rejected"

# the rows of the good reports
jq -c 'select(.records)' "$T/rows" >"$T/reports"
is "two report rows" "$(wc -l <"$T/reports")" 2
is "the report row" "$(head -n 1 "$T/reports")" \
	'{"agent_version":"0.1.0","day":"2026-11-29","generated_at":"2026-11-30T00:04:11Z","installation_id":"'$A'","period_from":"2026-11-29T00:00:00+01:00","period_to":"2026-11-30T00:00:00+01:00","records":32,"trigger":"midnight"}'
is "the New York day keeps its offset" "$(jq -r 'select(.day == "2026-11-30") | .period_from' "$T/reports")" \
	"2026-11-30T00:00:00-05:00"
fluxstat-pack -d "$good" | jq -c --arg id "$A" '.metrics[] | {day: "2026-11-29", installation_id: $id} + .' >"$T/want"
jq -c 'select(.day == "2026-11-29" and (.records | not))' "$T/rows" >"$T/got"
same "a metric row is the record plus installation_id and day" "$T/got" "$T/want"

# one file, and --newer
run fluxstat-ingest "$good"
is "a single report file: status 0" "$rc" 0
is "its rows" "$(wc -l <"$T/out")" 33
# --newer compares the reports' change times (ctime, which no one can
# set back) with the stamp's mtime: the stamp is made after the reports,
# however fast the test ran, and the touched report after the stamp
touch "$T/stamp"
sleep 0.1
touch "$R/installations/$A/reports/2026-11-30.json.gz"
run fluxstat-ingest --newer "$T/stamp" "$R/installations/$A"
is "--newer: only the report that changed since" "$(jq -r 'select(.records) | .day' "$T/out")" 2026-11-30
run fluxstat-ingest --newer "$T/no-such-stamp" "$R/installations/$A"
is "--newer with no stamp yet: everything" "$(jq -r 'select(.records) | .day' "$T/out" | tr '\n' ' ')" \
	"2026-11-29 2026-11-30 "

# a resend that passes takes its quarantine copy away
hostile 2026-11-08 "$asb | .period.from = \"2026-11-08T00:00:00+01:00\" | .period.to = \"2026-11-09T00:00:00+01:00\""
run fluxstat-ingest --quarantine "$Q" "$bad/2026-11-08.json.gz"
is "the corrected resend is accepted" "$rc" 0
ok "and its old rejection is gone" test ! -e "$Q/$B/2026-11-08.json.gz" -a ! -e "$Q/$B/2026-11-08.json.gz.why"

# usage
run fluxstat-ingest
is "no PATH: usage, 64" "$rc" 64
run fluxstat-ingest "$T/nowhere"
is "a missing PATH: 66" "$rc" 66
run fluxstat-ingest --max-bytes 12 "$good"
is "--max-bytes below 1024: usage" "$rc" 64
run fluxstat-ingest --help
like "--help names the quarantine" "$T/out" "--quarantine DIR"
