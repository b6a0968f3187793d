/*
 * opt: checks on the command line shared by the tools.
 */
#ifndef FL_OPT_H
#define FL_OPT_H

#include <getopt.h>
#include <stdint.h>

#include "diag.h"

/*
 * Refuses a second use of an option that takes a value, so that
 * "--amount 0.01 --amount 0.02" is an error rather than a guess at which
 * one was meant.  ch is what getopt_long() returned, lo the table it was
 * given (at most 64 entries, ended by a zero entry); seen holds one bit per
 * entry and starts at 0.  Options in repeatable (a list ended by 0, or
 * NULL) and options without a value may be given any number of times.
 * Returns 0, or FL_EUSAGE with e set to '--NAME given twice'.
 */
int fl_opt_once(const struct option *lo, int ch, const int *repeatable,
    uint64_t *seen, struct fl_err *e);

/*
 * The optional FILE operand left after the options (argv[optind..]): at
 * most one, not empty.  Sets *path to it, or to "-" (standard input) when
 * there is none.  Returns 0, or FL_EUSAGE with e set: "too many operands"
 * or "empty file name".
 */
int fl_opt_operand(int argc, char *argv[], int optind, const char **path,
    struct fl_err *e);

#endif
