#include <stdlib.h>
#include <string.h>

#include "jscan.h"
#include "tap.h"

static struct fl_jscan *s;
static struct fl_err e;
static FILE *fp;

static void
start(const char *text, size_t vmax)
{
	if (fp != NULL)
		fclose(fp);
	fl_jscan_free(s);
	fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	memset(&e, 0, sizeof e);
	fl_jscan_init(s, fp, vmax, &e);
}

/* Cuts the next value, expecting text at line:col. */
static void
cut(const char *want, unsigned long line, unsigned long col)
{
	check_int(fl_jscan_value(s), ==, 0);
	check_str(s->val, want);
	check_uint(s->vlen, ==, strlen(want));
	check_uint(s->vline, ==, line);
	check_uint(s->vcol, ==, col);
}

/* Cutting the next value fails at line:col with msg. */
static void
cut_bad(unsigned long line, unsigned long col, const char *msg)
{
	check_int(fl_jscan_value(s), ==, FL_EDATA);
	check_uint(e.line, ==, line);
	check_uint(e.col, ==, col);
	check_str(e.msg, msg);
}

static void
test_values(void)
{
	start(" \"a\\\"}]\" {\"k\":[1,\"]\",{}]}\n[1,[2]] -1.5e3 true,null",
	    64);
	cut("\"a\\\"}]\"", 1, 2);
	cut("{\"k\":[1,\"]\",{}]}", 1, 10);
	cut("[1,[2]]", 2, 1);
	cut("-1.5e3", 2, 9);
	cut("true", 2, 16);
	check_int(fl_jscan_ws(s), ==, ',');
	fl_jscan_skip(s);
	cut("null", 2, 21);
	check_int(fl_jscan_ws(s), ==, -1);
	/* A value need not be valid JSON: that is jansson's job. */
	start("[}tru\\", 64);
	cut("[}", 1, 1);
	cut("tru", 1, 3);
	cut_bad(1, 6, "expected a value, found '\\'");
	start("{\"a\":x\n}", 64);
	cut("{\"a\":x\n}", 1, 1);
}

static void
test_members(void)
{
	static const char text[] =
	    "{\"a\" : 1, \"b\\\"c\":{\"x\":[\"y\"]},\n \"d\":\"}\" }";

	start(text, 1024);
	check_int(fl_jscan_value(s), ==, 0);
	check_uint(s->nmem, ==, 3);
	if (s->nmem != 3)
		return;
	check_uint(s->mem_v[0].key, ==, 1);
	check_uint(s->mem_v[0].keylen, ==, 3);
	check_uint(s->mem_v[0].value, ==, 7);
	check_uint(s->mem_v[1].key, ==, 10);
	check_uint(s->mem_v[1].keylen, ==, 6);
	check(memcmp(s->val + s->mem_v[1].value, "{\"x\"", 4) == 0);
	check(memcmp(s->val + s->mem_v[2].key, "\"d\"", 3) == 0);
	check(memcmp(s->val + s->mem_v[2].value, "\"}\"", 3) == 0);
	/* Positions inside the value, from the document's start. */
	{
		unsigned long line, col;

		fl_jscan_where(s, s->mem_v[2].value, &line, &col);
		check_uint(line, ==, 2);
		check_uint(col, ==, 6);
		fl_jscan_where(s, 0, &line, &col);
		check_uint(line, ==, 1);
		check_uint(col, ==, 1);
	}
	/* Arrays keep no members. */
	start("[\"a\",\"b\"]", 64);
	check_int(fl_jscan_value(s), ==, 0);
	check_uint(s->nmem, ==, 0);
}

static void
test_errors(void)
{
	start("", 64);
	cut_bad(1, 1, "document cut off: expected a value");
	start("  ,", 64);
	cut_bad(1, 3, "expected a value, found ','");
	start("\n\"abc", 64);
	cut_bad(2, 5, "document cut off: expected '\"' closing the string");
	start("{\"a\":[1,\n2", 64);
	cut_bad(2, 2, "document cut off: expected the end of the value");
	start("\"\\", 64);
	cut_bad(1, 3, "document cut off: expected '\"' closing the string");
	start("[1,2,3,4,5,6,7,8,9]", 8);
	cut_bad(1, 1, "value longer than 8 bytes");
	start("123456789", 8);
	cut_bad(1, 1, "value longer than 8 bytes");
	start("[1,2,3,4]", 9);
	cut("[1,2,3,4]", 1, 1);
	start("\x01", 64);
	cut_bad(1, 1, "expected a value, found byte 0x01");
	/* A scalar ends where a number or literal cannot go on. */
	start("12]", 64);
	cut("12", 1, 1);
	check_int(fl_jscan_ws(s), ==, ']');
	start("}", 64);
	cut_bad(1, 1, "expected a value, found '}'");
}

/* A value across many reads of the 64 KiB buffer. */
static void
test_long(void)
{
	size_t n = 300000, i;
	char *text = malloc(n + 10);

	text[0] = '[';
	text[1] = '"';
	for (i = 2; i < n - 2; i++)
		text[i] = (i % 3) ? 'x' : ']';
	text[n - 2] = '"';
	text[n - 1] = ']';
	text[n] = '\0';
	start(text, n);
	check_int(fl_jscan_value(s), ==, 0);
	check_uint(s->vlen, ==, n);
	free(text);
}

static void
test_real_text(void)
{
	char buf[40];

	fl_jscan_real_text(0.001, buf, sizeof buf);
	check_str(buf, "0.001");
	fl_jscan_real_text(1.1605836e-07, buf, sizeof buf);
	check_str(buf, "1.1605836e-07");
	fl_jscan_real_text(0.1 + 0.2, buf, sizeof buf);
	check_str(buf, "0.30000000000000004");
	fl_jscan_real_text(1e30, buf, sizeof buf);
	check_str(buf, "1e+30");
	fl_jscan_real_text(20999999.99999999, buf, sizeof buf);
	check_str(buf, "20999999.99999999");
	fl_jscan_real_text(-0.0, buf, sizeof buf);
	check_str(buf, "-0");
}

int
main(void)
{
	s = calloc(1, sizeof(*s));
	test_values();
	test_members();
	test_errors();
	test_long();
	test_real_text();
	fl_jscan_free(s);
	free(s);
	if (fp != NULL)
		fclose(fp);
	return test_done();
}
