/*
 * listunspent: the coins of "bitcoin-cli listunspent" (a JSON array of
 * objects: txid, vout, amount in BTC, scriptPubKey or address, optional
 * redeemScript and desc; other members are ignored), read with jansson.
 *
 * Amounts, one reading, jansson's: an integer amount is exact; jansson
 * gives any other number as a double, and the amount is the double's
 * shortest decimal text that reads back as the same double (what Bitcoin
 * Core and any other writer of doubles prints: "0.001", "1e-08").  That
 * decimal must have at most 8 decimals, be above 0 and at most 21,000,000
 * BTC; it is then an exact number of satoshis.  So "0.30000000000000004"
 * (0.1 + 0.2 printed in full) and "1.000000005" are refused; digits that a
 * double cannot hold ("0.00100000000000000000001") are not seen: the
 * double is 0.001, read as 100000 satoshis.
 */
#ifndef FL_LISTUNSPENT_H
#define FL_LISTUNSPENT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "address.h"
#include "diag.h"
#include "utxo.h"

/*
 * Reads the len bytes of text (a JSON array) into us (empty on entry).
 * The JSON tree may take at most 8 bytes per byte of text, and 1 MiB:
 * listunspent takes 4 to 6; many tiny values are refused.  Returns 0, or
 * FL_EDATA with e set: for invalid JSON, e->line and e->col locate it; for
 * a bad entry e->line is 0 and the message starts with "entry N: ".
 * FL_ENOMEM.  Not reentrant (jansson's allocator is global).
 */
int fl_listunspent_read(const char *text, size_t len, enum fl_network net,
    struct fl_utxos *us, struct fl_err *e);

/* An amount as the rule above reads it: 0, or -1 when refused. */
int fl_listunspent_sat(const json_t *v, uint64_t *sat);

#endif
