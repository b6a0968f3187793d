#include <jansson.h>

#include "hash.h"
#include "hexutil.h"
#include "tap.h"
#include "tx.h"

/* Parses hex (with witness allowed) and checks it serializes back. */
static int
roundtrip(const char *hex, struct fl_tx *tx)
{
	struct fl_buf b = {0};
	struct fl_err e;
	size_t n;
	uint8_t *p = unhex(hex, &n);
	int ok;

	ok = fl_tx_parse(p, n, 1, tx, &e) == 0 &&
	    fl_tx_serialize(tx, 1, &b, &e) == 0 && b.len == n &&
	    memcmp(b.p, p, n) == 0 && fl_tx_size(tx, 1) == n;
	if (!ok)
		tap_diag("%s", e.msg);
	fl_buf_free(&b);
	free(p);
	return ok;
}

/* Core's tx_valid.json: every transaction parses and re-serializes. */
static void
test_tx_valid(void)
{
	json_error_t je;
	json_t *root = json_load_file("tests/vectors/tx_valid.json", 0, &je);
	size_t i, ntests = 0, nok = 0, nwit = 0;

	check(root != NULL);
	if (root == NULL)
		return;
	for (i = 0; i < json_array_size(root); i++) {
		json_t *v = json_array_get(root, i);
		struct fl_tx tx;

		if (json_array_size(v) != 3)
			continue; /* a comment */
		ntests++;
		if (roundtrip(json_string_value(json_array_get(v, 1)), &tx))
			nok++;
		else
			tap_diag("tx_valid.json row %zu", i);
		if (fl_tx_has_witness(&tx))
			nwit++;
		fl_tx_free(&tx);
	}
	check_uint(ntests, ==, 121);
	check_uint(nok, ==, ntests);
	check_uint(nwit, >, 10);
	json_decref(root);
}

/*
 * Mutations of every tx_valid.json transaction (a byte changed, a byte
 * dropped, a byte added; deterministic): the parser never reads out of
 * bounds (run under ASan), and whatever it accepts serializes back to the
 * very same bytes, as a strict parser must.
 */
static void
test_mutations(void)
{
	json_error_t je;
	json_t *root = json_load_file("tests/vectors/tx_valid.json", 0, &je);
	uint32_t rng = 12345;
	size_t i, k, accepted = 0, refused = 0, same = 0;

	check(root != NULL);
	for (i = 0; i < json_array_size(root); i++) {
		json_t *v = json_array_get(root, i);
		size_t n;
		uint8_t *p, *q;

		if (json_array_size(v) != 3)
			continue;
		p = unhex(json_string_value(json_array_get(v, 1)), &n);
		q = malloc(n + 1);
		for (k = 0; k < 60; k++) {
			struct fl_tx tx;
			struct fl_buf b = {0};
			struct fl_err e;
			size_t pos, m = n;

			rng = rng * 1103515245u + 12345u;
			pos = (rng >> 8) % n;
			memcpy(q, p, n);
			switch (k % 3) {
			case 0:
				q[pos] ^= (uint8_t)(1u << ((rng >> 4) & 7));
				break;
			case 1:
				memmove(q + pos, q + pos + 1, n - pos - 1);
				m = n - 1;
				break;
			default:
				memmove(q + pos + 1, q + pos, n - pos);
				q[pos] = (uint8_t)(rng >> 16);
				m = n + 1;
				break;
			}
			if (fl_tx_parse(q, m, 1, &tx, &e) == 0) {
				accepted++;
				if (fl_tx_serialize(&tx, 1, &b, &e) == 0 &&
				    b.len == m && memcmp(b.p, q, m) == 0)
					same++;
			} else {
				refused++;
			}
			fl_buf_free(&b);
			fl_tx_free(&tx);
		}
		free(p);
		free(q);
	}
	check_uint(accepted + refused, ==, 121 * 60);
	check_uint(same, ==, accepted);
	check_uint(refused, >, 0);
	tap_diag("mutations: %zu accepted, %zu refused", accepted, refused);
	json_decref(root);
}

