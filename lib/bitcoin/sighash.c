/* sighash: legacy, BIP-143 and BIP-341 key-path signature hashes. */
#include <string.h>

#include "hash.h"
#include "script.h"
#include "sighash.h"

static int
oom(struct fl_err *e)
{
	return fl_err_set(e, FL_ENOMEM, "out of memory");
}

/*
 * The end shared by the legacy and BIP-143 messages: locktime and hash
 * type, then the double SHA-256 of it all.  Frees b.
 */
static int
finish(struct fl_buf *b, uint32_t locktime, uint32_t hashtype, uint8_t out[32],
    struct fl_err *e)
{
	fl_buf_u32le(b, locktime);
	fl_buf_u32le(b, hashtype);
	if (b->oom) {
		fl_buf_free(b);
		return oom(e);
	}
	fl_sha256d(b->p, b->len, out);
	fl_buf_free(b);
	return 0;
}

static void
buf_hash(struct fl_buf *b, int dbl, uint8_t out[32])
{
	if (dbl)
		fl_sha256d(b->p, b->len, out);
	else
		fl_sha256(b->p, b->len, out);
}

int
fl_sighash_precompute(struct fl_sighash_cache *c, const struct fl_tx *tx,
    const struct fl_coin *spent, struct fl_err *e)
{
	struct fl_buf prev = {0}, seq = {0}, outs = {0}, amt = {0}, spk = {0};
	size_t i;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < tx->nin; i++) {
		fl_buf_add(&prev, tx->in[i].txid, 32);
		fl_buf_u32le(&prev, tx->in[i].vout);
		fl_buf_u32le(&seq, tx->in[i].sequence);
		if (spent != NULL) {
			fl_buf_u64le(&amt, spent[i].value);
			fl_buf_varbytes(&spk, spent[i].spk, spent[i].spk_len);
		}
	}
	for (i = 0; i < tx->nout; i++) {
		fl_buf_u64le(&outs, tx->out[i].value);
		fl_buf_varbytes(&outs, tx->out[i].spk, tx->out[i].spk_len);
	}
	if (prev.oom || seq.oom || outs.oom || amt.oom || spk.oom) {
		rc = oom(e);
		goto out;
	}
	/* BIP-341's single SHA-256 values; BIP-143 hashes them once more. */
	buf_hash(&prev, 0, c->prevouts);
	buf_hash(&seq, 0, c->sequences);
	buf_hash(&outs, 0, c->outputs);
	fl_sha256(c->prevouts, 32, c->prevouts_d);
	fl_sha256(c->sequences, 32, c->sequences_d);
	fl_sha256(c->outputs, 32, c->outputs_d);
	if (spent != NULL) {
		buf_hash(&amt, 0, c->amounts);
		buf_hash(&spk, 0, c->spks);
		c->have_spent = 1;
	}
out:
	fl_buf_free(&prev);
	fl_buf_free(&seq);
	fl_buf_free(&outs);
	fl_buf_free(&amt);
	fl_buf_free(&spk);
	return rc;
}

/*
 * The scriptCode without its OP_CODESEPARATORs, byte for byte as Core's
 * CTransactionSignatureSerializer::SerializeScriptCode() writes it: the
 * length counts the separators found before any truncated push, and the
 * bytes stop where Core's GetOp() stopped.
 */
static void
ser_script_code(struct fl_buf *b, const uint8_t *s, size_t len)
{
	size_t pos = 0, begin = 0, nsep = 0;
	uint8_t op;

	while (fl_script_next_op(s, len, &pos, &op))
		if (op == FL_OP_CODESEPARATOR)
			nsep++;
	fl_buf_compact(b, len - nsep);
	pos = 0;
	while (fl_script_next_op(s, len, &pos, &op)) {
		if (op == FL_OP_CODESEPARATOR) {
			fl_buf_add(b, s + begin, pos - begin - 1);
			begin = pos;
		}
	}
	if (begin != len)
		fl_buf_add(b, s + begin, pos - begin);
}

