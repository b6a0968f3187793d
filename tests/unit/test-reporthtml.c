/* reporthtml: the page and the chart of flattor-report. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "reportutil.h"
#include "tap.h"

/* The output of f(out) in a malloc'ed string. */
static char *
capture_escape(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	fl_report_escape(fp, s);
	fclose(fp);
	return buf;
}

static void
test_escape(void)
{
	static const struct {
		const char *in, *out;
	} c[] = {
	    {"plain text", "plain text"},
	    {"<script>alert(1)</script>",
		"&lt;script&gt;alert(1)&lt;/script&gt;"},
	    {"\"><img src=x onerror=alert(1)>",
		"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"},
	    {"' onmouseover='x", "&#39; onmouseover=&#39;x"},
	    {"&amp; &lt;", "&amp;amp; &amp;lt;"},
	    {"a\tb\nc\rd", "a\\tb\\nc\\rd"},
	    {"\x01\x1b[31m\x7f", "\\x01\\x1b[31m\\x7f"},
	    /* Not UTF-8: a lone continuation byte, a cut sequence, 0xff. */
	    {"\x80 \xc3 \xff", "\\x80 \\xc3 \\xff"},
	    /* Overlong "<" and a surrogate. */
	    {"\xc0\xbc \xed\xa0\x80", "\\xc0\\xbc \\xed\\xa0\\x80"},
	    /* Right-to-left override, zero width space, BOM, C1 NEL. */
	    {"a\xe2\x80\xae"
	     "b\xe2\x80\x8b\xef\xbb\xbf\xc2\x85",
		"a\\xe2\\x80\\xae"
		"b\\xe2\\x80\\x8b\\xef\\xbb\\xbf\\xc2\\x85"},
	    /* Printable UTF-8 stays: e acute, a CJK character, an emoji. */
	    {"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x8c\xb0",
		"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x8c\xb0"},
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char *got = capture_escape(c[i].in);

		check_str(got, c[i].out);
		free(got);
	}
}

/* Does in escape to out?  Shows both when not. */
static int
escapes_to(const char *in, const char *out)
{
	char *got = capture_escape(in);
	int ok = got != NULL && strcmp(got, out) == 0;

	if (!ok) {
		tap_hex("input", in, strlen(in));
		tap_diag("got \"%s\", expected \"%s\"", got ? got : "(null)",
		    out);
	}
	free(got);
	return ok;
}

/* Code point c in UTF-8, NUL-terminated, in buf[5]. */
static void
utf8(unsigned long c, char *buf)
{
	if (c < 0x80) {
		buf[0] = (char)c;
		buf[1] = '\0';
	} else if (c < 0x800) {
		buf[0] = (char)(0xc0 | c >> 6);
		buf[1] = (char)(0x80 | (c & 0x3f));
		buf[2] = '\0';
	} else if (c < 0x10000) {
		buf[0] = (char)(0xe0 | c >> 12);
		buf[1] = (char)(0x80 | (c >> 6 & 0x3f));
		buf[2] = (char)(0x80 | (c & 0x3f));
		buf[3] = '\0';
	} else {
		buf[0] = (char)(0xf0 | c >> 18);
		buf[1] = (char)(0x80 | (c >> 12 & 0x3f));
		buf[2] = (char)(0x80 | (c >> 6 & 0x3f));
		buf[3] = (char)(0x80 | (c & 0x3f));
		buf[4] = '\0';
	}
}

/* Each byte of s as \xHH, in buf. */
static void
hexed(const char *s, char *buf)
{
	for (; *s != '\0'; s++, buf += 4)
		snprintf(buf, 5, "\\x%02x", (unsigned char)*s);
	*buf = '\0';
}

