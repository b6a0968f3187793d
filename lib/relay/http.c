#include "http.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"
#include "hex.h"

/*
 * The cache file: this line, the URL, Last-Modified, the SHA-256 of the
 * document in hex, then the document.  The digest tells a damaged file
 * (cut short, altered) from one to use after a 304.
 */
#define CACHE_MAGIC "flattor-fetch cache 2\n"

struct xfer {
	struct fl_http_body b;
	char *last_modified;
	const struct fl_http_req *q;
};

size_t
fl_http_body_write(char *data, size_t size, size_t n, void *arg)
{
	struct fl_http_body *b = arg;
	size_t add = size * n, ncap;
	char *nb;

	if (add > b->max - b->len) {
		b->too_big = 1;
		return 0;
	}
	if (b->len + add + 1 > b->cap) {
		ncap = b->cap ? b->cap : 16384;
		while (ncap < b->len + add + 1)
			ncap *= 2;
		if ((nb = realloc(b->data, ncap)) == NULL)
			return 0;
		b->data = nb;
		b->cap = ncap;
	}
	memcpy(b->data + b->len, data, add);
	b->len += add;
	b->data[b->len] = '\0';
	return add;
}

int
fl_http_transient(CURLcode cc, long status)
{
	switch (cc) {
	case CURLE_OK:
		return status == 429 || (status >= 500 && status <= 599);
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
		return 1;
	default:
		return 0;
	}
}

void
fl_http_quote_body(const char *b, size_t len, char *out, size_t size)
{
	size_t i, o = 0;
	int space = 1;

	for (i = 0; i < len && i < FL_HTTP_ERRBODY && o + 1 < size; i++) {
		unsigned char c = (unsigned char)b[i];

		if (c <= ' ' || c == 0x7f) {
			if (!space)
				out[o++] = ' ';
			space = 1;
			continue;
		}
		out[o++] = c < 0x80 && c != '"' && c != '\\' ? (char)c : '?';
		space = 0;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
}

static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	static const char name[] = "last-modified:";
	struct xfer *x = arg;
	size_t len = size * n, k = sizeof(name) - 1;

	/* A new response (a redirect's target): forget the last one's. */
	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		free(x->last_modified);
		x->last_modified = NULL;
		return len;
	}
	if (len > k && strncasecmp(data, name, k) == 0) {
		while (k < len && (data[k] == ' ' || data[k] == '\t'))
			k++;
		while (len > k &&
		    (data[len - 1] == '\r' || data[len - 1] == '\n' ||
			data[len - 1] == ' '))
			len--;
		free(x->last_modified);
		x->last_modified = strndup(data + k, len - k);
	}
	return size * n;
}

static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
    curl_off_t ulnow)
{
	struct xfer *x = arg;

	(void)ultotal;
	(void)ulnow;
	x->q->progress(x->q->progress_arg, (uint64_t)(dlnow > 0 ? dlnow : 0),
	    (uint64_t)(dltotal > 0 ? dltotal : 0));
	return 0;
}

/* The longest Last-Modified line a cache file may hold. */
#define CACHE_LM_MAX 256

/*
 * Reads the cache: its URL must be q->url and its document at most max
 * bytes (the limit holds for a kept document too, and reading stops there);
 * returns 0 when usable.
 */
static int
cache_read(const char *path, const char *url, size_t max, char **lm,
    char **body, size_t *len)
{
	FILE *fp;
	char *buf = NULL, *p, *nl, *nb, *digest, hex[65];
	size_t cap = 0, n = 0, got, ul = strlen(url), limit;
	uint8_t sum[32];

	*lm = NULL;
	*body = NULL;
	*len = 0;
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	limit = sizeof(CACHE_MAGIC) + ul + 1 + CACHE_LM_MAX + 65 + max;
	if (limit < max)
		goto fail;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			if ((nb = realloc(buf, cap + 1)) == NULL)
				goto fail;
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
		if (n > limit)
			goto fail;
	}
	if (ferror(fp))
		goto fail;
	fclose(fp);
	fp = NULL;
	buf[n] = '\0';
	/* CACHE_MAGIC, the URL, Last-Modified, then the body. */
	p = buf;
	if (strncmp(p, CACHE_MAGIC, sizeof(CACHE_MAGIC) - 1) != 0)
		goto fail;
	p += sizeof(CACHE_MAGIC) - 1;
	if (strncmp(p, url, ul) != 0 || p[ul] != '\n')
		goto fail;
	p += ul + 1;
	if ((nl = strchr(p, '\n')) == NULL || nl == p)
		goto fail;
	if ((*lm = strndup(p, (size_t)(nl - p))) == NULL)
		goto fail;
	p = nl + 1;
	if ((nl = strchr(p, '\n')) == NULL || nl - p != 64)
		goto fail;
	digest = p;
	p = nl + 1;
	if (n - (size_t)(p - buf) > max)
		goto fail;
	*len = n - (size_t)(p - buf);
	fl_sha256(p, *len, sum);
	fl_hex_encode(sum, sizeof(sum), hex);
	if (memcmp(hex, digest, 64) != 0)
		goto fail;
	memmove(buf, p, *len + 1);
	*body = buf;
	return 0;
