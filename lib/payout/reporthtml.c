/*
 * report: the page and the chart.  Everything from a table goes through
 * esc(); numbers are written from integers.
 */
#include <errno.h>
#include <string.h>

#include "amount.h"
#include "apportion.h"
#include "decimal.h"
#include "fee.h"
#include "report.h"

#define METRICS "https://metrics.torproject.org/rs.html#details/"

void
fl_report_escape(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n;

	while (*s != '\0') {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		default:
			if (*s >= 0x20 && *s < 0x7f) {
				putc(*s, out);
			} else if ((n = fl_diag_printable(s)) > 0) {
				fwrite(s, 1, n, out);
				s += n;
				continue;
			} else {
				fprintf(out, "\\x%02x", *s);
			}
		}
		s++;
	}
}

static void
esc(FILE *out, const char *s)
{
	fl_report_escape(out, s);
}

static void
put_u64(FILE *out, uint64_t v)
{
	fprintf(out, "%llu", (unsigned long long)v);
}

static void
put_btc(FILE *out, uint64_t sat)
{
	char buf[32];

	fl_amount_format_btc((int64_t)sat, buf, sizeof(buf));
	fputs(buf, out);
}

/*
 * num / den as a percentage with two decimals, rounded half up; "-" when
 * den is 0.
 */
static void
put_pct(FILE *out, uint64_t num, uint64_t den)
{
	fl_u128 q;

	if (den == 0) {
		fputs("-", out);
		return;
	}
	q = ((fl_u128)num * 20000 + den) / ((fl_u128)den * 2);
	fprintf(out, "%llu.%02llu%%", (unsigned long long)(q / 100),
	    (unsigned long long)(q % 100));
}

/* A share (units of 10^-12) as a percentage with 3 decimals. */
static void
put_share(FILE *out, uint64_t share)
{
	uint64_t q = (share + 5000000) / 10000000;

	fprintf(out, "%llu.%03llu%%", (unsigned long long)(q / 1000),
	    (unsigned long long)(q % 1000));
}

/* A fingerprint linked to Tor Metrics; only a real one becomes a link. */
static void
put_relay_link(FILE *out, const char *fp, int shorten)
{
	if (!fl_report_is_fingerprint(fp)) {
		fputs("<span class=m>", out);
		esc(out, fp);
		fputs("</span>", out);
		return;
	}
	fprintf(out, "<a href=\"" METRICS "%s\">%.*s</a>", fp, shorten ? 8 : 40,
	    fp);
}

/* What each cap reason means, for the legend and the dropped rows. */
static const char *
reason_text(const char *r, uint64_t sat)
{
	if (strcmp(r, "max-share") == 0)
		return "held at the largest share one operator may get "
		       "(--max-share)";
	if (strcmp(r, "max-sat") == 0)
		return sat == 0 ? "the operator's allowance for the period is "
				  "used up (--max-sat)"
				: "held at what one operator may get in the "
				  "period (--max-sat)";
	if (strcmp(r, "min-sat") == 0)
		return "its exact share was less than 1 sat above the "
		       "minimum or the dust threshold of its address, so "
		       "dropped (--min-sat)";
	if (*r == '\0')
		return sat == 0 ? "0 already in the table read" : "";
	return NULL; /* not a reason flattor-cap writes: shown as is */
}

/* The chart. */

#define CH_W 960
#define CH_LABEL 232 /* the labels' column */
#define CH_X0 244 /* the bars start here */
#define CH_BW 500 /* the widest bar */
#define CH_ROW 22
#define CH_TOP 58 /* legend and axis above the first bar */
#define CH_STRIP 48 /* the height of the whole round's shape */
#define CH_BUCKETS 250 /* its steps, at most */

#define C_GAVE "#c9d8ee"
#define C_PAID "#2f6db5"
#define C_CAP "#d9822b"
#define C_INK "#1d2430"
#define C_MUTED "#5b6573"
#define C_GRID "#e3e7ee"

/* v / max of the widest bar, in tenths of a pixel. */
static uint64_t
bar10(uint64_t v, uint64_t max)
{
	if (max == 0)
		return 0;
	return (uint64_t)((fl_u128)v * CH_BW * 10 / max);
}

static void
put_tenths(FILE *out, uint64_t v)
{
	fprintf(out, "%llu.%llu", (unsigned long long)(v / 10),
	    (unsigned long long)(v % 10));
}

