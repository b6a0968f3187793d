#include "txbuild.h"

#include <stdlib.h>
#include <string.h>

#include "apportion.h" /* fl_u128 */
#include "fee.h"
#include "keymatch.h"
#include "psbt.h"
#include "script.h"
#include "txsettle.h"

void
fl_txbuild_init(struct fl_txbuild *b)
{
	memset(b, 0, sizeof *b);
	fl_tx_init(&b->tx);
}

void
fl_txbuild_free(struct fl_txbuild *b)
{
	fl_tx_free(&b->tx);
	fl_buf_free(&b->bytes);
	fl_txbuild_init(b);
}

int
fl_txbuild_unsigned(const struct fl_txctx *x, const struct fl_txplan_tx *t,
    struct fl_tx *tx, struct fl_err *e)
{
	const struct fl_utxo *coins = x->coins.u;
	const struct fl_payee *payees = x->payees;
	size_t i;
	int rc = 0;

	fl_tx_init(tx);
	for (i = 0; i < t->nin && rc == 0; i++)
		rc = fl_tx_add_input(tx, coins[t->in[i]].txid,
		    coins[t->in[i]].vout, 0xfffffffdu, e);
	for (i = 0; i < t->npay && rc == 0; i++)
		rc = fl_tx_add_output(tx, t->pay[i], payees[t->first + i].a.spk,
		    payees[t->first + i].a.spklen, e);
	if (rc == 0 && t->change > 0)
		rc = fl_tx_add_output(tx, t->change, x->o.change_spk,
		    x->o.change_spk_len, e);
	return rc;
}

int
fl_txbuild_check(const struct fl_txctx *x, size_t n,
    const struct fl_txplan_tx *t, const struct fl_tx *tx, uint64_t weight,
    struct fl_err *e)
{
	uint64_t in = 0, out = 0;
	size_t i;

	for (i = 0; i < t->nin; i++)
		in += x->coins.u[t->in[i]].value;
	for (i = 0; i < tx->nout; i++)
		out += tx->out[i].value;
	if (tx->nout < t->npay + (t->change > 0))
		goto fail;
	for (i = 0; i < t->npay; i++)
		if (tx->out[i].value < x->payees[t->first + i].dust)
			goto fail;
	if (t->change > 0 && tx->out[t->npay].value < x->o.change_dust)
		goto fail;
	if (in != out + t->fee || weight > FL_FEE_MAX_WEIGHT)
		goto fail;
	return 0;
fail:
	return fl_err_set(e, FL_ESYS,
	    "internal error: transaction %zu failed its final check", n + 1);
}

