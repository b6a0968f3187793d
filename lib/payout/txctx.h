/*
 * txctx: the one context of the transaction layer.  What flattor-tx has
 * read (payees, coins, their input types, keys) and what it was told
 * (rate, change, who bears the fee) travel together in a struct fl_txctx,
 * the first argument of every step:
 *
 *   lib/keymatch   types the coins and pairs them with the keys;
 *   lib/txplan     plans the transactions (batches, coins, change, fee);
 *   lib/txbuild    builds, signs and checks each one;
 *   lib/txsettle   settles a signed transaction's fee on its real size.
 *
 * Ownership: a context owns what its members point at when they were
 * allocated as documented below (fl_txctx_free() releases them); a caller
 * that points them at its own arrays (the unit tests) never calls
 * fl_txctx_free().  Only lib/keymatch writes to the coins (a redeem
 * script it learns); the plan is not part of the context.
 */
#ifndef FL_TXCTX_H
#define FL_TXCTX_H

#include <stddef.h>
#include <stdint.h>

#include <secp256k1.h>

#include "address.h"
#include "diag.h"
#include "key.h"
#include "payees.h"
#include "sign.h"
#include "utxo.h"

/* What the user asked for, the same for every transaction. */
struct fl_txopts {
	uint64_t rate; /* msat/vB, > 0 */
	int signing; /* signed here (keys given): smallest signatures known */
	int fee_from_payouts; /* the payees bear the fee */
	const uint8_t *change_spk; /* the change address's scriptPubKey */
	size_t change_spk_len;
	uint64_t change_dust; /* its dust threshold */
	enum fl_sign_type change_type; /* to price spending the change */
	uint64_t max_weight; /* FL_FEE_MAX_WEIGHT unless testing */
};

struct fl_txctx {
	struct fl_payee *payees; /* np payees, malloc'ed (fl_payees_read) */
	size_t np;
	struct fl_utxos coins; /* from fl_utxo_read() */
	enum fl_sign_type *types; /* coins.n input types, malloc'ed */
	struct fl_txopts o;
	secp256k1_context *secp; /* fl_key_ctx_new(); NULL without keys */
	struct fl_keys keys; /* n == 0 without keys */
};

/* An empty context: every pointer NULL, every count 0. */
void fl_txctx_init(struct fl_txctx *x);

/*
 * Releases what x holds (payees, coins, types, keys wiped, the secp256k1
 * context) and leaves it empty, as fl_txctx_init().  x may be empty.
 */
void fl_txctx_free(struct fl_txctx *x);

/*
 * The input type a change output to an address of type t will be spent
 * as, to price spending it: its own type; P2SH as P2SH-P2WPKH; a P2WSH
 * (or other) change as P2WPKH, a guess that only sets the window of
 * branch and bound (lib/txplan).
 */
enum fl_sign_type fl_txctx_spend_type(enum fl_addr_type t);

/*
 * Sets o's change from the decoded change address a (which must outlive
 * o: o points at a's scriptPubKey): the script, its dust threshold and
 * fl_txctx_spend_type().
 * Returns: 0, or FL_EDATA with e set ('unsupported address type "TYPE"')
 * for a type without a dust threshold, o unchanged.
 */
int fl_txctx_set_change(struct fl_txopts *o, const struct fl_address *a,
    struct fl_err *e);

#endif
