#include "amount.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

int
fl_u64_parse(const char *s, uint64_t *v, struct fl_err *e)
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

/*
 * Splits "123.456" into integer digits and fraction digits.  Returns 0 and
 * sets the spans, or -1 when the text is not digits[.digits] with at least
 * one digit.
 */
static int
split_decimal(const char *s, size_t len, const char **ip, size_t *il,
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
fl_amount_parse(const char *s, int64_t *sat, struct fl_err *e)
{
	const char *ip, *fp;
	size_t len = strlen(s), il, fl, i, unit = 0;
	int btc = 1;
	uint64_t x = 0;

	*sat = 0;
	if (len > 4 && strcasecmp(s + len - 4, "sats") == 0) {
		btc = 0;
		unit = 4;
	} else if (len > 3 && strcasecmp(s + len - 3, "sat") == 0) {
		btc = 0;
		unit = 3;
	} else if (len > 3 && strcasecmp(s + len - 3, "btc") == 0) {
		unit = 3;
	}
	if (split_decimal(s, len - unit, &ip, &il, &fp, &fl) != 0)
		return fl_err_set(e, FL_EDATA,
		    "invalid amount \"%s\" (e.g. 0.01btc or 1000000sat)", s);
	if (!btc && (fp != ip + il || fl > 0))
		return fl_err_set(e, FL_EDATA,
		    "invalid amount \"%s\": satoshis take no decimals", s);
	if (fl > 8)
		return fl_err_set(e, FL_EDATA,
		    "invalid amount \"%s\": more than 8 decimals", s);
	for (i = 0; i < il; i++) {
		x = x * 10 + (uint64_t)(ip[i] - '0');
		if (x > (uint64_t)FL_MAX_MONEY)
			goto range;
	}
	if (btc) {
		for (i = 0; i < 8; i++) {
			x = x * 10 + (i < fl ? (uint64_t)(fp[i] - '0') : 0);
			if (x > (uint64_t)FL_MAX_MONEY)
				goto range;
		}
	}
	if (x == 0)
		return fl_err_set(e, FL_EDATA,
		    "invalid amount \"%s\": must be more than zero", s);
	*sat = (int64_t)x;
	return 0;
range:
	return fl_err_set(e, FL_EDATA,
	    "invalid amount \"%s\": more than 21000000 BTC", s);
}

void
fl_amount_format_btc(int64_t sat, char *buf, size_t size)
{
	uint64_t a = sat < 0 ? (uint64_t)0 - (uint64_t)sat : (uint64_t)sat;

	snprintf(buf, size, "%s%llu.%08llu", sat < 0 ? "-" : "",
	    (unsigned long long)(a / (uint64_t)FL_COIN),
	    (unsigned long long)(a % (uint64_t)FL_COIN));
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
	if (split_decimal(s, len, &ip, &il, &fp, &fl) != 0)
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

int
fl_duration_parse(const char *s, int64_t *secs, struct fl_err *e)
{
	size_t len = strlen(s);
	uint64_t n, mul;
	char num[32];

	*secs = 0;
	if (len < 2 || len - 1 >= sizeof(num))
		goto bad;
	switch (s[len - 1]) {
	case 's':
		mul = 1;
		break;
	case 'm':
		mul = 60;
		break;
	case 'h':
		mul = 3600;
		break;
	case 'd':
		mul = 86400;
		break;
	case 'w':
		mul = 604800;
		break;
	default:
		goto bad;
	}
	memcpy(num, s, len - 1);
	num[len - 1] = '\0';
	if (fl_u64_parse(num, &n, NULL) != 0)
		goto bad;
	/* Up to about a thousand years: more is a typing mistake. */
	if (n > (UINT64_C(1) << 35) / mul)
		return fl_err_set(e, FL_EDATA,
		    "invalid duration \"%s\": too long", s);
	*secs = (int64_t)(n * mul);
	return 0;
bad:
	return fl_err_set(e, FL_EDATA,
	    "invalid duration \"%s\" (an integer with s, m, h, d or w, "
	    "e.g. 30d)",
	    s);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int
digits(const char *s, size_t n, unsigned *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return 0;
}

/* "YYYY-MM-DD?HH:MM:SS" with sep at offset 10, then tail. */
static int
parse_time(const char *s, char sep, const char *tail, int64_t *t)
{
	static const unsigned mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};
	unsigned y, mo, d, h, mi, se;

	if (strlen(s) != 19 + strlen(tail) || strcmp(s + 19, tail) != 0)
		return -1;
	if (s[4] != '-' || s[7] != '-' || s[10] != sep || s[13] != ':' ||
	    s[16] != ':')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
	    digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) ||
	    digits(s + 17, 2, &se))
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    h > 23 || mi > 59 || se > 59)
		return -1;
	if (mo == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return -1;
	*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return 0;
}

int
fl_time_parse(const char *s, int64_t *t, struct fl_err *e)
{
	*t = 0;
	if (parse_time(s, 'T', "Z", t) != 0)
		return fl_err_set(e, FL_EDATA,
		    "invalid time \"%s\" (ISO 8601 UTC, e.g. "
		    "2026-11-26T12:00:00Z)",
		    s);
	return 0;
}

int
fl_time_parse_space(const char *s, int64_t *t, struct fl_err *e)
{
	*t = 0;
	if (parse_time(s, ' ', "", t) != 0)
		return fl_err_set(e, FL_EDATA,
		    "invalid time \"%s\" (YYYY-MM-DD HH:MM:SS)", s);
	return 0;
}

void
fl_time_format(int64_t t, char *buf, size_t size)
{
	int64_t days = t / 86400, rem = t % 86400, y;
	unsigned m, d;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04lld-%02u-%02uT%02u:%02u:%02uZ", (long long)y, m,
	    d, (unsigned)(rem / 3600), (unsigned)(rem / 60 % 60),
	    (unsigned)(rem % 60));
}
