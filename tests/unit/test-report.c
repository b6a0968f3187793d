#include <stdlib.h>

#include "base64.h"
#include "psbt.h"
#include "report.h"
#include "tap.h"
#include "reportutil.h"

static void
test_fingerprint(void)
{
	check(fl_report_is_fingerprint(
	    "0008D9640FE4947F73E355F67E20C2D290BBC72C"));
	check(!fl_report_is_fingerprint(
	    "0008d9640fe4947f73e355f67e20c2d290bbc72c"));
	check(!fl_report_is_fingerprint(
	    "0008D9640FE4947F73E355F67E20C2D290BBC72"));
	check(!fl_report_is_fingerprint(
	    "0008D9640FE4947F73E355F67E20C2D290BBC72CA"));
	check(!fl_report_is_fingerprint(
	    "javascript:alert(1)//0008D9640FE4947F73E35"));
	check(!fl_report_is_fingerprint(""));
}

static void
test_read(void)
{
	struct fl_report_table t;
	struct fl_err e;

	check_int(read_table(cap_table, &t, &e), ==, 0);
	check_uint(t.n, ==, 4);
	check_uint(t.npaid, ==, 3);
	check(t.capped);
	check_uint(t.amount, ==, 1000);
	check_uint(t.paid, ==, 1000);
	check_uint(t.noperators, ==, 2);
	check_uint(t.nprov, ==, 2);
	check_str(t.prov[1], "# flattor-cap 0.1.0: max-share=0.5 min-sat=dust");
	/* sat descending, then address; the dropped row last. */
	check_str(t.p[0].address, "bc1qb");
	check_str(t.p[1].address, "bc1qa");
	check_str(t.p[2].address, "bc1qd");
	check_str(t.p[3].address, "bc1qc");
	check_uint(t.p[0].nfp, ==, 2);
	check_str(t.p[0].fp[1], FP_D);
	check_uint(t.p[0].share, ==, 600000000000);
	check_uint(t.p[0].uncapped_sat, ==, 600);
	check_str(t.p[0].cap_reason, "max-share");
	check_uint(t.p[0].line, ==, 6);
	check_uint(t.p[2].nfp, ==, 0);
	fl_report_table_free(&t);

	/* flattor-weigh's table: uncapped_sat is sat. */
	check_int(read_table("operator\taddress\trelays\tfingerprints\tweight\t"
			     "share\tsat\n" FP_A "\tx\t1\t" FP_A "\t5\t1\t9\n",
		      &t, &e),
	    ==, 0);
	check(!t.capped);
	check_uint(t.p[0].uncapped_sat, ==, 9);
	check_str(t.p[0].address_type, "");
	check_str(t.p[0].cap_reason, "");
	fl_report_table_free(&t);
}

static void
test_read_errors(void)
{
	static const struct {
		const char *text, *msg;
		unsigned long line;
	} c[] = {
	    {"operator\taddress\trelays\tfingerprints\tweight\tshare\n",
		"missing column \"sat\" (made by flattor-weigh)", 0},
	    {"operator\taddress\trelays\tfingerprints\tweight\tshare\tsat\t"
	     "uncapped_sat\n",
		"missing column \"cap_reason\" (made by flattor-cap)", 0},
	    {CAP_HEAD "x\ta\tp2tr\t1\t<script>\t1\t1\t1\t1\t\n",
		"column \"fingerprints\": invalid fingerprint \"<script>\"", 2},
	    {CAP_HEAD "x\ta\tp2tr\t1\t" FP_A "," FP_B "\t1\t1\t1\t1\t\n",
		"column \"relays\": 1, but 2 fingerprints", 2},
	    {CAP_HEAD "x\ta\tp2tr\t1\t" FP_A "\t1\t2\t1\t1\t\n",
		"column \"share\": invalid share \"2\"", 2},
	    {CAP_HEAD "x\ta\tp2tr\t1\t" FP_A "\t1\t0.5\t1x\t1\t\n",
		"column \"sat\": invalid integer \"1x\"", 2},
	    {CAP_HEAD "x\t\tp2tr\t1\t" FP_A "\t1\t0.5\t1\t1\t\n",
		"column \"address\": empty", 2},
	    {CAP_HEAD "x\ta\tp2tr\t1\t" FP_A "\t1\t0.5\t1\t1\t\n"
		      "x\tb\tp2tr\t1\t" FP_B "\t1\t0.5\t1\t1\t\n"
		      "x\ta\tp2tr\t1\t" FP_C "\t1\t0.5\t1\t1\t\n",
		"address \"a\" appears twice", 4},
	    {CAP_HEAD "x\ta\tp2tr\t1\t" FP_A "\t1\t0.5\t2100000000000000\t1\t\n"
		      "x\tb\tp2tr\t1\t" FP_B "\t1\t0.5\t1\t1\t\n",
		"the amounts add up to more than 21000000 BTC", 3},
	};
	struct fl_report_table t;
	struct fl_err e;
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		check_int(read_table(c[i].text, &t, &e), ==, FL_EDATA);
		check_str(e.msg, c[i].msg);
		check_uint(e.line, ==, c[i].line);
		check_uint(t.n, ==, 0);
	}
}

