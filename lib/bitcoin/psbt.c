#include "psbt.h"

#include <secp256k1.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "hash.h"
#include "script.h"

static const uint8_t magic[5] = {'p', 's', 'b', 't', 0xff};

/* Key types (BIP-174, BIP-370, BIP-371, BIP-373). */
enum {
	G_UNSIGNED_TX = 0x00,
	G_XPUB = 0x01,
	G_TX_VERSION = 0x02,
	G_FALLBACK_LOCKTIME = 0x03,
	G_INPUT_COUNT = 0x04,
	G_OUTPUT_COUNT = 0x05,
	G_TX_MODIFIABLE = 0x06,
	G_VERSION = 0xfb,
	PROPRIETARY = 0xfc,

	I_NON_WITNESS_UTXO = 0x00,
	I_WITNESS_UTXO = 0x01,
	I_PARTIAL_SIG = 0x02,
	I_SIGHASH = 0x03,
	I_REDEEM = 0x04,
	I_WITNESS_SCRIPT = 0x05,
	I_BIP32 = 0x06,
	I_FINAL_SCRIPTSIG = 0x07,
	I_FINAL_WITNESS = 0x08,
	I_RIPEMD160 = 0x0a,
	I_SHA256 = 0x0b,
	I_HASH160 = 0x0c,
	I_HASH256 = 0x0d,
	I_PREVIOUS_TXID = 0x0e,
	I_REQUIRED_HEIGHT_LOCKTIME = 0x12,
	I_TAP_KEY_SIG = 0x13,
	I_TAP_SCRIPT_SIG = 0x14,
	I_TAP_LEAF_SCRIPT = 0x15,
	I_TAP_BIP32 = 0x16,
	I_TAP_INTERNAL_KEY = 0x17,
	I_TAP_MERKLE_ROOT = 0x18,
	I_MUSIG2_PARTICIPANTS = 0x1a,
	I_MUSIG2_PUB_NONCE = 0x1b,
	I_MUSIG2_PARTIAL_SIG = 0x1c,

	O_REDEEM = 0x00,
	O_WITNESS_SCRIPT = 0x01,
	O_BIP32 = 0x02,
	O_AMOUNT = 0x03,
	O_SCRIPT = 0x04,
	O_TAP_INTERNAL_KEY = 0x05,
	O_TAP_TREE = 0x06,
	O_TAP_BIP32 = 0x07,
	O_MUSIG2_PARTICIPANTS = 0x08
};

/* Core's MAX_SIZE for CompactSize values. */
#define COMPACT_MAX 0x02000000u

/* ---- encoder ---- */

static void
put_kv(struct fl_buf *b, uint8_t type, const uint8_t *val, size_t len)
{
	fl_buf_compact(b, 1);
	fl_buf_u8(b, type);
	fl_buf_varbytes(b, val, len);
}

int
fl_psbt_encode(const struct fl_tx *tx, const struct fl_psbt_in_data *in,
    struct fl_buf *b, struct fl_err *e)
{
	struct fl_buf t = {0};
	size_t i, k;
	int rc;

