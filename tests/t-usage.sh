#!/bin/sh
# Each tool's usage text is its man page's SYNOPSIS, word for word
# (the project's code style): --help prints it to stdout and exits 0; an unknown option
# prints it to stderr after the diagnostic and exits 2.
. "$(dirname "$0")/tap.sh"
# One word a line: every run of blanks becomes a line break.
words() { tr -s ' \t\n' '\n\n\n' | sed '/^$/d'; }
# The SYNOPSIS section of a rendered page; a wide line so nothing is broken
# or hyphenated.
synopsis() {
	groff -mandoc -Tascii -P-cbou -rLL=1000n "$1" 2>/dev/null |
	    awk '/^[A-Z]/ { f = ($0 == "SYNOPSIS"); next } f'
}
# Usage text without its leading "usage:".
usage() { sed '1s/^usage://'; }
tools=$(flattor_tools)
for t in $tools; do
	exe="$bin/$t"
	[ -x "$exe" ] || exe="$top/scripts/bin/$t"
	man="$top/man/$t.1"
	if [ ! -f "$man" ]; then notok "$t: no man page"; continue; fi
	synopsis "$man" | words >"$tmp/man"
	if [ ! -s "$tmp/man" ]; then notok "$t: no SYNOPSIS in $t.1"; continue; fi
	"$exe" --help </dev/null >"$tmp/help" 2>"$tmp/help-err"; st=$?
	if [ $st = 0 ] && [ ! -s "$tmp/help-err" ]; then ok "$t --help exits 0, quietly"
	else notok "$t --help: status $st"; sed 's/^/# /' "$tmp/help-err"; fi
	usage <"$tmp/help" | words >"$tmp/want"
	if cmp -s "$tmp/man" "$tmp/want"; then ok "$t --help is the SYNOPSIS of $t.1"
	else
		notok "$t --help is the SYNOPSIS of $t.1"
		diff "$tmp/man" "$tmp/want" | sed 's/^/# /'
	fi
	"$exe" --no-such-option </dev/null >"$tmp/out" 2>"$tmp/err"; st=$?
	# The diagnostic's line, then the usage.
	sed 1d "$tmp/err" | usage | words >"$tmp/got"
	if [ $st = 2 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/got" "$tmp/want"
	then ok "$t: an unknown option prints the usage to stderr, exits 2"
	else
		notok "$t: an unknown option prints the usage to stderr, exits 2 (status $st)"
		sed 's/^/# /' "$tmp/err"
	fi
done
tap_end
