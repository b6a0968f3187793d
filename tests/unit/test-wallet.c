#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "wallet.h"

static struct fl_payee p[2];

/* What fl_wallet_write() writes for the first np payees. */
static char *
written(enum fl_wallet_format f, size_t np)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	if (fp == NULL)
		abort();
	fl_wallet_write(fp, f, p, np);
	fclose(fp);
	return text;
}

int
main(void)
{
	enum fl_wallet_format f = FL_WALLET_CSV;
	struct fl_err e;
	char *s;

	fl_address_decode("bc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq",
	    FL_NET_MAIN, 0, &p[0].a, NULL, &e);
	fl_address_decode("3JZ1YxA7UXgvgULxCY7WyajXHehEbDeupn", FL_NET_MAIN, 0,
	    &p[1].a, NULL, &e);
	p[0].sat = 1234567;
	p[1].sat = 2100000000000000;

	check_int(fl_wallet_format_parse("sendmany", &f), ==, 0);
	check_int(f, ==, FL_WALLET_SENDMANY);
	check_int(fl_wallet_format_parse("csv", &f), ==, 0);
	check_int(f, ==, FL_WALLET_CSV);
	/* Refused, *f unchanged. */
	check_int(fl_wallet_format_parse("CSV", &f), ==, FL_EUSAGE);
	check_int(fl_wallet_format_parse("", &f), ==, FL_EUSAGE);
	check_int(fl_wallet_format_parse("sendmany ", &f), ==, FL_EUSAGE);
	check_int(f, ==, FL_WALLET_CSV);

	s = written(FL_WALLET_SENDMANY, 2);
	check_str(s,
	    "{\"bc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq\":0.01234567,"
	    "\"3JZ1YxA7UXgvgULxCY7WyajXHehEbDeupn\":21000000.00000000}"
	    "\n");
	free(s);
	s = written(FL_WALLET_SENDMANY, 1);
	check_str(s,
	    "{\"bc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq\":0.01234567}\n");
	free(s);
	s = written(FL_WALLET_SENDMANY, 0);
	check_str(s, "{}\n");
	free(s);

	s = written(FL_WALLET_CSV, 2);
	check_str(s,
	    "bc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq,0.01234567\n"
	    "3JZ1YxA7UXgvgULxCY7WyajXHehEbDeupn,21000000.00000000\n");
	free(s);
	s = written(FL_WALLET_CSV, 0);
	check_str(s, "");
	free(s);
	return test_done();
}
