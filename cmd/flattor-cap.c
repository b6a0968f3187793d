/* flattor-cap: payees -> payees capped per operator. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "amount.h"
#include "duration.h"
#include "timestamp.h"
#include "cap.h"
#include "diag.h"
#include "io.h"
#include "opt.h"
#include "ledger.h"
#include "tsv.h"
#include "version.h"

static const char usage_text[] =
    "usage: flattor-cap [--max-share F]\n"
    "       [--max-sat AMOUNT [--period DURATION --ledger FILE [--now TIME]]]\n"
    "       [--min-sat AMOUNT|dust] [FILE]\n";

static _Noreturn void
usage(void)
{
	fputs(usage_text, stderr);
	exit(FL_EXIT_USAGE);
}

int
main(int argc, char *argv[])
{
	enum {
		O_LEDGER = 256,
		O_MAX_SAT,
		O_MAX_SHARE,
		O_MIN_SAT,
		O_NOW,
		O_PERIOD,
		O_HELP,
		O_VERSION
	};
	static const struct option longopts[] = {
	    {"help", no_argument, NULL, O_HELP},
	    {"ledger", required_argument, NULL, O_LEDGER},
	    {"max-sat", required_argument, NULL, O_MAX_SAT},
	    {"max-share", required_argument, NULL, O_MAX_SHARE},
	    {"min-sat", required_argument, NULL, O_MIN_SAT},
	    {"now", required_argument, NULL, O_NOW},
	    {"period", required_argument, NULL, O_PERIOD},
	    {"version", no_argument, NULL, O_VERSION},
	    {NULL, 0, NULL, 0},
	};
	struct fl_cap_opts o = {0, 0, 0};
	struct fl_cap_table t;
	struct fl_cap_result res;
	struct fl_ledger l = {NULL, 0};
	struct fl_tsv_reader r;
	uint64_t seen = 0;
	struct fl_err e;
	const char *path = "-", *name, *ledger = NULL, *share_text = NULL;
	const char *period_text = NULL, *min_text = "dust";
	int64_t max_sat = 0, min_sat = 0, period = 0, now = 0;
	int has_now = 0, ch, rc;
	char prov[1024], nowbuf[32];
	FILE *in, *out;
	size_t len;

	fl_prog_set(argv);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (fl_opt_once(longopts, ch, NULL, &seen, &e) != 0)
			fl_die(FL_EXIT_USAGE, "%s", e.msg);
		switch (ch) {
		case O_HELP:
			fputs(usage_text, stdout);
			return fl_fshut(stdout, "<stdout>") ? FL_EXIT_SYS : 0;
		case O_LEDGER:
			if (optarg[0] == '\0')
				fl_die(FL_EXIT_USAGE,
				    "--ledger: empty file name");
			ledger = optarg;
			break;
		case O_MAX_SAT:
			if (fl_amount_parse(optarg, &max_sat, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--max-sat: %s", e.msg);
			o.has_max_sat = 1;
			o.max_sat = (uint64_t)max_sat;
			break;
		case O_MAX_SHARE:
			if (fl_cap_share_parse(optarg, &o.max_share, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--max-share: %s", e.msg);
			share_text = optarg;
			break;
		case O_MIN_SAT:
			if (strcmp(optarg, "dust") == 0)
				min_sat = 0;
			else if (fl_amount_parse(optarg, &min_sat, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--min-sat: %s", e.msg);
			min_text = optarg;
			break;
		case O_NOW:
			if (fl_timestamp_parse(optarg, &now, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--now: %s", e.msg);
			has_now = 1;
			break;
		case O_PERIOD:
			if (fl_duration_parse(optarg, &period, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--period: %s", e.msg);
			if (period <= 0)
				fl_die(FL_EXIT_USAGE,
				    "--period: must be above 0");
			period_text = optarg;
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
	if (ledger != NULL && period_text == NULL)
		fl_die(FL_EXIT_USAGE, "--ledger needs --period");
	if (period_text != NULL && ledger == NULL)
		fl_die(FL_EXIT_USAGE, "--period needs --ledger");
	if (ledger != NULL && !o.has_max_sat)
		fl_die(FL_EXIT_USAGE, "--ledger needs --max-sat");
	/* Both from stdin: the ledger would read as empty, and overpay. */
	if (ledger != NULL && strcmp(ledger, "-") == 0 &&
	    strcmp(path, "-") == 0)
		fl_die(FL_EXIT_USAGE,
		    "--ledger -: the input is standard input");
	if (!has_now)
		now = (int64_t)time(NULL);

	prov[0] = '\0';
	if (share_text != NULL)
		snprintf(prov, sizeof(prov), "max-share=%s ", share_text);
	if (o.has_max_sat) {
		len = strlen(prov);
		snprintf(prov + len, sizeof(prov) - len, "max-sat=%lldsat ",
		    (long long)max_sat);
	}
	if (ledger != NULL) {
		fl_timestamp_format(now, nowbuf, sizeof(nowbuf));
		len = strlen(prov);
		snprintf(prov + len, sizeof(prov) - len,
		    "period=%s ledger=%s now=%s ", period_text, ledger, nowbuf);
	}
	len = strlen(prov);
	if (min_sat > 0)
		snprintf(prov + len, sizeof(prov) - len, "min-sat=%lldsat",
		    (long long)min_sat);
	else
		snprintf(prov + len, sizeof(prov) - len, "min-sat=%s",
		    min_text);

	if ((in = fl_open_in(path, &name, &e)) == NULL)
		fl_die_err(path, &e);
	if (fl_tsv_open(&r, in, &e) != 0 ||
	    fl_cap_read(&r, (uint64_t)min_sat, &t, &e) != 0)
		fl_die_err(name, &e);
	if (ledger != NULL) {
		const char *lname;
		FILE *lf;

		if ((lf = fl_open_in(ledger, &lname, &e)) == NULL)
			fl_die_err(ledger, &e);
		if (fl_ledger_read(lf, &l, &e) != 0)
			fl_die_err(lname, &e);
		fl_close_in(lf);
		if (fl_cap_ledger_paid(t.payee, t.n, &l, now, period, &e) != 0)
			fl_die_err(NULL, &e);
	}
	if ((rc = fl_cap_apply(t.payee, t.n, &o, &res, &e)) != 0)
		fl_die_err(name, &e);
	if ((out = fl_out_open()) == NULL)
		fl_die(FL_EXIT_SYS, "output buffer:");
	fl_tsv_put_comments(out, &r);
	fl_tsv_put_provenance(out, "flattor-cap", "%s", prov);
	if (fl_cap_write(out, &t, &e) != 0)
		fl_die_err(NULL, &e);
	if (res.unspent > 0)
		fl_warn("%llu sat left unspent (%s)",
		    (unsigned long long)res.unspent,
		    res.none_left ? "min-sat" : "caps");
	fl_cap_table_free(&t);
	fl_ledger_free(&l);
	fl_tsv_close(&r);
	fl_close_in(in);
	return fl_out_commit() != 0 ? FL_EXIT_SYS : 0;
}
