#include <stdlib.h>

#include "apportion.h"
#include "weigh.h"
#include "tap.h"

#define HEADER \
	"fingerprint\tnickname\trunning\tflags\tmeasured\tconsensus_weight\t" \
	"guard_probability\tmiddle_probability\texit_probability\t" \
	"advertised_bandwidth\tfirst_seen\tlast_seen\tcountry\tas\tfamily\t" \
	"family_ids\tcontact\taddress\taddress_type\taddress_source\n"

/* One relay, every field given as text; unset fields get defaults. */
struct r {
	const char *fp, *running, *flags, *measured, *cw, *gp, *mp, *ep, *adv,
	    *first, *last, *cc, *as, *family, *ids, *addr, *type;
};

static const char *
d(const char *s, const char *def)
{
	return s != NULL ? s : def;
}

static void
put(FILE *fp, const struct r *x)
{
	fprintf(fp,
	    "%s\tnick\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t"
	    "contact\t%s\t%s\tciiss\n",
	    x->fp, d(x->running, "1"), d(x->flags, "Fast,Running,Valid"),
	    d(x->measured, "1"), d(x->cw, "100"), d(x->gp, "0.0"),
	    d(x->mp, "1.5e-05"), d(x->ep, "0.0"), d(x->adv, "1000"),
	    d(x->first, "2026-01-01 00:00:00"),
	    d(x->last, "2026-09-04 03:00:00"), d(x->cc, "de"),
	    d(x->as, "AS3320"), d(x->family, ""), d(x->ids, ""),
	    d(x->addr, "1A"), d(x->type, "p2pkh"));
}

#define FP(c) \
	c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c \
	    c c c c c

static struct fl_weigh_opts
opts(void)
{
	struct fl_weigh_opts o;

	memset(&o, 0, sizeof(o));
	o.min_age = -1;
	return o;
}

/* Reads the relays from text and makes the payees; returns the rc. */
static int
run(const char *text, const struct fl_weigh_opts *o, uint64_t amount,
    struct fl_weigh_payees *p, struct fl_err *e)
{
	struct fl_weigh_relays rel = {NULL, 0};
	struct fl_tsv_reader r;
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int rc;

	memset(p, 0, sizeof(*p));
	if (fp == NULL)
		return FL_ESYS;
	rc = fl_tsv_open(&r, fp, e);
	if (rc == 0)
		rc = fl_weigh_read(&r, o, &rel, e);
	if (rc == 0)
		rc = fl_weigh_payees(&rel, amount, p, e);
	fl_weigh_relays_free(&rel);
	fl_tsv_close(&r);
	fclose(fp);
	return rc;
}

/* Builds a table from n relays. */
static char *
table(const struct r *x, size_t n)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&buf, &len);

	fputs(HEADER, fp);
	for (i = 0; i < n; i++)
		put(fp, &x[i]);
	fclose(fp);
	return buf;
}

static int
run_relays(const struct r *x, size_t n, const struct fl_weigh_opts *o,
    uint64_t amount, struct fl_weigh_payees *p, struct fl_err *e)
{
	char *t = table(x, n);
	int rc = run(t, o, amount, p, e);

	free(t);
	return rc;
}

