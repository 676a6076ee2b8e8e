#!/bin/sh
# fluxstat-tally: grouping, vocabularies, --where, --sum, the period, bad
# rows, options, odd inputs, and a randomized comparison with jq.
. "$top_srcdir/tests/lib.sh"
plan 69

tally() { fluxstat-tally "$@"; }

cat >"$T/orders" <<'EOF'
{"_id":{"$oid":"65a000000000000000000001"},"job_type":"booklet","status":"printed","created_at":{"$date":"2026-11-29T08:00:00Z"},"printed_at":{"$date":"2026-11-29T09:00:00Z"}}
{"_id":{"$oid":"65a000000000000000000002"},"job_type":"flat","status":"new","created_at":{"$date":"2026-11-29T10:00:00Z"},"printed_at":null}
{"_id":{"$oid":"65a000000000000000000003"},"job_type":"booklet","status":"new","created_at":{"$date":"2026-11-29T11:00:00Z"}}
{"_id":{"$oid":"65a000000000000000000004"},"job_type":"Visitenkarten","status":"printed","created_at":{"$date":"2026-11-29T12:00:00Z"},"printed_at":{"$date":"2026-11-29T13:00:00Z"}}
{"_id":{"$oid":"65a000000000000000000005"},"status":"shipped","created_at":{"$date":"2026-11-29T12:30:00Z"},"printed_at":{"$date":"2026-11-29T12:45:00Z"}}
{"_id":{"$oid":"65a000000000000000000006"},"job_type":"poster","status":"printed","created_at":{"$date":"2026-11-29T14:00:00Z"},"printed_at":{"$date":"2026-11-29T15:00:00Z"}}

{"_id":{"$oid":"65a000000000000000000007"},"job_type":null,"status":"new","created_at":{"$date":"2026-11-29T16:00:00Z"}}
EOF

# counting, by one and two fields
run tally --metric usage.orders.created "$T/orders"
is "no --by: one unlabelled record" "$(cat "$T/out")" \
	'{"labels":{},"metric":"usage.orders.created","value":7}'
run tally --metric usage.orders.created --by job_type "$T/orders"
is "by one field, missing and null are none, sorted" "$(cat "$T/out")" \
'{"labels":{"job_type":"Visitenkarten"},"metric":"usage.orders.created","value":1}
{"labels":{"job_type":"booklet"},"metric":"usage.orders.created","value":2}
{"labels":{"job_type":"flat"},"metric":"usage.orders.created","value":1}
{"labels":{"job_type":"none"},"metric":"usage.orders.created","value":2}
{"labels":{"job_type":"poster"},"metric":"usage.orders.created","value":1}'
is "exit status 0" "$rc" 0
run tally --metric m --by status --by job_type=type "$T/orders"
is "by two fields, labels sorted by name" "$(cat "$T/out")" \
'{"labels":{"status":"new","type":"booklet"},"metric":"m","value":1}
{"labels":{"status":"new","type":"flat"},"metric":"m","value":1}
{"labels":{"status":"new","type":"none"},"metric":"m","value":1}
{"labels":{"status":"printed","type":"Visitenkarten"},"metric":"m","value":1}
{"labels":{"status":"printed","type":"booklet"},"metric":"m","value":1}
{"labels":{"status":"printed","type":"poster"},"metric":"m","value":1}
{"labels":{"status":"shipped","type":"none"},"metric":"m","value":1}'

