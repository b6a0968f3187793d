#!/bin/sh
# Interoperability: bitcoinjs-lib (npm, pinned in tests/interop) checks
# flattor-tx's output independently: every signature of its signed
# transactions against the coins they spend, for the four input types,
# and its PSBTs parsed, signed with the test keys, finalized and
# extracted, each result valid and within [rate, rate + 1) sat/vB.
# The npm packages come from scripts/setup (npm ci); without them or
# without node this test is skipped, except in CI (CI set), where a
# missing independent check is a failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${FLATTOR_BIN:-$top/build/bin}
data=$top/tests/data/tx
check=$top/tests/interop/check.js
if ! command -v node >/dev/null 2>&1 ||
    [ ! -d "$top/tests/interop/node_modules/bitcoinjs-lib" ]; then
	if [ -n "${CI:-}" ]; then
		echo "not ok 1 - node or tests/interop/node_modules missing in CI"
		echo "1..1"
		exit 1
	fi
	echo "1..0 # SKIP node or tests/interop/node_modules missing (run scripts/setup)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		sed 's/^/# /' "$tmp/err"
		failed=$((failed + 1))
	fi
}

for net in main regtest; do
	change=$(cat "$data/change-$net.txt")
	# A key file as a user keeps it: mode 600.
	cp "$data/keys-$net.wif" "$tmp/keys.wif"
	chmod 600 "$tmp/keys.wif"
	for payees in payees payees-big; do
		for rate in 1 2.5 25; do
			for u in tsv json; do
				utxos=$data/utxos-$net.$u
				what="$net $payees $u $rate sat/vB"
				run_tx() { "$bin/flattor-tx" --network "$net" \
				    --utxos "$utxos" --change "$change" \
				    --feerate "$rate" "$@" "$data/$payees-$net.tsv"; }
				run_tx --key "$tmp/keys.wif" >"$tmp/signed" 2>"$tmp/err" &&
				    node "$check" signed "$net" "$utxos" "$rate" \
					<"$tmp/signed" >/dev/null 2>>"$tmp/err"
				ok $? "signed, signatures verified: $what"
				run_tx >"$tmp/psbt" 2>"$tmp/err" &&
				    node "$check" psbt "$net" "$utxos" "$rate" \
					"$tmp/keys.wif" <"$tmp/psbt" \
					>"$tmp/extracted" 2>>"$tmp/err"
				ok $? "PSBT signed, finalized, extracted: $what"
			done
		done
	done
	# The payees bear the fee.
	utxos=$data/utxos-$net.tsv
	"$bin/flattor-tx" --network "$net" --utxos "$utxos" --change "$change" \
	    --feerate 3 --fee-from-payouts --key "$tmp/keys.wif" \
	    "$data/payees-big-$net.tsv" >"$tmp/signed" 2>"$tmp/err" &&
	    node "$check" signed "$net" "$utxos" 3 <"$tmp/signed" \
		>/dev/null 2>>"$tmp/err"
	ok $? "signed with --fee-from-payouts: $net"
done

# Where both are deterministic, bitcoinjs's result is flattor-tx's own.
utxos=$data/utxos-main.tsv
change=$(cat "$data/change-main.txt")
cp "$data/keys-main.wif" "$tmp/keys.wif"
chmod 600 "$tmp/keys.wif"
"$bin/flattor-tx" --utxos "$utxos" --change "$change" --feerate 2 \
    "$data/payees-main.tsv" 2>"$tmp/err" |
    node "$check" psbt main "$utxos" 2 "$tmp/keys.wif" >"$tmp/a" 2>>"$tmp/err"
"$bin/flattor-tx" --utxos "$utxos" --change "$change" --feerate 2 \
    --key "$tmp/keys.wif" "$data/payees-main.tsv" >"$tmp/b" 2>>"$tmp/err"
cmp -s "$tmp/a" "$tmp/b"
ok $? "bitcoinjs signs flattor-tx's PSBT into flattor-tx's signed transaction"

# The ledger's txid of a PSBT is the signed transaction's: a
# P2SH-P2WPKH input's scriptSig, the push of its redeem script, is part
# of the txid (its witness is not).
head -1 "$utxos" >"$tmp/utxos-sh.tsv"
grep -v '^#' "$utxos" | awk -F '\t' '$4 ~ /^a914/' >>"$tmp/utxos-sh.tsv"
rm -f "$tmp/ledger"
"$bin/flattor-tx" --utxos "$tmp/utxos-sh.tsv" --change "$change" \
    --feerate 2 --ledger "$tmp/ledger" --now 2026-11-26T12:00:00Z \
    "$data/payees-main.tsv" 2>"$tmp/err" |
    node "$check" psbt main "$tmp/utxos-sh.tsv" 2 "$tmp/keys.wif" \
	>"$tmp/extracted" 2>>"$tmp/err" &&
    txid=$(node -e '
const b = require(process.argv[1]);
console.log(b.Transaction.fromHex(require("fs").readFileSync(process.argv[2],
    "utf8").trim()).getId());
' "$top/tests/interop/node_modules/bitcoinjs-lib" "$tmp/extracted" \
	2>>"$tmp/err") &&
    [ "$(tail -n +2 "$tmp/ledger" | cut -f 2 | sort -u)" = "$txid" ] ||
    { echo "ledger: $(sed -n 2p "$tmp/ledger"), signed: ${txid:-}" \
	>>"$tmp/err"; false; }
ok $? "a P2SH-P2WPKH PSBT's ledger txid is that of its signed transaction"

# More payees than 400,000 weight units hold: two transactions, each
# with its own coins and change, every signature valid.
node "$top/tests/interop/gen-split.js" "$tmp" main 3500 40
sed -n 2p "$data/keys-main.wif" >"$tmp/keys.wif"
"$bin/flattor-tx" --utxos "$tmp/utxos.tsv" --change "$change" --feerate 1.5 \
    --key "$tmp/keys.wif" "$tmp/payees.tsv" >"$tmp/signed" 2>"$tmp/err" &&
    [ "$(wc -l <"$tmp/signed")" -eq 2 ] &&
    node "$check" signed main "$tmp/utxos.tsv" 1.5 <"$tmp/signed" \
	>/dev/null 2>>"$tmp/err"
ok $? "3500 payees: split into 2 signed transactions, all verified"
"$bin/flattor-tx" --utxos "$tmp/utxos.tsv" --change "$change" --feerate 1.5 \
    "$tmp/payees.tsv" >"$tmp/psbt" 2>"$tmp/err" &&
    [ "$(wc -l <"$tmp/psbt")" -eq 2 ] &&
    node "$check" psbt main "$tmp/utxos.tsv" 1.5 "$tmp/keys.wif" \
	<"$tmp/psbt" >/dev/null 2>>"$tmp/err"
ok $? "3500 payees: 2 PSBTs signed, finalized, extracted"

echo "1..$n"
[ $failed = 0 ]
