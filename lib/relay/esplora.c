#include "esplora.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "amount.h"
#include "hex.h"

/*
 * One chain of requests: an address's history pages, a txid, the tip.  The
 * answer callback reads the body and either ends the job (0), names the
 * next URL (1), or fails (negative).
 */
struct job {
	char label[128]; /* "address \"A\"", for messages */
	char *url; /* the current request */
	char *shown; /* url for messages: no credentials, txid shortened */
	int json; /* the answer must be application/json */
	int allow404; /* a 404 is an answer too */
	CURL *c;
	char errbuf[CURL_ERROR_SIZE];
	struct fl_http_body b;
	int attempt;
	long delay; /* ms before the next attempt */
	int64_t due; /* ms (monotonic) when waiting, else 0 */
	long status;
	/* The owner's. */
	const struct fl_address *a;
	char spk[85]; /* a's scriptPubKey in hex */
	int page;
	uint64_t last_height;
	size_t idx;
	uint64_t height;
	char text[65];
	int found, confirmed;
};

struct run {
	const struct fl_esplora_opts *o;
	const char *base;
	size_t baselen;
	int (*answer)(struct run *, struct job *, struct fl_err *);
	struct fl_esplora_tip tip;
	struct fl_ledger rows; /* fl_esplora_received's result */
	size_t rcap;
	struct fl_ledger *check; /* fl_esplora_check's ledger */
	size_t done, total;
};

static int tip_answer(struct run *, struct job *, struct fl_err *);

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * url as messages show it: without credentials, and a final txid cut to
 * its first 16 digits, since 64 hex digits in a message read as a private
 * key (lib/diag hides the whole message).
 */
static char *
shown_url(const char *url)
{
	char *s = fl_http_url_public(url);
	size_t n, i;

	if (s == NULL || (n = strlen(s)) < 65 || s[n - 65] != '/')
		return s;
	for (i = n - 64; i < n; i++)
		if (strchr("0123456789abcdefABCDEF", s[i]) == NULL)
			return s;
	strcpy(s + n - 48, "...");
	return s;
}

