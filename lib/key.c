/* key: stub, implementation follows. */
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "key.h"

secp256k1_context *
fl_key_ctx_new(struct fl_err *e)
{
	fl_err_set(e, FL_ENOMEM, "not implemented");
	return NULL;
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
	fl_wipe(k, sizeof(*k));
}

int
fl_key_from_wif(const secp256k1_context *ctx, const char *wif, size_t len,
    struct fl_key *k, struct fl_err *e)
{
	(void)ctx, (void)wif, (void)len;
	fl_key_wipe(k);
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_keys_parse(const secp256k1_context *ctx, const char *text, size_t len,
    enum fl_key_net net, struct fl_keys *ks, struct fl_err *e)
{
	(void)ctx, (void)text, (void)len, (void)net;
	ks->k = NULL;
	ks->n = 0;
	return fl_err_set(e, FL_EDATA, "not implemented");
}

void
fl_keys_free(struct fl_keys *ks)
{
	if (ks->k != NULL) {
		fl_wipe(ks->k, ks->n * sizeof(*ks->k));
		free(ks->k);
	}
	ks->k = NULL;
	ks->n = 0;
}

int
fl_key_pubkey(const secp256k1_context *ctx, const uint8_t sec[32],
    uint8_t pub[33], struct fl_err *e)
{
	(void)ctx, (void)sec;
	memset(pub, 0, 33);
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_key_taproot_tweak(const secp256k1_context *ctx, const uint8_t internal[32],
    uint8_t output[32], int *parity, struct fl_err *e)
{
	(void)ctx, (void)internal, (void)parity;
	memset(output, 0, 32);
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_key_taproot_output(const secp256k1_context *ctx, const uint8_t sec[32],
    uint8_t internal[32], uint8_t output[32], struct fl_err *e)
{
	(void)ctx, (void)sec;
	memset(internal, 0, 32);
	memset(output, 0, 32);
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_key_ecdsa_sign(const secp256k1_context *ctx, const uint8_t sec[32],
    const uint8_t msg[32], uint8_t der[72], size_t *derlen, struct fl_err *e)
{
	(void)ctx, (void)sec, (void)msg;
	memset(der, 0, 72);
	*derlen = 0;
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_key_ecdsa_verify(const secp256k1_context *ctx, const uint8_t *pub,
    size_t publen, const uint8_t msg[32], const uint8_t *der, size_t derlen,
    struct fl_err *e)
{
	(void)ctx, (void)pub, (void)publen, (void)msg, (void)der, (void)derlen;
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_key_schnorr_sign(const secp256k1_context *ctx, const uint8_t sec[32],
    const uint8_t *msg, size_t msglen, const uint8_t aux[32], uint8_t sig[64],
    struct fl_err *e)
{
	(void)ctx, (void)sec, (void)msg, (void)msglen, (void)aux;
	memset(sig, 0, 64);
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_key_taproot_sign(const secp256k1_context *ctx, const uint8_t sec[32],
    const uint8_t msg[32], const uint8_t aux[32], uint8_t sig[64],
    struct fl_err *e)
{
	(void)ctx, (void)sec, (void)msg, (void)aux;
	memset(sig, 0, 64);
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_key_schnorr_verify(const secp256k1_context *ctx, const uint8_t xonly[32],
    const uint8_t *msg, size_t msglen, const uint8_t sig[64], struct fl_err *e)
{
	(void)ctx, (void)xonly, (void)msg, (void)msglen, (void)sig;
	return fl_err_set(e, FL_EDATA, "not implemented");
}
