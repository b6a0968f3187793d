#!/bin/sh
# bench-received.sh BIN: flattor-received on 300 addresses against
# tests/esplora-server.py (127.0.0.1) answering each request after 50 ms.
# Goal: the wall time with --jobs 4 at most a third of --jobs 1's.  Prints
# a table; exits 1 when the goal is missed.
set -eu
bin=$(cd "${1:-build/bin}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$(dirname "$bin")/bench}
mkdir -p "$work"
n=300
delay=50
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
    no_proxy NO_PROXY

rm -f "$work/esplora.port"
python3 "$top/tests/esplora-server.py" "$work/esplora.port" \
    "$work/esplora.log" --delay $delay &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
i=0
while [ ! -s "$work/esplora.port" ]; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "bench-received: no server" >&2; exit 1; }
	sleep 0.1
done
url=http://127.0.0.1:$(cat "$work/esplora.port")

# 300 P2WPKH addresses the server does not know: one request each.
PYTHONPATH=$top/scripts python3 -c '
import hashlib, sys, addrgen
print("address")
for i in range(int(sys.argv[1])):
    print(addrgen.segwit("bc", 0, hashlib.sha256(b"bench%d" % i).digest()[:20]))
' $n >"$work/received-in.tsv"

wall() { # wall JOBS: the wall time in ms of one run
	python3 -c '
import subprocess, sys, time
t = time.monotonic()
with open(sys.argv[1]) as f:
    subprocess.run(sys.argv[2:], stdin=f, stdout=subprocess.DEVNULL,
                   check=True)
print(int((time.monotonic() - t) * 1000))
' "$work/received-in.tsv" "$bin/flattor-received" --esplora "$url" \
	    --period 30d --jobs "$1"
}
t1=$(wall 1)
t4=$(wall 4)
printf '%-32s %10s\n' "flattor-received, $n addresses" "wall ms"
printf '%-32s %10d\n' "--jobs 1 ($delay ms a request)" "$t1"
printf '%-32s %10d\n' "--jobs 4" "$t4"
if [ $((t4 * 3)) -le "$t1" ]; then
	echo "ok: --jobs 4 takes at most 1/3 of --jobs 1"
else
	echo "MISSED: --jobs 4 takes more than 1/3 of --jobs 1" >&2
	exit 1
fi
