#!/bin/sh
# fluxstat-fleet on SQLite: every question exact against tests/mkfleet's
# oracle for two fleets and periods; no group under K named anywhere.
# (lib.sh sets $T)
# shellcheck disable=SC2154,SC2086
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/fleet.sh"
plan 29

oracle() { "$top_srcdir/tests/fleet-oracle" "$@"; }
fleet_trees

for q in $QUESTIONS; do
	fluxstat-fleet --db "$T/fa.db" $PERIOD_A "$q" >"$T/a.$q"
	oracle $PERIOD_A -k $K_A "$T/fa" "$q" >"$T/a.$q.want"
	is "fleet A, $q: as the oracle" "$(jq -cS . "$T/a.$q")" \
		"$(jq -cS . "$T/a.$q.want")"
done
for q in $QUESTIONS; do
	# no --from/--to: the last 28 days the store holds
	fluxstat-fleet --db "$T/fb.db" -k $K_B "$q" >"$T/b.$q"
	oracle $PERIOD_B -k $K_B "$T/fb" "$q" >"$T/b.$q.want"
	is "fleet B, default period, K = $K_B, $q: as the oracle" \
		"$(jq -cS . "$T/b.$q")" "$(jq -cS . "$T/b.$q.want")"
done

ok "fleet A: some rows of every question" sh -c "for q in $QUESTIONS; do test -s '$T'/a.\$q || exit 1; done"
ok "the answers are sorted as stated (versions: installations desc)" \
	sh -c "jq -s -e '. == (sort_by([-.installations, .version]))' '$T/a.versions'"

# k-anonymity: the names of groups under K, from the raw reports
small_names "$T/fa" $K_A >"$T/small"
ok "there are small groups to look for ($(wc -l <"$T/small") names)" \
	test "$(wc -l <"$T/small")" -ge 3
like "the rare printer is one" "$T/small" "^HP Indigo 7K$"
for q in $QUESTIONS; do
	fluxstat-fleet --db "$T/fa.db" $PERIOD_A --table "$q" >>"$T/tables"
done
cat "$T"/a.* >"$T/answers"
unlike "no small group's name in any answer" "$T/answers" \
	"$(small_regex "$T/small")"
unlike "nor in any table" "$T/tables" \
	"$(small_regex "$T/small")"
unlike "the version on 2 installations is not named" "$T/answers" '"9\.8\.2"'
like "they are counted in other" "$T/a.setups" '"value":"other"'
fluxstat-fleet --db "$T/fa.db" $PERIOD_A -k 1 setups >"$T/k1"
like "with K = 1 (one's own data) they are named" "$T/k1" "HP Indigo 7K"

run fluxstat-fleet --db "$T/fa.db" --list
like "--list names the questions" "$T/out" "^durations "
fails 64 "an unknown question is a usage error" \
	fluxstat-fleet --db "$T/fa.db" nosuch
fails 64 "a bad day is a usage error" \
	fluxstat-fleet --db "$T/fa.db" --from 2026-02-30 versions
fails 66 "a missing store" fluxstat-fleet --db "$T/none.db" versions
