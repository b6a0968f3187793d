/*
 * onionoo: reading an Onionoo details document into the relays table of
 * flattor(7) (THE TABLES, "The relays table").
 *
 * The document is read relay by relay from a stream: lib/jscan.c cuts the
 * "relays" array (and every other array member) into elements, and jansson
 * parses and checks each one, so that only one relay is ever a jansson
 * tree.  Each relay is kept packed (the fingerprint in binary, numbers as
 * base-128 integers, only the strings the table needs), so that memory
 * stays below the size of the document.  Every byte of the document is
 * checked as JSON by jansson; errors carry the line and column (1-based,
 * in bytes) of the offending value in the whole document.
 *
 * Probabilities: jansson gives a JSON number as a double.  The double is
 * written as its shortest decimal text that reads back as the same double
 * (the text Onionoo prints, e.g. "1.1605836e-07"), and that decimal text,
 * not the binary value, is rounded half up to 12 decimals, giving an exact
 * integer count of 10^-12.
 *
 * Ownership: fl_onionoo_read() fills a struct fl_onionoo_doc whose strings
 * and relays belong to it; fl_onionoo_free() releases them all.  A struct
 * fl_onionoo_relay from fl_onionoo_relay_at() points into the doc.
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
 * One relay, unpacked.  A NULL string, a negative flag or a zero has_*
 * means the document did not give the value (an empty field in the
 * table).  The strings point into the doc.
 */
struct fl_onionoo_relay {
	char fingerprint[41]; /* 40 upper-case hex digits */
	signed char running; /* 1, 0, or -1 when absent */
	signed char measured; /* 1, 0, or -1 when absent */
	unsigned char has_consensus_weight;
	unsigned char has_advertised_bandwidth;
	unsigned char has_guard_probability;
	unsigned char has_middle_probability;
	unsigned char has_exit_probability;
	uint64_t consensus_weight;
	uint64_t advertised_bandwidth;
	/* Probabilities in units of 10^-12 (see above). */
	uint64_t guard_probability;
	uint64_t middle_probability;
	uint64_t exit_probability;
	unsigned long line; /* line of the relay's opening brace */
	unsigned long col;
	const char *nickname;
	const char *flags; /* comma-separated, in the order published */
	const char *first_seen; /* "YYYY-MM-DD HH:MM:SS" as published */
	const char *last_seen;
	const char *country; /* as published (lower case) */
	const char *as; /* "AS3320", from "as" or the older "as_number" */
	const char *family; /* fingerprints, upper case, sorted, with ',' */
	const char *family_ids; /* as published, comma-separated */
	const char *contact; /* unescaped; the row writer escapes it */
};

union fl_onionoo_slot;

struct fl_onionoo_doc {
	char *version; /* NULL when the document has none (before 2014) */
	char *relays_published; /* "YYYY-MM-DD HH:MM:SS" */
	size_t nrelays; /* sorted by fingerprint: see fl_onionoo_relay_at() */
	unsigned char *arena; /* private: the packed relays */
	union fl_onionoo_slot *slots; /* private: one per relay, sorted */
};

/*
 * Reads an Onionoo details document from fp (full or limited to some
 * fields) and sorts its relays by fingerprint.
 *
 * Returns 0, or a negative FL_E* code with e set: FL_EDATA for a document
 * that is not JSON, is cut off, has trailing data, has no "relays" array,
 * has a "version" whose major number is not FL_ONIONOO_MAJOR, or holds a
 * relay without a valid fingerprint, a duplicate fingerprint, a member
 * given twice, a field of the wrong type or a row longer than
 * FL_TSV_MAXLINE (e->line and e->col locate it; where jansson finds the
 * JSON invalid, the message is jansson's); FL_ESYS for a read error;
 * FL_ENOMEM.  On error doc holds nothing (it needs no fl_onionoo_free()).
 */
int fl_onionoo_read(FILE *fp, struct fl_onionoo_doc *doc, struct fl_err *e);

/* Relay i (0-based) of doc, in fingerprint order. */
void fl_onionoo_relay_at(const struct fl_onionoo_doc *doc, size_t i,
    struct fl_onionoo_relay *r);

/*
 * A probability: the shortest decimal text of d that reads back as d,
 * rounded half up to 12 decimals, as units of 10^-12.  Returns 0, or -1
 * for a negative (even -0.0), infinite or too large d.
 */
int fl_onionoo_prob_parse(double d, uint64_t *units);

/* Frees everything doc holds and clears it. */
void fl_onionoo_free(struct fl_onionoo_doc *doc);

/* Writes the header line of the relays table. */
void fl_onionoo_put_header(FILE *out);

/* Writes one relay as a row of the relays table (fields escaped). */
void fl_onionoo_put_row(FILE *out, const struct fl_onionoo_relay *r);

#endif
