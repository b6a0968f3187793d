/*
 * esplora: what addresses received, read from the chain through the
 * Esplora HTTP API (blockstream.info, mempool.space, any electrs).
 *
 * The requests, as the API documents them:
 *	GET /blocks/tip/height, /blocks/tip/hash      the tip, as text
 *	GET /address/:address/txs                     up to 50 mempool
 *	    transactions, then the newest 25 confirmed ones
 *	GET /address/:address/txs/chain/:last_txid    the next 25 confirmed
 *	GET /tx/:txid                                 one transaction (404:
 *	    not known to the server)
 * Transactions are JSON objects: txid, vin[] (prevout {scriptpubkey,
 * value} or null for a coinbase), vout[] ({scriptpubkey, value}), status
 * {confirmed, block_height, block_hash, block_time}.  Amounts are JSON
 * integers in satoshis.
 *
 * A payment to an address A is an output whose scriptPubKey is A's, in a
 * transaction none of whose inputs spends a coin of A (that would be
 * change or a self-transfer, not a gift).  Confirmed history is paged,
 * newest first, until a page is short or holds a block more than
 * FL_ESPLORA_MARGIN seconds before the period's start (block times are not
 * in height order; a block may carry a time up to two hours ahead).  The
 * tip is read before and after the histories; when it moved, everything
 * is read again (at most FL_ESPLORA_ROUNDS times), so that one run sees one
 * chain state.
 *
 * The transfers run in parallel (libcurl multi, o->jobs at a time), each
 * set up by fl_http_setup() (the proxy, the timeouts, TLS always
 * verified).  A timeout, a failed connection, HTTP 429 or 5xx is retried
 * after a doubling delay, or after the server's Retry-After when longer (up
 * to FL_ESPLORA_MAX_WAIT seconds).  Anything else, or a last failure, is an
 * error naming the address (or txid) and the URL: the result is all or
 * nothing, since a partial history would raise a cap.
 */
#ifndef FL_ESPLORA_H
#define FL_ESPLORA_H

#include <stddef.h>
#include <stdint.h>

#include "address.h"
#include "diag.h"
#include "http.h"
#include "ledger.h"
#include "tsv.h"

#define FL_ESPLORA_MARGIN 7200
#define FL_ESPLORA_ROUNDS 3
#define FL_ESPLORA_MAX_WAIT 120
#define FL_ESPLORA_PAGE 25 /* confirmed transactions per page */
#define FL_ESPLORA_MEMPOOL 50 /* the most mempool transactions shown */

struct fl_esplora_opts {
	/*
	 * The base URL (e.g. "https://blockstream.info/api", no final "/")
	 * in http.url; proxy, user_agent, timeouts, retries, backoff_ms and
	 * max_body (per response) as fl_http_get() takes them.  cache and
	 * progress are not used.
	 */
	struct fl_http_req http;
	int jobs; /* transfers at a time, at least 1 */
	int64_t now; /* the period is (now - period, now] */
	int64_t period;
	uint64_t min_conf; /* confirmations a payment needs; 0: mempool too */
	int64_t stale; /* fl_esplora_check: not found and time <= now - stale */
	/* Called (when not NULL) as addresses or txids are done. */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;
};

struct fl_esplora_tip {
	uint64_t height;
	char hash[65];
};

/*
 * Reads the address column of the table r is open on: every non-empty
 * field must be an address of one network (main, test/signet or regtest),
 * else FL_EDATA with e->line.  Out: *a, the distinct addresses sorted by
 * their text (the caller frees it), and *n.  Returns 0 or FL_E*.
 */
int fl_esplora_addresses(struct fl_tsv_reader *r, struct fl_address **a,
    size_t *n, struct fl_err *e);

/*
 * Reads what each of a[0..n) received in the period: one row per output
 * paying it (status confirmed with its height and block time, or mempool
 * with the time o->now), sorted by address, time, txid, vout, into l (the
 * caller frees it with fl_ledger_free), and the tip seen into *tip.
 * Returns 0, FL_ENET (with the address and the URL), FL_ENOMEM or FL_ESYS;
 * on failure l is empty.
 */
int fl_esplora_received(const struct fl_esplora_opts *o,
    const struct fl_address *a, size_t n, struct fl_ledger *l,
    struct fl_esplora_tip *tip, struct fl_err *e);

/*
 * Checks every row of l against the chain: its status becomes confirmed
 * (with the height), mempool, not-found, or stale (not found and time <=
 * o->now - o->stale).  A transaction found whose output vout does not pay
 * the row's address and amount is FL_EDATA, e->line the row's line.  Returns 0 or FL_E*; *tip is the tip seen.
 */
int fl_esplora_check(const struct fl_esplora_opts *o, struct fl_ledger *l,
    struct fl_esplora_tip *tip, struct fl_err *e);

/* One transaction of a history, as fl_esplora_parse_txs() reads it. */
struct fl_esplora_tx {
	char txid[65];
	int confirmed;
	uint64_t height; /* confirmed only */
	int64_t time; /* block time; confirmed only */
	int self; /* an input spends a coin of the address */
	size_t nout; /* outputs paying the address */
	uint32_t *vout;
	uint64_t *value;
};

struct fl_esplora_txs {
	struct fl_esplora_tx *tx;
	size_t n;
	size_t nconf; /* confirmed ones, after the mempool ones */
};

/*
 * Parses a history page (a JSON array of transactions) for the address
 * whose scriptPubKey is spk.  Mempool transactions must come first, then
 * confirmed ones by height descending.  Returns 0, or FL_ENET with e->msg
 * saying what is malformed ("tx 3: vout 1: value: not an integer"); t
 * needs fl_esplora_txs_free() in every case.
 */
int fl_esplora_parse_txs(const char *body, size_t len, const uint8_t *spk,
    size_t spklen, struct fl_esplora_txs *t, struct fl_err *e);
void fl_esplora_txs_free(struct fl_esplora_txs *t);

#endif