static void
test_parse(void)
{
	struct fl_weigh_boost b[3];
	enum fl_weigh_by by;
	struct fl_err e;
	char s1[] = "Exit=1.5", s2[] = "Guard=0.000001", s3[] = "Exit=2";
	char bad1[] = "Exit", bad2[] = "Exit=", bad3[] = "=1.5",
	     bad4[] = "Exit=1.1234567", bad5[] = "Ex-it=1", bad6[] = "Exit=-1";
	uint32_t as;

	check_int(fl_weigh_by_parse("guard", &by, &e), ==, 0);
	check_int(by, ==, FL_WEIGH_GUARD);
	check_int(fl_weigh_by_parse("advertised", &by, &e), ==, 0);
	check_str(fl_weigh_by_column(by), "advertised_bandwidth");
	check_str(fl_weigh_by_name(FL_WEIGH_EXIT), "exit");
	check_int(fl_weigh_by_parse("Consensus", &by, &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "invalid metric \"Consensus\" (consensus, guard, "
	    "middle, exit or advertised)");

	check_int(fl_weigh_boost_parse(s1, &b[0], &e), ==, 0);
	check_str(b[0].flag, "Exit");
	check_uint(b[0].factor, ==, 1500000);
	check_str(b[0].text, "1.5");
	check_int(fl_weigh_boost_parse(s2, &b[1], &e), ==, 0);
	check_uint(b[1].factor, ==, 1);
	check_int(fl_weigh_boost_sort(b, 2, &e), ==, 0);
	check_str(b[0].flag, "Exit");
	check_str(b[1].flag, "Guard");
	check_int(fl_weigh_boost_parse(s3, &b[2], &e), ==, 0);
	check_int(fl_weigh_boost_sort(b, 3, &e), ==, FL_EUSAGE);
	check_str(e.msg, "flag \"Exit\" boosted twice");
	check_int(fl_weigh_boost_parse(bad1, &b[0], &e), ==, FL_EUSAGE);
	check_str(e.msg, "invalid boost \"Exit\" (FLAG=FACTOR, e.g. Exit=1.5)");
	check_int(fl_weigh_boost_parse(bad2, &b[0], &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "invalid boost factor \"\" (a decimal with at most 6 "
	    "digits after the point)");
	check_str(bad2, "Exit=");
	check_int(fl_weigh_boost_parse(bad3, &b[0], &e), ==, FL_EUSAGE);
	check_str(e.msg, "invalid boost flag \"\"");
	check_int(fl_weigh_boost_parse(bad4, &b[0], &e), ==, FL_EUSAGE);
	check_int(fl_weigh_boost_parse(bad5, &b[0], &e), ==, FL_EUSAGE);
	check_str(e.msg, "invalid boost flag \"Ex-it\"");
	check_int(fl_weigh_boost_parse(bad6, &b[0], &e), ==, FL_EUSAGE);

	check_int(fl_weigh_as_parse("AS3320", &as, &e), ==, 0);
	check_uint(as, ==, 3320);
	check_int(fl_weigh_as_parse("as3320", &as, &e), ==, 0);
	check_int(fl_weigh_as_parse("3320", &as, &e), ==, 0);
	check_uint(as, ==, 3320);
	check_int(fl_weigh_as_parse("4294967295", &as, &e), ==, 0);
	check_int(fl_weigh_as_parse("4294967296", &as, &e), ==, FL_EDATA);
	check_uint(as, ==, 0);
	check_int(fl_weigh_as_parse("AS", &as, &e), ==, FL_EDATA);
	check_str(e.msg, "invalid AS number \"AS\"");
	check_int(fl_weigh_as_parse("AS-1", &as, &e), ==, FL_EDATA);
}

/* How many payees the relays make under o (-1 on error). */
static long
npayees(const struct r *x, size_t n, const struct fl_weigh_opts *o)
{
	struct fl_weigh_payees p;
	struct fl_err e;
	long k;

	if (run_relays(x, n, o, 1000, &p, &e) != 0) {
		fl_weigh_payees_free(&p);
		return -1;
	}
	k = (long)p.n;
	fl_weigh_payees_free(&p);
	return k;
}

static void
test_eligibility(void)
{
	/* Each relay has its own address: one payee per eligible relay. */
	const struct r x[] = {
	    {.fp = FP("A"), .addr = "a1"},
	    {.fp = FP("B"), .addr = "a2", .running = "0"},
	    {.fp = FP("C"), .addr = "a3", .flags = "Fast,Valid"},
	    {.fp = FP("D"), .addr = "a4", .flags = "Running"},
	    {.fp = FP("E"), .addr = "a5", .flags = "BadExit,Running,Valid"},
	    {.fp = FP("F"), .addr = "a6", .measured = "0"},
	    {.fp = FP("G"), .addr = "a7", .measured = ""},
	    {.fp = FP("H"), .addr = ""},
	    {.fp = FP("I"),
		.addr = "a9",
		.flags = "Exit,Running,Valid",
		.cc = "US",
		.as = "AS7922",
		.first = "2026-09-01 03:00:00"},
	    {.fp = FP("J"),
		.addr = "a10",
		.cc = "",
		.as = "",
		.last = "2026-09-05 03:00:00"},
	};
	struct fl_weigh_opts o = opts();
	const char *exitf[] = {"Exit"}, *fastf[] = {"Fast"}, *us[] = {"us"},
		   *de[] = {"DE"};
	uint32_t as7922[] = {7922}, as3320[] = {3320};

	check_int(npayees(x, 10, &o), ==, 3); /* A, I, J */
	o.include_unmeasured = 1;
	check_int(npayees(x, 10, &o), ==, 5); /* + F, G */
	o = opts();
	o.require_flag = exitf;
	o.nrequire_flag = 1;
	check_int(npayees(x, 10, &o), ==, 1);
	o = opts();
	o.exclude_flag = fastf;
	o.nexclude_flag = 1;
	check_int(npayees(x, 10, &o), ==, 1); /* I has no Fast */
	o = opts();
	o.country = us;
	o.ncountry = 1;
	check_int(npayees(x, 10, &o), ==, 1); /* case-insensitive */
	o = opts();
	o.exclude_country = de;
	o.nexclude_country = 1;
	check_int(npayees(x, 10, &o), ==, 2); /* I, J (unknown country) */
	o = opts();
	o.as = as7922;
	o.nas = 1;
	check_int(npayees(x, 10, &o), ==, 1);
	o = opts();
	o.exclude_as = as3320;
	o.nexclude_as = 1;
	check_int(npayees(x, 10, &o), ==, 2); /* I, J (unknown AS) */
	/* Age: to the latest last_seen of the input (J's, 2026-09-05). */
	o = opts();
	o.min_age = 4 * 86400;
	check_int(npayees(x, 10, &o), ==, 3); /* I: exactly 4 days */
	o.min_age = 4 * 86400 + 1;
	check_int(npayees(x, 10, &o), ==, 2);
}

static void
bad(const struct r *x, size_t n, const struct fl_weigh_opts *o,
    unsigned long line, const char *msg)
{
	struct fl_weigh_payees p;
	struct fl_err e;

	check_int(run_relays(x, n, o, 1000, &p, &e), ==, FL_EDATA);
	check_uint(e.line, ==, line);
	check_str(e.msg, msg);
	check_uint(p.n, ==, 0);
	fl_weigh_payees_free(&p);
}

static void
test_errors(void)
{
	struct fl_weigh_opts o = opts();
	struct fl_weigh_payees p;
	struct fl_err e;
	const char *us[] = {"us"};
	uint32_t as1[] = {1};

	{
		const struct r x[] = {{.fp = FP("A"), .running = "yes"}};
		bad(x, 1, &o, 2, "column \"running\": invalid boolean \"yes\"");
	}
	{
		const struct r x[] = {{.fp = FP("A"), .measured = "true"}};
		bad(x, 1, &o, 2,
		    "column \"measured\": invalid boolean \"true\"");
	}
	{
		const struct r x[] = {{.fp = FP("A"), .cw = ""}};
		bad(x, 1, &o, 2,
		    "column \"consensus_weight\": empty for an eligible relay");
	}
	{
		const struct r x[] = {{.fp = FP("A"), .cw = "1.5"}};
		bad(x, 1, &o, 2,
		    "column \"consensus_weight\": invalid integer \"1.5\"");
	}
	{
		/* An ineligible relay's metric is not read. */
		const struct r x[] = {{.fp = FP("A"), .running = "0", .cw = ""},
		    {.fp = FP("B")}};
		check_int(npayees(x, 2, &o), ==, 1);
	}
	{
		/* Too young for --min-age: not eligible, its metric unread. */
		const struct r x[] = {{.fp = FP("A"),
					  .cw = "",
					  .first = "2026-09-01 00:00:00"},
		    {.fp = FP("B")}};
		o.min_age = 30 * 86400;
		check_int(npayees(x, 2, &o), ==, 1);
		o.min_age = 86400;
		bad(x, 2, &o, 2,
		    "column \"consensus_weight\": empty for an eligible relay");
		o = opts();
	}
	{
		const struct r x[] = {{.fp = FP("A"), .mp = "-1e-5"}};
		o.by = FL_WEIGH_MIDDLE;
		bad(x, 1, &o, 2,
		    "column \"middle_probability\": invalid number \"-1e-5\"");
		o = opts();
	}
	{
		const struct r x[] = {{.fp = FP("A")},
		    {.fp = FP("B"), .first = "2026-09-04T00:00:00Z"}};
		o.min_age = 0;
		bad(x, 2, &o, 3,
		    "column \"first_seen\": invalid time "
		    "\"2026-09-04T00:00:00Z\" (YYYY-MM-DD HH:MM:SS)");
		o = opts();
	}
	{
		const struct r x[] = {{.fp = FP("A"), .as = "ASx"}};
		o.as = as1;
		o.nas = 1;
		bad(x, 1, &o, 2, "column \"as\": invalid AS number \"ASx\"");
		o = opts();
	}
	{
		const struct r x[] = {{.fp = FP("A"), .addr = "a"},
		    {.fp = FP("A"), .addr = "b"}};
		bad(x, 2, &o, 3,
		    "duplicate fingerprint \"" FP("A") "\" (also on line 2)");
	}
	{
		const struct r x[] = {{.fp = FP("A"), .addr = "a"},
		    {.fp = FP("B"), .addr = "a", .type = "p2sh"}};
		bad(x, 2, &o, 3,
		    "address \"a\": type \"p2sh\", but \"p2pkh\" on line 2");
	}
	{
		/* Malformed whatever the filters say: ineligible rows too. */
		const struct r x[] = {{.fp = FP("A"), .addr = "a"},
		    {.fp = FP("B"), .addr = "b"},
		    {.fp = FP("A"), .addr = "c", .running = "0"}};
		bad(x, 3, &o, 4,
		    "duplicate fingerprint \"" FP("A") "\" (also on line 2)");
	}
	{
		const struct r x[] = {{.fp = FP("A"), .addr = "a"},
		    {.fp = FP("B"),
			.addr = "a",
			.type = "p2sh",
			.flags = "Running,Valid,BadExit"}};
		bad(x, 2, &o, 3,
		    "address \"a\": type \"p2sh\", but \"p2pkh\" on line 2");
		o.min_age = 30 * 86400;
		bad(x, 2, &o, 3,
		    "address \"a\": type \"p2sh\", but \"p2pkh\" on line 2");
		o = opts();
	}
	{
		/* Rows without an address (--keep) have no type to agree on. */
		const struct r x[] = {{.fp = FP("A"), .addr = "", .type = ""},
		    {.fp = FP("B"), .addr = "", .type = ""}, {.fp = FP("C")}};
		check_int(npayees(x, 3, &o), ==, 1);
	}
	{
		const struct r x[] = {{.fp = FP("A"), .running = "0"}};
		bad(x, 1, &o, 0, "no eligible relay");
		o.country = us;
		o.ncountry = 1;
		bad(x, 1, &o, 0, "no eligible relay");
		o = opts();
	}
	{
		const struct r x[] = {{.fp = FP("A"), .cw = "0"}};
		bad(x, 1, &o, 0, "no eligible relay with a weight above 0");
	}
	{
		const struct r x[] = {{.fp = FP("A"),
					  .cw = "18446744073709551615"},
		    {.fp = FP("B"), .cw = "1"}};
		bad(x, 2, &o, 2, "address \"1A\": weight out of range");
	}
	/* Missing columns name the stage that makes them. */
	check_int(run("fingerprint\trunning\tflags\tmeasured\tconsensus_weight"
		      "\tfamily\tfamily_ids\taddress_type\n",
		      &o, 1000, &p, &e),
	    ==, FL_EDATA);
	check_str(e.msg, "missing column \"address\" (made by flattor-addrs)");
	check_int(run("fingerprint\trunning\tflags\tmeasured\tfamily\n", &o,
		      1000, &p, &e),
	    ==, FL_EDATA);
	check_str(e.msg,
	    "missing column \"consensus_weight\" (made by flattor-fetch)");
	o.ncountry = 1;
	o.country = us;
	check_int(run("fingerprint\trunning\tflags\tmeasured\tconsensus_weight"
		      "\n",
		      &o, 1000, &p, &e),
	    ==, FL_EDATA);
	check_str(e.msg, "missing column \"country\" (made by flattor-fetch)");
}

static const struct fl_weigh_payee *
find(const struct fl_weigh_payees *p, const char *address)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->payee[i].address, address) == 0)
			return &p->payee[i];
	return NULL;
}

