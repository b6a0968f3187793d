/* flattor-report: payees (and relays, transactions) -> an HTML page. */
#include "reportstage.h"
#include "stage.h"

static const char usage_text[] =
    "usage: flattor-report [--relays FILE] [--tx FILE [--utxos FILE]]\n"
    "       [--network NET] [--format html|svg] [--top N] [FILE]\n";

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
	    {"format", required_argument, NULL, FL_REPORT_O_FORMAT},
	    {"network", required_argument, NULL, FL_REPORT_O_NETWORK},
	    {"relays", required_argument, NULL, FL_REPORT_O_RELAYS},
	    {"top", required_argument, NULL, FL_REPORT_O_TOP},
	    {"tx", required_argument, NULL, FL_REPORT_O_TX},
	    {"utxos", required_argument, NULL, FL_REPORT_O_UTXOS},
	    {NULL, 0, NULL, 0},
	};
	struct fl_stage st;
	struct fl_reportstage c;
	struct fl_err e;
	const char *path;
	int ch;

	fl_stage_init(&st, "flattor-report", argv, usage_text, lo, "", NULL);
	fl_reportstage_init(&c);
	while ((ch = fl_stage_getopt(&st, argc, argv)) != -1)
		if (fl_reportstage_set(&c, ch, optarg, &e) != 0)
			fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	path = fl_stage_operand(&st, argc, argv);
	if (fl_reportstage_check(&c, path, &e) != 0)
		fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	return fl_reportstage_run(&st, &c, path);
}
