#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http.h"
#include "tap.h"

/* Only what needs no server: tests/t-fetch-http.sh covers the rest. */

static void
req_init(struct fl_http_req *q, const char *url)
{
	memset(q, 0, sizeof(*q));
	q->url = url;
	q->connect_timeout = 5;
	q->timeout = 5;
	q->max_body = 1000;
	q->backoff_ms = 1;
}

static void
test_refused_protocol(void)
{
	struct fl_http_req q;
	struct fl_http_resp r;
	struct fl_err e;

	req_init(&q, "ftp://127.0.0.1:1/details");
	check_int(fl_http_get(&q, &r, &e), ==, FL_ENET);
	check(strncmp(e.msg, "ftp://127.0.0.1:1/details: ", 27) == 0);
	check(r.body == NULL);
	fl_http_resp_free(&r);
	req_init(&q, "file:///etc/passwd");
	check_int(fl_http_get(&q, &r, &e), ==, FL_ENET);
	fl_http_resp_free(&r);
}

static void
test_retries(void)
{
	struct fl_http_req q;
	struct fl_http_resp r;
	struct fl_err e;
	const char *end;

	/* Nothing listens on port 1: refused, retried once. */
	req_init(&q, "http://127.0.0.1:1/details");
	q.retries = 1;
	check_int(fl_http_get(&q, &r, &e), ==, FL_ENET);
	check_int(r.attempts, ==, 2);
	end = e.msg + strlen(e.msg) - strlen(" (2 attempts)");
	check_str(end, " (2 attempts)");
	fl_http_resp_free(&r);
}

static void
test_cache_store(void)
{
	struct fl_http_req q;
	struct fl_http_resp r;
	struct fl_err e;
	char dir[] = "/tmp/test-http-XXXXXX", path[64], buf[256];
	FILE *fp;
	size_t n;

	memset(&r, 0, sizeof(r));
	r.body = strdup("{}");
	r.len = 2;
	r.status = 200;
	r.last_modified = strdup("Fri, 04 Sep 2026 03:00:00 GMT");
	if (mkdtemp(dir) == NULL)
		return;
	snprintf(path, sizeof(path), "%s/c", dir);
	req_init(&q, "http://x/details");
	q.cache = path;
	check_int(fl_http_cache_store(&q, &r, &e), ==, 0);
	fp = fopen(path, "r");
	check(fp != NULL);
	if (fp != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, fp);
		buf[n] = '\0';
		fclose(fp);
		check_str(buf,
		    "flattor-fetch cache 2\nhttp://x/details\n"
		    "Fri, 04 Sep 2026 03:00:00 GMT\n"
		    "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61c"
		    "aaff8a\n"
		    "{}");
	}
	unlink(path);
	/* Served from the cache: nothing to write. */
	r.from_cache = 1;
	check_int(fl_http_cache_store(&q, &r, &e), ==, 0);
	check(access(path, F_OK) != 0);
	r.from_cache = 0;
	/* A directory that does not exist. */
	snprintf(path, sizeof(path), "%s/no/c", dir);
	check_int(fl_http_cache_store(&q, &r, &e), ==, FL_ESYS);
	check(strstr(e.msg, "No such file or directory") != NULL);
	/* No Last-Modified: nothing to revalidate, nothing kept. */
	snprintf(path, sizeof(path), "%s/c", dir);
	free(r.last_modified);
	r.last_modified = NULL;
	check_int(fl_http_cache_store(&q, &r, &e), ==, 0);
	check(access(path, F_OK) != 0);
	rmdir(dir);
	fl_http_resp_free(&r);
	check(r.body == NULL && r.len == 0);
}

static void
url_public(const char *url, const char *want)
{
	char *s = fl_http_url_public(url);

	check_str(s, want);
	free(s);
}

/* Credentials never reach a message or a provenance line. */
static void
test_url_public(void)
{
	url_public("https://user:pass@example.org/x", "https://example.org/x");
	url_public("https://user@example.org", "https://example.org");
	url_public("http://u:p@ss@127.0.0.1:8080/a?b=c@d#e@f",
	    "http://127.0.0.1:8080/a?b=c@d#e@f");
	url_public("https://example.org/a@b", "https://example.org/a@b");
	url_public("https://example.org/details?x=@",
	    "https://example.org/details?x=@");
	/* Without a scheme the URL is refused, and quoted without them. */
	url_public("user:pw@host/x", "host/x");
	url_public("ftp://user:pw@host/", "ftp://host/");
	url_public("no-credentials/a@b", "no-credentials/a@b");
}

/* The body writer both transfers share: grows, stays a string, stops at max. */
static void
test_body_write(void)
{
	struct fl_http_body b = {NULL, 0, 0, 20000, 0};
	char chunk[10000];

	memset(chunk, 'a', sizeof(chunk));
	check_int(fl_http_body_write(chunk, 1, 5, &b), ==, 5);
	check_str(b.data, "aaaaa");
	check_int(fl_http_body_write(chunk, 1, sizeof(chunk), &b), ==,
	    sizeof(chunk));
	check_int(b.len, ==, 10005);
	check_int(b.data[b.len], ==, '\0');
	check_int(b.too_big, ==, 0);
	/* 10005 + 10000 > 20000: refused whole, and said so. */
	check_int(fl_http_body_write(chunk, 1, sizeof(chunk), &b), ==, 0);
	check_int(b.too_big, ==, 1);
	check_int(b.len, ==, 10005);
	free(b.data);
}

/* Which failures are tried again, and how a body is quoted: both transfers. */
static void
test_transient_quote(void)
{
	char out[64];

	check_int(fl_http_transient(CURLE_OK, 429), ==, 1);
	check_int(fl_http_transient(CURLE_OK, 500), ==, 1);
	check_int(fl_http_transient(CURLE_OK, 599), ==, 1);
	check_int(fl_http_transient(CURLE_OK, 404), ==, 0);
	check_int(fl_http_transient(CURLE_OK, 200), ==, 0);
	check_int(fl_http_transient(CURLE_OPERATION_TIMEDOUT, 0), ==, 1);
	check_int(fl_http_transient(CURLE_PEER_FAILED_VERIFICATION, 0), ==, 0);
	fl_http_quote_body("  a\r\n\tb\"c\\d\xc3\xa9 ", 14, out, sizeof(out));
	check_str(out, "a b?c?d??");
	fl_http_quote_body("abcdef", 6, out, 4);
	check_str(out, "abc");
}

int
main(void)
{
	test_body_write();
	test_transient_quote();
	test_refused_protocol();
	test_retries();
	test_cache_store();
	test_url_public();
	return test_done();
}
