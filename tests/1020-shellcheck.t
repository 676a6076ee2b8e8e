#!/bin/sh
# Every shell script of pipelines/ and the tests of fluxstat-run
# and the receiver's job pass shellcheck as POSIX sh, when shellcheck is installed.
. "$top_srcdir/tests/lib.sh"
command -v shellcheck >/dev/null 2>&1 || plan skip_all "shellcheck is not installed"
cd "$top_srcdir"
set -- pipelines/*.in tests/1000-run.t tests/1010-pipelines.t tests/1200-e2e.t \
	tools/fluxstat-receive.in tests/fuzz/run.sh
plan $#
for f; do
	ok "shellcheck $f" shellcheck -s sh -x -P SCRIPTDIR -e SC1091 "$f"
done
