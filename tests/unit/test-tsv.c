#include <stdlib.h>

#include "tsv.h"
#include "version.h"
#include "tap.h"

static FILE *
mem(const char *s)
{
	/* fmemopen needs a writable buffer on some libcs. */
	static char buf[8192];

	snprintf(buf, sizeof(buf), "%s", s);
	return fmemopen(buf, strlen(buf), "r");
}

static void
test_read(void)
{
	struct fl_tsv_reader r;
	struct fl_err e;
	FILE *fp =
	    mem("# one\n# two\na\tb_2\tc\nx\\ty\t\t\\\\\\n\\r\nlast\t1\t2");

	check_int(fl_tsv_open(&r, fp, &e), ==, 0);
	check_uint(r.ncomments, ==, 2);
	check_str(r.comments[0], "# one");
	check_str(r.comments[1], "# two");
	check_uint(r.ncols, ==, 3);
	check_int(fl_tsv_col(&r, "b_2"), ==, 1);
	check_int(fl_tsv_col(&r, "d"), ==, -1);
	check_int(fl_tsv_require(&r, "c", "flattor-fetch", &e), ==, 2);
	check_int(fl_tsv_require(&r, "d", "flattor-fetch", &e), ==, FL_EDATA);
	check_str(e.msg, "missing column \"d\" (made by flattor-fetch)");
	check_int(fl_tsv_require(&r, "d", NULL, &e), ==, FL_EDATA);
	check_str(e.msg, "missing column \"d\"");
	check_int(fl_tsv_next(&r, &e), ==, 1);
	check_uint(r.lineno, ==, 4);
	check_str(r.field[0], "x\ty");
	check_str(r.field[1], "");
	check_str(r.field[2], "\\\n\r");
	/* A missing final newline is accepted. */
	check_int(fl_tsv_next(&r, &e), ==, 1);
	check_str(r.field[0], "last");
	check_str(r.field[2], "2");
	check_int(fl_tsv_next(&r, &e), ==, 0);
	check_int(fl_tsv_next(&r, &e), ==, 0);
	fl_tsv_close(&r);
	fclose(fp);
}

static void
read_error(const char *text, int want, unsigned long line, unsigned long col,
    const char *msg)
{
	struct fl_tsv_reader r;
	struct fl_err e;
	FILE *fp = mem(text);
	int rc;

	fl_err_clear(&e);
	rc = fl_tsv_open(&r, fp, &e);
	if (rc == 0)
		while ((rc = fl_tsv_next(&r, &e)) == 1)
			;
	check_int(rc, ==, want);
	check_uint(e.line, ==, line);
	check_uint(e.col, ==, col);
	check_str(e.msg, msg);
	fl_tsv_close(&r);
	fclose(fp);
}

static void
test_errors(void)
{
	read_error("", FL_EDATA, 0, 0, "no header line");
	read_error("# only comments\n", FL_EDATA, 1, 0, "no header line");
	read_error("a\tB\n", FL_EDATA, 1, 3,
	    "invalid column name \"B\" in "
	    "header");
	read_error("a\t\n", FL_EDATA, 1, 3,
	    "invalid column name \"\" in "
	    "header");
	read_error("a\tb\ta\n", FL_EDATA, 1, 5,
	    "duplicate column \"a\" in "
	    "header");
	read_error("a\tb\n1\n", FL_EDATA, 2, 0, "1 field, the header has 2");
	read_error("\xef\xbb\xbf"
		   "a\tb\n",
	    FL_EDATA, 1, 1,
	    "byte order mark at the start of the header (the format is "
	    "UTF-8 without one)");
	read_error("a\tb\n1\t2\n# late\n", FL_EDATA, 3, 0,
	    "comment line after the header (comments may only come "
	    "before it)");
	/* A commented-out row is refused whatever its field count. */
	read_error("a\tb\n1\t2\n#3\t4\n", FL_EDATA, 3, 0,
	    "comment line after the header (comments may only come "
	    "before it)");
	read_error("a\n#\n", FL_EDATA, 2, 0,
	    "comment line after the header (comments may only come "
	    "before it)");
	read_error("a\tb\n1\t2\t3\n", FL_EDATA, 2, 0,
	    "3 fields, the header "
	    "has 2");
	read_error("a\tb\n1\tx\\q\n", FL_EDATA, 2, 4,
	    "column \"b\": invalid "
	    "escape \"\\q\"");
	read_error("a\tb\n1\tx\\\n", FL_EDATA, 2, 4,
	    "column \"b\": backslash at the end of the field");
	/* UTF-8 text without control characters but TAB. */
	read_error("a\tb\n1\tx\033[2J\n", FL_EDATA, 2, 4,
	    "control character 0x1b in line");
	read_error("a\tb\n1\tx\177\n", FL_EDATA, 2, 4,
	    "control character 0x7f in line");
	read_error("a\tb\n1\007\tx\n", FL_EDATA, 2, 2,
	    "control character 0x07 in line");
	read_error("# \033]0;title\007\na\n", FL_EDATA, 1, 3,
	    "control character 0x1b in line");
	read_error("a\tb\n1\tcaf\351\n", FL_EDATA, 2, 6,
	    "invalid UTF-8 (byte 0xe9)");
	read_error("a\tb\n1\tcaf\303\n", FL_EDATA, 2, 6,
	    "invalid UTF-8 (byte 0xc3)");
	read_error("a\tb\n\200\tx\n", FL_EDATA, 2, 1,
	    "invalid UTF-8 (byte 0x80)");
	read_error("a\tb\n\300\257\tx\n", FL_EDATA, 2, 1,
	    "invalid UTF-8 (byte 0xc0)");
	read_error("a\tb\n\340\200\257\tx\n", FL_EDATA, 2, 1,
	    "invalid UTF-8 (byte 0xe0)");
	read_error("a\tb\n1\t\355\240\200\n", FL_EDATA, 2, 3,
	    "invalid UTF-8 (byte 0xed)");
	read_error("a\tb\n1\t\364\220\200\200\n", FL_EDATA, 2, 3,
	    "invalid UTF-8 (byte 0xf4)");
	read_error("a\tb\n1\t\370\210\200\200\200\n", FL_EDATA, 2, 3,
	    "invalid UTF-8 (byte 0xf8)");
	read_error("a\tb\r\n", FL_EDATA, 1, 4,
	    "carriage return in line (CRLF "
	    "line ends are not accepted)");
	read_error("a\tb\n1\t2\r\n", FL_EDATA, 2, 4,
	    "carriage return in line "
	    "(CRLF line ends are not accepted)");
}

