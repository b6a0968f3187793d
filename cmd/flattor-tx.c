/* flattor-tx: payees -> transactions (PSBTs, signed hex, or wallet input). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "address.h"
#include "amount.h"
#include "apportion.h"
#include "base64.h"
#include "diag.h"
#include "dust.h"
#include "fee.h"
#include "hash.h"
#include "hex.h"
#include "io.h"
#include "opt.h"
#include "key.h"
#include "ledger.h"
#include "psbt.h"
#include "script.h"
#include "sign.h"
#include "tx.h"
#include "txplan.h"
#include "utxo.h"
#include "version.h"

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
	struct fl_tx tx;
	struct fl_buf buf;
	struct fl_ledger_row *rows;
} st;

static void
release(void)
{
	fl_keys_free(&st.keys);
	if (st.ctx != NULL)
		fl_key_ctx_free(st.ctx);
	st.ctx = NULL;
	fl_utxos_free(&st.coins);
	free(st.payees);
	free(st.types);
	fl_txplan_free(&st.plan);
	fl_tx_free(&st.tx);
	fl_buf_free(&st.buf);
	free(st.rows);
}

static _Noreturn void
die_err(const char *file, const struct fl_err *e)
{
	fl_out_discard();
	release();
	fl_die_err(file, e);
}

static _Noreturn void
die(int status, const char *msg)
{
	fl_out_discard();
	release();
	fl_die(status, "%s", msg);
}

static void
wallet_format(FILE *out, int sendmany)
{
	char amt[32];
	size_t i;

	if (sendmany)
		fputc('{', out);
	for (i = 0; i < st.np; i++) {
		fl_amount_format_btc((int64_t)st.payees[i].sat, amt,
		    sizeof amt);
		if (sendmany)
			fprintf(out, "%s\"%s\":%s", i ? "," : "",
			    st.payees[i].a.text, amt);
		else
			fprintf(out, "%s,%s\n", st.payees[i].a.text, amt);
	}
	if (sendmany)
		fputs("}\n", out);
}

/* Does key k spend coin u (of type t)?  Fills a P2SH coin's redeem. */
static int
key_matches(const struct fl_key *k, struct fl_utxo *u, enum fl_sign_type t)
{
	uint8_t prog[40], spk[42], internal[32], output[32], h[20];
	size_t proglen, n;
	struct fl_err e;

	fl_script_classify(u->spk, u->spk_len, prog, &proglen, NULL);
	switch (t) {
	case FL_SIGN_P2WPKH:
	case FL_SIGN_P2PKH:
		return memcmp(prog, k->keyhash, 20) == 0;
	case FL_SIGN_P2SH_P2WPKH:
		n = fl_script_p2wpkh(k->keyhash, spk);
		fl_hash160(spk, n, h);
		if (memcmp(prog, h, 20) != 0)
			return 0;
		if (u->redeem_len == 0) {
			memcpy(u->redeem, spk, n);
			u->redeem_len = n;
		}
		return 1;
	case FL_SIGN_P2TR:
		if (fl_key_taproot_output(st.ctx, k->sec, internal, output,
			&e) != 0)
			return 0;
		fl_wipe(internal, sizeof internal);
		return memcmp(prog, output, 32) == 0;
	default:
		return 0;
	}
}

static enum fl_sign_type
coin_type(const struct fl_utxo *u)
{
	struct fl_coin c;

	memset(&c, 0, sizeof c);
	c.value = u->value;
	c.spk = u->spk;
	c.spk_len = u->spk_len;
	c.redeem = u->redeem_len ? u->redeem : NULL;
	c.redeem_len = u->redeem_len;
	return fl_sign_type_of(&c);
}

/* "entry N" for a JSON coin, "" for a TSV one (its line says it). */
static const char *
entry(const struct fl_utxo *u)
{
	static char buf[32];

	if (!st.coins.json)
		return "";
	snprintf(buf, sizeof buf, "entry %lu", u->line);
	return buf;
}