/* A step of 1, 2 or 5 times a power of ten, so that max needs <= 5. */
static uint64_t
tick_step(uint64_t max)
{
	uint64_t p = 1;

	for (;;) {
		if (max <= p * 5)
			return p;
		if (max <= p * 10)
			return p * 2;
		if (max <= p * 25)
			return p * 5;
		if (p > UINT64_MAX / 10)
			return p;
		p *= 10;
	}
}

/* An amount for an axis: BTC without trailing zeros. */
static void
put_btc_short(FILE *out, uint64_t sat)
{
	char buf[40];

	fl_decimal_format(sat, 8, buf, sizeof(buf));
	fputs(buf, out);
}

/* Shortens an address for a label: the first 12 and last 6 characters. */
static void
put_label_address(FILE *out, const char *a)
{
	size_t n = strlen(a);
	char head[13], tail[7];

	if (n <= 20) {
		esc(out, a);
		return;
	}
	memcpy(head, a, 12);
	head[12] = '\0';
	memcpy(tail, a + n - 6, 7);
	esc(out, head);
	fputs("\xe2\x80\xa6", out); /* U+2026 */
	esc(out, tail);
}

/*
 * The shape of the whole round under the bars of a large one: every paid
 * payee, largest first, in at most CH_BUCKETS steps of equal numbers of
 * payees, each as high as the largest of its payees, on the bars' scale;
 * a line marks where the bars above end.
 */
static void
strip(FILE *out, const struct fl_report_table *t, size_t shown, uint64_t max,
    unsigned long y)
{
	size_t nb = t->npaid < CH_BUCKETS ? t->npaid : CH_BUCKETS, b;
	uint64_t base = (uint64_t)(y + CH_STRIP) * 10, x;

	fprintf(out,
	    "<text x=\"%d\" y=\"%lu\" text-anchor=\"end\" fill=\"" C_INK
	    "\">all %zu payees</text>\n<path fill=\"" C_PAID
	    "\" fill-opacity=\"0.45\" d=\"M%d %lu",
	    CH_LABEL, y + CH_STRIP - 4, t->npaid, CH_X0, y + CH_STRIP);
	for (b = 0; b < nb; b++) {
		uint64_t v = t->p[b * t->npaid / nb].sat;

		fputs("V", out);
		put_tenths(out,
		    base - (uint64_t)((fl_u128)v * CH_STRIP * 10 / max));
		fputs("H", out);
		put_tenths(out,
		    (uint64_t)CH_X0 * 10 +
			(uint64_t)((b + 1) * (size_t)CH_BW * 10 / nb));
	}
	fprintf(out, "V%lu Z\"/>\n", y + CH_STRIP);
	x = (uint64_t)CH_X0 * 10 +
	    (uint64_t)((fl_u128)shown * CH_BW * 10 / t->npaid);
	fputs("<line x1=\"", out);
	put_tenths(out, x);
	fputs("\" x2=\"", out);
	put_tenths(out, x);
	fprintf(out,
	    "\" y1=\"%lu\" y2=\"%lu\" stroke=\"" C_INK "\"/><text x=\"", y,
	    y + CH_STRIP);
	put_tenths(out, x + 40);
	fprintf(out,
	    "\" y=\"%lu\" fill=\"" C_MUTED "\">the %zu drawn above</text>\n",
	    y + 10, shown);
}

