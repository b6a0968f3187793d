/*
 * The contact extractor on any bytes: a found address occurs in the
 * contact (bech32 in any case), a refusal has a reason and a message.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "contact.h"
#include "fuzz.h"

static int
occurs(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fl_contact c;
	struct fl_err e;
	char *s;
	unsigned net;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (net = 0; net < 4; net++) {
		e.msg[0] = '\0';
		if (fl_contact_extract(s, (enum fl_network)net,
			FL_ADDR_ALLOW_FUTURE_WITNESS, &c, &e) != 0) {
			if (c.reason == FL_REJECT_NONE || e.msg[0] == '\0')
				__builtin_trap();
		} else if (c.source != FL_CONTACT_NONE &&
		    !occurs(s, c.addr.text)) {
			__builtin_trap();
		}
	}
	free(s);
	return 0;
}
