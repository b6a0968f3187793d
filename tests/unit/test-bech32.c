#include <ctype.h>
#include <jansson.h>

#include "bech32.h"
#include "hex.h"
#include "tap.h"

/* The vector's string: its raw bytes when bytes_hex is given (non-ASCII). */
static const char *
vec_string(json_t *v, char *buf, size_t size)
{
	const char *hex = json_string_value(json_object_get(v, "bytes_hex"));
	size_t n;

	if (hex == NULL)
		return json_string_value(json_object_get(v, "string"));
	if (fl_hex_decode(hex, (uint8_t *)buf, size - 1, &n, NULL) != 0)
		return "";
	buf[n] = '\0';
	return buf;
}

static void
lower(const char *s, char *out)
{
	while (*s != '\0')
		*out++ = (char)tolower((unsigned char)*s++);
	*out = '\0';
}

/* The hrp of an address for fl_segwit_decode: before the last '1'. */
static void
hrp_of(const char *s, char *hrp, size_t size)
{
	const char *p = strrchr(s, '1');
	size_t n = p != NULL ? (size_t)(p - s) : 0, i;

	if (n >= size)
		n = size - 1;
	for (i = 0; i < n; i++)
		hrp[i] = (char)tolower((unsigned char)s[i]);
	hrp[n] = '\0';
}

static json_t *
load(const char *path)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);

	check(root != NULL);
	return root;
}

static void
test_strings(json_t *root, const char *valid, const char *invalid,
    enum fl_bech32_enc want, size_t nvalid, size_t ninvalid)
{
	json_t *va = json_object_get(root, valid);
	json_t *ia = json_object_get(root, invalid);
	size_t i;

	check_uint(json_array_size(va), ==, nvalid);
	check_uint(json_array_size(ia), ==, ninvalid);
	for (i = 0; i < json_array_size(va); i++) {
		char buf[128], hrp[FL_BECH32_HRP_MAX + 1], back[128], low[128];
		const char *s =
		    vec_string(json_array_get(va, i), buf, sizeof(buf));
		uint8_t data[FL_BECH32_MAX];
		size_t n;
		enum fl_bech32_enc enc;
		struct fl_err e;

		check_int(fl_bech32_decode(s, hrp, sizeof(hrp), data,
			      sizeof(data), &n, &enc, &e),
		    ==, 0);
		check_int(enc, ==, want);
		check_int(fl_bech32_encode(hrp, data, n, enc, back,
			      sizeof(back), &e),
		    ==, 0);
		lower(s, low);
		check_str(back, low);
	}
	for (i = 0; i < json_array_size(ia); i++) {
		char buf[128], hrp[FL_BECH32_HRP_MAX + 1];
		json_t *v = json_array_get(ia, i);
		const char *s = vec_string(v, buf, sizeof(buf));
		uint8_t data[FL_BECH32_MAX];
		size_t n;
		enum fl_bech32_enc enc;
		int rc = fl_bech32_decode(s, hrp, sizeof(hrp), data,
		    sizeof(data), &n, &enc, NULL);

		if (!check(rc != 0 || enc != want))
			tap_diag("accepted \"%s\" (%s)", s,
			    json_string_value(json_object_get(v, "reason")));
	}
}

static void
test_segwit(json_t *root, size_t nvalid, size_t ninvalid, int bip173)
{
	json_t *va = json_object_get(root, "valid_segwit_addresses");
	json_t *ia = json_object_get(root, "invalid_segwit_addresses");
	size_t i;

	check_uint(json_array_size(va), ==, nvalid);
	check_uint(json_array_size(ia), ==, ninvalid);
	for (i = 0; i < json_array_size(va); i++) {
		json_t *v = json_array_get(va, i);
		const char *s = json_string_value(json_object_get(v, "string"));
		const char *spk =
		    json_string_value(json_object_get(v, "scriptPubKey"));
		char hrp[16], back[128], low[128], hex[200];
		uint8_t prog[40], script[42];
		size_t n;
		int ver, rc;
		struct fl_err e;

		hrp_of(s, hrp, sizeof(hrp));
		rc = fl_segwit_decode(s, hrp, &ver, prog, &n, &e);
		/* BIP-350 turned BIP-173's v1+ examples invalid. */
		if (bip173 && spk[0] != '0') {
			check_int(rc, ==, FL_EDATA);
			check_int(ver, ==, -1);
			continue;
		}
		if (!check(rc == 0)) {
			tap_diag("\"%s\": %s", s, e.msg);
			continue;
		}
		script[0] = (uint8_t)(ver == 0 ? 0 : 0x50 + ver);
		script[1] = (uint8_t)n;
		memcpy(script + 2, prog, n);
		fl_hex_encode(script, n + 2, hex);
		check_str(hex, spk);
		check_int(fl_segwit_encode(hrp, ver, prog, n, back,
			      sizeof(back), &e),
		    ==, 0);
		lower(s, low);
		check_str(back, low);
	}
	for (i = 0; i < json_array_size(ia); i++) {
		json_t *v = json_array_get(ia, i);
		const char *s = json_string_value(json_object_get(v, "string"));
		uint8_t prog[40];
		size_t n;
		int ver;

		if (!check(
			fl_segwit_decode(s, "bc", &ver, prog, &n, NULL) != 0 &&
			fl_segwit_decode(s, "tb", &ver, prog, &n, NULL) != 0))
			tap_diag("accepted \"%s\"", s);
	}
}

