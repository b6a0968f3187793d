/*
 * capstage: flattor-cap's run, on lib/stage: its options' values and the
 * rules between them, the provenance line, the ledger, the table.
 * cmd/flattor-cap.c parses the command line and calls these.
 */
#ifndef FL_CAPSTAGE_H
#define FL_CAPSTAGE_H

#include <stdint.h>

#include "cap.h"
#include "diag.h"
#include "stage.h"

/* The options, as getopt_long() returns them. */
enum fl_capstage_opt {
	FL_CAP_O_LEDGER = 256,
	FL_CAP_O_MAX_SAT,
	FL_CAP_O_MAX_SHARE,
	FL_CAP_O_MIN_SAT,
	FL_CAP_O_NOW,
	FL_CAP_O_PERIOD
};

/* The most --ledger options one run takes. */
#define FL_CAP_MAXLEDGERS 16

/* The options that may be given more than once, 0-ended: --ledger. */
extern const int fl_capstage_repeatable[];

/* The settings of one run; the strings are borrowed from argv. */
struct fl_capstage {
	struct fl_cap_opts o;
	const char *ledger[FL_CAP_MAXLEDGERS]; /* in the order given */
	size_t nledger;
	const char *share_text, *period_text, *min_text;
	int64_t max_sat, min_sat, period, now;
	int has_now;
};

/* The defaults: no cap, --min-sat dust. */
void fl_capstage_init(struct fl_capstage *c);

/*
 * Takes option opt's value arg.  Returns 0, or FL_EUSAGE with e set
 * ("--max-sat: ...", "--ledger: empty file name", "--ledger: more than
 * 16 ledgers").
 */
int fl_capstage_set(struct fl_capstage *c, int opt, const char *arg,
    struct fl_err *e);

/*
 * The rules between options (--ledger needs --period and --max-sat, and
 * the other way round; not both a ledger and the input on stdin, nor two
 * ledgers), given
 * the input path; sets the default --now (the clock).  Returns 0 or
 * FL_EUSAGE with e set.
 */
int
fl_capstage_check(struct fl_capstage *c, const char *path, struct fl_err *e);

/*
 * Runs the stage on path ("-" for stdin) and returns main()'s exit status;
 * an error exits through fl_stage_die*().
 */
int fl_capstage_run(struct fl_stage *st, const struct fl_capstage *c,
    const char *path);

#endif
