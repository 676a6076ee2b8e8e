#!/bin/sh
# fluxstat-json and share/jq: inputs of every shape, every bad input, no
# personal field in any output, and the reference installations.
. "$top_srcdir/tests/lib.sh"
plan 63

JQ=$top_srcdir/share/jq

run fluxstat-json --help
is "--help: exit 0" "$rc" 0
like "--help: usage on stdout" "$T/out" '^usage: fluxstat-json -f PROGRAM.jq'
run fluxstat-json --version
like "--version" "$T/out" '^fluxstat-json \(fluxstat\) [0-9]'
fails 64 "no -f: usage error" fluxstat-json
fails 64 "--arg without a value" fluxstat-json -f "$JQ/portal.jq" --arg x
fails 64 "--arg with a name jq cannot use" fluxstat-json -f "$JQ/portal.jq" --arg 'a-b' 1

# ---- inputs: one document, NDJSON, several values per line, folders, stdin
echo '.a' >"$T/a.jq"
printf '{"a":1}\n{"a":2} {"a":"x"}\n' >"$T/nd.json"
printf '{\n  "a": [1,\n 2.5, "\\u00e9"]\n}\n' >"$T/doc.json"
run fluxstat-json -f "$T/a.jq" "$T/nd.json" "$T/doc.json"
printf '1\n2\n"x"\n[1,2.5,"\303\251"]\n' >"$T/want"
same "NDJSON and a multi-line document: each output compact, one per line" "$T/out" "$T/want"
fluxstat-json -f "$T/a.jq" <"$T/nd.json" >"$T/out1"
fluxstat-json -f "$T/a.jq" - <"$T/nd.json" >"$T/out2"
printf '1\n2\n"x"\n' >"$T/want"
same "no argument: stdin" "$T/out1" "$T/want"
same "-: stdin" "$T/out2" "$T/want"

printf '\357\273\277{"a":"bom"}\r\n' >"$T/bom.json"
run fluxstat-json -f "$T/a.jq" "$T/bom.json"
is "a UTF-8 byte order mark and CRLF (Windows editors) are fine" "$rc:$(cat "$T/out")" '0:"bom"'

mkdir -p "$T/dir/sub"
echo '{"a":"b"}' >"$T/dir/b.json"
echo '{"a":"a"}' >"$T/dir/a.json"
echo '{"a":"B"}' >"$T/dir/B.json"
echo '{"a":"txt"}' >"$T/dir/c.txt"
echo '{"a":"sub"}' >"$T/dir/sub/d.json"
echo '{"a":"outside"}' >"$T/outside.json"
ln -s ../outside.json "$T/dir/e.json"
run fluxstat-json -f "$T/a.jq" "$T/dir"
printf '"B"\n"a"\n"b"\n' >"$T/want"
same "a folder: its *.json regular files in byte order, no links, no subfolders" "$T/out" "$T/want"

run fluxstat-json -f "$T/a.jq" --arg who there --arg n 2 /dev/null
is "no value in /dev/null: no output, exit 0" "$rc:$(wc -c <"$T/out")" "0:0"
echo '"\($who) \($n)", ($n | type)' >"$T/args.jq"
echo null | fluxstat-json -f "$T/args.jq" --arg who there --arg n 2 >"$T/out"
printf '"there 2"\n"string"\n' >"$T/want"
same "--arg NAME VALUE: \$NAME is a string" "$T/out" "$T/want"

echo 'length' >"$T/len.jq"
run fluxstat-json -f "$T/len.jq" --slurp "$T/nd.json" "$T/doc.json"
is "--slurp: one array of every value of every input" "$(cat "$T/out")" 4

