/* hex: lower-case hexadecimal, as Bitcoin tools print scripts and txs. */
#ifndef FL_HEX_H
#define FL_HEX_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Writes 2 * len lower-case digits and a NUL to out (2 * len + 1 bytes). */
void fl_hex_encode(const uint8_t *data, size_t len, char *out);

/*
 * Decodes the hex string s (either case, even length) into out (at most
 * size bytes).  Returns 0, or FL_EDATA with e set: odd length, a non-hex
 * character, or longer than size.  *outlen is 0 on error.
 */
int fl_hex_decode(const char *s, uint8_t *out, size_t size, size_t *outlen,
    struct fl_err *e);

/* Reverses n bytes in place (txids are shown byte-reversed). */
void fl_hex_reverse(uint8_t *p, size_t n);

#endif
