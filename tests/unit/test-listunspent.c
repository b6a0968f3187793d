#include <stdlib.h>

#include "listunspent.h"
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
	memset(&us, 0, sizeof us);
	return fl_listunspent_read(text, strlen(text), net, &us, &e);
}

static void
bad(const char *text, unsigned long line, const char *msg)
{
	memset(&e, 0, sizeof e);
	check_int(read_text(text, FL_NET_MAIN), ==, FL_EDATA);
	check_uint(e.line, ==, line);
	check_str(e.msg, msg);
	fl_utxo_free(&us);
}

/* A JSON coin with the amount text a; returns its sat or 0 if refused. */
static uint64_t
json_amount(const char *a)
{
	char buf[512];
	uint64_t v = 0;

	snprintf(buf, sizeof buf,
	    "[{\"txid\":\"" TXID "\",\"vout\":0,\"amount\":%s,"
	    "\"scriptPubKey\":\"" SPK "\"}]",
	    a);
	if (read_text(buf, FL_NET_MAIN) == 0)
		v = us.u[0].value;
	fl_utxo_free(&us);
	return v;
}

/* fl_listunspent_sat() on a double, as jansson would hand it over. */
static uint64_t
real_sat(double d)
{
	json_t *v = json_real(d);
	uint64_t s = 0;

	if (fl_listunspent_sat(v, &s) != 0)
		s = 0;
	json_decref(v);
	return s;
}

int
main(void)
{
	FILE *fp;

	/* Through fl_utxo_read(): JSON told from TSV by its first byte. */
	fp = fmemopen((void *)"  [{\"txid\":\"" TXID "\",\"vout\":1,"
			      "\"address\":\"" ADDR "\",\"amount\":0.00100000,"
			      "\"confirmations\":6}]",
	    strlen("  [{\"txid\":\"" TXID "\",\"vout\":1,"
		   "\"address\":\"" ADDR "\",\"amount\":0.00100000,"
		   "\"confirmations\":6}]"),
	    "r");
	check_int(fl_utxo_read(fp, FL_NET_MAIN, &us, &e), ==, 0);
	fclose(fp);
	check(us.json);
	check_uint(us.n, ==, 1);
	if (us.n == 1) {
		check_uint(us.u[0].value, ==, 100000);
		check_uint(us.u[0].line, ==, 1);
	}
	fl_utxo_free(&us);

	/* Amounts: the double's shortest decimal, at most 8 decimals. */
	check_uint(json_amount("0.1"), ==, 10000000);
	check_uint(json_amount("0.00000001"), ==, 1);
	check_uint(json_amount("1e-8"), ==, 1);
	check_uint(json_amount("1"), ==, 100000000);
	check_uint(json_amount("0.29"), ==, 29000000);
	check_uint(json_amount("0.57"), ==, 57000000);
	check_uint(json_amount("20999999.99999999"), ==,
	    UINT64_C(2099999999999999));
	check_uint(json_amount("21000000"), ==, UINT64_C(2100000000000000));
	check_uint(json_amount("21000000.0"), ==, UINT64_C(2100000000000000));
	check_uint(json_amount("21000000.00000001"), ==, 0);
	check_uint(json_amount("0.000000001"), ==, 0);
	check_uint(json_amount("0.123456789"), ==, 0);
	check_uint(json_amount("1.000000005"), ==, 0);
	check_uint(json_amount("0.30000000000000004"), ==, 0);
	check_uint(json_amount("0"), ==, 0);
	check_uint(json_amount("0.0"), ==, 0);
	check_uint(json_amount("-0.1"), ==, 0);
	check_uint(json_amount("\"0.1\""), ==, 0);
	check_uint(json_amount("null"), ==, 0);
	check_uint(json_amount("22000000"), ==, 0);
	check_uint(json_amount("1.00000000000000000000"), ==, 100000000);
	check_uint(json_amount("1.5E-7"), ==, 15);
	check_uint(json_amount("1.0e0"), ==, 100000000);
	check_uint(json_amount("100000000000000000000000"), ==, 0);
	/*
	 * One reading: digits a double cannot hold are not seen (the text
	 * is never read a second way), the double is what counts.
	 */
	check_uint(json_amount("0.00100000000000000000001"), ==, 100000);
	/* The same rule on doubles. */
	check_uint(real_sat(0.00000001), ==, 1);
	check_uint(real_sat(1e-8), ==, 1);
	check_uint(real_sat(20999999.99999999), ==, UINT64_C(2099999999999999));
	check_uint(real_sat(0.1 + 0.2), ==, 0); /* 0.30000000000000004 */
	check_uint(real_sat(0.3), ==, 30000000);
	check_uint(real_sat(1.000000005), ==, 0);
	check_uint(real_sat(1.00000001), ==, 100000001);
	check_uint(real_sat(5e-9), ==, 0);
	check_uint(real_sat(21e6), ==, UINT64_C(2100000000000000));
	check_uint(real_sat(21000000.00000001), ==, 0);
	check_uint(real_sat(-0.0), ==, 0);

	/* Errors. */
	bad("[1]", 0, "entry 1: not an object");
	bad("{}", 0, "not a JSON array of coins (bitcoin-cli listunspent)");
	bad("[{\"txid\":\"" TXID "\",\"vout\":1,\"amount\":1}]", 0,
	    "entry 1: member \"scriptPubKey\" or \"address\" is empty");
	bad("[{\"txid\":\"" TXID "\",\"vout\":-1,\"amount\":1}]", 0,
	    "entry 1: member \"vout\": missing or not an integer");
	bad("[{\"txid\":\"" TXID "\",\"vout\":1,\"amount\":1.000000005,"
	    "\"address\":\"" ADDR "\"}]",
	    0,
	    "entry 1: member \"amount\": missing, or not an amount of BTC "
	    "with at most 8 decimals");
	bad("[{\"txid\":5,\"vout\":1,\"amount\":1}]", 0,
	    "entry 1: member \"txid\", \"scriptPubKey\", \"address\", "
	    "\"redeemScript\", \"prev_tx\" or \"desc\" missing or not a "
	    "string");
	bad("[{\"txid\":\"" TXID
	    "\",\"vout\":1,\"amount\":1,\"address\":\"" ADDR
	    "\"},{\"txid\":\"" TXID "\",\"vout\":1,\"amount\":1,\"address\":"
	    "\"" ADDR "\"}]",
	    0, "entry 2: coin " TXID ":1 appears twice (also line 1)");
	bad("[\n{\"txid\":1,\n\"txid\":2}]", 3,
	    "invalid JSON: duplicate object key near '\"txid\"'");
	/* Escaped member names are jansson's view, as everywhere. */
	bad("[{\"txid\":\"" TXID "\",\"vout\":1,\"\\u0061mount\":1.000000005,"
	    "\"address\":\"" ADDR "\"}]",
	    0,
	    "entry 1: member \"amount\": missing, or not an amount of BTC "
	    "with at most 8 decimals");
	return test_done();
}
