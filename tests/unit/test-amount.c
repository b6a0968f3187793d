#include "amount.h"
#include "tap.h"

static void
amount_ok(const char *s, int64_t want)
{
	struct fl_err e;
	int64_t v = -1;

	check_int(fl_amount_parse(s, &v, &e), ==, 0);
	check_int(v, ==, want);
}

static void
amount_bad(const char *s, const char *msg)
{
	struct fl_err e;
	int64_t v = 7;

	check_int(fl_amount_parse(s, &v, &e), ==, FL_EDATA);
	check_int(v, ==, 0);
	check_str(e.msg, msg);
}

static void
test_amount(void)
{
	char buf[32];

	amount_ok("0.01btc", 1000000);
	amount_ok("0.01BTC", 1000000);
	amount_ok("0.01", 1000000);
	amount_ok("1000000sat", 1000000);
	amount_ok("1000000sats", 1000000);
	amount_ok("1SAT", 1);
	amount_ok("0.00000001", 1);
	amount_ok(".5btc", 50000000);
	amount_ok("21000000", 2100000000000000);
	amount_ok("2100000000000000sat", 2100000000000000);
	amount_ok("1.", 100000000);
	amount_bad("0.000000001",
	    "invalid amount \"0.000000001\": more than "
	    "8 decimals");
	amount_bad("1.5sat",
	    "invalid amount \"1.5sat\": satoshis take no "
	    "decimals");
	amount_bad("1.sat",
	    "invalid amount \"1.sat\": satoshis take no "
	    "decimals");
	amount_bad("0", "invalid amount \"0\": must be more than zero");
	amount_bad("0sat", "invalid amount \"0sat\": must be more than zero");
	amount_bad("21000000.00000001",
	    "invalid amount \"21000000.00000001\": "
	    "more than 21000000 BTC");
	amount_bad("99999999999999999999999sat",
	    "invalid amount "
	    "\"99999999999999999999999sat\": more than 21000000 BTC");
	amount_bad("", "invalid amount \"\" (e.g. 0.01btc or 1000000sat)");
	amount_bad("btc",
	    "invalid amount \"btc\" (e.g. 0.01btc or "
	    "1000000sat)");
	amount_bad("-1", "invalid amount \"-1\" (e.g. 0.01btc or 1000000sat)");
	amount_bad("+1", "invalid amount \"+1\" (e.g. 0.01btc or 1000000sat)");
	amount_bad("1e3",
	    "invalid amount \"1e3\" (e.g. 0.01btc or "
	    "1000000sat)");
	amount_bad(" 1", "invalid amount \" 1\" (e.g. 0.01btc or 1000000sat)");
	amount_bad("1 btc",
	    "invalid amount \"1 btc\" (e.g. 0.01btc or "
	    "1000000sat)");
	amount_bad("1mbtc",
	    "invalid amount \"1mbtc\" (e.g. 0.01btc or "
	    "1000000sat)");
	amount_bad("1.2.3",
	    "invalid amount \"1.2.3\" (e.g. 0.01btc or "
	    "1000000sat)");

	fl_amount_format_btc(1000000, buf, sizeof(buf));
	check_str(buf, "0.01000000");
	fl_amount_format_btc(2100000000000000, buf, sizeof(buf));
	check_str(buf, "21000000.00000000");
	fl_amount_format_btc(-1, buf, sizeof(buf));
	check_str(buf, "-0.00000001");
	fl_amount_format_btc(0, buf, sizeof(buf));
	check_str(buf, "0.00000000");
}

int
main(void)
{
	test_amount();
	return test_done();
}
