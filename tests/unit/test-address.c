#include <ctype.h>
#include <jansson.h>

#include "address.h"
#include "hex.h"
#include "tap.h"

static enum fl_network
chain_net(const char *chain)
{
	if (strcmp(chain, "main") == 0)
		return FL_NET_MAIN;
	if (strcmp(chain, "signet") == 0)
		return FL_NET_SIGNET;
	if (strcmp(chain, "regtest") == 0)
		return FL_NET_REGTEST;
	return FL_NET_TEST; /* "test", "testnet4" */
}

/*
 * Bitcoin Core's key_io_valid.json: every address decodes to its
 * scriptPubKey on its chain and back; P2TR programs that are not x-only
 * keys are refused by our policy as invalid-key.
 */
static void
test_key_io_valid(void)
{
	json_error_t je;
	json_t *root =
	    json_load_file("tests/vectors/key_io_valid.json", 0, &je);
	size_t i, naddr = 0, nbadkey = 0, nfuture = 0;

	check(root != NULL);
	if (root == NULL)
		return;
	check_uint(json_array_size(root), ==, 70);
	for (i = 0; i < json_array_size(root); i++) {
		json_t *v = json_array_get(root, i);
		const char *s = json_string_value(json_array_get(v, 0));
		const char *hex = json_string_value(json_array_get(v, 1));
		json_t *m = json_array_get(v, 2);
		enum fl_network net =
		    chain_net(json_string_value(json_object_get(m, "chain")));
		struct fl_address a, b;
		enum fl_addr_reject why;
		struct fl_err e;
		char spkhex[85], flip[128], low[128];
		size_t k;
		int rc;

		if (json_is_true(json_object_get(m, "isPrivkey"))) {
			/* A WIF key is never an address. */
			check_int(fl_address_decode(s, net,
				      FL_ADDR_ALLOW_FUTURE_WITNESS, &a, &why,
				      &e),
			    ==, FL_EDATA);
			check_int(why, ==, FL_REJECT_BAD_CHECKSUM);
			continue;
		}
		naddr++;
		rc = fl_address_decode(s, net, FL_ADDR_ALLOW_FUTURE_WITNESS, &a,
		    &why, &e);
		if (rc != 0 && why == FL_REJECT_INVALID_KEY &&
		    strncmp(hex, "5120", 4) == 0) {
			nbadkey++;
			check_str(e.msg,
			    "taproot program is not a valid x-only public key");
			check_uint(a.spklen, ==, 0);
			/* The script still has its address. */
			uint8_t spk[42];
			size_t n;
			check_int(fl_hex_decode(hex, spk, sizeof(spk), &n, &e),
			    ==, 0);
			check_int(fl_address_from_script(spk, n, net, &b, &e),
			    ==, 0);
			for (k = 0; s[k] != '\0'; k++)
				low[k] = (char)tolower((unsigned char)s[k]);
			low[k] = '\0';
			check_str(b.text, low);
			check_int(b.type, ==, FL_ADDR_P2TR);
			continue;
		}
		if (!check(rc == 0)) {
			tap_diag("\"%s\": %s", s, e.msg);
			continue;
		}
		fl_hex_encode(a.spk, a.spklen, spkhex);
		check_str(spkhex, hex);
		check_int(fl_address_from_script(a.spk, a.spklen, net, &b, &e),
		    ==, 0);
		check_str(b.text, a.text);
		check_int(b.type, ==, a.type);
		if (a.type == FL_ADDR_WITNESS_UNKNOWN) {
			nfuture++;
			check_int(fl_address_decode(s, net, 0, &b, &why, &e),
			    ==, FL_EDATA);
			check_int(why, ==,
			    FL_REJECT_UNSUPPORTED_WITNESS_VERSION);
		}
		if (json_is_true(json_object_get(m, "tryCaseFlip"))) {
			for (k = 0; s[k] != '\0'; k++)
				flip[k] = (char)(islower((unsigned char)s[k])
					? toupper((unsigned char)s[k])
					: tolower((unsigned char)s[k]));
			flip[k] = '\0';
			check_int(fl_address_decode(flip, net,
				      FL_ADDR_ALLOW_FUTURE_WITNESS, &b, &why,
				      &e),
			    ==, 0);
			check_str(b.text, a.text);
			check(a.witver >= 0);
			for (k = 0; a.text[k] != '\0'; k++)
				check(!isupper((unsigned char)a.text[k]));
		} else {
			check_str(a.text, s);
		}
		/* Every other network: wrong-network, unless it shares. */
		for (k = 0; k < 4; k++) {
			enum fl_network o = (enum fl_network)k;
			int shares = o == net ||
			    (o != FL_NET_MAIN && net != FL_NET_MAIN &&
				(a.witver < 0 ||
				    (o != FL_NET_REGTEST &&
					net != FL_NET_REGTEST)));

			rc = fl_address_decode(s, o,
			    FL_ADDR_ALLOW_FUTURE_WITNESS, &b, &why, &e);
			if (shares) {
				check_int(rc, ==, 0);
			} else {
				check_int(rc, ==, FL_EDATA);
				check_int(why, ==, FL_REJECT_WRONG_NETWORK);
			}
		}
	}
	/* The counts we expect, so a vector that silently skips fails. */
	check_uint(naddr, ==, 54);
	/*
	 * Checked independently (x < p and x^3 + 7 a square mod p): only
	 * bc1p83n3..., tb1p35n5... and tb1pdswc... are points.
	 */
	check_uint(nbadkey, ==, 5);
	check_uint(nfuture, ==, 8);
	json_decref(root);
}

