#include "hash.h"
#include "hexutil.h"
#include "script.h"
#include "sighash.h"
#include "sign.h"
#include "tap.h"

static secp256k1_context *ctx;

static void
check_hex(const uint8_t *p, size_t n, const char *want)
{
	char *h = tohex(p, n);

	check_str(h, want);
	free(h);
}

/* Keys with secrets 0x01.., 0x02.., ... each repeated 32 times. */
static void
make_keys(struct fl_keys *ks, size_t n)
{
	size_t i;
	struct fl_err e;

	ks->k = calloc(n, sizeof(*ks->k));
	ks->n = n;
	ks->max = 0; /* from calloc(), not fl_secret_alloc() */
	for (i = 0; i < n; i++) {
		memset(ks->k[i].sec, (int)(i + 1), 32);
		ks->k[i].compressed = 1;
		fl_key_pubkey(ctx, ks->k[i].sec, ks->k[i].pub, &e);
		fl_hash160(ks->k[i].pub, 33, ks->k[i].keyhash);
	}
}

/* BIP-143's P2SH-P2WPKH example, with and without the redeem script. */
static void
test_bip143_p2sh(void)
{
	static const char *unsigned_tx =
	    "0100000001db6b1b20aa0fd7b23880be2ecbd4a98130974cf4748fb66092ac4d3"
	    "ceb1a54770100000000feffffff02b8b4eb0b000000001976a914a457b684d7f0"
	    "d539a46a45bbc043f35b59d0d96388ac0008af2f000000001976a914fd270b1ee"
	    "6abcaea97fea7ad0402e8bd8ad6d77c88ac92040000";
	static const char *signed_tx =
	    "01000000000101db6b1b20aa0fd7b23880be2ecbd4a98130974cf4748fb66092a"
	    "c4d3ceb1a5477010000001716001479091972186c449eb1ded22b78e40d009bdf"
	    "0089feffffff02b8b4eb0b000000001976a914a457b684d7f0d539a46a45bbc04"
	    "3f35b59d0d96388ac0008af2f000000001976a914fd270b1ee6abcaea97fea7ad"
	    "0402e8bd8ad6d77c88ac02473044022047ac8e878352d3ebbde1c94ce3a10d057"
	    "c24175747116f8288e5d794d12d482f0220217f36a485cae903c713331d877c1f"
	    "64677e3622ad4010726870540656fe9dcb012103ad1d8e89212f0b92c74d23bb7"
	    "10c00662ad1470198ac48c43f7d6f93a2a2687392040000";
	size_t n, sl, rl, pass;
	uint8_t *raw = unhex(unsigned_tx, &n);
	uint8_t *spk =
	    unhex("a9144733f37cf4db86fbc2efed2500b4f4e49f31202387", &sl);
	uint8_t *redeem =
	    unhex("001479091972186c449eb1ded22b78e40d009bdf0089", &rl);
	uint8_t *sec = unhex("eb696a065ef48a2192da5b28b694f87544b30fae8327c4510"
			     "137a922f32c6dcf",
	    &n);
	struct fl_keys ks;
	struct fl_err e;

	make_keys(&ks, 2);
	memcpy(ks.k[1].sec, sec, 32);
	fl_key_pubkey(ctx, sec, ks.k[1].pub, &e);
	fl_hash160(ks.k[1].pub, 33, ks.k[1].keyhash);
	for (pass = 0; pass < 2; pass++) {
		struct fl_coin coin = {1000000000, spk, sl, NULL, 0};
		struct fl_tx tx;
		struct fl_buf b = {0};

		if (pass == 1) {
			coin.redeem = redeem;
			coin.redeem_len = rl;
		}
		check_int(fl_tx_parse(raw, strlen(unsigned_tx) / 2, 1, &tx, &e),
		    ==, 0);
		check_int(fl_sign_tx(ctx, &tx, &coin, &ks, &e), ==, 0);
		check_int(fl_tx_serialize(&tx, 1, &b, &e), ==, 0);
		check_hex(b.p, b.len, signed_tx);
		check_uint(fl_tx_weight(&tx) -
			(fl_tx_size(&tx, 0) - 41 - 23) * 4 - 2,
		    <=, fl_sign_input_weight_max(FL_SIGN_P2SH_P2WPKH));
		check_int(fl_sign_type_of(&coin), ==,
		    pass == 1 ? FL_SIGN_P2SH_P2WPKH : FL_SIGN_UNSUPPORTED);
		fl_buf_free(&b);
		fl_tx_free(&tx);
	}
	fl_keys_free(&ks);
	free(raw);
	free(spk);
	free(redeem);
	free(sec);
}

