/*
 * ratio: exact comparison of fractions whose numerators are 128-bit
 * products (satoshis times satoshis) and whose denominators are 64-bit
 * sums of satoshis, as flattor-cap compares exact shares.  Cross products
 * take up to 192 bits, computed in full: nothing is rounded.
 */
#ifndef FL_RATIO_H
#define FL_RATIO_H

#include <stdint.h>

#include "apportion.h"

/*
 * Compares n1 / d1 with n2 / d2.  Returns -1, 0 or 1 as the first is
 * smaller, equal or larger.
 * In:  n1, n2  numerators, any 128-bit values
 *      d1, d2  denominators, above 0
 */
int fl_ratio_cmp(fl_u128 n1, uint64_t d1, fl_u128 n2, uint64_t d2);

#endif
