#include "payees.h"

#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "dust.h"
#include "tsv.h"

/*
 * By address, then by line: of an address given twice, the later line is
 * the one refused and the earlier one is named.
 */
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