struct mixed {
	struct fl_tx tx;
	struct fl_coin coins[4];
	uint8_t spk[4][34];
	struct fl_keys ks;
};

/* A p2wpkh, a p2pkh, a p2sh-p2wpkh and a p2tr input; keys 1-4 (+ 5). */
static void
mixed_init(struct mixed *m)
{
	struct fl_err e;
	uint8_t txid[32], in[32], out[32];
	size_t i, len[4];

	memset(m, 0, sizeof(*m));
	make_keys(&m->ks, 5);
	len[0] = fl_script_p2wpkh(m->ks.k[0].keyhash, m->spk[0]);
	len[1] = fl_script_p2pkh(m->ks.k[1].keyhash, m->spk[1]);
	len[2] = fl_script_p2sh_p2wpkh(m->ks.k[2].keyhash, m->spk[2]);
	fl_key_taproot_output(ctx, m->ks.k[3].sec, in, out, &e);
	len[3] = fl_script_p2tr(out, m->spk[3]);
	fl_tx_init(&m->tx);
	for (i = 0; i < 4; i++) {
		memset(txid, (int)(0xa0 + i), 32);
		fl_tx_add_input(&m->tx, txid, (uint32_t)i, 0xfffffffd, &e);
		m->coins[i].value = 100000 * (i + 1);
		m->coins[i].spk = m->spk[i];
		m->coins[i].spk_len = len[i];
	}
	fl_tx_add_output(&m->tx, 900000, m->spk[0], len[0], &e);
	fl_tx_add_output(&m->tx, 50000, m->spk[3], len[3], &e);
	m->tx.locktime = 800000;
}

static void
mixed_free(struct mixed *m)
{
	fl_tx_free(&m->tx);
	fl_keys_free(&m->ks);
}

/* Checks the signatures with the sighash and key functions directly. */
static void
verify_mixed(struct mixed *m)
{
	struct fl_tx *tx = &m->tx;
	struct fl_err e;
	uint8_t h[32], code[25], in[32], out[32], redeem[22];
	const struct fl_txin *ti;

	/* p2wpkh: [sig, pub], empty scriptSig */
	ti = &tx->in[0];
	check_uint(ti->nwit, ==, 2);
	check_uint(ti->script_sig_len, ==, 0);
	fl_script_p2pkh(m->ks.k[0].keyhash, code);
	fl_sighash_v0(tx, NULL, 0, code, 25, m->coins[0].value, 1, h, &e);
	check_uint(ti->wit[0].p[ti->wit[0].len - 1], ==, 1);
	check_int(fl_key_ecdsa_verify(ctx, ti->wit[1].p, ti->wit[1].len, h,
		      ti->wit[0].p, ti->wit[0].len - 1, &e),
	    ==, 0);
	check_mem(ti->wit[1].p, m->ks.k[0].pub, 33);
	/* p2pkh: scriptSig <sig> <pub>, no witness */
	ti = &tx->in[1];
	check_uint(ti->nwit, ==, 0);
	check_uint(ti->script_sig_len, ==, 1 + ti->script_sig[0] + 1 + 33);
	fl_sighash_legacy(tx, 1, m->coins[1].spk, m->coins[1].spk_len, 1, h,
	    &e);
	check_uint(ti->script_sig[ti->script_sig[0]], ==, 1);
	check_int(fl_key_ecdsa_verify(ctx,
		      ti->script_sig + ti->script_sig[0] + 2, 33, h,
		      ti->script_sig + 1, ti->script_sig[0] - 1u, &e),
	    ==, 0);
	/* p2sh-p2wpkh: scriptSig <redeem>, witness [sig, pub] */
	ti = &tx->in[2];
	fl_script_p2wpkh(m->ks.k[2].keyhash, redeem);
	check_uint(ti->script_sig_len, ==, 23);
	check_uint(ti->script_sig[0], ==, 22);
	check_mem(ti->script_sig + 1, redeem, 22);
	fl_script_p2pkh(m->ks.k[2].keyhash, code);
	fl_sighash_v0(tx, NULL, 2, code, 25, m->coins[2].value, 1, h, &e);
	check_uint(ti->nwit, ==, 2);
	check_int(fl_key_ecdsa_verify(ctx, ti->wit[1].p, 33, h, ti->wit[0].p,
		      ti->wit[0].len - 1, &e),
	    ==, 0);
	/* p2tr: [64-byte sig] against the output key */
	ti = &tx->in[3];
	check_uint(ti->nwit, ==, 1);
	check_uint(ti->wit[0].len, ==, 64);
	fl_sighash_taproot(tx, NULL, m->coins, 3, 0, h, &e);
	fl_key_taproot_output(ctx, m->ks.k[3].sec, in, out, &e);
	check_int(fl_key_schnorr_verify(ctx, out, h, 32, ti->wit[0].p, &e), ==,
	    0);
}

