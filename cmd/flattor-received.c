/* flattor-received: addresses -> what each received this period (a ledger). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "amount.h"
#include "diag.h"
#include "esplora.h"
#include "io.h"
#include "ledger.h"
#include "opt.h"
#include "tsv.h"
#include "version.h"

static const char usage_text[] =
    "usage: flattor-received --esplora URL --period DURATION [--now TIME]\n"
    "       [--confirmed-only] [--min-conf N] [--jobs N] [--proxy URL]\n"
    "       [--timeout DURATION] [--retries N] [FILE]\n"
    "       flattor-received --esplora URL --check-ledger FILE\n"
    "       [--stale DURATION] [--now TIME] [--jobs N] [--proxy URL]\n"
    "       [--timeout DURATION] [--retries N]\n";

static _Noreturn void
usage(void)
{
	fputs(usage_text, stderr);
	exit(FL_EXIT_USAGE);
}

static int64_t
duration(const char *opt, const char *s, int64_t max)
{
	struct fl_err e;
	int64_t v;

	if (fl_duration_parse(s, &v, &e) != 0)
		fl_die(FL_EXIT_USAGE, "%s: %s", opt, e.msg);
	if (v <= 0 || v > max)
		fl_die(FL_EXIT_USAGE, "%s: out of range \"%s\"", opt, s);
	return v;
}

static uint64_t
count(const char *opt, const char *s, uint64_t min, uint64_t max)
{
	struct fl_err e;
	uint64_t v;

	if (fl_u64_parse(s, &v, &e) != 0 || v < min || v > max)
		fl_die(FL_EXIT_USAGE, "%s: invalid number \"%s\"", opt, s);
	return v;
}

static void
progress(void *arg, size_t done, size_t total)
{
	fprintf(stderr, "\r%s: %zu/%zu %s", fl_prog(), done, total,
	    (const char *)arg);
	if (done == total)
		fputc('\n', stderr);
}

/* One line on stderr per txid of the checked ledger. */
static void
report(const struct fl_ledger *l, const char *stale)
{
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		const struct fl_ledger_row *r = &l->row[i];

		for (k = 0; k < i && strcmp(l->row[k].txid, r->txid) != 0; k++)
			;
		if (k < i)
			continue;
		if (r->status == FL_LEDGER_CONFIRMED)
			fl_warn("txid \"%s\": confirmed at height %llu",
			    r->txid, (unsigned long long)r->height);
		else if (r->status == FL_LEDGER_MEMPOOL)
			fl_warn("txid \"%s\": in the mempool", r->txid);
		else
			fl_warn("txid \"%s\": not on the chain%s%s%s", r->txid,
			    r->status == FL_LEDGER_STALE ? ", older than " : "",
			    r->status == FL_LEDGER_STALE ? stale : "",
			    r->status == FL_LEDGER_STALE ? ": stale" : "");
	}
}