#define RELAYS_HEAD \
	"fingerprint\tnickname\trunning\tflags\tmeasured\tconsensus_weight\t" \
	"contact\n"

/* Reads text as the relays table for t. */
static int
read_net(const char *text, const struct fl_report_table *t,
    struct fl_report_net *n, struct fl_err *e)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	struct fl_tsv_reader r;
	int rc;

	fl_err_clear(e);
	rc = fl_tsv_open(&r, fp, e);
	if (rc == 0)
		rc = fl_report_net_read(&r, FL_NET_MAIN, t, n, e);
	else
		memset(n, 0, sizeof(*n));
	fl_tsv_close(&r);
	fclose(fp);
	return rc;
}

static void
test_net(void)
{
	static const char relays[] =
	    "# flattor-fetch 0.1.0: test\n" RELAYS_HEAD FP_A
	    "\talpha\t1\tRunning,Valid\t1\t300\tbtc:"
	    "bc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq\n" FP_B
	    "\tbravo\t1\tRunning,Valid,BadExit\t1\t1000\t\n" FP_C
	    "\tcharlie\t1\tRunning,Valid\t1\t100\tno address\n" FP_D
	    "\tdelta\t1\tRunning,Valid\t\t50\tbtc:bc1qbad\n"
	    "EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE\techo\t0\tValid\t1\t7\t\n"
	    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\tfox\t1\tRunning,Valid\t1"
	    "\t600\tbtc:1y1hZGuLNw3if6UcPfKCbctphD2JiUzXY\n";
	static const struct {
		const char *text, *msg;
		unsigned long line;
	} c[] = {
	    {"fingerprint\tnickname\trunning\tflags\tmeasured\tcontact\n",
		"missing column \"consensus_weight\" (made by flattor-fetch)",
		0},
	    {RELAYS_HEAD FP_A "\ta\tyes\tRunning\t1\t1\t\n",
		"column \"running\": invalid boolean \"yes\"", 2},
	    {RELAYS_HEAD FP_A "\ta\t1\tRunning\t2\t1\t\n",
		"column \"measured\": invalid boolean \"2\"", 2},
	    {RELAYS_HEAD FP_A "\ta\t1\tRunning\t1\t-1\t\n",
		"column \"consensus_weight\": invalid integer \"-1\"", 2},
	    {RELAYS_HEAD FP_A "\ta\t1\tRunning\t1\t1\t\n" FP_A
			      "\tb\t1\tRunning\t1\t1\t\n",
		"fingerprint \"" FP_A "\" appears twice", 0},
	};
	struct fl_report_table t;
	struct fl_report_net n;
	struct fl_err e;
	char *html;
	size_t i;

	check_int(read_table(cap_table, &t, &e), ==, 0);
	check_int(read_net(relays, &t, &n, &e), ==, 0);
	check_uint(n.relays, ==, 6);
	/* alpha, charlie, fox; not echo (not running); bravo (BadExit)
	 * and delta (unmeasured) only because a payee is paid for them. */
	check_uint(n.eligible, ==, 5);
	check_uint(n.eligible_weight, ==, 2050);
	/* charlie: no candidate; fox has one. */
	check_uint(n.eligible_no_address, ==, 1);
	/* Paid: bc1qb (B, D), bc1qa (A); bc1qd lists none. */
	check_uint(n.paid_relays, ==, 3);
	check_uint(n.paid_weight, ==, 1350);
	/* C, of the dropped bc1qc, is in the table: none missing. */
	check_uint(n.missing, ==, 0);
	check_uint(n.nrelay, ==, 4);
	check_str(n.relay[1].nickname, "bravo");
	check_uint(n.nprov, ==, 1);
	html = render(&t, &n, NULL, 0, 0);
	check(markup_is_ours(html));
	check(strstr(html, "<a href=\"" METRICS FP_B "\">BBBBBBBB</a>bravo") !=
	    NULL);
	check(strstr(html,
		  "<dt>Eligible relays without an address<dd>1 "
		  "(20.00%)") != NULL);
	check(strstr(html,
		  "3, consensus weight 1350 (65.85% of the "
		  "eligible)") != NULL);
	free(html);
	fl_report_net_free(&n);

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		check_int(read_net(c[i].text, &t, &n, &e), ==, FL_EDATA);
		check_str(e.msg, c[i].msg);
		check_uint(e.line, ==, c[i].line);
		check_uint(n.nrelay, ==, 0);
	}
	fl_report_table_free(&t);
}

