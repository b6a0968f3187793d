#!/bin/sh
# The flattor wrapper keeps an audit trail: with --workdir, one table per
# stage, each byte-identical to running that stage by hand on the table
# before it, and standard output identical to flattor-tx's, and the
# round's page from flattor-report.  A failing stage stops the run with
# its status and nothing on standard output; a failing report does not.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${FLATTOR_BIN:-$top/build/bin}
PATH="$bin:$PATH"
export FLATTOR_BIN=$bin
data=$top/tests/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
w=$tmp/run
change=$(cat "$data/demo/change.txt")
"$top/scripts/bin/flattor" -f "$data/onionoo-311relays-2026-09-04.json" \
    --amount 0.01btc --max-share 0.2 --utxos "$data/demo/utxos.tsv" \
    --change "$change" --feerate 4 --workdir "$w" >"$tmp/out" 2>"$tmp/err"
check $? "the demo run succeeds"
for f in flattor-fetch.tsv flattor-addrs.tsv flattor-addrs-rejects.tsv \
    flattor-weigh.tsv flattor-cap.tsv flattor-tx.out; do
	test -f "$w/$f"
	check $? "workdir has $f"
done
flattor-fetch -f "$data/onionoo-311relays-2026-09-04.json" >"$tmp/1" 2>/dev/null
cmp -s "$tmp/1" "$w/flattor-fetch.tsv"; check $? "flattor-fetch.tsv is flattor-fetch's output"
flattor-addrs "$tmp/1" >"$tmp/2" 2>/dev/null
cmp -s "$tmp/2" "$w/flattor-addrs.tsv"; check $? "flattor-addrs.tsv is flattor-addrs's output"
flattor-weigh --amount 0.01btc "$tmp/2" >"$tmp/3" 2>/dev/null
cmp -s "$tmp/3" "$w/flattor-weigh.tsv"; check $? "flattor-weigh.tsv is flattor-weigh's output"
flattor-cap --max-share 0.2 "$tmp/3" >"$tmp/4" 2>/dev/null
cmp -s "$tmp/4" "$w/flattor-cap.tsv"; check $? "flattor-cap.tsv is flattor-cap's output"
flattor-tx --utxos "$data/demo/utxos.tsv" --change "$change" --feerate 4 \
    "$tmp/4" >"$tmp/5" 2>/dev/null
cmp -s "$tmp/5" "$tmp/out"; check $? "standard output is flattor-tx's output"
cmp -s "$tmp/5" "$w/flattor-tx.out"; check $? "flattor-tx.out is flattor-tx's output"
grep -q '^# flattor-cap 0.1.0: max-share=0.2' "$w/flattor-cap.tsv"
check $? "the capped table carries every stage's provenance"
test "$(grep -c '^# flattor-' "$w/flattor-cap.tsv")" = 4
check $? "four provenance lines in the capped table"
grep -q '^fee: *1724 sat in 1 transaction$' "$tmp/err"; check $? "the summary gives the fee"
grep -q '^operators capped: *1$' "$tmp/err"; check $? "the summary counts the capped operators"
flattor-report --relays "$w/flattor-fetch.tsv" --tx "$w/flattor-tx.out" \
    --utxos "$data/demo/utxos.tsv" "$w/flattor-cap.tsv" >"$tmp/6" 2>/dev/null
cmp -s "$tmp/6" "$w/report.html"; check $? "report.html is flattor-report's output"
grep -qx "report: *$w/report.html" "$tmp/err"; check $? "the summary names report.html"

# A stage failing: its status, nothing on stdout, the tables so far kept.
"$top/scripts/bin/flattor" -f "$data/onionoo-311relays-2026-09-04.json" \
    --amount 0.01btc --utxos "$data/demo/utxos.tsv" --change "$change" \
    --feerate 4 --max-fee 100sat --workdir "$tmp/fail" >"$tmp/out2" 2>"$tmp/err2"
st=$?
test $st = 1; check $? "a refused fee stops the run with flattor-tx's status (got $st)"
test ! -s "$tmp/out2"; check $? "nothing on standard output after a failure"
test -s "$tmp/fail/flattor-cap.tsv"; check $? "the tables before the failure are kept"
grep -q 'flattor: flattor-tx failed (exit 1); tables so far are in' "$tmp/err2"
check $? "the wrapper says which stage failed"
test ! -e "$tmp/fail/flattor-tx.out"
check $? "a failed stage leaves no table of its own"

# Values reach the stages intact, quotes and spaces included.
"$top/scripts/bin/flattor" -q -f "$data/onionoo-311relays-2026-09-04.json" \
    --amount 0.001btc --format csv --country "it's \"x\"" \
    --workdir "$tmp/a b'c" >"$tmp/out4" 2>"$tmp/err4"
st=$?
test $st = 2; check $? "a bad --country is flattor-weigh's usage error (got $st)"
grep -qF 'flattor-weigh: invalid country "it'"'"'s "x"" (two letters, e.g. de)' "$tmp/err4"
check $? "the value reached flattor-weigh unchanged"
test -s "$tmp/a b'c/flattor-addrs.tsv"
check $? "a work directory with a space and a quote in its name"

