# tests/lib.sh: sourced by every tests/NNNN-<tool>.t.  Prints TAP.
#
#   plan N                    the number of tests
#   ok DESC CMD...            passes when CMD exits 0
#   fails STATUS DESC CMD...  passes when CMD exits with exactly STATUS
#   is DESC GOT EXPECTED      passes when the two strings are equal
#   same DESC FILE1 FILE2     passes when the two files are byte-identical
#   like DESC FILE REGEX      passes when FILE has a line matching REGEX (grep -E)
#   unlike DESC FILE REGEX    passes when no line of FILE matches
#   need PROGRAM...           bails out (a failure, never a skip) unless
#                             every PROGRAM is on PATH
#   as_nobody CMD...          runs CMD as uid/gid 65534 when root (root
#                             reads and writes everything), else as is
#   run CMD...                runs CMD with stdout in $T/out, stderr in $T/err,
#                             its status in $rc; never fails the script
#   period DAY ZONE           sets $from and $to to the instants that bound
#                             DAY in ZONE, as UTC YYYY-MM-DDTHH:MM:SSZ, and
#                             $lfrom and $lto to the same as local times,
#                             from the hand-written oracle
#                             tests/data/days/bounds.txt (fails for a day
#                             that is not there: add it, checked by zdump)
#
# $T is a private temporary folder, removed when every test passed and
# kept (and named) when one failed.  Programs come from the build tree:
# make check puts tools/ and tests/ of the build first on PATH and sets
# FLUXSTAT_SHARE to the source tree's share/.

set -eu
LC_ALL=C
export LC_ALL
unset DO_NOT_TRACK FLUXSTAT_ANALYTICS 2>/dev/null || true
exec </dev/null
umask 077

: "${top_srcdir:?run this test through make check}"
: "${top_builddir:?run this test through make check}"
export top_srcdir top_builddir

T=$(mktemp -d "${TMPDIR:-/tmp}/fluxstat-test.XXXXXX")
_tap_n=0
_tap_failed=0

_tap_end() {
	_tap_rc=$?
	if [ "$_tap_failed" -eq 0 ] && [ "$_tap_rc" -eq 0 ]; then
		rm -rf "$T"
	else
		echo "# kept the test folder: $T"
	fi
}
trap _tap_end EXIT

plan() {
	echo "1..$1"
}

# A missing program is a failure: ./quickstart check installs them all.
bail() {
	echo "Bail out! $*"
	exit 1
}
need() {
	for _p; do
		command -v "$_p" >/dev/null 2>&1 ||
			bail "$_p: not found (./quickstart check installs what the tests need)"
	done
}

# Checks of what a user may not read or write cannot run as root, who may
# do anything: as root they run as nobody instead.  What CMD must reach
# has to be open to others (chmod a+rX, and o+x on $T).
as_nobody() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else
		"$@"
	fi
}

_tap_result() { # status desc
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_failed=$((_tap_failed + 1))
	fi
}

_tap_diag() {
	sed 's/^/# /' | head -n 40
}

ok() {
	_d=$1
	shift
	if "$@" >"$T/.ok.out" 2>&1; then
		_tap_result 0 "$_d"
	else
		_tap_result 1 "$_d"
		_tap_diag <"$T/.ok.out"
	fi
}

fails() {
	_want=$1
	_d=$2
	shift 2
	_got=0
	"$@" >"$T/.ok.out" 2>&1 || _got=$?
	if [ "$_got" -eq "$_want" ]; then
		_tap_result 0 "$_d"
	else
		_tap_result 1 "$_d"
		echo "# exit status $_got, expected $_want"
		_tap_diag <"$T/.ok.out"
	fi
}

is() {
	if [ "$2" = "$3" ]; then
		_tap_result 0 "$1"
	else
		_tap_result 1 "$1"
		printf '%s\n' "$2" >"$T/.got"
		printf '%s\n' "$3" >"$T/.want"
		diff -u "$T/.want" "$T/.got" | _tap_diag || true
	fi
}

same() {
	if cmp -s "$2" "$3"; then
		_tap_result 0 "$1"
	else
		_tap_result 1 "$1"
		diff -u "$3" "$2" | _tap_diag || true
	fi
}

like() {
	if grep -Eq -- "$3" "$2"; then
		_tap_result 0 "$1"
	else
		_tap_result 1 "$1"
		echo "# no line matches: $3"
		_tap_diag <"$2"
	fi
}

unlike() {
	if grep -Eq -- "$3" "$2"; then
		_tap_result 1 "$1"
		echo "# a line matches: $3"
		grep -E -- "$3" "$2" | _tap_diag
	else
		_tap_result 0 "$1"
	fi
}

# shellcheck disable=SC2034 # rc, from and to are for the tests
run() {
	rc=0
	"$@" >"$T/out" 2>"$T/err" || rc=$?
}

# Never computed: date(1) was how fluxstat-run found the bounds, and the
# library's fs_day_bounds is how fluxstat-days does; a test must not check
# a method against itself.
# shellcheck disable=SC2034
period() {
	_p=$(grep "^$2 $1 " "$top_srcdir/tests/data/days/bounds.txt") || {
		echo "period: $1 in $2 is not in tests/data/days/bounds.txt" >&2
		return 1
	}
	# shellcheck disable=SC2086
	set -- $_p
	from=$3 to=$4 lfrom=$5 lto=$6
}
