#!/bin/sh
# bench-fetch.sh BIN: flattor-fetch -f on a full-size details document
# (about 9,500 relays with every field, made by scripts/make-bigdoc.py from
# the real samples in tests/data) against jq doing the same extraction, and
# on a lean document of 500,000 relays that give only their fingerprint
# (the worst case for memory: the table is nearly as large as the JSON).
# Goals: at most 0.3 times jq's wall time; peak memory at most 1.2 times
# the size of the document, for both documents.  Prints a table; exits 1
# when a goal is missed.
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
lean=$work/onionoo-lean500k.json
if [ ! -s "$lean" ] || [ "$0" -nt "$lean" ]; then
	python3 - "$lean" <<'EOF'
import hashlib, os, sys
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write('{"version":"8.0","relays_published":"2026-09-04 03:00:00",'
            '"relays":[\n')
    f.write(",\n".join('{"fingerprint":"%s"}'
                       % hashlib.sha1(b"lean-%d" % i).hexdigest().upper()
                       for i in range(500000)))
    f.write("\n]}\n")
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
EOF
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
set -- $(measure "$work/lean.out" "$bin/flattor-fetch" -f "$lean")
lw=$1 lm=$2

rows=$(($(wc -l <"$work/fetch.out") - 2))
cut -f1 "$work/jq.out" >"$work/jq.fp"
if ! tail -n +3 "$work/fetch.out" | cut -f1 | cmp -s - "$work/jq.fp"; then
	echo "bench-fetch: flattor-fetch and jq disagree on the rows" >&2
	exit 1
fi

size=$(wc -c <"$doc")
lsize=$(wc -c <"$lean")
lrows=$(($(wc -l <"$work/lean.out") - 2))
awk -v fw="$fw" -v fm="$fm" -v jw="$jw" -v jm="$jm" -v size="$size" \
    -v rows="$rows" -v runs="$runs" -v lw="$lw" -v lm="$lm" \
    -v lsize="$lsize" -v lrows="$lrows" 'BEGIN {
	mb = 1048576
	printf "document: %d relays, %.1f MiB (every field)\n", rows, size / mb
	printf "%-24s %14s %14s %22s %5s\n", "measure", "flattor-fetch", "jq",
	    "goal", "met"
	t_ok = fw <= 0.3 * jw
	m_ok = fm * 1024 <= 1.2 * size
	l_ok = lm * 1024 <= 1.2 * lsize
	printf "%-24s %12.2f s %12.2f s %22s %5s\n",
	    "wall time (best of " runs ")", fw, jw, "<= 0.3 jq", t_ok ? "yes" : "NO"
	printf "%-24s %10.1f MiB %10.1f MiB %18s MiB %5s\n", "peak memory",
	    fm / 1024, jm / 1024, sprintf("<= %.1f", 1.2 * size / mb),
	    m_ok ? "yes" : "NO"
	printf "lean document: %d relays, %.1f MiB (fingerprints only)\n",
	    lrows, lsize / mb
	printf "%-24s %12.2f s\n", "wall time (best of " runs ")", lw
	printf "%-24s %10.1f MiB %14s %18s MiB %5s\n", "peak memory", lm / 1024,
	    "", sprintf("<= %.1f", 1.2 * lsize / mb), l_ok ? "yes" : "NO"
	exit !(t_ok && m_ok && l_ok)
}'