/* Every class of character, one at a time. */
static void
test_escape_classes(void)
{
	/* Bidi and invisible format characters, and their neighbours. */
	static const unsigned long hidden[] = {0xad, 0x180e, 0x206a, 0x206f,
	    0xfff9, 0xfffb, 0x061c, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f,
	    0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060,
	    0x2061, 0x2062, 0x2063, 0x2064, 0x2065, 0x2066, 0x2067, 0x2068,
	    0x2069, 0xfeff};
	static const unsigned long shown[] = {0x061b, 0x061d, 0xa0, 0xe9, 0x7ff,
	    0x800, 0x200a, 0x2010, 0x2027, 0x202f, 0x205f, 0x2070, 0xd7ff, 0xac,
	    0xae, 0x180d, 0x180f, 0xfff8, 0xfffc, 0xe000, 0xfefe, 0xff00,
	    0xfffd, 0x10000, 0x1f330, 0x10ffff};
	/* Not UTF-8: each byte shown as \xHH, what follows as itself. */
	static const struct {
		const char *in, *out;
	} bad[] = {
	    {"\xc0\x80", "\\xc0\\x80"}, /* overlong NUL */
	    {"\xc1\xbf", "\\xc1\\xbf"},
	    {"\xe0\x80\xbc", "\\xe0\\x80\\xbc"}, /* overlong "<" */
	    {"\xe0\x9f\xbf", "\\xe0\\x9f\\xbf"},
	    {"\xf0\x80\x80\xbc", "\\xf0\\x80\\x80\\xbc"},
	    {"\xf0\x8f\xbf\xbf", "\\xf0\\x8f\\xbf\\xbf"},
	    {"\xed\xa0\x80", "\\xed\\xa0\\x80"}, /* surrogates */
	    {"\xed\xbf\xbf", "\\xed\\xbf\\xbf"},
	    {"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"}, /* > U+10FFFF */
	    {"\xf5\x80\x80\x80", "\\xf5\\x80\\x80\\x80"},
	    {"\xf8\x88\x80\x80\x80", "\\xf8\\x88\\x80\\x80\\x80"},
	    {"\xfe\xff", "\\xfe\\xff"},
	    {"\xbf", "\\xbf"}, /* a lone continuation byte */
	    {"\xe2\x80", "\\xe2\\x80"}, /* cut at the end */
	    {"\xf0\x9f\x8c", "\\xf0\\x9f\\x8c"},
	    {"\xe2\x80<", "\\xe2\\x80&lt;"}, /* cut by markup */
	    {"\xf0\x9f\x8c\"", "\\xf0\\x9f\\x8c&quot;"},
	    {"\xc3\n", "\\xc3\\n"},
	    {"\xff\xc3\xa9", "\\xff\xc3\xa9"}, /* then a good one */
	    {"\xe2\xe2\x80\xae", "\\xe2\\xe2\\x80\\xae"},
	};
	char in[16], out[64], ch[5];
	size_t i;
	unsigned c;

	check(escapes_to("&", "&amp;"));
	check(escapes_to("<", "&lt;"));
	check(escapes_to(">", "&gt;"));
	check(escapes_to("\"", "&quot;"));
	check(escapes_to("'", "&#39;"));
	check(escapes_to("", ""));
	/* Printable ASCII but those five stays; backslash too. */
	for (c = 0x20; c < 0x7f; c++) {
		if (strchr("&<>\"'", (int)c) != NULL)
			continue;
		snprintf(in, sizeof(in), "a%cb", c);
		if (!escapes_to(in, in))
			break;
	}
	check_uint(c, ==, 0x7f);
	/* C0 controls and DEL. */
	for (c = 1; c < 0x20; c++) {
		snprintf(in, sizeof(in), "a%cb", c);
		if (c == '\t' || c == '\n' || c == '\r')
			snprintf(out, sizeof(out), "a\\%cb",
			    c == '\t'	    ? 't'
				: c == '\n' ? 'n'
					    : 'r');
		else
			snprintf(out, sizeof(out), "a\\x%02xb", c);
		if (!escapes_to(in, out))
			break;
	}
	check_uint(c, ==, 0x20);
	check(escapes_to("a\x7f"
			 "b",
	    "a\\x7fb"));
	/* C1 controls, encoded: both bytes shown. */
	for (c = 0x80; c < 0xa0; c++) {
		utf8(c, ch);
		hexed(ch, out);
		if (!escapes_to(ch, out))
			break;
	}
	check_uint(c, ==, 0xa0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check(escapes_to(bad[i].in, bad[i].out));
	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		utf8(hidden[i], ch);
		snprintf(in, sizeof(in), "a%sb", ch);
		hexed(ch, out + 1);
		out[0] = 'a';
		strcat(out, "b");
		if (!check(escapes_to(in, out)))
			tap_diag("U+%04lX", hidden[i]);
	}
	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		utf8(shown[i], ch);
		if (!check(escapes_to(ch, ch)))
			tap_diag("U+%04lX", shown[i]);
	}
}

