#include "address.h"

#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <string.h>
#include <strings.h>

#include "base58.h"
#include "bech32.h"

struct netparams {
	const char *name;
	const char *hrp;
	uint8_t p2pkh, p2sh;
};

static const struct netparams nets[] = {
    [FL_NET_MAIN] = {"main", "bc", 0, 5},
    [FL_NET_TEST] = {"test", "tb", 111, 196},
    [FL_NET_SIGNET] = {"signet", "tb", 111, 196},
    [FL_NET_REGTEST] = {"regtest", "bcrt", 111, 196},
};
#define NNETS (sizeof(nets) / sizeof(nets[0]))

static const char *const type_names[] = {
    [FL_ADDR_P2PKH] = "p2pkh",
    [FL_ADDR_P2SH] = "p2sh",
    [FL_ADDR_P2WPKH] = "p2wpkh",
    [FL_ADDR_P2WSH] = "p2wsh",
    [FL_ADDR_P2TR] = "p2tr",
    [FL_ADDR_WITNESS_UNKNOWN] = "witness_unknown",
};
#define NTYPES (sizeof(type_names) / sizeof(type_names[0]))

static const char *const reject_names[] = {
    [FL_REJECT_NONE] = "",
    [FL_REJECT_BAD_CHECKSUM] = "bad-checksum",
    [FL_REJECT_WRONG_NETWORK] = "wrong-network",
    [FL_REJECT_AMBIGUOUS] = "ambiguous",
    [FL_REJECT_UNSUPPORTED_WITNESS_VERSION] = "unsupported-witness-version",
    [FL_REJECT_INVALID_KEY] = "invalid-key",
    [FL_REJECT_NOT_AN_ADDRESS] = "not-an-address",
    [FL_REJECT_OTHER_COIN] = "other-coin",
};

int
fl_network_parse(const char *name, enum fl_network *net)
{
	size_t i;

	for (i = 0; i < NNETS; i++)
		if (strcmp(name, nets[i].name) == 0) {
			*net = (enum fl_network)i;
			return 0;
		}
	return FL_EUSAGE;
}

const char *
fl_network_name(enum fl_network net)
{
	if ((unsigned)net >= NNETS)
		return "?";
	return nets[net].name;
}

const char *
fl_addr_type_name(enum fl_addr_type t)
{
	if ((unsigned)t >= NTYPES)
		return "?";
	return type_names[t];
}

int
fl_addr_type_parse(const char *name, enum fl_addr_type *t)
{
	size_t i;

	for (i = 0; i < NTYPES; i++)
		if (strcmp(name, type_names[i]) == 0) {
			*t = (enum fl_addr_type)i;
			return 0;
		}
	return FL_EUSAGE;
}

const char *
fl_addr_reject_name(enum fl_addr_reject r)
{
	if ((unsigned)r >= FL_REJECT_COUNT)
		return "?";
	return reject_names[r];
}

static int
reject(enum fl_addr_reject r, enum fl_addr_reject *why, struct fl_address *a)
{
	memset(a, 0, sizeof(*a));
	if (why != NULL)
		*why = r;
	return FL_EDATA;
}

static void
set_base58(struct fl_address *a, enum fl_addr_type t, const uint8_t h[20],
    const struct netparams *np)
{
	uint8_t payload[21];

	a->type = t;
	a->witver = -1;
	memcpy(a->prog, h, 20);
	a->proglen = 20;
	if (t == FL_ADDR_P2PKH) {
		a->spk[0] = 0x76; /* OP_DUP OP_HASH160 <20> OP_EQUALVERIFY
				     OP_CHECKSIG */
		a->spk[1] = 0xa9;
		a->spk[2] = 20;
		memcpy(a->spk + 3, h, 20);
		a->spk[23] = 0x88;
		a->spk[24] = 0xac;
		a->spklen = 25;
		payload[0] = np->p2pkh;
	} else {
		a->spk[0] = 0xa9; /* OP_HASH160 <20> OP_EQUAL */
		a->spk[1] = 20;
		memcpy(a->spk + 2, h, 20);
		a->spk[22] = 0x87;
		a->spklen = 23;
		payload[0] = np->p2sh;
	}
	memcpy(payload + 1, h, 20);
	/* 21 bytes always fit in 91 characters. */
	(void)fl_base58check_encode(payload, sizeof(payload), a->text,
	    sizeof(a->text));
}

static enum fl_addr_type
witness_type(int witver, size_t proglen)
{
	if (witver == 0)
		return proglen == 20 ? FL_ADDR_P2WPKH : FL_ADDR_P2WSH;
	if (witver == 1 && proglen == 32)
		return FL_ADDR_P2TR;
	return FL_ADDR_WITNESS_UNKNOWN;
}

static void
set_witness(struct fl_address *a, int witver, const uint8_t *prog,
    size_t proglen, const struct netparams *np)
{
	a->type = witness_type(witver, proglen);
	a->witver = witver;
	memcpy(a->prog, prog, proglen);
	a->proglen = proglen;
	a->spk[0] = (uint8_t)(witver == 0 ? 0 : 0x50 + witver);
	a->spk[1] = (uint8_t)proglen;
	memcpy(a->spk + 2, prog, proglen);
	a->spklen = proglen + 2;
	/* Valid by construction: version 0..16, program 2..40 bytes. */
	(void)fl_segwit_encode(np->hrp, witver, prog, proglen, a->text,
	    sizeof(a->text), NULL);
}

static int
xonly_valid(const uint8_t prog[32])
{
	secp256k1_xonly_pubkey pk;

	return secp256k1_xonly_pubkey_parse(secp256k1_context_static, &pk,
	    prog);
}

