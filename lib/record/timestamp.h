/*
 * timestamp: points in time as seconds since the epoch, UTC, in the two
 * text forms Flattor meets: the TIME of flattor(7) ("AMOUNTS, DURATIONS AND
 * TIMES"), as in the ledger and --now, and Onionoo's, as in first_seen and
 * last_seen.  Proleptic Gregorian calendar, years from 1970, no leap
 * seconds, no time zone other than UTC.  Parsers return 0, or FL_EDATA
 * with e set to a message that quotes the text; *t is 0 on error.
 */
#ifndef FL_TIMESTAMP_H
#define FL_TIMESTAMP_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* TIME: ISO 8601 UTC "2026-11-26T12:00:00Z", as seconds since the epoch. */
int fl_timestamp_parse(const char *s, int64_t *t, struct fl_err *e);

/* Onionoo's "2026-11-26 12:00:00" (UTC), as seconds since the epoch. */
int fl_timestamp_parse_space(const char *s, int64_t *t, struct fl_err *e);

/* Formats t as "2026-11-26T12:00:00Z"; buf holds at least 21 bytes. */
void fl_timestamp_format(int64_t t, char *buf, size_t size);

#endif
