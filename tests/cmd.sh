#!/bin/sh
# CLI golden tests, as TAP.
#
# Each case is a directory tests/cmd/TOOL/CASE/ holding:
#   args    the arguments, as shell words (required; may be empty)
#   in      standard input (default: empty)
#   out     the expected standard output (default: empty)
#   err     the expected standard error (default: empty)
#   status  the expected exit status (default: 0)
# The case runs in its own directory, with $DATA set to tests/data, $SCRATCH
# to an empty directory of its own (removed afterwards) and the tools first
# on PATH.  Expected stderr is part of the contract.
#
# tests/cmd.sh [-u] [CASE-DIR...]   -u rewrites out, err and status from a run
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${FLATTOR_BIN:-$top/build/bin}
export DATA="$top/tests/data"
export PATH="$bin:$top/scripts/bin:$PATH"
export LC_ALL=C TZ=UTC
update=0
if [ "${1:-}" = -u ]; then update=1; shift; fi
if [ $# -eq 0 ]; then
	set -- $(find "$top/tests/cmd" -mindepth 2 -maxdepth 2 -type d | sort)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
for dir in "$@"; do
	dir=$(cd "$dir" && pwd)
	tool=$(basename "$(dirname "$dir")")
	name="$tool/$(basename "$dir")"
	n=$((n + 1))
	if [ ! -f "$dir/args" ]; then
		echo "not ok $n - $name: no args file"
		failed=$((failed + 1))
		continue
	fi
	in=/dev/null
	[ -f "$dir/in" ] && in="$dir/in"
	want_status=0
	[ -f "$dir/status" ] && want_status=$(cat "$dir/status")
	rm -rf "$tmp/scratch" && mkdir "$tmp/scratch"
	( cd "$dir" && export SCRATCH="$tmp/scratch" &&
	    eval "set -- $(cat "$dir/args")" &&
	    exec "$tool" "$@" ) <"$in" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ $update = 1 ]; then
		if [ -s "$tmp/out" ]; then cp "$tmp/out" "$dir/out"; else rm -f "$dir/out"; fi
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/err"; else rm -f "$dir/err"; fi
		if [ $status != 0 ]; then echo $status >"$dir/status"; else rm -f "$dir/status"; fi
		echo "ok $n - $name (updated)"
		continue
	fi
	[ -f "$dir/out" ] || : >"$tmp/want-out"
	[ -f "$dir/err" ] || : >"$tmp/want-err"
	wo="$dir/out"; [ -f "$wo" ] || wo="$tmp/want-out"
	we="$dir/err"; [ -f "$we" ] || we="$tmp/want-err"
	ok=1
	if [ "$status" != "$want_status" ]; then ok=0; fi
	cmp -s "$tmp/out" "$wo" || ok=0
	cmp -s "$tmp/err" "$we" || ok=0
	if [ $ok = 1 ]; then
		echo "ok $n - $name"
		continue
	fi
	failed=$((failed + 1))
	echo "not ok $n - $name"
	echo "# args: $(cat "$dir/args")"
	[ "$status" != "$want_status" ] && echo "# status $status, expected $want_status"
	diff -u "$wo" "$tmp/out" | sed 's/^/# out: /' | head -40
	diff -u "$we" "$tmp/err" | sed 's/^/# err: /' | head -40
done
echo "1..$n"
[ $failed = 0 ]
