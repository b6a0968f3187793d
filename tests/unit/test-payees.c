/* lib/payees: the payee table, every error with its line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payees.h"
#include "tap.h"

#define A1 "bc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq"
#define A2 "bc1pwaqqcf6nja53a72sgkurtahcwdadu236k7rm3e8cnmzacrd54elqdte604"
#define A3 "1y1hZGuLNw3if6UcPfKCbctphD2JiUzXY"

static struct fl_payee *p;
static size_t np;
static struct fl_err e;

/* Reads text (a TSV table) as the payees of net. */
static int
rd(const char *text, enum fl_network net)
{
	FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	int rc;

	if (fp == NULL)
		abort();
	free(p);
	p = NULL;
	np = 99;
	memset(&e, 0, sizeof e);
	rc = fl_payees_read(fp, net, &p, &np, &e);
	fclose(fp);
	return rc;
}

int
main(void)
{
	/* Rows of sat 0 skipped; input order, lines, dust thresholds. */
	check_int(rd("# flattor-weigh 0.1.0\n"
		     "address\taddress_type\tsat\n" A1 "\tp2wpkh\t30000\n" A3
		     "\tp2pkh\t0\n" A2 "\tp2tr\t20000\n",
		      FL_NET_MAIN),
	    ==, 0);
	check_uint(np, ==, 2);
	check_str(p[0].a.text, A1);
	check_uint(p[0].sat, ==, 30000);
	check_uint(p[0].dust, ==, 294);
	check_uint(p[0].line, ==, 3);
	check_str(p[1].a.text, A2);
	check_uint(p[1].dust, ==, 330);
	check_uint(p[1].line, ==, 5);
	check_uint(p[0].a.spklen, ==, 22);

	/* No row, or only rows of 0: no payee, not an error here. */
	check_int(rd("address\tsat\n", FL_NET_MAIN), ==, 0);
	check_uint(np, ==, 0);
	check_int(rd("address\tsat\n" A1 "\t0\n", FL_NET_MAIN), ==, 0);
	check_uint(np, ==, 0);

	/* A missing column names the stage that makes it. */
	check_int(rd("address\n" A1 "\n", FL_NET_MAIN), ==, FL_EDATA);
	check_str(e.msg, "missing column \"sat\" (made by flattor-weigh)");
	check(p == NULL && np == 0);
	check_int(rd("sat\n1000\n", FL_NET_MAIN), ==, FL_EDATA);
	check_str(e.msg, "missing column \"address\" (made by flattor-addrs)");

	/* A bad amount, a bad address, an address of another network. */
	check_int(rd("address\tsat\n" A1 "\t12x\n", FL_NET_MAIN), ==, FL_EDATA);
	check_uint(e.line, ==, 2);
	check_str(e.msg, "column \"sat\": invalid integer \"12x\"");
	check_int(rd("address\tsat\nbc1qnope\t1000\n", FL_NET_MAIN), ==,
	    FL_EDATA);
	check_uint(e.line, ==, 2);
	check(strncmp(e.msg, "address \"bc1qnope\": ", 20) == 0);
	check_int(rd("address\tsat\n" A1 "\t1000\n", FL_NET_TEST), ==,
	    FL_EDATA);
	check(strncmp(e.msg, "address \"" A1 "\": ", 53) == 0);
	check(p == NULL && np == 0);

	/* Below its dust threshold; at it is fine. */
	check_int(rd("address\tsat\n" A1 "\t293\n", FL_NET_MAIN), ==, FL_EDATA);
	check_uint(e.line, ==, 2);
	check_str(e.msg,
	    "address \"" A1 "\": 293 sat is below its dust "
	    "threshold (294 sat for p2wpkh)");
	check_int(rd("address\tsat\n" A1 "\t294\n", FL_NET_MAIN), ==, 0);

	/* An address twice: the later line, naming the earlier. */
	check_int(rd("address\tsat\n" A1 "\t1000\n" A2 "\t1000\n" A1 "\t0\n" A1
		     "\t2000\n",
		      FL_NET_MAIN),
	    ==, FL_EDATA);
	check_uint(e.line, ==, 5);
	check_str(e.msg, "address \"" A1 "\" appears twice (also line 2)");

	/* More than 21,000,000 BTC, in one row or in all. */
	check_int(rd("address\tsat\n" A1 "\t2100000000000001\n", FL_NET_MAIN),
	    ==, FL_EDATA);
	check_str(e.msg, "the payouts add up to more than 21,000,000 BTC");
	check_int(rd("address\tsat\n" A1 "\t2100000000000000\n" A2 "\t1\n",
		      FL_NET_MAIN),
	    ==, FL_EDATA);
	check_uint(e.line, ==, 3);
	check_int(rd("address\tsat\n" A1 "\t2099999999999999\n" A2 "\t1000\n",
		      FL_NET_MAIN),
	    ==, FL_EDATA);
	check_int(rd("address\tsat\n" A1 "\t2099999999999000\n" A2 "\t1000\n",
		      FL_NET_MAIN),
	    ==, 0);
	check_uint(np, ==, 2);

	/* An empty input: no header. */
	check_int(rd("", FL_NET_MAIN), ==, FL_EDATA);
	free(p);
	return test_done();
}
