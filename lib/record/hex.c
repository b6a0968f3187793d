#include "hex.h"

#include <string.h>

void
fl_hex_encode(const uint8_t *data, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[data[i] >> 4];
		out[2 * i + 1] = digits[data[i] & 15];
	}
	out[2 * len] = '\0';
}

static int
nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
fl_hex_decode(const char *s, uint8_t *out, size_t size, size_t *outlen,
    struct fl_err *e)
{
	size_t len = strlen(s), i;

	*outlen = 0;
	if (len % 2 != 0)
		return fl_err_set(e, FL_EDATA, "odd number of hex digits");
	if (len / 2 > size)
		return fl_err_set(e, FL_EDATA, "hex data longer than %zu bytes",
		    size);
	for (i = 0; i < len / 2; i++) {
		int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return fl_err_set(e, FL_EDATA, "invalid hex digit");
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*outlen = len / 2;
	return 0;
}

void
fl_hex_reverse(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n / 2; i++) {
		uint8_t t = p[i];

		p[i] = p[n - 1 - i];
		p[n - 1 - i] = t;
	}
}
