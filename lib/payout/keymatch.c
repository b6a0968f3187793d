#include "keymatch.h"

#include <stdio.h>
#include <string.h>

#include "hash.h"
#include "secret.h"
#include "script.h"
#include "tx.h"

/*
 * Does k spend u as type t?  For P2SH-P2WPKH the redeem script that
 * matched goes to redeem (22 bytes) and *redeem_len when they are given.
 */
static int
key_spends(const secp256k1_context *ctx, const struct fl_key *k,
    const struct fl_utxo *u, enum fl_sign_type t, uint8_t *redeem,
    size_t *redeem_len)
{
	uint8_t prog[40], spk[42], internal[32], output[32], h[20];
	size_t proglen, n;
	struct fl_err e;
	int rc;

	fl_script_classify(u->spk, u->spk_len, prog, &proglen, NULL);
	switch (t) {
	case FL_SIGN_P2WPKH:
	case FL_SIGN_P2PKH:
		return memcmp(prog, k->keyhash, 20) == 0;
	case FL_SIGN_P2SH_P2WPKH:
		n = fl_script_p2wpkh(k->keyhash, spk);
		fl_hash160(spk, n, h);
		if (memcmp(prog, h, 20) != 0)
			return 0;
		if (redeem != NULL) {
			memcpy(redeem, spk, n);
			*redeem_len = n;
		}
		return 1;
	case FL_SIGN_P2TR:
		if (ctx == NULL)
			return 0;
		rc = fl_key_taproot_output(ctx, k->sec, internal, output, &e);
		fl_secret_wipe(internal, sizeof internal);
		return rc == 0 && memcmp(prog, output, 32) == 0;
	default:
		return 0;
	}
}

int
fl_keymatch_spends(const secp256k1_context *ctx, const struct fl_key *k,
    struct fl_utxo *u, enum fl_sign_type t)
{
	if (u->redeem_len == 0)
		return key_spends(ctx, k, u, t, u->redeem, &u->redeem_len);
	return key_spends(ctx, k, u, t, NULL, NULL);
}

void
fl_keymatch_coin(const struct fl_utxo *u, struct fl_coin *c)
{
	memset(c, 0, sizeof *c);
	c->value = u->value;
	c->spk = u->spk;
	c->spk_len = u->spk_len;
	c->redeem = u->redeem_len ? u->redeem : NULL;
	c->redeem_len = u->redeem_len;
}

/* A coin's error: its TSV line, or "entry N: " for a JSON coin. */
static int
coin_err(const struct fl_utxos *cs, const struct fl_utxo *u, struct fl_err *e,
    const char *what)
{
	if (cs->json)
		return fl_err_set(e, FL_EDATA, "entry %lu: %s", u->line, what);
	return fl_err_setl(e, FL_EDATA, u->line, 0, "%s", what);
}

int
fl_keymatch_type_coins(struct fl_txctx *x, struct fl_err *e)
{
	struct fl_utxos *cs = &x->coins;
	enum fl_sign_type *types = x->types;
	struct fl_utxo *u;
	struct fl_coin c;
	uint8_t prog[40];
	size_t i, k, nk = x->keys.n, proglen;
	char txid[65], what[256];
	int any;

	for (i = 0; i < cs->n; i++) {
		u = &cs->u[i];
		any = 0;
		if (fl_script_classify(u->spk, u->spk_len, prog, &proglen,
			NULL) == FL_SCRIPT_P2SH &&
		    u->redeem_len == 0) {
			/* A key may tell it is P2SH-P2WPKH. */
			for (k = 0; k < nk && !any; k++)
				any = fl_keymatch_spends(x->secp, &x->keys.k[k],
				    u, FL_SIGN_P2SH_P2WPKH);
		}
		fl_keymatch_coin(u, &c);
		types[i] = fl_sign_type_of(&c);
		if (types[i] == FL_SIGN_UNSUPPORTED)
			return coin_err(cs, u, e,
			    "p2sh coin without its redeem script (only "
			    "P2SH-P2WPKH coins are supported: give "
			    "redeem_script, or its key)");
		/*
		 * A legacy signature does not commit to the amount it spends
		 * (BIP-143 and BIP-341 signatures do): a coin file that
		 * understates it would have the difference burnt as fee,
		 * past --max-fee, by us or by any signer of our PSBT.  Only
		 * the previous transaction, checked by the coin readers,
		 * proves it.
		 */
		if (types[i] == FL_SIGN_P2PKH && u->prev_tx == NULL) {
			fl_txid_hex(u->txid, txid);
			snprintf(what, sizeof what,
			    "p2pkh coin %s:%u needs prev_tx, the transaction "
			    "that made it: a legacy signature does not commit "
			    "to the amount, so nothing else proves it",
			    txid, (unsigned)u->vout);
			return coin_err(cs, u, e, what);
		}
		if (nk == 0)
			continue;
		for (any = 0, k = 0; k < nk && !any; k++)
			any = fl_keymatch_spends(x->secp, &x->keys.k[k], u,
			    types[i]);
		if (!any) {
			fl_txid_hex(u->txid, txid);
			snprintf(what, sizeof what,
			    "no key for coin %s:%u (%s)", txid,
			    (unsigned)u->vout, fl_sign_type_name(types[i]));
			return coin_err(cs, u, e, what);
		}
	}
	return 0;
}

int
fl_keymatch_keys_used(const struct fl_txctx *x, struct fl_err *e)
{
	size_t i, k;
	int any;

	for (k = 0; k < x->keys.n; k++) {
		for (any = 0, i = 0; i < x->coins.n && !any; i++)
			any = key_spends(x->secp, &x->keys.k[k], &x->coins.u[i],
			    x->types[i], NULL, NULL);
		if (!any)
			return fl_err_set(e, FL_EDATA,
			    "key %zu of the key file matches no coin", k + 1);
	}
	return 0;
}