static void
test_svg(void)
{
	struct fl_report_table t;
	struct fl_err e;
	char *svg;

	check_int(read_table(cap_table, &t, &e), ==, 0);
	svg = render(&t, NULL, NULL, 0, 1);
	check(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 40) ==
	    0);
	/* One group per paid payee, none for the dropped one. */
	check_uint(count(svg, "<g>"), ==, 3);
	check(strstr(svg, "bc1qc") == NULL);
	/* The widest bar is the largest amount, 600 (uncapped): 500 px. */
	check(strstr(svg,
		  "<title>bc1qb: 500 sat paid, 600 sat from "
		  "weighing, max-share</title>") != NULL);
	check(strstr(svg, "width=\"500.0\" height=\"16\"") != NULL);
	check(strstr(svg, "width=\"416.6\" height=\"6\" fill=\"#d9822b\"") !=
	    NULL);
	/* bc1qd: 200 of 600 is 166.66 px, in tenths rounded down. */
	check(strstr(svg, "width=\"166.6\" height=\"6\" fill=\"#2f6db5\"") !=
	    NULL);
	check(strstr(svg, "width=\"0.0\" height=\"16\"") != NULL);
	/* Ticks every 0.000002 BTC (200 sat), 0 to 600. */
	check(strstr(svg, ">0.000006</text>") != NULL);
	check(strstr(svg, ">0.000008</text>") == NULL);
	check(strstr(svg, "more payees") == NULL);
	check_str(svg + strlen(svg) - 7, "</svg>\n");
	free(svg);

	/* Only the top bar; the rest summed up. */
	svg = render(&t, NULL, NULL, 1, 1);
	check_uint(count(svg, "<g>"), ==, 1);
	check(strstr(svg,
		  "and 2 more payees, 500 sat in all (50.00% of "
		  "what is paid): see the table") != NULL);
	/* The shape of all 3: steps of 500, 300 and 200 of 600 on 48 px,
	 * a third of 500 px each; the line after the first payee. */
	check(strstr(svg,
		  "d=\"M244 158V118.0H410.6V134.0H577.3V142.0H744.0"
		  "V158 Z\"") != NULL);
	check(strstr(svg,
		  "<line x1=\"410.6\" x2=\"410.6\" y1=\"110\" "
		  "y2=\"158\" stroke=\"#1d2430\"/>") != NULL);
	free(svg);
	fl_report_table_free(&t);
}

#define EVIL "<script>alert(1)</script>\"><img src=x onerror=alert(1)>'"
#define EVIL_TEXT \
	"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x " \
	"onerror=alert(1)&gt;&#39;"

static void
test_html_hostile(void)
{
	/* A hostile string in every text column and a comment line. */
	static const char text[] =
	    "# " EVIL "\n" CAP_HEAD EVIL "\t" EVIL "\t" EVIL "\t1\t" FP_A
	    "\t1\t1\t5\t5\t" EVIL "\n" EVIL "\tz" EVIL "\t" EVIL "\t1\t" FP_B
	    "\t1\t0\t0\t5\t" EVIL "\n";
	struct fl_report_table t;
	struct fl_err e;
	char *html, *svg;

	check_int(read_table(text, &t, &e), ==, 0);
	html = render(&t, NULL, NULL, 0, 0);
	check(markup_is_ours(html));
	/* Each string shows as text: operator, address and type, reason,
	 * twice (paid and dropped), the provenance line, the chart title. */
	check_uint(count(html, EVIL_TEXT), >=, 10);
	check(strstr(html, "<script") == NULL);
	check(strstr(html, "<img") == NULL);
	check(markup_is_ours("<p><img src=x onerror=alert(1)></p>") == 0);
	check(markup_is_ours("<a href=\"https://example.org/\">x</a>") == 0);
	check(markup_is_ours("<p onclick=\"x\">x</p>") == 0);
	free(html);
	svg = render(&t, NULL, NULL, 0, 1);
	check(markup_is_ours(svg));
	check(strstr(svg, EVIL_TEXT) != NULL);
	free(svg);
	fl_report_table_free(&t);
}

