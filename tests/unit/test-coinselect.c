#include "coinselect.h"
#include "tap.h"

static int64_t v[16];
static unsigned char sel[16];
static struct fl_err e;

static const char *
picked(size_t n)
{
	static char s[17];
	size_t i;

	for (i = 0; i < n; i++)
		s[i] = sel[i] ? '1' : '0';
	s[n] = '\0';
	return s;
}

static int reject_calls;

static int
reject_first(void *arg, const unsigned char *s, size_t n, uint64_t *cost)
{
	(void)arg;
	(void)s;
	(void)n;
	(void)cost;
	return reject_calls++ > 0;
}

static int
reject_all(void *arg, const unsigned char *s, size_t n, uint64_t *cost)
{
	(void)arg;
	(void)s;
	(void)n;
	(void)cost;
	return 0;
}

/* Cost: the number of coins, so fewer coins beat a smaller excess. */
static int
by_count(void *arg, const unsigned char *s, size_t n, uint64_t *cost)
{
	size_t i;

	(void)arg;
	for (i = 0, *cost = 0; i < n; i++)
		*cost += s[i] != 0;
	return 1;
}

/*
 * Against every subset: branch and bound finds a set exactly when one
 * lies in [target, target + window], and then one that exceeds the
 * target least; largest first reaches the goal with as few coins as any
 * set can, or says no set can.
 */
static void
test_brute(void)
{
	static uint64_t rng = 0x853c49e6748fea9bu;
	size_t iter, bad_bnb = 0, bad_largest = 0, found = 0;

	for (iter = 0; iter < 3000; iter++) {
		int64_t target, window, best = -1, sum;
		size_t n, i, fewest = 99, cnt;
		unsigned m;
		int rc;

		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		n = 1 + rng % 12;
		for (i = 0; i < n; i++) {
			rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
			/* Few distinct values, some not positive: ties. */
			v[i] = (int64_t)(rng % 9) * 100 - 100 +
			    (int64_t)(rng >> 60);
		}
		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		target = 1 + (int64_t)(rng % 2500);
		window = (int64_t)((rng >> 20) % 60);
		for (m = 1; m < (1u << n); m++) {
			int pos = 1;

			for (i = 0, sum = 0, cnt = 0; i < n; i++)
				if (m & (1u << i)) {
					sum += v[i];
					cnt++;
					pos &= v[i] > 0;
				}
			if (!pos)
				continue;
			if (sum >= target && sum <= target + window &&
			    (best < 0 || sum - target < best))
				best = sum - target;
			if (sum >= target && cnt < fewest)
				fewest = cnt;
		}
		rc = fl_coinselect_bnb(v, n, target, window, 10000000UL, NULL,
		    NULL, sel, &e);
		for (i = 0, sum = 0; i < n; i++)
			if (sel[i]) {
				sum += v[i];
				if (v[i] <= 0)
					rc = -99;
			}
		if (best < 0 ? rc != 0 : rc != 1 || sum - target != best)
			bad_bnb++;
		found += rc == 1;
		rc = fl_coinselect_largest(v, n, target, sel, &e);
		for (i = 0, sum = 0, cnt = 0; i < n; i++)
			if (sel[i]) {
				sum += v[i];
				cnt++;
			}
		if (fewest == 99 ? rc != 0
				 : rc != 1 || sum < target || cnt != fewest)
			bad_largest++;
	}
	tap_diag("branch and bound found %zu of 3000", found);
	check(found > 300);
	check_uint(bad_bnb, ==, 0);
	check_uint(bad_largest, ==, 0);
}

