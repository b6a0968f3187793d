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
reject_first(void *arg, const unsigned char *s, size_t n)
{
	(void)arg;
	(void)s;
	(void)n;
	return reject_calls++ > 0;
}

static int
reject_all(void *arg, const unsigned char *s, size_t n)
{
	(void)arg;
	(void)s;
	(void)n;
	return 0;
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
	return test_done();
}
