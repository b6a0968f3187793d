#include "capstage.h"

#include <string.h>
#include <time.h>

#include "amount.h"
#include "duration.h"
#include "timestamp.h"
#include "input.h"
#include "ledger.h"
#include "ledgerlock.h"
#include "tsv.h"

const int fl_capstage_repeatable[] = {FL_CAP_O_LEDGER, 0};

void
fl_capstage_init(struct fl_capstage *c)
{
	memset(c, 0, sizeof(*c));
	c->min_text = "dust";
}

int
fl_capstage_set(struct fl_capstage *c, int opt, const char *arg,
    struct fl_err *e)
{
	int rc = 0;

	switch (opt) {
	case FL_CAP_O_LEDGER:
		if (arg[0] == '\0')
			return fl_err_set(e, FL_EUSAGE,
			    "--ledger: empty file name");
		if (c->nledger == FL_CAP_MAXLEDGERS)
			return fl_err_set(e, FL_EUSAGE,
			    "--ledger: more than %d ledgers",
			    FL_CAP_MAXLEDGERS);
		c->ledger[c->nledger++] = arg;
		return 0;
	case FL_CAP_O_MAX_SAT:
		if ((rc = fl_amount_parse(arg, &c->max_sat, e)) != 0)
			break;
		c->o.has_max_sat = 1;
		c->o.max_sat = (uint64_t)c->max_sat;
		return 0;
	case FL_CAP_O_MAX_SHARE:
		if ((rc = fl_cap_share_parse(arg, &c->o.max_share, e)) != 0)
			break;
		c->share_text = arg;
		return 0;
	case FL_CAP_O_MIN_SAT:
		c->min_sat = 0;
		if (strcmp(arg, "dust") != 0 &&
		    (rc = fl_amount_parse(arg, &c->min_sat, e)) != 0)
			break;
		c->min_text = arg;
		return 0;
	case FL_CAP_O_NOW:
		if ((rc = fl_timestamp_parse(arg, &c->now, e)) != 0)
			break;
		c->has_now = 1;
		return 0;
	case FL_CAP_O_PERIOD:
		if ((rc = fl_duration_parse(arg, &c->period, e)) != 0)
			break;
		if (c->period <= 0)
			return fl_err_set(e, FL_EUSAGE,
			    "--period: must be above 0");
		c->period_text = arg;
		return 0;
	default:
		return fl_err_set(e, FL_EUSAGE, "unknown option");
	}
	fl_err_prefix(e, "--%s",
	    opt == FL_CAP_O_MAX_SAT	    ? "max-sat"
		: opt == FL_CAP_O_MAX_SHARE ? "max-share"
		: opt == FL_CAP_O_MIN_SAT   ? "min-sat"
		: opt == FL_CAP_O_NOW	    ? "now"
					    : "period");
	e->code = FL_EUSAGE;
	return FL_EUSAGE;
}

int
fl_capstage_check(struct fl_capstage *c, const char *path, struct fl_err *e)
{
	size_t i, nstdin = 0;

	if (c->nledger > 0 && c->period_text == NULL)
		return fl_err_set(e, FL_EUSAGE, "--ledger needs --period");
	if (c->period_text != NULL && c->nledger == 0)
		return fl_err_set(e, FL_EUSAGE, "--period needs --ledger");
	if (c->nledger > 0 && !c->o.has_max_sat)
		return fl_err_set(e, FL_EUSAGE, "--ledger needs --max-sat");
	/* Both from stdin: the ledger would read as empty, and overpay. */
	for (i = 0; i < c->nledger; i++)
		nstdin += strcmp(c->ledger[i], "-") == 0;
	if (nstdin > 0 && strcmp(path, "-") == 0)
		return fl_err_set(e, FL_EUSAGE,
		    "--ledger -: the input is standard input");
	if (nstdin > 1)
		return fl_err_set(e, FL_EUSAGE, "--ledger - given twice");
	if (!c->has_now)
		c->now = (int64_t)time(NULL);
	return 0;
}

