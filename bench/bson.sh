#!/bin/sh
# bench/bson.sh: fluxstat-bson's speed and memory (issue 3).  A benchmark,
# not a test: it prints figures and the goals, and exits 1 if a goal is
# missed.
#
#   bench/bson.sh [BUILDDIR]      BUILDDIR defaults to ./build; it needs
#                                 tools/fluxstat-bson and tests/bsongen
#                                 (make check, or make tests/bsongen)
#
# 1. `fluxstat-bson --fields job_type,created_at` over 400k order documents
#    against a Python script doing the same projection with pymongo's bson
#    module (Debian's python3-pymongo, C extension) and against
#    `cat file >/dev/null`.  Goals: >= 10x pymongo, <= 4x cat.  The two
#    programs' outputs must be byte-identical.
# 2. The same projection over 400k "rich" orders (tests/bsongen rich: a
#    note of a few hundred bytes and an array of item subdocuments that the
#    projection skips but still validates) against cat.  Goal: <= 4x cat.
# 3. Peak RSS for 100k and 1M documents (goal: flat, within 1 MiB).
#
# Each command runs several times on a warm page cache; the best wall time
# counts (the machine may be shared), and the mean CPU time (user+sys),
# which a busy machine disturbs less.  The goals are judged on wall time.
set -eu
LC_ALL=C
export LC_ALL

build=${1:-build}
B=$build/tools/fluxstat-bson
G=$build/tests/bsongen
PY=/usr/bin/python3
for p in "$B" "$G"; do
	[ -x "$p" ] || { echo "bench/bson.sh: $p not built (make check)" >&2; exit 69; }
