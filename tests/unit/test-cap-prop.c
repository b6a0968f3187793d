/*
 * Property tests of lib/cap over thousands of random payee tables:
 * fl_cap_apply() against a reference written from flattor-cap(1) another
 * way (the water level found by scanning operators in order of
 * allowance / weight, the drop loop one payee at a time), the same
 * result whatever the row order, and the invariants: the output never
 * above the input, what is left reported, no operator above its
 * allowance, no payee paid below its minimum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "apportion.h"
#include "cap.h"
#include "tap.h"

#define MAXN 24

static uint64_t rng = 0x2545f4914f6cdd1du;

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

static char names[2 * MAXN][8];

/* ---- The reference ------------------------------------------------- */

struct ref {
	size_t n, nop;
	const struct fl_cap_payee *p;
	size_t op[MAXN]; /* payee -> operator, operators in id order */
	uint64_t allow[MAXN];
	enum fl_cap_reason why[MAXN];
	int active[MAXN];
	uint64_t amt[MAXN];
	int held[MAXN]; /* operator held at its allowance */
	uint64_t total;
};

/* Largest remainder, ties in index order, written out plainly. */
static void
ref_split(const uint64_t *w, size_t n, uint64_t total, uint64_t *out)
{
	fl_u128 sum = 0, rem[MAXN];
	uint64_t given = 0;
	int taken[MAXN] = {0};
	size_t i, k, best;

	for (i = 0; i < n; i++)
		sum += w[i];
	for (i = 0; i < n; i++) {
		out[i] = sum ? (uint64_t)((fl_u128)total * w[i] / sum) : 0;
		rem[i] = sum ? (fl_u128)total * w[i] % sum : 0;
		given += out[i];
	}
	for (k = given; sum && k < total; k++) {
		best = n;
		for (i = 0; i < n; i++)
			if (!taken[i] && (best == n || rem[i] > rem[best]))
				best = i;
		taken[best] = 1;
		out[best]++;
	}
}

static void
ref_compute(struct ref *s)
{
	uint64_t w[MAXN], amt_op[MAXN] = {0}, out[MAXN], r = s->total;
	fl_u128 S = 0;
	size_t o, i, k, m, order[MAXN];

	for (o = 0; o < s->nop; o++) {
		w[o] = 0;
		s->held[o] = 0;
	}
	for (i = 0; i < s->n; i++)
		if (s->active[i])
			w[s->op[i]] += s->p[i].in;
	/* Operators with weight, by allowance / weight ascending. */
	for (o = 0, m = 0; o < s->nop; o++)
		if (w[o] > 0) {
			order[m++] = o;
			S += w[o];
		}
	for (i = 1; i < m; i++)
		for (k = i; k > 0; k--) {
			size_t a = order[k - 1], b = order[k];

			if ((fl_u128)s->allow[b] * w[a] >=
			    (fl_u128)s->allow[a] * w[b])
				break;
			order[k - 1] = b;
			order[k] = a;
		}
	/* Hold each whose ratio is below the level of what is left. */
	for (i = 0; i < m; i++) {
		o = order[i];
		if ((fl_u128)s->allow[o] * S >= (fl_u128)r * w[o])
			break;
		s->held[o] = 1;
		amt_op[o] = s->allow[o];
		r -= s->allow[o];
		S -= w[o];
	}
	{
		uint64_t ww[MAXN];
		size_t idx[MAXN];

		for (o = 0, k = 0; o < s->nop; o++)
			if (w[o] > 0 && !s->held[o]) {
				ww[k] = w[o];
				idx[k++] = o;
			}
		if (k > 0) {
			ref_split(ww, k, r, out);
			for (i = 0; i < k; i++)
				amt_op[idx[i]] = out[i];
		}
	}
	/* Inside an operator, by address: sort its payees. */
	for (i = 0; i < s->n; i++)
		s->amt[i] = 0;
	for (o = 0; o < s->nop; o++) {
		size_t pi[MAXN];
		uint64_t pw[MAXN];

		for (i = 0, m = 0; i < s->n; i++)
			if (s->op[i] == o)
				pi[m++] = i;
		for (i = 1; i < m; i++)
			for (k = i; k > 0 &&
			     strcmp(s->p[pi[k - 1]].address,
				 s->p[pi[k]].address) > 0;
			     k--) {
				size_t t = pi[k - 1];
				pi[k - 1] = pi[k];
				pi[k] = t;
			}
		for (i = 0; i < m; i++)
			pw[i] = s->active[pi[i]] ? s->p[pi[i]].in : 0;
		if (amt_op[o] == 0)
			continue;
		ref_split(pw, m, amt_op[o], out);
		for (i = 0; i < m; i++)
			s->amt[pi[i]] = out[i];
	}
}

