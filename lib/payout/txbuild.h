/*
 * txbuild: one planned transaction (lib/txplan) made into what
 * flattor-tx prints: built, signed when keys are given (its fee settled
 * again on the signed size by lib/txsettle), checked a last time
 * (inputs = outputs + fee), and serialized, as a signed transaction or as
 * an unsigned PSBT (lib/psbt) that our own strict decoder and BIP-174's
 * signer checks accept; then the ledger rows of its payments.
 *
 * Every function reads the payees, coins, input types, options and keys
 * from one struct fl_txctx (lib/txctx); a transaction is named by its
 * index n in the plan, from 0, and by n + 1 in messages.
 */
#ifndef FL_TXBUILD_H
#define FL_TXBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "ledger.h"
#include "tx.h"
#include "txctx.h"
#include "txplan.h"

/* A finished transaction. */
struct fl_txbuild {
	struct fl_tx tx; /* signed, or unsigned for a PSBT; owned */
	struct fl_buf bytes; /* the signed tx with witness, or the PSBT */
	/*
	 * Internal byte order.  A PSBT's: the txid once signed (with its
	 * P2SH-P2WPKH inputs' redeem script pushes), provisional when an
	 * input is P2PKH (its scriptSig then counted empty).
	 */
	uint8_t txid[32];
	uint64_t vsize; /* signed; PSBT: with the largest signatures */
	uint64_t rate; /* the fee rate paid, msat/vB, rounded up */
};

/* An empty b; call before fl_txbuild_make() and fl_txbuild_free(). */
void fl_txbuild_init(struct fl_txbuild *b);
/* Frees what b holds and leaves it empty, as fl_txbuild_init(). */
void fl_txbuild_free(struct fl_txbuild *b);

/*
 * The unsigned transaction of t: version 2, locktime 0, every input's
 * sequence 0xfffffffd (replaceable, BIP-125); inputs in t's coin order,
 * outputs its payees in order, then the change (lib/txplan).  tx is
 * initialized here, on failure too; free it with fl_tx_free().
 * Returns: 0, or FL_ENOMEM with e set.
 */
int fl_txbuild_unsigned(const struct fl_txctx *x, const struct fl_txplan_tx *t,
    struct fl_tx *tx, struct fl_err *e);

/*
 * The last check before anything is printed, of tx built from t (the
 * transaction of index n) with the given weight: inputs (the values of
 * its coins) = outputs + t->fee, every payee output at or above its dust
 * threshold, a change output at or above x->o.change_dust, the weight at
 * most FL_FEE_MAX_WEIGHT.
 * Returns: 0, or FL_ESYS with e set ("internal error: transaction N
 * failed its final check", N = n + 1).
 */
int fl_txbuild_check(const struct fl_txctx *x, size_t n,
    const struct fl_txplan_tx *t, const struct fl_tx *tx, uint64_t weight,
    struct fl_err *e);

/*
 * Makes transaction n of a plan, t, into b (emptied first; b must have
 * been initialized).  When x->o.signing it is built, signed with x->keys
 * and its fee settled again (fl_txsettle_refee(), which may change t),
 * at most FL_TXSETTLE_PASSES times; else it is the unsigned PSBT whose
 * inputs carry what the coins tell.  Then fl_txbuild_check(), the fee at
 * least the rate for the printed size, t->over_rate set for that size.
 * Returns: 0, or the error of building, signing or settling (FL_EDATA,
 * FL_ENOMEM), or FL_ESYS with an "internal error: " message (the fee
 * does not settle, a fee below the rate, the final check, a PSBT our
 * decoder refuses: "internal error: PSBT N: ...").
 */
int fl_txbuild_make(const struct fl_txctx *x, size_t n, struct fl_txplan_tx *t,
    struct fl_txbuild *b, struct fl_err *e);

/*
 * The ledger rows (lib/ledger) of t's t->npay payments, made by the
 * transaction txid at time now, into rows[0 .. t->npay - 1]: vout k is
 * payee t->first + k.  rows[].address points at the payee's address
 * text (x->payees must outlive rows).
 */
void fl_txbuild_rows(const struct fl_txctx *x, const struct fl_txplan_tx *t,
    const uint8_t txid[32], int64_t now, struct fl_ledger_row *rows);

#endif
