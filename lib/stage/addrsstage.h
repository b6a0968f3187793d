/*
 * addrsstage: flattor-addrs's run, on lib/stage: its options' values, the
 * provenance line, the address columns passed through by name, the
 * rejects file and the summary.  cmd/flattor-addrs.c parses the command
 * line and calls these.
 */
#ifndef FL_ADDRSSTAGE_H
#define FL_ADDRSSTAGE_H

#include "address.h"
#include "diag.h"
#include "stage.h"

/* The options, as getopt_long() returns them. */
enum fl_addrsstage_opt {
	FL_ADDRS_O_ALLOW_FUTURE = 256,
	FL_ADDRS_O_KEEP,
	FL_ADDRS_O_NETWORK,
	FL_ADDRS_O_REJECTS
};

/* The settings of one run; the strings are borrowed from argv. */
struct fl_addrsstage {
	enum fl_network net;
	unsigned flags; /* FL_ADDR_* */
	int keep;
	const char *rejects; /* NULL: no rejects file */
};

/* The defaults: main network, relays without an address dropped. */
void fl_addrsstage_init(struct fl_addrsstage *a);

/*
 * Takes option opt's value arg (NULL for a flag).  Returns 0, or
 * FL_EUSAGE with e set ("--network: unknown network ...").
 */
int fl_addrsstage_set(struct fl_addrsstage *a, int opt, const char *arg,
    struct fl_err *e);

/*
 * Runs the stage on path ("-" for stdin) and returns main()'s exit status;
 * an error exits through fl_stage_die*() (no rejects file then).
 */
int fl_addrsstage_run(struct fl_stage *st, const struct fl_addrsstage *a,
    const char *path);

#endif
