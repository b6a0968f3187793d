#include <stdlib.h>
#include <string.h>

#include "fee.h"
#include "hash.h"
#include "psbt.h"
#include "script.h"
#include "tap.h"
#include "keymatch.h"
#include "txbuild.h"

#define CHANGE "bc1qcfcpad2l0mpmsw22hjxj865gk9lclp8w08zzlc"

static secp256k1_context *ctx;
static struct fl_keys ks;
static struct fl_payee p[2];
static struct fl_utxo c[2];
static struct fl_utxos cs = {c, 2, 0};
static enum fl_sign_type ty[2];
static struct fl_address ca;
static struct fl_txctx x;
static struct fl_txplan plan;
static struct fl_txbuild b;
static struct fl_err e;

/* Keys with secrets 0x01.., 0x02.. each repeated 32 times. */
static void
make_keys(size_t n)
{
	size_t i;

	ks.k = calloc(n, sizeof(*ks.k));
	ks.n = n;
	ks.max = 0; /* from calloc(), not fl_secret_alloc() */
	for (i = 0; i < n; i++) {
		memset(ks.k[i].sec, (int)(i + 1), 32);
		ks.k[i].compressed = 1;
		fl_key_pubkey(ctx, ks.k[i].sec, ks.k[i].pub, &e);
		fl_hash160(ks.k[i].pub, 33, ks.k[i].keyhash);
	}
}

/* Payees of 90000 and 40000 sat: both coins are needed. */
static void
setup(void)
{
	static const char *addrs[] = {
	    "bc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq",
	    "bc1pwaqqcf6nja53a72sgkurtahcwdadu236k7rm3e8cnmzacrd54elqdte604",
	};
	uint8_t in[32], out[32];
	size_t i;

	for (i = 0; i < 2; i++) {
		fl_address_decode(addrs[i], FL_NET_MAIN, 0, &p[i].a, NULL, &e);
		p[i].line = i + 2;
	}
	p[0].sat = 90000;
	p[0].dust = 294;
	p[1].sat = 40000;
	p[1].dust = 330;
	/* Coin 0: P2WPKH of key 1; coin 1: P2TR of key 2. */
	memset(c, 0, sizeof c);
	c[0].txid[0] = 1;
	c[0].value = 100000;
	c[0].spk_len = fl_script_p2wpkh(ks.k[0].keyhash, c[0].spk);
	c[0].line = 2;
	c[1].txid[0] = 2;
	c[1].vout = 1;
	c[1].value = 50000;
	fl_key_taproot_output(ctx, ks.k[1].sec, in, out, &e);
	c[1].spk_len = fl_script_p2tr(out, c[1].spk);
	c[1].line = 3;
	fl_address_decode(CHANGE, FL_NET_MAIN, 0, &ca, NULL, &e);
	fl_txctx_init(&x);
	x.payees = p;
	x.np = 2;
	x.coins = cs;
	x.types = ty;
	x.o.rate = 2000;
	x.o.max_weight = FL_FEE_MAX_WEIGHT;
	fl_txctx_set_change(&x.o, &ca, &e);
}