static void
test_grouping(void)
{
	const struct r x[] = {
	    /* E and C share an address: one operator, id C. */
	    {.fp = FP("E"), .addr = "x", .cw = "300"},
	    {.fp = FP("C"), .addr = "x", .cw = "100"},
	    /* D lists F (one-sided): linked; F has no own link. */
	    {.fp = FP("D"), .addr = "y", .cw = "100", .family = FP("F")},
	    {.fp = FP("F"), .addr = "z", .cw = "100"},
	    /* G and H share a family id; H has weight 0 but links G to
		 * I through the address "w". */
	    {.fp = FP("G"), .addr = "v", .cw = "50", .ids = "k1,k2"},
	    {.fp = FP("H"), .addr = "w", .cw = "0", .ids = "k2"},
	    {.fp = FP("I"), .addr = "w", .cw = "50"},
	    /* Family entries with "$" and lower case; a non-eligible
		 * member links nothing. */
	    {.fp = FP("J"),
		.addr = "u",
		.cw = "50",
		.family = "$" FP("f") "," FP("0")},
	    {.fp = FP("0"), .addr = "t", .cw = "50", .running = "0"},
	};
	struct fl_weigh_opts o = opts();
	struct fl_weigh_payees p;
	const struct fl_weigh_payee *y;
	struct fl_err e;
	char buf[4096];
	FILE *fp;

	check_int(run_relays(x, 9, &o, 750, &p, &e), ==, 0);
	check_uint(p.n, ==, 6);
	if ((y = find(&p, "x")) != NULL) {
		check_str(y->operator, FP("C"));
		check_uint(y->relays, ==, 2);
		check_str(y->fingerprints, FP("C") "," FP("E"));
		check_uint(y->weight, ==, 400);
		check_uint(y->sat, ==, 400);
		check_str(y->share, "0.533333333333");
	}
	if ((y = find(&p, "z")) != NULL)
		check_str(y->operator, FP("D"));
	if ((y = find(&p, "y")) != NULL)
		check_str(y->operator, FP("D"));
	if ((y = find(&p, "u")) != NULL)
		check_str(y->operator, FP("D"));
	if ((y = find(&p, "w")) != NULL) {
		check_str(y->operator, FP("G"));
		check_uint(y->relays, ==, 1);
		check_str(y->fingerprints, FP("I"));
	}
	if ((y = find(&p, "v")) != NULL)
		check_str(y->operator, FP("G"));
	check(find(&p, "t") == NULL);
	/* Sorted by sat descending, then address. */
	fp = fmemopen(buf, sizeof(buf), "w");
	fl_weigh_write(fp, &p);
	fclose(fp);
	check_str(buf,
	    "operator\taddress\taddress_type\trelays\tfingerprints\t"
	    "weight\tshare\tsat\n"
	    "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC\tx\tp2pkh\t2\t"
	    "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC,"
	    "EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE\t400\t0."
	    "533333333333\t400\n"
	    "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD\ty\tp2pkh\t1\t"
	    "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD\t100\t0."
	    "133333333333\t100\n"
	    "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD\tz\tp2pkh\t1\t"
	    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\t100\t0."
	    "133333333333\t100\n"
	    "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD\tu\tp2pkh\t1\t"
	    "JJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJ\t50\t0.066666666667\t50\n"
	    "GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG\tv\tp2pkh\t1\t"
	    "GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG\t50\t0.066666666667\t50\n"
	    "GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG\tw\tp2pkh\t1\t"
	    "IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII\t50\t0."
	    "066666666667\t50\n");
	fl_weigh_payees_free(&p);
}

