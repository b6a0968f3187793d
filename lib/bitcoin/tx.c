/* tx: transactions, BIP-144 serialization, strict parsing, ids, weight. */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "hex.h"
#include "tx.h"

void
fl_tx_init(struct fl_tx *tx)
{
	memset(tx, 0, sizeof(*tx));
	tx->version = 2;
}

static void
wit_free(struct fl_txin *in)
{
	size_t i;

	for (i = 0; i < in->nwit; i++)
		free(in->wit[i].p);
	free(in->wit);
	in->wit = NULL;
	in->nwit = 0;
}

void
fl_tx_free(struct fl_tx *tx)
{
	size_t i;

	for (i = 0; i < tx->nin; i++) {
		free(tx->in[i].script_sig);
		wit_free(&tx->in[i]);
	}
	for (i = 0; i < tx->nout; i++)
		free(tx->out[i].spk);
	free(tx->in);
	free(tx->out);
	fl_tx_init(tx);
}

static int
oom(struct fl_err *e)
{
	return fl_err_set(e, FL_ENOMEM, "out of memory");
}

/* A copy of n bytes; NULL for n == 0 is not an error. */
static int
dup_bytes(const uint8_t *p, size_t n, uint8_t **out)
{
	*out = NULL;
	if (n == 0)
		return 0;
	if ((*out = malloc(n)) == NULL)
		return -1;
	memcpy(*out, p, n);
	return 0;
}

/* Grows an array of count elements of size sz so that one more fits. */
static int
grow(void **arr, size_t count, size_t sz)
{
	void *p;
	size_t cap;

	/* Capacity is not stored: grow at powers of two of count. */
	if (count != 0 && (count & (count - 1)) != 0)
		return 0;
	cap = count == 0 ? 1 : count * 2;
	if (cap > SIZE_MAX / sz)
		return -1;
	if ((p = realloc(*arr, cap * sz)) == NULL)
		return -1;
	*arr = p;
	return 0;
}

int
fl_tx_add_input(struct fl_tx *tx, const uint8_t txid[32], uint32_t vout,
    uint32_t sequence, struct fl_err *e)
{
	struct fl_txin *in;

	if (grow((void **)&tx->in, tx->nin, sizeof(*tx->in)) != 0)
		return oom(e);
	in = &tx->in[tx->nin++];
	memset(in, 0, sizeof(*in));
	memcpy(in->txid, txid, 32);
	in->vout = vout;
	in->sequence = sequence;
	return 0;
}

int
fl_tx_add_output(struct fl_tx *tx, uint64_t value, const uint8_t *spk,
    size_t spk_len, struct fl_err *e)
{
	struct fl_txout *out;
	uint8_t *copy;

	if (dup_bytes(spk, spk_len, &copy) != 0)
		return oom(e);
	if (grow((void **)&tx->out, tx->nout, sizeof(*tx->out)) != 0) {
		free(copy);
		return oom(e);
	}
	out = &tx->out[tx->nout++];
	out->value = value;
	out->spk = copy;
	out->spk_len = spk_len;
	return 0;
}

int
fl_tx_set_script_sig(struct fl_tx *tx, size_t i, const uint8_t *p, size_t len,
    struct fl_err *e)
{
	uint8_t *copy;

	if (i >= tx->nin)
		return fl_err_set(e, FL_EDATA, "no input %zu", i);
	if (dup_bytes(p, len, &copy) != 0)
		return oom(e);
	free(tx->in[i].script_sig);
	tx->in[i].script_sig = copy;
	tx->in[i].script_sig_len = len;
	return 0;
}

int
fl_tx_set_witness(struct fl_tx *tx, size_t i, const struct fl_witem *items,
    size_t n, struct fl_err *e)
{
	struct fl_witem *w = NULL;
	size_t k;

	if (i >= tx->nin)
		return fl_err_set(e, FL_EDATA, "no input %zu", i);
	if (n > 0 && (w = calloc(n, sizeof(*w))) == NULL)
		return oom(e);
	for (k = 0; k < n; k++) {
		if (dup_bytes(items[k].p, items[k].len, &w[k].p) != 0) {
			while (k-- > 0)
				free(w[k].p);
			free(w);
			return oom(e);
		}
		w[k].len = items[k].len;
	}
	wit_free(&tx->in[i]);
	tx->in[i].wit = w;
	tx->in[i].nwit = n;
	return 0;
}

int
fl_tx_has_witness(const struct fl_tx *tx)
{
	size_t i;

	for (i = 0; i < tx->nin; i++)
		if (tx->in[i].nwit > 0)
			return 1;
	return 0;
}

int
fl_tx_serialize(const struct fl_tx *tx, int witness, struct fl_buf *b,
    struct fl_err *e)
{
	size_t i, k;

