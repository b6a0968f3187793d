#include "utxo.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "descriptor.h"
#include "hash.h"
#include "hex.h"
#include "input.h"
#include "listunspent.h"
#include "script.h"
#include "tsv.h"
#include "tx.h"

/*
 * The largest coin file accepted, read whole before parsing: 64 MiB, over
 * 100,000 coins as "bitcoin-cli listunspent" prints them (about 550 bytes
 * each), far more than transactions of 400,000 weight units can spend.
 */
#define UTXO_FILE_MAX ((size_t)64 << 20)

static const struct fl_utxo_names tsv_names = {"column", "txid", "vout", "sat",
    "script_pubkey", "address", "redeem_script", "prev_tx", "desc"};

/* Room for one more coin: the capacity is n rounded up to 64 * 2^k. */
static int
grow(struct fl_utxos *us, struct fl_err *e)
{
	struct fl_utxo *p;
	size_t ncap;

	if (us->n == 0)
		ncap = 64;
	else if (us->n >= 64 && (us->n & (us->n - 1)) == 0)
		ncap = us->n * 2;
	else
		return 0;
	p = realloc(us->u, ncap * sizeof *p);
	if (p == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	us->u = p;
	return 0;
}

/* FNV-1a over the outpoint (not keyed: the file is the user's own). */
static size_t
outpoint_hash(const struct fl_utxo *u)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < 32; i++)
		h = (h ^ u->txid[i]) * 0x100000001b3ULL;
	for (i = 0; i < 4; i++)
		h = (h ^ ((u->vout >> (8 * i)) & 0xff)) * 0x100000001b3ULL;
	return (size_t)(h ^ (h >> 32));
}

static int
same_outpoint(const struct fl_utxo *a, const struct fl_utxo *b)
{
	return a->vout == b->vout && memcmp(a->txid, b->txid, 32) == 0;
}

/* The slot of u in the index: its own, or the empty one it would take. */
static size_t *
find_slot(const struct fl_utxos *us, const struct fl_utxo *u)
{
	size_t mask = us->nslot - 1, i;

	for (i = outpoint_hash(u) & mask; us->slot[i] != 0; i = (i + 1) & mask)
		if (same_outpoint(&us->u[us->slot[i] - 1], u))
			break;
	return &us->slot[i];
}

/*
 * Indexes us->u[us->n], the coin being added: returns 0, 1 with *dup the
 * index of an earlier coin of the same outpoint, or FL_ENOMEM.  The index
 * is kept at most half full, so that a look-up is O(1): a file of 100,000
 * coins took a minute with a scan of every coin before.
 */
static int
index_coin(struct fl_utxos *us, size_t *dup, struct fl_err *e)
{
	size_t *slot, *old = us->slot, nold = us->nslot, i;

	*dup = 0;

	if ((us->n + 1) * 2 > us->nslot) {
		us->nslot = nold != 0 ? nold * 2 : 256;
		if ((us->slot = calloc(us->nslot, sizeof *us->slot)) == NULL) {
			us->slot = old;
			us->nslot = nold;
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		}
		for (i = 0; i < nold; i++)
			if (old[i] != 0)
				*find_slot(us, &us->u[old[i] - 1]) = old[i];
		free(old);
	}
	slot = find_slot(us, &us->u[us->n]);
	if (*slot != 0) {
		*dup = *slot - 1;
		return 1;
	}
	*slot = us->n + 1;
	return 0;
}

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

static int
check_prev(struct fl_utxo *u, const struct fl_utxo_names *nm, const char *hex,
    struct fl_err *e)
{
	struct fl_tx tx;
	struct fl_err e2;
	uint8_t txid[32];
	size_t len = strlen(hex), n;
	int rc;

	u->prev_tx = malloc(len / 2 + 1);
	if (u->prev_tx == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	if (fl_hex_decode(hex, u->prev_tx, len / 2 + 1, &n, &e2) != 0)
		return fl_err_set(e, FL_EDATA, "%s \"%s\": invalid hex",
		    nm->what, nm->prev);
	u->prev_tx_len = n;
	rc = fl_tx_parse(u->prev_tx, n, 1, &tx, &e2);
	if (rc == 0)
		rc = fl_tx_txid(&tx, txid, &e2);
	if (rc != 0) {
		fl_tx_free(&tx);
		return fl_err_set(e, rc, "%s \"%s\": invalid transaction: %s",
		    nm->what, nm->prev, e2.msg);
	}
	rc = 0;
	if (memcmp(txid, u->txid, 32) != 0)
		rc = fl_err_set(e, FL_EDATA,
		    "%s \"%s\": the transaction's txid is not the coin's",
		    nm->what, nm->prev);
	else if (u->vout >= tx.nout || tx.out[u->vout].value != u->value ||
	    tx.out[u->vout].spk_len != u->spk_len ||
	    memcmp(tx.out[u->vout].spk, u->spk, u->spk_len) != 0)
		rc = fl_err_set(e, FL_EDATA,
		    "%s \"%s\": output %u of the transaction is not the coin",
		    nm->what, nm->prev, (unsigned)u->vout);
	fl_tx_free(&tx);
	return rc;
}

int
fl_utxo_add(struct fl_utxos *us, const struct fl_utxo_fields *f,
    const struct fl_utxo_names *nm, enum fl_network net, unsigned long line,
    struct fl_err *e)
{
	struct fl_descriptor d;
	struct fl_utxo *u;
	struct fl_address a;
	struct fl_err e2;
	enum fl_script_type t;
	uint8_t prog[40], h[20];
	size_t proglen, n, i;
	int rc;

