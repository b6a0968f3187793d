/*
 * stage: the shape every flattor stage shares, written once.
 *
 * A stage is a filter: options, one input table (a FILE operand or
 * standard input), one output table on stdout.  This module does for every
 * stage what each main used to do on its own:
 *   - the program name, and -h/--help and -V/--version (usage on stdout,
 *     exit 0), an unknown option or a bad operand (usage on stderr, exit 2),
 *     an option that takes a value given twice, an empty file name;
 *   - the provenance line "# PROG VERSION: TEXT", of any length;
 *   - the output: the input's comment lines, then the provenance line, into
 *     the all-or-nothing buffer of lib/outbuf, committed at the end;
 *   - pass-through of the input's columns by name (fl_stage_cols);
 *   - one exit path: clean-ups registered with fl_stage_on_exit() (free,
 *     wipe, remove a temporary file) run on every exit, an error's or not.
 *
 * Library modules never print or exit; stage.c and the stage runners built
 * on it (lib/<tool>stage.c) are the exception: they are the lib/
 * half of a main, and every message and exit goes through fl_stage_die*().
 *
 * Ownership: a struct fl_stage borrows name, usage and the option table
 * (static data in the main) and owns its provenance text and option
 * table copy, released by fl_stage_finish() or any fl_stage_die*().
 */
#ifndef FL_STAGE_H
#define FL_STAGE_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "tsv.h"

#define FL_STAGE_MAXEXIT 8

struct fl_stage {
	const char *name; /* "flattor-cap": the provenance line's PROG */
	const char *usage; /* the usage text, each line ending in \n */
	struct option *lo; /* the tool's options, then help and version */
	char shortopts[32]; /* ":hV" and the tool's short options */
	const int *repeatable; /* options that may be given again, 0-ended */
	uint64_t seen; /* for fl_opt_once() */
	char *prov; /* the provenance text, NUL-terminated */
	size_t prov_len, prov_cap;
	int prov_nomem; /* an append ran out of memory */
	int direct; /* output goes straight to stdout */
	int committed; /* fl_stage_commit() ran: its status in commit_rc */
	int commit_rc;
	struct {
		void (*fn)(void *);
		void *arg;
	} on_exit[FL_STAGE_MAXEXIT];
	size_t non_exit;
};

/*
 * Sets up st and the program name (fl_prog_set(argv)).  lo is the tool's
 * option table ended by a zero entry, without help and version (added
 * here, as -h/--help and -V/--version); shortopts its short options ("" or
 * e.g. "f:"); repeatable the option values (getopt_long() returns) that
 * may be given more than once, ended by 0, or NULL.  Exits FL_EXIT_SYS when
 * out of memory.
 */
void fl_stage_init(struct fl_stage *st, const char *name, char *argv[],
    const char *usage, const struct option *lo, const char *shortopts,
    const int *repeatable);

/*
 * getopt_long() over st's options.  Returns the next option of the tool's
 * own (optarg set as usual), or -1 at the end.  Handles the rest itself:
 * -h/--help prints the usage on stdout and exits 0; -V/--version prints
 * "PROG VERSION" and exits 0; an unknown option, a missing value or an
 * option given twice prints a message and the usage on stderr and exits 2.
 */
int fl_stage_getopt(struct fl_stage *st, int argc, char *argv[]);

/*
 * The optional FILE operand after the options: returns it, or "-" when
 * there is none.  Too many operands or an empty name: message, usage and
 * exit 2.
 */
const char *fl_stage_operand(struct fl_stage *st, int argc, char *argv[]);

/*
 * Returns arg, the FILE value of option opt ("--ledger"), after checking
 * it is not empty ("--ledger: empty file name", exit 2).
 */
const char *
fl_stage_file_arg(struct fl_stage *st, const char *opt, const char *arg);

/*
 * A required option: when given is 0, prints "OPT is required" and the
 * usage, and exits 2.
 */
void fl_stage_require(struct fl_stage *st, int given, const char *opt);

/* Prints the usage on stderr and exits 2 (clean-ups run). */
_Noreturn void fl_stage_usage(struct fl_stage *st);

/*
 * Appends one item to the provenance text, separated from the last by a
 * space.  The text grows as needed and is never cut; out of memory is
 * reported by the write (fl_stage_output()), not here.
 */
