#!/bin/sh
# The manual: every page, written (tools/, pipelines/, doc/) or made at
# build time (the .in pages with the installation paths filled in, and
# fluxstat-catalog(7) from the catalogue), passes mandoc -Tlint without a
# single warning; the made ones have no @placeholder@ left; every
# fluxstat page one refers to exists; no display line (.Dl, .D1) ends in a lone "."
# (mandoc takes it for punctuation: ".Dl ... | jq ." renders as "jq.").
# (lib.sh sets $T)
# shellcheck disable=SC2154
. "$top_srcdir/tests/lib.sh"
plan 6

: >"$T/pages"
: >"$T/missing"
for f in "$top_srcdir"/tools/*.[1-8] "$top_srcdir"/pipelines/*.[1-8] \
	"$top_srcdir"/doc/*.[1-8]; do
	[ -f "$f" ] || continue
	# in a build inside the source tree the made pages are here too
	[ -f "$f.in" ] || echo "$f" >>"$T/pages"
done
: >"$T/made"
for f in "$top_srcdir"/tools/*.[1-8].in "$top_srcdir"/pipelines/*.[1-8].in \
	"$top_srcdir"/doc/*.[1-8].in; do
	[ -f "$f" ] || continue
	m=${f#"$top_srcdir"/}
	m=$top_builddir/${m%.in}
	if [ -f "$m" ]; then echo "$m" >>"$T/made"; else echo "$m" >>"$T/missing"; fi
done
if [ -f "$top_builddir/fluxstat-catalog.7" ]; then
	echo "$top_builddir/fluxstat-catalog.7" >>"$T/made"
else
	echo "$top_builddir/fluxstat-catalog.7" >>"$T/missing"
fi
cat "$T/made" >>"$T/pages"

is "every page made from a .in, and fluxstat-catalog.7, is built" "$(cat "$T/missing")" ""
ok "there are written and made pages (at least 15)" test "$(wc -l <"$T/pages")" -ge 15

rc=0
# shellcheck disable=SC2046 # one path per line, none with blanks
mandoc -Tlint -W warning $(cat "$T/pages") >"$T/lint" 2>&1 || rc=$?
is "mandoc -Tlint: no warning in any page" "$rc:$(cat "$T/lint")" "0:"

# shellcheck disable=SC2046
grep -n '@[a-z_]*@' $(cat "$T/made") >"$T/left" || true
is "made pages: every @placeholder@ filled in" "$(cat "$T/left")" ""

# the pages we have, as NAME SECTION
sed 's|.*/||; s|\.\([1-8]\)$| \1|' "$T/pages" | sort -u >"$T/have"
# shellcheck disable=SC2046
grep -h '^\.Xr fluxstat' $(cat "$T/pages") | awk '{ print $2, $3 }' | sort -u >"$T/refs"
is "every fluxstat page referred to (.Xr) exists" "$(comm -23 "$T/refs" "$T/have")" ""

# shellcheck disable=SC2046
grep -nE '^\.(Dl|D1) .* \.$' $(cat "$T/pages") >"$T/dot" || true
is "no display line (.Dl, .D1) ends in a lone . (write \\&.)" "$(cat "$T/dot")" ""
