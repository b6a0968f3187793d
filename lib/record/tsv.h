/*
 * tsv: the record format of the pipeline (flattor(7), THE RECORD FORMAT).
 *
 * UTF-8 text, LF line ends, fields separated by one TAB, four escapes inside
 * a field (\\ \t \n \r), comment lines ("#...") only before the header, a
 * header of unique names in [a-z0-9_]+.  The reader keeps one getline()
 * buffer and one row buffer, both reused; the pointers it hands out stay
 * valid until the next call to fl_tsv_next() or fl_tsv_close().
 */
#ifndef FL_TSV_H
#define FL_TSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

/* The longest line accepted, in bytes, without its newline. */
#define FL_TSV_MAXLINE ((size_t)1 << 20)

struct fl_tsv_reader {
	FILE *fp;
	unsigned long lineno; /* line number of the last line read */
	int noeol; /* the last line read had no final newline */
	size_t maxline; /* longest line accepted */
	char *line; /* getline() buffer */
	size_t linecap;
	char **comments; /* comment lines before the header, without LF */
	size_t ncomments;
	char **cols; /* the header's column names */
	size_t ncols;
	char **field; /* the current row: ncols unescaped fields */
	char *row; /* storage of the current row's fields */
	size_t rowcap;
};

/*
 * Reads the comment lines and the header from fp.  Returns 0, or a negative
 * FL_E* code with e set (e->line is the offending line).  An input with no
 * header line is an error.  fl_tsv_close() must be called in either case.
 */
int fl_tsv_open(struct fl_tsv_reader *r, FILE *fp, struct fl_err *e);

/*
 * Reads the next row into r->field.  Returns 1 for a row, 0 at the end of
 * the input, or a negative FL_E* code with e set: a field count other than
 * the header's, a line starting with "#" (a comment after the header,
 * whatever its field count), an invalid escape, a NUL or CR byte, a line
 * longer than r->maxline, or a read error.
 */
int fl_tsv_next(struct fl_tsv_reader *r, struct fl_err *e);

/* Frees everything r holds; r->fp is not closed. */
void fl_tsv_close(struct fl_tsv_reader *r);

/* The index of column name, or -1. */
int fl_tsv_col(const struct fl_tsv_reader *r, const char *name);

/*
 * The index of column name, or FL_EDATA with e set to
 * 'missing column "NAME" (made by MAKER)'.  maker may be NULL.
 */
int fl_tsv_require(const struct fl_tsv_reader *r, const char *name,
    const char *maker, struct fl_err *e);

/*
 * Parses field col of the current row as an unsigned decimal integer.  An
 * empty field is an error unless empty_ok, when *v is set to 0 and 1 is
 * returned.  Errors read 'column "NAME": invalid integer "VALUE"', with
 * e->line set.
 */
int fl_tsv_u64(const struct fl_tsv_reader *r, int col, int empty_ok,
    uint64_t *v, struct fl_err *e);

/*
 * Unescapes s in place.  Returns 0, or FL_EDATA with *bad set to the offset
 * of the offending backslash.
 */
int fl_tsv_unescape(char *s, size_t *bad);

/* Writes s to out with the four escapes applied. */
void fl_tsv_put(FILE *out, const char *s);
/* Writes n fields, escaped, TAB-separated, then LF. */
void fl_tsv_put_row(FILE *out, const char *const *field, size_t n);

/* Writes the comment lines r read, unchanged and in order. */
void fl_tsv_put_comments(FILE *out, const struct fl_tsv_reader *r);

/*
 * Writes the provenance line "# PROG VERSION: TEXT" where TEXT comes from
 * fmt (the options that change the output; no wall-clock time).
 */
void fl_tsv_put_provenance(FILE *out, const char *prog, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Is name a valid column name ([a-z0-9_]+)? */
int fl_tsv_valid_name(const char *name);

#endif
