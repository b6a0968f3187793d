#include <jansson.h>

#include "hash.h"
#include "hexutil.h"
#include "key.h"
#include "script.h"
#include "sighash.h"
#include "tap.h"

static const char *
jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static void
check_hex(const uint8_t *p, size_t n, const char *want)
{
	char *h = tohex(p, n);

	check_str(h, want);
	free(h);
}

static int
parse_hex_tx(const char *hex, struct fl_tx *tx)
{
	struct fl_err e;
	size_t n;
	uint8_t *p = unhex(hex, &n);
	int rc = fl_tx_parse(p, n, 1, tx, &e);

	if (rc != 0)
		tap_diag("%s", e.msg);
	free(p);
	return rc;
}

/*
 * Bitcoin Core's sighash.json: 500 legacy sighashes over random
 * transactions and scripts (OP_CODESEPARATORs, truncated pushes, every
 * hash type, SIGHASH_SINGLE without an output).
 */
static void
test_legacy_vectors(void)
{
	json_error_t je;
	json_t *root = json_load_file("tests/vectors/sighash.json", 0, &je);
	size_t i, nrows = 0, nok = 0;

	check(root != NULL);
	if (root == NULL)
		return;
	for (i = 0; i < json_array_size(root); i++) {
		json_t *v = json_array_get(root, i);
		struct fl_tx tx;
		struct fl_err e;
		uint8_t *script, h[32];
		size_t n;
		char got[65];

		if (json_array_size(v) != 5)
			continue;
		nrows++;
		if (parse_hex_tx(json_string_value(json_array_get(v, 0)),
			&tx) != 0) {
			fl_tx_free(&tx);
			continue;
		}
		script = unhex(json_string_value(json_array_get(v, 1)), &n);
		if (fl_sighash_legacy(&tx,
			(size_t)json_integer_value(json_array_get(v, 2)),
			script, n,
			(uint32_t)json_integer_value(json_array_get(v, 3)), h,
			&e) == 0) {
			fl_txid_hex(h, got); /* shown reversed, as uint256 */
			if (strcmp(got,
				json_string_value(json_array_get(v, 4))) == 0)
				nok++;
			else
				tap_diag("sighash.json row %zu: %s", i, got);
		}
		free(script);
		fl_tx_free(&tx);
	}
	check_uint(nrows, ==, 500);
	check_uint(nok, ==, 500);
	json_decref(root);
}

static void
test_legacy_errors(void)
{
	struct fl_tx tx;
	struct fl_err e;
	uint8_t txid[32] = {0}, h[32], one[32] = {1};

	fl_tx_init(&tx);
	check_int(fl_tx_add_input(&tx, txid, 0, 0, &e), ==, 0);
	check_int(fl_tx_add_input(&tx, txid, 1, 0, &e), ==, 0);
	check_int(fl_tx_add_output(&tx, 5, (const uint8_t *)"\x51", 1, &e), ==,
	    0);
	check_int(fl_sighash_legacy(&tx, 2, NULL, 0, 1, h, &e), ==, FL_EDATA);
	check_str(e.msg, "no input 2");
	/* SIGHASH_SINGLE for input 1 without output 1 signs the number 1 */
	check_int(fl_sighash_legacy(&tx, 1, NULL, 0, 3, h, &e), ==, 0);
	check_mem(h, one, 32);
	check_int(fl_sighash_legacy(&tx, 1, NULL, 0, 0x83, h, &e), ==, 0);
	check_mem(h, one, 32);
	check_int(fl_sighash_legacy(&tx, 0, NULL, 0, 3, h, &e), ==, 0);
	check(memcmp(h, one, 32) != 0);
	fl_tx_free(&tx);
}

