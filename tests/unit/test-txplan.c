#include <stdlib.h>

#include "fee.h"
#include "hash.h"
#include "script.h"
#include "tap.h"
#include "txplan.h"

static const char *addrs[] = {
    "bc1qxu9s6a8z7pnxsq2tkarnj8msmuy2r2dmqmdxnq",
    "bc1pwaqqcf6nja53a72sgkurtahcwdadu236k7rm3e8cnmzacrd54elqdte604",
    "1y1hZGuLNw3if6UcPfKCbctphD2JiUzXY",
    "3JZ1YxA7UXgvgULxCY7WyajXHehEbDeupn",
};
#define CHANGE "bc1qcfcpad2l0mpmsw22hjxj865gk9lclp8w08zzlc"

static struct fl_payee p[4];
static struct fl_utxo c[8];
static enum fl_sign_type ty[8];
static struct fl_address ca;
static struct fl_txplan_opts o;
static struct fl_txplan plan;
static struct fl_err e;

static void
payees(const uint64_t *sat, size_t n)
{
	static const uint64_t dust[] = {294, 330, 546, 540};
	size_t i;

	for (i = 0; i < n; i++) {
		fl_address_decode(addrs[i], FL_NET_MAIN, 0, &p[i].a, NULL, &e);
		p[i].sat = sat[i];
		p[i].dust = dust[i];
		p[i].line = i + 2;
	}
}

static void
coins(const uint64_t *v, size_t n)
{
	size_t i;

	memset(c, 0, sizeof c);
	for (i = 0; i < n; i++) {
		c[i].txid[0] = (uint8_t)i;
		c[i].vout = (uint32_t)i;
		c[i].value = v[i];
		c[i].spk[0] = 0;
		c[i].spk[1] = 20;
		c[i].spk_len = 22;
		ty[i] = FL_SIGN_P2WPKH;
	}
}

/* Sums: inputs = payments + change + fee, for every transaction. */
static int
balanced(void)
{
	size_t i, k;
	uint64_t in, out;

	for (i = 0; i < plan.ntx; i++) {
		in = out = 0;
		for (k = 0; k < plan.tx[i].nin; k++)
			in += c[plan.tx[i].in[k]].value;
		for (k = 0; k < plan.tx[i].npay; k++)
			out += plan.tx[i].pay[k];
		if (in != out + plan.tx[i].change + plan.tx[i].fee)
			return 0;
	}
	return 1;
}

/* Keys with secrets 0x01.., 0x02.., ... each repeated 32 times. */
static void
make_keys(const secp256k1_context *ctx, struct fl_keys *ks, size_t n)
{
	size_t i;

	ks->k = calloc(n, sizeof(*ks->k));
	ks->n = n;
	for (i = 0; i < n; i++) {
		memset(ks->k[i].sec, (int)(i + 1), 32);
		ks->k[i].compressed = 1;
		fl_key_pubkey(ctx, ks->k[i].sec, ks->k[i].pub, &e);
		fl_hash160(ks->k[i].pub, 33, ks->k[i].keyhash);
	}
}

/* Coin i: spk, of value 1000 * (i + 1), at TSV line i + 2. */
static void
set_coin(size_t i, const uint8_t *spk, size_t len)
{
	memset(&c[i], 0, sizeof c[i]);
	c[i].txid[31] = (uint8_t)(0xa0 + i);
	c[i].vout = (uint32_t)i;
	c[i].value = 1000 * (i + 1);
	memcpy(c[i].spk, spk, len);
	c[i].spk_len = len;
	c[i].line = i + 2;
}

