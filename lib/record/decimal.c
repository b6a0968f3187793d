#include "decimal.h"

#include <stdio.h>
#include <string.h>

int
fl_decimal_parse_u64(const char *s, uint64_t *v, struct fl_err *e)
{
	uint64_t x = 0;
	const char *p;

	*v = 0;
	if (*s == '\0')
		return fl_err_set(e, FL_EDATA, "invalid integer \"\"");
	for (p = s; *p != '\0'; p++) {
		unsigned d;

		if (*p < '0' || *p > '9')
			return fl_err_set(e, FL_EDATA, "invalid integer \"%s\"",
			    s);
		d = (unsigned)(*p - '0');
		if (x > (UINT64_MAX - d) / 10)
			return fl_err_set(e, FL_EDATA,
			    "integer out of range \"%s\"", s);
		x = x * 10 + d;
	}
	*v = x;
	return 0;
}

int
fl_decimal_split(const char *s, size_t len, const char **ip, size_t *il,
    const char **fp, size_t *fl)
{
	size_t i = 0;

	*ip = s;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	*il = i;
	*fp = s + i;
	*fl = 0;
	if (i < len && s[i] == '.') {
		i++;
		*fp = s + i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		*fl = (size_t)(s + i - *fp);
	}
	if (i != len || *il + *fl == 0)
		return -1;
	return 0;
}

int
fl_decimal_parse(const char *s, unsigned scale, int round, uint64_t *v,
    struct fl_err *e)
{
	const char *ip, *fp, *ex;
	size_t len, il, fl, i, ndig;
	long exp = 0, shift;
	uint64_t x = 0;
	int roundup = 0, inexact = 0;
	char digits[4096];

	*v = 0;
	ex = strpbrk(s, "eE");
	len = ex != NULL ? (size_t)(ex - s) : strlen(s);
	if (fl_decimal_split(s, len, &ip, &il, &fp, &fl) != 0)
		return fl_err_set(e, FL_EDATA, "invalid number \"%s\"", s);
	if (ex != NULL) {
		const char *p = ex + 1;
		int neg = 0;

		if (*p == '+' || *p == '-')
			neg = *p++ == '-';
		if (*p == '\0')
			return fl_err_set(e, FL_EDATA, "invalid number \"%s\"",
			    s);
		for (; *p != '\0'; p++) {
			if (*p < '0' || *p > '9' || exp > 100000)
				return fl_err_set(e, FL_EDATA,
				    "invalid number \"%s\"", s);
			exp = exp * 10 + (*p - '0');
		}
		if (neg)
			exp = -exp;
	}
	if (il + fl >= sizeof(digits))
		return fl_err_set(e, FL_EDATA, "number too long \"%s\"", s);
	memcpy(digits, ip, il);
	memcpy(digits + il, fp, fl);
	ndig = il + fl;
	/*
	 * value = digits * 10^(exp - fl); we want digits * 10^(exp - fl +
	 * scale), so the decimal point sits after the first ndig + shift
	 * digits.
	 */
	shift = exp - (long)fl + (long)scale;
	for (i = 0; i < ndig; i++) {
		/* Digit i has weight 10^(ndig - 1 - i + shift). */
		long weight = (long)ndig - 1 - (long)i + shift;
		unsigned d = (unsigned)(digits[i] - '0');

		if (weight >= 0) {
			if (x > (UINT64_MAX - d) / 10)
				goto range;
			x = x * 10 + d;
		} else {
			if (weight == -1 && d >= 5)
				roundup = 1;
			if (d != 0)
				inexact = 1;
		}
	}
	/* Trailing zeros implied by a positive shift. */
	if (shift > 0) {
		long k;

		for (k = 0; k < shift; k++) {
			if (x == 0)
				break;
			if (x > UINT64_MAX / 10)
				goto range;
			x *= 10;
		}
	}
	if (inexact && !round)
		return fl_err_set(e, FL_EDATA,
		    "invalid number \"%s\": more than %u decimals", s, scale);
	if (roundup) {
		if (x == UINT64_MAX)
			goto range;
		x++;
	}
	*v = x;
	return 0;
range:
	return fl_err_set(e, FL_EDATA, "number out of range \"%s\"", s);
}

void
fl_decimal_format(uint64_t v, unsigned scale, char *buf, size_t size)
{
	uint64_t p = 1, ip, fp;
	unsigned i, n;
	char frac[32];

	if (scale > 19)
		scale = 19;
	for (i = 0; i < scale; i++)
		p *= 10;
	ip = v / p;
	fp = v % p;
	if (scale == 0 || fp == 0) {
		snprintf(buf, size, "%llu", (unsigned long long)ip);
		return;
	}
	snprintf(frac, sizeof(frac), "%0*llu", (int)scale,
	    (unsigned long long)fp);
	n = scale;
	while (n > 1 && frac[n - 1] == '0')
		n--;
	frac[n] = '\0';
	snprintf(buf, size, "%llu.%s", (unsigned long long)ip, frac);
}
