/*
 * hash: the hash functions Bitcoin uses, from libcrypto.  All are one-shot;
 * out must hold the digest's length.  None can fail on valid arguments (an
 * internal libcrypto failure aborts, since no result would be safe to use).
 */
#ifndef FL_HASH_H
#define FL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FL_SHA256_LEN 32
#define FL_RIPEMD160_LEN 20

void fl_sha256(const void *data, size_t len, uint8_t out[32]);
/* SHA-256 of SHA-256: txids, base58check checksums, legacy sighashes. */
void fl_sha256d(const void *data, size_t len, uint8_t out[32]);
void fl_ripemd160(const void *data, size_t len, uint8_t out[20]);
/* RIPEMD-160 of SHA-256: P2PKH and P2WPKH key hashes, P2SH script hashes. */
void fl_hash160(const void *data, size_t len, uint8_t out[20]);
/* BIP-340 tagged hash: SHA-256(SHA-256(tag) || SHA-256(tag) || data). */
void
fl_tagged_hash(const char *tag, const void *data, size_t len, uint8_t out[32]);

#endif
