#include "descriptor.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "hex.h"
#include "key.h"

/* Skips s past the literal lit; 0 if s does not start with it. */
static int
eat(const char **s, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*s, lit, n) != 0)
		return 0;
	*s += n;
	return 1;
}

int
fl_descriptor_parse(const char *desc, enum fl_script_type t,
    const uint8_t *prog, struct fl_descriptor *d, struct fl_err *e)
{
	const char *s = desc, *end;
	uint8_t key[33], h[20], out[32], wpkh[22];
	size_t n, i, len, depth = 0;
	enum { PKH, WPKH, SH_WPKH, TR } form;
	unsigned long long idx;
	char hex[67];
	struct fl_err e2;
	char *q;

	memset(d, 0, sizeof(*d));
	if (eat(&s, "pkh("))
		form = PKH, depth = 1;
	else if (eat(&s, "wpkh("))
		form = WPKH, depth = 1;
	else if (eat(&s, "sh(wpkh("))
		form = SH_WPKH, depth = 2;
	else if (eat(&s, "tr("))
		form = TR, depth = 1;
	else
		return 0;
	if (*s == '[') {
		s++;
		if (strlen(s) < 8)
			goto ignore;
		memcpy(hex, s, 8);
		hex[8] = '\0';
		if (fl_hex_decode(hex, d->fingerprint, 4, &n, &e2) != 0)
			goto ignore;
		s += 8;
		while (*s == '/') {
			s++;
			if (*s < '0' || *s > '9' ||
			    d->path_len == FL_DESCRIPTOR_PATH_MAX)
				goto ignore;
			idx = strtoull(s, &q, 10);
			s = q;
			if (idx >= 0x80000000ULL)
				goto ignore;
			if (*s == 'h' || *s == 'H' || *s == '\'') {
				idx |= 0x80000000ULL;
				s++;
			}
			d->path[d->path_len++] = (uint32_t)idx;
		}
		if (*s++ != ']')
			goto ignore;
		d->has_origin = 1;
	}
	for (end = s; (*end >= '0' && *end <= '9') ||
	     (*end >= 'a' && *end <= 'f') || (*end >= 'A' && *end <= 'F');
	     end++)
		;
	len = (size_t)(end - s);
	if (len != (form == TR ? 64 : 66))
		goto ignore;
	for (i = 0; i < depth; i++)
		if (end[i] != ')')
			goto ignore;
	if (end[depth] != '\0' && end[depth] != '#')
		goto ignore;
	memcpy(hex, s, len);
	hex[len] = '\0';
	if (fl_hex_decode(hex, key, sizeof key, &n, &e2) != 0)
		goto ignore;
	switch (form) {
	case PKH:
	case WPKH:
		fl_hash160(key, 33, h);
		if ((form == PKH ? t != FL_SCRIPT_P2PKH
				 : t != FL_SCRIPT_P2WPKH) ||
		    memcmp(h, prog, 20) != 0)
			goto mismatch;
		break;
	case SH_WPKH:
		fl_hash160(key, 33, h);
		n = fl_script_p2wpkh(h, wpkh);
		fl_hash160(wpkh, n, h);
		if (t != FL_SCRIPT_P2SH || memcmp(h, prog, 20) != 0)
			goto mismatch;
		memcpy(d->redeem, wpkh, n);
		d->redeem_len = n;
		break;
	case TR:
		if (t != FL_SCRIPT_P2TR ||
		    fl_key_taproot_tweak(secp256k1_context_static, key, out,
			NULL, &e2) != 0 ||
		    memcmp(out, prog, 32) != 0)
			goto mismatch;
		break;
	}
	memcpy(d->pubkey, key, len / 2);
	d->pubkey_len = len / 2;
	return 0;
ignore:
	memset(d, 0, sizeof(*d));
	return 0;
mismatch:
	memset(d, 0, sizeof(*d));
	return fl_err_set(e, FL_EDATA,
	    "the descriptor's key does not give the coin's script");
}
