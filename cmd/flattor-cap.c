/* flattor-cap: payees -> payees capped per operator. */
#include "capstage.h"
#include "stage.h"

static const char usage_text[] =
    "usage: flattor-cap [--max-share F]\n"
    "       [--max-sat AMOUNT [--period DURATION --ledger FILE ...\n"
    "       [--now TIME]]]\n"
    "       [--min-sat AMOUNT|dust] [FILE]\n";

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
	    {"ledger", required_argument, NULL, FL_CAP_O_LEDGER},
	    {"max-sat", required_argument, NULL, FL_CAP_O_MAX_SAT},
	    {"max-share", required_argument, NULL, FL_CAP_O_MAX_SHARE},
	    {"min-sat", required_argument, NULL, FL_CAP_O_MIN_SAT},
	    {"now", required_argument, NULL, FL_CAP_O_NOW},
	    {"period", required_argument, NULL, FL_CAP_O_PERIOD},
	    {NULL, 0, NULL, 0},
	};
	struct fl_stage st;
	struct fl_capstage c;
	struct fl_err e;
	const char *path;
	int ch;

	fl_stage_init(&st, "flattor-cap", argv, usage_text, lo, "",
	    fl_capstage_repeatable);
	fl_capstage_init(&c);
	while ((ch = fl_stage_getopt(&st, argc, argv)) != -1)
		if (fl_capstage_set(&c, ch, optarg, &e) != 0)
			fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	path = fl_stage_operand(&st, argc, argv);
	if (fl_capstage_check(&c, path, &e) != 0)
		fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	return fl_capstage_run(&st, &c, path);
}
