#include "hash.h"
#include "hexutil.h"
#include "script.h"
#include "tap.h"

static void
check_hex(const uint8_t *p, size_t n, const char *want)
{
	char *h = tohex(p, n);

	check_str(h, want);
	free(h);
}

static void
test_builders(void)
{
	uint8_t h20[20], h32[32], out[42];
	size_t n;

	memset(h20, 0x11, sizeof(h20));
	memset(h32, 0x22, sizeof(h32));
	n = fl_script_p2pkh(h20, out);
	check_hex(out, n, "76a914111111111111111111111111111111111111111188ac");
	n = fl_script_p2sh(h20, out);
	check_hex(out, n, "a914111111111111111111111111111111111111111187");
	n = fl_script_p2wpkh(h20, out);
	check_hex(out, n, "00141111111111111111111111111111111111111111");
	n = fl_script_p2wsh(h32, out);
	check_hex(out, n,
	    "00202222222222222222222222222222222222222222222222222222222222222"
	    "222");
	n = fl_script_p2tr(h32, out);
	check_hex(out, n,
	    "51202222222222222222222222222222222222222222222222222222222222222"
	    "222");
	n = fl_script_witness(16, h20, 2, out);
	check_hex(out, n, "60021111");
	check_uint(fl_script_witness(17, h20, 20, out), ==, 0);
	check_uint(fl_script_witness(1, h20, 1, out), ==, 0);
	check_uint(fl_script_witness(1, h32, 41, out), ==, 0);
}

/* BIP-143's P2SH-P2WPKH example: the key hash, redeem script and P2SH. */
static void
test_p2sh_p2wpkh(void)
{
	size_t n;
	uint8_t *kh = unhex("79091972186c449eb1ded22b78e40d009bdf0089", &n);
	uint8_t out[23];

	n = fl_script_p2sh_p2wpkh(kh, out);
	check_hex(out, n, "a9144733f37cf4db86fbc2efed2500b4f4e49f31202387");
	free(kh);
}

static void
classify(const char *hex, enum fl_script_type want, int version, size_t proglen)
{
	size_t n, pl = 99;
	uint8_t *s = unhex(hex, &n), prog[40];
	int v = 99;
	enum fl_script_type t = fl_script_classify(s, n, prog, &pl, &v);

	check_str(fl_script_type_name(t), fl_script_type_name(want));
	check_int(v, ==, version);
	check_uint(pl, ==, proglen);
	if (proglen > 0 && want != FL_SCRIPT_P2PKH)
		check_mem(prog, s + 2, proglen);
	free(s);
}

static void
test_classify(void)
{
	classify("76a914111111111111111111111111111111111111111188ac",
	    FL_SCRIPT_P2PKH, -1, 20);
	classify("a914111111111111111111111111111111111111111187",
	    FL_SCRIPT_P2SH, -1, 20);
	classify("00141111111111111111111111111111111111111111",
	    FL_SCRIPT_P2WPKH, 0, 20);
	classify("0020222222222222222222222222222222222222222222222222222222222"
		 "2"
		 "222222",
	    FL_SCRIPT_P2WSH, 0, 32);
	classify("5120222222222222222222222222222222222222222222222222222222222"
		 "2"
		 "222222",
	    FL_SCRIPT_P2TR, 1, 32);
	classify("5210751e76e8199196d454941c45d1b3a323",
	    FL_SCRIPT_WITNESS_UNKNOWN, 2, 16);
	classify("51021111", FL_SCRIPT_WITNESS_UNKNOWN, 1, 2);
	classify("6a0401020304", FL_SCRIPT_NULLDATA, -1, 0);
	/* v0 programs must be 20 or 32 bytes; 1-byte and 41-byte programs */
	classify("0003111111", FL_SCRIPT_NONSTANDARD, -1, 0);
	classify("510111", FL_SCRIPT_NONSTANDARD, -1, 0);
	classify("", FL_SCRIPT_NONSTANDARD, -1, 0);
	/* push length that does not match the script's */
	classify("001411111111111111111111111111111111111111",
	    FL_SCRIPT_NONSTANDARD, -1, 0);
	classify("76a914111111111111111111111111111111111111111188ad",
	    FL_SCRIPT_NONSTANDARD, -1, 0);
	classify("2103c9f4836b9a4f77fc0d81f7bcb01b7f1b35916864b9476c241ce9fc198"
		 "b"
		 "d25432ac",
	    FL_SCRIPT_NONSTANDARD, -1, 0);
	check_str(fl_script_type_name(FL_SCRIPT_NONSTANDARD), "nonstandard");
	check_str(fl_script_type_name(FL_SCRIPT_P2WPKH), "p2wpkh");
}

static void
test_push(void)
{
	static const size_t lens[] = {0, 1, 75, 76, 255, 256, 65535, 65536};
	static const char *const head[] = {"00", "01", "4b", "4c4c", "4cff",
	    "4d0001", "4dffff", "4e00000100"};
	uint8_t *data = calloc(1, 65536);
	size_t i;

	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		struct fl_buf b = {0};
		size_t hl = strlen(head[i]) / 2, pos = 0;
		char *h;
		uint8_t op;

		fl_script_push(&b, data, lens[i]);
		check_uint(b.len, ==, hl + lens[i]);
		h = tohex(b.p, hl);
		check_str(h, head[i]);
		check_int(fl_script_next_op(b.p, b.len, &pos, &op), ==, 1);
		check_uint(pos, ==, b.len);
		free(h);
		fl_buf_free(&b);
	}
	free(data);
}

static void
test_next_op(void)
{
	size_t n, pos = 0;
	uint8_t *s = unhex("ab02aabb4c01cc76", &n), op;

	check_int(fl_script_next_op(s, n, &pos, &op), ==, 1);
	check_uint(op, ==, FL_OP_CODESEPARATOR);
	check_int(fl_script_next_op(s, n, &pos, &op), ==, 1);
	check_uint(op, ==, 2);
	check_uint(pos, ==, 4);
	check_int(fl_script_next_op(s, n, &pos, &op), ==, 1);
	check_uint(op, ==, FL_OP_PUSHDATA1);
	check_int(fl_script_next_op(s, n, &pos, &op), ==, 1);
	check_uint(op, ==, FL_OP_DUP);
	check_int(fl_script_next_op(s, n, &pos, &op), ==, 0);
	check_uint(op, ==, 0xff);
	free(s);
	/* truncated pushes stop past the opcode and its length bytes */
	s = unhex("0501", &n);
	pos = 0;
	check_int(fl_script_next_op(s, n, &pos, &op), ==, 0);
	check_uint(pos, ==, 1);
	free(s);
	s = unhex("4d01", &n);
	pos = 0;
	check_int(fl_script_next_op(s, n, &pos, &op), ==, 0);
	check_uint(pos, ==, 1);
	free(s);
	s = unhex("4e0100000000", &n);
	pos = 0;
	check_int(fl_script_next_op(s, n, &pos, &op), ==, 1);
	check_uint(pos, ==, 6);
	pos = 0;
	check_int(fl_script_next_op(s, 5, &pos, &op), ==, 0);
	check_uint(pos, ==, 5);
	free(s);
}

int
main(void)
{
	test_builders();
	test_p2sh_p2wpkh();
	test_classify();
	test_push();
	test_next_op();
	return test_done();
}