static void
ref_apply(const struct fl_cap_payee *p, size_t n, const struct fl_cap_opts *o,
    uint64_t *sat, enum fl_cap_reason *reason, uint64_t *unspent)
{
	static struct ref s;
	uint64_t paid[MAXN] = {0};
	size_t i, j;

	memset(&s, 0, sizeof s);
	s.p = p;
	s.n = n;
	for (i = 0; i < n; i++)
		s.total += p[i].in;
	/* Operator ids in ascending order. */
	for (i = 0; i < n; i++) {
		size_t rank = 0;

		for (j = 0; j < n; j++) {
			size_t k;
			int first = 1;

			if (strcmp(p[j].operator, p[i].operator) >= 0)
				continue;
			for (k = 0; k < j; k++)
				if (strcmp(p[k].operator, p[j].operator) == 0)
					first = 0;
			rank += (size_t)first;
		}
		s.op[i] = rank;
		if (rank + 1 > s.nop)
			s.nop = rank + 1;
		paid[rank] += p[i].paid;
	}
	for (i = 0; i < s.nop; i++) {
		uint64_t a = UINT64_MAX;
		enum fl_cap_reason why = FL_CAP_NONE;

		if (o->max_share) {
			a = (uint64_t)((fl_u128)o->max_share * s.total /
			    1000000000000u);
			why = FL_CAP_MAX_SHARE;
		}
		if (o->has_max_sat) {
			uint64_t b =
			    paid[i] >= o->max_sat ? 0 : o->max_sat - paid[i];

			if (b < a) {
				a = b;
				why = FL_CAP_MAX_SAT;
			}
		}
		s.allow[i] = a;
		s.why[i] = why;
	}
	for (i = 0; i < n; i++) {
		s.active[i] = p[i].in > 0;
		reason[i] = FL_CAP_NONE;
	}
	for (;;) {
		size_t best = n;

		ref_compute(&s);
		for (i = 0; i < n; i++) {
			if (!s.active[i] || s.amt[i] >= p[i].min)
				continue;
			if (s.held[s.op[i]] && s.allow[s.op[i]] == 0)
				continue;
			if (best == n || s.amt[i] < s.amt[best] ||
			    (s.amt[i] == s.amt[best] &&
				strcmp(p[i].address, p[best].address) < 0))
				best = i;
		}
		if (best == n)
			break;
		s.active[best] = 0;
		reason[best] = FL_CAP_MIN_SAT;
	}
	*unspent = s.total;
	for (i = 0; i < n; i++) {
		sat[i] = s.amt[i];
		*unspent -= s.amt[i];
		if (s.active[i] && s.held[s.op[i]])
			reason[i] = s.why[s.op[i]];
	}
}

/* ---- The properties ------------------------------------------------ */

