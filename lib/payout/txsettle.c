#include "txsettle.h"

#include <stdlib.h>

#include "apportion.h"
#include "fee.h"

int
fl_txsettle_refee(const struct fl_txctx *x, struct fl_txplan_tx *t,
    uint64_t vsize, struct fl_err *e)
{
	const struct fl_txopts *o = &x->o;
	uint64_t need = fl_fee_for(vsize, o->rate), *share, *w, borne;
	size_t i;
	int rc;

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
	/*
	 * The payees bear borne of the fee; a fee that fell by more than
	 * they bear would leave coins unspent by any output: left as is.
	 */
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
		w[i] = x->payees[t->first + i].sat;
	rc = fl_apportion(w, t->npay, borne, NULL, share, e);
	free(w);
	/* Every share is checked before any payment changes. */
	for (i = 0; rc == 0 && i < t->npay; i++) {
		const struct fl_payee *p = &x->payees[t->first + i];

		if (share[i] > p->sat || p->sat - share[i] < p->dust)
			rc = fl_err_setl(e, FL_EDATA, p->line, 0,
			    "payee \"%s\": below its dust threshold after its "
			    "share of the fee",
			    p->a.text);
	}
	for (i = 0; rc == 0 && i < t->npay; i++)
		t->pay[i] = x->payees[t->first + i].sat - share[i];
	free(share);
	if (rc != 0)
		return rc;
	t->borne = borne;
	t->fee = need;
	t->over_rate = 0;
	return 1;
}