/* The weight of input i as signed, counted as fl_sign_input_weight_max(). */
static size_t
input_weight(const struct fl_txin *ti)
{
	size_t w = (41 + ti->script_sig_len) * 4, k;

	if (ti->nwit > 0) {
		w += fl_compact_len(ti->nwit);
		for (k = 0; k < ti->nwit; k++)
			w += fl_compact_len(ti->wit[k].len) + ti->wit[k].len;
	}
	return w;
}

/* The signed mixed transaction (660 bytes), reviewed once. */
static const char golden_mixed[] =
    "02000000000104a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"
    "a0a0a0a0a0a0a00000000000fdffffffa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"
    "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1010000006a473044022079f845355909"
    "7e1b3f25ff73eb3ddae0c7ce83119e5453f8d960414d070cdf780220618e99d2"
    "a8a4945a967402825b41e2b516ab9f351d893f02456699649081d3940121024d"
    "4b6cd1361032ca9bd2aeb9d900aa4d45d9ead80ac9423374c451a7254d0766fd"
    "ffffffa2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2"
    "a2a2a20200000017160014417d4be90d35363267b8f2afafc9531111c41ae4fd"
    "ffffffa3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3"
    "a3a3a30300000000fdffffff02a0bb0d000000000016001479b000887626b294"
    "a914501a4cd226b58b23598350c3000000000000225120f79f86c0aa45a43927"
    "9ec0fda492475426c0ea5d69079f1b33d6c665128a606f0247304402200c2c78"
    "b591eacf920d380214fb076500d08ec9e95f3302b9d28cc61f979d7f50022029"
    "a72a00193146c0ca42f50a77821c2100f81e144dde9719a8882df334db4f8401"
    "21031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd"
    "078f0002473044022036fefea09b22fdda29cf407cd8bd9811bac02d099eefc9"
    "1b03dba8401f08e2fc02200ce9e85aa6db6749085636d7d26bb59d9cfb8907e7"
    "f9a3faa9a6553411925fc3012102531fe6068134503d2723133227c867ac8fa6"
    "c83c537e9a44c3c5bdbdcb1fe3370140da19b041d2d0f675ae080fdabd80a40e"
    "9b198e83e6b3613721295998ca7cf53ee489f8c521fa0e67387386d83a40fd13"
    "bd54690870ab3b4c9dcf37dd61af67e500350c00";

static void
test_mixed(void)
{
	struct mixed m, m2;
	struct fl_buf b = {0}, b2 = {0};
	struct fl_err e;
	static const enum fl_sign_type types[] = {FL_SIGN_P2WPKH, FL_SIGN_P2PKH,
	    FL_SIGN_UNSUPPORTED, FL_SIGN_P2TR};
	static const enum fl_sign_type wtypes[] = {FL_SIGN_P2WPKH,
	    FL_SIGN_P2PKH, FL_SIGN_P2SH_P2WPKH, FL_SIGN_P2TR};
	size_t i;

	mixed_init(&m);
	check_int(fl_sign_tx(ctx, &m.tx, m.coins, &m.ks, &e), ==, 0);
	verify_mixed(&m);
	for (i = 0; i < 4; i++) {
		check_int(fl_sign_type_of(&m.coins[i]), ==, types[i]);
		check_uint(input_weight(&m.tx.in[i]), <=,
		    fl_sign_input_weight_max(wtypes[i]));
	}
	/* P2TR with SIGHASH_DEFAULT is one byte under the 65-byte bound */
	check_uint(input_weight(&m.tx.in[3]), ==,
	    fl_sign_input_weight_max(FL_SIGN_P2TR) - 1);
	/* deterministic: the same inputs give the same bytes */
	mixed_init(&m2);
	check_int(fl_sign_tx(ctx, &m2.tx, m2.coins, &m2.ks, &e), ==, 0);
	fl_tx_serialize(&m.tx, 1, &b, &e);
	fl_tx_serialize(&m2.tx, 1, &b2, &e);
	check_uint(b.len, ==, b2.len);
	check(b.len == b2.len && memcmp(b.p, b2.p, b.len) == 0);
	/* golden: any change to these bytes must be explained */
	check_hex(b.p, b.len, golden_mixed);
	/* signing again replaces the signatures, same result */
	check_int(fl_sign_tx(ctx, &m2.tx, m2.coins, &m2.ks, &e), ==, 0);
	fl_buf_clear(&b2);
	fl_tx_serialize(&m2.tx, 1, &b2, &e);
	check(b.len == b2.len && memcmp(b.p, b2.p, b.len) == 0);
	fl_buf_free(&b);
	fl_buf_free(&b2);
	mixed_free(&m);
	mixed_free(&m2);
}

