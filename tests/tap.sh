# tests/tap.sh: the shared start of the tests/t-*.sh scripts, sourced as
#	. "$(dirname "$0")/tap.sh"
# It sets top (the source tree), bin (the built tools), data (tests/data)
# and tmp (a directory removed at exit), a C locale and UTC; ok and notok
# print numbered TAP lines; tap_end prints the plan and exits 1 if any
# test failed; flattor_tools lists every tool (cmd/*.c and scripts/bin/*).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${FLATTOR_BIN:-$top/build/bin}
data=$top/tests/data
export LC_ALL=C TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
tap_end() {
	echo "1..$n"
	[ $failed = 0 ] && exit 0
	exit 1
}
flattor_tools() {
	for c in "$top"/cmd/*.c; do
		[ -f "$c" ] && basename "$c" .c
	done
	for f in "$top"/scripts/bin/*; do
		[ -f "$f" ] && basename "$f"
	done
}
