#include "txplan.h"

#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "apportion.h"
#include "coinselect.h"
#include "fee.h"

enum { SETTLE_OK = 0, SETTLE_NO = 1, SETTLE_HEAVY = 2, SETTLE_DUST = 3 };

/* One batch being planned. */
struct batch {
	const struct fl_payee *p; /* its payees */
	size_t npay;
	const struct fl_utxo *coins;
	const enum fl_sign_type *types;
	size_t nc;
	const struct fl_txopts *o;
	uint64_t total; /* what its payees are due */
	struct fl_fee_tx shape0; /* its payees' outputs, no inputs */
	uint64_t *w; /* npay payee amounts, apportionment weights */
	struct fl_txplan_tx r; /* the result of the last settle() */
	uint64_t missing; /* what the last SETTLE_NO lacked, in sat */
	struct fl_err dust_err; /* why a payee could not bear its fee */
};

static uint64_t
ceil_fee(uint64_t weight, uint64_t rate)
{
	return (uint64_t)(((fl_u128)weight * rate + 3999) / 4000);
}

/*
 * Settles the fee and change of the coins sel[] for batch b.  strict:
 * refuse a fee at or above rate + 1.  The result goes to b->r (pay in
 * b->r.pay, which the caller allocated).
 */
static int
settle(struct batch *b, const unsigned char *sel, int with_change, int strict)
{
	const struct fl_txopts *o = b->o;
	struct fl_fee_tx t = b->shape0;
	uint64_t s = 0, wmax, wmin, need, left, *share;
	size_t i, nin = 0;
	struct fl_err e2;

	b->missing = 0;
	for (i = 0; i < b->nc; i++)
		if (sel[i]) {
			fl_fee_add_input(&t, b->types[i]);
			s += b->coins[i].value;
			nin++;
		}
	if (nin == 0)
		return SETTLE_NO;
	if (with_change)
		fl_fee_add_output(&t, o->change_spk_len);
	wmax = fl_fee_weight(&t, 1);
	wmin = o->signing ? fl_fee_weight(&t, 0) : wmax;
	if (wmax > o->max_weight)
		return SETTLE_HEAVY;
	need = fl_fee_for(fl_fee_vsize(wmax), o->rate);
	b->r.weight = wmax;
	b->r.nin = nin;
	b->r.borne = 0;
	b->r.change = 0;
	if (!o->fee_from_payouts) {
		if (s < b->total + need) {
			b->missing = b->total + need - s +
			    (with_change ? o->change_dust : 0);
			return SETTLE_NO;
		}
		left = s - b->total - need;
		if (with_change) {
			if (left < o->change_dust) {
				b->missing = o->change_dust - left;
				return SETTLE_NO;
			}
			b->r.change = left;
			b->r.fee = need;
		} else {
			b->r.fee = s - b->total;
		}
	} else {
		if (s < b->total) {
			b->missing =
			    b->total - s + (with_change ? o->change_dust : 0);
			return SETTLE_NO;
		}
		left = s - b->total;
		if (with_change) {
			if (left < o->change_dust) {
				b->missing = o->change_dust - left;
				return SETTLE_NO;
			}
			b->r.change = left;
			b->r.fee = need;
			b->r.borne = need;
		} else {
			b->r.fee = left > need ? left : need;
			b->r.borne = need > left ? need - left : 0;
		}
	}
	/*
	 * With change the fee is the rate's at the largest signatures, and
	 * a signed transaction's is settled again on its real size
	 * (lib/txsettle): only a change-less fee can stay above the rate.
	 */
	b->r.over_rate = !with_change &&
	    !fl_fee_in_range(b->r.fee, fl_fee_vsize(wmin), o->rate) &&
	    b->r.fee >= need;
	if (strict && b->r.over_rate)
		return SETTLE_NO;
	for (i = 0; i < b->npay; i++)
		b->r.pay[i] = b->p[i].sat;
	if (b->r.borne == 0)
		return SETTLE_OK;
	share = calloc(b->npay, sizeof *share);
	if (share == NULL ||
	    fl_apportion(b->w, b->npay, b->r.borne, NULL, share, &e2) != 0) {
		free(share);
		fl_err_set(&b->dust_err, FL_ENOMEM, "out of memory");
		return SETTLE_DUST;
	}
	for (i = 0; i < b->npay; i++) {
		if (share[i] > b->p[i].sat ||
		    b->p[i].sat - share[i] < b->p[i].dust) {
			fl_err_setl(&b->dust_err, FL_EDATA, b->p[i].line, 0,
			    "payee \"%s\": %llu sat less its share of the fee "
			    "(%llu sat) is below its dust threshold (%llu sat)",
			    b->p[i].a.text, (unsigned long long)b->p[i].sat,
			    (unsigned long long)share[i],
			    (unsigned long long)b->p[i].dust);
			free(share);
			return SETTLE_DUST;
		}
		b->r.pay[i] = b->p[i].sat - share[i];
	}
	free(share);
	return SETTLE_OK;
}