/* The input types of the coins; with keys, every coin and key must pair. */
static void
type_coins(const char *name)
{
	struct fl_utxo *u;
	struct fl_err e;
	uint8_t prog[40];
	size_t i, k, proglen;
	unsigned char *used = NULL;
	int any;

	st.types = calloc(st.coins.n ? st.coins.n : 1, sizeof *st.types);
	if (st.keys.n > 0)
		used = calloc(st.keys.n, 1);
	if (st.types == NULL || (st.keys.n > 0 && used == NULL))
		die(FL_EXIT_SYS, "out of memory");
	for (i = 0; i < st.coins.n; i++) {
		u = &st.coins.u[i];
		any = 0;
		if (fl_script_classify(u->spk, u->spk_len, prog, &proglen,
			NULL) == FL_SCRIPT_P2SH &&
		    u->redeem_len == 0) {
			/* A key may tell it is P2SH-P2WPKH. */
			for (k = 0; k < st.keys.n && !any; k++)
				any = key_matches(&st.keys.k[k], u,
				    FL_SIGN_P2SH_P2WPKH);
		}
		st.types[i] = coin_type(u);
		if (st.types[i] == FL_SIGN_UNSUPPORTED) {
			free(used);
			fl_err_setl(&e, FL_EDATA, st.coins.json ? 0 : u->line,
			    0,
			    "%s%sp2sh coin without its redeem script (only "
			    "P2SH-P2WPKH coins are supported: give "
			    "redeem_script, or its key)",
			    entry(u), st.coins.json ? ": " : "");
			die_err(name, &e);
		}
		if (st.keys.n == 0)
			continue;
		for (any = 0, k = 0; k < st.keys.n; k++)
			if (key_matches(&st.keys.k[k], u, st.types[i])) {
				used[k] = 1;
				any = 1;
			}
		if (!any) {
			char txid[65];

			free(used);
			fl_txid_hex(u->txid, txid);
			fl_err_setl(&e, FL_EDATA, st.coins.json ? 0 : u->line,
			    0, "%s%sno key for coin %s:%u (%s)", entry(u),
			    st.coins.json ? ": " : "", txid, (unsigned)u->vout,
			    fl_sign_type_name(st.types[i]));
			die_err(name, &e);
		}
	}
	for (k = 0; k < st.keys.n; k++)
		if (!used[k]) {
			free(used);
			fl_err_set(&e, FL_EDATA,
			    "key %zu of the key file matches no coin", k + 1);
			die_err(NULL, &e);
		}
	free(used);
}

static enum fl_sign_type
spend_type(enum fl_addr_type t)
{
	switch (t) {
	case FL_ADDR_P2PKH:
		return FL_SIGN_P2PKH;
	case FL_ADDR_P2SH:
		return FL_SIGN_P2SH_P2WPKH;
	case FL_ADDR_P2TR:
		return FL_SIGN_P2TR;
	default:
		/* P2WPKH; a P2WSH change is priced as one, a guess that
		 * only sets the window of branch and bound. */
		return FL_SIGN_P2WPKH;
	}
}

/* The coins of t's inputs, for lib/sign and the sums. */
static struct fl_coin *
tx_coins(const struct fl_txplan_tx *t)
{
	struct fl_coin *c;
	const struct fl_utxo *u;
	size_t i;

	c = calloc(t->nin, sizeof *c);
	if (c == NULL)
		die(FL_EXIT_SYS, "out of memory");
	for (i = 0; i < t->nin; i++) {
		u = &st.coins.u[t->in[i]];
		c[i].value = u->value;
		c[i].spk = u->spk;
		c[i].spk_len = u->spk_len;
		c[i].redeem = u->redeem_len ? u->redeem : NULL;
		c[i].redeem_len = u->redeem_len;
	}
	return c;
}

/*
 * The last checks before anything is printed: inputs = outputs + fee,
 * every output at or above its dust threshold, the weight within limits.
 */
static void
check_tx(size_t n, const struct fl_txplan_tx *t, const struct fl_coin *c,
    const struct fl_txplan_opts *o, uint64_t weight)
{
	uint64_t in = 0, out = 0;
	size_t i;
	char msg[256];

	for (i = 0; i < t->nin; i++)
		in += c[i].value;
	for (i = 0; i < st.tx.nout; i++)
		out += st.tx.out[i].value;
	for (i = 0; i < t->npay; i++)
		if (st.tx.out[i].value < st.payees[t->first + i].dust)
			goto fail;
	if (t->change > 0 && st.tx.out[t->npay].value < o->change_dust)
		goto fail;
	if (in != out + t->fee || weight > FL_FEE_MAX_WEIGHT)
		goto fail;
	return;
fail:
	snprintf(msg, sizeof msg,
	    "internal error: transaction %zu failed its final check", n + 1);
	die(FL_EXIT_SYS, msg);
}

