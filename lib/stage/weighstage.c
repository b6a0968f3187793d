#include "weighstage.h"

#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "duration.h"
#include "input.h"
#include "tsv.h"

const int fl_weighstage_repeatable[] = {FL_WEIGH_O_AS, FL_WEIGH_O_BOOST,
    FL_WEIGH_O_COUNTRY, FL_WEIGH_O_EXCLUDE_AS, FL_WEIGH_O_EXCLUDE_COUNTRY,
    FL_WEIGH_O_EXCLUDE_FLAG, FL_WEIGH_O_REQUIRE_FLAG, 0};

void
fl_weighstage_init(struct fl_weighstage *w)
{
	memset(w, 0, sizeof(*w));
	w->o.by = FL_WEIGH_CONSENSUS;
	w->o.min_age = -1;
}

void
fl_weighstage_free(struct fl_weighstage *w)
{
	free(w->o.require_flag);
	free(w->o.exclude_flag);
	free(w->o.country);
	free(w->o.exclude_country);
	free(w->o.as);
	free(w->o.exclude_as);
	free(w->o.boost);
	fl_weighstage_init(w);
}

static int
push(const char ***v, size_t *n, const char *s, struct fl_err *e)
{
	const char **p = realloc(*v, (*n + 1) * sizeof(*p));

	if (p == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	p[(*n)++] = s;
	*v = p;
	return 0;
}

static int
push_as(uint32_t **v, size_t *n, const char *s, struct fl_err *e)
{
	uint32_t as, *p;

	if (fl_weigh_as_parse(s, &as, e) != 0) {
		e->code = FL_EUSAGE;
		return FL_EUSAGE;
	}
	if ((p = realloc(*v, (*n + 1) * sizeof(*p))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	p[(*n)++] = as;
	*v = p;
	return 0;
}

static int
push_flag(const char ***v, size_t *n, const char *s, struct fl_err *e)
{
	if (!fl_weigh_flag_ok(s))
		return fl_err_set(e, FL_EUSAGE, "invalid flag \"%s\"", s);
	return push(v, n, s, e);
}

static int
push_country(const char ***v, size_t *n, const char *s, struct fl_err *e)
{
	if (strlen(s) != 2 || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') ||
	    !((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z'))
		return fl_err_set(e, FL_EUSAGE,
		    "invalid country \"%s\" (two letters, e.g. de)", s);
	return push(v, n, s, e);
}

static int
push_boost(struct fl_weigh_opts *o, char *s, struct fl_err *e)
{
	struct fl_weigh_boost *b;

	b = realloc(o->boost, (o->nboost + 1) * sizeof(*b));
	if (b == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	o->boost = b;
	if (fl_weigh_boost_parse(s, &b[o->nboost], e) != 0)
		return FL_EUSAGE;
	o->nboost++;
	return 0;
}

int
fl_weighstage_set(struct fl_weighstage *w, int opt, char *arg, struct fl_err *e)
{
	struct fl_weigh_opts *o = &w->o;

	switch (opt) {
	case FL_WEIGH_O_AMOUNT:
		if (fl_amount_parse(arg, &w->amount, e) != 0) {
			fl_err_prefix(e, "--amount");
			return e->code = FL_EUSAGE;
		}
		return 0;
	case FL_WEIGH_O_AS:
		return push_as(&o->as, &o->nas, arg, e);
	case FL_WEIGH_O_BOOST:
		return push_boost(o, arg, e);
	case FL_WEIGH_O_BY:
		return fl_weigh_by_parse(arg, &o->by, e);
	case FL_WEIGH_O_COUNTRY:
		return push_country(&o->country, &o->ncountry, arg, e);
	case FL_WEIGH_O_EXCLUDE_AS:
		return push_as(&o->exclude_as, &o->nexclude_as, arg, e);
	case FL_WEIGH_O_EXCLUDE_COUNTRY:
		return push_country(&o->exclude_country, &o->nexclude_country,
		    arg, e);
	case FL_WEIGH_O_EXCLUDE_FLAG:
		return push_flag(&o->exclude_flag, &o->nexclude_flag, arg, e);
	case FL_WEIGH_O_INCLUDE_UNMEASURED:
		o->include_unmeasured = 1;
		return 0;
	case FL_WEIGH_O_MIN_AGE:
		if (fl_duration_parse(arg, &o->min_age, e) != 0) {
			fl_err_prefix(e, "--min-age");
			return e->code = FL_EUSAGE;
		}
		w->min_age_text = arg;
		return 0;
	case FL_WEIGH_O_REQUIRE_FLAG:
		return push_flag(&o->require_flag, &o->nrequire_flag, arg, e);
	}
	return fl_err_set(e, FL_EUSAGE, "unknown option");
}

static void
provenance(struct fl_stage *st, const struct fl_weighstage *w)
{
	const struct fl_weigh_opts *o = &w->o;
	size_t i;

	fl_stage_prov_add(st, "amount=%lldsat", (long long)w->amount);
	fl_stage_prov_add(st, "by=%s", fl_weigh_by_name(o->by));
	if (o->include_unmeasured)
		fl_stage_prov_add(st, "include-unmeasured");
	for (i = 0; i < o->nrequire_flag; i++)
		fl_stage_prov_add(st, "require-flag=%s", o->require_flag[i]);
	for (i = 0; i < o->nexclude_flag; i++)
		fl_stage_prov_add(st, "exclude-flag=%s", o->exclude_flag[i]);
	if (w->min_age_text != NULL)
		fl_stage_prov_add(st, "min-age=%s", w->min_age_text);
	for (i = 0; i < o->ncountry; i++)
		fl_stage_prov_add(st, "country=%s", o->country[i]);
	for (i = 0; i < o->nexclude_country; i++)
		fl_stage_prov_add(st, "exclude-country=%s",
		    o->exclude_country[i]);
	for (i = 0; i < o->nas; i++)
		fl_stage_prov_add(st, "as=AS%lu", (unsigned long)o->as[i]);
	for (i = 0; i < o->nexclude_as; i++)
		fl_stage_prov_add(st, "exclude-as=AS%lu",
		    (unsigned long)o->exclude_as[i]);
	for (i = 0; i < o->nboost; i++)
		fl_stage_prov_add(st, "boost=%s=%s", o->boost[i].flag,
		    o->boost[i].text);
}

/* What a run holds, released on every exit. */
struct run {
	struct fl_weighstage *w;
	struct fl_weigh_relays rel;
	struct fl_weigh_payees pay;
	struct fl_tsv_reader r;
	int r_open;
	FILE *in;
};

static void
run_free(void *arg)
{
	struct run *u = arg;

	fl_weigh_payees_free(&u->pay);
	fl_weigh_relays_free(&u->rel);
	if (u->r_open)
		fl_tsv_close(&u->r);
	fl_input_close(u->in);
	fl_weighstage_free(u->w);
}

int
fl_weighstage_run(struct fl_stage *st, struct fl_weighstage *w,
    const char *path)
{
	static struct run u;
	struct fl_err e;
	const char *name;

	memset(&u, 0, sizeof(u));
	u.w = w;
	fl_stage_on_exit(st, run_free, &u);
	if (fl_weigh_boost_sort(w->o.boost, w->o.nboost, &e) != 0)
		fl_stage_die(st, FL_EXIT_USAGE, "%s", e.msg);
	provenance(st, w);
	if ((u.in = fl_input_open(path, &name, &e)) == NULL)
		fl_stage_die_err(st, path, &e);
	u.r_open = 1;
	if (fl_tsv_open(&u.r, u.in, &e) != 0 ||
	    fl_weigh_read(&u.r, &w->o, &u.rel, &e) != 0 ||
	    fl_weigh_payees(&u.rel, (uint64_t)w->amount, &u.pay, &e) != 0)
		fl_stage_die_err(st, name, &e);
	fl_weigh_write(fl_stage_output(st, &u.r), &u.pay);
	return fl_stage_finish(st);
}
