#!/bin/sh
# tests/mkfleet: deterministic, reports byte for byte the agent's, the
# planted facts visible in the oracle's answers, hostile reports listed.
. "$top_srcdir/tests/lib.sh"
plan 17

oracle() { "$top_srcdir/tests/fleet-oracle" "$@"; }

ok "a fleet of 12 installations over 30 days" \
	mkfleet --seed 3 --installations 12 --days 30 --start 2026-03-01 "$T/a"
mkfleet --seed 3 --installations 12 --days 30 --start 2026-03-01 "$T/b"
mkfleet --seed 4 --installations 12 --days 30 --start 2026-03-01 "$T/c"
(cd "$T/a" && find . -type f | LC_ALL=C sort | xargs sha256sum) >"$T/a.sum"
(cd "$T/b" && find . -type f | LC_ALL=C sort | xargs sha256sum) >"$T/b.sum"
(cd "$T/c" && find . -type f | LC_ALL=C sort | xargs sha256sum) >"$T/c.sum"
same "the same seed gives the same bytes" "$T/b.sum" "$T/a.sum"
ok "another seed gives another fleet" sh -c "! cmp -s '$T/a.sum' '$T/c.sum'"
n=$(find "$T/a/installations" -name '*.json.gz' | wc -l)
ok "some reports are missing (joining, leaving, silent days): $n < 360" \
	test "$n" -lt 360 -a "$n" -gt 250
is "one folder per installation" \
	"$(find "$T/a/installations" -mindepth 1 -maxdepth 1 -printf '%f\n' | grep -Ec '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')" 12

# a sample of reports made again by the agent's own programs
bad=0
for f in $(find "$T/a/installations" -name '*.json.gz' | LC_ALL=C sort | awk 'NR % 37 == 1'); do
	zcat "$f" >"$T/doc"
	jq -c '.metrics[]' "$T/doc" >"$T/records"
	fluxstat-scrub "$T/records" >"$T/scrubbed" 2>/dev/null
	cmp -s "$T/records" "$T/scrubbed" || bad=$((bad + 1))
	fluxstat-report --from "$(jq -r .period.from "$T/doc")" \
		--to "$(jq -r .period.to "$T/doc")" \
		--installation-id "$(jq -r .installation_id "$T/doc")" \
		--trigger "$(jq -r .trigger "$T/doc")" \
		--generated-at "$(jq -r .generated_at "$T/doc")" "$T/scrubbed" |
		fluxstat-pack -o "$T/again.json.gz"
	cmp -s "$T/again.json.gz" "$f" || bad=$((bad + 1))
done
is "reports pass the scrubber unchanged and equal fluxstat-report | fluxstat-pack" "$bad" 0
ok "several time zones" test "$(find "$T/a/installations" -name '*.json.gz' -exec zcat {} + | jq -r '.period.from[19:]' | sort -u | wc -l)" -ge 3

# the planted facts, in a fleet of 40 over 60 days
mkfleet --installations 40 --days 60 --start 2026-01-01 "$T/f"
mkfleet --planted --days 60 --start 2026-01-01 >"$T/planted"
P() { jq -r ".$1" "$T/planted"; }
oracle --from 2026-01-01 --to 2026-01-14 "$T/f" versions >"$T/early"
oracle --from 2026-02-17 --to 2026-03-01 "$T/f" versions >"$T/late"
is "rollout: $(P rollout_version) absent in the first two weeks" \
	"$(jq -r "select(.version == \"$(P rollout_version)\") | .version" "$T/early")" ""
ok "rollout: $(P rollout_version) on most installations at the end" \
	test "$(jq "select(.version == \"$(P rollout_version)\") | .share > 0.6" "$T/late")" = true
oracle --from 2026-01-01 --to 2026-03-01 "$T/f" stability >"$T/stab"
rate() { jq -r "select(.version == \"$1\" and .error == \"$2\") | .rate * 1000000 | floor" "$T/stab"; }
new=$(rate "$(P rollout_version)" "$(P rising_error)")
old=$(rate 10.2.0 "$(P rising_error)")
ok "$(P rising_error) rises after the upgrade ($old -> $new per million)" \
	test "$new" -gt $((old * 5))
oracle --from 2026-01-01 --to 2026-03-01 "$T/f" sources >"$T/src"
is "$(P failing_source) fails on $(P rollout_version) only" \
	"$(jq -r "select(.source == \"$(P failing_source)\" and .error_days > 0) | .version" "$T/src")" \
	"$(P rollout_version)"
oracle -k 1 --from 2026-01-01 --to 2026-03-01 "$T/f" adoption >"$T/adopt"
unlike "$(P unused_addon) is used by nobody" "$T/adopt" "addon.$(P unused_addon)"
find "$T/f/installations" -name '*.json.gz' -exec zcat {} + |
	jq -r "select(any(.metrics[]; .labels.model == \"$(P rare_printer)\")) | .installation_id" |
	sort -u | wc -l >"$T/rare"
is "$(P rare_printer) is on 2 installations" "$(cat "$T/rare")" 2
oracle -k 1 --from 2026-01-01 --to 2026-03-01 "$T/f" setups >"$T/setups1"
like "with K = 1 it is named" "$T/setups1" "\"value\":\"$(P rare_printer)\""
oracle --from 2026-01-01 --to 2026-03-01 "$T/f" setups >"$T/setups5"
unlike "with K = 5 it is not named" "$T/setups5" "$(P rare_printer)"
like "it is inside other" "$T/setups5" '"dimension":"config.printers","value":"other"'

mkfleet --seed 3 --installations 12 --days 30 --start 2026-03-01 --hostile "$T/h"
is "ten hostile reports, listed with their kind" \
	"$(cut -d' ' -f2 "$T/h/hostile.txt" | tr '\n' ' ')" \
	"bomb truncated not_json schema unknown_metric label_value pii duplicate installation_id day "