	witness = witness && fl_tx_has_witness(tx);
	if (fl_buf_reserve(b, fl_tx_size(tx, witness)) != 0)
		return oom(e);
	fl_buf_u32le(b, tx->version);
	if (witness) {
		fl_buf_u8(b, 0x00);
		fl_buf_u8(b, 0x01);
	}
	fl_buf_compact(b, tx->nin);
	for (i = 0; i < tx->nin; i++) {
		const struct fl_txin *in = &tx->in[i];

		fl_buf_add(b, in->txid, 32);
		fl_buf_u32le(b, in->vout);
		fl_buf_varbytes(b, in->script_sig, in->script_sig_len);
		fl_buf_u32le(b, in->sequence);
	}
	fl_buf_compact(b, tx->nout);
	for (i = 0; i < tx->nout; i++) {
		fl_buf_u64le(b, tx->out[i].value);
		fl_buf_varbytes(b, tx->out[i].spk, tx->out[i].spk_len);
	}
	if (witness) {
		for (i = 0; i < tx->nin; i++) {
			const struct fl_txin *in = &tx->in[i];

			fl_buf_compact(b, in->nwit);
			for (k = 0; k < in->nwit; k++)
				fl_buf_varbytes(b, in->wit[k].p,
				    in->wit[k].len);
		}
	}
	fl_buf_u32le(b, tx->locktime);
	return fl_buf_check(b, e);
}

size_t
fl_tx_size(const struct fl_tx *tx, int witness)
{
	size_t i, k, n;

	witness = witness && fl_tx_has_witness(tx);
	n = 4 + 4 + fl_compact_len(tx->nin) + fl_compact_len(tx->nout);
	for (i = 0; i < tx->nin; i++) {
		const struct fl_txin *in = &tx->in[i];

		n += 32 + 4 + 4 + fl_compact_len(in->script_sig_len) +
		    in->script_sig_len;
		if (witness) {
			n += fl_compact_len(in->nwit);
			for (k = 0; k < in->nwit; k++)
				n += fl_compact_len(in->wit[k].len) +
				    in->wit[k].len;
		}
	}
	for (i = 0; i < tx->nout; i++)
		n +=
		    8 + fl_compact_len(tx->out[i].spk_len) + tx->out[i].spk_len;
	if (witness)
		n += 2;
	return n;
}

size_t
fl_tx_weight(const struct fl_tx *tx)
{
	return fl_tx_size(tx, 0) * 3 + fl_tx_size(tx, 1);
}

size_t
fl_tx_vsize(const struct fl_tx *tx)
{
	return (fl_tx_weight(tx) + 3) / 4;
}

/* Prefixes a reader error with the part being read. */
#define NOIDX SIZE_MAX

static int
part(int rc, struct fl_err *e, const char *what, size_t i, const char *sub)
{
	if (rc == 0 || rc == FL_ENOMEM)
		return rc;
	if (i == NOIDX)
		fl_err_prefix(e, "%s", what);
	else
		fl_err_prefix(e, "%s %zu%s", what, i, sub);
	return rc;
}

/*
 * A count of items of at least min bytes each: no count may promise more
 * than the data holds, so a bogus count cannot make us allocate much.
 */
static int
count(struct fl_rd *r, size_t min, uint64_t *n, struct fl_err *e)
{
	size_t start = r->pos;
	int rc;

	if ((rc = fl_rd_compact(r, UINT64_MAX, n, e)) != 0)
		return rc;
	if (*n > fl_rd_left(r) / min) {
		rc = fl_err_set(e, FL_EDATA,
		    "%llu at byte %zu is more than the %zu bytes left can hold",
		    (unsigned long long)*n, start, fl_rd_left(r));
		*n = 0;
		r->pos = start;
	}
	return rc;
}

static int
parse_inputs(struct fl_rd *r, struct fl_tx *tx, struct fl_err *e)
{
	const uint8_t *txid, *ss;
	uint64_t n;
	uint32_t vout, seq;
	size_t i, sslen;
	int rc;

	if ((rc = count(r, 41, &n, e)) != 0)
		return part(rc, e, "input count", NOIDX, "");
	for (i = 0; i < n; i++) {
		if ((rc = part(fl_rd_ptr(r, 32, &txid, e), e, "input", i,
			 "")) ||
		    (rc = part(fl_rd_u32le(r, &vout, e), e, "input", i, "")) ||
		    (rc = part(fl_rd_varbytes(r, FL_TX_MAX_SIZE, &ss, &sslen,
				   e),
			 e, "input", i, " scriptSig")) ||
		    (rc = part(fl_rd_u32le(r, &seq, e), e, "input", i, "")))
			return rc;
		if (fl_tx_add_input(tx, txid, vout, seq, e) != 0 ||
		    fl_tx_set_script_sig(tx, i, ss, sslen, e) != 0)
			return FL_ENOMEM;
	}
	return 0;
}

