#include <jansson.h>
#include <stdio.h>
#include <strings.h>
#include <sys/resource.h>

#include "base58.h"
#include "hash.h"
#include "hexutil.h"
#include "key.h"
#include "memlock.h"
#include "tap.h"

static secp256k1_context *ctx;

static void
check_hex(const uint8_t *p, size_t n, const char *want)
{
	char *h = tohex(p, n);

	check(strcasecmp(h, want) == 0);
	if (strcasecmp(h, want) != 0)
		tap_diag("got %s, want %s", h, want);
	free(h);
}

/* Splits a CSV line in place into at most max fields (no quoting). */
static size_t
csv_split(char *line, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = line;
	for (; *line != '\0' && *line != '\n'; line++)
		if (*line == ',' && n < max) {
			*line = '\0';
			f[n++] = line + 1;
		}
	*line = '\0';
	return n;
}

/*
 * BIP-340's test-vectors.csv: all 19 verification results, and the 8
 * signing vectors (0-3 with 32-byte messages, 15-18 with other lengths).
 */
static void
test_bip340(void)
{
	FILE *fp = fopen("tests/vectors/test-vectors.csv", "r");
	char line[1024], *f[8];
	size_t nverify = 0, nsign = 0, nok = 0, nsok = 0;

	check(fp != NULL);
	if (fp == NULL)
		return;
	if (fgets(line, sizeof(line), fp) == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		uint8_t *pub, *msg, *sig, *sec, *aux, mysig[64];
		size_t np, nm, ns, n;
		struct fl_err e;
		int want, got;

		if (csv_split(line, f, 8) != 8)
			continue;
		pub = unhex(f[2], &np);
		msg = unhex(f[4], &nm);
		sig = unhex(f[5], &ns);
		want = strcmp(f[6], "TRUE") == 0;
		got = np == 32 && ns == 64 &&
		    fl_key_schnorr_verify(ctx, pub, msg, nm, sig, &e) == 0;
		nverify++;
		if (got == want)
			nok++;
		else
			tap_diag("BIP-340 vector %s: verify %d", f[0], got);
		if (f[1][0] != '\0') {
			sec = unhex(f[1], &n);
			aux = unhex(f[3], &n);
			nsign++;
			if (fl_key_schnorr_sign(ctx, sec, msg, nm, aux, mysig,
				&e) == 0 &&
			    memcmp(mysig, sig, 64) == 0)
				nsok++;
			else
				tap_diag("BIP-340 vector %s: signature", f[0]);
			free(sec);
			free(aux);
		}
		free(pub);
		free(msg);
		free(sig);
	}
	fclose(fp);
	check_uint(nverify, ==, 19);
	check_uint(nok, ==, 19);
	check_uint(nsign, ==, 8);
	check_uint(nsok, ==, 8);
}

/* key_io_valid.json: the 16 WIF private keys of every chain. */
static void
test_key_io(void)
{
	json_error_t je;
	json_t *root =
	    json_load_file("tests/vectors/key_io_valid.json", 0, &je);
	size_t i, nkeys = 0;

	check(root != NULL);
	for (i = 0; i < json_array_size(root); i++) {
		json_t *v = json_array_get(root, i);
		json_t *meta = json_array_get(v, 2);
		const char *wif = json_string_value(json_array_get(v, 0));
		const char *chain =
		    json_string_value(json_object_get(meta, "chain"));
		struct fl_key k;
		struct fl_err e;
		uint8_t pub[33];

		if (!json_is_true(json_object_get(meta, "isPrivkey")))
			continue;
		nkeys++;
		check_int(fl_key_from_wif(ctx, wif, strlen(wif), &k, &e), ==,
		    0);
		check_hex(k.sec, 32, json_string_value(json_array_get(v, 1)));
		check_int(k.compressed, ==,
		    json_is_true(json_object_get(meta, "isCompressed")));
		check_int(k.net, ==,
		    strcmp(chain, "main") == 0 ? FL_KEY_MAIN : FL_KEY_TEST);
		check_int(fl_key_pubkey(ctx, k.sec, pub, &e), ==, 0);
		check_mem(pub, k.pub, 33);
		fl_key_wipe(&k);
	}
	check_uint(nkeys, ==, 16);
	json_decref(root);
}

