/*
 * input: opening a tool's input files and reading one whole.
 *
 * Every stage reads a table from a FILE operand or standard input ("-");
 * diagnostics name the file as given, or "<stdin>".
 */
#ifndef FL_INPUT_H
#define FL_INPUT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/*
 * Opens path for reading; "-" is stdin.  *name is set to the name used in
 * diagnostics ("<stdin>" for "-", else path itself, which the caller keeps
 * alive).  Returns the stream (close it with fl_input_close()), or NULL
 * with e filled (FL_ESYS, the strerror text).
 */
FILE *fl_input_open(const char *path, const char **name, struct fl_err *e);

/* Closes a stream from fl_input_open(); stdin is left open; NULL is a no-op. */
void fl_input_close(FILE *fp);

/*
 * Reads the whole of fp into a NUL-terminated buffer.  Returns 0 with *buf
 * (malloc'ed, the caller frees it) and *len (without the NUL) set; or
 * FL_EDATA when the input is larger than max bytes, FL_ESYS on a read
 * error, FL_ENOMEM; then *buf is NULL and *len 0.
 */
int fl_input_read_all(FILE *fp, size_t max, char **buf, size_t *len,
    struct fl_err *e);

#endif
