/*
 * weighstage: flattor-weigh's run, on lib/stage: its options' values (the
 * flag, country and AS checks), the provenance line, the table.
 * cmd/flattor-weigh.c parses the command line and calls these.
 */
#ifndef FL_WEIGHSTAGE_H
#define FL_WEIGHSTAGE_H

#include <stdint.h>

#include "diag.h"
#include "stage.h"
#include "weigh.h"

/* The options, as getopt_long() returns them. */
enum fl_weighstage_opt {
	FL_WEIGH_O_AMOUNT = 256,
	FL_WEIGH_O_AS,
	FL_WEIGH_O_BOOST,
	FL_WEIGH_O_BY,
	FL_WEIGH_O_COUNTRY,
	FL_WEIGH_O_EXCLUDE_AS,
	FL_WEIGH_O_EXCLUDE_COUNTRY,
	FL_WEIGH_O_EXCLUDE_FLAG,
	FL_WEIGH_O_INCLUDE_UNMEASURED,
	FL_WEIGH_O_MIN_AGE,
	FL_WEIGH_O_REQUIRE_FLAG
};

/* The options that may be given more than once, ended by 0. */
extern const int fl_weighstage_repeatable[];

/* The settings of one run; the strings are borrowed from argv. */
struct fl_weighstage {
	struct fl_weigh_opts o; /* its arrays are owned */
	int64_t amount; /* 0: not given */
	const char *min_age_text;
};

/* The defaults (--by consensus, no filter). */
void fl_weighstage_init(struct fl_weighstage *w);

/*
 * Takes option opt's value arg (NULL for --include-unmeasured).  w keeps
 * pointers into arg, and --boost's arg is cut at its '=' (the boost's flag
 * and factor text point into it): pass optarg.  Returns 0, or FL_EUSAGE or
 * FL_ENOMEM with e set.
 */
int fl_weighstage_set(struct fl_weighstage *w, int opt, char *arg,
    struct fl_err *e);

/* Frees w's arrays. */
void fl_weighstage_free(struct fl_weighstage *w);

/*
 * Runs the stage on path ("-" for stdin) and returns main()'s exit status;
 * an error (a boost flag given twice, bad data) exits through
 * fl_stage_die*().  Frees w on every exit.
 */
int fl_weighstage_run(struct fl_stage *st, struct fl_weighstage *w,
    const char *path);

#endif
