#include <stdlib.h>
#include <string.h>

#include "apportion.h"
#include "tap.h"

/* A fixed seed: the same cases every run. */
static uint64_t rng = 0x5eed;

static uint64_t
next(void)
{
	return tap_rand(&rng);
}

static void
test_basic(void)
{
	struct fl_err e;
	uint64_t w[3] = {1, 1, 1}, out[3];
	size_t rev[3] = {2, 1, 0};
	uint64_t w2[4] = {0, 3, 0, 1}, out2[4];

	check_int(fl_apportion(w, 3, 10, NULL, out, &e), ==, 0);
	check_uint(out[0], ==, 4);
	check_uint(out[1], ==, 3);
	check_uint(out[2], ==, 3);
	/* The caller's order breaks the tie. */
	check_int(fl_apportion(w, 3, 10, rev, out, &e), ==, 0);
	check_uint(out[0], ==, 3);
	check_uint(out[2], ==, 4);
	/* Largest remainder: 7 * 3/4 = 5.25, 7 * 1/4 = 1.75. */
	check_int(fl_apportion(w2, 4, 7, NULL, out2, &e), ==, 0);
	check_uint(out2[0], ==, 0);
	check_uint(out2[1], ==, 5);
	check_uint(out2[2], ==, 0);
	check_uint(out2[3], ==, 2);
	/* Nothing to split. */
	check_int(fl_apportion(w2, 4, 0, NULL, out2, &e), ==, 0);
	check_uint(out2[1], ==, 0);
	check_int(fl_apportion(NULL, 0, 0, NULL, NULL, &e), ==, 0);
}

static void
test_errors(void)
{
	struct fl_err e;
	uint64_t w[2] = {0, 0}, out[2] = {9, 9};

	check_int(fl_apportion(w, 2, 5, NULL, out, &e), ==, FL_EDATA);
	check_str(e.msg, "nothing to split 5 among");
	check_uint(out[0], ==, 0);
	check_uint(out[1], ==, 0);
	check_int(fl_apportion(NULL, 0, 5, NULL, NULL, &e), ==, FL_EDATA);
}

static void
test_extremes(void)
{
	struct fl_err e;
	uint64_t w[3] = {UINT64_MAX, UINT64_MAX, 1}, out[3];

	/* The weights sum past 2^64: the 128-bit sum keeps it exact. */
	check_int(fl_apportion(w, 3, UINT64_MAX, NULL, out, &e), ==, 0);
	check_uint(out[0] + out[1] + out[2], ==, UINT64_MAX);
	/* Parts 0 and 1 get floor(2^63 - 0.75); part 2's 0.5 is the largest. */
	check_uint(out[0], ==, UINT64_C(9223372036854775807));
	check_uint(out[1], ==, UINT64_C(9223372036854775807));
	check_uint(out[2], ==, 1);
}

/* Property: exact sum, floor or floor+1, largest remainders, determinism. */
static void
test_random(void)
{
	enum { CASES = 3000, MAXN = 40 };
	int bad_sum = 0, bad_range = 0, bad_rem = 0, bad_det = 0, bad_order = 0;
	int c;

	for (c = 0; c < CASES; c++) {
		uint64_t w[MAXN], out[MAXN], again[MAXN], total;
		size_t order[MAXN], rank[MAXN], n = 1 + next() % MAXN, i, j;
		fl_u128 sum = 0, got = 0;
		struct fl_err e;
		unsigned shift = (unsigned)(next() % 64);

		for (i = 0; i < n; i++) {
			w[i] = next() % 5 == 0 ? 0 : next() >> shift;
			if (next() % 7 == 0)
				w[i] = w[0];
			sum += w[i];
			order[i] = i;
		}
		if (sum == 0)
			sum = w[0] = 1;
		for (i = n - 1; i > 0; i--) {
			size_t k = (size_t)(next() % (i + 1)), t = order[i];

			order[i] = order[k];
			order[k] = t;
		}
		for (i = 0; i < n; i++)
			rank[order[i]] = i;
		total = next() >> (next() % 64);
		if (fl_apportion(w, n, total, order, out, &e) != 0 ||
		    fl_apportion(w, n, total, order, again, &e) != 0) {
			bad_sum++;
			continue;
		}
		for (i = 0; i < n; i++) {
			uint64_t fl = (uint64_t)((fl_u128)total * w[i] / sum);

			got += out[i];
			if (out[i] != fl && out[i] != fl + 1)
				bad_range++;
			if (out[i] != again[i])
				bad_det++;
		}
		if (got != total)
			bad_sum++;
		/* Whoever got the extra unit has a remainder no smaller. */
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++) {
				fl_u128 ri = (fl_u128)total * w[i] % sum,
					rj = (fl_u128)total * w[j] % sum;
				int up_i = out[i] !=
				    (uint64_t)((fl_u128)total * w[i] / sum),
				    up_j = out[j] !=
				    (uint64_t)((fl_u128)total * w[j] / sum);

				if (up_i && !up_j && ri < rj)
					bad_rem++;
				if (up_i && !up_j && ri == rj &&
				    rank[i] > rank[j])
					bad_order++;
			}
	}
	check_int(bad_sum, ==, 0);
	check_int(bad_range, ==, 0);
	check_int(bad_rem, ==, 0);
	check_int(bad_order, ==, 0);
	check_int(bad_det, ==, 0);
}

