#!/bin/sh
# flattor-weigh | flattor-cap, as in the man pages: the pipeline's sums
# (weigh spends exactly the amount, cap never more than it read), no paid
# output below dust, and byte-identical output on a second run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${FLATTOR_BIN:-$top/build/bin}
data=$top/tests/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
t() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
sum() { awk -F'\t' -v c="$1" '/^#/ { next } !h { for (i = 1; i <= NF; i++)
	if ($i == c) k = i; h = 1; next } { s += $k } END { print s + 0 }' "$2"; }

for amount in 1000000sat 0.01btc 1sat 12345678sat; do
	"$bin/flattor-weigh" --amount $amount "$data/weigh-relays.tsv" \
	    >"$tmp/w" 2>"$tmp/werr"
	t $? "flattor-weigh --amount $amount exits 0"
	want=$(echo $amount | sed 's/sat$//; s/^0.01btc$/1000000/')
	[ "$(sum sat "$tmp/w")" = "$want" ]
	t $? "flattor-weigh --amount $amount: sat sums to $want"
	for share in 0.05 0.2 1; do
		"$bin/flattor-cap" --max-share $share <"$tmp/w" >"$tmp/c" \
		    2>"$tmp/cerr"
		t $? "| flattor-cap --max-share $share exits 0"
		in=$(sum uncapped_sat "$tmp/c")
		out=$(sum sat "$tmp/c")
		[ "$in" = "$want" ] && [ "$out" -le "$in" ]
		t $? "| flattor-cap --max-share $share: $out <= $in"
		unspent=$((in - out))
		if [ $unspent -gt 0 ]; then
			grep -q "^flattor-cap: $unspent sat left unspent" "$tmp/cerr"
		else
			[ ! -s "$tmp/cerr" ]
		fi
		t $? "| flattor-cap --max-share $share: stderr reports $unspent unspent"
		awk -F'\t' 'BEGIN { d["p2pkh"] = 546; d["p2sh"] = 540
		    d["p2wpkh"] = 294; d["p2wsh"] = 330; d["p2tr"] = 330 }
		    /^#/ || !h { h = 1; next }
		    $8 > 0 && $8 < d[$3] { bad = 1 } END { exit bad }' "$tmp/c"
		t $? "| flattor-cap --max-share $share: no paid output below dust"
		"$bin/flattor-cap" --max-share $share <"$tmp/w" 2>/dev/null |
		    cmp -s - "$tmp/c"
		t $? "| flattor-cap --max-share $share: same bytes twice"
	done
done
echo "1..$n"
[ $failed = 0 ]