/* What we print, our own strict decoder and BIP-174's signer checks take. */
static void
self_check_psbt(size_t n)
{
	struct fl_psbt p;
	struct fl_err e;
	size_t k;
	int rc;
	char msg[600];

	rc = fl_psbt_decode(st.buf.p, st.buf.len, &p, &e);
	for (k = 0; rc == 0 && k < p.tx.nin; k++)
		rc = fl_psbt_check_input(&p, k, &e);
	fl_psbt_free(&p);
	if (rc == 0)
		return;
	snprintf(msg, sizeof msg, "internal error: PSBT %zu: %s", n + 1, e.msg);
	die(FL_EXIT_SYS, msg);
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
	const char *format = NULL, *uname, *kname;
	enum fl_network net = FL_NET_MAIN;
	struct fl_txplan_opts o;
	struct fl_address ca;
	uint64_t seen = 0;
	struct fl_err e;
	struct fl_coin *c;
	struct fl_psbt_in_data *pin;
	int64_t max_fee = FL_COIN / 100, now = -1;
	int max_fee_given = 0;
	uint64_t vsize, weight;
	size_t i, k, nrows = 0, npaid = 0;
	char *text, hexbuf[65], r1[32], r2[32];
	size_t textlen;
	FILE *in, *out;
	int ch, rc, pass;

	fl_prog_set(argv);
	memset(&o, 0, sizeof o);
	fl_tx_init(&st.tx);
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
			if (strcmp(optarg, "sendmany") != 0 &&
			    strcmp(optarg, "csv") != 0)
				fl_die(FL_EXIT_USAGE,
				    "--format: \"%s\" is not sendmany or csv",
				    optarg);
			format = optarg;
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
			if (fl_time_parse(optarg, &now, &e) != 0)
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
	if (format != NULL) {
		if (utxos || change || rate_text || key_path || ledger ||
		    o.fee_from_payouts || now >= 0 || max_fee_given)
			fl_die(FL_EXIT_USAGE,
			    "--format %s takes no --utxos, --change, "
			    "--feerate, --key, --ledger, --now, --max-fee or "
			    "--fee-from-payouts",
			    format);
	} else if (utxos == NULL || change == NULL || rate_text == NULL) {
		fl_die(FL_EXIT_USAGE,
		    "--utxos, --change and --feerate are required (or "
		    "--format)");
	}
	if (change != NULL) {
		if (fl_address_decode(change, net, 0, &ca, NULL, &e) != 0)
			fl_die(FL_EXIT_USAGE, "--change: \"%s\": %s", change,
			    e.msg);
		if (fl_dust_threshold(fl_addr_type_name(ca.type),
			&o.change_dust, &e) != 0)
			fl_die(FL_EXIT_USAGE,
			    "--change: unsupported address type \"%s\"",
			    fl_addr_type_name(ca.type));
		o.change_spk = ca.spk;
		o.change_spk_len = ca.spklen;
		o.change_type = spend_type(ca.type);
	}
	o.max_weight = FL_FEE_MAX_WEIGHT;

	/* The payees. */
	if ((in = fl_open_in(path, &name, &e)) == NULL)
		die_err(path, &e);
	rc = fl_payees_read(in, net, &st.payees, &st.np, &e);
	fl_close_in(in);
	if (rc != 0)
		die_err(name, &e);
	if (st.np == 0) {
		fl_err_set(&e, FL_EDATA, "no payees (no row with sat above 0)");
		die_err(name, &e);
	}
	if ((out = fl_out_open()) == NULL)
		die(FL_EXIT_SYS, "out of memory");
	if (format != NULL) {
		wallet_format(out, strcmp(format, "sendmany") == 0);
		release();
		return fl_out_commit() ? FL_EXIT_SYS : 0;
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
	if ((in = fl_open_in(utxos, &uname, &e)) == NULL)
		die_err(utxos, &e);
	rc = fl_utxos_read(in, net, &st.coins, &e);
	fl_close_in(in);
	if (rc != 0)
		die_err(uname, &e);
	type_coins(uname);

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
		uint8_t txid[32];

		c = tx_coins(t);
		for (pass = 0;; pass++) {
			fl_tx_free(&st.tx);
			if (fl_txplan_build(t, st.payees, st.coins.u, &o,
				&st.tx, &e) != 0) {
				free(c);
				die_err(NULL, &e);
			}
			if (key_path == NULL)
				break;
			if (fl_sign_tx(st.ctx, &st.tx, c, &st.keys, &e) != 0) {
				free(c);
				die_err(NULL, &e);
			}
			vsize = fl_tx_vsize(&st.tx);
			rc = fl_txplan_refee(t, st.payees, st.coins.u, &o,
			    vsize, &e);
			if (rc < 0) {
				free(c);
				die_err(NULL, &e);
			}
			if (rc == 0)
				break;
			if (pass == 4) {
				free(c);
				die(FL_EXIT_SYS,
				    "internal error: the fee does not settle");
			}
		}
		weight = key_path ? fl_tx_weight(&st.tx) : t->weight;
		vsize = fl_fee_vsize(weight);
		check_tx(i, t, c, &o, weight);
		/* Never below the rate; above rate + 1 only when said so. */
		if (t->fee < fl_fee_for(vsize, o.rate))
			die(FL_EXIT_SYS,
			    "internal error: a fee below the rate");
		/* Judged on the size printed, not the plan's estimate. */
		t->over_rate = !fl_fee_in_range(t->fee, vsize, o.rate);
		free(c);
		if (fl_tx_txid(&st.tx, txid, &e) != 0)
			die_err(NULL, &e);
		fl_buf_clear(&st.buf);
		if (key_path != NULL) {
			rc = fl_tx_serialize(&st.tx, 1, &st.buf, &e);
			for (k = 0; rc == 0 && k < st.buf.len; k++)
				fprintf(out, "%02x", st.buf.p[k]);
			fputc('\n', out);
		} else {
			pin = calloc(t->nin, sizeof *pin);
			if (pin == NULL)
				die(FL_EXIT_SYS, "out of memory");
			for (k = 0; k < t->nin; k++) {
				const struct fl_utxo *u = &st.coins.u[t->in[k]];
				enum fl_sign_type ty = st.types[t->in[k]];

				pin[k].prev_tx =
				    ty != FL_SIGN_P2TR ? u->prev_tx : NULL;
				pin[k].prev_tx_len = u->prev_tx_len;
				pin[k].witness = ty != FL_SIGN_P2PKH;
				pin[k].value = u->value;
				pin[k].spk = u->spk;
				pin[k].spk_len = u->spk_len;
				pin[k].redeem =
				    u->redeem_len ? u->redeem : NULL;
				pin[k].redeem_len = u->redeem_len;
				pin[k].pubkey = u->pubkey;
				pin[k].pubkey_len = u->pubkey_len;
				pin[k].has_origin = u->has_origin;
				pin[k].fingerprint = u->fingerprint;
				pin[k].path = u->path;
				pin[k].path_len = u->path_len;
			}
			rc = fl_psbt_encode(&st.tx, pin, &st.buf, &e);
			free(pin);
			if (rc == 0)
				self_check_psbt(i);
			if (rc == 0) {
				char *b64 =
				    malloc(FL_BASE64_LEN(st.buf.len) + 1);

				if (b64 == NULL)
					die(FL_EXIT_SYS, "out of memory");
				fl_base64_encode(st.buf.p, st.buf.len, b64);
				fprintf(out, "%s\n", b64);
				free(b64);
			}
		}
		if (rc != 0)
			die_err(NULL, &e);
		fl_txid_hex(txid, hexbuf);
		for (k = 0; k < t->npay; k++, nrows++) {
			st.rows[nrows].time = now;
			memcpy(st.rows[nrows].txid, hexbuf, 65);
			st.rows[nrows].vout = (uint32_t)k;
			st.rows[nrows].address = st.payees[t->first + k].a.text;
			st.rows[nrows].sat = t->pay[k];
		}
		npaid += t->npay;
		fl_fee_rate_format((uint64_t)(((fl_u128)t->fee * 1000 + vsize -
						  1) /
				       vsize),
		    r1, sizeof r1);
		fl_warn("transaction %zu: inputs %zu, payees %zu, change %llu "
			"sat, fee %llu sat, %llu vB%s, %s sat/vB%s",
		    i + 1, t->nin, t->npay, (unsigned long long)t->change,
		    (unsigned long long)t->fee, (unsigned long long)vsize,
		    key_path ? "" : " with the largest signatures", r1,
		    t->over_rate ? " (above the rate: the change would have "
				   "been dust)"
				 : "");
	}
	if (ledger != NULL && fl_ledger_append(ledger, st.rows, nrows, &e) != 0)
		die_err(ledger, &e);
	release();
	return fl_out_commit() ? FL_EXIT_SYS : 0;
}
