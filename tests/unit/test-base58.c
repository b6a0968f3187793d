#include <jansson.h>
#include <strings.h>

#include "base58.h"
#include "hex.h"
#include "tap.h"

/* Bitcoin Core's base58_encode_decode.json: [hex, base58] pairs. */
static void
test_vectors(void)
{
	json_error_t je;
	json_t *root =
	    json_load_file("tests/vectors/base58_encode_decode.json", 0, &je);
	size_t i;

	check(root != NULL && json_is_array(root));
	if (root == NULL)
		return;
	check_uint(json_array_size(root), ==, 21);
	for (i = 0; i < json_array_size(root); i++) {
		json_t *v = json_array_get(root, i);
		const char *hex = json_string_value(json_array_get(v, 0));
		const char *b58 = json_string_value(json_array_get(v, 1));
		uint8_t data[256], back[256];
		size_t n, m;
		char enc[512], hexback[513];
		struct fl_err e;

		check_int(fl_hex_decode(hex, data, sizeof(data), &n, &e), ==,
		    0);
		check_int(fl_base58_encode(data, n, enc, sizeof(enc)), ==, 0);
		check_str(enc, b58);
		check_int(fl_base58_decode(b58, back, sizeof(back), &m, &e), ==,
		    0);
		fl_hex_encode(back, m, hexback);
		check(strcasecmp(hexback, hex) == 0);
	}
	json_decref(root);
}

static void
test_errors(void)
{
	uint8_t out[64];
	size_t n = 9;
	char s[64];
	struct fl_err e;
	static const uint8_t payload[] = {0x00, 0x01, 0x02};

	check_int(fl_base58_decode("3SEo3LWLoPn0C", out, sizeof(out), &n, &e),
	    ==, FL_EDATA);
	check_str(e.msg, "invalid base58 character");
	check_uint(n, ==, 0);
	check_int(fl_base58_decode("3SEo3LWLoPnIC", out, sizeof(out), &n, &e),
	    ==, FL_EDATA);
	check_int(fl_base58_decode("3SEo3LWLoPn C", out, sizeof(out), &n, &e),
	    ==, FL_EDATA);
	check_int(fl_base58_decode("3SEo3LWLoPntC", out, 3, &n, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "base58 data too long");
	check_int(fl_base58_encode(payload, 3, s, 2), ==, FL_EDATA);

	check_int(fl_base58check_encode(payload, 3, s, sizeof(s)), ==, 0);
	check_int(fl_base58check_decode(s, out, sizeof(out), &n, &e), ==, 0);
	check_uint(n, ==, 3);
	check_mem(out, payload, 3);
	/* One character changed: the checksum catches it. */
	s[3] = s[3] == 'a' ? 'b' : 'a';
	check_int(fl_base58check_decode(s, out, sizeof(out), &n, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "base58check checksum mismatch");
	check_int(fl_base58check_decode("1", out, sizeof(out), &n, &e), ==,
	    FL_EDATA);
	check_str(e.msg, "base58check data too short");
	check_int(fl_base58check_decode("1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i",
		      out, 4, &n, &e),
	    ==, FL_EDATA);
	check_str(e.msg, "base58check data too long");
	check_int(fl_base58check_decode("1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i",
		      out, sizeof(out), &n, &e),
	    ==, 0);
	check_uint(n, ==, 21);
	check_uint(out[0], ==, 0);
}

int
main(void)
{
	test_vectors();
	test_errors();
	return test_done();
}
