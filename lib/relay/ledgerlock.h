/*
 * ledgerlock: one payment round at a time on a ledger.
 *
 * A round reads the ledger (flattor-cap) and later appends to it
 * (flattor-tx); two rounds interleaved would both pay up to the caps.  The
 * lock is flock(LOCK_EX) on the file "LEDGER.lock" beside the ledger, a
 * file of its own: lib/ledger locks the ledger itself for each append (a
 * second lock on it within one round would deadlock), and a first round
 * has no ledger yet.  The lock file stays, empty: removing it would let
 * two runs lock two different files of the same name.
 *
 * A process that holds the lock for a whole round (the flattor wrapper)
 * hands it to the stages it runs as an open descriptor, its number in the
 * environment variable FL_LEDGERLOCK_ENV: a stage whose lock file is that
 * descriptor's file (same device and inode) locks through it, which
 * succeeds at once (the lock belongs to that open file), instead of
 * waiting for its parent.
 */
#ifndef FL_LEDGERLOCK_H
#define FL_LEDGERLOCK_H

#include "diag.h"

#define FL_LEDGERLOCK_ENV "FLATTOR_LEDGER_LOCK_FD"

enum fl_ledgerlock_flag {
	FL_LEDGERLOCK_CREATE = 1, /* make the lock file if missing (a writer) */
	FL_LEDGERLOCK_NOWAIT = 2 /* fail at once if another run holds it */
};

struct fl_ledgerlock {
	int fd; /* the lock file, open and locked by us; -1: none of ours */
};

/*
 * Takes the lock of the ledger at path: opens "path.lock" (never through
 * a symbolic link, refused unless a regular file) and locks it, waiting for
 * another run to finish unless FL_LEDGERLOCK_NOWAIT.  No lock is taken,
 * and 0 returned, for "-" (standard input), nor when the lock file is
 * missing and FL_LEDGERLOCK_CREATE is not given: no run that locks has
 * written that ledger yet, so a reader has nothing to wait for.  Returns
 * 0, or FL_ESYS with e set ('lock file "L": REASON', REASON "in use by
 * another run" when busy under FL_LEDGERLOCK_NOWAIT), or FL_ENOMEM.
 * Release lk with fl_ledgerlock_release() either way.
 */
int fl_ledgerlock_take(struct fl_ledgerlock *lk, const char *path, int flags,
    struct fl_err *e);

/*
 * Unlocks and closes what lk holds (a lock held through an inherited
 * descriptor is left to its holder).  lk may be released twice.
 */
void fl_ledgerlock_release(struct fl_ledgerlock *lk);

/* fl_ledgerlock_release() for fl_stage_on_exit(). */
void fl_ledgerlock_release_cb(void *lk);

#endif
