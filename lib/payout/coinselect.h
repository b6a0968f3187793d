/*
 * coinselect: deterministic coin selection for flattor-tx.
 *
 * The caller gives every coin a selection value: its effective value (its
 * amount minus the fee its input costs at the target rate), or its plain
 * amount when the payees bear the fee.  Coins whose selection value is not
 * positive are never selected.  Both methods order the coins by selection
 * value, largest first, equal values in the caller's order, so the same
 * coins always give the same selection.
 *
 * fl_coinselect_bnb: Bitcoin Core's branch and bound (Murch, "An
 * Evaluation of Coin Selection Strategies", 2016; Core's
 * src/wallet/coinselection.cpp SelectCoinsBnB).  A depth-first search,
 * "include" before "exclude", for a set whose value lies in
 * [target, target + window], where window is the cost of making and later
 * spending a change output: such a set needs no change, and what it
 * exceeds the target by goes to the fee.  Branches that cannot reach the
 * target or already exceed the window are cut; a coin equal in value to
 * an excluded predecessor is not tried again.  The set that exceeds the
 * target least wins (the first found among equals), or with costs from
 * the accept callback the one of least cost; the search stops after
 * max_tries steps (Core: 100,000).
 *
 * fl_coinselect_largest: the fallback, fewest inputs.  Coins are taken
 * largest first until their sum reaches goal (no set of fewer coins can);
 * then the last coin taken is swapped for the smallest coin that still
 * reaches goal, so the change is as small as the count allows.
 */
#ifndef FL_COINSELECT_H
#define FL_COINSELECT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define FL_COINSELECT_TRIES 100000UL

/*
 * An optional final check of a candidate set (sel[i] != 0 for selected
 * coins): returns non-zero to accept it, and may set *cost (0 when left
 * alone).  Among accepted sets the one of least cost wins, then the one
 * that exceeds the target least.  flattor-tx checks there that the exact
 * fee of the set reaches the rate and stays below rate + 1; with
 * --fee-from-payouts the cost is what the payees bear.
 */
typedef int (*fl_coinselect_accept)(void *arg, const unsigned char *sel,
    size_t n, uint64_t *cost);

/*
 * Branch and bound.  Returns 1 with sel (n flags) marking the set found,
 * 0 when none was found within max_tries steps (sel all zero), or
 * FL_ENOMEM with e set.  target > 0, window >= 0; accept may be NULL.
 */
int fl_coinselect_bnb(const int64_t *value, size_t n, int64_t target,
    int64_t window, unsigned long max_tries, fl_coinselect_accept accept,
    void *arg, unsigned char *sel, struct fl_err *e);

/*
 * Largest first, then trim.  Returns 1 with sel marking a set whose sum
 * reaches goal, 0 when the positive coins together do not reach it (sel
 * then marks all of them), or FL_ENOMEM with e set.
 */
int fl_coinselect_largest(const int64_t *value, size_t n, int64_t goal,
    unsigned char *sel, struct fl_err *e);

#endif
