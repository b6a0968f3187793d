/*
 * ledger: the record of what was paid, a table of flattor(7) (THE TABLES)
 * with the header "time txid vout address sat".  flattor-tx appends a row
 * per payout; flattor-cap reads it to limit what an operator gets within a
 * period.
 *
 *	time     ISO 8601 UTC, "2026-11-26T12:00:00Z"
 *	txid     the transaction id, 64 hex digits (written in lower case)
 *	vout     the output index
 *	address  the payee address
 *	sat      the amount paid, in satoshis
 */
#ifndef FL_LEDGER_H
#define FL_LEDGER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

#define FL_LEDGER_HEADER "time\ttxid\tvout\taddress\tsat"

struct fl_ledger_row {
	int64_t time; /* seconds since the epoch */
	char txid[65]; /* 64 lower-case hex digits and a NUL */
	uint32_t vout;
	char *address; /* owned by the struct fl_ledger when read */
	uint64_t sat; /* at most 21,000,000 BTC */
};

struct fl_ledger {
	struct fl_ledger_row *row;
	size_t n;
};

/*
 * Reads a whole ledger from fp.  An empty input is an empty ledger; else it
 * needs the five columns by name (other columns are ignored).  Returns 0,
 * or a negative FL_E* code with e set (e->line is the offending line, e.g.
 * 'column "sat": invalid integer "12x"').  On success the caller releases l
 * with fl_ledger_free(); on failure l is empty.
 */
int fl_ledger_read(FILE *fp, struct fl_ledger *l, struct fl_err *e);

/* Frees the rows and addresses l holds, and empties it. */
void fl_ledger_free(struct fl_ledger *l);

/*
 * Appends n rows to the ledger at path.  A missing or empty file is created
 * with the header first.  An existing file must have the header
 * FL_LEDGER_HEADER (after any comment lines) and end in a newline, else it
 * is refused (FL_EDATA) and left unchanged.  The file is locked (flock)
 * against other writers, the batch goes out in one write() on an O_APPEND
 * descriptor and is fsync()ed; if the write fails the file is truncated
 * back to its old size.  Rows are checked first: a txid of 64 hex digits
 * (written in lower case), an address that is not empty and holds no
 * control character or backslash, sat at most 21,000,000 BTC.  Returns 0,
 * or FL_EDATA (a bad row, e->line its 1-based index; a bad file), FL_ESYS or
 * FL_ENOMEM with e set.
 */
int fl_ledger_append(const char *path, const struct fl_ledger_row *rows,
    size_t n, struct fl_err *e);

/*
 * Checks, changing nothing, what fl_ledger_append() would refuse before
 * writing: an existing path must open for writing, be a regular file and
 * have the header and final newline; a missing one needs a directory we
 * may write to.  flattor-tx calls it before printing what it then records.
 * Returns 0, or FL_EDATA / FL_ESYS / FL_ENOMEM with e set, as
 * fl_ledger_append() would.
 */
int fl_ledger_check(const char *path, struct fl_err *e);

#endif
