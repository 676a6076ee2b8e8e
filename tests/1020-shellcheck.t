#!/bin/sh
# Every shell file of the project passes shellcheck as POSIX sh: the
# pipeline scripts and their library, fluxstat-run, fluxstat-inventory,
# quickstart and the CI entry, the test library and every test script,
# the benchmarks.
# (The tests' jq programs and sh -c scripts are in single quotes on
# purpose: SC2016 is off for them.)
. "$top_srcdir/tests/lib.sh"
need shellcheck
cd "$top_srcdir"
set --
for f in pipelines/*.in tools/*.in quickstart .ci/run tests/*.sh tests/fuzz/*.sh tests/*.t bench/*.sh \
    tests/fleet-oracle; do
	# the man pages made from .in are not shell
	case $f in *.[1-8].in) continue ;; esac
	set -- "$@" "$f"
done
plan $#
for f; do
	case $f in
	tests/*) ok "shellcheck $f" shellcheck -s sh -x -P SCRIPTDIR -e SC1091,SC2016 "$f" ;;
	*) ok "shellcheck $f" shellcheck -s sh -x -P SCRIPTDIR -e SC1091 "$f" ;;
	esac
done
