#!/bin/sh
# fluxstat-fleet-report: a self-contained page (no script, nothing from
# the network), rendered by a real browser (Debian's chromium, headless);
# no group under K named in it.  The screenshot is kept beside this
# test's log: tests/1430-fleet-report.png.
# (lib.sh sets $T)
# shellcheck disable=SC2154,SC2086
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/fleet.sh"
plan 17

fleet_trees
run fluxstat-fleet-report --db "$T/fa.db" $PERIOD_A -o "$T/page"
is "it runs" "$rc" 0
is "it prints the page's path" "$(cat "$T/out")" "$T/page/index.html"
H=$T/page/index.html
is "five charts, inlined as SVG" "$(grep -c '<svg' "$H")" 5
is "eight sections" "$(grep -o '<section id=' "$H" | wc -l)" 8
unlike "no script" "$H" '<script|javascript:|onload='
unlike "nothing loaded from elsewhere" "$H" \
	'<link|<img|<iframe|<object|src=|url\(|@import|xlink:href="http'
like "the period is stated" "$H" "Report days 2026-02-01 to 2026-02-28"
like "the table under a chart" "$H" '<td>10\.3\.0</td><td class="n">31</td>'

small_names "$T/fa" $K_A >"$T/small"
unlike "no small group's name in the page" "$H" \
	"$(small_regex "$T/small")"
unlike "nor the rare version" "$H" '9\.8\.2'

# a real browser, no network (a proxy that does not exist catches any
# attempt); its network log shows every request the page itself made
# (their isolation key is the file:// page), besides chromium's own
png=$top_builddir/tests/1430-fleet-report.png
rm -f "$png"
HOME=$T/home
export HOME
mkdir -p "$HOME"
run timeout 120 chromium --headless --no-sandbox --disable-gpu \
	--proxy-server=127.0.0.1:9 --window-size=1280,4000 \
	--log-net-log="$T/net.json" --screenshot="$png" "file://$H"
is "chromium renders it" "$rc" 0
ok "a PNG" test "$(od -An -tx1 -N8 "$png" | tr -d ' ')" = 89504e470d0a1a0a
is "1280 x 4000 pixels" "$(od -An -tu1 -j16 -N8 "$png" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 "x" $5*16777216 + $6*65536 + $7*256 + $8 }')" 1280x4000
size=$(wc -c <"$png")
ok "of a sane size ($size bytes: charts and tables, not a blank page)" \
	test "$size" -gt 100000 -a "$size" -lt 20000000
ok "chromium wrote its network log" test -s "$T/net.json"
unlike "the page requested nothing from the network" "$T/net.json" \
	'network_isolation_key":"file://'

fails 64 "-o is required" fluxstat-fleet-report --db "$T/fa.db"