# ---- bad inputs
printf '{"a":1}\n{"a":2\n{"a":3}\n' >"$T/bad.json"
run fluxstat-json -f "$T/a.jq" "$T/nd.json" "$T/bad.json" "$T/doc.json"
is "bad JSON: exit 65" "$rc" 65
like "bad JSON: file and line" "$T/err" "bad.json:3: not valid JSON"
is "bad JSON: nothing on stdout" "$(wc -c <"$T/out")" 0
like "bad JSON: counted" "$T/err" '1 input was not good; wrote nothing'
run fluxstat-json --skip-bad -f "$T/a.jq" "$T/nd.json" "$T/bad.json" "$T/doc.json"
printf '1\n2\n"x"\n[1,2.5,"\303\251"]\n' >"$T/want"
is "--skip-bad: still exit 65" "$rc" 65
same "--skip-bad: the good files, none of the bad one" "$T/out" "$T/want"
# --max-bytes: a larger file is bad and never read (a sparse 2 GB one
# crashed libjq); --changed-since: a folder's older files are not inputs
mkdir "$T/big"
echo '{"a":"small"}' >"$T/big/a.json"
printf '{"a":"%0100d"}\n' 0 >"$T/big/b.json"
truncate -s 2G "$T/big/c.json"
run fluxstat-json --skip-bad --max-bytes 50 -f "$T/a.jq" "$T/big"
is "--max-bytes: the larger files are bad (65), the others written" "$rc|$(cat "$T/out")" '65|"small"'
like "--max-bytes: ... each named with its size" "$T/err" 'c.json: 2147483648 bytes, more than --max-bytes 50: not read'
rm "$T/big/c.json"
run fluxstat-json -f "$T/a.jq" "$T/big"
is "the default --max-bytes (1 MiB) lets an order item through" "$rc|$(wc -l <"$T/out")" "0|2"
touch -d 2026-11-20T00:00:00Z "$T/big/a.json"
touch -d 2026-11-28T00:00:00Z "$T/big/b.json"
run fluxstat-json --changed-since 2026-11-27T00:00:00+01:00 -f "$T/a.jq" "$T/big"
is "--changed-since: only the files of a folder changed since then" "$rc|$(wc -l <"$T/out")|$(cut -c1-4 "$T/out")" '0|1|"000'
run fluxstat-json --changed-since 2026-11-27T00:00:00+01:00 -f "$T/a.jq" "$T/big/a.json"
is "--changed-since: a FILE argument is always read" "$rc|$(cat "$T/out")" '0|"small"'
fails 64 "--changed-since: not an instant" fluxstat-json --changed-since yesterday -f "$T/a.jq" "$T/big"
printf '{"name": "Frau Schulz", "x": tru}\n' >"$T/pii-bad.json"
run fluxstat-json -f "$T/a.jq" "$T/pii-bad.json"
unlike "bad JSON: the message does not quote the input" "$T/err" 'Schulz|tru'

run fluxstat-json -f "$T/a.jq" "$T/nonesuch.json" "$T/nd.json"
is "missing input: exit 66" "$rc" 66
like "missing input: named" "$T/err" 'nonesuch.json: No such file'
is "missing input: nothing on stdout" "$(wc -c <"$T/out")" 0

echo '.a |' >"$T/broken.jq"
run fluxstat-json -f "$T/broken.jq" "$T/nd.json"
is "jq compile error: exit 64" "$rc" 64
like "jq compile error: jq's message, with the program file" "$T/err" 'broken.jq: jq error: syntax error'
is "jq compile error: nothing on stdout" "$(wc -c <"$T/out")" 0
echo '$nope' >"$T/undef.jq"
fails 64 "jq compile error: an undefined \$variable" fluxstat-json -f "$T/undef.jq" "$T/nd.json"
fails 66 "missing program file: exit 66" fluxstat-json -f nonesuch.jq "$T/nd.json"

echo '.name | error' >"$T/raise.jq"
printf '{"name":"Frau Schulz"}\n' >"$T/person.json"
run fluxstat-json -f "$T/raise.jq" "$T/nd.json" "$T/person.json"
is "uncaught jq error: exit 65" "$rc" 65
like "uncaught jq error: names the file and value" "$T/err" 'person.json: value 1: uncaught jq error'
unlike "uncaught jq error: the message does not quote the input" "$T/err" 'Schulz'
is "uncaught jq error: nothing on stdout" "$(wc -c <"$T/out")" 0

# ---- share/jq: install.json, portal.json, order items
cat >"$T/install.json" <<'EOF'
{"product": "Flux", "version": "10.2.3", "build": "10.2.3.4567",
 "installed_at": "2024-03-01T10:00:00Z",
 "license": {"serial": "FLX-7Q2M-K9ZP-SECRET", "licensee": "Druckerei Beispiel GmbH",
             "edition": "professional", "type": "subscription", "seats": 10,
             "expires": "2027-06-30"},
 "addons": [{"name": "export-import-job-data", "version": "1.4.0"},
            {"name": "meier-special-addon", "version": "0.9.1"},
            {"name": "web-shop", "version": "2.0.0"},
            {"name": "another-own-addon", "version": "5.0"},
            {"name": "web-shop", "version": "3.0.0"}]}
