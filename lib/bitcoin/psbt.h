/*
 * psbt: Partially Signed Bitcoin Transactions, BIP-174 version 0.
 *
 * The encoder writes the unsigned PSBTs flattor-tx makes: the unsigned
 * transaction, and per input what a signer needs (witness_utxo for segwit
 * coins, non_witness_utxo when the previous transaction is known, the
 * redeem script of a P2SH-P2WPKH coin, and when the coin's key is known
 * its BIP-32 derivation, or for taproot its internal key and taproot
 * derivation).  Outputs carry nothing.
 *
 * The decoder is strict, as Bitcoin Core's: the magic; key-value maps with
 * CompactSize key types; no duplicate key in a map; every known key type
 * with the key and value sizes BIP-174, BIP-371 (taproot) and BIP-373
 * (MuSig2) give, public keys that parse, key paths of whole 4-byte
 * elements, hash preimages that hash to their key, taproot trees that are
 * complete; the global unsigned transaction first needed, in legacy form,
 * with empty scriptSigs and witnesses; as many input and output maps as it
 * has inputs and outputs; a non_witness_utxo whose txid is the input's and
 * which has the spent output; nothing after the last map.  Version 2
 * PSBTs (BIP-370) are refused as unsupported, as are the fields only
 * version 2 allows.  Unknown and proprietary keys are kept (not
 * interpreted).
 */
#ifndef FL_PSBT_H
#define FL_PSBT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "tx.h"

#define FL_PSBT_MAX_SIZE ((size_t)100 << 20)

/* What the encoder writes for one input; absent pieces are NULL / 0. */
struct fl_psbt_in_data {
	const uint8_t *prev_tx; /* non_witness_utxo: the serialized tx */
	size_t prev_tx_len;
	int witness; /* write witness_utxo (value, spk) */
	uint64_t value;
	const uint8_t *spk;
	size_t spk_len;
	const uint8_t *redeem; /* redeem script */
	size_t redeem_len;
	const uint8_t *pubkey; /* the coin's key: 33 bytes, or the 32-byte */
	size_t pubkey_len; /* x-only taproot internal key; 0: unknown */
	int has_origin; /* write the BIP-32 derivation of pubkey: */
	const uint8_t *fingerprint; /* 4 bytes */
	const uint32_t *path;
	size_t path_len;
};

/*
 * Appends the PSBT of the unsigned tx (empty scriptSigs and witnesses)
 * with in[i] for its input i to b.  Returns 0, or FL_EDATA / FL_ENOMEM
 * with e set.
 */
int fl_psbt_encode(const struct fl_tx *tx, const struct fl_psbt_in_data *in,
    struct fl_buf *b, struct fl_err *e);

/* A decoded input; pointers point into struct fl_psbt's raw bytes. */
struct fl_psbt_in {
	const uint8_t *non_witness_utxo; /* the serialized tx, or NULL */
	size_t non_witness_utxo_len;
	int has_witness_utxo;
	uint64_t wu_value;
	const uint8_t *wu_spk;
	size_t wu_spk_len;
	const uint8_t *redeem, *witness_script; /* NULL when absent */
	size_t redeem_len, witness_script_len;
	int has_final_script_sig, has_final_witness;
	int has_sighash;
	uint32_t sighash;
	size_t npartial_sigs;
	int has_tap_internal_key;
	uint8_t tap_internal_key[32];
	size_t nunknown; /* unknown and proprietary keys */
};

struct fl_psbt_out {
	const uint8_t *redeem, *witness_script;
	size_t redeem_len, witness_script_len;
	size_t nunknown;
};

struct fl_psbt {
	uint8_t *raw; /* owned: the decoded bytes */
	size_t rawlen;
	uint32_t version; /* 0 */
	struct fl_tx tx; /* the unsigned transaction, owned */
	struct fl_psbt_in *in; /* tx.nin, owned */
	struct fl_psbt_out *out; /* tx.nout, owned */
	size_t nxpub, nunknown;
};

/*
 * Decodes len bytes of PSBT.  Returns 0 with p filled (free it with
 * fl_psbt_free()), or FL_EDATA with e set and e->col the byte offset
 * (from 1) where the problem was found; FL_ENOMEM.  On error p is empty.
 */
int fl_psbt_decode(const uint8_t *data, size_t len, struct fl_psbt *p,
    struct fl_err *e);
/* The same from base64 text (strict: lib/base64). */
int fl_psbt_decode_base64(const char *s, size_t len, struct fl_psbt *p,
    struct fl_err *e);
void fl_psbt_free(struct fl_psbt *p);

/*
 * The checks BIP-174 asks of a signer before it signs input i: a
 * witness_utxo only for a segwit script (directly or through the redeem
 * script), a redeem script whose hash is the P2SH program, a witness script
 * whose hash is the P2WSH program, and a non_witness_utxo output equal to
 * the witness_utxo when both are given.  Returns 0 or FL_EDATA with e set.
 */
int fl_psbt_check_input(const struct fl_psbt *p, size_t i, struct fl_err *e);

#endif
