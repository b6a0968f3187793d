/*
 * wallet: the payees as input for a wallet that builds the transaction
 * itself (flattor-tx --format), instead of a PSBT or a signed transaction.
 *
 *  - sendmany: the JSON object of Bitcoin Core's "sendmany" amounts
 *    argument, {"ADDRESS":BTC,...} on one line, in payee order;
 *  - csv: one "ADDRESS,BTC" line per payee (Electrum's "Pay to many").
 *
 * Amounts are BTC with exactly 8 decimals (lib/amount).
 */
#ifndef FL_WALLET_H
#define FL_WALLET_H

#include <stddef.h>
#include <stdio.h>

#include "payees.h"

enum fl_wallet_format { FL_WALLET_SENDMANY, FL_WALLET_CSV };

/*
 * Parses "sendmany" or "csv" into *f.  Returns 0, or FL_EUSAGE with *f
 * unchanged.
 */
int fl_wallet_format_parse(const char *s, enum fl_wallet_format *f);

/*
 * Writes the np payees (their address text and sat) to out in format f.
 * Nothing can fail but the writes, which the caller checks with ferror()
 * or when it commits out (fl_outbuf_commit()).
 */
void fl_wallet_write(FILE *out, enum fl_wallet_format f,
    const struct fl_payee *payees, size_t np);

#endif