static void
test_metrics(void)
{
	const struct r x[] = {
	    {.fp = FP("A"),
		.addr = "a",
		.cw = "10",
		.ep = "2.5431e-05",
		.gp = "0.5",
		.adv = "3145728",
		.flags = "Exit,Running,Valid"},
	    {.fp = FP("B"),
		.addr = "b",
		.cw = "20",
		.ep = "0.0",
		.gp = "1.23456789012345e-1",
		.adv = "1",
		.flags = "Guard,Running,Valid"},
	    {.fp = FP("C"),
		.addr = "c",
		.cw = "1",
		.ep = "0.0",
		.gp = "0.0",
		.adv = "0",
		.flags = "Exit,Guard,Running,Valid"},
	};
	struct fl_weigh_opts o = opts();
	struct fl_weigh_payees p;
	struct fl_weigh_boost b[2];
	char s1[] = "Exit=1.5", s2[] = "Guard=0.333333";
	struct fl_err e;

	o.by = FL_WEIGH_EXIT;
	check_int(run_relays(x, 3, &o, 1000, &p, &e), ==, 0);
	/* B and C link nothing and weigh 0 under exit: one payee. */
	check_uint(p.n, ==, 1);
	if (p.n == 1) {
		check_uint(p.payee[0].weight, ==, 25431000);
		check_uint(p.payee[0].sat, ==, 1000);
		check_str(p.payee[0].share, "1");
	}
	fl_weigh_payees_free(&p);
	o.by = FL_WEIGH_GUARD;
	check_int(run_relays(x, 3, &o, 1000, &p, &e), ==, 0);
	if (p.n == 2) {
		check_uint(p.payee[0].weight, ==, 500000000000);
		/* 12 decimals, rounded half up. */
		check_uint(p.payee[1].weight, ==, 123456789012);
	}
	fl_weigh_payees_free(&p);
	o.by = FL_WEIGH_ADVERTISED;
	check_int(run_relays(x, 3, &o, 3145729, &p, &e), ==, 0);
	if (p.n == 2) {
		check_uint(p.payee[0].sat, ==, 3145728);
		check_uint(p.payee[1].sat, ==, 1);
	}
	fl_weigh_payees_free(&p);
	/* Boosts multiply, in flag order, each rounded half up. */
	o.by = FL_WEIGH_CONSENSUS;
	fl_weigh_boost_parse(s1, &b[0], &e);
	fl_weigh_boost_parse(s2, &b[1], &e);
	o.boost = b;
	o.nboost = 2;
	check_int(run_relays(x, 3, &o, 1000, &p, &e), ==, 0);
	if (p.n == 3) {
		check_str(p.payee[0].address, "a");
		check_uint(p.payee[0].weight, ==, 15); /* 10 * 1.5 */
		check_uint(p.payee[1].weight, ==, 7); /* 20 * 0.333333 = 6.67 */
		check_uint(p.payee[2].weight, ==, 1); /* 1.5 -> 2 -> 0.67 */
	}
	fl_weigh_payees_free(&p);
	{
		const struct r y[] = {{.fp = FP("A"),
		    .addr = "a",
		    .cw = "18446744073709551615",
		    .flags = "Exit,Running,Valid"}};

		o.nboost = 1;
		bad(y, 1, &o, 2,
		    "column \"consensus_weight\": boosted weight out of range");
	}
}

