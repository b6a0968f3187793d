#include <string.h>

#include "receivedstage.h"
#include "tap.h"

static void
test_init(void)
{
	struct fl_receivedstage c;

	fl_receivedstage_init(&c);
	check_int(c.o.jobs, ==, 4);
	check_int(c.o.stale, ==, 7 * 86400);
	check_str(c.stale_text, "7d");
	check_int(c.o.http.timeout, ==, 60);
	check_int(c.o.http.connect_timeout, ==, 30);
	check_int(c.o.http.retries, ==, 3);
	check_uint(c.o.min_conf, ==, 0);
	check(c.o.http.url == NULL);
	check(c.o.http.proxy == NULL);
	check(c.check == NULL);
	check(c.period_text == NULL);
	check(!c.has_now);
	check(!c.has_stale);
	check_int(strncmp(c.o.http.user_agent, "flattor-received/", 17), ==, 0);
}

static void
test_set_errors(void)
{
	static const struct {
		int opt;
		const char *arg, *msg;
	} bad[] = {
	    {FL_RECV_O_CHECK, "", "--check-ledger: empty file name"},
	    {FL_RECV_O_ESPLORA, "", "--esplora: not an http or https URL \"\""},
	    {FL_RECV_O_ESPLORA, "ftp://example.org/api",
		"--esplora: not an http or https URL "
		"\"ftp://example.org/api\""},
	    {FL_RECV_O_ESPLORA, "blockstream.info/api",
		"--esplora: not an http or https URL \"blockstream.info/api\""},
	    {FL_RECV_O_ESPLORA, "HTTP:/x",
		"--esplora: not an http or https URL \"HTTP:/x\""},
	    {FL_RECV_O_JOBS, "0", "--jobs: invalid number \"0\""},
	    {FL_RECV_O_JOBS, "65", "--jobs: invalid number \"65\""},
	    {FL_RECV_O_JOBS, "-1", "--jobs: invalid number \"-1\""},
	    {FL_RECV_O_JOBS, "4x", "--jobs: invalid number \"4x\""},
	    {FL_RECV_O_JOBS, "", "--jobs: invalid number \"\""},
	    {FL_RECV_O_MIN_CONF, "1000001",
		"--min-conf: invalid number \"1000001\""},
	    {FL_RECV_O_MIN_CONF, "-1", "--min-conf: invalid number \"-1\""},
	    {FL_RECV_O_MIN_CONF, "one", "--min-conf: invalid number \"one\""},
	    {FL_RECV_O_RETRIES, "11", "--retries: invalid number \"11\""},
	    {FL_RECV_O_RETRIES, "x", "--retries: invalid number \"x\""},
	    {FL_RECV_O_PERIOD, "0d", "--period: out of range \"0d\""},
	    {FL_RECV_O_STALE, "0s", "--stale: out of range \"0s\""},
	    {FL_RECV_O_TIMEOUT, "0s", "--timeout: out of range \"0s\""},
	    {FL_RECV_O_TIMEOUT, "2d", "--timeout: out of range \"2d\""},
	    {FL_RECV_O_TIMEOUT, "86401s", "--timeout: out of range \"86401s\""},
	    /* libcurl takes "" as "no proxy": --proxy "$TOR" unset would
	     * bypass Tor. */
	    {FL_RECV_O_PROXY, "",
		"--proxy: empty URL (it would turn off the proxy variables of "
		"the environment)"},
	    {0, "x", "unknown option"},
	    {'x', "x", "unknown option"},
	};
	/* Errors from the parsers, under the option's name. */
	static const struct {
		int opt;
		const char *arg, *prefix;
	} bad_parse[] = {
	    {FL_RECV_O_PERIOD, "30", "--period: "},
	    {FL_RECV_O_PERIOD, "", "--period: "},
	    {FL_RECV_O_PERIOD, "-1d", "--period: "},
	    {FL_RECV_O_STALE, "3 days", "--stale: "},
	    {FL_RECV_O_TIMEOUT, "x", "--timeout: "},
	    {FL_RECV_O_NOW, "2026-11-26 12:00:00", "--now: "},
	    {FL_RECV_O_NOW, "2026-11-26T12:00:00", "--now: "},
	    {FL_RECV_O_NOW, "", "--now: "},
	};
	struct fl_receivedstage c;
	struct fl_err e;
	size_t i;

	fl_receivedstage_init(&c);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fl_err_clear(&e);
		check_int(fl_receivedstage_set(&c, bad[i].opt, bad[i].arg, &e),
		    ==, FL_EUSAGE);
		check_int(e.code, ==, FL_EUSAGE);
		check_str(e.msg, bad[i].msg);
	}
	for (i = 0; i < sizeof(bad_parse) / sizeof(bad_parse[0]); i++) {
		size_t n = strlen(bad_parse[i].prefix);

		fl_err_clear(&e);
		check_int(fl_receivedstage_set(&c, bad_parse[i].opt,
			      bad_parse[i].arg, &e),
		    ==, FL_EUSAGE);
		check_int(e.code, ==, FL_EUSAGE);
		if (!tap_result(strncmp(e.msg, bad_parse[i].prefix, n) == 0 &&
			    strlen(e.msg) > n + 2,
			__FILE__, __LINE__, "\"%s\" is \"%s\" and a reason",
			bad_parse[i].arg, bad_parse[i].prefix))
			tap_diag("got \"%s\"", e.msg);
	}
	/* A refused value leaves these settings as they were. */
	check_int(c.o.jobs, ==, 4);
	check_int(c.o.http.retries, ==, 3);
	check_int(c.o.http.timeout, ==, 60);
	check_str(c.stale_text, "7d");
	check(!c.has_stale);
	check(!c.has_now);
	check(c.period_text == NULL);
	check(c.check == NULL);
	check(c.o.http.url == NULL);
	check(c.o.http.proxy == NULL);
	check_uint(c.o.min_conf, ==, 0);
}

