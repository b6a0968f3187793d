/*
 * fracref.h: the reference comparison of two fractions the exact-share
 * tests share (test-ratio, test-cap-prop): continued fractions, one
 * division at a time, never a product, so that it cannot share a bug with
 * lib/record/ratio.c, which multiplies.
 */
#ifndef FL_TEST_FRACREF_H
#define FL_TEST_FRACREF_H

#include "ratio.h"

/*
 * a / b against c / d (b, d > 0): -1, 0 or 1.  The integer parts, then
 * the fractional parts r1 / b and r2 / d, which compare as d / r2 and
 * b / r1.
 */
static inline int
ref_frac_cmp(fl_u128 a, fl_u128 b, fl_u128 c, fl_u128 d)
{
	int sign = 1;

	for (;;) {
		fl_u128 q1 = a / b, q2 = c / d, r1 = a % b, r2 = c % d;

		if (q1 != q2)
			return q1 < q2 ? -sign : sign;
		if (r1 == 0 || r2 == 0)
			return r1 == r2 ? 0 : r1 == 0 ? -sign : sign;
		a = b;
		b = r1;
		c = d;
		d = r2;
		sign = -sign;
	}
}

#endif
