#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
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
	/* Invisible or reordering characters: BOM, zero width, bidi, the
	 * Arabic letter mark. */
	fl_warn("\"%s\"",
	    "\xef\xbb\xbf"
	    "a\xe2\x80\x8b"
	    "b\xe2\x80\xae"
	    "c\xe2\x81\xa6"
	    "d\xd8\x9c");
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
	    "\\xe2\\x81\\xa6d\\xd8\\x9c\"\n");
}

static void
warn_long(void)
{
	struct fl_err e;
	char addr[300];

	memset(addr, 'x', sizeof(addr) - 1);
	addr[sizeof(addr) - 1] = '\0';
	fl_err_setl(&e, FL_EDATA, 12, 3, "address \"%s\": \x1b not an address",
	    addr);
	fl_warn_err("payees.tsv", &e);
	errno = ENOENT;
	fl_warn("cannot open \"%s\":", addr);
}

static const char *key_text;

static void
warn_key_err(void)
{
	struct fl_err e;

	fl_err_setl(&e, FL_EDATA, 2, 1, "invalid column name \"%s\" in header",
	    key_text);
	fl_warn_err("keys.wif", &e);
}

static void
warn_key(void)
{
	fl_warn("keys.wif:1: bad \"%s\"", key_text);
}

/* A key before the first quote: nothing of the message is shown. */
static void
warn_key_unquoted(void)
{
	fl_warn("invalid token near %s \"x\"", key_text);
}

/*
 * No message quotes what parses as a private key: it names the line and
 * says it looks like a key.
 */
static void
hidden(const char *text, int hide)
{
	const char *got;

	key_text = text;
	got = capture_stderr(warn_key_err);
	tap_diag("%s", text);
	if (hide) {
		check_str(got,
		    "flattor-tx: keys.wif:2:1: invalid column name: this "
		    "looks like a private key (not shown)\n");
		check_str(capture_stderr(warn_key),
		    "flattor-tx: keys.wif:1: bad: this looks like a private "
		    "key (not shown)\n");
		check_str(capture_stderr(warn_key_unquoted),
		    "flattor-tx: this looks like a private key (not shown)\n");
	} else {
		check(strstr(got, text) != NULL);
	}
}

static void
test_keys(void)
{
	char tx[] = "flattor-tx", *av[] = {tx, NULL};

	fl_prog_set(av);
	/* WIF: compressed, uncompressed, test networks. */
	hidden("L1kFCgw58jSzekhaSXeuYyTn9AgbKutuPVwNP7JwEHY7bfzjBRgA", 1);
	hidden("5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ", 1);
	hidden("cS7EfbvvZo9FpCAqpwU2vHxqmPyzzMzbTY5qVXmSjQC7rQytpRvD", 1);
	/* Inside a longer line. */
	hidden("key=L1kFCgw58jSzekhaSXeuYyTn9AgbKutuPVwNP7JwEHY7bfzjBRgA "
	       "# wallet",
	    1);
	hidden("xL1kFCgw58jSzekhaSXeuYyTn9AgbKutuPVwNP7JwEHY7bfzjBRgAx", 1);
	/* BIP-32 test vector 1, master. */
	hidden("xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiCh"
	       "kVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi",
	    1);
	/* 64 hex digits, or more. */
	hidden("0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1"
	       "d",
	    1);
	hidden("0C28FCA386C7A227600B2FE50B7CAE11EC86D3BF1FBE471BE89827E19D72AA1"
	       "D"
	       "00",
	    1);
	/* Public: an outpoint, a fingerprint, an address, an xpub. */
	hidden("c727355e80f6043714a085917e63e3d5b9c1a8a630a257809c2f949b717257a"
	       "d"
	       ":0",
	    0);
	hidden("007BE01311B98AEFDFDCB7F4A2F167296E696825", 0);
	hidden("1Ab93nZzqBhhoTetUfzjXxpNjUoEQ84Jrt", 0);
	hidden("xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29"
	       "E"
	       "SFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8",
	    0);
	/* A WIF with a bad checksum parses as no key. */
	hidden("L1kFCgw58jSzekhaSXeuYyTn9AgbKutuPVwNP7JwEHY7bfzjBRgB", 0);
}

/*
 * One diagnostic line is one write(2): with standard error a socket of
 * datagrams, each write is one datagram, so the first read must hold the
 * whole line (a line made of many writes would come in pieces, and
 * concurrent stages' messages would interleave byte by byte).
 */
static void
test_one_write(void)
{
	char tx[] = "flattor-tx", *av[] = {tx, NULL};
	char buf[2048], want[300], expect[1024];
	int sv[2], saved;
	ssize_t n;

	fl_prog_set(av);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0) {
		check(0);
		return;
	}
	/* A line in many pieces would fill the queue: never block on it. */
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	fflush(stderr);
	saved = dup(2);
	dup2(sv[0], 2);
	warn_long();
	dup2(saved, 2);
	close(saved);
	close(sv[0]);
	memset(want, 'x', 299);
	want[299] = '\0';
	n = recv(sv[1], buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(expect, sizeof(expect),
	    "flattor-tx: payees.tsv:12:3: address \"%s\": \\x1b not an "
	    "address\n",
	    want);
	check_str(buf, expect);
	n = recv(sv[1], buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(expect, sizeof(expect),
	    "flattor-tx: cannot open \"%s\": No such file or directory\n",
	    want);
	check_str(buf, expect);
	close(sv[1]);
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
	test_one_write();
	test_keys();
	test_codes();
	return test_done();
}
