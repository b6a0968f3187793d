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

static void
dec_ok(const char *s, unsigned scale, int round, uint64_t want)
{
	struct fl_err e;
	uint64_t v = 99;

	check_int(fl_decimal_parse(s, scale, round, &v, &e), ==, 0);
	check_uint(v, ==, want);
}

static void
dec_bad(const char *s, unsigned scale, int round, const char *msg)
{
	struct fl_err e;
	uint64_t v = 99;

	check_int(fl_decimal_parse(s, scale, round, &v, &e), ==, FL_EDATA);
	check_uint(v, ==, 0);
	check_str(e.msg, msg);
}

static void
test_decimal(void)
{
	char buf[64];

	dec_ok("1.5", 3, 0, 1500);
	dec_ok("0.05", 12, 0, 50000000000);
	dec_ok("2.5e-05", 12, 0, 25000000);
	dec_ok("2.5E-05", 12, 0, 25000000);
	dec_ok("1.2345678901234e-3", 12, 1, 1234567890);
	dec_ok("1.2345678905e-3", 12, 1, 1234567891);
	dec_ok("4.9e-13", 12, 1, 0);
	dec_ok("5e-13", 12, 1, 1);
	dec_ok("7E3", 0, 0, 7000);
	dec_ok("7e+3", 2, 0, 700000);
	dec_ok("0", 12, 0, 0);
	dec_ok("0e999", 12, 0, 0);
	dec_ok("1", 12, 0, 1000000000000);
	dec_ok("18446744073709551615", 0, 0, UINT64_MAX);
	dec_ok("0.999999999999999", 12, 1, 1000000000000);
	dec_bad("18446744073709551616", 0, 0,
	    "number out of range \"18446744073709551616\"");
	dec_bad("1e300", 0, 0, "number out of range \"1e300\"");
	dec_bad("1.0001", 3, 0,
	    "invalid number \"1.0001\": more than 3 "
	    "decimals");
	dec_bad("-1", 3, 0, "invalid number \"-1\"");
	dec_bad("", 3, 0, "invalid number \"\"");
	dec_bad(".", 3, 0, "invalid number \".\"");
	dec_bad("1e", 3, 0, "invalid number \"1e\"");
	dec_bad("1e+", 3, 0, "invalid number \"1e+\"");
	dec_bad("1x", 3, 0, "invalid number \"1x\"");
	dec_bad("1e5x", 3, 0, "invalid number \"1e5x\"");
	dec_bad("1e9999999", 3, 0, "invalid number \"1e9999999\"");

	fl_decimal_format(1500, 3, buf, sizeof(buf));
	check_str(buf, "1.5");
	fl_decimal_format(2000, 3, buf, sizeof(buf));
	check_str(buf, "2");
	fl_decimal_format(50000000000, 12, buf, sizeof(buf));
	check_str(buf, "0.05");
	fl_decimal_format(1, 12, buf, sizeof(buf));
	check_str(buf, "0.000000000001");
	fl_decimal_format(42, 0, buf, sizeof(buf));
	check_str(buf, "42");
}

static void
test_u64(void)
{
	struct fl_err e;
	uint64_t v;

	check_int(fl_u64_parse("0", &v, &e), ==, 0);
	check_uint(v, ==, 0);
	check_int(fl_u64_parse("18446744073709551615", &v, &e), ==, 0);
	check_uint(v, ==, UINT64_MAX);
	check_int(fl_u64_parse("18446744073709551616", &v, &e), ==, FL_EDATA);
	check_str(e.msg, "integer out of range \"18446744073709551616\"");
	check_int(fl_u64_parse("", &v, &e), ==, FL_EDATA);
	check_str(e.msg, "invalid integer \"\"");
	check_int(fl_u64_parse("12x", &v, &e), ==, FL_EDATA);
	check_str(e.msg, "invalid integer \"12x\"");
	check_int(fl_u64_parse("-1", &v, &e), ==, FL_EDATA);
	check_int(fl_u64_parse(" 1", &v, &e), ==, FL_EDATA);
}

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

static void
test_time(void)
{
	struct fl_err e;
	int64_t t;
	char buf[32];

	check_int(fl_time_parse("1970-01-01T00:00:00Z", &t, &e), ==, 0);
	check_int(t, ==, 0);
	check_int(fl_time_parse("2026-11-26T12:00:00Z", &t, &e), ==, 0);
	check_int(t, ==, 1795694400);
	fl_time_format(t, buf, sizeof(buf));
	check_str(buf, "2026-11-26T12:00:00Z");
	check_int(fl_time_parse("2024-02-29T23:59:59Z", &t, &e), ==, 0);
	fl_time_format(t, buf, sizeof(buf));
	check_str(buf, "2024-02-29T23:59:59Z");
	check_int(fl_time_parse("2023-02-29T00:00:00Z", &t, &e), ==, FL_EDATA);
	check_str(e.msg,
	    "invalid time \"2023-02-29T00:00:00Z\" (ISO 8601 "
	    "UTC, e.g. 2026-11-26T12:00:00Z)");
	check_int(fl_time_parse("2100-02-29T00:00:00Z", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse("2000-02-29T00:00:00Z", &t, &e), ==, 0);
	check_int(fl_time_parse("2026-11-26T12:00:00", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse("2026-11-26 12:00:00Z", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse("2026-13-26T12:00:00Z", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse("2026-11-31T12:00:00Z", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse("2026-11-26T24:00:00Z", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse("2026-11-26T12:60:00Z", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse("2026-11-26T12:00:60Z", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse("1969-12-31T23:59:59Z", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse("2026-1x-26T12:00:00Z", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse("", &t, &e), ==, FL_EDATA);
	check_int(fl_time_parse_space("2026-09-04 03:00:00", &t, &e), ==, 0);
	fl_time_format(t, buf, sizeof(buf));
	check_str(buf, "2026-09-04T03:00:00Z");
	check_int(fl_time_parse_space("2026-09-04T03:00:00", &t, &e), ==,
	    FL_EDATA);
	check_str(e.msg,
	    "invalid time \"2026-09-04T03:00:00\" (YYYY-MM-DD "
	    "HH:MM:SS)");
}

int
main(void)
{
	test_amount();
	test_decimal();
	test_u64();
	test_duration();
	test_time();
	return test_done();
}
