#include <stdlib.h>
#include <string.h>

#include "esplora.h"
#include "tap.h"

/* P2WPKH 0014 + 20 bytes of 0x11; the other script 0014 + 0x22. */
#define SPK "00141111111111111111111111111111111111111111"
#define OTHER "00142222222222222222222222222222222222222222"
#define TXA "aa00000000000000000000000000000000000000000000000000000000000001"
#define TXB "BB00000000000000000000000000000000000000000000000000000000000002"
#define HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define CONF(h, t) \
	"{\"confirmed\":true,\"block_height\":" #h ",\"block_hash\":\"" HASH \
	"\",\"block_time\":" #t "}"
#define MEMPOOL "{\"confirmed\":false}"
#define IN(spk) "{\"prevout\":{\"scriptpubkey\":\"" spk "\",\"value\":5}}"
#define OUT(spk, v) "{\"scriptpubkey\":\"" spk "\",\"value\":" #v "}"
#define TX(id, st, ins, outs) \
	"{\"txid\":\"" id "\",\"status\":" st ",\"vin\":[" ins \
	"],\"vout\":[" outs "]}"

static const uint8_t spk[22] = {0x00, 0x14, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x11, 0x11};

static int
parse(const char *s, struct fl_esplora_txs *t, struct fl_err *e)
{
	return fl_esplora_parse_txs(s, strlen(s), spk, sizeof(spk), t, e);
}

static void
bad(const char *s, const char *msg)
{
	struct fl_esplora_txs t;
	struct fl_err e;

	check_int(parse(s, &t, &e), ==, FL_ENET);
	check_str(e.msg, msg);
	fl_esplora_txs_free(&t);
}

static void
test_page(void)
{
	struct fl_esplora_txs t;
	struct fl_err e;

	check_int(parse("[]", &t, &e), ==, 0);
	check_uint(t.n, ==, 0);
	fl_esplora_txs_free(&t);
	check_int(parse("[" TX(TXA, MEMPOOL, IN(OTHER),
			    OUT(SPK, 7) "," OUT(OTHER, 1)) "," TX(TXB,
			    CONF(900000, 1795694400), IN(SPK) "," IN(OTHER),
			    OUT(OTHER, 1) "," OUT(SPK,
				2100000000000000) "," OUT(SPK, 0)) "," TX(TXA,
			    CONF(899999, 1795694000),
			    "{\"is_coinbase\":true,\"prevout\":null}",
			    OUT(SPK, 625000000)) "]",
		      &t, &e),
	    ==, 0);
	check_uint(t.n, ==, 3);
	check_uint(t.nconf, ==, 2);
	check_str(t.tx[0].txid, TXA);
	check_int(t.tx[0].confirmed, ==, 0);
	check_int(t.tx[0].self, ==, 0);
	check_uint(t.tx[0].nout, ==, 1);
	check_uint(t.tx[0].vout[0], ==, 0);
	check_uint(t.tx[0].value[0], ==, 7);
	/* Upper-case txid lowered; an input of the address: a self-transfer. */
	check_str(t.tx[1].txid,
	    "bb00000000000000000000000000000000000000000000000000000000000002");
	check_int(t.tx[1].confirmed, ==, 1);
	check_uint(t.tx[1].height, ==, 900000);
	check_int(t.tx[1].time, ==, 1795694400);
	check_int(t.tx[1].self, ==, 1);
	check_uint(t.tx[1].nout, ==, 2);
	check_uint(t.tx[1].vout[0], ==, 1);
	check_uint(t.tx[1].value[0], ==, 2100000000000000);
	check_uint(t.tx[1].vout[1], ==, 2);
	check_uint(t.tx[1].value[1], ==, 0);
	/* A coinbase pays, and is no self-transfer. */
	check_int(t.tx[2].self, ==, 0);
	check_uint(t.tx[2].value[0], ==, 625000000);
	fl_esplora_txs_free(&t);
}

