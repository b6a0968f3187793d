#!/bin/sh
# flattor-addrs --rejects: the file's content, with and without --keep; no
# file when the run fails; a "reason" column of the input rewritten in place.
. "$(dirname "$0")/tap.sh"
cases=$top/tests/cmd/flattor-addrs
same() { # same WANT GOT NAME
	if cmp -s "$1" "$2"; then ok "$3"
	else notok "$3"; diff "$1" "$2" | sed 's/^/# /'; fi
}

"$bin/flattor-addrs" --rejects "$tmp/rj" "$data/addrs-messy.tsv" \
    >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st = 0 ]; then ok "messy: status 0"; else notok "messy: status $st"; fi
same "$data/addrs-messy-rejects.tsv" "$tmp/rj" "messy: rejects file"
same "$cases/messy/out" "$tmp/out" "messy: --rejects leaves stdout alone"
same "$cases/messy/err" "$tmp/err" "messy: summary"

"$bin/flattor-addrs" --keep --rejects "$tmp/rj" "$data/addrs-messy.tsv" \
    >"$tmp/out" 2>/dev/null
sed 's/network=main$/network=main keep/' "$data/addrs-messy-rejects.tsv" \
    >"$tmp/want"
same "$tmp/want" "$tmp/rj" "messy --keep: rejected rows still listed"
same "$cases/messy-keep/out" "$tmp/out" "messy --keep: stdout"

"$bin/flattor-addrs" --rejects "$tmp/rj" "$data/addrs-relays-311.tsv" \
    >/dev/null 2>&1
{ sed -n '1p' "$data/addrs-relays-311.tsv"
  echo '# flattor-addrs 0.1.0: network=main'
  sed -n '2s/$/\treason/p' "$data/addrs-relays-311.tsv"; } >"$tmp/want"
same "$tmp/want" "$tmp/rj" "real-311: no rejects, header only"

rm -f "$tmp/rj"
printf 'contact\nbtc:x\n1\t2\n' |
    "$bin/flattor-addrs" --rejects "$tmp/rj" >"$tmp/out" 2>/dev/null
st=$?
if [ $st = 1 ] && [ ! -e "$tmp/rj" ] && [ ! -s "$tmp/out" ]; then
	ok "failed run: no rejects file, no output"
else
	notok "failed run: status $st, rejects file or output written"
fi

printf 'reason\tcontact\nold\tbtc:yes\nold\tbtc:1Ab93nZzqBhhoTetUfzjXxpNjUoEQ84Jrt\n' |
    "$bin/flattor-addrs" --rejects "$tmp/rj" >/dev/null 2>&1
printf '# flattor-addrs 0.1.0: network=main\nreason\tcontact\nnot-an-address\tbtc:yes\n' \
    >"$tmp/want"
same "$tmp/want" "$tmp/rj" "a reason column of the input is rewritten"

tap_end
