#!/bin/sh
# 1510-units: the systemd units are hardened: systemd-analyze security
# rates each service's exposure 2.0 or less (10 is a service with every
# privilege), offline, on the files as installed.
. "$top_srcdir/tests/lib.sh"

plan 8

for u in fluxstat.service fluxstat-startup.service; do
	cp "$top_builddir/share/systemd/$u" "$T/$u"
	run systemd-analyze security --offline=true --no-pager "$T/$u"
	is "$u: systemd-analyze security ran" "$rc" 0
	score=$(sed -n "s/.*Overall exposure level for $u: \([0-9.]*\).*/\1/p" "$T/out")
	printf '# %s: exposure %s\n' "$u" "$score"
	ok "$u: exposure $score <= 2.0" awk -v s="$score" 'BEGIN { exit !(s != "" && s + 0 <= 2.0) }'
	like "$u: runs as the user fluxstat" "$T/$u" '^User=fluxstat$'
	like "$u: no capabilities at all" "$T/$u" '^CapabilityBoundingSet=$'
done
