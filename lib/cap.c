#include "cap.h"

#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "decimal.h"
#include "apportion.h"
#include "dust.h"

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
		if (row->time > now || row->time <= now - period)
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

/* The working state of one fl_cap_apply() call. */
struct state {
	struct fl_cap_payee *p;
	size_t n;
	size_t *idx; /* payees by operator, then address */
	size_t nop;
	size_t *op_start; /* op o holds idx[op_start[o] .. op_start[o+1]) */
	size_t *op_of; /* payee -> op */
	uint64_t *allow; /* per op; UINT64_MAX: no limit */
	enum fl_cap_reason *op_reason;
	uint64_t *w_op, *amt_op;
	char *frozen, *active;
	uint64_t *w, *out; /* scratch for fl_apportion */
	uint64_t *amt; /* per payee */
	uint64_t total;
	uint64_t unspent;
};

/* One computation with the current active payees. */
static int
compute(struct state *s, struct fl_err *e)
{
	uint64_t r = s->total;
	size_t o, i, k;
	int rc;

	for (o = 0; o < s->nop; o++) {
		s->w_op[o] = 0;
		s->amt_op[o] = 0;
		s->frozen[o] = 0;
		for (k = s->op_start[o]; k < s->op_start[o + 1]; k++)
			if (s->active[s->idx[k]])
				s->w_op[o] += s->p[s->idx[k]].in;
	}
	s->unspent = 0;
	for (;;) {
		fl_u128 sum = 0;
		int any = 0;

		for (o = 0; o < s->nop; o++)
			if (!s->frozen[o])
				sum += s->w_op[o];
		if (sum == 0) {
			s->unspent = r;
			break;
		}
		/* Who exceeds: r * w / sum > allow, all judged on this round. */
		for (o = 0; o < s->nop; o++)
			if (!s->frozen[o] && s->w_op[o] > 0 &&
			    (fl_u128)r * s->w_op[o] >
				(fl_u128)s->allow[o] * sum) {
				s->frozen[o] = 2;
				any = 1;
			}
		if (any) {
			for (o = 0; o < s->nop; o++)
				if (s->frozen[o] == 2) {
					s->frozen[o] = 1;
					s->amt_op[o] = s->allow[o];
					r -= s->allow[o];
				}
			continue;
		}
		/* Nobody exceeds: split r among the others; ops are in id order. */
		for (o = 0, k = 0; o < s->nop; o++)
			if (!s->frozen[o] && s->w_op[o] > 0)
				s->w[k++] = s->w_op[o];
		if ((rc = fl_apportion(s->w, k, r, NULL, s->out, e)) != 0)
			return rc;
		for (o = 0, k = 0; o < s->nop; o++)
			if (!s->frozen[o] && s->w_op[o] > 0)
				s->amt_op[o] = s->out[k++];
		break;
	}
	/* Inside an operator: by incoming sat, ties by address (idx order). */
	for (i = 0; i < s->n; i++)
		s->amt[i] = 0;
	for (o = 0; o < s->nop; o++) {
		size_t from = s->op_start[o], to = s->op_start[o + 1], m = 0;

		if (s->amt_op[o] == 0)
			continue;
		for (k = from; k < to; k++)
			s->w[m++] =
			    s->active[s->idx[k]] ? s->p[s->idx[k]].in : 0;
		if ((rc = fl_apportion(s->w, m, s->amt_op[o], NULL, s->out,
			 e)) != 0)
			return rc;
		for (k = from, m = 0; k < to; k++, m++)
			s->amt[s->idx[k]] = s->out[m];
	}
	return 0;
}