static void
test_key_io_invalid(void)
{
	json_error_t je;
	json_t *root =
	    json_load_file("tests/vectors/key_io_invalid.json", 0, &je);
	size_t i, k;

	check(root != NULL);
	if (root == NULL)
		return;
	check_uint(json_array_size(root), ==, 70);
	for (i = 0; i < json_array_size(root); i++) {
		const char *s = json_string_value(
		    json_array_get(json_array_get(root, i), 0));

		for (k = 0; k < 4; k++) {
			struct fl_address a;
			enum fl_addr_reject why;
			struct fl_err e;
			int rc = fl_address_decode(s, (enum fl_network)k,
			    FL_ADDR_ALLOW_FUTURE_WITNESS, &a, &why, &e);

			if (!check(rc == FL_EDATA && why != FL_REJECT_NONE))
				tap_diag("accepted \"%s\" on %s", s,
				    fl_network_name((enum fl_network)k));
			check_uint(a.spklen, ==, 0);
			check_str(a.text, "");
		}
	}
	json_decref(root);
}

static void
check_reject(const char *s, enum fl_network net, unsigned flags,
    enum fl_addr_reject want, const char *msg)
{
	struct fl_address a;
	enum fl_addr_reject why;
	struct fl_err e;

	check_int(fl_address_decode(s, net, flags, &a, &why, &e), ==, FL_EDATA);
	check_str(fl_addr_reject_name(why), fl_addr_reject_name(want));
	check_str(e.msg, msg);
	check_str(a.text, "");
}

