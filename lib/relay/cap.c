#include "cap.h"

#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "decimal.h"
#include "apportion.h"
#include "dust.h"
#include "ratio.h"

const char *
fl_cap_reason_name(enum fl_cap_reason r)
{
	switch (r) {
	case FL_CAP_MAX_SHARE:
		return "max-share";
	case FL_CAP_MAX_SAT:
		return "max-sat";
	case FL_CAP_MIN_SAT:
		return "min-sat";
	case FL_CAP_NONE:
		break;
	}
	return "";
}

int
fl_cap_share_parse(const char *s, uint64_t *share, struct fl_err *e)
{
	struct fl_err e2;

	if (fl_decimal_parse(s, 12, 0, share, &e2) != 0 || *share == 0 ||
	    *share > UINT64_C(1000000000000)) {
		*share = 0;
		return fl_err_set(e, FL_EUSAGE,
		    "invalid share \"%s\" (a decimal above 0 and at most 1, "
		    "at most 12 digits after the point)",
		    s);
	}
	return 0;
}

/* Sorting payee indices; the array being sorted is set before qsort. */
static const struct fl_cap_payee *sort_p;

static int
by_address(const void *a, const void *b)
{
	return strcmp(sort_p[*(const size_t *)a].address,
	    sort_p[*(const size_t *)b].address);
}

static int
by_operator_address(const void *a, const void *b)
{
	const struct fl_cap_payee *x = &sort_p[*(const size_t *)a],
				  *y = &sort_p[*(const size_t *)b];
	int c = strcmp(x->operator, y->operator);

	return c != 0 ? c : strcmp(x->address, y->address);
}

static int
addr_search(const void *key, const void *b)
{
	return strcmp(key, sort_p[*(const size_t *)b].address);
}