static void
test_ties(void)
{
	const struct r x[] = {
	    {.fp = FP("A"), .addr = "bc1qb", .cw = "1"},
	    {.fp = FP("B"), .addr = "bc1qa", .cw = "1"},
	    {.fp = FP("C"), .addr = "1zz", .cw = "1"},
	};
	struct fl_weigh_opts o = opts();
	struct fl_weigh_payees p;
	struct fl_err e;

	check_int(run_relays(x, 3, &o, 2, &p, &e), ==, 0);
	if (p.n == 3) {
		/* Equal remainders: ascending address (bytes) wins. */
		check_str(p.payee[0].address, "1zz");
		check_uint(p.payee[0].sat, ==, 1);
		check_str(p.payee[1].address, "bc1qa");
		check_uint(p.payee[1].sat, ==, 1);
		check_str(p.payee[2].address, "bc1qb");
		check_uint(p.payee[2].sat, ==, 0);
		check_str(p.payee[0].share, "0.333333333333");
	}
	fl_weigh_payees_free(&p);
	{
		const struct r y[] = {{.fp = FP("A"), .addr = "a", .cw = "2"},
		    {.fp = FP("B"), .addr = "b", .cw = "1"}};

		check_int(run_relays(y, 2, &o, 1, &p, &e), ==, 0);
		if (p.n == 2)
			check_str(p.payee[0].share, "0.666666666667");
		fl_weigh_payees_free(&p);
	}
}

