#!/bin/sh
# Benchmark of flattor-weigh: synthetic relay tables the size of today's
# network (10,000 relays) and ten times that, every relay with an address
# (about three relays per address, family ids linking a few).  Prints one
# row per size: relays, payees, seconds.
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() {
	awk -v n="$1" 'BEGIN {
		OFS = "\t"
		print "fingerprint", "nickname", "running", "flags", "measured",
		    "consensus_weight", "guard_probability",
		    "middle_probability", "exit_probability",
		    "advertised_bandwidth", "first_seen", "last_seen",
		    "country", "as", "family", "family_ids", "contact",
		    "address", "address_type", "address_source"
		x = 12345
		for (i = 0; i < n; i++) {
			x = (x * 1103515245 + 12345) % 2147483648
			fam = (i % 10 == 0 && i > 0) ? sprintf("%040d", i - 1) : ""
			print sprintf("%040d", i), "r" i, 1,
			    (x % 7 == 0 ? "Exit,Fast,Running,Valid" : "Fast,Guard,Running,Stable,Valid"),
			    (x % 50 == 0 ? 0 : 1), x % 100000,
			    sprintf("%.7e", (x % 1000) / 1e7), "2.5431e-05",
			    (x % 7 == 0 ? "1.2e-04" : "0.0"), x % 10000000,
			    "2025-01-01 00:00:00", "2026-09-04 03:00:00", "de",
			    "AS3320", fam, "id" int(i / 20), "",
			    sprintf("bc1qbench%08d", int(i / 3)), "p2wpkh",
			    "ciiss"
		}
	}'
}
printf '%-14s %8s %8s %8s\n' tool relays payees seconds
for n in 10000 100000; do
	gen $n >"$tmp/in"
	t0=$(date +%s.%N)
	"$bin/flattor-weigh" --amount 0.01btc "$tmp/in" >"$tmp/out"
	t1=$(date +%s.%N)
	printf '%-14s %8d %8d %8.3f\n' flattor-weigh $n \
	    $(($(grep -cv '^#' "$tmp/out") - 1)) \
	    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
done