static void
test_set(void)
{
	struct fl_receivedstage c;
	struct fl_err e;

	fl_receivedstage_init(&c);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_ESPLORA,
		      "https://blockstream.info/api", &e),
	    ==, 0);
	check_str(c.o.http.url, "https://blockstream.info/api");
	check_int(fl_receivedstage_set(&c, FL_RECV_O_ESPLORA,
		      "http://127.0.0.1:3002", &e),
	    ==, 0);
	check_str(c.o.http.url, "http://127.0.0.1:3002");
	/* --jobs: 1 to 64. */
	check_int(fl_receivedstage_set(&c, FL_RECV_O_JOBS, "1", &e), ==, 0);
	check_int(c.o.jobs, ==, 1);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_JOBS, "64", &e), ==, 0);
	check_int(c.o.jobs, ==, 64);
	/* --retries: 0 to 10. */
	check_int(fl_receivedstage_set(&c, FL_RECV_O_RETRIES, "0", &e), ==, 0);
	check_int(c.o.http.retries, ==, 0);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_RETRIES, "10", &e), ==, 0);
	check_int(c.o.http.retries, ==, 10);
	/* --timeout: up to 1d; the connection's own limit never above it. */
	check_int(fl_receivedstage_set(&c, FL_RECV_O_TIMEOUT, "1d", &e), ==, 0);
	check_int(c.o.http.timeout, ==, 86400);
	check_int(c.o.http.connect_timeout, ==, 30);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_TIMEOUT, "10s", &e), ==,
	    0);
	check_int(c.o.http.timeout, ==, 10);
	check_int(c.o.http.connect_timeout, ==, 10);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_TIMEOUT, "2m", &e), ==, 0);
	check_int(c.o.http.timeout, ==, 120);
	check_int(c.o.http.connect_timeout, ==, 10);
	/* --period and --stale keep their text for the provenance line. */
	check_int(fl_receivedstage_set(&c, FL_RECV_O_PERIOD, "30d", &e), ==, 0);
	check_int(c.o.period, ==, 30 * 86400);
	check_str(c.period_text, "30d");
	check_int(fl_receivedstage_set(&c, FL_RECV_O_STALE, "3d", &e), ==, 0);
	check_int(c.o.stale, ==, 3 * 86400);
	check_str(c.stale_text, "3d");
	check(c.has_stale);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_NOW,
		      "2026-11-26T12:00:00Z", &e),
	    ==, 0);
	check(c.has_now);
	check_int(c.o.now, ==, 1795694400);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_CHECK, "ledger.tsv", &e),
	    ==, 0);
	check_str(c.check, "ledger.tsv");
	check_int(fl_receivedstage_set(&c, FL_RECV_O_PROXY,
		      "socks5h://127.0.0.1:9050", &e),
	    ==, 0);
	check_str(c.o.http.proxy, "socks5h://127.0.0.1:9050");
}