static void
chart(FILE *out, const struct fl_report_table *t,
    const struct fl_report_opts *o, int standalone)
{
	size_t shown = t->npaid, i, rows;
	uint64_t max = 0, step, v, rest = 0;
	unsigned long h;

	if (o->top > 0 && shown > o->top)
		shown = o->top;
	for (i = 0; i < t->npaid; i++) {
		if (t->p[i].sat > max)
			max = t->p[i].sat;
		if (t->p[i].uncapped_sat > max)
			max = t->p[i].uncapped_sat;
	}
	for (i = shown; i < t->npaid; i++)
		rest += t->p[i].sat;
	rows = shown + (shown < t->npaid);
	h = (unsigned long)(CH_TOP + rows * CH_ROW + 16);
	if (shown < t->npaid)
		h += CH_STRIP + 16;
	fprintf(out,
	    "<svg %sviewBox=\"0 0 %d %lu\" width=\"%d\" "
	    "height=\"%lu\" role=\"img\" "
	    "font-family=\"system-ui,-apple-system,'Segoe UI',"
	    "Roboto,Arial,sans-serif\" font-size=\"12\">\n",
	    standalone ? "xmlns=\"http://www.w3.org/2000/svg\" " : "", CH_W, h,
	    CH_W, h);
	fprintf(out, "<title>Who gets what: %zu payees, by sat paid</title>\n",
	    t->npaid);
	/* Legend. */
	fprintf(out,
	    "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"12\" fill=\"" C_GAVE
	    "\"/><text x=\"%d\" y=\"16\" fill=\"" C_INK
	    "\">what weighing gave (uncapped_sat)</text>\n"
	    "<rect x=\"%d\" y=\"9\" width=\"14\" height=\"6\" fill=\"" C_PAID
	    "\"/><text x=\"%d\" y=\"16\" fill=\"" C_INK
	    "\">what is paid (sat)</text>\n"
	    "<rect x=\"%d\" y=\"9\" width=\"14\" height=\"6\" fill=\"" C_CAP
	    "\"/><text x=\"%d\" y=\"16\" fill=\"" C_INK
	    "\">paid, capped (reason at the right)</text>\n",
	    CH_X0, CH_X0 + 20, CH_X0 + 250, CH_X0 + 270, CH_X0 + 400,
	    CH_X0 + 420);
	/* Axis: ticks of 1, 2 or 5 times a power of ten, in BTC. */
	step = tick_step(max);
	for (v = 0; step > 0 && v <= max; v += step) {
		uint64_t x = (uint64_t)CH_X0 * 10 + bar10(v, max);

		fputs("<line x1=\"", out);
		put_tenths(out, x);
		fputs("\" x2=\"", out);
		put_tenths(out, x);
		fprintf(out,
		    "\" y1=\"%d\" y2=\"%lu\" stroke=\"" C_GRID "\"/>"
		    "<text x=\"",
		    CH_TOP - 8, h - 16);
		put_tenths(out, x);
		fprintf(out,
		    "\" y=\"%d\" text-anchor=\"middle\" fill=\"" C_MUTED "\">",
		    CH_TOP - 12);
		put_btc_short(out, v);
		fputs("</text>\n", out);
		if (v > UINT64_MAX - step)
			break;
	}
	fprintf(out,
	    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"" C_MUTED
	    "\">BTC</text>\n",
	    CH_X0 - 8, CH_TOP - 12);
	for (i = 0; i < shown; i++) {
		const struct fl_report_payee *p = &t->p[i];
		unsigned long y = (unsigned long)(CH_TOP + i * CH_ROW);
		int capped = *p->cap_reason != '\0';

		fputs("<g><title>", out);
		esc(out, p->address);
		fputs(": ", out);
		put_u64(out, p->sat);
		fputs(" sat paid, ", out);
		put_u64(out, p->uncapped_sat);
		fputs(" sat from weighing", out);
		if (capped) {
			fputs(", ", out);
			esc(out, p->cap_reason);
		}
		fputs("</title>", out);
		fprintf(out,
		    "<text x=\"%d\" y=\"%lu\" text-anchor=\"end\" fill=\"" C_INK
		    "\" font-family=\"ui-monospace,Menlo,Consolas,monospace\">"
		    "%zu. ",
		    CH_LABEL, y + 15, i + 1);
		put_label_address(out, p->address);
		fprintf(out, "</text><rect x=\"%d\" y=\"%lu\" width=\"", CH_X0,
		    y + 3);
		put_tenths(out, bar10(p->uncapped_sat, max));
		fprintf(out, "\" height=\"16\" fill=\"" C_GAVE "\"/>");
		fprintf(out, "<rect x=\"%d\" y=\"%lu\" width=\"", CH_X0, y + 8);
		put_tenths(out, bar10(p->sat, max));
		fprintf(out, "\" height=\"6\" fill=\"%s\"/>",
		    capped ? C_CAP : C_PAID);
		fprintf(out, "<text x=\"%d\" y=\"%lu\" fill=\"" C_INK "\">",
		    CH_X0 + CH_BW + 10, y + 15);
		put_u64(out, p->sat);
		fputs(" sat", out);
		if (capped) {
			fputs("</text><text x=\"", out);
			fprintf(out,
			    "%d\" y=\"%lu\" fill=\"" C_CAP
			    "\" font-weight=\"600\">",
			    CH_X0 + CH_BW + 110, y + 15);
			esc(out, p->cap_reason);
		}
		fputs("</text></g>\n", out);
	}
	if (shown < t->npaid) {
		unsigned long y = (unsigned long)(CH_TOP + shown * CH_ROW);

		fprintf(out,
		    "<text x=\"%d\" y=\"%lu\" fill=\"" C_MUTED
		    "\">and %zu more payees, ",
		    CH_X0, y + 15, t->npaid - shown);
		put_u64(out, rest);
		fputs(" sat in all (", out);
		put_pct(out, rest, t->paid);
		fputs(" of what is paid): see the table</text>\n", out);
		strip(out, t, shown, max, y + CH_ROW + 8);
	}
	fputs("</svg>\n", out);
}