static void
test_nul_and_long(void)
{
	struct fl_tsv_reader r;
	struct fl_err e;
	static const char text[] = "a\n1\0002\n";
	char *big;
	FILE *fp;

	fp = fmemopen((void *)(uintptr_t)text, sizeof(text) - 1, "r");
	check_int(fl_tsv_open(&r, fp, &e), ==, 0);
	check_int(fl_tsv_next(&r, &e), ==, FL_EDATA);
	check_str(e.msg, "NUL byte in line");
	check_uint(e.line, ==, 2);
	check_uint(e.col, ==, 2);
	fl_tsv_close(&r);
	fclose(fp);

	big = malloc(FL_TSV_MAXLINE + 8);
	memset(big, 'x', FL_TSV_MAXLINE + 6);
	big[0] = 'a';
	big[1] = '\n';
	big[FL_TSV_MAXLINE + 3] = '\n';
	fp = fmemopen(big, FL_TSV_MAXLINE + 4, "r");
	check_int(fl_tsv_open(&r, fp, &e), ==, 0);
	check_int(fl_tsv_next(&r, &e), ==, FL_EDATA);
	check_str(e.msg, "line longer than 1048576 bytes");
	fl_tsv_close(&r);
	fclose(fp);
	free(big);
}

/*
 * A line longer than the limit is refused once the limit is passed: the
 * reader must not first take the whole line into memory (a file with no
 * newline at all could be gigabytes).
 */
static void
test_long_bounded(void)
{
	struct fl_tsv_reader r;
	struct fl_err e;
	size_t size = 4 * FL_TSV_MAXLINE;
	char *big;
	long at;
	FILE *fp;

	big = malloc(size);
	memset(big, 'x', size);
	big[0] = 'a';
	big[1] = '\n';
	fp = fmemopen(big, size, "r");
	check_int(fl_tsv_open(&r, fp, &e), ==, 0);
	check_int(fl_tsv_next(&r, &e), ==, FL_EDATA);
	check_str(e.msg, "line longer than 1048576 bytes");
	check_uint(e.line, ==, 2);
	at = ftell(fp);
	check(at > 0 && (size_t)at <= 2 * FL_TSV_MAXLINE);
	check(r.linecap <= 2 * FL_TSV_MAXLINE);
	fl_tsv_close(&r);
	fclose(fp);

	/* A line of exactly the limit is read, as before. */
	memset(big, 'x', size);
	big[0] = 'a';
	big[1] = '\n';
	big[2 + FL_TSV_MAXLINE] = '\n';
	fp = fmemopen(big, 3 + FL_TSV_MAXLINE, "r");
	check_int(fl_tsv_open(&r, fp, &e), ==, 0);
	check_int(fl_tsv_next(&r, &e), ==, 1);
	check_uint(strlen(r.field[0]), ==, FL_TSV_MAXLINE);
	check_int(fl_tsv_next(&r, &e), ==, 0);
	fl_tsv_close(&r);
	fclose(fp);
	free(big);
}

/* Well-formed UTF-8 of every length is read as it is. */
static void
test_utf8_ok(void)
{
	struct fl_tsv_reader r;
	struct fl_err e;
	FILE *fp =
	    mem("a\tb\n\303\251\t\342\202\254\360\237\230\200\302\233\n");

	check_int(fl_tsv_open(&r, fp, &e), ==, 0);
	check_int(fl_tsv_next(&r, &e), ==, 1);
	check_str(r.field[0], "\303\251");
	check_str(r.field[1], "\342\202\254\360\237\230\200\302\233");
	fl_tsv_close(&r);
	fclose(fp);
}

