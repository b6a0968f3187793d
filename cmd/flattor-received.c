/* flattor-received: addresses -> what each received this period (a ledger). */
#include "receivedstage.h"
#include "stage.h"

static const char usage_text[] =
    "usage: flattor-received --esplora URL --period DURATION [--now TIME]\n"
    "       [--confirmed-only] [--min-conf N] [--jobs N] [--proxy URL]\n"
    "       [--timeout DURATION] [--retries N] [FILE]\n"
    "       flattor-received --esplora URL --check-ledger FILE\n"
    "       [--stale DURATION] [--now TIME] [--jobs N] [--proxy URL]\n"
    "       [--timeout DURATION] [--retries N]\n";

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
	    {"check-ledger", required_argument, NULL, FL_RECV_O_CHECK},
	    {"confirmed-only", no_argument, NULL, FL_RECV_O_CONFIRMED},
	    {"esplora", required_argument, NULL, FL_RECV_O_ESPLORA},
	    {"jobs", required_argument, NULL, FL_RECV_O_JOBS},
	    {"min-conf", required_argument, NULL, FL_RECV_O_MIN_CONF},
	    {"now", required_argument, NULL, FL_RECV_O_NOW},
	    {"period", required_argument, NULL, FL_RECV_O_PERIOD},
	    {"proxy", required_argument, NULL, FL_RECV_O_PROXY},
	    {"retries", required_argument, NULL, FL_RECV_O_RETRIES},
	    {"stale", required_argument, NULL, FL_RECV_O_STALE},
	    {"timeout", required_argument, NULL, FL_RECV_O_TIMEOUT},
	    {NULL, 0, NULL, 0},
	};
	struct fl_stage st;
	struct fl_receivedstage c;
	struct fl_err e;
	const char *path;
	int ch;

	fl_stage_init(&st, "flattor-received", argv, usage_text, lo, "", NULL);
	fl_receivedstage_init(&c);
	while ((ch = fl_stage_getopt(&st, argc, argv)) != -1)
		if (fl_receivedstage_set(&c, ch, optarg, &e) != 0)
			fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	path = fl_stage_operand(&st, argc, argv);
	if (fl_receivedstage_check(&c, path, &e) != 0)
		fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	return fl_receivedstage_run(&st, &c, path);
}
