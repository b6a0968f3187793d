/*
 * utxo: the coins flattor-tx may spend, read from a file in one of two
 * forms, told apart by content (the first character that is not white
 * space: '[' or '{' means JSON):
 *
 *  - TSV (PIPELINE.md section 1) with the columns txid, vout, sat and
 *    script_pubkey (hex) or address; optional redeem_script (hex, for a
 *    P2SH-P2WPKH coin) and prev_tx (the hex of the transaction that made
 *    the coin, so that a PSBT can carry it as non_witness_utxo);
 *  - the JSON array "bitcoin-cli listunspent" prints: txid, vout, amount
 *    (BTC), scriptPubKey or address, optional redeemScript; other members
 *    are ignored.
 *
 * JSON amounts are exact although jansson hands them over as doubles: the
 * double is formatted with 8 decimals, that text is parsed exactly into
 * satoshis, and the conversion back must give the very same double.  Every
 * amount of at most 8 decimals up to 21,000,000 BTC survives this (a
 * double has more than enough precision there); an amount with more
 * decimals, or out of range, is refused.
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

struct fl_utxo {
	uint8_t txid[32]; /* internal byte order */
	uint32_t vout;
	uint64_t value; /* satoshis */
	uint8_t spk[42]; /* scriptPubKey */
	size_t spk_len;
	uint8_t redeem[22]; /* the P2WPKH redeem script of a P2SH coin */
	size_t redeem_len; /* 0 when not known */
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
