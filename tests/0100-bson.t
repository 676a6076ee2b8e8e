#!/bin/sh
# fluxstat-bson: BSON streams, gzip, mongodump archives, --fields, and every
# kind of bad input.  Documents come from libbson (tests/bsongen); archives
# from bsongen's test writer, made after mongo-tools' archive spec.
. "$top_srcdir/tests/lib.sh"

plan 100

B=fluxstat-bson

# --- command line
run $B --help
is "--help: status 0" "$rc" 0
like "--help: usage on stdout" "$T/out" '^usage: fluxstat-bson \[--ns DB.COLL\] \[--fields' 
run $B --version
like "--version names the program" "$T/out" '^fluxstat-bson \(fluxstat\) [0-9]'
fails 64 "unknown option: status 64" $B --bogus
fails 64 "--fields with an empty name: status 64" $B --fields 'a..b' /dev/null
fails 66 "missing file: status 66" $B "$T/nonexistent.bson"

# --- every BSON type, as relaxed Extended JSON
bsongen types >"$T/types.bson"
run $B "$T/types.bson"
is "every type converts to compact relaxed Extended JSON" "$rc $(cat "$T/out")" \
'0 {"_id":{"$oid":"57e193d7a9cc81b4027498b5"},"double":1.5,"whole":2.0,"negzero":-0.0,"big":1e+300,"nan":{"$numberDouble":"NaN"},"inf":{"$numberDouble":"Infinity"},"ninf":{"$numberDouble":"-Infinity"},"string":"café \"q\"\t\\","nul":"a\u0000b","doc":{"x":1},"array":[1,"two"],"binary":{"$binary":{"base64":"//4AQUI=","subType":"00"}},"uuid":{"$binary":{"base64":"MDEyMzQ1Njc4OWFiY2RlZg==","subType":"04"}},"user":{"$binary":{"base64":"/w==","subType":"80"}},"undefined":{"$undefined":true},"true":true,"false":false,"date":{"$date":"2012-12-24T12:15:30.501Z"},"date0":{"$date":"2025-11-30T00:00:00Z"},"before1970":{"$date":{"$numberLong":"-1"}},"y10k":{"$date":{"$numberLong":"253402300800000"}},"null":null,"regex":{"$regularExpression":{"pattern":"^a/b\"","options":"im"}},"dbpointer":{"$dbPointer":{"$ref":"coll","$id":{"$oid":"57e193d7a9cc81b4027498b5"}}},"code":{"$code":"function() {}"},"symbol":{"$symbol":"sym"},"codews":{"$code":"f(x)","$scope":{"x":1}},"int32":-2147483648,"timestamp":{"$timestamp":{"t":4000000000,"i":42}},"int64":9007199254740993,"decimal":{"$numberDecimal":"-1.50E+3"},"minkey":{"$minKey":1},"maxkey":{"$maxKey":1}}'

# --- --fields
run $B --fields doc.x,array.1,nope,doc.nope,_id "$T/types.bson"
is "--fields: dotted paths nest, absent ones are left out" "$(cat "$T/out")" \
	'{"doc":{"x":1},"array":{"1":"two"},"_id":{"$oid":"57e193d7a9cc81b4027498b5"}}'
run $B --fields doc.x,doc --fields string.x "$T/types.bson"
is "--fields: a path covers its longer paths; no path through a string" \
	"$(cat "$T/out")" '{"doc":{"x":1}}'
run $B --fields int64,nope "$T/types.bson"
is "--fields: int64 beyond 2^53 stays exact" "$(cat "$T/out")" '{"int64":9007199254740993}'
run $B --fields nope "$T/types.bson"
is "--fields: a document without the fields gives {}" "$(cat "$T/out")" '{}'

bsongen orders 500 >"$T/orders.bson"
$B "$T/orders.bson" >"$T/full.json"
is "500 documents, 500 lines" "$(wc -l <"$T/full.json")" 500
ok "every line is JSON (jq reads it)" jq -e . "$T/full.json"
jq -c '{job_type, created_at}' "$T/full.json" >"$T/want.json"
$B --fields job_type,created_at "$T/orders.bson" >"$T/got.json"
same "--fields job_type,created_at equals jq's projection of the whole rows" \
	"$T/got.json" "$T/want.json"