done
$PY -c 'import bson' 2>/dev/null ||
	{ echo "bench/bson.sh: no pymongo: apt-get install python3-pymongo" >&2; exit 69; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/fluxstat-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM

cat >"$dir/proj.py" <<'EOF'
# the same projection with pymongo's bson module: relaxed Extended JSON,
# compact, absent fields left out
import sys
import bson
from bson import json_util

fields = sys.argv[1].split(",")
opts = json_util.RELAXED_JSON_OPTIONS
out = sys.stdout
with open(sys.argv[2], "rb") as f:
    for doc in bson.decode_file_iter(f):
        row = {k: doc[k] for k in fields if k in doc}
        out.write(json_util.dumps(row, json_options=opts, separators=(",", ":")))
        out.write("\n")
EOF

# best NAME RUNS CMD...: the fastest wall time of RUNS runs with its max RSS,
# and the CPU time (user+sys) per run measured over all RUNS together (the
# clock ticks at 10 ms: one run of cat is below that)
best() {
	_name=$1 _runs=$2
	shift 2
	_best=
	_i=0
	while [ $_i -lt "$_runs" ]; do
		/usr/bin/time -f '%e %M' -o "$dir/time" "$@" >/dev/null
		read -r _e _m <"$dir/time"
		if [ -z "$_best" ] || awk -v a="$_e" -v b="${_best%% *}" 'BEGIN { exit !(a < b) }'; then
			_best="$_e $_m"
		fi
		_i=$((_i + 1))
	done
	# shellcheck disable=SC2016 # expanded by that sh
	/usr/bin/time -f '%U %S' -o "$dir/time" sh -c '
		n=$1; shift; i=0
		while [ $i -lt $n ]; do "$@" >/dev/null; i=$((i + 1)); done' sh "$_runs" "$@"
	read -r _u _s <"$dir/time"
	# shellcheck disable=SC2086,SC2046 # numbers, split on purpose
	set -- $_best $(awk -v u="$_u" -v s="$_s" -v n="$_runs" 'BEGIN { printf "%.3f", (u + s) / n }')
	echo "$1 $3 $2" >"$dir/$_name"
	printf '%-32s wall %6.2f s  cpu %7.3f s  max RSS %7d KiB\n' "$_name" "$1" "$3" "$2"
}

$G orders 400000 >"$dir/orders.bson"
size=$(wc -c <"$dir/orders.bson")
echo "400000 order documents, $size bytes ($(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"
cat "$dir/orders.bson" >/dev/null

"$B" --fields job_type,created_at "$dir/orders.bson" >"$dir/a.json"
$PY "$dir/proj.py" job_type,created_at "$dir/orders.bson" >"$dir/b.json"
if cmp -s "$dir/a.json" "$dir/b.json"; then
	echo "outputs of fluxstat-bson and pymongo: identical ($(wc -l <"$dir/a.json") rows)"
else
	echo "outputs of fluxstat-bson and pymongo DIFFER"
	exit 1
fi

best cat 20 cat "$dir/orders.bson"
best fluxstat-bson 10 "$B" --fields job_type,created_at "$dir/orders.bson"
best pymongo 1 $PY "$dir/proj.py" job_type,created_at "$dir/orders.bson"
gzip -c "$dir/orders.bson" >"$dir/orders.bson.gz"
best "fluxstat-bson, .bson.gz input" 3 "$B" --fields job_type,created_at "$dir/orders.bson.gz"
best "fluxstat-bson, whole documents" 3 "$B" "$dir/orders.bson"
"$G" archive -b 100 flux.orders=400000 flux.order_items=400000 >"$dir/dump.archive"
best "archive of 800k, --ns orders" 3 "$B" --ns flux.orders \
	--fields job_type,created_at "$dir/dump.archive"

read -r cat_w cat_c _ <"$dir/cat"
read -r fb_w fb_c _ <"$dir/fluxstat-bson"
read -r py_w py_c _ <"$dir/pymongo"
status=0
awk -v f="$fb_w" -v p="$py_w" -v c="$cat_w" -v fc="$fb_c" -v pc="$py_c" -v cc="$cat_c" 'BEGIN {
	printf "speed-up over pymongo: %.1fx wall, %.1fx cpu (goal >= 10x)\n", p / f, pc / fc
	printf "cost over cat:         %.1fx wall, %.1fx cpu (goal <= 4x)\n", f / c, fc / (cc > 0 ? cc : 0.001)
	exit !(p / f >= 10 && f / c <= 4)
}' || status=1
rm -f "$dir/orders.bson.gz" "$dir/dump.archive"

"$G" rich 400000 >"$dir/rich.bson"
echo "400000 rich order documents, $(wc -c <"$dir/rich.bson") bytes"
best "cat, rich" 10 cat "$dir/rich.bson"
best "fluxstat-bson, rich" 5 "$B" --fields job_type,created_at "$dir/rich.bson"
read -r cat_w cat_c _ <"$dir/cat, rich"
read -r fb_w fb_c _ <"$dir/fluxstat-bson, rich"
awk -v f="$fb_w" -v c="$cat_w" -v fc="$fb_c" -v cc="$cat_c" 'BEGIN {
	printf "rich, cost over cat:   %.1fx wall, %.1fx cpu (goal <= 4x)\n", f / c, fc / (cc > 0 ? cc : 0.001)
	exit !(f / c <= 4)
}' || status=1
rm -f "$dir/rich.bson"

"$G" orders 100000 >"$dir/100k.bson"
"$G" orders 1000000 >"$dir/1m.bson"
best "max RSS, 100k documents" 3 "$B" --fields job_type,created_at "$dir/100k.bson"
best "max RSS, 1M documents" 3 "$B" --fields job_type,created_at "$dir/1m.bson"
read -r _ _ m1 <"$dir/max RSS, 100k documents"
read -r _ _ m2 <"$dir/max RSS, 1M documents"
awk -v a="$m1" -v b="$m2" 'BEGIN {
	printf "peak RSS 100k -> 1M documents: %d -> %d KiB (goal: flat, within 1024 KiB)\n", a, b
	exit !(b - a <= 1024)
}' || status=1
exit $status
