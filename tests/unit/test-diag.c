#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "tap.h"

static char *
capture_stderr(void (*fn)(void))
{
	char path[] = "/tmp/flattor-diag-XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	static char buf[1024];
	ssize_t n;

	fflush(stderr);
	dup2(fd, 2);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	return buf;
}

static void
warn_line(void)
{
	struct fl_err e;

	fl_err_setl(&e, FL_EDATA, 12, 0,
	    "column \"sat\": invalid integer "
	    "\"%s\"",
	    "12x");
	fl_warn_err("payouts.tsv", &e);
}

static void
warn_col(void)
{
	struct fl_err e;

	fl_err_setl(&e, FL_EDATA, 3, 7, "unexpected '%c'", '}');
	fl_warn_err("doc.json", &e);
}

static void
warn_noline(void)
{
	struct fl_err e;

	fl_err_set(&e, FL_ESYS, "No such file or directory");
	fl_warn_err("x.tsv", &e);
	fl_err_set(&e, FL_EUSAGE, "--amount: bad");
	fl_warn_err(NULL, &e);
}

static void
warn_errno(void)
{
	errno = ENOENT;
	fl_warn("cannot open %s:", "\"x\"");
}

/*
 * User data quoted in a message (an address or contact from the input) may
 * hold terminal escapes, line breaks or bytes that are not UTF-8: they must
 * not reach the terminal raw, nor forge a second diagnostic line.
 */
static void
warn_hostile(void)
{
	struct fl_err e;

	fl_err_setl(&e, FL_EDATA, 3, 0, "address \"%s\": not an address",
	    "ab\xff\xfe\x1b[31m\tx\ny\rz\x7f\xc2\x9b\xc3\xa9\xe2\x82\xac"
	    "\xc0\xaf\xed\xa0\x80");
	fl_warn_err("in\x1b]0;t\x07.tsv", &e);
	fl_warn("bad \"%s\"", "\x1b[2J\xe2\x82");
	/* Invisible or reordering characters: BOM, zero width, bidi. */
	fl_warn("\"%s\"",
	    "\xef\xbb\xbf"
	    "a\xe2\x80\x8b"
	    "b\xe2\x80\xae"
	    "c\xe2\x81\xa6");
}

static void
test_hostile(void)
{
	char tx[] = "flattor-tx", *av[] = {tx, NULL};

	fl_prog_set(av);
	check_str(capture_stderr(warn_hostile),
	    "flattor-tx: in\\x1b]0;t\\x07.tsv:3: address "
	    "\"ab\\xff\\xfe\\x1b[31m\\tx\\ny\\rz\\x7f\\xc2\\x9b\xc3\xa9"
	    "\xe2\x82\xac\\xc0\\xaf\\xed\\xa0\\x80\": not an address\n"
	    "flattor-tx: bad \"\\x1b[2J\\xe2\\x82\"\n"
	    "flattor-tx: \"\\xef\\xbb\\xbfa\\xe2\\x80\\x8bb\\xe2\\x80\\xaec"
	    "\\xe2\\x81\\xa6\"\n");
}

static void
test_messages(void)
{
	char path[] = "/usr/bin/flattor-cap", *av[] = {path, NULL};

	fl_prog_set(av);
	check_str(fl_prog(), "flattor-cap");
	/* getopt's own messages name the program the same way. */
	check_str(av[0], "flattor-cap");
	check_str(capture_stderr(warn_line),
	    "flattor-cap: payouts.tsv:12: "
	    "column \"sat\": invalid integer \"12x\"\n");
	check_str(capture_stderr(warn_col),
	    "flattor-cap: doc.json:3:7: "
	    "unexpected '}'\n");
	check_str(capture_stderr(warn_noline),
	    "flattor-cap: x.tsv: No such "
	    "file or directory\nflattor-cap: --amount: bad\n");
	check_str(capture_stderr(warn_errno),
	    "flattor-cap: cannot open "
	    "\"x\": No such file or directory\n");
}

static void
test_codes(void)
{
	struct fl_err e;

	check_int(fl_exit_code(FL_OK), ==, FL_EXIT_OK);
	check_int(fl_exit_code(FL_EDATA), ==, 1);
	check_int(fl_exit_code(FL_EUSAGE), ==, 2);
	check_int(fl_exit_code(FL_ENET), ==, 3);
	check_int(fl_exit_code(FL_ESYS), ==, 4);
	check_int(fl_exit_code(FL_ENOMEM), ==, 4);
	check_int(fl_err_set(&e, FL_EDATA, "x %d", 1), ==, FL_EDATA);
	check_int(fl_err_set(NULL, FL_ENET, "x"), ==, FL_ENET);
	fl_err_prefix(&e, "column \"%s\"", "sat");
	check_str(e.msg, "column \"sat\": x 1");
	/* A message cut at the buffer's size says so. */
	{
		char big[1000];

		memset(big, '7', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		fl_err_setl(&e, FL_EDATA, 4, 0, "invalid number \"%s\"", big);
		check_uint(strlen(e.msg), ==, sizeof(e.msg) - 1);
		check_str(e.msg + sizeof(e.msg) - 5, "7...");
		check_uint(e.line, ==, 4);
		fl_err_set(&e, FL_EDATA, "%.500s", big);
		fl_err_prefix(&e, "column \"%s\"", "guard_probability");
		check_uint(strlen(e.msg), ==, sizeof(e.msg) - 1);
		check_str(e.msg + sizeof(e.msg) - 5, "7...");
	}
	fl_err_clear(&e);
	check_int(e.code, ==, 0);
	check_str(e.msg, "");
}

int
main(void)
{
	test_messages();
	test_hostile();
	test_codes();
	return test_done();
}