/* flattor-tx's output for tests/data/tx/payees-main.tsv (tests/cmd). */
static const char psbt_text[] =
    "cHNidP8BAP0oAQIAAAABFdCgrFOS718mmGPnE6vbc9dItRSTdwxFvO7nlmy37/MA"
    "AAAAAP3///8HMHUAAAAAAAAWABQ3Cw104vBmaAFLt0c5H3DfCKGpuyBOAAAAAAAA"
    "IlEgd0AMJ1OXaR75UEW4Nfb4c3reKjq3h7jk+J7F3A20rn6YOgAAAAAAABl2qRQK"
    "l+CoCNeqnsjG+MLtKABN3QD3IoisECcAAAAAAAAXqRS49n/3gMVQTVsjPzN14t6N"
    "+sjKxoeIEwAAAAAAACIAIBnL/hawiORfVRGe/oQG89leRok8uqrR3kM4GMZxeSk9"
    "WBsAAAAAAAAWABRAIzy3BE800vy1dyUiXbm1QmjcYkAwAAAAAAAAFgAUwnAetV9+"
    "w7g5SryNI+qIsX+PhO4AAAAAAAEBH6CGAQAAAAAAFgAU9hPozms4/anpohXzKagY"
    "CR1XH5siBgJLr0iS/afIAufr2RFTZ7nd0BXlaF/cqw5+TebvmLKH9xjTTbM/VAAA"
    "gAEAAIAAAACAAAAAAAAAAAAAAAAAAAAAAA==";
static const char signed_text[] =
    "0200000000010115d0a0ac5392ef5f269863e713abdb73d748b51493770c45bc"
    "eee7966cb7eff30000000000fdffffff073075000000000000160014370b0d74"
    "e2f06668014bb747391f70df08a1a9bb204e00000000000022512077400c2753"
    "97691ef95045b835f6f8737ade2a3ab787b8e4f89ec5dc0db4ae7e983a000000"
    "0000001976a9140a97e0a808d7aa9ec8c6f8c2ed28004ddd00f72288ac102700"
    "000000000017a914b8f67ff780c5504d5b233f3375e2de8dfac8cac687881300"
    "000000000022002019cbfe16b088e45f55119efe8406f3d95e46893cbaaad1de"
    "433818c67179293d581b00000000000016001440233cb7044f34d2fcb5772522"
    "5db9b54268dc624030000000000000160014c2701eb55f7ec3b8394abc8d23ea"
    "88b17f8f84ee0247304402201dbee0e3a42613bc1c905faa48e76582272d5b1c"
    "8a248e8d86362eacbbea3ce70220563243e3e8e2f09dc2120c2f9bd67563f996"
    "71f763c18cee7f7c88f96567dbf70121024baf4892fda7c802e7ebd9115367b9"
    "ddd015e5685fdcab0e7e4de6ef98b287f700000000";

