#include <string.h>

#include "capstage.h"
#include "tap.h"

static void
test_set(void)
{
	struct fl_capstage c;
	struct fl_err e;

	fl_capstage_init(&c);
	check_str(c.min_text, "dust");
	check_int(c.o.has_max_sat, ==, 0);
	check_int(fl_capstage_set(&c, FL_CAP_O_MAX_SAT, "1000sat", &e), ==, 0);
	check_int(c.o.has_max_sat, ==, 1);
	check_uint(c.o.max_sat, ==, 1000);
	check_int(fl_capstage_set(&c, FL_CAP_O_MAX_SAT, "12x", &e), ==,
	    FL_EUSAGE);
	check_int(strncmp(e.msg, "--max-sat: ", 11), ==, 0);
	check_int(fl_capstage_set(&c, FL_CAP_O_MAX_SHARE, "0.4", &e), ==, 0);
	check_str(c.share_text, "0.4");
	check_int(fl_capstage_set(&c, FL_CAP_O_MAX_SHARE, "2", &e), ==,
	    FL_EUSAGE);
	check_int(strncmp(e.msg, "--max-share: ", 13), ==, 0);
	check_int(fl_capstage_set(&c, FL_CAP_O_MIN_SAT, "600sat", &e), ==, 0);
	check_int(c.min_sat, ==, 600);
	check_int(fl_capstage_set(&c, FL_CAP_O_MIN_SAT, "dust", &e), ==, 0);
	check_int(c.min_sat, ==, 0);
	check_str(c.min_text, "dust");
	check_int(fl_capstage_set(&c, FL_CAP_O_PERIOD, "0d", &e), ==,
	    FL_EUSAGE);
	check_str(e.msg, "--period: must be above 0");
	check_int(fl_capstage_set(&c, FL_CAP_O_PERIOD, "30d", &e), ==, 0);
	check_int(c.period, ==, 30 * 86400);
	check_int(fl_capstage_set(&c, FL_CAP_O_NOW, "2026-11-26 12:00:00", &e),
	    ==, FL_EUSAGE);
	check_int(strncmp(e.msg, "--now: ", 7), ==, 0);
	check_int(fl_capstage_set(&c, FL_CAP_O_NOW, "2026-11-26T12:00:00Z", &e),
	    ==, 0);
	check_int(c.has_now, ==, 1);
	check_int(fl_capstage_set(&c, FL_CAP_O_LEDGER, "", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--ledger: empty file name");
	check_int(fl_capstage_set(&c, 'x', "", &e), ==, FL_EUSAGE);
}

static void
test_check(void)
{
	struct fl_capstage c;
	struct fl_err e;
	int64_t now;

	fl_capstage_init(&c);
	check_int(fl_capstage_check(&c, "-", &e), ==, 0);
	check_int(c.now, >, 0); /* the clock when --now is not given */
	c.ledger[0] = "l.tsv";
	c.nledger = 1;
	check_int(fl_capstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--ledger needs --period");
	c.period_text = "30d";
	check_int(fl_capstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--ledger needs --max-sat");
	c.o.has_max_sat = 1;
	check_int(fl_capstage_check(&c, "-", &e), ==, 0);
	c.ledger[0] = "-";
	check_int(fl_capstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--ledger -: the input is standard input");
	check_int(fl_capstage_check(&c, "in.tsv", &e), ==, 0);
	c.ledger[1] = "-";
	c.nledger = 2;
	check_int(fl_capstage_check(&c, "in.tsv", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--ledger - given twice");
	c.nledger = 0;
	check_int(fl_capstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--period needs --ledger");
	/* A given --now is kept. */
	fl_capstage_init(&c);
	fl_capstage_set(&c, FL_CAP_O_NOW, "2026-11-26T12:00:00Z", &e);
	now = c.now;
	check_int(fl_capstage_check(&c, "-", &e), ==, 0);
	check_int(c.now, ==, now);
}

int
main(void)
{
	test_set();
	test_check();
	return test_done();
}
