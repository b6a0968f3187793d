/*
 * decimal: exact non-negative decimal numbers of the record format
 * (flattor(7), "THE RECORD FORMAT": plain integers, and fractions such as
 * shares, boosts and probabilities) as integers of a fixed scale.  No
 * floating point.  Every parser returns 0, or FL_EDATA with e set to a
 * message that quotes the offending text, and leaves its result 0 on
 * error.
 */
#ifndef FL_DECIMAL_H
#define FL_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Plain decimal digits only (no sign, space or leading '+'), no overflow. */
int fl_decimal_parse_u64(const char *s, uint64_t *v, struct fl_err *e);

/*
 * An exact non-negative decimal, with an optional exponent ("1.5",
 * "2.5e-05", "7E3"), as an integer count of 10^-scale units: 1.5 with scale
 * 3 is 1500.  When the value has more precision than scale allows it is
 * rounded half up if round is set, else refused.  Overflow is refused.
 */
int fl_decimal_parse(const char *s, unsigned scale, int round, uint64_t *v,
    struct fl_err *e);

/*
 * Formats v / 10^scale as a decimal without trailing zeros (at least one
 * digit after the point when scale > 0 and v has a fraction), e.g. 1500,
 * scale 3 gives "1.5"; 2000 gives "2".
 */
void fl_decimal_format(uint64_t v, unsigned scale, char *buf, size_t size);

/*
 * Splits the len bytes at s, "123.456", into integer digits (*ip, *il) and
 * fraction digits (*fp, *fl), which point into s.  Returns 0, or -1 when
 * the text is not digits[.digits] with at least one digit (".5" and "1."
 * are accepted).
 */
int fl_decimal_split(const char *s, size_t len, const char **ip, size_t *il,
    const char **fp, size_t *fl);

#endif
