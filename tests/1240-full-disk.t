#!/bin/sh
# A full state file system: every way out of fluxstat-run is a documented
# sysexits status with a message naming what could not be written (never
# exit 1, never a bare "cannot make an installation id"), and nothing half
# written is left.  The state is a 64 KiB tmpfs, mounted in a private mount
# namespace (unshare -rm: no privilege needed on Debian), then filled.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154,SC2016
. "$top_srcdir/tests/lib.sh"
plan 8

RUN=$top_builddir/pipelines/fluxstat-run
mkflux --seed 5 --scale 1 --day 2026-11-29 --tz UTC "$T/root" >/dev/null
ST=$T/state
mkdir "$ST"
cat >"$T/conf" <<EOF2
FLUX_ROOT=$T/root
FLUXSTAT_STATE=$ST
FLUXSTAT_TZ=UTC
FLUXSTAT_SPLAY=0
FLUXSTAT_ENDPOINT=file://$T/rx
EOF2
mkdir "$T/rx"
# full CMD...: run CMD with a full 64 KiB tmpfs on $ST (its files as
# PREPARE left them, copied in first), status in $rc
full() {
	rc=0
	unshare -rm sh -c '
		d=$1
		shift
		tar -C "$d" -cf "$d.tar" . && mount -t tmpfs -o size=64k tmpfs "$d" &&
		tar -C "$d" -xf "$d.tar" && rm -f "$d.tar" || exit 99
		# fill it: nothing more fits
		head -c 1048576 /dev/zero >"$d/.filler" 2>/dev/null || :
		"$@"
		rc=$?
		find "$d" -name ".*.??????" >"$d.partial" 2>/dev/null
		ls -A "$d" >"$d.ls"
		exit $rc' sh "$ST" "$@" >"$T/out" 2>"$T/err" || rc=$?
}
full "$RUN" --config "$T/conf" --trigger startup
is "no room for the installation id: exit 73 (not 1, not 70)" "$rc" 73
like "... naming the file and the reason" "$T/err" "installation-id.*: write error: No space left on device"
is "... nothing half written left" "$(cat "$ST.partial")" ""
# an id and a spool, then no room for the report
fluxstat-state --id --make "$ST" >/dev/null
mkdir "$ST/spool"
full "$RUN" --config "$T/conf" --trigger startup --no-send
case $rc in 7[0-8] | 6[4-9]) r=sysexits ;; *) r=$rc ;; esac
is "no room for the report: a sysexits status" "$r" sysexits
like "... what could not be written said" "$T/err" "^fluxstat-run: cannot .*$ST"
is "... no half report in the spool" "$(cat "$ST.partial")" ""
is "... the watermark not moved" "$(grep -c watermark "$ST.ls")" 0
full "$RUN" --config "$T/conf" --status
is "--status on a full disk still answers" "$rc" 0
