/* script: scriptPubKey builders, classification and pushes. */
#include <string.h>

#include "hash.h"
#include "script.h"

size_t
fl_script_p2pkh(const uint8_t keyhash[20], uint8_t out[25])
{
	out[0] = FL_OP_DUP;
	out[1] = FL_OP_HASH160;
	out[2] = 20;
	memcpy(out + 3, keyhash, 20);
	out[23] = FL_OP_EQUALVERIFY;
	out[24] = FL_OP_CHECKSIG;
	return FL_SCRIPT_P2PKH_LEN;
}

size_t
fl_script_p2sh(const uint8_t scripthash[20], uint8_t out[23])
{
	out[0] = FL_OP_HASH160;
	out[1] = 20;
	memcpy(out + 2, scripthash, 20);
	out[22] = FL_OP_EQUAL;
	return FL_SCRIPT_P2SH_LEN;
}

size_t
fl_script_witness(unsigned version, const uint8_t *prog, size_t len,
    uint8_t *out)
{
	if (version > 16 || len < 2 || len > 40)
		return 0;
	out[0] = version == 0 ? FL_OP_0 : (uint8_t)(FL_OP_1 + version - 1);
	out[1] = (uint8_t)len;
	memcpy(out + 2, prog, len);
	return len + 2;
}

size_t
fl_script_p2wpkh(const uint8_t keyhash[20], uint8_t out[22])
{
	return fl_script_witness(0, keyhash, 20, out);
}

size_t
fl_script_p2wsh(const uint8_t scripthash[32], uint8_t out[34])
{
	return fl_script_witness(0, scripthash, 32, out);
}

size_t
fl_script_p2tr(const uint8_t xonly[32], uint8_t out[34])
{
	return fl_script_witness(1, xonly, 32, out);
}

size_t
fl_script_p2sh_p2wpkh(const uint8_t keyhash[20], uint8_t out[23])
{
	uint8_t redeem[FL_SCRIPT_P2WPKH_LEN], h[20];

	fl_script_p2wpkh(keyhash, redeem);
	fl_hash160(redeem, sizeof(redeem), h);
	return fl_script_p2sh(h, out);
}

enum fl_script_type
fl_script_classify(const uint8_t *spk, size_t len, uint8_t prog[40],
    size_t *proglen, int *version)
{
	const uint8_t *p = NULL;
	size_t n = 0;
	int v = -1;
	enum fl_script_type t = FL_SCRIPT_NONSTANDARD;

	if (len == 25 && spk[0] == FL_OP_DUP && spk[1] == FL_OP_HASH160 &&
	    spk[2] == 20 && spk[23] == FL_OP_EQUALVERIFY &&
	    spk[24] == FL_OP_CHECKSIG) {
		t = FL_SCRIPT_P2PKH;
		p = spk + 3;
		n = 20;
	} else if (len == 23 && spk[0] == FL_OP_HASH160 && spk[1] == 20 &&
	    spk[22] == FL_OP_EQUAL) {
		t = FL_SCRIPT_P2SH;
		p = spk + 2;
		n = 20;
	} else if (len >= 4 && len <= 42 &&
	    (spk[0] == FL_OP_0 || (spk[0] >= FL_OP_1 && spk[0] <= FL_OP_16)) &&
	    spk[1] == len - 2) {
		/* BIP-141: a version opcode and one 2..40-byte push. */
		v = spk[0] == FL_OP_0 ? 0 : spk[0] - FL_OP_1 + 1;
		p = spk + 2;
		n = len - 2;
		if (v == 0 && n == 20)
			t = FL_SCRIPT_P2WPKH;
		else if (v == 0 && n == 32)
			t = FL_SCRIPT_P2WSH;
		else if (v == 0) {
			/* v0 programs of other lengths are invalid. */
			t = FL_SCRIPT_NONSTANDARD;
			p = NULL;
			n = 0;
			v = -1;
		} else if (v == 1 && n == 32)
			t = FL_SCRIPT_P2TR;
		else
			t = FL_SCRIPT_WITNESS_UNKNOWN;
	} else if (len >= 1 && spk[0] == FL_OP_RETURN) {
		t = FL_SCRIPT_NULLDATA;
	}
	if (prog != NULL && p != NULL)
		memcpy(prog, p, n);
	if (proglen != NULL)
		*proglen = n;
	if (version != NULL)
		*version = v;
	return t;
}

const char *
fl_script_type_name(enum fl_script_type t)
{
	switch (t) {
	case FL_SCRIPT_P2PKH:
		return "p2pkh";
	case FL_SCRIPT_P2SH:
		return "p2sh";
	case FL_SCRIPT_P2WPKH:
		return "p2wpkh";
	case FL_SCRIPT_P2WSH:
		return "p2wsh";
	case FL_SCRIPT_P2TR:
		return "p2tr";
	case FL_SCRIPT_WITNESS_UNKNOWN:
		return "witness_unknown";
	case FL_SCRIPT_NULLDATA:
		return "nulldata";
	case FL_SCRIPT_NONSTANDARD:
		break;
	}
	return "nonstandard";
}

void
fl_script_push(struct fl_buf *b, const uint8_t *data, size_t len)
{
	if (len < FL_OP_PUSHDATA1) {
		fl_buf_u8(b, (uint8_t)len);
	} else if (len <= 0xff) {
		fl_buf_u8(b, FL_OP_PUSHDATA1);
		fl_buf_u8(b, (uint8_t)len);
	} else if (len <= 0xffff) {
		fl_buf_u8(b, FL_OP_PUSHDATA2);
		fl_buf_u16le(b, (uint16_t)len);
	} else {
		fl_buf_u8(b, FL_OP_PUSHDATA4);
		fl_buf_u32le(b, (uint32_t)len);
	}
	fl_buf_add(b, data, len);
}

int
fl_script_next_op(const uint8_t *s, size_t len, size_t *pos, uint8_t *op)
{
	size_t pc = *pos, n = 0;
	uint8_t c;

	if (op != NULL)
		*op = 0xff; /* OP_INVALIDOPCODE, as Core sets it first */
	if (pc >= len)
		return 0;
	c = s[pc++];
	if (c <= FL_OP_PUSHDATA4) {
		size_t w = c < FL_OP_PUSHDATA1 ? 0
		    : c == FL_OP_PUSHDATA1     ? 1
		    : c == FL_OP_PUSHDATA2     ? 2
					       : 4;
		size_t i;

		if (w == 0) {
			n = c;
		} else {
			if (len - pc < w) {
				*pos = pc;
				return 0;
			}
			for (i = 0; i < w; i++)
				n |= (size_t)s[pc + i] << (8 * i);
			pc += w;
		}
		if (len - pc < n) {
			*pos = pc;
			return 0;
		}
		pc += n;
	}
	*pos = pc;
	if (op != NULL)
		*op = c;
	return 1;
}