/* The payees of tests/data/tx/payees-main.tsv, as a weigh table. */
static const char tx_payees[] =
    "operator\taddress\trelays\tfingerprints\tweight\tshare\tsat\n" FP_A
    "\tbc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq\t0\t\t0\t0\t30000\n" FP_A
    "\tbc1pwaqqcf6nja53a72sgkurtahcwdadu236k7rm3e8cnmzacrd54elqdte604\t0\t"
    "\t0\t0\t20000\n" FP_A "\t1y1hZGuLNw3if6UcPfKCbctphD2JiUzXY\t0\t\t0\t0\t"
    "15000\n" FP_A
    "\t3JZ1YxA7UXgvgULxCY7WyajXHehEbDeupn\t0\t\t0\t0\t10000\n" FP_A
    "\tbc1qr89lu94s3rj974g3nmlggphnm90ydzfuh24drhjr8qvvvute9y7sxwpkhm\t0\t"
    "\t0\t0\t5000\n" FP_A "\tbc1qgq3nedcyfu6d9l94wujjyhdek4px3hrzmf02t6\t0\t"
    "\t0\t0\t7000\n" FP_B "\tbc1qnotpaidbyanyoutput\t0\t\t0\t0\t1\n";

static void
test_tx(void)
{
	struct fl_report_table t;
	struct fl_report_txs x;
	struct fl_utxos coins;
	struct fl_err e;
	char *text, *html;
	FILE *fp;

	check_int(read_table(tx_payees, &t, &e), ==, 0);
	check_int(fl_report_tx_read(psbt_text, strlen(psbt_text), FL_NET_MAIN,
		      NULL, &t, &x, &e),
	    ==, 0);
	check_uint(x.n, ==, 1);
	check(x.tx[0].psbt);
	/* Both checked with Python: SHA-256d and scripts/addrgen.py. */
	check_str(x.tx[0].txid,
	    "69b5f01cefef047a7ad9363bfece4614602cd1c27cd0149c22272c78c5f28138");
	check_uint(x.tx[0].nin, ==, 1);
	check(x.tx[0].in[0].has_value);
	check_uint(x.tx[0].in[0].value, ==, 100000);
	check_str(x.tx[0].in[0].address,
	    "bc1q7cf73nnt8r76n6dzzhejn2qcpyw4w8umn3z3gf");
	check_uint(x.tx[0].nout, ==, 7);
	check_uint(x.tx[0].npayee, ==, 6);
	check_uint(x.tx[0].payee_sat, ==, 87000);
	check_uint(x.tx[0].change_sat, ==, 12352);
	check(!x.tx[0].out[6].payee);
	check_str(x.tx[0].out[6].address,
	    "bc1qcfcpad2l0mpmsw22hjxj865gk9lclp8w08zzlc");
	check(x.has_fee);
	check_uint(x.fee, ==, 648);
	/* As flattor-tx counts it: with the largest signatures. */
	check_uint(x.tx[0].vsize, ==, 324);
	/* The payee with 1 sat has no output. */
	check_uint(x.unpaid, ==, 1);
	html = render(&t, NULL, &x, 0, 0);
	check(markup_is_ours(html));
	check(strstr(html, x.tx[0].txid) != NULL);
	check(strstr(html,
		  "648 sat (0.00000648 BTC), 2 sat/vB on 324 vB "
		  "with the largest signatures") != NULL);
	check(strstr(html, "<dt class=warn>Payees without an output") != NULL);
	free(html);
	fl_report_txs_free(&x);

	/* Signed: the fee needs the coins. */
	check_int(fl_report_tx_read(signed_text, strlen(signed_text),
		      FL_NET_MAIN, NULL, &t, &x, &e),
	    ==, 0);
	check(!x.tx[0].psbt);
	check(!x.has_fee);
	check(!x.tx[0].in[0].has_value);
	check_uint(x.tx[0].vsize, ==, 324);
	fl_report_txs_free(&x);
	fp = fopen("tests/data/tx/utxos-main.tsv", "r");
	check(fp != NULL);
	if (fp == NULL)
		return;
	check_int(fl_utxo_read(fp, FL_NET_MAIN, &coins, &e), ==, 0);
	fclose(fp);
	check_int(fl_report_tx_read(signed_text, strlen(signed_text),
		      FL_NET_MAIN, &coins, &t, &x, &e),
	    ==, 0);
	check(x.has_fee);
	check_uint(x.fee, ==, 648);
	fl_report_txs_free(&x);

	/* Two lines, blank lines between: two transactions. */
	if ((text = malloc(sizeof(psbt_text) + sizeof(signed_text) + 8)) !=
	    NULL) {
		snprintf(text, sizeof(psbt_text) + sizeof(signed_text) + 8,
		    "%s\n\n%s\n", psbt_text, signed_text);
		check_int(fl_report_tx_read(text, strlen(text), FL_NET_MAIN,
			      &coins, &t, &x, &e),
		    ==, 0);
		check_uint(x.n, ==, 2);
		check_uint(x.tx[1].line, ==, 3);
		check_uint(x.fee, ==, 1296);
		check_uint(x.payee_sat, ==, 174000);
		fl_report_txs_free(&x);
		free(text);
	}
	fl_utxo_free(&coins);
	fl_report_table_free(&t);
}