/* Sets j->url to the base URL followed by the parts; 0 or FL_ENOMEM. */
static int
set_url(struct run *r, struct job *j, const char *a, const char *b,
    const char *c, const char *d, struct fl_err *e)
{
	size_t n =
	    r->baselen + strlen(a) + strlen(b) + strlen(c) + strlen(d) + 1;
	char *u, *v;

	if ((u = malloc(n)) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	snprintf(u, n, "%.*s%s%s%s%s", (int)r->baselen, r->base, a, b, c, d);
	if ((v = shown_url(u)) == NULL) {
		free(u);
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	}
	free(j->url);
	free(j->shown);
	j->url = u;
	j->shown = v;
	return 0;
}

static int
start(struct run *r, CURLM *m, struct job *j, struct fl_err *e)
{
	struct fl_http_req q = r->o->http;

	if (j->c == NULL && (j->c = curl_easy_init()) == NULL)
		return fl_err_set(e, FL_ESYS, "cannot initialize libcurl");
	q.url = j->url;
	fl_http_setup(j->c, &q, j->errbuf);
	curl_easy_setopt(j->c, CURLOPT_WRITEFUNCTION, fl_http_body_write);
	curl_easy_setopt(j->c, CURLOPT_WRITEDATA, &j->b);
	curl_easy_setopt(j->c, CURLOPT_PRIVATE, j);
	j->errbuf[0] = '\0';
	j->b.len = 0;
	j->b.too_big = 0;
	j->b.max = q.max_body;
	j->due = 0;
	if (curl_multi_add_handle(m, j->c) != CURLM_OK)
		return fl_err_set(e, FL_ESYS, "cannot start a transfer");
	return 0;
}

static int
fail(const struct run *r, const struct job *j, CURLcode cc, struct fl_err *e)
{
	char tries[32] = "", what[FL_HTTP_ERRBODY + 8], detail[CURL_ERROR_SIZE];

	if (j->attempt > 1)
		snprintf(tries, sizeof(tries), " (%d attempts)", j->attempt);
	if (j->b.too_big || cc == CURLE_FILESIZE_EXCEEDED)
		return fl_err_set(e, FL_ENET,
		    "%s: %s: response larger than %zu bytes", j->label,
		    j->shown, r->o->http.max_body);
	if (cc == CURLE_OK) {
		fl_http_quote_body(j->b.data, j->b.len, what, sizeof(what));
		return fl_err_set(e, FL_ENET, "%s: %s: HTTP %ld%s%s%s%s",
		    j->label, j->shown, j->status, what[0] ? ": \"" : "", what,
		    what[0] ? "\"" : "", tries);
	}
	if (cc == CURLE_OPERATION_TIMEDOUT)
		return fl_err_set(e, FL_ENET, "%s: %s: timed out after %ld s%s",
		    j->label, j->shown, r->o->http.timeout, tries);
	if (cc == CURLE_WRITE_ERROR)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	snprintf(detail, sizeof(detail), "%s",
	    j->errbuf[0] != '\0' ? j->errbuf : curl_easy_strerror(cc));
	/* libcurl's words as they are ("SSL ...", not "sSL ..."). */
	return fl_err_set(e, FL_ENET, "%s: %s: %s%s", j->label, j->shown,
	    detail, tries);
}

/*
 * A transfer of j ended with cc.  Returns 0 when the job is done, 1 when
 * it has a next request, 2 when it waits to try again, or an error.
 */
static int
finish(struct run *r, struct job *j, CURLcode cc, struct fl_err *e)
{
	const struct fl_http_req *q = &r->o->http;
	curl_off_t after = -1;
	char *ct = NULL;
	long wait;
	int rc;

	j->status = 0;
	if (cc == CURLE_OK)
		curl_easy_getinfo(j->c, CURLINFO_RESPONSE_CODE, &j->status);
	if (cc == CURLE_OK &&
	    (j->status == 200 || (j->status == 404 && j->allow404))) {
		curl_easy_getinfo(j->c, CURLINFO_CONTENT_TYPE, &ct);
		if (j->status == 200 && j->json &&
		    (ct == NULL ||
			strncasecmp(ct, "application/json", 16) != 0 ||
			(ct[16] != '\0' && ct[16] != ';' && ct[16] != ' '))) {
			char t[64];

			fl_http_quote_body(ct ? ct : "", ct ? strlen(ct) : 0, t,
			    sizeof(t));
			return fl_err_set(e, FL_ENET,
			    "%s: %s: content type \"%s\", not application/json",
			    j->label, j->shown, t);
		}
		if (j->b.data == NULL && (j->b.data = calloc(1, 1)) == NULL)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		if ((rc = r->answer(r, j, e)) < 0)
			return rc;
		if (rc == 1) {
			j->attempt = 1;
			j->delay = q->backoff_ms;
		}
		return rc;
	}
	if (!j->b.too_big && fl_http_transient(cc, j->status) &&
	    j->attempt <= q->retries) {
		wait = j->delay;
		if (cc == CURLE_OK)
			curl_easy_getinfo(j->c, CURLINFO_RETRY_AFTER, &after);
		if (after > FL_ESPLORA_MAX_WAIT)
			return fl_err_set(e, FL_ENET,
			    "%s: %s: HTTP %ld: the server asks to wait %lld s",
			    j->label, j->shown, j->status, (long long)after);
		if (after > 0 && after * 1000 > wait)
			wait = (long)after * 1000;
		j->delay *= 2;
		j->attempt++;
		j->due = now_ms() + wait;
		return 2;
	}
	return fail(r, j, cc, e);
}

static void
job_free(struct job *j)
{
	if (j->c != NULL)
		curl_easy_cleanup(j->c);
	j->c = NULL;
	free(j->url);
	j->url = NULL;
	free(j->shown);
	j->shown = NULL;
	free(j->b.data);
	j->b.data = NULL;
	j->b.len = j->b.cap = 0;
}

/*
 * Runs the n jobs (each with its first URL set), r->o->jobs at a time,
 * until all are done or one fails (then the others are dropped).
 */
static int
run_jobs(struct run *r, struct job *jobs, size_t n, struct fl_err *e)
{
	size_t width = (size_t)(r->o->jobs > 0 ? r->o->jobs : 1), next = 0;
	size_t nact = 0, i;
	struct job **act;
	CURLM *m;
	int rc = 0, still;

	if ((act = calloc(width, sizeof(*act))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	if ((m = curl_multi_init()) == NULL) {
		free(act);
		return fl_err_set(e, FL_ESYS, "cannot initialize libcurl");
	}
	for (i = 0; i < n; i++) {
		jobs[i].attempt = 1;
		jobs[i].delay = r->o->http.backoff_ms;
	}
	while (next < n || nact > 0) {
		int64_t t = now_ms(), soon;
		CURLMsg *msg;
		int left;

		while (nact < width && next < n) {
			if ((rc = start(r, m, &jobs[next], e)) != 0)
				goto out;
			act[nact++] = &jobs[next++];
		}
		for (i = 0; i < nact; i++) {
			if (act[i]->due == 0)
				continue;
			if (act[i]->due <= t &&
			    (rc = start(r, m, act[i], e)) != 0)
				goto out;
		}
		if (curl_multi_perform(m, &still) != CURLM_OK) {
			rc = fl_err_set(e, FL_ESYS, "libcurl multi failed");
			goto out;
		}
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			struct job *j;
			char *priv = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    &priv);
			j = (struct job *)(void *)priv;
			curl_multi_remove_handle(m, j->c);
			rc = finish(r, j, msg->data.result, e);
			if (rc < 0)
				goto out;
			if (rc == 1) {
				if ((rc = start(r, m, j, e)) != 0)
					goto out;
			} else if (rc == 0) {
				for (i = 0; act[i] != j; i++)
					;
				act[i] = act[--nact];
				job_free(j);
				r->done++;
				if (r->o->progress != NULL &&
				    r->answer != tip_answer)
					r->o->progress(r->o->progress_arg,
					    r->done, r->total);
			}
			rc = 0;
		}
		/* A free slot is filled at once; else wait for news. */
		if (nact == 0 || (nact < width && next < n))
			continue;
		t = now_ms();
		soon = t + 1000;
		for (i = 0; i < nact; i++)
			if (act[i]->due != 0 && act[i]->due < soon)
				soon = act[i]->due;
		curl_multi_poll(m, NULL, 0, soon > t ? (int)(soon - t) : 0,
		    NULL);
	}
out:
	for (i = 0; i < nact; i++)
		if (act[i]->c != NULL)
			curl_multi_remove_handle(m, act[i]->c);
	for (i = 0; i < n; i++)
		job_free(&jobs[i]);
	curl_multi_cleanup(m);
	free(act);
	return rc;
}

/* Malformed content from the server: FL_ENET naming the job and URL. */
static int
malformed(const struct job *j, struct fl_err *e)
{
	fl_err_prefix(e, "%s: %s: malformed response", j->label, j->shown);
	e->code = FL_ENET;
	return FL_ENET;
}

/* The tip: a decimal height, or a 64-hex-digit hash, and maybe a newline. */
static int
tip_answer(struct run *r, struct job *j, struct fl_err *e)
{
	size_t len = j->b.len, i;

	if (len > 0 && j->b.data[len - 1] == '\n')
		len--;
	if (j->idx == 0) {
		uint64_t h = 0;

		if (len == 0 || len > 9)
			goto bad;
		for (i = 0; i < len; i++) {
			if (j->b.data[i] < '0' || j->b.data[i] > '9')
				goto bad;
			h = h * 10 + (uint64_t)(j->b.data[i] - '0');
		}
		r->tip.height = h;
		return 0;
	}
	if (len != 64)
		goto bad;
	for (i = 0; i < 64; i++) {
		char c = j->b.data[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
			(c >= 'A' && c <= 'F')))
			goto bad;
		r->tip.hash[i] =
		    c >= 'A' && c <= 'F' ? (char)(c - 'A' + 'a') : c;
	}
	r->tip.hash[64] = '\0';
	return 0;
bad:
	fl_err_set(e, FL_ENET, "not a block %s",
	    j->idx == 0 ? "height" : "hash");
	return malformed(j, e);
}

