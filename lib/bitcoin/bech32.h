/*
 * bech32: the bech32 (BIP-173) and bech32m (BIP-350) encodings, and segwit
 * addresses built on them (witness version + program).
 *
 * All functions write only into buffers the caller owns; nothing is
 * allocated.  Outputs are cleared first, so a failed call leaves no stale
 * data.
 */
#ifndef FL_BECH32_H
#define FL_BECH32_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum fl_bech32_enc {
	FL_BECH32_NONE = 0, /* neither checksum matched */
	FL_BECH32 = 1, /* BIP-173 constant 1 */
	FL_BECH32M = 2 /* BIP-350 constant 0x2bc830a3 */
};

/* The longest bech32 string BIP-173 allows. */
#define FL_BECH32_MAX 90
/* The longest human-readable part (1..83 characters). */
#define FL_BECH32_HRP_MAX 83

/*
 * Decodes the bech32 or bech32m string s.
 * Returns 0, or FL_EDATA with e set: longer than 90 characters, mixed case,
 * a character outside US-ASCII 33..126, no '1' separator, an empty or too
 * long human-readable part, fewer than 6 checksum characters, a data
 * character outside the bech32 alphabet, or a checksum that matches neither
 * encoding.
 * Out: hrp (hrpsize bytes, at least FL_BECH32_HRP_MAX + 1) receives the
 *      human-readable part in lower case; data (datasize bytes) the 5-bit
 *      values without the checksum, *datalen their number; *enc which
 *      checksum matched.
 */
int fl_bech32_decode(const char *s, char *hrp, size_t hrpsize, uint8_t *data,
    size_t datasize, size_t *datalen, enum fl_bech32_enc *enc,
    struct fl_err *e);

/*
 * Encodes hrp (lower case) and the 5-bit values data with the checksum of
 * enc into out (size bytes, NUL-terminated).  Returns 0, or FL_EDATA with e
 * set: a value above 31, a bad hrp, or a result longer than 90 characters or
 * than size.
 */
int fl_bech32_encode(const char *hrp, const uint8_t *data, size_t datalen,
    enum fl_bech32_enc enc, char *out, size_t size, struct fl_err *e);

/*
 * Regroups bits: in holds inlen values of frombits bits, out (outsize
 * values) receives values of tobits bits.  pad: 1 pads the last group with
 * zero bits (encoding); 0 requires the left-over bits to be fewer than
 * frombits and all zero (decoding).  Returns 0 with *outlen set, or FL_EDATA
 * with e set.
 */
int fl_bech32_convert_bits(const uint8_t *in, size_t inlen, unsigned frombits,
    uint8_t *out, size_t outsize, size_t *outlen, unsigned tobits, int pad,
    struct fl_err *e);

/*
 * Decodes a segwit address with the human-readable part hrp (lower case).
 * Returns 0, or FL_EDATA with e set: anything fl_bech32_decode refuses, a
 * different hrp, no witness version, a version above 16, a program of fewer
 * than 2 or more than 40 bytes, non-zero padding, v0 not 20 or 32 bytes,
 * v0 with bech32m, or v1+ with bech32 (BIP-350).
 * Out: *witver, prog (40 bytes), *proglen.
 */
int fl_segwit_decode(const char *s, const char *hrp, int *witver,
    uint8_t prog[40], size_t *proglen, struct fl_err *e);

/*
 * Encodes a segwit address (lower case) into out (size bytes, at least 91):
 * bech32 for version 0, bech32m for 1..16.  Returns 0, or FL_EDATA with e
 * set for a version or program length BIP-141 does not allow.
 */
int fl_segwit_encode(const char *hrp, int witver, const uint8_t *prog,
    size_t proglen, char *out, size_t size, struct fl_err *e);

#endif
