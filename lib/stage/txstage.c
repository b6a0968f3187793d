#include "txstage.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base64.h"
#include "fee.h"
#include "input.h"
#include "secret.h"
#include "timestamp.h"
#include "key.h"
#include "keymatch.h"
#include "outbuf.h"
#include "ledgerlock.h"

void
fl_txstage_init(struct fl_txstage *r)
{
	memset(r, 0, sizeof *r);
	r->payees_path = "-";
	r->net = FL_NET_MAIN;
	r->max_fee = -1;
	r->now = -1;
	fl_txctx_init(&r->x);
	fl_txbuild_init(&r->b);
}

void
fl_txstage_free(struct fl_txstage *r)
{
	fl_txctx_free(&r->x);
	fl_txplan_free(&r->plan);
	fl_txbuild_free(&r->b);
	free(r->rows);
	r->rows = NULL;
	r->nrows = 0;
}

static int
is_stdin(const char *path)
{
	return path != NULL && strcmp(path, "-") == 0;
}

/* A file name that must not be empty. */
static int
path_arg(const char **to, const char *opt, const char *arg, struct fl_err *e)
{
	if (arg[0] == '\0')
		return fl_err_set(e, FL_EUSAGE, "--%s: empty file name", opt);
	*to = arg;
	return 0;
}

int
fl_txstage_set(struct fl_txstage *r, int opt, const char *arg, struct fl_err *e)
{
	struct fl_err e2;

	switch (opt) {
	case FL_TX_O_CHANGE:
		r->change = arg;
		return 0;
	case FL_TX_O_FEE_FROM_PAYOUTS:
		r->fee_from_payouts = 1;
		return 0;
	case FL_TX_O_FEERATE:
		if (fl_fee_rate_parse(arg, &r->rate, &e2) != 0)
			return fl_err_set(e, FL_EUSAGE, "--feerate: %s",
			    e2.msg);
		return 0;
	case FL_TX_O_FORMAT:
		if (fl_wallet_format_parse(arg, &r->format) != 0)
			return fl_err_set(e, FL_EUSAGE,
			    "--format: \"%s\" is not sendmany or csv", arg);
		r->wallet = 1;
		return 0;
	case FL_TX_O_KEY:
		return path_arg(&r->key, "key", arg, e);
	case FL_TX_O_LEDGER:
		return path_arg(&r->ledger, "ledger", arg, e);
	case FL_TX_O_MAX_FEE:
		if (fl_amount_parse(arg, &r->max_fee, &e2) != 0)
			return fl_err_set(e, FL_EUSAGE, "--max-fee: %s",
			    e2.msg);
		return 0;
	case FL_TX_O_NETWORK:
		if (fl_network_parse(arg, &r->net) != 0)
			return fl_err_set(e, FL_EUSAGE,
			    "--network: \"%s\" is not main, test, signet or "
			    "regtest",
			    arg);
		return 0;
	case FL_TX_O_NOW:
		if (fl_timestamp_parse(arg, &r->now, &e2) != 0)
			return fl_err_set(e, FL_EUSAGE, "--now: %s", e2.msg);
		return 0;
	case FL_TX_O_UTXOS:
		return path_arg(&r->utxos, "utxos", arg, e);
	case FL_TX_O_ALLOW_LOW_FEERATE:
		r->allow_low = 1;
		return 0;
	default:
		return fl_err_set(e, FL_EUSAGE, "unknown option");
	}
}