/* BIP-143's two examples: the intermediate hashes and the sighash. */
static void
test_bip143(void)
{
	json_error_t je;
	json_t *root =
	    json_load_file("tests/vectors/bip-0143-examples.json", 0, &je);
	json_t *ex = json_object_get(root, "examples");
	size_t i;

	check(root != NULL);
	check_uint(json_array_size(ex), ==, 2);
	for (i = 0; i < json_array_size(ex); i++) {
		json_t *x = json_array_get(ex, i);
		size_t in = (size_t)json_integer_value(
		    json_object_get(x, "sighash_input_index"));
		json_t *coin =
		    json_array_get(json_object_get(x, "inputs"), (size_t)in);
		struct fl_sighash_cache c;
		struct fl_tx tx;
		struct fl_err e;
		uint8_t *pub, kh[20], code[25], h[32];
		size_t n;

		check_int(parse_hex_tx(jstr(x, "unsigned_tx"), &tx), ==, 0);
		check_int(fl_sighash_precompute(&c, &tx, NULL, &e), ==, 0);
		check_hex(c.prevouts_d, 32, jstr(x, "hashPrevouts"));
		check_hex(c.sequences_d, 32, jstr(x, "hashSequence"));
		check_hex(c.outputs_d, 32, jstr(x, "hashOutputs"));
		check(!c.have_spent);
		pub = unhex(jstr(coin, "public_key"), &n);
		fl_hash160(pub, n, kh);
		fl_script_p2pkh(kh, code);
		check_int(fl_sighash_v0(&tx, &c, in, code, sizeof(code),
			      (uint64_t)json_integer_value(
				  json_object_get(coin, "amount_sat")),
			      1, h, &e),
		    ==, 0);
		check_hex(h, 32, jstr(x, "sigHash"));
		/* the same without the cache */
		memset(h, 0, 32);
		check_int(fl_sighash_v0(&tx, NULL, in, code, sizeof(code),
			      (uint64_t)json_integer_value(
				  json_object_get(coin, "amount_sat")),
			      1, h, &e),
		    ==, 0);
		check_hex(h, 32, jstr(x, "sigHash"));
		check_int(fl_sighash_v0(&tx, &c, tx.nin, code, sizeof(code), 0,
			      1, h, &e),
		    ==, FL_EDATA);
		check_str(e.msg, i == 0 ? "no input 2" : "no input 1");
		free(pub);
		fl_tx_free(&tx);
	}
	json_decref(root);
}

/*
 * BIP-143 hash types other than ALL, against values computed from the
 * BIP's definition: NONE and SINGLE zero hashSequence, ANYONECANPAY zeroes
 * hashPrevouts too, SINGLE hashes the matching output only, and SINGLE
 * without one uses zeros.  Checked through their effect on the preimage:
 * the hashes differ from each other and SINGLE|ANYONECANPAY of input 1
 * does not depend on input 0.
 */
static void
test_v0_hashtypes(void)
{
	struct fl_tx a, b;
	struct fl_err e;
	uint8_t txid[32] = {7}, h[6][32], h2[32];
	static const uint32_t types[] = {1, 2, 3, 0x81, 0x82, 0x83};
	size_t i, j;
	int distinct = 1;

	fl_tx_init(&a);
	fl_tx_add_input(&a, txid, 0, 1, &e);
	fl_tx_add_input(&a, txid, 1, 2, &e);
	fl_tx_add_output(&a, 10, (const uint8_t *)"\x51", 1, &e);
	fl_tx_add_output(&a, 20, (const uint8_t *)"\x52", 1, &e);
	for (i = 0; i < 6; i++)
		check_int(fl_sighash_v0(&a, NULL, 1, (const uint8_t *)"\x51", 1,
			      5, types[i], h[i], &e),
		    ==, 0);
	for (i = 0; i < 6; i++)
		for (j = i + 1; j < 6; j++)
			distinct &= memcmp(h[i], h[j], 32) != 0;
	check(distinct);
	fl_tx_init(&b);
	txid[0] = 8;
	fl_tx_add_input(&b, txid, 9, 9, &e);
	txid[0] = 7;
	fl_tx_add_input(&b, txid, 1, 2, &e);
	fl_tx_add_output(&b, 99, (const uint8_t *)"\x53", 1, &e);
	fl_tx_add_output(&b, 20, (const uint8_t *)"\x52", 1, &e);
	check_int(fl_sighash_v0(&b, NULL, 1, (const uint8_t *)"\x51", 1, 5,
		      0x83, h2, &e),
	    ==, 0);
	check_mem(h2, h[5], 32);
	check_int(fl_sighash_v0(&b, NULL, 1, (const uint8_t *)"\x51", 1, 5,
		      0x81, h2, &e),
	    ==, 0);
	check(memcmp(h2, h[3], 32) != 0);
	fl_tx_free(&a);
	fl_tx_free(&b);
}