fail:
	if (fp != NULL)
		fclose(fp);
	free(buf);
	free(*lm);
	*lm = NULL;
	return -1;
}

int
fl_http_cache_store(const struct fl_http_req *q, const struct fl_http_resp *r,
    struct fl_err *e)
{
	char *tmp, hex[65];
	uint8_t sum[32];
	size_t n;
	FILE *fp;
	int fd;

	if (q->cache == NULL || r->from_cache || r->last_modified == NULL ||
	    strchr(r->last_modified, '\n') != NULL)
		return 0;
	n = strlen(q->cache) + sizeof(".XXXXXX");
	if ((tmp = malloc(n)) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	snprintf(tmp, n, "%s.XXXXXX", q->cache);
	if ((fd = mkstemp(tmp)) < 0) {
		fl_err_set(e, FL_ESYS, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return FL_ESYS;
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		goto fail;
	}
	fl_sha256(r->body, r->len, sum);
	fl_hex_encode(sum, sizeof(sum), hex);
	fprintf(fp, "%s%s\n%s\n%s\n", CACHE_MAGIC, q->url, r->last_modified,
	    hex);
	fwrite(r->body, 1, r->len, fp);
	if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0) {
		fclose(fp);
		goto fail;
	}
	if (fclose(fp) != 0)
		goto fail;
	if (rename(tmp, q->cache) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	fl_err_set(e, FL_ESYS, "%s: %s", q->cache, strerror(errno));
	unlink(tmp);
	free(tmp);
	return FL_ESYS;
}

static int
is_tls(CURLcode cc)
{
	switch (cc) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_USE_SSL_FAILED:
		return 1;
	default:
		return 0;
	}
}

/* Sets e for a failed attempt; url is q->url as messages show it. */
static int
fail_msg_url(const struct fl_http_req *q, const char *url, CURLcode cc,
    long status, const struct xfer *x, const char *errbuf, int attempts,
    struct fl_err *e)
{
	char what[FL_HTTP_ERRBODY + 64], detail[CURL_ERROR_SIZE];
	char tries[32] = "";

	if (attempts > 1)
		snprintf(tries, sizeof(tries), " (%d attempts)", attempts);
	snprintf(detail, sizeof(detail), "%s",
	    errbuf[0] != '\0' ? errbuf : curl_easy_strerror(cc));
	if (x->b.too_big || cc == CURLE_FILESIZE_EXCEEDED)
		return fl_err_set(e, FL_ENET,
		    "%s: response larger than %zu bytes", url, q->max_body);
	if (cc == CURLE_OK) {
		fl_http_quote_body(x->b.data, x->b.len, what, sizeof(what));
		if (what[0] != '\0')
			return fl_err_set(e, FL_ENET, "%s: HTTP %ld: %s%s", url,
			    status, what, tries);
		return fl_err_set(e, FL_ENET, "%s: HTTP %ld%s", url, status,
		    tries);
	}
	if (cc == CURLE_OPERATION_TIMEDOUT)
		return fl_err_set(e, FL_ENET, "%s: timed out after %ld s%s",
		    url, q->timeout, tries);
	if (cc == CURLE_WRITE_ERROR)
		return fl_err_set(e, FL_ENOMEM, "%s: out of memory", url);
	if (is_tls(cc))
		return fl_err_set(e, FL_ENET, "%s: TLS: %s%s", url, detail,
		    tries);
	return fl_err_set(e, FL_ENET, "%s: %s%s", url, detail, tries);
}

char *
fl_http_url_public(const char *url)
{
	const char *host = strstr(url, "://"), *end, *at;
	size_t n;
	char *s;

	/* Without a scheme ("user:pw@host", refused later), from the start. */
	host = host != NULL ? host + 3 : url;
	end = host + strcspn(host, "/?#");
	for (at = end; at > host && at[-1] != '@'; at--)
		;
	if (at == host)
		return strdup(url);
	n = (size_t)(host - url);
	if ((s = malloc(strlen(url) + 1)) == NULL)
		return NULL;
	memcpy(s, url, n);
	strcpy(s + n, at);
	return s;
}

/* Sets e for a failed attempt, its URL without credentials. */
static int
fail_msg(const struct fl_http_req *q, CURLcode cc, long status,
    const struct xfer *x, const char *errbuf, int attempts, struct fl_err *e)
{
	char *url = fl_http_url_public(q->url);
	int rc;

	if (url == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	rc = fail_msg_url(q, url, cc, status, x, errbuf, attempts, e);
	free(url);
	return rc;
}

void
fl_http_setup(CURL *c, const struct fl_http_req *q, char *errbuf)
{
	curl_easy_setopt(c, CURLOPT_URL, q->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	/* Never off: there is deliberately no option for it. */
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (q->user_agent != NULL)
		curl_easy_setopt(c, CURLOPT_USERAGENT, q->user_agent);
	if (q->proxy != NULL) {
		curl_easy_setopt(c, CURLOPT_PROXY, q->proxy);
		/* A proxy asked for is never bypassed: no_proxy is ignored. */
		curl_easy_setopt(c, CURLOPT_NOPROXY, "");
	}
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, q->connect_timeout);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, q->timeout);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)q->max_body);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
}

