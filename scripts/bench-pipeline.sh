#!/bin/sh
# bench-pipeline.sh BIN: every stage, and the whole pipeline, on a network
# of the real network's size (10,000 relays) and on one ten times larger
# (100,000), made by scripts/make-netdoc.py from the real sample (about one
# relay in nine with an address, families of three).  The payout is 1 BTC,
# capped at 5% per operator, paid from 200 coins at 4 sat/vB as a PSBT.
# Prints a table of wall time (s) and peak memory (MiB) per stage, and the
# growth of the whole pipeline from one size to the other; exits 1 when a
# stage fails, when the whole pipeline at network size takes more than 5 s
# (the goal: a donor waits seconds, not minutes), or when ten times the
# relays take more than 11 times as long (O(n log n) at most: 11 to 13 for
# a tenfold size is n log n's, fixed costs make it smaller).
set -eu
bin=$(cd "${1:-build/bin}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$(dirname "$bin")/bench}
mkdir -p "$work"
PATH="$bin:$PATH"

python3 - "$work/coins.tsv" <<'PY'
import hashlib, sys
spk = "0014f613e8ce6b38fda9e9a215f329a818091d571f9b"
with open(sys.argv[1], "w") as f:
    f.write("txid\tvout\tsat\tscript_pubkey\n")
    for i in range(200):
        txid = hashlib.sha256(b"flattor bench coin %d" % i).hexdigest()
        f.write("%s\t0\t%d\t%s\n" % (txid, 1000000 + i * 7919, spk))
PY
change=$(cat "$top/tests/data/demo/change.txt")

# run NAME IN OUT CMD...: runs CMD with IN on stdin, OUT as stdout; prints
# "NAME WALL RSS_MIB".
run() {
	name=$1 in=$2 out=$3
	shift 3
	/usr/bin/time -f '%e %M' -o "$work/time" "$@" <"$in" >"$out" \
	    2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
	read -r w m <"$work/time"
	printf '%-16s %8s %8.1f\n' "$name" "$w" "$(echo "$m" | awk '{ print $1 / 1024 }')"
}

st=0 t10=
for n in 10000 100000; do
	doc=$work/net-$n.json
	if [ ! -s "$doc" ] || [ "$top/scripts/make-netdoc.py" -nt "$doc" ]; then
		python3 "$top/scripts/make-netdoc.py" "$doc" "$n"
	fi
	echo
	echo "$n relays ($(($(wc -c <"$doc") / 1048576)) MiB document)"
	printf '%-16s %8s %8s\n' stage "wall s" "peak MiB"
	start=$(date +%s.%N)
	run flattor-fetch /dev/null "$work/1.tsv" flattor-fetch -f "$doc"
	run flattor-addrs "$work/1.tsv" "$work/2.tsv" flattor-addrs
	run flattor-weigh "$work/2.tsv" "$work/3.tsv" flattor-weigh --amount 1btc
	run flattor-cap "$work/3.tsv" "$work/4.tsv" flattor-cap --max-share 0.05
	run flattor-tx "$work/4.tsv" "$work/5.out" flattor-tx \
	    --utxos "$work/coins.tsv" --change "$change" --feerate 4
	end=$(date +%s.%N)
	total=$(echo "$start $end" | awk '{ printf "%.2f", $2 - $1 }')
	payees=$(($(grep -vc '^#' "$work/4.tsv") - 1))
	printf '%-16s %8s   (%d payees, %d transaction(s))\n' "whole pipeline" \
	    "$total" "$payees" "$(wc -l <"$work/5.out")"
	if [ "$n" = 10000 ] && awk "BEGIN { exit !($total > 5) }"; then
		echo "bench-pipeline: goal missed: $total s > 5 s at network size" >&2
		st=1
	fi
	[ "$n" = 10000 ] && t10=$total
done
growth=$(awk -v a="$t10" -v b="$total" 'BEGIN { printf "%.1f", b / a }')
echo
echo "whole pipeline: 100000 relays take $growth times as long as 10000"
if awk -v g="$growth" 'BEGIN { exit !(g > 11) }'; then
	echo "bench-pipeline: goal missed: growth $growth > 11" >&2
	st=1
fi
exit $st
