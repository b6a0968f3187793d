#include "coinselect.h"

#include <stdlib.h>
#include <string.h>

/* A coin to sort: its value and its index, the tie-break (qsort is not
 * stable, so ties must be decided explicitly). */
struct ranked {
	int64_t value;
	size_t index;
};

static int
cmp_desc(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The indexes of the positive coins, largest first; *m their number. */
static size_t *
sorted(const int64_t *value, size_t n, size_t *m)
{
	struct ranked *r;
	size_t *ix, i, k = 0;

	ix = malloc((n ? n : 1) * sizeof *ix);
	r = malloc((n ? n : 1) * sizeof *r);
	if (ix == NULL || r == NULL) {
		free(ix);
		free(r);
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (value[i] > 0) {
			r[k].value = value[i];
			r[k++].index = i;
		}
	qsort(r, k, sizeof *r, cmp_desc);
	for (i = 0; i < k; i++)
		ix[i] = r[i].index;
	free(r);
	*m = k;
	return ix;
}

int
fl_coinselect_bnb(const int64_t *value, size_t n, int64_t target,
    int64_t window, unsigned long max_tries, fl_coinselect_accept accept,
    void *arg, unsigned char *sel, struct fl_err *e)
{
	size_t *ix, *stack, *best, m, depth = 0, nbest = 0, i, k;
	int64_t cur = 0, avail = 0, best_excess = INT64_MAX;
	uint64_t best_cost = UINT64_MAX, cost;
	unsigned long tries;
	unsigned char *cand;
	int found = 0, back;

	memset(sel, 0, n);
	ix = sorted(value, n, &m);
	stack = malloc((m ? m : 1) * sizeof *stack);
	best = malloc((m ? m : 1) * sizeof *best);
	cand = calloc(n ? n : 1, 1);
	if (ix == NULL || stack == NULL || best == NULL || cand == NULL) {
		free(ix);
		free(stack);
		free(best);
		free(cand);
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	}
	for (i = 0; i < m; i++)
		avail += value[ix[i]];
	if (avail < target)
		goto done;
	/* i is the position in ix of the next coin to decide on. */
	for (tries = 0, i = 0; tries < max_tries; tries++, i++) {
		back = 0;
		if (cur + avail < target || cur > target + window) {
			back = 1;
		} else if (cur >= target) {
			/* Without costs (all 0) only a smaller excess wins. */
			if (best_cost > 0 || cur - target < best_excess) {
				for (k = 0; k < depth; k++)
					cand[ix[stack[k]]] = 1;
				cost = 0;
				if ((accept == NULL ||
					accept(arg, cand, n, &cost)) &&
				    (cost < best_cost ||
					(cost == best_cost &&
					    cur - target < best_excess))) {
					best_cost = cost;
					best_excess = cur - target;
					memcpy(best, stack,
					    depth * sizeof *best);
					nbest = depth;
					found = 1;
				}
				for (k = 0; k < depth; k++)
					cand[ix[stack[k]]] = 0;
			}
			back = 1;
		}
		if (back) {
			if (depth == 0)
				break;
			/* Give the coins skipped since the last one back. */
			for (--i; i > stack[depth - 1]; --i)
				avail += value[ix[i]];
			/* Then try the last one excluded. */
			cur -= value[ix[i]];
			depth--;
		} else {
			avail -= value[ix[i]];
			if (depth == 0 || i - 1 == stack[depth - 1] ||
			    value[ix[i]] != value[ix[i - 1]]) {
				stack[depth++] = i;
				cur += value[ix[i]];
			}
		}
	}
done:
	for (k = 0; k < nbest; k++)
		sel[ix[best[k]]] = 1;
	free(ix);
	free(stack);
	free(best);
	free(cand);
	return found;
}

int
fl_coinselect_largest(const int64_t *value, size_t n, int64_t goal,
    unsigned char *sel, struct fl_err *e)
{
	size_t *ix, m, i, k, last;
	int64_t sum = 0;

	memset(sel, 0, n);
	ix = sorted(value, n, &m);
	if (ix == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (i = 0; i < m && sum < goal; i++) {
		sel[ix[i]] = 1;
		sum += value[ix[i]];
	}
	if (sum < goal) {
		free(ix);
		return 0;
	}
	if (i == 0) {
		free(ix);
		return 1;
	}
	/* Swap the last coin taken for the smallest that still suffices. */
	last = i - 1;
	for (k = m; k-- > i;) {
		if (value[ix[k]] < value[ix[last]] &&
		    sum - value[ix[last]] + value[ix[k]] >= goal) {
			sel[ix[last]] = 0;
			sel[ix[k]] = 1;
			break;
		}
	}
	free(ix);
	return 1;
}
