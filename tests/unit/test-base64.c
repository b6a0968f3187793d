#include <stdlib.h>

#include "base64.h"
#include "tap.h"

static void
roundtrip(const char *bin, const char *text)
{
	char out[64];
	uint8_t *p;
	size_t n;
	struct fl_err e;

	fl_base64_encode((const uint8_t *)bin, strlen(bin), out);
	check_str(out, text);
	check_int(fl_base64_decode(text, strlen(text), &p, &n, &e), ==, 0);
	check_uint(n, ==, strlen(bin));
	if (p != NULL)
		check_mem(p, bin, n);
	free(p);
}

static void
bad(const char *text, const char *msg)
{
	uint8_t *p = (uint8_t *)1;
	size_t n = 1;
	struct fl_err e;

	check_int(fl_base64_decode(text, strlen(text), &p, &n, &e), ==,
	    FL_EDATA);
	check_str(e.msg, msg);
	check(p == NULL && n == 0);
}

int
main(void)
{
	/* RFC 4648 section 10. */
	roundtrip("", "");
	roundtrip("f", "Zg==");
	roundtrip("fo", "Zm8=");
	roundtrip("foo", "Zm9v");
	roundtrip("foob", "Zm9vYg==");
	roundtrip("fooba", "Zm9vYmE=");
	roundtrip("foobar", "Zm9vYmFy");
	roundtrip("\xff\xfe\xfd", "//79");
	roundtrip("\xfb\xef", "++8=");

	bad("Zg=", "base64: length 3 is not a multiple of 4");
	bad("Zg==Zm9v", "base64: misplaced padding at position 3");
	bad("Z===", "base64: misplaced padding at position 2");
	bad("=Zm9", "base64: misplaced padding at position 1");
	bad("Zm9 ", "base64: invalid character at position 4");
	bad("Zm-v", "base64: invalid character at position 3");
	bad("Zm\nv", "base64: invalid character at position 3");
	bad("Zh==", "base64: non-zero unused bits");
	bad("Zm9=", "base64: non-zero unused bits");
	return test_done();
}