/*
 * Branch and bound's final check.  When the payees bear the fee, a set
 * that exceeds their total less can still cost them more (a coin worth
 * less than its input's fee): the cost of a set is what they bear.
 */
static int
accept_exact(void *arg, const unsigned char *sel, size_t n, uint64_t *cost)
{
	struct batch *b = arg;

	(void)n;
	if (settle(b, sel, 0, 1) != SETTLE_OK)
		return 0;
	*cost = b->r.borne;
	return 1;
}

/*
 * Largest first up to goal, settled exactly.  The goal is an estimate
 * (effective values, the outputs' fee): the exact fee can be a little
 * higher (sizes round up to whole vbytes, a legacy input of a segwit
 * transaction adds an empty witness, counts grow past 252), so while the
 * set falls short and coins are left, the goal grows by what it lacked,
 * and past the set's own sum (any goal up to it selects the same set).
 * Without coins left, the set of all coins is settled.
 */
static int
largest_settle(struct batch *b, int64_t *val, uint64_t goal, int with_change,
    unsigned char *sel, struct fl_err *e)
{
	uint64_t got;
	size_t i;
	int rc, st;

	for (;;) {
		rc = fl_coinselect_largest(val, b->nc, (int64_t)goal, sel, e);
		if (rc < 0)
			return rc;
		st = settle(b, sel, with_change, 0);
		if (st != SETTLE_NO || rc == 0 || b->missing == 0)
			return st;
		for (i = 0, got = 0; i < b->nc; i++)
			if (sel[i])
				got += (uint64_t)val[i];
		goal =
		    goal + b->missing > got + 1 ? goal + b->missing : got + 1;
	}
}

/*
 * Plans one batch from the coins not yet used.  Returns a SETTLE_* code
 * (SETTLE_NO: insufficient funds) with the selection in sel, or FL_ENOMEM.
 */
static int
plan_batch(struct batch *b, const unsigned char *used, unsigned char *sel,
    int64_t *val, struct fl_err *e)
{
	const struct fl_txopts *o = b->o;
	uint64_t base, target, change_out, change_cost, fee;
	size_t i;
	int rc;

	for (i = 0; i < b->nc; i++) {
		fee = ceil_fee(fl_sign_input_weight_max(b->types[i]), o->rate);
		if (used[i])
			val[i] = 0;
		else if (o->fee_from_payouts)
			val[i] = (int64_t)b->coins[i].value;
		else
			val[i] = (int64_t)b->coins[i].value - (int64_t)fee;
	}
	/* The weight without inputs, with the segwit marker and flag. */
	base = fl_fee_weight(&b->shape0, 1) + 2;
	target = b->total + (o->fee_from_payouts ? 0 : ceil_fee(base, o->rate));
	change_out = ceil_fee(fl_fee_output_weight(o->change_spk_len), o->rate);
	change_cost = change_out +
	    ceil_fee(fl_sign_input_weight_max(o->change_type), o->rate);
	rc = fl_coinselect_bnb(val, b->nc, (int64_t)target,
	    (int64_t)change_cost, FL_COINSELECT_TRIES, accept_exact, b, sel, e);
	if (rc < 0)
		return rc;
	if (rc == 1)
		return settle(b, sel, 0, 1);
	rc = largest_settle(b, val,
	    target + (o->fee_from_payouts ? 0 : change_out) + o->change_dust, 1,
	    sel, e);
	if (rc != SETTLE_NO)
		return rc;
	return largest_settle(b, val, target, 0, sel, e);
}

void
fl_txplan_free(struct fl_txplan *plan)
{
	size_t i;

	for (i = 0; i < plan->ntx; i++) {
		free(plan->tx[i].in);
		free(plan->tx[i].pay);
	}
	free(plan->tx);
	memset(plan, 0, sizeof *plan);
}