	for (i = 0; i < tx->nin; i++)
		if (tx->in[i].script_sig_len != 0 || tx->in[i].nwit != 0)
			return fl_err_set(e, FL_EDATA,
			    "input %zu of a PSBT's transaction is signed", i);
	rc = fl_tx_serialize(tx, 0, &t, e);
	if (rc != 0) {
		fl_buf_free(&t);
		return rc;
	}
	fl_buf_add(b, magic, sizeof magic);
	put_kv(b, G_UNSIGNED_TX, t.p, t.len);
	fl_buf_u8(b, 0);
	for (i = 0; i < tx->nin; i++) {
		if (in[i].prev_tx != NULL)
			put_kv(b, I_NON_WITNESS_UTXO, in[i].prev_tx,
			    in[i].prev_tx_len);
		if (in[i].witness) {
			fl_buf_clear(&t);
			fl_buf_u64le(&t, in[i].value);
			fl_buf_varbytes(&t, in[i].spk, in[i].spk_len);
			put_kv(b, I_WITNESS_UTXO, t.p, t.len);
		}
		if (in[i].redeem != NULL)
			put_kv(b, I_REDEEM, in[i].redeem, in[i].redeem_len);
		if (in[i].has_origin && in[i].pubkey_len == 33) {
			fl_buf_compact(b, 34);
			fl_buf_u8(b, I_BIP32);
			fl_buf_add(b, in[i].pubkey, 33);
			fl_buf_compact(b, 4 + 4 * in[i].path_len);
			fl_buf_add(b, in[i].fingerprint, 4);
			for (k = 0; k < in[i].path_len; k++)
				fl_buf_u32le(b, in[i].path[k]);
		}
		if (in[i].has_origin && in[i].pubkey_len == 32) {
			/* No leaf hashes: a key-path spend. */
			fl_buf_compact(b, 33);
			fl_buf_u8(b, I_TAP_BIP32);
			fl_buf_add(b, in[i].pubkey, 32);
			fl_buf_compact(b, 1 + 4 + 4 * in[i].path_len);
			fl_buf_compact(b, 0);
			fl_buf_add(b, in[i].fingerprint, 4);
			for (k = 0; k < in[i].path_len; k++)
				fl_buf_u32le(b, in[i].path[k]);
		}
		if (in[i].pubkey_len == 32)
			put_kv(b, I_TAP_INTERNAL_KEY, in[i].pubkey, 32);
		fl_buf_u8(b, 0);
	}
	for (i = 0; i < tx->nout; i++)
		fl_buf_u8(b, 0);
	rc = fl_buf_check(&t, e);
	fl_buf_free(&t);
	if (rc == 0)
		rc = fl_buf_check(b, e);
	return rc;
}

/* ---- decoder ---- */

struct kv {
	size_t off; /* offset of the key in the PSBT */
	const uint8_t *key; /* the whole key, type included */
	size_t keylen;
	uint64_t type;
	const uint8_t *kd; /* the key data after the type */
	size_t kdlen;
	const uint8_t *val;
	size_t vallen;
};

/* The keys seen in the current map, to refuse duplicates. */
struct seen {
	struct kv *k;
	size_t n, cap;
};

static int
bad(struct fl_err *e, const struct kv *kv, const char *msg)
{
	return fl_err_setl(e, FL_EDATA, 0, kv->off + 1, "%s", msg);
}

/*
 * Reads the next key-value pair of a map.  Returns 1 for a pair, 0 at the
 * map's separator, or FL_EDATA / FL_ENOMEM.
 */
static int
next_kv(struct fl_rd *r, struct seen *s, struct kv *kv, struct fl_err *e)
{
	struct fl_rd kr;
	uint64_t n;
	size_t i;
	struct kv *p;

	memset(kv, 0, sizeof *kv);
	kv->off = r->pos;
	if (fl_rd_left(r) == 0)
		return fl_err_setl(e, FL_EDATA, 0, r->pos + 1,
		    "unexpected end of the PSBT (a map without separator)");
	if (fl_rd_compact(r, COMPACT_MAX, &n, e) != 0)
		return FL_EDATA;
	if (n == 0)
		return 0;
	if (fl_rd_ptr(r, (size_t)n, &kv->key, e) != 0)
		return FL_EDATA;
	kv->keylen = (size_t)n;
	fl_rd_init(&kr, kv->key, kv->keylen);
	if (fl_rd_compact(&kr, UINT64_MAX, &kv->type, e) != 0)
		return fl_err_setl(e, FL_EDATA, 0, kv->off + 1,
		    "invalid key type");
	kv->kd = kv->key + kr.pos;
	kv->kdlen = kv->keylen - kr.pos;
	if (fl_rd_varbytes(r, FL_PSBT_MAX_SIZE, &kv->val, &kv->vallen, e) != 0)
		return FL_EDATA;
	for (i = 0; i < s->n; i++)
		if (s->k[i].keylen == kv->keylen &&
		    memcmp(s->k[i].key, kv->key, kv->keylen) == 0)
			return bad(e, kv, "duplicate key");
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		p = realloc(s->k, s->cap * sizeof *p);
		if (p == NULL)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		s->k = p;
	}
	s->k[s->n++] = *kv;
	return 1;
}

