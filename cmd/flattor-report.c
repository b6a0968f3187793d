/* flattor-report: payees (and relays, transactions) -> an HTML page. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "diag.h"
#include "io.h"
#include "opt.h"
#include "report.h"
#include "tsv.h"
#include "version.h"

static const char usage_text[] =
    "usage: flattor-report [--relays FILE] [--tx FILE [--utxos FILE]]\n"
    "       [--network NET] [--format html|svg] [--top N] [FILE]\n";

static _Noreturn void
usage(void)
{
	fputs(usage_text, stderr);
	exit(FL_EXIT_USAGE);
}

/* Opens path and reads it as a table with the header read. */
static FILE *
open_table(const char *path, struct fl_tsv_reader *r, const char **name)
{
	struct fl_err e;
	FILE *fp;

	if ((fp = fl_open_in(path, name, &e)) == NULL)
		fl_die_err(path, &e);
	if (fl_tsv_open(r, fp, &e) != 0)
		fl_die_err(*name, &e);
	return fp;
}

int
main(int argc, char *argv[])
{
	enum {
		O_FORMAT = 256,
		O_HELP,
		O_NETWORK,
		O_RELAYS,
		O_TOP,
		O_TX,
		O_UTXOS,
		O_VERSION
	};
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, O_FORMAT},
	    {"help", no_argument, NULL, O_HELP},
	    {"network", required_argument, NULL, O_NETWORK},
	    {"relays", required_argument, NULL, O_RELAYS},
	    {"top", required_argument, NULL, O_TOP},
	    {"tx", required_argument, NULL, O_TX},
	    {"utxos", required_argument, NULL, O_UTXOS},
	    {"version", no_argument, NULL, O_VERSION},
	    {NULL, 0, NULL, 0},
	};
	struct fl_report_opts o = {FL_REPORT_TOP, "flattor-report", FL_VERSION};
	struct fl_report_table t;
	struct fl_report_net net, *np = NULL;
	struct fl_report_txs txs, *xp = NULL;
	struct fl_utxos coins = {NULL, 0, 0};
	enum fl_network network = FL_NET_MAIN;
	struct fl_tsv_reader r;
	struct fl_err e;
	const char *path = "-", *name, *relays = NULL, *txpath = NULL;
	const char *utxos = NULL;
	uint64_t seen = 0, top;
	int svg = 0, ch, n_stdin;
	FILE *in, *out;

	fl_prog_set(argv);
	while ((ch = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		if (fl_opt_once(longopts, ch, NULL, &seen, &e) != 0)
			fl_die(FL_EXIT_USAGE, "%s", e.msg);
		switch (ch) {
		case O_FORMAT:
			if (strcmp(optarg, "html") == 0 ||
			    strcmp(optarg, "svg") == 0)
				svg = optarg[0] == 's';
			else
				fl_die(FL_EXIT_USAGE,
				    "--format: invalid format \"%s\" (html or "
				    "svg)",
				    optarg);
			break;
		case 'h':
		case O_HELP:
			fputs(usage_text, stdout);
			return fl_fshut(stdout, "<stdout>") ? FL_EXIT_SYS : 0;
		case O_NETWORK:
			if (fl_network_parse(optarg, &network) != 0)
				fl_die(FL_EXIT_USAGE,
				    "--network: invalid network \"%s\" (main, "
				    "test, signet or regtest)",
				    optarg);
			break;
		case O_RELAYS:
		case O_TX:
		case O_UTXOS:
			if (optarg[0] == '\0')
				fl_die(FL_EXIT_USAGE, "--%s: empty file name",
				    ch == O_RELAYS   ? "relays"
					: ch == O_TX ? "tx"
						     : "utxos");
			*(ch == O_RELAYS     ? &relays
				: ch == O_TX ? &txpath
					     : &utxos) = optarg;
			break;
		case O_TOP:
			if (fl_u64_parse(optarg, &top, &e) != 0 ||
			    top > 1000000)
				fl_die(FL_EXIT_USAGE,
				    "--top: invalid count \"%s\" (0 to "
				    "1000000)",
				    optarg);
			o.top = (size_t)top;
			break;
		case 'V':
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
	if (utxos != NULL && txpath == NULL)
		fl_die(FL_EXIT_USAGE, "--utxos needs --tx");
	if (svg && (relays != NULL || txpath != NULL))
		fl_die(FL_EXIT_USAGE,
		    "--format svg: the chart takes only the "
		    "payees");
	n_stdin = (strcmp(path, "-") == 0) +
	    (relays != NULL && strcmp(relays, "-") == 0) +
	    (txpath != NULL && strcmp(txpath, "-") == 0) +
	    (utxos != NULL && strcmp(utxos, "-") == 0);
	if (n_stdin > 1)
		fl_die(FL_EXIT_USAGE, "only one input may be standard input");

	in = open_table(path, &r, &name);
	if (fl_report_read(&r, &t, &e) != 0)
		fl_die_err(name, &e);
	fl_tsv_close(&r);
	fl_close_in(in);
	if (relays != NULL) {
		in = open_table(relays, &r, &name);
		if (fl_report_net_read(&r, network, &t, &net, &e) != 0)
			fl_die_err(name, &e);
		fl_tsv_close(&r);
		fl_close_in(in);
		np = &net;
	}
	if (utxos != NULL) {
		if ((in = fl_open_in(utxos, &name, &e)) == NULL)
			fl_die_err(utxos, &e);
		if (fl_utxos_read(in, network, &coins, &e) != 0)
			fl_die_err(name, &e);
		fl_close_in(in);
	}
	if (txpath != NULL) {
		char *text;
		size_t len;

		if ((in = fl_open_in(txpath, &name, &e)) == NULL)
			fl_die_err(txpath, &e);
		if (fl_read_all(in, (size_t)64 << 20, &text, &len, &e) != 0)
			fl_die_err(name, &e);
		fl_close_in(in);
		if (fl_report_tx_read(text, len, network, &coins, &t, &txs,
			&e) != 0)
			fl_die_err(name, &e);
		free(text);
		xp = &txs;
	}
	if ((out = fl_out_open()) == NULL)
		fl_die(FL_EXIT_SYS, "output buffer:");
	if ((svg ? fl_report_svg(out, &t, &o, &e)
		 : fl_report_html(out, &t, np, xp, &o, &e)) != 0)
		fl_die_err(NULL, &e);
	if (np != NULL)
		fl_report_net_free(np);
	if (xp != NULL)
		fl_report_txs_free(xp);
	fl_utxos_free(&coins);
	fl_report_table_free(&t);
	return fl_out_commit() != 0 ? FL_EXIT_SYS : 0;
}