/* A fixed seed: the same cases every run. */
static uint64_t rng = 42;

static uint64_t
next(void)
{
	return tap_rand(&rng);
}

/* The written output of a run, malloc'ed; NULL on error. */
static char *
output(const char *text, uint64_t amount)
{
	struct fl_weigh_opts o = opts();
	struct fl_weigh_payees p;
	struct fl_err e;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	if (run(text, &o, amount, &p, &e) != 0) {
		fl_weigh_payees_free(&p);
		return NULL;
	}
	fp = open_memstream(&buf, &len);
	fl_weigh_write(fp, &p);
	fclose(fp);
	fl_weigh_payees_free(&p);
	return buf;
}

/*
 * Property tests over random tables: the sat column sums to the amount,
 * each payee gets floor or floor+1 of its exact share, the same input
 * gives the same bytes, and multiplying every weight by k changes nothing.
 */
static void
test_random(void)
{
	enum { CASES = 1500, MAXN = 30 };
	int bad_sum = 0, bad_det = 0, bad_scale = 0, bad_floor = 0, errs = 0;
	int c;

	for (c = 0; c < CASES; c++) {
		size_t n = 1 + next() % MAXN, i;
		uint64_t amount =
		    1 + next() % (next() % 2 ? 1000 : 2100000000000000);
		uint64_t k = 1 + next() % 1000;
		char fps[MAXN][41], addrs[MAXN][8], cw[MAXN][24], cwk[MAXN][24],
		    fam[MAXN][41];
		struct r x[MAXN];
		char *t1, *t2, *o1, *o2, *o3;
		struct fl_weigh_opts o = opts();
		struct fl_weigh_payees p;
		struct fl_err e;
		fl_u128 total = 0, got = 0;

		for (i = 0; i < n; i++) {
			uint64_t w = next() % 4 == 0 ? 0 : next() % 1000000;

			snprintf(fps[i], sizeof(fps[i]), "%040llX",
			    (unsigned long long)(next() % 100000));
			snprintf(addrs[i], sizeof(addrs[i]), "a%llu",
			    (unsigned long long)(next() % (n + 1)));
			snprintf(cw[i], sizeof(cw[i]), "%llu",
			    (unsigned long long)w);
			snprintf(cwk[i], sizeof(cwk[i]), "%llu",
			    (unsigned long long)(w * k));
			memset(&x[i], 0, sizeof(x[i]));
			x[i].fp = fps[i];
			x[i].addr = addrs[i];
			x[i].cw = cw[i];
			x[i].running = next() % 5 == 0 ? "0" : "1";
			fam[i][0] = '\0';
			if (i > 0 && next() % 4 == 0)
				memcpy(fam[i], fps[next() % i], 41);
			x[i].family = fam[i];
			x[i].ids = next() % 5 == 0 ? "k" : "";
		}
		/* Unique fingerprints. */
		for (i = 0; i < n; i++)
			snprintf(fps[i] + 30, 11, "%010zu", i);
		t1 = table(x, n);
		for (i = 0; i < n; i++)
			x[i].cw = cwk[i];
		t2 = table(x, n);
		if (run(t1, &o, amount, &p, &e) != 0) {
			/* Only "no eligible relay" is expected. */
			if (strncmp(e.msg, "no eligible relay", 17) != 0)
				errs++;
			fl_weigh_payees_free(&p);
			free(t1);
			free(t2);
			continue;
		}
		for (i = 0; i < p.n; i++) {
			got += p.payee[i].sat;
			total += p.payee[i].weight;
		}
		for (i = 0; i < p.n; i++) {
			uint64_t fl = (uint64_t)((fl_u128)amount *
			    p.payee[i].weight / total);

			if (p.payee[i].sat != fl && p.payee[i].sat != fl + 1)
				bad_floor++;
		}
		if (got != amount)
			bad_sum++;
		fl_weigh_payees_free(&p);
		o1 = output(t1, amount);
		o2 = output(t1, amount);
		o3 = output(t2, amount);
		if (o1 == NULL || o2 == NULL || strcmp(o1, o2) != 0)
			bad_det++;
		/* Same rows but for the weight column. */
		if (o1 != NULL && o3 != NULL) {
			char *a = o1, *b = o3;

			while (*a != '\0' && *b != '\0') {
				char *ea = strchr(a, '\n'),
				     *eb = strchr(b, '\n');
				char *wa, *wb;
				size_t f;

				if (ea == NULL || eb == NULL)
					break;
				*ea = *eb = '\0';
				/* Blank out field 6 (weight) in both. */
				for (wa = a, f = 0; f < 5 && wa; f++)
					wa = strchr(wa, '\t')
					    ? strchr(wa, '\t') + 1
					    : NULL;
				for (wb = b, f = 0; f < 5 && wb; f++)
					wb = strchr(wb, '\t')
					    ? strchr(wb, '\t') + 1
					    : NULL;
				if (a != o1 &&
				    (wa == NULL || wb == NULL ||
					strncmp(a, b, (size_t)(wa - a)) != 0 ||
					strcmp(strchr(wa, '\t'),
					    strchr(wb, '\t')) != 0))
					bad_scale++;
				a = ea + 1;
				b = eb + 1;
			}
			if (*a != *b)
				bad_scale++;
		} else {
			bad_scale++;
		}
		free(o1);
		free(o2);
		free(o3);
		free(t1);
		free(t2);
	}
	check_int(errs, ==, 0);
	check_int(bad_sum, ==, 0);
	check_int(bad_floor, ==, 0);
	check_int(bad_det, ==, 0);
	check_int(bad_scale, ==, 0);
}

int
main(void)
{
	test_parse();
	test_eligibility();
	test_errors();
	test_grouping();
	test_metrics();
	test_ties();
	test_random();
	return test_done();
}
