/*
 * utxo: the coins flattor-tx may spend, read from a file in one of two
 * forms, told apart by content (the first character that is not white
 * space: '[' or '{' means JSON):
 *
 *  - a table (flattor(7)) with the columns txid, vout, sat and
 *    script_pubkey (hex) or address; optional redeem_script (hex, for a
 *    P2SH-P2WPKH coin), prev_tx (the hex of the transaction that made
 *    the coin, so that a PSBT can carry it as non_witness_utxo) and desc;
 *  - the JSON array "bitcoin-cli listunspent" prints: txid, vout, amount
 *    (BTC), scriptPubKey or address, optional redeemScript and desc; other
 *    members are ignored.
 *
 * desc is the coin's output descriptor as Bitcoin Core writes it, e.g.
 * "wpkh([d34db33f/84h/0h/0h/0/5]02...)#checksum".  The forms pkh(K),
 * wpkh(K), sh(wpkh(K)) and tr(K) with a hex key K and an optional key
 * origin give the coin's public key (for tr, the internal key) and its
 * BIP-32 origin, which a PSBT passes on to signers; the key must give the
 * coin's script (for sh(wpkh), it also gives the redeem script).  Other
 * descriptors are ignored; the checksum is not checked (the script is).
 *
 * JSON amounts are exact although jansson hands them over as doubles: the
 * double is formatted with 8 decimals, that text is parsed exactly into
 * satoshis, and the conversion back must give the very same double.  Every
 * amount of at most 8 decimals up to 21,000,000 BTC survives this (a
 * double has more than enough precision there); an amount with more
 * decimals, or out of range, is refused.  The text of each "amount" is
 * also parsed exactly, so that digits beyond a double's precision
 * ("0.00100000000000000000001") are refused, not rounded away.
 *
 * Checks: txid of 64 hex digits, vout a 32-bit integer, sat (or amount)
 * > 0 and the total at most 21,000,000 BTC, no outpoint twice; the script
 * a P2PKH, P2SH, P2WPKH or P2TR scriptPubKey; an address of network net,
 * matching script_pubkey when both are given; a redeem script whose
 * HASH160 is the P2SH hash and which is a P2WPKH script; a prev_tx whose
 * txid is the coin's and whose output vout is the coin.
 */
#ifndef FL_UTXO_H
#define FL_UTXO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "address.h"
#include "diag.h"

/* The deepest BIP-32 origin path kept from a descriptor. */
#define FL_UTXO_PATH_MAX 16

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
};

/*
 * Reads the coins from fp.  Returns 0, or FL_EDATA / FL_ESYS / FL_ENOMEM
 * with e set: e->line is the TSV line, or for JSON the line of a syntax
 * error, and for a bad JSON entry e->line is 0 and the message starts
 * with 'entry N: '.  On failure us is empty.  Free with fl_utxos_free().
 */
int fl_utxos_read(FILE *fp, enum fl_network net, struct fl_utxos *us,
    struct fl_err *e);
void fl_utxos_free(struct fl_utxos *us);

#endif
