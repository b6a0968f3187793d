#!/bin/sh
# One payment round at a time on a ledger: while another process holds the
# ledger's lock (LEDGER.lock), flattor --ledger waits for it (saying so) or,
# with --no-wait, fails at once; flattor-tx and flattor-cap, run on their
# own, wait too; under the wrapper, which holds the lock for the whole run,
# they do not wait for their parent.  No timing is asserted: a waiting
# process is seen in /proc/locks (Linux), every wait is bounded.  TAP.
. "$(dirname "$0")/tap.sh"
PATH="$bin:$PATH"
export FLATTOR_BIN=$bin
change=$(cat "$data/demo/change.txt")
ledger=$tmp/ledger.tsv
printf 'time\ttxid\tvout\taddress\tsat\n' >"$ledger"
cp "$ledger" "$tmp/empty-ledger"

# wait_for CMD...: until CMD succeeds, at most about 60 s.
wait_for() {
	i=0
	while ! "$@"; do
		i=$((i + 1))
		[ $i -le 600 ] || return 1
		sleep 0.1
	done
}
# The number of processes waiting for the lock file's lock.
waiters() {
	ino=$(ls -i "$ledger.lock" | awk '{ print $1 }')
	grep -c -- "-> FLOCK .*:$ino " /proc/locks
}
has_waiters() { [ "$(waiters)" -ge "$1" ]; }
run() { # run NAME: the wrapper, a PSBT round recording into the ledger
	timeout 120 "$top/scripts/bin/flattor" -q \
	    -f "$data/onionoo-311relays-2026-09-04.json" --amount 0.01btc \
	    --max-share 0.2 --max-sat 300000sat --period 30d \
	    --ledger "$ledger" --now 2026-11-26T12:00:00Z \
	    --utxos "$data/demo/utxos.tsv" --change "$change" --feerate 4 \
	    "$@"
}

if ! command -v flock >/dev/null || [ ! -r /proc/locks ]; then
	ok "# SKIP needs flock(1) and /proc/locks"
	tap_end
fi

# Another run holds the lock until told to let go.
flock "$ledger.lock" sh -c 'echo >"$0/held"; while [ ! -e "$0/release" ];
    do sleep 0.1; done' "$tmp" &
holder=$!
wait_for test -e "$tmp/held"
ok "another process holds the lock"

run --no-wait >"$tmp/out1" 2>"$tmp/err1"
st=$?
if [ $st = 4 ]; then ok "--no-wait: exit 4"; else notok "--no-wait: status $st"; fi
printf 'flattor: lock file "%s": in use by another run\n' "$ledger.lock" |
    cmp -s - "$tmp/err1" && ok "--no-wait: one clear message" ||
    notok "--no-wait: $(cat "$tmp/err1")"
[ ! -s "$tmp/out1" ] && ok "--no-wait: nothing on stdout" ||
    notok "--no-wait: stdout written"

run --workdir "$tmp/w" >"$tmp/out2" 2>"$tmp/err2" &
wrapper=$!
wait_for grep -q 'waiting for another run to finish' "$tmp/err2" &&
    ok "without --no-wait the wrapper waits, and says so" ||
    notok "the wrapper does not say it waits: $(cat "$tmp/err2")"
test ! -e "$tmp/w/flattor-fetch.tsv" && ok "no stage runs while it waits" ||
    notok "a stage ran before the lock was taken"

timeout 120 flattor-tx --utxos "$data/tx/utxos-main.tsv" --feerate 2 \
    --change bc1qcfcpad2l0mpmsw22hjxj865gk9lclp8w08zzlc \
    --ledger "$ledger" --now 2026-11-26T12:00:00Z \
    "$data/tx/payees-main.tsv" >"$tmp/out3" 2>"$tmp/err3" &
tx=$!
wait_for has_waiters 2 && ok "flattor-tx on its own waits for the lock" ||
    notok "flattor-tx does not wait for the lock ($(waiters) waiting)"
timeout 120 flattor-cap --max-sat 100000sat --period 30d \
    --ledger "$ledger" --now 2026-11-26T12:00:00Z "$data/cap-payees.tsv" \
    >"$tmp/out4" 2>"$tmp/err4" &
cap=$!
wait_for has_waiters 3 && ok "flattor-cap on its own waits for the lock" ||
    notok "flattor-cap does not wait for the lock ($(waiters) waiting)"
cmp -s "$tmp/empty-ledger" "$ledger" && ok "nothing appended while held" ||
    notok "the ledger changed while the lock was held"

echo >"$tmp/release"
wait $holder
wait $wrapper; st=$?
[ $st = 0 ] && ok "the waiting wrapper then runs (its stages do not wait for it)" ||
    notok "the waiting wrapper: status $st: $(cat "$tmp/err2")"
wait $tx; st=$?
[ $st = 0 ] && ok "the waiting flattor-tx then runs" ||
    notok "flattor-tx: status $st: $(cat "$tmp/err3")"
wait $cap; st=$?
[ $st = 0 ] && ok "the waiting flattor-cap then runs" ||
    notok "flattor-cap: status $st: $(cat "$tmp/err4")"
k=$(tail -n +2 "$ledger" | cut -f2 | sort -u | wc -l)
[ "$k" = 2 ] && ok "both rounds are in the ledger" ||
    notok "the ledger holds $k transactions"

# The wrapper alone: the lock is free at the end, another run takes it.
run --no-wait >/dev/null 2>"$tmp/err5"
st=$?
[ $st = 0 ] && ok "a run with the lock free: status 0" ||
    notok "a run with the lock free: status $st: $(cat "$tmp/err5")"

# A link planted as the lock file is refused, never followed.
rm -f "$ledger.lock"
echo precious >"$tmp/target"
ln -s "$tmp/target" "$ledger.lock"
run >/dev/null 2>"$tmp/err6"
st=$?
[ $st = 4 ] && [ "$(cat "$tmp/target")" = precious ] &&
    ok "a link as the lock file: refused (exit 4), its target untouched" ||
    notok "a link as the lock file: status $st: $(cat "$tmp/err6")"
timeout 120 flattor-tx --utxos "$data/tx/utxos-main.tsv" --feerate 2 \
    --change bc1qcfcpad2l0mpmsw22hjxj865gk9lclp8w08zzlc \
    --ledger "$ledger" "$data/tx/payees-main.tsv" >/dev/null 2>"$tmp/err7"
st=$?
grep -qxF "flattor-tx: $ledger: lock file \"$ledger.lock\": a symbolic link" \
    "$tmp/err7" && [ $st = 4 ] &&
    ok "flattor-tx refuses a link as the lock file" ||
    notok "flattor-tx and a link as the lock file: $st $(cat "$tmp/err7")"

tap_end
