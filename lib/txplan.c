#include "txplan.h"

#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "apportion.h"
#include "dust.h"
#include "tsv.h"
#include "coinselect.h"
#include "fee.h"
#include "hash.h"
#include "secret.h"
#include "script.h"

enum { SETTLE_OK = 0, SETTLE_NO = 1, SETTLE_HEAVY = 2, SETTLE_DUST = 3 };

/* One batch being planned. */
struct batch {
	const struct fl_payee *p; /* its payees */
	size_t npay;
	const struct fl_utxo *coins;
	const enum fl_sign_type *types;
	size_t nc;
	const struct fl_txplan_opts *o;
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
	const struct fl_txplan_opts *o = b->o;
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
	 * (fl_txplan_refee): only a change-less fee can stay above the rate.
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
	const struct fl_txplan_opts *o = b->o;
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
insufficient(const struct fl_payee *p, size_t np, const struct fl_utxo *c,
    const enum fl_sign_type *types, size_t nc, const struct fl_txplan_opts *o,
    struct fl_err *e)
{
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
    const struct fl_txplan_opts *o)
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
fl_txplan_make(const struct fl_payee *payees, size_t np,
    const struct fl_utxo *coins, const enum fl_sign_type *types, size_t nc,
    const struct fl_txplan_opts *o, struct fl_txplan *plan, struct fl_err *e)
{
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
				rc = insufficient(payees, np, coins, types, nc,
				    o, e);
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

int
fl_txplan_build(const struct fl_txplan_tx *t, const struct fl_payee *payees,
    const struct fl_utxo *coins, const struct fl_txplan_opts *o,
    struct fl_tx *tx, struct fl_err *e)
{
	size_t i;
	int rc = 0;

	fl_tx_init(tx);
	for (i = 0; i < t->nin && rc == 0; i++)
		rc = fl_tx_add_input(tx, coins[t->in[i]].txid,
		    coins[t->in[i]].vout, 0xfffffffdu, e);
	for (i = 0; i < t->npay && rc == 0; i++)
		rc = fl_tx_add_output(tx, t->pay[i], payees[t->first + i].a.spk,
		    payees[t->first + i].a.spklen, e);
	if (rc == 0 && t->change > 0)
		rc = fl_tx_add_output(tx, t->change, o->change_spk,
		    o->change_spk_len, e);
	return rc;
}

int
fl_txplan_refee(struct fl_txplan_tx *t, const struct fl_payee *payees,
    const struct fl_utxo *coins, const struct fl_txplan_opts *o, uint64_t vsize,
    struct fl_err *e)
{
	uint64_t need = fl_fee_for(vsize, o->rate), *share, *w, borne;
	size_t i;
	int rc;

	(void)coins;
	if (fl_fee_in_range(t->fee, vsize, o->rate))
		return 0;
	if (t->change > 0 && !o->fee_from_payouts) {
		if (t->change + t->fee < need + o->change_dust)
			return fl_err_set(e, FL_EDATA,
			    "the change would fall below its dust threshold");
		t->change = t->change + t->fee - need;
		t->fee = need;
		t->over_rate = 0;
		return 1;
	}
	if (!o->fee_from_payouts || t->borne == 0 || t->borne + need < t->fee)
		return 0;
	borne = t->borne + need - t->fee;
	share = calloc(t->npay ? t->npay : 1, sizeof *share);
	w = calloc(t->npay ? t->npay : 1, sizeof *w);
	if (share == NULL || w == NULL) {
		free(share);
		free(w);
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	}
	for (i = 0; i < t->npay; i++)
		w[i] = payees[t->first + i].sat;
	rc = fl_apportion(w, t->npay, borne, NULL, share, e);
	free(w);
	for (i = 0; rc == 0 && i < t->npay; i++) {
		const struct fl_payee *p = &payees[t->first + i];

		if (share[i] > p->sat || p->sat - share[i] < p->dust)
			rc = fl_err_setl(e, FL_EDATA, p->line, 0,
			    "payee \"%s\": below its dust threshold after its "
			    "share of the fee",
			    p->a.text);
		else
			t->pay[i] = p->sat - share[i];
	}
	free(share);
	if (rc != 0)
		return rc;
	t->borne = borne;
	t->fee = need;
	t->over_rate = 0;
	return 1;
}

static int
cmp_addr(const void *a, const void *b)
{
	const struct fl_payee *const *x = a, *const *y = b;
	int c = strcmp((*x)->a.text, (*y)->a.text);

	if (c != 0)
		return c;
	return (*x)->line < (*y)->line ? -1 : (*x)->line > (*y)->line;
}

int
fl_payees_read(FILE *fp, enum fl_network net, struct fl_payee **payees,
    size_t *np, struct fl_err *e)
{
	struct fl_tsv_reader r;
	struct fl_payee *p = NULL, *q, **sorted = NULL;
	struct fl_err e2;
	size_t n = 0, cap = 0, i;
	uint64_t sat, total = 0;
	int ca, cs, rc;

	*payees = NULL;
	*np = 0;
	rc = fl_tsv_open(&r, fp, e);
	if (rc != 0)
		goto out;
	if ((ca = fl_tsv_require(&r, "address", "flattor-addrs", e)) < 0 ||
	    (cs = fl_tsv_require(&r, "sat", "flattor-weigh", e)) < 0) {
		rc = FL_EDATA;
		goto out;
	}
	while ((rc = fl_tsv_next(&r, e)) == 1) {
		if ((rc = fl_tsv_u64(&r, cs, 0, &sat, e)) != 0)
			goto out;
		if (sat == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			q = realloc(p, cap * sizeof *q);
			if (q == NULL) {
				rc = fl_err_set(e, FL_ENOMEM, "out of memory");
				goto out;
			}
			p = q;
		}
		q = &p[n];
		memset(q, 0, sizeof *q);
		q->line = r.lineno;
		q->sat = sat;
		if (fl_address_decode(r.field[ca], net, 0, &q->a, NULL, &e2) !=
		    0) {
			rc = fl_err_setl(e, FL_EDATA, r.lineno, 0,
			    "address \"%s\": %s", r.field[ca], e2.msg);
			goto out;
		}
		if (fl_dust_threshold(fl_addr_type_name(q->a.type), &q->dust,
			&e2) != 0) {
			rc = fl_err_setl(e, FL_EDATA, r.lineno, 0,
			    "address \"%s\": unsupported address type \"%s\"",
			    q->a.text, fl_addr_type_name(q->a.type));
			goto out;
		}
		if (sat < q->dust) {
			rc = fl_err_setl(e, FL_EDATA, r.lineno, 0,
			    "address \"%s\": %llu sat is below its dust "
			    "threshold (%llu sat for %s)",
			    q->a.text, (unsigned long long)sat,
			    (unsigned long long)q->dust,
			    fl_addr_type_name(q->a.type));
			goto out;
		}
		total += sat;
		if (sat > (uint64_t)FL_MAX_MONEY ||
		    total > (uint64_t)FL_MAX_MONEY) {
			rc = fl_err_setl(e, FL_EDATA, r.lineno, 0,
			    "the payouts add up to more than 21,000,000 BTC");
			goto out;
		}
		n++;
	}
	if (rc < 0)
		goto out;
	/* Refuse an address twice: sort pointers, compare neighbours. */
	sorted = malloc((n ? n : 1) * sizeof *sorted);
	if (sorted == NULL) {
		rc = fl_err_set(e, FL_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		sorted[i] = &p[i];
	qsort(sorted, n, sizeof *sorted, cmp_addr);
	for (i = 1; i < n; i++)
		if (strcmp(sorted[i]->a.text, sorted[i - 1]->a.text) == 0) {
			rc = fl_err_setl(e, FL_EDATA, sorted[i]->line, 0,
			    "address \"%s\" appears twice (also line %lu)",
			    sorted[i]->a.text, sorted[i - 1]->line);
			goto out;
		}
	rc = 0;
out:
	fl_tsv_close(&r);
	free(sorted);
	if (rc != 0) {
		free(p);
		return rc;
	}
	*payees = p;
	*np = n;
	return 0;
}

enum fl_sign_type
fl_txplan_spend_type(enum fl_addr_type t)
{
	switch (t) {
	case FL_ADDR_P2PKH:
		return FL_SIGN_P2PKH;
	case FL_ADDR_P2SH:
		return FL_SIGN_P2SH_P2WPKH;
	case FL_ADDR_P2TR:
		return FL_SIGN_P2TR;
	default:
		return FL_SIGN_P2WPKH;
	}
}

int
fl_txplan_set_change(struct fl_txplan_opts *o, const struct fl_address *a,
    struct fl_err *e)
{
	uint64_t dust;

	if (fl_dust_threshold(fl_addr_type_name(a->type), &dust, e) != 0)
		return fl_err_set(e, FL_EDATA,
		    "unsupported address type \"%s\"",
		    fl_addr_type_name(a->type));
	o->change_dust = dust;
	o->change_spk = a->spk;
	o->change_spk_len = a->spklen;
	o->change_type = fl_txplan_spend_type(a->type);
	return 0;
}

/*
 * Does k spend u as type t?  For P2SH-P2WPKH the redeem script that
 * matched goes to redeem (22 bytes) and *redeem_len when they are given.
 */
static int
key_spends(const secp256k1_context *ctx, const struct fl_key *k,
    const struct fl_utxo *u, enum fl_sign_type t, uint8_t *redeem,
    size_t *redeem_len)
{
	uint8_t prog[40], spk[42], internal[32], output[32], h[20];
	size_t proglen, n;
	struct fl_err e;
	int rc;

	fl_script_classify(u->spk, u->spk_len, prog, &proglen, NULL);
	switch (t) {
	case FL_SIGN_P2WPKH:
	case FL_SIGN_P2PKH:
		return memcmp(prog, k->keyhash, 20) == 0;
	case FL_SIGN_P2SH_P2WPKH:
		n = fl_script_p2wpkh(k->keyhash, spk);
		fl_hash160(spk, n, h);
		if (memcmp(prog, h, 20) != 0)
			return 0;
		if (redeem != NULL) {
			memcpy(redeem, spk, n);
			*redeem_len = n;
		}
		return 1;
	case FL_SIGN_P2TR:
		if (ctx == NULL)
			return 0;
		rc = fl_key_taproot_output(ctx, k->sec, internal, output, &e);
		fl_secret_wipe(internal, sizeof internal);
		return rc == 0 && memcmp(prog, output, 32) == 0;
	default:
		return 0;
	}
}

int
fl_txplan_key_matches(const secp256k1_context *ctx, const struct fl_key *k,
    struct fl_utxo *u, enum fl_sign_type t)
{
	if (u->redeem_len == 0)
		return key_spends(ctx, k, u, t, u->redeem, &u->redeem_len);
	return key_spends(ctx, k, u, t, NULL, NULL);
}

void
fl_txplan_coin(const struct fl_utxo *u, struct fl_coin *c)
{
	memset(c, 0, sizeof *c);
	c->value = u->value;
	c->spk = u->spk;
	c->spk_len = u->spk_len;
	c->redeem = u->redeem_len ? u->redeem : NULL;
	c->redeem_len = u->redeem_len;
}

/* A coin's error: its TSV line, or "entry N: " for a JSON coin. */
static int
coin_err(const struct fl_utxos *cs, const struct fl_utxo *u, struct fl_err *e,
    const char *what)
{
	if (cs->json)
		return fl_err_set(e, FL_EDATA, "entry %lu: %s", u->line, what);
	return fl_err_setl(e, FL_EDATA, u->line, 0, "%s", what);
}

int
fl_txplan_type_coins(const secp256k1_context *ctx, const struct fl_keys *keys,
    struct fl_utxos *cs, enum fl_sign_type *types, struct fl_err *e)
{
	struct fl_utxo *u;
	struct fl_coin c;
	uint8_t prog[40];
	size_t i, k, nk = keys != NULL ? keys->n : 0, proglen;
	char txid[65], what[256];
	int any;

	for (i = 0; i < cs->n; i++) {
		u = &cs->u[i];
		any = 0;
		if (fl_script_classify(u->spk, u->spk_len, prog, &proglen,
			NULL) == FL_SCRIPT_P2SH &&
		    u->redeem_len == 0) {
			/* A key may tell it is P2SH-P2WPKH. */
			for (k = 0; k < nk && !any; k++)
				any = fl_txplan_key_matches(ctx, &keys->k[k], u,
				    FL_SIGN_P2SH_P2WPKH);
		}
		fl_txplan_coin(u, &c);
		types[i] = fl_sign_type_of(&c);
		if (types[i] == FL_SIGN_UNSUPPORTED)
			return coin_err(cs, u, e,
			    "p2sh coin without its redeem script (only "
			    "P2SH-P2WPKH coins are supported: give "
			    "redeem_script, or its key)");
		if (nk == 0)
			continue;
		for (any = 0, k = 0; k < nk && !any; k++)
			any = fl_txplan_key_matches(ctx, &keys->k[k], u,
			    types[i]);
		if (!any) {
			fl_txid_hex(u->txid, txid);
			snprintf(what, sizeof what,
			    "no key for coin %s:%u (%s)", txid,
			    (unsigned)u->vout, fl_sign_type_name(types[i]));
			return coin_err(cs, u, e, what);
		}
	}
	return 0;
}

int
fl_txplan_keys_used(const secp256k1_context *ctx, const struct fl_keys *keys,
    const struct fl_utxos *cs, const enum fl_sign_type *types, struct fl_err *e)
{
	size_t i, k;
	int any;

	for (k = 0; keys != NULL && k < keys->n; k++) {
		for (any = 0, i = 0; i < cs->n && !any; i++)
			any = key_spends(ctx, &keys->k[k], &cs->u[i], types[i],
			    NULL, NULL);
		if (!any)
			return fl_err_set(e, FL_EDATA,
			    "key %zu of the key file matches no coin", k + 1);
	}
	return 0;
}
