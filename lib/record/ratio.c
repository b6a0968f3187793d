#include "ratio.h"

/* A 192-bit product: hi * 2^128 + lo. */
struct u192 {
	uint64_t hi;
	fl_u128 lo;
};

/* x * y in full: (xh 2^64 + xl) y = xh y 2^64 + xl y. */
static struct u192
mul192(fl_u128 x, uint64_t y)
{
	fl_u128 a = (fl_u128)(uint64_t)x * y, b = (x >> 64) * y;
	struct u192 m;

	m.lo = a + (b << 64);
	m.hi = (uint64_t)(b >> 64) + (m.lo < a);
	return m;
}

int
fl_ratio_cmp(fl_u128 n1, uint64_t d1, fl_u128 n2, uint64_t d2)
{
	struct u192 x = mul192(n1, d2), y = mul192(n2, d1);

	if (x.hi != y.hi)
		return x.hi < y.hi ? -1 : 1;
	if (x.lo != y.lo)
		return x.lo < y.lo ? -1 : 1;
	return 0;
}
