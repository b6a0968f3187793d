/*
 * sighash: the message a signature commits to.
 *
 *  - legacy (pre-segwit): Bitcoin Core's SignatureHash() with SigVersion
 *    BASE, every hash type including ANYONECANPAY, NONE, SINGLE and the
 *    SIGHASH_SINGLE bug (an input without a matching output signs the
 *    number 1), OP_CODESEPARATORs removed from the scriptCode as Core does;
 *  - segwit v0: BIP-143;
 *  - taproot key path: BIP-341 (SigMsg with ext_flag 0, no annex).
 *
 * All results are in internal byte order (as signed; the legacy vectors of
 * Bitcoin Core show them reversed).  For many inputs, compute the shared
 * hashes once with fl_sighash_precompute() and pass them in.
 */
#ifndef FL_SIGHASH_H
#define FL_SIGHASH_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "tx.h"

#define FL_SIGHASH_DEFAULT 0x00 /* taproot only: ALL, 64-byte signature */
#define FL_SIGHASH_ALL 0x01
#define FL_SIGHASH_NONE 0x02
#define FL_SIGHASH_SINGLE 0x03
#define FL_SIGHASH_ANYONECANPAY 0x80

/*
 * The hashes shared by every input's segwit sighash.  v0 fields are double
 * SHA-256 (BIP-143), v1 fields single SHA-256 (BIP-341); have_spent says
 * whether the spent amounts and scripts were given (taproot needs them).
 */
struct fl_sighash_cache {
	uint8_t prevouts_d[32], sequences_d[32], outputs_d[32];
	uint8_t prevouts[32], amounts[32], spks[32], sequences[32], outputs[32];
	int have_spent;
};

/*
 * Fills c from tx; spent (may be NULL) gives the coins of all tx->nin
 * inputs in order.  Returns 0 or FL_ENOMEM.
 */
int fl_sighash_precompute(struct fl_sighash_cache *c, const struct fl_tx *tx,
    const struct fl_coin *spent, struct fl_err *e);

/*
 * Legacy sighash of input in with the given scriptCode and 32-bit hash
 * type (the last byte of the signature, as Core takes it: all 32 bits are
 * hashed).  Returns 0, FL_EDATA when in is out of range, FL_ENOMEM.
 */
int
fl_sighash_legacy(const struct fl_tx *tx, size_t in, const uint8_t *script_code,
    size_t script_len, uint32_t hashtype, uint8_t out[32], struct fl_err *e);

/*
 * BIP-143 sighash of input in spending amount with scriptCode (for P2WPKH:
 * the P2PKH script of the key hash).  c may be NULL (computed here).
 * Returns 0, FL_EDATA (in out of range), FL_ENOMEM.
 */
int fl_sighash_v0(const struct fl_tx *tx, const struct fl_sighash_cache *c,
    size_t in, const uint8_t *script_code, size_t script_len, uint64_t amount,
    uint32_t hashtype, uint8_t out[32], struct fl_err *e);

/*
 * BIP-341 key-path signature message appended to msg: the epoch byte 0x00
 * then SigMsg(hash_type, 0), as BIP-341's test vectors show it ("sigMsg");
 * and the TapSighash (tagged hash) of it.  spent (required) gives the
 * coins of all inputs; c may be NULL, or a cache made with the same coins.
 * Hash types: 0x00-0x03, 0x81-0x83.  Returns 0, FL_EDATA (spent NULL,
 * invalid hash type, SINGLE without a matching output, in out of range),
 * FL_ENOMEM.
 */
int fl_sighash_taproot_msg(const struct fl_tx *tx,
    const struct fl_sighash_cache *c, const struct fl_coin *spent, size_t in,
    uint8_t hashtype, struct fl_buf *msg, struct fl_err *e);
int fl_sighash_taproot(const struct fl_tx *tx, const struct fl_sighash_cache *c,
    const struct fl_coin *spent, size_t in, uint8_t hashtype, uint8_t out[32],
    struct fl_err *e);

#endif
