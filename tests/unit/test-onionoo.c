#include <stdlib.h>
#include <string.h>

#include "onionoo.h"
#include "tap.h"

#define HEAD \
	"{\"version\":\"8.0\",\"relays_published\":\"2026-09-04 03:00:00\","
#define FP_A "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define FP_B "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"

static int
parse(const char *text, size_t len, struct fl_onionoo_doc *doc,
    struct fl_err *e)
{
	FILE *fp;
	int rc;

	/* fmemopen() refuses size 0 on some systems. */
	if (len == 0)
		fp = fopen("/dev/null", "r");
	else
		fp = fmemopen((void *)(uintptr_t)text, len, "r");
	if (fp == NULL)
		return -100;
	rc = fl_onionoo_read(fp, doc, e);
	fclose(fp);
	return rc;
}

static int
parse_s(const char *text, struct fl_onionoo_doc *doc, struct fl_err *e)
{
	return parse(text, strlen(text), doc, e);
}

/* Parses len bytes of text, expecting an error at line:col with msg. */
static void
bad_n(const char *text, size_t len, int code, unsigned long line,
    unsigned long col, const char *msg)
{
	struct fl_onionoo_doc doc;
	struct fl_err e;
	int rc;

	rc = parse(text, len, &doc, &e);
	check_int(rc, ==, code);
	check_int(e.code, ==, code);
	check_uint(e.line, ==, line);
	check_uint(e.col, ==, col);
	check_str(e.msg, msg);
	check(doc.arena == NULL && doc.nrelays == 0 && doc.version == NULL);
}

static void
bad(const char *text, int code, unsigned long line, unsigned long col,
    const char *msg)
{
	bad_n(text, strlen(text), code, line, col, msg);
}

static void
test_fields(void)
{
	static const char text[] = HEAD
	    "\"relays\":[\n"
	    "{\"fingerprint\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\","
	    "\"nickname\":\"b\",\"running\":false,\"measured\":true,"
	    "\"flags\":[\"Fast\",\"Running\"],\"consensus_weight\":2.5e1,"
	    "\"advertised_bandwidth\":0,\"guard_probability\":1.1605836e-07,"
	    "\"middle_probability\":0.0,\"exit_probability\":null,"
	    "\"first_seen\":\"2026-07-03 01:00:00\",\"country\":\"us\","
	    "\"as_number\":\"AS1\",\"contact\":\"a\\tb\\\\c\\u00e9\","
	    "\"family\":[\"$" FP_A "\"],"
	    "\"effective_family\":[\"" FP_B "\",\"$aaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaa\",\"$" FP_A "\"],"
	    "\"family_ids\":[\"x+y/z\",\"w\"],\"skip\":{\"a\":[1,{\"b\":null}]}"
	    "},\n"
	    "{\"fingerprint\":\"" FP_A "\",\"as\":\"AS3320\","
	    "\"as_number\":\"AS1\",\"family\":[\"nick\",\"$" FP_B "\"]}\n"
	    "]}\n";
	struct fl_onionoo_doc doc;
	struct fl_onionoo_relay ra, rb, *a = &ra, *b = &rb;
	struct fl_err e;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	check_int(parse_s(text, &doc, &e), ==, 0);
	check_str(doc.version, "8.0");
	check_str(doc.relays_published, "2026-09-04 03:00:00");
	check_uint(doc.nrelays, ==, 2);
	if (doc.nrelays != 2)
		return;
	fl_onionoo_relay_at(&doc, 0, a);
	fl_onionoo_relay_at(&doc, 1, b);
	/* Sorted by fingerprint; upper case. */
	check_str(a->fingerprint, FP_A);
	check_str(b->fingerprint, FP_B);
	check_uint(a->line, ==, 3);
	check_uint(a->col, ==, 1);
	check_int(a->running, ==, -1);
	check_int(a->measured, ==, -1);
	check(a->nickname == NULL && a->flags == NULL);
	check_str(a->as, "AS3320");
	check_str(a->family, FP_B);
	check_int(b->running, ==, 0);
	check_int(b->measured, ==, 1);
	check_str(b->flags, "Fast,Running");
	check(b->has_consensus_weight && b->consensus_weight == 25);
	check(b->has_advertised_bandwidth && b->advertised_bandwidth == 0);
	/* 0.00000011605836 rounded to 12 decimals. */
	check(b->has_guard_probability && b->guard_probability == 116058);
	check(b->has_middle_probability && b->middle_probability == 0);
	check(!b->has_exit_probability);
	check_str(b->first_seen, "2026-07-03 01:00:00");
	check(b->last_seen == NULL);
	check_str(b->as, "AS1");
	/* effective_family wins over family; sorted, deduplicated. */
	check_str(b->family, FP_A "," FP_B);
	check_str(b->family_ids, "x+y/z,w");
	check_str(b->contact, "a\tb\\c\xc3\xa9");

	out = open_memstream(&buf, &len);
	fl_onionoo_put_header(out);
	fl_onionoo_put_row(out, a);
	fl_onionoo_put_row(out, b);
	fclose(out);
	check_str(buf,
	    "fingerprint\tnickname\trunning\tflags\tmeasured\tconsensus_weight"
	    "\tguard_probability\tmiddle_probability\texit_probability"
	    "\tadvertised_bandwidth\tfirst_seen\tlast_seen\tcountry\tas"
	    "\tfamily\tfamily_ids\tcontact\n" FP_A
	    "\t\t\t\t\t\t\t\t\t\t\t\t\tAS3320\t" FP_B "\t\t\n" FP_B
	    "\tb\t0\tFast,Running\t1\t25\t0.000000116058\t0\t\t0"
	    "\t2026-07-03 01:00:00\t\tus\tAS1\t" FP_A "," FP_B
	    "\tx+y/z,w\ta\\tb\\\\c\xc3\xa9\n");
	free(buf);
	fl_onionoo_free(&doc);
	check(doc.arena == NULL && doc.nrelays == 0);
}

