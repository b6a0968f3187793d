/*
 * flattor-fetch: relay data from Onionoo (or an Onionoo details document in
 * a file) to the relays table of PIPELINE.md.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "amount.h"
#include "diag.h"
#include "http.h"
#include "io.h"
#include "opt.h"
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

static const char usage_text[] =
    "usage: flattor-fetch [--url BASE] [--cache FILE] [--proxy URL]\n"
    "                     [--timeout DURATION] [--retries N] "
    "[--max-size BYTES]\n"
    "       flattor-fetch -f FILE\n";

static _Noreturn void
usage(int status)
{
	if (status == 0) {
		fputs(usage_text, stdout);
		exit(fl_fshut(stdout, "<stdout>") ? FL_EXIT_SYS : 0);
	}
	fputs(usage_text, stderr);
	exit(status);
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

/*
 * As fl_tsv_put_provenance(), without its 1 KiB limit: a long file name or
 * URL goes in whole, never cut.  Version and time were checked by the reader.
 */
static void
put_provenance(FILE *out, const char *source, const struct fl_onionoo_doc *d)
{
	const char *p;

	fputs("# flattor-fetch " FL_VERSION ": source=", out);
	for (p = source; *p != '\0'; p++)
		putc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
	fprintf(out, " version=%s relays_published=%s\n",
	    d->version != NULL ? d->version : "", d->relays_published);
}

static long
parse_seconds(const char *opt, const char *s)
{
	struct fl_err e;
	int64_t secs;

	if (fl_duration_parse(s, &secs, &e) != 0 || secs <= 0 || secs > 86400)
		fl_die(FL_EXIT_USAGE, "%s: invalid duration \"%s\"", opt, s);
	return (long)secs;
}

static uint64_t
parse_count(const char *opt, const char *s, uint64_t min, uint64_t max)
{
	struct fl_err e;
	uint64_t v;

	if (fl_u64_parse(s, &v, &e) != 0 || v < min || v > max)
		fl_die(FL_EXIT_USAGE, "%s: invalid number \"%s\"", opt, s);
	return v;
}