/* Expects "input I (txid:I): msg"; input I's txid is 32 bytes 0xaI. */
static void
sign_err(struct mixed *m, unsigned i, const char *msg)
{
	struct fl_err e;
	char want[256], id[65];
	size_t k;

	for (k = 0; k < 32; k++)
		snprintf(id + 2 * k, 3, "a%u", i);
	snprintf(want, sizeof(want), "input %u (%s:%u): %s", i, id, i, msg);
	check_int(fl_sign_tx(ctx, &m->tx, m->coins, &m->ks, &e), ==, FL_EDATA);
	check_str(e.msg, want);
}

static void
test_errors(void)
{
	struct mixed m;
	uint8_t wsh[34], h32[32] = {0}, other[22];
	struct fl_key k;

	/* no key: drop key 1 (p2pkh input 1) */
	mixed_init(&m);
	k = m.ks.k[1];
	m.ks.k[1] = m.ks.k[4];
	sign_err(&m, 1, "no key for p2pkh coin");
	m.ks.k[1] = k;
	m.ks.k[0] = m.ks.k[4];
	sign_err(&m, 0, "no key for p2wpkh coin");
	mixed_free(&m);
	mixed_init(&m);
	m.ks.k[2] = m.ks.k[4];
	sign_err(&m, 2, "no key for p2sh-p2wpkh coin");
	mixed_free(&m);
	mixed_init(&m);
	m.ks.k[3] = m.ks.k[4];
	sign_err(&m, 3, "no key for p2tr coin");
	mixed_free(&m);
	/* unsupported: p2wsh, and a p2sh whose redeem script is not p2wpkh */
	mixed_init(&m);
	m.coins[1].spk_len = fl_script_p2wsh(h32, wsh);
	m.coins[1].spk = wsh;
	sign_err(&m, 1, "unsupported p2wsh scriptPubKey");
	mixed_free(&m);
	mixed_init(&m);
	fl_script_p2wpkh(m.ks.k[0].keyhash, other);
	m.coins[2].redeem = other; /* does not hash to the p2sh program */
	m.coins[2].redeem_len = sizeof(other);
	sign_err(&m, 2, "unsupported p2sh redeem script");
	mixed_free(&m);
	/* a redeem script that matches but no key for it */
	mixed_init(&m);
	fl_script_p2wpkh(m.ks.k[2].keyhash, other);
	m.coins[2].redeem = other;
	m.coins[2].redeem_len = sizeof(other);
	m.ks.k[2] = m.ks.k[4];
	sign_err(&m, 2, "no key for p2sh-p2wpkh coin");
	mixed_free(&m);
	mixed_init(&m);
	m.coins[0].spk = (const uint8_t *)"\x6a";
	m.coins[0].spk_len = 1;
	sign_err(&m, 0, "unsupported nulldata scriptPubKey");
	mixed_free(&m);
}

static void
test_weights(void)
{
	check_uint(fl_sign_input_weight_max(FL_SIGN_P2PKH), ==, 592);
	check_uint(fl_sign_input_weight_max(FL_SIGN_P2SH_P2WPKH), ==, 364);
	check_uint(fl_sign_input_weight_max(FL_SIGN_P2WPKH), ==, 272);
	check_uint(fl_sign_input_weight_max(FL_SIGN_P2TR), ==, 231);
	check_uint(fl_sign_input_weight_max(FL_SIGN_UNSUPPORTED), ==, 0);
	check_str(fl_sign_type_name(FL_SIGN_P2SH_P2WPKH), "p2sh-p2wpkh");
	check_str(fl_sign_type_name(FL_SIGN_P2TR), "p2tr");
	check_str(fl_sign_type_name(FL_SIGN_UNSUPPORTED), "unsupported");
}

int
main(void)
{
	struct fl_err e;

	ctx = fl_key_ctx_new(&e);
	check(ctx != NULL);
	if (ctx == NULL)
		return test_done();
	test_bip143_p2sh();
	test_mixed();
	test_errors();
	test_weights();
	fl_key_ctx_free(ctx);
	return test_done();
}
