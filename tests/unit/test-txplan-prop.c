/*
 * Property tests of lib/txplan over thousands of random payouts: every
 * plan balances to the satoshi, reaches the rate, stays under the weight
 * limit, spends each coin once and pays every payee once, in order; and
 * "insufficient funds" only when no set of coins could pay without change
 * (checked against every subset of up to 10 coins).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fee.h"
#include "tap.h"
#include "txplan.h"

#define MAXP 40
#define MAXC 64

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t
rnd(void)
{
	return tap_rand(&rng);
}

static uint64_t
between(uint64_t lo, uint64_t hi)
{
	return lo + rnd() % (hi - lo + 1);
}

static struct fl_payee p[MAXP];
static struct fl_utxo c[MAXC];
static enum fl_sign_type ty[MAXC];
static struct fl_txctx x;
static uint8_t change_spk[22] = {0, 20};

static const enum fl_sign_type types[] = {FL_SIGN_P2PKH, FL_SIGN_P2SH_P2WPKH,
    FL_SIGN_P2WPKH, FL_SIGN_P2TR};

static void
make_payee(size_t i, uint64_t sat)
{
	memset(&p[i], 0, sizeof p[i]);
	p[i].a.type = FL_ADDR_P2WPKH;
	p[i].a.witver = 0;
	p[i].a.spk[0] = 0;
	p[i].a.spk[1] = 20;
	p[i].a.spk[2] = (uint8_t)(i + 1);
	p[i].a.spklen = 22;
	snprintf(p[i].a.text, sizeof p[i].a.text, "payee%zu", i);
	p[i].sat = sat;
	p[i].dust = 294;
	p[i].line = i + 2;
}

/* Plans np payees of p[] from nc coins of c[] (types ty[]). */
static int
make(size_t np, size_t nc, struct fl_txplan *plan, struct fl_err *e)
{
	x.payees = p;
	x.np = np;
	x.coins.u = c;
	x.coins.n = nc;
	x.types = ty;
	return fl_txplan_make(&x, plan, e);
}

/* The exact no-change fee of the coins in mask; 0 if too heavy. */
static int
subset_pays(unsigned mask, size_t nc, uint64_t total, uint64_t *excess)
{
	struct fl_fee_tx t;
	uint64_t s = 0, w, need;
	size_t i;

	fl_fee_tx_init(&t);
	for (i = 0; i < MAXP && p[i].sat > 0; i++)
		fl_fee_add_output(&t, p[i].a.spklen);
	for (i = 0; i < nc; i++)
		if (mask & (1u << i)) {
			fl_fee_add_input(&t, ty[i]);
			s += c[i].value;
		}
	w = fl_fee_weight(&t, 1);
	if (w > x.o.max_weight)
		return 0;
	need = fl_fee_for(fl_fee_vsize(w), x.o.rate);
	if (s < total + need)
		return 0;
	*excess = s - total - need;
	return 1;
}

#define FAIL() \
	do { \
		tap_diag("plan_ok: line %d (signing %d, rate %llu)", __LINE__, \
		    x.o.signing, (unsigned long long)x.o.rate); \
		return 0; \
	} while (0)

static int
plan_ok(const struct fl_txplan *plan, size_t np, size_t nc)
{
	unsigned char used[MAXC] = {0};
	size_t i, k, next = 0;
	uint64_t fees = 0;

	for (i = 0; i < plan->ntx; i++) {
		const struct fl_txplan_tx *t = &plan->tx[i];
		struct fl_fee_tx sh;
		uint64_t in = 0, out = 0, w, v;

		if (t->first != next || t->npay == 0 || t->nin == 0)
			FAIL();
		next += t->npay;
		fl_fee_tx_init(&sh);
		for (k = 0; k < t->nin; k++) {
			if (t->in[k] >= nc || used[t->in[k]])
				FAIL();
			if (k > 0 && t->in[k] <= t->in[k - 1])
				FAIL();
			used[t->in[k]] = 1;
			in += c[t->in[k]].value;
			fl_fee_add_input(&sh, ty[t->in[k]]);
		}
		for (k = 0; k < t->npay; k++) {
			const struct fl_payee *q = &p[t->first + k];

			out += t->pay[k];
			fl_fee_add_output(&sh, q->a.spklen);
			if (t->pay[k] < q->dust || t->pay[k] > q->sat)
				FAIL();
			if (!x.o.fee_from_payouts && t->pay[k] != q->sat)
				FAIL();
		}
		if (t->change > 0) {
			if (t->change < x.o.change_dust)
				FAIL();
			fl_fee_add_output(&sh, sizeof change_spk);
		}
		if (in != out + t->change + t->fee)
			FAIL();
		w = fl_fee_weight(&sh, 1);
		if (w != t->weight || w > x.o.max_weight)
			FAIL();
		v = fl_fee_vsize(w);
		if (t->fee < fl_fee_for(v, x.o.rate))
			FAIL();
		if (!t->over_rate && !fl_fee_in_range(t->fee, v, x.o.rate))
			FAIL();
		/* Over the rate only without change. */
		if (t->over_rate && t->change > 0)
			FAIL();
		fees += t->fee;
	}
	return next == np && fees == plan->fee;
}

