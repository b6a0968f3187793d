/*
 * dust: the smallest output value Bitcoin Core relays for each address type
 * (its default dust relay fee of 3 sat/vB applied to the output and the
 * input that would spend it).  An output below it makes the transaction
 * non-standard, so flattor-cap drops such payees and flattor-tx sends such
 * change to the fee.
 */
#ifndef FL_DUST_H
#define FL_DUST_H

#include <stdint.h>

#include "diag.h"

/*
 * The dust threshold of an address type: p2pkh 546, p2sh 540, p2wpkh 294,
 * p2wsh 330, p2tr 330.  Returns 0 with *sat set, or FL_EDATA with e set to
 * 'unknown address type "TYPE"' and *sat 0.
 */
int
fl_dust_threshold(const char *address_type, uint64_t *sat, struct fl_err *e);

#endif