static int
get_tip(struct run *r, struct fl_esplora_tip *tip, struct fl_err *e)
{
	struct job j[2];
	int rc;

	memset(j, 0, sizeof(j));
	snprintf(j[0].label, sizeof(j[0].label), "tip height");
	snprintf(j[1].label, sizeof(j[1].label), "tip hash");
	j[1].idx = 1;
	r->answer = tip_answer;
	if ((rc = set_url(r, &j[0], "/blocks/tip/height", "", "", "", e)) !=
		0 ||
	    (rc = set_url(r, &j[1], "/blocks/tip/hash", "", "", "", e)) != 0) {
		job_free(&j[0]);
		job_free(&j[1]);
		return rc;
	}
	if ((rc = run_jobs(r, j, 2, e)) != 0)
		return rc;
	*tip = r->tip;
	return 0;
}

/* JSON reading, each error saying where. */

static int
hex_ok(const char *s, size_t len)
{
	size_t i;

	if (len % 2 != 0)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f') ||
			(s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return 1;
}

static const char *
get_hex(json_t *o, const char *key, size_t want, struct fl_err *e)
{
	json_t *v = json_object_get(o, key);
	const char *s;

	if (!json_is_string(v)) {
		fl_err_set(e, FL_ENET, "\"%s\": %s", key,
		    v == NULL ? "missing" : "not a string");
		return NULL;
	}
	s = json_string_value(v);
	if (!hex_ok(s, json_string_length(v)) ||
	    (want != 0 && json_string_length(v) != want)) {
		fl_err_set(e, FL_ENET, "\"%s\": not %s hex", key,
		    want == 64 ? "64 digits of" : "bytes in");
		return NULL;
	}
	return s;
}

static int
get_int(json_t *o, const char *key, uint64_t max, uint64_t *out,
    struct fl_err *e)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		return fl_err_set(e, FL_ENET, "\"%s\": %s", key,
		    v == NULL ? "missing" : "not an integer");
	if (json_integer_value(v) < 0 || (uint64_t)json_integer_value(v) > max)
		return fl_err_set(e, FL_ENET, "\"%s\": out of range %lld", key,
		    (long long)json_integer_value(v));
	*out = (uint64_t)json_integer_value(v);
	return 0;
}