unlike "no spaces outside strings" "$T/full.json" '^\{ |": |, "'
like "dates in 1970..9999 as ISO strings with Z" "$T/full.json" \
	'"created_at":\{"\$date":"2026-[0-9][0-9]-[0-9][0-9]T[0-9:]{8}(\.[0-9]{3})?Z"\}'

# --- inputs: stdin, "-", several files, gzip detected by content
$B <"$T/orders.bson" >"$T/stdin.json"
same "stdin gives the same rows" "$T/stdin.json" "$T/full.json"
$B - <"$T/orders.bson" >"$T/dash.json"
same "\"-\" is stdin" "$T/dash.json" "$T/full.json"
$B "$T/types.bson" "$T/orders.bson" >"$T/two.json"
is "several files are read in order" \
	"$(head -c 9 "$T/two.json") $(wc -l <"$T/two.json")" '{"_id":{" 501'
gzip -c "$T/orders.bson" >"$T/orders.bson.gz"
cp "$T/orders.bson.gz" "$T/gz-named-plain.bson"
$B "$T/gz-named-plain.bson" >"$T/gz.json"
same "gzip is detected by content, not name" "$T/gz.json" "$T/full.json"
cat "$T/orders.bson.gz" "$T/orders.bson.gz" | $B >"$T/gz2.json"
is "concatenated gzip members are read through" "$(wc -l <"$T/gz2.json")" 1000
# documents cross the 256 KiB read window and the pipe's short reads
bsongen orders 6000 >"$T/many.bson"
$B --fields number "$T/many.bson" >"$T/many-file.json"
# shellcheck disable=SC2002 # a pipe, not a file, on purpose
cat "$T/many.bson" | $B --fields number >"$T/many-pipe.json"
gzip -c "$T/many.bson" | $B --fields number >"$T/many-gz.json"
is "6000 documents (1.1 MB) from a file: every one, in order" \
	"$(wc -l <"$T/many-file.json") $(sed -n '1p;$p' "$T/many-file.json" | tr -d '\n')" \
	'6000 {"number":"A-00000000"}{"number":"A-00005999"}'
same "... the same through a pipe" "$T/many-pipe.json" "$T/many-file.json"
same "... the same gzip'd" "$T/many-gz.json" "$T/many-file.json"
: >"$T/empty.bson"
run $B "$T/empty.bson"
is "an empty file is no documents" "$rc $(wc -c <"$T/out")" "0 0"

# --- bad input: status 65, "file: offset N:", the good document before
# the bad one written, nothing of the bad one
check_bad() { # kind regex
	bsongen bad "$1" >"$T/bad-$1.bson"
	run $B "$T/bad-$1.bson"
	is "$1: status 65, only the good document on stdout" \
		"$rc $(cat "$T/out")" '65 {"good":true}'
	like "$1: message names file and offset" "$T/err" \
		"^fluxstat-bson: $T/bad-$1.bson: offset 12: .*$2"
}
check_bad truncated 'truncated document: [0-9]+ of [0-9]+ bytes'
check_bad shortlen 'bad document length 4'
check_bad negative 'bad document length 2147483647'
check_bad hugelen 'bad document length 16777217'
check_bad big 'bad document length 16777217'
check_bad lastbyte 'does not end with a 0 byte'
check_bad utf8key 'invalid UTF-8 in a key'
check_bad utf8str 'invalid UTF-8 in a string'
check_bad surrogate 'invalid UTF-8 in a string'
check_bad badtype 'unknown element type'
check_bad bool 'boolean'
check_bad nested 'embedded document length'
unlike "messages never quote the document" "$T/err" 'M.ller|Tel'

bsongen deep 1000 >"$T/deep.bson"
run $B "$T/deep.bson"
is "1000 levels of nesting are written" \
	"$rc $(tr -cd '{' <"$T/out" | wc -c) $(head -c 12 "$T/out")" '0 1001 {"a":{"a":{"'
bsongen deep 1001 >"$T/deeper.bson"
run $B "$T/deeper.bson"
is "1001 levels: status 65, nothing written" "$rc $(wc -c <"$T/out")" "65 0"
like "1001 levels: message" "$T/err" 'offset 0: .*nested too deeply'

bsongen bad max >"$T/max.bson"
run $B --fields good "$T/max.bson"
is "a document of exactly 16 MiB is accepted" "$rc $(tr '\n' ' ' <"$T/out")" \
	'0 {"good":true} {} '