/*
 * A small weight limit: payouts split into several transactions, each
 * with its own coins and change.  Every plan must be sound, and the only
 * error insufficient funds when the coins cannot even pay the payees.
 */
static void
split_props(void)
{
	struct fl_txplan plan;
	struct fl_err e;
	size_t iter, i, np, nc, bad = 0, other = 0, ntx = 0;

	for (iter = 0; iter < 400; iter++) {
		uint64_t total = 0, have = 0;
		int rc;

		memset(&x.o, 0, sizeof x.o);
		x.o.rate = between(1000, 20000);
		x.o.change_spk = change_spk;
		x.o.change_spk_len = sizeof change_spk;
		x.o.change_dust = 294;
		x.o.change_type = FL_SIGN_P2WPKH;
		x.o.max_weight = between(1200, 6000);
		x.o.fee_from_payouts = rnd() % 4 == 0;
		x.o.signing = rnd() % 2;
		memset(p, 0, sizeof p);
		np = (size_t)between(1, MAXP);
		for (i = 0; i < np; i++) {
			make_payee(i, between(294, 60000));
			total += p[i].sat;
		}
		nc = (size_t)between(1, MAXC);
		memset(c, 0, sizeof c);
		for (i = 0; i < nc; i++) {
			ty[i] = types[rnd() % 4];
			c[i].txid[0] = (uint8_t)i;
			c[i].vout = (uint32_t)i;
			c[i].value = between(1, 3 * total / nc + 1);
			have += c[i].value;
		}
		rc = make(np, nc, &plan, &e);
		if (rc == 0) {
			ntx += plan.ntx;
			if (!plan_ok(&plan, np, nc) && bad++ < 3)
				tap_diag("split %zu: a bad plan", iter);
			fl_txplan_free(&plan);
		} else if (strncmp(e.msg, "insufficient", 12) != 0 &&
		    strstr(e.msg, "below its dust") == NULL &&
		    strstr(e.msg, "do not fit") == NULL) {
			if (other++ < 3)
				tap_diag("split %zu: %s", iter, e.msg);
		}
	}
	tap_diag("split: %zu transactions", ntx);
	check(ntx > 400);
	check_uint(bad, ==, 0);
	check_uint(other, ==, 0);
}

/*
 * A payout whose coins are small: each count of payees down from what the
 * outputs allow is too heavy until the coins fit.  The plan is the one the
 * one-payee-at-a-time descent made before counts sure to be too heavy
 * were skipped.
 */
static void
heavy_golden(void)
{
	static const size_t npay[] = {5, 3, 2, 2}, nin[] = {12, 11, 9, 10};
	static const uint64_t fee[] = {2000, 1800, 1400, 1600},
			      weight[] = {3926, 3406, 2738, 3010};
	struct fl_txplan plan;
	struct fl_err e;
	size_t i;

	memset(&x.o, 0, sizeof x.o);
	x.o.rate = 2000;
	x.o.change_spk = change_spk;
	x.o.change_spk_len = sizeof change_spk;
	x.o.change_dust = 294;
	x.o.change_type = FL_SIGN_P2WPKH;
	x.o.max_weight = 4000;
	memset(p, 0, sizeof p);
	for (i = 0; i < 12; i++)
		make_payee(i, 5000 + 1000 * i);
	memset(c, 0, sizeof c);
	for (i = 0; i < 60; i++) {
		c[i].txid[0] = (uint8_t)i;
		c[i].vout = (uint32_t)i;
		c[i].value = 3000 + (i % 5) * 100;
		ty[i] = FL_SIGN_P2WPKH;
	}
	check_int(make(12, 60, &plan, &e), ==, 0);
	check_uint(plan.ntx, ==, 4);
	check_uint(plan.fee, ==, 6800);
	for (i = 0; i < 4 && i < plan.ntx; i++) {
		check_uint(plan.tx[i].npay, ==, npay[i]);
		check_uint(plan.tx[i].nin, ==, nin[i]);
		check_uint(plan.tx[i].change, ==, 0);
		check_uint(plan.tx[i].fee, ==, fee[i]);
		check_uint(plan.tx[i].weight, ==, weight[i]);
	}
	check(plan_ok(&plan, 12, 60));
	fl_txplan_free(&plan);
}