void fl_stage_prov_add(struct fl_stage *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The provenance text so far ("" when none); owned by st. */
const char *fl_stage_prov(const struct fl_stage *st);

/*
 * Registers fn(arg) to run on exit, success or error, the last registered
 * first (at most FL_STAGE_MAXEXIT).  For what a failed run must not leave
 * behind: memory (LeakSanitizer), secrets (wipe), temporary files.
 */
void fl_stage_on_exit(struct fl_stage *st, void (*fn)(void *), void *arg);

/*
 * Opens the output buffer and writes the input's comment lines (r, or NULL
 * for a stage without an input table) and this stage's provenance line.
 * Returns the stream (owned by lib/outbuf); exits FL_EXIT_SYS when out of
 * memory.
 */
FILE *fl_stage_output(struct fl_stage *st, const struct fl_tsv_reader *r);

/*
 * As fl_stage_output(), but writing to stdout itself, unbuffered by this
 * module, for a stage whose output is as large as its input and that has
 * made every check before it writes its first byte (flattor-fetch): the
 * table is then not held in memory twice.  fl_stage_finish() flushes and
 * closes stdout.  After this call, a failure can leave part of a table on
 * stdout: call it only when nothing can fail but the write itself.
 */
FILE *
fl_stage_output_direct(struct fl_stage *st, const struct fl_tsv_reader *r);

/*
 * Writes the provenance line "# NAME VERSION: TEXT" to out through
 * fl_tsv_put_provenance(), which keeps it one line a reader accepts (line
 * ends become spaces, other controls U+FFFD).  Returns 0, or
 * FL_ENOMEM (an append ran out of memory) with nothing written.
 */
int fl_stage_put_provenance(const struct fl_stage *st, FILE *out);

/*
 * The end of a run: clean-ups, then the output buffer to stdout.  Returns
 * the exit status for main() to return (0, or FL_EXIT_SYS when stdout
 * could not be written).  After fl_stage_commit(), only the clean-ups run,
 * and the status is the commit's.
 */
int fl_stage_finish(struct fl_stage *st);

/*
 * Hands the output to stdout before the end of the run, for a stage that
 * must know the output was written before it does something else
 * (flattor-tx records its payments in the ledger only once they are
 * printed): writes the buffer, flushes and closes stdout.  Returns 0, or
 * FL_EXIT_SYS with the error printed ("prog: <stdout>: reason").  Call it
 * once; a later fl_stage_die*() writes nothing more.
 */
int fl_stage_commit(struct fl_stage *st);

/*
 * The one error exit: drops the output buffer, runs the clean-ups, prints
 * "prog: message" (fl_die's format: a final ':' appends strerror) or e (as
 * fl_die_err(), file may be NULL) and exits with status or e's code.
 */
_Noreturn void fl_stage_die(struct fl_stage *st, int status, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));
_Noreturn void
fl_stage_die_err(struct fl_stage *st, const char *file, const struct fl_err *e);
/* As fl_stage_die(), for an error already reported: no message. */
_Noreturn void fl_stage_exit(struct fl_stage *st, int status);

/*
 * Pass-through by column name.  A stage copies every input column on, in
 * order, and adds the columns it owns: a column of the same name in the
 * input is rewritten in place (a second run replaces the first's answer),
 * the others are appended in the order given.
 */
struct fl_stage_cols {
	const char **names; /* the output header, n names */
	size_t n;
	size_t nin; /* input columns */
	size_t *at; /* at[k]: the output column of owned[k] */
	size_t nowned;
	const char **row; /* the row being built, n fields */
};

/*
 * Plans the output columns from the input header r->cols and owned (nowned
 * names).  Returns 0, or FL_ENOMEM.  Free c with fl_stage_cols_free()
 * either way.  c borrows the names: r and owned outlive it.
 */
int fl_stage_cols_init(struct fl_stage_cols *c, const struct fl_tsv_reader *r,
    const char *const *owned, size_t nowned, struct fl_err *e);

/*
 * Returns c->row filled with the fields of r's current row and "" in every
 * owned column; the caller sets row[c->at[k]] and writes c->n fields.
 */
const char **
fl_stage_cols_row(struct fl_stage_cols *c, const struct fl_tsv_reader *r);

/*
 * As fl_stage_cols_row(), from a row kept earlier: field holds c->nin
 * fields in the input's order (a stage that reads every row before it
 * writes, flattor-cap).
 */
const char **
fl_stage_cols_fill(struct fl_stage_cols *c, const char *const *field);

void fl_stage_cols_free(struct fl_stage_cols *c);

#endif
