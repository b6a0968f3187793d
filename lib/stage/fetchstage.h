/*
 * fetchstage: flattor-fetch's run, on lib/stage: its options' values and
 * defaults, the Onionoo URL, the download (with progress on a terminal)
 * or the file, the provenance line and the relays table.
 * cmd/flattor-fetch.c parses the command line and calls these.
 */
#ifndef FL_FETCHSTAGE_H
#define FL_FETCHSTAGE_H

#include "diag.h"
#include "http.h"
#include "stage.h"

/* The options, as getopt_long() returns them. */
enum fl_fetchstage_opt {
	FL_FETCH_O_FILE = 'f',
	FL_FETCH_O_CACHE = 256,
	FL_FETCH_O_MAX_SIZE,
	FL_FETCH_O_PROXY,
	FL_FETCH_O_RETRIES,
	FL_FETCH_O_TIMEOUT,
	FL_FETCH_O_URL
};

/* The settings of one run; the strings are borrowed from argv. */
struct fl_fetchstage {
	struct fl_http_req q;
	const char *file; /* -f FILE; NULL: download */
	const char *base; /* --url */
	int net_opts; /* a network option was given */
};

/* The defaults: https://onionoo.torproject.org, timeouts, retries. */
void fl_fetchstage_init(struct fl_fetchstage *f);

/*
 * Takes option opt's value arg.  Returns 0, or FL_EUSAGE with e set
 * ("--proxy: empty URL ...", "--retries: invalid number \"x\"").
 */
int fl_fetchstage_set(struct fl_fetchstage *f, int opt, const char *arg,
    struct fl_err *e);

/* -f with a network option; a --url that is no http(s) base: FL_EUSAGE. */
int fl_fetchstage_check(const struct fl_fetchstage *f, struct fl_err *e);

/*
 * Runs the stage and returns main()'s exit status; an error exits through
 * fl_stage_die*().
 */
int fl_fetchstage_run(struct fl_stage *st, struct fl_fetchstage *f);

#endif
