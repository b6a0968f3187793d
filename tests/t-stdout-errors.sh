#!/bin/sh
# A stage whose standard output fails (a full disk: /dev/full; a closed
# descriptor) exits 4 and says so exactly once, as "PROG: <stdout>: ...".
# tests/cmd.sh cannot redirect a case's stdout, hence this script.  TAP.
. "$(dirname "$0")/tap.sh"
notok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
	sed 's/^/# err: /' "$tmp/err" | head -5
}

# check NAME WANT-MESSAGE COMMAND...: with stdout on /dev/full, then closed.
check() {
	name=$1 want=$2
	shift 2
	"$@" >/dev/full 2>"$tmp/err"
	st=$?
	k=$(grep -c '<stdout>' "$tmp/err")
	if [ $st = 4 ] && [ "$k" = 1 ] &&
	    grep -qx "$want: <stdout>: No space left on device" "$tmp/err"
	then ok "$name >/dev/full"
	else notok "$name >/dev/full (status $st, $k messages)"; fi
	"$@" >&- 2>"$tmp/err"
	st=$?
	k=$(grep -c '<stdout>' "$tmp/err")
	if [ $st = 4 ] && [ "$k" = 1 ] &&
	    grep -qx "$want: <stdout>: Bad file descriptor" "$tmp/err"
	then ok "$name >&-"
	else notok "$name >&- (status $st, $k messages)"; fi
}

tx="--utxos $data/tx/utxos-main.tsv --feerate 2"
tx="$tx --change bc1qcfcpad2l0mpmsw22hjxj865gk9lclp8w08zzlc"
check fetch flattor-fetch \
    "$bin/flattor-fetch" -f "$data/onionoo-311relays-2026-09-04.json"
check addrs flattor-addrs "$bin/flattor-addrs" "$data/addrs-relays-311.tsv"
check weigh flattor-weigh \
    "$bin/flattor-weigh" --amount 0.01 "$data/weigh-real-311.tsv"
check cap flattor-cap "$bin/flattor-cap" --max-share 0.05 \
    "$data/cap-real-311.tsv"
# shellcheck disable=SC2086
check tx flattor-tx "$bin/flattor-tx" $tx "$data/tx/payees-main.tsv"
check "tx --format csv" flattor-tx "$bin/flattor-tx" --format csv \
    "$data/tx/payees-main.tsv"
check report flattor-report "$bin/flattor-report" \
    --relays "$data/report/relays.tsv" "$data/report/capped.tsv"
check "report --format svg" flattor-report "$bin/flattor-report" \
    --format svg "$data/report/capped.tsv"
# The wrapper: the whole pipeline, then its own --help and --version.
change=$(cat "$data/demo/change.txt")
check flattor flattor env FLATTOR_BIN="$bin" "$top/scripts/bin/flattor" -q \
    -f "$data/onionoo-311relays-2026-09-04.json" --amount 0.01btc \
    --utxos "$data/demo/utxos.tsv" --change "$change" --feerate 4
check "flattor --help" flattor "$top/scripts/bin/flattor" --help
check "flattor --version" flattor "$top/scripts/bin/flattor" --version
for t in fetch addrs weigh cap tx report; do
	check "$t --help" "flattor-$t" "$bin/flattor-$t" --help
	check "$t --version" "flattor-$t" "$bin/flattor-$t" --version
done

tap_end