static void
test_html(void)
{
	struct fl_report_table t;
	struct fl_err e;
	char *html;

	check_int(read_table(cap_table, &t, &e), ==, 0);
	html = render(&t, NULL, NULL, 0, 0);
	check(markup_is_ours(html));
	check(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
	check(strstr(html,
		  "<title>Flattor round: 0.00001000 BTC to 3 "
		  "payees</title>") != NULL);
	/* Each relay linked, by its whole fingerprint. */
	check(
	    strstr(html, "<a href=\"" METRICS FP_B "\">BBBBBBBB</a>") != NULL);
	check_uint(count(html, "<a href="), ==, 4);
	/* Amounts in sat and BTC. */
	check(strstr(html, "<td>500<small>0.00000500</small>") != NULL);
	/* The dropped payee apart, with its reason explained. */
	check(strstr(html, "<h2 id=dropped>Dropped payees</h2>") != NULL);
	check(strstr(html,
		  "<td class=cap>min-sat<small>its exact share was less than 1 "
		  "sat") != NULL);
	check(strstr(html, "<script") == NULL);
	check(strstr(html, "9.9.9") != NULL);
	free(html);
	fl_report_table_free(&t);
}

/*
 * Is s safe as the value of an attribute in either quotes, and as text:
 * no quote, no angle bracket, no control, and every "&" one of the five
 * references escaping writes?
 */
static int
attribute_safe(const char *s)
{
	static const char *const refs[] = {"&amp;", "&lt;", "&gt;", "&quot;",
	    "&#39;", NULL};
	size_t i;

	for (; *s != '\0'; s++) {
		if (strchr("\"'<>", *s) != NULL)
			return 0;
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
		if (*s != '&')
			continue;
		for (i = 0; refs[i] != NULL; i++)
			if (strncmp(s, refs[i], strlen(refs[i])) == 0)
				break;
		if (refs[i] == NULL)
			return 0;
	}
	return 1;
}

static void
test_escape_attribute(void)
{
	static const char *const hostile[] = {EVIL, "\" onload=\"alert(1)",
	    "' onload='alert(1)", "x\"/><script>", "&quot;", "&#34;",
	    "a\tb=c\nd", "\xe2\x80\xae\" x=\""};
	char all[256], *got;
	size_t i;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		got = capture_escape(hostile[i]);
		if (!check(got != NULL && attribute_safe(got)))
			tap_diag("\"%s\"", got ? got : "(null)");
		free(got);
	}
	/* Every byte but NUL, in order. */
	for (i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	got = capture_escape(all);
	check(got != NULL && attribute_safe(got));
	free(got);
	check(!attribute_safe("a\"b"));
	check(!attribute_safe("a&b"));
	check(!attribute_safe("a'b"));
	check(!attribute_safe("a\nb"));
	check(attribute_safe("a&amp;b&#39;"));
}

/*
 * A fingerprint goes in a link only when it is one: a table made by hand
 * (the reader refuses such a row) shows anything else as escaped text.
 */
static void
test_link_attribute(void)
{
	char *fp[] = {"javascript:alert(1)\" onclick=\"x", FP_A};
	struct fl_report_payee p = {
	    .operator= FP_A,
	    .address = "bc1qa",
	    .address_type = "",
	    .fp = fp,
	    .nfp = 2,
	    .relays = 2,
	    .weight = 1,
	    .share = 1000000000000,
	    .sat = 1000,
	    .uncapped_sat = 1000,
	    .cap_reason = "",
	    .line = 2,
	};
	struct fl_report_table t = {.p = &p,
	    .n = 1,
	    .npaid = 1,
	    .amount = 1000,
	    .paid = 1000,
	    .noperators = 1};
	char *html = render(&t, NULL, NULL, 0, 0);

	check(markup_is_ours(html));
	check(strstr(html, "href=\"javascript") == NULL);
	check(strstr(html,
		  "<i><span class=m>javascript:alert(1)&quot; "
		  "onclick=&quot;x</span></i>") != NULL);
	check(strstr(html,
		  "<i><a href=\"" METRICS FP_A "\">AAAAAAAA</a></i>") != NULL);
	check_uint(count(html, "<a href="), ==, 1);
	free(html);
}

/* n payees of a weigh table, sat n, n - 1, ..., 1. */
static int
read_many(size_t n, struct fl_report_table *t)
{
	static const char head[] =
	    "operator\taddress\trelays\tfingerprints\tweight\tshare\tsat\n";
	char *text, *s;
	size_t i, cap = sizeof(head) + n * 80;
	struct fl_err e;
	int rc;

	if ((text = malloc(cap)) == NULL)
		return -1;
	s = text + snprintf(text, cap, "%s", head);
	for (i = 0; i < n; i++)
		s += snprintf(s, cap - (size_t)(s - text),
		    FP_A "\tbc1qpayee%05zu\t0\t\t0\t0\t%zu\n", i, n - i);
	rc = read_table(text, t, &e);
	free(text);
	return rc;
}

static void
test_svg_sizes(void)
{
	struct fl_report_table t;
	char *svg, *html;

	/* No payee: the frame, an axis at 0, no bar. */
	check_int(read_many(0, &t), ==, 0);
	check_uint(t.npaid, ==, 0);
	svg = render(&t, NULL, NULL, 0, 1);
	check(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 40) ==
	    0);
	check(strstr(svg, "viewBox=\"0 0 960 74\"") != NULL);
	check(strstr(svg,
		  "<title>Who gets what: 0 payees, by sat "
		  "paid</title>") != NULL);
	check_uint(count(svg, "<g>"), ==, 0);
	check_uint(count(svg, "<line "), ==, 1);
	check(strstr(svg, ">0</text>") != NULL);
	check(strstr(svg, "<path") == NULL);
	check(markup_is_ours(svg));
	check_str(svg + strlen(svg) - 7, "</svg>\n");
	free(svg);
	html = render(&t, NULL, NULL, 0, 0);
	check(strstr(html, "<p class=warn>No payee is paid.</p>") != NULL);
	check(strstr(html, "<svg") == NULL);
	check(markup_is_ours(html));
	free(html);
	fl_report_table_free(&t);

	/* One: the widest bar, both bars full. */
	check_int(read_many(1, &t), ==, 0);
	svg = render(&t, NULL, NULL, 0, 1);
	check(strstr(svg, "viewBox=\"0 0 960 96\"") != NULL);
	check(strstr(svg, "<title>Who gets what: 1 payee") != NULL);
	check_uint(count(svg, "<g>"), ==, 1);
	check(strstr(svg,
		  "<g><title>bc1qpayee00000: 1 sat paid, 1 sat from "
		  "weighing</title>") != NULL);
	check(strstr(svg, ">1. bc1qpayee00000</text>") != NULL);
	check(strstr(svg, "width=\"500.0\" height=\"16\"") != NULL);
	check(strstr(svg, "width=\"500.0\" height=\"6\" fill=\"#2f6db5\"") !=
	    NULL);
	check(strstr(svg, "more payees") == NULL);
	check(markup_is_ours(svg));
	free(svg);
	/* --top 1 with one payee: nothing summed up. */
	svg = render(&t, NULL, NULL, 1, 1);
	check(strstr(svg, "more payees") == NULL);
	check(strstr(svg, "<path") == NULL);
	free(svg);
	fl_report_table_free(&t);

	/* Many: 300, the top 40 drawn, the rest summed and shaped. */
	check_int(read_many(300, &t), ==, 0);
	check_uint(t.npaid, ==, 300);
	svg = render(&t, NULL, NULL, 40, 1);
	/* 58 + 41 rows of 22 + 16, and the strip: 48 + 16. */
	check(strstr(svg, "viewBox=\"0 0 960 1040\"") != NULL);
	check_uint(count(svg, "<g>"), ==, 40);
	check(strstr(svg, ">40. bc1qpayee00039</text>") != NULL);
	check(strstr(svg, ">41. ") == NULL);
	/* 260 + ... + 1 = 33930 of 45150 sat. */
	check(strstr(svg,
		  "and 260 more payees, 33930 sat in all (75.15% of "
		  "what is paid): see the table") != NULL);
	check(strstr(svg, ">all 300 payees</text>") != NULL);
	/* At most 250 steps, the last at the end of the widest bar. */
	check_uint(count(svg, "H"), ==, 250);
	check(strstr(svg, "H744.0V1016 Z\"/>") != NULL);
	/* The line after the 40th of 300: 244 + 500 * 40 / 300. */
	check(strstr(svg, "<line x1=\"310.6\" x2=\"310.6\"") != NULL);
	check(strstr(svg, ">the 40 drawn above</text>") != NULL);
	check(markup_is_ours(svg));
	free(svg);
	/* --top 0: every payee. */
	svg = render(&t, NULL, NULL, 0, 1);
	check_uint(count(svg, "<g>"), ==, 300);
	check(strstr(svg, ">300. bc1qpayee00299</text>") != NULL);
	check(strstr(svg, "more payees") == NULL);
	free(svg);
	fl_report_table_free(&t);
}