int
main(void)
{
	static const uint64_t rates[] = {1000, 1001, 1500, 2000, 3333, 5000,
	    25000, 100000, 1000000};
	struct fl_txplan plan;
	struct fl_err e;
	size_t iter, bad_plan = 0, false_insufficient = 0, ok = 0, insuf = 0;
	size_t i, np, nc;

	for (iter = 0; iter < 20000; iter++) {
		uint64_t total = 0, unit, ex;
		unsigned mask;
		int rc, any = 0;

		memset(&x.o, 0, sizeof x.o);
		x.o.rate = rates[rnd() % (sizeof rates / sizeof rates[0])];
		x.o.change_spk = change_spk;
		x.o.change_spk_len = sizeof change_spk;
		x.o.change_dust = 294;
		x.o.change_type = FL_SIGN_P2WPKH;
		x.o.max_weight = FL_FEE_MAX_WEIGHT;
		x.o.fee_from_payouts = rnd() % 4 == 0;
		x.o.signing = rnd() % 2;
		memset(p, 0, sizeof p);
		np = (size_t)between(1, 6);
		for (i = 0; i < np; i++) {
			make_payee(i, between(294, 60000));
			total += p[i].sat;
		}
		/* Coins near the total's parts, so sets land near it. */
		nc = (size_t)between(1, 10);
		unit = total / between(1, 4);
		memset(c, 0, sizeof c);
		for (i = 0; i < nc; i++) {
			ty[i] = types[rnd() % 4];
			c[i].txid[0] = (uint8_t)i;
			c[i].vout = (uint32_t)i;
			c[i].value = between(1, unit + unit / 4 + 2000);
		}
		/*
		 * Half the time, the first coins' effective values sum to
		 * the estimated target within a few satoshis: where an
		 * estimate and the exact fee part.
		 */
		if (rnd() % 2 == 0 && nc > 1) {
			uint64_t est = total, k = between(1, nc - 1), j;
			int64_t adj = (int64_t)between(0, 6) - 3;

			est += ((uint64_t)(4 * (10 + 31 * np) + 2) * x.o.rate +
				   3999) /
			    4000;
			for (j = 0; j < k; j++) {
				uint64_t f = (fl_sign_input_weight_max(ty[j]) *
						     x.o.rate +
						 3999) /
				    4000;

				c[j].value = est / k + f;
			}
			c[0].value += est % k;
			if ((int64_t)c[0].value + adj > 0)
				c[0].value =
				    (uint64_t)((int64_t)c[0].value + adj);
		}
		rc = make(np, nc, &plan, &e);
		if (rc == 0) {
			ok++;
			if (!plan_ok(&plan, np, nc)) {
				if (bad_plan++ < 3)
					tap_diag("iteration %zu: a bad plan",
					    iter);
			}
			fl_txplan_free(&plan);
			continue;
		}
		if (rc != FL_EDATA || strncmp(e.msg, "insufficient", 12) != 0)
			continue;
		insuf++;
		if (x.o.fee_from_payouts)
			continue;
		for (mask = 1; mask < (1u << nc) && !any; mask++)
			any = subset_pays(mask, nc, total, &ex);
		if (any && false_insufficient++ < 3)
			tap_diag("iteration %zu: insufficient funds, but coins "
				 "0x%x pay (rate %llu)",
			    iter, mask - 1, (unsigned long long)x.o.rate);
	}
	tap_diag("%zu plans, %zu insufficient", ok, insuf);
	check(ok > 1000);
	split_props();
	heavy_golden();
	check(insuf > 1000);
	check_uint(bad_plan, ==, 0);
	check_uint(false_insufficient, ==, 0);
	return test_done();
}