static int
pubkey_ok(const uint8_t *p, size_t len)
{
	secp256k1_pubkey pk;

	if (len != 33 && len != 65)
		return 0;
	return secp256k1_ec_pubkey_parse(secp256k1_context_static, &pk, p, len);
}

/* A key path: a 4-byte fingerprint and 4-byte indexes. */
static int
keypath_ok(size_t len)
{
	return len != 0 && len % 4 == 0;
}

/* A BIP-32 derivation: key is a public key, value a key path. */
static int
bip32(const struct kv *kv, struct fl_err *e)
{
	if (kv->kdlen != 33 && kv->kdlen != 65)
		return bad(e, kv, "BIP-32 derivation key is not a public key");
	if (!pubkey_ok(kv->kd, kv->kdlen))
		return bad(e, kv, "invalid public key");
	if (!keypath_ok(kv->vallen))
		return bad(e, kv, "invalid length for a key path");
	return 0;
}

/* A taproot BIP-32 derivation: leaf hashes, then a key path. */
static int
tap_bip32(const struct kv *kv, struct fl_err *e)
{
	struct fl_rd r;
	uint64_t n;

	if (kv->kdlen != 32)
		return bad(e, kv, "taproot BIP-32 key is not 32 bytes");
	fl_rd_init(&r, kv->val, kv->vallen);
	if (fl_rd_compact(&r, COMPACT_MAX, &n, e) != 0 ||
	    n > fl_rd_left(&r) / 32)
		return bad(e, kv,
		    "taproot BIP-32 keypath has an invalid length");
	if (!keypath_ok(fl_rd_left(&r) - (size_t)n * 32))
		return bad(e, kv, "invalid length for a key path");
	return 0;
}

/* MuSig2 participants: an aggregate key, then 33-byte keys. */
static int
musig2_participants(const struct kv *kv, struct fl_err *e)
{
	size_t i;

	if (kv->kdlen != 33)
		return bad(e, kv, "MuSig2 aggregate key is not 33 bytes");
	if (!pubkey_ok(kv->kd, 33))
		return bad(e, kv, "MuSig2 aggregate public key is invalid");
	if (kv->vallen % 33 != 0)
		return bad(e, kv,
		    "MuSig2 participant keys are not a multiple of 33 bytes");
	for (i = 0; i < kv->vallen; i += 33)
		if (!pubkey_ok(kv->val + i, 33))
			return bad(e, kv,
			    "MuSig2 participant public key is invalid");
	return 0;
}

/* MuSig2 nonce or partial signature: participant, aggregate, leaf hash. */
static int
musig2_keyed(const struct kv *kv, size_t vallen, struct fl_err *e)
{
	if (kv->kdlen != 66 && kv->kdlen != 98)
		return bad(e, kv, "MuSig2 key is not the expected size");
	if (!pubkey_ok(kv->kd, 33))
		return bad(e, kv, "MuSig2 participant public key is invalid");
	if (!pubkey_ok(kv->kd + 33, 33))
		return bad(e, kv, "MuSig2 aggregate public key is invalid");
	if (kv->vallen != vallen)
		return bad(e, kv, "MuSig2 value is not the expected size");
	return 0;
}

static int
key_only_type(const struct kv *kv, struct fl_err *e)
{
	if (kv->kdlen != 0)
		return bad(e, kv, "key data for a key type that takes none");
	return 0;
}