int
fl_report_svg(FILE *out, const struct fl_report_table *t,
    const struct fl_report_opts *o, struct fl_err *e)
{
	chart(out, t, o, 1);
	if (ferror(out))
		return fl_err_set(e, FL_ESYS, "write error");
	return 0;
}

/* The page. */

static const char style[] =
    ":root{--ink:#1d2430;--muted:#5b6573;--line:#e3e7ee;--bg:#f5f6f8;"
    "--card:#fff;--paid:#2f6db5;--cap:#b4620f;--warn:#a3261f}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 "
    "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
    "sans-serif}\n"
    "main{max-width:1200px;margin:0 auto;padding:28px 24px 48px}\n"
    "h1{font-size:28px;line-height:1.2;margin:0 0 6px}\n"
    "h2{font-size:19px;margin:36px 0 12px}\n"
    "h3{font-size:16px;margin:20px 0 8px}\n"
    "p{margin:0 0 10px}\n"
    ".lead{font-size:17px;color:var(--muted);margin-bottom:20px}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,"
    "minmax(200px,1fr));gap:12px}\n"
    ".card{background:var(--card);border:1px solid var(--line);"
    "border-radius:8px;padding:12px 14px}\n"
    ".card b{display:block;font-size:19px;font-variant-numeric:"
    "tabular-nums;white-space:nowrap}\n"
    ".card span{color:var(--muted);font-size:13px}\n"
    ".panel{background:var(--card);border:1px solid var(--line);"
    "border-radius:8px;padding:16px;overflow-x:auto}\n"
    ".panel svg{display:block;max-width:100%;height:auto}\n"
    "table{border-collapse:collapse;width:100%;font-size:13.5px}\n"
    "th{text-align:left;font-weight:600;color:var(--muted);"
    "border-bottom:2px solid var(--line);padding:6px 8px;"
    "vertical-align:bottom}\n"
    "td{padding:6px 8px;border-bottom:1px solid var(--line);"
    "vertical-align:top}\n"
    "tbody tr:nth-child(even){background:#fafbfc}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    ".m{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"
    "'DejaVu Sans Mono',monospace;font-size:12.5px;word-break:break-all}\n"
    "td small,.card small{display:block;color:var(--muted);font-size:12px}\n"
    "td i{font-style:normal;display:inline-block;margin-right:12px}\n"
    "td a{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,"
    "'DejaVu Sans Mono',monospace;margin-right:4px}\n"
    ".pt td{text-align:right;white-space:nowrap;font-variant-numeric:"
    "tabular-nums}\n"
    ".pt td:nth-child(2),.pt td:nth-child(3){text-align:left;"
    "white-space:normal;font-family:ui-monospace,SFMono-Regular,Menlo,"
    "Consolas,'DejaVu Sans Mono',monospace;font-size:12.5px;"
    "word-break:break-all;min-width:11em;width:11em}\n"
    ".pt td:nth-child(3){min-width:14em;width:14em}\n"
    ".pt td:nth-child(4){text-align:left;white-space:normal;"
    "min-width:20em}\n"
    ".pt td.cap{text-align:left}\n"
    "td.cap small{white-space:normal;font-weight:normal}\n"
    "table+table{margin-top:16px}\n"
    "a{color:var(--paid)}\n"
    ".cap{color:var(--cap);font-weight:600;white-space:nowrap}\n"
    ".warn{color:var(--warn);font-weight:600}\n"
    ".bar{display:flex;height:14px;border-radius:3px;overflow:hidden;"
    "background:var(--line);margin:8px 0 12px}\n"
    ".bar i{display:block;background:var(--paid)}\n"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;"
    "margin:0}\n"
    "dt{color:var(--muted)}dd{margin:0}\n"
    "pre{margin:0;white-space:pre-wrap;word-break:break-all;"
    "font:12.5px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,"
    "'DejaVu Sans Mono',monospace}\n"
    "footer{margin-top:36px;color:var(--muted);font-size:13px}\n";

static void
card(FILE *out, const char *label)
{
	fprintf(out, "<div class=card><span>%s</span><b>", label);
}

static void
card_sat(FILE *out, const char *label, uint64_t sat)
{
	card(out, label);
	put_btc(out, sat);
	fputs(" BTC</b><small>", out);
	put_u64(out, sat);
	fputs(" sat</small></div>\n", out);
}

/* The total fee rate of the transactions, when every size is known. */
static int
total_vsize(const struct fl_report_txs *x, uint64_t *vsize)
{
	size_t i;

	*vsize = 0;
	for (i = 0; i < x->n; i++) {
		if (x->tx[i].vsize == 0)
			return 0;
		*vsize += x->tx[i].vsize;
	}
	return *vsize > 0;
}

static void
put_rate(FILE *out, uint64_t fee, uint64_t vsize)
{
	char buf[32];
	uint64_t msat = (uint64_t)((fl_u128)fee * 1000 / vsize);

	fl_fee_rate_format(msat, buf, sizeof(buf));
	fputs(buf, out);
}

static void
cards(FILE *out, const struct fl_report_table *t, const struct fl_report_net *n,
    const struct fl_report_txs *x)
{
	uint64_t vsize;

	fputs("<section class=cards>\n", out);
	card_sat(out, "Amount weighed", t->amount);
	card_sat(out, "Paid to payees", t->paid);
	card(out, "Payees");
	fprintf(out, "%zu</b><small>%zu dropped</small></div>\n", t->npaid,
	    t->n - t->npaid);
	card(out, "Operators");
	fprintf(out, "%zu</b><small>of the paid payees</small></div>\n",
	    t->noperators);
	if (t->amount > t->paid)
		card_sat(out, "Left unspent (caps)", t->amount - t->paid);
	if (x != NULL) {
		if (x->has_fee)
			card_sat(out, "Fee", x->fee);
		card(out, "Transactions");
		fprintf(out, "%zu</b><small>%s</small></div>\n", x->n,
		    x->tx[0].psbt ? "unsigned PSBT" : "signed");
		if (x->has_fee && total_vsize(x, &vsize)) {
			card(out, "Fee rate");
			put_rate(out, x->fee, vsize);
			fprintf(out,
			    " sat/vB</b><small>on %llu vB%s</small></div>\n",
			    (unsigned long long)vsize,
			    x->tx[0].psbt ? ", the largest signatures" : "");
		}
	}
	if (n != NULL) {
		card(out, "Network weight paid");
		put_pct(out, n->paid_weight, n->eligible_weight);
		fputs("</b><small>of the eligible relays' consensus "
		      "weight</small></div>\n",
		    out);
	}
	fputs("</section>\n", out);
}

/* The nickname of a relay, when the relays table was read. */
static const struct fl_report_relay *
find_relay(const struct fl_report_net *n, const char *fp)
{
	size_t lo = 0, hi;

	if (n == NULL)
		return NULL;
	hi = n->nrelay;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(fp, n->relay[mid].fingerprint);

		if (c == 0)
			return &n->relay[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* A cell of sat and BTC; class=n unless in a .pt table. */
static void
td_sat(FILE *out, uint64_t sat, int pt)
{
	fputs(pt ? "<td>" : "<td class=n>", out);
	put_u64(out, sat);
	fputs("<small>", out);
	put_btc(out, sat);
	fputs("</small>", out);
}

static void
td_operator(FILE *out, const struct fl_report_payee *p)
{
	fputs("<td>", out);
	esc(out, p->operator);
}

static void
td_address(FILE *out, const struct fl_report_payee *p)
{
	fputs("<td>", out);
	esc(out, p->address);
	if (*p->address_type != '\0') {
		fputs("<small>", out);
		esc(out, p->address_type);
		fputs("</small>", out);
	}
}

static void
td_relays(FILE *out, const struct fl_report_payee *p,
    const struct fl_report_net *n)
{
	size_t k;

	fputs("<td>", out);
	for (k = 0; k < p->nfp; k++) {
		const struct fl_report_relay *r = find_relay(n, p->fp[k]);

		fputs("<i>", out);
		put_relay_link(out, p->fp[k], 1);
		if (r != NULL)
			esc(out, r->nickname);
		fputs("</i>", out);
	}
}

static void
payees_table(FILE *out, const struct fl_report_table *t,
    const struct fl_report_net *n)
{
	size_t i;

	fprintf(out,
	    "<h2 id=payees>Payees</h2>\n<p>One row per payee address, by sat "
	    "paid.  The operator is the smallest fingerprint among the "
	    "relays the address is linked to; each relay links to its page "
	    "on Tor Metrics.</p>\n<div class=panel><table class=pt>\n"
	    "<thead><tr>"
	    "<th class=n>#<th>Operator<th>Address<th>Relays"
	    "<th class=n>Weight<th class=n>Share%s"
	    "<th class=n>Paid (sat)%s</tr></thead>\n<tbody>\n",
	    t->capped ? "<th class=n>Uncapped (sat)" : "",
	    t->capped ? "<th>Cap" : "");
	for (i = 0; i < t->npaid; i++) {
		const struct fl_report_payee *p = &t->p[i];

		fprintf(out, "<tr><td>%zu", i + 1);
		td_operator(out, p);
		td_address(out, p);
		td_relays(out, p, n);
		fputs("<td>", out);
		put_u64(out, p->weight);
		fputs("<td>", out);
		put_share(out, p->share);
		if (t->capped)
			td_sat(out, p->uncapped_sat, 1);
		td_sat(out, p->sat, 1);
		if (t->capped) {
			fputs("<td class=cap>", out);
			esc(out, p->cap_reason);
		}
		fputs("\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

static void
dropped_table(FILE *out, const struct fl_report_table *t,
    const struct fl_report_net *n)
{
	size_t i;

	if (t->npaid == t->n)
		return;
	fprintf(out,
	    "<h2 id=dropped>Dropped payees</h2>\n<p>%zu payee%s of the table "
	    "get%s nothing in this round.</p>\n<div class=panel>"
	    "<table class=pt>\n<thead><tr><th "
	    "class=n>#<th>Operator<th>Address<th>Relays<th class=n>Weight"
	    "<th class=n>Uncapped (sat)<th>Reason</tr></thead>\n<tbody>\n",
	    t->n - t->npaid, t->n - t->npaid == 1 ? "" : "s",
	    t->n - t->npaid == 1 ? "s" : "");
	for (i = t->npaid; i < t->n; i++) {
		const struct fl_report_payee *p = &t->p[i];
		const char *why = reason_text(p->cap_reason, 0);

		fprintf(out, "<tr><td>%zu", i + 1);
		td_operator(out, p);
		td_address(out, p);
		td_relays(out, p, n);
		fputs("<td>", out);
		put_u64(out, p->weight);
		td_sat(out, p->uncapped_sat, 1);
		fputs("<td class=cap>", out);
		esc(out, p->cap_reason);
		if (why != NULL && *why != '\0') {
			fputs("<small>", out);
			fputs(why, out);
			fputs("</small>", out);
		}
		fputs("\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

static void
legend(FILE *out, const struct fl_report_table *t)
{
	static const char *const reasons[] = {"max-share", "max-sat",
	    "min-sat"};
	size_t i, k, count;

	if (!t->capped) {
		fputs("<p>The table has no cap stage: every payee gets what "
		      "weighing gave.</p>\n",
		    out);
		return;
	}
	fputs("<dl>\n", out);
	for (k = 0; k < sizeof(reasons) / sizeof(reasons[0]); k++) {
		for (i = 0, count = 0; i < t->n; i++)
			count += strcmp(t->p[i].cap_reason, reasons[k]) == 0;
		if (count == 0)
			continue;
		fprintf(out, "<dt><span class=cap>%s</span> (%zu)<dd>%s\n",
		    reasons[k], count, reason_text(reasons[k], 1));
	}
	fputs("<dt>no reason<dd>paid in proportion to weight; what "
	      "capped payees do not take goes to the others</dl>\n",
	    out);
}

static void
network(FILE *out, const struct fl_report_net *n)
{
	uint64_t w = 0;

	if (n->eligible_weight > 0)
		w = (uint64_t)((fl_u128)n->paid_weight * 10000 /
		    n->eligible_weight);
	fputs("<h2 id=network>Share of the network</h2>\n<div class=panel>\n"
	      "<p>Eligible relays are those flattor-weigh takes by default: "
	      "running, with the Running and Valid flags, without BadExit, "
	      "measured; and every relay a payee is paid for.</p>\n"
	      "<div class=bar><i style=\"width:",
	    out);
	fprintf(out, "%llu.%02llu%%", (unsigned long long)(w / 100),
	    (unsigned long long)(w % 100));
	fputs("\"></i></div>\n<dl>\n<dt>Relays in the table<dd>", out);
	fprintf(out, "%zu\n<dt>Eligible relays<dd>%zu, consensus weight ",
	    n->relays, n->eligible);
	put_u64(out, n->eligible_weight);
	fprintf(out,
	    "\n<dt>Relays of the paid payees<dd>%zu, consensus "
	    "weight ",
	    n->paid_relays);
	put_u64(out, n->paid_weight);
	fputs(" (", out);
	put_pct(out, n->paid_weight, n->eligible_weight);
	fprintf(out,
	    " of the eligible)\n<dt>Eligible relays without an "
	    "address<dd>%zu (",
	    n->eligible_no_address);
	put_pct(out, n->eligible_no_address, n->eligible);
	fputs(")\n", out);
	if (n->missing > 0)
		fprintf(out,
		    "<dt class=warn>Not in the relays table<dd class=warn>%zu "
		    "relay%s of the payees\n",
		    n->missing, n->missing == 1 ? "" : "s");
	fputs("</dl></div>\n", out);
}

static void
tx_section(FILE *out, const struct fl_report_txs *x,
    const struct fl_report_table *t)
{
	size_t i, k;

	fputs("<h2 id=tx>Transactions</h2>\n", out);
	fputs("<div class=panel><dl>\n<dt>Paid to payees' addresses<dd>", out);
	put_u64(out, x->payee_sat);
	fputs(" sat (the table: ", out);
	put_u64(out, t->paid);
	fputs(" sat)\n<dt>Change and other outputs<dd>", out);
	put_u64(out, x->change_sat);
	fputs(" sat\n", out);
	if (x->has_fee) {
		fputs("<dt>Fee<dd>", out);
		put_u64(out, x->fee);
		fputs(" sat\n", out);
	}
	if (x->unpaid > 0)
		fprintf(out,
		    "<dt class=warn>Payees without an output<dd class=warn>"
		    "%zu\n",
		    x->unpaid);
	fputs("</dl></div>\n", out);
	for (i = 0; i < x->n; i++) {
		const struct fl_report_tx *tx = &x->tx[i];

		fprintf(out,
		    "<h3>Transaction %zu: %s</h3>\n<div class=panel><dl>\n"
		    "<dt>txid<dd class=m>%s%s\n",
		    i + 1, tx->psbt ? "unsigned PSBT" : "signed", tx->txid,
		    tx->psbt ? " <small>(of the unsigned transaction: final "
			       "unless an input is P2PKH)</small>"
			     : "");
		fprintf(out,
		    "<dt>Inputs<dd>%zu\n<dt>Outputs<dd>%zu: %zu to payees, "
		    "%zu other\n",
		    tx->nin, tx->nout, tx->npayee, tx->nout - tx->npayee);
		if (tx->has_fee) {
			fputs("<dt>Fee<dd>", out);
			put_u64(out, tx->fee);
			fputs(" sat (", out);
			put_btc(out, tx->fee);
			fputs(" BTC)", out);
			if (tx->vsize > 0) {
				fputs(", ", out);
				put_rate(out, tx->fee, tx->vsize);
				fprintf(out, " sat/vB on %llu vB%s",
				    (unsigned long long)tx->vsize,
				    tx->psbt ? " with the largest signatures"
					     : "");
			}
			fputs("\n", out);
		} else {
			fputs("<dt>Fee<dd>unknown: the value of some input "
			      "is not known (give the coins with "
			      "--utxos)\n",
			    out);
		}
		fputs("</dl>\n<table><thead><tr><th class=n>#<th>Input"
		      "<th>Address<th class=n>sat</tr></thead><tbody>\n",
		    out);
		for (k = 0; k < tx->nin; k++) {
			const struct fl_report_txin *in = &tx->in[k];
			char id[65];

			fl_txid_hex(in->txid, id);
			fprintf(out,
			    "<tr><td class=n>%zu<td class=m>%s:%lu<td class=m>",
			    k, id, (unsigned long)in->vout);
			esc(out, in->address);
			if (in->has_value) {
				td_sat(out, in->value, 0);
			} else {
				fputs("<td class=n>unknown", out);
			}
			fputs("\n", out);
		}
		fputs("</tbody></table>\n<table><thead><tr><th class=n>#"
		      "<th>Output<th>Role<th class=n>sat</tr></thead><tbody>\n",
		    out);
		for (k = 0; k < tx->nout; k++) {
			const struct fl_report_txout *o = &tx->out[k];

			fprintf(out, "<tr><td class=n>%zu<td class=m>", k);
			if (*o->address != '\0')
				esc(out, o->address);
			else
				fputs("(a script without an address)", out);
			fprintf(out, "<td>%s", o->payee ? "payee" : "change");
			td_sat(out, o->value, 0);
			fputs("\n", out);
		}
		fputs("</tbody></table></div>\n", out);
	}
}

static void
provenance(FILE *out, char *const *prov, size_t n, const char *what)
{
	size_t i;

	fprintf(out, "<h3>%s</h3>\n<div class=panel><pre>", what);
	if (n == 0)
		fputs("(no provenance lines)", out);
	for (i = 0; i < n; i++) {
		esc(out, prov[i]);
		if (i + 1 < n)
			fputs("\n", out);
	}
	fputs("</pre></div>\n", out);
}

int
fl_report_html(FILE *out, const struct fl_report_table *t,
    const struct fl_report_net *n, const struct fl_report_txs *x,
    const struct fl_report_opts *o, struct fl_err *e)
{
	fputs("<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
	      "<meta name=viewport content=\"width=device-width,"
	      "initial-scale=1\">\n",
	    out);
	fputs("<title>Flattor round: ", out);
	put_btc(out, t->paid);
	fprintf(out,
	    " BTC to %zu payees</title>\n<style>\n%s</style>\n"
	    "</head>\n<body>\n<main>\n",
	    t->npaid, style);
	fputs("<h1>Flattor round</h1>\n<p class=lead>", out);
	put_btc(out, t->paid);
	fprintf(out, " BTC to %zu payee%s of %zu operator%s", t->npaid,
	    t->npaid == 1 ? "" : "s", t->noperators,
	    t->noperators == 1 ? "" : "s");
	if (x != NULL && x->has_fee) {
		fputs(", ", out);
		put_btc(out, x->fee);
		fputs(" BTC in fees", out);
	}
	fputs(".</p>\n", out);
	cards(out, t, n, x);

	fputs("<h2 id=chart>Who gets what</h2>\n<div class=panel>\n", out);
	if (t->npaid > 0)
		chart(out, t, o, 0);
	else
		fputs("<p class=warn>No payee is paid.</p>\n", out);
	legend(out, t);
	fputs("</div>\n", out);
	if (n != NULL)
		network(out, n);
	payees_table(out, t, n);
	dropped_table(out, t, n);
	if (x != NULL)
		tx_section(out, x, t);
	fputs("<h2 id=provenance>Provenance</h2>\n<p>The comment lines of "
	      "the tables, verbatim: each stage that made them, its version "
	      "and the options that change its output.</p>\n",
	    out);
	provenance(out, t->prov, t->nprov, "Payees table");
	if (n != NULL)
		provenance(out, n->prov, n->nprov, "Relays table");
	fprintf(out,
	    "<footer>Made by %s %s from the tables above.  This page has no "
	    "script and loads nothing: it reads the same offline.</footer>\n"
	    "</main>\n</body>\n</html>\n",
	    o->prog, o->version);
	if (ferror(out))
		return fl_err_set(e, FL_ESYS, "write error: %s",
		    strerror(errno));
	return 0;
}
