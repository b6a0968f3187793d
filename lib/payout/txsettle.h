/*
 * txsettle: the fee of a signed transaction, settled on its real size.
 *
 * A plan (lib/txplan) prices every input at its largest signature (lib/fee:
 * 72-byte ECDSA with the hash type, 65-byte Schnorr); ours are often
 * smaller, so a signed transaction can be a few vbytes smaller than
 * planned, and its planned fee above rate + 1 sat/vB.  After
 * signing, lib/txbuild calls fl_txsettle_refee() with the signed size:
 * when the fee is not within [rate, rate + 1) sat/vB for that size and the
 * transaction can adjust it, the fee is set to the rate's and the
 * difference goes
 *
 *  - to the change output, when there is one and the payees do not bear
 *    the fee (never below the change's dust threshold);
 *  - else, when the payees bear the fee (--fee-from-payouts), to the part
 *    they bear, apportioned again by their amounts (lib/apportion, ties in
 *    payee order; no payee below its dust threshold), unless they bear
 *    none of it or the fee fell by more than they bear;
 *  - else nowhere: a change-less fee stays as planned (and may be above
 *    rate + 1, which the plan reports in over_rate).
 *
 * A changed fee changes the outputs, so lib/txbuild builds and signs the
 * transaction again, at most FL_TXSETTLE_PASSES times in all; the sizes of
 * fresh signatures differ, which is why a second pass can move the fee
 * again.
 */
#ifndef FL_TXSETTLE_H
#define FL_TXSETTLE_H

#include <stdint.h>

#include "diag.h"
#include "txctx.h"
#include "txplan.h"

/* How many times a transaction is signed before its fee must be settled. */
#define FL_TXSETTLE_PASSES 5

/*
 * Settles t's fee for the signed size vsize (vbytes), with x's payees and
 * options.
 * Returns: 1 when t changed (fee, change, payments, borne, over_rate 0:
 * build and sign again); 0 when nothing needs to change or nothing can;
 * FL_EDATA with e set when the change would fall below its dust threshold
 * or a payee below its own (t unchanged); FL_ENOMEM.
 */
int fl_txsettle_refee(const struct fl_txctx *x, struct fl_txplan_tx *t,
    uint64_t vsize, struct fl_err *e);

#endif
