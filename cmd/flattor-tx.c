/* flattor-tx: payees -> transactions (PSBTs, signed hex, or wallet input). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "address.h"
#include "amount.h"
#include "timestamp.h"
#include "base64.h"
#include "diag.h"
#include "fee.h"
#include "input.h"
#include "outbuf.h"
#include "secret.h"
#include "opt.h"
#include "key.h"
#include "ledger.h"
#include "sign.h"
#include "txbuild.h"
#include "txplan.h"
#include "utxo.h"
#include "version.h"
#include "wallet.h"

static const char usage_text[] =
    "usage: flattor-tx --utxos FILE --change ADDRESS --feerate SAT/VB\n"
    "       [--network NET] [--key FILE] [--fee-from-payouts]\n"
    "       [--max-fee AMOUNT] [--ledger FILE] [--now TIME] [FILE]\n"
    "       flattor-tx --format sendmany|csv [--network NET] [FILE]\n";

static _Noreturn void
usage(void)
{
	fputs(usage_text, stderr);
	exit(FL_EXIT_USAGE);
}

/* Everything main() holds, so that one function can release it. */
static struct state {
	secp256k1_context *ctx;
	struct fl_keys keys;
	struct fl_utxos coins;
	struct fl_payee *payees;
	size_t np;
	enum fl_sign_type *types;
	struct fl_txplan plan;
	struct fl_txbuild b;
	struct fl_ledger_row *rows;
} st;

static void
release(void)
{
	fl_keys_free(&st.keys);
	if (st.ctx != NULL)
		fl_key_ctx_free(st.ctx);
	st.ctx = NULL;
	fl_utxo_free(&st.coins);
	free(st.payees);
	free(st.types);
	fl_txplan_free(&st.plan);
	fl_txbuild_free(&st.b);
	free(st.rows);
}

static _Noreturn void
die_err(const char *file, const struct fl_err *e)
{
	fl_outbuf_discard();
	release();
	fl_die_err(file, e);
}

static _Noreturn void
die(int status, const char *msg)
{
	fl_outbuf_discard();
	release();
	fl_die(status, "%s", msg);
}