/* Key/coin pairing and coin typing (fl_txplan_type_coins and friends). */
static void
test_pairing(void)
{
	secp256k1_context *ctx = fl_key_ctx_new(&e);
	struct fl_keys ks, none = {NULL, 0};
	struct fl_utxos cs;
	struct fl_address a;
	struct fl_txplan_opts oc;
	uint8_t spk[42], redeem[22], in[32], out[32];
	size_t n;

	/* Change: its script, dust and how it will be spent. */
	check_int(fl_txplan_spend_type(FL_ADDR_P2PKH), ==, FL_SIGN_P2PKH);
	check_int(fl_txplan_spend_type(FL_ADDR_P2SH), ==, FL_SIGN_P2SH_P2WPKH);
	check_int(fl_txplan_spend_type(FL_ADDR_P2WPKH), ==, FL_SIGN_P2WPKH);
	check_int(fl_txplan_spend_type(FL_ADDR_P2WSH), ==, FL_SIGN_P2WPKH);
	check_int(fl_txplan_spend_type(FL_ADDR_P2TR), ==, FL_SIGN_P2TR);
	memset(&oc, 0, sizeof oc);
	check_int(fl_txplan_set_change(&oc, &ca, &e), ==, 0);
	check_uint(oc.change_dust, ==, 294);
	check(oc.change_spk == ca.spk && oc.change_spk_len == 22);
	check_int(oc.change_type, ==, FL_SIGN_P2WPKH);
	fl_address_decode(addrs[3], FL_NET_MAIN, 0, &a, NULL, &e);
	check_int(fl_txplan_set_change(&oc, &a, &e), ==, 0);
	check_uint(oc.change_dust, ==, 540);
	check_int(oc.change_type, ==, FL_SIGN_P2SH_P2WPKH);
	a.type = FL_ADDR_WITNESS_UNKNOWN;
	check_int(fl_txplan_set_change(&oc, &a, &e), ==, FL_EDATA);
	check_str(e.msg, "unsupported address type \"witness_unknown\"");

	/*
	 * Coins: 0 P2WPKH of key 1, 1 P2SH-P2WPKH of key 2 without its
	 * redeem script, 2 P2TR of key 3, 3 P2PKH of key 1.
	 */
	make_keys(ctx, &ks, 3);
	n = fl_script_p2wpkh(ks.k[0].keyhash, spk);
	set_coin(0, spk, n);
	n = fl_script_p2sh_p2wpkh(ks.k[1].keyhash, spk);
	set_coin(1, spk, n);
	fl_key_taproot_output(ctx, ks.k[2].sec, in, out, &e);
	n = fl_script_p2tr(out, spk);
	set_coin(2, spk, n);
	n = fl_script_p2pkh(ks.k[0].keyhash, spk);
	set_coin(3, spk, n);
	cs.u = c;
	cs.n = 4;
	cs.json = 0;

	/* Each key spends its coins, no other. */
	check(fl_txplan_key_matches(ctx, &ks.k[0], &c[0], FL_SIGN_P2WPKH));
	check(!fl_txplan_key_matches(ctx, &ks.k[1], &c[0], FL_SIGN_P2WPKH));
	check(fl_txplan_key_matches(ctx, &ks.k[2], &c[2], FL_SIGN_P2TR));
	check(!fl_txplan_key_matches(ctx, &ks.k[0], &c[2], FL_SIGN_P2TR));
	check(!fl_txplan_key_matches(NULL, &ks.k[2], &c[2], FL_SIGN_P2TR));
	check(
	    !fl_txplan_key_matches(ctx, &ks.k[0], &c[1], FL_SIGN_P2SH_P2WPKH));
	check_uint(c[1].redeem_len, ==, 0);

	/* Without keys the P2SH coin cannot be typed: line 3. */
	check_int(fl_txplan_type_coins(NULL, &none, &cs, ty, &e), ==, FL_EDATA);
	check_uint(e.line, ==, 3);
	check_str(e.msg,
	    "p2sh coin without its redeem script (only "
	    "P2SH-P2WPKH coins are supported: give redeem_script, "
	    "or its key)");
	check_int(fl_txplan_type_coins(NULL, NULL, &cs, ty, &e), ==, FL_EDATA);
	/* From JSON: "entry N: ", no line. */
	cs.json = 1;
	check_int(fl_txplan_type_coins(NULL, &none, &cs, ty, &e), ==, FL_EDATA);
	check_uint(e.line, ==, 0);
	check_str(e.msg,
	    "entry 3: p2sh coin without its redeem script (only "
	    "P2SH-P2WPKH coins are supported: give redeem_script, "
	    "or its key)");
	cs.json = 0;

	/* With the keys: every coin typed, the redeem script filled in. */
	check_int(fl_txplan_type_coins(ctx, &ks, &cs, ty, &e), ==, 0);
	check_int(ty[0], ==, FL_SIGN_P2WPKH);
	check_int(ty[1], ==, FL_SIGN_P2SH_P2WPKH);
	check_int(ty[2], ==, FL_SIGN_P2TR);
	check_int(ty[3], ==, FL_SIGN_P2PKH);
	fl_script_p2wpkh(ks.k[1].keyhash, redeem);
	check_uint(c[1].redeem_len, ==, 22);
	check_mem(c[1].redeem, redeem, 22);
	check_int(fl_txplan_keys_used(ctx, &ks, &cs, ty, &e), ==, 0);
	check_int(fl_txplan_keys_used(ctx, &none, &cs, ty, &e), ==, 0);

	/* A coin with no key: the P2TR coin without key 3. */
	ks.n = 2;
	check_int(fl_txplan_type_coins(ctx, &ks, &cs, ty, &e), ==, FL_EDATA);
	check_uint(e.line, ==, 4);
	check_str(e.msg,
	    "no key for coin "
	    "a200000000000000000000000000000000000000000000000000"
	    "000000000000:2 (p2tr)");
	cs.json = 1;
	check_int(fl_txplan_type_coins(ctx, &ks, &cs, ty, &e), ==, FL_EDATA);
	check_uint(e.line, ==, 0);
	check_str(e.msg,
	    "entry 4: no key for coin "
	    "a200000000000000000000000000000000000000000000000000"
	    "000000000000:2 (p2tr)");
	cs.json = 0;
	ks.n = 3;

	/* A key that matches no coin: key 2 once its coin is gone. */
	cs.n = 1;
	check_int(fl_txplan_type_coins(ctx, &ks, &cs, ty, &e), ==, 0);
	check_int(fl_txplan_keys_used(ctx, &ks, &cs, ty, &e), ==, FL_EDATA);
	check_uint(e.line, ==, 0);
	check_str(e.msg, "key 2 of the key file matches no coin");
	cs.n = 4;

	/* No coins, no keys: nothing to say. */
	cs.n = 0;
	check_int(fl_txplan_type_coins(ctx, &none, &cs, ty, &e), ==, 0);
	check_int(fl_txplan_keys_used(ctx, &none, &cs, ty, &e), ==, 0);
	check_int(fl_txplan_keys_used(ctx, &ks, &cs, ty, &e), ==, FL_EDATA);
	check_str(e.msg, "key 1 of the key file matches no coin");

	fl_keys_free(&ks);
	fl_key_ctx_free(ctx);
}

