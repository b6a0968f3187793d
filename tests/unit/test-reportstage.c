#include "reportstage.h"
#include "tap.h"

static void
test_set(void)
{
	static const struct {
		int opt;
		const char *arg, *msg;
	} bad[] = {
	    {FL_REPORT_O_FORMAT, "pdf",
		"--format: invalid format \"pdf\" (html or svg)"},
	    {FL_REPORT_O_NETWORK, "moon",
		"--network: invalid network \"moon\" (main, test, signet or "
		"regtest)"},
	    {FL_REPORT_O_TOP, "-1",
		"--top: invalid count \"-1\" (0 to 1000000)"},
	    {FL_REPORT_O_TOP, "1000001",
		"--top: invalid count \"1000001\" (0 to 1000000)"},
	    {FL_REPORT_O_RELAYS, "", "--relays: empty file name"},
	    {FL_REPORT_O_TX, "", "--tx: empty file name"},
	    {FL_REPORT_O_UTXOS, "", "--utxos: empty file name"},
	    {0, "x", "unknown option"},
	};
	struct fl_reportstage c;
	struct fl_err e;
	size_t i;

	fl_reportstage_init(&c);
	check_uint(c.o.top, ==, FL_REPORT_TOP);
	check_int(c.net, ==, FL_NET_MAIN);
	check(!c.svg);
	check_int(fl_reportstage_set(&c, FL_REPORT_O_FORMAT, "svg", &e), ==, 0);
	check(c.svg);
	check_int(fl_reportstage_set(&c, FL_REPORT_O_FORMAT, "html", &e), ==,
	    0);
	check(!c.svg);
	check_int(fl_reportstage_set(&c, FL_REPORT_O_NETWORK, "regtest", &e),
	    ==, 0);
	check_int(c.net, ==, FL_NET_REGTEST);
	check_int(fl_reportstage_set(&c, FL_REPORT_O_TOP, "0", &e), ==, 0);
	check_uint(c.o.top, ==, 0);
	check_int(fl_reportstage_set(&c, FL_REPORT_O_TX, "t", &e), ==, 0);
	check_int(fl_reportstage_set(&c, FL_REPORT_O_RELAYS, "r", &e), ==, 0);
	check_int(fl_reportstage_set(&c, FL_REPORT_O_UTXOS, "u", &e), ==, 0);
	check_str(c.tx, "t");
	check_str(c.relays, "r");
	check_str(c.utxos, "u");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		check_int(fl_reportstage_set(&c, bad[i].opt, bad[i].arg, &e),
		    ==, FL_EUSAGE);
		check_str(e.msg, bad[i].msg);
	}
}

static void
test_check(void)
{
	struct fl_reportstage c;
	struct fl_err e;

	fl_reportstage_init(&c);
	check_int(fl_reportstage_check(&c, "-", &e), ==, 0);
	c.utxos = "u";
	check_int(fl_reportstage_check(&c, "p", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--utxos needs --tx");
	c.tx = "-";
	check_int(fl_reportstage_check(&c, "p", &e), ==, 0);
	check_int(fl_reportstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_str(e.msg, "only one input may be standard input");
	c.utxos = "-";
	check_int(fl_reportstage_check(&c, "p", &e), ==, FL_EUSAGE);
	c.utxos = NULL;
	c.svg = 1;
	check_int(fl_reportstage_check(&c, "p", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--format svg: the chart takes only the payees");
	c.tx = NULL;
	c.relays = "r";
	check_int(fl_reportstage_check(&c, "p", &e), ==, FL_EUSAGE);
	c.relays = NULL;
	check_int(fl_reportstage_check(&c, "-", &e), ==, 0);
}

int
main(void)
{
	test_set();
	test_check();
	return test_done();
}