static int
parse_outputs(struct fl_rd *r, struct fl_tx *tx, struct fl_err *e)
{
	const uint8_t *spk;
	uint64_t n, value;
	size_t i, len;
	int rc;

	if ((rc = count(r, 9, &n, e)) != 0)
		return part(rc, e, "output count", NOIDX, "");
	for (i = 0; i < n; i++) {
		if ((rc = part(fl_rd_u64le(r, &value, e), e, "output", i,
			 "")) ||
		    (rc = part(fl_rd_varbytes(r, FL_TX_MAX_SIZE, &spk, &len, e),
			 e, "output", i, " scriptPubKey")))
			return rc;
		if (fl_tx_add_output(tx, value, spk, len, e) != 0)
			return FL_ENOMEM;
	}
	return 0;
}

static int
parse_witness(struct fl_rd *r, struct fl_txin *in, size_t i, struct fl_err *e)
{
	uint64_t n;
	size_t k;
	int rc;

	if ((rc = count(r, 1, &n, e)) != 0)
		return part(rc, e, "input", i, " witness");
	if (n == 0)
		return 0;
	if ((in->wit = calloc((size_t)n, sizeof(*in->wit))) == NULL)
		return oom(e);
	for (k = 0; k < n; k++) {
		const uint8_t *p;
		size_t len;

		if ((rc = fl_rd_varbytes(r, FL_TX_MAX_SIZE, &p, &len, e)) != 0)
			return part(rc, e, "input", i, " witness");
		in->nwit = k + 1;
		if (dup_bytes(p, len, &in->wit[k].p) != 0)
			return oom(e);
		in->wit[k].len = len;
	}
	return 0;
}

/* As Bitcoin Core's UnserializeTransaction(). */
int
fl_tx_parse(const uint8_t *p, size_t len, int allow_witness, struct fl_tx *tx,
    struct fl_err *e)
{
	struct fl_rd r;
	uint8_t flags = 0;
	size_t i;
	int rc;

	fl_tx_init(tx);
	if (len > FL_TX_MAX_SIZE)
		return fl_err_set(e, FL_EDATA,
		    "transaction of %zu bytes exceeds %d", len, FL_TX_MAX_SIZE);
	fl_rd_init(&r, p, len);
	if ((rc = part(fl_rd_u32le(&r, &tx->version, e), e, "version", NOIDX,
		 "")) != 0)
		return rc;
	if ((rc = parse_inputs(&r, tx, e)) != 0)
		return rc;
	if (tx->nin == 0 && allow_witness) {
		/* A marker (zero inputs) then the flag byte. */
		if ((rc = part(fl_rd_u8(&r, &flags, e), e, "flag", NOIDX,
			 "")) != 0)
			return rc;
		if (flags != 0) {
			if ((rc = parse_inputs(&r, tx, e)) != 0 ||
			    (rc = parse_outputs(&r, tx, e)) != 0)
				return rc;
		}
	} else if ((rc = parse_outputs(&r, tx, e)) != 0) {
		return rc;
	}
	if ((flags & 1) && allow_witness) {
		flags ^= 1;
		for (i = 0; i < tx->nin; i++)
			if ((rc = parse_witness(&r, &tx->in[i], i, e)) != 0)
				return rc;
		if (!fl_tx_has_witness(tx))
			return fl_err_set(e, FL_EDATA,
			    "witness flag set but every witness is empty");
	}
	if (flags != 0)
		return fl_err_set(e, FL_EDATA, "unknown flag 0x%02x", flags);
	if ((rc = part(fl_rd_u32le(&r, &tx->locktime, e), e, "locktime", NOIDX,
		 "")) != 0)
		return rc;
	return fl_rd_end(&r, e);
}

static int
hash_ser(const struct fl_tx *tx, int witness, uint8_t out[32], struct fl_err *e)
{
	struct fl_buf b = {0};
	int rc;

	memset(out, 0, 32);
	if ((rc = fl_tx_serialize(tx, witness, &b, e)) == 0)
		fl_sha256d(b.p, b.len, out);
	fl_buf_free(&b);
	return rc;
}

int
fl_tx_txid(const struct fl_tx *tx, uint8_t out[32], struct fl_err *e)
{
	return hash_ser(tx, 0, out, e);
}

int
fl_tx_wtxid(const struct fl_tx *tx, uint8_t out[32], struct fl_err *e)
{
	return hash_ser(tx, 1, out, e);
}

void
fl_txid_hex(const uint8_t txid[32], char out[65])
{
	uint8_t r[32];

	memcpy(r, txid, 32);
	fl_hex_reverse(r, 32);
	fl_hex_encode(r, 32, out);
}
