#include <stdlib.h>

#include "descriptor.h"
#include "hex.h"
#include "script.h"
#include "tap.h"

#define SPK "0014f613e8ce6b38fda9e9a215f329a818091d571f9b"
#define K1 "024baf4892fda7c802e7ebd9115367b9ddd015e5685fdcab0e7e4de6ef98b287f7"
#define SHSPK "a9147cddc3c3bad869a8eb04e7624d08f0a58971f2ab87"
#define K3 "037fab42ba8a7b4753a272cc48b5143c7b3f33c2df9c609a51f12abb2dbcc2cbdf"
#define TRSPK \
	"5120d82fc488b636d48e4ff11647934bced1c31526e72ebf78cee75ade7f57d94e70"
#define K4 "9b3264757d776b759f3b8869cbba81bc862de4fec18cf89fe6006d3196f6973c"

static struct fl_descriptor d;
static struct fl_err e;

/* Parses desc for the coin with the script spk (hex). */
static int
parse(const char *desc, const char *spk)
{
	uint8_t s[64], prog[40];
	size_t n, proglen;
	enum fl_script_type t;

	if (fl_hex_decode(spk, s, sizeof s, &n, &e) != 0)
		return -100;
	t = fl_script_classify(s, n, prog, &proglen, NULL);
	memset(&e, 0, sizeof e);
	return fl_descriptor_parse(desc, t, prog, &d, &e);
}

int
main(void)
{
	uint8_t k1[33];
	size_t n;

	/* wpkh with an origin: hardened as h, ' and H. */
	check_int(parse("wpkh([d34db33f/84h/1'/0H/0/5]" K1 ")#4xn383xn", SPK),
	    ==, 0);
	fl_hex_decode(K1, k1, sizeof k1, &n, &e);
	check_uint(d.pubkey_len, ==, 33);
	check_mem(d.pubkey, k1, 33);
	check(d.has_origin);
	check_uint(d.path_len, ==, 5);
	check_uint(d.path[0], ==, 0x80000054);
	check_uint(d.path[1], ==, 0x80000001);
	check_uint(d.path[2], ==, 0x80000000);
	check_uint(d.path[3], ==, 0);
	check_uint(d.path[4], ==, 5);
	check_mem(d.fingerprint, "\xd3\x4d\xb3\x3f", 4);
	check_uint(d.redeem_len, ==, 0);
	/* sh(wpkh) gives the redeem script. */
	check_int(parse("sh(wpkh(" K3 "))", SHSPK), ==, 0);
	check_uint(d.redeem_len, ==, 22);
	check_uint(d.redeem[0], ==, 0x00);
	check_uint(d.redeem[1], ==, 0x14);
	check(!d.has_origin);
	check_uint(d.pubkey_len, ==, 33);
	/* tr: the internal key, x-only; an origin without a path. */
	check_int(parse("tr([d34db33f]" K4 ")", TRSPK), ==, 0);
	check_uint(d.pubkey_len, ==, 32);
	check(d.has_origin);
	check_uint(d.path_len, ==, 0);

	/* Forms not understood are ignored: nothing is kept. */
	check_int(parse("wsh(pk(" K1 "))", SPK), ==, 0);
	check_uint(d.pubkey_len, ==, 0);
	check_int(parse("wpkh(xpub661MyMwAqRbcF/0/*)", SPK), ==, 0);
	check_uint(d.pubkey_len, ==, 0);
	check_int(parse("wpkh([d34db33f/2147483648]" K1 ")", SPK), ==, 0);
	check_uint(d.pubkey_len, ==, 0);
	check(!d.has_origin);
	check_int(parse("wpkh([d34db33f/1/2]" K1 ")x", SPK), ==, 0);
	check_uint(d.pubkey_len + d.path_len, ==, 0);
	check_int(parse("wpkh([d34d]" K1 ")", SPK), ==, 0);
	check_uint(d.pubkey_len, ==, 0);
	check_int(parse("wpkh([d34db33f/0/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/"
			"16]" K1 ")",
		      SPK),
	    ==, 0);
	check_uint(d.pubkey_len + d.path_len, ==, 0);
	check_int(parse("", SPK), ==, 0);
	check_uint(d.pubkey_len, ==, 0);

	/* A key that does not give the coin's script. */
	check_int(parse("pkh(" K1 ")", SPK), ==, FL_EDATA);
	check_str(e.msg,
	    "the descriptor's key does not give the coin's script");
	check_uint(d.pubkey_len + d.path_len, ==, 0);
	check_int(parse("sh(wpkh(" K1 "))", SHSPK), ==, FL_EDATA);
	check_uint(d.redeem_len, ==, 0);
	check_int(parse("tr("
			"4baf4892fda7c802e7ebd9115367b9ddd015e5685fdcab0e7e4de6"
			"ef98b287f7)",
		      TRSPK),
	    ==, FL_EDATA);
	check_int(parse("wpkh(" K3 ")", SPK), ==, FL_EDATA);
	return test_done();
}
