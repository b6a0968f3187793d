#!/bin/sh
# flattor-received against tests/esplora-server.py, a loopback stand-in for
# the Esplora API (127.0.0.1 only): histories of several pages, mempool
# transactions, self-transfers, the period's edges, every output type, an
# address with no history, depth, --check-ledger, and every failure (429
# then 200, a 500 that persists, a cut-off body, truncated and malformed
# JSON, amounts that are not integers, a wrong content type, a slow server,
# a Retry-After too long, a full mempool page, a page out of order).  Then
# flattor-cap over overlapping ledgers, and a donor's second round.  TAP.
. "$(dirname "$0")/tap.sh"
recv=$bin/flattor-received
srv=$top/tests/esplora-server.py
NOW=2026-11-26T12:00:00Z
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
    no_proxy NO_PROXY
pid=
trap 'for p in $pid; do kill $p 2>/dev/null; done; rm -rf "$tmp"' EXIT

server() { # server NAME ARGS...: starts a stand-in, sets url
	s_name=$1
	shift
	python3 "$srv" "$tmp/$s_name.port" "$tmp/$s_name.log" "$@" \
	    2>"$tmp/srv.err" &
	pid="$pid $!"
	i=0
	while [ ! -s "$tmp/$s_name.port" ]; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "Bail out! the Esplora stand-in did not start"
			cat "$tmp/srv.err"
			exit 1
		fi
		sleep 0.1
	done
	url=http://127.0.0.1:$(cat "$tmp/$s_name.port")
}
server moving1 --tip-moves 1
url1=$url
server moving --tip-moves 100
url100=$url
server main
ln -s main.log "$tmp/log"
python3 "$srv" --print >"$tmp/names"
addr() { awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$tmp/names"; }
table() { # table NAME...: an address table of the named addresses
	echo address
	for t_name; do addr "$t_name"; done
}
run() { # run ARGS... < input: out, err, st
	"$recv" --esplora "$url" --now $NOW "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}
is() { # is NAME GOT WANT
	if [ "$2" = "$3" ]; then ok "$1"; else
		notok "$1"
		echo "# got:  $2"
		echo "# want: $3"
	fi
}
body() { grep -v '^#' "$tmp/out"; }
col() { # col ADDRESSNAME FIELD: the field of the rows of that address
	a=$(addr "$1")
	awk -F'\t' -v a="$a" -v f="$2" '$4 == a { print $f }' "$tmp/out" |
	    tr '\n' ' '
}

# Every output type, three pages, the mempool, an empty history.
table many p2pkh p2sh p2wpkh p2wsh p2tr empty >"$tmp/in"
run --period 30d <"$tmp/in"
is "a history of every kind: exit 0" "$st" 0
body >"$tmp/body"
if cmp -s "$tmp/body" "$data/received-expected.tsv"; then
	ok "the rows, sorted by address, time, txid, vout"
else
	notok "the rows, sorted by address, time, txid, vout"
	diff "$data/received-expected.tsv" "$tmp/body" | head -5 | sed 's/^/# /'
fi
is "the provenance names the source, the tip and the period" \
    "$(head -1 "$tmp/out")" \
    "# flattor-received 0.1.0: esplora=$url tip=900000:$(printf tip |
	sha256sum | cut -c1-64) period=30d now=$NOW min-conf=0"
is "three pages of confirmed history were read" \
    "$(grep -c "/address/$(addr many)/txs/chain/" "$tmp/log")" 2
is "one row per output, self-transfers and the period's edges left out" \
    "$(col many 5 | tr ' ' '\n' | sort -n | head -3 | tr '\n' ' ')" \
    "111 1000 1001 "
case " $(col many 5)" in
*" 4000 "* | *" 2000 "* | *" 222 "* | *" 333 "*)
	notok "no self-transfer, nothing at the start or after now" ;;