/* A WIF of version ver, 32 secret bytes and n suffix bytes. */
static void
make_wif(uint8_t ver, const uint8_t sec[32], const uint8_t *suffix, size_t n,
    char out[80])
{
	uint8_t d[40];

	d[0] = ver;
	memcpy(d + 1, sec, 32);
	if (n > 0)
		memcpy(d + 33, suffix, n);
	if (fl_base58check_encode(d, 33 + n, out, 80) != 0)
		out[0] = '\0';
}

static void
wif_err(const char *wif, const char *msg)
{
	struct fl_key k;
	struct fl_err e;
	static const uint8_t zero[sizeof(struct fl_key)];

	memset(&k, 0x55, sizeof(k));
	check_int(fl_key_from_wif(ctx, wif, strlen(wif), &k, &e), ==, FL_EDATA);
	check_str(e.msg, msg);
	check_mem(&k, zero, sizeof(k)); /* wiped */
}

static void
test_wif_errors(void)
{
	uint8_t sec[32], n[32], one = 1, two = 2;
	char w[80], bad[80];
	size_t i;
	struct fl_key k;
	struct fl_err e;

	memset(sec, 0x11, 32);
	make_wif(0x80, sec, &one, 1, w);
	check_int(fl_key_from_wif(ctx, w, strlen(w), &k, &e), ==, 0);
	check(k.compressed && k.net == FL_KEY_MAIN);
	fl_key_wipe(&k);
	/* one character changed: the checksum fails */
	strcpy(bad, w);
	bad[10] = bad[10] == 'a' ? 'b' : 'a';
	wif_err(bad, "invalid WIF key: base58check checksum mismatch");
	strcpy(bad, w);
	bad[5] = '0';
	wif_err(bad, "invalid WIF key: invalid base58 character");
	wif_err("", "invalid WIF key: base58check data too short");
	make_wif(0x80, sec, NULL, 0, w);
	w[strlen(w) - 1] = '\0'; /* also breaks the checksum */
	wif_err(w, "invalid WIF key: base58check checksum mismatch");
	/* wrong lengths: 32 bytes without version, 35 bytes */
	if (fl_base58check_encode(sec, 32, w, sizeof(w)) == 0)
		wif_err(w, "invalid WIF key: bad length");
	make_wif(0x80, sec, (const uint8_t *)"\x01\x01", 2, w);
	wif_err(w, "invalid WIF key: bad length");
	memset(bad, '1', 70);
	bad[70] = '\0';
	wif_err(bad, "invalid WIF key: bad length");
	make_wif(0x81, sec, &one, 1, w);
	wif_err(w, "invalid WIF key: unknown version byte");
	make_wif(0x00, sec, &one, 1, w); /* an address version */
	wif_err(w, "invalid WIF key: unknown version byte");
	make_wif(0x80, sec, &two, 1, w);
	wif_err(w, "invalid WIF key: bad compression flag");
	/* secrets 0 and n (the group order) are out of range */
	memset(sec, 0, 32);
	make_wif(0x80, sec, &one, 1, w);
	wif_err(w, "invalid WIF key: secret out of range");
	{
		uint8_t *order =
		    unhex("fffffffffffffffffffffffffffffffebaaedce6"
			  "af48a03bbfd25e8cd0364141",
			&i);

		memcpy(n, order, 32);
		free(order);
	}
	make_wif(0xef, n, &one, 1, w);
	wif_err(w, "invalid WIF key: secret out of range");
	/* a NUL inside the given length */
	check_int(fl_key_from_wif(ctx, "5H\0xx", 5, &k, &e), ==, FL_EDATA);
}

static void
keys_err(const char *text, enum fl_key_net net, unsigned long line,
    const char *msg)
{
	struct fl_keys ks;
	struct fl_err e;

	check_int(fl_keys_parse(ctx, text, strlen(text), net, &ks, &e), ==,
	    FL_EDATA);
	check_uint(e.line, ==, line);
	check_str(e.msg, msg);
	check(ks.k == NULL && ks.n == 0);
}

