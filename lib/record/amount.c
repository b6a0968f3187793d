#include "amount.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "decimal.h"

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
	if (fl_decimal_split(s, len - unit, &ip, &il, &fp, &fl) != 0)
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