int
fl_txstage_check(struct fl_txstage *r, struct fl_err *e)
{
	struct fl_txopts *o = &r->x.o;
	struct fl_err e2;
	char rate[32];

	if (is_stdin(r->key) + is_stdin(r->utxos) + is_stdin(r->payees_path) >
	    1)
		return fl_err_set(e, FL_EUSAGE,
		    "only one of the payees, --utxos and --key can be read "
		    "from standard input");
	if (r->wallet) {
		if (r->utxos || r->change || r->rate || r->key || r->ledger ||
		    r->fee_from_payouts || r->now >= 0 || r->max_fee >= 0 ||
		    r->allow_low)
			return fl_err_set(e, FL_EUSAGE,
			    "--format %s takes no --utxos, --change, "
			    "--feerate, --allow-low-feerate, --key, --ledger, "
			    "--now, --max-fee or --fee-from-payouts",
			    r->format == FL_WALLET_SENDMANY ? "sendmany"
							    : "csv");
	} else if (r->utxos == NULL || r->change == NULL || r->rate == 0) {
		return fl_err_set(e, FL_EUSAGE,
		    "--utxos, --change and --feerate are required (or "
		    "--format)");
	} else if (r->rate < FL_TXSTAGE_MIN_RATE && !r->allow_low) {
		fl_fee_rate_format(r->rate, rate, sizeof rate);
		return fl_err_set(e, FL_EUSAGE,
		    "--feerate: %s sat/vB is below the minimum relay fee, 1 "
		    "sat/vB: nodes would not relay it (--allow-low-feerate to "
		    "use it)",
		    rate);
	}
	memset(o, 0, sizeof *o);
	o->rate = r->rate;
	o->fee_from_payouts = r->fee_from_payouts;
	o->signing = r->key != NULL;
	o->max_weight = FL_FEE_MAX_WEIGHT;
	if (r->change != NULL) {
		if (fl_address_decode(r->change, r->net, 0, &r->change_addr,
			NULL, &e2) != 0)
			return fl_err_set(e, FL_EUSAGE, "--change: \"%s\": %s",
			    r->change, e2.msg);
		if (fl_txctx_set_change(o, &r->change_addr, &e2) != 0)
			return fl_err_set(e, FL_EUSAGE, "--change: %s", e2.msg);
	}
	return 0;
}

int
fl_txstage_payees(struct fl_txstage *r, const char **file, struct fl_err *e)
{
	FILE *in;
	int rc;

	*file = r->payees_path;
	if ((in = fl_input_open(r->payees_path, &r->payees_name, e)) == NULL)
		return e->code;
	*file = r->payees_name;
	rc = fl_payees_read(in, r->net, &r->x.payees, &r->x.np, e);
	fl_input_close(in);
	if (rc != 0)
		return rc;
	if (r->x.np == 0)
		return fl_err_set(e, FL_EDATA,
		    "no payees (no row with sat above 0)");
	return 0;
}

/* The keys of --key, wiped from the text they were read from. */
static int
read_keys(struct fl_txstage *r, const char **file, struct fl_err *e)
{
	char *text;
	size_t len;
	int rc;

	*file = NULL;
	if ((r->x.secp = fl_key_ctx_new(e)) == NULL)
		return e->code;
	*file = is_stdin(r->key) ? "<stdin>" : r->key;
	rc = fl_secret_read(r->key, &text, &len, e);
	if (rc != 0)
		return rc;
	rc = fl_keys_parse(r->x.secp, text, len,
	    r->net == FL_NET_MAIN ? FL_KEY_MAIN : FL_KEY_TEST, &r->x.keys, e);
	fl_secret_free(text);
	return rc;
}

