/* flattor-tx: payees -> transactions (PSBTs, signed hex, or wallet input). */
#include <getopt.h>

#include "diag.h"
#include "outbuf.h"
#include "opt.h"
#include "txstage.h"
#include "version.h"
#include "wallet.h"

static const char usage_text[] =
    "usage: flattor-tx --utxos FILE --change ADDRESS --feerate SAT/VB\n"
    "       [--network NET] [--key FILE] [--fee-from-payouts]\n"
    "       [--max-fee AMOUNT] [--ledger FILE] [--now TIME] [FILE]\n"
    "       flattor-tx --format sendmany|csv [--network NET] [FILE]\n";

static struct fl_txstage r;

static _Noreturn void
die_err(const char *file, const struct fl_err *e)
{
	fl_outbuf_discard();
	fl_txstage_free(&r);
	fl_die_err(file, e);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
	    {"change", required_argument, NULL, FL_TX_O_CHANGE},
	    {"fee-from-payouts", no_argument, NULL, FL_TX_O_FEE_FROM_PAYOUTS},
	    {"feerate", required_argument, NULL, FL_TX_O_FEERATE},
	    {"format", required_argument, NULL, FL_TX_O_FORMAT},
	    {"help", no_argument, NULL, 'h'},
	    {"key", required_argument, NULL, FL_TX_O_KEY},
	    {"ledger", required_argument, NULL, FL_TX_O_LEDGER},
	    {"max-fee", required_argument, NULL, FL_TX_O_MAX_FEE},
	    {"network", required_argument, NULL, FL_TX_O_NETWORK},
	    {"now", required_argument, NULL, FL_TX_O_NOW},
	    {"utxos", required_argument, NULL, FL_TX_O_UTXOS},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	char note[FL_TXSTAGE_NOTE_MAX];
	const char *file;
	uint64_t seen = 0;
	struct fl_err e;
	FILE *out;
	size_t i;
	int ch;

	fl_prog_set(argv);
	fl_txstage_init(&r);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (fl_opt_once(longopts, ch, NULL, &seen, &e) != 0)
			fl_die(FL_EXIT_USAGE, "%s", e.msg);
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			return fl_fshut(stdout, "<stdout>") ? FL_EXIT_SYS : 0;
		case 'V':
			return fl_version_print();
		case '?':
			goto usage;
		}
		if (fl_txstage_set(&r, ch, optarg, &e) != 0)
			fl_die_err(NULL, &e);
	}
	if (fl_opt_operand(argc, argv, optind, &r.payees_path, &e) != 0) {
		fl_warn_err(NULL, &e);
		goto usage;
	}
	if (fl_txstage_check(&r, &e) != 0)
		fl_die_err(NULL, &e);
	if ((out = fl_outbuf_open()) == NULL)
		fl_die(FL_EXIT_SYS, "out of memory");
	if (fl_txstage_payees(&r, &file, &e) != 0)
		die_err(file, &e);
	if (r.wallet)
		fl_wallet_write(out, r.format, r.x.payees, r.x.np);
	else if (fl_txstage_plan(&r, &file, &e) != 0)
		die_err(file, &e);
	for (i = 0; i < r.plan.ntx; i++) {
		if (fl_txstage_tx(&r, i, out, note, sizeof note, &e) != 0)
			die_err(NULL, &e);
		fl_warn("%s", note);
	}
	if (fl_txstage_ledger(&r, &e) != 0)
		die_err(r.ledger, &e);
	fl_txstage_free(&r);
	return fl_outbuf_commit() ? FL_EXIT_SYS : 0;
usage:
	fputs(usage_text, stderr);
	return FL_EXIT_USAGE;
}
