#include "hash.h"
#include "hex.h"
#include "tap.h"

static void
check_hex(const uint8_t *got, size_t n, const char *want)
{
	char buf[129];

	fl_hex_encode(got, n, buf);
	check_str(buf, want);
}

int
main(void)
{
	uint8_t h[32], b[8];
	size_t n;
	struct fl_err e;
	char s[32];

	fl_sha256("abc", 3, h);
	check_hex(h, 32,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410f"
	    "f61f20015ad");
	fl_sha256("", 0, h);
	check_hex(h, 32,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca4959"
	    "91b7852b855");
	fl_sha256d("abc", 3, h);
	check_hex(h, 32,
	    "4f8b42c22dd3729b519ba6f68d2da7cc5b2d606d05daed5ad5128"
	    "cc03e6c6358");
	fl_ripemd160("abc", 3, h);
	check_hex(h, 20, "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
	fl_hash160("abc", 3, h);
	check_hex(h, 20, "bb1be98c142444d7a56aa3981c3942a978e4dc33");
	fl_tagged_hash("TapTweak", "abc", 3, h);
	check_hex(h, 32,
	    "b4db0a539110ab84dac5af069f081eee7e3becbf970e6705d20f5"
	    "9ea9b4eb1f8");

	/* hex */
	check_int(fl_hex_decode("00fF10", b, sizeof(b), &n, &e), ==, 0);
	check_uint(n, ==, 3);
	check_hex(b, n, "00ff10");
	check_int(fl_hex_decode("abc", b, sizeof(b), &n, &e), ==, FL_EDATA);
	check_str(e.msg, "odd number of hex digits");
	check_int(fl_hex_decode("zz", b, sizeof(b), &n, &e), ==, FL_EDATA);
	check_str(e.msg, "invalid hex digit");
	check_int(fl_hex_decode("000000000000000000", b, sizeof(b), &n, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "hex data longer than 8 bytes");
	check_uint(n, ==, 0);
	check_int(fl_hex_decode("", b, sizeof(b), &n, &e), ==, 0);
	check_uint(n, ==, 0);
	b[0] = 1, b[1] = 2, b[2] = 3;
	fl_hex_reverse(b, 3);
	fl_hex_encode(b, 3, s);
	check_str(s, "030201");
	return test_done();
}
