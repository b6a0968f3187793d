/*
 * ledger: the record of what was paid, a table of flattor(7) (THE TABLES,
 * "The ledger") with the header "time txid vout address sat".  flattor-tx
 * appends a row per payout; flattor-received writes the payments the chain
 * shows, with two more columns; flattor-cap reads one or more ledgers to
 * limit what an operator gets within a period.
 *
 *	time     ISO 8601 UTC, "2026-11-26T12:00:00Z"
 *	txid     the transaction id, 64 hex digits (written in lower case)
 *	vout     the output index
 *	address  the payee address
 *	sat      the amount paid, in satoshis
 *	height   optional: the block height of a confirmed payment, else empty
 *	status   optional: confirmed, mempool, not-found, stale or empty
 *
 * A payment is (txid, vout): however many rows or ledgers name it, it is
 * counted once (fl_ledger_dedup).  A row whose status is "stale" (checked
 * against the chain by flattor-received --check-ledger: not there, and
 * older than its --stale limit) is not counted; every other row is.
 */
#ifndef FL_LEDGER_H
#define FL_LEDGER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

#define FL_LEDGER_HEADER "time\ttxid\tvout\taddress\tsat"
#define FL_LEDGER_CHAIN_HEADER FL_LEDGER_HEADER "\theight\tstatus"

/* What the chain says of a row; FL_LEDGER_UNCHECKED is 0 (an empty field). */
enum fl_ledger_status {
	FL_LEDGER_UNCHECKED, /* "": no status column, or not checked */
	FL_LEDGER_CONFIRMED, /* "confirmed": in a block */
	FL_LEDGER_MEMPOOL, /* "mempool": broadcast, not in a block yet */
	FL_LEDGER_NOT_FOUND, /* "not-found": not on the chain (yet) */
	FL_LEDGER_STALE /* "stale": not found, and older than the limit */
};

struct fl_ledger_row {
	int64_t time; /* seconds since the epoch */
	char txid[65]; /* 64 lower-case hex digits and a NUL */
	uint32_t vout;
	char *address; /* owned by the struct fl_ledger when read */
	uint64_t sat; /* at most 21,000,000 BTC */
	uint64_t height; /* the block height; only for FL_LEDGER_CONFIRMED */
	enum fl_ledger_status status;
	unsigned long line; /* the line it was read from; 0 if not read */
};

struct fl_ledger {
	struct fl_ledger_row *row;
	size_t n;
};

/*
 * Reads a whole ledger from fp.  An empty input is an empty ledger; else it
 * needs the five columns by name; "height" and "status" are read when
 * present, other columns are ignored.  The last line must end in a newline
 * (a row cut off in the middle of "80000" would read as 80).  Returns 0,
 * or a negative FL_E* code with e set (e->line is the offending line, e.g.
 * 'column "sat": invalid integer "12x"').  On success the caller releases l
 * with fl_ledger_free(); on failure l is empty.
 */
int fl_ledger_read(FILE *fp, struct fl_ledger *l, struct fl_err *e);

/*
 * Moves the rows of src to the end of dst (src is left empty).  Returns 0
 * or FL_ENOMEM (then both are unchanged).
 */
int
fl_ledger_join(struct fl_ledger *dst, struct fl_ledger *src, struct fl_err *e);

/*
 * Sorts l by txid and vout and keeps one row per payment (txid, vout): the
 * one the chain knows best (confirmed, mempool, unchecked, not-found,
 * stale, in that order; then the latest time).  Rows of one payment that
 * disagree on the address or the amount are FL_EDATA ('txid "T" vout N:
 * the ledgers disagree: ...'), l unchanged.  Returns 0, FL_EDATA or
 * FL_ENOMEM.
 */
int fl_ledger_dedup(struct fl_ledger *l, struct fl_err *e);

/* Does the row count against a cap?  Every row but a stale one. */
int fl_ledger_counts(const struct fl_ledger_row *row);

/* "confirmed", "mempool", "not-found", "stale" or "". */
const char *fl_ledger_status_name(enum fl_ledger_status s);

/*
 * Writes rows as a ledger table to out: the header, with "height" and
 * "status" when chain is set, then one row each.  The rows are checked as
 * fl_ledger_append() checks them (nothing is written on error).  Returns 0,
 * FL_EDATA (e->line the 1-based index of the bad row) or FL_ENOMEM.
 */
int fl_ledger_write(FILE *out, const struct fl_ledger_row *rows, size_t n,
    int chain, struct fl_err *e);

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
