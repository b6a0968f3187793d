#include <jansson.h>
#include <stdlib.h>

#include "address.h"
#include "base64.h"
#include "hash.h"
#include "hex.h"
#include "script.h"
#include "psbt.h"
#include "tap.h"

static json_t *
load(const char *path)
{
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);

	if (j == NULL)
		tap_diag("%s: %s", path, je.text);
	return j;
}

static int
decode(const char *b64, struct fl_err *e)
{
	struct fl_psbt p;
	int rc;

	rc = fl_psbt_decode_base64(b64, strlen(b64), &p, e);
	fl_psbt_free(&p);
	return rc;
}

/* Bitcoin Core's rpc_psbt.json: invalid, invalid_with_msg, valid. */
static void
core_vectors(void)
{
	json_t *j = load("tests/vectors/rpc_psbt.json"), *v;
	struct fl_err e;
	size_t i, ninvalid = 0, nvalid = 0, nv2 = 0;

	if (!check(j != NULL))
		return;
	json_array_foreach(json_object_get(j, "invalid"), i, v)
	{
		if (decode(json_string_value(v), &e) == 0)
			tap_diag("invalid[%zu] decoded", i);
		else
			ninvalid++;
	}
	check_uint(ninvalid, ==, 63);
	ninvalid = 0;
	json_array_foreach(json_object_get(j, "invalid_with_msg"), i, v)
	{
		if (decode(json_string_value(json_array_get(v, 0)), &e) == 0)
			tap_diag("invalid_with_msg[%zu] decoded (%s)", i,
			    json_string_value(json_array_get(v, 1)));
		else
			ninvalid++;
	}
	check_uint(ninvalid, ==, 23);
	json_array_foreach(json_object_get(j, "valid"), i, v)
	{
		if (decode(json_string_value(v), &e) == 0)
			nvalid++;
		else if (strcmp(e.msg, "unsupported PSBT version 2") == 0)
			nv2++;
		else
			tap_diag("valid[%zu]: %s", i, e.msg);
	}
	/* 34 version 0 PSBTs decode; the 14 of version 2 are refused. */
	check_uint(nvalid, ==, 34);
	check_uint(nv2, ==, 14);
	json_decref(j);
}

/* The BIP-174 text's vectors, with hex and base64 of each. */
static void
bip_vectors(void)
{
	json_t *j = load("tests/vectors/bip-0174-test-vectors.json"), *v;
	struct fl_psbt p;
	struct fl_err e;
	size_t i, k, n;
	int ok;

	if (!check(j != NULL))
		return;
	n = 0;
	json_array_foreach(json_object_get(j, "invalid"), i, v)
	{
		if (decode(json_string_value(json_object_get(v, "base64")),
			&e) == 0)
			tap_diag("BIP-174 invalid: decoded: %s",
			    json_string_value(
				json_object_get(v, "description")));
		else
			n++;
	}
	check_uint(n, ==, 20);
	n = 0;
	json_array_foreach(json_object_get(j, "valid"), i, v)
	{
		const char *b = json_string_value(json_object_get(v, "base64"));

		if (fl_psbt_decode_base64(b, strlen(b), &p, &e) != 0) {
			tap_diag("BIP-174 valid: %s: %s",
			    json_string_value(
				json_object_get(v, "description")),
			    e.msg);
			continue;
		}
		for (ok = 1, k = 0; k < p.tx.nin; k++)
			if (fl_psbt_check_input(&p, k, &e) != 0)
				ok = 0, tap_diag("valid %zu: %s", i, e.msg);
		n += (size_t)ok;
		fl_psbt_free(&p);
	}
	check_uint(n, ==, 10);
	n = 0;
	json_array_foreach(json_object_get(j, "valid_but_fails_signer_checks"),
	    i, v)
	{
		const char *b = json_string_value(json_object_get(v, "base64"));

		if (fl_psbt_decode_base64(b, strlen(b), &p, &e) != 0) {
			tap_diag("signer-check vector %zu: %s", i, e.msg);
			continue;
		}
		for (ok = 1, k = 0; k < p.tx.nin; k++)
			if (fl_psbt_check_input(&p, k, &e) != 0)
				ok = 0;
		n += (size_t)!ok;
		fl_psbt_free(&p);
	}
	check_uint(n, ==, 4);
	json_decref(j);
}

