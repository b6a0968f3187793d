/* lib/keymatch: which key spends which coin, and as what type. */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "keymatch.h"
#include "script.h"
#include "tap.h"

static struct fl_utxo c[4];
static struct fl_utxos cs;
static enum fl_sign_type ty[4];
static struct fl_err e;

/* The context of the coins cs, their types ty, and keys ks (or none). */
static struct fl_txctx
ctx_of(secp256k1_context *secp, const struct fl_keys *ks)
{
	struct fl_txctx x;

	fl_txctx_init(&x);
	x.secp = secp;
	if (ks != NULL)
		x.keys = *ks;
	x.coins = cs;
	x.types = ty;
	return x;
}

static int
typed(secp256k1_context *secp, const struct fl_keys *ks)
{
	struct fl_txctx x = ctx_of(secp, ks);

	return fl_keymatch_type_coins(&x, &e);
}

static int
used(secp256k1_context *secp, const struct fl_keys *ks)
{
	struct fl_txctx x = ctx_of(secp, ks);

	return fl_keymatch_keys_used(&x, &e);
}

/* Keys with secrets 0x01.., 0x02.., ... each repeated 32 times. */
static void
make_keys(const secp256k1_context *ctx, struct fl_keys *ks, size_t n)
{
	size_t i;

	ks->k = calloc(n, sizeof(*ks->k));
	ks->n = n;
	ks->max = 0; /* from calloc(), not fl_secret_alloc() */
	for (i = 0; i < n; i++) {
		memset(ks->k[i].sec, (int)(i + 1), 32);
		ks->k[i].compressed = 1;
		fl_key_pubkey(ctx, ks->k[i].sec, ks->k[i].pub, &e);
		fl_hash160(ks->k[i].pub, 33, ks->k[i].keyhash);
	}
}

/* Coin i: spk, of value 1000 * (i + 1), at TSV line i + 2. */
static void
set_coin(size_t i, const uint8_t *spk, size_t len)
{
	memset(&c[i], 0, sizeof c[i]);
	c[i].txid[31] = (uint8_t)(0xa0 + i);
	c[i].vout = (uint32_t)i;
	c[i].value = 1000 * (i + 1);
	memcpy(c[i].spk, spk, len);
	c[i].spk_len = len;
	c[i].line = i + 2;
}

