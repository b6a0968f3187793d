#include "duration.h"

#include <string.h>

#include "decimal.h"

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
	if (fl_decimal_parse_u64(num, &n, NULL) != 0)
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
