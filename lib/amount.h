/*
 * amount: exact parsing and formatting of money, decimals, durations and
 * times (PIPELINE.md section 2).  Integers only: no floating point touches
 * an amount.  Every parser returns 0, or FL_EDATA with e set to a message
 * that quotes the offending text; callers turn that into a usage error for
 * options or a data error for input files.
 */
#ifndef FL_AMOUNT_H
#define FL_AMOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define FL_COIN INT64_C(100000000)
#define FL_MAX_MONEY (INT64_C(21000000) * FL_COIN)

/* Plain decimal digits only (no sign, space or leading '+'), no overflow. */
int fl_u64_parse(const char *s, uint64_t *v, struct fl_err *e);

/*
 * AMOUNT: "0.01btc", "0.01BTC", "1000000sat", "1000000sats", or a bare
 * decimal meaning BTC.  At most 8 decimals for BTC and none for sat; the
 * result is > 0 and at most 21,000,000 BTC.
 */
int fl_amount_parse(const char *s, int64_t *sat, struct fl_err *e);

/* Formats sat as BTC with exactly 8 decimals, e.g. "0.01000000". */
void fl_amount_format_btc(int64_t sat, char *buf, size_t size);

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

/* DURATION: an integer with s, m, h, d or w, e.g. "30d", in seconds. */
int fl_duration_parse(const char *s, int64_t *secs, struct fl_err *e);

/* TIME: ISO 8601 UTC "2026-11-26T12:00:00Z", as seconds since the epoch. */
int fl_time_parse(const char *s, int64_t *t, struct fl_err *e);
/* Onionoo's "2026-11-26 12:00:00" (UTC), as seconds since the epoch. */
int fl_time_parse_space(const char *s, int64_t *t, struct fl_err *e);
/* Formats t as "2026-11-26T12:00:00Z"; buf holds at least 21 bytes. */
void fl_time_format(int64_t t, char *buf, size_t size);

#endif
