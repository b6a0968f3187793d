#!/bin/sh
# bench-addrs.sh BIN: flattor-addrs on a network-sized relays table (the
# real 311-relay table of tests/data repeated 31 times: 9,641 rows, 8,122
# contacts).  Goal: at most 1 s of wall time.  Prints a table; exits 1 when
# the goal is missed.
set -eu
bin=$(cd "${1:-build/bin}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$(dirname "$bin")/bench}
mkdir -p "$work"
big=$work/addrs-relays-9641.tsv
src=$top/tests/data/addrs-relays-311.tsv
if [ ! -s "$big" ] || [ "$src" -nt "$big" ]; then
	{ sed -n '1,2p' "$src"
	  i=0; while [ $i -lt 31 ]; do sed '1,2d' "$src"; i=$((i + 1)); done
	} >"$big"
fi
best=
for run in 1 2 3; do
	t0=$(date +%s%N)
	"$bin/flattor-addrs" "$big" >/dev/null 2>&1
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
printf '%-28s %8s %10s\n' "case" "rows" "best ms"
printf '%-28s %8s %10s\n' "flattor-addrs (main)" 9641 "$best"
[ "$best" -le 1000 ]
