#include <stdlib.h>

#include "apportion.h"
#include "cap.h"
#include "tap.h"

static struct fl_cap_payee
pay(const char *op, const char *addr, uint64_t in, uint64_t min)
{
	struct fl_cap_payee p;
	static unsigned long line = 2;

	memset(&p, 0, sizeof(p));
	p.operator= op;
	p.address = addr;
	p.in = in;
	p.min = min;
	p.line = line++;
	return p;
}

static void
test_parse(void)
{
	struct fl_err e;
	uint64_t v;

	check_int(fl_cap_share_parse("0.05", &v, &e), ==, 0);
	check_uint(v, ==, 50000000000);
	check_int(fl_cap_share_parse("1", &v, &e), ==, 0);
	check_uint(v, ==, 1000000000000);
	check_int(fl_cap_share_parse("0.000000000001", &v, &e), ==, 0);
	check_uint(v, ==, 1);
	check_int(fl_cap_share_parse("5e-2", &v, &e), ==, 0);
	check_uint(v, ==, 50000000000);
	check_int(fl_cap_share_parse("0", &v, &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "invalid share \"0\" (a decimal above 0 and at most "
	    "1, at most 12 digits after the point)");
	check_int(fl_cap_share_parse("1.000000000001", &v, &e), ==, FL_EUSAGE);
	check_int(fl_cap_share_parse("0.0000000000001", &v, &e), ==, FL_EUSAGE);
	check_int(fl_cap_share_parse("5%", &v, &e), ==, FL_EUSAGE);
	check_uint(v, ==, 0);
	check_str(fl_cap_reason_name(FL_CAP_NONE), "");
	check_str(fl_cap_reason_name(FL_CAP_MAX_SHARE), "max-share");
	check_str(fl_cap_reason_name(FL_CAP_MAX_SAT), "max-sat");
	check_str(fl_cap_reason_name(FL_CAP_MIN_SAT), "min-sat");
}

/* The man page's worked example. */
static void
test_waterfill(void)
{
	struct fl_cap_payee p[4];
	struct fl_cap_opts o = {0, 0, 0};
	struct fl_cap_result res;
	struct fl_err e;

	p[0] = pay("A", "a1", 450, 1);
	p[1] = pay("A", "a2", 150, 1);
	p[2] = pay("B", "b", 300, 1);
	p[3] = pay("C", "c", 100, 1);
	/* No limit: unchanged. */
	check_int(fl_cap_apply(p, 4, &o, &res, &e), ==, 0);
	check_uint(p[0].sat, ==, 450);
	check_uint(res.out, ==, 1000);
	check_uint(res.unspent, ==, 0);
	/* F = 0.4: A held at 400, then B (450 of the 600 left) at 400. */
	o.max_share = 400000000000;
	check_int(fl_cap_apply(p, 4, &o, &res, &e), ==, 0);
	check_uint(p[0].sat, ==, 300);
	check_uint(p[1].sat, ==, 100);
	check_uint(p[2].sat, ==, 400);
	check_uint(p[3].sat, ==, 200);
	check_int(p[0].reason, ==, FL_CAP_MAX_SHARE);
	check_int(p[2].reason, ==, FL_CAP_MAX_SHARE);
	check_int(p[3].reason, ==, FL_CAP_NONE);
	check_uint(res.in, ==, 1000);
	check_uint(res.out, ==, 1000);
	/* F = 0.3: everyone ends at 300, 100 left unspent. */
	o.max_share = 300000000000;
	check_int(fl_cap_apply(p, 4, &o, &res, &e), ==, 0);
	check_uint(p[0].sat + p[1].sat, ==, 300);
	check_uint(p[2].sat, ==, 300);
	check_uint(p[3].sat, ==, 300);
	check_int(p[3].reason, ==, FL_CAP_MAX_SHARE);
	check_uint(res.out, ==, 900);
	check_uint(res.unspent, ==, 100);
	check_int(res.none_left, ==, 0);
	/* Inside an operator: 300 split 3:1 by incoming sat. */
	check_uint(p[0].sat, ==, 225);
	check_uint(p[1].sat, ==, 75);
}

static void
test_max_sat(void)
{
	struct fl_cap_payee p[3];
	struct fl_cap_opts o = {0, 1, 500};
	struct fl_cap_result res;
	struct fl_err e;

	p[0] = pay("A", "a", 600, 1);
	p[1] = pay("B", "b", 300, 1);
	p[2] = pay("C", "c", 100, 1);
	p[1].paid = 400; /* B may get 100 more */
	p[2].paid = 700; /* C nothing */
	check_int(fl_cap_apply(p, 3, &o, &res, &e), ==, 0);
	check_uint(p[0].sat, ==, 500);
	check_uint(p[1].sat, ==, 100);
	check_uint(p[2].sat, ==, 0);
	check_int(p[0].reason, ==, FL_CAP_MAX_SAT);
	check_int(p[1].reason, ==, FL_CAP_MAX_SAT);
	/* Held at 0 by the cap: max-sat, not min-sat. */
	check_int(p[2].reason, ==, FL_CAP_MAX_SAT);
	check_uint(res.unspent, ==, 400);
	check_uint(res.dropped, ==, 0);
	/* Both limits: the smaller binds; equal, max-share. */
	o.max_share = 500000000000; /* 500 */
	o.max_sat = 800;
	check_int(fl_cap_apply(p, 3, &o, &res, &e), ==, 0);
	check_int(p[0].reason, ==, FL_CAP_MAX_SHARE);
	/* B's allowance is 800 - 400 = 400; it gets 400 without being cut. */
	check_uint(p[1].sat, ==, 400);
	check_int(p[1].reason, ==, FL_CAP_NONE);
	o.max_sat = 900; /* B: 500 = 500 */
	p[1].in = 600;
	p[0].in = 300;
	check_int(fl_cap_apply(p, 3, &o, &res, &e), ==, 0);
	check_int(p[1].reason, ==, FL_CAP_MAX_SHARE);
	check_uint(p[1].sat, ==, 500);
	/* Paid amounts of one operator's addresses add up. */
	p[0] = pay("A", "a1", 600, 1);
	p[1] = pay("A", "a2", 300, 1);
	p[2] = pay("B", "b", 100, 1);
	p[0].paid = 200;
	p[1].paid = 250;
	o.max_share = 0;
	o.max_sat = 500;
	check_int(fl_cap_apply(p, 3, &o, &res, &e), ==, 0);
	check_uint(p[0].sat + p[1].sat, ==, 50);
	check_uint(p[2].sat, ==, 500); /* A's excess flows to B, to its cap */
	check_uint(res.unspent, ==, 450);
}

static void
test_min_sat(void)
{
	struct fl_cap_payee p[5];
	struct fl_cap_opts o = {0, 0, 0};
	struct fl_cap_result res;
	struct fl_err e;

	p[0] = pay("A", "a", 10000, 294);
	p[1] = pay("B", "bz", 200, 294);
	p[2] = pay("C", "by", 200, 294);
	p[3] = pay("D", "d", 250, 546);
	p[4] = pay("E", "e", 0, 294);
	/*
	 * 10650 in.  d (250 < 546) is the smallest... no: by and bz (200)
	 * are, by first (ascending address).  Dropping it gives bz 204:
	 * still below, dropped; then d (255), dropped.  Everything goes to a.
	 */
	check_int(fl_cap_apply(p, 5, &o, &res, &e), ==, 0);
	check_uint(p[0].sat, ==, 10650);
	check_uint(p[1].sat, ==, 0);
	check_int(p[1].reason, ==, FL_CAP_MIN_SAT);
	check_int(p[2].reason, ==, FL_CAP_MIN_SAT);
	check_int(p[3].reason, ==, FL_CAP_MIN_SAT);
	check_int(p[4].reason, ==, FL_CAP_NONE);
	check_uint(res.dropped, ==, 3);
	check_uint(res.unspent, ==, 0);
	/* Dropping one can lift another over its minimum. */
	p[0] = pay("A", "a", 699, 294);
	p[1] = pay("B", "b", 293, 294);
	p[2] = pay("C", "c", 8, 294);
	check_int(fl_cap_apply(p, 3, &o, &res, &e), ==, 0);
	check_uint(p[2].sat, ==, 0);
	check_uint(p[1].sat, ==, 295); /* 1000 * 293 / 992 = 295.36 */
	check_uint(p[0].sat, ==, 705);
	check_int(p[1].reason, ==, FL_CAP_NONE);
	check_uint(res.dropped, ==, 1);
	/*
	 * Kept when the exact share is at least min + 1: 1000 * 292 / 992 =
	 * 294.35 would be paid 294, but rounding could have taken it below
	 * 294, so b is dropped too.  An exact share of 295 is kept.
	 */
	p[0] = pay("A", "a", 700, 294);
	p[1] = pay("B", "b", 292, 294);
	p[2] = pay("C", "c", 8, 294);
	check_int(fl_cap_apply(p, 3, &o, &res, &e), ==, 0);
	check_uint(p[0].sat, ==, 1000);
	check_int(p[1].reason, ==, FL_CAP_MIN_SAT);
	check_uint(res.dropped, ==, 2);
	p[0] = pay("A", "a", 705, 294);
	p[1] = pay("B", "b", 295, 294);
	check_int(fl_cap_apply(p, 2, &o, &res, &e), ==, 0);
	check_uint(p[1].sat, ==, 295);
	check_uint(res.dropped, ==, 0);
	p[0] = pay("A", "a", 706, 294);
	p[1] = pay("B", "b", 294, 294);
	check_int(fl_cap_apply(p, 2, &o, &res, &e), ==, 0);
	check_uint(p[1].sat, ==, 0);
	check_int(p[1].reason, ==, FL_CAP_MIN_SAT);
	/* Nobody left: all unspent. */
	p[0] = pay("A", "a", 100, 294);
	p[1] = pay("B", "b", 100, 294);
	check_int(fl_cap_apply(p, 2, &o, &res, &e), ==, 0);
	check_uint(res.out, ==, 0);
	check_uint(res.unspent, ==, 200);
	check_int(res.none_left, ==, 1);
	/* A cap that leaves an operator below its minimum drops it. */
	p[0] = pay("A", "a", 900, 294);
	p[1] = pay("B", "b", 100, 294);
	o.has_max_sat = 1;
	o.max_sat = 250;
	check_int(fl_cap_apply(p, 2, &o, &res, &e), ==, 0);
	check_uint(p[0].sat, ==, 0);
	check_uint(p[1].sat, ==, 0);
	check_uint(res.unspent, ==, 1000);
	check_int(res.none_left, ==, 1);
}

static void
test_errors(void)
{
	struct fl_cap_payee p[3];
	struct fl_cap_opts o = {0, 0, 0};
	struct fl_cap_result res;
	struct fl_err e;

	p[0] = pay("A", "a", 1, 1);
	p[1] = pay("B", "b", 1, 1);
	p[2] = pay("C", "a", 1, 1);
	check_int(fl_cap_apply(p, 3, &o, &res, &e), ==, FL_EDATA);
	check_uint(e.line, ==, p[2].line);
	check(strstr(e.msg, "duplicate address \"a\" (also on line ") == e.msg);
	p[2] = pay("C", "c", 2100000000000000, 1);
	check_int(fl_cap_apply(p, 3, &o, &res, &e), ==, FL_EDATA);
	check_str(e.msg, "the sat column sums to more than 21,000,000 BTC");
	check_uint(p[0].sat, ==, 0);
	check_int(fl_cap_apply(p, 0, &o, &res, &e), ==, 0);
	check_uint(res.out, ==, 0);
}

static void
test_ledger(void)
{
	struct fl_ledger_row rows[5];
	struct fl_ledger l = {rows, 5};
	struct fl_cap_payee p[2];
	struct fl_err e;
	int64_t now = 1795694400, day = 86400;

	memset(rows, 0, sizeof(rows));
	rows[0].address = "a";
	rows[0].sat = 1;
	rows[0].time = now; /* in */
	rows[1].address = "a";
	rows[1].sat = 10;
	rows[1].time = now - 30 * day; /* the window's open end: out */
	rows[2].address = "a";
	rows[2].sat = 100;
	rows[2].time = now - 30 * day + 1; /* in */
	rows[3].address = "a";
	rows[3].sat = 1000;
	rows[3].time = now + 1; /* the future: out */
	rows[4].address = "b";
	rows[4].sat = UINT64_MAX;
	rows[4].time = now;
	p[0] = pay("A", "a", 1, 1);
	p[1] = pay("B", "x", 1, 1);
	check_int(fl_cap_ledger_paid(p, 2, &l, now, 30 * day, &e), ==, 0);
	check_uint(p[0].paid, ==, 101);
	check_uint(p[1].paid, ==, 0);
	/* A stale row (never on the chain) does not count; others do. */
	rows[2].status = FL_LEDGER_STALE;
	rows[0].status = FL_LEDGER_MEMPOOL;
	check_int(fl_cap_ledger_paid(p, 2, &l, now, 30 * day, &e), ==, 0);
	check_uint(p[0].paid, ==, 1);
	rows[2].status = FL_LEDGER_NOT_FOUND;
	check_int(fl_cap_ledger_paid(p, 2, &l, now, 30 * day, &e), ==, 0);
	check_uint(p[0].paid, ==, 101);
	p[1].address = "b";
	rows[0].address = "b";
	rows[0].sat = 5;
	check_int(fl_cap_ledger_paid(p, 2, &l, now, 30 * day, &e), ==, 0);
	check_uint(p[1].paid, ==, UINT64_MAX); /* saturates */
}

static int
read_str(const char *text, uint64_t min, struct fl_cap_table *t,
    struct fl_err *e)
{
	struct fl_tsv_reader r;
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int rc;

	if (fp == NULL)
		return FL_ESYS;
	rc = fl_tsv_open(&r, fp, e);
	if (rc == 0)
		rc = fl_cap_read(&r, min, t, e);
	fl_tsv_close(&r);
	fclose(fp);
	return rc;
}

static void
read_bad(const char *text, unsigned long line, const char *msg)
{
	struct fl_cap_table t;
	struct fl_err e;

	check_int(read_str(text, 0, &t, &e), ==, FL_EDATA);
	check_uint(e.line, ==, line);
	check_str(e.msg, msg);
	fl_cap_table_free(&t);
}

static void
test_table(void)
{
	struct fl_cap_table t;
	struct fl_cap_opts o = {0, 0, 0};
	struct fl_cap_result res;
	struct fl_err e;
	char buf[1024];
	FILE *fp;

	check_int(read_str("x\tsat\toperator\taddress\taddress_type\n"
			   "1\t1000\tA\ta\tp2wpkh\n"
			   "2\t100\tB\tb\tp2pkh\n",
		      0, &t, &e),
	    ==, 0);
	check_uint(t.n, ==, 2);
	check_uint(t.payee[0].min, ==, 294);
	check_uint(t.payee[1].min, ==, 546);
	check_int(fl_cap_apply(t.payee, t.n, &o, &res, &e), ==, 0);
	fp = fmemopen(buf, sizeof(buf), "w");
	check_int(fl_cap_write(fp, &t, &e), ==, 0);
	fclose(fp);
	check_str(buf,
	    "x\tsat\toperator\taddress\taddress_type\tuncapped_sat\t"
	    "cap_reason\n"
	    "1\t1100\tA\ta\tp2wpkh\t1000\t\n"
	    "2\t0\tB\tb\tp2pkh\t100\tmin-sat\n");
	fl_cap_table_free(&t);
	/* Its own columns are rewritten in place; --min-sat above dust. */
	check_int(read_str("cap_reason\tsat\toperator\taddress\taddress_type\t"
			   "uncapped_sat\n"
			   "max-share\t1000\tA\ta\tp2wpkh\t5000\n",
		      500, &t, &e),
	    ==, 0);
	check_uint(t.payee[0].min, ==, 500);
	check_int(fl_cap_apply(t.payee, t.n, &o, &res, &e), ==, 0);
	fp = fmemopen(buf, sizeof(buf), "w");
	check_int(fl_cap_write(fp, &t, &e), ==, 0);
	fclose(fp);
	check_str(buf,
	    "cap_reason\tsat\toperator\taddress\taddress_type\t"
	    "uncapped_sat\n"
	    "\t1000\tA\ta\tp2wpkh\t1000\n");
	fl_cap_table_free(&t);

	read_bad("operator\taddress\tsat\n", 0,
	    "missing column \"address_type\" (made by flattor-weigh)");
	read_bad("operator\taddress\taddress_type\tsat\nA\ta\tp2pk\t1\n", 2,
	    "column \"address_type\": unknown address type \"p2pk\"");
	read_bad("operator\taddress\taddress_type\tsat\nA\ta\tp2tr\t1.5\n", 2,
	    "column \"sat\": invalid integer \"1.5\"");
	read_bad("operator\taddress\taddress_type\tsat\nA\ta\tp2tr\t\n", 2,
	    "column \"sat\": invalid integer \"\"");
	read_bad("operator\taddress\taddress_type\tsat\n"
		 "A\ta\tp2tr\t2100000000000001\n",
	    2, "column \"sat\": more than 21,000,000 BTC \"2100000000000001\"");
	read_bad("operator\taddress\taddress_type\tsat\n\ta\tp2tr\t1\n", 2,
	    "column \"operator\": empty");
	read_bad("operator\taddress\taddress_type\tsat\nA\t\tp2tr\t1\n", 2,
	    "column \"address\": empty");
}

/* A fixed seed: the same cases every run. */
static uint64_t rng = 7;

static uint64_t
next(void)
{
	return tap_rand(&rng);
}

/*
 * Property tests: no operator above its allowance, the output total never
 * above the input, no paid output below its minimum, unspent = in - out,
 * nothing unspent when there is no cap and nobody is dropped, and the same
 * input gives the same result.
 */
static void
test_random(void)
{
	enum { CASES = 3000, MAXN = 40 };
	int bad_allow = 0, bad_total = 0, bad_min = 0, bad_det = 0,
	    bad_full = 0, bad_fill = 0, errs = 0, capped = 0, dropped = 0;
	int c;

	for (c = 0; c < CASES; c++) {
		static char ops[MAXN][4], addrs[MAXN][8];
		struct fl_cap_payee p[MAXN], q[MAXN];
		struct fl_cap_opts o = {0, 0, 0};
		struct fl_cap_result res, res2;
		size_t n = 1 + next() % MAXN, nops = 1 + next() % n, i, j;
		uint64_t scale = next() % 3 == 0 ? 1000 : 10000000, in = 0;
		fl_u128 allow_share = 0;
		struct fl_err e;

		for (i = 0; i < n; i++) {
			snprintf(ops[i], sizeof(ops[i]), "o%zu",
			    (size_t)(next() % nops));
			snprintf(addrs[i], sizeof(addrs[i]), "a%zu", i);
			p[i] = pay(ops[i], addrs[i],
			    next() % 6 == 0 ? 0 : next() % scale,
			    next() % 2 ? 294 : 546);
			p[i].paid = next() % 3 == 0 ? next() % scale : 0;
			in += p[i].in;
		}
		if (next() % 2)
			o.max_share = 1 + next() % 1000000000000;
		if (next() % 2) {
			o.has_max_sat = 1;
			o.max_sat = next() % scale;
		}
		memcpy(q, p, sizeof(p));
		if (fl_cap_apply(p, n, &o, &res, &e) != 0 ||
		    fl_cap_apply(q, n, &o, &res2, &e) != 0) {
			errs++;
			continue;
		}
		allow_share = (fl_u128)o.max_share * in / 1000000000000;
		for (i = 0; i < n; i++) {
			fl_u128 sum = 0, paid = 0;

			if (p[i].sat != q[i].sat || p[i].reason != q[i].reason)
				bad_det++;
			if (p[i].sat > 0 && p[i].sat < p[i].min)
				bad_min++;
			if (p[i].reason == FL_CAP_MIN_SAT && p[i].sat != 0)
				bad_min++;
			if (p[i].reason == FL_CAP_MAX_SHARE ||
			    p[i].reason == FL_CAP_MAX_SAT)
				capped++;
			if (p[i].reason == FL_CAP_MIN_SAT)
				dropped++;
			for (j = 0; j < n; j++)
				if (strcmp(p[j].operator, p[i].operator) == 0) {
					sum += p[j].sat;
					paid += p[j].paid;
				}
			if (o.max_share > 0 && sum > allow_share)
				bad_allow++;
			if (o.has_max_sat && sum + paid > o.max_sat && sum > 0)
				bad_allow++;
			/*
			 * Left unspent only when every operator still in is
			 * held at its allowance.
			 */
			if (res.unspent > 0 && p[i].in > 0 &&
			    p[i].reason != FL_CAP_MIN_SAT) {
				fl_u128 a =
				    o.max_share > 0 ? allow_share : UINT64_MAX;

				if (o.has_max_sat)
					a = paid >= o.max_sat ||
						o.max_sat - paid < a
					    ? (paid >= o.max_sat
						      ? 0
						      : o.max_sat - paid)
					    : a;
				if (sum != a)
					bad_fill++;
			}
		}
		if (res.out > res.in || res.in != in ||
		    res.unspent != res.in - res.out)
			bad_total++;
		{
			uint64_t out = 0;

			for (i = 0; i < n; i++)
				out += p[i].sat;
			if (out != res.out)
				bad_total++;
		}
		if (o.max_share == 0 && !o.has_max_sat && res.dropped == 0 &&
		    res.out != res.in)
			bad_full++;
		if (res.dropped == 0 && res.unspent > 0 && o.max_share == 0 &&
		    !o.has_max_sat)
			bad_full++;
	}
	check_int(errs, ==, 0);
	check_int(bad_allow, ==, 0);
	check_int(bad_total, ==, 0);
	check_int(bad_min, ==, 0);
	check_int(bad_det, ==, 0);
	check_int(bad_full, ==, 0);
	check_int(bad_fill, ==, 0);
	/* The cases reach the interesting paths. */
	check_int(capped, >, 1000);
	check_int(dropped, >, 1000);
}

int
main(void)
{
	test_parse();
	test_waterfill();
	test_max_sat();
	test_min_sat();
	test_errors();
	test_ledger();
	test_table();
	test_random();
	return test_done();
}