/*
 * The reference: every remainder sorted (qsort, largest first, ties by the
 * caller's order), the first ones given one unit each.  The library selects
 * instead of sorting; the parts must be the same.
 */
struct ref_rem {
	fl_u128 r;
	size_t rank, i;
};

static int
ref_cmp(const void *a, const void *b)
{
	const struct ref_rem *x = a, *y = b;

	if (x->r != y->r)
		return x->r > y->r ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static void
ref_apportion(const uint64_t *w, size_t n, uint64_t total, const size_t *order,
    uint64_t *out)
{
	struct ref_rem *rem = calloc(n, sizeof(*rem));
	fl_u128 sum = 0;
	uint64_t given = 0;
	size_t i;

	if (rem == NULL)
		abort();
	for (i = 0; i < n; i++)
		sum += w[i];
	for (i = 0; i < n; i++) {
		size_t k = order != NULL ? order[i] : i;

		out[k] = (uint64_t)((fl_u128)total * w[k] / sum);
		given += out[k];
		rem[i].r = (fl_u128)total * w[k] % sum;
		rem[i].rank = i;
		rem[i].i = k;
	}
	qsort(rem, n, sizeof(*rem), ref_cmp);
	for (i = 0; i < total - given; i++)
		out[rem[i].i]++;
	free(rem);
}

/*
 * The selection against the reference on large tables, among them the
 * shapes that defeat a median-of-three pivot (weights 1000 + i, the
 * weights sorted either way, organ pipes, one weight repeated so every
 * remainder ties, few distinct remainders) and random ones.
 */
static void
test_against_reference(void)
{
	enum { SHAPES = 9 };
	static const size_t sizes[] = {1, 2, 3, 7, 100, 1000, 20000, 200000};
	size_t si, shape, i, differ = 0, cases = 0;

	for (si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
		size_t n = sizes[si];
		uint64_t *w = malloc(n * sizeof(*w));
		uint64_t *out = malloc(n * sizeof(*out));
		uint64_t *ref = malloc(n * sizeof(*ref));
		size_t *order = malloc(n * sizeof(*order));

		if (!w || !out || !ref || !order)
			abort();
		for (shape = 0; shape < SHAPES; shape++) {
			uint64_t total =
			    shape % 2 ? 200000 : n / 2 + next() % n;
			struct fl_err e;
			int use_order = shape >= 6;

			for (i = 0; i < n; i++) {
				switch (shape) {
				case 0:
				case 1:
					w[i] = 1000 + i;
					break;
				case 2:
					w[i] = 1000 + n - i;
					break;
				case 3:
					w[i] = 1 + (i < n / 2 ? i : n - i);
					break;
				case 4:
					w[i] = 7;
					break;
				case 5:
					w[i] = 1 + next() % 4;
					break;
				case 6:
					w[i] = 1000 + i;
					break;
				default:
					w[i] = 1 + next() % 1000000;
					break;
				}
				order[i] = i;
			}
			if (use_order)
				for (i = n - 1; i > 0; i--) {
					size_t k = (size_t)(next() % (i + 1));
					size_t t = order[i];

					order[i] = order[k];
					order[k] = t;
				}
			if (fl_apportion(w, n, total, use_order ? order : NULL,
				out, &e) != 0)
				abort();
			ref_apportion(w, n, total, use_order ? order : NULL,
			    ref);
			cases++;
			if (memcmp(out, ref, n * sizeof(*out)) != 0 &&
			    differ++ < 3)
				tap_diag("n %zu shape %zu: differs from the "
					 "reference",
				    n, shape);
		}
		free(w);
		free(out);
		free(ref);
		free(order);
	}
	check_uint(cases, ==, 8 * SHAPES);
	check_uint(differ, ==, 0);
}

int
main(void)
{
	test_basic();
	test_errors();
	test_extremes();
	test_random();
	test_against_reference();
	return test_done();
}
