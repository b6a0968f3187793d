#include "bech32.h"

#include <string.h>

static const char charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

static uint32_t
polymod_step(uint32_t pre)
{
	uint32_t b = pre >> 25;

	return ((pre & 0x1ffffff) << 5) ^ (-((b >> 0) & 1) & 0x3b6a57b2UL) ^
	    (-((b >> 1) & 1) & 0x26508e6dUL) ^
	    (-((b >> 2) & 1) & 0x1ea119faUL) ^
	    (-((b >> 3) & 1) & 0x3d4233ddUL) ^ (-((b >> 4) & 1) & 0x2a1462b3UL);
}

static uint32_t
enc_const(enum fl_bech32_enc enc)
{
	return enc == FL_BECH32M ? 0x2bc830a3UL : 1;
}

/* The checksum state over the expanded hrp (high bits, 0, low bits). */
static uint32_t
hrp_polymod(const char *hrp, size_t n)
{
	uint32_t chk = 1;
	size_t i;

	for (i = 0; i < n; i++)
		chk = polymod_step(chk) ^ ((unsigned char)hrp[i] >> 5);
	chk = polymod_step(chk);
	for (i = 0; i < n; i++)
		chk = polymod_step(chk) ^ ((unsigned char)hrp[i] & 0x1f);
	return chk;
}

static int
charset_rev(int c)
{
	const char *p;

	if (c >= 'A' && c <= 'Z')
		c = c - 'A' + 'a';
	if (c == '\0' || (p = strchr(charset, c)) == NULL)
		return -1;
	return (int)(p - charset);
}