int
main(int argc, char *argv[])
{
	enum {
		O_CHECK = 256,
		O_CONF,
		O_ESPLORA,
		O_JOBS,
		O_MINCONF,
		O_NOW,
		O_PERIOD,
		O_PROXY,
		O_RETRIES,
		O_STALE,
		O_TIMEOUT,
		O_HELP,
		O_VERSION
	};
	static const struct option longopts[] = {
	    {"check-ledger", required_argument, NULL, O_CHECK},
	    {"confirmed-only", no_argument, NULL, O_CONF},
	    {"esplora", required_argument, NULL, O_ESPLORA},
	    {"help", no_argument, NULL, O_HELP},
	    {"jobs", required_argument, NULL, O_JOBS},
	    {"min-conf", required_argument, NULL, O_MINCONF},
	    {"now", required_argument, NULL, O_NOW},
	    {"period", required_argument, NULL, O_PERIOD},
	    {"proxy", required_argument, NULL, O_PROXY},
	    {"retries", required_argument, NULL, O_RETRIES},
	    {"stale", required_argument, NULL, O_STALE},
	    {"timeout", required_argument, NULL, O_TIMEOUT},
	    {"version", no_argument, NULL, O_VERSION},
	    {NULL, 0, NULL, 0},
	};
	struct fl_esplora_opts o;
	struct fl_esplora_tip tip;
	struct fl_address *a = NULL;
	struct fl_ledger l = {NULL, 0};
	struct fl_tsv_reader r;
	struct fl_err e;
	const char *path = "-", *name, *check = NULL, *period = NULL;
	const char *stale = "7d";
	uint64_t seen = 0;
	size_t n = 0;
	int has_now = 0, has_stale = 0, ch;
	char nowbuf[32];
	FILE *in, *out;

	fl_prog_set(argv);
	memset(&o, 0, sizeof(o));
	o.jobs = 4;
	o.stale = 7 * 86400;
	o.http.connect_timeout = 30;
	o.http.timeout = 60;
	o.http.retries = 3;
	o.http.backoff_ms = 1000;
	o.http.max_body = (size_t)32 << 20;
	o.http.user_agent = "flattor-received/" FL_VERSION;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (fl_opt_once(longopts, ch, NULL, &seen, &e) != 0)
			fl_die(FL_EXIT_USAGE, "%s", e.msg);
		switch (ch) {
		case O_CHECK:
			check = optarg;
			break;
		case O_CONF:
			if (o.min_conf < 1)
				o.min_conf = 1;
			break;
		case O_ESPLORA:
			if (strncmp(optarg, "http://", 7) != 0 &&
			    strncmp(optarg, "https://", 8) != 0)
				fl_die(FL_EXIT_USAGE,
				    "--esplora: not an http or https URL "
				    "\"%s\"",
				    optarg);
			o.http.url = optarg;
			break;
		case O_HELP:
			fputs(usage_text, stdout);
			return fl_fshut(stdout, "<stdout>") ? FL_EXIT_SYS : 0;
		case O_JOBS:
			o.jobs = (int)count("--jobs", optarg, 1, 64);
			break;
		case O_MINCONF:
			n = (size_t)count("--min-conf", optarg, 0, 1000000);
			if (n > o.min_conf)
				o.min_conf = n;
			n = 0;
			break;
		case O_NOW:
			if (fl_time_parse(optarg, &o.now, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--now: %s", e.msg);
			has_now = 1;
			break;
		case O_PERIOD:
			o.period = duration("--period", optarg, INT64_MAX / 2);
			period = optarg;
			break;
		case O_PROXY:
			o.http.proxy = optarg;
			break;
		case O_RETRIES:
			o.http.retries = (int)count("--retries", optarg, 0, 10);
			break;
		case O_STALE:
			o.stale = duration("--stale", optarg, INT64_MAX / 2);
			stale = optarg;
			has_stale = 1;
			break;
		case O_TIMEOUT:
			o.http.timeout =
			    (long)duration("--timeout", optarg, 86400);
			if (o.http.connect_timeout > o.http.timeout)
				o.http.connect_timeout = o.http.timeout;
			break;
		case O_VERSION:
			return fl_version_print();
		default:
			usage();
		}
	}
	if (fl_opt_operand(argc, argv, optind, &path, &e) != 0) {
		fl_warn_err(NULL, &e);
		usage();
	}
	if (o.http.url == NULL)
		fl_die(FL_EXIT_USAGE, "--esplora is required");
	if (check == NULL && period == NULL)
		fl_die(FL_EXIT_USAGE, "--period is required");
	if (check != NULL && (period != NULL || strcmp(path, "-") != 0))
		fl_die(FL_EXIT_USAGE,
		    "--check-ledger takes no --period and no FILE");
	if (check == NULL && has_stale)
		fl_die(FL_EXIT_USAGE, "--stale needs --check-ledger");
	if (!has_now)
		o.now = (int64_t)time(NULL);
	fl_time_format(o.now, nowbuf, sizeof(nowbuf));
	if (isatty(STDERR_FILENO)) {
		o.progress = progress;
		o.progress_arg = check != NULL ? "transactions" : "addresses";
	}

	if ((in = fl_open_in(check != NULL ? check : path, &name, &e)) == NULL)
		fl_die_err(check != NULL ? check : path, &e);
	if (check != NULL) {
		if (fl_ledger_read(in, &l, &e) != 0)
			fl_die_err(name, &e);
		if (fl_esplora_check(&o, &l, &tip, &e) != 0)
			fl_die_err(e.code == FL_EDATA ? name : NULL, &e);
		report(&l, stale);
	} else {
		if (fl_tsv_open(&r, in, &e) != 0 ||
		    fl_esplora_addresses(&r, &a, &n, &e) != 0)
			fl_die_err(name, &e);
		fl_tsv_close(&r);
		if (fl_esplora_received(&o, a, n, &l, &tip, &e) != 0)
			fl_die_err(NULL, &e);
	}
	fl_close_in(in);
	if ((out = fl_out_open()) == NULL)
		fl_die(FL_EXIT_SYS, "output buffer:");
	if (check != NULL)
		fl_tsv_put_provenance(out, "flattor-received",
		    "esplora=%s tip=%llu:%s check-ledger=%s stale=%s now=%s",
		    o.http.url, (unsigned long long)tip.height, tip.hash, check,
		    stale, nowbuf);
	else
		fl_tsv_put_provenance(out, "flattor-received",
		    "esplora=%s tip=%llu:%s period=%s now=%s min-conf=%llu",
		    o.http.url, (unsigned long long)tip.height, tip.hash,
		    period, nowbuf, (unsigned long long)o.min_conf);
	if (fl_ledger_write(out, l.row, l.n, 1, &e) != 0)
		fl_die_err(NULL, &e);
	fl_ledger_free(&l);
	free(a);
	return fl_out_commit() != 0 ? FL_EXIT_SYS : 0;
}