*) ok "no self-transfer, nothing at the start or after now" ;;
esac
is "the mempool payment has the time now, no height" \
    "$(awk -F'\t' '$7 == "mempool" { print $1 "|" $5 "|" $6 }' "$tmp/out")" \
    "$NOW|20000|"
is "each output type: two payments" "$(col p2tr 5)$(col p2pkh 5)" \
    "70000 50000 70000 50000 "
is "no history, no row" "$(col empty 5)" ""
"$recv" --esplora "$url/" --now $NOW --period 30d --jobs 1 <"$tmp/in" |
    grep -v '^#' >"$tmp/j1"
"$recv" --esplora "$url" --now $NOW --period 30d --jobs 16 <"$tmp/in" |
    grep -v '^#' >"$tmp/j16"
cmp -s "$tmp/j1" "$tmp/body" && cmp -s "$tmp/j16" "$tmp/body"
is "the same bytes with --jobs 1 and --jobs 16" $? 0

# The tip moves once while reading: everything is read again.
"$recv" --esplora "$url1" --now $NOW --period 30d <"$tmp/in" >"$tmp/out" \
    2>"$tmp/err"
is "the tip moved once: exit 0" $? 0
is "the tip moved once: the histories read twice" \
    "$(grep -c "^/address/$(addr many)/txs\$" "$tmp/moving1.log")" 2
is "the tip moved once: the new tip in the provenance" \
    "$(head -1 "$tmp/out" | grep -o 'tip=[0-9]*')" tip=900001
"$recv" --esplora "$url100" --now $NOW --period 30d <"$tmp/in" >"$tmp/out" \
    2>"$tmp/err"
is "the tip always moves: exit 3" $? 3
is "the tip always moves: the error" "$(cat "$tmp/err")" "flattor-received: \
the chain tip moved during each of 3 readings (last from 900004 to 900005)"

# Credentials in --esplora stay out of the provenance line.
"$recv" --esplora "http://user:secret@${url#http://}" --now $NOW --period 30d \
    <"$tmp/in" | head -1 | grep -q "esplora=$url tip="
is "no credentials in the provenance line" $? 0

# A progress line when stderr is a terminal (script(1) gives one), none
# otherwise.
table many p2pkh empty >"$tmp/in"
run --period 30d <"$tmp/in"
is "no progress line when stderr is not a terminal" "$(wc -c <"$tmp/err")" 0
if command -v script >/dev/null 2>&1; then
	script -qc "'$recv' --esplora '$url' --period 30d <'$tmp/in' \
	    >/dev/null" /dev/null | tr '\r' '\n' >"$tmp/tty"
	is "a progress line on a terminal" "$(grep -c addresses "$tmp/tty")/\
$(grep -v '^$' "$tmp/tty" | tail -1)" "3/flattor-received: 3/3 addresses"
fi

# Depth.
table depth >"$tmp/in"
run --period 30d <"$tmp/in"
is "depth: both payments" "$(col depth 5)" "60 10 "
run --period 30d --confirmed-only <"$tmp/in"
is "--confirmed-only: the block at the tip counts" "$(col depth 5)" "60 10 "
run --period 30d --min-conf 6 <"$tmp/in"
is "--min-conf 6: only the payment 6 deep" "$(col depth 5)" "60 "
run --period 30d --min-conf 7 <"$tmp/in"
is "--min-conf 7: none" "$(col depth 5)" ""

# Retries that succeed.
for s in "429 once" "503 then 200"; do
	table "$s" >"$tmp/in"
	run --period 30d --retries 1 <"$tmp/in"
	is "$s: exit 0" "$st" 0
	is "$s: the payment" "$(col "$s" 5)" "4242 "
	is "$s: two requests" \
	    "$(grep -c "^/address/$(addr "$s")/txs\$" "$tmp/log")" 2
done