int
fl_bech32_decode(const char *s, char *hrp, size_t hrpsize, uint8_t *data,
    size_t datasize, size_t *datalen, enum fl_bech32_enc *enc, struct fl_err *e)
{
	size_t len = strlen(s), sep, i, n;
	int lower = 0, upper = 0;
	uint32_t chk;

	*datalen = 0;
	*enc = FL_BECH32_NONE;
	if (hrpsize > 0)
		hrp[0] = '\0';
	if (len > FL_BECH32_MAX)
		return fl_err_set(e, FL_EDATA,
		    "bech32 string longer than 90 characters");
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 33 || c > 126)
			return fl_err_set(e, FL_EDATA,
			    "invalid bech32 character at position %zu", i + 1);
		if (c >= 'a' && c <= 'z')
			lower = 1;
		if (c >= 'A' && c <= 'Z')
			upper = 1;
	}
	if (lower && upper)
		return fl_err_set(e, FL_EDATA, "mixed-case bech32 string");
	for (sep = len; sep > 0 && s[sep - 1] != '1'; sep--)
		;
	if (sep == 0)
		return fl_err_set(e, FL_EDATA, "no bech32 separator \"1\"");
	sep--;
	if (sep == 0)
		return fl_err_set(e, FL_EDATA, "empty bech32 prefix");
	if (sep > FL_BECH32_HRP_MAX || sep + 1 > hrpsize)
		return fl_err_set(e, FL_EDATA, "bech32 prefix too long");
	if (len - sep - 1 < 6)
		return fl_err_set(e, FL_EDATA, "bech32 checksum too short");
	n = len - sep - 1 - 6;
	if (n > datasize)
		return fl_err_set(e, FL_EDATA, "bech32 data too long");
	for (i = 0; i < sep; i++) {
		char c = s[i];

		hrp[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	hrp[sep] = '\0';
	chk = hrp_polymod(hrp, sep);
	for (i = sep + 1; i < len; i++) {
		int v = charset_rev((unsigned char)s[i]);

		if (v < 0) {
			hrp[0] = '\0';
			return fl_err_set(e, FL_EDATA,
			    "invalid bech32 character at position %zu", i + 1);
		}
		chk = polymod_step(chk) ^ (uint32_t)v;
		if (i < sep + 1 + n)
			data[i - sep - 1] = (uint8_t)v;
	}
	if (chk == enc_const(FL_BECH32))
		*enc = FL_BECH32;
	else if (chk == enc_const(FL_BECH32M))
		*enc = FL_BECH32M;
	else {
		hrp[0] = '\0';
		memset(data, 0, n);
		return fl_err_set(e, FL_EDATA, "bad bech32 checksum");
	}
	*datalen = n;
	return 0;
}

int
fl_bech32_encode(const char *hrp, const uint8_t *data, size_t datalen,
    enum fl_bech32_enc enc, char *out, size_t size, struct fl_err *e)
{
	size_t hlen = strlen(hrp), total, i, k;
	uint32_t chk;

	if (size > 0)
		out[0] = '\0';
	if (enc != FL_BECH32 && enc != FL_BECH32M)
		return fl_err_set(e, FL_EDATA, "no bech32 encoding given");
	if (hlen == 0 || hlen > FL_BECH32_HRP_MAX)
		return fl_err_set(e, FL_EDATA, "bad bech32 prefix length");
	for (i = 0; i < hlen; i++) {
		unsigned char c = (unsigned char)hrp[i];

		if (c < 33 || c > 126 || (c >= 'A' && c <= 'Z'))
			return fl_err_set(e, FL_EDATA,
			    "invalid bech32 prefix character");
	}
	total = hlen + 1 + datalen + 6;
	if (total > FL_BECH32_MAX || total + 1 > size)
		return fl_err_set(e, FL_EDATA, "bech32 string too long");
	chk = hrp_polymod(hrp, hlen);
	memcpy(out, hrp, hlen);
	out[hlen] = '1';
	for (i = 0; i < datalen; i++) {
		if (data[i] > 31) {
			out[0] = '\0';
			return fl_err_set(e, FL_EDATA, "bech32 value above 31");
		}
		chk = polymod_step(chk) ^ data[i];
		out[hlen + 1 + i] = charset[data[i]];
	}
	for (i = 0; i < 6; i++)
		chk = polymod_step(chk);
	chk ^= enc_const(enc);
	for (k = 0; k < 6; k++)
		out[hlen + 1 + datalen + k] =
		    charset[(chk >> (5 * (5 - k))) & 31];
	out[total] = '\0';
	return 0;
}

int
fl_bech32_convert_bits(const uint8_t *in, size_t inlen, unsigned frombits,
    uint8_t *out, size_t outsize, size_t *outlen, unsigned tobits, int pad,
    struct fl_err *e)
{
	uint32_t acc = 0, maxv = (1u << tobits) - 1;
	unsigned bits = 0;
	size_t i, n = 0;

	*outlen = 0;
	for (i = 0; i < inlen; i++) {
		if (in[i] >> frombits)
			return fl_err_set(e, FL_EDATA, "value out of range");
		acc = ((acc << frombits) | in[i]) & 0xffffff;
		bits += frombits;
		while (bits >= tobits) {
			bits -= tobits;
			if (n == outsize)
				return fl_err_set(e, FL_EDATA,
				    "converted data too long");
			out[n++] = (uint8_t)((acc >> bits) & maxv);
		}
	}
	if (pad) {
		if (bits > 0) {
			if (n == outsize)
				return fl_err_set(e, FL_EDATA,
				    "converted data too long");
			out[n++] = (uint8_t)((acc << (tobits - bits)) & maxv);
		}
	} else if (bits >= frombits) {
		return fl_err_set(e, FL_EDATA, "too much padding");
	} else if ((acc << (tobits - bits)) & maxv) {
		return fl_err_set(e, FL_EDATA, "non-zero padding");
	}
	*outlen = n;
	return 0;
}

int
fl_segwit_decode(const char *s, const char *hrp, int *witver, uint8_t prog[40],
    size_t *proglen, struct fl_err *e)
{
	char h[FL_BECH32_HRP_MAX + 1];
	uint8_t data[FL_BECH32_MAX];
	size_t n, plen;
	enum fl_bech32_enc enc;
	int rc;

	*witver = -1;
	*proglen = 0;
	rc = fl_bech32_decode(s, h, sizeof(h), data, sizeof(data), &n, &enc, e);
	if (rc != 0)
		return rc;
	if (strcmp(h, hrp) != 0)
		return fl_err_set(e, FL_EDATA, "prefix \"%s\", expected \"%s\"",
		    h, hrp);
	if (n == 0)
		return fl_err_set(e, FL_EDATA, "no witness version");
	if (data[0] > 16)
		return fl_err_set(e, FL_EDATA, "witness version %u above 16",
		    data[0]);
	/* 5-bit groups beyond 64 always exceed 40 bytes. */
	if (n - 1 > 64)
		return fl_err_set(e, FL_EDATA,
		    "witness program longer than 40 bytes");
	rc = fl_bech32_convert_bits(data + 1, n - 1, 5, prog, 40, &plen, 8, 0,
	    NULL);
	if (rc != 0) {
		memset(prog, 0, 40);
		return fl_err_set(e, FL_EDATA,
		    "invalid witness program padding");
	}
	if (plen < 2)
		return fl_err_set(e, FL_EDATA,
		    "witness program of %zu byte%s, at least 2", plen,
		    plen == 1 ? "" : "s");
	if (data[0] == 0 && plen != 20 && plen != 32)
		return fl_err_set(e, FL_EDATA,
		    "witness v0 program of %zu bytes, not 20 or 32", plen);
	if (data[0] == 0 && enc != FL_BECH32)
		return fl_err_set(e, FL_EDATA,
		    "witness v0 address with a bech32m checksum");
	if (data[0] != 0 && enc != FL_BECH32M)
		return fl_err_set(e, FL_EDATA,
		    "witness v%u address with a bech32 checksum, "
		    "bech32m required",
		    data[0]);
	*witver = data[0];
	*proglen = plen;
	return 0;
}

int
fl_segwit_encode(const char *hrp, int witver, const uint8_t *prog,
    size_t proglen, char *out, size_t size, struct fl_err *e)
{
	uint8_t data[1 + 64];
	size_t n;
	int rc;

	if (size > 0)
		out[0] = '\0';
	if (witver < 0 || witver > 16)
		return fl_err_set(e, FL_EDATA, "witness version %d", witver);
	if (proglen < 2 || proglen > 40 ||
	    (witver == 0 && proglen != 20 && proglen != 32))
		return fl_err_set(e, FL_EDATA,
		    "witness v%d program of %zu bytes", witver, proglen);
	data[0] = (uint8_t)witver;
	rc = fl_bech32_convert_bits(prog, proglen, 8, data + 1,
	    sizeof(data) - 1, &n, 5, 1, e);
	if (rc != 0)
		return rc;
	return fl_bech32_encode(hrp, data, n + 1,
	    witver == 0 ? FL_BECH32 : FL_BECH32M, out, size, e);
}