int
main(int argc, char *argv[])
{
	enum {
		O_CHANGE = 256,
		O_FEE_FROM_PAYOUTS,
		O_FEERATE,
		O_FORMAT,
		O_HELP,
		O_KEY,
		O_LEDGER,
		O_MAX_FEE,
		O_NETWORK,
		O_NOW,
		O_UTXOS,
		O_VERSION
	};
	static const struct option longopts[] = {
	    {"change", required_argument, NULL, O_CHANGE},
	    {"fee-from-payouts", no_argument, NULL, O_FEE_FROM_PAYOUTS},
	    {"feerate", required_argument, NULL, O_FEERATE},
	    {"format", required_argument, NULL, O_FORMAT},
	    {"help", no_argument, NULL, O_HELP},
	    {"key", required_argument, NULL, O_KEY},
	    {"ledger", required_argument, NULL, O_LEDGER},
	    {"max-fee", required_argument, NULL, O_MAX_FEE},
	    {"network", required_argument, NULL, O_NETWORK},
	    {"now", required_argument, NULL, O_NOW},
	    {"utxos", required_argument, NULL, O_UTXOS},
	    {"version", no_argument, NULL, O_VERSION},
	    {NULL, 0, NULL, 0},
	};
	const char *path = "-", *name, *utxos = NULL, *change = NULL;
	const char *rate_text = NULL, *key_path = NULL, *ledger = NULL;
	const char *uname, *kname;
	enum fl_network net = FL_NET_MAIN;
	enum fl_wallet_format format = FL_WALLET_SENDMANY;
	int formatted = 0;
	struct fl_txplan_opts o;
	struct fl_address ca;
	uint64_t seen = 0;
	struct fl_err e;
	int64_t max_fee = FL_COIN / 100, now = -1;
	int max_fee_given = 0;
	size_t i, k, nrows = 0;
	char *text, r1[32], r2[32];
	size_t textlen;
	FILE *in, *out;
	int ch, rc;

	fl_prog_set(argv);
	memset(&o, 0, sizeof o);
	fl_txbuild_init(&st.b);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (fl_opt_once(longopts, ch, NULL, &seen, &e) != 0)
			fl_die(FL_EXIT_USAGE, "%s", e.msg);
		switch (ch) {
		case O_CHANGE:
			change = optarg;
			break;
		case O_FEE_FROM_PAYOUTS:
			o.fee_from_payouts = 1;
			break;
		case O_FEERATE:
			rate_text = optarg;
			if (fl_fee_rate_parse(optarg, &o.rate, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--feerate: %s", e.msg);
			break;
		case O_FORMAT:
			if (fl_wallet_format_parse(optarg, &format) != 0)
				fl_die(FL_EXIT_USAGE,
				    "--format: \"%s\" is not sendmany or csv",
				    optarg);
			formatted = 1;
			break;
		case O_HELP:
			fputs(usage_text, stdout);
			return fl_fshut(stdout, "<stdout>") ? FL_EXIT_SYS : 0;
		case O_KEY:
			if (optarg[0] == '\0')
				fl_die(FL_EXIT_USAGE, "--key: empty file name");
			key_path = optarg;
			break;
		case O_LEDGER:
			if (optarg[0] == '\0')
				fl_die(FL_EXIT_USAGE,
				    "--ledger: empty file name");
			ledger = optarg;
			break;
		case O_MAX_FEE:
			max_fee_given = 1;
			if (fl_amount_parse(optarg, &max_fee, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--max-fee: %s", e.msg);
			break;
		case O_NETWORK:
			if (fl_network_parse(optarg, &net) != 0)
				fl_die(FL_EXIT_USAGE,
				    "--network: \"%s\" is not main, test, "
				    "signet or regtest",
				    optarg);
			break;
		case O_NOW:
			if (fl_timestamp_parse(optarg, &now, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--now: %s", e.msg);
			break;
		case O_UTXOS:
			if (optarg[0] == '\0')
				fl_die(FL_EXIT_USAGE,
				    "--utxos: empty file name");
			utxos = optarg;
			break;
		case O_VERSION:
			return fl_version_print();
		default:
			usage();
		}
	}
	if (fl_opt_operand(argc, argv, optind, &path, &e) != 0) {
		fl_warn_err(NULL, &e);
		usage();
	}
	if ((key_path != NULL && strcmp(key_path, "-") == 0) +
		(utxos != NULL && strcmp(utxos, "-") == 0) +
		(strcmp(path, "-") == 0) >
	    1)
		fl_die(FL_EXIT_USAGE,
		    "only one of the payees, --utxos and --key can be read "
		    "from "
		    "standard input");
	if (formatted) {
		if (utxos || change || rate_text || key_path || ledger ||
		    o.fee_from_payouts || now >= 0 || max_fee_given)
			fl_die(FL_EXIT_USAGE,
			    "--format %s takes no --utxos, --change, "
			    "--feerate, --key, --ledger, --now, --max-fee or "
			    "--fee-from-payouts",
			    format == FL_WALLET_SENDMANY ? "sendmany" : "csv");
	} else if (utxos == NULL || change == NULL || rate_text == NULL) {
		fl_die(FL_EXIT_USAGE,
		    "--utxos, --change and --feerate are required (or "
		    "--format)");
	}
	if (change != NULL) {
		if (fl_address_decode(change, net, 0, &ca, NULL, &e) != 0)
			fl_die(FL_EXIT_USAGE, "--change: \"%s\": %s", change,
			    e.msg);
		if (fl_txplan_set_change(&o, &ca, &e) != 0)
			fl_die(FL_EXIT_USAGE, "--change: %s", e.msg);
	}
	o.max_weight = FL_FEE_MAX_WEIGHT;

	/* The payees. */
	if ((in = fl_input_open(path, &name, &e)) == NULL)
		die_err(path, &e);
	rc = fl_payees_read(in, net, &st.payees, &st.np, &e);
	fl_input_close(in);
	if (rc != 0)
		die_err(name, &e);
	if (st.np == 0) {
		fl_err_set(&e, FL_EDATA, "no payees (no row with sat above 0)");
		die_err(name, &e);
	}
	if ((out = fl_outbuf_open()) == NULL)
		die(FL_EXIT_SYS, "out of memory");
	if (formatted) {
		fl_wallet_write(out, format, st.payees, st.np);
		release();
		return fl_outbuf_commit() ? FL_EXIT_SYS : 0;
	}

	/* The keys, then the coins. */
	if (key_path != NULL) {
		if ((st.ctx = fl_key_ctx_new(&e)) == NULL)
			die_err(NULL, &e);
		kname = strcmp(key_path, "-") == 0 ? "<stdin>" : key_path;
		rc = fl_secret_read(key_path, &text, &textlen, &e);
		if (rc != 0)
			die_err(kname, &e);
		rc = fl_keys_parse(st.ctx, text, textlen,
		    net == FL_NET_MAIN ? FL_KEY_MAIN : FL_KEY_TEST, &st.keys,
		    &e);
		fl_secret_free(text);
		if (rc != 0)
			die_err(kname, &e);
		o.signing = 1;
	}
	if ((in = fl_input_open(utxos, &uname, &e)) == NULL)
		die_err(utxos, &e);
	rc = fl_utxo_read(in, net, &st.coins, &e);
	fl_input_close(in);
	if (rc != 0)
		die_err(uname, &e);
	st.types = calloc(st.coins.n ? st.coins.n : 1, sizeof *st.types);
	if (st.types == NULL)
		die(FL_EXIT_SYS, "out of memory");
	if (fl_txplan_type_coins(st.ctx, &st.keys, &st.coins, st.types, &e) !=
	    0)
		die_err(uname, &e);
	if (fl_txplan_keys_used(st.ctx, &st.keys, &st.coins, st.types, &e) != 0)
		die_err(NULL, &e);

	/* The plan, then each transaction. */
	if (fl_txplan_make(st.payees, st.np, st.coins.u, st.types, st.coins.n,
		&o, &st.plan, &e) != 0)
		die_err(e.line ? name : NULL, &e);
	if (st.plan.fee > (uint64_t)max_fee) {
		fl_amount_format_btc((int64_t)st.plan.fee, r1, sizeof r1);
		fl_amount_format_btc(max_fee, r2, sizeof r2);
		fl_err_set(&e, FL_EDATA,
		    "the fee, %s BTC, exceeds --max-fee %s BTC", r1, r2);
		die_err(NULL, &e);
	}
	st.rows = calloc(st.np, sizeof *st.rows);
	if (st.rows == NULL)
		die(FL_EXIT_SYS, "out of memory");
	if (now < 0)
		now = (int64_t)time(NULL);
	for (i = 0; i < st.plan.ntx; i++) {
		struct fl_txplan_tx *t = &st.plan.tx[i];

		if (fl_txbuild_make(i, t, st.payees, st.coins.u, st.types, &o,
			st.ctx, key_path ? &st.keys : NULL, &st.b, &e) != 0)
			die_err(NULL, &e);
		if (key_path != NULL) {
			for (k = 0; k < st.b.bytes.len; k++)
				fprintf(out, "%02x", st.b.bytes.p[k]);
			fputc('\n', out);
		} else {
			char *b64 = malloc(FL_BASE64_LEN(st.b.bytes.len) + 1);

			if (b64 == NULL)
				die(FL_EXIT_SYS, "out of memory");
			fl_base64_encode(st.b.bytes.p, st.b.bytes.len, b64);
			fprintf(out, "%s\n", b64);
			free(b64);
		}
		fl_txbuild_rows(t, st.payees, st.b.txid, now, st.rows + nrows);
		nrows += t->npay;
		fl_fee_rate_format(st.b.rate, r1, sizeof r1);
		fl_warn("transaction %zu: inputs %zu, payees %zu, change %llu "
			"sat, fee %llu sat, %llu vB%s, %s sat/vB%s",
		    i + 1, t->nin, t->npay, (unsigned long long)t->change,
		    (unsigned long long)t->fee, (unsigned long long)st.b.vsize,
		    key_path ? "" : " with the largest signatures", r1,
		    t->over_rate ? " (above the rate: the change would have "
				   "been dust)"
				 : "");
	}
	if (ledger != NULL && fl_ledger_append(ledger, st.rows, nrows, &e) != 0)
		die_err(ledger, &e);
	release();
	return fl_outbuf_commit() ? FL_EXIT_SYS : 0;
}
