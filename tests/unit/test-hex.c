#include <string.h>

#include "hex.h"
#include "tap.h"

/* Decodes s into a buffer of size bytes and checks the bytes and length. */
static void
decode_ok(const char *s, size_t size, const uint8_t *want, size_t n)
{
	struct fl_err e;
	uint8_t out[64];
	size_t len = 99;

	memset(out, 0xee, sizeof(out));
	check_int(fl_hex_decode(s, out, size, &len, &e), ==, 0);
	check_uint(len, ==, n);
	check_mem(out, want, n);
	/* Nothing is written past the decoded bytes. */
	check_uint(out[n], ==, 0xee);
}

static void
decode_bad(const char *s, size_t size, const char *msg)
{
	struct fl_err e;
	uint8_t out[64];
	size_t len = 99;

	check_int(fl_hex_decode(s, out, size, &len, &e), ==, FL_EDATA);
	check_uint(len, ==, 0);
	check_int(e.code, ==, FL_EDATA);
	check_str(e.msg, msg);
}

static void
test_encode(void)
{
	static const uint8_t b[] = {0x00, 0x01, 0x7f, 0x80, 0xab, 0xcd, 0xef,
	    0xff};
	uint8_t all[256];
	char out[2 * 256 + 1];
	size_t i;

	memset(out, 'x', sizeof(out));
	fl_hex_encode(b, 0, out);
	check_str(out, "");
	fl_hex_encode(b, sizeof(b), out);
	check_str(out, "00017f80abcdefff");
	/* Every byte value, lower case, two digits each. */
	for (i = 0; i < 256; i++)
		all[i] = (uint8_t)i;
	fl_hex_encode(all, sizeof(all), out);
	check_uint(strlen(out), ==, 512);
	check(memcmp(out, "000102", 6) == 0);
	check(memcmp(out + 2 * 0x9f, "9fa0", 4) == 0);
	check(memcmp(out + 508, "feff", 4) == 0);
	check(strspn(out, "0123456789abcdef") == 512);
}

static void
test_decode(void)
{
	static const uint8_t b[] = {0x00, 0x01, 0x7f, 0x80, 0xab, 0xcd, 0xef,
	    0xff};
	struct fl_err e;
	uint8_t out[4];
	size_t len;

	decode_ok("", 0, b, 0);
	decode_ok("00017f80abcdefff", sizeof(b), b, sizeof(b));
	/* Either case, and both mixed, in either digit of a byte. */
	decode_ok("00017F80ABCDEFFF", sizeof(b), b, sizeof(b));
	decode_ok("00017f80AbcDeFfF", sizeof(b), b, sizeof(b));
	/* A buffer larger than needed; exactly the size needed. */
	decode_ok("abcd", 64, b + 4, 2);
	decode_ok("abcd", 2, b + 4, 2);

	decode_bad("0", 8, "odd number of hex digits");
	decode_bad("abc", 8, "odd number of hex digits");
	/* The length is checked before the digits. */
	decode_bad("0g0", 8, "odd number of hex digits");
	decode_bad("abcdef", 2, "hex data longer than 2 bytes");
	decode_bad("00", 0, "hex data longer than 0 bytes");
	/* A bad digit in the high place, the low place, and late. */
	decode_bad("g0", 8, "invalid hex digit");
	decode_bad("0g", 8, "invalid hex digit");
	decode_bad("0000000G", 8, "invalid hex digit");
	decode_bad("0x00", 8, "invalid hex digit");
	decode_bad(" 0", 8, "invalid hex digit");
	decode_bad("0 ", 8, "invalid hex digit");
	decode_bad("/0", 8, "invalid hex digit");
	decode_bad(":0", 8, "invalid hex digit");
	decode_bad("@0", 8, "invalid hex digit");
	decode_bad("`0", 8, "invalid hex digit");
	decode_bad("G0", 8, "invalid hex digit");
	decode_bad("\xc3\xa9", 8, "invalid hex digit");

	/* A NULL error struct still gets the code. */
	check_int(fl_hex_decode("0", out, sizeof(out), &len, NULL), ==,
	    FL_EDATA);
	check_int(fl_hex_decode("zz", out, sizeof(out), &len, NULL), ==,
	    FL_EDATA);
	check_uint(len, ==, 0);
	check_int(fl_hex_decode("0102", out, sizeof(out), &len, &e), ==, 0);
	check_uint(len, ==, 2);
}

static void
test_round_trip(void)
{
	uint64_t state = 1;
	uint8_t in[40], back[40];
	char text[2 * 40 + 1];
	size_t n, len, i;
	struct fl_err e;

	for (n = 0; n <= sizeof(in); n++) {
		for (i = 0; i < n; i++)
			in[i] = (uint8_t)tap_rand(&state);
		fl_hex_encode(in, n, text);
		check_uint(strlen(text), ==, 2 * n);
		check_int(fl_hex_decode(text, back, n, &len, &e), ==, 0);
		check_uint(len, ==, n);
		check_mem(back, in, n);
	}
}

static void
test_reverse(void)
{
	uint8_t a[] = {1, 2, 3, 4, 5};
	uint8_t b[] = {1, 2, 3, 4};
	static const uint8_t a_rev[] = {5, 4, 3, 2, 1};
	static const uint8_t b_rev[] = {4, 3, 2, 1};

	fl_hex_reverse(a, 0);
	check_mem(a, ((const uint8_t[]){1, 2, 3, 4, 5}), 5);
	fl_hex_reverse(a, 1);
	check_uint(a[0], ==, 1);
	fl_hex_reverse(a, sizeof(a));
	check_mem(a, a_rev, sizeof(a));
	fl_hex_reverse(b, sizeof(b));
	check_mem(b, b_rev, sizeof(b));
	fl_hex_reverse(b, sizeof(b));
	check_mem(b, ((const uint8_t[]){1, 2, 3, 4}), 4);
}

int
main(void)
{
	test_encode();
	test_decode();
	test_round_trip();
	test_reverse();
	return test_done();
}