int
fl_txstage_plan(struct fl_txstage *r, const char **file, struct fl_err *e)
{
	struct fl_txctx *x = &r->x;
	int64_t max_fee = r->max_fee >= 0 ? r->max_fee : FL_TXSTAGE_MAX_FEE;
	char fee[32], max[32];
	FILE *in;
	int rc;

	if (r->key != NULL && (rc = read_keys(r, file, e)) != 0)
		return rc;
	*file = r->utxos;
	if ((in = fl_input_open(r->utxos, &r->utxos_name, e)) == NULL)
		return e->code;
	*file = r->utxos_name;
	rc = fl_utxo_read(in, r->net, &x->coins, e);
	fl_input_close(in);
	if (rc != 0)
		return rc;
	x->types = calloc(x->coins.n ? x->coins.n : 1, sizeof *x->types);
	if (x->types == NULL) {
		*file = NULL;
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	}
	if ((rc = fl_keymatch_type_coins(x, e)) != 0)
		return rc;
	*file = NULL;
	if ((rc = fl_keymatch_keys_used(x, e)) != 0)
		return rc;
	if ((rc = fl_txplan_make(x, &r->plan, e)) != 0) {
		/* Only an error about one payee names a line. */
		*file = e->line ? r->payees_name : NULL;
		return rc;
	}
	if (r->plan.fee > (uint64_t)max_fee) {
		fl_amount_format_btc((int64_t)r->plan.fee, fee, sizeof fee);
		fl_amount_format_btc(max_fee, max, sizeof max);
		return fl_err_set(e, FL_EDATA,
		    "the fee, %s BTC, exceeds --max-fee %s BTC", fee, max);
	}
	r->rows = calloc(x->np, sizeof *r->rows);
	if (r->rows == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	if (r->now < 0)
		r->now = (int64_t)time(NULL);
	return 0;
}

int
fl_txstage_tx(struct fl_txstage *r, size_t n, FILE *out, char *note, size_t len,
    struct fl_err *e)
{
	struct fl_txplan_tx *t = &r->plan.tx[n];
	struct fl_txbuild *b = &r->b;
	char rate[32], *b64;
	size_t k;
	int rc;

	if ((rc = fl_txbuild_make(&r->x, n, t, b, e)) != 0)
		return rc;
	if (r->x.o.signing) {
		for (k = 0; k < b->bytes.len; k++)
			fprintf(out, "%02x", b->bytes.p[k]);
		fputc('\n', out);
	} else {
		if ((b64 = malloc(FL_BASE64_LEN(b->bytes.len) + 1)) == NULL)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		fl_base64_encode(b->bytes.p, b->bytes.len, b64);
		fprintf(out, "%s\n", b64);
		free(b64);
	}
	fl_txbuild_rows(&r->x, t, b->txid, r->now, r->rows + r->nrows);
	r->nrows += t->npay;
	fl_fee_rate_format(b->rate, rate, sizeof rate);
	snprintf(note, len,
	    "transaction %zu: inputs %zu, payees %zu, change %llu sat, fee "
	    "%llu sat, %llu vB%s, %s sat/vB%s",
	    n + 1, t->nin, t->npay, (unsigned long long)t->change,
	    (unsigned long long)t->fee, (unsigned long long)b->vsize,
	    r->x.o.signing ? "" : " with the largest signatures", rate,
	    t->over_rate ? " (above the rate: the change would have been dust)"
			 : "");
	return 0;
}

int
fl_txstage_ledger(struct fl_txstage *r, struct fl_err *e)
{
	struct fl_ledgerlock lock;
	int rc;

	if (r->ledger == NULL)
		return 0;
	/* Not while another round reads or appends (lib/ledgerlock). */
	if ((rc = fl_ledgerlock_take(&lock, r->ledger, FL_LEDGERLOCK_CREATE,
		 e)) == 0)
		rc = fl_ledger_append(r->ledger, r->rows, r->nrows, e);
	fl_ledgerlock_release(&lock);
	return rc;
}

static void
run_free(void *arg)
{
	fl_txstage_free(arg);
}

int
fl_txstage_run(struct fl_stage *st, struct fl_txstage *r)
{
	char note[FL_TXSTAGE_NOTE_MAX];
	const char *file;
	struct fl_err e;
	FILE *out;
	size_t i;
	int rc;

	fl_stage_on_exit(st, run_free, r);
	if ((out = fl_outbuf_open()) == NULL)
		fl_stage_die(st, FL_EXIT_SYS, "out of memory");
	if (fl_txstage_payees(r, &file, &e) != 0)
		fl_stage_die_err(st, file, &e);
	if (r->wallet)
		fl_wallet_write(out, r->format, r->x.payees, r->x.np);
	else if (fl_txstage_plan(r, &file, &e) != 0)
		fl_stage_die_err(st, file, &e);
	for (i = 0; i < r->plan.ntx; i++) {
		if (fl_txstage_tx(r, i, out, note, sizeof note, &e) != 0)
			fl_stage_die_err(st, NULL, &e);
		fl_warn("%s", note);
	}
	if (r->ledger == NULL)
		return fl_stage_finish(st);
	/*
	 * The ledger and stdout change together, or neither: what would make
	 * the append fail is checked first, then the transactions are
	 * printed, and only then recorded.  A payment recorded but never
	 * printed would lower the next caps for nothing; one printed and not
	 * recorded is told loudly, below.
	 */
	if (fl_ledger_check(r->ledger, &e) != 0)
		fl_stage_die_err(st, r->ledger, &e);
	if ((rc = fl_stage_commit(st)) != 0)
		fl_stage_exit(st, rc);
	if (fl_txstage_ledger(r, &e) != 0) {
		fl_warn_err(r->ledger, &e);
		fl_stage_die(st, fl_exit_code(e.code),
		    "the transactions printed are not recorded in the ledger: "
		    "add their rows before broadcasting them, or flattor-cap "
		    "will not count them");
	}
	return fl_stage_finish(st);
}
