/*
 * weigh: from relays with payee addresses (the output of flattor-addrs) to
 * one row per payee address (flattor(7), THE TABLES, "Payees").
 *
 *	fl_weigh_read()    the input rows -> the eligible relays, each with
 *	                   its integer weight under the chosen metric
 *	fl_weigh_payees()  eligible relays -> operators (union-find) and one
 *	                   payee per address, the amount split exactly by
 *	                   largest remainder, sorted by sat descending
 *	fl_weigh_write()   the payees as TSV
 *
 * Strings in the structs below are malloc'ed and owned by the struct that
 * holds them; release them with the matching _free function.
 */
#ifndef FL_WEIGH_H
#define FL_WEIGH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "tsv.h"

enum fl_weigh_by {
	FL_WEIGH_CONSENSUS, /* consensus_weight */
	FL_WEIGH_GUARD, /* guard_probability, in units of 10^-12 */
	FL_WEIGH_MIDDLE, /* middle_probability, in units of 10^-12 */
	FL_WEIGH_EXIT, /* exit_probability, in units of 10^-12 */
	FL_WEIGH_ADVERTISED /* advertised_bandwidth, bytes/s */
};

/* Boost factors are exact decimals with at most 6 digits after the point. */
#define FL_WEIGH_BOOST_SCALE 6
#define FL_WEIGH_BOOST_UNIT UINT64_C(1000000)

struct fl_weigh_boost {
	const char *flag; /* points into the option text */
	uint64_t factor; /* in units of 10^-6 */
	const char *text; /* the factor as given */
};

struct fl_weigh_opts {
	enum fl_weigh_by by;
	int include_unmeasured;
	const char **require_flag;
	size_t nrequire_flag;
	const char **exclude_flag;
	size_t nexclude_flag;
	int64_t min_age; /* seconds; < 0: no minimum */
	const char **country; /* two letters, compared without case */
	size_t ncountry;
	const char **exclude_country;
	size_t nexclude_country;
	uint32_t *as; /* AS numbers */
	size_t nas;
	uint32_t *exclude_as;
	size_t nexclude_as;
	struct fl_weigh_boost
	    *boost; /* sorted by flag: see fl_weigh_boost_sort */
	size_t nboost;
};

/* An eligible relay. */
struct fl_weigh_relay {
	char *fingerprint;
	char *address;
	char *address_type;
	char **family; /* effective family fingerprints, upper case */
	size_t nfamily;
	char **family_ids;
	size_t nfamily_ids;
	uint64_t weight; /* the metric, boosted */
	unsigned long line; /* input line, for diagnostics */
};

struct fl_weigh_relays {
	struct fl_weigh_relay *relay;
	size_t n;
};

struct fl_weigh_payee {
	char *operator; /* smallest fingerprint of the operator */
	char *address;
	char *address_type;
	size_t relays; /* eligible relays with weight > 0 at this address */
	char *fingerprints; /* those relays, ascending, comma-separated */
	uint64_t weight;
	char share[24]; /* weight / total, at most 12 decimals */
	uint64_t sat;
};

struct fl_weigh_payees {
	struct fl_weigh_payee *payee;
	size_t n;
	uint64_t amount; /* what the sat column sums to */
};

/* "consensus", "guard", "middle", "exit" or "advertised"; else FL_EUSAGE. */
int fl_weigh_by_parse(const char *s, enum fl_weigh_by *by, struct fl_err *e);
/* The name of a metric, and the column it reads. */
const char *fl_weigh_by_name(enum fl_weigh_by by);
const char *fl_weigh_by_column(enum fl_weigh_by by);

/*
 * Parses "FLAG=FACTOR" (e.g. "Exit=1.5"); b->flag and b->text point into s,
 * which is modified (the '=' becomes a NUL) and must outlive b.  Returns 0
 * or FL_EUSAGE.
 */
int fl_weigh_boost_parse(char *s, struct fl_weigh_boost *b, struct fl_err *e);
/* Sorts boosts by flag; the same flag twice is FL_EUSAGE. */
int fl_weigh_boost_sort(struct fl_weigh_boost *b, size_t n, struct fl_err *e);

/* Is s a relay flag name ([A-Za-z0-9]+, as in "Exit")?  1 or 0. */
int fl_weigh_flag_ok(const char *s);

/* An AS number, "AS3320" or "3320" (any case of "AS"); else FL_EDATA. */
int fl_weigh_as_parse(const char *s, uint32_t *as, struct fl_err *e);

/*
 * Reads every row of r (opened, header read) and keeps the eligible relays
 * with an address.  Returns 0, or FL_EDATA with e set and e->line the
 * offending line (a missing column, an invalid field, a duplicate
 * fingerprint), or FL_ENOMEM.  The caller frees rel with
 * fl_weigh_relays_free() in either case.
 */
int fl_weigh_read(struct fl_tsv_reader *r, const struct fl_weigh_opts *o,
    struct fl_weigh_relays *rel, struct fl_err *e);
void fl_weigh_relays_free(struct fl_weigh_relays *rel);

/*
 * Groups rel into operators and makes one payee per address whose weight is
 * above 0, amount split among them.  rel is reordered (sorted by
 * fingerprint).  Returns 0; FL_EDATA when there is no payee ("no eligible
 * relay"), a fingerprint appears twice, an address has two types, or a
 * weight overflows; FL_ENOMEM.  On success the caller frees p with
 * fl_weigh_payees_free(); on failure p is empty.
 */
int fl_weigh_payees(struct fl_weigh_relays *rel, uint64_t amount,
    struct fl_weigh_payees *p, struct fl_err *e);
void fl_weigh_payees_free(struct fl_weigh_payees *p);

/* Writes the header and the payee rows. */
void fl_weigh_write(FILE *out, const struct fl_weigh_payees *p);

#endif
