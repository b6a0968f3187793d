/*
 * contact: finds the Bitcoin address in a Tor relay's contact string, by
 * the rules of flattor-addrs(1) ("Finding the address"):
 *
 *   1. A ContactInfo "btc:" field (a whitespace-delimited token starting
 *      with "btc:", any case) wins over everything else; the first one
 *      counts.  Its value is the address (a "bitcoin:" scheme, a "?query"
 *      and surrounding brackets or punctuation are dropped); a value that
 *      is not address-like is "not-an-address".
 *   2. Otherwise every "bitcoin:" URI (scheme in any case, query ignored)
 *      and every bare token that is a whole run of letters and digits
 *      shaped like an address is a candidate.  Candidates with different
 *      text are "ambiguous"; one text, even repeated, is the answer.
 *
 * Nothing is allocated; the result is in a caller-owned struct.
 */
#ifndef FL_CONTACT_H
#define FL_CONTACT_H

#include "address.h"
#include "diag.h"

enum fl_contact_source {
	FL_CONTACT_NONE, /* no candidate at all */
	FL_CONTACT_CIISS, /* the ContactInfo btc: field */
	FL_CONTACT_BIP21, /* a bitcoin: URI */
	FL_CONTACT_BARE /* a whole token of the contact */
};

/* "", "ciiss", "bip21", "bare"; "?" out of range. */
const char *fl_contact_source_name(enum fl_contact_source s);

struct fl_contact {
	enum fl_contact_source source; /* of the address or the rejected
					  candidate */
	enum fl_addr_reject reason; /* FL_REJECT_NONE unless rejected */
	struct fl_address addr; /* when found and not rejected */
	char candidate[FL_ADDR_TEXT_MAX + 1]; /* the (first) candidate's text,
						 cut at 90 bytes */
};

/*
 * Extracts the address of contact (a NUL-terminated UTF-8 string) for
 * network net; flags as fl_address_decode.
 * Returns 0 with c->source set and c->addr filled when an address was
 * found, 0 with c->source FL_CONTACT_NONE when the contact has no
 * candidate, or FL_EDATA when it has candidates but no usable address:
 * c->reason says why (bad-checksum, wrong-network, ambiguous,
 * unsupported-witness-version, invalid-key, not-an-address) and e->msg
 * explains, with the candidate in double quotes.
 */
int fl_contact_extract(const char *contact, enum fl_network net, unsigned flags,
    struct fl_contact *c, struct fl_err *e);

#endif