# Keys on standard input: the stages read their tables as FILE operands.
sed -n '2p;5p' "$data/tx/keys-main.wif" | "$top/scripts/bin/flattor" -q \
    -f "$data/onionoo-311relays-2026-09-04.json" --amount 0.01btc \
    --max-share 0.2 --utxos "$data/demo/utxos.tsv" --change "$change" \
    --feerate 4 --key - >"$tmp/out3" 2>"$tmp/err3"
check $? "--key - signs with the keys from standard input"
grep -qx '02000000[0-9a-f]*' "$tmp/out3"
check $? "a signed transaction in hex"

# The wrapper's files are private: 0600, the work directory it makes 0700,
# whatever the caller's umask.
(umask 022; "$top/scripts/bin/flattor" -q \
    -f "$data/onionoo-311relays-2026-09-04.json" --amount 0.001btc \
    --format csv --workdir "$tmp/modes") >/dev/null 2>&1
check $? "a run with umask 022"
test "$(stat -c %a "$tmp/modes")" = 700
check $? "the work directory is made 0700"
bad=
for f in "$tmp/modes"/*; do
	[ "$(stat -c %a "$f")" = 600 ] || bad="$bad ${f##*/}"
done
test -z "$bad" && test -f "$tmp/modes/flattor-addrs-rejects.tsv"
check $? "every file in the work directory is 0600 (not:$bad)"

# A work directory the caller cannot write in is said so, not blamed on a
# stage.  As root, the run is made as nobody (setpriv) in nobody's 0500
# directory.
as_nobody=
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
mkdir "$tmp/ro"
[ -n "$as_nobody" ] && chown 65534:65534 "$tmp/ro"
chmod 500 "$tmp/ro"
chmod 755 "$tmp"
$as_nobody env FLATTOR_BIN="$bin" "$top/scripts/bin/flattor" -q \
    -f "$data/onionoo-311relays-2026-09-04.json" --amount 0.001btc \
    --format csv --workdir "$tmp/ro" >"$tmp/out6" 2>"$tmp/err6"
st=$?
test $st = 4; check $? "an unwritable work directory: exit 4 (got $st)"
printf 'flattor: %s: the work directory is not writable\n' "$tmp/ro" |
    cmp -s - "$tmp/err6"
check $? "an unwritable work directory: one clear message ($(head -2 "$tmp/err6"))"

# A failed run in a work directory used before leaves none of the earlier
# run's tables after the failing stage: no last round's PSBT to sign.
"$top/scripts/bin/flattor" -q -f "$data/onionoo-311relays-2026-09-04.json" \
    --amount 0.01btc --utxos "$data/demo/utxos.tsv" --change "$change" \
    --feerate 4 --workdir "$tmp/again" >/dev/null 2>&1
test -s "$tmp/again/flattor-tx.out"; check $? "a first run leaves its PSBT"
"$top/scripts/bin/flattor" -q -f "$data/onionoo-311relays-2026-09-04.json" \
    --amount 0.000000001btc --utxos "$data/demo/utxos.tsv" \
    --change "$change" --feerate 4 --workdir "$tmp/again" >/dev/null 2>&1
test $? = 2; check $? "a second run fails at flattor-weigh"
test -s "$tmp/again/flattor-addrs.tsv" && test ! -e "$tmp/again/flattor-weigh.tsv" &&
    test ! -e "$tmp/again/flattor-cap.tsv" &&
    test ! -e "$tmp/again/flattor-tx.out" && test ! -e "$tmp/again/flattor-tx.err"
check $? "the failed run left the tables so far, none of the run before"