/*
 * Insufficient funds, with what the coins hold; without --fee-from-payouts
 * also the coins worth no more than the fee of spending them, which are
 * never taken (else "the coins hold" could be far more than is due).
 */
static int
insufficient(const struct fl_txctx *x, struct fl_err *e)
{
	const struct fl_payee *p = x->payees;
	const struct fl_utxo *c = x->coins.u;
	const enum fl_sign_type *types = x->types;
	const struct fl_txopts *o = &x->o;
	size_t np = x->np, nc = x->coins.n;
	uint64_t have = 0, due = 0, waste = 0;
	char h[32], d[32], w[32], r[32], why[192] = "";
	size_t i, nwaste = 0;

	for (i = 0; i < nc; i++) {
		have += c[i].value;
		if (!o->fee_from_payouts &&
		    c[i].value <=
			ceil_fee(fl_sign_input_weight_max(types[i]), o->rate)) {
			waste += c[i].value;
			nwaste++;
		}
	}
	for (i = 0; i < np; i++)
		due += p[i].sat;
	fl_amount_format_btc((int64_t)have, h, sizeof h);
	fl_amount_format_btc((int64_t)due, d, sizeof d);
	if (nwaste > 0) {
		fl_amount_format_btc((int64_t)waste, w, sizeof w);
		fl_fee_rate_format(o->rate, r, sizeof r);
		snprintf(why, sizeof why,
		    " (%zu coin%s, %s BTC, worth no more than the fee of "
		    "spending %s at %s sat/vB)",
		    nwaste, nwaste == 1 ? "" : "s", w,
		    nwaste == 1 ? "it" : "them", r);
	}
	return fl_err_set(e, FL_EDATA,
	    "insufficient funds: the coins hold %s BTC%s, the payees are due "
	    "%s BTC%s",
	    h, why, d, o->fee_from_payouts ? "" : " plus the fee");
}

static int
cmp_u64_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x > y ? -1 : x < y;
}

/*
 * What the coins a batch may take can reach: those not used yet whose
 * selection value is positive (the only ones branch and bound and largest
 * first take), as prefix sums of their amounts, largest first (sum[k]:
 * the k largest together), and the lightest input among them.
 */
struct reach {
	uint64_t *sum; /* n + 1 sums, sum[0] = 0 */
	size_t n;
	uint64_t min_w;
};

static void
reach_init(struct reach *r, const struct fl_utxo *coins,
    const enum fl_sign_type *types, size_t nc, const unsigned char *used,
    const struct fl_txopts *o)
{
	size_t i;

	r->n = 0;
	r->min_w = UINT64_MAX;
	for (i = 0; i < nc; i++) {
		uint64_t w = fl_sign_input_weight_max(types[i]);

		if (used[i] ||
		    (!o->fee_from_payouts &&
			coins[i].value <= ceil_fee(w, o->rate)))
			continue;
		r->sum[1 + r->n++] = coins[i].value;
		if (w < r->min_w)
			r->min_w = w;
	}
	qsort(r->sum + 1, r->n, sizeof *r->sum, cmp_u64_desc);
	r->sum[0] = 0;
	for (i = 1; i <= r->n; i++)
		r->sum[i] += r->sum[i - 1];
}

/*
 * Is every set of those coins that holds at least due heavier than the
 * limit with the outputs sh?  Such a set needs at least k coins (the k
 * largest are the first to hold due), each at least min_w; plan_batch()
 * settles only sets that hold due, so it could only find them too heavy.
 */
static int
surely_heavy(const struct reach *r, uint64_t due, const struct fl_fee_tx *sh,
    uint64_t max_weight)
{
	size_t lo = 0, hi = r->n, mid;

	if (r->n == 0 || r->sum[r->n] < due)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->sum[mid] >= due)
			hi = mid;
		else
			lo = mid + 1;
	}
	return fl_fee_weight(sh, 1) + (uint64_t)lo * r->min_w > max_weight;
}

int
fl_txplan_make(const struct fl_txctx *x, struct fl_txplan *plan,
    struct fl_err *e)
{
	const struct fl_payee *payees = x->payees;
	const struct fl_utxo *coins = x->coins.u;
	const enum fl_sign_type *types = x->types;
	const struct fl_txopts *o = &x->o;
	size_t np = x->np, nc = x->coins.n;
	struct batch b;
	struct reach reach;
	struct fl_txplan_tx *nt;
	unsigned char *used, *sel;
	int64_t *val;
	uint64_t fixed, outw, due;
	size_t first = 0, count, i, k;
	int rc = 0;