int
main(void)
{
	secp256k1_context *ctx = fl_key_ctx_new(&e);
	struct fl_keys ks, none = {NULL, 0, 0};
	uint8_t spk[42], redeem[22], in[32], out[32], prev_tx[1] = {0};
	size_t n;

	/*
	 * Coins: 0 P2WPKH of key 1, 1 P2SH-P2WPKH of key 2 without its
	 * redeem script, 2 P2TR of key 3, 3 P2PKH of key 1.
	 */
	make_keys(ctx, &ks, 3);
	n = fl_script_p2wpkh(ks.k[0].keyhash, spk);
	set_coin(0, spk, n);
	n = fl_script_p2sh_p2wpkh(ks.k[1].keyhash, spk);
	set_coin(1, spk, n);
	fl_key_taproot_output(ctx, ks.k[2].sec, in, out, &e);
	n = fl_script_p2tr(out, spk);
	set_coin(2, spk, n);
	n = fl_script_p2pkh(ks.k[0].keyhash, spk);
	set_coin(3, spk, n);
	cs.u = c;
	cs.n = 4;
	cs.json = 0;

	/* Each key spends its coins, no other. */
	check(fl_keymatch_spends(ctx, &ks.k[0], &c[0], FL_SIGN_P2WPKH));
	check(!fl_keymatch_spends(ctx, &ks.k[1], &c[0], FL_SIGN_P2WPKH));
	check(fl_keymatch_spends(ctx, &ks.k[2], &c[2], FL_SIGN_P2TR));
	check(!fl_keymatch_spends(ctx, &ks.k[0], &c[2], FL_SIGN_P2TR));
	check(!fl_keymatch_spends(NULL, &ks.k[2], &c[2], FL_SIGN_P2TR));
	check(!fl_keymatch_spends(ctx, &ks.k[0], &c[1], FL_SIGN_P2SH_P2WPKH));
	check_uint(c[1].redeem_len, ==, 0);

	/* Without keys the P2SH coin cannot be typed: line 3. */
	check_int(typed(NULL, &none), ==, FL_EDATA);
	check_uint(e.line, ==, 3);
	check_str(e.msg,
	    "p2sh coin without its redeem script (only "
	    "P2SH-P2WPKH coins are supported: give redeem_script, "
	    "or its key)");
	check_int(typed(NULL, NULL), ==, FL_EDATA);
	/* From JSON: "entry N: ", no line. */
	cs.json = 1;
	check_int(typed(NULL, &none), ==, FL_EDATA);
	check_uint(e.line, ==, 0);
	check_str(e.msg,
	    "entry 3: p2sh coin without its redeem script (only "
	    "P2SH-P2WPKH coins are supported: give redeem_script, "
	    "or its key)");
	cs.json = 0;

	/*
	 * A P2PKH coin without its previous transaction: its amount is
	 * unproven (a legacy signature does not commit to it), refused
	 * signing or not.
	 */
	check_int(typed(ctx, &ks), ==, FL_EDATA);
	check_uint(e.line, ==, 5);
	check_str(e.msg,
	    "p2pkh coin a300000000000000000000000000000000000000000000000000"
	    "000000000000:3 needs prev_tx, the transaction that made it: a "
	    "legacy signature does not commit to the amount, so nothing else "
	    "proves it");
	c[1].redeem_len = 0;
	c[3].prev_tx = prev_tx; /* what the coin readers checked */
	c[3].prev_tx_len = sizeof prev_tx;

	/* With the keys: every coin typed, the redeem script filled in. */
	check_int(typed(ctx, &ks), ==, 0);
	check_int(ty[0], ==, FL_SIGN_P2WPKH);
	check_int(ty[1], ==, FL_SIGN_P2SH_P2WPKH);
	check_int(ty[2], ==, FL_SIGN_P2TR);
	check_int(ty[3], ==, FL_SIGN_P2PKH);
	fl_script_p2wpkh(ks.k[1].keyhash, redeem);
	check_uint(c[1].redeem_len, ==, 22);
	check_mem(c[1].redeem, redeem, 22);
	check_int(used(ctx, &ks), ==, 0);
	check_int(used(ctx, &none), ==, 0);

	/* A coin with no key: the P2TR coin without key 3. */
	ks.n = 2;
	check_int(typed(ctx, &ks), ==, FL_EDATA);
	check_uint(e.line, ==, 4);
	check_str(e.msg,
	    "no key for coin "
	    "a200000000000000000000000000000000000000000000000000"
	    "000000000000:2 (p2tr)");
	cs.json = 1;
	check_int(typed(ctx, &ks), ==, FL_EDATA);
	check_uint(e.line, ==, 0);
	check_str(e.msg,
	    "entry 4: no key for coin "
	    "a200000000000000000000000000000000000000000000000000"
	    "000000000000:2 (p2tr)");
	cs.json = 0;
	ks.n = 3;

	/* A key that matches no coin: key 2 once its coin is gone. */
	cs.n = 1;
	check_int(typed(ctx, &ks), ==, 0);
	check_int(used(ctx, &ks), ==, FL_EDATA);
	check_uint(e.line, ==, 0);
	check_str(e.msg, "key 2 of the key file matches no coin");
	cs.n = 4;

	/* No coins, no keys: nothing to say. */
	cs.n = 0;
	check_int(typed(ctx, &none), ==, 0);
	check_int(used(ctx, &none), ==, 0);
	check_int(used(ctx, &ks), ==, FL_EDATA);
	check_str(e.msg, "key 1 of the key file matches no coin");

	/* The coin lib/sign sees: the redeem script only when known. */
	{
		struct fl_coin k;

		fl_keymatch_coin(&c[1], &k);
		check_uint(k.value, ==, 2000);
		check(k.spk == c[1].spk && k.spk_len == 23);
		check(k.redeem == c[1].redeem && k.redeem_len == 22);
		fl_keymatch_coin(&c[0], &k);
		check(k.redeem == NULL && k.redeem_len == 0);
	}

	fl_keys_free(&ks);
	fl_key_ctx_free(ctx);
	return test_done();
}
