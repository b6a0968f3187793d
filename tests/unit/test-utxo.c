#include <stdlib.h>

#include "hex.h"
#include "tap.h"
#include "utxo.h"

#define TXID "f3efb76c96e7eebc450c779314b548d773dbab13e76398265fef9253aca0d015"
#define SPK "0014f613e8ce6b38fda9e9a215f329a818091d571f9b"
#define ADDR "bc1q7cf73nnt8r76n6dzzhejn2qcpyw4w8umn3z3gf"

static struct fl_utxos us;
static struct fl_err e;

static int
read_text(const char *text, enum fl_network net)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int rc;

	rc = fl_utxo_read(fp, net, &us, &e);
	fclose(fp);
	return rc;
}

static void
bad(const char *text, unsigned long line, const char *msg)
{
	memset(&e, 0, sizeof e);
	check_int(read_text(text, FL_NET_MAIN), ==, FL_EDATA);
	check_uint(e.line, ==, line);
	check_str(e.msg, msg);
	check(us.n == 0 && us.u == NULL);
}

int
main(void)
{
	uint8_t txid[32];
	size_t n;

	/* TSV with script_pubkey, and with address. */
	check_int(read_text("# comment\ntxid\tvout\tsat\tscript_pubkey\n" TXID
			    "\t7\t100000\t" SPK "\n",
		      FL_NET_MAIN),
	    ==, 0);
	check_uint(us.n, ==, 1);
	fl_hex_decode(TXID, txid, 32, &n, &e);
	fl_hex_reverse(txid, 32);
	check_mem(us.u[0].txid, txid, 32);
	check_uint(us.u[0].vout, ==, 7);
	check_uint(us.u[0].value, ==, 100000);
	check_uint(us.u[0].spk_len, ==, 22);
	check_uint(us.u[0].line, ==, 3);
	check(!us.json);
	fl_utxo_free(&us);
	check_int(read_text("txid\tvout\tsat\taddress\tscript_pubkey\n" TXID
			    "\t0\t5\t" ADDR "\t" SPK "\n" TXID "\t1\t5\t" ADDR
			    "\t\n",
		      FL_NET_MAIN),
	    ==, 0);
	check_uint(us.n, ==, 2);
	check_uint(us.u[1].spk_len, ==, 22);
	fl_utxo_free(&us);

	/* Descriptors: key and origin; sh(wpkh) gives the redeem script. */
#define K1 "024baf4892fda7c802e7ebd9115367b9ddd015e5685fdcab0e7e4de6ef98b287f7"
#define SHSPK "a9147cddc3c3bad869a8eb04e7624d08f0a58971f2ab87"
#define K3 "037fab42ba8a7b4753a272cc48b5143c7b3f33c2df9c609a51f12abb2dbcc2cbdf"
#define TRSPK \
	"5120d82fc488b636d48e4ff11647934bced1c31526e72ebf78cee75ade7f57d94e70"
#define K4 "9b3264757d776b759f3b8869cbba81bc862de4fec18cf89fe6006d3196f6973c"
#define HEAD "txid\tvout\tsat\tscript_pubkey\tdesc\n" TXID "\t0\t5\t"
	check_int(read_text(HEAD SPK "\twpkh([d34db33f/84h/1'/0H/0/5]" K1
				     ")#4xn383xn\n",
		      FL_NET_MAIN),
	    ==, 0);
	check_uint(us.u[0].pubkey_len, ==, 33);
	check(us.u[0].has_origin);
	check_uint(us.u[0].path_len, ==, 5);
	check_uint(us.u[0].path[0], ==, 0x80000054);
	check_uint(us.u[0].path[1], ==, 0x80000001);
	check_uint(us.u[0].path[2], ==, 0x80000000);
	check_uint(us.u[0].path[4], ==, 5);
	check_mem(us.u[0].fingerprint, "\xd3\x4d\xb3\x3f", 4);
	fl_utxo_free(&us);
	check_int(read_text(HEAD SHSPK "\tsh(wpkh(" K3 "))\n", FL_NET_MAIN), ==,
	    0);
	check_uint(us.u[0].redeem_len, ==, 22);
	check(!us.u[0].has_origin);
	check_uint(us.u[0].pubkey_len, ==, 33);
	fl_utxo_free(&us);
	check_int(read_text(HEAD TRSPK "\ttr([d34db33f]" K4 ")\n", FL_NET_MAIN),
	    ==, 0);
	check_uint(us.u[0].pubkey_len, ==, 32);
	check(us.u[0].has_origin);
	check_uint(us.u[0].path_len, ==, 0);
	fl_utxo_free(&us);
	/* Forms not understood are ignored. */
	check_int(read_text(HEAD SPK
		      "\twsh(pk(" K1 "))\n" TXID "\t1\t5\t" SPK
		      "\twpkh(xpub661MyMwAqRbcF/0/*)\n" TXID "\t2\t5\t" SPK
		      "\twpkh([d34db33f/2147483648]" K1 ")\n" TXID
		      "\t3\t5\t" SPK "\twpkh(" K1 ")x\n",
		      FL_NET_MAIN),
	    ==, 0);
	check_uint(us.u[0].pubkey_len + us.u[1].pubkey_len +
		us.u[2].pubkey_len + us.u[3].pubkey_len,
	    ==, 0);
	fl_utxo_free(&us);
	bad(HEAD SPK "\tpkh(" K1 ")\n", 2,
	    "column \"desc\": the descriptor's key does not give the coin's "
	    "script");
	bad(HEAD SHSPK "\tsh(wpkh(" K1 "))\n", 2,
	    "column \"desc\": the descriptor's key does not give the coin's "
	    "script");
	bad(HEAD TRSPK
	    "\ttr("
	    "4baf4892fda7c802e7ebd9115367b9ddd015e5685fdcab0e7e4de6ef98b287f7"
	    ")\n",
	    2,
	    "column \"desc\": the descriptor's key does not give the coin's "
	    "script");

	/* Many coins: the array grows past 64, 128 and 256. */
	{
		char *many = malloc(300 * 150 + 100), *p = many;
		size_t i;

		p += sprintf(p, "txid\tvout\tsat\tscript_pubkey\n");
		for (i = 0; i < 300; i++)
			p += sprintf(p, TXID "\t%zu\t%zu\t" SPK "\n", i, i + 1);
		check_int(read_text(many, FL_NET_MAIN), ==, 0);
		check_uint(us.n, ==, 300);
		if (us.n == 300) {
			check_uint(us.u[299].vout, ==, 299);
			check_uint(us.u[299].value, ==, 300);
			check_uint(us.u[64].line, ==, 66);
		}
		fl_utxo_free(&us);
		free(many);
	}
	/*
	 * Many coins, one outpoint twice far apart: the index of outpoints
	 * grows past 256, 512 and 1024 slots and still finds it.
	 */
	{
		char *many = malloc(1000 * 150 + 100), *p = many;
		size_t i;

		p += sprintf(p, "txid\tvout\tsat\tscript_pubkey\n");
		for (i = 0; i < 999; i++)
			p += sprintf(p, TXID "\t%zu\t1\t" SPK "\n", i);
		p += sprintf(p, TXID "\t3\t1\t" SPK "\n");
		bad(many, 1001, "coin " TXID ":3 appears twice (also line 5)");
		free(many);
	}

	/* Errors. */
	bad("", 0, "no coins: the file is empty");
	bad("txid\tvout\n", 0, "missing column \"sat\"");
	bad("txid\tvout\tsat\n", 0,
	    "missing column \"script_pubkey\" or \"address\"");
	bad("txid\tvout\tsat\tscript_pubkey\nxyz\t0\t5\t" SPK "\n", 2,
	    "column \"txid\": invalid txid \"xyz\"");
	bad("txid\tvout\tsat\tscript_pubkey\n" TXID "\t4294967296\t5\t" SPK
	    "\n",
	    2, "column \"vout\": vout 4294967296 out of range");
	bad("txid\tvout\tsat\tscript_pubkey\n" TXID "\t0\t0\t" SPK "\n", 2,
	    "column \"sat\": amount out of range (0 or above 21,000,000 BTC)");
	bad("txid\tvout\tsat\tscript_pubkey\n" TXID "\t0\t-1\t" SPK "\n", 2,
	    "column \"sat\": invalid integer \"-1\"");
	bad("txid\tvout\tsat\tscript_pubkey\n" TXID
	    "\t0\t2100000000000000\t" SPK "\n" TXID "\t1\t1\t" SPK "\n",
	    3, "the coins add up to more than 21,000,000 BTC");
	bad("txid\tvout\tsat\tscript_pubkey\n" TXID "\t0\t5\tzz\n", 2,
	    "column \"script_pubkey\": invalid or unsupported script \"zz\"");
	bad("txid\tvout\tsat\tscript_pubkey\n" TXID "\t0\t5\t\n", 2,
	    "column \"script_pubkey\" or \"address\" is empty");
	bad("txid\tvout\tsat\tscript_pubkey\n" TXID "\t0\t5\t6a0100\n", 2,
	    "column \"script_pubkey\": unsupported script type \"nulldata\"");
	bad("txid\tvout\tsat\taddress\n" TXID "\t0\t5\tbc1qnotanaddress\n", 2,
	    "column \"address\": invalid bech32 character at position 6");
	bad("txid\tvout\tsat\taddress\tscript_pubkey\n" TXID "\t0\t5\t" ADDR
	    "\t0014f613e8ce6b38fda9e9a215f329a818091d571f9c\n",
	    2, "address \"" ADDR "\" does not match the script");
	bad("txid\tvout\tsat\tscript_pubkey\tredeem_script\n" TXID
	    "\t0\t5\t" SPK "\t" SPK "\n",
	    2, "column \"redeem_script\" given for a p2wpkh coin");
	bad("txid\tvout\tsat\tscript_pubkey\tredeem_script\n" TXID
	    "\t0\t5\ta914000000000000000000000000000000000000000087\t51\n",
	    2,
	    "column \"redeem_script\": not a P2WPKH script (only P2SH-P2WPKH "
	    "coins are supported)");
	bad("txid\tvout\tsat\tscript_pubkey\tprev_tx\n" TXID "\t0\t5\t" SPK
	    "\t00\n",
	    2,
	    "column \"prev_tx\": invalid transaction: version: unexpected "
	    "end of data at byte 1");
	bad("txid\tvout\tsat\tscript_pubkey\tprev_tx\n" TXID "\t0\t5\t" SPK
	    "\tz\n",
	    2, "column \"prev_tx\": invalid hex");
	return test_done();
}