static int
add_out(struct fl_esplora_tx *t, uint32_t vout, uint64_t value)
{
	uint32_t *v;
	uint64_t *x;

	if ((v = realloc(t->vout, (t->nout + 1) * sizeof(*v))) == NULL)
		return -1;
	t->vout = v;
	if ((x = realloc(t->value, (t->nout + 1) * sizeof(*x))) == NULL)
		return -1;
	t->value = x;
	t->vout[t->nout] = vout;
	t->value[t->nout++] = value;
	return 0;
}

/* The status object of a transaction. */
static int
parse_status(json_t *tx, struct fl_esplora_tx *t, struct fl_err *e)
{
	json_t *st = json_object_get(tx, "status"), *c;
	uint64_t v;

	if (!json_is_object(st))
		return fl_err_set(e, FL_ENET, "\"status\": %s",
		    st == NULL ? "missing" : "not an object");
	c = json_object_get(st, "confirmed");
	if (!json_is_boolean(c))
		return fl_err_set(e, FL_ENET, "\"status\": \"confirmed\": %s",
		    c == NULL ? "missing" : "not a boolean");
	t->confirmed = json_is_true(c);
	if (!t->confirmed)
		return 0;
	if (get_int(st, "block_height", UINT32_MAX, &t->height, e) != 0 ||
	    get_int(st, "block_time", INT64_MAX, &v, e) != 0 ||
	    get_hex(st, "block_hash", 64, e) == NULL) {
		fl_err_prefix(e, "\"status\"");
		return FL_ENET;
	}
	t->time = (int64_t)v;
	return 0;
}

/* One transaction object; spk is the address's scriptPubKey in hex. */
static int
parse_tx(json_t *tx, const char *spk, struct fl_esplora_tx *t, struct fl_err *e)
{
	json_t *vin, *vout, *x;
	const char *s;
	size_t i, k;
	uint64_t v;

	if (!json_is_object(tx))
		return fl_err_set(e, FL_ENET, "not an object");
	if ((s = get_hex(tx, "txid", 64, e)) == NULL)
		return FL_ENET;
	for (k = 0; k < 64; k++)
		t->txid[k] = s[k] >= 'A' && s[k] <= 'F'
		    ? (char)(s[k] - 'A' + 'a')
		    : s[k];
	t->txid[64] = '\0';
	if (parse_status(tx, t, e) != 0)
		return FL_ENET;
	vin = json_object_get(tx, "vin");
	vout = json_object_get(tx, "vout");
	if (!json_is_array(vin) || !json_is_array(vout))
		return fl_err_set(e, FL_ENET, "\"%s\": %s",
		    json_is_array(vin) ? "vout" : "vin",
		    (json_is_array(vin) ? vout : vin) == NULL ? "missing"
							      : "not an array");
	json_array_foreach(vin, i, x)
	{
		json_t *cb = json_object_get(x, "is_coinbase"), *p;

		if (!json_is_object(x))
			return fl_err_set(e, FL_ENET, "vin %zu: not an object",
			    i);
		p = json_object_get(x, "prevout");
		if (json_is_true(cb) && json_is_null(p))
			continue;
		if (!json_is_object(p))
			return fl_err_set(e, FL_ENET,
			    "vin %zu: \"prevout\": %s", i,
			    p == NULL ? "missing" : "not an object");
		if ((s = get_hex(p, "scriptpubkey", 0, e)) == NULL) {
			fl_err_prefix(e, "vin %zu: \"prevout\"", i);
			return FL_ENET;
		}
		if (strcasecmp(s, spk) == 0)
			t->self = 1;
	}
	json_array_foreach(vout, i, x)
	{
		if (!json_is_object(x))
			return fl_err_set(e, FL_ENET, "vout %zu: not an object",
			    i);
		if ((s = get_hex(x, "scriptpubkey", 0, e)) == NULL ||
		    get_int(x, "value", (uint64_t)FL_MAX_MONEY, &v, e) != 0) {
			fl_err_prefix(e, "vout %zu", i);
			return FL_ENET;
		}
		if (i > UINT32_MAX)
			return fl_err_set(e, FL_ENET, "too many outputs");
		if (strcasecmp(s, spk) == 0 && add_out(t, (uint32_t)i, v) != 0)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
	}
	return 0;
}

