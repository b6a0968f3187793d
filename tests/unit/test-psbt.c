#include <jansson.h>
#include <stdlib.h>

#include "base64.h"
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

int
main(void)
{
	core_vectors();
	bip_vectors();
	return test_done();
}