static void
test_keys_parse(void)
{
	/* BIP-143's P2WPKH key, compressed, mainnet and testnet WIF */
	uint8_t sec[32], one = 1;
	char w1[80], w2[80], wt[80], wu[80], text[512];
	struct fl_keys ks;
	struct fl_err e;
	char why[80];
	long before;
	size_t n;
	uint8_t *s = unhex("619c335025c7f4012e556c2a58b2506e30b8511b53ade95ea31"
			   "6fd8c3286feb9",
	    &n);

	memcpy(sec, s, 32);
	free(s);
	make_wif(0x80, sec, &one, 1, w1);
	sec[31] ^= 1;
	make_wif(0x80, sec, &one, 1, w2);
	make_wif(0xef, sec, &one, 1, wt);
	make_wif(0x80, sec, NULL, 0, wu);
	snprintf(text, sizeof(text), "# my keys\n\n  %s\t\n%s", w1, w2);
	before = vmlck();
	check_int(fl_keys_parse(ctx, text, strlen(text), FL_KEY_MAIN, &ks, &e),
	    ==, 0);
	check_uint(ks.n, ==, 2);
	/* The parsed keys are locked in memory, out of swap. */
	if (no_lock_check(why, sizeof why) != NULL)
		printf("ok %d # SKIP %s: keys not checked to be locked\n",
		    ++tap_count, why);
	else
		check_int(vmlck() - before, >=, 4);
	check_hex(ks.k[0].pub, 33,
	    "025476c2e83188368da1ff3e292e7acafcdb3566bb0ad253f62fc70f07aeee635"
	    "7");
	check_hex(ks.k[0].keyhash, 20,
	    "1d0f172a0ecb48aee1be1f2687d2963ae33f71a1");
	fl_keys_free(&ks);
	check(ks.k == NULL && ks.n == 0);
	snprintf(text, sizeof(text), "%s\n", wt);
	check_int(fl_keys_parse(ctx, text, strlen(text), FL_KEY_TEST, &ks, &e),
	    ==, 0);
	check_uint(ks.n, ==, 1);
	fl_keys_free(&ks);

	snprintf(text, sizeof(text), "%s\n%s\n", w1, wt);
	keys_err(text, FL_KEY_MAIN, 2, "key for a test network, not mainnet");
	snprintf(text, sizeof(text), "%s\n", w1);
	keys_err(text, FL_KEY_TEST, 1, "key for mainnet, not a test network");
	snprintf(text, sizeof(text), "# x\n%s\n", wu);
	keys_err(text, FL_KEY_MAIN, 2,
	    "uncompressed key: flattor signs with compressed keys only");
	snprintf(text, sizeof(text), "%s\r\n", w1);
	keys_err(text, FL_KEY_MAIN, 1, "carriage return or NUL in key file");
	snprintf(text, sizeof(text), "%s\n\n\nnot-a-key\n", w1);
	keys_err(text, FL_KEY_MAIN, 4,
	    "invalid WIF key: invalid base58 character");
	snprintf(text, sizeof(text), "%s %s\n", w1, w2);
	keys_err(text, FL_KEY_MAIN, 1, "invalid WIF key: bad length");
	keys_err("", FL_KEY_MAIN, 0, "no keys");
	keys_err("# only a comment\n\n", FL_KEY_MAIN, 0, "no keys");
	/* the message never contains the key */
	snprintf(text, sizeof(text), "%s\n", wt);
	check_int(fl_keys_parse(ctx, text, strlen(text), FL_KEY_MAIN, &ks, &e),
	    ==, FL_EDATA);
	check(strstr(e.msg, wt) == NULL);
}

/*
 * ECDSA: deterministic, low-R (Bitcoin Core grinds), low-S, verifiable.
 * The BIP-143 examples' signatures were made by Bitcoin Core with RFC
 * 6979 and have low R: we make the same bytes.
 */