/* Strings and documents that cross the 64 KiB input buffer. */
static void
test_long(void)
{
	struct fl_onionoo_doc doc;
	struct fl_err e;
	size_t n = 200000, i, len;
	char *text, *p;

	text = malloc(n + 1000);
	p = text;
	p += sprintf(p,
	    HEAD "\"relays\":[{\"fingerprint\":\"%s\","
		 "\"contact\":\"",
	    FP_A);
	for (i = 0; i < n; i++)
		*p++ = (char)('a' + i % 26);
	len = (size_t)(p - text) +
	    (size_t)sprintf(p, "\",\"nickname\":\"\\u00e9\"}]}");
	check_int(parse(text, len, &doc, &e), ==, 0);
	check_uint(doc.nrelays, ==, 1);
	if (doc.nrelays == 1) {
		struct fl_onionoo_relay r;

		fl_onionoo_relay_at(&doc, 0, &r);
		check_uint(strlen(r.contact), ==, n);
		check_str(r.nickname, "\xc3\xa9");
	}
	fl_onionoo_free(&doc);
	free(text);
}

static void
test_versions(void)
{
	struct fl_onionoo_doc doc;
	struct fl_err e;

	check_int(parse_s("{\"version\":\"8.1\",\"relays_published\":"
			  "\"2026-09-04 03:00:00\",\"relays\":[]}",
		      &doc, &e),
	    ==, 0);
	check_str(doc.version, "8.1");
	fl_onionoo_free(&doc);
	/* Documents before 2014 have no version. */
	check_int(parse_s("{\"relays_published\":\"2012-11-16 21:00:00\","
			  "\"relays\":[]}",
		      &doc, &e),
	    ==, 0);
	check(doc.version == NULL);
	fl_onionoo_free(&doc);
	bad("{\"version\":\"7.0\"", FL_EDATA, 1, 12,
	    "unsupported version \"7.0\" (flattor-fetch reads version 8)");
	bad("{\"version\":\"80\"", FL_EDATA, 1, 12,
	    "unsupported version \"80\" (flattor-fetch reads version 8)");
	bad("{\"version\":\"8.\"", FL_EDATA, 1, 12,
	    "unsupported version \"8.\" (flattor-fetch reads version 8)");
	bad("{\"version\":\"\"", FL_EDATA, 1, 12,
	    "unsupported version \"\" (flattor-fetch reads version 8)");
	bad("{\"version\":8", FL_EDATA, 1, 12,
	    "\"version\": expected a string");
	bad("{\"version\":\"8.0\",\"version\":\"8.0\"}", FL_EDATA, 1, 28,
	    "\"version\" given twice");
	bad("{\"relays_published\":\"x\"}", FL_EDATA, 1, 21,
	    "\"relays_published\": invalid time \"x\"");
}