/*
 * The same tables give the same bytes, whatever the order of their rows
 * and whenever drawn; the page embeds the chart that --format svg writes.
 */
static void
test_deterministic(void)
{
	static const char shuffled[] =
	    "# flattor-weigh 0.1.0: amount=1000sat by=consensus\n"
	    "# flattor-cap 0.1.0: max-share=0.5 min-sat=dust\n" CAP_HEAD FP_C
	    "\tbc1qd\tp2wpkh\t0\t\t0\t0\t200\t0\t\n" FP_A
	    "\tbc1qb\tp2tr\t2\t" FP_B "," FP_D
	    "\t600\t0.6\t500\t600\tmax-share\n" FP_C "\tbc1qc\tp2wpkh\t1\t" FP_C
	    "\t100\t0.1\t0\t100\tmin-sat\n" FP_A "\tbc1qa\tp2wpkh\t1\t" FP_A
	    "\t300\t0.3\t300\t300\t\n";
	static const char xmlns[] = "xmlns=\"http://www.w3.org/2000/svg\" ";
	struct fl_report_table t, u;
	struct fl_err e;
	char *a, *b, *svg, *start, *end;

	check_int(read_table(cap_table, &t, &e), ==, 0);
	check_int(read_table(shuffled, &u, &e), ==, 0);
	a = render(&t, NULL, NULL, 2, 0);
	b = render(&t, NULL, NULL, 2, 0);
	check_str(a, b);
	free(b);
	b = render(&u, NULL, NULL, 2, 0);
	check_str(a, b);
	free(b);
	svg = render(&t, NULL, NULL, 2, 1);
	b = render(&u, NULL, NULL, 2, 1);
	check_str(svg, b);
	free(b);
	/* The page's chart is the SVG without its namespace. */
	start = strstr(a, "<svg ");
	end = start != NULL ? strstr(start, "</svg>\n") : NULL;
	check(end != NULL);
	check(strncmp(svg + 5, xmlns, sizeof(xmlns) - 1) == 0);
	if (end != NULL) {
		end += 7;
		check_uint((size_t)(end - start) + sizeof(xmlns) - 1, ==,
		    strlen(svg));
		check(strncmp(start, svg, 5) == 0);
		check(strncmp(start + 5, svg + 5 + sizeof(xmlns) - 1,
			  (size_t)(end - start) - 5) == 0);
	}
	free(svg);
	free(a);
	fl_report_table_free(&t);
	fl_report_table_free(&u);
}

/* A stream that fails is an error, not a silently short page. */
static void
test_write_error(void)
{
	struct fl_report_opts o = {0, "flattor-report", "9.9.9"};
	struct fl_report_table t;
	struct fl_err e;
	FILE *fp;

	check_int(read_table(cap_table, &t, &e), ==, 0);
	if ((fp = fopen("/dev/null", "r")) != NULL) {
		fl_err_clear(&e);
		check_int(fl_report_svg(fp, &t, &o, &e), ==, FL_ESYS);
		check_str(e.msg, "write error");
		fclose(fp);
	}
	if ((fp = fopen("/dev/null", "r")) != NULL) {
		fl_err_clear(&e);
		check_int(fl_report_html(fp, &t, NULL, NULL, &o, &e), ==,
		    FL_ESYS);
		check_int(strncmp(e.msg, "write error", 11), ==, 0);
		fclose(fp);
	}
	fl_report_table_free(&t);
}

int
main(void)
{
	test_escape();
	test_escape_classes();
	test_svg();
	test_html_hostile();
	test_html();
	test_escape_attribute();
	test_link_attribute();
	test_svg_sizes();
	test_deterministic();
	test_write_error();
	return test_done();
}