static void
test_rejects(void)
{
	struct fl_address a;
	struct fl_err e;
	enum fl_addr_reject why;

	check_reject("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mp", FL_NET_MAIN, 0,
	    FL_REJECT_BAD_CHECKSUM,
	    "not an address: base58check checksum mismatch");
	check_reject("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2m0", FL_NET_MAIN, 0,
	    FL_REJECT_BAD_CHECKSUM, "not an address: invalid base58 character");
	check_reject("mzK2FFDEhxqHcmrJw1ysqFkVyhUULo45hZ", FL_NET_MAIN, 0,
	    FL_REJECT_WRONG_NETWORK,
	    "base58 version 111 is for test, not main");
	check_reject("36j4NfKv6Akva9amjWrLG6MuSQym1GuEmm", FL_NET_REGTEST, 0,
	    FL_REJECT_WRONG_NETWORK,
	    "base58 version 5 is for main, not regtest");
	/* A WIF key: base58check, but 33 bytes. */
	check_reject("5KQmDryMNDcisTzRp3zEq9e4awRmJrEVU1j5vFRTKpRNYPqYrMg",
	    FL_NET_MAIN, 0, FL_REJECT_BAD_CHECKSUM,
	    "base58check payload of 33 bytes, not 21");
	/* Version 48 (Litecoin P2PKH): valid base58check, no network here. */
	check_reject("LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz", FL_NET_MAIN, 0,
	    FL_REJECT_BAD_CHECKSUM, "unknown base58 version 48");
	check_reject("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", FL_NET_MAIN,
	    0, FL_REJECT_WRONG_NETWORK, "address for prefix \"tb\", not main");
	check_reject("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
	    FL_NET_REGTEST, 0, FL_REJECT_WRONG_NETWORK,
	    "address for prefix \"bc\", not regtest");
	check_reject("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", FL_NET_MAIN,
	    0, FL_REJECT_BAD_CHECKSUM, "bad bech32 checksum");
	check_reject("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8F3T4", FL_NET_MAIN,
	    0, FL_REJECT_BAD_CHECKSUM, "mixed-case bech32 string");
	check_reject("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq"
		     "h2y7hd",
	    FL_NET_MAIN, 0, FL_REJECT_BAD_CHECKSUM,
	    "witness v1 address with a bech32 checksum, bech32m required");
	check_reject("bc1z2rksukkjr8", FL_NET_MAIN, 0,
	    FL_REJECT_UNSUPPORTED_WITNESS_VERSION,
	    "unsupported witness version 2 (2-byte program)");
	/* v1 with a program that is not 32 bytes is not P2TR. */
	check_reject("bc1pw50q7ulhnr", FL_NET_MAIN, 0,
	    FL_REJECT_UNSUPPORTED_WITNESS_VERSION,
	    "unsupported witness version 1 (2-byte program)");
	/* x = 0 is not on the curve: 7 is not a square mod p. */
	check_reject("bc1pqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqp"
		     "q"
		     "qenm",
	    FL_NET_MAIN, FL_ADDR_ALLOW_FUTURE_WITNESS, FL_REJECT_INVALID_KEY,
	    "taproot program is not a valid x-only public key");
	check_int(fl_address_decode("bc1pw50q7ulhnr", FL_NET_MAIN,
		      FL_ADDR_ALLOW_FUTURE_WITNESS, &a, &why, &e),
	    ==, 0);
	check_int(a.type, ==, FL_ADDR_WITNESS_UNKNOWN);
	check_int(why, ==, FL_REJECT_NONE);
	check_reject("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4bc1qw508d6qej"
		     "xtdg4y5r3zarvary0c5xw7kv8f3t4bc1qw508d6qejxtdg4y5",
	    FL_NET_MAIN, 0, FL_REJECT_BAD_CHECKSUM,
	    "longer than 90 characters");
	check_reject("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", 9, 0,
	    FL_REJECT_BAD_CHECKSUM, "unknown network");
	/* A NULL why is allowed. */
	check_int(fl_address_decode("x", FL_NET_MAIN, 0, &a, NULL, NULL), ==,
	    FL_EDATA);
	/* Upper case normalized; "bcrt1" is not "bc" + "rt1". */
	check_int(fl_address_decode("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T"
				    "4",
		      FL_NET_MAIN, 0, &a, &why, &e),
	    ==, 0);
	check_str(a.text, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
	check_int(a.type, ==, FL_ADDR_P2WPKH);
	check_int(a.witver, ==, 0);
	check_uint(a.proglen, ==, 20);
	check_int(fl_address_decode("bcrt1q65nhlm4hf2ptg3t264al57p7wjxj2c3s6kyt"
				    "83",
		      FL_NET_MAIN, 0, &a, &why, &e),
	    ==, FL_EDATA);
	check_int(why, ==, FL_REJECT_WRONG_NETWORK);
	check_int(fl_address_decode("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo",
		      FL_NET_MAIN, 0, &a, &why, &e),
	    ==, 0);
	check_int(a.type, ==, FL_ADDR_P2PKH);
	check_int(a.witver, ==, -1);
	check_uint(a.proglen, ==, 20);
}

static void
test_names(void)
{
	enum fl_network net;
	enum fl_addr_type t;
	static const char *const nets[] = {"main", "test", "signet", "regtest"};
	static const char *const types[] = {"p2pkh", "p2sh", "p2wpkh", "p2wsh",
	    "p2tr", "witness_unknown"};
	static const char *const reasons[] = {"", "bad-checksum",
	    "wrong-network", "ambiguous", "unsupported-witness-version",
	    "invalid-key", "not-an-address", "other-coin"};
	size_t i;

	for (i = 0; i < 4; i++) {
		check_int(fl_network_parse(nets[i], &net), ==, 0);
		check_int(net, ==, (int)i);
		check_str(fl_network_name(net), nets[i]);
	}
	check_int(fl_network_parse("mainnet", &net), ==, FL_EUSAGE);
	check_int(fl_network_parse("", &net), ==, FL_EUSAGE);
	check_str(fl_network_name((enum fl_network)4), "?");
	for (i = 0; i < 6; i++) {
		check_int(fl_addr_type_parse(types[i], &t), ==, 0);
		check_int(t, ==, (int)i);
		check_str(fl_addr_type_name(t), types[i]);
	}
	check_int(fl_addr_type_parse("P2PKH", &t), ==, FL_EUSAGE);
	check_str(fl_addr_type_name((enum fl_addr_type)6), "?");
	for (i = 0; i < FL_REJECT_COUNT; i++)
		check_str(fl_addr_reject_name((enum fl_addr_reject)i),
		    reasons[i]);
	check_str(fl_addr_reject_name((enum fl_addr_reject)FL_REJECT_COUNT),
	    "?");
}

static void
test_from_script(void)
{
	static const struct {
		const char *hex;
		enum fl_network net;
		const char *text;
	} ok[] = {
	    {"76a914a31c06bd463e3923bc1aadbde48b16976c08071788ac", FL_NET_MAIN,
		"1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo"},
	    {"0014751e76e8199196d454941c45d1b3a323f1433bd6", FL_NET_MAIN,
		"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"},
	    {"0014751e76e8199196d454941c45d1b3a323f1433bd6", FL_NET_SIGNET,
		"tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx"},
	    {"6002751e", FL_NET_MAIN, "bc1sw50qgdz25j"},
	};
	static const char *const bad[] = {
	    "", "6a", "0015751e76e8199196d454941c45d1b3a323f1433bd6aa",
	    "0010751e76e8199196d454941c45d1b3a323", /* v0, 16 bytes */
	    "5101aa", /* 1-byte program */
	    "6102751e", /* OP_16 + 1 is not a version */
	    "76a914a31c06bd463e3923bc1aadbde48b16976c08071788ad",
	    "a914373b819a068f32b7a6b38b6b38729647cfde01c288",
	    "0013751e76e8199196d454941c45d1b3a323f1433bd6", /* push 19 */
	};
	size_t i, n;
	uint8_t spk[64];
	struct fl_address a;
	struct fl_err e;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		check_int(fl_hex_decode(ok[i].hex, spk, sizeof(spk), &n, &e),
		    ==, 0);
		check_int(fl_address_from_script(spk, n, ok[i].net, &a, &e), ==,
		    0);
		check_str(a.text, ok[i].text);
		check_uint(a.spklen, ==, n);
		check_mem(a.spk, spk, n);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		check_int(fl_hex_decode(bad[i], spk, sizeof(spk), &n, &e), ==,
		    0);
		check_int(fl_address_from_script(spk, n, FL_NET_MAIN, &a, &e),
		    ==, FL_EDATA);
		check_str(e.msg, "script has no address");
		check_str(a.text, "");
	}
	check_int(fl_address_from_script(spk, 0, 7, &a, &e), ==, FL_EDATA);
	check_str(e.msg, "unknown network");
}

