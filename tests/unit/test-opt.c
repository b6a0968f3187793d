#include <string.h>

#include "opt.h"
#include "tap.h"

enum { O_AMOUNT = 256, O_AS, O_HELP };

static const struct option lo[] = {
    {"file", required_argument, NULL, 'f'},
    {"amount", required_argument, NULL, O_AMOUNT},
    {"as", required_argument, NULL, O_AS},
    {"keep", no_argument, NULL, 'k'},
    {"help", no_argument, NULL, O_HELP},
    {NULL, 0, NULL, 0},
};

int
main(void)
{
	static const int rep[] = {O_AS, 0};
	struct fl_err e;
	uint64_t seen = 0;

	fl_err_clear(&e);
	check_int(fl_opt_once(lo, O_AMOUNT, rep, &seen, &e), ==, 0);
	check_int(fl_opt_once(lo, O_AMOUNT, rep, &seen, &e), ==, FL_EUSAGE);
	check_str(e.msg, "--amount given twice");
	/* The short option of an entry counts as that entry. */
	check_int(fl_opt_once(lo, 'f', rep, &seen, &e), ==, 0);
	check_int(fl_opt_once(lo, 'f', rep, &seen, &e), ==, FL_EUSAGE);
	check_str(e.msg, "--file given twice");
	/* Repeatable options, flags, and what is not in the table. */
	check_int(fl_opt_once(lo, O_AS, rep, &seen, &e), ==, 0);
	check_int(fl_opt_once(lo, O_AS, rep, &seen, &e), ==, 0);
	check_int(fl_opt_once(lo, 'k', NULL, &seen, &e), ==, 0);
	check_int(fl_opt_once(lo, 'k', NULL, &seen, &e), ==, 0);
	check_int(fl_opt_once(lo, '?', NULL, &seen, &e), ==, 0);
	check_int(fl_opt_once(lo, O_AS, NULL, &seen, &e), ==, 0);
	check_int(fl_opt_once(lo, O_AS, NULL, &seen, &e), ==, FL_EUSAGE);
	check_str(e.msg, "--as given twice");
	return test_done();
}
