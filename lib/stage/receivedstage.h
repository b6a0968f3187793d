/*
 * receivedstage: flattor-received's run, on lib/stage: its options and the
 * rules between them, the provenance line, the progress line, the report
 * of --check-ledger.  The chain is read by lib/esplora; cmd/
 * flattor-received.c parses the command line and calls these.
 */
#ifndef FL_RECEIVEDSTAGE_H
#define FL_RECEIVEDSTAGE_H

#include <stdint.h>

#include "diag.h"
#include "esplora.h"
#include "stage.h"

/* The options, as getopt_long() returns them. */
enum fl_receivedstage_opt {
	FL_RECV_O_CHECK = 256,
	FL_RECV_O_CONFIRMED,
	FL_RECV_O_ESPLORA,
	FL_RECV_O_JOBS,
	FL_RECV_O_MIN_CONF,
	FL_RECV_O_NOW,
	FL_RECV_O_PERIOD,
	FL_RECV_O_PROXY,
	FL_RECV_O_RETRIES,
	FL_RECV_O_STALE,
	FL_RECV_O_TIMEOUT
};

/* The settings of one run; the strings are borrowed from argv. */
struct fl_receivedstage {
	struct fl_esplora_opts o;
	const char *check, *period_text, *stale_text;
	int has_now, has_stale;
};

/* The defaults: 4 jobs, 60 s a request, 3 retries, --stale 7d. */
void fl_receivedstage_init(struct fl_receivedstage *c);

/*
 * Takes option opt's value arg.  Returns 0, or FL_EUSAGE with e set
 * ("--jobs: invalid number \"0\"").
 */
int fl_receivedstage_set(struct fl_receivedstage *c, int opt, const char *arg,
    struct fl_err *e);

/*
 * The rules between options (--esplora always; --period unless
 * --check-ledger, which takes neither --period nor FILE; --stale only with
 * it), given the input path; sets the default --now (the clock).  Returns
 * 0 or FL_EUSAGE with e set.
 */
int fl_receivedstage_check(struct fl_receivedstage *c, const char *path,
    struct fl_err *e);

/*
 * Runs the stage on path ("-" for stdin) and returns main()'s exit status;
 * an error exits through fl_stage_die*().
 */
int fl_receivedstage_run(struct fl_stage *st, struct fl_receivedstage *c,
    const char *path);

#endif
