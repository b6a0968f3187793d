#!/bin/sh
# bench-fetch.sh BIN: flattor-fetch -f on a full-size details document
# (about 9,500 relays with every field, made by scripts/make-bigdoc.py from
# the real samples in tests/data) against jq doing the same extraction.
# Goals: at most half of jq's wall time; peak memory at most twice the size
# of the document.  Prints a table; exits 1 when a goal is missed.
set -eu
bin=$(cd "${1:-build/bin}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
runs=3
work=${BENCH_DIR:-$(dirname "$bin")/bench}
mkdir -p "$work"
doc=$work/onionoo-bigdoc.json
if [ ! -s "$doc" ] || [ "$top/scripts/make-bigdoc.py" -nt "$doc" ]; then
	python3 "$top/scripts/make-bigdoc.py" "$doc"
fi
if ! command -v jq >/dev/null 2>&1; then
	echo "bench-fetch: jq is missing (scripts/setup installs it)" >&2
	exit 1
fi

# The same columns, order and rules as flattor-fetch (probabilities aside:
# jq prints them through a double).
cat >"$work/fetch.jq" <<'EOF'
def b: if . == null then "" elif . then "1" else "0" end;
.relays | sort_by(.fingerprint) | .[]
| [.fingerprint, .nickname, (.running | b), ((.flags // []) | join(",")),
   (.measured | b), .consensus_weight, .guard_probability,
   .middle_probability, .exit_probability, .advertised_bandwidth,
   .first_seen, .last_seen, .country, (.as // .as_number),
   ((.effective_family // .family // [])
    | map(ltrimstr("$") | ascii_upcase | select(test("^[0-9A-F]{40}$")))
    | unique | join(",")),
   ((.family_ids // []) | join(",")), .contact]
| @tsv
EOF

# measure OUT CMD...: best wall time (s) and largest peak RSS (KiB) of
# $runs runs, as "WALL RSS"
measure() {
	out=$1
	shift
	best= peak=0
	i=0
	while [ $i -lt $runs ]; do
		i=$((i + 1))
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$out"
		else
			python3 -c '
import resource, subprocess, sys, time
t = time.monotonic()
with open(sys.argv[2], "w") as out:
    subprocess.run(sys.argv[3:], stdout=out, check=True)
t = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write("%.2f %d\n" % (t, rss))
' "$work/time" "$out" "$@"
		fi
		read -r w m <"$work/time"
		if [ -z "$best" ] || awk "BEGIN{exit !($w < $best)}"; then
			best=$w
		fi
		[ "$m" -gt "$peak" ] && peak=$m
	done
	echo "$best $peak"
}

set -- $(measure "$work/fetch.out" "$bin/flattor-fetch" -f "$doc")
fw=$1 fm=$2
set -- $(measure "$work/jq.out" jq -r -f "$work/fetch.jq" "$doc")
jw=$1 jm=$2

rows=$(($(wc -l <"$work/fetch.out") - 2))
cut -f1 "$work/jq.out" >"$work/jq.fp"
if ! tail -n +3 "$work/fetch.out" | cut -f1 | cmp -s - "$work/jq.fp"; then
	echo "bench-fetch: flattor-fetch and jq disagree on the rows" >&2
	exit 1
fi

size=$(wc -c <"$doc")
awk -v fw="$fw" -v fm="$fm" -v jw="$jw" -v jm="$jm" -v size="$size" \
    -v rows="$rows" -v runs="$runs" 'BEGIN {
	mb = 1048576
	printf "document: %d relays, %.1f MiB (every field)\n", rows, size / mb
	printf "%-24s %14s %14s %22s %5s\n", "measure", "flattor-fetch", "jq",
	    "goal", "met"
	t_ok = fw <= jw / 2
	m_ok = fm * 1024 <= 2 * size
	printf "%-24s %12.2f s %12.2f s %22s %5s\n",
	    "wall time (best of " runs ")", fw, jw, "<= jq / 2", t_ok ? "yes" : "NO"
	printf "%-24s %10.1f MiB %10.1f MiB %18s MiB %5s\n", "peak memory",
	    fm / 1024, jm / 1024, sprintf("<= %.1f", 2 * size / mb),
	    m_ok ? "yes" : "NO"
	exit !(t_ok && m_ok)
}'