static void
test_errors(void)
{
	bad("", FL_EDATA, 1, 1, "empty document");
	bad(" \n\n ", FL_EDATA, 3, 2, "empty document");
	bad("[]", FL_EDATA, 1, 1,
	    "expected '{' opening the document, found '['");
	bad("\x01", FL_EDATA, 1, 1,
	    "expected '{' opening the document, found byte 0x01");
	bad("{", FL_EDATA, 1, 2, "document cut off: expected a member name");
	bad("{\"a\"", FL_EDATA, 1, 5, "document cut off: expected ':'");
	bad("{\"a\":", FL_EDATA, 1, 6, "document cut off: expected a value");
	bad("{\"a\":1", FL_EDATA, 1, 7,
	    "document cut off: expected ',' or '}'");
	bad("{\"a\":1}x", FL_EDATA, 1, 8, "data after the end of the document");
	bad("{\"a\":1}", FL_EDATA, 1, 8, "no \"relays\" array in the document");
	bad("{\"relays\":[]}", FL_EDATA, 1, 14,
	    "no \"relays_published\" in the document");
	bad("{\"relays\":1}", FL_EDATA, 1, 11, "\"relays\": expected an array");
	bad("{\"relays\":[],\"relays\":[]}", FL_EDATA, 1, 23,
	    "\"relays\" given twice");
	bad("{\"relays\":[1]}", FL_EDATA, 1, 12, "relay 1: not an object");
	bad("{\"relays\":[", FL_EDATA, 1, 12,
	    "document cut off: expected a relay object");
	bad("{\"relays\":[{}", FL_EDATA, 1, 12, "relay 1: no \"fingerprint\"");
	bad("{\"relays\":[{}}", FL_EDATA, 1, 12, "relay 1: no \"fingerprint\"");
	bad("{\"a\":tru}", FL_EDATA, 1, 8, "invalid token near 'tru'");
	bad("{\"a\":t", FL_EDATA, 1, 6, "invalid token near 't'");
	bad("{\"a\":-}", FL_EDATA, 1, 6, "invalid token near '-'");
	bad("{\"a\":1.}", FL_EDATA, 1, 7, "invalid token near '1.'");
	bad("{\"a\":1e}", FL_EDATA, 1, 7, "invalid token near '1e'");
	bad("{\"a\":01}", FL_EDATA, 1, 6, "invalid token near '0'");
	bad("{\"a\":+1}", FL_EDATA, 1, 6, "invalid token near '+'");
	bad("{\"a\":[1 2]}", FL_EDATA, 1, 9, "expected ',' or ']', found '2'");
	bad("{\"a\":\"x", FL_EDATA, 1, 8,
	    "document cut off: expected '\"' closing the string");
	/* Inside a value, jansson's messages, at the byte it stopped at. */
	bad("{\"a\":\"\\q\"}", FL_EDATA, 1, 8, "invalid escape near '\"\\q'");
	bad("{\"a\":\"\\", FL_EDATA, 1, 8,
	    "document cut off: expected '\"' closing the string");
	bad("{\"a\":\"\\u12g4\"}", FL_EDATA, 1, 11,
	    "invalid escape near '\"\\u12g'");
	bad("{\"a\":\"\\udc00\"}", FL_EDATA, 1, 13,
	    "invalid Unicode '\\uDC00' near '\"\\udc00\"'");
	bad("{\"a\":\"\\ud800\"}", FL_EDATA, 1, 13,
	    "invalid Unicode '\\uD800' near '\"\\ud800\"'");
	bad("{\"a\":\"\\ud800\\n\"}", FL_EDATA, 1, 15,
	    "invalid Unicode '\\uD800' near '\"\\ud800\\n\"'");
	bad("{\"a\":\"\\ud800\\u0041\"}", FL_EDATA, 1, 19,
	    "invalid Unicode '\\uD800\\u0041' near '\"\\ud800\\u0041\"'");
	bad("{\"a\":\"x\ny\"}", FL_EDATA, 1, 7,
	    "unexpected newline near '\"x'");
	bad("{\"a\":\"\xc3\"}", FL_EDATA, 1, 6,
	    "unable to decode byte 0xc3 near '\"'");
	bad("{\"a\":\"\xc0\x80\"}", FL_EDATA, 1, 6,
	    "unable to decode byte 0xc0 near '\"'");
	bad("{\"a\":\"\xe0\x80\x80\"}", FL_EDATA, 1, 6,
	    "unable to decode byte 0xe0 near '\"'");
	bad("{\"a\":\"\xed\xa0\x80\"}", FL_EDATA, 1, 6,
	    "unable to decode byte 0xed near '\"'");
	bad("{\"a\":\"\xf4\x90\x80\x80\"}", FL_EDATA, 1, 6,
	    "unable to decode byte 0xf4 near '\"'");
	bad("{\"a\":\"\xf0\x80\x80\x80\"}", FL_EDATA, 1, 6,
	    "unable to decode byte 0xf0 near '\"'");
	bad("{\"a\":\"\xff\"}", FL_EDATA, 1, 6,
	    "unable to decode byte 0xff near '\"'");
	bad("{\"a\":\"\xc3(\"}", FL_EDATA, 1, 6,
	    "unable to decode byte 0xc3 near '\"'");
	/* Line and column count from the start of the document. */
	bad("{\"a\":\n  [1,\n   tru]}", FL_EDATA, 3, 6,
	    "invalid token near 'tru'");
	bad("{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	    "[[[[[[[[[[[[[[[[[[[[[[",
	    FL_EDATA, 1, 85, "document cut off: expected the end of the value");
	bad("{1:2}", FL_EDATA, 1, 2, "expected a member name, found '1'");
	bad_n("{\"a\":1\0}", 8, FL_EDATA, 1, 7,
	    "expected ',' or '}', found byte 0x00");
}

static void
test_relay_errors(void)
{
	bad(HEAD "\"relays\":[{\"fingerprint\":\"" FP_A
		 "\"},\n{\"fingerprint\":\"" FP_A "\"}]}",
	    FL_EDATA, 2, 0, "duplicate fingerprint \"" FP_A "\"");
	bad("{\"relays\":[{\"fingerprint\":\"" FP_A "A\"}]}", FL_EDATA, 1, 27,
	    "relay 1: \"fingerprint\": invalid fingerprint \"" FP_A "A\"");
	bad("{\"relays\":[{\"fingerprint\":\"G" FP_A "\"}]}", FL_EDATA, 1, 27,
	    "relay 1: \"fingerprint\": invalid fingerprint \"G" FP_A "\"");
	bad("{\"relays\":[{\"fingerprint\":null}]}", FL_EDATA, 1, 27,
	    "relay 1: \"fingerprint\": invalid fingerprint \"null\"");
	bad("{\"relays\":[{\"fingerprint\":1}]}", FL_EDATA, 1, 27,
	    "relay 1: \"fingerprint\": expected a string");
	bad("{\"relays\":[{\"nickname\":\"a\",\"nickname\":\"b\"}]}", FL_EDATA,
	    1, 39, "relay 1: \"nickname\": member given twice");
	bad("{\"relays\":[{\"running\":\"yes\"}]}", FL_EDATA, 1, 23,
	    "relay 1: \"running\": expected true or false");
	bad("{\"relays\":[{\"measured\":1}]}", FL_EDATA, 1, 24,
	    "relay 1: \"measured\": expected true or false");
	bad("{\"relays\":[{\"consensus_weight\":\"1\"}]}", FL_EDATA, 1, 32,
	    "relay 1: \"consensus_weight\": expected a number");
	bad("{\"relays\":[{\"consensus_weight\":1.5}]}", FL_EDATA, 1, 32,
	    "relay 1: \"consensus_weight\": not a non-negative integer: "
	    "\"1.5\"");
	bad("{\"relays\":[{\"advertised_bandwidth\":-1}]}", FL_EDATA, 1, 36,
	    "relay 1: \"advertised_bandwidth\": not a non-negative integer: "
	    "\"-1\"");
	bad("{\"relays\":[{\"consensus_weight\":1e30}]}", FL_EDATA, 1, 32,
	    "relay 1: \"consensus_weight\": not a non-negative integer: "
	    "\"1e+30\"");
	bad("{\"relays\":[{\"guard_probability\":-0.0}]}", FL_EDATA, 1, 33,
	    "relay 1: \"guard_probability\": negative number \"-0\"");
	bad("{\"relays\":[{\"exit_probability\":\"0\"}]}", FL_EDATA, 1, 32,
	    "relay 1: \"exit_probability\": expected a number");
	bad("{\"relays\":[{\"flags\":\"Fast\"}]}", FL_EDATA, 1, 21,
	    "relay 1: \"flags\": expected an array of strings");
	bad("{\"relays\":[{\"flags\":[1]}]}", FL_EDATA, 1, 21,
	    "relay 1: \"flags\": expected an array of strings");
	bad("{\"relays\":[{\"flags\":[\"a b\"]}]}", FL_EDATA, 1, 21,
	    "relay 1: \"flags\": item \"a b\" cannot go in a list");
	bad("{\"relays\":[{\"family_ids\":[\"\"]}]}", FL_EDATA, 1, 26,
	    "relay 1: \"family_ids\": item \"\" cannot go in a list");
	bad("{\"relays\":[{\"flags\":[", FL_EDATA, 1, 22,
	    "document cut off: expected the end of the value");
	bad("{\"relays\":[{\"effective_family\":[\"$" FP_A "0\"]}]}", FL_EDATA,
	    1, 32,
	    "relay 1: \"effective_family\": invalid fingerprint \"$" FP_A
	    "0\"");
	bad("{\"relays\":[{\"contact\":\"a\\u0000\"}]}", FL_EDATA, 1, 23,
	    "relay 1: \"contact\": NUL character in the string");
	bad("{\"relays\":[{\"last_seen\":\"2026-09-04T03:00:00Z\"}]}", FL_EDATA,
	    1, 25,
	    "relay 1: \"last_seen\": invalid time \"2026-09-04T03:00:00Z\"");
	bad("{\"relays\":[{\"fingerprint\":\"" FP_A "\"},{\"country\":[]}]}",
	    FL_EDATA, 1, 82, "relay 2: \"country\": expected a string");
}

/* Probabilities: the double's shortest text, rounded half up. */
static void
test_prob(void)
{
	uint64_t u;

	check_int(fl_onionoo_prob_parse(1.1605836e-07, &u), ==, 0);
	check(u == 116058);
	check_int(fl_onionoo_prob_parse(0.1 + 0.2, &u), ==, 0);
	check(u == 300000000000); /* "0.30000000000000004" */
	check_int(fl_onionoo_prob_parse(5e-13, &u), ==, 0);
	check(u == 1); /* half up on the decimal "5e-13" */
	check_int(fl_onionoo_prob_parse(4.99999999999e-13, &u), ==, 0);
	check(u == 0);
	/* The double nearest 1.0000000000005 is below it, its text is not. */
	check_int(fl_onionoo_prob_parse(1.0000000000005, &u), ==, 0);
	check(u == 1000000000001);
	check_int(fl_onionoo_prob_parse(0.0, &u), ==, 0);
	check(u == 0);
	check_int(fl_onionoo_prob_parse(1.0, &u), ==, 0);
	check(u == 1000000000000);
	check_int(fl_onionoo_prob_parse(-0.0, &u), ==, -1);
	check_int(fl_onionoo_prob_parse(1e300, &u), ==, -1);
}

/* One view of the JSON: jansson's, escapes in member names included. */
static void
test_one_view(void)
{
	static const char text[] =
	    HEAD "\"rel\\u0061ys\":[{\"fingerprint\":"
		 "\"" FP_A "\",\"guard_prob\\u0061bility\":"
		 "0.5,\"x\":1,\"x\":2}]}";
	static const char text2[] = HEAD "\"relays\":[{\"fingerprint\":\"" FP_A
					 "\",\"guard_prob\\u0061bility\":0.5}],"
					 "\"bridges\":[{}]}";
	struct fl_onionoo_doc doc;
	struct fl_onionoo_relay r;
	struct fl_err e;

	bad(text, FL_EDATA, 1, 171, "relay 1: \"x\": member given twice");
	check_int(parse_s(text2, &doc, &e), ==, 0);
	check_uint(doc.nrelays, ==, 1);
	if (doc.nrelays == 1) {
		fl_onionoo_relay_at(&doc, 0, &r);
		check(r.has_guard_probability &&
		    r.guard_probability == 500000000000);
	}
	fl_onionoo_free(&doc);
	bad(HEAD "\"relays\":[{\"fingerprint\":\"" FP_A
		 "\",\"guard_prob\\u0061bility\":\"x\"}]}",
	    FL_EDATA, 1, 152,
	    "relay 1: \"guard_probability\": expected a number");
	bad(HEAD "\"relays\":[{\"fingerprint\":\"" FP_A
		 "\",\"running\":true,\"runn\\u0069ng\":true}]}",
	    FL_EDATA, 1, 157, "relay 1: \"running\": member given twice");
	/* A name with a NUL is not "relays". */
	bad(HEAD "\"relays\\u0000x\":[{}]}", FL_EDATA, 1, 80,
	    "no \"relays\" array in the document");
	/* Other arrays are checked too, element by element. */
	bad(HEAD "\"relays\":[],\"bridges\":[{},\n{\"a\":x}]}", FL_EDATA, 2, 6,
	    "invalid token near 'x'");
}

static void
test_read_error(void)
{
	struct fl_onionoo_doc doc;
	struct fl_err e;
	FILE *fp;

	/* Reading a stream open for writing only fails (EBADF). */
	if ((fp = fopen("/dev/null", "w")) == NULL)
		return;
	check_int(fl_onionoo_read(fp, &doc, &e), ==, FL_ESYS);
	check_int(e.code, ==, FL_ESYS);
	fclose(fp);
}

int
main(void)
{
	test_fields();
	test_long();
	test_versions();
	test_errors();
	test_relay_errors();
	test_prob();
	test_one_view();
	test_read_error();
	return test_done();
}