void
fl_esplora_txs_free(struct fl_esplora_txs *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->tx[i].vout);
		free(t->tx[i].value);
	}
	free(t->tx);
	memset(t, 0, sizeof(*t));
}

int
fl_esplora_parse_txs(const char *body, size_t len, const uint8_t *spk,
    size_t spklen, struct fl_esplora_txs *t, struct fl_err *e)
{
	char hex[2 * 42 + 1];
	json_error_t je;
	json_t *root, *x;
	size_t i;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	if (spklen > 42)
		return fl_err_set(e, FL_EDATA, "scriptPubKey too long");
	fl_hex_encode(spk, spklen, hex);
	if ((root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je)) == NULL)
		return fl_err_set(e, FL_ENET, "JSON: %s (byte %d)", je.text,
		    je.position);
	if (!json_is_array(root)) {
		rc = fl_err_set(e, FL_ENET, "not a JSON array");
		goto out;
	}
	if (json_array_size(root) > 0 &&
	    (t->tx = calloc(json_array_size(root), sizeof(*t->tx))) == NULL) {
		rc = fl_err_set(e, FL_ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(root, i, x)
	{
		struct fl_esplora_tx *tx = &t->tx[i];

		t->n++;
		if ((rc = parse_tx(x, hex, tx, e)) != 0) {
			fl_err_prefix(e, "tx %zu", i + 1);
			goto out;
		}
		/* Mempool first, then confirmed by height descending. */
		if (tx->confirmed)
			t->nconf++;
		if ((!tx->confirmed && t->nconf > 0) ||
		    (tx->confirmed && i > 0 && tx[-1].confirmed &&
			tx->height > tx[-1].height)) {
			rc = fl_err_set(e, FL_ENET,
			    "tx %zu: not in the documented order (mempool "
			    "first, then newest first)",
			    i + 1);
			goto out;
		}
	}
out:
	json_decref(root);
	return rc;
}

static int
add_row(struct run *r, const struct job *j, const struct fl_esplora_tx *tx,
    size_t k, struct fl_err *e)
{
	struct fl_ledger_row *row;

	if (r->rows.n == r->rcap) {
		size_t ncap = r->rcap ? r->rcap * 2 : 64;

		if ((row = realloc(r->rows.row, ncap * sizeof(*row))) == NULL)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		r->rows.row = row;
		r->rcap = ncap;
	}
	row = &r->rows.row[r->rows.n];
	memset(row, 0, sizeof(*row));
	if ((row->address = strdup(j->a->text)) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	memcpy(row->txid, tx->txid, sizeof(row->txid));
	row->vout = tx->vout[k];
	row->sat = tx->value[k];
	row->time = tx->confirmed ? tx->time : r->o->now;
	row->height = tx->confirmed ? tx->height : 0;
	row->status = tx->confirmed ? FL_LEDGER_CONFIRMED : FL_LEDGER_MEMPOOL;
	r->rows.n++;
	return 0;
}

/* One page of an address's history. */
static int
addr_answer(struct run *r, struct job *j, struct fl_err *e)
{
	const struct fl_esplora_opts *o = r->o;
	struct fl_esplora_txs t;
	const struct fl_esplora_tx *last;
	size_t i, k;
	int rc;

	if ((rc = fl_esplora_parse_txs(j->b.data, j->b.len, j->a->spk,
		 j->a->spklen, &t, e)) != 0) {
		fl_esplora_txs_free(&t);
		return rc == FL_ENET ? malformed(j, e) : rc;
	}
	if (j->page == 0 && t.n - t.nconf >= FL_ESPLORA_MEMPOOL) {
		fl_esplora_txs_free(&t);
		return fl_err_set(e, FL_ENET,
		    "%s: %s: %d or more unconfirmed transactions, and the API "
		    "shows no more than %d: the history may be incomplete",
		    j->label, j->shown, FL_ESPLORA_MEMPOOL, FL_ESPLORA_MEMPOOL);
	}
	if ((j->page > 0 && t.nconf < t.n) ||
	    (j->page > 0 && t.nconf > 0 &&
		t.tx[t.n - t.nconf].height > j->last_height)) {
		fl_esplora_txs_free(&t);
		fl_err_set(e, FL_ENET,
		    "a page of confirmed transactions out of order");
		return malformed(j, e);
	}
	for (i = 0; i < t.n; i++) {
		const struct fl_esplora_tx *tx = &t.tx[i];
		uint64_t conf = 0;
		int64_t when = tx->confirmed ? tx->time : o->now;

		if (tx->confirmed && tx->height <= r->tip.height)
			conf = r->tip.height - tx->height + 1;
		if (tx->self || conf < o->min_conf || when > o->now ||
		    when <= o->now - o->period)
			continue;
		for (k = 0; k < tx->nout; k++)
			if ((rc = add_row(r, j, tx, k, e)) != 0) {
				fl_esplora_txs_free(&t);
				return rc;
			}
	}
	if (t.nconf < FL_ESPLORA_PAGE) {
		fl_esplora_txs_free(&t);
		return 0;
	}
	last = &t.tx[t.n - 1];
	if (last->time <= o->now - o->period - FL_ESPLORA_MARGIN) {
		fl_esplora_txs_free(&t);
		return 0;
	}
	j->page++;
	j->last_height = last->height;
	rc = set_url(r, j, "/address/", j->a->text, "/txs/chain/", last->txid,
	    e);
	fl_esplora_txs_free(&t);
	return rc != 0 ? rc : 1;
}

static int
by_row(const void *a, const void *b)
{
	const struct fl_ledger_row *x = a, *y = b;
	int c = strcmp(x->address, y->address);

	if (c != 0)
		return c;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	if ((c = strcmp(x->txid, y->txid)) != 0)
		return c;
	return x->vout < y->vout ? -1 : x->vout > y->vout;
}

static int
run_init(struct run *r, const struct fl_esplora_opts *o, struct fl_err *e)
{
	memset(r, 0, sizeof(*r));
	r->o = o;
	r->base = o->http.url;
	r->baselen = strlen(r->base);
	while (r->baselen > 0 && r->base[r->baselen - 1] == '/')
		r->baselen--;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return fl_err_set(e, FL_ESYS, "cannot initialize libcurl");
	return 0;
}

int
fl_esplora_received(const struct fl_esplora_opts *o, const struct fl_address *a,
    size_t n, struct fl_ledger *l, struct fl_esplora_tip *tip, struct fl_err *e)
{
	struct fl_esplora_tip before, after;
	struct job *jobs = NULL;
	struct run r;
	size_t i;
	int rc, round;

	l->row = NULL;
	l->n = 0;
	memset(tip, 0, sizeof(*tip));
	if ((rc = run_init(&r, o, e)) != 0)
		return rc;
	for (round = 1;; round++) {
		fl_ledger_free(&r.rows);
		r.rcap = 0;
		r.done = 0;
		r.total = n;
		if ((rc = get_tip(&r, &before, e)) != 0)
			goto out;
		if (n > 0 && (jobs = calloc(n, sizeof(*jobs))) == NULL) {
			rc = fl_err_set(e, FL_ENOMEM, "out of memory");
			goto out;
		}
		for (i = 0; i < n; i++) {
			jobs[i].a = &a[i];
			jobs[i].json = 1;
			snprintf(jobs[i].label, sizeof(jobs[i].label),
			    "address \"%s\"", a[i].text);
			if ((rc = set_url(&r, &jobs[i], "/address/", a[i].text,
				 "/txs", "", e)) != 0)
				goto out;
		}
		r.answer = addr_answer;
		r.done = 0;
		if ((rc = run_jobs(&r, jobs, n, e)) != 0)
			goto out;
		free(jobs);
		jobs = NULL;
		if ((rc = get_tip(&r, &after, e)) != 0)
			goto out;
		if (before.height == after.height &&
		    strcmp(before.hash, after.hash) == 0)
			break;
		if (round == FL_ESPLORA_ROUNDS) {
			rc = fl_err_set(e, FL_ENET,
			    "the chain tip moved during each of %d readings "
			    "(last from %llu to %llu)",
			    round, (unsigned long long)before.height,
			    (unsigned long long)after.height);
			goto out;
		}
	}
	if (r.rows.n > 0)
		qsort(r.rows.row, r.rows.n, sizeof(*r.rows.row), by_row);
	*l = r.rows;
	r.rows.row = NULL;
	r.rows.n = 0;
	*tip = before;
out:
	if (jobs != NULL) {
		for (i = 0; i < n; i++)
			job_free(&jobs[i]);
		free(jobs);
	}
	fl_ledger_free(&r.rows);
	curl_global_cleanup();
	return rc;
}

/*
 * Decodes an address of any network (their encodings do not overlap; test
 * and signet share theirs), setting *net when net is not NULL.
 */
static int
addr_any(const char *s, struct fl_address *a, enum fl_network *net,
    struct fl_err *e)
{
	static const enum fl_network nets[] = {FL_NET_MAIN, FL_NET_TEST,
	    FL_NET_REGTEST};
	enum fl_addr_reject why;
	struct fl_err e2;
	size_t i;
	int rc = FL_EDATA;

	for (i = 0; i < sizeof(nets) / sizeof(nets[0]); i++) {
		rc = fl_address_decode(s, nets[i], FL_ADDR_ALLOW_FUTURE_WITNESS,
		    a, &why, i == 0 ? e : &e2);
		if (rc == 0 || why != FL_REJECT_WRONG_NETWORK)
			break;
	}
	if (rc == 0 && net != NULL)
		*net = nets[i];
	return rc;
}

/* s for a message: printable ASCII, no quote or backslash, cut at 100. */
static void
safe(const char *s, char *out, size_t size)
{
	size_t o = 0;

	for (; *s != '\0' && o + 4 < size && o < 100; s++) {
		unsigned char c = (unsigned char)*s;

		out[o++] = c < 0x20 || c >= 0x7f || c == '"' || c == '\\'
		    ? '?'
		    : (char)c;
	}
	if (*s != '\0')
		out[o++] = '.', out[o++] = '.', out[o++] = '.';
	out[o] = '\0';
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(((const struct fl_address *)a)->text,
	    ((const struct fl_address *)b)->text);
}

int
fl_esplora_addresses(struct fl_tsv_reader *r, struct fl_address **a, size_t *n,
    struct fl_err *e)
{
	struct fl_address *v = NULL, *p;
	size_t cap = 0, i, k;
	int col, rc;
	enum fl_network net = FL_NET_MAIN, first = FL_NET_MAIN;

	*a = NULL;
	*n = 0;
	if ((col = fl_tsv_require(r, "address", NULL, e)) < 0)
		return col;
	while ((rc = fl_tsv_next(r, e)) == 1) {
		const char *s = r->field[col];

		if (*s == '\0')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((p = realloc(v, cap * sizeof(*p))) == NULL) {
				free(v);
				return fl_err_set(e, FL_ENOMEM,
				    "out of memory");
			}
			v = p;
		}
		if (addr_any(s, &v[*n], &net, e) != 0) {
			char q[128];

			free(v);
			*n = 0;
			safe(s, q, sizeof(q));
			fl_err_prefix(e,
			    "column \"address\": invalid address \"%s\"", q);
			e->line = r->lineno;
			e->code = FL_EDATA;
			return FL_EDATA;
		}
		if (*n == 0)
			first = net;
		else if (net != first) {
			fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "address \"%s\" is for %s, the first for %s",
			    v[*n].text, fl_network_name(net),
			    fl_network_name(first));
			free(v);
			*n = 0;
			return FL_EDATA;
		}
		(*n)++;
	}
	if (rc < 0) {
		free(v);
		*n = 0;
		return rc;
	}
	if (*n > 0)
		qsort(v, *n, sizeof(*v), by_text);
	for (i = 0, k = 0; i < *n; i++)
		if (k == 0 || strcmp(v[k - 1].text, v[i].text) != 0)
			v[k++] = v[i];
	*n = k;
	*a = v;
	return 0;
}