/* Does the n bytes at p hold the m bytes at q?  (memmem is GNU.) */
static const void *
contains(const uint8_t *p, size_t n, const char *q, size_t m)
{
	size_t i;

	for (i = 0; i + m <= n; i++)
		if (memcmp(p + i, q, m) == 0)
			return p + i;
	return NULL;
}

/* Core's "creator" vector: createpsbt, no input data. */
static void
creator(void)
{
	static const char *txids[2] = {"75ddabb27b8845f5247975c8a5ba7c6f336c457"
				       "0708ebe230caf6db5217ae858",
	    "1dea7cd05979072a3578cab271c02244ea8a090bbb46aa680a65ecd027048d83"};
	static const char *addr[2] =
	    {"bcrt1qmpwzkuwsqc9snjvgdt4czhjsnywa5yjdqpxskv",
		"bcrt1qqzh2ngh97ru8dfvgma25d6r595wcwqy0cee4cc"};
	static const uint64_t value[2] = {149990000, 100000000};
	struct fl_psbt_in_data in[2];
	struct fl_address a;
	struct fl_tx tx;
	struct fl_buf b = {0};
	struct fl_err e;
	uint8_t txid[32];
	size_t n, i;
	char out[512];

	memset(in, 0, sizeof in);
	fl_tx_init(&tx);
	for (i = 0; i < 2; i++) {
		fl_hex_decode(txids[i], txid, 32, &n, &e);
		fl_hex_reverse(txid, 32);
		check_int(fl_tx_add_input(&tx, txid, (uint32_t)i, 0xffffffff,
			      &e),
		    ==, 0);
		check_int(fl_address_decode(addr[i], FL_NET_REGTEST, 0, &a,
			      NULL, &e),
		    ==, 0);
		check_int(fl_tx_add_output(&tx, value[i], a.spk, a.spklen, &e),
		    ==, 0);
	}
	check_int(fl_psbt_encode(&tx, in, &b, &e), ==, 0);
	check_uint(FL_BASE64_LEN(b.len), <, sizeof out);
	fl_base64_encode(b.p, b.len, out);
	check_str(out,
	    "cHNidP8BAJoCAAAAAljoeiG1ba8MI76OcHBFbDNvfLqlyHV5JPVFiHuyq911AAAAAA"
	    "D/////g40EJ9DsZQpoqka7CwmK6kQiwHGyyng1Kgd5WdB86h0BAAAAAP////8CcKrw"
	    "CAAAAAAWABTYXCtx0AYLCcmIauuBXlCZHdoSTQDh9QUAAAAAFgAUAK6pouXw+HaliN"
	    "9VRuh0LR2HAI8AAAAAAAAAAAA=");

	/* With input data: it decodes to what went in. */
	{
		struct fl_tx prev;
		struct fl_buf pb = {0};
		struct fl_psbt p;
		uint8_t spk[25], redeem[22], kh[20], h[20];
		uint8_t ikey[32], pub[33];
		static const uint32_t path[2] = {0x8000002c, 7};

		memset(kh, 0x11, sizeof kh);
		fl_tx_init(&prev);
		memset(txid, 0x22, sizeof txid);
		fl_tx_add_input(&prev, txid, 0, 0xffffffff, &e);
		fl_tx_add_output(&prev, 5000, spk, fl_script_p2pkh(kh, spk),
		    &e);
		fl_tx_serialize(&prev, 1, &pb, &e);
		fl_tx_txid(&prev, tx.in[0].txid, &e);
		tx.in[0].vout = 0;
		in[0].prev_tx = pb.p;
		in[0].prev_tx_len = pb.len;
		in[0].value = 5000;
		in[0].spk = spk;
		in[0].spk_len = 25;
		n = fl_script_p2wpkh(kh, redeem);
		fl_hash160(redeem, n, h);
		in[1].witness = 1;
		in[1].value = 7000;
		in[1].spk = (uint8_t[23]){0};
		in[1].spk_len = fl_script_p2sh(h, (uint8_t *)in[1].spk);
		in[1].redeem = redeem;
		in[1].redeem_len = n;
		memset(ikey, 0x33, sizeof ikey);
		in[1].pubkey = ikey;
		in[1].pubkey_len = 32;
		/* BIP-32 derivations, checked by the decoder. */
		fl_hex_decode("024baf4892fda7c802e7ebd9115367b9ddd015e5685fdcab"
			      "0e7"
			      "e4de6ef98b287f7",
		    pub, sizeof pub, &n, &e);
		in[0].pubkey = pub;
		in[0].pubkey_len = 33;
		in[0].has_origin = in[1].has_origin = 1;
		in[0].fingerprint = in[1].fingerprint =
		    (const uint8_t *)"\xd3\x4d\xb3\x3f";
		in[0].path = in[1].path = path;
		in[0].path_len = in[1].path_len = 2;
		fl_buf_clear(&b);
		check_int(fl_psbt_encode(&tx, in, &b, &e), ==, 0);
		check_int(fl_psbt_decode(b.p, b.len, &p, &e), ==, 0);
		check_uint(p.tx.nin, ==, 2);
		check_uint(p.tx.nout, ==, 2);
		check(p.in[0].non_witness_utxo != NULL &&
		    p.in[0].non_witness_utxo_len == pb.len);
		check(!p.in[0].has_witness_utxo);
		check(p.in[1].has_witness_utxo && p.in[1].wu_value == 7000);
		check_uint(p.in[1].redeem_len, ==, 22);
		check(p.in[1].has_tap_internal_key);
		check_mem(p.in[1].tap_internal_key, ikey, 32);
		/* The derivations went in: key, fingerprint, path. */
		check(contains(b.p, b.len, "\x22\x06\x02\x4b\xaf", 5) != NULL);
		check(
		    contains(b.p, b.len,
			"\x0c\xd3\x4d\xb3\x3f\x2c\x00\x00\x80\x07\x00\x00\x00",
			13) != NULL);
		check(contains(b.p, b.len, "\x0d\x00\xd3\x4d\xb3\x3f", 6) !=
		    NULL);
		check_int(fl_psbt_check_input(&p, 0, &e), ==, 0);
		check_int(fl_psbt_check_input(&p, 1, &e), ==, 0);
		fl_psbt_free(&p);
		/* A signed input is refused. */
		check_int(fl_tx_set_script_sig(&tx, 0, kh, 1, &e), ==, 0);
		check_int(fl_psbt_encode(&tx, in, &b, &e), ==, FL_EDATA);
		check_str(e.msg, "input 0 of a PSBT's transaction is signed");
		fl_tx_free(&prev);
		fl_buf_free(&pb);
	}
	fl_tx_free(&tx);
	fl_buf_free(&b);
}

