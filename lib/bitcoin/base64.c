#include "base64.h"

#include <stdlib.h>

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void
fl_base64_encode(const uint8_t *data, size_t len, char *out)
{
	size_t i, o = 0;
	uint32_t v;

	for (i = 0; i + 3 <= len; i += 3) {
		v = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8 |
		    data[i + 2];
		out[o++] = alphabet[v >> 18 & 63];
		out[o++] = alphabet[v >> 12 & 63];
		out[o++] = alphabet[v >> 6 & 63];
		out[o++] = alphabet[v & 63];
	}
	if (len - i == 1) {
		v = (uint32_t)data[i] << 16;
		out[o++] = alphabet[v >> 18 & 63];
		out[o++] = alphabet[v >> 12 & 63];
		out[o++] = '=';
		out[o++] = '=';
	} else if (len - i == 2) {
		v = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8;
		out[o++] = alphabet[v >> 18 & 63];
		out[o++] = alphabet[v >> 12 & 63];
		out[o++] = alphabet[v >> 6 & 63];
		out[o++] = '=';
	}
	out[o] = '\0';
}

static int
value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int
fl_base64_decode(const char *s, size_t len, uint8_t **out, size_t *outlen,
    struct fl_err *e)
{
	uint8_t *p;
	size_t i, j, o = 0, pad = 0;
	int d[4];
	uint32_t v;

	*out = NULL;
	*outlen = 0;
	if (len % 4 != 0)
		return fl_err_set(e, FL_EDATA,
		    "base64: length %zu is not a multiple of 4", len);
	if (len >= 4 && s[len - 1] == '=')
		pad = s[len - 2] == '=' ? 2 : 1;
	p = malloc(len / 4 * 3 + 1);
	if (p == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (i = 0; i < len; i += 4) {
		for (j = 0; j < 4; j++) {
			d[j] = value(s[i + j]);
			if (d[j] >= 0)
				continue;
			if (s[i + j] == '=' && i + 4 == len && j >= 4 - pad) {
				d[j] = 0;
				continue;
			}
			free(p);
			if (s[i + j] == '=')
				return fl_err_setl(e, FL_EDATA, 0, i + j + 1,
				    "base64: misplaced padding at position %zu",
				    i + j + 1);
			return fl_err_setl(e, FL_EDATA, 0, i + j + 1,
			    "base64: invalid character at position %zu",
			    i + j + 1);
		}
		v = (uint32_t)d[0] << 18 | (uint32_t)d[1] << 12 |
		    (uint32_t)d[2] << 6 | (uint32_t)d[3];
		p[o++] = (uint8_t)(v >> 16);
		p[o++] = (uint8_t)(v >> 8);
		p[o++] = (uint8_t)v;
	}
	if ((pad == 1 && (d[2] & 3) != 0) || (pad == 2 && (d[1] & 15) != 0)) {
		free(p);
		return fl_err_setl(e, FL_EDATA, 0, len - pad,
		    "base64: non-zero unused bits");
	}
	*out = p;
	*outlen = o - pad;
	return 0;
}
