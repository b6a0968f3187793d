/* sign: signing p2pkh, p2sh-p2wpkh, p2wpkh and p2tr (key path) inputs. */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "script.h"
#include "sighash.h"
#include "sign.h"

enum fl_sign_type
fl_sign_type_of(const struct fl_coin *coin)
{
	uint8_t prog[40], rprog[40], h[20];
	size_t n, rn;

	switch (fl_script_classify(coin->spk, coin->spk_len, prog, &n, NULL)) {
	case FL_SCRIPT_P2PKH:
		return FL_SIGN_P2PKH;
	case FL_SCRIPT_P2WPKH:
		return FL_SIGN_P2WPKH;
	case FL_SCRIPT_P2TR:
		return FL_SIGN_P2TR;
	case FL_SCRIPT_P2SH:
		if (coin->redeem == NULL)
			return FL_SIGN_UNSUPPORTED;
		fl_hash160(coin->redeem, coin->redeem_len, h);
		if (memcmp(h, prog, 20) == 0 &&
		    fl_script_classify(coin->redeem, coin->redeem_len, rprog,
			&rn, NULL) == FL_SCRIPT_P2WPKH)
			return FL_SIGN_P2SH_P2WPKH;
		return FL_SIGN_UNSUPPORTED;
	default:
		return FL_SIGN_UNSUPPORTED;
	}
}

const char *
fl_sign_type_name(enum fl_sign_type t)
{
	switch (t) {
	case FL_SIGN_P2PKH:
		return "p2pkh";
	case FL_SIGN_P2SH_P2WPKH:
		return "p2sh-p2wpkh";
	case FL_SIGN_P2WPKH:
		return "p2wpkh";
	case FL_SIGN_P2TR:
		return "p2tr";
	case FL_SIGN_UNSUPPORTED:
		break;
	}
	return "unsupported";
}

/*
 * Weights: 41 base bytes (outpoint 36, scriptSig length 1, sequence 4)
 * plus the scriptSig, times 4; plus the witness.
 *	p2pkh: scriptSig <72-byte sig> <33-byte key> = 107: (41 + 107) * 4
 *	p2sh-p2wpkh: scriptSig <22-byte redeem script> = 23: (41 + 23) * 4
 *	    + witness 1 + (1 + 72) + (1 + 33) = 108
 *	p2wpkh: 41 * 4 + 108
 *	p2tr: 41 * 4 + witness 1 + (1 + 65)
 */
size_t
fl_sign_input_weight_max(enum fl_sign_type t)
{
	switch (t) {
	case FL_SIGN_P2PKH:
		return (41 + 107) * 4;
	case FL_SIGN_P2SH_P2WPKH:
		return (41 + 23) * 4 + 108;
	case FL_SIGN_P2WPKH:
		return 41 * 4 + 108;
	case FL_SIGN_P2TR:
		return 41 * 4 + 67;
	case FL_SIGN_UNSUPPORTED:
		break;
	}
	return 0;
}

struct signer {
	const secp256k1_context *ctx;
	struct fl_tx *tx;
	const struct fl_coin *coins;
	const struct fl_keys *keys;
	uint8_t (*tr)[32]; /* each key's taproot output key */
	struct fl_sighash_cache cache;
};

static const struct fl_key *
by_keyhash(const struct fl_keys *ks, const uint8_t h[20])
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		if (memcmp(ks->k[i].keyhash, h, 20) == 0)
			return &ks->k[i];
	return NULL;
}

/* An ECDSA signature with SIGHASH_ALL appended, verified. */
static int
ecdsa(struct signer *s, const struct fl_key *k, const uint8_t hash[32],
    uint8_t sig[73], size_t *len, struct fl_err *e)
{
	int rc;

	if ((rc = fl_key_ecdsa_sign(s->ctx, k->sec, hash, sig, len, e)) != 0 ||
	    (rc = fl_key_ecdsa_verify(s->ctx, k->pub, 33, hash, sig, *len,
		 e)) != 0)
		return rc;
	sig[(*len)++] = FL_SIGHASH_ALL;
	return 0;
}

static int
sign_p2pkh(struct signer *s, size_t i, const struct fl_key *k, struct fl_err *e)
{
	const struct fl_coin *c = &s->coins[i];
	struct fl_buf ss = {0};
	uint8_t hash[32], sig[73];
	size_t len;
	int rc;

	if ((rc = fl_sighash_legacy(s->tx, i, c->spk, c->spk_len,
		 FL_SIGHASH_ALL, hash, e)) != 0 ||
	    (rc = ecdsa(s, k, hash, sig, &len, e)) != 0)
		return rc;
	fl_script_push(&ss, sig, len);
	fl_script_push(&ss, k->pub, 33);
	if ((rc = fl_buf_check(&ss, e)) == 0 &&
	    (rc = fl_tx_set_script_sig(s->tx, i, ss.p, ss.len, e)) == 0)
		rc = fl_tx_set_witness(s->tx, i, NULL, 0, e);
	fl_buf_free(&ss);
	return rc;
}

/* P2WPKH, and P2SH-P2WPKH when nested (the redeem script is pushed). */
static int
sign_p2wpkh(struct signer *s, size_t i, const struct fl_key *k, int nested,
    struct fl_err *e)
{
	uint8_t code[FL_SCRIPT_P2PKH_LEN], redeem[FL_SCRIPT_P2WPKH_LEN];
	uint8_t hash[32], sig[73], ss[1 + FL_SCRIPT_P2WPKH_LEN];
	struct fl_witem w[2];
	size_t len;
	int rc;

