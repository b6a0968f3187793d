#include "base58.h"

#include <string.h>

#include "hash.h"
#include "secret.h"

static const char alphabet[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/* The longest input handled: far above any address or key. */
#define B58_MAX 256

int
fl_base58_encode(const uint8_t *data, size_t len, char *out, size_t size)
{
	uint8_t digits[B58_MAX * 138 / 100 + 2];
	size_t zeros = 0, n = 0, i, j;

	if (len > B58_MAX)
		return FL_EDATA;
	while (zeros < len && data[zeros] == 0)
		zeros++;
	/* Big-number division by 58, as base 58 digits little-endian. */
	for (i = zeros; i < len; i++) {
		unsigned carry = data[i];

		for (j = 0; j < n; j++) {
			carry += (unsigned)digits[j] << 8;
			digits[j] = (uint8_t)(carry % 58);
			carry /= 58;
		}
		while (carry > 0) {
			digits[n++] = (uint8_t)(carry % 58);
			carry /= 58;
		}
	}
	if (zeros + n + 1 > size)
		return FL_EDATA;
	for (i = 0; i < zeros; i++)
		out[i] = '1';
	for (j = 0; j < n; j++)
		out[zeros + j] = alphabet[digits[n - 1 - j]];
	out[zeros + n] = '\0';
	return 0;
}

int
fl_base58_decode(const char *s, uint8_t *out, size_t size, size_t *outlen,
    struct fl_err *e)
{
	uint8_t bytes[B58_MAX];
	size_t len = strlen(s), zeros = 0, n = 0, i, j;

	*outlen = 0;
	if (len > B58_MAX * 2)
		return fl_err_set(e, FL_EDATA, "base58 string too long");
	while (zeros < len && s[zeros] == '1')
		zeros++;
	for (i = zeros; i < len; i++) {
		const char *p = s[i] != '\0' ? strchr(alphabet, s[i]) : NULL;
		unsigned carry;

		if (p == NULL) {
			fl_secret_wipe(bytes, sizeof(bytes));
			return fl_err_set(e, FL_EDATA,
			    "invalid base58 character");
		}
		carry = (unsigned)(p - alphabet);
		for (j = 0; j < n; j++) {
			carry += (unsigned)bytes[j] * 58;
			bytes[j] = (uint8_t)(carry & 0xff);
			carry >>= 8;
		}
		while (carry > 0) {
			if (n == sizeof(bytes)) {
				fl_secret_wipe(bytes, sizeof(bytes));
				return fl_err_set(e, FL_EDATA,
				    "base58 string too long");
			}
			bytes[n++] = (uint8_t)(carry & 0xff);
			carry >>= 8;
		}
	}
	if (zeros + n > size) {
		fl_secret_wipe(bytes, sizeof(bytes));
		return fl_err_set(e, FL_EDATA, "base58 data too long");
	}
	memset(out, 0, zeros);
	for (j = 0; j < n; j++)
		out[zeros + j] = bytes[n - 1 - j];
	*outlen = zeros + n;
	fl_secret_wipe(bytes, sizeof(bytes));
	return 0;
}

int
fl_base58check_encode(const uint8_t *data, size_t len, char *out, size_t size)
{
	uint8_t buf[B58_MAX], h[32];
	int rc;

	if (len + 4 > sizeof(buf))
		return FL_EDATA;
	memcpy(buf, data, len);
	fl_sha256d(data, len, h);
	memcpy(buf + len, h, 4);
	rc = fl_base58_encode(buf, len + 4, out, size);
	fl_secret_wipe(buf, sizeof(buf));
	return rc;
}

int
fl_base58check_decode(const char *s, uint8_t *out, size_t size, size_t *outlen,
    struct fl_err *e)
{
	uint8_t buf[B58_MAX], h[32];
	size_t n;
	int rc;

	*outlen = 0;
	if ((rc = fl_base58_decode(s, buf, sizeof(buf), &n, e)) != 0)
		return rc;
	if (n < 4) {
		rc = fl_err_set(e, FL_EDATA, "base58check data too short");
		goto out;
	}
	fl_sha256d(buf, n - 4, h);
	if (memcmp(h, buf + n - 4, 4) != 0) {
		rc = fl_err_set(e, FL_EDATA, "base58check checksum mismatch");
		goto out;
	}
	if (n - 4 > size) {
		rc = fl_err_set(e, FL_EDATA, "base58check data too long");
		goto out;
	}
	memcpy(out, buf, n - 4);
	*outlen = n - 4;
out:
	fl_secret_wipe(buf, sizeof(buf));
	return rc;
}