static void
sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int
fl_http_get(const struct fl_http_req *q, struct fl_http_resp *r,
    struct fl_err *e)
{
	char errbuf[CURL_ERROR_SIZE], *cache_lm = NULL, *cache_body = NULL;
	char *ims = NULL;
	struct curl_slist *hdrs = NULL;
	struct xfer x;
	size_t cache_len = 0;
	long status = 0, delay = q->backoff_ms;
	CURLcode cc = CURLE_OK;
	CURL *c;
	int rc = 0, attempt;

	memset(r, 0, sizeof(*r));
	memset(&x, 0, sizeof(x));
	x.q = q;
	x.b.max = q->max_body;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return fl_err_set(e, FL_ESYS, "cannot initialize libcurl");
	if ((c = curl_easy_init()) == NULL) {
		curl_global_cleanup();
		return fl_err_set(e, FL_ESYS, "cannot initialize libcurl");
	}
	if (q->cache != NULL &&
	    cache_read(q->cache, q->url, q->max_body, &cache_lm, &cache_body,
		&cache_len) == 0) {
		size_t n = strlen(cache_lm) + sizeof("If-Modified-Since: ");

		if ((ims = malloc(n)) == NULL) {
			rc = fl_err_set(e, FL_ENOMEM, "out of memory");
			goto out;
		}
		snprintf(ims, n, "If-Modified-Since: %s", cache_lm);
		if ((hdrs = curl_slist_append(NULL, ims)) == NULL) {
			rc = fl_err_set(e, FL_ENOMEM, "out of memory");
			goto out;
		}
	}
	fl_http_setup(c, q, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fl_http_body_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &x.b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &x);
	if (hdrs != NULL)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	if (q->progress != NULL) {
		curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
		curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
		curl_easy_setopt(c, CURLOPT_XFERINFODATA, &x);
	}
	for (attempt = 1;; attempt++) {
		errbuf[0] = '\0';
		x.b.len = 0;
		x.b.too_big = 0;
		free(x.last_modified);
		x.last_modified = NULL;
		status = 0;
		cc = curl_easy_perform(c);
		if (cc == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		if (cc == CURLE_OK && (status == 200 || status == 304))
			break;
		if (attempt > q->retries || x.b.too_big ||
		    !fl_http_transient(cc, status))
			break;
		sleep_ms(delay);
		delay *= 2;
	}
	r->attempts = attempt;
	if (cc != CURLE_OK || (status != 200 && status != 304) ||
	    (status == 304 && cache_body == NULL)) {
		rc = fail_msg(q, cc, status, &x, errbuf, attempt, e);
		goto out;
	}
	r->status = status;
	if (status == 304) {
		r->from_cache = 1;
		r->body = cache_body;
		r->len = cache_len;
		r->last_modified = cache_lm;
		cache_body = NULL;
		cache_lm = NULL;
	} else {
		if (x.b.data == NULL && (x.b.data = calloc(1, 1)) == NULL) {
			rc = fl_err_set(e, FL_ENOMEM, "out of memory");
			goto out;
		}
		r->body = x.b.data;
		r->len = x.b.len;
		r->last_modified = x.last_modified;
		x.b.data = NULL;
		x.last_modified = NULL;
	}
out:
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
	curl_global_cleanup();
	free(ims);
	free(cache_lm);
	free(cache_body);
	free(x.b.data);
	free(x.last_modified);
	return rc;
}

void
fl_http_resp_free(struct fl_http_resp *r)
{
	free(r->body);
	free(r->last_modified);
	memset(r, 0, sizeof(*r));
}