int
fl_cap_apply(struct fl_cap_payee *p, size_t n, const struct fl_cap_opts *o,
    struct fl_cap_result *res, struct fl_err *e)
{
	struct state s;
	fl_u128 total = 0;
	size_t i, op, k, nactive = 0;
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
	s.allow = malloc(n * sizeof(*s.allow));
	s.op_reason = malloc(n * sizeof(*s.op_reason));
	s.w_op = malloc(n * sizeof(*s.w_op));
	s.amt_op = malloc(n * sizeof(*s.amt_op));
	s.frozen = malloc(n);
	s.active = malloc(n);
	s.w = malloc(n * sizeof(*s.w));
	s.out = malloc(n * sizeof(*s.out));
	s.amt = malloc(n * sizeof(*s.amt));
	if (!s.idx || !s.op_start || !s.op_of || !s.allow || !s.op_reason ||
	    !s.w_op || !s.amt_op || !s.frozen || !s.active || !s.w || !s.out ||
	    !s.amt) {
		rc = fl_err_set(e, FL_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		s.idx[i] = i;
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
	for (i = 0; i < n; i++)
		s.active[i] = p[i].in > 0;
	for (;;) {
		size_t best = n;

		if ((rc = compute(&s, e)) != 0)
			goto out;
		for (i = 0; i < n; i++) {
			op = s.op_of[i];
			if (!s.active[i] || s.amt[i] >= p[i].min)
				continue;
			/* Held at an allowance of 0 by a cap, not by its size. */
			if (s.frozen[op] && s.allow[op] == 0)
				continue;
			if (best == n || s.amt[i] < s.amt[best] ||
			    (s.amt[i] == s.amt[best] &&
				strcmp(p[i].address, p[best].address) < 0))
				best = i;
		}
		if (best == n)
			break;
		s.active[best] = 0;
		p[best].reason = FL_CAP_MIN_SAT;
		res->dropped++;
	}
	for (i = 0; i < n; i++) {
		op = s.op_of[i];
		p[i].sat = s.amt[i];
		res->out += s.amt[i];
		if (s.active[i]) {
			nactive++;
			if (s.frozen[op])
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
	free(s.allow);
	free(s.op_reason);
	free(s.w_op);
	free(s.amt_op);
	free(s.frozen);
	free(s.active);
	free(s.w);
	free(s.out);
	free(s.amt);
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
	for (c = 0; c < t->ncols; c++)
		free(t->cols[c]);
	free(t->cols);
	free(t->payee);
	memset(t, 0, sizeof(*t));
}

static int
add_col(struct fl_cap_table *t, const char *name)
{
	if ((t->cols[t->ncols] = strdup(name)) == NULL)
		return -1;
	t->ncols++;
	return (int)t->ncols - 1;
}

int
fl_cap_read(struct fl_tsv_reader *r, uint64_t min_sat, struct fl_cap_table *t,
    struct fl_err *e)
{
	static const char *const maker = "flattor-weigh";
	int c_op, c_addr, c_type, rc;
	size_t cap = 0, c;

	memset(t, 0, sizeof(*t));
	if ((c_op = fl_tsv_require(r, "operator", maker, e)) < 0 ||
	    (c_addr = fl_tsv_require(r, "address", maker, e)) < 0 ||
	    (c_type = fl_tsv_require(r, "address_type", maker, e)) < 0 ||
	    (t->c_sat = fl_tsv_require(r, "sat", maker, e)) < 0)
		return FL_EDATA;
	t->c_uncapped = fl_tsv_col(r, "uncapped_sat");
	t->c_reason = fl_tsv_col(r, "cap_reason");
	t->nin = r->ncols;
	if ((t->cols = calloc(r->ncols + 2, sizeof(*t->cols))) == NULL)
		goto nomem;
	for (c = 0; c < r->ncols; c++)
		if (add_col(t, r->cols[c]) < 0)
			goto nomem;
	if (t->c_uncapped < 0 &&
	    (t->c_uncapped = add_col(t, "uncapped_sat")) < 0)
		goto nomem;
	if (t->c_reason < 0 && (t->c_reason = add_col(t, "cap_reason")) < 0)
		goto nomem;
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
		if (fl_tsv_u64(r, t->c_sat, 0, &x->in, e) != 0)
			return FL_EDATA;
		if (x->in > (uint64_t)FL_MAX_MONEY)
			return fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "column \"sat\": more than 21,000,000 BTC \"%s\"",
			    row[t->c_sat]);
	}
	return rc;
nomem:
	return fl_err_set(e, FL_ENOMEM, "out of memory");
}

int
fl_cap_write(FILE *out, const struct fl_cap_table *t, struct fl_err *e)
{
	const char **f;
	size_t i, c;

	fl_tsv_put_row(out, (const char *const *)t->cols, t->ncols);
	if ((f = calloc(t->ncols, sizeof(*f))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (i = 0; i < t->n; i++) {
		char sat[24], unc[24];

		snprintf(sat, sizeof(sat), "%llu",
		    (unsigned long long)t->payee[i].sat);
		snprintf(unc, sizeof(unc), "%llu",
		    (unsigned long long)t->payee[i].in);
		for (c = 0; c < t->nin; c++)
			f[c] = t->row[i][c];
		f[t->c_sat] = sat;
		f[t->c_uncapped] = unc;
		f[t->c_reason] = fl_cap_reason_name(t->payee[i].reason);
		fl_tsv_put_row(out, f, t->ncols);
	}
	free(f);
	return 0;
}
