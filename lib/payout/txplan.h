/*
 * txplan: planning the transactions of a payout, before anything is
 * built.  Splits the payees into as few transactions as the standard
 * weight limit allows, selects coins for each (lib/coinselect), and sets
 * change and fee exactly (lib/fee).  Everything it reads is in a struct
 * fl_txctx (lib/txctx); the plan is what lib/txbuild builds.  The fee of
 * a signed transaction is settled again on its real size by lib/txsettle.
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

#include "diag.h"
#include "txctx.h"

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
 * Plans the payout of x's x->np payees (np > 0, each sat > 0) from its
 * coins, whose input types are x->types (none FL_SIGN_UNSUPPORTED: see
 * lib/keymatch), with the options x->o.
 * Returns: 0 with plan filled (free it with fl_txplan_free()), or
 * FL_EDATA with e set (insufficient funds, a payee that cannot bear its
 * share of the fee, a payee too large for a transaction) or FL_ENOMEM,
 * plan then empty.
 */
int fl_txplan_make(const struct fl_txctx *x, struct fl_txplan *plan,
    struct fl_err *e);

/* Frees what plan holds and empties it; an empty plan may be freed. */
void fl_txplan_free(struct fl_txplan *plan);

#endif
