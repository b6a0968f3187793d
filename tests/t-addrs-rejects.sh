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

# The rejects file is replaced only by a run that succeeds, stdout included:
# a temporary file renamed into place, never the old file truncated.
old() { printf 'old rejects\n' >"$tmp/rj"; }
unchanged() { # unchanged STATUS WANT-STATUS NAME
	if [ "$1" = "$2" ] && [ "$(cat "$tmp/rj")" = "old rejects" ] &&
	    [ -z "$(ls "$tmp" | grep '^rj.')" ]; then ok "$3"
	else notok "$3 (status $1, rejects: $(head -c 40 "$tmp/rj"))"; fi
}
old
"$bin/flattor-addrs" --rejects "$tmp/rj" "$data/addrs-messy.tsv" \
    >/dev/full 2>"$tmp/err"
unchanged $? 4 "stdout on /dev/full: the old rejects file is left alone"
old
# A write error on the rejects file: a file size limit (EFBIG), as a full
# disk would; SIGXFSZ ignored so that the write fails instead of a kill.
# Its messages go through a pipe, which the limit does not apply to.
err=$(trap '' XFSZ; ulimit -f 0; exec "$bin/flattor-addrs" --rejects \
    "$tmp/rj" "$data/addrs-messy.tsv" 2>&1 >/dev/null)
unchanged $? 4 "a write error on the rejects file: old file unchanged, exit 4"
printf '%s\n' "$err" >"$tmp/err"
grep -q "^flattor-addrs: $tmp/rj" "$tmp/err" &&
    ok "the write error names the rejects file" ||
    notok "the write error names the rejects file: $(cat "$tmp/err")"
# An unwritable directory (as a user without root's override).
mkdir "$tmp/ro" && printf 'old rejects\n' >"$tmp/ro/rj" && chmod 555 "$tmp/ro"
chmod 755 "$tmp"
as_user=
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
	$as_user "$bin/flattor-addrs" --rejects "$tmp/ro/rj" \
	    "$data/addrs-messy.tsv" >/dev/null 2>"$tmp/err"
	st=$?
	if [ $st = 4 ] && [ "$(cat "$tmp/ro/rj")" = "old rejects" ]; then
		ok "an unwritable directory: old file unchanged, exit 4"
	else
		notok "an unwritable directory: status $st, $(cat "$tmp/err")"
	fi
else
	ok "# SKIP root without setpriv"
fi
chmod 755 "$tmp/ro"

tap_end
