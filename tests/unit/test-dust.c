#include "dust.h"
#include "tap.h"

static void
dust_ok(const char *type, uint64_t want)
{
	struct fl_err e;
	uint64_t v = 1;

	check_int(fl_dust_threshold(type, &v, &e), ==, 0);
	check_uint(v, ==, want);
}

int
main(void)
{
	struct fl_err e;
	uint64_t v = 7;

	dust_ok("p2pkh", 546);
	dust_ok("p2sh", 540);
	dust_ok("p2wpkh", 294);
	dust_ok("p2wsh", 330);
	dust_ok("p2tr", 330);
	check_int(fl_dust_threshold("P2PKH", &v, &e), ==, FL_EDATA);
	check_uint(v, ==, 0);
	check_str(e.msg, "unknown address type \"P2PKH\"");
	check_int(fl_dust_threshold("", &v, &e), ==, FL_EDATA);
	check_str(e.msg, "unknown address type \"\"");
	return test_done();
}