/* A taproot tree: (depth, leaf version, script)..., complete. */
static int
tap_tree(const struct kv *kv, struct fl_err *e)
{
	uint8_t branch[129];
	size_t nbranch = 0, n = 0, len;
	struct fl_rd r;
	uint8_t depth, ver;
	const uint8_t *sp;

	fl_rd_init(&r, kv->val, kv->vallen);
	while (fl_rd_left(&r) > 0) {
		if (fl_rd_u8(&r, &depth, e) != 0 ||
		    fl_rd_u8(&r, &ver, e) != 0 ||
		    fl_rd_varbytes(&r, FL_PSBT_MAX_SIZE, &sp, &len, e) != 0)
			return bad(e, kv, "taproot tree is truncated");
		if (depth > 128)
			return bad(e, kv, "taproot tree is deeper than 128");
		if ((ver & 1) != 0)
			return bad(e, kv,
			    "taproot tree has an invalid leaf "
			    "version");
		/* Bitcoin Core's TaprootBuilder::ValidDepths. */
		if ((size_t)depth + 1 < nbranch)
			return bad(e, kv, "taproot tree is malformed");
		while (nbranch > depth && branch[depth]) {
			nbranch--;
			if (depth == 0)
				return bad(e, kv, "taproot tree is malformed");
			depth--;
		}
		while (nbranch <= depth)
			branch[nbranch++] = 0;
		branch[depth] = 1;
		n++;
	}
	if (n == 0)
		return bad(e, kv, "taproot tree is empty");
	if (!(nbranch == 1 && branch[0]))
		return bad(e, kv, "taproot tree is malformed");
	return 0;
}

static int
preimage(const struct kv *kv, struct fl_err *e)
{
	uint8_t h[32], t[32];
	size_t hl = kv->type == I_RIPEMD160 || kv->type == I_HASH160 ? 20 : 32;

	if (kv->kdlen != hl)
		return bad(e, kv, "hash preimage key is not the hash size");
	switch (kv->type) {
	case I_RIPEMD160:
		fl_ripemd160(kv->val, kv->vallen, h);
		break;
	case I_SHA256:
		fl_sha256(kv->val, kv->vallen, h);
		break;
	case I_HASH160:
		fl_hash160(kv->val, kv->vallen, h);
		break;
	default:
		fl_sha256(kv->val, kv->vallen, t);
		fl_sha256(t, 32, h);
		break;
	}
	if (memcmp(h, kv->kd, hl) != 0)
		return bad(e, kv, "hash preimage does not match its hash");
	return 0;
}

static int
proprietary(const struct kv *kv, struct fl_err *e)
{
	struct fl_rd r;
	const uint8_t *id;
	size_t idlen;
	uint64_t sub;

	fl_rd_init(&r, kv->kd, kv->kdlen);
	if (fl_rd_varbytes(&r, COMPACT_MAX, &id, &idlen, e) != 0 ||
	    fl_rd_compact(&r, UINT64_MAX, &sub, e) != 0)
		return bad(e, kv, "malformed proprietary key");
	return 0;
}

static int
global_map(struct fl_rd *r, struct fl_psbt *p, int *have_tx, int *v2,
    struct fl_err *e)
{
	struct seen s = {0};
	struct kv kv;
	struct fl_err e2;
	int rc;

	while ((rc = next_kv(r, &s, &kv, e)) == 1) {
		rc = 0;
		switch (kv.type) {
		case G_UNSIGNED_TX:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			rc = fl_tx_parse(kv.val, kv.vallen, 0, &p->tx, &e2);
			if (rc != 0) {
				rc = fl_err_setl(e, rc, 0, kv.off + 1,
				    "invalid unsigned transaction: %s", e2.msg);
				break;
			}
			*have_tx = 1;
			for (size_t i = 0; i < p->tx.nin; i++)
				if (p->tx.in[i].script_sig_len != 0)
					rc = bad(e, &kv,
					    "the unsigned transaction has a "
					    "scriptSig");
			break;
		case G_XPUB:
			if (kv.kdlen != 78)
				rc = bad(e, &kv,
				    "global xpub key is not 78 "
				    "bytes");
			else if (!pubkey_ok(kv.kd + 45, 33))
				rc = bad(e, &kv, "invalid public key");
			else if (!keypath_ok(kv.vallen))
				rc = bad(e, &kv,
				    "invalid length for a key path");
			p->nxpub++;
			break;
		case G_TX_VERSION:
		case G_FALLBACK_LOCKTIME:
		case G_INPUT_COUNT:
		case G_OUTPUT_COUNT:
		case G_TX_MODIFIABLE:
			*v2 = 1;
			break;
		case G_VERSION:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			if (kv.vallen != 4) {
				rc = bad(e, &kv, "version is not 4 bytes");
				break;
			}
			p->version = (uint32_t)kv.val[0] |
			    (uint32_t)kv.val[1] << 8 |
			    (uint32_t)kv.val[2] << 16 |
			    (uint32_t)kv.val[3] << 24;
			break;
		case PROPRIETARY:
			rc = proprietary(&kv, e);
			p->nunknown++;
			break;
		default:
			p->nunknown++;
			break;
		}
		if (rc != 0)
			break;
	}
	free(s.k);
	return rc;
}