/*
 * Never a wrong string: every one-character substitution, and every case
 * flip of one bech32 character, of valid addresses is refused.
 */
static void
test_mutations(void)
{
	static const char *const addrs[] = {
	    "1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo",
	    "36j4NfKv6Akva9amjWrLG6MuSQym1GuEmm",
	    "mzK2FFDEhxqHcmrJw1ysqFkVyhUULo45hZ",
	    "bc1qhxt04s5xnpy0kxw4x99n5hpdf5pmtzpqs52es2",
	    "bc1qgc9ljrvdf2e0zg9rmmq86xklqwfys7r6wptjlacdgrcdc7sa6ggqu4rrxf",
	    "bc1p83n3au0rjylefxq2nc2xh2y4jzz4pm6zxj4mw5pagdjjr2a9f36s6jjnnu",
	    "tb1qcrh3yqn4nlleplcez2yndq2ry8h9ncg3qh7n54",
	    "bcrt1q65nhlm4hf2ptg3t264al57p7wjxj2c3s6kyt83",
	};
	static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz"
				       "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	size_t i, k, j, tried = 0, accepted = 0;

	for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		char m[128];
		size_t n = strlen(addrs[i]);

		for (k = 0; k < n; k++) {
			for (j = 0; alphabet[j] != '\0'; j++) {
				struct fl_address a;
				size_t net;

				if (alphabet[j] == addrs[i][k])
					continue;
				memcpy(m, addrs[i], n + 1);
				m[k] = alphabet[j];
				for (net = 0; net < 4; net++) {
					tried++;
					if (fl_address_decode(m,
						(enum fl_network)net,
						FL_ADDR_ALLOW_FUTURE_WITNESS,
						&a, NULL, NULL) == 0) {
						accepted++;
						tap_diag("accepted \"%s\"", m);
					}
				}
			}
		}
	}
	check_uint(tried, >, 20000);
	check_uint(accepted, ==, 0);
}

int
main(void)
{
	test_mutations();
	test_key_io_valid();
	test_key_io_invalid();
	test_rejects();
	test_names();
	test_from_script();
	return test_done();
}
