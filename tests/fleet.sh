# tests/fleet.sh: the two generated fleets the fluxstat-fleet tests ask
# their questions of, sourced after tests/lib.sh.
#
#   fleet_trees          $T/fa and $T/fb, received trees from tests/mkfleet,
#                        and $T/fa.db, $T/fb.db, their SQLite stores (made by
#                        fluxstat-ingest | fluxstat-load)
#   QUESTIONS            the eight questions
#   PERIOD_A, PERIOD_B   the options of the period each fleet is asked about
#   small_names TREE K   the names of groups on fewer than K installations
#                        over all the tree's reports (so under K in any
#                        period), with a letter in them, one a line
#   small_regex FILE     those names as one extended regular expression
# (the variables are for the scripts that source this file)
# shellcheck disable=SC2034
QUESTIONS="installations versions setups adoption usage stability sources durations"
# fleet A: 40 installations over 60 days, February, K = 5 (the default)
PERIOD_A="--from 2026-02-01 --to 2026-02-28"
K_A=5
# fleet B: another seed, 25 installations over 45 days, the default
# period (the last 28 days stored: 2026-03-27 .. 2026-04-23), K = 3
PERIOD_B="--from 2026-03-27 --to 2026-04-23"
K_B=3

fleet_trees() {
	mkfleet --seed 1 --installations 40 --days 60 --start 2026-01-01 "$T/fa"
	mkfleet --seed 7 --installations 25 --days 45 --start 2026-03-10 "$T/fb"
	fluxstat-ingest -q "$T/fa" | fluxstat-load -q --db "$T/fa.db"
	fluxstat-ingest -q "$T/fb" | fluxstat-load -q --db "$T/fb.db"
}

small_names() {
	find "$1/installations" -name '*.json.gz' -exec zcat {} + | jq -r '
		.installation_id as $id | .metrics[]
		| select(.metric | test("^(install|device|config)\\."))
		| select(.metric != "device.cpu.model")
		| {id: $id, n: ([.metric, (.labels | to_entries[0].value // ""),
			(.value | tostring)] | if .[1] != "" then .[1] else .[2] end)}
		| "\(.n)\t\(.id)"' |
		sort -u | cut -f1 | uniq -c |
		awk -v k="$2" '$1 < k { $1 = ""; sub(/^ /, ""); print }' |
		grep '[A-Za-z]' | grep -v -x -e other -e none || true
}

small_regex() {
	# shellcheck disable=SC2016
	sed 's/[].[*^$()+?{|\\]/\\&/g' "$1" | paste -sd'|'
}
