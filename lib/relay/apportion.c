#include "apportion.h"

#include <stdlib.h>
#include <string.h>

struct rem {
	fl_u128 r; /* total * w mod W */
	size_t rank; /* place in the tie-break order */
	size_t i;
};

/* Largest remainder first; equal remainders by the caller's order. */
static int
rem_cmp(const void *a, const void *b)
{
	const struct rem *x = a, *y = b;

	if (x->r != y->r)
		return x->r > y->r ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static void
swap(struct rem *a, size_t i, size_t j)
{
	struct rem t = a[i];

	a[i] = a[j];
	a[j] = t;
}

/* Restores the heap order of a[0..n) below a[i], the largest first. */
static void
sift_down(struct rem *a, size_t i, size_t n)
{
	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= n)
			return;
		if (c + 1 < n && rem_cmp(&a[c], &a[c + 1]) < 0)
			c++;
		if (rem_cmp(&a[i], &a[c]) >= 0)
			return;
		swap(a, i, c);
		i = c;
	}
}

/* Heapsort of a[0..n) in rem_cmp order: O(n log n) whatever the input. */
static void
heap_sort(struct rem *a, size_t n)
{
	size_t i;

	for (i = n / 2; i > 0; i--)
		sift_down(a, i - 1, n);
	for (i = n; i > 1; i--) {
		swap(a, 0, i - 1);
		sift_down(a, 0, i - 1);
	}
}

/*
 * Moves the k first parts in rem_cmp order to a[0..k), in no particular
 * order: an introselect.  A quickselect with a median-of-three pivot is
 * linear on average, where sorting everything made flattor-cap's splits
 * slow, but some weight patterns (1000 + i, say) defeat the pivot and make
 * it quadratic; after 2 log2 n partitions that have not finished, the range
 * left is heapsorted, so the worst case is O(n log n).  Every rank is
 * distinct, so rem_cmp is a strict total order and the set chosen does not
 * depend on the algorithm.
 */
static void
select_first(struct rem *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1, budget = 0, m;

	for (m = n; m > 1; m >>= 1)
		budget += 2;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, store, i;

		if (budget-- == 0) {
			/* a[0..lo) < a[lo..hi] < a(hi..n): sort the middle. */
			heap_sort(a + lo, hi - lo + 1);
			return;
		}
		/* Median of a[lo], a[mid], a[hi] to a[hi]. */
		if (rem_cmp(&a[mid], &a[lo]) < 0)
			swap(a, mid, lo);
		if (rem_cmp(&a[hi], &a[lo]) < 0)
			swap(a, hi, lo);
		if (rem_cmp(&a[mid], &a[hi]) < 0)
			swap(a, mid, hi);
		for (store = lo, i = lo; i < hi; i++)
			if (rem_cmp(&a[i], &a[hi]) < 0)
				swap(a, i, store++);
		swap(a, store, hi);
		/* a[lo..store) < a[store] < a(store..hi]. */
		if (store == k || store + 1 == k)
			return;
		if (store < k)
			lo = store + 1;
		else
			hi = store - 1;
	}
}

int
fl_apportion(const uint64_t *w, size_t n, uint64_t total, const size_t *order,
    uint64_t *out, struct fl_err *e)
{
	fl_u128 sum = 0;
	uint64_t given = 0, left;
	struct rem *rem;
	size_t i;

	if (n > 0)
		memset(out, 0, n * sizeof(*out));
	for (i = 0; i < n; i++)
		sum += w[i];
	if (total == 0)
		return 0;
	if (sum == 0)
		return fl_err_set(e, FL_EDATA, "nothing to split %llu among",
		    (unsigned long long)total);
	for (i = 0; i < n; i++) {
		/* out[i] <= total, so the quotient fits in 64 bits. */
		out[i] = (uint64_t)((fl_u128)total * w[i] / sum);
		given += out[i];
	}
	left = total - given;
	if (left == 0)
		return 0;
	if ((rem = calloc(n, sizeof(*rem))) == NULL) {
		memset(out, 0, n * sizeof(*out));
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++) {
		size_t k = order != NULL ? order[i] : i;

		rem[k].i = k;
		rem[k].rank = i;
		rem[k].r = (fl_u128)total * w[k] % sum;
	}
	select_first(rem, n, (size_t)left);
	/* left < n: each of the first left parts gets one more unit. */
	for (i = 0; i < left; i++)
		out[rem[i].i]++;
	free(rem);
	return 0;
}