# A work directory the caller does not own, or that others may write in, is
# refused before anything is written: a link planted there to a file of the
# caller's would otherwise have the run (as root) write through it.
echo precious >"$tmp/target"
mkdir "$tmp/hostile"
ln -s "$tmp/target" "$tmp/hostile/flattor-fetch.err"
ln -s "$tmp/target" "$tmp/hostile/flattor-tx.out"
if [ "$(id -u)" = 0 ]; then
	chown -h 65534:65534 "$tmp/hostile" "$tmp/hostile"/*
	"$top/scripts/bin/flattor" -q \
	    -f "$data/onionoo-311relays-2026-09-04.json" --amount 0.001btc \
	    --format csv --workdir "$tmp/hostile" >"$tmp/out7" 2>"$tmp/err7"
	st=$?
	test $st = 4; check $? "a work directory of another user: exit 4 (got $st)"
	printf 'flattor: %s: the work directory belongs to another user (uid 65534)\n' \
	    "$tmp/hostile" | cmp -s - "$tmp/err7"
	check $? "a work directory of another user: the message ($(head -1 "$tmp/err7"))"
	test "$(cat "$tmp/target")" = precious && test -L "$tmp/hostile/flattor-fetch.err"
	check $? "a work directory of another user: nothing touched"
	chown -h 0:0 "$tmp/hostile" "$tmp/hostile"/*
else
	for i in 1 2 3; do check 0 "# SKIP not root: cannot give a directory away"; done
fi
chmod 0770 "$tmp/hostile"
"$top/scripts/bin/flattor" -q -f "$data/onionoo-311relays-2026-09-04.json" \
    --amount 0.001btc --format csv --workdir "$tmp/hostile" >/dev/null 2>"$tmp/err7"
st=$?
test $st = 4; check $? "a group-writable work directory: exit 4 (got $st)"
printf 'flattor: %s: the work directory is writable by others (mode drwxrwx---)\n' \
    "$tmp/hostile" | cmp -s - "$tmp/err7"
check $? "a group-writable work directory: the message ($(head -1 "$tmp/err7"))"
test "$(cat "$tmp/target")" = precious && test -L "$tmp/hostile/flattor-tx.out"
check $? "a group-writable work directory: nothing touched"
# Signed, with a work directory: the report has the fee, from the coins.
sed -n '2p;5p' "$data/tx/keys-main.wif" | "$top/scripts/bin/flattor" -q \
    -f "$data/onionoo-311relays-2026-09-04.json" --amount 0.01btc \
    --max-share 0.2 --utxos "$data/demo/utxos.tsv" --change "$change" \
    --feerate 4 --key - --workdir "$tmp/signed" >/dev/null 2>&1
grep -q '<dt>Fee<dd>[0-9]* sat (' "$tmp/signed/report.html"
check $? "the report of signed transactions has their fee"

# A wallet hand-off: a report without transactions.
"$top/scripts/bin/flattor" -q -f "$data/onionoo-311relays-2026-09-04.json" \
    --amount 0.01btc --format sendmany --workdir "$tmp/sendmany" \
    >/dev/null 2>&1
check $? "--format sendmany with a work directory"
test -s "$tmp/sendmany/report.html" &&
    ! grep -q 'id=tx' "$tmp/sendmany/report.html"
check $? "its report has no transaction section"

# A failing report costs the page, never the transaction.
mkdir "$tmp/bin"
for t in "$bin"/flattor-*; do ln -s "$t" "$tmp/bin/"; done
rm "$tmp/bin/flattor-report"
printf '#!/bin/sh\necho "flattor-report: broken" >&2\nexit 4\n' \
    >"$tmp/bin/flattor-report"
chmod +x "$tmp/bin/flattor-report"
FLATTOR_BIN=$tmp/bin "$top/scripts/bin/flattor" \
    -f "$data/onionoo-311relays-2026-09-04.json" \
    --amount 0.01btc --max-share 0.2 --utxos "$data/demo/utxos.tsv" \
    --change "$change" --feerate 4 --workdir "$tmp/nopage" \
    >"$tmp/out5" 2>"$tmp/err5"
check $? "a failing report: the run still exits 0"
cmp -s "$tmp/out5" "$tmp/5"; check $? "and prints the PSBT"
test ! -e "$tmp/nopage/report.html" && test -s "$tmp/nopage/flattor-tx.out"
check $? "no report.html; the transaction is kept"
grep -q '^flattor: flattor-report failed (exit 4): no report.html; the transaction is not affected$' "$tmp/err5" &&
    grep -q '^flattor-report: broken$' "$tmp/err5" &&
    ! grep -q '^report:' "$tmp/err5"
check $? "the wrapper says so, and names no report"

# Issue: the ledger and standard output change together.  flattor-tx
# appends the round's rows before the wrapper prints the PSBT: when that
# last write fails, the rows must go again, or the next round's caps
# would count payments nobody received.
run_ledger() {
	"$top/scripts/bin/flattor" -f "$data/onionoo-311relays-2026-09-04.json" \
	    --amount 0.01btc --max-sat 0.005btc --period 30d --ledger "$1" \
	    --now 2026-09-05T00:00:00Z --utxos "$data/demo/utxos.tsv" \
	    --change "$change" --feerate 4 -q
}
cp "$data/ledger-paid.tsv" "$tmp/ledger.tsv"
run_ledger "$tmp/ledger.tsv" >/dev/full 2>"$tmp/err6"
check $(($? == 4 ? 0 : 1)) "stdout full, with --ledger: exit 4"
cmp -s "$data/ledger-paid.tsv" "$tmp/ledger.tsv"
check $? "stdout full: the ledger is as it was"
grep -q 'not recorded' "$tmp/err6"
check $? "stdout full: the message says the rows were taken back"
grep -v '^#' "$data/ledger-paid.tsv" | head -1 >"$tmp/empty-ledger.tsv"
cp "$tmp/empty-ledger.tsv" "$tmp/ledger0.tsv"
run_ledger "$tmp/ledger0.tsv" >/dev/full 2>/dev/null
cmp -s "$tmp/empty-ledger.tsv" "$tmp/ledger0.tsv"
check $? "stdout full: a first round's ledger stays empty"
run_ledger "$tmp/ledger.tsv" >"$tmp/out6" 2>/dev/null
check $? "stdout writable, with --ledger: the run succeeds"
test "$(wc -l <"$tmp/ledger.tsv")" -gt "$(wc -l <"$data/ledger-paid.tsv")"
check $? "stdout writable: the rows are appended"

echo "1..$n"
[ $failed = 0 ]
