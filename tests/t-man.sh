#!/bin/sh
# Every man page is lint-clean; every tool has a man page, answers --help
# and --version, and every long option its --help names is in its man page.
. "$(dirname "$0")/tap.sh"
for m in "$top"/man/*.[17]; do
	out=$(groff -mandoc -ww -z "$m" 2>&1)
	if [ -z "$out" ]; then ok "lint $(basename "$m")"
	else notok "lint $(basename "$m")"; echo "$out" | sed 's/^/# /'; fi
done
tools=$(flattor_tools)
for t in $tools; do
	exe="$bin/$t"
	[ -x "$exe" ] || exe="$top/scripts/bin/$t"
	man="$top/man/$t.1"
	if [ -f "$man" ]; then ok "$t has a man page"; else notok "$t has a man page"; fi
	help=$("$exe" --help 2>/dev/null); st=$?
	if [ $st = 0 ] && [ -n "$help" ]; then ok "$t --help"; else notok "$t --help (status $st)"; fi
	ver=$("$exe" --version 2>/dev/null)
	case $ver in
	"$t "[0-9]*) ok "$t --version" ;;
	*) notok "$t --version: \"$ver\"" ;;
	esac
	"$exe" --no-such-option </dev/null >/dev/null 2>&1; st=$?
	if [ $st = 2 ]; then ok "$t: unknown option exits 2"; else notok "$t: unknown option exits $st"; fi
	[ -f "$man" ] || continue
	missing=
	text=$(groff -mandoc -Tascii -P-cbou "$man" 2>/dev/null)
	for o in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		printf '%s\n' "$text" | grep -q -e "$o" || missing="$missing $o"
	done
	if [ -z "$missing" ]; then ok "$t: every option of --help is in the man page"
	else notok "$t: options missing from the man page:$missing"; fi
done
tap_end
