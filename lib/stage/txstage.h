/*
 * txstage: flattor-tx's run, on lib/stage, and the rules of its command
 * line (man/flattor-tx.1).  cmd/flattor-tx.c parses the command line with
 * fl_stage_getopt() and calls fl_txstage_set() for each option,
 * fl_txstage_check() and fl_txstage_run(), which runs these steps:
 *
 *   fl_txstage_payees()   the payees (lib/payees), at least one;
 *   then either the wallet hand-off (lib/wallet: the payees as they are),
 *   or
 *   fl_txstage_plan()     keys, coins (lib/keymatch), the plan (lib/txplan)
 *                         and --max-fee;
 *   fl_txstage_tx()       each transaction built (lib/txbuild) and written
 *                         to the output buffer;
 *   then the output to stdout and, once it is written, fl_txstage_ledger():
 *   the ledger rows of every payment (lib/ledger).
 *
 * Each step returns 0 or a negative FL_E* code with e set; the steps that
 * read files also set *file to the name e refers to (NULL: none), for
 * "prog: file:line: message".  A failed step leaves r to
 * fl_txstage_free().
 */
#ifndef FL_TXSTAGE_H
#define FL_TXSTAGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "address.h"
#include "amount.h"
#include "diag.h"
#include "ledger.h"
#include "stage.h"
#include "txbuild.h"
#include "txctx.h"
#include "txplan.h"
#include "wallet.h"

/* --max-fee when not given: 0.01 BTC, for all the transactions together. */
#define FL_TXSTAGE_MAX_FEE (FL_COIN / 100)

/* The longest line fl_txstage_tx() describes a transaction in. */
#define FL_TXSTAGE_NOTE_MAX 256

/* The options of flattor-tx, as getopt_long() returns them. */
enum fl_txstage_opt {
	FL_TX_O_CHANGE = 256,
	FL_TX_O_FEE_FROM_PAYOUTS,
	FL_TX_O_FEERATE,
	FL_TX_O_FORMAT,
	FL_TX_O_KEY,
	FL_TX_O_LEDGER,
	FL_TX_O_MAX_FEE,
	FL_TX_O_NETWORK,
	FL_TX_O_NOW,
	FL_TX_O_UTXOS,
	FL_TX_O_ALLOW_LOW_FEERATE
};

/* The lowest --feerate without --allow-low-feerate: 1 sat/vB, in msat/vB. */
#define FL_TXSTAGE_MIN_RATE 1000

struct fl_txstage {
	/* The command line: fl_txstage_init() sets what is not given. */
	const char *payees_path; /* the FILE operand; "-" standard input */
	const char *utxos, *change, *key, *ledger; /* NULL: not given */
	enum fl_network net; /* FL_NET_MAIN */
	int wallet; /* --format given: format is the hand-off */
	enum fl_wallet_format format;
	uint64_t rate; /* --feerate, msat/vB; 0: not given */
	int allow_low; /* --allow-low-feerate */
	int fee_from_payouts;
	int64_t max_fee; /* --max-fee in sat; -1: not given */
	int64_t now; /* --now; -1: not given, the clock */

	/* What the steps make; fl_txstage_free() releases it. */
	struct fl_txctx x; /* payees, coins, keys, options */
	struct fl_address change_addr; /* x.o points into it */
	const char *payees_name, *utxos_name; /* names for messages */
	struct fl_txplan plan;
	struct fl_txbuild b; /* the transaction last made */
	struct fl_ledger_row *rows; /* one per payee paid so far */
	size_t nrows;
};

/* The defaults: payees from standard input, main network, nothing else. */
void fl_txstage_init(struct fl_txstage *r);

/* Releases everything r holds (keys wiped) and leaves it as init. */
void fl_txstage_free(struct fl_txstage *r);

/*
 * Takes the value arg of option opt (NULL for --fee-from-payouts); the
 * strings are borrowed (argv).
 * Returns: 0, or FL_EUSAGE with e set to the message ("--feerate: ...",
 * "--key: empty file name", '--network: "x" is not main, ...'), also for
 * an opt that is not one of enum fl_txstage_opt.
 */
int fl_txstage_set(struct fl_txstage *r, int opt, const char *arg,
    struct fl_err *e);

/*
 * The rules between the options: at most one input from standard input;
 * --format takes none of the options of a transaction; without it
 * --utxos, --change and --feerate are required, and --feerate below
 * FL_TXSTAGE_MIN_RATE needs --allow-low-feerate; the change address is
 * valid for the network and of a type with a dust threshold.  Sets r->x.o
 * from the options.
 * Returns: 0, or FL_EUSAGE with e set to the message.
 */
int fl_txstage_check(struct fl_txstage *r, struct fl_err *e);

/*
 * Reads the payees.  A payout with no payee (no row with sat above 0) is
 * refused: an empty transaction, or an empty wallet hand-off, is never
 * what was meant.
 * Returns: 0, or FL_EDATA / FL_ESYS / FL_ENOMEM with e set and *file.
 */
int
fl_txstage_payees(struct fl_txstage *r, const char **file, struct fl_err *e);

/*
 * After fl_txstage_payees(): reads the keys (when --key) and the coins,
 * types the coins and pairs them with the keys, and plans the payout.
 * The plan's total fee must not exceed --max-fee (FL_TXSTAGE_MAX_FEE when
 * not given).
 * Returns: 0, or FL_EDATA / FL_ESYS / FL_ENOMEM with e set and *file.
 */
int fl_txstage_plan(struct fl_txstage *r, const char **file, struct fl_err *e);

/*
 * Makes transaction n (from 0, below r->plan.ntx) and writes it to out on
 * one line: the signed transaction in hex with --key, else the PSBT in
 * base64.  Adds its payments to r->rows.  note (of size len, at least
 * FL_TXSTAGE_NOTE_MAX) receives the line that describes it for stderr.
 * Returns: 0, or the error of fl_txbuild_make() (file: none).
 */
int fl_txstage_tx(struct fl_txstage *r, size_t n, FILE *out, char *note,
    size_t len, struct fl_err *e);

/*
 * After every fl_txstage_tx(): appends the rows of every payment to the
 * --ledger file, if one was given.
 * Returns: 0, or the error of fl_ledger_append() (file: r->ledger).
 */
int fl_txstage_ledger(struct fl_txstage *r, struct fl_err *e);

/*
 * The whole run, after fl_txstage_check(): registers fl_txstage_free()
 * with st (keys wiped on every exit), runs the steps into the output
 * buffer, and hands the output to stdout.  With --ledger, the ledger is
 * checked (fl_ledger_check()) before anything is printed, and appended to
 * only once stdout is written and closed: a failed stdout leaves the
 * ledger as it was; a failed append after that says the transactions
 * printed are not recorded.  Returns main()'s exit status; an error exits
 * through fl_stage_die*().
 */
int fl_txstage_run(struct fl_stage *st, struct fl_txstage *r);

#endif
