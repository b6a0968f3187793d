/*
 * flattor-fetch: relay data from Onionoo (or an Onionoo details document in
 * a file) to the relays table of man/flattor.7.
 */
#include "fetchstage.h"
#include "stage.h"

static const char usage_text[] =
    "usage: flattor-fetch [--url BASE] [--cache FILE] [--proxy URL]\n"
    "                     [--timeout DURATION] [--retries N] "
    "[--max-size BYTES]\n"
    "       flattor-fetch -f FILE\n";

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
	    {"cache", required_argument, NULL, FL_FETCH_O_CACHE},
	    {"file", required_argument, NULL, FL_FETCH_O_FILE},
	    {"max-size", required_argument, NULL, FL_FETCH_O_MAX_SIZE},
	    {"proxy", required_argument, NULL, FL_FETCH_O_PROXY},
	    {"retries", required_argument, NULL, FL_FETCH_O_RETRIES},
	    {"timeout", required_argument, NULL, FL_FETCH_O_TIMEOUT},
	    {"url", required_argument, NULL, FL_FETCH_O_URL},
	    {NULL, 0, NULL, 0},
	};
	struct fl_stage st;
	struct fl_fetchstage f;
	struct fl_err e;
	int ch;

	fl_stage_init(&st, "flattor-fetch", argv, usage_text, lo, "f:", NULL);
	fl_fetchstage_init(&f);
	while ((ch = fl_stage_getopt(&st, argc, argv)) != -1)
		if (fl_fetchstage_set(&f, ch, optarg, &e) != 0)
			fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	if (optind != argc) {
		fl_warn("unexpected operand \"%s\" (use -f FILE)",
		    argv[optind]);
		fl_stage_usage(&st);
	}
	if (fl_fetchstage_check(&f, &e) != 0)
		fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	return fl_fetchstage_run(&st, &f);
}
