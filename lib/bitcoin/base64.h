/*
 * base64: RFC 4648 base64 with padding, as PSBTs are exchanged.  The
 * decoder is strict: no whitespace, no characters outside the alphabet,
 * padding required and only at the end, and unused bits of the last
 * character zero, so one byte string has exactly one accepted text.
 */
#ifndef FL_BASE64_H
#define FL_BASE64_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* The length of the text fl_base64_encode() writes for len bytes. */
#define FL_BASE64_LEN(len) ((((len) + 2) / 3) * 4)

/*
 * Writes the base64 text of len bytes and a NUL to out, which holds
 * FL_BASE64_LEN(len) + 1 bytes.
 */
void fl_base64_encode(const uint8_t *data, size_t len, char *out);

/*
 * Decodes the len characters at s into a malloc'ed buffer (*out, *outlen;
 * the caller frees it).  Returns 0, FL_ENOMEM, or FL_EDATA with e set and
 * e->col the 1-based offending position: a length not a multiple of 4, a
 * character outside the alphabet, misplaced padding, or non-zero unused
 * bits.  On error *out is NULL and *outlen 0.
 */
int fl_base64_decode(const char *s, size_t len, uint8_t **out, size_t *outlen,
    struct fl_err *e);

#endif