/* BIP-341 wallet vectors, key path: hashes, sigMsg, sigHash, signatures. */
static void
test_bip341(void)
{
	json_error_t je;
	json_t *root =
	    json_load_file("tests/vectors/wallet-test-vectors.json", 0, &je);
	json_t *kp =
	    json_array_get(json_object_get(root, "keyPathSpending"), 0);
	json_t *given = json_object_get(kp, "given");
	json_t *inter = json_object_get(kp, "intermediary");
	json_t *utxos = json_object_get(given, "utxosSpent");
	json_t *ins = json_object_get(kp, "inputSpending");
	secp256k1_context *ctx = fl_key_ctx_new(NULL);
	struct fl_coin coins[16];
	uint8_t *spks[16];
	struct fl_sighash_cache c;
	struct fl_tx tx;
	struct fl_err e;
	size_t i, n;

	check(root != NULL && ctx != NULL);
	check_int(parse_hex_tx(jstr(given, "rawUnsignedTx"), &tx), ==, 0);
	check_uint(json_array_size(utxos), ==, tx.nin);
	check_uint(tx.nin, ==, 9);
	for (i = 0; i < tx.nin && i < 16; i++) {
		json_t *u = json_array_get(utxos, i);

		memset(&coins[i], 0, sizeof(coins[i]));
		spks[i] = unhex(jstr(u, "scriptPubKey"), &n);
		coins[i].spk = spks[i];
		coins[i].spk_len = n;
		coins[i].value = (uint64_t)json_integer_value(
		    json_object_get(u, "amountSats"));
	}
	check_int(fl_sighash_precompute(&c, &tx, coins, &e), ==, 0);
	check(c.have_spent);
	check_hex(c.amounts, 32, jstr(inter, "hashAmounts"));
	check_hex(c.outputs, 32, jstr(inter, "hashOutputs"));
	check_hex(c.prevouts, 32, jstr(inter, "hashPrevouts"));
	check_hex(c.spks, 32, jstr(inter, "hashScriptPubkeys"));
	check_hex(c.sequences, 32, jstr(inter, "hashSequences"));
	check_uint(json_array_size(ins), ==, 7);
	for (i = 0; i < json_array_size(ins); i++) {
		json_t *g = json_object_get(json_array_get(ins, i), "given");
		json_t *im =
		    json_object_get(json_array_get(ins, i), "intermediary");
		json_t *wit =
		    json_object_get(json_object_get(json_array_get(ins, i),
					"expected"),
			"witness");
		size_t in =
		    (size_t)json_integer_value(json_object_get(g, "txinIndex"));
		uint8_t ht =
		    (uint8_t)json_integer_value(json_object_get(g, "hashType"));
		struct fl_buf msg = {0};
		uint8_t h[32], h2[32], sig[65], internal[32], output[32];
		uint8_t *sec, *tsec;
		size_t sl;

		check_int(fl_sighash_taproot_msg(&tx, &c, coins, in, ht, &msg,
			      &e),
		    ==, 0);
		check_hex(msg.p, msg.len, jstr(im, "sigMsg"));
		check_int(fl_sighash_taproot(&tx, &c, coins, in, ht, h, &e), ==,
		    0);
		check_hex(h, 32, jstr(im, "sigHash"));
		check_int(fl_sighash_taproot(&tx, NULL, coins, in, ht, h2, &e),
		    ==, 0);
		check_mem(h, h2, 32);
		fl_buf_free(&msg);

		/* the key-path signature, aux_rand = 32 zero bytes */
		sec = unhex(jstr(g, "internalPrivkey"), &sl);
		tsec = unhex(jstr(im, "tweakedPrivkey"), &sl);
		check_int(fl_key_taproot_output(ctx, sec, internal, output, &e),
		    ==, 0);
		check_hex(internal, 32, jstr(im, "internalPubkey"));
		if (json_is_null(json_object_get(g, "merkleRoot"))) {
			/* no script tree: our own tweak and signer */
			check_mem(output, coins[in].spk + 2, 32);
			check_int(fl_key_taproot_sign(ctx, sec, h, NULL, sig,
				      &e),
			    ==, 0);
		} else {
			check_int(fl_key_schnorr_sign(ctx, tsec, h, 32, NULL,
				      sig, &e),
			    ==, 0);
		}
		sl = 64;
		if (ht != 0)
			sig[sl++] = ht;
		check_uint(json_array_size(wit), ==, 1);
		check_hex(sig, sl, json_string_value(json_array_get(wit, 0)));
		check_int(fl_key_schnorr_verify(ctx, coins[in].spk + 2, h, 32,
			      sig, &e),
		    ==, 0);
		free(sec);
		free(tsec);
	}
	/* the fully signed transaction parses and re-serializes */
	{
		const char *fhex =
		    jstr(json_object_get(kp, "auxiliary"), "fullySignedTx");
		struct fl_tx f;
		struct fl_buf b = {0};

		check_int(parse_hex_tx(fhex, &f), ==, 0);
		check_int(fl_tx_serialize(&f, 1, &b, &e), ==, 0);
		check_hex(b.p, b.len, fhex);
		check_uint(f.nin, ==, 9);
		check_uint(f.in[0].nwit, ==, 1);
		check_hex(f.in[0].wit[0].p, f.in[0].wit[0].len,
		    json_string_value(json_array_get(
			json_object_get(json_object_get(json_array_get(ins, 0),
					    "expected"),
			    "witness"),
			0)));
		fl_buf_free(&b);
		fl_tx_free(&f);
	}
	for (i = 0; i < tx.nin && i < 16; i++)
		free(spks[i]);
	fl_tx_free(&tx);
	fl_key_ctx_free(ctx);
	json_decref(root);
}

