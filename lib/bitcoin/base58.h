/*
 * base58: Bitcoin's base58 and base58check (version byte(s) + payload +
 * 4-byte double-SHA-256 checksum).
 */
#ifndef FL_BASE58_H
#define FL_BASE58_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/*
 * Encodes len bytes into out (NUL-terminated).  Returns 0, or FL_EDATA when
 * out (size bytes) is too small.
 */
int fl_base58_encode(const uint8_t *data, size_t len, char *out, size_t size);

/*
 * Decodes s into out (at most size bytes), *outlen set to the length.
 * Returns 0, or FL_EDATA with e set: a character outside the alphabet, or
 * a result longer than size.  On error *outlen is 0.
 */
int fl_base58_decode(const char *s, uint8_t *out, size_t size, size_t *outlen,
    struct fl_err *e);

/* base58 of data followed by its 4-byte checksum. */
int
fl_base58check_encode(const uint8_t *data, size_t len, char *out, size_t size);

/*
 * Decodes and checks s; out receives the data without the checksum.
 * Errors (FL_EDATA): as fl_base58_decode, shorter than 4 bytes, or a bad
 * checksum.
 */
int fl_base58check_decode(const char *s, uint8_t *out, size_t size,
    size_t *outlen, struct fl_err *e);

#endif
