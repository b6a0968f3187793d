#include "addrsstage.h"
#include "tap.h"

int
main(void)
{
	struct fl_addrsstage a;
	struct fl_err e;

	fl_addrsstage_init(&a);
	check_int(a.net, ==, FL_NET_MAIN);
	check(a.rejects == NULL);
	check_int(fl_addrsstage_set(&a, FL_ADDRS_O_NETWORK, "signet", &e), ==,
	    0);
	check_int(a.net, ==, FL_NET_SIGNET);
	check_int(fl_addrsstage_set(&a, FL_ADDRS_O_NETWORK, "mainnet", &e), ==,
	    FL_EUSAGE);
	check_str(e.msg,
	    "--network: unknown network \"mainnet\" (main, test, signet or "
	    "regtest)");
	check_int(fl_addrsstage_set(&a, FL_ADDRS_O_KEEP, NULL, &e), ==, 0);
	check_int(a.keep, ==, 1);
	check_int(fl_addrsstage_set(&a, FL_ADDRS_O_ALLOW_FUTURE, NULL, &e), ==,
	    0);
	check_uint(a.flags, ==, FL_ADDR_ALLOW_FUTURE_WITNESS);
	check_int(fl_addrsstage_set(&a, FL_ADDRS_O_REJECTS, "", &e), ==,
	    FL_EUSAGE);
	check_str(e.msg, "--rejects: empty file name");
	check_int(fl_addrsstage_set(&a, FL_ADDRS_O_REJECTS, "r.tsv", &e), ==,
	    0);
	check_str(a.rejects, "r.tsv");
	check_int(fl_addrsstage_set(&a, 'x', NULL, &e), ==, FL_EUSAGE);
	return test_done();
}
