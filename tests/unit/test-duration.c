#include "duration.h"
#include "tap.h"

static void
test_duration(void)
{
	struct fl_err e;
	int64_t v;

	check_int(fl_duration_parse("30d", &v, &e), ==, 0);
	check_int(v, ==, 30 * 86400);
	check_int(fl_duration_parse("2w", &v, &e), ==, 0);
	check_int(v, ==, 2 * 604800);
	check_int(fl_duration_parse("90s", &v, &e), ==, 0);
	check_int(v, ==, 90);
	check_int(fl_duration_parse("5m", &v, &e), ==, 0);
	check_int(v, ==, 300);
	check_int(fl_duration_parse("12h", &v, &e), ==, 0);
	check_int(v, ==, 43200);
	check_int(fl_duration_parse("30", &v, &e), ==, FL_EDATA);
	check_str(e.msg,
	    "invalid duration \"30\" (an integer with s, m, h, d "
	    "or w, e.g. 30d)");
	check_int(fl_duration_parse("d", &v, &e), ==, FL_EDATA);
	check_int(fl_duration_parse("1.5d", &v, &e), ==, FL_EDATA);
	check_int(fl_duration_parse("-1d", &v, &e), ==, FL_EDATA);
	check_int(fl_duration_parse("3y", &v, &e), ==, FL_EDATA);
	check_int(fl_duration_parse("99999999999w", &v, &e), ==, FL_EDATA);
	check_str(e.msg, "invalid duration \"99999999999w\": too long");
}

int
main(void)
{
	test_duration();
	return test_done();
}
