#!/bin/sh
# Benchmark of flattor-cap: synthetic payee tables of 1,000 to 30,000
# payees, about half of them below the dust threshold (the worst case of
# the one-at-a-time dropping), capped at 2% per operator.  Prints one row
# per size: payees, dropped, seconds.
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() {
	awk -v n="$1" 'BEGIN {
		OFS = "\t"
		print "operator", "address", "address_type", "sat"
		x = 777
		for (i = 0; i < n; i++) {
			x = (x * 1103515245 + 12345) % 2147483648
			print sprintf("%040d", int(i / 3)),
			    sprintf("bc1qbench%08d", i), "p2wpkh",
			    (i % 2 ? x % 280 : x % 100000)
		}
	}'
}
printf '%-14s %8s %8s %8s\n' tool payees dropped seconds
for n in 1000 3000 10000 30000; do
	gen $n >"$tmp/in"
	t0=$(date +%s.%N)
	"$bin/flattor-cap" --max-share 0.02 "$tmp/in" >"$tmp/out" 2>/dev/null
	t1=$(date +%s.%N)
	printf '%-14s %8d %8d %8.3f\n' flattor-cap $n \
	    "$(grep -c 'min-sat$' "$tmp/out")" \
	    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
done