/* Does s start with "hrp1", in either case? */
static int
has_prefix(const char *s, const char *hrp)
{
	size_t n = strlen(hrp);

	return strncasecmp(s, hrp, n) == 0 && s[n] == '1';
}

static int
decode_segwit(const char *s, enum fl_network net, unsigned flags,
    struct fl_address *a, enum fl_addr_reject *why, struct fl_err *e)
{
	const char *hrps[] = {"bc", "tb", "bcrt"};
	const char *hrp = NULL;
	uint8_t prog[40];
	size_t proglen, i;
	int witver;

	/* The longest matching prefix: "bcrt1" is not "bc" + "rt1...". */
	for (i = 0; i < sizeof(hrps) / sizeof(hrps[0]); i++)
		if (has_prefix(s, hrps[i]))
			hrp = hrps[i];
	if (fl_segwit_decode(s, hrp, &witver, prog, &proglen, e) != 0)
		return reject(FL_REJECT_BAD_CHECKSUM, why, a);
	if (strcmp(hrp, nets[net].hrp) != 0) {
		fl_err_set(e, FL_EDATA, "address for prefix \"%s\", not %s",
		    hrp, nets[net].name);
		return reject(FL_REJECT_WRONG_NETWORK, why, a);
	}
	if (witver == 1 && proglen == 32) {
		if (!xonly_valid(prog)) {
			fl_err_set(e, FL_EDATA,
			    "taproot program is not a "
			    "valid x-only public key");
			return reject(FL_REJECT_INVALID_KEY, why, a);
		}
	} else if (witver != 0 && !(flags & FL_ADDR_ALLOW_FUTURE_WITNESS)) {
		fl_err_set(e, FL_EDATA,
		    "unsupported witness version %d (%zu-byte program)", witver,
		    proglen);
		return reject(FL_REJECT_UNSUPPORTED_WITNESS_VERSION, why, a);
	}
	set_witness(a, witver, prog, proglen, &nets[net]);
	return 0;
}

static int
decode_base58(const char *s, enum fl_network net, struct fl_address *a,
    enum fl_addr_reject *why, struct fl_err *e)
{
	uint8_t payload[64];
	struct fl_err b58;
	size_t n, i;

	fl_err_clear(&b58);
	if (fl_base58check_decode(s, payload, sizeof(payload), &n, &b58) != 0) {
		fl_err_set(e, FL_EDATA, "not an address: %s", b58.msg);
		return reject(FL_REJECT_BAD_CHECKSUM, why, a);
	}
	if (n != 21) {
		fl_err_set(e, FL_EDATA,
		    "base58check payload of %zu bytes, not 21", n);
		return reject(FL_REJECT_BAD_CHECKSUM, why, a);
	}
	if (payload[0] == nets[net].p2pkh) {
		set_base58(a, FL_ADDR_P2PKH, payload + 1, &nets[net]);
		return 0;
	}
	if (payload[0] == nets[net].p2sh) {
		set_base58(a, FL_ADDR_P2SH, payload + 1, &nets[net]);
		return 0;
	}
	for (i = 0; i < NNETS; i++)
		if (payload[0] == nets[i].p2pkh || payload[0] == nets[i].p2sh) {
			fl_err_set(e, FL_EDATA,
			    "base58 version %u is for %s, not %s", payload[0],
			    nets[i].name, nets[net].name);
			return reject(FL_REJECT_WRONG_NETWORK, why, a);
		}
	fl_err_set(e, FL_EDATA, "unknown base58 version %u", payload[0]);
	return reject(FL_REJECT_BAD_CHECKSUM, why, a);
}

int
fl_address_decode(const char *s, enum fl_network net, unsigned flags,
    struct fl_address *a, enum fl_addr_reject *why, struct fl_err *e)
{
	memset(a, 0, sizeof(*a));
	if (why != NULL)
		*why = FL_REJECT_NONE;
	if ((unsigned)net >= NNETS) {
		fl_err_set(e, FL_EDATA, "unknown network");
		return reject(FL_REJECT_BAD_CHECKSUM, why, a);
	}
	if (strlen(s) > FL_ADDR_TEXT_MAX) {
		fl_err_set(e, FL_EDATA, "longer than %d characters",
		    FL_ADDR_TEXT_MAX);
		return reject(FL_REJECT_BAD_CHECKSUM, why, a);
	}
	if (has_prefix(s, "bc") || has_prefix(s, "tb") || has_prefix(s, "bcrt"))
		return decode_segwit(s, net, flags, a, why, e);
	return decode_base58(s, net, a, why, e);
}

int
fl_address_from_script(const uint8_t *spk, size_t len, enum fl_network net,
    struct fl_address *a, struct fl_err *e)
{
	memset(a, 0, sizeof(*a));
	if ((unsigned)net >= NNETS)
		return fl_err_set(e, FL_EDATA, "unknown network");
	if (len == 25 && spk[0] == 0x76 && spk[1] == 0xa9 && spk[2] == 20 &&
	    spk[23] == 0x88 && spk[24] == 0xac) {
		set_base58(a, FL_ADDR_P2PKH, spk + 3, &nets[net]);
		return 0;
	}
	if (len == 23 && spk[0] == 0xa9 && spk[1] == 20 && spk[22] == 0x87) {
		set_base58(a, FL_ADDR_P2SH, spk + 2, &nets[net]);
		return 0;
	}
	if (len >= 4 && len <= 42 &&
	    (spk[0] == 0 || (spk[0] >= 0x51 && spk[0] <= 0x60)) &&
	    spk[1] == len - 2) {
		int witver = spk[0] == 0 ? 0 : spk[0] - 0x50;

		if (witver != 0 || len == 22 || len == 34) {
			set_witness(a, witver, spk + 2, len - 2, &nets[net]);
			return 0;
		}
	}
	return fl_err_set(e, FL_EDATA, "script has no address");
}
