/*
 * utxo: the coins flattor-tx may spend, read from a file in one of two
 * forms, told apart by content (the first character that is not white
 * space: '[' or '{' means JSON):
 *
 *  - TSV (flattor(7)) with the columns txid, vout, sat and script_pubkey
 *    (hex) or address; optional redeem_script (hex, for a P2SH-P2WPKH
 *    coin), prev_tx (the hex of the transaction that made the coin, so
 *    that a PSBT can carry it as non_witness_utxo) and desc (lib/
 *    descriptor.h); read here;
 *  - the JSON array "bitcoin-cli listunspent" prints: read by lib/
 *    listunspent.c, which states how its amounts are read.
 *
 * Checks, for both (fl_utxo_add()): txid of 64 hex digits, vout a 32-bit
 * integer, sat (or amount) > 0 and the total at most 21,000,000 BTC, no
 * outpoint twice; the script a P2PKH, P2SH, P2WPKH or P2TR scriptPubKey;
 * an address of network net, matching script_pubkey when both are given;
 * a redeem script whose HASH160 is the P2SH hash and which is a P2WPKH
 * script; a descriptor whose key gives the script; a prev_tx whose txid
 * is the coin's and whose output vout is the coin.
 */
#ifndef FL_UTXO_H
#define FL_UTXO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "address.h"
#include "descriptor.h"
#include "diag.h"

/* The deepest BIP-32 origin path kept from a descriptor. */
#define FL_UTXO_PATH_MAX FL_DESCRIPTOR_PATH_MAX

struct fl_utxo {
	uint8_t txid[32]; /* internal byte order */
	uint32_t vout;
	uint64_t value; /* satoshis */
	uint8_t spk[42]; /* scriptPubKey */
	size_t spk_len;
	uint8_t redeem[22]; /* the P2WPKH redeem script of a P2SH coin */
	size_t redeem_len; /* 0 when not known */
	uint8_t pubkey[33]; /* from desc: the key, x-only (32) for p2tr */
	size_t pubkey_len; /* 0 when unknown */
	uint8_t fingerprint[4]; /* from desc: the key origin, if path_len */
	uint32_t path[FL_UTXO_PATH_MAX];
	size_t path_len; /* 0: no origin known */
	int has_origin;
	uint8_t *prev_tx; /* owned; the serialized previous tx, or NULL */
	size_t prev_tx_len;
	unsigned long line; /* TSV line, or JSON array index from 1 */
};

struct fl_utxos {
	struct fl_utxo *u; /* owned */
	size_t n;
	int json; /* read from listunspent JSON (line = array index) */
	/* For fl_utxo_add(): the total so far, and an index of outpoints. */
	uint64_t total;
	size_t *slot; /* owned: index + 1 of a coin, 0 empty */
	size_t nslot; /* a power of 2, or 0 */
};

/*
 * Reads the coins from fp, at most 64 MiB (read whole, then parsed; a
 * larger input is refused having read no more).  Returns 0, or FL_EDATA /
 * FL_ESYS / FL_ENOMEM with e set: e->line is the TSV line, or for JSON the
 * line of a syntax error, and for a bad JSON entry e->line is 0 and the
 * message starts with 'entry N: '.  On failure us is empty.  Free with fl_utxo_free().
 */
int fl_utxo_read(FILE *fp, enum fl_network net, struct fl_utxos *us,
    struct fl_err *e);
void fl_utxo_free(struct fl_utxos *us);

/* For the readers: the names of the fields, as the file spells them. */
struct fl_utxo_names {
	const char *what; /* "column" or "member" */
	const char *txid, *vout, *sat, *spk, *address, *redeem, *prev, *desc;
};

/* The fields of one coin as text; NULL or "" when absent. */
struct fl_utxo_fields {
	const char *txid, *spk, *address, *redeem, *prev, *desc;
	uint64_t vout, sat;
};

/*
 * Checks one coin (see above) and appends it to us, with line as its
 * line.  Returns 0, or FL_EDATA / FL_ENOMEM with e set (no location: the
 * reader adds it), naming fields as nm spells them.
 */
int fl_utxo_add(struct fl_utxos *us, const struct fl_utxo_fields *f,
    const struct fl_utxo_names *nm, enum fl_network net, unsigned long line,
    struct fl_err *e);

#endif