# Failures: exit 3, the address named, nothing on stdout.
fails() { # fails NAME ARGS -- MESSAGE (after the URL)
	name=$1
	shift
	a=$(addr "$name")
	table "$name" many >"$tmp/in"
	args=
	while [ "$1" != -- ]; do args="$args $1"; shift; done
	shift
	run --period 30d $args <"$tmp/in"
	is "$name: exit 3" "$st" 3
	is "$name: nothing on stdout" "$(wc -c <"$tmp/out")" 0
	is "$name: the error" "$(cat "$tmp/err")" \
	    "flattor-received: address \"$a\": $url/address/$a/txs: $1"
}
fails "500 always" --retries 1 -- \
    'HTTP 500: "Internal Server Error" (2 attempts)'
fails "cut off" --retries 0 -- \
    "transfer closed with 999 bytes remaining to read"
fails "truncated json" -- \
    "malformed response: JSON: premature end of input (byte 1579)"
fails "malformed json" -- 'malformed response: tx 1: "txid": not a string'
fails "real value" -- \
    'malformed response: tx 1: vout 0: "value": not an integer'
fails "negative value" -- \
    'malformed response: tx 1: vout 0: "value": out of range -5'
fails html -- 'content type "text/html", not application/json'
fails slow --timeout 1s --retries 0 -- "timed out after 1 s"
fails "wait an hour" -- "HTTP 429: the server asks to wait 3600 s"
fails fifty -- "50 or more unconfirmed transactions, and the API shows no \
more than 50: the history may be incomplete"
# Page 2 names its txid cut short: 64 hex digits read as a key to diag.
a=$(addr "500 on page 2")
table "500 on page 2" >"$tmp/in"
run --period 30d --retries 0 <"$tmp/in"
last=$(python3 "$srv" --txid "500 on page 2" 25)
is "500 on page 2: exit 3, the URL's txid shortened" "$st/$(cat "$tmp/err")" \
    "3/flattor-received: address \"$a\": $url/address/$a/txs/chain/\
$(echo "$last" | cut -c1-16)...: HTTP 500: \"Internal Server Error\""
fails "wrong order" -- "malformed response: tx 2: not in the documented \
order (mempool first, then newest first)"

# Bad input and usage.
printf 'address\nbc1qnotanaddress\n' >"$tmp/in"
run --period 30d <"$tmp/in"
is "a bad address: exit 1" "$st" 1
grep -q '^flattor-received: <stdin>:2: column "address": ' "$tmp/err"
is "a bad address: the line named" $? 0
printf 'address\n%s\ntb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx\n' \
    "$(addr many)" >"$tmp/in"
run --period 30d <"$tmp/in"
is "two networks: exit 1" "$st" 1
is "two networks: the error" "$(cat "$tmp/err")" "flattor-received: <stdin>:3: \
address \"tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx\" is for test, the first \
for main"
run <"$tmp/in"
is "no --period: exit 2" "$st" 2
"$recv" --period 30d <"$tmp/in" >/dev/null 2>&1
is "no --esplora: exit 2" $? 2
run --period 30d --esplora ftp://x <"$tmp/in"
is "an ftp URL: exit 2" "$st" 2
# A proxy the user asked for is never bypassed: a closed one fails.
table many >"$tmp/in"
run --period 30d --proxy http://127.0.0.1:1 --retries 0 <"$tmp/in"
is "a closed --proxy: exit 3, nothing read" "$st/$(wc -c <"$tmp/out")" 3/0
grep -q "^flattor-received: tip h[a-z]*: $url/blocks/tip/h[a-z]*: [Ff]ailed to \
connect to 127.0.0.1 port 1 " "$tmp/err"
is "a closed --proxy: the error names the proxy's port" $? 0

