#!/bin/sh
# Replays every saved fuzz input through its target (built by make test
# with tests/fuzz/driver.c): inputs that once crashed must not crash again.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-build}
n=0 failed=0
for t in "$top"/tests/fuzz/fuzz-*.c; do
	name=$(basename "$t" .c)
	target=${name#fuzz-}
	exe="$top/$build/fuzz/$name"
	n=$((n + 1))
	set -- "$top/tests/fuzz/corpus/$target"/*
	if [ ! -e "$1" ]; then echo "not ok $n - $name: empty corpus"; failed=$((failed + 1)); continue; fi
	if "$exe" "$@" >/dev/null 2>"$top/$build/fuzz/$name.err"; then
		echo "ok $n - $name: $# saved inputs"
	else
		echo "not ok $n - $name"; sed 's/^/# /' "$top/$build/fuzz/$name.err" | head -20
		failed=$((failed + 1))
	fi
done
echo "1..$n"
[ $failed = 0 ]
