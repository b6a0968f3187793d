/*
 * tx: Bitcoin transactions in memory, their serialization (BIP-144 with
 * witness, and the legacy form), strict parsing, txid/wtxid, weight.
 *
 * Ownership: a struct fl_tx owns every array and script it points to;
 * fl_tx_free() releases all of it.  Functions that copy data in say so.
 * Txids are kept in internal byte order (as serialized; shown reversed).
 */
#ifndef FL_TX_H
#define FL_TX_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"

/* Sanity limits of the parser: a 4 MB block's worth. */
#define FL_TX_MAX_SIZE 4000000
#define FL_TX_SEQUENCE_FINAL 0xffffffffu

struct fl_witem {
	uint8_t *p; /* owned */
	size_t len;
};

struct fl_txin {
	uint8_t txid[32]; /* internal byte order */
	uint32_t vout;
	uint8_t *script_sig; /* owned, may be NULL when script_sig_len is 0 */
	size_t script_sig_len;
	uint32_t sequence;
	struct fl_witem *wit; /* the witness stack, owned; nwit items */
	size_t nwit;
};

struct fl_txout {
	uint64_t value; /* satoshis */
	uint8_t *spk; /* scriptPubKey, owned */
	size_t spk_len;
};

struct fl_tx {
	uint32_t version;
	uint32_t locktime;
	struct fl_txin *in;
	size_t nin;
	struct fl_txout *out;
	size_t nout;
};

/*
 * A coin an input spends: its amount and scriptPubKey, and for P2SH the
 * redeem script when known (else NULL).  Nothing here is owned: the
 * pointers belong to the caller.
 */
struct fl_coin {
	uint64_t value;
	const uint8_t *spk;
	size_t spk_len;
	const uint8_t *redeem;
	size_t redeem_len;
};

/* An empty transaction: version 2, locktime 0, no inputs or outputs. */
void fl_tx_init(struct fl_tx *tx);
/* Frees everything tx owns and leaves it as fl_tx_init() does. */
void fl_tx_free(struct fl_tx *tx);

/*
 * Appends an input (empty scriptSig and witness) or an output (the script
 * is copied).  Return 0 or FL_ENOMEM with e set.
 */
int fl_tx_add_input(struct fl_tx *tx, const uint8_t txid[32], uint32_t vout,
    uint32_t sequence, struct fl_err *e);
int fl_tx_add_output(struct fl_tx *tx, uint64_t value, const uint8_t *spk,
    size_t spk_len, struct fl_err *e);
/* Replaces input i's scriptSig with a copy of p.  0 or FL_ENOMEM. */
int fl_tx_set_script_sig(struct fl_tx *tx, size_t i, const uint8_t *p,
    size_t len, struct fl_err *e);
/* Replaces input i's witness with copies of the n items.  0 or FL_ENOMEM. */
int fl_tx_set_witness(struct fl_tx *tx, size_t i, const struct fl_witem *items,
    size_t n, struct fl_err *e);

/* 1 when some input has a non-empty witness stack. */
int fl_tx_has_witness(const struct fl_tx *tx);

/*
 * Appends the serialization to b: with witness (BIP-144 marker, flag and
 * stacks) when witness is non-zero and the transaction has a witness, else
 * the legacy form.  Returns 0 or FL_ENOMEM with e set.
 */
int fl_tx_serialize(const struct fl_tx *tx, int witness, struct fl_buf *b,
    struct fl_err *e);
/* The length fl_tx_serialize() would append. */
size_t fl_tx_size(const struct fl_tx *tx, int witness);
/* BIP-141 weight: legacy size * 3 + size with witness. */
size_t fl_tx_weight(const struct fl_tx *tx);
/* Virtual size: weight / 4 rounded up. */
size_t fl_tx_vsize(const struct fl_tx *tx);

/*
 * Parses exactly len bytes into tx (initialized here; free it with
 * fl_tx_free() also after an error).  With allow_witness, the BIP-144 form
 * is accepted as Bitcoin Core does: a flag other than 1, or a witness flag
 * with every stack empty, is refused.  Refused too (FL_EDATA, e names the
 * byte offset): short data, trailing bytes, non-canonical compact sizes,
 * counts beyond the data.  FL_ENOMEM on allocation failure.
 */
int fl_tx_parse(const uint8_t *p, size_t len, int allow_witness,
    struct fl_tx *tx, struct fl_err *e);

/* Double SHA-256 of the legacy / witness serialization.  0 or FL_ENOMEM. */
int fl_tx_txid(const struct fl_tx *tx, uint8_t out[32], struct fl_err *e);
int fl_tx_wtxid(const struct fl_tx *tx, uint8_t out[32], struct fl_err *e);

/* Writes a txid in display order (reversed hex, 64 digits and a NUL). */
void fl_txid_hex(const uint8_t txid[32], char out[65]);

#endif
