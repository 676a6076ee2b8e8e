#!/bin/sh
# 1520-package: the Debian packages build (in a copy of the tree),
# lintian finds no error or warning, they install, the agent previews a
# report as the user fluxstat from a tests/mkflux installation it reads
# through ACLs, fluxstat-inventory names a store that user cannot read,
# and dpkg --purge leaves nothing of ours behind.  Needs root (CI has it):
# it installs and purges packages on this machine.
. "$top_srcdir/tests/lib.sh"

plan 26

is "running as root (the test installs packages)" "$(id -u)" 0
for p in dpkg-buildpackage dh lintian fakeroot setfacl runuser jq mkflux; do
	command -v "$p" >/dev/null 2>&1 || echo "# $p: not found (./quickstart installs it)"
done

# a fluxstat left installed by an earlier, interrupted run goes first
for p in fluxstat-receiver fluxstat; do
	if dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q installed; then
		dpkg --purge "$p" >/dev/null 2>&1 || :
	fi
done

# --- build --------------------------------------------------------------
mkdir "$T/src"
(cd "$top_srcdir" && tar --exclude=./.git --exclude='./build*' \
	--exclude=./_build --exclude=./demo --exclude=./autom4te.cache \
	-cf - .) | tar -C "$T/src" -xf -
chmod -R u+w "$T/src"	# make distcheck's sources are read-only
rc=0
(cd "$T/src" && DEB_BUILD_OPTIONS="nocheck parallel=2" \
	dpkg-buildpackage -us -uc -b) >"$T/build.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || tail -n 40 "$T/build.log" | sed 's/^/# /'
is "dpkg-buildpackage -us -uc -b" "$rc" 0
agent=$(find "$T" -maxdepth 1 -name 'fluxstat_*.deb' | sort | head -n 1)
receiver=$(find "$T" -maxdepth 1 -name 'fluxstat-receiver_*.deb' | sort | head -n 1)
ok "built fluxstat" test -f "$agent"
ok "built fluxstat-receiver" test -f "$receiver"
dpkg-deb -c "$receiver" >"$T/receiver.list"
like "fluxstat-receiver holds the nginx configuration" "$T/receiver.list" \
	'/usr/share/fluxstat/receiver/fluxstat-receiver\.conf$'

rc=0
lintian --fail-on error,warning "$T"/fluxstat_*.changes >"$T/lintian" 2>&1 || rc=$?
sed 's/^/# lintian: /' "$T/lintian"
is "lintian: no errors, no warnings" "$rc" 0

# --- install --------------------------------------------------------------
rc=0
dpkg -i "$agent" "$receiver" >"$T/install.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || sed 's/^/# /' "$T/install.log"
is "dpkg -i both packages" "$rc" 0
is "the user fluxstat: system user, home /var/lib/fluxstat, no login shell" \
	"$(getent passwd fluxstat | cut -d: -f6,7)" "/var/lib/fluxstat:/usr/sbin/nologin"
is "its state folder: 0700 fluxstat" "$(stat -c '%a %U' /var/lib/fluxstat)" "700 fluxstat"
is "the configuration: 0640 root:fluxstat" \
	"$(stat -c '%a %U:%G' /etc/fluxstat/fluxstat.conf)" "640 root:fluxstat"
dpkg-query -W -f '${Conffiles}\n' fluxstat >"$T/conffiles"
like "the configuration is a conffile" "$T/conffiles" '^ /etc/fluxstat/fluxstat\.conf '
ok "the timer is enabled" test -L /etc/systemd/system/timers.target.wants/fluxstat.timer
like "the cron lines run as fluxstat" /etc/cron.d/fluxstat '^0 0 \* \* \*[[:space:]]+fluxstat[[:space:]]'
like "and stand aside where systemd runs" /etc/cron.d/fluxstat '\[ -d /run/systemd/system \] \|\|'
/usr/bin/fluxstat-scrub --version >"$T/version"
like "installed programs confine themselves" "$T/version" '^confinement: Landlock'

