#!/bin/sh
# fluxstat-days: the days a run reports and their bounds, against an
# independent oracle (tests/data/days/bounds.txt: DST days in three zones
# north and south, a day whose midnight does not exist, a day whose last
# hour repeats, leap days; written from the zones' rules, not computed);
# the watermark, the backlog, --date, the zone check, --set.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154,SC2010
. "$top_srcdir/tests/lib.sh"
plan 41

B=$top_srcdir/tests/data/days/bounds.txt
# --- the bounds of known days ---------------------------------------------------
while read -r z d f t lf lt h; do
	case $z in '#'* | '') continue ;; esac
	run fluxstat-days --tz "$z" --date "$d" --now 2030-01-01T00:00:00Z
	is "$z $d: $f .. $t, $h h" "$rc $(cat "$T/out")" \
		"0 {\"day\":\"$d\",\"from\":\"$f\",\"to\":\"$t\",\"local_from\":\"$lf\",\"local_to\":\"$lt\",\"hours\":$h}"
done <"$B"

# days ZONE NOW [ARGS]: the days printed, on one line
days() {
	_z=$1 _n=$2
	shift 2
	fluxstat-days --tz "$_z" --now "$_n" "$@" 2>"$T/err" | jq -r .day | tr '\n' ' '
}
W=$T/watermark
# --- which days ----------------------------------------------------------------
is "no watermark yet: yesterday only" "$(days UTC 2026-11-30T08:00:00Z --watermark "$W")" "2026-11-29 "
is "no --watermark, no --date: yesterday" "$(days UTC 2026-11-30T08:00:00Z)" "2026-11-29 "
is "'today' is the zone's: 23:30Z is already the next day in Berlin" \
	"$(days Europe/Berlin 2026-11-29T23:30:00Z)|$(days UTC 2026-11-29T23:30:00Z)" "2026-11-29 |2026-11-28 "
echo 2026-11-26 >"$W"
is "the days after the watermark up to yesterday" "$(days UTC 2026-11-30T08:00:00Z --watermark "$W")" \
	"2026-11-27 2026-11-28 2026-11-29 "
echo 2026-11-29 >"$W"
is "watermark at yesterday: nothing to report" "$(days UTC 2026-11-30T08:00:00Z --watermark "$W")" ""
echo 2028-02-27 >"$W"
is "across a leap day" "$(days UTC 2028-03-02T12:00:00Z --watermark "$W")" "2028-02-28 2028-02-29 2028-03-01 "
echo 2026-12-30 >"$W"
is "across the new year" "$(days Asia/Kolkata 2027-01-02T12:00:00Z --watermark "$W")" "2026-12-31 2027-01-01 "
echo 2026-11-01 >"$W"
is "more days behind than the backlog: only the last N" \
	"$(days UTC 2026-11-30T08:00:00Z --watermark "$W" --backlog 3)" "2026-11-27 2026-11-28 2026-11-29 "
like "... the skipped ones said on stderr" "$T/err" 'more than --backlog 3 days behind: 2026-11-02\.\.2026-11-26 skipped'
echo 2026-10-24 >"$W"
is "a 25-hour day within a run: the next day starts where it ends" \
	"$(fluxstat-days --tz Europe/Berlin --now 2026-10-27T12:00:00Z --watermark "$W" --backlog 2 2>/dev/null |
		jq -r '"\(.day) \(.from) \(.to)"' | tr '\n' ' ')" \
	"2026-10-25 2026-10-24T22:00:00Z 2026-10-25T23:00:00Z 2026-10-26 2026-10-25T23:00:00Z 2026-10-26T23:00:00Z "

# --- refusals ------------------------------------------------------------------
fails 64 "--date today: the day is not over" fluxstat-days --tz UTC --now 2026-11-30T08:00:00Z --date 2026-11-30
fails 64 "--date 2026-02-30: no such day" fluxstat-days --date 2026-02-30
fails 64 "--date 2100-02-29: not a leap year" fluxstat-days --date 2100-02-29
fails 64 "--date 29.11.2026: not YYYY-MM-DD" fluxstat-days --date 29.11.2026
run fluxstat-days --tz Mars/Olympus_Mons
is "an unknown zone: exit 78" "$rc" 78
like "... naming it" "$T/err" "unknown time zone 'Mars/Olympus_Mons'"
fails 78 "a zone name climbing out of the zone folder" fluxstat-days --tz ../../etc/passwd
echo yesterday >"$W"
run fluxstat-days --watermark "$W"
is "a watermark that is not a day: exit 78" "$rc" 78
like "... naming the file and what to do" "$T/err" "watermark:1: not a day .*remove the file"

# --- --set -----------------------------------------------------------------------
run fluxstat-days --watermark "$W" --set 2026-11-29
is "--set writes the day" "$rc $(cat "$W")" "0 2026-11-29"
is "... leaving no temporary file" "$(ls -a "$T" | grep -c '^\.watermark')" 0
mkdir "$T/ro"
chmod 500 "$T/ro"
if [ "$(id -u)" -eq 0 ]; then
	# root writes anywhere: a path below a file cannot be written by anyone
	run fluxstat-days --watermark "$W/below" --set 2026-11-29
else
	run fluxstat-days --watermark "$T/ro/watermark" --set 2026-11-29
fi
is "a watermark that cannot be written: exit 73" "$rc" 73
run fluxstat-days --help
like "--help" "$T/out" '^usage: fluxstat-days '