EOF
cat >"$T/want" <<'EOF'
{"labels":{},"metric":"install.version","value":"10.2.3"}
{"labels":{},"metric":"install.license.edition","value":"professional"}
{"labels":{},"metric":"install.license.type","value":"subscription"}
{"labels":{},"metric":"install.license.seats","value":10}
{"labels":{"addon":"export-import-job-data"},"metric":"install.addon","value":"1.4.0"}
{"labels":{"addon":"web-shop"},"metric":"install.addon","value":"2.0.0"}
{"labels":{"addon":"other"},"metric":"install.addon","value":"0.9.1"}
EOF
run fluxstat-json -f jq/install.jq "$T/install.json"
same "install.jq: install.*; one 'other' add-on, the first unknown one's version" "$T/out" "$T/want"
printf '{"version":"9","license":{"edition":"gold","type":7},"addons":"none"}\n' >"$T/odd.json"
run fluxstat-json -f jq/install.jq "$T/odd.json"
cat >"$T/want" <<'EOF'
{"labels":{},"metric":"install.version","value":"9"}
{"labels":{},"metric":"install.license.edition","value":"other"}
{"labels":{},"metric":"install.license.type","value":"other"}
EOF
same "install.jq: values outside a vocabulary are 'other', odd shapes tolerated" "$T/out" "$T/want"
fails 65 "install.jq: an install.json that is not an object is bad" \
	sh -c 'echo "[1]" | fluxstat-json -f jq/install.jq'

cat >"$T/portal.json" <<'EOF'
{"title": "Druckerei Beispiel Webshop", "theme": "blue", "languages": ["de", "en"],
 "features": {"guest_checkout": true, "online_payment": false, "budget_limits": "yes",
              "multi_language": 1, "approval_workflow": true, "secret_feature": true},
 "smtp": {"host": "mail.beispiel.de", "user": "shop@beispiel.de", "password": "hunter2"},
 "imprint": "Druckerei Beispiel GmbH, Hauptstr. 1, 12345 Musterstadt",
 "bank": {"iban": "DE89370400440532013000"}}
EOF
cat >"$T/want" <<'EOF'
{"labels":{"setting":"guest_checkout"},"metric":"webshop.portal.setting","value":1}
{"labels":{"setting":"online_payment"},"metric":"webshop.portal.setting","value":0}
{"labels":{"setting":"approval_workflow"},"metric":"webshop.portal.setting","value":1}
EOF
run fluxstat-json -f jq/portal.jq "$T/portal.json"
same "portal.jq: the known boolean features only, as 1/0" "$T/out" "$T/want"

mkdir "$T/items"
cat >"$T/items/4711_1.json" <<'EOF'
{"order_id": 4711, "item": 1, "created_at": "2026-11-29T14:03:00+01:00",
 "product": "Visitenkarten Premium Frau Schulz", "quantity": 500,
 "options": {"paper_format": "A4", "paper_type": "Bilderdruck 300g", "signature": "4p", "color": true},
 "customer_note": "bitte an Frau Schulz, Tel 0171 5551234"}
EOF
cat >"$T/items/4711_2.json" <<'EOF'
{"order_id": 4711, "item": 2, "created_at": 1764421380, "product": "Flyer Meier",
 "options": {"paper_format": "Meier Sonderformat 98x205"}, "customer_note": "hans@meier.de"}
EOF
echo '{"order_id": 4712, "item": 1, "product": "Plakat"}' >"$T/items/4712_1.json"
cat >"$T/want" <<'EOF'
{"created_at":"2026-11-29T14:03:00+01:00","paper_format":"A4"}
{"created_at":1764421380,"paper_format":"custom"}
{"created_at":null,"paper_format":"custom"}
EOF
run fluxstat-json -f jq/orderitems.jq "$T/items"
same "orderitems.jq: rows of created_at and paper_format only, custom formats" "$T/out" "$T/want"

