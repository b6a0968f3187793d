#include "receivedstage.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decimal.h"
#include "duration.h"
#include "timestamp.h"
#include "input.h"
#include "http.h"
#include "ledger.h"
#include "tsv.h"
#include "version.h"

void
fl_receivedstage_init(struct fl_receivedstage *c)
{
	memset(c, 0, sizeof(*c));
	c->o.jobs = 4;
	c->o.stale = 7 * 86400;
	c->o.http.connect_timeout = 30;
	c->o.http.timeout = 60;
	c->o.http.retries = 3;
	c->o.http.backoff_ms = 1000;
	c->o.http.max_body = (size_t)32 << 20;
	c->o.http.user_agent = "flattor-received/" FL_VERSION;
	c->stale_text = "7d";
}

static int
duration(const char *opt, const char *s, int64_t max, int64_t *v,
    struct fl_err *e)
{
	if (fl_duration_parse(s, v, e) != 0) {
		fl_err_prefix(e, "%s", opt);
		e->code = FL_EUSAGE;
		return FL_EUSAGE;
	}
	if (*v <= 0 || *v > max)
		return fl_err_set(e, FL_EUSAGE, "%s: out of range \"%s\"", opt,
		    s);
	return 0;
}

static int
count(const char *opt, const char *s, uint64_t min, uint64_t max, uint64_t *v,
    struct fl_err *e)
{
	if (fl_decimal_parse_u64(s, v, e) != 0 || *v < min || *v > max)
		return fl_err_set(e, FL_EUSAGE, "%s: invalid number \"%s\"",
		    opt, s);
	return 0;
}

int
fl_receivedstage_set(struct fl_receivedstage *c, int opt, const char *arg,
    struct fl_err *e)
{
	struct fl_esplora_opts *o = &c->o;
	uint64_t v;
	int64_t d;

	switch (opt) {
	case FL_RECV_O_CHECK:
		if (arg[0] == '\0')
			return fl_err_set(e, FL_EUSAGE,
			    "--check-ledger: empty file name");
		c->check = arg;
		return 0;
	case FL_RECV_O_CONFIRMED:
		if (o->min_conf < 1)
			o->min_conf = 1;
		return 0;
	case FL_RECV_O_ESPLORA:
		if (strncmp(arg, "http://", 7) != 0 &&
		    strncmp(arg, "https://", 8) != 0) {
			/* Quoted without the credentials it may hold. */
			char *pub = fl_http_url_public(arg);

			fl_err_set(e, FL_EUSAGE,
			    "--esplora: not an http or https URL \"%s\"",
			    pub != NULL ? pub : "");
			free(pub);
			return FL_EUSAGE;
		}
		o->http.url = arg;
		return 0;
	case FL_RECV_O_JOBS:
		if (count("--jobs", arg, 1, 64, &v, e) != 0)
			return FL_EUSAGE;
		o->jobs = (int)v;
		return 0;
	case FL_RECV_O_MIN_CONF:
		if (count("--min-conf", arg, 0, 1000000, &v, e) != 0)
			return FL_EUSAGE;
		if (v > o->min_conf)
			o->min_conf = v;
		return 0;
	case FL_RECV_O_NOW:
		if (fl_timestamp_parse(arg, &o->now, e) != 0) {
			fl_err_prefix(e, "--now");
			e->code = FL_EUSAGE;
			return FL_EUSAGE;
		}
		c->has_now = 1;
		return 0;
	case FL_RECV_O_PERIOD:
		if (duration("--period", arg, INT64_MAX / 2, &o->period, e) !=
		    0)
			return FL_EUSAGE;
		c->period_text = arg;
		return 0;
	case FL_RECV_O_PROXY:
		/*
		 * libcurl takes "" as "no proxy at all": an unset variable in
		 * --proxy "$TOR" would bypass Tor.
		 */
		if (arg[0] == '\0')
			return fl_err_set(e, FL_EUSAGE,
			    "--proxy: empty URL (it would turn off the proxy "
			    "variables of the environment)");
		o->http.proxy = arg;
		return 0;
	case FL_RECV_O_RETRIES:
		if (count("--retries", arg, 0, 10, &v, e) != 0)
			return FL_EUSAGE;
		o->http.retries = (int)v;
		return 0;
	case FL_RECV_O_STALE:
		if (duration("--stale", arg, INT64_MAX / 2, &o->stale, e) != 0)
			return FL_EUSAGE;
		c->stale_text = arg;
		c->has_stale = 1;
		return 0;
	case FL_RECV_O_TIMEOUT:
		if (duration("--timeout", arg, 86400, &d, e) != 0)
			return FL_EUSAGE;
		o->http.timeout = (long)d;
		if (o->http.connect_timeout > o->http.timeout)
			o->http.connect_timeout = o->http.timeout;
		return 0;
	default:
		return fl_err_set(e, FL_EUSAGE, "unknown option");
	}
}