# --check-ledger: the donor's own ledger against the chain.
table many depth >"$tmp/in"
run --period 30d <"$tmp/in"
conf=$(awk -F'\t' '$5 == 60 { print $2 }' "$tmp/out")
mem=$(awk -F'\t' '$7 == "mempool" { print $2 }' "$tmp/out")
m=$(addr many)
d=$(addr depth)
{
	printf 'time\ttxid\tvout\taddress\tsat\n'
	printf '2026-11-26T11:00:00Z\t%s\t0\t%s\t60\n' "$conf" "$d"
	printf '2026-11-26T11:00:00Z\t%s\t0\t%s\t20000\n' "$mem" "$m"
	printf '2026-11-25T00:00:00Z\t%064d\t0\t%s\t5\n' 1 "$m"
	printf '2026-11-01T00:00:00Z\t%064d\t0\t%s\t5\n' 2 "$m"
} >"$tmp/donor.tsv"
run --check-ledger "$tmp/donor.tsv" --stale 3d
is "--check-ledger: exit 0" "$st" 0
is "--check-ledger: a status per row" \
    "$(grep -v '^#' "$tmp/out" | cut -f6,7 | tr '\t\n' '/ ')" \
    "height/status 899995/confirmed /mempool /not-found /stale "
is "--check-ledger: stderr, a line per row" "$(cat "$tmp/err")" "\
flattor-received: $tmp/donor.tsv:2: $conf:0: confirmed at height 899995
flattor-received: $tmp/donor.tsv:3: $mem:0: in the mempool
flattor-received: $tmp/donor.tsv:4: $(printf %064d 1):0: not on the chain
flattor-received: $tmp/donor.tsv:5: $(printf %064d 2):0: not on the chain, \
older than 3d: stale"
cp "$tmp/out" "$tmp/checked.tsv"
sed 's/\t20000$/\t20001/' "$tmp/donor.tsv" >"$tmp/wrong.tsv"
run --check-ledger "$tmp/wrong.tsv"
is "--check-ledger, an amount the chain does not show: exit 1" "$st" 1
is "--check-ledger, an amount the chain does not show: the error" \
    "$(cat "$tmp/err")" "flattor-received: $tmp/wrong.tsv:3: $mem:0 does \
not pay \"$m\" 20001 sat on the chain"

# flattor-cap: several ledgers, each payment once, stale rows not counted.
cap() { # cap MAXSAT LEDGER...: the sat cap gives the "many" operator
	c_max=$1
	shift
	set -- $(for l; do echo --ledger "$l"; done)
	"$bin/flattor-cap" --max-sat "$c_max" --period 30d --now $NOW "$@" \
	    "$tmp/payees" 2>"$tmp/caperr" |
	    awk -F'\t' '$1 == "A" { print $4 }'
}
printf 'operator\taddress\taddress_type\tsat\nA\t%s\tp2wpkh\t100000\n' \
    "$m" >"$tmp/payees"
