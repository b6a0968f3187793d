/*
 * payees: who a payout pays, read from the payees table (man/flattor.7,
 * THE TABLES, "Payees" and "Capped payees": the columns address and sat,
 * in THE RECORD FORMAT).  The payee list is the first thing flattor-tx
 * reads; lib/txbuild writes each payee's ledger row last.
 */
#ifndef FL_PAYEES_H
#define FL_PAYEES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "address.h"
#include "diag.h"

struct fl_payee {
	struct fl_address a; /* address, type and scriptPubKey */
	uint64_t sat; /* what the payee is due */
	uint64_t dust; /* its output's dust threshold */
	unsigned long line; /* input line, for messages */
};

/*
 * Reads the payees from a TSV input (the columns address, made by
 * flattor-addrs, and sat, made by flattor-weigh).  Rows with sat 0 are
 * skipped.  Each address must be valid for net, of a type with a dust
 * threshold (lib/dust), and appear once; sat must reach that threshold
 * and the total must not exceed 21,000,000 BTC.
 * Returns: 0 with *payees (malloc'ed, the caller frees it; NULL when *np
 * is 0) and *np (possibly 0); or FL_EDATA / FL_ENOMEM / FL_ESYS with e
 * set (e->line the offending line), *payees NULL and *np 0.
 */
int fl_payees_read(FILE *fp, enum fl_network net, struct fl_payee **payees,
    size_t *np, struct fl_err *e);

#endif