static void
test_bad(void)
{
	bad("", "JSON: '[' or '{' expected near end of file (byte 0)");
	bad("{}", "not a JSON array");
	bad("[1]", "tx 1: not an object");
	bad("[{\"txid\":\"ab\"}]", "tx 1: \"txid\": not 64 digits of hex");
	bad("[" TX(TXA, "{}", "", "") "]",
	    "tx 1: \"status\": \"confirmed\": missing");
	bad("[" TX(TXA, "{\"confirmed\":true}", "", "") "]",
	    "tx 1: \"status\": \"block_height\": missing");
	bad("[" TX(TXA, CONF(1, -1), "", "") "]",
	    "tx 1: \"status\": \"block_time\": out of range -1");
	bad("[" TX(TXA, MEMPOOL, IN(SPK), OUT(SPK, 1.0)) "]",
	    "tx 1: vout 0: \"value\": not an integer");
	bad("[" TX(TXA, MEMPOOL, IN(SPK), OUT(SPK, 2100000000000001)) "]",
	    "tx 1: vout 0: \"value\": out of range 2100000000000001");
	bad("[" TX(TXA, MEMPOOL, IN(SPK), OUT("0x", 1)) "]",
	    "tx 1: vout 0: \"scriptpubkey\": not bytes in hex");
	bad("[" TX(TXA, MEMPOOL, "{\"prevout\":null}", OUT(SPK, 1)) "]",
	    "tx 1: vin 0: \"prevout\": not an object");
	bad("[{\"txid\":\"" TXA "\",\"status\":" MEMPOOL ",\"vin\":[]}]",
	    "tx 1: \"vout\": missing");
	bad("[{\"txid\":\"" TXA "\",\"txid\":\"" TXA "\"}]",
	    "JSON: duplicate object key near '\"txid\"' (byte 82)");
	/* The documented order: mempool first, then newest first. */
	bad("[" TX(TXA, CONF(5, 1), "", "") "," TX(TXA, MEMPOOL, "", "") "]",
	    "tx 2: not in the documented order (mempool first, then newest "
	    "first)");
	bad("[" TX(TXA, CONF(5, 1), "", "") "," TX(TXA, CONF(6, 1), "", "") "]",
	    "tx 2: not in the documented order (mempool first, then newest "
	    "first)");
}

static int
addresses(const char *text, struct fl_address **a, size_t *n, struct fl_err *e)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	struct fl_tsv_reader r;
	int rc;

	if ((rc = fl_tsv_open(&r, fp, e)) == 0)
		rc = fl_esplora_addresses(&r, a, n, e);
	fl_tsv_close(&r);
	fclose(fp);
	return rc;
}

static void
test_addresses(void)
{
	struct fl_address *a;
	struct fl_err e;
	size_t n;

	/* Distinct, sorted, bech32 lowered, empty fields skipped. */
	check_int(addresses("x\taddress\n"
			    "1\tBC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4\n"
			    "2\t\n"
			    "3\t1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2\n"
			    "4\tbc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\n",
		      &a, &n, &e),
	    ==, 0);
	check_uint(n, ==, 2);
	check_str(a[0].text, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
	check_str(a[1].text, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
	free(a);
	check_int(addresses("address\nbcrt1q6rhpng9evdsfnn833a4f4vej0asu6dk5srl"
			    "d6x\n",
		      &a, &n, &e),
	    ==, 0);
	check_uint(n, ==, 1);
	free(a);
	check_int(addresses("sat\n1\n", &a, &n, &e), ==, FL_EDATA);
	check_str(e.msg, "missing column \"address\"");
	check_int(addresses("address\n1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2\n"
			    "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn\n",
		      &a, &n, &e),
	    ==, FL_EDATA);
	check_uint(e.line, ==, 3);
	check_str(e.msg,
	    "address \"mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn\" is "
	    "for test, the first for main");
	check(a == NULL);
	check_int(addresses("address\nbc1qnot\n", &a, &n, &e), ==, FL_EDATA);
	check_uint(e.line, ==, 2);
	check_str(e.msg,
	    "column \"address\": invalid address \"bc1qnot\": "
	    "bech32 checksum too short");
	check_int(addresses("address\nx\"\\\\\\tz\n", &a, &n, &e), ==,
	    FL_EDATA);
	check_str(e.msg,
	    "column \"address\": invalid address \"x???z\": "
	    "not an address: invalid base58 character");
}

int
main(void)
{
	test_page();
	test_bad();
	test_addresses();
	return test_done();
}