int
main(void)
{
	static const uint64_t mins[] = {1, 294, 330, 540, 546, 5000};
	struct fl_cap_payee p[MAXN], q[MAXN];
	struct fl_cap_opts o;
	struct fl_cap_result res, res2;
	struct fl_err e;
	uint64_t sat[MAXN], opsum[MAXN], unspent;
	enum fl_cap_reason reason[MAXN];
	size_t iter, i, j, n, nops, differ = 0, order_dep = 0, broken = 0;
	size_t dropped = 0, held = 0, left = 0;

	for (i = 0; i < 2 * MAXN; i++)
		snprintf(names[i], sizeof names[i], "%c%zu",
		    i < MAXN ? 'o' : 'a', i % MAXN);
	for (iter = 0; iter < 20000; iter++) {
		uint64_t scale, total = 0;
		int bad = 0;

		n = (size_t)between(1, MAXN);
		nops = (size_t)between(1, n);
		/* Small amounts (drops), large ones, and up to 21e6 BTC. */
		switch (rnd() % 3) {
		case 0:
			scale = 2000;
			break;
		case 1:
			scale = 100000000;
			break;
		default:
			scale = (uint64_t)FL_MAX_MONEY / MAXN;
			break;
		}
		memset(&o, 0, sizeof o);
		if (rnd() % 3 != 0)
			o.max_share = between(1, 1000000000000u);
		if (rnd() % 2 == 0) {
			o.has_max_sat = 1;
			o.max_sat = between(1, scale * 2);
		}
		for (i = 0; i < n; i++) {
			memset(&p[i], 0, sizeof p[i]);
			/* Addresses in random order, not in operator order. */
			p[i].address = names[MAXN + (i * 7 + iter) % MAXN];
			p[i].operator= names[rnd() % nops];
			p[i].in = rnd() % 8 == 0 ? 0 : between(1, scale);
			p[i].min = mins[rnd() % 6];
			p[i].paid = rnd() % 3 == 0 ? between(0, scale) : 0;
			p[i].line = i + 2;
			total += p[i].in;
		}
		/* Distinct addresses: (i * 7 + iter) % MAXN is a bijection
		 * when 7 and MAXN are coprime. */
		if (fl_cap_apply(p, n, &o, &res, &e) != 0) {
			if (broken++ < 3)
				tap_diag("iteration %zu: %s", iter, e.msg);
			continue;
		}
		ref_apply(p, n, &o, sat, reason, &unspent);
		for (i = 0; i < n; i++)
			if (p[i].sat != sat[i] || p[i].reason != reason[i])
				bad = 1;
		if (res.unspent != unspent)
			bad = 1;
		if (bad && differ++ < 3)
			tap_diag("iteration %zu: differs from the reference",
			    iter);
		/* Invariants. */
		memset(opsum, 0, sizeof opsum);
		for (i = 0, bad = 0; i < n; i++) {
			size_t op =
			    (size_t)(p[i].operator- names[0]) / sizeof names[0];

			opsum[op] += p[i].sat;
			if (p[i].sat > 0 && p[i].sat < p[i].min)
				bad = 1;
			if (p[i].reason == FL_CAP_MIN_SAT && p[i].sat != 0)
				bad = 1;
			dropped += p[i].reason == FL_CAP_MIN_SAT;
			held += p[i].reason == FL_CAP_MAX_SHARE ||
			    p[i].reason == FL_CAP_MAX_SAT;
		}
		for (j = 0; j < nops; j++) {
			uint64_t a = UINT64_MAX, pd = 0;

			for (i = 0; i < n; i++)
				if (p[i].operator== names[j])
					pd += p[i].paid;
			if (o.max_share)
				a = (uint64_t)((fl_u128)o.max_share * total /
				    1000000000000u);
			if (o.has_max_sat &&
			    (pd >= o.max_sat ? 0 : o.max_sat - pd) < a)
				a = pd >= o.max_sat ? 0 : o.max_sat - pd;
			if (opsum[j] > a)
				bad = 1;
		}
		if (res.in != total || res.out > res.in ||
		    res.out + res.unspent != res.in)
			bad = 1;
		left += res.unspent > 0;
		if (bad && broken++ < 3)
			tap_diag("iteration %zu: an invariant fails", iter);
		/* The same result whatever the row order. */
		memcpy(q, p, n * sizeof *q);
		for (i = n; i > 1; i--) {
			struct fl_cap_payee t;

			j = (size_t)(rnd() % i);
			t = q[i - 1];
			q[i - 1] = q[j];
			q[j] = t;
		}
		if (fl_cap_apply(q, n, &o, &res2, &e) != 0 ||
		    res2.out != res.out) {
			order_dep++;
			continue;
		}
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				if (q[j].address == p[i].address &&
				    (q[j].sat != p[i].sat ||
					q[j].reason != p[i].reason))
					bad = 2;
		if (bad == 2 && order_dep++ < 3)
			tap_diag("iteration %zu: depends on row order", iter);
	}
	tap_diag("%zu dropped, %zu held, %zu with money left", dropped, held,
	    left);
	check(dropped > 1000);
	check(held > 1000);
	check(left > 100);
	check_uint(broken, ==, 0);
	check_uint(differ, ==, 0);
	check_uint(order_dep, ==, 0);
	return test_done();
}