int
main(int argc, char *argv[])
{
	enum { O_URL = 256, O_CACHE, O_PROXY, O_TIMEOUT, O_RETRIES, O_MAXSIZE };
	static const struct option longopts[] = {
	    {"file", required_argument, NULL, 'f'},
	    {"url", required_argument, NULL, O_URL},
	    {"cache", required_argument, NULL, O_CACHE},
	    {"proxy", required_argument, NULL, O_PROXY},
	    {"timeout", required_argument, NULL, O_TIMEOUT},
	    {"retries", required_argument, NULL, O_RETRIES},
	    {"max-size", required_argument, NULL, O_MAXSIZE},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	struct fl_http_req q = {0};
	struct fl_http_resp resp = {0};
	struct fl_onionoo_doc doc;
	struct progress prog = {0};
	uint64_t seen = 0;
	struct fl_err e;
	const char *file = NULL, *base = DEFAULT_URL, *name;
	char *url = NULL, *pub = NULL;
	int ch, net_opts = 0, rc;
	size_t i, n;
	FILE *fp, *out;

	fl_prog_set(argv);
	q.connect_timeout = 30;
	q.timeout = 300;
	q.retries = 2;
	q.backoff_ms = 1000;
	q.max_body = (size_t)256 << 20;
	q.user_agent = "flattor-fetch/" FL_VERSION;
	while ((ch = getopt_long(argc, argv, "f:", longopts, NULL)) != -1) {
		if (fl_opt_once(longopts, ch, NULL, &seen, &e) != 0)
			fl_die(FL_EXIT_USAGE, "%s", e.msg);
		switch (ch) {
		case 'f':
			if (optarg[0] == '\0')
				fl_die(FL_EXIT_USAGE, "-f: empty file name");
			file = optarg;
			break;
		case 'h':
			usage(0);
		case 'V':
			return fl_version_print();
		case O_CACHE:
			if (optarg[0] == '\0')
				fl_die(FL_EXIT_USAGE,
				    "--cache: empty file name");
			q.cache = optarg;
			net_opts = 1;
			break;
		case O_MAXSIZE:
			q.max_body = (size_t)parse_count("--max-size", optarg,
			    1, SIZE_MAX / 2);
			net_opts = 1;
			break;
		case O_PROXY:
			/*
			 * libcurl takes "" as "no proxy at all": an unset
			 * variable in --proxy "$TOR" would bypass Tor.
			 */
			if (optarg[0] == '\0')
				fl_die(FL_EXIT_USAGE,
				    "--proxy: empty URL (it would turn off the "
				    "proxy variables of the environment)");
			q.proxy = optarg;
			net_opts = 1;
			break;
		case O_RETRIES:
			q.retries =
			    (int)parse_count("--retries", optarg, 0, 10);
			net_opts = 1;
			break;
		case O_TIMEOUT:
			q.timeout = parse_seconds("--timeout", optarg);
			if (q.connect_timeout > q.timeout)
				q.connect_timeout = q.timeout;
			net_opts = 1;
			break;
		case O_URL:
			base = optarg;
			net_opts = 1;
			break;
		default:
			usage(FL_EXIT_USAGE);
		}
	}
	if (optind != argc) {
		fl_warn("unexpected operand \"%s\" (use -f FILE)",
		    argv[optind]);
		usage(FL_EXIT_USAGE);
	}
	if (file != NULL && net_opts)
		fl_die(FL_EXIT_USAGE,
		    "-f cannot be combined with network options");

	if (file != NULL) {
		if ((fp = fl_open_in(file, &name, &e)) == NULL)
			fl_die_err(name, &e);
		rc = fl_onionoo_read(fp, &doc, &e);
		fl_close_in(fp);
		if (rc != 0)
			fl_die_err(name, &e);
	} else {
		/*
		 * A scheme is required: without one libcurl would guess
		 * plain http, and "https://" alone would become a request
		 * for the host "details".
		 */
		n = strlen(base);
		while (n > 0 && base[n - 1] == '/')
			n--;
		i = strncasecmp(base, "https://", 8) == 0  ? 8
		    : strncasecmp(base, "http://", 7) == 0 ? 7
							   : 0;
		if (i == 0 || n <= i)
			fl_die(FL_EXIT_USAGE,
			    "--url: invalid base \"%s\" (an http:// or "
			    "https:// URL)",
			    base);
		if (strchr(base, '?') != NULL || strchr(base, '#') != NULL)
			fl_die(FL_EXIT_USAGE, "--url: invalid base \"%s\"",
			    base);
		i = n + sizeof("/details?type=relay&running=true&fields=") +
		    sizeof(FIELDS);
		if ((url = malloc(i)) == NULL)
			fl_die(FL_EXIT_SYS, "out of memory");
		snprintf(url, i,
		    "%.*s/details?type=relay&running=true&fields=%s", (int)n,
		    base, FIELDS);
		q.url = url;
		if (isatty(STDERR_FILENO)) {
			clock_gettime(CLOCK_MONOTONIC, &prog.start);
			q.progress = show_progress;
			q.progress_arg = &prog;
		}
		rc = fl_http_get(&q, &resp, &e);
		if (prog.shown)
			fprintf(stderr, "\r\033[K");
		if (rc != 0)
			fl_die_err(NULL, &e);
		/* Credentials in the URL go in no message nor table. */
		if ((name = pub = fl_http_url_public(url)) == NULL)
			fl_die(FL_EXIT_SYS, "out of memory");
		if (resp.len == 0)
			fl_die(FL_EXIT_DATA, "%s: empty document", name);
		if ((fp = fmemopen(resp.body, resp.len, "r")) == NULL)
			fl_die(FL_EXIT_SYS, "fmemopen:");
		rc = fl_onionoo_read(fp, &doc, &e);
		fclose(fp);
		if (rc != 0)
			fl_die_err(name, &e);
		/* Only a document that parsed is worth keeping. */
		if (fl_http_cache_store(&q, &resp, &e) != 0)
			fl_die_err(NULL, &e);
		fl_http_resp_free(&resp);
	}

	if ((out = fl_out_open()) == NULL)
		fl_die(FL_EXIT_SYS, "output buffer:");
	put_provenance(out, name, &doc);
	fl_onionoo_put_header(out);
	for (i = 0; i < doc.nrelays; i++) {
		long at = ftell(out);

		fl_onionoo_put_row(out, &doc.relays[i]);
		/* A row the next stage would refuse is refused here. */
		if (at >= 0 && ftell(out) - at - 1 > (long)FL_TSV_MAXLINE) {
			fl_out_discard();
			fl_die(FL_EXIT_DATA,
			    "%s: relay %s: its row would be longer than %zu "
			    "bytes",
			    name, doc.relays[i].fingerprint,
			    (size_t)FL_TSV_MAXLINE);
		}
	}
	fl_onionoo_free(&doc);
	free(url);
	free(pub);
	return fl_out_commit() != 0 ? FL_EXIT_SYS : FL_EXIT_OK;
}
