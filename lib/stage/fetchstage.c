#include "fetchstage.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "decimal.h"
#include "duration.h"
#include "input.h"
#include "onionoo.h"
#include "tsv.h"
#include "version.h"

#define DEFAULT_URL "https://onionoo.torproject.org"
/* Only the fields the table needs (version 8 names). */
#define FIELDS \
	"fingerprint,nickname,running,flags,measured,consensus_weight," \
	"guard_probability,middle_probability,exit_probability," \
	"advertised_bandwidth,first_seen,last_seen,country,as," \
	"effective_family,family_ids,contact"
#define QUERY "/details?type=relay&running=true&fields="

void
fl_fetchstage_init(struct fl_fetchstage *f)
{
	memset(f, 0, sizeof(*f));
	f->base = DEFAULT_URL;
	f->q.connect_timeout = 30;
	f->q.timeout = 300;
	f->q.retries = 2;
	f->q.backoff_ms = 1000;
	f->q.max_body = (size_t)256 << 20;
	f->q.user_agent = "flattor-fetch/" FL_VERSION;
}

static int
parse_count(const char *opt, const char *s, uint64_t min, uint64_t max,
    uint64_t *v, struct fl_err *e)
{
	if (fl_decimal_parse_u64(s, v, e) != 0 || *v < min || *v > max)
		return fl_err_set(e, FL_EUSAGE, "%s: invalid number \"%s\"",
		    opt, s);
	return 0;
}

int
fl_fetchstage_set(struct fl_fetchstage *f, int opt, const char *arg,
    struct fl_err *e)
{
	uint64_t v;
	int64_t secs;

	if (opt != FL_FETCH_O_FILE)
		f->net_opts = 1;
	switch (opt) {
	case FL_FETCH_O_FILE:
		if (arg[0] == '\0')
			return fl_err_set(e, FL_EUSAGE, "-f: empty file name");
		f->file = arg;
		return 0;
	case FL_FETCH_O_CACHE:
		if (arg[0] == '\0')
			return fl_err_set(e, FL_EUSAGE,
			    "--cache: empty file name");
		f->q.cache = arg;
		return 0;
	case FL_FETCH_O_MAX_SIZE:
		if (parse_count("--max-size", arg, 1, SIZE_MAX / 2, &v, e) != 0)
			return FL_EUSAGE;
		f->q.max_body = (size_t)v;
		return 0;
	case FL_FETCH_O_PROXY:
		/*
		 * libcurl takes "" as "no proxy at all": an unset variable in
		 * --proxy "$TOR" would bypass Tor.
		 */
		if (arg[0] == '\0')
			return fl_err_set(e, FL_EUSAGE,
			    "--proxy: empty URL (it would turn off the proxy "
			    "variables of the environment)");
		f->q.proxy = arg;
		return 0;
	case FL_FETCH_O_RETRIES:
		if (parse_count("--retries", arg, 0, 10, &v, e) != 0)
			return FL_EUSAGE;
		f->q.retries = (int)v;
		return 0;
	case FL_FETCH_O_TIMEOUT:
		if (fl_duration_parse(arg, &secs, e) != 0 || secs <= 0 ||
		    secs > 86400)
			return fl_err_set(e, FL_EUSAGE,
			    "--timeout: invalid duration \"%s\"", arg);
		f->q.timeout = (long)secs;
		if (f->q.connect_timeout > f->q.timeout)
			f->q.connect_timeout = f->q.timeout;
		return 0;
	case FL_FETCH_O_URL:
		f->base = arg;
		return 0;
	}
	return fl_err_set(e, FL_EUSAGE, "unknown option");
}

int
fl_fetchstage_check(const struct fl_fetchstage *f, struct fl_err *e)
{
	if (f->file != NULL && f->net_opts)
		return fl_err_set(e, FL_EUSAGE,
		    "-f cannot be combined with network options");
	return 0;
}

/* A refused --url, quoted without the credentials it may hold. */
static _Noreturn void
bad_base(struct fl_stage *st, const char *base, const char *why)
{
	struct fl_err e;
	char *pub = fl_http_url_public(base);

	fl_err_set(&e, FL_EUSAGE, "--url: invalid base \"%s\"%s",
	    pub != NULL ? pub : "", why);
	free(pub);
	fl_stage_die_err(st, NULL, &e);
}

/*
 * The details URL of base, malloc'ed.  A scheme is required: without one
 * libcurl would guess plain http, and "https://" alone would become a
 * request for the host "details".
 */
