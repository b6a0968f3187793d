/*
 * reportstage: flattor-report's run, on lib/stage: its options' values
 * and the rules between them, reading the tables and flattor-tx's output,
 * and the page (or the chart) into the all-or-nothing output.
 * cmd/flattor-report.c parses the command line and calls these.
 */
#ifndef FL_REPORTSTAGE_H
#define FL_REPORTSTAGE_H

#include "address.h"
#include "diag.h"
#include "report.h"
#include "stage.h"

/* The options, as getopt_long() returns them. */
enum fl_reportstage_opt {
	FL_REPORT_O_FORMAT = 256,
	FL_REPORT_O_NETWORK,
	FL_REPORT_O_RELAYS,
	FL_REPORT_O_TOP,
	FL_REPORT_O_TX,
	FL_REPORT_O_UTXOS
};

/* The settings of one run; the strings are borrowed from argv. */
struct fl_reportstage {
	const char *relays, *tx, *utxos; /* NULL when not given */
	enum fl_network net;
	int svg; /* --format svg */
	struct fl_report_opts o;
};

/* The defaults: HTML, main network, the top FL_REPORT_TOP bars. */
void fl_reportstage_init(struct fl_reportstage *c);

/*
 * Takes option opt's value arg.  Returns 0, or FL_EUSAGE with e set
 * ("--format: ...", "--tx: empty file name").
 */
int fl_reportstage_set(struct fl_reportstage *c, int opt, const char *arg,
    struct fl_err *e);

/*
 * The rules between options, given the input path: --utxos needs --tx,
 * --format svg takes neither --relays nor --tx, at most one input is
 * standard input.  Returns 0 or FL_EUSAGE with e set.
 */
int fl_reportstage_check(const struct fl_reportstage *c, const char *path,
    struct fl_err *e);

/*
 * Runs the stage on path ("-" for stdin) and returns main()'s exit status;
 * an error exits through fl_stage_die*().
 */
int fl_reportstage_run(struct fl_stage *st, const struct fl_reportstage *c,
    const char *path);

#endif
