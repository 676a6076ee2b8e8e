#!/bin/sh
# What the sanitizer run (./configure --enable-sanitizers; make check)
# relies on: our jq programs avoid the builtins that leak in libjq 1.6,
# tests/lsan.supp names only libjq's own functions, each with its reason,
# and with it fluxstat-json runs programs that reach those leaks cleanly.
# In an ordinary build the last part passes trivially.
. "$top_srcdir/tests/lib.sh"
plan 8

S=$top_srcdir/tests/lsan.supp
# code lines (comments removed) of share/jq that call a leaking builtin
for f in "$top_srcdir"/share/jq/*.jq; do
	sed 's/#.*//' "$f" | grep -n -E '(^|[^a-z_])(index|indices|rindex|ltrimstr|rtrimstr)[ ]*\(' |
		sed "s|^|${f##*/}:|" || true
done >"$T/uses"
is "share/jq uses none of index, indices, rindex, ltrimstr, rtrimstr" "$(cat "$T/uses")" ""

grep -v '^#' "$S" | grep -v '^$' >"$T/entries" || true
is "lsan.supp: every entry suppresses a leak by a libjq function (jv_*)" \
	"$(grep -c -v '^leak:jv_[a-z_]*$' "$T/entries")" 0
awk '/^leak:/ { if (prev !~ /^#/) bad++ } { prev = $0 } END { print bad + 0 }' "$S" >"$T/bare"
is "lsan.supp: each entry has its reason written just above it" "$(cat "$T/bare")" 0

# the leaking builtins, each on input that leaks in libjq 1.6
leak() { # DESC PROGRAM INPUT EXPECTED
	printf '%s\n' "$2" >"$T/p.jq"
	printf '%s\n' "$3" >"$T/in.json"
	run fluxstat-json -f "$T/p.jq" "$T/in.json"
	is "$1" "$rc $(cat "$T/out") $(grep -c -E 'LeakSanitizer|AddressSanitizer' "$T/err")" "0 $4 0"
}
leak "ltrimstr on a number: its output, no leak report" '. | ltrimstr("x")' 1 1
leak "rtrimstr on an array: its output, no leak report" '. | rtrimstr("x")' '[1,2]' '[1,2]'
leak "index of a string in an array: null, no leak report" '. | index("a")' '[1,2]' null
leak "rindex of a string in an array: null, no leak report" '. | rindex("a")' '[1,2]' null
leak "indices of a string in an array: [], no leak report" '. | indices("a")' '[1,2]' '[]'
