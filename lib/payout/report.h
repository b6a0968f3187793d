/*
 * report: one self-contained HTML page (or an SVG chart) showing who gets
 * what in a round, and why, from the pipeline's own tables.
 *
 *	fl_report_read()      the payees table (flattor-cap's, or
 *	                      flattor-weigh's) -> struct fl_report_table,
 *	                      sorted by sat descending, then address
 *	fl_report_net_read()  the relays table (flattor-fetch's) -> the share
 *	                      of the network the payees cover
 *	fl_report_tx_read()   flattor-tx's output (PSBTs in base64 or signed
 *	                      transactions in hex, one a line) -> the
 *	                      transactions, their inputs, outputs and fees
 *	fl_report_html()      the page
 *	fl_report_svg()       the bar chart alone
 *
 * Every string of the tables comes from relay operators and is hostile:
 * the renderers write each one through fl_report_escape(), and put a
 * fingerprint in a link only when it is 40 hex digits.  The page has no
 * script, and no URL other than the Tor Metrics links of the relays.
 *
 * Amounts are integers throughout: BTC is formatted from satoshis, bar
 * widths and percentages are integer ratios.  The output depends only on
 * the inputs (no clock), so that one round always gives the same bytes.
 *
 * Strings in the structs below are malloc'ed and owned by the struct that
 * holds them; release them with the matching _free function.
 */
#ifndef FL_REPORT_H
#define FL_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "address.h"
#include "diag.h"
#include "tsv.h"
#include "utxo.h"

/* One payee, a row of the payees table. */
struct fl_report_payee {
	char *operator; /* as in the table: shown, linked if a fingerprint */
	char *address;
	char *address_type; /* "" when the table has no such column */
	char **fp; /* the relays' fingerprints: 40 upper-case hex digits */
	size_t nfp;
	uint64_t relays, weight;
	uint64_t share; /* in units of 10^-12 */
	uint64_t sat, uncapped_sat; /* uncapped_sat is sat without a cap */
	char *cap_reason; /* "" when none */
	unsigned long line;
};

struct fl_report_table {
	char **prov; /* the comment lines, verbatim, without LF */
	size_t nprov;
	struct fl_report_payee *p; /* sat descending, then address */
	size_t n;
	size_t npaid; /* rows with sat > 0: p[0..npaid) */
	int capped; /* the table has uncapped_sat and cap_reason */
	uint64_t amount; /* the sum of uncapped_sat: what weighing split */
	uint64_t paid; /* the sum of sat */
	size_t noperators; /* distinct operators among the paid rows */
};

/*
 * Reads the payees table from r (opened, header read).  Required columns:
 * operator, address, relays, fingerprints, weight, share and sat (made by
 * flattor-weigh); optional address_type, and uncapped_sat with cap_reason
 * (made by flattor-cap, both or neither).  Returns 0, or FL_EDATA with e
 * set and e->line the offending line: a missing column, an integer or a
 * share that does not parse, a fingerprint that is not 40 hex digits, a
 * relays count other than the number of fingerprints, an address twice,
 * a total above 21,000,000 BTC; FL_ENOMEM.  On
 * failure t is empty.  Free with fl_report_table_free().
 */
int fl_report_read(struct fl_tsv_reader *r, struct fl_report_table *t,
    struct fl_err *e);
void fl_report_table_free(struct fl_report_table *t);

/* A relay of the relays table that one of the payees lists. */
struct fl_report_relay {
	char *fingerprint;
	char *nickname;
	char *contact;
	uint64_t consensus_weight;
	int eligible; /* by the default rule */
};

/*
 * The network around the payees.  Eligible relays follow flattor-weigh's
 * default rule: running, flags Running and Valid, not BadExit, measured
 * (the report does not know the options weighing was given); a relay of
 * a paid payee counts as eligible too, so that the payees' weight is a
 * part of the eligible weight.  A relay "has an address" when its
 * contact gives one for the network, by flattor-addrs's rules.
 */
struct fl_report_net {
	char **prov; /* the relays table's comment lines */
	size_t nprov;
	size_t relays; /* rows of the table */
	size_t eligible;
	size_t eligible_no_address; /* eligible, without a usable address */
	uint64_t eligible_weight; /* consensus_weight of the eligible relays */
	uint64_t paid_weight; /* that of the relays of the paid payees */
	size_t paid_relays; /* the relays of the paid payees found */
	size_t missing; /* fingerprints of payees not in the table */
	struct fl_report_relay *relay; /* the payees' relays, by fingerprint */
	size_t nrelay;
};

