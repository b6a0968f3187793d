/* flattor-tx: payees -> transactions (PSBTs, signed hex, or wallet input). */
#include "stage.h"
#include "txstage.h"

static const char usage_text[] =
    "usage: flattor-tx --utxos FILE --change ADDRESS --feerate SAT/VB\n"
    "       [--allow-low-feerate] [--network NET] [--key FILE]\n"
    "       [--fee-from-payouts] [--max-fee AMOUNT] [--ledger FILE]\n"
    "       [--now TIME] [FILE]\n"
    "       flattor-tx --format sendmany|csv [--network NET] [FILE]\n";

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
	    {"allow-low-feerate", no_argument, NULL, FL_TX_O_ALLOW_LOW_FEERATE},
	    {"change", required_argument, NULL, FL_TX_O_CHANGE},
	    {"fee-from-payouts", no_argument, NULL, FL_TX_O_FEE_FROM_PAYOUTS},
	    {"feerate", required_argument, NULL, FL_TX_O_FEERATE},
	    {"format", required_argument, NULL, FL_TX_O_FORMAT},
	    {"key", required_argument, NULL, FL_TX_O_KEY},
	    {"ledger", required_argument, NULL, FL_TX_O_LEDGER},
	    {"max-fee", required_argument, NULL, FL_TX_O_MAX_FEE},
	    {"network", required_argument, NULL, FL_TX_O_NETWORK},
	    {"now", required_argument, NULL, FL_TX_O_NOW},
	    {"utxos", required_argument, NULL, FL_TX_O_UTXOS},
	    {NULL, 0, NULL, 0},
	};
	static struct fl_txstage r;
	struct fl_stage st;
	struct fl_err e;
	int ch;

	fl_stage_init(&st, "flattor-tx", argv, usage_text, lo, "", NULL);
	fl_txstage_init(&r);
	while ((ch = fl_stage_getopt(&st, argc, argv)) != -1)
		if (fl_txstage_set(&r, ch, optarg, &e) != 0)
			fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	r.payees_path = fl_stage_operand(&st, argc, argv);
	if (fl_txstage_check(&r, &e) != 0)
		fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	return fl_txstage_run(&st, &r);
}
