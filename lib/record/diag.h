/*
 * diag: errors, diagnostics and exit codes, shared by every tool.
 *
 * Library functions never print or exit.  They return 0 on success or a
 * negative FL_E* code and fill a struct fl_err with the detail.  Only cmd/
 * turns an fl_err into a message, through fl_die_err() or fl_warn_err().
 *
 * Every message has the form "prog: file:line: message" (or "prog: message"
 * when no file or line is involved): lower case, no final period, user data
 * in double quotes.
 */
#ifndef FL_DIAG_H
#define FL_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes: one enum for every tool, listed in every man page. */
enum fl_exit {
	FL_EXIT_OK = 0,
	FL_EXIT_DATA = 1, /* bad input data */
	FL_EXIT_USAGE = 2, /* bad options or arguments */
	FL_EXIT_NET = 3, /* network or remote failure, retryable */
	FL_EXIT_SYS = 4 /* system: I/O, memory */
};

/* Library return codes: 0 ok, negative error; fl_exit_code() maps them. */
enum fl_errcode {
	FL_OK = 0,
	FL_EDATA = -1, /* malformed or invalid input */
	FL_EUSAGE = -2, /* invalid option value */
	FL_ENET = -3, /* network or remote error */
	FL_ESYS = -4, /* system error (errno is in the message) */
	FL_ENOMEM = -5 /* out of memory */
};

/*
 * The detail of an error.  line and col are 1-based; 0 means unknown.
 * msg never ends in a newline or a period.
 */
struct fl_err {
	int code;
	unsigned long line;
	unsigned long col;
	char msg[512];
};

/*
 * Sets e (if not NULL) and returns code, so that a library function can
 * write "return fl_err_set(e, FL_EDATA, "bad \"%s\"", s);".
 */
int fl_err_set(struct fl_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int
fl_err_setl(struct fl_err *e, int code, unsigned long line, unsigned long col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Clears e: code 0, no line, empty message. */
void fl_err_clear(struct fl_err *e);
/* Prefixes e->msg with "prefix: " (e.g. the column name). */
void fl_err_prefix(struct fl_err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * The length of the UTF-8 character at s that may be shown as it is, on a
 * terminal or in a page: well formed (no overlong form, no surrogate, at
 * most U+10FFFF), not a C1 control, not an invisible or bidi format
 * character.  0 when the byte at s must be escaped.  ASCII is the caller's.
 */
size_t fl_diag_printable(const unsigned char *s);

/* Maps an FL_E* code to its enum fl_exit. */
int fl_exit_code(int code);

/*
 * The program name used by every diagnostic: the base name of argv[0].
 * Called once in main(); it also points argv[0] at that base name, so
 * that getopt's own messages ("unrecognized option") name the program the
 * same way.
 */
void fl_prog_set(char *argv[]);
const char *fl_prog(void);

/*
 * fl_warn: "prog: message" on stderr.  As in suckless sbase, a format ending
 * in ':' appends " strerror(errno)".
 * fl_die: the same, then exit(status).
 */
void fl_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void
fl_vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
_Noreturn void
fl_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Prints e as "prog: file:line:col: message" (parts that are unknown are
 * left out; file may be NULL).
 */
void fl_warn_err(const char *file, const struct fl_err *e);
/* fl_warn_err(), then exit with fl_exit_code(e->code). */
_Noreturn void fl_die_err(const char *file, const struct fl_err *e);

/*
 * --version: prints "PROG VERSION" on stdout and closes it; returns the
 * exit status (FL_EXIT_SYS when stdout could not be written).
 */
int fl_version_print(void);

/*
 * Flushes and closes fp; on any error prints "prog: name: strerror" and
 * returns -1, else 0.  As sbase's fshut(): a full disk is an error.
 */
int fl_fshut(FILE *fp, const char *name);

#endif
