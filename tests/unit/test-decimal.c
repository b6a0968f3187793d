#include <string.h>

#include "decimal.h"
#include "tap.h"

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

	check_int(fl_decimal_parse_u64("0", &v, &e), ==, 0);
	check_uint(v, ==, 0);
	check_int(fl_decimal_parse_u64("18446744073709551615", &v, &e), ==, 0);
	check_uint(v, ==, UINT64_MAX);
	check_int(fl_decimal_parse_u64("18446744073709551616", &v, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "integer out of range \"18446744073709551616\"");
	check_int(fl_decimal_parse_u64("", &v, &e), ==, FL_EDATA);
	check_str(e.msg, "invalid integer \"\"");
	check_int(fl_decimal_parse_u64("12x", &v, &e), ==, FL_EDATA);
	check_str(e.msg, "invalid integer \"12x\"");
	check_int(fl_decimal_parse_u64("-1", &v, &e), ==, FL_EDATA);
	check_int(fl_decimal_parse_u64(" 1", &v, &e), ==, FL_EDATA);
}

static void
split_ok(const char *s, const char *want_i, const char *want_f)
{
	const char *ip, *fp;
	size_t il, fl;

	check_int(fl_decimal_split(s, strlen(s), &ip, &il, &fp, &fl), ==, 0);
	check_int(il, ==, strlen(want_i));
	check_int(strncmp(ip, want_i, il), ==, 0);
	check_int(fl, ==, strlen(want_f));
	check_int(strncmp(fp, want_f, fl), ==, 0);
}

static void
test_split(void)
{
	const char *ip, *fp;
	size_t il, fl;

	split_ok("123.456", "123", "456");
	split_ok("42", "42", "");
	split_ok(".5", "", "5");
	split_ok("1.", "1", "");
	/* Only len bytes count: a unit after them is the caller's. */
	check_int(fl_decimal_split("0.01btc", 4, &ip, &il, &fp, &fl), ==, 0);
	check_int(il, ==, 1);
	check_int(fl, ==, 2);
	check_int(fl_decimal_split("", 0, &ip, &il, &fp, &fl), ==, -1);
	check_int(fl_decimal_split(".", 1, &ip, &il, &fp, &fl), ==, -1);
	check_int(fl_decimal_split("1.2.3", 5, &ip, &il, &fp, &fl), ==, -1);
	check_int(fl_decimal_split("-1", 2, &ip, &il, &fp, &fl), ==, -1);
	check_int(fl_decimal_split("1e3", 3, &ip, &il, &fp, &fl), ==, -1);
	check_int(fl_decimal_split(" 1", 2, &ip, &il, &fp, &fl), ==, -1);
}

int
main(void)
{
	test_decimal();
	test_u64();
	test_split();
	return test_done();
}