# a first document of 559903 bytes begins 1f 8b 08 like gzip (BUGS in the
# man page): refused as corrupt gzip, never misread; later in a stream it
# is an ordinary document
bsongen bad gzipish >"$T/gzipish.bson"
run $B --fields good "$T/gzipish.bson"
is "a 559903-byte document after the first is read" "$rc $(tr '\n' ' ' <"$T/out")" \
	'0 {"good":true} {} '
tail -c +13 "$T/gzipish.bson" >"$T/gzipish-first.bson"
run $B "$T/gzipish-first.bson"
is "... as the first document it is refused as gzip (status 65, no output)" \
	"$rc $(wc -c <"$T/out")" '65 0'

head -c 1000 "$T/orders.bson.gz" >"$T/trunc.bson.gz"
run $B "$T/trunc.bson.gz"
is "truncated gzip: status 65" "$rc" 65
like "truncated gzip: message" "$T/err" 'offset [0-9]+: truncated (gzip data|document)'
cp "$T/orders.bson.gz" "$T/corrupt.bson.gz"
printf '\377\377\377\377\377\377\377\377' |
	dd of="$T/corrupt.bson.gz" bs=1 seek=2000 conv=notrunc 2>/dev/null
run $B "$T/corrupt.bson.gz"
is "corrupt gzip: status 65" "$rc" 65
like "corrupt gzip: message" "$T/err" 'offset [0-9]+: corrupt gzip data'
tail -n 1 "$T/out" >"$T/lastline"
ok "corrupt gzip: every line written is whole JSON" jq -e . "$T/out"

# --- mongodump --archive (bsongen's test writer; 2 documents a block, so
# the namespaces interleave)
is "the CRC is CRC-64/ECMA as Go computes it (check value)" \
	"$(bsongen crc64 123456789)" 995dc9bbdf1939fa
bsongen archive -b 2 flux.orders=7 flux.order_items=4 flux.empty=0 >"$T/a.archive"
run $B --fields number "$T/a.archive"
is "archive: status 0" "$rc $(cat "$T/err")" "0 "
is "archive: rows carry their namespace, blocks interleave" \
	"$(head -n 4 "$T/out" | jq -r .ns | tr '\n' ' ')" \
	'flux.orders flux.orders flux.order_items flux.order_items '
is "archive: every document once" \
	"$(jq -r .ns "$T/out" | sort | uniq -c | awk '{ printf "%s %s ", $1, $2 }')" \
	'4 flux.order_items 7 flux.orders '
is "archive: the row is {\"ns\":...,\"doc\":{...}}" "$(head -n 1 "$T/out")" \
	'{"ns":"flux.orders","doc":{"number":"A-00000000"}}'
$B "$T/a.archive" | jq -c 'select(.ns == "flux.orders") | .doc' >"$T/want.json"
$B --ns flux.orders "$T/a.archive" >"$T/got.json"
same "--ns: just that collection's documents, unwrapped" "$T/got.json" "$T/want.json"
gzip -c "$T/a.archive" | $B --ns flux.orders >"$T/gz.json"
same "--ns: a gzip'd archive on stdin" "$T/gz.json" "$T/want.json"
run $B --ns flux.empty "$T/a.archive"
is "--ns: an empty collection gives no rows" "$rc $(wc -c <"$T/out")" "0 0"
run $B --ns flux.nope "$T/a.archive"
is "--ns: a collection not in the archive: status 66" "$rc" 66
like "--ns: ... and says so" "$T/err" 'no collection flux.nope in the archive'
fails 65 "--ns on a plain .bson stream: status 65" $B --ns flux.orders "$T/orders.bson"

# --split: one pass, each namespace projected on its own, nothing else kept
mkdir "$T/split"
run $B --split "$T/split" --project flux.orders=job_type,created_at \
	--project flux.empty=_id --project flux.nope=x "$T/a.archive"
is "--split: status 0, the input's bytes on stdout" "$rc $(cat "$T/out")" "0 $(wc -c <"$T/a.archive")"
$B --ns flux.orders --fields job_type,created_at "$T/a.archive" >"$T/want.json"
same "--split: a namespace's rows as --ns --fields writes them" "$T/split/flux.orders.ndjson" "$T/want.json"
is "--split: only the projected namespaces; an empty one gets an empty file" \
	"$(cd "$T/split" && printf '%s ' *)$(wc -c <"$T/split/flux.empty.ndjson")" \
	'flux.empty.ndjson flux.orders.ndjson 0'