int
main(void)
{
	int64_t big[16] = {0};
	size_t i;

	/* Core's bnb tests: coins 1, 2, 3, 4 (whole units). */
	v[0] = 100;
	v[1] = 200;
	v[2] = 300;
	v[3] = 400;
	check_int(fl_coinselect_bnb(v, 4, 100, 0, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 1);
	check_str(picked(4), "1000");
	check_int(fl_coinselect_bnb(v, 4, 500, 0, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 1);
	/* 4 + 1 is found before 3 + 2: larger coins are tried first. */
	check_str(picked(4), "1001");
	check_int(fl_coinselect_bnb(v, 4, 1000, 0, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 1);
	check_str(picked(4), "1111");
	/* Nothing exact, nothing in the window: no solution. */
	check_int(fl_coinselect_bnb(v, 4, 1001, 0, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 0);
	check_str(picked(4), "0000");
	check_int(fl_coinselect_bnb(v, 4, 150, 0, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 0);
	/* A window admits 200 for 150; the least excess wins. */
	check_int(fl_coinselect_bnb(v, 4, 150, 60, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 1);
	check_str(picked(4), "0100");
	check_int(fl_coinselect_bnb(v, 4, 650, 60, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 1);
	check_str(picked(4), "0011");
	/* Out of tries. */
	check_int(fl_coinselect_bnb(v, 4, 500, 0, 2, NULL, NULL, sel, &e), ==,
	    0);
	/* The final check can refuse a candidate: the next one is taken. */
	reject_calls = 0;
	check_int(fl_coinselect_bnb(v, 4, 500, 0, FL_COINSELECT_TRIES,
		      reject_first, NULL, sel, &e),
	    ==, 1);
	check_str(picked(4), "0110");
	check_int(fl_coinselect_bnb(v, 4, 500, 0, FL_COINSELECT_TRIES,
		      reject_all, NULL, sel, &e),
	    ==, 0);
	/* A cost from the callback ranks first: 400 + 100 exceed 500 by
	 * nothing, but the single 550 costs less (one coin). */
	{
		int64_t w[3] = {400, 550, 100};

		check_int(fl_coinselect_bnb(w, 3, 500, 60, FL_COINSELECT_TRIES,
			      NULL, NULL, sel, &e),
		    ==, 1);
		check(sel[0] && !sel[1] && sel[2]);
		check_int(fl_coinselect_bnb(w, 3, 500, 60, FL_COINSELECT_TRIES,
			      by_count, NULL, sel, &e),
		    ==, 1);
		check(!sel[0] && sel[1] && !sel[2]);
	}
	/* Non-positive coins never count; ties keep the caller's order. */
	v[0] = -5;
	v[1] = 300;
	v[2] = 0;
	v[3] = 300;
	check_int(fl_coinselect_bnb(v, 4, 300, 0, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 1);
	check_str(picked(4), "0100");
	check_int(fl_coinselect_bnb(v, 4, 601, 0, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 0);
	/* Many equal coins: the skip keeps this fast and finds 7 of them. */
	for (i = 0; i < 16; i++)
		big[i] = 1000;
	check_int(fl_coinselect_bnb(big, 16, 7000, 0, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 1);
	check_str(picked(16), "1111111000000000");
	check_int(fl_coinselect_bnb(big, 16, 7001, 0, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 0);
	check_int(fl_coinselect_bnb(big, 0, 1, 0, FL_COINSELECT_TRIES, NULL,
		      NULL, sel, &e),
	    ==, 0);

	/* Largest first, then the last coin traded for a smaller one. */
	v[0] = 100;
	v[1] = 500;
	v[2] = 300;
	v[3] = 250;
	check_int(fl_coinselect_largest(v, 4, 700, sel, &e), ==, 1);
	check_str(picked(4), "0101");
	check_int(fl_coinselect_largest(v, 4, 800, sel, &e), ==, 1);
	check_str(picked(4), "0110");
	check_int(fl_coinselect_largest(v, 4, 500, sel, &e), ==, 1);
	check_str(picked(4), "0100");
	check_int(fl_coinselect_largest(v, 4, 1, sel, &e), ==, 1);
	check_str(picked(4), "1000");
	check_int(fl_coinselect_largest(v, 4, 1150, sel, &e), ==, 1);
	check_str(picked(4), "1111");
	check_int(fl_coinselect_largest(v, 4, 1151, sel, &e), ==, 0);
	check_str(picked(4), "1111");
	check_int(fl_coinselect_largest(v, 4, 0, sel, &e), ==, 1);
	check_str(picked(4), "0000");
	/* Equal coins: no trade, the caller's order wins. */
	v[0] = v[1] = v[2] = v[3] = 100;
	check_int(fl_coinselect_largest(v, 4, 250, sel, &e), ==, 1);
	check_str(picked(4), "1110");
	test_brute();
	return test_done();
}