	memset(plan, 0, sizeof *plan);
	memset(&b, 0, sizeof b);
	used = calloc(nc ? nc : 1, 1);
	sel = calloc(nc ? nc : 1, 1);
	val = calloc(nc ? nc : 1, sizeof *val);
	b.w = calloc(np ? np : 1, sizeof *b.w);
	b.r.pay = calloc(np ? np : 1, sizeof *b.r.pay);
	reach.sum = calloc(nc + 1, sizeof *reach.sum);
	if (used == NULL || sel == NULL || val == NULL || b.w == NULL ||
	    b.r.pay == NULL || reach.sum == NULL) {
		rc = fl_err_set(e, FL_ENOMEM, "out of memory");
		goto out;
	}
	b.coins = coins;
	b.types = types;
	b.nc = nc;
	b.o = o;
	/* What a transaction needs besides its payees' outputs, at most. */
	fixed = 4 * (8 + 9 + 9) + 2 + fl_fee_output_weight(o->change_spk_len) +
	    fl_sign_input_weight_max(FL_SIGN_P2PKH) + 1;
	while (first < np) {
		outw = fixed;
		for (count = 0; first + count < np; count++) {
			uint64_t w = fl_fee_output_weight(
			    payees[first + count].a.spklen);

			if (outw + w > o->max_weight)
				break;
			outw += w;
		}
		if (count == 0) {
			rc = fl_err_set(e, FL_EDATA,
			    "a transaction cannot hold even one payee");
			goto out;
		}
		reach_init(&reach, coins, types, nc, used, o);
		b.p = payees + first;
		fl_fee_tx_init(&b.shape0);
		for (i = 0, due = 0; i < count; i++) {
			due += b.p[i].sat;
			fl_fee_add_output(&b.shape0, b.p[i].a.spklen);
		}
		for (;;) {
			/*
			 * Skip the counts plan_batch() would find too heavy
			 * anyway, one at a time: the same count is reached,
			 * without a coin selection for each.
			 */
			while (count > 1 &&
			    surely_heavy(&reach, due, &b.shape0,
				o->max_weight)) {
				count--;
				due -= b.p[count].sat;
				fl_fee_remove_output(&b.shape0,
				    b.p[count].a.spklen);
			}
			b.npay = count;
			b.total = due;
			for (i = 0; i < count; i++)
				b.w[i] = b.p[i].sat;
			rc = plan_batch(&b, used, sel, val, e);
			if (rc < 0)
				goto out;
			if (rc == SETTLE_OK)
				break;
			if (rc == SETTLE_DUST) {
				*e = b.dust_err;
				rc = b.dust_err.code;
				goto out;
			}
			if (rc == SETTLE_NO) {
				rc = insufficient(x, e);
				goto out;
			}
			/* Too heavy: one payee fewer. */
			if (count == 1) {
				rc = fl_err_set(e, FL_EDATA,
				    "the coins for payee \"%s\" do not fit in "
				    "one transaction",
				    payees[first].a.text);
				goto out;
			}
			count--;
			due -= b.p[count].sat;
			fl_fee_remove_output(&b.shape0, b.p[count].a.spklen);
		}
		nt = realloc(plan->tx, (plan->ntx + 1) * sizeof *nt);
		if (nt == NULL) {
			rc = fl_err_set(e, FL_ENOMEM, "out of memory");
			goto out;
		}
		plan->tx = nt;
		nt = &plan->tx[plan->ntx];
		*nt = b.r;
		nt->first = first;
		nt->npay = count;
		nt->in = calloc(nt->nin, sizeof *nt->in);
		nt->pay = calloc(count, sizeof *nt->pay);
		if (nt->in == NULL || nt->pay == NULL) {
			free(nt->in);
			free(nt->pay);
			rc = fl_err_set(e, FL_ENOMEM, "out of memory");
			goto out;
		}
		plan->ntx++;
		memcpy(nt->pay, b.r.pay, count * sizeof *nt->pay);
		for (i = 0, k = 0; i < nc; i++)
			if (sel[i]) {
				nt->in[k++] = i;
				used[i] = 1;
			}
		plan->fee += nt->fee;
		first += count;
	}
out:
	if (rc != 0)
		fl_txplan_free(plan);
	free(used);
	free(sel);
	free(val);
	free(b.w);
	free(b.r.pay);
	free(reach.sum);
	return rc;
}
