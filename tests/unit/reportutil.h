/*
 * reportutil.h: what test-report.c and test-reporthtml.c share: a payees
 * table, reading it, rendering it, and a check that a page holds only
 * the markup the renderer writes.
 */
#ifndef FL_REPORTUTIL_H
#define FL_REPORTUTIL_H

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "tap.h"

#define METRICS "https://metrics.torproject.org/rs.html#details/"

#define FP_A "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define FP_B "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
#define FP_C "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"
#define FP_D "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD"

#define CAP_HEAD \
	"operator\taddress\taddress_type\trelays\tfingerprints\tweight\t" \
	"share\tsat\tuncapped_sat\tcap_reason\n"

__attribute__((unused)) static const char cap_table[] =
    "# flattor-weigh 0.1.0: amount=1000sat by=consensus\n"
    "# flattor-cap 0.1.0: max-share=0.5 min-sat=dust\n" CAP_HEAD FP_C
    "\tbc1qc\tp2wpkh\t1\t" FP_C "\t100\t0.1\t0\t100\tmin-sat\n" FP_A
    "\tbc1qa\tp2wpkh\t1\t" FP_A "\t300\t0.3\t300\t300\t\n" FP_A
    "\tbc1qb\tp2tr\t2\t" FP_B "," FP_D "\t600\t0.6\t500\t600\tmax-share\n"
    "" FP_C "\tbc1qd\tp2wpkh\t0\t\t0\t0\t200\t0\t\n";

/* Reads text as a payees table; returns the fl_report_read() code. */
__attribute__((unused)) static int
read_table(const char *text, struct fl_report_table *t, struct fl_err *e)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	struct fl_tsv_reader r;
	int rc;

	fl_err_clear(e);
	rc = fl_tsv_open(&r, fp, e);
	if (rc == 0)
		rc = fl_report_read(&r, t, e);
	else
		memset(t, 0, sizeof(*t));
	fl_tsv_close(&r);
	fclose(fp);
	return rc;
}

/* The output of fl_report_svg() or fl_report_html(), malloc'ed. */
__attribute__((unused)) static char *
render(const struct fl_report_table *t, const struct fl_report_net *n,
    const struct fl_report_txs *x, size_t top, int svg)
{
	struct fl_report_opts o = {top, "flattor-report", "9.9.9"};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct fl_err e;
	int rc;

	rc = svg ? fl_report_svg(fp, t, &o, &e)
		 : fl_report_html(fp, t, n, x, &o, &e);
	check_int(rc, ==, 0);
	fclose(fp);
	return buf;
}

__attribute__((unused)) static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

/*
 * Every tag of html is one the renderer writes, every attribute value
 * that holds a URL is a Tor Metrics link to a fingerprint, and there is
 * no event handler: what a hostile string tried to add is not there.
 */
__attribute__((unused)) static int
markup_is_ours(const char *html)
{
	static const char *const tags[] = {"!DOCTYPE", "html", "head", "meta",
	    "title", "style", "body", "main", "h1", "h2", "h3", "p", "section",
	    "div", "span", "b", "small", "svg", "rect", "text", "line", "g",
	    "table", "thead", "tbody", "tr", "th", "td", "i", "a", "dl", "dt",
	    "dd", "pre", "footer", "path", NULL};
	const char *s = html, *h;
	size_t i, n;

	while ((s = strchr(s, '<')) != NULL) {
		s++;
		if (*s == '/')
			s++;
		n = strcspn(s, " >\n/");
		for (i = 0; tags[i] != NULL; i++)
			if (strlen(tags[i]) == n && strncmp(s, tags[i], n) == 0)
				break;
		if (tags[i] == NULL) {
			tap_diag("unexpected tag at \"%.40s\"", s);
			return 0;
		}
		/* Inside the tag: no handler, no source, no script URL. */
		n = strcspn(s, ">");
		for (i = 0; i + 3 < n; i++)
			if (strncmp(s + i, " on", 3) == 0 ||
			    strncmp(s + i, "src=", 4) == 0 ||
			    strncmp(s + i, "javascript:", 11) == 0) {
				tap_diag("unexpected attribute at \"%.40s\"",
				    s + i);
				return 0;
			}
	}
	for (s = html; (h = strstr(s, "href=")) != NULL; s = h + 5) {
		if (strncmp(h + 5, "\"" METRICS, 1 + strlen(METRICS)) != 0 ||
		    !(h[6 + strlen(METRICS) + 40] == '"')) {
			tap_diag("unexpected link at \"%.80s\"", h);
			return 0;
		}
	}
	return 1;
}

#endif