# dotted paths, label values of numbers and booleans, vocabularies
cat >"$T/items" <<'EOF'
{"order_id":1,"created_at":"2026-11-29T14:03:00+01:00","options":{"paper_format":"A4","color":true,"pages":4}}
{"order_id":2,"created_at":"2026-11-29T14:04:00+01:00","options":{"paper_format":"A4","color":false,"pages":8}}
{"order_id":3,"created_at":"2026-11-29T14:05:00+01:00","options":{"paper_format":"Visitenkarte 85x55","color":true,"pages":4}}
{"order_id":4,"created_at":"2026-11-29T14:06:00+01:00","options":{"paper_format":"SRA3","color":true,"pages":4.0}}
{"order_id":5,"created_at":"2026-11-29T14:07:00+01:00","options":{"color":true,"pages":16}}
{"order_id":6,"created_at":"2026-11-29T14:08:00+01:00","options":"none given"}
{"order_id":7,"created_at":"2026-11-29T14:09:00+01:00","options":{"paper_format":"Poster 70x100","color":true,"pages":4}}
{"order_id":8,"created_at":"2026-11-29T14:09:00+01:00","opt\u0069ons":{"paper_\u0066ormat":"A\u0034","color":true,"pages":4}}
EOF
run tally --metric m --by options.paper_format "$T/items"
is "dotted path, default label is the last part; escaped names" "$(cat "$T/out")" \
'{"labels":{"paper_format":"A4"},"metric":"m","value":3}
{"labels":{"paper_format":"Poster 70x100"},"metric":"m","value":1}
{"labels":{"paper_format":"SRA3"},"metric":"m","value":1}
{"labels":{"paper_format":"Visitenkarte 85x55"},"metric":"m","value":1}
{"labels":{"paper_format":"none"},"metric":"m","value":2}'
run tally --metric m --by options.pages=pages --by options.color=color "$T/items"
is "numbers and booleans as their JSON text" "$(cat "$T/out")" \
'{"labels":{"color":"false","pages":"8"},"metric":"m","value":1}
{"labels":{"color":"none","pages":"none"},"metric":"m","value":1}
{"labels":{"color":"true","pages":"16"},"metric":"m","value":1}
{"labels":{"color":"true","pages":"4"},"metric":"m","value":4}
{"labels":{"color":"true","pages":"4.0"},"metric":"m","value":1}'
run tally --metric m --by options.paper_format \
	--vocab paper_format=vocab/paper_formats.txt --fallback paper_format=custom "$T/items"
is "vocabulary with fallback custom; missing is custom too" "$(cat "$T/out")" \
'{"labels":{"paper_format":"A4"},"metric":"m","value":3}
{"labels":{"paper_format":"SRA3"},"metric":"m","value":1}
{"labels":{"paper_format":"custom"},"metric":"m","value":4}'
run tally --metric m --by job_type --vocab job_type=vocab/job_types.txt "$T/orders"
is "vocabulary, default fallback other: outside values are one group" "$(cat "$T/out")" \
'{"labels":{"job_type":"booklet"},"metric":"m","value":2}
{"labels":{"job_type":"flat"},"metric":"m","value":1}
{"labels":{"job_type":"other"},"metric":"m","value":4}'
run tally --metric m --by job_type --fallback job_type=unknown "$T/orders"
like "--fallback without a vocabulary names missing values" "$T/out" \
	'^\{"labels":\{"job_type":"unknown"\},"metric":"m","value":2\}$'
printf 'booklet\n# a comment\n\nflat\n' >"$T/jt.txt"
run tally --metric m --by job_type --vocab "job_type=$T/jt.txt" "$T/orders"
is "a vocabulary file given by path" "$(cat "$T/out")" \
'{"labels":{"job_type":"booklet"},"metric":"m","value":2}
{"labels":{"job_type":"flat"},"metric":"m","value":1}
{"labels":{"job_type":"other"},"metric":"m","value":4}'

# --where
cat >"$T/products" <<'EOF'
{"type":"booklet","active":true,"pages":4,"info":{"shop":"web"}}
{"type":"booklet","active":false,"pages":8,"info":{"shop":"web"}}
{"type":"flat","active":true,"pages":4,"info":{"shop":"desk"}}
{"type":"flat","active":"true","pages":"4"}
{"type":"book","active":null,"pages":{"n":4}}
{"type":"book","pages":[4]}
EOF
run tally --metric config.products --by type --where active=true "$T/products"
is "--where active=true matches the boolean and the string" "$(cat "$T/out")" \
'{"labels":{"type":"booklet"},"metric":"config.products","value":1}
{"labels":{"type":"flat"},"metric":"config.products","value":2}'
run tally --metric m --where pages=4 --where active=true "$T/products"
is "two --where conditions must both hold; number by its text" "$(cat "$T/out")" \
'{"labels":{},"metric":"m","value":3}'
run tally --metric m --where info.shop=web "$T/products"
is "--where with a dotted path" "$(cat "$T/out")" '{"labels":{},"metric":"m","value":2}'
run tally --metric m --where active=null --where pages=none "$T/products"
is "null, missing, objects and arrays match nothing" "$(cat "$T/out")" \
	'{"labels":{},"metric":"m","value":0}'