int
main(void)
{
	uint64_t s1[] = {30000, 20000}, s4[] = {30000, 20000, 15000, 10000};
	uint64_t v[8];
	struct fl_fee_tx t;
	uint64_t fee;
	struct fl_tx tx;

	fl_address_decode(CHANGE, FL_NET_MAIN, 0, &ca, NULL, &e);
	o.rate = 2000;
	o.change_spk = ca.spk;
	o.change_spk_len = ca.spklen;
	o.change_dust = 294;
	o.change_type = FL_SIGN_P2WPKH;
	o.max_weight = FL_FEE_MAX_WEIGHT;
	payees(s1, 2);

	/* An exact coin: the fee of 1 input, 2 outputs at 2 sat/vB. */
	fl_fee_tx_init(&t);
	fl_fee_add_input(&t, FL_SIGN_P2WPKH);
	fl_fee_add_output(&t, p[0].a.spklen);
	fl_fee_add_output(&t, p[1].a.spklen);
	fee = fl_fee_for(fl_fee_vsize(fl_fee_weight(&t, 1)), 2000);
	v[0] = 100000;
	v[1] = 50000 + fee;
	v[2] = 70000;
	coins(v, 3);
	check_int(fl_txplan_make(p, 2, c, ty, 3, &o, &plan, &e), ==, 0);
	check_uint(plan.ntx, ==, 1);
	check_uint(plan.tx[0].nin, ==, 1);
	check_uint(plan.tx[0].in[0], ==, 1);
	check_uint(plan.tx[0].change, ==, 0);
	check_uint(plan.tx[0].fee, ==, fee);
	check(!plan.tx[0].over_rate);
	check(balanced());
	/* Its transaction: payees in order, no change. */
	check_int(fl_txplan_build(&plan.tx[0], p, c, &o, &tx, &e), ==, 0);
	check_uint(tx.nin, ==, 1);
	check_uint(tx.nout, ==, 2);
	check_uint(tx.out[0].value, ==, 30000);
	check_uint(tx.in[0].sequence, ==, 0xfffffffd);
	check_uint(tx.version, ==, 2);
	fl_tx_free(&tx);
	fl_txplan_free(&plan);

	/* Within the cost of change above it: still no change. */
	v[1] = 50000 + fee + 100;
	coins(v, 3);
	check_int(fl_txplan_make(p, 2, c, ty, 3, &o, &plan, &e), ==, 0);
	check_uint(plan.tx[0].in[0], ==, 1);
	check_uint(plan.tx[0].change, ==, 0);
	check_uint(plan.tx[0].fee, ==, fee + 100);
	fl_txplan_free(&plan);

	/* No exact set: largest first, then the smallest coin that will do,
	 * with change. */
	v[0] = 100000;
	v[1] = 40000;
	v[2] = 70000;
	coins(v, 3);
	check_int(fl_txplan_make(p, 2, c, ty, 3, &o, &plan, &e), ==, 0);
	check_uint(plan.tx[0].nin, ==, 1);
	check_uint(plan.tx[0].in[0], ==, 2);
	check_uint(plan.tx[0].change, >, 294);
	fl_fee_add_output(&t, ca.spklen);
	check_uint(plan.tx[0].fee, ==,
	    fl_fee_for(fl_fee_vsize(fl_fee_weight(&t, 1)), 2000));
	check(balanced());
	fl_txplan_free(&plan);

	/* Change that would be dust goes to the fee: over the rate. */
	v[0] = 50000 + fee + 300;
	coins(v, 1);
	o.signing = 0;
	check_int(fl_txplan_make(p, 2, c, ty, 1, &o, &plan, &e), ==, 0);
	check_uint(plan.tx[0].change, ==, 0);
	check_uint(plan.tx[0].fee, ==, fee + 300);
	check(plan.tx[0].over_rate);
	fl_txplan_free(&plan);

	/* Insufficient funds. */
	v[0] = 50000 + fee - 1;
	coins(v, 1);
	check_int(fl_txplan_make(p, 2, c, ty, 1, &o, &plan, &e), ==, FL_EDATA);
	check_str(e.msg,
	    "insufficient funds: the coins hold 0.00050305 BTC, "
	    "the payees are due 0.00050000 BTC plus the fee");
	check_uint(plan.ntx, ==, 0);

	/* The payees bear the fee, in proportion: 3:2. */
	o.fee_from_payouts = 1;
	v[0] = 50000;
	coins(v, 1);
	check_int(fl_txplan_make(p, 2, c, ty, 1, &o, &plan, &e), ==, 0);
	check_uint(plan.tx[0].fee, ==, fee);
	check_uint(plan.tx[0].borne, ==, fee);
	check_uint(plan.tx[0].pay[0], ==, 30000 - (fee * 3 + 2) / 5);
	check_uint(plan.tx[0].pay[0] + plan.tx[0].pay[1], ==, 50000 - fee);
	check(balanced());
	fl_txplan_free(&plan);
	/* ... unless a payee falls below its dust threshold. */
	s1[1] = 330;
	payees(s1, 2);
	v[0] = 30330;
	coins(v, 1);
	check_int(fl_txplan_make(p, 2, c, ty, 1, &o, &plan, &e), ==, FL_EDATA);
	check_uint(e.line, ==, 3);
	check(strstr(e.msg, "is below its dust threshold (330 sat)") != NULL);
	o.fee_from_payouts = 0;

	/* A small weight limit splits the payees; too many coins for the
	 * first guess make it shed payees. */
	payees(s4, 4);
	for (size_t i = 0; i < 6; i++)
		v[i] = 25000;
	coins(v, 6);
	o.max_weight = 1300;
	check_int(fl_txplan_make(p, 4, c, ty, 6, &o, &plan, &e), ==, 0);
	check_uint(plan.ntx, ==, 2);
	check_uint(plan.tx[0].first, ==, 0);
	check_uint(plan.tx[0].npay, ==, 2);
	check_uint(plan.tx[0].nin, ==, 3);
	check_uint(plan.tx[1].first, ==, 2);
	check_uint(plan.tx[1].npay, ==, 2);
	check_uint(plan.tx[1].in[0], ==, 3);
	check_uint(plan.tx[0].weight, <=, 1300);
	check_uint(plan.tx[1].weight, <=, 1300);
	check(balanced());
	check_uint(plan.fee, ==, plan.tx[0].fee + plan.tx[1].fee);
	fl_txplan_free(&plan);
	o.max_weight = 300;
	check_int(fl_txplan_make(p, 4, c, ty, 3, &o, &plan, &e), ==, FL_EDATA);
	check_str(e.msg, "a transaction cannot hold even one payee");
	o.max_weight = FL_FEE_MAX_WEIGHT;

	/*
	 * The estimate that orders the coins (effective values, a fee for
	 * the outputs) can fall a satoshi short of the exact fee: here three
	 * P2PKH inputs of a segwit transaction each add an empty witness
	 * (1 weight unit) and the size rounds up.  Largest first reaches the
	 * estimated target with A, B, C and D, which do not pay exactly; E,
	 * too small for the cost of change, makes the set pay.  That is not
	 * insufficient funds.
	 */
	{
		uint64_t one[] = {10000}, w5[] = {4068, 2162, 2162, 2162, 168};

		payees(one, 1);
		coins(w5, 5);
		ty[1] = ty[2] = ty[3] = FL_SIGN_P2PKH;
		o.rate = 1000;
		o.signing = 0;
		check_int(fl_txplan_make(p, 1, c, ty, 5, &o, &plan, &e), ==, 0);
		check_uint(plan.ntx, ==, 1);
		if (plan.ntx == 0)
			tap_diag("%s", e.msg);
		else
			check_uint(plan.tx[0].nin, ==, 5);
		check(plan.ntx == 1 && plan.tx[0].change == 0);
		check(plan.ntx == 1 && plan.tx[0].fee == 10722 - 10000);
		check(plan.ntx == 1 && !plan.tx[0].over_rate);
		check(balanced());
		fl_txplan_free(&plan);
		o.rate = 2000;
	}

	/*
	 * With --fee-from-payouts, of two change-less sets the one that
	 * leaves the payees more wins, not the one that exceeds their total
	 * least: B and C exceed it by 5 sat, A by 50, but C (15 sat) costs
	 * 680 sat to spend at 10 sat/vB, which the payee would bear.
	 */
	{
		uint64_t one[] = {10000}, w3[] = {10050, 9990, 15};

		payees(one, 1);
		coins(w3, 3);
		o.rate = 10000;
		o.signing = 0;
		o.fee_from_payouts = 1;
		check_int(fl_txplan_make(p, 1, c, ty, 3, &o, &plan, &e), ==, 0);
		check_uint(plan.ntx, ==, 1);
		check(plan.ntx == 1 && plan.tx[0].nin == 1 &&
		    plan.tx[0].in[0] == 0);
		check(plan.ntx == 1 && plan.tx[0].fee == 1100);
		check(plan.ntx == 1 && plan.tx[0].pay[0] == 10000 - 1050);
		check(balanced());
		fl_txplan_free(&plan);
		o.fee_from_payouts = 0;
		o.rate = 2000;
	}

	/* After signing: a smaller size moves the excess to the change. */
	payees(s1, 2);
	v[0] = 100000;
	coins(v, 1);
	o.signing = 1;
	check_int(fl_txplan_make(p, 2, c, ty, 1, &o, &plan, &e), ==, 0);
	fee = plan.tx[0].fee;
	check_int(fl_txplan_refee(&plan.tx[0], p, c, &o, fee / 2, &e), ==, 0);
	check_int(fl_txplan_refee(&plan.tx[0], p, c, &o, 100, &e), ==, 1);
	check_uint(plan.tx[0].fee, ==, fl_fee_for(100, 2000));
	check(balanced());
	fl_txplan_free(&plan);
	test_pairing();
	return test_done();
}
