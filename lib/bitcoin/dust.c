#include "dust.h"

#include <string.h>

static const struct {
	const char *type;
	uint64_t sat;
} dust[] = {
    /* 3 sat/vB * (output size + size of the input that spends it). */
    {"p2pkh", 546}, /* (34 + 148) * 3 */
    {"p2sh", 540}, /* (32 + 148) * 3 */
    {"p2wpkh", 294}, /* (31 + 67) * 3 */
    {"p2wsh", 330}, /* (43 + 67) * 3 */
    {"p2tr", 330}, /* (43 + 67) * 3 */
};

int
fl_dust_threshold(const char *address_type, uint64_t *sat, struct fl_err *e)
{
	size_t i;

	*sat = 0;
	for (i = 0; i < sizeof(dust) / sizeof(dust[0]); i++)
		if (strcmp(address_type, dust[i].type) == 0) {
			*sat = dust[i].sat;
			return 0;
		}
	return fl_err_set(e, FL_EDATA, "unknown address type \"%s\"",
	    address_type);
}
