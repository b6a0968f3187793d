#include <string.h>

#include "tap.h"
#include "weighstage.h"

int
main(void)
{
	struct fl_weighstage w;
	struct fl_err e;
	char boost[] = "Exit=1.5", bad_boost[] = "Ex-it=2";
	const int *r;
	int n = 0;

	fl_weighstage_init(&w);
	check_int(w.o.by, ==, FL_WEIGH_CONSENSUS);
	check_int(w.o.min_age, ==, -1);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_AMOUNT, "0.01", &e), ==, 0);
	check_int(w.amount, ==, 1000000);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_AMOUNT, "x", &e), ==,
	    FL_EUSAGE);
	check_int(strncmp(e.msg, "--amount: ", 10), ==, 0);
	/* Flags and AS numbers are checked in one place, lib/weigh. */
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_REQUIRE_FLAG, "Guard", &e),
	    ==, 0);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_EXCLUDE_FLAG, "Bad-Exit",
		      &e),
	    ==, FL_EUSAGE);
	check_str(e.msg, "invalid flag \"Bad-Exit\"");
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_REQUIRE_FLAG, "", &e), ==,
	    FL_EUSAGE);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_AS, "AS3320", &e), ==, 0);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_EXCLUDE_AS, "as13", &e), ==,
	    0);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_AS, "ASx", &e), ==,
	    FL_EUSAGE);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_COUNTRY, "de", &e), ==, 0);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_EXCLUDE_COUNTRY, "deu", &e),
	    ==, FL_EUSAGE);
	check_str(e.msg, "invalid country \"deu\" (two letters, e.g. de)");
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_EXCLUDE_COUNTRY, "d1", &e),
	    ==, FL_EUSAGE);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_BOOST, boost, &e), ==, 0);
	/* Cut at '=': the flag and the factor's text point into it. */
	check_str(w.o.boost[0].flag, "Exit");
	check_str(w.o.boost[0].text, "1.5");
	check(w.o.boost[0].flag == boost);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_BOOST, bad_boost, &e), ==,
	    FL_EUSAGE);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_BY, "guard", &e), ==, 0);
	check_int(w.o.by, ==, FL_WEIGH_GUARD);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_BY, "speed", &e), !=, 0);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_MIN_AGE, "7d", &e), ==, 0);
	check_str(w.min_age_text, "7d");
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_MIN_AGE, "7q", &e), ==,
	    FL_EUSAGE);
	check_int(strncmp(e.msg, "--min-age: ", 11), ==, 0);
	check_int(fl_weighstage_set(&w, FL_WEIGH_O_INCLUDE_UNMEASURED, NULL,
		      &e),
	    ==, 0);
	check_int(w.o.include_unmeasured, ==, 1);
	check_uint(w.o.nrequire_flag, ==, 1);
	check_uint(w.o.nexclude_flag, ==, 0);
	check_uint(w.o.nas, ==, 1);
	check_uint(w.o.as[0], ==, 3320);
	check_uint(w.o.nexclude_as, ==, 1);
	check_uint(w.o.ncountry, ==, 1);
	check_uint(w.o.nboost, ==, 1);
	fl_weighstage_free(&w);
	check(w.o.as == NULL);
	check_uint(w.o.nas, ==, 0);
	for (r = fl_weighstage_repeatable; *r != 0; r++)
		n++;
	check_int(n, ==, 7);
	return test_done();
}