/* A PSBT whose outputs are worth more than its input is refused. */
static void
test_tx_overspent(const struct fl_report_table *t)
{
	static const uint8_t txid[32] = {1};
	uint8_t spk[22] = {0x00, 0x14};
	struct fl_psbt_in_data in;
	struct fl_report_txs x;
	struct fl_buf b = {NULL, 0, 0, 0};
	struct fl_tx tx;
	struct fl_err e;
	char *text;

	memset(&in, 0, sizeof(in));
	in.witness = 1;
	in.value = 1000;
	in.spk = spk;
	in.spk_len = sizeof(spk);
	fl_tx_init(&tx);
	check_int(fl_tx_add_input(&tx, txid, 0, 0xfffffffd, &e), ==, 0);
	check_int(fl_tx_add_output(&tx, 2000, spk, sizeof(spk), &e), ==, 0);
	check_int(fl_psbt_encode(&tx, &in, &b, &e), ==, 0);
	text = malloc(FL_BASE64_LEN(b.len) + 1);
	if (text != NULL) {
		fl_base64_encode(b.p, b.len, text);
		check_int(fl_report_tx_read(text, strlen(text), FL_NET_MAIN,
			      NULL, t, &x, &e),
		    ==, FL_EDATA);
		check_str(e.msg,
		    "inputs (1000 sat) are worth less than the "
		    "outputs (2000 sat)");
		check_uint(e.line, ==, 1);
		free(text);
	}
	fl_buf_free(&b);
	fl_tx_free(&tx);
}

static void
test_tx_errors(void)
{
	static const struct {
		const char *text, *msg;
		unsigned long line;
	} c[] = {
	    {"", "no transaction", 0},
	    {"\n\n", "no transaction", 0},
	    {"{\"bc1q\": 0.1}\n",
		"neither a PSBT in base64 nor a transaction in hex", 1},
	    {"\ncHNidP8BAA==\n", NULL, 2},
	    {"00\n", NULL, 1},
	};
	struct fl_report_table t;
	struct fl_report_txs x;
	struct fl_err e;
	size_t i;

	check_int(read_table(tx_payees, &t, &e), ==, 0);
	test_tx_overspent(&t);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		check_int(fl_report_tx_read(c[i].text, strlen(c[i].text),
			      FL_NET_MAIN, NULL, &t, &x, &e),
		    ==, FL_EDATA);
		if (c[i].msg != NULL)
			check_str(e.msg, c[i].msg);
		check_uint(e.line, ==, c[i].line);
		check_uint(x.n, ==, 0);
	}
	fl_report_table_free(&t);
}

int
main(void)
{
	test_fingerprint();
	test_read();
	test_read_errors();
	test_net();
	test_tx();
	test_tx_errors();
	return test_done();
}
