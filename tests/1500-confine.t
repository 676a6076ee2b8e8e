#!/bin/sh
# 1500-confine: the programs lock themselves in (fs_confine: Landlock,
# seccomp, no_new_privs).  confine-probe links the same function and tries
# what a compromised parser would; the real programs are caught while
# running and their /proc/PID/status read.
. "$top_srcdir/tests/lib.sh"

plan 39

P=confine-probe
echo data >"$T/in"
echo data >"$T/in2"
mkdir "$T/outdir" "$T/ro"

# --- what this kernel gives: every program says it in --version ---------
for p in bson json tally scrub report pack sqlite sys send; do
	fluxstat-$p --version | sed -n 2p
done | sort -u >"$T/version"
is "--version: one confinement line, the same for every program" \
	"$(wc -l <"$T/version" | tr -d ' ')" 1
like "--version names Landlock and the seccomp allowlist" "$T/version" \
	'^confinement: Landlock ABI [0-9]+ .*seccomp .*no_new_privs$'
abi=$(sed -n 's/.*Landlock ABI \([0-9]*\).*/\1/p' "$T/version")

# --- the probe: what a confined program can and cannot do ---------------
run $P status
like "confined: Seccomp: 2 (a filter)" "$T/out" '^Seccomp:[[:space:]]+2$'
like "confined: NoNewPrivs: 1" "$T/out" '^NoNewPrivs:[[:space:]]+1$'

fails 0 "reads a file it was given" $P -r "$T/in" read "$T/in"
fails 1 "cannot open /etc/passwd" $P -r "$T/in" read /etc/passwd
fails 1 "cannot read a sibling of its input" $P -r "$T/in" read "$T/in2"
run $P -r "$T/in" read /etc/passwd
like "the refusal is EACCES from Landlock" "$T/out" 'Permission denied'
fails 0 "reads the share folder" $P read "$FLUXSTAT_SHARE/catalog.json"
fails 0 "reads the time zone data" $P read /usr/share/zoneinfo/UTC

fails 0 "writes in its output folder" $P -w "$T/outdir" write "$T/outdir/x"
fails 1 "cannot write a file elsewhere" $P -w "$T/outdir" write "$T/y"
fails 1 "cannot write beside a file it may only read" $P -r "$T/ro" write "$T/ro/x"
fails 1 "cannot overwrite its input" $P -r "$T/in" write "$T/in"
is "the refused file was not made" "$(find "$T" -maxdepth 1 -name y | wc -l)" 0

fails 1 "cannot exec /bin/true" $P exec /bin/true
fails 1 "cannot exec itself" $P exec "$(command -v $P)"
run $P exec /bin/sh
like "exec: EPERM from seccomp" "$T/out" 'Operation not permitted'

fails 1 "cannot open a socket" $P socket
fails 0 "with net: may open a TCP socket" $P -n socket

stall-server "$T/port" 10 &
spid=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$T/port")
fails 0 "with net and its port: connects" $P -n -p "$port" connect "$port"
fails 1 "without net: cannot connect" $P connect "$port"
other=$((port == 65535 ? port - 1 : port + 1))
if [ "$abi" -ge 4 ]; then
	fails 1 "Landlock ABI $abi: a connect to another port is refused" \
		$P -n -p "$other" connect "$port"
else
	fails 0 "Landlock ABI $abi has no TCP rules: any port connects" \
		$P -n -p "$other" connect "$port"
fi
kill "$spid" 2>/dev/null || :
wait "$spid" 2>/dev/null || :

# --- the real programs, caught while they run ----------------------------
# Each waits on a FIFO for its input after it confined itself (or runs a
# slow query); the test reads its /proc/PID/status, then lets it finish.
caught() { # DESC FIFO|-|none PROGRAM ARGS...  (-: the FIFO is stdin)
	_d=$1 _f=$2
	shift 2
	rm -f "$T/fifo" "$T/st"
	if [ "$_f" = - ]; then
		mkfifo "$T/fifo"
		"$@" <"$T/fifo" >/dev/null 2>"$T/caught.err" &
		_pid=$!
		exec 3>"$T/fifo"
	else
		[ "$_f" = none ] || mkfifo "$_f"
		"$@" >/dev/null 2>"$T/caught.err" &
		_pid=$!
		[ "$_f" = none ] || exec 3>"$_f"
	fi
	_i=0
	while [ $_i -lt 100 ]; do
		grep -E '^(Seccomp|NoNewPrivs):' "/proc/$_pid/status" >"$T/st" 2>/dev/null || :
		grep -q '^Seccomp:[[:space:]]*2' "$T/st" && break
		sleep 0.05
		_i=$((_i + 1))
	done
	[ "$_f" = none ] || exec 3>&-
	[ "$_f" != none ] || kill "$_pid" 2>/dev/null || :
	wait "$_pid" || :
	like "$_d: Seccomp: 2" "$T/st" '^Seccomp:[[:space:]]+2$'
	like "$_d: NoNewPrivs: 1" "$T/st" '^NoNewPrivs:[[:space:]]+1$'
}
caught fluxstat-bson - fluxstat-bson
caught fluxstat-json - fluxstat-json -f jq/install.jq
caught fluxstat-tally - fluxstat-tally --metric usage.x
caught fluxstat-scrub - fluxstat-scrub
caught fluxstat-report - fluxstat-report --from 2026-11-29T00:00:00Z \
	--to 2026-11-30T00:00:00Z --installation-id 8c0f6a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6
caught fluxstat-pack - fluxstat-pack -o "$T/outdir/r.json.gz"
# fluxstat-sys confines itself first, then reads --root's os-release: a FIFO
mkdir -p "$T/root/etc"
caught fluxstat-sys "$T/root/etc/os-release" fluxstat-sys --root "$T/root"
# fluxstat-sqlite confines itself once its statements are prepared; this
# query counts for seconds
sqlite3 "$T/db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
cat >"$T/slow.sql" <<'EOF'
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000)
SELECT 'usage.x' AS metric, count(*) AS value FROM c;
EOF
caught fluxstat-sqlite none fluxstat-sqlite -f "$T/slow.sql" "$T/db"
