/* lib/txstage: flattor-tx's rules and its steps, on files of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fee.h"
#include "tap.h"
#include "txstage.h"

#define A1 "bc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq"
#define CHANGE "bc1qcfcpad2l0mpmsw22hjxj865gk9lclp8w08zzlc"
#define TXID "f3efb76c96e7eebc450c779314b548d773dbab13e76398265fef9253aca0d015"

static char dir[] = "/tmp/test-txstage.XXXXXX";
static char payees[64], none[64], coins[64], p2sh[64], ledger[64];
static struct fl_txstage r;
static struct fl_err e;

static void
put(char *path, const char *name, const char *text)
{
	FILE *fp;

	snprintf(path, 64, "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) < 0 ||
	    fclose(fp) != 0)
		abort();
}

/* A run of the payees with the coins at rate sat/vB, options checked. */
static int
start(uint64_t rate)
{
	fl_txstage_free(&r);
	fl_txstage_init(&r);
	r.payees_path = payees;
	r.utxos = coins;
	r.change = CHANGE;
	r.rate = rate * 1000;
	return fl_txstage_check(&r, &e);
}

/* Each option's value, and the message of a bad one. */
static void
test_set(void)
{
	fl_txstage_init(&r);
	check_int(fl_txstage_set(&r, FL_TX_O_FEERATE, "2.5", &e), ==, 0);
	check_uint(r.rate, ==, 2500);
	check_int(fl_txstage_set(&r, FL_TX_O_FEERATE, "0", &e), ==, FL_EUSAGE);
	check(strncmp(e.msg, "--feerate: ", 11) == 0);
	check_int(fl_txstage_set(&r, FL_TX_O_MAX_FEE, "1000sat", &e), ==, 0);
	check_int(r.max_fee, ==, 1000);
	check_int(fl_txstage_set(&r, FL_TX_O_MAX_FEE, "x", &e), ==, FL_EUSAGE);
	check(strncmp(e.msg, "--max-fee: ", 11) == 0);
	check_int(fl_txstage_set(&r, FL_TX_O_NOW, "2026-11-26T12:00:00Z", &e),
	    ==, 0);
	check_int(r.now, ==, 1795694400);
	check_int(fl_txstage_set(&r, FL_TX_O_NOW, "today", &e), ==, FL_EUSAGE);
	check(strncmp(e.msg, "--now: ", 7) == 0);
	check_int(fl_txstage_set(&r, FL_TX_O_NETWORK, "regtest", &e), ==, 0);
	check_int(r.net, ==, FL_NET_REGTEST);
	check_int(fl_txstage_set(&r, FL_TX_O_NETWORK, "moon", &e), ==,
	    FL_EUSAGE);
	check_str(e.msg,
	    "--network: \"moon\" is not main, test, signet or regtest");
	check_int(fl_txstage_set(&r, FL_TX_O_FORMAT, "csv", &e), ==, 0);
	check(r.wallet && r.format == FL_WALLET_CSV);
	check_int(fl_txstage_set(&r, FL_TX_O_FORMAT, "json", &e), ==,
	    FL_EUSAGE);
	check_str(e.msg, "--format: \"json\" is not sendmany or csv");
	check_int(fl_txstage_set(&r, FL_TX_O_KEY, "k", &e), ==, 0);
	check_str(r.key, "k");
	check_int(fl_txstage_set(&r, FL_TX_O_KEY, "", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--key: empty file name");
	check_int(fl_txstage_set(&r, FL_TX_O_LEDGER, "", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--ledger: empty file name");
	check_int(fl_txstage_set(&r, FL_TX_O_UTXOS, "", &e), ==, FL_EUSAGE);
	check_str(e.msg, "--utxos: empty file name");
	check(r.utxos == NULL && r.ledger == NULL);
	check_int(fl_txstage_set(&r, FL_TX_O_CHANGE, CHANGE, &e), ==, 0);
	check_str(r.change, CHANGE);
	check_int(fl_txstage_set(&r, FL_TX_O_FEE_FROM_PAYOUTS, NULL, &e), ==,
	    0);
	check(r.fee_from_payouts);
	check_int(fl_txstage_set(&r, 'x', "", &e), ==, FL_EUSAGE);
}

static void
test_check(void)
{
	/* The defaults. */
	fl_txstage_init(&r);
	check_str(r.payees_path, "-");
	check_int(r.net, ==, FL_NET_MAIN);
	check_int(r.max_fee, ==, -1);
	check_int(r.now, ==, -1);
	check(!r.wallet && r.key == NULL && r.rate == 0);

	/* Required, unless --format. */
	check_int(fl_txstage_check(&r, &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "--utxos, --change and --feerate are required (or --format)");
	check_int(start(0), ==, FL_EUSAGE);
	check_int(start(2), ==, 0);
	check_uint(r.x.o.rate, ==, 2000);
	check_uint(r.x.o.max_weight, ==, FL_FEE_MAX_WEIGHT);
	check_uint(r.x.o.change_dust, ==, 294);
	check(!r.x.o.signing && !r.x.o.fee_from_payouts);
	r.key = "k";
	r.fee_from_payouts = 1;
	check_int(fl_txstage_check(&r, &e), ==, 0);
	check(r.x.o.signing && r.x.o.fee_from_payouts);

	/* Below the minimum relay fee: only when asked for. */
	r.rate = 999;
	check_int(fl_txstage_check(&r, &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "--feerate: 0.999 sat/vB is below the minimum relay fee, 1 "
	    "sat/vB: nodes would not relay it (--allow-low-feerate to use "
	    "it)");
	check_int(fl_txstage_set(&r, FL_TX_O_ALLOW_LOW_FEERATE, NULL, &e), ==,
	    0);
	check_int(fl_txstage_check(&r, &e), ==, 0);
	check_uint(r.x.o.rate, ==, 999);
	r.allow_low = 0;
	r.rate = 1000;
	check_int(fl_txstage_check(&r, &e), ==, 0);

	/* One input at most from standard input. */
	r.key = "-";
	check_int(fl_txstage_check(&r, &e), ==, 0);
	r.utxos = "-";
	check_int(fl_txstage_check(&r, &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "only one of the payees, --utxos and --key can be "
	    "read from standard input");
	r.key = NULL;
	r.payees_path = "-";
	check_int(fl_txstage_check(&r, &e), ==, FL_EUSAGE);

	/* --format takes none of the options of a transaction. */
	fl_txstage_init(&r);
	r.wallet = 1;
	r.format = FL_WALLET_CSV;
	check_int(fl_txstage_check(&r, &e), ==, 0);
	r.max_fee = 1000;
	check_int(fl_txstage_check(&r, &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "--format csv takes no --utxos, --change, --feerate, "
	    "--allow-low-feerate, --key, --ledger, --now, --max-fee or "
	    "--fee-from-payouts");
	r.max_fee = -1;
	r.allow_low = 1;
	check_int(fl_txstage_check(&r, &e), ==, FL_EUSAGE);
	r.allow_low = 0;
	r.format = FL_WALLET_SENDMANY;
	r.now = 0;
	check_int(fl_txstage_check(&r, &e), ==, FL_EUSAGE);
	check(strncmp(e.msg, "--format sendmany takes no ", 27) == 0);

	/* The change address: valid, for the network. */
	check_int(start(2), ==, 0);
	r.change = "bc1qnope";
	check_int(fl_txstage_check(&r, &e), ==, FL_EUSAGE);
	check(strncmp(e.msg, "--change: \"bc1qnope\": ", 22) == 0);
	r.change = CHANGE;
	r.net = FL_NET_REGTEST;
	check_int(fl_txstage_check(&r, &e), ==, FL_EUSAGE);
	check(strncmp(e.msg, "--change: \"" CHANGE "\": ", 55) == 0);
	fl_txstage_free(&r);
}

static void
test_steps(void)
{
	const char *file;
	char *text = NULL, note[FL_TXSTAGE_NOTE_MAX];
	size_t len = 0;
	FILE *out;

	/* No payee is an error, naming the file. */
	check_int(start(2), ==, 0);
	r.payees_path = none;
	check_int(fl_txstage_payees(&r, &file, &e), ==, FL_EDATA);
	check_str(e.msg, "no payees (no row with sat above 0)");
	check_str(file, none);
	/* A file that is not there: its name as given. */
	r.payees_path = "/nonexistent/payees.tsv";
	check_int(fl_txstage_payees(&r, &file, &e), ==, FL_ESYS);
	check_str(file, "/nonexistent/payees.tsv");

	/* A coin that cannot be typed: the coin file and its line. */
	check_int(start(2), ==, 0);
	r.utxos = p2sh;
	check_int(fl_txstage_payees(&r, &file, &e), ==, 0);
	check_int(fl_txstage_plan(&r, &file, &e), ==, FL_EDATA);
	check_str(file, p2sh);
	check_uint(e.line, ==, 2);
	check(strncmp(e.msg, "p2sh coin without its redeem script", 35) == 0);
	/* A key file that is not there: its name. */
	check_int(start(2), ==, 0);
	r.key = "/nonexistent/keys";
	check_int(fl_txstage_check(&r, &e), ==, 0);
	check_int(fl_txstage_payees(&r, &file, &e), ==, 0);
	check_int(fl_txstage_plan(&r, &file, &e), ==, FL_ESYS);
	check_str(file, "/nonexistent/keys");

	/* --max-fee: 0.01 BTC unless given; 100 sat/vB here is more. */
	check_int(start(10000), ==, 0);
	check_int(fl_txstage_payees(&r, &file, &e), ==, 0);
	check_uint(r.x.np, ==, 1);
	check_int(fl_txstage_plan(&r, &file, &e), ==, FL_EDATA);
	check(file == NULL);
	check(strstr(e.msg, " BTC, exceeds --max-fee 0.01000000 BTC") != NULL);
	tap_diag("%s", e.msg);
	check_int(start(10000), ==, 0);
	r.max_fee = FL_COIN;
	check_int(fl_txstage_payees(&r, &file, &e), ==, 0);
	check_int(fl_txstage_plan(&r, &file, &e), ==, 0);
	check_uint(r.plan.ntx, ==, 1);
	check_uint(r.plan.fee, >, FL_TXSTAGE_MAX_FEE);

	/* 2 sat/vB, the clock of --now. */
	check_int(start(2), ==, 0);
	r.now = 1700000000;
	check_int(fl_txstage_payees(&r, &file, &e), ==, 0);
	check_int(fl_txstage_plan(&r, &file, &e), ==, 0);

	/* A transaction: one PSBT line, its note, its rows. */
	out = open_memstream(&text, &len);
	check_int(fl_txstage_tx(&r, 0, out, note, sizeof note, &e), ==, 0);
	fclose(out);
	check(len > 100 && strncmp(text, "cHNidP8B", 8) == 0);
	check(strchr(text, '\n') == text + len - 1);
	check(strncmp(note, "transaction 1: inputs 1, payees 1, change ", 42) ==
	    0);
	check(
	    strstr(note, " vB with the largest signatures, 2 sat/vB") != NULL);
	tap_diag("%s", note);
	check_uint(r.nrows, ==, 1);
	check_str(r.rows[0].address, A1);
	check_uint(r.rows[0].sat, ==, 50000);
	check_int(r.rows[0].time, ==, 1700000000);
	/* No --ledger: nothing to append. */
	check_int(fl_txstage_ledger(&r, &e), ==, 0);
	/* --ledger: its rows, or the ledger's error. */
	r.ledger = "/nonexistent/ledger.tsv";
	check_int(fl_txstage_ledger(&r, &e), ==, FL_ESYS);
	snprintf(ledger, sizeof ledger, "%s/ledger.tsv", dir);
	r.ledger = ledger;
	check_int(fl_txstage_ledger(&r, &e), ==, 0);
	free(text);
	text = NULL;
	out = fopen(ledger, "r");
	check(out != NULL && getdelim(&text, &len, '\0', out) > 0);
	check(text != NULL && strstr(text, "\t0\t" A1 "\t50000\n") != NULL);
	if (out != NULL)
		fclose(out);
	free(text);
	unlink(ledger);
	fl_txstage_free(&r);
	fl_txstage_free(&r);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		abort();
	put(payees, "payees.tsv", "address\tsat\n" A1 "\t50000\n");
	put(none, "none.tsv", "address\tsat\n" A1 "\t0\n");
	put(coins, "coins.tsv",
	    "txid\tvout\tsat\tscript_pubkey\n" TXID
	    "\t0\t1000000000\t0014f613e8ce6b38fda9e9a215f329a818091d571f9b\n");
	put(p2sh, "p2sh.tsv",
	    "txid\tvout\tsat\tscript_pubkey\n" TXID
	    "\t0\t100000\ta9147cddc3c3bad869a8eb04e7624d08f0a58971f2ab87\n");
	test_set();
	test_check();
	test_steps();
	unlink(payees);
	unlink(none);
	unlink(coins);
	unlink(p2sh);
	rmdir(dir);
	return test_done();
}