static int
input_map(struct fl_rd *r, struct fl_psbt_in *in, struct fl_err *e)
{
	struct seen s = {0};
	struct kv kv;
	struct fl_rd vr;
	struct fl_tx t;
	struct fl_err e2;
	uint64_t n, k;
	const uint8_t *q;
	size_t len;
	int rc;

	while ((rc = next_kv(r, &s, &kv, e)) == 1) {
		rc = 0;
		switch (kv.type) {
		case I_NON_WITNESS_UTXO:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			rc = fl_tx_parse(kv.val, kv.vallen, 1, &t, &e2);
			fl_tx_free(&t);
			if (rc != 0) {
				rc = fl_err_setl(e, rc, 0, kv.off + 1,
				    "invalid non_witness_utxo: %s", e2.msg);
				break;
			}
			in->non_witness_utxo = kv.val;
			in->non_witness_utxo_len = kv.vallen;
			break;
		case I_WITNESS_UTXO:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			fl_rd_init(&vr, kv.val, kv.vallen);
			if (fl_rd_u64le(&vr, &in->wu_value, e) != 0 ||
			    fl_rd_varbytes(&vr, COMPACT_MAX, &in->wu_spk,
				&in->wu_spk_len, e) != 0 ||
			    fl_rd_left(&vr) != 0) {
				rc = bad(e, &kv, "invalid witness_utxo");
				break;
			}
			in->has_witness_utxo = 1;
			break;
		case I_PARTIAL_SIG:
			if (kv.kdlen != 33 && kv.kdlen != 65)
				rc = bad(e, &kv,
				    "partial signature key is "
				    "not a public key");
			else if (!pubkey_ok(kv.kd, kv.kdlen))
				rc = bad(e, &kv, "invalid public key");
			in->npartial_sigs++;
			break;
		case I_SIGHASH:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			if (kv.vallen != 4) {
				rc = bad(e, &kv, "sighash type is not 4 bytes");
				break;
			}
			in->has_sighash = 1;
			in->sighash = (uint32_t)kv.val[0] |
			    (uint32_t)kv.val[1] << 8 |
			    (uint32_t)kv.val[2] << 16 |
			    (uint32_t)kv.val[3] << 24;
			break;
		case I_REDEEM:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			in->redeem = kv.val;
			in->redeem_len = kv.vallen;
			break;
		case I_WITNESS_SCRIPT:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			in->witness_script = kv.val;
			in->witness_script_len = kv.vallen;
			break;
		case I_BIP32:
			rc = bip32(&kv, e);
			break;
		case I_FINAL_SCRIPTSIG:
			rc = key_only_type(&kv, e);
			in->has_final_script_sig = 1;
			break;
		case I_FINAL_WITNESS:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			fl_rd_init(&vr, kv.val, kv.vallen);
			if (fl_rd_compact(&vr, COMPACT_MAX, &n, e) != 0) {
				rc = bad(e, &kv, "invalid final witness");
				break;
			}
			for (k = 0; k < n && rc == 0; k++)
				if (fl_rd_varbytes(&vr, COMPACT_MAX, &q, &len,
					e) != 0)
					rc = bad(e, &kv,
					    "invalid final witness");
			if (rc == 0 && fl_rd_left(&vr) != 0)
				rc = bad(e, &kv, "invalid final witness");
			in->has_final_witness = 1;
			break;
		case I_RIPEMD160:
		case I_SHA256:
		case I_HASH160:
		case I_HASH256:
			rc = preimage(&kv, e);
			break;
		case I_TAP_KEY_SIG:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			if (kv.vallen != 64 && kv.vallen != 65)
				rc = bad(e, &kv,
				    "taproot key signature is not "
				    "64 or 65 bytes");
			break;
		case I_TAP_SCRIPT_SIG:
			if (kv.kdlen != 64)
				rc = bad(e, &kv,
				    "taproot script signature key "
				    "is not 64 bytes");
			else if (kv.vallen != 64 && kv.vallen != 65)
				rc = bad(e, &kv,
				    "taproot script signature is "
				    "not 64 or 65 bytes");
			break;
		case I_TAP_LEAF_SCRIPT:
			if (kv.kdlen < 33 || (kv.kdlen - 33) % 32 != 0)
				rc = bad(e, &kv,
				    "taproot control block has an "
				    "invalid size");
			else if (kv.vallen == 0)
				rc =
				    bad(e, &kv, "taproot leaf script is empty");
			break;
		case I_TAP_BIP32:
			rc = tap_bip32(&kv, e);
			break;
		case I_TAP_INTERNAL_KEY:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			if (kv.vallen != 32) {
				rc = bad(e, &kv,
				    "taproot internal key is not "
				    "32 bytes");
				break;
			}
			in->has_tap_internal_key = 1;
			memcpy(in->tap_internal_key, kv.val, 32);
			break;
		case I_TAP_MERKLE_ROOT:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			if (kv.vallen != 32)
				rc = bad(e, &kv,
				    "taproot merkle root is not "
				    "32 bytes");
			break;
		case I_MUSIG2_PARTICIPANTS:
			rc = musig2_participants(&kv, e);
			break;
		case I_MUSIG2_PUB_NONCE:
			rc = musig2_keyed(&kv, 66, e);
			break;
		case I_MUSIG2_PARTIAL_SIG:
			rc = musig2_keyed(&kv, 32, e);
			break;
		case PROPRIETARY:
			rc = proprietary(&kv, e);
			in->nunknown++;
			break;
		default:
			if (kv.type >= I_PREVIOUS_TXID &&
			    kv.type <= I_REQUIRED_HEIGHT_LOCKTIME)
				rc = bad(e, &kv,
				    "a PSBT version 2 field in version 0");
			in->nunknown++;
			break;
		}
		if (rc != 0)
			break;
	}
	free(s.k);
	return rc;
}

