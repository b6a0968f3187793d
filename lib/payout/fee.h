/*
 * fee: exact sizes and fees of a transaction being built.
 *
 * Fee rates are integers in milli-satoshis per virtual byte (msat/vB), so
 * that "--feerate 2.5" is exact.  A fee for vsize v at rate r is
 * ceil(v * r / 1000) satoshis: the smallest whole fee that reaches the
 * rate; it is below (r + 1000) * v / 1000, so the rate reached is in
 * [rate, rate + 1) sat/vB.
 *
 * Input weights come from lib/sign: fl_sign_input_weight_max() gives the
 * weight with the largest signatures any signer makes (72-byte ECDSA,
 * 65-byte Schnorr), what a PSBT's fee must assume.  The smallest weight
 * a flattor signature can have is 2 bytes less per ECDSA signature (a
 * low-R signature whose s is a byte short) and 1 byte less per Schnorr
 * signature (SIGHASH_DEFAULT, 64 bytes).
 */
#ifndef FL_FEE_H
#define FL_FEE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "sign.h"

/* The heaviest transaction Bitcoin Core relays (MAX_STANDARD_TX_WEIGHT). */
#define FL_FEE_MAX_WEIGHT 400000

/*
 * The shape of a transaction: enough to know its weight without
 * building it.
 */
struct fl_fee_tx {
	size_t nin, nout;
	size_t nlegacy; /* inputs without a witness (P2PKH) */
	uint64_t in_weight; /* the inputs' weights, largest signatures */
	uint64_t in_slack; /* how much lighter the inputs can be signed */
	uint64_t out_bytes; /* the outputs' serialized bytes */
};

/* An empty shape: no inputs, no outputs. */
void fl_fee_tx_init(struct fl_fee_tx *t);
/* Adds an input of type t (not FL_SIGN_UNSUPPORTED) or a removes one. */
void fl_fee_add_input(struct fl_fee_tx *t, enum fl_sign_type type);
void fl_fee_remove_input(struct fl_fee_tx *t, enum fl_sign_type type);
/* Adds or removes an output whose scriptPubKey is spk_len bytes. */
void fl_fee_add_output(struct fl_fee_tx *t, size_t spk_len);
void fl_fee_remove_output(struct fl_fee_tx *t, size_t spk_len);

/*
 * The weight of the transaction with the largest signatures (max != 0)
 * or the smallest ones (max == 0): version, counts, outputs and locktime
 * times 4, the inputs' weights, and when any input has a witness the
 * marker and flag (2) and one empty-stack count per legacy input.
 */
uint64_t fl_fee_weight(const struct fl_fee_tx *t, int max);
/* The virtual size: the weight / 4, rounded up. */
uint64_t fl_fee_vsize(uint64_t weight);
/* The weight of one output with an spk_len-byte scriptPubKey. */
uint64_t fl_fee_output_weight(size_t spk_len);

/* ceil(vsize * rate / 1000): the fee that reaches rate msat/vB. */
uint64_t fl_fee_for(uint64_t vsize, uint64_t rate);
/*
 * Is fee within [rate, rate + 1 sat/vB) for vsize?  That is
 * fee * 1000 >= vsize * rate and fee * 1000 < vsize * (rate + 1000).
 */
int fl_fee_in_range(uint64_t fee, uint64_t vsize, uint64_t rate);

/*
 * Parses a fee rate in sat/vB ("4", "2.5", "1e1"; at most 3 decimals) into
 * msat/vB.  Returns 0, or FL_EUSAGE with e set: not a number, more than 3
 * decimals, 0, or above 100,000 sat/vB.
 */
int fl_fee_rate_parse(const char *s, uint64_t *rate, struct fl_err *e);

/* Formats a rate in msat/vB as sat/vB ("2.5"). */
void fl_fee_rate_format(uint64_t rate, char *buf, size_t size);

#endif
