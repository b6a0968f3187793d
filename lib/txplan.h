/*
 * txplan: the transactions of a payout.  Splits the payees into as few
 * transactions as the standard weight limit allows, selects coins for
 * each (lib/coinselect), and settles change and fee exactly (lib/fee).
 *
 * Order: payees keep their input order; a transaction's outputs are its
 * payees in that order, then the change.  Its inputs are its coins in the
 * order of the coin file.  Batches take payees in order and coins from
 * those earlier batches left.
 *
 * Per batch: branch and bound looks for coins that pay the batch and its
 * fee without change, within the cost of a change output (what a change
 * output and a later input spending it cost at the rate); every candidate
 * is checked exactly: its fee reaches the rate at the largest signatures
 * and stays below rate + 1 sat/vB at the smallest (PSBTs: at the largest,
 * as the signer is unknown), and the weight is within the limit.  Else
 * the largest coins are taken until they pay for a change output of at
 * least its dust threshold; else, when the coins cover the payees and fee
 * but not a change output, the rest goes to the fee (the rate may then
 * exceed rate + 1: the plan says so in over_rate).
 *
 * With fee_from_payouts the coins need only cover the payees; the payees
 * bear the fee in proportion to their amounts (lib/apportion, ties in
 * payee order), less whatever a change-less set leaves over; a payee left
 * below its dust threshold is an error.
 */
#ifndef FL_TXPLAN_H
#define FL_TXPLAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "address.h"
#include "diag.h"
#include "key.h"
#include "sign.h"
#include "tx.h"
#include "utxo.h"

struct fl_payee {
	struct fl_address a; /* address, type and scriptPubKey */
	uint64_t sat; /* what the payee is due */
	uint64_t dust; /* its output's dust threshold */
	unsigned long line; /* input line, for messages */
};

/*
 * Reads the payees from a table (flattor(7): the columns address,
 * made by flattor-addrs, and sat, made by flattor-weigh).  Rows with sat 0
 * are skipped.  Each address must be valid for net, of a type with a dust
 * threshold (lib/dust), and appear once; sat must reach that threshold
 * and the total must not exceed 21,000,000 BTC.  Returns 0 with *payees
 * (malloc'ed, the caller frees it) and *np (possibly 0), or FL_EDATA /
 * FL_ENOMEM / FL_ESYS with e set (e->line the offending line).
 */
int fl_payees_read(FILE *fp, enum fl_network net, struct fl_payee **payees,
    size_t *np, struct fl_err *e);

struct fl_txplan_opts {
	uint64_t rate; /* msat/vB, > 0 */
	int signing; /* signed here: smallest signatures are known */
	int fee_from_payouts;
	const uint8_t *change_spk; /* the change address's scriptPubKey */
	size_t change_spk_len;
	uint64_t change_dust; /* its dust threshold */
	enum fl_sign_type change_type; /* to price spending the change */
	uint64_t max_weight; /* FL_FEE_MAX_WEIGHT unless testing */
};

struct fl_txplan_tx {
	size_t *in; /* coin indexes, ascending; owned */
	size_t nin;
	size_t first, npay; /* its payees: first .. first + npay - 1 */
	uint64_t *pay; /* npay amounts paid (after any fee share); owned */
	uint64_t change; /* 0: no change output */
	uint64_t fee;
	uint64_t borne; /* the part of fee the payees bear */
	uint64_t weight; /* with the largest signatures */
	int over_rate; /* the fee exceeds rate + 1 sat/vB (dust change) */
};

struct fl_txplan {
	struct fl_txplan_tx *tx; /* owned */
	size_t ntx;
	uint64_t fee; /* all transactions' fees */
};

/*
 * Plans the payout of np payees (np > 0, each sat > 0) from nc coins
 * whose input types are types[] (none FL_SIGN_UNSUPPORTED).  Returns 0
 * with plan filled (free it with fl_txplan_free()), or FL_EDATA with e
 * set: insufficient funds, a payee that cannot bear its share of the fee,
 * a payee too large for a transaction; FL_ENOMEM.
 */
