#!/bin/sh
# flattor-report on large and hostile rounds: a page of 5,000 payees stays
# under 2 MB, and no page has a script, a source or a link other than the
# Tor Metrics page of a relay, whatever the tables hold.
. "$(dirname "$0")/tap.sh"
rep=$bin/flattor-report

# The attributes of a page's tags that load or link something (src=,
# href=, xlink:href=), and any url(...) in its style sheet.  Text from
# the tables is escaped, so every raw "<...>" is a tag.
links() {
	grep -o '<[^>]*>' "$1" |
	    grep -o -i -E '(src|href)=("[^"]*"|[^ >]*)' || true
	sed -n '/<style>/,/<\/style>/p' "$1" | grep -o -i 'url([^)]*)' || true
}
# Fails (prints the offenders) when page $1 has a script or links other
# than the Tor Metrics page of a 40-hex-digit fingerprint.
clean() {
	bad=$(links "$1" | grep -v -E \
	    '^href="https://metrics\.torproject\.org/rs\.html#details/[0-9A-F]{40}"$')
	scripts=$(grep -c -i '<script' "$1")
	if [ -z "$bad" ] && [ "$scripts" = 0 ]; then return 0; fi
	printf '%s\n' "$bad" | head -5 | sed 's/^/# link: /'
	echo "# <script: $scripts"
	return 1
}

# 5,000 payees of one relay each, a relays table of them, and a page.
awk 'BEGIN {
	OFS = "\t"
	print "# flattor-weigh 0.1.0: amount=2500000000sat by=consensus"
	print "operator", "address", "address_type", "relays", "fingerprints",
	    "weight", "share", "sat", "uncapped_sat", "cap_reason"
	for (i = 0; i < 5000; i++) {
		fp = sprintf("%040X", i)
		addr = sprintf("bc1q%038d", i)
		sat = 1000000 - i * 100
		print fp, addr, "p2wpkh", 1, fp, sat, "0.0002", sat, sat + 7,
		    i % 10 == 0 ? "max-share" : ""
	}
}' >"$tmp/big.tsv"
awk 'BEGIN {
	OFS = "\t"
	print "fingerprint", "nickname", "running", "flags", "measured",
	    "consensus_weight", "contact"
	for (i = 0; i < 5000; i++)
		print sprintf("%040X", i), sprintf("Relay%dNickname", i), 1,
		    "Fast,Guard,Running,Stable,Valid", 1, 1000000 - i * 100,
		    sprintf("Operator %d <op%d AT example DOT org> btc:bc1q%038d", i, i, i)
}' >"$tmp/big-relays.tsv"
if "$rep" --relays "$tmp/big-relays.tsv" "$tmp/big.tsv" >"$tmp/big.html"; then
	ok "a page of 5,000 payees"
else
	notok "a page of 5,000 payees"
fi
size=$(wc -c <"$tmp/big.html")
if [ "$size" -lt 2000000 ]; then ok "5,000 payees in $size bytes, under 2 MB"
else notok "5,000 payees in $size bytes, not under 2 MB"; fi
rows=$(grep -c '^<tr><td>[0-9]' "$tmp/big.html")
if [ "$rows" = 5000 ]; then ok "every payee has its row"
else notok "$rows payee rows, not 5000"; fi
bars=$(grep -c '^<g><title>' "$tmp/big.html")
if [ "$bars" = 40 ] && grep -q 'and 4960 more payees' "$tmp/big.html"
then ok "the chart draws the top 40 and sums up the rest"
else notok "the chart draws $bars bars"; fi
if clean "$tmp/big.html"; then ok "no script, only Tor Metrics links"
else notok "no script, only Tor Metrics links"; fi

# Hostile tables: every text column, the comment lines, nicknames and
# contacts.
"$rep" --relays "$data/report/hostile-relays.tsv" "$data/report/hostile.tsv" \
    >"$tmp/hostile.html"
if clean "$tmp/hostile.html"; then ok "hostile tables: no script, only Tor Metrics links"
else notok "hostile tables: no script, only Tor Metrics links"; fi
"$rep" --format svg "$data/report/hostile.tsv" >"$tmp/hostile.svg"
if clean "$tmp/hostile.svg" && ! grep -q '<img\|<iframe\|<a ' "$tmp/hostile.svg"
then ok "hostile chart: nothing but the drawing"
else notok "hostile chart: nothing but the drawing"; fi
# Every page and chart of the golden cases.
for f in "$top"/tests/cmd/flattor-report/*/out; do
	case $(head -c 5 "$f") in "<!DOC"|"<svg ") ;; *) continue ;; esac
	if clean "$f"; then ok "$(basename "$(dirname "$f")"): no script, only Tor Metrics links"
	else notok "$(basename "$(dirname "$f")"): no script, only Tor Metrics links"; fi
done
# What clean() checks would catch a link that got through.
printf '<p><img src="https://evil.example/x.png"></p>\n' >"$tmp/evil.html"
if clean "$tmp/evil.html" >/dev/null; then notok "the check finds a stray source"
else ok "the check finds a stray source"; fi
tap_end