/* The genesis block's coinbase: a txid everyone knows. */
static void
test_genesis(void)
{
	static const char *raw =
	    "01000000010000000000000000000000000000000000000000000000000000000"
	    "000000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a61"
	    "6e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f662073656"
	    "36f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a0100"
	    "0000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0e"
	    "a1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b"
	    "6bf11d5fac00000000";
	struct fl_tx tx;
	struct fl_err e;
	uint8_t id[32], wid[32];
	char hex[65];

	check(roundtrip(raw, &tx));
	check_int(fl_tx_txid(&tx, id, &e), ==, 0);
	fl_txid_hex(id, hex);
	check_str(hex,
	    "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
	check_int(fl_tx_wtxid(&tx, wid, &e), ==, 0);
	check_mem(id, wid, 32); /* no witness: wtxid = txid */
	check_uint(tx.nin, ==, 1);
	check_uint(tx.nout, ==, 1);
	check_uint(tx.out[0].value, ==, 5000000000);
	check_uint(fl_tx_weight(&tx), ==, 4 * 204);
	check_uint(fl_tx_vsize(&tx), ==, 204);
	fl_tx_free(&tx);
}

/*
 * BIP-143's native P2WPKH example: the signed transaction has the unsigned
 * one's txid, and its weight follows from its witness (2 + 1 + 107 bytes).
 */
static void
test_bip143_ids(void)
{
	static const char *unsigned_tx =
	    "0100000002fff7f7881a8099afa6940d42d1e7f6362bec38171ea3edf433541db"
	    "4e4ad969f0000000000eeffffffef51e1b804cc89d182d279655c3aa89e815b1b"
	    "309fe287d9b2b55d57b90ec68a0100000000ffffffff02202cb20600000000197"
	    "6a9148280b37df378db99f66f85c95a783a76ac7a6d5988ac9093510d00000000"
	    "1976a9143bde42dbee7e4dbe6a21b2d50ce2f0167faa815988ac11000000";
	static const char *signed_tx =
	    "01000000000102fff7f7881a8099afa6940d42d1e7f6362bec38171ea3edf4335"
	    "41db4e4ad969f00000000494830450221008b9d1dc26ba6a9cb62127b02742fa9"
	    "d754cd3bebf337f7a55d114c8e5cdd30be022040529b194ba3f9281a99f2b1c0a"
	    "19c0489bc22ede944ccf4ecbab4cc618ef3ed01eeffffffef51e1b804cc89d182"
	    "d279655c3aa89e815b1b309fe287d9b2b55d57b90ec68a0100000000ffffffff0"
	    "2202cb206000000001976a9148280b37df378db99f66f85c95a783a76ac7a6d59"
	    "88ac9093510d000000001976a9143bde42dbee7e4dbe6a21b2d50ce2f0167faa8"
	    "15988ac000247304402203609e17b84f6a7d30c80bfa610b5b4542f32a8a0d544"
	    "7a12fb1366d7f01cc44a0220573a954c4518331561406f90300e8f3358f51928d"
	    "43c212a8caed02de67eebee0121025476c2e83188368da1ff3e292e7acafcdb35"
	    "66bb0ad253f62fc70f07aeee635711000000";
	struct fl_tx u, s;
	struct fl_err e;
	uint8_t uid[32], sid[32], wid[32];
	size_t total = strlen(signed_tx) / 2;

	check(roundtrip(unsigned_tx, &u));
	check(roundtrip(signed_tx, &s));
	check(!fl_tx_has_witness(&u));
	check(fl_tx_has_witness(&s));
	check_uint(s.in[1].nwit, ==, 2);
	check_uint(s.in[1].wit[0].len, ==, 71);
	check_uint(s.in[0].nwit, ==, 0);
	check_uint(s.in[0].script_sig_len, ==, 73);
	check_uint(s.in[0].sequence, ==, 0xffffffee);
	check_uint(s.locktime, ==, 0x11);
	/* with input 0's scriptSig, the unsigned tx has the signed one's id */
	check_int(fl_tx_set_script_sig(&u, 0, s.in[0].script_sig,
		      s.in[0].script_sig_len, &e),
	    ==, 0);
	check_int(fl_tx_txid(&u, uid, &e), ==, 0);
	check_int(fl_tx_txid(&s, sid, &e), ==, 0);
	check_mem(uid, sid, 32);
	check_int(fl_tx_wtxid(&s, wid, &e), ==, 0);
	check(memcmp(wid, sid, 32) != 0);
	check_uint(fl_tx_size(&s, 1), ==, total);
	check_uint(fl_tx_size(&s, 0), ==, total - 110);
	check_uint(fl_tx_weight(&s), ==, (total - 110) * 3 + total);
	check_uint(fl_tx_vsize(&s), ==, ((total - 110) * 3 + total + 3) / 4);
	fl_tx_free(&u);
	fl_tx_free(&s);
}

static void
test_build(void)
{
	struct fl_tx tx;
	struct fl_buf b = {0}, b0 = {0};
	struct fl_err e;
	uint8_t txid[32], spk[22] = {0x00, 0x14};
	struct fl_witem w[2] = {{(uint8_t *)"\x01\x02", 2}, {NULL, 0}};
	struct fl_tx back;
	size_t i;
	int added = 1;

	fl_tx_init(&tx);
	check_uint(tx.version, ==, 2);
	for (i = 0; i < 32; i++)
		txid[i] = (uint8_t)i;
	/* thousands of inputs and outputs: no fixed limits */
	for (i = 0; i < 3000; i++) {
		added &= fl_tx_add_input(&tx, txid, (uint32_t)i, 0xfffffffd,
			     &e) == 0;
		added &=
		    fl_tx_add_output(&tx, 1000 + i, spk, sizeof(spk), &e) == 0;
	}
	check(added);
	check_int(fl_tx_set_witness(&tx, 2999, w, 2, &e), ==, 0);
	check_int(fl_tx_set_script_sig(&tx, 5, (const uint8_t *)"\x51", 1, &e),
	    ==, 0);
	check_int(fl_tx_set_witness(&tx, 3000, w, 2, &e), ==, FL_EDATA);
	check_str(e.msg, "no input 3000");
	check_int(fl_tx_set_script_sig(&tx, 3000, NULL, 0, &e), ==, FL_EDATA);
	check_int(fl_tx_serialize(&tx, 1, &b, &e), ==, 0);
	check_uint(b.len, ==, fl_tx_size(&tx, 1));
	/* 3000 inputs of 41 bytes + 1, outputs of 31, counts of 3 bytes */
	check_uint(fl_tx_size(&tx, 0), ==,
	    4 + 3 + 3000 * 41 + 1 + 3 + 3000 * 31 + 4);
	/* witness: marker, flag, 2999 empty stacks, 1 + (1 + 2) + 1 */
	check_uint(fl_tx_size(&tx, 1) - fl_tx_size(&tx, 0), ==, 2 + 2999 + 5);
	check_int(fl_tx_parse(b.p, b.len, 1, &back, &e), ==, 0);
	check_uint(back.nin, ==, 3000);
	check_uint(back.in[2999].nwit, ==, 2);
	check_uint(back.in[2999].wit[1].len, ==, 0);
	check_uint(back.out[2999].value, ==, 3999);
	fl_tx_free(&back);
	/* without witness, and parsing that with witness not allowed */
	check_int(fl_tx_serialize(&tx, 0, &b0, &e), ==, 0);
	check_uint(b0.len, ==, fl_tx_size(&tx, 0));
	check_int(fl_tx_parse(b0.p, b0.len, 0, &back, &e), ==, 0);
	check(!fl_tx_has_witness(&back));
	fl_tx_free(&back);
	/* witness data is not understood when not allowed */
	check_int(fl_tx_parse(b.p, b.len, 0, &back, &e), ==, FL_EDATA);
	fl_tx_free(&back);
	fl_buf_free(&b);
	fl_buf_free(&b0);
	fl_tx_free(&tx);
	check_uint(tx.nin, ==, 0);
	check(tx.in == NULL);
}

static void
parse_err(const char *hex, const char *msg)
{
	struct fl_tx tx;
	struct fl_err e;
	size_t n;
	uint8_t *p = unhex(hex, &n);

	check_int(fl_tx_parse(p, n, 1, &tx, &e), ==, FL_EDATA);
	check_str(e.msg, msg);
	fl_tx_free(&tx);
	free(p);
}

#define TXIN \
	"0000000000000000000000000000000000000000000000000000000000000000" \
	"00000000"
static void
test_errors(void)
{
	static const char *ok = "01000000" /* version */
				"01" TXIN "00ffffffff"
				"01"
				"0100000000000000"
				"0151"
				"00000000";
	size_t n, len;
	uint8_t *p = unhex(ok, &n);
	int all = 1;

	/* every strict prefix is refused, never read beyond */
	for (len = 0; len < n; len++) {
		struct fl_tx tx;
		struct fl_err e;

		all &= fl_tx_parse(p, len, 1, &tx, &e) == FL_EDATA;
		fl_tx_free(&tx);
	}
	check(all);
	free(p);
	parse_err("", "version: unexpected end of data at byte 0");
	parse_err("0100000001" TXIN "00ffffffff"
		  "01"
		  "0100000000000000"
		  "0151"
		  "00000000"
		  "00",
	    "1 trailing bytes at byte 61");
	parse_err("01000000fd0100" TXIN "00ffffffff",
	    "input count: non-canonical compact size at byte 4");
	parse_err("0100000005" TXIN "00ffffffff",
	    "input count: 5 at byte 4 is more than the 41 bytes left can hold");
	parse_err("0100000001" TXIN "05ffffffff",
	    "input 0 scriptSig: unexpected end of data at byte 46");
	parse_err("0100000001" TXIN "00ffffffff"
		  "01"
		  "0100000000000000"
		  "05aa",
	    "output 0 scriptPubKey: unexpected end of data at byte 57");
	parse_err("0100000001" TXIN "00ffffffff"
		  "01"
		  "01000000000000",
	    "output count: 1 at byte 46 is more than the 7 bytes left can "
	    "hold");
	parse_err("0100000001" TXIN "00ffffffff"
		  "09",
	    "output count: 9 at byte 46 is more than the 0 bytes left can "
	    "hold");
	parse_err("0100000001" TXIN "00ffff",
	    "input count: 1 at byte 4 is more than the 39 bytes left can hold");
	/* a witness flag with every stack empty; an unknown flag */
	parse_err("01000000"
		  "0001"
		  "01" TXIN "00ffffffff"
		  "01"
		  "0100000000000000"
		  "0151"
		  "00"
		  "00000000",
	    "witness flag set but every witness is empty");
	parse_err("01000000"
		  "0002"
		  "01" TXIN "00ffffffff"
		  "01"
		  "0100000000000000"
		  "0151"
		  "00000000",
	    "unknown flag 0x02");
	parse_err("01000000"
		  "0001"
		  "01" TXIN "00ffffffff"
		  "01"
		  "0100000000000000"
		  "0151"
		  "0102aa",
	    "input 0 witness: unexpected end of data at byte 62");
	parse_err("01000000"
		  "0001"
		  "01" TXIN "00ffffffff"
		  "01"
		  "0100000000000000"
		  "0151"
		  "0101aa"
		  "000000",
	    "locktime: unexpected end of data at byte 65");
	/* zero inputs: the next byte is the flag; 0 means no outputs */
	parse_err("0100000000000000000000", "1 trailing bytes at byte 10");
}

int
main(void)
{
	test_tx_valid();
	test_mutations();
	test_genesis();
	test_bip143_ids();
	test_build();
	test_errors();
	return test_done();
}
