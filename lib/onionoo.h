/*
 * onionoo: reading an Onionoo details document into the relays table of
 * flattor(7) (THE TABLES, "The relays table").
 *
 * The document is read relay by relay from a stream: the reader keeps one
 * 64 KiB input buffer and, per relay, only the fields the table needs, so
 * memory stays well below the size of the document.  Every byte of the
 * document is checked as JSON (syntax, string escapes, UTF-8); errors carry
 * the line and column (1-based, in bytes) of the offending value.
 *
 * Ownership: fl_onionoo_read() fills a struct fl_onionoo_doc whose strings
 * and relay array belong to it; fl_onionoo_free() releases them all.
 */
#ifndef FL_ONIONOO_H
#define FL_ONIONOO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

/* The major protocol version the reader understands. */
#define FL_ONIONOO_MAJOR 8

/* The columns of the relays table, in order. */
#define FL_ONIONOO_NCOLS 17
extern const char *const fl_onionoo_columns[FL_ONIONOO_NCOLS];

/*
 * One relay.  A NULL string or a negative flag means the document did not
 * give the value (an empty field in the table).
 */
struct fl_onionoo_relay {
	char fingerprint[41]; /* 40 upper-case hex digits */
	signed char running; /* 1, 0, or -1 when absent */
	signed char measured; /* 1, 0, or -1 when absent */
	unsigned char has_consensus_weight;
	unsigned char has_advertised_bandwidth;
	uint64_t consensus_weight;
	uint64_t advertised_bandwidth;
	unsigned long line; /* line of the relay's opening brace */
	unsigned long col;
	char *nickname;
	char *flags; /* comma-separated, in the order published */
	/* Probabilities: the number's text as published (never rounded). */
	char *guard_probability;
	char *middle_probability;
	char *exit_probability;
	char *first_seen; /* "YYYY-MM-DD HH:MM:SS" as published */
	char *last_seen;
	char *country; /* as published (lower case) */
	char *as; /* "AS3320", from "as" or the older "as_number" */
	char *family; /* fingerprints, upper case, sorted, comma-separated */
	char *family_ids; /* as published, comma-separated */
	char *contact; /* unescaped; the row writer escapes it */
};

struct fl_onionoo_doc {
	char *version; /* NULL when the document has none (before 2014) */
	char *relays_published; /* "YYYY-MM-DD HH:MM:SS" */
	struct fl_onionoo_relay *relays; /* sorted by fingerprint */
	size_t nrelays;
};

/*
 * Reads an Onionoo details document from fp (full or limited to some
 * fields) and sorts its relays by fingerprint.
 *
 * Returns 0, or a negative FL_E* code with e set: FL_EDATA for a document
 * that is not JSON, is cut off, has trailing data, has no "relays" array,
 * has a "version" whose major number is not FL_ONIONOO_MAJOR, or holds a
 * relay without a valid fingerprint, a duplicate fingerprint or a field of
 * the wrong type (e->line and e->col locate it); FL_ESYS for a read error;
 * FL_ENOMEM.  On error doc holds nothing (it needs no fl_onionoo_free()).
 */
int fl_onionoo_read(FILE *fp, struct fl_onionoo_doc *doc, struct fl_err *e);

/* Frees everything doc holds and clears it. */
void fl_onionoo_free(struct fl_onionoo_doc *doc);

/* Writes the header line of the relays table. */
void fl_onionoo_put_header(FILE *out);

/* Writes one relay as a row of the relays table (fields escaped). */
void fl_onionoo_put_row(FILE *out, const struct fl_onionoo_relay *r);

#endif