static int
output_map(struct fl_rd *r, struct fl_psbt_out *out, struct fl_err *e)
{
	struct seen s = {0};
	struct kv kv;
	int rc;

	while ((rc = next_kv(r, &s, &kv, e)) == 1) {
		rc = 0;
		switch (kv.type) {
		case O_REDEEM:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			out->redeem = kv.val;
			out->redeem_len = kv.vallen;
			break;
		case O_WITNESS_SCRIPT:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			out->witness_script = kv.val;
			out->witness_script_len = kv.vallen;
			break;
		case O_BIP32:
			rc = bip32(&kv, e);
			break;
		case O_AMOUNT:
		case O_SCRIPT:
			rc = bad(e, &kv, "a PSBT version 2 field in version 0");
			break;
		case O_TAP_INTERNAL_KEY:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			if (kv.vallen != 32)
				rc = bad(e, &kv,
				    "taproot internal key is not "
				    "32 bytes");
			break;
		case O_TAP_TREE:
			if ((rc = key_only_type(&kv, e)) != 0)
				break;
			rc = tap_tree(&kv, e);
			break;
		case O_TAP_BIP32:
			rc = tap_bip32(&kv, e);
			break;
		case O_MUSIG2_PARTICIPANTS:
			rc = musig2_participants(&kv, e);
			break;
		case PROPRIETARY:
			rc = proprietary(&kv, e);
			out->nunknown++;
			break;
		default:
			out->nunknown++;
			break;
		}
		if (rc != 0)
			break;
	}
	free(s.k);
	return rc;
}

