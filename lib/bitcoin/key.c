/* key: WIF keys, public keys, ECDSA and BIP-340 signatures (libsecp256k1). */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>

#include "base58.h"
#include "hash.h"
#include "secret.h"
#include "key.h"

#define WIF_MAX 64 /* longer than any WIF (51 or 52 characters) */

secp256k1_context *
fl_key_ctx_new(struct fl_err *e)
{
	secp256k1_context *ctx;
	uint8_t seed[32];
	size_t n = 0;

	while (n < sizeof(seed)) {
		ssize_t r = getrandom(seed + n, sizeof(seed) - n, 0);

		if (r < 0) {
			fl_err_set(e, FL_ESYS, "getrandom failed");
			return NULL;
		}
		n += (size_t)r;
	}
	if ((ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE)) == NULL) {
		fl_secret_wipe(seed, sizeof(seed));
		fl_err_set(e, FL_ENOMEM, "out of memory");
		return NULL;
	}
	/* Blinding against side channels; signatures do not depend on it. */
	if (!secp256k1_context_randomize(ctx, seed)) {
		fl_secret_wipe(seed, sizeof(seed));
		secp256k1_context_destroy(ctx);
		fl_err_set(e, FL_ESYS, "cannot randomize secp256k1 context");
		return NULL;
	}
	fl_secret_wipe(seed, sizeof(seed));
	return ctx;
}

void
fl_key_ctx_free(secp256k1_context *ctx)
{
	if (ctx != NULL)
		secp256k1_context_destroy(ctx);
}

void
fl_key_wipe(struct fl_key *k)
{
	fl_secret_wipe(k, sizeof(*k));
}

int
fl_key_pubkey(const secp256k1_context *ctx, const uint8_t sec[32],
    uint8_t pub[33], struct fl_err *e)
{
	secp256k1_pubkey pk;
	size_t len = 33;

	memset(pub, 0, 33);
	if (!secp256k1_ec_pubkey_create(ctx, &pk, sec))
		return fl_err_set(e, FL_EDATA, "invalid secret key");
	secp256k1_ec_pubkey_serialize(ctx, pub, &len, &pk,
	    SECP256K1_EC_COMPRESSED);
	return 0;
}

int
fl_key_from_wif(const secp256k1_context *ctx, const char *wif, size_t len,
    struct fl_key *k, struct fl_err *e)
{
	char s[WIF_MAX + 1];
	uint8_t d[40];
	size_t n = 0;
	int rc = FL_EDATA;

	fl_key_wipe(k);
	if (len > WIF_MAX || memchr(wif, '\0', len) != NULL)
		return fl_err_set(e, FL_EDATA, "invalid WIF key: bad length");
	memcpy(s, wif, len);
	s[len] = '\0';
	if (fl_base58check_decode(s, d, sizeof(d), &n, e) != 0) {
		fl_err_prefix(e, "invalid WIF key");
		goto out;
	}
	if (n != 33 && n != 34) {
		fl_err_set(e, FL_EDATA, "invalid WIF key: bad length");
		goto out;
	}
	if (d[0] != 0x80 && d[0] != 0xef) {
		fl_err_set(e, FL_EDATA,
		    "invalid WIF key: unknown version byte");
		goto out;
	}
	if (n == 34 && d[33] != 0x01) {
		fl_err_set(e, FL_EDATA,
		    "invalid WIF key: bad compression flag");
		goto out;
	}
	memcpy(k->sec, d + 1, 32);
	k->compressed = n == 34;
	k->net = d[0] == 0x80 ? FL_KEY_MAIN : FL_KEY_TEST;
	if (!secp256k1_ec_seckey_verify(ctx, k->sec) ||
	    fl_key_pubkey(ctx, k->sec, k->pub, e) != 0) {
		fl_err_set(e, FL_EDATA, "invalid WIF key: secret out of range");
		goto out;
	}
	fl_hash160(k->pub, 33, k->keyhash);
	rc = 0;
out:
	if (rc != 0)
		fl_key_wipe(k);
	fl_secret_wipe(s, sizeof(s));
	fl_secret_wipe(d, sizeof(d));
	return rc;
}

int
fl_keys_parse(const secp256k1_context *ctx, const char *text, size_t len,
    enum fl_key_net net, struct fl_keys *ks, struct fl_err *e)
{
	size_t i, max = 1, pos = 0;
	unsigned long line = 0;
	int rc = 0;

