#include "ratio.h"
#include "fracref.h"
#include "tap.h"

/* A fixed seed: the same cases every run. */
static uint64_t rng = 0x7a710;

static uint64_t
next(void)
{
	return tap_rand(&rng);
}

/* A random value of a random width, 1 to 64 bits (never 0). */
static uint64_t
any64(void)
{
	uint64_t x = next() >> (next() % 64);

	return x == 0 ? 1 : x;
}

static fl_u128
any128(void)
{
	unsigned shift = (unsigned)(next() % 128);
	fl_u128 x = (fl_u128)next() << 64 | next();

	return x >> shift;
}

static void
test_fixed(void)
{
	fl_u128 max = ~(fl_u128)0, two64 = (fl_u128)1 << 64;

	check_int(fl_ratio_cmp(1, 1, 1, 1), ==, 0);
	check_int(fl_ratio_cmp(1, 3, 1, 2), ==, -1);
	check_int(fl_ratio_cmp(2, 3, 1, 2), ==, 1);
	check_int(fl_ratio_cmp(0, 5, 0, 7), ==, 0);
	/* (2^128 - 1) / (2^64 - 1) = 2^64 + 1 exactly. */
	check_int(fl_ratio_cmp(max, UINT64_MAX, two64 + 1, 1), ==, 0);
	check_int(fl_ratio_cmp(max, UINT64_MAX, two64 + 2, 1), ==, -1);
	check_int(fl_ratio_cmp(max, UINT64_MAX, two64, 1), ==, 1);
	/* Cross products of 2^191 and so on: the top bits decide. */
	check_int(fl_ratio_cmp(max, 1, max - 1, 1), ==, 1);
	check_int(fl_ratio_cmp(max, UINT64_MAX, max, UINT64_MAX - 1), ==, -1);
	/* Cross products 2^128 + 6 and 2^127: the low 128 bits alone
	 * would say 6 < 2^127. */
	check_int(fl_ratio_cmp(two64 * (two64 / 2) + 3, 1, two64 * (two64 / 2),
		      2),
	    ==, 1);
}

/* Random fractions of every width, and equal ones in other terms. */
static void
test_random(void)
{
	int differ = 0, unequal = 0, i;

	for (i = 0; i < 200000; i++) {
		fl_u128 n1 = any128(), n2 = i % 4 == 0 ? n1 : any128();
		uint64_t d1 = any64(), d2 = i % 8 == 1 ? d1 : any64();

		if (fl_ratio_cmp(n1, d1, n2, d2) !=
		    ref_frac_cmp(n1, d1, n2, d2))
			differ++;
		if (fl_ratio_cmp(n1, d1, n2, d2) !=
		    -fl_ratio_cmp(n2, d2, n1, d1))
			differ++;
	}
	for (i = 0; i < 20000; i++) {
		/* p / q as (p k1) / (q k1) and (p k2) / (q k2). */
		uint64_t p = next() >> 2, q = 1 + (next() >> 34),
			 k1 = 1 + (next() >> 33), k2 = 1 + (next() >> 33);

		if (fl_ratio_cmp((fl_u128)p * k1, q * k1, (fl_u128)p * k2,
			q * k2) != 0)
			unequal++;
		if (fl_ratio_cmp((fl_u128)p * k1 + 1, q * k1, (fl_u128)p * k2,
			q * k2) != 1)
			unequal++;
	}
	check_int(differ, ==, 0);
	check_int(unequal, ==, 0);
}

int
main(void)
{
	test_fixed();
	test_random();
	return test_done();
}
