/* flattor-addrs: relays -> relays with a payee address. */
#include "addrsstage.h"
#include "stage.h"

static const char usage_text[] =
    "usage: flattor-addrs [--network NET] [--keep] [--rejects FILE]\n"
    "                     [--allow-future-witness] [FILE]\n";

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
	    {"allow-future-witness", no_argument, NULL,
		FL_ADDRS_O_ALLOW_FUTURE},
	    {"keep", no_argument, NULL, FL_ADDRS_O_KEEP},
	    {"network", required_argument, NULL, FL_ADDRS_O_NETWORK},
	    {"rejects", required_argument, NULL, FL_ADDRS_O_REJECTS},
	    {NULL, 0, NULL, 0},
	};
	struct fl_stage st;
	struct fl_addrsstage a;
	struct fl_err e;
	const char *path;
	int ch;

	fl_stage_init(&st, "flattor-addrs", argv, usage_text, lo, "", NULL);
	fl_addrsstage_init(&a);
	while ((ch = fl_stage_getopt(&st, argc, argv)) != -1)
		if (fl_addrsstage_set(&a, ch, optarg, &e) != 0)
			fl_stage_die(&st, FL_EXIT_USAGE, "%s", e.msg);
	path = fl_stage_operand(&st, argc, argv);
	return fl_addrsstage_run(&st, &a, path);
}
