#!/bin/sh
# flattor-fetch over HTTP, against tests/http-server.py on 127.0.0.1 (never
# the internet): 200, gzip, If-Modified-Since and 304 from the cache, 503
# with and without retries, 404, a cut-off body, a cut-off document, a slow
# body, the maximum size, a proxy, a redirect to http, a refused connection
# and a self-signed TLS certificate.  TAP output.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${FLATTOR_BIN:-$top/build/bin}
fetch=$bin/flattor-fetch
doc=$top/tests/data/onionoo-40relays-2026-09-04.json
export LC_ALL=C TZ=UTC
# Only what the tests say: no proxy from the environment.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
    no_proxy NO_PROXY
tmp=$(mktemp -d)
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

n=0 failed=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
notok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	for f in out err; do
		[ -s "$tmp/$f" ] && sed "s/^/# $f: /" "$tmp/$f" | head -5
	done
}
check() { # check NAME COMMAND...: passes when the command succeeds
	name=$1
	shift
	if "$@"; then ok "$name"; else notok "$name"; fi
}

# start NAME [CERT KEY]: starts a server, sets $port
start() {
	rm -f "$tmp/$1.port"
	python3 "$top/tests/http-server.py" "$doc" "$tmp/$1.port" \
	    "$tmp/$1.log" ${2:+"$2"} ${3:+"$3"} 2>"$tmp/$1.stderr" &
	pids="$pids $!"
	i=0
	while [ ! -s "$tmp/$1.port" ]; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "Bail out! $1 server did not start"
			cat "$tmp/$1.stderr"
			exit 1
		fi
		sleep 0.1
	done
	port=$(cat "$tmp/$1.port")
}

run() { # run ARGS...: runs flattor-fetch, sets $st
	"$fetch" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}

fields="fingerprint,nickname,running,flags,measured,consensus_weight,"
fields="${fields}guard_probability,middle_probability,exit_probability,"
fields="${fields}advertised_bandwidth,first_seen,last_seen,country,as,"
fields="${fields}effective_family,family_ids,contact"
query="details?type=relay&running=true&fields=$fields"

"$fetch" -f "$doc" | tail -n +2 >"$tmp/want"

start http
base=http://127.0.0.1:$port
log=$tmp/http.log

# 200
run --url "$base/ok"
check "200: exit 0, stderr empty" test $st = 0 -a ! -s "$tmp/err"
check "200: the same rows as -f" sh -c "tail -n +2 '$tmp/out' | cmp -s - '$tmp/want'"
check "200: provenance names the URL" test "$(head -1 "$tmp/out")" = \
    "# flattor-fetch 0.1.0: source=$base/ok/$query version=8.0 relays_published=2026-09-04 03:00:00"
check "200: asks only for the fields it needs" \
    test "$(tail -1 "$log" | cut -f1)" = "/ok/$query"
check "200: User-Agent names the tool and version" \
    test "$(tail -1 "$log" | cut -f2)" = "flattor-fetch/0.1.0"
check "200: Accept-Encoding gzip" \
    sh -c "tail -1 '$log' | cut -f3 | grep -q gzip"

# Credentials in the URL: in no provenance line, in no message
run --url "http://flattor:s3cret@127.0.0.1:$port/ok"
check "credentials: not in the provenance line" \
    sh -c "test $st = 0 && head -1 '$tmp/out' | grep -q 'source=$base/ok/details?' && ! grep -q s3cret '$tmp/out'"
run --url "http://flattor:s3cret@127.0.0.1:$port/nosuchmode"
check "credentials: not in a message" \
    test $st = 3 -a "$(cat "$tmp/err")" = "flattor-fetch: $base/nosuchmode/$query: HTTP 404: no such mode"

# A base with a trailing slash
run --url "$base/ok/"
check "base with a trailing slash" \
    sh -c "test $st = 0 && tail -1 '$log' | cut -f1 | grep -q '^/ok/details?'"

# gzip
run --url "$base/gzip"
check "gzip: decompressed" sh -c "test $st = 0 && tail -n +2 '$tmp/out' | cmp -s - '$tmp/want'"

