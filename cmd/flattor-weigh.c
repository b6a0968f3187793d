/* flattor-weigh: relays with addresses -> one row per payee address. */
#include "stage.h"
#include "weighstage.h"

static const char usage_text[] =
    "usage: flattor-weigh --amount AMOUNT\n"
    "       [--by consensus|guard|middle|exit|advertised]\n"
    "       [--include-unmeasured] [--require-flag FLAG] "
    "[--exclude-flag FLAG]\n"
    "       [--min-age DURATION] [--country CC] [--exclude-country CC]\n"
    "       [--as ASN] [--exclude-as ASN] [--boost FLAG=FACTOR] [FILE]\n";

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
	    {"amount", required_argument, NULL, FL_WEIGH_O_AMOUNT},
	    {"as", required_argument, NULL, FL_WEIGH_O_AS},
	    {"boost", required_argument, NULL, FL_WEIGH_O_BOOST},
	    {"by", required_argument, NULL, FL_WEIGH_O_BY},
	    {"country", required_argument, NULL, FL_WEIGH_O_COUNTRY},
	    {"exclude-as", required_argument, NULL, FL_WEIGH_O_EXCLUDE_AS},
	    {"exclude-country", required_argument, NULL,
		FL_WEIGH_O_EXCLUDE_COUNTRY},
	    {"exclude-flag", required_argument, NULL, FL_WEIGH_O_EXCLUDE_FLAG},
	    {"include-unmeasured", no_argument, NULL,
		FL_WEIGH_O_INCLUDE_UNMEASURED},
	    {"min-age", required_argument, NULL, FL_WEIGH_O_MIN_AGE},
	    {"require-flag", required_argument, NULL, FL_WEIGH_O_REQUIRE_FLAG},
	    {NULL, 0, NULL, 0},
	};
	struct fl_stage st;
	struct fl_weighstage w;
	struct fl_err e;
	const char *path;
	int ch;

	fl_stage_init(&st, "flattor-weigh", argv, usage_text, lo, "",
	    fl_weighstage_repeatable);
	fl_weighstage_init(&w);
	while ((ch = fl_stage_getopt(&st, argc, argv)) != -1)
		if (fl_weighstage_set(&w, ch, optarg, &e) != 0) {
			fl_weighstage_free(&w);
			fl_stage_die(&st,
			    e.code == FL_ENOMEM ? FL_EXIT_SYS : FL_EXIT_USAGE,
			    "%s", e.msg);
		}
	path = fl_stage_operand(&st, argc, argv);
	fl_stage_require(&st, w.amount != 0, "--amount");
	return fl_weighstage_run(&st, &w, path);
}