/* The PSBT of the unsigned tx, checked as a signer would check it. */
static int
make_psbt(const struct fl_txctx *x, size_t n, const struct fl_txplan_tx *t,
    const struct fl_tx *tx, struct fl_buf *b, struct fl_err *e)
{
	struct fl_psbt_in_data *pin;
	struct fl_psbt p;
	size_t k;
	int rc;

	pin = calloc(t->nin ? t->nin : 1, sizeof *pin);
	if (pin == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (k = 0; k < t->nin; k++) {
		const struct fl_utxo *u = &x->coins.u[t->in[k]];
		enum fl_sign_type ty = x->types[t->in[k]];

		pin[k].prev_tx = ty != FL_SIGN_P2TR ? u->prev_tx : NULL;
		pin[k].prev_tx_len = u->prev_tx_len;
		pin[k].witness = ty != FL_SIGN_P2PKH;
		pin[k].value = u->value;
		pin[k].spk = u->spk;
		pin[k].spk_len = u->spk_len;
		pin[k].redeem = u->redeem_len ? u->redeem : NULL;
		pin[k].redeem_len = u->redeem_len;
		pin[k].pubkey = u->pubkey;
		pin[k].pubkey_len = u->pubkey_len;
		pin[k].has_origin = u->has_origin;
		pin[k].fingerprint = u->fingerprint;
		pin[k].path = u->path;
		pin[k].path_len = u->path_len;
	}
	rc = fl_psbt_encode(tx, pin, b, e);
	free(pin);
	if (rc != 0)
		return rc;
	/* What we print, our own strict decoder and BIP-174's checks take. */
	rc = fl_psbt_decode(b->p, b->len, &p, e);
	for (k = 0; rc == 0 && k < p.tx.nin; k++)
		rc = fl_psbt_check_input(&p, k, e);
	fl_psbt_free(&p);
	if (rc != 0) {
		/* e->msg is its own argument: copy it first. */
		char msg[sizeof e->msg];

		memcpy(msg, e->msg, sizeof msg);
		msg[sizeof msg - 1] = '\0';
		return fl_err_set(e, FL_ESYS, "internal error: PSBT %zu: %s",
		    n + 1, msg);
	}
	return 0;
}

/*
 * The txid tx (unsigned, of t) has once signed, into txid.  A segwit
 * signature is in the witness, which the txid leaves out; but a
 * P2SH-P2WPKH input's scriptSig, in the txid, is the push of its redeem
 * script, known before signing: it is put in for the hash and taken out
 * again.  A P2PKH input's scriptSig holds its signature: with one, the
 * txid is computed with that scriptSig empty and is provisional
 * (flattor-tx(1)).
 */
static int
final_txid(const struct fl_txctx *x, const struct fl_txplan_tx *t,
    struct fl_tx *tx, uint8_t txid[32], struct fl_err *e)
{
	uint8_t push[1 + FL_SCRIPT_P2WPKH_LEN];
	struct fl_err e2;
	size_t i;
	int rc = 0;

	for (i = 0; i < t->nin && rc == 0; i++) {
		const struct fl_utxo *u = &x->coins.u[t->in[i]];

		if (x->types[t->in[i]] != FL_SIGN_P2SH_P2WPKH)
			continue;
		if (u->redeem_len != FL_SCRIPT_P2WPKH_LEN)
			return fl_err_set(e, FL_ESYS,
			    "internal error: a P2SH-P2WPKH coin without its "
			    "redeem script");
		push[0] = (uint8_t)u->redeem_len;
		memcpy(push + 1, u->redeem, u->redeem_len);
		rc = fl_tx_set_script_sig(tx, i, push, sizeof push, e);
	}
	if (rc == 0)
		rc = fl_tx_txid(tx, txid, e);
	for (i = 0; i < t->nin; i++)
		if (x->types[t->in[i]] == FL_SIGN_P2SH_P2WPKH)
			(void)fl_tx_set_script_sig(tx, i, NULL, 0, &e2);
	return rc;
}

/*
 * Builds t into b->tx; when signing, signs it and settles its fee on the
 * signed size (lib/txsettle), again while the fee moves.
 */
static int
build_signed(const struct fl_txctx *x, struct fl_txplan_tx *t,
    struct fl_txbuild *b, struct fl_err *e)
{
	struct fl_coin *c;
	size_t i;
	int rc, pass;

	c = calloc(t->nin ? t->nin : 1, sizeof *c);
	if (c == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (i = 0; i < t->nin; i++)
		fl_keymatch_coin(&x->coins.u[t->in[i]], &c[i]);
	for (pass = 1;; pass++) {
		fl_tx_free(&b->tx);
		rc = fl_txbuild_unsigned(x, t, &b->tx, e);
		if (rc != 0 || !x->o.signing)
			break;
		rc = fl_sign_tx(x->secp, &b->tx, c, &x->keys, e);
		if (rc != 0)
			break;
		rc = fl_txsettle_refee(x, t, fl_tx_vsize(&b->tx), e);
		if (rc <= 0)
			break;
		if (pass == FL_TXSETTLE_PASSES) {
			rc = fl_err_set(e, FL_ESYS,
			    "internal error: the fee does not settle");
			break;
		}
	}
	free(c);
	return rc;
}

int
fl_txbuild_make(const struct fl_txctx *x, size_t n, struct fl_txplan_tx *t,
    struct fl_txbuild *b, struct fl_err *e)
{
	const struct fl_txopts *o = &x->o;
	uint64_t weight;
	int rc;

	fl_tx_free(&b->tx);
	fl_buf_clear(&b->bytes);
	rc = build_signed(x, t, b, e);
	if (rc != 0)
		return rc;
	weight = o->signing ? fl_tx_weight(&b->tx) : t->weight;
	b->vsize = fl_fee_vsize(weight);
	rc = fl_txbuild_check(x, n, t, &b->tx, weight, e);
	if (rc != 0)
		return rc;
	/* Never below the rate; above rate + 1 only when said so. */
	if (t->fee < fl_fee_for(b->vsize, o->rate))
		return fl_err_set(e, FL_ESYS,
		    "internal error: a fee below the rate");
	/* Judged on the size printed, not the plan's estimate. */
	t->over_rate = !fl_fee_in_range(t->fee, b->vsize, o->rate);
	b->rate =
	    (uint64_t)(((fl_u128)t->fee * 1000 + b->vsize - 1) / b->vsize);
	if (o->signing) {
		rc = fl_tx_txid(&b->tx, b->txid, e);
		if (rc != 0)
			return rc;
		return fl_tx_serialize(&b->tx, 1, &b->bytes, e);
	}
	rc = make_psbt(x, n, t, &b->tx, &b->bytes, e);
	if (rc != 0)
		return rc;
	return final_txid(x, t, &b->tx, b->txid, e);
}

void
fl_txbuild_rows(const struct fl_txctx *x, const struct fl_txplan_tx *t,
    const uint8_t txid[32], int64_t now, struct fl_ledger_row *rows)
{
	char hex[65];
	size_t k;

	fl_txid_hex(txid, hex);
	for (k = 0; k < t->npay; k++) {
		rows[k].time = now;
		memcpy(rows[k].txid, hex, sizeof hex);
		rows[k].vout = (uint32_t)k;
		rows[k].address = (char *)x->payees[t->first + k].a.text;
		rows[k].sat = t->pay[k];
	}
}
