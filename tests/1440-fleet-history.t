#!/bin/sh
# fluxstat-history: the admin's own view, made from a real sent/ folder:
# fluxstat-run on tests/mkflux installations for three days, sending to a
# file:// receiver; the page holds those days and names what a fleet
# report with K = 5 would hide (one installation is all of its data).
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154,SC2012
. "$top_srcdir/tests/lib.sh"
plan 12

RUN=$top_builddir/pipelines/fluxstat-run
root=$T/flux
state=$T/state
mkdir -p "$T/receiver"
cat >"$T/conf" <<EOF
FLUX_ROOT=$root
FLUXSTAT_STATE=$state
FLUXSTAT_TZ=Europe/Berlin
FLUXSTAT_SPLAY=0
FLUXSTAT_ENDPOINT=file://$T/receiver
EOF
for day in 2026-11-27 2026-11-28 2026-11-29; do
	rm -rf "$root"
	mkflux --seed 3 --scale 1 --day "$day" --tz Europe/Berlin "$root" >/dev/null
	"$RUN" --config "$T/conf" --date "$day" >/dev/null 2>&1 || true
done
is "the agent sent three reports" "$(ls "$state/sent" | tr '\n' ' ')" \
	"2026-11-27.json.gz 2026-11-28.json.gz 2026-11-29.json.gz "

run fluxstat-history --sent "$state/sent" -o "$T/page" --db "$T/own.db"
is "fluxstat-history runs" "$rc" 0
H=$T/page/index.html
ok "it writes the page" test -s "$H"
like "the whole archive: its first to its last day" "$H" \
	"Report days 2026-11-27 to 2026-11-29"
like "K = 1: one's own data is named" "$H" "fewer than 1 installations"
version=$(fluxstat-pack -d "$state/sent/2026-11-29.json.gz" |
	jq -r '.metrics[] | select(.metric == "install.version") | .value')
like "its version is named ($version)" "$H" "<td>$version</td>"
is "the store holds the three days" \
	"$(fluxstat-fleet --db "$T/own.db" --from 2026-11-27 --to 2026-11-29 installations | jq -s -c 'map(.installations)')" \
	"[1,1,1]"
fluxstat-fleet --db "$T/own.db" --from 2026-11-27 --to 2026-11-29 versions >"$T/k5"
like "with K = 5 the same store names nothing" "$T/k5" '"version":"other"'
unlike "... not even the version" "$T/k5" "\"$version\""
fails 66 "a missing archive" fluxstat-history --sent "$T/none" -o "$T/x"
run "$RUN" --config "$T/conf" --history "$T/page2"
is "fluxstat-run --history DIR: status 0" "$rc" 0
like "... the same page, from the state folder's sent/" "$T/page2/index.html" \
	"Report days 2026-11-27 to 2026-11-29"