int
fl_receivedstage_check(struct fl_receivedstage *c, const char *path,
    struct fl_err *e)
{
	if (c->o.http.url == NULL)
		return fl_err_set(e, FL_EUSAGE, "--esplora is required");
	if (c->check == NULL && c->period_text == NULL)
		return fl_err_set(e, FL_EUSAGE, "--period is required");
	if (c->check != NULL &&
	    (c->period_text != NULL || strcmp(path, "-") != 0))
		return fl_err_set(e, FL_EUSAGE,
		    "--check-ledger takes no --period and no FILE");
	if (c->check == NULL && c->has_stale)
		return fl_err_set(e, FL_EUSAGE, "--stale needs --check-ledger");
	if (!c->has_now)
		c->o.now = (int64_t)time(NULL);
	return 0;
}

static void
progress(void *arg, size_t done, size_t total)
{
	fprintf(stderr, "\r%s: %zu/%zu %s", fl_prog(), done, total,
	    (const char *)arg);
	if (done == total)
		fputc('\n', stderr);
}

/*
 * One line on stderr per row of the checked ledger, naming its line and
 * its outpoint (a bare txid would read as a private key to lib/diag).
 */
static void
report(const struct fl_ledger *l, const char *name, const char *stale)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct fl_ledger_row *r = &l->row[i];
		char what[64];

		if (r->status == FL_LEDGER_CONFIRMED)
			snprintf(what, sizeof(what), "confirmed at height %llu",
			    (unsigned long long)r->height);
		else if (r->status == FL_LEDGER_MEMPOOL)
			snprintf(what, sizeof(what), "in the mempool");
		else
			snprintf(what, sizeof(what), "not on the chain%s%s%s",
			    r->status == FL_LEDGER_STALE ? ", older than " : "",
			    r->status == FL_LEDGER_STALE ? stale : "",
			    r->status == FL_LEDGER_STALE ? ": stale" : "");
		fl_warn("%s:%lu: %s:%lu: %s", name, r->line, r->txid,
		    (unsigned long)r->vout, what);
	}
}

/* What a run holds, released on every exit. */
struct run {
	struct fl_tsv_reader r;
	int r_open;
	FILE *in;
	struct fl_address *a;
	struct fl_ledger l;
	char *url;
};

static void
run_free(void *arg)
{
	struct run *u = arg;

	free(u->a);
	free(u->url);
	fl_ledger_free(&u->l);
	if (u->r_open)
		fl_tsv_close(&u->r);
	fl_input_close(u->in);
}

int
fl_receivedstage_run(struct fl_stage *st, struct fl_receivedstage *c,
    const char *path)
{
	static struct run u;
	struct fl_esplora_tip tip;
	struct fl_err e;
	const char *name, *src = c->check != NULL ? c->check : path;
	char now[32];
	size_t n = 0;
	FILE *out;

	memset(&u, 0, sizeof(u));
	fl_stage_on_exit(st, run_free, &u);
	if (isatty(STDERR_FILENO)) {
		c->o.progress = progress;
		c->o.progress_arg = c->check ? "transactions" : "addresses";
	}
	if ((u.in = fl_input_open(src, &name, &e)) == NULL)
		fl_stage_die_err(st, src, &e);
	if (c->check != NULL) {
		if (fl_ledger_read(u.in, &u.l, &e) != 0)
			fl_stage_die_err(st, name, &e);
		if (fl_esplora_check(&c->o, &u.l, &tip, &e) != 0)
			fl_stage_die_err(st, e.code == FL_EDATA ? name : NULL,
			    &e);
		report(&u.l, name, c->stale_text);
	} else {
		u.r_open = 1;
		if (fl_tsv_open(&u.r, u.in, &e) != 0 ||
		    fl_esplora_addresses(&u.r, &u.a, &n, &e) != 0)
			fl_stage_die_err(st, name, &e);
		if (fl_esplora_received(&c->o, u.a, n, &u.l, &tip, &e) != 0)
			fl_stage_die_err(st, NULL, &e);
	}
	fl_timestamp_format(c->o.now, now, sizeof(now));
	/* No credentials in the provenance line. */
	if ((u.url = fl_http_url_public(c->o.http.url)) == NULL)
		fl_stage_die(st, FL_EXIT_SYS, "out of memory");
	fl_stage_prov_add(st, "esplora=%s tip=%llu:%s", u.url,
	    (unsigned long long)tip.height, tip.hash);
	if (c->check != NULL)
		fl_stage_prov_add(st, "check-ledger=%s stale=%s now=%s",
		    c->check, c->stale_text, now);
	else
		fl_stage_prov_add(st, "period=%s now=%s min-conf=%llu",
		    c->period_text, now, (unsigned long long)c->o.min_conf);
	/* A ledger, not the input table: its comments are not copied. */
	out = fl_stage_output(st, NULL);
	if (fl_ledger_write(out, u.l.row, u.l.n, 1, &e) != 0)
		fl_stage_die_err(st, NULL, &e);
	return fl_stage_finish(st);
}