void
fl_psbt_free(struct fl_psbt *p)
{
	fl_tx_free(&p->tx);
	free(p->raw);
	free(p->in);
	free(p->out);
	memset(p, 0, sizeof *p);
	fl_tx_init(&p->tx);
}

/* Does input i's non_witness_utxo have the txid and output it spends? */
static int
check_nwu(const struct fl_psbt *p, size_t i, struct fl_err *e)
{
	struct fl_tx t;
	uint8_t txid[32];
	int rc;

	rc = fl_tx_parse(p->in[i].non_witness_utxo,
	    p->in[i].non_witness_utxo_len, 1, &t, e);
	if (rc == 0)
		rc = fl_tx_txid(&t, txid, e);
	if (rc == 0 && memcmp(txid, p->tx.in[i].txid, 32) != 0)
		rc = fl_err_set(e, FL_EDATA,
		    "input %zu: non_witness_utxo does not match the outpoint",
		    i);
	else if (rc == 0 && p->tx.in[i].vout >= t.nout)
		rc = fl_err_set(e, FL_EDATA,
		    "input %zu: non_witness_utxo has no output %u", i,
		    (unsigned)p->tx.in[i].vout);
	fl_tx_free(&t);
	return rc;
}

int
fl_psbt_decode(const uint8_t *data, size_t len, struct fl_psbt *p,
    struct fl_err *e)
{
	struct fl_rd r;
	size_t i;
	int rc, have_tx = 0, v2 = 0;

	memset(p, 0, sizeof *p);
	fl_tx_init(&p->tx);
	if (len > FL_PSBT_MAX_SIZE)
		return fl_err_set(e, FL_EDATA, "PSBT larger than %zu bytes",
		    (size_t)FL_PSBT_MAX_SIZE);
	if (len < sizeof magic || memcmp(data, magic, sizeof magic) != 0)
		return fl_err_setl(e, FL_EDATA, 0, 1,
		    "not a PSBT (no \"psbt\" magic)");
	p->raw = malloc(len ? len : 1);
	if (p->raw == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	memcpy(p->raw, data, len);
	p->rawlen = len;
	fl_rd_init(&r, p->raw, len);
	r.pos = sizeof magic;
	rc = global_map(&r, p, &have_tx, &v2, e);
	if (rc != 0)
		goto fail;
	if (p->version != 0) {
		rc = fl_err_set(e, FL_EDATA, "unsupported PSBT version %u",
		    (unsigned)p->version);
		goto fail;
	}
	if (v2) {
		rc = fl_err_set(e, FL_EDATA,
		    "a PSBT version 2 field in version 0");
		goto fail;
	}
	if (!have_tx) {
		rc = fl_err_set(e, FL_EDATA, "no unsigned transaction");
		goto fail;
	}
	p->in = calloc(p->tx.nin ? p->tx.nin : 1, sizeof *p->in);
	p->out = calloc(p->tx.nout ? p->tx.nout : 1, sizeof *p->out);
	if (p->in == NULL || p->out == NULL) {
		rc = fl_err_set(e, FL_ENOMEM, "out of memory");
		goto fail;
	}
	for (i = 0; i < p->tx.nin; i++) {
		if (fl_rd_left(&r) == 0) {
			rc = fl_err_set(e, FL_EDATA,
			    "%zu input maps for %zu inputs", i, p->tx.nin);
			goto fail;
		}
		if ((rc = input_map(&r, &p->in[i], e)) != 0)
			goto fail;
		if (p->in[i].non_witness_utxo != NULL &&
		    (rc = check_nwu(p, i, e)) != 0)
			goto fail;
	}
	for (i = 0; i < p->tx.nout; i++) {
		if (fl_rd_left(&r) == 0) {
			rc = fl_err_set(e, FL_EDATA,
			    "%zu output maps for %zu outputs", i, p->tx.nout);
			goto fail;
		}
		if ((rc = output_map(&r, &p->out[i], e)) != 0)
			goto fail;
	}
	if (fl_rd_left(&r) != 0) {
		rc = fl_err_setl(e, FL_EDATA, 0, r.pos + 1,
		    "%zu bytes after the PSBT", fl_rd_left(&r));
		goto fail;
	}
	return 0;
fail:
	fl_psbt_free(p);
	return rc;
}

int
fl_psbt_decode_base64(const char *s, size_t len, struct fl_psbt *p,
    struct fl_err *e)
{
	uint8_t *b;
	size_t n;
	int rc;

