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
	qsort(rem, n, sizeof(*rem), rem_cmp);
	/* left < n: each of the first left parts gets one more unit. */
	for (i = 0; i < left; i++)
		out[rem[i].i]++;
	free(rem);
	return 0;
}
