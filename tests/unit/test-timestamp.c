#include "timestamp.h"
#include "tap.h"

static void
test_timestamp(void)
{
	struct fl_err e;
	int64_t t;
	char buf[32];

	check_int(fl_timestamp_parse("1970-01-01T00:00:00Z", &t, &e), ==, 0);
	check_int(t, ==, 0);
	check_int(fl_timestamp_parse("2026-11-26T12:00:00Z", &t, &e), ==, 0);
	check_int(t, ==, 1795694400);
	fl_timestamp_format(t, buf, sizeof(buf));
	check_str(buf, "2026-11-26T12:00:00Z");
	check_int(fl_timestamp_parse("2024-02-29T23:59:59Z", &t, &e), ==, 0);
	fl_timestamp_format(t, buf, sizeof(buf));
	check_str(buf, "2024-02-29T23:59:59Z");
	check_int(fl_timestamp_parse("2023-02-29T00:00:00Z", &t, &e), ==,
	    FL_EDATA);
	check_str(e.msg,
	    "invalid time \"2023-02-29T00:00:00Z\" (ISO 8601 "
	    "UTC, e.g. 2026-11-26T12:00:00Z)");
	check_int(fl_timestamp_parse("2100-02-29T00:00:00Z", &t, &e), ==,
	    FL_EDATA);
	check_int(fl_timestamp_parse("2000-02-29T00:00:00Z", &t, &e), ==, 0);
	check_int(fl_timestamp_parse("2026-11-26T12:00:00", &t, &e), ==,
	    FL_EDATA);
	check_int(fl_timestamp_parse("2026-11-26 12:00:00Z", &t, &e), ==,
	    FL_EDATA);
	check_int(fl_timestamp_parse("2026-13-26T12:00:00Z", &t, &e), ==,
	    FL_EDATA);
	check_int(fl_timestamp_parse("2026-11-31T12:00:00Z", &t, &e), ==,
	    FL_EDATA);
	check_int(fl_timestamp_parse("2026-11-26T24:00:00Z", &t, &e), ==,
	    FL_EDATA);
	check_int(fl_timestamp_parse("2026-11-26T12:60:00Z", &t, &e), ==,
	    FL_EDATA);
	check_int(fl_timestamp_parse("2026-11-26T12:00:60Z", &t, &e), ==,
	    FL_EDATA);
	check_int(fl_timestamp_parse("1969-12-31T23:59:59Z", &t, &e), ==,
	    FL_EDATA);
	check_int(fl_timestamp_parse("2026-1x-26T12:00:00Z", &t, &e), ==,
	    FL_EDATA);
	check_int(fl_timestamp_parse("", &t, &e), ==, FL_EDATA);
	check_int(fl_timestamp_parse_space("2026-09-04 03:00:00", &t, &e), ==,
	    0);
	fl_timestamp_format(t, buf, sizeof(buf));
	check_str(buf, "2026-09-04T03:00:00Z");
	check_int(fl_timestamp_parse_space("2026-09-04T03:00:00", &t, &e), ==,
	    FL_EDATA);
	check_str(e.msg,
	    "invalid time \"2026-09-04T03:00:00\" (YYYY-MM-DD "
	    "HH:MM:SS)");
}

int
main(void)
{
	test_timestamp();
	return test_done();
}