# --- a run as fluxstat ------------------------------------------------------
day=$(TZ=UTC0 date -d yesterday +%F)
mkflux --seed 5 --scale 1 --day "$day" --tz UTC "$T/flux" >/dev/null
# the stores readable by fluxstat through ACLs, as fluxstat-run(8) says,
# the default ACL included (files made later inherit it)
setfacl -m u:fluxstat:x "$T"
setfacl -R -m u:fluxstat:rX "$T/flux"
setfacl -R -d -m u:fluxstat:rX "$T/flux"
# The Flux server runs: its WAL databases are open, so their -wal and -shm
# files exist, through which a reader without write access reads them.
mkfifo "$T/hold4" "$T/hold5"
sqlite3 -cmd 'SELECT count(*) FROM sqlite_master;' "$T/flux/monitoring/Monitoring.db" \
	<"$T/hold4" >/dev/null 2>&1 &
sqlite3 -cmd 'SELECT count(*) FROM sqlite_master;' "$T/flux/web/FluxWeb.db" \
	<"$T/hold5" >/dev/null 2>&1 &
exec 4>"$T/hold4" 5>"$T/hold5"
i=0
while { [ ! -e "$T/flux/monitoring/Monitoring.db-shm" ] ||
	[ ! -e "$T/flux/web/FluxWeb.db-shm" ]; } && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
cat >"$T/fluxstat.conf" <<EOF
FLUX_ROOT=$T/flux
FLUXSTAT_TZ=UTC
FLUXSTAT_SPLAY=0
EOF
setfacl -m u:fluxstat:r "$T/fluxstat.conf"
as_fluxstat() {
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C \
		runuser -u fluxstat -- "$@"
}
rc=0
as_fluxstat fluxstat-run --config "$T/fluxstat.conf" --preview --date "$day" \
	>"$T/preview.json" 2>"$T/preview.err" || rc=$?
sed 's/^/# preview: /' "$T/preview.err"
is "fluxstat-run --preview as fluxstat" "$rc" 0
is "the preview is a report" "$(jq -r .schema "$T/preview.json" 2>/dev/null)" fluxstat.report/1
is "every source was read" "$(jq -r '[.metrics[] | select(.metric == "health.source.status") | .value] | unique | join(",")' "$T/preview.json" 2>/dev/null)" ok
is "the first run made the installation id, owned by fluxstat" \
	"$(stat -c %U /var/lib/fluxstat/installation-id 2>/dev/null)" fluxstat

# one store taken away from fluxstat: the inventory says so
setfacl -x u:fluxstat "$T/flux/web/FluxWeb.db"
as_fluxstat fluxstat-inventory --config "$T/fluxstat.conf" >"$T/inv" 2>"$T/inv.err" || :
like "fluxstat-inventory: the store is unreadable for fluxstat" "$T/inv" \
	'Flux Web DB.*not readable by the user fluxstat'
as_fluxstat fluxstat-run --config "$T/fluxstat.conf" --preview --date "$day" \
	>"$T/preview2.json" 2>/dev/null || :
is "the report says the web shop could not be read" \
	"$(jq -r '.metrics[] | select(.metric == "health.source.status" and .labels.source == "webshop") | .value' "$T/preview2.json" 2>/dev/null)" error

exec 4>&- 5>&-	# the server stops
wait

# --- purge ----------------------------------------------------------------
rc=0
dpkg --purge fluxstat-receiver fluxstat >"$T/purge.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || sed 's/^/# /' "$T/purge.log"
is "dpkg --purge both" "$rc" 0
find /etc /lib /usr /var /run /opt -xdev -name '*fluxstat*' 2>/dev/null |
	grep -v '^/var/lib/dpkg/\(status\|available\)' >"$T/left" || :
sed 's/^/# left: /' "$T/left"
is "purge left no file" "$(wc -l <"$T/left" | tr -d ' ')" 0
is "purge removed the user" "$(getent passwd fluxstat || :)" ""
is "purge removed the group" "$(getent group fluxstat || :)" ""
is "no package of ours is known to dpkg" \
	"$(dpkg-query -W -f '${Package} ${Status}\n' 'fluxstat*' 2>/dev/null | grep -v 'not-installed' || :)" ""