int fl_txplan_make(const struct fl_payee *payees, size_t np,
    const struct fl_utxo *coins, const enum fl_sign_type *types, size_t nc,
    const struct fl_txplan_opts *o, struct fl_txplan *plan, struct fl_err *e);
void fl_txplan_free(struct fl_txplan *plan);

/*
 * Builds the unsigned transaction of t: version 2, locktime 0, every
 * input's sequence 0xfffffffd (replaceable, BIP-125), outputs as above.
 * tx is initialized here; free it with fl_tx_free().  0 or FL_ENOMEM.
 */
int fl_txplan_build(const struct fl_txplan_tx *t, const struct fl_payee *payees,
    const struct fl_utxo *coins, const struct fl_txplan_opts *o,
    struct fl_tx *tx, struct fl_err *e);

/*
 * After signing: the fee for the signed size vsize.  When the fee is not
 * within [rate, rate + 1) for vsize and t can adjust it (a change output,
 * or payees that bear the fee), sets the new fee, change and payments and
 * returns 1 (build and sign again); returns 0 when nothing needs to
 * change or nothing can; FL_EDATA when a change output would fall below
 * dust or a payee below its threshold.
 */
int fl_txplan_refee(struct fl_txplan_tx *t, const struct fl_payee *payees,
    const struct fl_utxo *coins, const struct fl_txplan_opts *o, uint64_t vsize,
    struct fl_err *e);

/*
 * The input type a change output to an address of type t will be spent
 * as, to price spending it: its own type; P2SH as P2SH-P2WPKH; a P2WSH
 * (or other) change as P2WPKH, a guess that only sets the window of
 * branch and bound.
 */
enum fl_sign_type fl_txplan_spend_type(enum fl_addr_type t);

/*
 * Sets o's change from the decoded change address a (which must outlive
 * o: o points at a's scriptPubKey): the script, its dust threshold and
 * fl_txplan_spend_type().  Returns 0, or FL_EDATA with e set
 * ('unsupported address type "TYPE"') for a type without a dust
 * threshold.
 */
int fl_txplan_set_change(struct fl_txplan_opts *o, const struct fl_address *a,
    struct fl_err *e);

/*
 * Does key k spend coin u as an input of type t?  For P2SH-P2WPKH, a
 * match fills u's redeem script when it was unknown.  ctx is needed for
 * P2TR (the BIP-341 output key of k); a key whose output key cannot be
 * computed matches nothing.  Returns 1 or 0.
 */
int fl_txplan_key_matches(const secp256k1_context *ctx, const struct fl_key *k,
    struct fl_utxo *u, enum fl_sign_type t);

/* The struct fl_coin of u for lib/sign: it points into u. */
void fl_txplan_coin(const struct fl_utxo *u, struct fl_coin *c);

/*
 * The input type of every coin of cs, into types[] (cs->n entries).  A
 * P2SH coin without a redeem script is P2SH-P2WPKH when the P2SH-P2WPKH
 * script of one of keys matches it: its redeem script is filled in.  When
 * keys has keys (keys may be NULL; ctx may then be NULL too), every coin
 * must be spent by one of them.  Returns 0, or FL_EDATA with e set, for
 * the first coin in order that is a P2SH coin without its redeem script,
 * or that no key spends: e->line is its TSV line; for coins read from
 * JSON e->line is 0 and the message starts with "entry N: ".
 */
int
fl_txplan_type_coins(const secp256k1_context *ctx, const struct fl_keys *keys,
    struct fl_utxos *cs, enum fl_sign_type *types, struct fl_err *e);

/*
 * After fl_txplan_type_coins(): every key of keys spends one of the coins
 * (an unused key is most likely the wrong key file).  Returns 0, or
 * FL_EDATA with e set for the first key that matches no coin ("key N of
 * the key file matches no coin", N from 1; e->line 0: no line of a key
 * file is ever named).
 */
int fl_txplan_keys_used(const secp256k1_context *ctx,
    const struct fl_keys *keys, const struct fl_utxos *cs,
    const enum fl_sign_type *types, struct fl_err *e);

#endif