static void
check_decode_err(const char *s, const char *msg)
{
	char hrp[FL_BECH32_HRP_MAX + 1];
	uint8_t data[FL_BECH32_MAX];
	size_t n = 7;
	enum fl_bech32_enc enc = FL_BECH32;
	struct fl_err e;

	check_int(fl_bech32_decode(s, hrp, sizeof(hrp), data, sizeof(data), &n,
		      &enc, &e),
	    ==, FL_EDATA);
	check_str(e.msg, msg);
	check_uint(n, ==, 0);
	check_int(enc, ==, FL_BECH32_NONE);
	check_str(hrp, "");
}

static void
check_segwit_err(const char *s, const char *hrp, const char *msg)
{
	uint8_t prog[40];
	size_t n = 7;
	int ver = 3;
	struct fl_err e;

	check_int(fl_segwit_decode(s, hrp, &ver, prog, &n, &e), ==, FL_EDATA);
	check_str(e.msg, msg);
	check_int(ver, ==, -1);
	check_uint(n, ==, 0);
}

static void
test_errors(void)
{
	char hrp[4], out[100];
	uint8_t data[4], prog[41] = {0}, five[3] = {1, 2, 32};
	uint8_t b8[2] = {0xff, 0xff};
	size_t n;
	enum fl_bech32_enc enc;
	struct fl_err e;

	check_decode_err("a12uel5l\x01",
	    "invalid bech32 character at "
	    "position 9");
	check_decode_err("A12uel5l", "mixed-case bech32 string");
	check_decode_err("pzry9x0s0muk", "no bech32 separator \"1\"");
	check_decode_err("1pzry9x0s0muk", "empty bech32 prefix");
	check_decode_err("a1pzry", "bech32 checksum too short");
	check_decode_err("x1b4n0q5v",
	    "invalid bech32 character at position "
	    "3");
	check_decode_err("a12uel5m", "bad bech32 checksum");
	check_decode_err("an84characterslonghumanreadablepartthatcontainsthenum"
			 "ber1andtheexcludedcharactersbio1569pvx",
	    "bech32 string longer than 90 characters");
	/* Buffers too small for the caller: refused, not truncated. */
	check_int(fl_bech32_decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmq"
				   "qqxw",
		      hrp, sizeof(hrp), data, sizeof(data), &n, &enc, &e),
	    ==, FL_EDATA);
	check_str(e.msg, "bech32 prefix too long");
	check_int(fl_bech32_decode("a1qpzry9x8gf2tvdw0s3jn54khce6mua7l2zc9v0",
		      hrp, sizeof(hrp), data, sizeof(data), &n, &enc, &e),
	    ==, FL_EDATA);
	check_str(e.msg, "bech32 data too long");

	check_int(fl_bech32_encode("a", five, 3, FL_BECH32, out, sizeof(out),
		      &e),
	    ==, FL_EDATA);
	check_str(e.msg, "bech32 value above 31");
	check_str(out, "");
	check_int(fl_bech32_encode("", five, 2, FL_BECH32, out, sizeof(out),
		      &e),
	    ==, FL_EDATA);
	check_str(e.msg, "bad bech32 prefix length");
	check_int(fl_bech32_encode("A", five, 2, FL_BECH32, out, sizeof(out),
		      &e),
	    ==, FL_EDATA);
	check_str(e.msg, "invalid bech32 prefix character");
	check_int(fl_bech32_encode("a", five, 2, FL_BECH32_NONE, out,
		      sizeof(out), &e),
	    ==, FL_EDATA);
	check_str(e.msg, "no bech32 encoding given");
	check_int(fl_bech32_encode("a", five, 2, FL_BECH32, out, 10, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "bech32 string too long");
	check_int(fl_bech32_encode("a", five, 2, FL_BECH32M, out, 11, &e), ==,
	    0);

	check_int(fl_bech32_convert_bits(five, 3, 5, data, sizeof(data), &n, 8,
		      1, &e),
	    ==, FL_EDATA);
	check_str(e.msg, "value out of range");
	check_int(fl_bech32_convert_bits(b8, 2, 8, data, 2, &n, 5, 1, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "converted data too long");
	check_int(fl_bech32_convert_bits(b8, 2, 8, data, 3, &n, 5, 1, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "converted data too long");
	check_int(fl_bech32_convert_bits(b8, 2, 8, data, 4, &n, 5, 1, &e), ==,
	    0);
	check_uint(n, ==, 4);
	check_mem(data, "\x1f\x1f\x1f\x10", 4);
	check_int(fl_bech32_convert_bits(data, 4, 5, b8, 2, &n, 8, 0, &e), ==,
	    0);
	check_uint(n, ==, 2);
	check_mem(b8, "\xff\xff", 2);
	data[3] = 17;
	check_int(fl_bech32_convert_bits(data, 4, 5, b8, 2, &n, 8, 0, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "non-zero padding");
	check_int(fl_bech32_convert_bits(data, 3, 5, b8, 2, &n, 8, 0, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "too much padding");
	check_int(fl_bech32_convert_bits(data, 4, 5, b8, 0, &n, 8, 0, &e), ==,
	    FL_EDATA);

	check_segwit_err("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "bc",
	    "prefix \"tb\", expected \"bc\"");
	check_segwit_err("bc1gmk9yu", "bc", "no witness version");
	check_segwit_err("BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ"
			 "7VQ7ZWS8R",
	    "bc", "witness version 17 above 16");
	check_segwit_err("bc1pw5dgrnzv", "bc",
	    "witness program of 1 byte, at least 2");
	check_segwit_err("bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r"
			 "3zarvary0c5xw7kw5rljs90",
	    "bc", "witness program longer than 40 bytes");
	check_segwit_err("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "bc",
	    "witness v0 program of 16 bytes, not 20 or 32");
	check_segwit_err("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hc"
			 "z7v07qwwzcrf",
	    "bc", "invalid witness program padding");
	check_segwit_err("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hc"
			 "z7vpggkg4j",
	    "tb", "invalid witness program padding");
	check_segwit_err("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hc"
			 "z7v8n0nx0muaewav253zgeav",
	    "bc", "witness program longer than 40 bytes");
	check_segwit_err("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hc"
			 "z7vqh2y7hd",
	    "bc",
	    "witness v1 address with a bech32 checksum, bech32m required");
	check_segwit_err("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", "bc",
	    "witness v0 address with a bech32m checksum");
	check_segwit_err("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "bc",
	    "bad bech32 checksum");

	check_int(fl_segwit_encode("bc", 17, prog, 20, out, sizeof(out), &e),
	    ==, FL_EDATA);
	check_str(e.msg, "witness version 17");
	check_int(fl_segwit_encode("bc", -1, prog, 20, out, sizeof(out), &e),
	    ==, FL_EDATA);
	check_int(fl_segwit_encode("bc", 0, prog, 21, out, sizeof(out), &e), ==,
	    FL_EDATA);
	check_str(e.msg, "witness v0 program of 21 bytes");
	check_int(fl_segwit_encode("bc", 2, prog, 41, out, sizeof(out), &e), ==,
	    FL_EDATA);
	check_int(fl_segwit_encode("bc", 2, prog, 1, out, sizeof(out), &e), ==,
	    FL_EDATA);
	check_int(fl_segwit_encode("bc", 2, prog, 40, out, sizeof(out), &e), ==,
	    0);
	check_int(fl_segwit_encode("bc", 0, prog, 20, out, 20, &e), ==,
	    FL_EDATA);
	check_str(out, "");
}

int
main(void)
{
	json_t *r173 = load("tests/vectors/bip-0173-test-vectors.json");
	json_t *r350 = load("tests/vectors/bip-0350-test-vectors.json");

	if (r173 != NULL) {
		test_strings(r173, "valid_bech32", "invalid_bech32", FL_BECH32,
		    7, 12);
		test_segwit(r173, 6, 10, 1);
	}
	if (r350 != NULL) {
		test_strings(r350, "valid_bech32m", "invalid_bech32m",
		    FL_BECH32M, 7, 14);
		test_segwit(r350, 8, 15, 0);
	}
	json_decref(r173);
	json_decref(r350);
	test_errors();
	return test_done();
}
