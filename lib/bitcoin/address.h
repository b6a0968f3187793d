/*
 * address: Bitcoin addresses (base58check P2PKH/P2SH, segwit bech32 and
 * bech32m), decoded for one network into their type, witness program and
 * scriptPubKey, and encoded back from a scriptPubKey.
 *
 * Networks: main (base58 versions 0/5, prefix bc), test and signet
 * (111/196, tb: testnet3, testnet4 and signet share them) and regtest
 * (111/196, bcrt).  Everything is in caller-owned structs; nothing is
 * allocated.
 */
#ifndef FL_ADDRESS_H
#define FL_ADDRESS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum fl_network { FL_NET_MAIN, FL_NET_TEST, FL_NET_SIGNET, FL_NET_REGTEST };

/* "main", "test", "signet", "regtest" → *net; returns 0 or FL_EUSAGE. */
int fl_network_parse(const char *name, enum fl_network *net);
/* The name fl_network_parse takes; "?" for a value out of range. */
const char *fl_network_name(enum fl_network net);

enum fl_addr_type {
	FL_ADDR_P2PKH,
	FL_ADDR_P2SH,
	FL_ADDR_P2WPKH,
	FL_ADDR_P2WSH,
	FL_ADDR_P2TR,
	FL_ADDR_WITNESS_UNKNOWN /* v1 not 32 bytes, v2..v16 */
};

/* "p2pkh" "p2sh" "p2wpkh" "p2wsh" "p2tr" "witness_unknown"; "?" if none. */
const char *fl_addr_type_name(enum fl_addr_type t);
/* The reverse of fl_addr_type_name; returns 0 or FL_EUSAGE. */
int fl_addr_type_parse(const char *name, enum fl_addr_type *t);

/* Why an address (or a contact) was refused: the reason words of flattor(7). */
enum fl_addr_reject {
	FL_REJECT_NONE,
	FL_REJECT_BAD_CHECKSUM, /* "bad-checksum": does not decode */
	FL_REJECT_WRONG_NETWORK, /* "wrong-network" */
	FL_REJECT_AMBIGUOUS, /* "ambiguous": contacts only */
	FL_REJECT_UNSUPPORTED_WITNESS_VERSION, /* "unsupported-witness-version" */
	FL_REJECT_INVALID_KEY, /* "invalid-key": P2TR program not a point */
	FL_REJECT_NOT_AN_ADDRESS, /* "not-an-address": contacts only */
	FL_REJECT_OTHER_COIN /* "other-coin": contacts only */
};
#define FL_REJECT_COUNT 8

/* The reason word ("" for FL_REJECT_NONE, "?" out of range). */
const char *fl_addr_reject_name(enum fl_addr_reject r);

/* Accept witness versions 2..16 and v1 programs other than 32 bytes. */
#define FL_ADDR_ALLOW_FUTURE_WITNESS 1u

/* The longest address text: bech32's 90 characters. */
#define FL_ADDR_TEXT_MAX 90

struct fl_address {
	enum fl_addr_type type;
	int witver; /* -1 for base58 */
	uint8_t prog[40]; /* the hash (base58) or witness program */
	size_t proglen;
	uint8_t spk[42]; /* scriptPubKey */
	size_t spklen;
	char text[FL_ADDR_TEXT_MAX + 1]; /* normalized: bech32 lower case */
};

/*
 * Decodes the address s for network net.
 * Returns 0 with *a filled, or FL_EDATA with *why set (never
 * FL_REJECT_NONE, AMBIGUOUS or NOT_AN_ADDRESS) and e->msg explaining:
 *   bad-checksum: not base58check nor bech32/bech32m of a segwit address
 *     (checksum, case, character set, length, padding, wrong checksum
 *     variant for the version, unknown base58 version byte);
 *   wrong-network: a valid address of another network;
 *   unsupported-witness-version: v2..v16, or v1 not 32 bytes, without
 *     FL_ADDR_ALLOW_FUTURE_WITNESS in flags;
 *   invalid-key: v1 32-byte program that is not a valid x-only key.
 * On error *a is zeroed.  why may be NULL.
 */
int fl_address_decode(const char *s, enum fl_network net, unsigned flags,
    struct fl_address *a, enum fl_addr_reject *why, struct fl_err *e);

/*
 * The address of the scriptPubKey spk (len bytes) on net: P2PKH, P2SH,
 * segwit v0 (20/32 bytes), v1..v16 (2..40 bytes; a v1 32-byte program is
 * P2TR whether or not it is a valid key, since the script exists).
 * Returns 0 with *a filled, or FL_EDATA for a script that has no address.
 */
int fl_address_from_script(const uint8_t *spk, size_t len, enum fl_network net,
    struct fl_address *a, struct fl_err *e);

#endif