	if ((rc = grow(us, e)) != 0)
		return rc;
	u = &us->u[us->n];
	memset(u, 0, sizeof *u);
	u->line = line;
	if (strlen(f->txid) != 64 ||
	    fl_hex_decode(f->txid, u->txid, 32, &n, &e2) != 0)
		return fl_err_set(e, FL_EDATA, "%s \"%s\": invalid txid \"%s\"",
		    nm->what, nm->txid, f->txid);
	fl_hex_reverse(u->txid, 32);
	if (f->vout > UINT32_MAX)
		return fl_err_set(e, FL_EDATA,
		    "%s \"%s\": vout %llu out of range", nm->what, nm->vout,
		    (unsigned long long)f->vout);
	u->vout = (uint32_t)f->vout;
	if (f->sat == 0 || f->sat > (uint64_t)FL_MAX_MONEY)
		return fl_err_set(e, FL_EDATA,
		    "%s \"%s\": amount out of range (0 or above 21,000,000 "
		    "BTC)",
		    nm->what, nm->sat);
	u->value = f->sat;
	if ((rc = index_coin(us, &i, e)) < 0)
		return rc;
	if (rc == 1)
		return fl_err_set(e, FL_EDATA,
		    "coin %s:%u appears twice (also line %lu)", f->txid,
		    (unsigned)u->vout, us->u[i].line);
	if (us->total + u->value > (uint64_t)FL_MAX_MONEY)
		return fl_err_set(e, FL_EDATA,
		    "the coins add up to more than 21,000,000 BTC");
	us->total += u->value;
	if (!empty(f->spk)) {
		if (fl_hex_decode(f->spk, u->spk, sizeof u->spk, &n, &e2) != 0)
			return fl_err_set(e, FL_EDATA,
			    "%s \"%s\": invalid or unsupported script \"%s\"",
			    nm->what, nm->spk, f->spk);
		u->spk_len = n;
	}
	if (!empty(f->address)) {
		if (fl_address_decode(f->address, net, 0, &a, NULL, &e2) != 0)
			return fl_err_set(e, FL_EDATA, "%s \"%s\": %s",
			    nm->what, nm->address, e2.msg);
		if (empty(f->spk)) {
			memcpy(u->spk, a.spk, a.spklen);
			u->spk_len = a.spklen;
		} else if (a.spklen != u->spk_len ||
		    memcmp(a.spk, u->spk, u->spk_len) != 0) {
			return fl_err_set(e, FL_EDATA,
			    "address \"%s\" does not match the script",
			    f->address);
		}
	}
	if (u->spk_len == 0)
		return fl_err_set(e, FL_EDATA, "%s \"%s\" or \"%s\" is empty",
		    nm->what, nm->spk, nm->address);
	t = fl_script_classify(u->spk, u->spk_len, prog, &proglen, NULL);
	if (t != FL_SCRIPT_P2PKH && t != FL_SCRIPT_P2SH &&
	    t != FL_SCRIPT_P2WPKH && t != FL_SCRIPT_P2TR)
		return fl_err_set(e, FL_EDATA,
		    "%s \"%s\": unsupported script type \"%s\"", nm->what,
		    nm->spk, fl_script_type_name(t));
	if (!empty(f->redeem)) {
		if (t != FL_SCRIPT_P2SH)
			return fl_err_set(e, FL_EDATA,
			    "%s \"%s\" given for a %s coin", nm->what,
			    nm->redeem, fl_script_type_name(t));
		if (fl_hex_decode(f->redeem, u->redeem, sizeof u->redeem, &n,
			&e2) != 0 ||
		    fl_script_classify(u->redeem, n, NULL, NULL, NULL) !=
			FL_SCRIPT_P2WPKH)
			return fl_err_set(e, FL_EDATA,
			    "%s \"%s\": not a P2WPKH script (only P2SH-P2WPKH "
			    "coins are supported)",
			    nm->what, nm->redeem);
		fl_hash160(u->redeem, n, h);
		if (memcmp(h, prog, 20) != 0)
			return fl_err_set(e, FL_EDATA,
			    "%s \"%s\": its hash is not the script's", nm->what,
			    nm->redeem);
		u->redeem_len = n;
	}
	if (!empty(f->desc)) {
		if ((rc = fl_descriptor_parse(f->desc, t, prog, &d, e)) != 0) {
			fl_err_prefix(e, "%s \"%s\"", nm->what, nm->desc);
			return rc;
		}
		if (d.pubkey_len > 0) {
			memcpy(u->pubkey, d.pubkey, d.pubkey_len);
			u->pubkey_len = d.pubkey_len;
			u->has_origin = d.has_origin;
			memcpy(u->fingerprint, d.fingerprint, 4);
			memcpy(u->path, d.path, d.path_len * sizeof(d.path[0]));
			u->path_len = d.path_len;
			if (u->redeem_len == 0 && d.redeem_len > 0) {
				memcpy(u->redeem, d.redeem, d.redeem_len);
				u->redeem_len = d.redeem_len;
			}
		}
	}
	if (!empty(f->prev)) {
		rc = check_prev(u, nm, f->prev, e);
		if (rc != 0) {
			free(u->prev_tx);
			u->prev_tx = NULL;
			return rc;
		}
	}
	us->n++;
	return 0;
}

static int
read_tsv(FILE *fp, enum fl_network net, struct fl_utxos *us, struct fl_err *e)
{
	struct fl_tsv_reader r;
	struct fl_utxo_fields f;
	int c_txid, c_vout, c_sat, c_spk, c_addr, c_redeem, c_prev, c_desc, rc;

	rc = fl_tsv_open(&r, fp, e);
	if (rc != 0)
		goto out;
	if ((c_txid = fl_tsv_require(&r, "txid", NULL, e)) < 0 ||
	    (c_vout = fl_tsv_require(&r, "vout", NULL, e)) < 0 ||
	    (c_sat = fl_tsv_require(&r, "sat", NULL, e)) < 0) {
		rc = FL_EDATA;
		goto out;
	}
	c_spk = fl_tsv_col(&r, "script_pubkey");
	c_addr = fl_tsv_col(&r, "address");
	c_redeem = fl_tsv_col(&r, "redeem_script");
	c_prev = fl_tsv_col(&r, "prev_tx");
	c_desc = fl_tsv_col(&r, "desc");
	if (c_spk < 0 && c_addr < 0) {
		rc = fl_err_set(e, FL_EDATA,
		    "missing column \"script_pubkey\" or \"address\"");
		goto out;
	}
	while ((rc = fl_tsv_next(&r, e)) == 1) {
		memset(&f, 0, sizeof f);
		f.txid = r.field[c_txid];
		if ((rc = fl_tsv_u64(&r, c_vout, 0, &f.vout, e)) != 0 ||
		    (rc = fl_tsv_u64(&r, c_sat, 0, &f.sat, e)) != 0)
			goto out;
		f.spk = c_spk >= 0 ? r.field[c_spk] : NULL;
		f.address = c_addr >= 0 ? r.field[c_addr] : NULL;
		f.redeem = c_redeem >= 0 ? r.field[c_redeem] : NULL;
		f.prev = c_prev >= 0 ? r.field[c_prev] : NULL;
		f.desc = c_desc >= 0 ? r.field[c_desc] : NULL;
		rc = fl_utxo_add(us, &f, &tsv_names, net, r.lineno, e);
		if (rc != 0) {
			e->line = r.lineno;
			goto out;
		}
	}
out:
	fl_tsv_close(&r);
	return rc;
}

int
fl_utxo_read(FILE *fp, enum fl_network net, struct fl_utxos *us,
    struct fl_err *e)
{
	char *text;
	size_t len, i;
	FILE *mem;
	int rc;