# personal data never leaves: feed every program files full of it
for f in "$T/install.json" "$T/portal.json" "$T"/items/*.json; do
	fluxstat-json -f jq/install.jq "$f" || true
	fluxstat-json -f jq/portal.jq "$f" || true
	fluxstat-json -f jq/orderitems.jq "$f" || true
done >"$T/all" 2>"$T/all.err"
unlike "no personal field in any output of share/jq" "$T/all" \
	'FLX-|Beispiel|Schulz|Meier|Sonderformat|0171|hunter2|beispiel|DE89|Musterstadt|Visitenkarten|Plakat|Bilderdruck|4711|4712|500'
unlike "no personal field in any message either" "$T/all.err" \
	'FLX-|Beispiel|Schulz|Meier|Sonderformat|0171|hunter2|beispiel|DE89|Musterstadt|Visitenkarten|Plakat|Bilderdruck'

# every vocabulary list of the jq programs equals its file in share/vocab
n=0
bad=
for f in "$JQ"/*.jq; do
	grep '# vocab/[a-z_]*\.txt$' "$f" >"$T/lists" || true
	while IFS= read -r line; do
		v=${line##*# }
		printf '%s\n' "$line" | sed 's/#.*//' | grep -o '"[^"]*"' | tr -d '"' | sort >"$T/got"
		grep -v '^#' "$top_srcdir/share/$v" | grep -v '^$' | sort >"$T/voc"
		cmp -s "$T/got" "$T/voc" || bad="$bad $f:$v"
		n=$((n + 1))
	done <"$T/lists"
done
is "jq vocabulary lists equal share/vocab (5 lists)" "$n:$bad" "5:"

# many small files cost neither a process nor a compile each
mkdir "$T/many"
i=0
while [ $i -lt 2000 ]; do
	echo "{\"created_at\":\"2026-11-29T10:00:00Z\",\"options\":{\"paper_format\":\"A$((i % 7))\"}}" >"$T/many/$i.json"
	i=$((i + 1))
done
run fluxstat-json -f jq/orderitems.jq "$T/many"
is "2000 files in a folder: 2000 rows" "$rc:$(wc -l <"$T/out")" "0:2000"
is "2000 files: formats mapped (A3..A6 kept, A0..A2 custom)" \
	"$(grep -c custom "$T/out")" "$(find "$T/many" -name '*.json' -printf '%f\n' | awk -F. '$1 % 7 < 3' | wc -l | tr -d ' ')"

# ---- the reference installations: two days, two zones, DST included
c=0
for day in 2026-03-29 2026-11-29; do
	for tz in Europe/Berlin America/New_York; do
		c=$((c + 1))
		R=$T/flux$c
		mkflux --seed $((c * 11)) --day $day --tz $tz "$R" >/dev/null
		{
			fluxstat-json -f jq/install.jq "$R/install.json"
			fluxstat-json -f jq/portal.jq "$R/web/config/portal.json"
		} | LC_ALL=C sort >"$T/got$c"
		fluxstat-json -f jq/orderitems.jq "$R/web/orderitems" >"$T/rows$c"
		ok "mkflux $day $tz: none of the planted personal strings in any output" \
			sh -c '! grep -qF -f "$1" "$2" "$3"' sh "$R/planted.txt" "$T/got$c" "$T/rows$c"
		grep -E '"metric":"(install\.|webshop\.portal\.setting)' "$R/expected.ndjson" |
			LC_ALL=C sort >"$T/want$c"
		same "mkflux $day $tz: install.* and webshop.portal.setting equal expected.ndjson" "$T/got$c" "$T/want$c"
		period "$day" "$tz"
		fluxstat-json -f jq/orderitems.jq "$R/web/orderitems" |
			fluxstat-tally --metric usage.webshop.order_items \
			--by paper_format --time created_at --from "$from" --to "$to" |
			LC_ALL=C sort >"$T/got$c"
		grep -F '"metric":"usage.webshop.order_items"' "$R/expected.ndjson" |
			LC_ALL=C sort >"$T/want$c"
		same "mkflux $day $tz: order items through fluxstat-tally equal expected.ndjson" "$T/got$c" "$T/want$c"
	done
done

# -r: a string output as its text (how the shell scripts read a value);
# anything else still JSON
printf '{"a":"x y\\"z","b":[1]}\n' >"$T/raw.json"
printf '.a, .b\n' >"$T/raw.jq"
run fluxstat-json -r -f "$T/raw.jq" "$T/raw.json"
is "-r: a string unquoted, unescaped; an array as JSON" "$rc|$(cat "$T/out")" '0|x y"z
[1]'
run fluxstat-json -f "$T/raw.jq" "$T/raw.json"
is "without -r: the string as JSON" "$(head -n 1 "$T/out")" '"x y\"z"'
