/*
 * The address decoder on any bytes, on every network: an address it takes
 * has a scriptPubKey that encodes back to the same text, and a refusal
 * always has a reason and a message.
 */
#include <string.h>

#include "address.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[256];
	unsigned net, flags;

	if (size >= sizeof(s))
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (net = 0; net < 4; net++) {
		for (flags = 0; flags < 2; flags++) {
			struct fl_address a, b;
			enum fl_addr_reject why;
			struct fl_err e;

			e.msg[0] = '\0';
			if (fl_address_decode(s, (enum fl_network)net, flags,
				&a, &why, &e) != 0) {
				if (why == FL_REJECT_NONE || e.msg[0] == '\0')
					__builtin_trap();
				continue;
			}
			if (fl_address_from_script(a.spk, a.spklen,
				(enum fl_network)net, &b, &e) != 0 ||
			    strcmp(a.text, b.text) != 0 || a.type != b.type)
				__builtin_trap();
		}
	}
	return 0;
}
