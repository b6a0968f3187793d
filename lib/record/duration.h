/*
 * duration: a DURATION of flattor(7) ("AMOUNTS, DURATIONS AND TIMES"), as
 * options such as --period and --min-age take it.
 */
#ifndef FL_DURATION_H
#define FL_DURATION_H

#include <stdint.h>

#include "diag.h"

/*
 * DURATION: an integer with s, m, h, d or w, e.g. "30d", in seconds; at
 * most 2^35 seconds (about a thousand years).  Returns 0, or FL_EDATA with
 * e set to a message that quotes s; *secs is 0 on error.
 */
int fl_duration_parse(const char *s, int64_t *secs, struct fl_err *e);

#endif