int
fl_sighash_legacy(const struct fl_tx *tx, size_t in, const uint8_t *script_code,
    size_t script_len, uint32_t hashtype, uint8_t out[32], struct fl_err *e)
{
	struct fl_buf b = {0};
	int acp = (hashtype & FL_SIGHASH_ANYONECANPAY) != 0;
	int none = (hashtype & 0x1f) == FL_SIGHASH_NONE;
	int single = (hashtype & 0x1f) == FL_SIGHASH_SINGLE;
	size_t i, nin, nout;

	memset(out, 0, 32);
	if (in >= tx->nin)
		return fl_err_set(e, FL_EDATA, "no input %zu", in);
	if (single && in >= tx->nout) {
		/* The SIGHASH_SINGLE bug: Core signs the number one. */
		out[0] = 1;
		return 0;
	}
	fl_buf_u32le(&b, tx->version);
	nin = acp ? 1 : tx->nin;
	fl_buf_compact(&b, nin);
	for (i = 0; i < nin; i++) {
		size_t k = acp ? in : i;
		const struct fl_txin *ti = &tx->in[k];

		fl_buf_add(&b, ti->txid, 32);
		fl_buf_u32le(&b, ti->vout);
		if (k == in)
			ser_script_code(&b, script_code, script_len);
		else
			fl_buf_compact(&b, 0);
		if (k != in && (single || none))
			fl_buf_u32le(&b, 0);
		else
			fl_buf_u32le(&b, ti->sequence);
	}
	nout = none ? 0 : single ? in + 1 : tx->nout;
	fl_buf_compact(&b, nout);
	for (i = 0; i < nout; i++) {
		if (single && i != in) {
			fl_buf_u64le(&b, UINT64_MAX); /* CTxOut(): value -1 */
			fl_buf_compact(&b, 0);
		} else {
			fl_buf_u64le(&b, tx->out[i].value);
			fl_buf_varbytes(&b, tx->out[i].spk, tx->out[i].spk_len);
		}
	}
	return finish(&b, tx->locktime, hashtype, out, e);
}

int
fl_sighash_v0(const struct fl_tx *tx, const struct fl_sighash_cache *c,
    size_t in, const uint8_t *script_code, size_t script_len, uint64_t amount,
    uint32_t hashtype, uint8_t out[32], struct fl_err *e)
{
	static const uint8_t zero[32];
	struct fl_sighash_cache own;
	struct fl_buf b = {0};
	int acp = (hashtype & FL_SIGHASH_ANYONECANPAY) != 0;
	int base = (int)(hashtype & 0x1f);
	const struct fl_txin *ti;
	int rc;

	memset(out, 0, 32);
	if (in >= tx->nin)
		return fl_err_set(e, FL_EDATA, "no input %zu", in);
	if (c == NULL) {
		if ((rc = fl_sighash_precompute(&own, tx, NULL, e)) != 0)
			return rc;
		c = &own;
	}
	ti = &tx->in[in];
	fl_buf_u32le(&b, tx->version);
	fl_buf_add(&b, acp ? zero : c->prevouts_d, 32);
	fl_buf_add(&b,
	    acp || base == FL_SIGHASH_SINGLE || base == FL_SIGHASH_NONE
		? zero
		: c->sequences_d,
	    32);
	fl_buf_add(&b, ti->txid, 32);
	fl_buf_u32le(&b, ti->vout);
	fl_buf_varbytes(&b, script_code, script_len);
	fl_buf_u64le(&b, amount);
	fl_buf_u32le(&b, ti->sequence);
	if (base != FL_SIGHASH_SINGLE && base != FL_SIGHASH_NONE) {
		fl_buf_add(&b, c->outputs_d, 32);
	} else if (base == FL_SIGHASH_SINGLE && in < tx->nout) {
		struct fl_buf o = {0};
		uint8_t h[32] = {0};

		fl_buf_u64le(&o, tx->out[in].value);
		fl_buf_varbytes(&o, tx->out[in].spk, tx->out[in].spk_len);
		if (o.oom)
			b.oom = 1;
		else
			fl_sha256d(o.p, o.len, h);
		fl_buf_free(&o);
		fl_buf_add(&b, h, 32);
	} else {
		fl_buf_add(&b, zero, 32);
	}
	return finish(&b, tx->locktime, hashtype, out, e);
}