/*
 * A writer never makes a line a reader refuses: control characters other
 * than the escaped ones, DEL and bytes that are not UTF-8 become U+FFFD.
 */
static void
test_put_controls(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	fl_tsv_put_provenance(fp, "flattor-x", "file=%s",
	    "a\nb\033c\351\303\251\td");
	fl_tsv_put(fp, "\033[2J\a\tb\177 caf\351 \303\251 \340\200 ok");
	fclose(fp);
	check_str(buf,
	    "# flattor-x " FL_VERSION
	    ": file=a b\357\277\275c\357\277\275\303\251\td\n"
	    "\357\277\275[2J\357\277\275\\tb\357\277\275 caf\357\277\275 "
	    "\303\251 \357\277\275\357\277\275 ok");
	free(buf);
}

/* A backslash that ends a field escapes nothing: say so, not "\ ". */
static void
test_trailing_backslash(void)
{
	struct fl_tsv_reader r;
	struct fl_err e;
	FILE *fp = mem("a\tb\nx\\\ty\nx\ty\\\n");

	check_int(fl_tsv_open(&r, fp, &e), ==, 0);
	check_int(fl_tsv_next(&r, &e), ==, FL_EDATA);
	check_str(e.msg, "column \"a\": backslash at the end of the field");
	check_uint(e.line, ==, 2);
	check_uint(e.col, ==, 2);
	check_int(fl_tsv_next(&r, &e), ==, FL_EDATA);
	check_str(e.msg, "column \"b\": backslash at the end of the field");
	check_uint(e.line, ==, 3);
	check_uint(e.col, ==, 4);
	fl_tsv_close(&r);
	fclose(fp);
}

static void
test_u64(void)
{
	struct fl_tsv_reader r;
	struct fl_err e;
	FILE *fp = mem("sat\tx\n12\t\n12x\t\n\t\n");
	uint64_t v;

	check_int(fl_tsv_open(&r, fp, &e), ==, 0);
	check_int(fl_tsv_next(&r, &e), ==, 1);
	check_int(fl_tsv_u64(&r, 0, 0, &v, &e), ==, 0);
	check_uint(v, ==, 12);
	check_int(fl_tsv_next(&r, &e), ==, 1);
	check_int(fl_tsv_u64(&r, 0, 0, &v, &e), ==, FL_EDATA);
	check_str(e.msg, "column \"sat\": invalid integer \"12x\"");
	check_uint(e.line, ==, 3);
	check_int(fl_tsv_next(&r, &e), ==, 1);
	check_int(fl_tsv_u64(&r, 0, 1, &v, &e), ==, 1);
	check_int(fl_tsv_u64(&r, 0, 0, &v, &e), ==, FL_EDATA);
	check_str(e.msg, "column \"sat\": invalid integer \"\"");
	fl_tsv_close(&r);
	fclose(fp);
}

static void
test_write(void)
{
	struct fl_tsv_reader r;
	struct fl_err e;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	FILE *in = mem("# a\nx\n1\n");
	const char *row[] = {"a\tb", "c\\d\ne\rf", "", NULL};

	check_int(fl_tsv_open(&r, in, &e), ==, 0);
	fl_tsv_put_comments(out, &r);
	fl_tsv_put_provenance(out, "flattor-test", "amount=%dsat by=%s\nx", 5,
	    "consensus");
	fl_tsv_put_row(out, row, 4);
	fclose(out);
	check_str(buf,
	    "# a\n# flattor-test 0.1.0: amount=5sat by=consensus x\n"
	    "a\\tb\tc\\\\d\\ne\\rf\t\t\n");
	free(buf);
	fl_tsv_close(&r);
	fclose(in);
}

static void
test_long_provenance(void)
{
	char *buf = NULL, name[3001];
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	memset(name, 'x', 3000);
	name[3000] = '\0';
	fl_tsv_put_provenance(out, "flattor-test", "source=%s", name);
	fclose(out);
	check_uint(len, ==, strlen("# flattor-test 0.1.0: source=") + 3001);
	check(buf[len - 1] == '\n' && buf[len - 2] == 'x');
	free(buf);
}

static void
test_roundtrip(void)
{
	char s[] = "x\\\\\\t\\n\\r", bad[] = "ab\\x";
	size_t at = 0;

	check_int(fl_tsv_unescape(s, &at), ==, 0);
	check_str(s, "x\\\t\n\r");
	check_int(fl_tsv_unescape(bad, &at), ==, FL_EDATA);
	check_uint(at, ==, 2);
	check(fl_tsv_valid_name("guard_probability"));
	check(fl_tsv_valid_name("as"));
	check(!fl_tsv_valid_name(""));
	check(!fl_tsv_valid_name("a-b"));
}

int
main(void)
{
	test_read();
	test_errors();
	test_nul_and_long();
	test_long_bounded();
	test_trailing_backslash();
	test_utf8_ok();
	test_put_controls();
	test_u64();
	test_write();
	test_long_provenance();
	test_roundtrip();
	return test_done();
}
