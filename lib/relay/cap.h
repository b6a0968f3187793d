/*
 * cap: the per-operator limit of flattor-cap (flattor-cap(1); its table in
 * flattor(7), THE TABLES, "Capped payees").
 *
 * Water-filling at operator level: with T the input total, an operator's
 * allowance is the smallest of its limits (floor(F * T) under --max-share;
 * AMOUNT minus what the ledger shows it was paid within the period, not
 * below 0, under --max-sat).  Operators whose proportional share of what is
 * left exceeds their allowance get exactly the allowance; the rest is split
 * among the others by largest remainder on their incoming sat (ties:
 * ascending operator id), repeated until no operator exceeds its
 * allowance.  An operator's amount is split among its addresses by largest
 * remainder on their incoming sat (ties: ascending address).  Then, while a
 * payee's exact share (rational, before rounding) is below its minimum plus
 * 1 sat, the one with the smallest exact share (ties: ascending address) is
 * dropped and everything is computed again; the two roundings take less
 * than 2 sat, so no payee is paid below its minimum.  O(n log n) in the
 * worst case.  What nobody can take is left unspent.
 *
 * Strings are borrowed: the caller keeps them alive while the structs are
 * in use.
 */
#ifndef FL_CAP_H
#define FL_CAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "ledger.h"
#include "stage.h"
#include "tsv.h"

enum fl_cap_reason {
	FL_CAP_NONE, /* not capped: "" */
	FL_CAP_MAX_SHARE, /* the operator is held at floor(F * T) */
	FL_CAP_MAX_SAT, /* the operator is held at AMOUNT minus the ledger */
	FL_CAP_MIN_SAT /* dropped: below its minimum */
};

struct fl_cap_payee {
	const char *operator;
	const char *address;
	uint64_t in; /* the sat it came in with */
	uint64_t min; /* the smallest amount worth an output */
	uint64_t paid; /* what the ledger shows paid to it in the period */
	unsigned long line; /* input line, for diagnostics */
	uint64_t sat; /* out: the capped amount */
	enum fl_cap_reason reason; /* out */
};

struct fl_cap_opts {
	uint64_t max_share; /* F in units of 10^-12; 0: no --max-share */
	int has_max_sat;
	uint64_t max_sat; /* AMOUNT per operator per period */
};

struct fl_cap_result {
	uint64_t in; /* T, the input total */
	uint64_t out; /* the output total, <= in */
	uint64_t unspent; /* in - out */
	int none_left; /* unspent because every payee was dropped (else the
			  caps left it) */
	size_t dropped; /* payees dropped below their minimum */
};

/* "max-share", "max-sat", "min-sat" or "". */
const char *fl_cap_reason_name(enum fl_cap_reason r);

/*
 * Parses --max-share F: a decimal with at most 12 digits after the point,
 * 0 < F <= 1, into units of 10^-12.  Returns 0 or FL_EUSAGE.
 */
int fl_cap_share_parse(const char *s, uint64_t *share, struct fl_err *e);

/*
 * Fills p[i].paid from the ledger: the sum of the rows for p[i].address with
 * now - period < time <= now that fl_ledger_counts().  A payment named by
 * several rows must have been merged first (fl_ledger_dedup).  Returns 0 or
 * FL_ENOMEM.
 */
int fl_cap_ledger_paid(struct fl_cap_payee *p, size_t n,
    const struct fl_ledger *l, int64_t now, int64_t period, struct fl_err *e);

/*
 * Computes p[i].sat and p[i].reason for all n payees, and res.  Returns 0;
 * FL_EDATA when an address appears twice (e->line the second) or the total
 * exceeds 21,000,000 BTC; FL_ENOMEM.
 */
int fl_cap_apply(struct fl_cap_payee *p, size_t n, const struct fl_cap_opts *o,
    struct fl_cap_result *res, struct fl_err *e);

/*
 * A whole input table, kept to be written back with its columns in order,
 * passed through by name (lib/stage's fl_stage_cols): "sat" rewritten in
 * place, "uncapped_sat" and "cap_reason" rewritten in place when present,
 * else appended.
 */
struct fl_cap_table {
	struct fl_stage_cols cols; /* the output columns: FL_CAP_COL_* owned */
	char **names; /* the input header, owned: cols.names points here */
	size_t nin; /* input columns */
	char ***row; /* row[i][c]: unescaped fields, c < nin */
	size_t n;
	struct fl_cap_payee *payee; /* one per row, same order */
};

/* The columns flattor-cap owns, as indexes of cols.at[]. */
enum { FL_CAP_COL_SAT, FL_CAP_COL_UNCAPPED, FL_CAP_COL_REASON, FL_CAP_NCOLS };

/*
 * Reads every row of r (opened, header read): columns operator, address,
 * address_type and sat are required (made by flattor-weigh).  min_sat is
 * the --min-sat AMOUNT, or 0 for "dust": a payee's minimum is the larger of
 * it and its address type's dust threshold.  Returns 0, or FL_EDATA with
 * e->line set, or FL_ENOMEM.  Free t with fl_cap_table_free() either way.
 */
int fl_cap_read(struct fl_tsv_reader *r, uint64_t min_sat,
    struct fl_cap_table *t, struct fl_err *e);
void fl_cap_table_free(struct fl_cap_table *t);

/* Writes the header and the rows of t, in input order; returns 0. */
int fl_cap_write(FILE *out, const struct fl_cap_table *t, struct fl_err *e);

#endif
