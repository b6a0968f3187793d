/*
 * outbuf: the all-or-nothing standard output of a stage.
 *
 * A stage that fails must write nothing to stdout that a next stage could
 * take for a complete result.  So a tool writes its result into the stream
 * from fl_outbuf_open() and hands it to stdout with fl_outbuf_commit() only
 * once everything has been checked; an error exit calls fl_outbuf_discard().
 * There is one buffer per process.
 */
#ifndef FL_OUTBUF_H
#define FL_OUTBUF_H

#include <stdio.h>

/*
 * Returns the stream that collects the whole output in memory (the same
 * one on every call until a commit or discard), or NULL when out of
 * memory.  The stream belongs to this module: never fclose() it.
 */
FILE *fl_outbuf_open(void);

/*
 * Writes the buffer (if one was opened) to stdout, then flushes and closes
 * stdout.  Returns 0, or prints the error ("prog: <stdout>: reason") and
 * returns -1; the caller exits FL_EXIT_SYS.  Stdout is closed either way.
 */
int fl_outbuf_commit(void);

/* Drops the buffer without writing anything; a no-op when none is open. */
void fl_outbuf_discard(void);

#endif