/* A PSBT, its rows, and the final check's failures. */
static void
test_psbt(void)
{
	struct fl_txplan_tx *t;
	struct fl_txctx x2;
	struct fl_ledger_row rows[2];
	struct fl_psbt ps;
	struct fl_tx utx;
	uint8_t txid[32];
	char hex[65];
	uint64_t v;

	x.o.signing = 0;
	check_int(fl_keymatch_type_coins(&x, &e), ==, 0);
	check_int(fl_txplan_make(&x, &plan, &e), ==, 0);
	check_uint(plan.ntx, ==, 1);
	t = &plan.tx[0];
	check_uint(t->nin, ==, 2);
	check_uint(t->change, >, 0);
	check_int(fl_txbuild_make(&x, 0, t, &b, &e), ==, 0);
	check_int(fl_psbt_decode(b.bytes.p, b.bytes.len, &ps, &e), ==, 0);
	check_uint(ps.tx.nin, ==, 2);
	check_uint(ps.tx.nout, ==, 3);
	check(ps.in[1].has_witness_utxo && ps.in[1].wu_value == 50000);
	fl_psbt_free(&ps);
	check_int(fl_tx_txid(&b.tx, txid, &e), ==, 0);
	check_mem(b.txid, txid, 32);
	check_uint(b.vsize, ==, fl_fee_vsize(t->weight));
	check_uint(b.rate, ==, (t->fee * 1000 + b.vsize - 1) / b.vsize);
	check_uint(b.rate, >=, x.o.rate);
	check(!t->over_rate);

	/* Unsigned: coins in plan order, payees in order, then change. */
	check_int(fl_txbuild_unsigned(&x, t, &utx, &e), ==, 0);
	check_uint(utx.version, ==, 2);
	check_uint(utx.locktime, ==, 0);
	check_uint(utx.nin, ==, 2);
	check_uint(utx.in[0].sequence, ==, 0xfffffffd);
	check_uint(utx.in[1].sequence, ==, 0xfffffffd);
	check_mem(utx.in[1].txid, c[t->in[1]].txid, 32);
	check_uint(utx.nout, ==, 3);
	check_uint(utx.out[0].value, ==, 90000);
	check_uint(utx.out[1].value, ==, 40000);
	check_uint(utx.out[2].value, ==, t->change);
	check_uint(utx.out[2].spk_len, ==, ca.spklen);
	check_mem(utx.out[2].spk, ca.spk, ca.spklen);
	check_int(fl_tx_txid(&utx, txid, &e), ==, 0);
	check_mem(b.txid, txid, 32);
	fl_tx_free(&utx);

	/* Its ledger rows: one per payee, vout in payee order. */
	fl_txbuild_rows(&x, t, b.txid, 1700000000, rows);
	fl_txid_hex(b.txid, hex);
	check_str(rows[0].txid, hex);
	check_str(rows[1].txid, hex);
	check_int(rows[1].time, ==, 1700000000);
	check_uint(rows[0].vout, ==, 0);
	check_uint(rows[1].vout, ==, 1);
	check_str(rows[1].address, p[1].a.text);
	check_uint(rows[0].sat, ==, 90000);
	check_uint(rows[1].sat, ==, 40000);

	/* The final check: passes, at the weight limit too. */
	check_int(fl_txbuild_check(&x, 0, t, &b.tx, t->weight, &e), ==, 0);
	check_int(fl_txbuild_check(&x, 0, t, &b.tx, FL_FEE_MAX_WEIGHT, &e), ==,
	    0);
	/* Over the weight limit. */
	check_int(fl_txbuild_check(&x, 0, t, &b.tx, FL_FEE_MAX_WEIGHT + 1, &e),
	    ==, FL_ESYS);
	check_str(e.msg,
	    "internal error: transaction 1 failed its final "
	    "check");
	/* Inputs != outputs + fee. */
	b.tx.out[0].value--;
	check_int(fl_txbuild_check(&x, 2, t, &b.tx, t->weight, &e), ==,
	    FL_ESYS);
	check_str(e.msg,
	    "internal error: transaction 3 failed its final "
	    "check");
	b.tx.out[0].value++;
	/* A payee output below its dust threshold. */
	p[1].dust = b.tx.out[1].value + 1;
	check_int(fl_txbuild_check(&x, 0, t, &b.tx, t->weight, &e), ==,
	    FL_ESYS);
	p[1].dust = b.tx.out[1].value;
	check_int(fl_txbuild_check(&x, 0, t, &b.tx, t->weight, &e), ==, 0);
	p[1].dust = 330;
	/* The change below its dust threshold. */
	v = x.o.change_dust;
	x.o.change_dust = t->change + 1;
	check_int(fl_txbuild_check(&x, 0, t, &b.tx, t->weight, &e), ==,
	    FL_ESYS);
	x.o.change_dust = v;
	/* Missing outputs: refused, not read past the end. */
	b.tx.nout = 2;
	check_int(fl_txbuild_check(&x, 0, t, &b.tx, t->weight, &e), ==,
	    FL_ESYS);
	b.tx.nout = 3;

	/* A fee below the rate (a rate the plan was not made for). */
	x2 = x;
	x2.o.rate = x.o.rate * 10;
	check_int(fl_txbuild_make(&x2, 0, t, &b, &e), ==, FL_ESYS);
	check_str(e.msg, "internal error: a fee below the rate");

	/* A PSBT that fails its own checks: a P2SH-P2WPKH coin whose
	 * redeem script is not the one its script commits to. */
	{
		struct fl_utxo c0 = c[0];
		enum fl_sign_type t0 = ty[0];

		c[0].spk_len = fl_script_p2sh_p2wpkh(ks.k[0].keyhash, c[0].spk);
		c[0].redeem_len =
		    fl_script_p2wpkh(ks.k[1].keyhash, c[0].redeem);
		ty[0] = FL_SIGN_P2SH_P2WPKH;
		check_int(fl_txbuild_make(&x, 0, t, &b, &e), ==, FL_ESYS);
		check(strncmp(e.msg, "internal error: PSBT 1: ", 24) == 0);
		tap_diag("%s", e.msg);
		c[0] = c0;
		ty[0] = t0;
	}
	fl_txplan_free(&plan);
}

/* Signed: the printed bytes are the signed transaction. */
static void
test_signed(void)
{
	struct fl_txplan_tx *t;
	struct fl_tx tx;
	uint8_t txid[32];

	x.o.signing = 1;
	x.secp = ctx;
	x.keys = ks;
	check_int(fl_keymatch_type_coins(&x, &e), ==, 0);
	check_int(fl_txplan_make(&x, &plan, &e), ==, 0);
	t = &plan.tx[0];
	check_int(fl_txbuild_make(&x, 0, t, &b, &e), ==, 0);
	check_int(fl_tx_parse(b.bytes.p, b.bytes.len, 1, &tx, &e), ==, 0);
	check_uint(tx.nin, ==, 2);
	check_uint(tx.in[0].nwit, ==, 2);
	check_uint(tx.in[1].nwit, ==, 1);
	check_int(fl_tx_txid(&tx, txid, &e), ==, 0);
	check_mem(b.txid, txid, 32);
	check_uint(b.vsize, ==, fl_tx_vsize(&tx));
	check(fl_fee_in_range(t->fee, b.vsize, x.o.rate));
	check(!t->over_rate);
	check_int(fl_txbuild_check(&x, 0, t, &tx, fl_tx_weight(&tx), &e), ==,
	    0);
	fl_tx_free(&tx);

	/* Without the key of the P2TR coin: the signer's error. */
	x.keys.n = 1;
	check_int(fl_txbuild_make(&x, 0, t, &b, &e), ==, FL_EDATA);
	check(strstr(e.msg, "no key for p2tr coin") != NULL);
	tap_diag("%s", e.msg);
	x.keys.n = 2;
	fl_txplan_free(&plan);
}

int
main(void)
{
	ctx = fl_key_ctx_new(&e);
	make_keys(2);
	setup();
	fl_txbuild_init(&b);
	test_psbt();
	test_signed();
	fl_txbuild_free(&b);
	fl_txbuild_free(&b);
	fl_keys_free(&ks);
	fl_key_ctx_free(ctx);
	return test_done();
}
