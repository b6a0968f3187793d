/* lib/txsettle: a signed transaction's fee settled on its real size. */
#include <string.h>

#include "fee.h"
#include "tap.h"
#include "txsettle.h"

static struct fl_payee p[2];
static struct fl_txctx x;
static struct fl_txplan_tx t;
static uint64_t pay[2];
static struct fl_err e;

/* Payees of a and b sat (dust 294 and 330), t paying them in full. */
static void
setup(uint64_t a, uint64_t b, uint64_t change, uint64_t fee, uint64_t borne)
{
	static const char *addrs[] = {
	    "bc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq",
	    "bc1pwaqqcf6nja53a72sgkurtahcwdadu236k7rm3e8cnmzacrd54elqdte604",
	};
	size_t i;

	for (i = 0; i < 2; i++) {
		fl_address_decode(addrs[i], FL_NET_MAIN, 0, &p[i].a, NULL, &e);
		p[i].line = i + 2;
	}
	p[0].sat = a;
	p[0].dust = 294;
	p[1].sat = b;
	p[1].dust = 330;
	memset(&t, 0, sizeof t);
	t.npay = 2;
	t.pay = pay;
	pay[0] = a - (borne * 3 + 2) / 5;
	pay[1] = b - borne * 2 / 5;
	t.change = change;
	t.fee = fee;
	t.borne = borne;
	t.over_rate = 1;
}

int
main(void)
{
	fl_txctx_init(&x);
	x.payees = p;
	x.np = 2;
	x.o.rate = 2000; /* 2 sat/vB: 100 vB need 200 sat */
	x.o.change_dust = 294;

	/* Within [rate, rate + 1): nothing changes. */
	setup(30000, 20000, 1000, 200, 0);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, 0);
	check_uint(t.fee, ==, 200);
	check_uint(t.change, ==, 1000);
	setup(30000, 20000, 1000, 299, 0);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, 0);

	/* Above: the excess goes to the change. */
	setup(30000, 20000, 1000, 300, 0);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, 1);
	check_uint(t.fee, ==, 200);
	check_uint(t.change, ==, 1100);
	check(!t.over_rate);
	/* Below (a bigger signature): the change pays the difference. */
	setup(30000, 20000, 1000, 150, 0);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, 1);
	check_uint(t.fee, ==, 200);
	check_uint(t.change, ==, 950);
	/* ... never below its dust threshold: 300 + 150 < 200 + 294. */
	setup(30000, 20000, 300, 150, 0);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, FL_EDATA);
	check_str(e.msg, "the change would fall below its dust threshold");
	check_uint(t.change, ==, 300);
	check_uint(t.fee, ==, 150);
	setup(30000, 20000, 294, 200 + 1, 0);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, 0);

	/* No change, the payees do not bear the fee: it stays. */
	setup(30000, 20000, 0, 400, 0);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, 0);
	check_uint(t.fee, ==, 400);
	check(t.over_rate);

	/* The payees bear it: their part moves, apportioned 3:2. */
	x.o.fee_from_payouts = 1;
	setup(30000, 20000, 0, 300, 300);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, 1);
	check_uint(t.fee, ==, 200);
	check_uint(t.borne, ==, 200);
	check_uint(pay[0], ==, 30000 - 120);
	check_uint(pay[1], ==, 20000 - 80);
	check(!t.over_rate);
	/* With change too, the payees' part moves, not the change. */
	setup(30000, 20000, 5000, 300, 300);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, 1);
	check_uint(t.change, ==, 5000);
	check_uint(t.borne, ==, 200);
	check_uint(pay[0] + pay[1] + t.fee, ==, 50000);
	/* A fee that fell by more than they bear: left as is. */
	setup(30000, 20000, 0, 400, 50);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, 0);
	check_uint(t.fee, ==, 400);
	/* Bearing nothing, they bear nothing more. */
	setup(30000, 20000, 0, 150, 0);
	check_int(fl_txsettle_refee(&x, &t, 100, &e), ==, 0);
	/*
	 * A payee pushed below its dust threshold by its new share: 1000 vB
	 * need 2000 sat, of which 340 / 30340 is 22 sat, leaving 318 < 330.
	 * Refused, naming its line; no payment changed.
	 */
	setup(30000, 340, 0, 300, 300);
	check_int(fl_txsettle_refee(&x, &t, 1000, &e), ==, FL_EDATA);
	check_uint(e.line, ==, 3);
	check_str(e.msg,
	    "payee "
	    "\"bc1pwaqqcf6nja53a72sgkurtahcwdadu236k7rm3e8cnmzacrd54elqdte"
	    "604\": below its dust threshold after its share of the fee");
	check_uint(pay[0], ==, 30000 - 180);
	check_uint(t.fee, ==, 300);
	check_uint(t.borne, ==, 300);
	return test_done();
}
