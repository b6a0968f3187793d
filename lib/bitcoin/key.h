/*
 * key: private keys (WIF), public keys, and ECDSA and Schnorr signatures
 * through libsecp256k1.
 *
 * Secrets: struct fl_key holds a secret key; wipe it with fl_key_wipe()
 * (fl_keys_free() does so for a set).  Every function here wipes its own
 * temporary copies (keypairs, tweaked keys) before returning, on every
 * path.  Error messages never contain key material.
 *
 * Context: one secp256k1 context per process, from fl_key_ctx_new(),
 * randomized against side channels with getrandom() bytes; it serves both
 * signing and verification.  Destroy it with fl_key_ctx_free().
 *
 * Determinism: the same key and message always give the same signature.
 * ECDSA uses RFC 6979 with Bitcoin Core's low-R grinding.  Schnorr
 * signatures take aux_rand from the caller; flattor passes 32 zero bytes
 * (BIP-340 allows any value, the nonce still depends on the secret key and
 * the message; zeros also reproduce the BIP-341 wallet test vectors).
 */
#ifndef FL_KEY_H
#define FL_KEY_H

#include <stddef.h>
#include <stdint.h>

#include <secp256k1.h>

#include "diag.h"

enum fl_key_net {
	FL_KEY_MAIN = 0, /* WIF version 0x80 */
	FL_KEY_TEST = 1 /* 0xef: testnet, signet and regtest */
};

struct fl_key {
	uint8_t sec[32]; /* secret */
	uint8_t pub[33]; /* compressed public key */
	uint8_t keyhash[20]; /* HASH160 of pub */
	int compressed; /* the WIF said "compressed" */
	enum fl_key_net net;
};

struct fl_keys {
	struct fl_key *k; /* owned, wiped by fl_keys_free() */
	size_t n;
	size_t max; /* fl_keys_parse(): k's slots, from fl_secret_alloc() */
};

#define FL_ECDSA_DER_MAX 72 /* DER signature, without the hash type */

/*
 * Creates the context and randomizes it.  Returns NULL and sets e
 * (FL_ESYS: getrandom failed; FL_ENOMEM) on failure.
 */
secp256k1_context *fl_key_ctx_new(struct fl_err *e);
void fl_key_ctx_free(secp256k1_context *ctx);

/*
 * Decodes a WIF private key of len characters (not NUL-terminated; no
 * whitespace) into k and derives its public key.  Refused with FL_EDATA
 * (k wiped): not base58, bad checksum, a length other than 33 or 34 bytes,
 * a version byte other than 0x80/0xef, a compression flag other than 0x01,
 * a secret outside 1..n-1.
 */
int fl_key_from_wif(const secp256k1_context *ctx, const char *wif, size_t len,
    struct fl_key *k, struct fl_err *e);
/* Wipes k. */
void fl_key_wipe(struct fl_key *k);

/*
 * Parses a key file's text: one WIF key a line; blank lines and lines
 * starting with '#' are skipped; spaces and tabs around a key are ignored.
 * Every key must be for network net and compressed (segwit and taproot
 * need compressed keys; flattor does not sign with uncompressed ones).
 * Errors (FL_EDATA, e->line set, the key never quoted): as
 * fl_key_from_wif(); "key for mainnet, not a test network" (or the
 * reverse); "uncompressed key: ..."; "carriage return or NUL in key file";
 * "no keys" (line 0).  On error ks is left empty and every copy is wiped.
 * The keys are in memory from fl_secret_alloc() (lib/secret): locked,
 * out of core dumps.
 */
int fl_keys_parse(const secp256k1_context *ctx, const char *text, size_t len,
    enum fl_key_net net, struct fl_keys *ks, struct fl_err *e);
/*
 * Wipes and frees ks's keys and leaves it empty.  ks->max 0 means k came
 * from malloc() (tests build key sets so).
 */
void fl_keys_free(struct fl_keys *ks);

/* The compressed public key of sec.  FL_EDATA: invalid secret. */
int fl_key_pubkey(const secp256k1_context *ctx, const uint8_t sec[32],
    uint8_t pub[33], struct fl_err *e);

/*
 * BIP-341 key-path output key of an x-only internal key without a script
 * tree: Q = P + t*G, t = tagged_hash("TapTweak", P).  *parity (may be NULL)
 * receives Q's y parity.  FL_EDATA: invalid key or tweak.
 */
int
fl_key_taproot_tweak(const secp256k1_context *ctx, const uint8_t internal[32],
    uint8_t output[32], int *parity, struct fl_err *e);
/* The x-only internal key of sec and its output key as above. */
int fl_key_taproot_output(const secp256k1_context *ctx, const uint8_t sec[32],
    uint8_t internal[32], uint8_t output[32], struct fl_err *e);

/*
 * ECDSA signature of the 32-byte hash msg, DER-encoded into der (*derlen
 * bytes, at most 72).  RFC 6979 nonces with Bitcoin Core's low-R grinding:
 * the first attempt has no extra data; then the extra data is a 32-byte
 * little-endian counter from 1 up, until r's top bit is clear.  The
 * signature is low-S.  FL_EDATA: invalid secret.
 */
int fl_key_ecdsa_sign(const secp256k1_context *ctx, const uint8_t sec[32],
    const uint8_t msg[32], uint8_t der[72], size_t *derlen, struct fl_err *e);
/*
 * Verifies a strict-DER, low-S signature over msg by the serialized public
 * key pub (33 or 65 bytes).  Returns 0 when valid, else FL_EDATA.
 */
int fl_key_ecdsa_verify(const secp256k1_context *ctx, const uint8_t *pub,
    size_t publen, const uint8_t msg[32], const uint8_t *der, size_t derlen,
    struct fl_err *e);

/*
 * BIP-340 signature of msg (msglen bytes, any length) with aux_rand
 * (32 bytes; NULL means 32 zero bytes).  FL_EDATA: invalid secret.
 */
int fl_key_schnorr_sign(const secp256k1_context *ctx, const uint8_t sec[32],
    const uint8_t *msg, size_t msglen, const uint8_t aux[32], uint8_t sig[64],
    struct fl_err *e);
/*
 * The same with the BIP-341 key-path tweak applied to the key first
 * (no script tree), as a P2TR key-path spend needs.
 */
int fl_key_taproot_sign(const secp256k1_context *ctx, const uint8_t sec[32],
    const uint8_t msg[32], const uint8_t aux[32], uint8_t sig[64],
    struct fl_err *e);
/* 0 when sig is valid for msg and the x-only key, else FL_EDATA. */
int fl_key_schnorr_verify(const secp256k1_context *ctx, const uint8_t xonly[32],
    const uint8_t *msg, size_t msglen, const uint8_t sig[64], struct fl_err *e);

#endif