# The cache: 200 then 304
cache=$tmp/cache/details.cache
mkdir -p "$tmp/cache"
run --url "$base/ok" --cache "$cache"
check "cache: first run, no If-Modified-Since" \
    test $st = 0 -a -z "$(tail -1 "$log" | cut -f4)"
check "cache: file written, no temporary left" \
    test -s "$cache" -a "$(ls "$tmp/cache" | wc -l)" = 1
cp "$tmp/out" "$tmp/out1"
run --url "$base/ok" --cache "$cache"
check "cache: second run sends If-Modified-Since" \
    test "$(tail -1 "$log" | cut -f4)" = "Fri, 04 Sep 2026 03:00:00 GMT"
check "cache: 304 served from the cache" \
    sh -c "test $st = 0 && cmp -s '$tmp/out' '$tmp/out1'"
run --url "$base/ok" --cache "$cache" --max-size 1000
check "cache: a kept document above --max-size is not used" \
    sh -c "test $st = 3 && test -z \"\$(tail -1 '$log' | cut -f4)\" && grep -q 'response larger than 1000 bytes' '$tmp/err'"
run --url "$base/gzip" --cache "$cache"
check "cache: another URL does not use it" \
    test $st = 0 -a -z "$(tail -1 "$log" | cut -f4)"
# A damaged document in a well-formed cache (cut short): not used after a
# 304 (which would fail every run), but fetched afresh without
# If-Modified-Since, and the cache rewritten.
run --url "$base/ok" --cache "$cache"
head -c 20000 "$cache" >"$tmp/cut" && cat "$tmp/cut" >"$cache"
run --url "$base/ok" --cache "$cache"
check "cache: a damaged document is ignored, fetched afresh" \
    sh -c "test $st = 0 && test -z \"\$(tail -1 '$log' | cut -f4)\" && cmp -s '$tmp/out' '$tmp/out1'"
run --url "$base/ok" --cache "$cache"
check "cache: and rewritten whole" \
    sh -c "test $st = 0 && test -n \"\$(tail -1 '$log' | cut -f4)\" && cmp -s '$tmp/out' '$tmp/out1'"
printf 'garbage\n' >"$cache"
run --url "$base/ok" --cache "$cache"
check "cache: a damaged cache is ignored and rewritten" \
    sh -c "test $st = 0 && test -z \"\$(tail -1 '$log' | cut -f4)\" && head -1 '$cache' | grep -q '^flattor-fetch cache'"
run --url "$base/cutjson" --cache "$tmp/cache/bad"
check "cache: a document that does not parse is not kept" \
    test $st = 1 -a ! -e "$tmp/cache/bad"

# 503, no retry
run --url "$base/e503" --retries 0
body="Service Unavailable backend down $(printf '%0162d' 0 | tr 0 x)"
check "503: exit 3, nothing on stdout" test $st = 3 -a ! -s "$tmp/out"
check "503: status and the start of the body, on one line" \
    test "$(cat "$tmp/err")" = "flattor-fetch: $base/e503/$query: HTTP 503: $body"

# 503, retried once
c0=$(grep -c '^/e503/' "$log")
run --url "$base/e503" --retries 1
c1=$(grep -c '^/e503/' "$log")
check "503 retried: two requests" test $((c1 - c0)) = 2 -a $st = 3
check "503 retried: message counts the attempts" \
    sh -c "grep -q '(2 attempts)\$' '$tmp/err'"

# A 503 then a 200
run --url "$base/flaky" --retries 2
check "retry after a 503 succeeds" \
    test $st = 0 -a "$(grep -c '^/flaky/' "$log")" = 2

# 404 with an empty body
run --url "$base/e404"
check "404: exit 3, one attempt" \
    test $st = 3 -a "$(cat "$tmp/err")" = "flattor-fetch: $base/e404/$query: HTTP 404" \
    -a "$(grep -c '^/e404/' "$log")" = 1

# Cut-off body (fewer bytes than Content-Length)
run --url "$base/cut" --retries 0
check "cut-off body: exit 3, nothing on stdout" \
    test $st = 3 -a ! -s "$tmp/out"

