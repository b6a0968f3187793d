/*
 * apportion: exact largest-remainder apportionment, shared by flattor-weigh
 * (the amount among payees), flattor-cap (the total among operators, and an
 * operator's amount among its addresses) and flattor-tx (the fee among
 * payouts).
 *
 * Part i first gets floor(total * w[i] / W), W the sum of the weights; the
 * units left over (fewer than n) go one each to the parts with the largest
 * remainders (total * w[i] mod W), equal remainders in the caller's order.
 * Products and sums are 128-bit, so nothing overflows and the result is the
 * same on every machine.  The parts always sum to exactly total.
 */
#ifndef FL_APPORTION_H
#define FL_APPORTION_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* 128-bit products of 64-bit amounts (a GCC and Clang extension). */
__extension__ typedef unsigned __int128 fl_u128;

/*
 * Splits total among n parts in proportion to w.
 *
 * Returns 0, FL_EDATA when total > 0 and every weight is 0 (there is nothing
 * to be proportional to), or FL_ENOMEM.  On any error out is all zeros.
 * In:  w      n weights (a weight of 0 gets 0)
 *      n      the number of parts (0 is allowed when total is 0)
 *      total  the amount to split
 *      order  NULL for index order, else a permutation of 0..n-1 listing
 *             the parts in tie-break priority: order[0] wins every tie
 * Out: out    n amounts summing to total (the caller owns both arrays)
 */
int fl_apportion(const uint64_t *w, size_t n, uint64_t total,
    const size_t *order, uint64_t *out, struct fl_err *e);

#endif