# --sum
cat >"$T/sums" <<'EOF'
{"k":"big","n":9007199254740993}
{"k":"big","n":9007199254740993}
{"k":"big","n":1}
{"k":"neg","n":-9223372036854775807}
{"k":"neg","n":-1}
{"k":"mix","n":1}
{"k":"mix","n":0.5}
{"k":"exp","n":1e2}
{"k":"ovf","n":9223372036854775807}
{"k":"ovf","n":1}
EOF
run tally --metric m --by k --sum n "$T/sums"
like "sums of integers beyond 2^53 stay exact" "$T/out" \
	'^\{"labels":\{"k":"big"\},"metric":"m","value":18014398509481987\}$'
like "an exact sum down to INT64_MIN" "$T/out" \
	'^\{"labels":\{"k":"neg"\},"metric":"m","value":-9223372036854775808\}$'
like "a fraction makes the group a double sum" "$T/out" \
	'^\{"labels":\{"k":"mix"\},"metric":"m","value":1\.5\}$'
like "an int64 overflow gives a double, not a wrapped sum" "$T/out" \
	'^\{"labels":\{"k":"ovf"\},"metric":"m","value":9\.22337203685477[0-9]*e\+?18\}$'
run tally --metric m --sum n --where k=big "$T/sums"
is "--sum without --by" "$(cat "$T/out")" '{"labels":{},"metric":"m","value":18014398509481987}'
printf '{"n":1}\n{"n":"2"}\n{"m":3}\n{"n":null}\n{"n":4}\n' >"$T/badsum"
run tally --metric m --sum n "$T/badsum"
is "a sum field that is not a number is a bad row (exit 65)" "$rc" 65
is "each one reported with its line" "$(cat "$T/err")" \
"fluxstat-tally: $T/badsum:2: n: not a number
fluxstat-tally: $T/badsum:3: n: not a number
fluxstat-tally: $T/badsum:4: n: not a number
fluxstat-tally: 3 bad rows: no records written"

# the period
cat >"$T/times" <<'EOF'
{"w":"at-from","t":"2026-11-29T00:00:00+01:00"}
{"w":"before-from","t":"2026-11-28T22:59:59.999Z"}
{"w":"at-to","t":"2026-11-30T00:00:00+01:00"}
{"w":"before-to","t":"2026-11-29T22:59:59.999Z"}
{"w":"india","t":"2026-11-29T04:30:00+05:30"}
{"w":"india-early","t":"2026-11-29T04:29:59+05:30"}
{"w":"india-late","t":"2026-11-30T04:30:00+05:30"}
{"w":"date-iso","t":{"$date":"2026-11-29T12:00:00Z"}}
{"w":"date-long","t":{"$date":{"$numberLong":"1795953600000"}}}
{"w":"date-ms","t":{"$date":1795953600000}}
{"w":"epoch","t":1795953600}
{"w":"epoch-before","t":1795906799}
{"w":"null","t":null}
{"w":"missing"}
EOF
# the period is the Berlin day 2026-11-29: [2026-11-28T23:00Z, 2026-11-29T23:00Z)
period="--time t --from 2026-11-29T00:00:00+01:00 --to 2026-11-30T00:00:00+01:00"
# shellcheck disable=SC2086
run tally --metric m --by w $period "$T/times"
is "period exit status" "$rc" 0
like "an instant at --from is inside" "$T/out" '"w":"at-from"'
unlike "an instant at --to is outside" "$T/out" '"w":"at-to"'
like "the last millisecond before --to is inside" "$T/out" '"w":"before-to"'
unlike "the last millisecond before --from is outside" "$T/out" '"w":"before-from"'
like "a +05:30 offset at --from is inside" "$T/out" '"w":"india"'
unlike "a +05:30 offset a second before is outside" "$T/out" '"w":"india-early"'
unlike "a +05:30 offset at --to is outside" "$T/out" '"w":"india-late"'
is "\$date forms and epoch seconds; null and missing are outside" \
	"$(grep -c -E '"w":"(date-iso|date-long|date-ms|epoch)"' "$T/out")" 4
unlike "epoch seconds before the period" "$T/out" '"w":"(epoch-before|null|missing)"'
# shellcheck disable=SC2086
run tally --metric m $period "$T/times"
is "total in the period" "$(cat "$T/out")" '{"labels":{},"metric":"m","value":7}'
# shellcheck disable=SC2086
run tally --metric m --by w --from 2026-11-29T00:00:00Z --to 2026-11-29T00:00:00Z --time t "$T/times"
is "an empty period with --by: no records" "$(cat "$T/out")" ""
printf '{"t":"2026-11-29T12:00:00"}\n{"t":"yesterday"}\n{"t":true}\n{"t":{"$date":"2026-11-29"}}\n{"t":"2026-11-29T12:00:00Z"}\n' >"$T/badtimes"
# shellcheck disable=SC2086
run tally --metric m $period "$T/badtimes"
is "unreadable times (no offset, words, booleans) are bad rows" \
	"$rc:$(wc -l <"$T/err" | tr -d ' '):$(wc -c <"$T/out" | tr -d ' ')" "65:5:0"

