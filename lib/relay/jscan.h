/*
 * jscan: a small string-aware scanner that cuts a JSON text read from a
 * stream into values, so that a large document can be handed to jansson
 * one piece at a time (an Onionoo document relay by relay) while errors
 * keep the line and column of the whole document.
 *
 * The scanner checks only what it needs to find where a value ends:
 * strings (a quote, escapes skipped, up to the closing quote) and the
 * nesting of brackets outside strings.  A scalar is a run of the bytes a
 * number or literal may hold (letters, digits, '+', '-', '.').  Everything else (escapes,
 * UTF-8, numbers, literals, which bracket closes which) is left to the
 * JSON parser the piece goes to.  Lines and columns are 1-based; columns
 * count bytes.
 *
 * Ownership: struct fl_jscan holds the cut value in val (NUL-terminated);
 * fl_jscan_free() releases it.
 */
#ifndef FL_JSCAN_H
#define FL_JSCAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

/* The members of an object value kept by fl_jscan_value(). */
struct fl_jscan_member {
	size_t key; /* offset in val of the key's opening quote */
	size_t keylen; /* its length, quotes included */
	size_t value; /* offset in val of the member's value */
};

struct fl_jscan {
	FILE *fp;
	unsigned char buf[65536];
	size_t pos, len;
	int eof;
	uint64_t off; /* document offset of buf[0] */
	uint64_t linestart; /* document offset of the current line's start */
	unsigned long line;
	/* The last value cut: its bytes and where it starts. */
	char *val;
	size_t vlen, vcap, vmax;
	unsigned long vline, vcol;
	/* For an object: its members (depth 1 only), in order. */
	struct fl_jscan_member *mem_v;
	size_t nmem, memcap;
	struct fl_err *e;
};

/*
 * Starts scanning fp; values longer than vmax bytes are refused.  s is
 * large (it holds the input buffer): allocate it.  Never fails.
 */
void fl_jscan_init(struct fl_jscan *s, FILE *fp, size_t vmax, struct fl_err *e);
void fl_jscan_free(struct fl_jscan *s);

/*
 * Skips white space and returns the next byte without consuming it, -1 at
 * the end, or a negative FL_E* code below -1 (FL_ESYS, with e set).
 */
int fl_jscan_ws(struct fl_jscan *s);

/* Consumes the byte fl_jscan_ws() returned. */
void fl_jscan_skip(struct fl_jscan *s);

/* The column of the next byte. */
unsigned long fl_jscan_col(const struct fl_jscan *s);

/*
 * Cuts the value starting at the next byte (white space skipped) into
 * s->val, NUL-terminated, with s->vline and s->vcol its position; for an
 * object, s->mem_v lists its members.  Returns 0, or FL_EDATA ("document
 * cut off" inside a string or brackets, "unexpected ..." where no value
 * starts, a value longer than vmax) with e's line and column set, FL_ESYS
 * or FL_ENOMEM.
 */
int fl_jscan_value(struct fl_jscan *s);

/* The line and column of byte k of s->val. */
void fl_jscan_where(const struct fl_jscan *s, size_t k, unsigned long *line,
    unsigned long *col);

/* Sets e to FL_EDATA at line:col with the message; returns FL_EDATA. */
int fl_jscan_err(struct fl_jscan *s, unsigned long line, unsigned long col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * An error at the next byte c (as fl_jscan_ws() returned it): "document
 * cut off: expected WANT" at the end, else "expected WANT, found 'x'".
 */
int fl_jscan_unexpected(struct fl_jscan *s, int c, const char *want);

/*
 * The shortest decimal text that reads back as d, in printf's %g form
 * ("0.001", "1.1605836e-07", "1e+30"): what jansson's number was written
 * as, when the writer printed doubles the usual way.  size >= 32.
 */
void fl_jscan_real_text(double d, char *buf, size_t size);

#endif
