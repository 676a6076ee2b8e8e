#!/bin/sh
# kill -9 of fluxstat-run at moments spread over a whole run (the wrapper
# alone in even trials, its whole process group in odd ones), then a
# normal run: every day is delivered exactly once and whole, nothing
# partial is left in the state or the receiver, no stale lock turns the
# normal run away, no work files are left.  Real programs, a mkflux
# installation, a file:// receiver; two days a run.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154,SC2012
. "$top_srcdir/tests/lib.sh"
plan 8

RUN=$top_builddir/pipelines/fluxstat-run
TRIALS=20
mkflux --seed 5 --scale 1 --day 2026-11-29 --tz UTC "$T/root" >/dev/null
today=$(TZ=UTC0 date +%F)
dayago() { TZ=UTC0 date -d "$today -$1 days" +%F; }
want="$(dayago 2).json.gz $(dayago 1).json.gz "
ST=$T/state
RX=$T/rx
cat >"$T/conf" <<EOF2
FLUX_ROOT=$T/root
FLUXSTAT_STATE=$ST
FLUXSTAT_TZ=UTC
FLUXSTAT_SPLAY=0
FLUXSTAT_BACKLOG_DAYS=2
FLUXSTAT_ENDPOINT=file://$RX
EOF2
fresh() {
	rm -rf "$ST" "$RX"
	mkdir -p "$ST" "$RX"
	dayago 3 >"$ST/watermark"
}
ms() { date +%s%3N; }
# the length of a whole run, to spread the kills over
fresh
t0=$(ms)
run "$RUN" --config "$T/conf" --trigger startup
d=$(($(ms) - t0))
is "a whole run (${d} ms) delivers both days" "$rc|$(ls "$RX"/installations/*/reports | tr '\n' ' ')" "0|$want"

bad_rc='' bad_days='' bad_whole='' bad_partial='' bad_work='' bad_wm='' killed=0
i=1
while [ "$i" -le "$TRIALS" ]; do
	# a moment spread over the run, the same for every execution; when
	# the run was over before it (the machine got quicker), again earlier
	at=$((d * ((i * 37) % 90) / 100))
	# shellcheck disable=SC2034
	for try in 1 2 3 4; do
		fresh
		# setsid: the run leads its own process group, as under cron
		setsid "$RUN" --config "$T/conf" --trigger startup >/dev/null 2>&1 &
		pid=$!
		sleep "$((at / 1000)).$(printf '%03d' $((at % 1000)))"
		if [ $((i % 2)) -eq 0 ]; then
			kill -9 "$pid" 2>/dev/null && hit=1 || hit=0
		else
			kill -9 -- "-$pid" 2>/dev/null && hit=1 || hit=0
		fi
		wait "$pid" 2>/dev/null || :
		[ "$hit" -eq 0 ] || { killed=$((killed + 1)); break; }
		at=$((at / 2))
	done
	# what the wrapper started goes on without it; wait for it to end
	n=0
	while kill -0 -- "-$pid" 2>/dev/null && [ "$n" -lt 200 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	rc=0
	"$RUN" --config "$T/conf" --trigger startup >"$T/out.$i" 2>&1 || rc=$?
	[ "$rc" -eq 0 ] || bad_rc="$bad_rc $i:$rc"
	for dir in "$RX"/installations/*/reports; do
		[ "$(ls "$dir" | tr '\n' ' ')|$(ls "$ST/sent" | tr '\n' ' ')|$(ls "$ST/spool")" = "$want|$want|" ] ||
			bad_days="$bad_days $i"
		for f in "$dir"/*.json.gz; do
			cmp -s "$f" "$ST/sent/${f##*/}" && fluxstat-pack -d "$f" >/dev/null 2>&1 ||
				bad_whole="$bad_whole $i:${f##*/}"
		done
	done
	left=$(find "$ST" -name '.*' -type f | sed "s|^$ST/||" | tr '\n' ' ')
	[ -z "$left" ] || bad_partial="$bad_partial $i:$left"
	[ -z "$(ls -d "$ST"/work.* 2>/dev/null)" ] || bad_work="$bad_work $i"
	[ "$(cat "$ST/watermark")" = "$(dayago 1)" ] || bad_wm="$bad_wm $i"
	i=$((i + 1))
done
is "every kill landed in a live run" "$killed" "$TRIALS"
is "every normal run after a kill exits 0 (no stale lock, nothing in its way)" "$bad_rc" ""
is "every day delivered exactly once, sent/ the same, the spool empty" "$bad_days" ""
is "every delivered report whole, the same bytes as in sent/" "$bad_whole" ""
is "no temporary file left anywhere in the state" "$bad_partial" ""
is "no work folder left" "$bad_work" ""
is "the watermark at yesterday" "$bad_wm" ""