# bad rows
cat >"$T/bad" <<'EOF'
{"job_type":"flat"}
{"job_type":"flat"
[1,2,3]
"a string"
{"job_type":"flat"}{"job_type":"flat"}
{"job_type":{"nested":"object"}}
{"job_type":"flat","x":tru}
{"job_type":"flat\u0000"}
{"job_type":"booklet"}
EOF
run tally --metric m --by job_type "$T/bad"
is "bad rows: exit 65" "$rc" 65
is "bad rows: nothing on stdout" "$(wc -c <"$T/out" | tr -d ' ')" 0
is "bad rows: each named by file and line" \
	"$(sed -n "s|^fluxstat-tally: $T/bad:\\([0-9]*\\): .*|\\1|p" "$T/err" | tr '\n' ' ')" \
	"2 3 4 5 6 7 8 "
like "bad rows: then a summary" "$T/err" '^fluxstat-tally: 7 bad rows: no records written$'
like "not JSON, with the byte" "$T/err" "^fluxstat-tally: $T/bad:2: not JSON \(byte [0-9]+"
like "not an object" "$T/err" "^fluxstat-tally: $T/bad:3: not a JSON object$"
unlike "the text of a bad row is never shown" "$T/err" 'nested|tru[^e]|"a string"'
run tally --metric m --by job_type --skip-bad "$T/bad"
is "--skip-bad: the good rows counted, exit 0" "$rc:$(cat "$T/out")" \
'0:{"labels":{"job_type":"booklet"},"metric":"m","value":1}
{"labels":{"job_type":"flat"},"metric":"m","value":1}'
like "--skip-bad still reports them" "$T/err" '^fluxstat-tally: 7 bad rows skipped$'

# many bad rows: the first 20 shown, the rest counted
awk 'BEGIN { for (i = 1; i <= 30; i++) print (i % 2 ? "{}" : "nope") }' >"$T/many"
run sh -c 'fluxstat-tally --metric m <"$1"' sh "$T/many"
is "the first 20 bad rows, then a count" "$(grep -c ':[0-9]*: not JSON' "$T/err")" 15
run tally --metric m "$T/many" "$T/many"
is "capped at 20 messages" "$(grep -c ': not JSON' "$T/err")" 20
like "then how many more" "$T/err" '^fluxstat-tally: 10 more bad rows not shown$'

# files and stdin in turn, line numbers per file; only selected rows need
# usable --by and --sum fields
printf '{"k":"a","n":1}\n' >"$T/f1"
printf 'oops\n{"k":"b","n":2}\n' >"$T/f2"
run sh -c 'printf "{\"k\":\"a\",\"n\":3}\n" | fluxstat-tally --metric m --by k --sum n --skip-bad "$1" - "$2"' sh "$T/f1" "$T/f2"
is "files and - (stdin) in the order given" "$(cat "$T/out")" \
'{"labels":{"k":"a"},"metric":"m","value":4}
{"labels":{"k":"b"},"metric":"m","value":2}'
like "line numbers count per file" "$T/err" "^fluxstat-tally: $T/f2:1: not JSON \\(byte 1: "
printf '{"s":"done","k":"a","n":5}\n{"s":"open","k":{"x":1},"n":null}\n{"k":[1],"n":"x","t":null}\n' >"$T/sel"
run tally --metric m --by k --sum n --where s=done "$T/sel"
is "rows left out by --where or the period are not checked further" "$rc:$(cat "$T/out")" \
	'0:{"labels":{"k":"a"},"metric":"m","value":5}'

# options
fails 64 "unknown option" tally --metric m --bogus
fails 64 "--metric is required" tally --by job_type
fails 64 "a metric name is checked" tally --metric 'Usage Orders'
fails 64 "--time needs --from and --to" tally --metric m --time t --from 2026-11-29T00:00:00Z
fails 64 "--from needs an offset" tally --metric m --time t --from 2026-11-29T00:00:00 --to 2026-11-30T00:00:00Z
fails 64 "--from after --to" tally --metric m --time t --from 2026-11-30T00:00:00Z --to 2026-11-29T00:00:00Z
fails 64 "--vocab for a label no --by has" tally --metric m --by a --vocab b=vocab/job_types.txt
fails 64 "the same label twice" tally --metric m --by a.x --by b.x

# help, version, files
run tally --help
is "--help on stdout, exit 0" "$rc:$(head -n 1 "$T/out" | cut -c1-35)" "0:usage: fluxstat-tally --metric NAME"
run tally --version
like "--version" "$T/out" '^fluxstat-tally \(fluxstat\) [0-9]'
run tally -V
like "-V is --version, as in every program" "$T/out" '^fluxstat-tally \(fluxstat\) [0-9]'
fails 64 "-v is not an option (--vocab has no short form)" tally -v a=vocab/job_types.txt --metric m
fails 66 "a missing input file" tally --metric m "$T/nonexistent"
fails 66 "a missing vocabulary" tally --metric m --by a --vocab a=vocab/nonexistent.txt "$T/orders"

# CRLF lines and a 10 MB line
sed 's/$/\r/' "$T/orders" >"$T/orders.crlf"
run tally --metric m --by job_type "$T/orders.crlf"
cp "$T/out" "$T/crlf.out"
run tally --metric m --by job_type "$T/orders"
same "CRLF input gives the same records" "$T/crlf.out" "$T/out"
awk 'BEGIN {
	s = "0123456789abcdef"; while (length(s) < 10485760) s = s s
	printf "{\"job_type\":\"flat\",\"note\":\"%s\"}\n", s
	print "{\"job_type\":\"flat\"}"
}' >"$T/long"
run tally --metric m --by job_type "$T/long"
is "a 10 MB line" "$rc:$(cat "$T/out")" '0:{"labels":{"job_type":"flat"},"metric":"m","value":2}'

