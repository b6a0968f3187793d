#include <stdint.h>

#include "fetchstage.h"
#include "tap.h"

int
main(void)
{
	struct fl_fetchstage f;
	struct fl_err e;

	fl_fetchstage_init(&f);
	check_str(f.base, "https://onionoo.torproject.org");
	check_int(f.q.timeout, ==, 300);
	check_int(f.q.connect_timeout, ==, 30);
	check_int(f.q.retries, ==, 2);
	check_uint(f.q.max_body, ==, (size_t)256 << 20);
	check_int(fl_fetchstage_check(&f, &e), ==, 0);

	check_int(fl_fetchstage_set(&f, FL_FETCH_O_FILE, "", &e), ==,
	    FL_EUSAGE);
	check_str(e.msg, "-f: empty file name");
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_FILE, "d.json", &e), ==, 0);
	check_int(fl_fetchstage_check(&f, &e), ==, 0);
	/* A proxy of "" would turn the environment's proxy off. */
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_PROXY, "", &e), ==,
	    FL_EUSAGE);
	check_str(e.msg,
	    "--proxy: empty URL (it would turn off the proxy variables of the "
	    "environment)");
	check_int(fl_fetchstage_check(&f, &e), ==, FL_EUSAGE);
	check_str(e.msg, "-f cannot be combined with network options");

	fl_fetchstage_init(&f);
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_TIMEOUT, "10s", &e), ==, 0);
	check_int(f.q.timeout, ==, 10);
	check_int(f.q.connect_timeout, ==, 10);
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_TIMEOUT, "2d", &e), ==,
	    FL_EUSAGE);
	check_str(e.msg, "--timeout: invalid duration \"2d\"");
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_TIMEOUT, "0s", &e), ==,
	    FL_EUSAGE);
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_RETRIES, "10", &e), ==, 0);
	check_int(f.q.retries, ==, 10);
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_RETRIES, "11", &e), ==,
	    FL_EUSAGE);
	check_str(e.msg, "--retries: invalid number \"11\"");
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_MAX_SIZE, "0", &e), ==,
	    FL_EUSAGE);
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_MAX_SIZE, "1000", &e), ==,
	    0);
	check_uint(f.q.max_body, ==, 1000);
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_CACHE, "", &e), ==,
	    FL_EUSAGE);
	check_str(e.msg, "--cache: empty file name");
	check_int(fl_fetchstage_set(&f, FL_FETCH_O_URL, "http://x", &e), ==, 0);
	check_str(f.base, "http://x");
	check_int(f.net_opts, ==, 1);
	check_int(fl_fetchstage_set(&f, 'x', "", &e), ==, FL_EUSAGE);
	return test_done();
}