int
fl_cap_ledger_paid(struct fl_cap_payee *p, size_t n, const struct fl_ledger *l,
    int64_t now, int64_t period, struct fl_err *e)
{
	size_t *idx, i;

	for (i = 0; i < n; i++)
		p[i].paid = 0;
	if (n == 0)
		return 0;
	if ((idx = malloc(n * sizeof(*idx))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		idx[i] = i;
	sort_p = p;
	qsort(idx, n, sizeof(*idx), by_address);
	for (i = 0; i < l->n; i++) {
		const struct fl_ledger_row *row = &l->row[i];
		const size_t *k;
		struct fl_cap_payee *x;

		/* The window is (now - period, now]: half-open, no overlap. */
		if (row->time > now || row->time <= now - period ||
		    !fl_ledger_counts(row))
			continue;
		sort_p = p;
		k = bsearch(row->address, idx, n, sizeof(*idx), addr_search);
		if (k == NULL)
			continue;
		x = &p[*k];
		x->paid = x->paid > UINT64_MAX - row->sat ? UINT64_MAX
							  : x->paid + row->sat;
	}
	free(idx);
	return 0;
}

/*
 * The algorithm of fl_cap_apply(), in O(n log n) whatever the input.
 *
 * Operator o, with W_o the incoming sat of its active payees and a_o its
 * allowance, is held when a_o / W_o < L, the water level: L = r / S, r what
 * the held operators leave of T and S the weight of the others.  Payee i of
 * o has the exact share in_i * a_o / W_o when o is held, else in_i * r / S.
 * Dropping a payee never lowers anyone else's exact share (the level only
 * rises; a held operator's a_o / W_o rises with each of its own drops), so
 * a payee that is not below its minimum never falls below it later: each
 * operator keeps its payees sorted by incoming sat and a cursor on the
 * first one still below ("its candidate"), which only moves forward.  Three
 * heaps of operators find the next drop and the operators to hold:
 *   level  the unheld operators by a_o / W_o, the next one to hold first;
 *   cand   the unheld operators with a candidate, by its incoming sat (all
 *          share the level); a key can fall behind when the level rises,
 *          never ahead, so the top is checked before it is used;
 *   heldc  the held operators with a candidate, by its exact share.
 * Each drop costs O(log n) heap work; each cursor step is paid for once.
 */
#define NONE ((size_t)-1)

struct state;

struct heap {
	size_t *h; /* operators, a binary min-heap */
	size_t *pos; /* operator -> place in h, or NONE */
	size_t n;
	int (*less)(const struct state *, size_t, size_t);
};

/* The working state of one fl_cap_apply() call. */
struct state {
	struct fl_cap_payee *p;
	size_t n;
	size_t *idx; /* payees by operator, then address */
	size_t nop;
	size_t *op_start; /* op o holds idx[op_start[o] .. op_start[o+1]) */
	size_t *op_of; /* payee -> op */
	size_t *ord; /* payees with in > 0 by operator, in, then address */
	size_t *ord_start; /* op o's are ord[ord_start[o] .. ord_start[o+1]) */
	size_t *next; /* op -> its candidate's place in ord */
	size_t *arank; /* payee -> its place in address order */
	fl_u128 *ckey; /* op -> its candidate's in * 2^64 + arank */
	uint64_t *allow; /* per op; UINT64_MAX: no limit */
	enum fl_cap_reason *op_reason;
	uint64_t *w_op; /* per op: the incoming sat of its active payees */
	char *held, *active;
	uint64_t r, S; /* what the held ops leave of T; the others' weight */
	struct heap level, cand, heldc;
	uint64_t *w, *out, *amt_op; /* the final split */
	uint64_t total;
};

/* ---- Exact comparisons ------------------------------------------ */

/* Payee i's exact share, num / den; i is active in op o. */
static void
share(const struct state *s, size_t i, size_t o, fl_u128 *num, uint64_t *den)
{
	if (s->held[o]) {
		*num = (fl_u128)s->p[i].in * s->allow[o];
		*den = s->w_op[o];
	} else {
		*num = (fl_u128)s->p[i].in * s->r;
		*den = s->S;
	}
}

/*
 * Whether payee i of op o is below its minimum: its exact share is less
 * than min + 1 (rounding takes less than 2 sat, so a share of min + 1 or
 * more is paid min or more).  A payee held at 0 by an allowance of 0 is
 * never below: the cap holds it, not its size.
 */
static int
below(const struct state *s, size_t i, size_t o)
{
	fl_u128 num;
	uint64_t den;

	if (s->held[o] && s->allow[o] == 0)
		return 0;
	share(s, i, o, &num, &den);
	return fl_ratio_cmp(num, den, (fl_u128)s->p[i].min + 1, 1) < 0;
}

/* Moves op o's cursor to its candidate; 0 when it has none left. */
static int
advance(struct state *s, size_t o)
{
	for (; s->next[o] < s->ord_start[o + 1]; s->next[o]++) {
		size_t i = s->ord[s->next[o]];

		if (s->active[i] && below(s, i, o)) {
			s->ckey[o] = (fl_u128)s->p[i].in << 64 | s->arank[i];
			return 1;
		}
	}
	return 0;
}

/* The smaller exact share of the candidates of ops a and b; ties by
 * address. */
static int
cand_cmp(const struct state *s, size_t a, size_t b)
{
	size_t x = s->ord[s->next[a]], y = s->ord[s->next[b]];
	fl_u128 nx, ny;
	uint64_t dx, dy;
	int c;

	share(s, x, a, &nx, &dx);
	share(s, y, b, &ny, &dy);
	if ((c = fl_ratio_cmp(nx, dx, ny, dy)) != 0)
		return c;
	return s->arank[x] < s->arank[y] ? -1 : 1;
}

static int
level_less(const struct state *s, size_t a, size_t b)
{
	int c = fl_ratio_cmp(s->allow[a], s->w_op[a], s->allow[b], s->w_op[b]);

	return c != 0 ? c < 0 : a < b;
}

/*
 * Unheld ops share the level: their candidates compare by incoming sat,
 * then address, both in the key advance() leaves (one load, not three:
 * these comparisons are most of the drops' work).
 */
static int
cand_less(const struct state *s, size_t a, size_t b)
{
	return s->ckey[a] < s->ckey[b];
}

static int
heldc_less(const struct state *s, size_t a, size_t b)
{
	return cand_cmp(s, a, b) < 0;
}

/* ---- Indexed heaps of operators ----------------------------------- */

static void
heap_swap(struct heap *h, size_t i, size_t j)
{
	size_t t = h->h[i];

	h->h[i] = h->h[j];
	h->h[j] = t;
	h->pos[h->h[i]] = i;
	h->pos[h->h[j]] = j;
}

static void
heap_fix(const struct state *s, struct heap *h, size_t o)
{
	size_t i = h->pos[o];

	while (i > 0 && h->less(s, h->h[i], h->h[(i - 1) / 2])) {
		heap_swap(h, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->less(s, h->h[c + 1], h->h[c]))
			c++;
		if (!h->less(s, h->h[c], h->h[i]))
			break;
		heap_swap(h, i, c);
		i = c;
	}
}

static void
heap_push(const struct state *s, struct heap *h, size_t o)
{
	h->h[h->n] = o;
	h->pos[o] = h->n++;
	heap_fix(s, h, o);
}

static void
heap_del(const struct state *s, struct heap *h, size_t o)
{
	size_t i = h->pos[o];

	if (i == NONE)
		return;
	heap_swap(h, i, h->n - 1);
	h->n--;
	h->pos[o] = NONE;
	if (i < h->n)
		heap_fix(s, h, h->h[i]);
}

/* ---- Water-filling and drops --------------------------------------- */

static void
hold(struct state *s, size_t o)
{
	heap_del(s, &s->level, o);
	heap_del(s, &s->cand, o);
	s->held[o] = 1;
	s->r -= s->allow[o];
	s->S -= s->w_op[o];
	if (s->allow[o] > 0 && advance(s, o))
		heap_push(s, &s->heldc, o);
}

static void
unhold(struct state *s, size_t o)
{
	heap_del(s, &s->heldc, o);
	s->held[o] = 0;
	s->r += s->allow[o];
	if (s->w_op[o] == 0)
		return;
	s->S += s->w_op[o];
	heap_push(s, &s->level, o);
	if (advance(s, o))
		heap_push(s, &s->cand, o);
}

/* Holds, lowest a_o / W_o first, every op whose allowance is below the
 * level (r * W_o / S > a_o: its share exceeds its allowance). */
static void
rebalance(struct state *s)
{
	while (s->level.n > 0) {
		size_t o = s->level.h[0];

		if ((fl_u128)s->allow[o] * s->S >= (fl_u128)s->r * s->w_op[o])
			break;
		hold(s, o);
	}
}

static void
drop(struct state *s, size_t o, size_t i)
{
	s->active[i] = 0;
	s->p[i].reason = FL_CAP_MIN_SAT;
	s->w_op[o] -= s->p[i].in;
	s->next[o]++;
	if (!s->held[o]) {
		/*
		 * The cursor may move before the holds: with a_o >= L W_o and
		 * W_o <= S, a_o / (W_o - in) >= r / (S - in), so the level it
		 * moves at is no higher than o's share will be, held or not.
		 */
		s->S -= s->p[i].in;
		if (s->w_op[o] == 0) {
			heap_del(s, &s->level, o);
			heap_del(s, &s->cand, o);
		} else {
			heap_fix(s, &s->level, o);
			if (advance(s, o))
				heap_fix(s, &s->cand, o);
			else
				heap_del(s, &s->cand, o);
		}
		rebalance(s);
	} else if (s->w_op[o] == 0 ||
	    (s->S > 0 &&
		(fl_u128)s->allow[o] * s->S >= (fl_u128)s->r * s->w_op[o])) {
		/* Its allowance is no longer below the level (or it has no
		 * payee left): it takes its share again. */
		unhold(s, o);
		rebalance(s);
	} else if (advance(s, o)) {
		heap_fix(s, &s->heldc, o);
	} else {
		heap_del(s, &s->heldc, o);
	}
}

/* Drops, one at a time, the payee with the smallest exact share among
 * those below their minimum (ties: the smaller address). */
static size_t
drop_all(struct state *s)
{
	size_t o, dropped = 0;

	for (o = 0; o < s->nop; o++)
		if (s->w_op[o] > 0)
			heap_push(s, &s->level, o);
	rebalance(s);
	for (o = 0; o < s->nop; o++)
		if (s->w_op[o] > 0 && !s->held[o] && advance(s, o))
			heap_push(s, &s->cand, o);
	for (;;) {
		size_t pick = NONE;

		while (s->cand.n > 0) {
			size_t c = s->cand.h[0], was = s->next[c];

			if (!advance(s, c))
				heap_del(s, &s->cand, c);
			else if (s->next[c] != was)
				heap_fix(s, &s->cand, c);
			else
				break;
		}
		if (s->cand.n > 0)
			pick = s->cand.h[0];
		if (s->heldc.n > 0 &&
		    (pick == NONE || cand_cmp(s, s->heldc.h[0], pick) < 0))
			pick = s->heldc.h[0];
		if (pick == NONE)
			break;
		drop(s, pick, s->ord[s->next[pick]]);
		dropped++;
	}
	return dropped;
}

/* The integer amounts of the active payees, by largest remainder twice. */
static int
split(struct state *s, struct fl_err *e)
{
	size_t o, k, m;
	int rc;

	for (o = 0, k = 0; o < s->nop; o++)
		if (!s->held[o] && s->w_op[o] > 0)
			s->w[k++] = s->w_op[o];
	if (k > 0 && (rc = fl_apportion(s->w, k, s->r, NULL, s->out, e)) != 0)
		return rc;
	for (o = 0, k = 0; o < s->nop; o++) {
		s->amt_op[o] = 0;
		if (s->held[o])
			s->amt_op[o] = s->allow[o];
		else if (s->w_op[o] > 0)
			s->amt_op[o] = s->out[k++];
	}
	/* Inside an operator: by incoming sat, ties by address (idx order). */
	for (o = 0; o < s->nop; o++) {
		size_t from = s->op_start[o], to = s->op_start[o + 1];

		for (k = from; k < to; k++)
			s->p[s->idx[k]].sat = 0;
		if (s->amt_op[o] == 0)
			continue;
		for (k = from, m = 0; k < to; k++)
			s->w[m++] =
			    s->active[s->idx[k]] ? s->p[s->idx[k]].in : 0;
		if ((rc = fl_apportion(s->w, m, s->amt_op[o], NULL, s->out,
			 e)) != 0)
			return rc;
		for (k = from, m = 0; k < to; k++, m++)
			s->p[s->idx[k]].sat = s->out[m];
	}
	return 0;
}

/* ord: by operator, then incoming sat, then address. */
static const struct state *sort_s;

static int
by_operator_in_address(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const struct state *s = sort_s;

	if (s->op_of[x] != s->op_of[y])
		return s->op_of[x] < s->op_of[y] ? -1 : 1;
	if (s->p[x].in != s->p[y].in)
		return s->p[x].in < s->p[y].in ? -1 : 1;
	return s->arank[x] < s->arank[y] ? -1 : s->arank[x] > s->arank[y];
}

int
fl_cap_apply(struct fl_cap_payee *p, size_t n, const struct fl_cap_opts *o,
    struct fl_cap_result *res, struct fl_err *e)
{
	struct state s;
	fl_u128 total = 0;
	size_t i, op, k, nactive = 0, nord = 0;
	int rc = 0;

	memset(res, 0, sizeof(*res));
	memset(&s, 0, sizeof(s));
	for (i = 0; i < n; i++) {
		p[i].sat = 0;
		p[i].reason = FL_CAP_NONE;
		total += p[i].in;
	}
	if (total > (fl_u128)FL_MAX_MONEY)
		return fl_err_set(e, FL_EDATA,
		    "the sat column sums to more than 21,000,000 BTC");
	if (n == 0)
		return 0;
	s.p = p;
	s.n = n;
	s.total = (uint64_t)total;
	s.idx = malloc(n * sizeof(*s.idx));
	s.op_start = malloc((n + 1) * sizeof(*s.op_start));
	s.op_of = malloc(n * sizeof(*s.op_of));
	s.ord = malloc(n * sizeof(*s.ord));
	s.ord_start = malloc((n + 1) * sizeof(*s.ord_start));
	s.next = malloc(n * sizeof(*s.next));
	s.arank = malloc(n * sizeof(*s.arank));
	s.ckey = malloc(n * sizeof(*s.ckey));
	s.allow = malloc(n * sizeof(*s.allow));
	s.op_reason = malloc(n * sizeof(*s.op_reason));
	s.w_op = calloc(n, sizeof(*s.w_op));
	s.held = calloc(n, 1);
	s.active = malloc(n);
	s.w = malloc(n * sizeof(*s.w));
	s.out = malloc(n * sizeof(*s.out));
	s.amt_op = malloc(n * sizeof(*s.amt_op));
	s.level.h = malloc(n * sizeof(size_t));
	s.level.pos = malloc(n * sizeof(size_t));
	s.cand.h = malloc(n * sizeof(size_t));
	s.cand.pos = malloc(n * sizeof(size_t));
	s.heldc.h = malloc(n * sizeof(size_t));
	s.heldc.pos = malloc(n * sizeof(size_t));
	if (!s.idx || !s.op_start || !s.op_of || !s.ord || !s.ord_start ||
	    !s.next || !s.arank || !s.ckey || !s.allow || !s.op_reason ||
	    !s.w_op || !s.held || !s.active || !s.w || !s.out || !s.amt_op ||
	    !s.level.h || !s.level.pos || !s.cand.h || !s.cand.pos ||
	    !s.heldc.h || !s.heldc.pos) {
		rc = fl_err_set(e, FL_ENOMEM, "out of memory");
		goto out;
	}
	s.level.less = level_less;
	s.cand.less = cand_less;
	s.heldc.less = heldc_less;
	for (i = 0; i < n; i++) {
		s.idx[i] = i;
		s.level.pos[i] = s.cand.pos[i] = s.heldc.pos[i] = NONE;
	}
	sort_p = p;
	qsort(s.idx, n, sizeof(*s.idx), by_address);
	for (i = 1; i < n; i++)
		if (strcmp(p[s.idx[i - 1]].address, p[s.idx[i]].address) == 0) {
			size_t a = s.idx[i - 1], b = s.idx[i];

			if (p[a].line > p[b].line) {
				size_t t = a;
				a = b;
				b = t;
			}
			rc = fl_err_setl(e, FL_EDATA, p[b].line, 0,
			    "duplicate address \"%s\" (also on line %lu)",
			    p[b].address, p[a].line);
			goto out;
		}
	for (i = 0; i < n; i++)
		s.arank[s.idx[i]] = i;
	sort_p = p;
	qsort(s.idx, n, sizeof(*s.idx), by_operator_address);
	for (i = 0, op = 0; i < n; i++) {
		if (i == 0 ||
		    strcmp(p[s.idx[i]].operator, p[s.idx[i - 1]].operator) != 0)
			s.op_start[op++] = i;
		s.op_of[s.idx[i]] = op - 1;
	}
	s.nop = op;
	s.op_start[op] = n;
	for (op = 0; op < s.nop; op++) {
		uint64_t a = UINT64_MAX, paid = 0;
		enum fl_cap_reason why = FL_CAP_NONE;

		if (o->max_share > 0) {
			a = (uint64_t)((fl_u128)o->max_share * s.total /
			    UINT64_C(1000000000000));
			why = FL_CAP_MAX_SHARE;
		}
		if (o->has_max_sat) {
			uint64_t b;

			for (k = s.op_start[op]; k < s.op_start[op + 1]; k++) {
				uint64_t x = p[s.idx[k]].paid;

				paid = paid > UINT64_MAX - x ? UINT64_MAX
							     : paid + x;
			}
			b = paid >= o->max_sat ? 0 : o->max_sat - paid;
			/* The binding limit; on a tie, max-share. */
			if (b < a) {
				a = b;
				why = FL_CAP_MAX_SAT;
			}
		}
		s.allow[op] = a;
		s.op_reason[op] = why;
	}
	/* Every payee with incoming sat takes part; its operator's weight. */
	for (i = 0; i < n; i++) {
		s.active[i] = p[i].in > 0;
		s.w_op[s.op_of[i]] += p[i].in;
		if (p[i].in > 0)
			s.ord[nord++] = i;
	}
	sort_s = &s;
	qsort(s.ord, nord, sizeof(*s.ord), by_operator_in_address);
	for (op = 0, k = 0; op < s.nop; op++) {
		s.ord_start[op] = s.next[op] = k;
		while (k < nord && s.op_of[s.ord[k]] == op)
			k++;
	}
	s.ord_start[s.nop] = k;
	s.r = s.total;
	for (op = 0; op < s.nop; op++)
		s.S += s.w_op[op];
	res->dropped = drop_all(&s);
	if ((rc = split(&s, e)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		op = s.op_of[i];
		res->out += p[i].sat;
		if (s.active[i]) {
			nactive++;
			if (s.held[op])
				p[i].reason = s.op_reason[op];
		}
	}
	res->in = s.total;
	res->unspent = s.total - res->out;
	res->none_left = nactive == 0;
out:
	free(s.idx);
	free(s.op_start);
	free(s.op_of);
	free(s.ord);
	free(s.ord_start);
	free(s.next);
	free(s.arank);
	free(s.ckey);
	free(s.allow);
	free(s.op_reason);
	free(s.w_op);
	free(s.held);
	free(s.active);
	free(s.w);
	free(s.out);
	free(s.amt_op);
	free(s.level.h);
	free(s.level.pos);
	free(s.cand.h);
	free(s.cand.pos);
	free(s.heldc.h);
	free(s.heldc.pos);
	if (rc != 0) {
		for (i = 0; i < n; i++) {
			p[i].sat = 0;
			p[i].reason = FL_CAP_NONE;
		}
		memset(res, 0, sizeof(*res));
	}
	return rc;
}

void
fl_cap_table_free(struct fl_cap_table *t)
{
	size_t i, c;

	for (i = 0; i < t->n; i++) {
		for (c = 0; c < t->nin; c++)
			free(t->row[i][c]);
		free(t->row[i]);
	}
	free(t->row);
	if (t->names != NULL)
		for (c = 0; c < t->nin; c++)
			free(t->names[c]);
	free(t->names);
	fl_stage_cols_free(&t->cols);
	free(t->payee);
	memset(t, 0, sizeof(*t));
}

int
fl_cap_read(struct fl_tsv_reader *r, uint64_t min_sat, struct fl_cap_table *t,
    struct fl_err *e)
{
	static const char *const maker = "flattor-weigh";
	static const char *const owned[FL_CAP_NCOLS] = {
	    [FL_CAP_COL_SAT] = "sat",
	    [FL_CAP_COL_UNCAPPED] = "uncapped_sat",
	    [FL_CAP_COL_REASON] = "cap_reason",
	};
	int c_op, c_addr, c_type, c_sat, rc;
	size_t cap = 0, c;

	memset(t, 0, sizeof(*t));
	if ((c_op = fl_tsv_require(r, "operator", maker, e)) < 0 ||
	    (c_addr = fl_tsv_require(r, "address", maker, e)) < 0 ||
	    (c_type = fl_tsv_require(r, "address_type", maker, e)) < 0 ||
	    (c_sat = fl_tsv_require(r, "sat", maker, e)) < 0)
		return FL_EDATA;
	/* Pass-through by name: "sat" is an input column, rewritten. */
	if ((rc = fl_stage_cols_init(&t->cols, r, owned, FL_CAP_NCOLS, e)) != 0)
		return rc;
	/* The table outlives r: its own copy of the input's names. */
	if ((t->names = calloc(r->ncols + 1, sizeof(*t->names))) == NULL)
		goto nomem;
	t->nin = r->ncols;
	for (c = 0; c < t->nin; c++) {
		if ((t->names[c] = strdup(r->cols[c])) == NULL)
			goto nomem;
		t->cols.names[c] = t->names[c];
	}
	while ((rc = fl_tsv_next(r, e)) == 1) {
		struct fl_cap_payee *x;
		uint64_t dust;
		char **row;

		if (t->n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			char ***pr = realloc(t->row, ncap * sizeof(*pr));
			struct fl_cap_payee *pp;

			if (pr == NULL)
				goto nomem;
			t->row = pr;
			pp = realloc(t->payee, ncap * sizeof(*pp));
			if (pp == NULL)
				goto nomem;
			t->payee = pp;
			cap = ncap;
		}
		if ((row = calloc(t->nin, sizeof(*row))) == NULL)
			goto nomem;
		t->row[t->n] = row;
		x = &t->payee[t->n];
		memset(x, 0, sizeof(*x));
		t->n++;
		for (c = 0; c < t->nin; c++)
			if ((row[c] = strdup(r->field[c])) == NULL)
				goto nomem;
		x->line = r->lineno;
		x->operator= row[c_op];
		x->address = row[c_addr];
		if (*x->operator== '\0')
			return fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "column \"operator\": empty");
		if (*x->address == '\0')
			return fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "column \"address\": empty");
		if (fl_dust_threshold(row[c_type], &dust, e) != 0) {
			fl_err_prefix(e, "column \"address_type\"");
			e->line = r->lineno;
			return FL_EDATA;
		}
		x->min = min_sat > dust ? min_sat : dust;
		if (fl_tsv_u64(r, c_sat, 0, &x->in, e) != 0)
			return FL_EDATA;
		if (x->in > (uint64_t)FL_MAX_MONEY)
			return fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "column \"sat\": more than 21,000,000 BTC \"%s\"",
			    row[c_sat]);
	}
	return rc;
nomem:
	return fl_err_set(e, FL_ENOMEM, "out of memory");
}

int
fl_cap_write(FILE *out, const struct fl_cap_table *t, struct fl_err *e)
{
	/* The plan's row buffer is scratch: the table is otherwise const. */
	struct fl_stage_cols c = t->cols;
	const size_t *at = c.at;
	const char **f;
	size_t i;

	(void)e;
	fl_tsv_put_row(out, c.names, c.n);
	for (i = 0; i < t->n; i++) {
		char sat[24], unc[24];

		snprintf(sat, sizeof(sat), "%llu",
		    (unsigned long long)t->payee[i].sat);
		snprintf(unc, sizeof(unc), "%llu",
		    (unsigned long long)t->payee[i].in);
		f = fl_stage_cols_fill(&c, (const char *const *)t->row[i]);
		f[at[FL_CAP_COL_SAT]] = sat;
		f[at[FL_CAP_COL_UNCAPPED]] = unc;
		f[at[FL_CAP_COL_REASON]] =
		    fl_cap_reason_name(t->payee[i].reason);
		fl_tsv_put_row(out, f, c.n);
	}
	return 0;
}