# a randomized file against jq (counts and small integer sums, where
# jq is exact).  Labels sorted the same way by both: plain sort(1).
awk -v seed="$$" 'BEGIN {
	srand(seed)
	split("booklet flat book calendar poster", t, " ")
	t[6] = ""
	split("new printed shipped cancelled", s, " ")
	for (i = 0; i < 3000; i++) {
		printf "{\"_id\":%d", i
		r = int(rand() * 7)
		if (r < 6) printf ",\"job_type\":\"%s\"", t[r + 1]
		else if (rand() < 0.5) printf ",\"job_type\":null"
		printf ",\"x\":{\"status\":\"%s\",\"n\":%d}", s[int(rand() * 4) + 1], int(rand() * 2000) - 1000
		printf ",\"created_at\":\"2026-11-%02dT%02d:%02d:%02dZ\"", 27 + int(rand() * 4), int(rand() * 24), int(rand() * 60), int(rand() * 60)
		printf ",\"active\":%s}\n", rand() < 0.7 ? "true" : "false"
	}
}' >"$T/random"
period="--time created_at --from 2026-11-28T00:00:00Z --to 2026-11-30T00:00:00Z"
# shellcheck disable=SC2086
run tally --metric m --by job_type --by x.status $period --where active=true "$T/random"
sort "$T/out" >"$T/tally.out"
jq -n -c -S --argjson from 1795824000 --argjson to 1795996800 '
	reduce (inputs | select((.created_at | fromdateiso8601) as $t
	    | $t >= $from and $t < $to and .active == true))
	    as $r ({}; .[[($r.job_type // "none"), $r.x.status] | tojson] += 1)
	| to_entries[] | (.key | fromjson) as $k
	| {labels: {job_type: $k[0], status: $k[1]}, metric: "m", value: .value}' \
	"$T/random" | sort >"$T/jq.out"
ok "random rows: the tally ran" test "$rc" -eq 0 -a -s "$T/tally.out"
same "random rows: counts equal jq's" "$T/tally.out" "$T/jq.out"
# shellcheck disable=SC2086
run tally --metric m --by job_type --sum x.n $period "$T/random"
sort "$T/out" >"$T/tally.out"
jq -n -c -S --argjson from 1795824000 --argjson to 1795996800 '
	reduce (inputs | select((.created_at | fromdateiso8601) as $t
	    | $t >= $from and $t < $to))
	    as $r ({}; .[$r.job_type // "none"] += $r.x.n)
	| to_entries[] | {labels: {job_type: .key}, metric: "m", value: .value}' \
	"$T/random" | sort >"$T/jq.out"
ok "random rows: the sum ran" test "$rc" -eq 0 -a -s "$T/tally.out"
same "random rows: sums equal jq's" "$T/tally.out" "$T/jq.out"