/* One transaction of the ledger being checked. */
static int
check_answer(struct run *r, struct job *j, struct fl_err *e)
{
	struct fl_esplora_tx t;
	json_error_t je;
	json_t *root, *vout;
	size_t i;
	int rc = 0;

	if (j->status == 404)
		return 0;
	j->found = 1;
	memset(&t, 0, sizeof(t));
	if ((root = json_loadb(j->b.data, j->b.len, JSON_REJECT_DUPLICATES,
		 &je)) == NULL) {
		fl_err_set(e, FL_ENET, "JSON: %s (byte %d)", je.text,
		    je.position);
		return malformed(j, e);
	}
	if ((rc = parse_tx(root, "", &t, e)) != 0 ||
	    strcmp(t.txid, j->text) != 0) {
		if (rc == 0)
			fl_err_set(e, FL_ENET, "another txid");
		rc = rc == FL_ENOMEM ? rc : malformed(j, e);
		goto out;
	}
	j->confirmed = t.confirmed;
	j->height = t.height;
	vout = json_object_get(root, "vout");
	for (i = 0; i < r->check->n; i++) {
		const struct fl_ledger_row *row = &r->check->row[i];
		struct fl_address a;
		json_t *x;
		const char *s;
		uint64_t v = 0;

		if (strcmp(row->txid, j->text) != 0)
			continue;
		x = json_array_get(vout, row->vout);
		if (addr_any(row->address, &a, NULL, e) != 0) {
			rc = fl_err_setl(e, FL_EDATA, row->line, 0,
			    "invalid address \"%s\"", row->address);
			goto out;
		}
		s = x != NULL
		    ? json_string_value(json_object_get(x, "scriptpubkey"))
		    : NULL;
		if (x != NULL)
			get_int(x, "value", UINT64_MAX, &v, e);
		if (x == NULL || s == NULL) {
			rc = fl_err_setl(e, FL_EDATA, row->line, 0,
			    "%s:%lu: no such output on the chain", row->txid,
			    (unsigned long)row->vout);
			goto out;
		}
		{
			char hex[2 * 42 + 1];

			fl_hex_encode(a.spk, a.spklen, hex);
			if (strcasecmp(s, hex) != 0 || v != row->sat) {
				rc = fl_err_setl(e, FL_EDATA, row->line, 0,
				    "%s:%lu does not pay \"%s\" %llu sat on "
				    "the chain",
				    row->txid, (unsigned long)row->vout,
				    row->address, (unsigned long long)row->sat);
				goto out;
			}
		}
	}
out:
	free(t.vout);
	free(t.value);
	json_decref(root);
	return rc;
}

