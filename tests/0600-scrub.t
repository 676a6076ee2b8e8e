#!/bin/sh
# fluxstat-scrub: the catalogue's rules, the PII detectors, malformed
# lines, the summary; planted personal data never gets through.
. "$top_srcdir/tests/lib.sh"
plan 47

D=$top_srcdir/tests/data/scrub

# clean records of every catalogued metric (every word of every label)
# pass unchanged
scrub-random clean >"$T/clean"
run fluxstat-scrub -q "$T/clean"
is "clean records: exit 0" "$rc" 0
same "clean records pass byte for byte" "$T/out" "$T/clean"
is "nothing on stderr with -q" "$(cat "$T/err")" ""
is "every metric is in the clean set" \
    "$(sed 's/.*"metric":"\([^"]*\)".*/\1/' "$T/clean" | sort -u | wc -l)" \
    "$(grep -c '{"metric": "' "$top_srcdir/share/catalog.json")"

# real CPU model names (the one free-text value) pass unchanged
while IFS= read -r c; do
	printf '{"labels":{},"metric":"device.cpu.model","value":"%s"}\n' "$c"
done <"$D/cpu-models.txt" >"$T/cpus"
run fluxstat-scrub -q "$T/cpus"
same "real CPU model names pass unchanged" "$T/out" "$T/cpus"

# key order, extra keys, missing labels object: canonical output
cat >"$T/in" <<'IN'
{"value":2,"source":"mongodb","metric":"config.printers","labels":{"model":"HP Indigo 7K"}}
{"metric":"webshop.users","value":17}
IN
run fluxstat-scrub -q "$T/in"
is "canonical form, extra keys dropped" "$(cat "$T/out")" \
'{"labels":{"model":"HP Indigo 7K"},"metric":"config.printers","value":2}
{"labels":{},"metric":"webshop.users","value":17}'

# the rules, one record each
cat >"$T/in" <<'IN'
{"metric":"config.printers.secret","labels":{},"value":1}
{"metric":"config.printers","labels":{"model":"Printer of Anna Schulz"},"value":2}
{"metric":"usage.webshop.order_items","labels":{"paper_format":"Visitenkarte 85x55"},"value":3}
{"metric":"config.printers","labels":{"model":"HP Indigo 7K","room":"Büro Schulz"},"value":4}
{"metric":"config.system.setting","labels":{"setting":"smtp_password"},"value":1}
{"metric":"usage.jobs.printed","labels":{},"value":5}
{"metric":"install.version","labels":{},"value":10}
{"metric":"webshop.users","labels":{},"value":"17"}
{"metric":"install.version","labels":{},"value":"10.2.3 beta"}
{"metric":"device.cpu.model","labels":{},"value":"Anna Schulz"}
{"metric":"device.cpu.model","labels":{},"value":"AMD EPYC 7B13 64-Core Processor"}
{"metric":"device.cpu.model","labels":{},"value":"Intel CPU of anna@example.com"}
{"metric":"device.cpu.model","labels":{},"value":"Intel CPU ０１７１２３４５６７８"}
{"metric":"device.os.name","labels":{},"value":"Anna's Linux"}
{"metric":"install.license.edition","labels":{},"value":"professional"}
{"metric":"health.source.status","labels":{"source":"mongodb"},"value":"broken"}
{"metric":"install.addon","labels":{"addon":"web-shop"},"value":"192.168.1.23"}
{"metric":"config.email.service","labels":{},"value":"smtp.example.com"}
IN
run fluxstat-scrub -s "$T/stats.json" "$T/in"
is "rules: exit 0 (no malformed line)" "$rc" 0
is "rules: what passes, mapped where a fallback exists" "$(cat "$T/out")" \
'{"labels":{"model":"other"},"metric":"config.printers","value":2}
{"labels":{"paper_format":"custom"},"metric":"usage.webshop.order_items","value":3}
{"labels":{"model":"HP Indigo 7K"},"metric":"config.printers","value":4}
{"labels":{},"metric":"device.cpu.model","value":"AMD EPYC 7B13 64-Core Processor"}
{"labels":{},"metric":"device.os.name","value":"other"}
{"labels":{},"metric":"install.license.edition","value":"professional"}
{"labels":{},"metric":"config.email.service","value":"other"}'
is "stats file: counts per rule and per metric" "$(cat "$T/stats.json")" \
'{"dropped":11,"dropped_by_metric":{"config.system.setting":1,"device.cpu.model":3,"health.source.status":1,"install.addon":1,"install.version":2,"usage.jobs.printed":1,"webshop.users":1},"dropped_by_rule":{"info_value":4,"label_value":1,"missing_label":1,"not_catalogued":1,"pii_email":1,"pii_ipv4":1,"wrong_type":2},"labels_removed":1,"passed":7,"read":18,"values_mapped":4}'
like "summary on stderr" "$T/err" '18 records: 7 passed, 11 dropped \(.*not_catalogued 1'
like "summary per metric" "$T/err" 'dropped by metric: .*device.cpu.model 3'
unlike "summary never names an uncatalogued metric" "$T/err" 'secret'
unlike "summary never shows a dropped value" "$T/err" 'Schulz|anna|192\.168|beta|smtp'

# the wall's edges: internationalised mail domains, numbers outside their
# range, versions shaped like phone numbers; both sides of each
cat >"$T/in" <<'IN'
{"metric":"device.cpu.model","labels":{},"value":"Intel CPU info@xn--mller-kva.xn--p1ai"}
{"metric":"device.cpu.model","labels":{},"value":"AMD Ryzen 9 3900 12-Core Processor"}
{"metric":"install.license.seats","labels":{},"value":4111111111111111}
{"metric":"install.license.seats","labels":{},"value":100000}
{"metric":"config.system.setting","labels":{"setting":"ldap_auth"},"value":2}
{"metric":"config.system.setting","labels":{"setting":"ldap_auth"},"value":1}
{"metric":"usage.pages.printed","labels":{"color":"mono"},"value":-1}
{"metric":"health.jobs.duration_ms","labels":{"quantile":"max"},"value":2.5e15}
{"metric":"install.version","labels":{},"value":"30.123.456.78"}
{"metric":"install.version","labels":{},"value":"10.2.3.4567"}
{"metric":"device.os.version","labels":{},"value":"20240823"}
{"metric":"device.os.version","labels":{},"value":"20241399"}
{"metric":"device.os.version","labels":{},"value":"none"}
IN
run fluxstat-scrub -s "$T/stats.json" "$T/in"
is "edges: what passes" "$(cat "$T/out")" \
'{"labels":{},"metric":"device.cpu.model","value":"AMD Ryzen 9 3900 12-Core Processor"}
{"labels":{},"metric":"install.license.seats","value":100000}
{"labels":{"setting":"ldap_auth"},"metric":"config.system.setting","value":1}
{"labels":{},"metric":"install.version","value":"10.2.3.4567"}
{"labels":{},"metric":"device.os.version","value":"20240823"}
{"labels":{},"metric":"device.os.version","value":"none"}'
like "edges: out-of-range numbers counted" "$T/stats.json" '"out_of_range":4'
like "edges: the punycode address is an email" "$T/stats.json" '"pii_email":1'
like "edges: dotted phone and impossible date refused as versions" "$T/stats.json" '"info_value":2'
like "edges: out_of_range in the summary" "$T/err" 'out_of_range 4'

# numbers typed into every counted field: card and phone numbers pass
# no count (a byte count of that size is plausible: only those may pass),
# the 16-digit cards nowhere, and what passes is in range
scrub-random inject-numbers "$D/planted-numbers.txt" >"$T/num.in"
run fluxstat-scrub -q "$T/num.in"
is "planted numbers: exit 0" "$rc" 0
is "planted numbers: no 16-digit card number passes" \
    "$(grep -E '"value":(4111111111111111|5500000000000004)}' "$T/out" || true)" ""
is "planted numbers: card and phone numbers only as byte counts" \
    "$(grep -E '"value":(378282246310005|491711234567|1711234567)}' "$T/out" |
    grep -Ev '[._]bytes"' || true)" ""
is "planted numbers: no negative or huge value passes" \
    "$(grep -E '"value":(-|1e|2\.5e)' "$T/out" || true)" ""
run scrub-random check <"$T/out"
is "planted numbers: the output obeys the catalogue's ranges" "$rc" 0

# malformed lines: dropped, named by place, never by content; exit 65
printf '%s\n' \
    '{"metric":"webshop.users","value":1}' \
    '{"metric":"webshop.users","value":1, "note":"Anna Schulz"' \
    'Anna Schulz, 0171 2345678' \
    '{"metric":"webshop.users","labels":{"a":1},"value":1}' \
    '{"metric":"webshop.users","value":2}' >"$T/in"
run fluxstat-scrub "$T/in"
is "malformed: exit 65" "$rc" 65
is "malformed: the good records still pass" "$(cat "$T/out")" \
'{"labels":{},"metric":"webshop.users","value":1}
{"labels":{},"metric":"webshop.users","value":2}'
like "malformed: file and line named" "$T/err" "$T/in:2: dropped: not a record"
like "malformed: third line named" "$T/err" "$T/in:3: dropped: not a record"
unlike "malformed: no text of the line in a message" "$T/err" 'Schulz|0171'
like "malformed: counted in the summary" "$T/err" 'malformed 3'

# invalid UTF-8 is malformed, not passed
printf '{"metric":"device.cpu.model","value":"Intel \377 CPU"}\n' >"$T/in"
run fluxstat-scrub -q "$T/in"
is "invalid UTF-8: exit 65" "$rc" 65
is "invalid UTF-8: nothing passed" "$(cat "$T/out")" ""

# planted personal data, as label values, info values, unknown fields,
# label names and metric names of every catalogued metric
scrub-random inject "$D/planted.txt" >"$T/planted.in"
run fluxstat-scrub -q "$T/planted.in"
is "planted (fixture): exit 0" "$rc" 0
grep -F -f "$D/planted.txt" "$T/out" >"$T/leak" || true
is "planted (fixture): no planted string in the output" "$(cat "$T/leak")" ""
ok "planted (fixture): records with the clean parts still pass" test -s "$T/out"
run scrub-random check <"$T/out"
is "planted (fixture): the output obeys the catalogue" "$rc" 0
scrub-random inject-names "$D/planted.txt" >"$T/planted.in"
run fluxstat-scrub "$T/planted.in"
is "planted as metric names: malformed lines, exit 65" "$rc" 65
is "planted as metric names: nothing passes" "$(cat "$T/out")" ""
grep -F -f "$D/planted.txt" "$T/err" >"$T/leak" || true
is "planted as metric names: none in a message" "$(cat "$T/leak")" ""

mkflux --seed 1 --day 2026-11-29 --tz Europe/Berlin "$T/flux" >/dev/null
P=$T/flux/planted.txt
scrub-random inject "$P" >"$T/planted2.in"
scrub-random inject-names "$P" >>"$T/planted2.in"
run fluxstat-scrub "$T/planted2.in"
is "planted (mkflux): exit 65 (names are malformed lines)" "$rc:$(test -s "$P" && echo planted)" 65:planted
grep -F -f "$P" "$T/out" "$T/err" >"$T/leak" || true
is "planted (mkflux): no planted string in the output" \
    "$(cat "$T/leak")" ""

# files and stdin, "-"
printf '{"metric":"webshop.users","value":1}\n' >"$T/a"
printf '{"metric":"webshop.users","value":2}\n' | fluxstat-scrub -q "$T/a" - >"$T/out"
is "a file and stdin, in order" "$(cat "$T/out")" \
'{"labels":{},"metric":"webshop.users","value":1}
{"labels":{},"metric":"webshop.users","value":2}'
fails 66 "a missing file: exit 66" fluxstat-scrub -q "$T/nonexistent"
fails 78 "a missing catalogue: exit 78" fluxstat-scrub -c "$T/nonexistent.json" "$T/a"
printf '{"schema":"fluxstat.catalog/1","sections":[],"metrics":[{"metric":"x"}]}\n' >"$T/cat.json"
fails 78 "a bad catalogue: exit 78" fluxstat-scrub -c "$T/cat.json" "$T/a"
fails 64 "an unknown option: exit 64" fluxstat-scrub --frobnicate
run fluxstat-scrub --help
like "--help prints the usage on stdout" "$T/out" '^usage: fluxstat-scrub'
run fluxstat-scrub --version
like "--version" "$T/out" '^fluxstat-scrub \(fluxstat\) [0-9]'
