#!/bin/sh
# Benchmark of flattor-report: synthetic rounds of 1,000 to 50,000 payees,
# one relay each, with their relays table.  Prints one row per size:
# payees, seconds, and the page's size in bytes.  The goal: 5,000 payees
# in well under a second, and (also a test, tests/t-report.sh) under 2 MB.
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() {
	awk -v n="$1" -v relays="$2" 'BEGIN {
		OFS = "\t"
		if (relays) {
			print "fingerprint", "nickname", "running", "flags",
			    "measured", "consensus_weight", "contact"
			for (i = 0; i < n; i++)
				print sprintf("%040X", i), "Relay" i, 1,
				    "Fast,Running,Valid", 1, 1000 + i,
				    sprintf("op%d btc:bc1q%038d", i, i)
			exit
		}
		print "operator", "address", "address_type", "relays",
		    "fingerprints", "weight", "share", "sat", "uncapped_sat",
		    "cap_reason"
		for (i = 0; i < n; i++)
			print sprintf("%040X", i), sprintf("bc1q%038d", i),
			    "p2wpkh", 1, sprintf("%040X", i), 1000 + i, "0.0001",
			    1000 + i, 1000 + i, ""
	}'
}
printf '%-14s %8s %8s %10s\n' tool payees seconds bytes
for n in 1000 5000 20000 50000; do
	gen $n 0 >"$tmp/in"
	gen $n 1 >"$tmp/relays"
	t0=$(date +%s.%N)
	"$bin/flattor-report" --relays "$tmp/relays" "$tmp/in" >"$tmp/out"
	t1=$(date +%s.%N)
	printf '%-14s %8d %8.3f %10d\n' flattor-report $n \
	    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
	    "$(wc -c <"$tmp/out")"
done