# A complete answer holding a cut-off document
run --url "$base/cutjson"
check "cut-off document: exit 1 with line and column" \
    sh -c "test $st = 1 && test ! -s '$tmp/out' && grep -q '^flattor-fetch: $base/cutjson/.*:[0-9]*:[0-9]*: document cut off' '$tmp/err'"

# Slow body
run --url "$base/slow" --timeout 1s --retries 0
check "slow body: timeout, exit 3" \
    test $st = 3 -a "$(cat "$tmp/err")" = "flattor-fetch: $base/slow/$query: timed out after 1 s"

# Maximum size
run --url "$base/ok" --max-size 1000
check "maximum size: exit 3" \
    test $st = 3 -a "$(cat "$tmp/err")" = "flattor-fetch: $base/ok/$query: response larger than 1000 bytes"
# 6.7 kB compressed, 34 kB decompressed
run --url "$base/gzip" --max-size 20000
check "maximum size applies to the decompressed body" \
    test $st = 3 -a "$(cat "$tmp/err")" = "flattor-fetch: $base/gzip/$query: response larger than 20000 bytes"

# Proxy: the host name is only known to the proxy
run --url http://onionoo.invalid/proxied --proxy "$base"
check "proxy: the request goes through it" \
    sh -c "test $st = 0 && tail -1 '$log' | cut -f1 | grep -q '^http://onionoo.invalid/proxied/details?'"
run --url http://onionoo.invalid/proxied --proxy socks5h://127.0.0.1:1 \
    --retries 0
check "proxy: unreachable proxy, exit 3" test $st = 3 -a ! -s "$tmp/out"
# no_proxy never bypasses --proxy: the document is not fetched directly
no_proxy='*' NO_PROXY='*' run --url "$base/ok" \
    --proxy socks5h://127.0.0.1:1 --retries 0
check "proxy: no_proxy=* does not bypass it" test $st = 3 -a ! -s "$tmp/out"
no_proxy=127.0.0.1 run --url http://onionoo.invalid/proxied --proxy "$base"
check "proxy: no_proxy does not bypass it (the request goes through it)" \
    sh -c "test $st = 0 && tail -1 '$log' | cut -f1 | grep -q '^http://onionoo.invalid/proxied/details?'"

# Redirects may only lead to https
run --url "$base/tohttp"
check "redirect to http refused, exit 3" test $st = 3 -a ! -s "$tmp/out"

# Connection refused
run --url http://127.0.0.1:1 --retries 0
check "connection refused: exit 3" \
    sh -c "test $st = 3 && grep -q '^flattor-fetch: http://127.0.0.1:1/details?' '$tmp/err'"
check "connection refused: libcurl's message quoted as it is" \
    grep -q ': Failed to connect to 127.0.0.1 port 1' "$tmp/err"

# Self-signed TLS: verification is always on
if openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$tmp/key.pem" \
    -out "$tmp/cert.pem" >/dev/null 2>&1; then
	start tls "$tmp/cert.pem" "$tmp/key.pem"
	run --url "https://127.0.0.1:$port/ok" --retries 0
	check "self-signed TLS refused: exit 3, TLS error" \
	    sh -c "test $st = 3 && test ! -s '$tmp/out' && grep -q '^flattor-fetch: https://127.0.0.1:$port/ok/details?.*: TLS: ' '$tmp/err'"
	check "self-signed TLS: libcurl's message quoted as it is" \
	    grep -q ': TLS: SSL certificate problem' "$tmp/err"
	check "self-signed TLS: no request got through" test ! -s "$tmp/tls.log"
elif [ -n "${CI:-}" ]; then
	# In CI scripts/setup installs openssl: the refusal must be tested.
	check "openssl makes a self-signed certificate" false
else
	ok "# SKIP openssl cannot make a certificate"
	ok "# SKIP openssl cannot make a certificate"
	ok "# SKIP openssl cannot make a certificate"
fi

echo "1..$n"
[ $failed = 0 ]
