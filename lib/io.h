/*
 * io: opening inputs, holding a tool's output until it has succeeded, and
 * reading secrets.
 *
 * A stage that fails must write nothing to stdout that a next stage could
 * take for a complete result.  So tools write their result into a buffer
 * from fl_out_open() and hand it to stdout with fl_out_commit() only once
 * everything has been checked.
 */
#ifndef FL_IO_H
#define FL_IO_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/*
 * Opens path for reading; "-" is stdin.  *name is set to the name used in
 * diagnostics ("<stdin>" for "-").  Returns NULL and fills e (FL_ESYS) on
 * failure.
 */
FILE *fl_open_in(const char *path, const char **name, struct fl_err *e);
/* Closes a stream from fl_open_in(); stdin is left open. */
void fl_close_in(FILE *fp);

/*
 * The output buffer.  fl_out_open() returns a stream that collects the
 * tool's whole output in memory; fl_out_commit() writes it to stdout,
 * flushes and closes stdout, and returns 0, or prints the error and returns
 * -1 (the caller exits FL_EXIT_SYS).  fl_out_discard() drops it.
 */
FILE *fl_out_open(void);
int fl_out_commit(void);
void fl_out_discard(void);

/*
 * Reads the whole of fp into a NUL-terminated malloc'ed buffer (the caller
 * frees it).  Fails with FL_EDATA when the size exceeds max.
 */
int
fl_read_all(FILE *fp, size_t max, char **buf, size_t *len, struct fl_err *e);

/*
 * Reads a secret file (keys).  The file must be a regular file that neither
 * group nor others can read (or "-" for stdin).  The buffer is locked in
 * memory when possible; *len is the length of the text.  Release it with
 * fl_secret_free(), which wipes the whole buffer.
 */
int fl_secret_read(const char *path, char **buf, size_t *len, struct fl_err *e);
void fl_secret_free(char *buf);

/* Wipes n bytes at p in a way the compiler may not optimize away. */
void fl_wipe(void *p, size_t n);

#endif
