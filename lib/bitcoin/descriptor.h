/*
 * descriptor: the key and BIP-32 origin of a coin, from its output
 * descriptor as Bitcoin Core writes it, e.g.
 * "wpkh([d34db33f/84h/0h/0h/0/5]02...)#checksum".
 *
 * The forms pkh(K), wpkh(K), sh(wpkh(K)) and tr(K) with a hex key K and
 * an optional key origin give the coin's public key (for tr, the internal
 * key) and its origin, which a PSBT passes on to signers; the key must
 * give the coin's script (for sh(wpkh), it also gives the redeem script).
 * Other descriptors are ignored; the checksum is not checked (the script
 * is).
 */
#ifndef FL_DESCRIPTOR_H
#define FL_DESCRIPTOR_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "script.h"

/* The deepest BIP-32 origin path kept from a descriptor. */
#define FL_DESCRIPTOR_PATH_MAX 16

struct fl_descriptor {
	uint8_t pubkey[33]; /* the key, x-only (32 bytes) for tr */
	size_t pubkey_len; /* 0: a form not understood (ignored) */
	uint8_t fingerprint[4]; /* the key origin, if has_origin */
	uint32_t path[FL_DESCRIPTOR_PATH_MAX];
	size_t path_len;
	int has_origin;
	uint8_t redeem[22]; /* sh(wpkh): the P2WPKH redeem script */
	size_t redeem_len;
};

/*
 * Reads desc for a coin whose script has type t and program prog (as
 * fl_script_classify() gives them) into d.  Returns 0, also for a form it
 * ignores (d->pubkey_len is then 0), or FL_EDATA with e set ("the
 * descriptor's key does not give the coin's script") when the key does
 * not give the coin's script.
 */
int fl_descriptor_parse(const char *desc, enum fl_script_type t,
    const uint8_t *prog, struct fl_descriptor *d, struct fl_err *e);

#endif
