/*
 * Property tests of lib/cap over thousands of random payee tables and
 * larger ones of the shapes that make the drops many: fl_cap_apply(),
 * O(n log n), against a slow reference written from flattor-cap(1)
 * another way (the water level found by scanning operators in order of
 * allowance / weight, every exact share computed again from scratch after
 * each drop, the drops one payee at a time), the same result whatever the
 * row order, and the invariants: the output never above the input, what
 * is left reported, no operator above its allowance, no payee paid below
 * its minimum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "apportion.h"
#include "cap.h"
#include "fracref.h"
#include "tap.h"

#define SMALLN 24 /* the random tables */
#define MAXN 320 /* the shaped ones */

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
	uint64_t w[MAXN]; /* operator's active incoming sat */
	uint64_t r, S; /* the level: r / S for the operators not held */
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
	s->r = r;
	s->S = (uint64_t)S;
	memcpy(s->w, w, sizeof(w));
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
		fl_u128 bn = 0, bd = 1;

		ref_compute(&s);
		for (i = 0; i < n; i++) {
			size_t op = s.op[i];
			fl_u128 num, den;

			if (!s.active[i])
				continue;
			if (s.held[op] && s.allow[op] == 0)
				continue;
			/* The exact share, num / den. */
			if (s.held[op]) {
				num = (fl_u128)p[i].in * s.allow[op];
				den = s.w[op];
			} else {
				num = (fl_u128)p[i].in * s.r;
				den = s.S;
			}
			/* Kept when share >= min + 1: floor(share) > min. */
			if (num / den > p[i].min)
				continue;
			if (best == n || ref_frac_cmp(num, den, bn, bd) < 0 ||
			    (ref_frac_cmp(num, den, bn, bd) == 0 &&
				strcmp(p[i].address, p[best].address) < 0)) {
				best = i;
				bn = num;
				bd = den;
			}
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

struct tally {
	size_t differ, order_dep, broken, dropped, held, paid, left, tables;
};

/*
 * One table: fl_cap_apply() against the reference, the invariants, and the
 * same result from the rows shuffled.  The operators are names[0..nops).
 */
static void
check_table(struct fl_cap_payee *p, size_t n, size_t nops,
    const struct fl_cap_opts *o, const char *what, size_t iter, struct tally *t)
{
	static struct fl_cap_payee q[MAXN];
	static uint64_t sat[MAXN], opsum[MAXN];
	static enum fl_cap_reason reason[MAXN];
	struct fl_cap_result res, res2;
	struct fl_err e;
	uint64_t unspent, total = 0;
	size_t i, j;
	int bad = 0;

	t->tables++;
	for (i = 0; i < n; i++)
		total += p[i].in;
	if (fl_cap_apply(p, n, o, &res, &e) != 0) {
		if (t->broken++ < 3)
			tap_diag("%s %zu: %s", what, iter, e.msg);
		return;
	}
	ref_apply(p, n, o, sat, reason, &unspent);
	for (i = 0; i < n; i++)
		if (p[i].sat != sat[i] || p[i].reason != reason[i])
			bad = 1;
	if (res.unspent != unspent)
		bad = 1;
	if (bad && t->differ++ < 3)
		tap_diag("%s %zu: differs from the reference", what, iter);
	/* Invariants. */
	memset(opsum, 0, sizeof opsum);
	for (i = 0, bad = 0; i < n; i++) {
		size_t op = (size_t)(p[i].operator- names[0]) / sizeof names[0];

		opsum[op] += p[i].sat;
		if (p[i].sat > 0 && p[i].sat < p[i].min)
			bad = 1;
		if (p[i].reason == FL_CAP_MIN_SAT && p[i].sat != 0)
			bad = 1;
		t->dropped += p[i].reason == FL_CAP_MIN_SAT;
		t->paid += p[i].sat > 0;
		t->held += p[i].reason == FL_CAP_MAX_SHARE ||
		    p[i].reason == FL_CAP_MAX_SAT;
	}
	for (j = 0; j < nops; j++) {
		uint64_t a = UINT64_MAX, pd = 0;

		for (i = 0; i < n; i++)
			if (p[i].operator== names[j])
				pd += p[i].paid;
		if (o->max_share)
			a = (uint64_t)((fl_u128)o->max_share * total /
			    1000000000000u);
		if (o->has_max_sat &&
		    (pd >= o->max_sat ? 0 : o->max_sat - pd) < a)
			a = pd >= o->max_sat ? 0 : o->max_sat - pd;
		if (opsum[j] > a)
			bad = 1;
	}
	if (res.in != total || res.out > res.in ||
	    res.out + res.unspent != res.in)
		bad = 1;
	t->left += res.unspent > 0;
	if (bad && t->broken++ < 3)
		tap_diag("%s %zu: an invariant fails", what, iter);
	/* The same result whatever the row order. */
	memcpy(q, p, n * sizeof *q);
	for (i = n; i > 1; i--) {
		struct fl_cap_payee x;

		j = (size_t)(rnd() % i);
		x = q[i - 1];
		q[i - 1] = q[j];
		q[j] = x;
	}
	if (fl_cap_apply(q, n, o, &res2, &e) != 0 || res2.out != res.out) {
		t->order_dep++;
		return;
	}
	for (i = 0, bad = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (q[j].address == p[i].address &&
			    (q[j].sat != p[i].sat ||
				q[j].reason != p[i].reason))
				bad = 1;
	if (bad && t->order_dep++ < 3)
		tap_diag("%s %zu: depends on row order", what, iter);
}

/* Small random tables, from a few sat to 21e6 BTC. */
static void
test_random(struct tally *t)
{
	/* 1000 BTC: drops among shares of 2^50 sat, whose comparisons
	 * need more than 128 bits. */
	static const uint64_t mins[] = {1, 294, 330, 540, 546, 5000,
	    UINT64_C(100000000000)};
	struct fl_cap_payee p[SMALLN];
	struct fl_cap_opts o;
	size_t iter, i, n, nops;

	for (iter = 0; iter < 20000; iter++) {
		uint64_t scale;

		n = (size_t)between(1, SMALLN);
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
			scale = (uint64_t)FL_MAX_MONEY / SMALLN;
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
			/* Addresses in random order, not in operator order:
			 * (i * 7 + iter) % MAXN is a bijection, 7 and MAXN
			 * being coprime. */
			p[i].address = names[MAXN + (i * 7 + iter) % MAXN];
			p[i].operator= names[rnd() % nops];
			p[i].in = rnd() % 8 == 0 ? 0 : between(1, scale);
			p[i].min = mins[rnd() % 7];
			p[i].paid = rnd() % 3 == 0 ? between(0, scale) : 0;
			p[i].line = i + 2;
		}
		check_table(p, n, nops, &o, "random", iter, t);
	}
}

/*
 * Larger tables of the shapes that make the drops many or their order
 * delicate:
 *   0  most payees far below the minimum, a few large ones;
 *   1  equal weights, from far below min + 1 to just at it: the drops
 *      go by address, each lifting the others;
 *   2  equal weights in operators of many addresses held at 1%: shares
 *      of about 293.49 sat times the number of operators, against a
 *      minimum around it (equal remainders);
 *   3  a few operators with many addresses, caps at random;
 *   4  allowances from a ledger: --max-sat with much paid already,
 *      some allowances 0;
 *   5  a mix of everything, with --max-share and --max-sat.
 */
static void
test_shapes(struct tally *t)
{
	enum { SHAPES = 6, PER_SHAPE = 12 };
	static struct fl_cap_payee p[MAXN];
	static size_t perm[MAXN];
	struct fl_cap_opts o;
	size_t shape, iter, i, n, nops;

	for (shape = 0; shape < SHAPES; shape++) {
		size_t was = t->dropped, held = t->held, paid = t->paid;

		for (iter = 0; iter < PER_SHAPE; iter++) {
			uint64_t x = between(100, 296), min = 294;

			n = (size_t)between(MAXN / 3, MAXN);
			nops = shape == 2 || shape == 3 ? (size_t)between(1, 6)
							: (size_t)between(1, n);
			if (shape == 2)
				min = 293 * nops + between(0, 4);
			memset(&o, 0, sizeof o);
			for (i = 0; i < n; i++)
				perm[i] = i;
			for (i = n; i > 1; i--) {
				size_t j = (size_t)(rnd() % i), k = perm[i - 1];

				perm[i - 1] = perm[j];
				perm[j] = k;
			}
			for (i = 0; i < n; i++) {
				memset(&p[i], 0, sizeof p[i]);
				p[i].address = names[MAXN + perm[i]];
				p[i].operator= names[rnd() % nops];
				p[i].min = min;
				p[i].line = i + 2;
				switch (shape) {
				case 0:
					p[i].in = rnd() % 10 == 0
					    ? between(1000, 100000)
					    : between(1, 300);
					p[i].min = rnd() % 2 ? 294 : 546;
					break;
				case 1:
					p[i].in = x;
					break;
				case 2:
					p[i].in = 29349;
					break;
				case 3:
					p[i].in = between(1, 2000);
					break;
				case 4:
					p[i].in = between(1, 1500);
					p[i].paid =
					    rnd() % 2 ? between(0, 20000) : 0;
					break;
				default:
					p[i].in = rnd() % 8 == 0
					    ? 0
					    : between(1, 3000);
					p[i].min = rnd() % 2 ? 294 : 330;
					p[i].paid = rnd() % 3 == 0
					    ? between(0, 3000)
					    : 0;
					break;
				}
			}
			switch (shape) {
			case 0:
			case 3:
				if (rnd() % 2)
					o.max_share = between(10000000000u,
					    1000000000000u);
				break;
			case 2:
				/* Held at F * T = 293.49 n, split equally
				 * among about n / nops addresses. */
				o.max_share = 10000000000u;
				break;
			case 4:
				o.has_max_sat = 1;
				o.max_sat = between(1000, 40000);
				break;
			case 5:
				o.max_share =
				    between(10000000000u, 1000000000000u);
				o.has_max_sat = 1;
				o.max_sat = between(100, 30000);
				break;
			}
			check_table(p, n, nops, &o, "shape", shape, t);
		}
		tap_diag("shape %zu: %zu dropped, %zu held, %zu paid", shape,
		    t->dropped - was, t->held - held, t->paid - paid);
		/* Every shape drops many payees and pays some. */
		check(t->dropped - was > PER_SHAPE * 5);
		check(t->paid > paid);
	}
}

int
main(void)
{
	struct tally t;
	size_t i;

	memset(&t, 0, sizeof t);
	for (i = 0; i < 2 * MAXN; i++)
		snprintf(names[i], sizeof names[i], "%c%zu",
		    i < MAXN ? 'o' : 'a', i % MAXN);
	test_random(&t);
	tap_diag("%zu tables: %zu dropped, %zu held, %zu with money left",
	    t.tables, t.dropped, t.held, t.left);
	check(t.dropped > 1000);
	check(t.held > 1000);
	check(t.left > 100);
	test_shapes(&t);
	tap_diag("%zu tables: %zu dropped, %zu held, %zu with money left",
	    t.tables, t.dropped, t.held, t.left);
	check_uint(t.broken, ==, 0);
	check_uint(t.differ, ==, 0);
	check_uint(t.order_dep, ==, 0);
	return test_done();
}