	memset(us, 0, sizeof *us);
	rc = fl_input_read_all(fp, UTXO_FILE_MAX, &text, &len, e);
	if (rc == FL_EDATA)
		return fl_err_set(e, FL_EDATA,
		    "larger than %zu bytes (64 MiB), the most a coin file may "
		    "hold",
		    UTXO_FILE_MAX);
	if (rc != 0)
		return rc;
	for (i = 0; i < len && isspace((unsigned char)text[i]); i++)
		;
	if (i == len) {
		rc = fl_err_set(e, FL_EDATA, "no coins: the file is empty");
	} else if (text[i] == '[' || text[i] == '{') {
		rc = fl_listunspent_read(text, len, net, us, e);
	} else if ((mem = fmemopen(text, len, "r")) == NULL) {
		rc = fl_err_set(e, FL_ESYS, "fmemopen: %s", strerror(errno));
	} else {
		rc = read_tsv(mem, net, us, e);
		fclose(mem);
	}
	free(text);
	if (rc != 0)
		fl_utxo_free(us);
	return rc;
}

void
fl_utxo_free(struct fl_utxos *us)
{
	size_t i;

	for (i = 0; i < us->n; i++)
		free(us->u[i].prev_tx);
	free(us->u);
	free(us->slot);
	memset(us, 0, sizeof *us);
}