	fl_script_p2pkh(k->keyhash, code);
	if ((rc = fl_sighash_v0(s->tx, &s->cache, i, code, sizeof(code),
		 s->coins[i].value, FL_SIGHASH_ALL, hash, e)) != 0 ||
	    (rc = ecdsa(s, k, hash, sig, &len, e)) != 0)
		return rc;
	w[0].p = sig;
	w[0].len = len;
	w[1].p = (uint8_t *)(uintptr_t)k->pub;
	w[1].len = 33;
	fl_script_p2wpkh(k->keyhash, redeem);
	ss[0] = sizeof(redeem);
	memcpy(ss + 1, redeem, sizeof(redeem));
	if ((rc = fl_tx_set_script_sig(s->tx, i, ss, nested ? sizeof(ss) : 0,
		 e)) != 0)
		return rc;
	return fl_tx_set_witness(s->tx, i, w, 2, e);
}

static int
sign_p2tr(struct signer *s, size_t i, size_t key, struct fl_err *e)
{
	uint8_t hash[32], sig[64];
	struct fl_witem w;
	int rc;

	/* aux_rand: 32 zero bytes, for deterministic signatures (key.h). */
	if ((rc = fl_sighash_taproot(s->tx, &s->cache, s->coins, i,
		 FL_SIGHASH_DEFAULT, hash, e)) != 0 ||
	    (rc = fl_key_taproot_sign(s->ctx, s->keys->k[key].sec, hash, NULL,
		 sig, e)) != 0 ||
	    (rc = fl_key_schnorr_verify(s->ctx, s->tr[key], hash, 32, sig,
		 e)) != 0)
		return rc;
	w.p = sig;
	w.len = 64;
	if ((rc = fl_tx_set_script_sig(s->tx, i, NULL, 0, e)) != 0)
		return rc;
	return fl_tx_set_witness(s->tx, i, &w, 1, e);
}

static int
sign_input(struct signer *s, size_t i, struct fl_err *e)
{
	const struct fl_coin *c = &s->coins[i];
	const struct fl_key *k = NULL;
	enum fl_script_type t;
	uint8_t prog[40], spk[FL_SCRIPT_P2SH_LEN];
	const char *what;
	size_t n, j;

	t = fl_script_classify(c->spk, c->spk_len, prog, &n, NULL);
	switch (t) {
	case FL_SCRIPT_P2PKH:
		if ((k = by_keyhash(s->keys, prog)) != NULL)
			return sign_p2pkh(s, i, k, e);
		break;
	case FL_SCRIPT_P2WPKH:
		if ((k = by_keyhash(s->keys, prog)) != NULL)
			return sign_p2wpkh(s, i, k, 0, e);
		break;
	case FL_SCRIPT_P2SH:
		if (c->redeem != NULL) {
			if (fl_sign_type_of(c) != FL_SIGN_P2SH_P2WPKH)
				return fl_err_set(e, FL_EDATA,
				    "unsupported p2sh redeem script");
			fl_script_classify(c->redeem, c->redeem_len, prog, &n,
			    NULL);
			if ((k = by_keyhash(s->keys, prog)) != NULL)
				return sign_p2wpkh(s, i, k, 1, e);
			break;
		}
		/* No redeem script: try each key's P2SH-P2WPKH script. */
		for (j = 0; j < s->keys->n; j++) {
			fl_script_p2sh_p2wpkh(s->keys->k[j].keyhash, spk);
			if (memcmp(spk, c->spk, sizeof(spk)) == 0)
				return sign_p2wpkh(s, i, &s->keys->k[j], 1, e);
		}
		break;
	case FL_SCRIPT_P2TR:
		for (j = 0; j < s->keys->n; j++)
			if (memcmp(s->tr[j], prog, 32) == 0)
				return sign_p2tr(s, i, j, e);
		break;
	default:
		return fl_err_set(e, FL_EDATA, "unsupported %s scriptPubKey",
		    fl_script_type_name(t));
	}
	what = t == FL_SCRIPT_P2SH ? "p2sh-p2wpkh" : fl_script_type_name(t);
	return fl_err_set(e, FL_EDATA, "no key for %s coin", what);
}

int
fl_sign_tx(const secp256k1_context *ctx, struct fl_tx *tx,
    const struct fl_coin *coins, const struct fl_keys *keys, struct fl_err *e)
{
	struct signer s;
	uint8_t internal[32];
	size_t i;
	int rc = 0;

	memset(&s, 0, sizeof(s));
	s.ctx = ctx;
	s.tx = tx;
	s.coins = coins;
	s.keys = keys;
	if (keys->n > 0 && (s.tr = calloc(keys->n, sizeof(*s.tr))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (i = 0; i < keys->n && rc == 0; i++)
		rc = fl_key_taproot_output(ctx, keys->k[i].sec, internal,
		    s.tr[i], e);
	if (rc == 0)
		rc = fl_sighash_precompute(&s.cache, tx, coins, e);
	for (i = 0; i < tx->nin && rc == 0; i++) {
		if ((rc = sign_input(&s, i, e)) != 0 && rc != FL_ENOMEM) {
			char id[65];

			fl_txid_hex(tx->in[i].txid, id);
			fl_err_prefix(e, "input %zu (%s:%lu)", i, id,
			    (unsigned long)tx->in[i].vout);
		}
	}
	free(s.tr);
	return rc;
}