/* What a run holds, released on every exit. */
struct run {
	struct fl_tsv_reader r;
	int r_open;
	FILE *in;
	struct fl_cap_table t;
	struct fl_ledger l;
};

static void
run_free(void *arg)
{
	struct run *u = arg;

	fl_cap_table_free(&u->t);
	fl_ledger_free(&u->l);
	if (u->r_open)
		fl_tsv_close(&u->r);
	fl_input_close(u->in);
}

static void
provenance(struct fl_stage *st, const struct fl_capstage *c)
{
	char now[32];
	size_t i;

	if (c->share_text != NULL)
		fl_stage_prov_add(st, "max-share=%s", c->share_text);
	if (c->o.has_max_sat)
		fl_stage_prov_add(st, "max-sat=%lldsat", (long long)c->max_sat);
	if (c->nledger > 0) {
		fl_timestamp_format(c->now, now, sizeof(now));
		fl_stage_prov_add(st, "period=%s", c->period_text);
		for (i = 0; i < c->nledger; i++)
			fl_stage_prov_add(st, "ledger=%s", c->ledger[i]);
		fl_stage_prov_add(st, "now=%s", now);
	}
	if (c->min_sat > 0)
		fl_stage_prov_add(st, "min-sat=%lldsat", (long long)c->min_sat);
	else
		fl_stage_prov_add(st, "min-sat=%s", c->min_text);
}

int
fl_capstage_run(struct fl_stage *st, const struct fl_capstage *c,
    const char *path)
{
	static struct run u;
	struct fl_cap_result res;
	struct fl_ledgerlock lock;
	struct fl_err e;
	const char *name, *lname;
	FILE *lf, *out;
	size_t i;

	memset(&u, 0, sizeof(u));
	fl_stage_on_exit(st, run_free, &u);
	provenance(st, c);
	if ((u.in = fl_input_open(path, &name, &e)) == NULL)
		fl_stage_die_err(st, path, &e);
	u.r_open = 1;
	if (fl_tsv_open(&u.r, u.in, &e) != 0 ||
	    fl_cap_read(&u.r, (uint64_t)c->min_sat, &u.t, &e) != 0)
		fl_stage_die_err(st, name, &e);
	/* Every ledger, each payment (txid, vout) counted once. */
	for (i = 0; i < c->nledger; i++) {
		struct fl_ledger one = {NULL, 0};

		/* No round may append while this reads it (lib/ledgerlock). */
		if (fl_ledgerlock_take(&lock, c->ledger[i], 0, &e) != 0)
			fl_stage_die_err(st, NULL, &e);
		if ((lf = fl_input_open(c->ledger[i], &lname, &e)) == NULL)
			fl_stage_die_err(st, c->ledger[i], &e);
		if (fl_ledger_read(lf, &one, &e) != 0) {
			fl_input_close(lf);
			fl_stage_die_err(st, lname, &e);
		}
		fl_input_close(lf);
		fl_ledgerlock_release(&lock);
		if (fl_ledger_join(&u.l, &one, &e) != 0) {
			fl_ledger_free(&one);
			fl_stage_die_err(st, NULL, &e);
		}
	}
	if (c->nledger > 0 &&
	    (fl_ledger_dedup(&u.l, &e) != 0 ||
		fl_cap_ledger_paid(u.t.payee, u.t.n, &u.l, c->now, c->period,
		    &e) != 0))
		fl_stage_die_err(st, NULL, &e);
	if (fl_cap_apply(u.t.payee, u.t.n, &c->o, &res, &e) != 0)
		fl_stage_die_err(st, name, &e);
	out = fl_stage_output(st, &u.r);
	if (fl_cap_write(out, &u.t, &e) != 0)
		fl_stage_die_err(st, NULL, &e);
	if (res.unspent > 0)
		fl_warn("%llu sat left unspent (%s)",
		    (unsigned long long)res.unspent,
		    res.none_left ? "min-sat" : "caps");
	return fl_stage_finish(st);
}
