/*
 * script: the scriptPubKeys flattor-tx pays to and spends from, and the
 * few script pieces its signer writes.
 *
 * Builders write into a caller's array sized by the FL_SCRIPT_*_LEN
 * constants and return the length written.
 */
#ifndef FL_SCRIPT_H
#define FL_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define FL_SCRIPT_P2PKH_LEN 25 /* DUP HASH160 <20> EQUALVERIFY CHECKSIG */
#define FL_SCRIPT_P2SH_LEN 23 /* HASH160 <20> EQUAL */
#define FL_SCRIPT_P2WPKH_LEN 22 /* 0 <20> */
#define FL_SCRIPT_P2WSH_LEN 34 /* 0 <32> */
#define FL_SCRIPT_P2TR_LEN 34 /* 1 <32> */
#define FL_SCRIPT_WITNESS_MAX 42 /* OP_n <40> */

/* Script opcodes used here. */
enum {
	FL_OP_0 = 0x00,
	FL_OP_PUSHDATA1 = 0x4c,
	FL_OP_PUSHDATA2 = 0x4d,
	FL_OP_PUSHDATA4 = 0x4e,
	FL_OP_1 = 0x51,
	FL_OP_16 = 0x60,
	FL_OP_RETURN = 0x6a,
	FL_OP_DUP = 0x76,
	FL_OP_EQUAL = 0x87,
	FL_OP_EQUALVERIFY = 0x88,
	FL_OP_HASH160 = 0xa9,
	FL_OP_CODESEPARATOR = 0xab,
	FL_OP_CHECKSIG = 0xac
};

enum fl_script_type {
	FL_SCRIPT_NONSTANDARD = 0,
	FL_SCRIPT_P2PKH, /* program: the 20-byte key hash */
	FL_SCRIPT_P2SH, /* program: the 20-byte script hash */
	FL_SCRIPT_P2WPKH, /* witness v0, 20 bytes */
	FL_SCRIPT_P2WSH, /* witness v0, 32 bytes */
	FL_SCRIPT_P2TR, /* witness v1, 32 bytes: the x-only output key */
	FL_SCRIPT_WITNESS_UNKNOWN, /* witness v1..16 otherwise (BIP-141) */
	FL_SCRIPT_NULLDATA /* OP_RETURN ... */
};

size_t fl_script_p2pkh(const uint8_t keyhash[20], uint8_t out[25]);
size_t fl_script_p2sh(const uint8_t scripthash[20], uint8_t out[23]);
size_t fl_script_p2wpkh(const uint8_t keyhash[20], uint8_t out[22]);
size_t fl_script_p2wsh(const uint8_t scripthash[32], uint8_t out[34]);
size_t fl_script_p2tr(const uint8_t xonly[32], uint8_t out[34]);
/*
 * The P2SH-P2WPKH scriptPubKey of a key hash: P2SH of the redeem script,
 * which is the P2WPKH script (fl_script_p2wpkh()).
 */
size_t fl_script_p2sh_p2wpkh(const uint8_t keyhash[20], uint8_t out[23]);
/*
 * OP_version <program>; version 0..16, program 2..40 bytes, written to out
 * (len + 2 bytes).  Returns the length, or 0 when version or length is out
 * of range.
 */
size_t fl_script_witness(unsigned version, const uint8_t *prog, size_t len,
    uint8_t *out);

/*
 * Classifies a scriptPubKey.  When prog is not NULL it receives the
 * program (key or script hash, witness program; at most 40 bytes) and
 * *proglen its length (0 for NONSTANDARD and NULLDATA); *version (may be
 * NULL) the witness version, or -1 for a non-witness script.
 */
enum fl_script_type fl_script_classify(const uint8_t *spk, size_t len,
    uint8_t prog[40], size_t *proglen, int *version);
/* "p2pkh", "p2sh", "p2wpkh", "p2wsh", "p2tr", "witness_unknown", ... */
const char *fl_script_type_name(enum fl_script_type t);

/*
 * Appends the minimal push of len bytes (BIP-62: a direct push up to 75
 * bytes, then PUSHDATA1/2/4).  Pushes of single small numbers are written
 * as data pushes too, as signatures and keys never are small numbers.
 */
void fl_script_push(struct fl_buf *b, const uint8_t *data, size_t len);

/*
 * Steps over one opcode at *pos as Bitcoin Core's GetOp() does.  Returns 1
 * and advances *pos past the opcode and its data; returns 0 at the end of
 * the script or on a truncated push (then *pos is where Core's iterator
 * stops: past the opcode and the length bytes read).  *op (may be NULL)
 * receives the opcode.
 */
int fl_script_next_op(const uint8_t *s, size_t len, size_t *pos, uint8_t *op);

#endif