is "--split: the files are private" "$(stat -c %a "$T/split/flux.orders.ndjson")" 600
unlike "--split: no unprojected field written" "$T/split/flux.orders.ndjson" 'number|note|address'
rm -rf "$T/split" && mkdir "$T/split"
gzip -c "$T/a.archive" | $B --split "$T/split" --project flux.orders=job_type,created_at >"$T/out"
same "--split: a gzip'd archive on stdin" "$T/split/flux.orders.ndjson" "$T/want.json"
is "--split: ... counts the bytes as read (compressed)" "$(cat "$T/out")" "$(gzip -c "$T/a.archive" | wc -c)"
fails 73 "--split: an existing file is not overwritten" \
	$B --split "$T/split" --project flux.orders=job_type "$T/a.archive"
rm -rf "$T/split" && mkdir "$T/split"
fails 65 "--split on a plain .bson stream: status 65" \
	$B --split "$T/split" --project flux.orders=x "$T/orders.bson"
fails 64 "--split without --project: usage" $B --split "$T/split" "$T/a.archive"

# --time: only the documents that may have an event in the window
W='--from 2026-03-01T00:00:00Z --to 2026-06-01T00:00:00+00:00'
# shellcheck disable=SC2086
$B --fields job_type,created_at,printed_at --time created_at,printed_at $W "$T/orders.bson" >"$T/got.json"
$B --fields job_type,created_at,printed_at "$T/orders.bson" |
	jq -c 'select([.created_at, .printed_at][] | objects | .["$date"] | strings
		| . >= "2026-03-01T00:00:00Z" and . < "2026-06-01T00:00:00Z")' | uniq >"$T/want.json"
same "--time: the documents with a time field in [--from, --to), nothing else" "$T/got.json" "$T/want.json"
ok "--time: ... some, not all" test "$(wc -l <"$T/got.json")" -gt 10 -a "$(wc -l <"$T/got.json")" -lt 400
# shellcheck disable=SC2086
fails 64 "--time: a field not projected is a usage error" $B --fields job_type --time created_at $W "$T/orders.bson"
fails 64 "--time without --from/--to: usage" $B --fields created_at --time created_at "$T/orders.bson"
rm -rf "$T/split" && mkdir "$T/split"
# shellcheck disable=SC2086
$B --split "$T/split" --project flux.orders=job_type,created_at,printed_at \
	--time flux.orders=created_at,printed_at $W "$T/a.archive" >/dev/null
# shellcheck disable=SC2086
$B --ns flux.orders --fields job_type,created_at,printed_at --time created_at,printed_at $W "$T/a.archive" >"$T/want.json"
same "--time with --split: per namespace" "$T/split/flux.orders.ndjson" "$T/want.json"
fails 64 "--project with a / in the namespace: usage" \
	$B --split "$T/split" --project ../x=a "$T/a.archive"

check_archive() { # desc regex bsongen-archive-options...
	_d=$1 _re=$2
	shift 2
	bsongen archive -b 2 "$@" flux.orders=7 flux.order_items=4 >"$T/bad.archive"
	run $B "$T/bad.archive"
	is "archive, $_d: status 65" "$rc" 65
	like "archive, $_d: message" "$T/err" "^fluxstat-bson: $T/bad.archive: offset [0-9]+: .*$_re"
}
check_archive "CRC mismatch" 'CRC mismatch for namespace flux.orders' -c flux.orders
check_archive "namespace without EOF" 'namespace flux.order_items has no end' -e flux.order_items
check_archive "no final terminator" 'has no terminator' -t
check_archive "block after its namespace ended" 'block of namespace flux.orders after its end' -r flux.orders
check_archive "document in an EOF block" 'document after the end of namespace flux.orders' -d flux.orders

size=$(wc -c <"$T/a.archive")
head -c $((size - 100)) "$T/a.archive" >"$T/cut.archive"
run $B "$T/cut.archive"
is "archive truncated inside a block: status 65" "$rc" 65
like "archive truncated inside a block: message" "$T/err" 'offset [0-9]+: truncated'
