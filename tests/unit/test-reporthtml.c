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
	check(strstr(html, "<td class=cap>min-sat<small>below the minimum") !=
	    NULL);
	check(strstr(html, "<script") == NULL);
	check(strstr(html, "9.9.9") != NULL);
	free(html);
	fl_report_table_free(&t);
}

int
main(void)
{
	test_escape();
	test_svg();
	test_html_hostile();
	test_html();
	return test_done();
}
