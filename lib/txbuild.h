/*
 * txbuild: one planned transaction (lib/txplan) made into what
 * flattor-tx prints: built, signed when keys are given (the fee settled
 * again for the signed size), checked a last time, and serialized, as a
 * signed transaction or as an unsigned PSBT (lib/psbt) that our own strict
 * decoder and BIP-174's signer checks accept.
 */
#ifndef FL_TXBUILD_H
#define FL_TXBUILD_H

#include <stddef.h>
#include <stdint.h>

#include <secp256k1.h>

#include "buf.h"
#include "diag.h"
#include "key.h"
#include "ledger.h"
#include "sign.h"
#include "tx.h"
#include "txplan.h"
#include "utxo.h"

/* A finished transaction. */
struct fl_txbuild {
	struct fl_tx tx; /* signed, or unsigned for a PSBT; owned */
	struct fl_buf bytes; /* the signed tx with witness, or the PSBT */
	uint8_t txid[32]; /* internal byte order */
	uint64_t vsize; /* signed; PSBT: with the largest signatures */
	uint64_t rate; /* the fee rate paid, msat/vB, rounded up */
};

/* An empty b; call before fl_txbuild_make() and fl_txbuild_free(). */
void fl_txbuild_init(struct fl_txbuild *b);
void fl_txbuild_free(struct fl_txbuild *b);

/*
 * The last checks before anything is printed, of tx built from t (the
 * transaction of index n, from 0, for the message) with the given
 * weight: inputs (the values of coins[t->in[]]) = outputs + t->fee, every
 * payee output at or above its dust threshold, a change output at or
 * above o->change_dust, the weight at most FL_FEE_MAX_WEIGHT.  Returns 0,
 * or FL_ESYS with e set ("internal error: transaction N failed its final
 * check", N = n + 1).
 */
int fl_txbuild_check(size_t n, const struct fl_txplan_tx *t,
    const struct fl_payee *payees, const struct fl_utxo *coins,
    const struct fl_txplan_opts *o, const struct fl_tx *tx, uint64_t weight,
    struct fl_err *e);

/*
 * Makes transaction n (from 0) of a plan, t, into b (emptied first; b
 * must have been initialized).  With keys (not NULL; ctx then too) it is
 * built, signed, and its fee settled again for its signed size
 * (fl_txplan_refee(), which may change t), at most 5 times; without keys
 * it is the unsigned PSBT whose inputs carry what the coins tell (types[]
 * from fl_txplan_type_coins()).  Then fl_txbuild_check(), the fee at
 * least the rate for the printed size, t->over_rate set for that size.
 * Returns 0, or the error of building, signing or settling (FL_EDATA,
 * FL_ENOMEM), or FL_ESYS with an "internal error: " message (the fee
 * does not settle, a fee below the rate, the final check, a PSBT our
 * decoder refuses: "internal error: PSBT N: ...").
 */
int
fl_txbuild_make(size_t n, struct fl_txplan_tx *t, const struct fl_payee *payees,
    const struct fl_utxo *coins, const enum fl_sign_type *types,
    const struct fl_txplan_opts *o, const secp256k1_context *ctx,
    const struct fl_keys *keys, struct fl_txbuild *b, struct fl_err *e);

/*
 * The ledger rows (lib/ledger) of t's t->npay payments, made by the
 * transaction txid at time now, into rows[0 .. t->npay - 1]: vout k is
 * payee t->first + k.  rows[].address points at the payee's address
 * text (payees must outlive rows).
 */
void
fl_txbuild_rows(const struct fl_txplan_tx *t, const struct fl_payee *payees,
    const uint8_t txid[32], int64_t now, struct fl_ledger_row *rows);

#endif