	memset(p, 0, sizeof *p);
	fl_tx_init(&p->tx);
	if ((rc = fl_base64_decode(s, len, &b, &n, e)) != 0)
		return rc;
	rc = fl_psbt_decode(b, n, p, e);
	free(b);
	return rc;
}

int
fl_psbt_check_input(const struct fl_psbt *p, size_t i, struct fl_err *e)
{
	const struct fl_psbt_in *in = &p->in[i];
	const uint8_t *spk = NULL;
	size_t spk_len = 0, proglen;
	uint8_t prog[40], h[32];
	struct fl_tx t;
	enum fl_script_type ty;
	int witness, rc = 0;

	fl_tx_init(&t);
	if (in->non_witness_utxo != NULL) {
		/* The decoder checked it parses and has the output. */
		rc = fl_tx_parse(in->non_witness_utxo, in->non_witness_utxo_len,
		    1, &t, e);
		if (rc != 0)
			goto out;
		const struct fl_txout *o = &t.out[p->tx.in[i].vout];
		if (in->has_witness_utxo &&
		    (o->value != in->wu_value || o->spk_len != in->wu_spk_len ||
			memcmp(o->spk, in->wu_spk, o->spk_len) != 0)) {
			rc = fl_err_set(e, FL_EDATA,
			    "input %zu: witness_utxo differs from the "
			    "non_witness_utxo output",
			    i);
			goto out;
		}
		spk = o->spk;
		spk_len = o->spk_len;
	}
	if (in->has_witness_utxo) {
		spk = in->wu_spk;
		spk_len = in->wu_spk_len;
	}
	if (spk == NULL)
		goto out;
	ty = fl_script_classify(spk, spk_len, prog, &proglen, NULL);
	if (ty == FL_SCRIPT_P2SH && in->redeem != NULL) {
		fl_hash160(in->redeem, in->redeem_len, h);
		if (memcmp(h, prog, 20) != 0) {
			rc = fl_err_set(e, FL_EDATA,
			    "input %zu: redeemScript does not match the "
			    "scriptPubKey",
			    i);
			goto out;
		}
		ty = fl_script_classify(in->redeem, in->redeem_len, prog,
		    &proglen, NULL);
	}
	witness = ty == FL_SCRIPT_P2WPKH || ty == FL_SCRIPT_P2WSH ||
	    ty == FL_SCRIPT_P2TR || ty == FL_SCRIPT_WITNESS_UNKNOWN;
	if (in->has_witness_utxo && !witness && ty != FL_SCRIPT_P2SH) {
		rc = fl_err_set(e, FL_EDATA,
		    "input %zu: witness_utxo for a non-witness input", i);
		goto out;
	}
	if (ty == FL_SCRIPT_P2WSH && in->witness_script != NULL) {
		fl_sha256(in->witness_script, in->witness_script_len, h);
		if (memcmp(h, prog, 32) != 0)
			rc = fl_err_set(e, FL_EDATA,
			    "input %zu: witnessScript does not match the "
			    "scriptPubKey or redeemScript",
			    i);
	}
out:
	fl_tx_free(&t);
	return rc;
}