int
fl_sighash_taproot_msg(const struct fl_tx *tx, const struct fl_sighash_cache *c,
    const struct fl_coin *spent, size_t in, uint8_t hashtype,
    struct fl_buf *msg, struct fl_err *e)
{
	struct fl_sighash_cache own;
	int acp = (hashtype & FL_SIGHASH_ANYONECANPAY) != 0;
	int base = hashtype & 3;
	const struct fl_txin *ti;
	int rc;

	if (in >= tx->nin)
		return fl_err_set(e, FL_EDATA, "no input %zu", in);
	if (spent == NULL)
		return fl_err_set(e, FL_EDATA,
		    "a taproot sighash needs the coins of all inputs");
	if (!(hashtype <= 0x03 || (hashtype >= 0x81 && hashtype <= 0x83)))
		return fl_err_set(e, FL_EDATA,
		    "invalid taproot hash type 0x%02x", hashtype);
	if (base == FL_SIGHASH_SINGLE && in >= tx->nout)
		return fl_err_set(e, FL_EDATA,
		    "SIGHASH_SINGLE input %zu has no matching output", in);
	if (c == NULL || !c->have_spent) {
		if ((rc = fl_sighash_precompute(&own, tx, spent, e)) != 0)
			return rc;
		c = &own;
	}
	ti = &tx->in[in];
	fl_buf_u8(msg, 0); /* the epoch */
	fl_buf_u8(msg, hashtype);
	fl_buf_u32le(msg, tx->version);
	fl_buf_u32le(msg, tx->locktime);
	if (!acp) {
		fl_buf_add(msg, c->prevouts, 32);
		fl_buf_add(msg, c->amounts, 32);
		fl_buf_add(msg, c->spks, 32);
		fl_buf_add(msg, c->sequences, 32);
	}
	if (base != FL_SIGHASH_NONE && base != FL_SIGHASH_SINGLE)
		fl_buf_add(msg, c->outputs, 32);
	fl_buf_u8(msg, 0); /* spend_type: key path, no annex */
	if (acp) {
		fl_buf_add(msg, ti->txid, 32);
		fl_buf_u32le(msg, ti->vout);
		fl_buf_u64le(msg, spent[in].value);
		fl_buf_varbytes(msg, spent[in].spk, spent[in].spk_len);
		fl_buf_u32le(msg, ti->sequence);
	} else {
		fl_buf_u32le(msg, (uint32_t)in);
	}
	if (base == FL_SIGHASH_SINGLE) {
		struct fl_buf o = {0};
		uint8_t h[32] = {0};

		fl_buf_u64le(&o, tx->out[in].value);
		fl_buf_varbytes(&o, tx->out[in].spk, tx->out[in].spk_len);
		if (o.oom)
			msg->oom = 1;
		else
			fl_sha256(o.p, o.len, h);
		fl_buf_free(&o);
		fl_buf_add(msg, h, 32);
	}
	return fl_buf_check(msg, e);
}

int
fl_sighash_taproot(const struct fl_tx *tx, const struct fl_sighash_cache *c,
    const struct fl_coin *spent, size_t in, uint8_t hashtype, uint8_t out[32],
    struct fl_err *e)
{
	struct fl_buf b = {0};
	int rc;

	memset(out, 0, 32);
	if ((rc = fl_sighash_taproot_msg(tx, c, spent, in, hashtype, &b, e)) ==
	    0)
		fl_tagged_hash("TapSighash", b.p, b.len, out);
	fl_buf_free(&b);
	return rc;
}
