#!/bin/sh
# Benchmark of flattor-weigh: synthetic relay tables of 1,000 to 1,000,000
# relays, one payee (address) per relay, split among as many payees as
# there are relays, two shapes side by side:
#   random       pseudo-random consensus weights (1 to 100,000), 0.01 BTC
#   adversarial  weights 1000 + i, 200,000 sat: the pattern that made the
#                median-of-three quickselect of the largest-remainder step
#                quadratic (18.8 s at 200,000 payees)
# Prints one row per size: payees, the seconds of each shape (median of
# three runs below 1,000,000 relays, one run at 1,000,000), and the growth
# factor from the size before (O(n log n) grows by about 11 to 13 for a
# tenfold size; 10 at most when fixed costs dominate).  Exits 1 when the
# goal is missed: the adversarial shape at 1,000,000 payees within 3 times
# the time of the random one.  BENCH_WEIGH_MAX (default 1000000) lowers the
# largest size.
set -eu
bin=$1
max=${BENCH_WEIGH_MAX:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# gen N SHAPE: the relay table, as flattor-addrs writes it.
gen() {
	awk -v n="$1" -v shape="$2" 'BEGIN {
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
			w = shape == "random" ? 1 + int(x / 65536) % 100000 : 1000 + i
			printf "%040d\tr%d\t1\tFast,Running,Valid\t1\t%d\t0.0\t" \
			    "0.0\t0.0\t1000\t2025-01-01 00:00:00\t" \
			    "2026-09-04 03:00:00\tde\tAS3320\t\t\t\t" \
			    "bc1qbench%08d\tp2wpkh\tciiss\n", i, i, w, i
		}
	}'
}
# secs CMD...: the wall time of CMD in seconds.
secs() {
	t0=$(date +%s.%N)
	"$@" >"$tmp/out"
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
# median N SHAPE AMOUNT: the median time of flattor-weigh on gen N SHAPE.
median() {
	gen "$1" "$2" >"$tmp/in"
	runs=3
	[ "$1" -ge 1000000 ] && runs=1
	i=0
	while [ $i -lt $runs ]; do
		secs "$bin/flattor-weigh" --amount "$3" "$tmp/in"
		echo
		i=$((i + 1))
	done | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
	payees=$(($(grep -cv '^#' "$tmp/out") - 1))
	[ "$payees" -eq "$1" ] || {
		echo "bench-weigh: $payees payees, expected $1" >&2
		exit 1
	}
}
printf '%-14s %8s %9s %12s %8s %8s\n' tool payees random adversarial \
    growth-r growth-a
pr= pa= st=0
for n in 1000 10000 100000 1000000; do
	[ "$n" -le "$max" ] || break
	r=$(median $n random 0.01btc)
	a=$(median $n adversarial 200000sat)
	printf '%-14s %8d %9s %12s %8s %8s\n' flattor-weigh $n "$r" "$a" \
	    "$(awk -v a="$pr" -v b="$r" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "-" }')" \
	    "$(awk -v a="$pa" -v b="$a" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "-" }')"
	pr=$r pa=$a
	if [ $n -eq 1000000 ] && awk -v r="$r" -v a="$a" 'BEGIN { exit !(a > 3 * r) }'; then
		echo "bench-weigh: goal missed: adversarial $a s > 3 x random $r s at $n payees" >&2
		st=1
	fi
done
exit $st