/* --confirmed-only is --min-conf 1; with --min-conf the larger applies. */
static void
test_min_conf(void)
{
	struct fl_receivedstage c;
	struct fl_err e;

	fl_receivedstage_init(&c);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_CONFIRMED, NULL, &e), ==,
	    0);
	check_uint(c.o.min_conf, ==, 1);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_MIN_CONF, "0", &e), ==, 0);
	check_uint(c.o.min_conf, ==, 1);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_MIN_CONF, "6", &e), ==, 0);
	check_uint(c.o.min_conf, ==, 6);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_CONFIRMED, NULL, &e), ==,
	    0);
	check_uint(c.o.min_conf, ==, 6);

	fl_receivedstage_init(&c);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_MIN_CONF, "0", &e), ==, 0);
	check_uint(c.o.min_conf, ==, 0);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_CONFIRMED, NULL, &e), ==,
	    0);
	check_uint(c.o.min_conf, ==, 1);

	fl_receivedstage_init(&c);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_MIN_CONF, "1000000", &e),
	    ==, 0);
	check_uint(c.o.min_conf, ==, 1000000);
	check_int(fl_receivedstage_set(&c, FL_RECV_O_CONFIRMED, NULL, &e), ==,
	    0);
	check_uint(c.o.min_conf, ==, 1000000);
}

static void
test_check(void)
{
	struct fl_receivedstage c;
	struct fl_err e;

	/* --esplora first of all. */
	fl_receivedstage_init(&c);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--esplora is required");
	fl_receivedstage_set(&c, FL_RECV_O_PERIOD, "30d", &e);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--esplora is required");

	/* Payments received: --period, FILE or stdin, no --stale. */
	fl_receivedstage_init(&c);
	fl_receivedstage_set(&c, FL_RECV_O_ESPLORA, "https://e.example/api",
	    &e);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--period is required");
	check_int(fl_receivedstage_check(&c, "payees.tsv", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--period is required");
	fl_receivedstage_set(&c, FL_RECV_O_PERIOD, "30d", &e);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, 0);
	check_int(fl_receivedstage_check(&c, "payees.tsv", &e), ==, 0);
	fl_receivedstage_set(&c, FL_RECV_O_STALE, "3d", &e);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--stale needs --check-ledger");

	/* Checking a ledger: neither --period nor FILE. */
	fl_receivedstage_init(&c);
	fl_receivedstage_set(&c, FL_RECV_O_ESPLORA, "https://e.example/api",
	    &e);
	fl_receivedstage_set(&c, FL_RECV_O_CHECK, "ledger.tsv", &e);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, 0);
	fl_receivedstage_set(&c, FL_RECV_O_STALE, "3d", &e);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, 0);
	check_int(fl_receivedstage_check(&c, "payees.tsv", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--check-ledger takes no --period and no FILE");
	fl_receivedstage_set(&c, FL_RECV_O_PERIOD, "30d", &e);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--check-ledger takes no --period and no FILE");
}

/* --now: the clock unless given; a given one is kept. */
static void
test_now(void)
{
	struct fl_receivedstage c;
	struct fl_err e;

	fl_receivedstage_init(&c);
	fl_receivedstage_set(&c, FL_RECV_O_ESPLORA, "https://e.example/api",
	    &e);
	fl_receivedstage_set(&c, FL_RECV_O_PERIOD, "30d", &e);
	check_int(c.o.now, ==, 0);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, 0);
	/* After 2026-01-01, the year this was written. */
	check_int(c.o.now, >, 1767225600);
	check(!c.has_now);

	check_int(fl_receivedstage_set(&c, FL_RECV_O_NOW,
		      "2000-01-01T00:00:00Z", &e),
	    ==, 0);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, 0);
	check_int(c.o.now, ==, 946684800);

	/* A failed check leaves --now alone. */
	fl_receivedstage_init(&c);
	check_int(fl_receivedstage_check(&c, "-", &e), ==, FL_EUSAGE);
	check_int(c.o.now, ==, 0);
}

int
main(void)
{
	test_init();
	test_set_errors();
	test_set();
	test_min_conf();
	test_check();
	test_now();
	return test_done();
}
