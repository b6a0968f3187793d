/*
 * http: one HTTP(S) GET through libcurl, as flattor-fetch needs it.
 *
 * TLS verification is always on (peer and host name); there is no way to
 * turn it off.  Only http and https are allowed, and a redirect may only
 * lead to https.  The body is decompressed (Accept-Encoding: gzip) and held
 * in memory up to a maximum size.  Timeouts, connection failures and 5xx
 * answers are retried with a doubling delay.  With a cache file, the last
 * body is kept with its Last-Modified and sent back as If-Modified-Since;
 * a 304 answer is served from the cache.
 *
 * Every failure is FL_ENET with a message that starts with the URL, e.g.
 * "https://x/details?...: HTTP 503: <start of the body>", except FL_ESYS
 * (cache file) and FL_ENOMEM.
 */
#ifndef FL_HTTP_H
#define FL_HTTP_H

#include <curl/curl.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* The longest part of an error body quoted in a message. */
#define FL_HTTP_ERRBODY 200

struct fl_http_req {
	const char *url;
	const char *proxy; /* e.g. "socks5h://127.0.0.1:9050"; NULL: none */
	const char *cache; /* cache file; NULL: none */
	const char *user_agent;
	long connect_timeout; /* seconds */
	long timeout; /* seconds, for one whole attempt */
	size_t max_body; /* decompressed bytes */
	int retries; /* attempts after the first */
	long backoff_ms; /* the first delay between attempts; then doubled */
	/*
	 * Called during the transfer (when not NULL) with the bytes received
	 * so far and the expected total (0 when unknown).
	 */
	void (*progress)(void *arg, uint64_t now, uint64_t total);
	void *progress_arg;
};

/*
 * A response body as libcurl hands it over: fl_http_body_write() is the
 * CURLOPT_WRITEFUNCTION and a struct fl_http_body its CURLOPT_WRITEDATA.
 * data grows as needed and stays NUL-terminated (the caller frees it); a
 * body longer than max sets too_big and stops the transfer.
 */
struct fl_http_body {
	char *data;
	size_t len, cap, max;
	int too_big;
};
size_t fl_http_body_write(char *data, size_t size, size_t n, void *body);

/*
 * Is a failed attempt worth another: a timeout, a refused or broken
 * connection, an HTTP 429 (too many requests) or 5xx answer.
 */
int fl_http_transient(CURLcode cc, long status);

/*
 * The start of a response body (at most FL_HTTP_ERRBODY bytes) as one line
 * of printable ASCII for a message: runs of white space and controls
 * become one space, other bytes, '"' and '\\' become '?', so that it can
 * stand inside a quoted message.  out is always NUL-terminated.
 */
void fl_http_quote_body(const char *b, size_t len, char *out, size_t size);

struct fl_http_resp {
	char *body; /* NUL-terminated; owned, see fl_http_resp_free() */
	size_t len;
	char *last_modified; /* the Last-Modified header, or NULL */
	long status; /* 200, or 304 when served from the cache */
	int from_cache;
	int attempts;
};

/*
 * GETs q->url.  Returns 0 with r filled (status 200, or 304 with the cached
 * body), or FL_ENET (HTTP status other than 200/304, DNS, TLS, connection,
 * timeout, body larger than q->max_body), FL_ENOMEM; e->msg names the URL.
 * An unreadable or malformed cache file, or one whose document does not
 * match the SHA-256 it keeps, is ignored (no If-Modified-Since).
 * r needs fl_http_resp_free() in every case.
 */
int fl_http_get(const struct fl_http_req *q, struct fl_http_resp *r,
    struct fl_err *e);

/*
 * Writes r (a 200 answer) to q->cache atomically (a temporary file in the
 * same directory, then rename).  Does nothing when q->cache is NULL, r
 * came from the cache or has no Last-Modified (nothing to revalidate).
 * Returns 0 or FL_ESYS with e set.
 */
int fl_http_cache_store(const struct fl_http_req *q,
    const struct fl_http_resp *r, struct fl_err *e);

/*
 * A copy of url without its user name and password ("https://user:pass@h/"
 * gives "https://h/"), for messages and provenance lines, which must not
 * show credentials.  Returns NULL without memory; the caller frees it.
 */
char *fl_http_url_public(const char *url);

/*
 * Sets on the easy handle c what every Flattor request uses from q: the
 * URL, http and https only (a redirect to https only), TLS verification,
 * gzip, the user agent, the proxy, the timeouts, q->max_body, and errbuf
 * (CURL_ERROR_SIZE bytes) as the error buffer.  fl_http_get() uses it, and
 * so does any code driving several transfers at once (lib/esplora.c), so
 * that they cannot differ.  The body and header callbacks are the caller's.
 */
void fl_http_setup(CURL *c, const struct fl_http_req *q, char *errbuf);

/* Frees what r holds and clears it. */
void fl_http_resp_free(struct fl_http_resp *r);

#endif
