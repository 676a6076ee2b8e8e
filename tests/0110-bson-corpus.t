#!/bin/sh
# fluxstat-bson against the BSON corpus (mongodb/specifications
# source/bson-corpus/tests/*.json), kept in tests/data/bson-corpus/ (its
# README names the commit and the licence).
#
# For each corpus file: every valid[] case's canonical_bson, all of them in
# one stream, must give one line each equal to relaxed_extjson; where a case
# has none, its canonical_extjson turned into relaxed form (bsongen canon
# -r: $numberInt/$numberLong/$numberDouble as numbers, $date in 1970..9999
# as an ISO string), because the corpus gives relaxed_extjson only where it
# differs from canonical and the program writes relaxed JSON.  Both sides
# go through bsongen canon (no spaces, keys sorted, escapes normalised,
# integers compared exactly, other numbers by value; jq would turn 64-bit
# integers into doubles).  Every decodeErrors[] case must exit 65.  (One,
# top.json's "garbage after envelope", is a whole valid document followed
# by 4 bad bytes: as in any stream, the good document is written first.)
#
# Knowingly not checked: degenerate_bson (alternative encodings a decoder
# may normalise differently; the corpus only requires canonical_bson to
# round-trip) and parseErrors (JSON to BSON: this program never parses JSON).
. "$top_srcdir/tests/lib.sh"

corpus=$top_srcdir/tests/data/bson-corpus

files=$(cd "$corpus" && ls -- *.json)
n=0
for f in $files; do
	n=$((n + 3))
done
plan "$n"

# one jq run for the whole corpus (jq starts slowly), split by awk into
# NAME.hex, .desc, .wantin (R or C, then the JSON), .errhex, .errdesc
# shellcheck disable=SC2086 # $files: plain names, one word each
(cd "$corpus" && jq -r '(input_filename | sub("\\.json$"; "")) as $n |
	(.valid[]? | ($n + " H " + .canonical_bson), ($n + " D " + .description),
		($n + " " + (if .relaxed_extjson then "R " + .relaxed_extjson
			else "C " + .canonical_extjson end))),
	(.decodeErrors[]? | ($n + " E " + .bson), ($n + " F " + .description))' \
	$files) |
	awk -v d="$T/" '{
		t = $2; r = substr($0, length($1) + length($2) + 3)
		if (t == "H") print r > (d $1 ".hex")
		else if (t == "D") print r > (d $1 ".desc")
		else if (t == "R" || t == "C") print t r > (d $1 ".wantin")
		else if (t == "E") print r > (d $1 ".errhex")
		else if (t == "F") print r > (d $1 ".errdesc")
	}'

for f in $files; do
	name=${f%.json}
	for x in hex desc wantin errhex errdesc; do
		[ -f "$T/$name.$x" ] || : >"$T/$name.$x"
	done
	bsongen canon -p <"$T/$name.wantin" >"$T/$name.want"
	bsongen hex <"$T/$name.hex" >"$T/$name.bson"
	run fluxstat-bson "$T/$name.bson"
	is "$name: valid cases convert without error" "$rc $(cat "$T/err")" "0 "
	bsongen canon <"$T/out" >"$T/$name.got"
	# name the cases that differ, so a failure says which
	paste -d '\n' "$T/$name.desc" "$T/$name.want" "$T/$name.got" |
		awk 'NR % 3 == 1 { d = $0 } NR % 3 == 2 { w = $0 }
			NR % 3 == 0 && $0 != w { print d ": want " w; print d ": got  " $0 }' \
		>"$T/$name.diff"
	is "$name: $(wc -l <"$T/$name.want") valid cases equal their relaxed Extended JSON" \
		"$(cat "$T/$name.diff")" ""

	rm -rf "$T/e" && mkdir "$T/e"
	bsongen hex "$T/e" <"$T/$name.errhex"
	i=0
	: >"$T/$name.accepted"
	while IFS= read -r desc; do
		i=$((i + 1))
		run fluxstat-bson "$T/e/$i.bson"
		if [ "$rc" -ne 65 ]; then
			echo "$desc (exit $rc)" >>"$T/$name.accepted"
		fi
	done <"$T/$name.errdesc"
	is "$name: $i decodeErrors cases rejected with status 65" \
		"$(cat "$T/$name.accepted")" ""
done