printf 'B\t%s\tp2wpkh\t100000\n' "$d" >>"$tmp/payees"
table many >"$tmp/in"
run --period 30d <"$tmp/in"
cp "$tmp/out" "$tmp/received.tsv"
got=$(grep -v '^#' "$tmp/received.tsv" | awk -F'\t' 'NR > 1 { s += $5 }
    END { print s }')
is "what 'many' received in the period" "$got" 625096881
is "cap, the chain's ledger: nothing left for A" \
    "$(cap 625096881sat "$tmp/received.tsv")" 0
is "cap, the chain's ledger: A gets what is left" \
    "$(cap 625106881sat "$tmp/received.tsv")" 10000
is "cap, the same ledger twice: counted once" \
    "$(cap 625106881sat "$tmp/received.tsv" "$tmp/received.tsv")" 10000
is "cap, the checked donor ledger overlapping the chain's: counted once" \
    "$(cap 625106881sat "$tmp/received.tsv" "$tmp/checked.tsv")" 9995
# checked.tsv adds 5 sat not-found (counted) and 5 sat stale (not counted).

# A donor's second round in the same period: the operator that other
# donors paid gets less than the donor's own ledger alone would give.
printf 'time\ttxid\tvout\taddress\tsat\n2026-11-20T00:00:00Z\t%064d\t0\t%s\t5000\n' \
    7 "$m" >"$tmp/own.tsv"
is "second round, the donor's ledger alone: A gets 100000" \
    "$(cap 625106881sat "$tmp/own.tsv")" 100000
is "second round, with what the chain shows: A gets 5000" \
    "$(cap 625106881sat "$tmp/own.tsv" "$tmp/received.tsv")" 5000

# The wrapper: flattor --esplora runs flattor-received between weigh and
# cap, keeps its table, and gives it to cap beside the donor's ledger.
relays=$data/onionoo-311relays-2026-09-04.json
: >"$tmp/empty-ledger.tsv"
wrap() { # wrap DIR ARGS...: flattor on the 311 relays, 0.01 BTC, csv
	w_dir=$1
	shift
	"$top/scripts/bin/flattor" -q -f "$relays" --amount 0.01btc --max-sat 100000sat \
	    --period 30d --ledger "$tmp/empty-ledger.tsv" --now $NOW \
	    --format csv --workdir "$tmp/$w_dir" "$@"
}
capped() { # capped DIR ADDRESS: its sat and cap_reason in DIR's cap table
	awk -F'\t' -v a="$2" '/^#/ { next } !h { for (i = 1; i <= NF; i++)
	    c[$i] = i; h = 1; next } $c["address"] == a {
	    print $c["sat"] " " $c["cap_reason"] }' "$tmp/$1/flattor-cap.tsv"
}
wrap w1 >"$tmp/w1.out" 2>"$tmp/w1.err"
is "flattor without --esplora: exit 0" $? 0
topp=$(awk -F'\t' '/^#/ { next } !h { for (i = 1; i <= NF; i++) c[$i] = i
    h = 1; next } $c["cap_reason"] == "max-sat" { print $c["address"]
    exit }' "$tmp/w1/flattor-cap.tsv")
is "a payee held at --max-sat by the donor's ledger alone" \
    "$(capped w1 "$topp")" "100000 max-sat"
server paid --paid "$topp:60000"
wrap w2 --esplora "$url" >"$tmp/w2.out" 2>"$tmp/w2.err"
is "flattor --esplora: exit 0" $? 0
is "flattor --esplora: the received table kept" \
    "$(grep -v '^#' "$tmp/w2/flattor-received.tsv" | cut -f4,5,7 |
	tr '\t\n' '  ')" "address sat status $topp 60000 confirmed "
is "flattor --esplora: what others paid counts against the cap" \
    "$(capped w2 "$topp")" "40000 max-sat"
grep -q "ledger=$tmp/empty-ledger.tsv ledger=$tmp/w2/flattor-received.tsv" \
    "$tmp/w2/flattor-cap.tsv"
is "flattor --esplora: cap reads both ledgers" $? 0
wrap w3 --esplora http://127.0.0.1:1 --retries 0 >"$tmp/w3.out" \
    2>"$tmp/w3.err"
is "flattor --esplora, the server down: exit 3, nothing on stdout" \
    "$?/$(wc -c <"$tmp/w3.out")" 3/0
"$top/scripts/bin/flattor" -q -f "$relays" --amount 0.01btc --esplora "$url" \
    --format csv >/dev/null 2>"$tmp/err"
is "flattor --esplora without --period and --max-sat: exit 2" $? 2
is "flattor --esplora without --period and --max-sat: the error" \
    "$(cat "$tmp/err")" "flattor: --esplora needs --period and --max-sat"

# Issue 12: a cut-off ledger row is an error, not 80 sat.
printf 'time\ttxid\tvout\taddress\tsat\n2026-11-20T00:00:00Z\t%064d\t0\t%s\t80' \
    7 "$m" >"$tmp/cut.tsv"
"$bin/flattor-cap" --max-sat 1btc --period 30d --ledger "$tmp/cut.tsv" \
    "$tmp/payees" >"$tmp/out" 2>"$tmp/err"
is "a cut-off ledger: exit 1" $? 1
is "a cut-off ledger: the error" "$(cat "$tmp/err")" "flattor-cap: \
$tmp/cut.tsv:2: no newline at the end of the last line (cut off?)"
tap_end