	ks->k = NULL;
	ks->n = 0;
	ks->max = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			max++;
	/* Sized once: a realloc() could leave copies of keys behind. */
	if (max > SIZE_MAX / sizeof(*ks->k) ||
	    (ks->k = fl_secret_alloc(max * sizeof(*ks->k))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	ks->max = max;
	while (pos < len && rc == 0) {
		const char *p = text + pos, *nl = memchr(p, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - p) : len - pos;
		size_t a = 0, b = n;

		pos += n + (nl != NULL);
		line++;
		while (a < b && (p[a] == ' ' || p[a] == '\t'))
			a++;
		while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
			b--;
		if (a == b || p[a] == '#')
			continue;
		if (memchr(p, '\r', n) != NULL || memchr(p, '\0', n) != NULL) {
			rc = fl_err_setl(e, FL_EDATA, line, 0,
			    "carriage return or NUL in key file");
		} else if ((rc = fl_key_from_wif(ctx, p + a, b - a,
				&ks->k[ks->n], e)) != 0) {
			e->line = line;
		} else if (ks->k[ks->n].net != net) {
			rc = fl_err_setl(e, FL_EDATA, line, 0,
			    "key for %s, not %s",
			    ks->k[ks->n].net == FL_KEY_MAIN ? "mainnet"
							    : "a test network",
			    net == FL_KEY_MAIN ? "mainnet" : "a test network");
		} else if (!ks->k[ks->n].compressed) {
			rc = fl_err_setl(e, FL_EDATA, line, 0,
			    "uncompressed key: flattor signs with compressed "
			    "keys only");
		} else {
			ks->n++;
		}
	}
	if (rc == 0 && ks->n == 0)
		rc = fl_err_set(e, FL_EDATA, "no keys");
	if (rc != 0) {
		/* Wipes the whole array, including a key refused above. */
		ks->n = max;
		fl_keys_free(ks);
	}
	return rc;
}

void
fl_keys_free(struct fl_keys *ks)
{
	if (ks->k != NULL && ks->max > 0) {
		fl_secret_dealloc(ks->k, ks->max * sizeof(*ks->k));
	} else if (ks->k != NULL) {
		fl_secret_wipe(ks->k, ks->n * sizeof(*ks->k));
		free(ks->k);
	}
	ks->k = NULL;
	ks->n = 0;
	ks->max = 0;
}

int
fl_key_taproot_tweak(const secp256k1_context *ctx, const uint8_t internal[32],
    uint8_t output[32], int *parity, struct fl_err *e)
{
	secp256k1_xonly_pubkey xpk, xout;
	secp256k1_pubkey pk;
	uint8_t t[32];
	int par = 0;

	memset(output, 0, 32);
	if (parity != NULL)
		*parity = 0;
	if (!secp256k1_xonly_pubkey_parse(ctx, &xpk, internal))
		return fl_err_set(e, FL_EDATA, "invalid x-only public key");
	fl_tagged_hash("TapTweak", internal, 32, t);
	if (!secp256k1_xonly_pubkey_tweak_add(ctx, &pk, &xpk, t) ||
	    !secp256k1_xonly_pubkey_from_pubkey(ctx, &xout, &par, &pk))
		return fl_err_set(e, FL_EDATA, "invalid taproot tweak");
	secp256k1_xonly_pubkey_serialize(ctx, output, &xout);
	if (parity != NULL)
		*parity = par;
	return 0;
}

int
fl_key_taproot_output(const secp256k1_context *ctx, const uint8_t sec[32],
    uint8_t internal[32], uint8_t output[32], struct fl_err *e)
{
	secp256k1_keypair kp;
	secp256k1_xonly_pubkey xpk;
	int ok;

	memset(internal, 0, 32);
	memset(output, 0, 32);
	ok = secp256k1_keypair_create(ctx, &kp, sec) &&
	    secp256k1_keypair_xonly_pub(ctx, &xpk, NULL, &kp);
	fl_secret_wipe(&kp, sizeof(kp));
	if (!ok)
		return fl_err_set(e, FL_EDATA, "invalid secret key");
	secp256k1_xonly_pubkey_serialize(ctx, internal, &xpk);
	return fl_key_taproot_tweak(ctx, internal, output, NULL, e);
}

static int
low_r(const secp256k1_context *ctx, const secp256k1_ecdsa_signature *sig)
{
	uint8_t c[64];

	secp256k1_ecdsa_signature_serialize_compact(ctx, c, sig);
	return c[0] < 0x80;
}

/* As Bitcoin Core's CKey::Sign() with grind = true, test_case = 0. */
int
fl_key_ecdsa_sign(const secp256k1_context *ctx, const uint8_t sec[32],
    const uint8_t msg[32], uint8_t der[72], size_t *derlen, struct fl_err *e)
{
	secp256k1_ecdsa_signature sig;
	uint8_t extra[32] = {0};
	uint32_t counter = 0;
	int ok;

	memset(der, 0, 72);
	*derlen = 0;
	ok = secp256k1_ecdsa_sign(ctx, &sig, msg, sec,
	    secp256k1_nonce_function_rfc6979, NULL);
	while (ok && !low_r(ctx, &sig)) {
		counter++;
		extra[0] = (uint8_t)counter;
		extra[1] = (uint8_t)(counter >> 8);
		extra[2] = (uint8_t)(counter >> 16);
		extra[3] = (uint8_t)(counter >> 24);
		ok = secp256k1_ecdsa_sign(ctx, &sig, msg, sec,
		    secp256k1_nonce_function_rfc6979, extra);
	}
	if (!ok)
		return fl_err_set(e, FL_EDATA, "invalid secret key");
	*derlen = 72;
	secp256k1_ecdsa_signature_serialize_der(ctx, der, derlen, &sig);
	return 0;
}

int
fl_key_ecdsa_verify(const secp256k1_context *ctx, const uint8_t *pub,
    size_t publen, const uint8_t msg[32], const uint8_t *der, size_t derlen,
    struct fl_err *e)
{
	secp256k1_ecdsa_signature sig;
	secp256k1_pubkey pk;

	if (!secp256k1_ec_pubkey_parse(ctx, &pk, pub, publen))
		return fl_err_set(e, FL_EDATA, "invalid public key");
	if (!secp256k1_ecdsa_signature_parse_der(ctx, &sig, der, derlen))
		return fl_err_set(e, FL_EDATA, "invalid DER signature");
	if (!secp256k1_ecdsa_verify(ctx, &sig, msg, &pk))
		return fl_err_set(e, FL_EDATA,
		    "ECDSA signature does not verify");
	return 0;
}

static int
schnorr_sign(const secp256k1_context *ctx, const uint8_t sec[32], int tweak,
    const uint8_t *msg, size_t msglen, const uint8_t aux[32], uint8_t sig[64],
    struct fl_err *e)
{
	static const uint8_t zero[32];
	secp256k1_schnorrsig_extraparams ep =
	    SECP256K1_SCHNORRSIG_EXTRAPARAMS_INIT;
	secp256k1_keypair kp;
	secp256k1_xonly_pubkey xpk;
	uint8_t x[32], t[32];
	int ok;

	memset(sig, 0, 64);
	ok = secp256k1_keypair_create(ctx, &kp, sec);
	if (ok && tweak) {
		ok = secp256k1_keypair_xonly_pub(ctx, &xpk, NULL, &kp);
		if (ok) {
			secp256k1_xonly_pubkey_serialize(ctx, x, &xpk);
			fl_tagged_hash("TapTweak", x, 32, t);
			ok = secp256k1_keypair_xonly_tweak_add(ctx, &kp, t);
		}
	}
	if (ok) {
		ep.ndata = (void *)(uintptr_t)(aux != NULL ? aux : zero);
		ok = secp256k1_schnorrsig_sign_custom(ctx, sig, msg, msglen,
		    &kp, &ep);
	}
	fl_secret_wipe(&kp, sizeof(kp));
	if (!ok) {
		memset(sig, 0, 64);
		return fl_err_set(e, FL_EDATA, "invalid secret key");
	}
	return 0;
}

int
fl_key_schnorr_sign(const secp256k1_context *ctx, const uint8_t sec[32],
    const uint8_t *msg, size_t msglen, const uint8_t aux[32], uint8_t sig[64],
    struct fl_err *e)
{
	return schnorr_sign(ctx, sec, 0, msg, msglen, aux, sig, e);
}

int
fl_key_taproot_sign(const secp256k1_context *ctx, const uint8_t sec[32],
    const uint8_t msg[32], const uint8_t aux[32], uint8_t sig[64],
    struct fl_err *e)
{
	return schnorr_sign(ctx, sec, 1, msg, 32, aux, sig, e);
}

int
fl_key_schnorr_verify(const secp256k1_context *ctx, const uint8_t xonly[32],
    const uint8_t *msg, size_t msglen, const uint8_t sig[64], struct fl_err *e)
{
	secp256k1_xonly_pubkey xpk;

	if (!secp256k1_xonly_pubkey_parse(ctx, &xpk, xonly))
		return fl_err_set(e, FL_EDATA, "invalid x-only public key");
	if (!secp256k1_schnorrsig_verify(ctx, sig, msg, msglen, &xpk))
		return fl_err_set(e, FL_EDATA,
		    "Schnorr signature does not verify");
	return 0;
}
