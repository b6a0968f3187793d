/*
 * amount: money given by a user, as an AMOUNT of flattor(7) ("AMOUNTS,
 * DURATIONS AND TIMES"): parsed into satoshis and formatted back as BTC.
 * Integers only: no floating point touches an amount.  The parser returns
 * 0, or FL_EDATA with e set to a message that quotes the offending text;
 * callers turn that into a usage error for options or a data error for
 * input files.
 */
#ifndef FL_AMOUNT_H
#define FL_AMOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define FL_COIN INT64_C(100000000)
#define FL_MAX_MONEY (INT64_C(21000000) * FL_COIN)

/*
 * AMOUNT: "0.01btc", "0.01BTC", "1000000sat", "1000000sats", or a bare
 * decimal meaning BTC.  At most 8 decimals for BTC and none for sat; the
 * result is > 0 and at most 21,000,000 BTC.  *sat is 0 on error.
 */
int fl_amount_parse(const char *s, int64_t *sat, struct fl_err *e);

/* Formats sat as BTC with exactly 8 decimals, e.g. "0.01000000". */
void fl_amount_format_btc(int64_t sat, char *buf, size_t size);

#endif