static int
by_txid(const void *a, const void *b)
{
	return strcmp(((const struct job *)a)->text,
	    ((const struct job *)b)->text);
}

/* By txid, then row: a txid's job is that of its first row. */
static int
by_txid_row(const void *a, const void *b)
{
	const struct job *x = a, *y = b;
	int c = strcmp(x->text, y->text);

	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int
fl_esplora_check(const struct fl_esplora_opts *o, struct fl_ledger *l,
    struct fl_esplora_tip *tip, struct fl_err *e)
{
	struct job *jobs = NULL, *res = NULL, key;
	struct run r;
	size_t i, k, n = 0;
	int rc;

	memset(tip, 0, sizeof(*tip));
	if ((rc = run_init(&r, o, e)) != 0)
		return rc;
	r.check = l;
	if ((rc = get_tip(&r, tip, e)) != 0)
		goto out;
	if (l->n > 0 && (jobs = calloc(l->n, sizeof(*jobs))) == NULL) {
		rc = fl_err_set(e, FL_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < l->n; i++) {
		memcpy(jobs[i].text, l->row[i].txid, 65);
		jobs[i].idx = i;
	}
	if (l->n > 0)
		qsort(jobs, l->n, sizeof(*jobs), by_txid_row);
	for (i = 0; i < l->n; i++)
		if (n == 0 || strcmp(jobs[n - 1].text, jobs[i].text) != 0)
			memmove(&jobs[n++], &jobs[i], sizeof(*jobs));
	for (i = 0; i < n; i++) {
		jobs[i].json = 1;
		jobs[i].allow404 = 1;
		/* An outpoint, not a bare txid: see shown_url(). */
		snprintf(jobs[i].label, sizeof(jobs[i].label), "%s:%lu",
		    jobs[i].text, (unsigned long)l->row[jobs[i].idx].vout);
		if ((rc = set_url(&r, &jobs[i], "/tx/", jobs[i].text, "", "",
			 e)) != 0)
			goto out;
	}
	r.answer = check_answer;
	r.done = 0;
	r.total = n;
	if ((rc = run_jobs(&r, jobs, n, e)) != 0)
		goto out;
	for (i = 0; i < l->n; i++) {
		struct fl_ledger_row *row = &l->row[i];

		memcpy(key.text, row->txid, 65);
		res = bsearch(&key, jobs, n, sizeof(*jobs), by_txid);
		k = (size_t)(res - jobs);
		row->height = 0;
		if (jobs[k].found && jobs[k].confirmed) {
			row->status = FL_LEDGER_CONFIRMED;
			row->height = jobs[k].height;
		} else if (jobs[k].found)
			row->status = FL_LEDGER_MEMPOOL;
		else if (row->time <= o->now - o->stale)
			row->status = FL_LEDGER_STALE;
		else
			row->status = FL_LEDGER_NOT_FOUND;
	}
out:
	if (jobs != NULL) {
		for (i = 0; i < l->n; i++)
			if (i < n)
				job_free(&jobs[i]);
		free(jobs);
	}
	curl_global_cleanup();
	return rc;
}