static char *
details_url(struct fl_stage *st, const char *base)
{
	size_t n = strlen(base), i;
	char *url;

	while (n > 0 && base[n - 1] == '/')
		n--;
	i = strncasecmp(base, "https://", 8) == 0  ? 8
	    : strncasecmp(base, "http://", 7) == 0 ? 7
						   : 0;
	if (i == 0 || n <= i)
		bad_base(st, base, " (an http:// or https:// URL)");
	if (strchr(base, '?') != NULL || strchr(base, '#') != NULL)
		bad_base(st, base, "");
	i = n + sizeof(QUERY) + sizeof(FIELDS);
	if ((url = malloc(i)) == NULL)
		fl_stage_die(st, FL_EXIT_SYS, "out of memory");
	snprintf(url, i, "%.*s" QUERY "%s", (int)n, base, FIELDS);
	return url;
}

/* Progress on a terminal, once the download has taken a second. */
struct progress {
	struct timespec start;
	struct timespec last;
	int shown;
};

static double
elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void
show_progress(void *arg, uint64_t now, uint64_t total)
{
	struct progress *p = arg;
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	if (elapsed(&p->start, &t) < 1.0 ||
	    (p->shown && elapsed(&p->last, &t) < 0.25))
		return;
	p->last = t;
	p->shown = 1;
	if (total > 0)
		fprintf(stderr, "\r%s: %" PRIu64 " of %" PRIu64 " kB\033[K",
		    fl_prog(), now / 1000, total / 1000);
	else
		fprintf(stderr, "\r%s: %" PRIu64 " kB\033[K", fl_prog(),
		    now / 1000);
}

/* What a run holds, released on every exit. */
struct run {
	char *url;
	char *pub; /* url without credentials: for messages and provenance */
	struct fl_http_resp resp;
	struct fl_onionoo_doc doc;
	int have_doc;
};

static void
run_free(void *arg)
{
	struct run *u = arg;

	free(u->url);
	free(u->pub);
	fl_http_resp_free(&u->resp);
	if (u->have_doc)
		fl_onionoo_free(&u->doc);
}

/* The document from the network; returns the name diagnostics use. */
static const char *
download(struct fl_stage *st, struct fl_fetchstage *f, struct run *u)
{
	struct progress prog = {0};
	struct fl_err e;
	FILE *fp;
	int rc;

	u->url = details_url(st, f->base);
	f->q.url = u->url;
	if (isatty(STDERR_FILENO)) {
		clock_gettime(CLOCK_MONOTONIC, &prog.start);
		f->q.progress = show_progress;
		f->q.progress_arg = &prog;
	}
	rc = fl_http_get(&f->q, &u->resp, &e);
	if (prog.shown)
		fprintf(stderr, "\r\033[K");
	if (rc != 0)
		fl_stage_die_err(st, NULL, &e);
	/* Credentials in the URL go in no message nor table. */
	if ((u->pub = fl_http_url_public(u->url)) == NULL)
		fl_stage_die(st, FL_EXIT_SYS, "out of memory");
	if (u->resp.len == 0)
		fl_stage_die(st, FL_EXIT_DATA, "%s: empty document", u->pub);
	if ((fp = fmemopen(u->resp.body, u->resp.len, "r")) == NULL)
		fl_stage_die(st, FL_EXIT_SYS, "fmemopen:");
	rc = fl_onionoo_read(fp, &u->doc, &e);
	fclose(fp);
	if (rc != 0)
		fl_stage_die_err(st, u->pub, &e);
	u->have_doc = 1;
	/* Only a document that parsed is worth keeping. */
	if (fl_http_cache_store(&f->q, &u->resp, &e) != 0)
		fl_stage_die_err(st, NULL, &e);
	return u->pub;
}

int
fl_fetchstage_run(struct fl_stage *st, struct fl_fetchstage *f)
{
	static struct run u;
	const char *name;
	struct fl_err e;
	FILE *fp, *out;
	size_t i;
	int rc;

	memset(&u, 0, sizeof(u));
	fl_stage_on_exit(st, run_free, &u);
	if (f->file != NULL) {
		if ((fp = fl_input_open(f->file, &name, &e)) == NULL)
			fl_stage_die_err(st, name, &e);
		rc = fl_onionoo_read(fp, &u.doc, &e);
		fl_input_close(fp);
		if (rc != 0)
			fl_stage_die_err(st, name, &e);
		u.have_doc = 1;
	} else {
		name = download(st, f, &u);
	}
	/* Version and time were checked by the reader. */
	fl_stage_prov_add(st, "source=%s version=%s relays_published=%s", name,
	    u.doc.version != NULL ? u.doc.version : "", u.doc.relays_published);
	/*
	 * Every check is done (the reader refuses a relay whose row would be
	 * too long): the table goes straight to stdout, so that memory holds
	 * the packed relays and not a copy of the table too.
	 */
	out = fl_stage_output_direct(st, NULL);
	fl_onionoo_put_header(out);
	for (i = 0; i < u.doc.nrelays; i++) {
		struct fl_onionoo_relay r;

		fl_onionoo_relay_at(&u.doc, i, &r);
		fl_onionoo_put_row(out, &r);
	}
	return fl_stage_finish(st);
}
