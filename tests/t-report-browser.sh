#!/bin/sh
# The demo round's page in a real browser: headless Chromium (Debian's
# chromium, which scripts/setup --test installs) loads the page the way a
# reader opens it from disk, and dumps the document it built.  The DOM
# must hold every paid payee with its amounts, and none of the elements a
# hostile table tried to add.  A screenshot is kept in $BUILD/report/ for a
# person to look at.  Without Chromium the test is skipped, except in CI
# (CI=true), where that is a failure.
. "$(dirname "$0")/tap.sh"
build=${BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac

browser=
for b in chromium chromium-browser; do
	if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
	if [ "${CI:-}" = true ]; then
		notok "chromium is missing (run scripts/setup --test)"
		tap_end
	fi
	echo "1..0 # SKIP chromium is not installed (scripts/setup --test installs it)"
	exit 0
fi

# One headless run: chromium ACTION PAGE.  A throwaway profile, nothing
# that would reach the network; --no-sandbox only as root, where Chromium
# refuses to start otherwise.
chrome() {
	set -- "$@" --headless --disable-gpu --user-data-dir="$tmp/profile" \
	    --no-first-run --no-default-browser-check --disable-extensions \
	    --disable-sync --disable-background-networking \
	    --disable-component-update --disable-default-apps \
	    --window-size=1280,2200
	[ "$(id -u)" = 0 ] && set -- "$@" --no-sandbox
	timeout 120 "$browser" "$@" 2>>"$tmp/chromium.err"
}

# The demo round, as scripts/demo runs it.
work=$tmp/demo
FLATTOR_BIN=$bin "$top/scripts/bin/flattor" \
    -f "$data/onionoo-311relays-2026-09-04.json" \
    --amount 0.01btc --max-share 0.2 \
    --utxos "$data/demo/utxos.tsv" \
    --change "$(cat "$data/demo/change.txt")" --feerate 4 \
    --workdir "$work" >"$tmp/psbt" 2>"$tmp/flattor.err"
page=$work/report.html
if [ -s "$page" ]; then ok "flattor writes report.html into the work directory"
else
	notok "flattor writes report.html into the work directory"
	sed 's/^/# /' "$tmp/flattor.err"
	tap_end
fi

chrome --dump-dom "file://$page" >"$tmp/dom.html"
if grep -q '</html>' "$tmp/dom.html"; then ok "chromium renders the demo page"
else
	notok "chromium renders the demo page"
	tail -5 "$tmp/chromium.err" | sed 's/^/# /'
	tap_end
fi

# Every paid payee of the cap table: its address, and what it gets in sat
# and in BTC, as cells of the DOM.
missing=0 paid=0
while IFS="$(printf '\t')" read -r addr sat; do
	btc=$(printf '%d.%08d' $((sat / 100000000)) $((sat % 100000000)))
	paid=$((paid + 1))
	grep -q "<td>$addr<small>" "$tmp/dom.html" &&
	    grep -q "<td>$sat<small>$btc</small></td>" "$tmp/dom.html" ||
	    { missing=$((missing + 1)); echo "# missing: $addr $sat"; }
done <<EOF
$(awk -F '\t' '/^#/ { next } !h { for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next }
	$c["sat"] > 0 { print $c["address"] "\t" $c["sat"] }' "$work/flattor-cap.tsv")
EOF
if [ "$paid" -gt 0 ] && [ $missing = 0 ]; then
	ok "the DOM has each of the $paid payees with its amounts"
else
	notok "the DOM has each of the $paid payees with its amounts ($missing missing)"
fi
rows=$(grep -o '<tr><td>[0-9]*</td>' "$tmp/dom.html" | wc -l | tr -d ' ')
if [ "$rows" = "$paid" ]; then ok "one row per payee"
else notok "$rows rows for $paid payees"; fi
if grep -q '<svg' "$tmp/dom.html" && grep -q '<h2 id="tx">' "$tmp/dom.html"
then ok "the chart and the transaction are there"
else notok "the chart and the transaction are there"; fi

mkdir -p "$build/report"
rm -f "$build/report/demo.png"
chrome --screenshot="$build/report/demo.png" "file://$page" >/dev/null
if [ -s "$build/report/demo.png" ]; then
	ok "a screenshot for a person to look at: $build/report/demo.png"
else
	notok "a screenshot for a person to look at"
fi

# A hostile table and relays: in the DOM, no element that a string put
# there; the strings are text.
"$bin/flattor-report" --relays "$data/report/hostile-relays.tsv" \
    "$data/report/hostile.tsv" >"$tmp/hostile.html"
chrome --dump-dom "file://$tmp/hostile.html" >"$tmp/hostile-dom.html"
if grep -q '</html>' "$tmp/hostile-dom.html"; then ok "chromium renders the hostile page"
else notok "chromium renders the hostile page"; fi
bad=$(grep -o -i -E '<(script|img|iframe|object|embed|form|input)[ >]|<[a-z]+[^>]* on[a-z]+=' \
    "$tmp/hostile-dom.html" | sort | uniq -c)
if [ -z "$bad" ]; then ok "no element from a hostile string"
else notok "elements from hostile strings:"; echo "$bad" | sed 's/^/# /'; fi
links=$(grep -o -E '<a [^>]*>' "$tmp/hostile-dom.html" | grep -c -v -E \
    '^<a href="https://metrics\.torproject\.org/rs\.html#details/[0-9A-F]{40}">$')
if [ "$links" = 0 ]; then ok "every link of the hostile page is a Tor Metrics one"
else notok "$links stray links in the hostile page"; fi
if grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/hostile-dom.html" &&
    grep -q '&lt;img src=x onerror=alert(2)&gt;' "$tmp/hostile-dom.html"
then ok "the hostile strings show as text"
else notok "the hostile strings show as text"; fi
tap_end