/* Decoder error paths on hand-made PSBTs. */
static void
errors(void)
{
	static const struct {
		const char *hex, *msg;
	} c[] = {
	    {"70736274", "not a PSBT (no \"psbt\" magic)"},
	    {"70736274ff",
		"unexpected end of the PSBT (a map without "
		"separator)"},
	    {"70736274ff00", "no unsigned transaction"},
	    {"70736274ff01000a02000000000000000000",
		"unexpected end of the PSBT (a map without separator)"},
	    {"70736274ff01000a0200000000000000000000", ""},
	    {"70736274ff01000a020000000000000000000000",
		"1 bytes after the PSBT"},
	    {"70736274ff01fb0401000000"
	     "00",
		"unsupported PSBT version 1"},
	    {"70736274ff01fb03010000"
	     "00",
		"version is not 4 bytes"},
	    {"70736274ff0102040200000000",
		"a PSBT version 2 field in "
		"version 0"},
	    {"70736274ff01000a0200000000000000000001000a0200000000000000000000",
		"duplicate key"},
	    {"70736274ff02fc00"
	     "00"
	     "00",
		"malformed proprietary key"},
	};
	struct fl_psbt p;
	struct fl_err e;
	uint8_t buf[256];
	size_t i, n;
	int rc;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		fl_hex_decode(c[i].hex, buf, sizeof buf, &n, &e);
		memset(&e, 0, sizeof e);
		rc = fl_psbt_decode(buf, n, &p, &e);
		check_int(rc, ==, c[i].msg[0] ? FL_EDATA : 0);
		check_str(e.msg, c[i].msg);
		fl_psbt_free(&p);
	}
	check_int(fl_psbt_decode_base64("cHNidP8=!", 9, &p, &e), ==, FL_EDATA);
}

int
main(void)
{
	creator();
	errors();
	core_vectors();
	bip_vectors();
	return test_done();
}