static void
test_taproot_errors(void)
{
	struct fl_tx tx;
	struct fl_err e;
	struct fl_coin coins[2];
	uint8_t txid[32] = {0}, h[32], spk[34] = {0x51, 0x20};
	static const uint8_t bad[] = {0x04, 0x7f, 0x80, 0x84, 0xff};
	size_t i;

	memset(coins, 0, sizeof(coins));
	coins[0].spk = coins[1].spk = spk;
	coins[0].spk_len = coins[1].spk_len = sizeof(spk);
	fl_tx_init(&tx);
	fl_tx_add_input(&tx, txid, 0, 0, &e);
	fl_tx_add_input(&tx, txid, 1, 0, &e);
	fl_tx_add_output(&tx, 5, spk, sizeof(spk), &e);
	for (i = 0; i < sizeof(bad); i++) {
		check_int(fl_sighash_taproot(&tx, NULL, coins, 0, bad[i], h,
			      &e),
		    ==, FL_EDATA);
		check(strncmp(e.msg, "invalid taproot hash type 0x", 28) == 0);
	}
	check_int(fl_sighash_taproot(&tx, NULL, coins, 1, 3, h, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "SIGHASH_SINGLE input 1 has no matching output");
	check_int(fl_sighash_taproot(&tx, NULL, NULL, 0, 0, h, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "a taproot sighash needs the coins of all inputs");
	check_int(fl_sighash_taproot(&tx, NULL, coins, 1, 0x83, h, &e), ==,
	    FL_EDATA);
	check_int(fl_sighash_taproot(&tx, NULL, coins, 0, 3, h, &e), ==, 0);
	check_int(fl_sighash_taproot(&tx, NULL, coins, 2, 0, h, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "no input 2");
	/* DEFAULT and ALL differ only in the hash type byte */
	{
		uint8_t h0[32], h1[32];

		check_int(fl_sighash_taproot(&tx, NULL, coins, 0, 0, h0, &e),
		    ==, 0);
		check_int(fl_sighash_taproot(&tx, NULL, coins, 0, 1, h1, &e),
		    ==, 0);
		check(memcmp(h0, h1, 32) != 0);
	}
	fl_tx_free(&tx);
}

int
main(void)
{
	test_legacy_vectors();
	test_legacy_errors();
	test_bip143();
	test_v0_hashtypes();
	test_bip341();
	test_taproot_errors();
	return test_done();
}