static void
test_ecdsa(void)
{
	static const struct {
		const char *sec, *hash, *sig;
	} t[] = {
	    {"619c335025c7f4012e556c2a58b2506e30b8511b53ade95ea316fd8c3286feb9",
		"c37af31116d1b27caf68aae9e3ac82f1477929014d5b917657d0eb49478cb6"
		"70",
		"304402203609e17b84f6a7d30c80bfa610b5b4542f32a8a0d5447a12fb1366"
		"d7f01cc44a0220573a954c4518331561406f90300e8f3358f51928d43c212a"
		"8caed02de67eebee"},
	    {"eb696a065ef48a2192da5b28b694f87544b30fae8327c4510137a922f32c6dcf",
		"64f3b0f4dd2bb3aa1ce8566d220cc74dda9df97d8490cc81d89d735c92e59f"
		"b6",
		"3044022047ac8e878352d3ebbde1c94ce3a10d057c24175747116f8288e5d7"
		"94d12d482f0220217f36a485cae903c713331d877c1f64677e3622ad401072"
		"6870540656fe9dcb"},
	};
	size_t i, n, len, len2, ground = 0;
	uint8_t der[72], der2[72], pub[33], msg[32];
	struct fl_err e;
	int lowr = 1, verified = 1, det = 1;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint8_t *sec = unhex(t[i].sec, &n), *h = unhex(t[i].hash, &n);

		check_int(fl_key_ecdsa_sign(ctx, sec, h, der, &len, &e), ==, 0);
		check_hex(der, len, t[i].sig);
		check_int(fl_key_pubkey(ctx, sec, pub, &e), ==, 0);
		check_int(fl_key_ecdsa_verify(ctx, pub, 33, h, der, len, &e),
		    ==, 0);
		h[0] ^= 1;
		check_int(fl_key_ecdsa_verify(ctx, pub, 33, h, der, len, &e),
		    ==, FL_EDATA);
		check_str(e.msg, "ECDSA signature does not verify");
		free(sec);
		free(h);
	}
	/* 200 messages: every R is low, so every DER is at most 71 bytes */
	for (i = 0; i < 200; i++) {
		uint8_t sec[32];

		memset(sec, 0x42, 32);
		fl_sha256(&i, sizeof(i), msg);
		fl_key_ecdsa_sign(ctx, sec, msg, der, &len, &e);
		fl_key_ecdsa_sign(ctx, sec, msg, der2, &len2, &e);
		det &= len == len2 && memcmp(der, der2, len) == 0;
		lowr &= len <= 71 && der[3] <= 0x20 && der[4] < 0x80;
		fl_key_pubkey(ctx, sec, pub, &e);
		verified &=
		    fl_key_ecdsa_verify(ctx, pub, 33, msg, der, len, &e) == 0;
		{
			/* plain RFC 6979 gives a high R about half the time */
			secp256k1_ecdsa_signature s;
			uint8_t c[64];

			secp256k1_ecdsa_sign(ctx, &s, msg, sec, NULL, NULL);
			secp256k1_ecdsa_signature_serialize_compact(ctx, c, &s);
			ground += c[0] >= 0x80;
		}
	}
	check(det);
	check(lowr);
	check(verified);
	check_uint(ground, >, 50);
	/* errors */
	memset(msg, 0, 32);
	memset(der2, 0, 32);
	check_int(fl_key_ecdsa_sign(ctx, der2, msg, der, &len, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "invalid secret key");
	check_uint(len, ==, 0);
	check_int(fl_key_pubkey(ctx, der2, pub, &e), ==, FL_EDATA);
	memset(pub, 0x02, 33);
	pub[0] = 0x05;
	check_int(fl_key_ecdsa_verify(ctx, pub, 33, msg, der, 70, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "invalid public key");
	{
		uint8_t sec[32];

		memset(sec, 0x42, 32);
		fl_key_pubkey(ctx, sec, pub, &e);
		fl_key_ecdsa_sign(ctx, sec, msg, der, &len, &e);
		der[0] = 0x31;
		check_int(fl_key_ecdsa_verify(ctx, pub, 33, msg, der, len, &e),
		    ==, FL_EDATA);
		check_str(e.msg, "invalid DER signature");
	}
}

/*
 * Bitcoin Core's key_tests.cpp: deterministic signatures of
 * "Very deterministic message" (double SHA-256) by two uncompressed keys.
 */
static void
test_core_key_tests(void)
{
	static const char *const wif[] =
	    {"5HxWvvfubhXpYYpS3tJkw6fq9jE9j18THftkZjHHfmFiWtmAbrj",
		"5KC4ejrDjv152FGwP386VD1i2NYc5KkfSMyv1nGy1VGDxGHqVY3"};
	static const char *const sig[] = {
	    "304402205dbbddda71772d95ce91cd2d14b592cfbc1dd0aabd6a394b6c2d377bbe"
	    "59d31d022014ddda21494a4e221f0824f0b8b924c43fa43c0ad57dccdaa11f81a6"
	    "bd4582f6",
	    "3044022052d8a32079c11e79db95af63bb9600c5b04f21a9ca33dc129c2bfa8ac9"
	    "dc1cd5022061d8ae5e0f6c1a16bde3719c64c2fd70e404b6428ab9a69566962e87"
	    "71b5944d"};
	const char *m = "Very deterministic message";
	uint8_t h[32], der[72];
	size_t i, len;

	fl_sha256d(m, strlen(m), h);
	for (i = 0; i < 2; i++) {
		struct fl_key k;
		struct fl_err e;

		check_int(fl_key_from_wif(ctx, wif[i], strlen(wif[i]), &k, &e),
		    ==, 0);
		check(!k.compressed);
		check_int(fl_key_ecdsa_sign(ctx, k.sec, h, der, &len, &e), ==,
		    0);
		check_hex(der, len, sig[i]);
		fl_key_wipe(&k);
	}
}

/*
 * Low-R grinding as CKey::Sign(): for a message whose RFC 6979 signature
 * has a high R, the result is the first signature with extra entropy
 * LE32(1), LE32(2), ... (32 bytes) whose R is low.
 */
static void
test_grinding(void)
{
	uint8_t sec[32], msg[32], der[72], want[72], c[64], extra[32];
	secp256k1_ecdsa_signature s;
	struct fl_err e;
	size_t len, wlen = 72;
	uint32_t i, ctr;

	memset(sec, 0x42, 32);
	for (i = 0;; i++) {
		fl_sha256(&i, sizeof(i), msg);
		secp256k1_ecdsa_sign(ctx, &s, msg, sec, NULL, NULL);
		secp256k1_ecdsa_signature_serialize_compact(ctx, c, &s);
		if (c[0] >= 0x80)
			break;
	}
	for (ctr = 1;; ctr++) {
		memset(extra, 0, 32);
		extra[0] = (uint8_t)ctr;
		extra[1] = (uint8_t)(ctr >> 8);
		secp256k1_ecdsa_sign(ctx, &s, msg, sec, NULL, extra);
		secp256k1_ecdsa_signature_serialize_compact(ctx, c, &s);
		if (c[0] < 0x80)
			break;
	}
	secp256k1_ecdsa_signature_serialize_der(ctx, want, &wlen, &s);
	check_int(fl_key_ecdsa_sign(ctx, sec, msg, der, &len, &e), ==, 0);
	check_uint(len, ==, wlen);
	check_mem(der, want, wlen);
}

/* Schnorr and taproot tweak errors, and the no-script-tree output key. */
static void
test_schnorr_errors(void)
{
	uint8_t zero[32] = {0}, sig[64], out[32], in[32], msg[32] = {0};
	uint8_t sec[32], bigx[32];
	struct fl_err e;
	int parity = 7;

	check_int(fl_key_schnorr_sign(ctx, zero, msg, 32, NULL, sig, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "invalid secret key");
	check_int(fl_key_taproot_sign(ctx, zero, msg, NULL, sig, &e), ==,
	    FL_EDATA);
	check_int(fl_key_taproot_output(ctx, zero, in, out, &e), ==, FL_EDATA);
	memset(bigx, 0xff, 32); /* beyond the field size */
	check_int(fl_key_taproot_tweak(ctx, bigx, out, &parity, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "invalid x-only public key");
	check_int(parity, ==, 0);
	check_int(fl_key_schnorr_verify(ctx, bigx, msg, 32, sig, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "invalid x-only public key");
	/* taproot signature verifies against the output key, not internal */
	memset(sec, 0x42, 32);
	check_int(fl_key_taproot_output(ctx, sec, in, out, &e), ==, 0);
	check_int(fl_key_taproot_sign(ctx, sec, msg, NULL, sig, &e), ==, 0);
	check_int(fl_key_schnorr_verify(ctx, out, msg, 32, sig, &e), ==, 0);
	check_int(fl_key_schnorr_verify(ctx, in, msg, 32, sig, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "Schnorr signature does not verify");
	{
		uint8_t out2[32];

		check_int(fl_key_taproot_tweak(ctx, in, out2, &parity, &e), ==,
		    0);
		check_mem(out, out2, 32);
	}
}

int
main(void)
{
	struct fl_err e;

	ctx = fl_key_ctx_new(&e);
	check(ctx != NULL);
	if (ctx == NULL)
		return test_done();
	test_bip340();
	test_key_io();
	test_wif_errors();
	test_keys_parse();
	test_ecdsa();
	test_core_key_tests();
	test_grinding();
	test_schnorr_errors();
	fl_key_ctx_free(ctx);
	return test_done();
}
