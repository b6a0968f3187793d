#!/bin/sh
# bench-tx.sh BIN: flattor-tx paying 3,000 payees from 1,000 coins (test
# key 1's P2WPKH coins, synthetic txids): unsigned PSBTs from TSV and from
# listunspent JSON coins, and signed transactions; and 6,000 payees of
# 20,000 sat from 8,000 coins of 30,000 sat, which needs several
# transactions, each filled up to the weight limit with as many payees as
# its coins allow; and 6 payees from a wallet of 100,000 coins (each coin
# was checked against every coin before it for a duplicate: 59 s for
# 146,684 coins).  Prints a table of wall
# time and peak memory (maximum resident set size); exits 1 when a run
# fails or takes more than 2 s.
set -eu
bin=$(cd "${1:-build/bin}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" "$top/scripts" <<'PY'
import hashlib, json, sys
d = sys.argv[1]
sys.path.insert(0, sys.argv[2])
from addrgen import segwit
p2wpkh = lambda prog: segwit("bc", 0, prog)
h = lambda s: hashlib.sha256(s.encode()).digest()
with open(d + "/payees.tsv", "w") as f:
    f.write("address\tsat\n")
    for i in range(3000):
        f.write("%s\t%d\n" % (p2wpkh(h("bench payee %d" % i)[:20]), 20000 + i * 37 % 50000))
spk = "0014f613e8ce6b38fda9e9a215f329a818091d571f9b"  # test key 1
coins = []
with open(d + "/utxos.tsv", "w") as f:
    f.write("txid\tvout\tsat\tscript_pubkey\n")
    for i in range(1000):
        txid, sat = h("bench coin %d" % i).hex(), 50000 + i * 7919 % 400000
        f.write("%s\t%d\t%d\t%s\n" % (txid, i % 4, sat, spk))
        coins.append({"txid": txid, "vout": i % 4, "amount": float("%d.%08d" % divmod(sat, 10**8)),
                      "scriptPubKey": spk, "confirmations": 6, "spendable": True})
with open(d + "/utxos.json", "w") as f:
    json.dump(coins, f, indent=2)
with open(d + "/split-payees.tsv", "w") as f:
    f.write("address\tsat\n")
    for i in range(6000):
        f.write("%s\t20000\n" % p2wpkh(h("split payee %d" % i)[:20]))
with open(d + "/many-utxos.tsv", "w") as f:
    f.write("txid\tvout\tsat\tscript_pubkey\n")
    for i in range(100000):
        f.write("%s\t%d\t%d\t%s\n" % (h("many coin %d" % i).hex(), i % 3, 10000 + i % 1000, spk))
with open(d + "/split-utxos.tsv", "w") as f:
    f.write("txid\tvout\tsat\tscript_pubkey\n")
    for i in range(8000):
        f.write("%s\t0\t%d\t%s\n" % (h("split coin %d" % i).hex(), 30000 + i % 7, spk))
PY
sed -n 2p "$top/tests/data/tx/keys-main.wif" >"$tmp/key.wif"
chmod 600 "$tmp/key.wif"
change=bc1qcfcpad2l0mpmsw22hjxj865gk9lclp8w08zzlc
st=0
printf '%-26s %7s %6s %4s %9s %10s\n' case payees coins txs "wall ms" "peak KiB"
run() {
	name=$1
	np=$2
	nc=$3
	shift 3
	python3 - "$tmp/out" "$@" <<'PY' >"$tmp/m" || st=1
import resource, subprocess, sys, time
t = time.monotonic()
with open(sys.argv[1], "w") as out:
    r = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)
ms = (time.monotonic() - t) * 1000
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("%d %d %d" % (r.returncode, ms, kib))
PY
	read -r rc ms kib <"$tmp/m"
	printf '%-26s %7d %6d %4d %9d %10d\n' "$name" "$np" "$nc" \
	    "$(wc -l <"$tmp/out")" "$ms" "$kib"
	if [ "$rc" != 0 ] || [ "$ms" -gt 2000 ]; then st=1; fi
}
run "psbt, TSV coins" 3000 1000 "$bin/flattor-tx" --utxos "$tmp/utxos.tsv" \
    --change $change --feerate 3.5 "$tmp/payees.tsv"
run "psbt, listunspent JSON" 3000 1000 "$bin/flattor-tx" --utxos "$tmp/utxos.json" \
    --change $change --feerate 3.5 "$tmp/payees.tsv"
run "signed" 3000 1000 "$bin/flattor-tx" --key "$tmp/key.wif" --utxos \
    "$tmp/utxos.tsv" --change $change --feerate 3.5 "$tmp/payees.tsv"
run "signed, fee from payouts" 3000 1000 "$bin/flattor-tx" --key "$tmp/key.wif" \
    --fee-from-payouts --utxos "$tmp/utxos.tsv" --change $change \
    --feerate 3.5 "$tmp/payees.tsv"
run "psbt, split" 6000 8000 "$bin/flattor-tx" --utxos "$tmp/split-utxos.tsv" \
    --change $change --feerate 2 --max-fee 1btc "$tmp/split-payees.tsv"
run "psbt, many coins" 6 100000 "$bin/flattor-tx" --utxos "$tmp/many-utxos.tsv" \
    --change $change --feerate 2 "$top/tests/data/tx/payees-main.tsv"
exit $st
