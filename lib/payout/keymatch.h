/*
 * keymatch: which key spends which coin, and as what input type.
 *
 * A coin's input type comes from its scriptPubKey (lib/sign), except a
 * P2SH coin given without its redeem script: it is P2SH-P2WPKH when one
 * of the keys' P2SH-P2WPKH scripts hashes to it, and the redeem script is
 * then filled in.  When keys are given, every coin must have one and
 * every key must spend a coin (an unused key is most likely the wrong key
 * file).  A P2TR coin is matched on the BIP-341 output key of a key
 * (tweaked without a script tree), which needs the secp256k1 context.
 */
#ifndef FL_KEYMATCH_H
#define FL_KEYMATCH_H

#include <secp256k1.h>

#include "diag.h"
#include "key.h"
#include "sign.h"
#include "txctx.h"
#include "utxo.h"

/*
 * Does key k spend coin u as an input of type t?  For P2SH-P2WPKH, a
 * match fills u's redeem script when it was unknown.  secp is needed for
 * P2TR; without it, or when k's output key cannot be computed, a P2TR
 * coin matches no key.
 * Returns: 1 or 0.
 */
int fl_keymatch_spends(const secp256k1_context *secp, const struct fl_key *k,
    struct fl_utxo *u, enum fl_sign_type t);

/* The struct fl_coin of u for lib/sign: c points into u. */
void fl_keymatch_coin(const struct fl_utxo *u, struct fl_coin *c);

/*
 * Types every coin of x into x->types (which the caller allocated with
 * x->coins.n entries), filling in the redeem script of a P2SH coin that
 * one of x->keys spends as P2SH-P2WPKH.  Every P2PKH coin must come with
 * its previous transaction (u->prev_tx, which the coin readers checked
 * against it), signing or not: its amount is otherwise unproven.  With
 * keys (x->keys.n > 0, and then x->secp), every coin must be spent by
 * one of them.
 * Returns: 0, or FL_EDATA with e set for the first coin in order that is
 * a P2SH coin without its redeem script, a P2PKH coin without its
 * previous transaction, or that no key spends: e->line
 * is its TSV line; for coins read from JSON e->line is 0 and the message
 * starts with "entry N: ".
 */
int fl_keymatch_type_coins(struct fl_txctx *x, struct fl_err *e);

/*
 * After fl_keymatch_type_coins(): every key of x->keys spends one of the
 * coins.
 * Returns: 0, or FL_EDATA with e set for the first key that matches no
 * coin ("key N of the key file matches no coin", N from 1; e->line 0: no
 * line of a key file is ever named).
 */
int fl_keymatch_keys_used(const struct fl_txctx *x, struct fl_err *e);

#endif