/*
 * Reads the relays table from r (opened, header read) for the payees of t:
 * columns fingerprint, nickname, running, flags, measured,
 * consensus_weight and contact (made by flattor-fetch).  Contacts are
 * read for network net.  Returns 0, or FL_EDATA with e set (a missing
 * column, a bad integer or boolean, a fingerprint twice), FL_ENOMEM.
 * Free with fl_report_net_free().
 */
int fl_report_net_read(struct fl_tsv_reader *r, enum fl_network net,
    const struct fl_report_table *t, struct fl_report_net *n, struct fl_err *e);
void fl_report_net_free(struct fl_report_net *n);

struct fl_report_txin {
	uint8_t txid[32]; /* internal byte order */
	uint32_t vout;
	int has_value; /* value and address known (PSBT, or --utxos) */
	uint64_t value;
	char address[FL_ADDR_TEXT_MAX + 1]; /* "" when unknown or none */
};

struct fl_report_txout {
	uint64_t value;
	char address[FL_ADDR_TEXT_MAX + 1]; /* "" for a script without one */
	int payee; /* the address is a paid payee's */
};

struct fl_report_tx {
	int psbt; /* 1: an unsigned PSBT; 0: a signed transaction */
	char txid[65];
	struct fl_report_txin *in;
	size_t nin;
	struct fl_report_txout *out;
	size_t nout;
	uint64_t out_sat; /* all outputs */
	uint64_t payee_sat, change_sat; /* outputs to payees / the others */
	size_t npayee;
	int has_fee; /* every input's value is known */
	uint64_t in_sat, fee;
	uint64_t vsize; /* exact when signed; with the largest signatures
			   for a PSBT, as flattor-tx counts it; 0 unknown */
	unsigned long line;
};

struct fl_report_txs {
	struct fl_report_tx *tx;
	size_t n;
	uint64_t payee_sat, change_sat, fee; /* over every transaction */
	int has_fee; /* every fee is known */
	size_t unpaid; /* paid payees of the table with no output */
};

/*
 * Decodes flattor-tx's output: len bytes of text, one transaction a line,
 * each an unsigned PSBT in base64 or a signed transaction in hex (blank
 * lines are skipped).  Output scripts become addresses of network net; an
 * output to one of t's paid addresses is a payee's, any other the change.
 * An input's value and address come from the PSBT (witness_utxo or
 * non_witness_utxo) or else from coins (may be NULL).  Returns 0, or
 * FL_EDATA with e set and e->line the line: neither form, a PSBT or
 * transaction that does not decode, inputs worth less than the outputs,
 * no transaction at all; FL_ENOMEM.  Free with fl_report_txs_free().
 */
int fl_report_tx_read(const char *text, size_t len, enum fl_network net,
    const struct fl_utxos *coins, const struct fl_report_table *t,
    struct fl_report_txs *x, struct fl_err *e);
void fl_report_txs_free(struct fl_report_txs *x);

/* How the page is drawn. */
struct fl_report_opts {
	size_t top; /* bars in the chart; the rest is summed up; 0: all */
	const char *prog; /* named in the page's footer, with version */
	const char *version;
};

/* The default number of bars. */
#define FL_REPORT_TOP 40

/*
 * Writes the page: t, and n and x when not NULL.  Returns 0, or FL_ESYS
 * with e set when out has an error.
 */
int fl_report_html(FILE *out, const struct fl_report_table *t,
    const struct fl_report_net *n, const struct fl_report_txs *x,
    const struct fl_report_opts *o, struct fl_err *e);

/*
 * Writes the bar chart of t as a standalone SVG document (with its XML
 * namespace); the page embeds the same drawing.  Returns as
 * fl_report_html().
 */
int fl_report_svg(FILE *out, const struct fl_report_table *t,
    const struct fl_report_opts *o, struct fl_err *e);

/*
 * Writes s for HTML or SVG text and attribute values: & < > " ' as
 * character references; control characters, bytes that are not UTF-8 and
 * invisible or bidirectional format characters as the visible text
 * \t \n \r \xHH, so that nothing in s can open a tag, close an
 * attribute, or reorder what is shown around it.
 */
void fl_report_escape(FILE *out, const char *s);

/* Is s 40 hex digits (a relay fingerprint, safe in a URL)? */
int fl_report_is_fingerprint(const char *s);

#endif
