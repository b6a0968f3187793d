#include "weigh.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decimal.h"
#include "timestamp.h"
#include "apportion.h"

static const struct {
	const char *name;
	const char *column;
} metrics[] = {
    [FL_WEIGH_CONSENSUS] = {"consensus", "consensus_weight"},
    [FL_WEIGH_GUARD] = {"guard", "guard_probability"},
    [FL_WEIGH_MIDDLE] = {"middle", "middle_probability"},
    [FL_WEIGH_EXIT] = {"exit", "exit_probability"},
    [FL_WEIGH_ADVERTISED] = {"advertised", "advertised_bandwidth"},
};

int
fl_weigh_by_parse(const char *s, enum fl_weigh_by *by, struct fl_err *e)
{
	size_t i;

	for (i = 0; i < sizeof(metrics) / sizeof(metrics[0]); i++)
		if (strcmp(s, metrics[i].name) == 0) {
			*by = (enum fl_weigh_by)i;
			return 0;
		}
	return fl_err_set(e, FL_EUSAGE,
	    "invalid metric \"%s\" (consensus, guard, middle, exit or "
	    "advertised)",
	    s);
}

const char *
fl_weigh_by_name(enum fl_weigh_by by)
{
	return metrics[by].name;
}

const char *
fl_weigh_by_column(enum fl_weigh_by by)
{
	return metrics[by].column;
}

int
fl_weigh_flag_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			(*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

int
fl_weigh_boost_parse(char *s, struct fl_weigh_boost *b, struct fl_err *e)
{
	char *eq = strchr(s, '=');
	struct fl_err e2;

	memset(b, 0, sizeof(*b));
	if (eq == NULL)
		return fl_err_set(e, FL_EUSAGE,
		    "invalid boost \"%s\" (FLAG=FACTOR, e.g. Exit=1.5)", s);
	*eq = '\0';
	if (!fl_weigh_flag_ok(s)) {
		fl_err_set(e, FL_EUSAGE, "invalid boost flag \"%s\"", s);
		*eq = '=';
		return FL_EUSAGE;
	}
	if (fl_decimal_parse(eq + 1, FL_WEIGH_BOOST_SCALE, 0, &b->factor,
		&e2) != 0) {
		fl_err_set(e, FL_EUSAGE,
		    "invalid boost factor \"%s\" (a decimal with at most 6 "
		    "digits after the point)",
		    eq + 1);
		*eq = '=';
		b->factor = 0;
		return FL_EUSAGE;
	}
	b->flag = s;
	b->text = eq + 1;
	return 0;
}

static int
boost_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fl_weigh_boost *)a)->flag,
	    ((const struct fl_weigh_boost *)b)->flag);
}

int
fl_weigh_boost_sort(struct fl_weigh_boost *b, size_t n, struct fl_err *e)
{
	size_t i;

	if (n > 0)
		qsort(b, n, sizeof(*b), boost_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(b[i - 1].flag, b[i].flag) == 0)
			return fl_err_set(e, FL_EUSAGE,
			    "flag \"%s\" boosted twice", b[i].flag);
	return 0;
}

int
fl_weigh_as_parse(const char *s, uint32_t *as, struct fl_err *e)
{
	const char *p = s;
	uint64_t v;
	struct fl_err e2;

	*as = 0;
	if ((p[0] == 'A' || p[0] == 'a') && (p[1] == 'S' || p[1] == 's'))
		p += 2;
	if (fl_decimal_parse_u64(p, &v, &e2) != 0 || v > UINT32_MAX)
		return fl_err_set(e, FL_EDATA, "invalid AS number \"%s\"", s);
	*as = (uint32_t)v;
	return 0;
}

/* Is flag in the comma-separated list? */
static int
has_flag(const char *list, const char *flag)
{
	size_t n = strlen(flag);
	const char *p = list;

	while (*p != '\0') {
		const char *c = strchr(p, ',');
		size_t len = c != NULL ? (size_t)(c - p) : strlen(p);

		if (len == n && memcmp(p, flag, n) == 0)
			return 1;
		if (c == NULL)
			break;
		p = c + 1;
	}
	return 0;
}

/* Splits a comma-separated list into malloc'ed strings, empty items left out. */
static int
split_list(const char *s, int upper, char ***out, size_t *n)
{
	size_t cap = 0, k = 0;
	char **v = NULL;

	*out = NULL;
	*n = 0;
	while (*s != '\0') {
		const char *c = strchr(s, ',');
		size_t len = c != NULL ? (size_t)(c - s) : strlen(s);

		if (upper && len > 0 && *s == '$') {
			/* Tor writes family members as "$FINGERPRINT". */
			s++;
			len--;
		}
		if (len > 0) {
			char *item;
			size_t i;

			if (k == cap) {
				size_t ncap = cap ? cap * 2 : 4;
				char **p = realloc(v, ncap * sizeof(*p));

				if (p == NULL)
					goto nomem;
				v = p;
				cap = ncap;
			}
			if ((item = strndup(s, len)) == NULL)
				goto nomem;
			if (upper)
				for (i = 0; i < len; i++)
					if (item[i] >= 'a' && item[i] <= 'z')
						item[i] = (char)(item[i] - 32);
			v[k++] = item;
		}
		if (c == NULL)
			break;
		s = c + 1;
	}
	*out = v;
	*n = k;
	return 0;
nomem:
	while (k > 0)
		free(v[--k]);
	free(v);
	return FL_ENOMEM;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
relay_free(struct fl_weigh_relay *x)
{
	free(x->fingerprint);
	free(x->address);
	free(x->address_type);
	free_list(x->family, x->nfamily);
	free_list(x->family_ids, x->nfamily_ids);
	memset(x, 0, sizeof(*x));
}

void
fl_weigh_relays_free(struct fl_weigh_relays *rel)
{
	size_t i;

	for (i = 0; i < rel->n; i++)
		relay_free(&rel->relay[i]);
	free(rel->relay);
	rel->relay = NULL;
	rel->n = 0;
}

/* The columns weigh reads, by index into col[]. */
enum {
	C_FINGERPRINT,
	C_RUNNING,
	C_FLAGS,
	C_MEASURED,
	C_METRIC,
	C_FIRST_SEEN,
	C_LAST_SEEN,
	C_COUNTRY,
	C_AS,
	C_FAMILY,
	C_FAMILY_IDS,
	C_ADDRESS,
	C_ADDRESS_TYPE,
	C_N
};

static int
bool_field(const struct fl_tsv_reader *r, int c, int empty_ok, int *v,
    struct fl_err *e)
{
	const char *s = r->field[c];

	*v = 0;
	if (strcmp(s, "1") == 0)
		*v = 1;
	else if (strcmp(s, "0") == 0 || (empty_ok && *s == '\0'))
		*v = 0;
	else
		return fl_err_setl(e, FL_EDATA, r->lineno, 0,
		    "column \"%s\": invalid boolean \"%s\"", r->cols[c], s);
	return 0;
}

static int
in_ci(const char *s, const char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static int
in_as(uint32_t as, const uint32_t *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == as)
			return 1;
	return 0;
}

static int
time_field(const struct fl_tsv_reader *r, int c, int64_t *t, struct fl_err *e)
{
	if (fl_timestamp_parse_space(r->field[c], t, e) != 0) {
		fl_err_prefix(e, "column \"%s\"", r->cols[c]);
		e->line = r->lineno;
		return FL_EDATA;
	}
	return 0;
}

/*
 * Decides whether the current row is eligible (apart from its age, known
 * only at the end); *eligible is set, or an error returned.
 */
static int
eligible_row(const struct fl_tsv_reader *r, const int *col,
    const struct fl_weigh_opts *o, int *eligible, struct fl_err *e)
{
	const char *flags = r->field[col[C_FLAGS]];
	int running, measured;
	size_t i;

	*eligible = 0;
	if (bool_field(r, col[C_RUNNING], 0, &running, e) != 0 ||
	    bool_field(r, col[C_MEASURED], 1, &measured, e) != 0)
		return FL_EDATA;
	if (!running || !has_flag(flags, "Running") ||
	    !has_flag(flags, "Valid") || has_flag(flags, "BadExit"))
		return 0;
	if (!measured && !o->include_unmeasured)
		return 0;
	for (i = 0; i < o->nrequire_flag; i++)
		if (!has_flag(flags, o->require_flag[i]))
			return 0;
	for (i = 0; i < o->nexclude_flag; i++)
		if (has_flag(flags, o->exclude_flag[i]))
			return 0;
	if (o->ncountry > 0 || o->nexclude_country > 0) {
		const char *cc = r->field[col[C_COUNTRY]];

		if (o->ncountry > 0 && !in_ci(cc, o->country, o->ncountry))
			return 0;
		if (in_ci(cc, o->exclude_country, o->nexclude_country))
			return 0;
	}
	if (o->nas > 0 || o->nexclude_as > 0) {
		const char *s = r->field[col[C_AS]];
		uint32_t as = 0;

		/* An unknown AS matches no --as and no --exclude-as. */
		if (*s != '\0' && fl_weigh_as_parse(s, &as, e) != 0) {
			fl_err_prefix(e, "column \"as\"");
			e->line = r->lineno;
			return FL_EDATA;
		}
		if (o->nas > 0 && (*s == '\0' || !in_as(as, o->as, o->nas)))
			return 0;
		if (*s != '\0' && in_as(as, o->exclude_as, o->nexclude_as))
			return 0;
	}
	if (*r->field[col[C_ADDRESS]] == '\0')
		return 0;
	*eligible = 1;
	return 0;
}

/* The relay at x has an empty metric and is eligible, also by its age. */
static int
metric_empty(const struct fl_tsv_reader *r, const struct fl_weigh_relay *x,
    const int *col, struct fl_err *e)
{
	return fl_err_setl(e, FL_EDATA, x->line, 0,
	    "column \"%s\": empty for an eligible relay",
	    r->cols[col[C_METRIC]]);
}

static int
metric_field(const struct fl_tsv_reader *r, const int *col,
    const struct fl_weigh_opts *o, uint64_t *w, struct fl_err *e)
{
	const char *s = r->field[col[C_METRIC]];
	const char *name = r->cols[col[C_METRIC]];
	size_t i;

	*w = 0;
	if (*s == '\0')
		return fl_err_setl(e, FL_EDATA, r->lineno, 0,
		    "column \"%s\": empty for an eligible relay", name);
	if (o->by == FL_WEIGH_CONSENSUS || o->by == FL_WEIGH_ADVERTISED) {
		if (fl_tsv_u64(r, col[C_METRIC], 0, w, e) != 0)
			return FL_EDATA;
	} else if (fl_decimal_parse(s, 12, 1, w, e) != 0) {
		fl_err_prefix(e, "column \"%s\"", name);
		e->line = r->lineno;
		return FL_EDATA;
	}
	/* Boosts in flag order, each rounded half up to an integer. */
	for (i = 0; i < o->nboost; i++) {
		fl_u128 x;

		if (!has_flag(r->field[col[C_FLAGS]], o->boost[i].flag))
			continue;
		x = ((fl_u128)*w * o->boost[i].factor +
			FL_WEIGH_BOOST_UNIT / 2) /
		    FL_WEIGH_BOOST_UNIT;
		if (x > UINT64_MAX)
			return fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "column \"%s\": boosted weight out of range", name);
		*w = (uint64_t)x;
	}
	return 0;
}

/* What every row, eligible or not, must agree on. */
struct seen {
	char *fp, *addr, *type; /* addr NULL for a row without an address */
	unsigned long line;
};

static int
seen_fp_cmp(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	int c = strcmp(x->fp, y->fp);

	return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

static int
seen_addr_cmp(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	int c;

	if (x->addr == NULL || y->addr == NULL)
		return (x->addr != NULL) - (y->addr != NULL);
	c = strcmp(x->addr, y->addr);
	return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

/*
 * A fingerprint twice, or an address with two types, makes the input
 * malformed whatever the filters say: checked over every row.
 */
static int
check_seen(struct seen *sn, size_t n, struct fl_err *e)
{
	size_t i, g;

	qsort(sn, n, sizeof(*sn), seen_fp_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(sn[i - 1].fp, sn[i].fp) == 0)
			return fl_err_setl(e, FL_EDATA, sn[i].line, 0,
			    "duplicate fingerprint \"%s\" (also on line %lu)",
			    sn[i].fp, sn[i - 1].line);
	/* Rows without an address sort first; g starts each address. */
	qsort(sn, n, sizeof(*sn), seen_addr_cmp);
	for (i = 0, g = 0; i < n; i++) {
		if (sn[i].addr == NULL)
			continue;
		if (sn[g].addr == NULL || strcmp(sn[g].addr, sn[i].addr) != 0)
			g = i;
		else if (strcmp(sn[g].type, sn[i].type) != 0)
			return fl_err_setl(e, FL_EDATA, sn[i].line, 0,
			    "address \"%s\": type \"%s\", but \"%s\" on "
			    "line %lu",
			    sn[i].addr, sn[i].type, sn[g].type, sn[g].line);
	}
	return 0;
}

static void
seen_free(struct seen *sn, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(sn[i].fp);
		free(sn[i].addr);
		free(sn[i].type);
	}
	free(sn);
}

int
fl_weigh_read(struct fl_tsv_reader *r, const struct fl_weigh_opts *o,
    struct fl_weigh_relays *rel, struct fl_err *e)
{
	static const char *const fetch = "flattor-fetch",
				 *const addrs = "flattor-addrs";
	int col[C_N], rc, need_time = o->min_age >= 0;
	int64_t *first_seen = NULL, latest = INT64_MIN;
	char *empty = NULL, *ne;
	struct seen *seen = NULL;
	size_t nseen = 0, seencap = 0;
	size_t cap = 0, i, k;

	rel->relay = NULL;
	rel->n = 0;
	for (i = 0; i < C_N; i++)
		col[i] = -1;
	{
		/* Required columns in the order flattor-addrs writes them. */
		static const struct {
			int c;
			const char *name;
			int addrs;
		} req[] = {{C_FINGERPRINT, "fingerprint", 0},
		    {C_RUNNING, "running", 0}, {C_FLAGS, "flags", 0},
		    {C_MEASURED, "measured", 0}, {C_METRIC, NULL, 0},
		    {C_FIRST_SEEN, "first_seen", 0},
		    {C_LAST_SEEN, "last_seen", 0}, {C_COUNTRY, "country", 0},
		    {C_AS, "as", 0}, {C_FAMILY, "family", 0},
		    {C_FAMILY_IDS, "family_ids", 0}, {C_ADDRESS, "address", 1},
		    {C_ADDRESS_TYPE, "address_type", 1}};

		for (i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
			int c = req[i].c;
			const char *name = req[i].name;

			if (c == C_METRIC)
				name = fl_weigh_by_column(o->by);
			if ((c == C_FIRST_SEEN || c == C_LAST_SEEN) &&
			    !need_time)
				continue;
			if (c == C_COUNTRY &&
			    o->ncountry + o->nexclude_country == 0)
				continue;
			if (c == C_AS && o->nas + o->nexclude_as == 0)
				continue;
			rc = fl_tsv_require(r, name,
			    req[i].addrs ? addrs : fetch, e);
			if (rc < 0)
				return rc;
			col[c] = rc;
		}
	}
	while ((rc = fl_tsv_next(r, e)) == 1) {
		struct fl_weigh_relay *x;
		int64_t fs = 0, ls;
		int ok;

		if (nseen == seencap) {
			size_t ncap = seencap ? seencap * 2 : 256;
			struct seen *ns = realloc(seen, ncap * sizeof(*ns));

			if (ns == NULL)
				goto nomem;
			seen = ns;
			seencap = ncap;
		}
		memset(&seen[nseen], 0, sizeof(*seen));
		seen[nseen].line = r->lineno;
		if ((seen[nseen].fp = strdup(r->field[col[C_FINGERPRINT]])) ==
			NULL ||
		    (seen[nseen].type =
			    strdup(r->field[col[C_ADDRESS_TYPE]])) == NULL ||
		    (*r->field[col[C_ADDRESS]] != '\0' &&
			(seen[nseen].addr = strdup(r->field[col[C_ADDRESS]])) ==
			    NULL)) {
			nseen++;
			goto nomem;
		}
		nseen++;

		if (need_time) {
			if (time_field(r, col[C_FIRST_SEEN], &fs, e) != 0 ||
			    time_field(r, col[C_LAST_SEEN], &ls, e) != 0)
				goto fail;
			if (ls > latest)
				latest = ls;
		}
		if (eligible_row(r, col, o, &ok, e) != 0)
			goto fail;
		if (!ok)
			continue;
		if (rel->n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			struct fl_weigh_relay *p;
			int64_t *q;

			p = realloc(rel->relay, ncap * sizeof(*p));
			if (p == NULL)
				goto nomem;
			rel->relay = p;
			if (need_time) {
				q = realloc(first_seen, ncap * sizeof(*q));
				if (q == NULL)
					goto nomem;
				first_seen = q;
				if ((ne = realloc(empty, ncap)) == NULL)
					goto nomem;
				empty = ne;
			}
			cap = ncap;
		}
		x = &rel->relay[rel->n];
		memset(x, 0, sizeof(*x));
		rel->n++;
		x->line = r->lineno;
		if (need_time)
			first_seen[rel->n - 1] = fs;
		/*
		 * Too young, the relay is not eligible and its metric may be
		 * empty; its age is known at the end: mark it for then.
		 */
		if (need_time)
			empty[rel->n - 1] = *r->field[col[C_METRIC]] == '\0';
		if ((!need_time || !empty[rel->n - 1]) &&
		    metric_field(r, col, o, &x->weight, e) != 0)
			goto fail;
		if ((x->fingerprint = strdup(r->field[col[C_FINGERPRINT]])) ==
			NULL ||
		    (x->address = strdup(r->field[col[C_ADDRESS]])) == NULL ||
		    (x->address_type = strdup(r->field[col[C_ADDRESS_TYPE]])) ==
			NULL ||
		    split_list(r->field[col[C_FAMILY]], 1, &x->family,
			&x->nfamily) != 0 ||
		    split_list(r->field[col[C_FAMILY_IDS]], 0, &x->family_ids,
			&x->nfamily_ids) != 0)
			goto nomem;
	}
	if (rc < 0)
		goto fail;
	if ((rc = check_seen(seen, nseen, e)) != 0)
		goto fail;
	if (need_time) {
		/* Age: from first_seen to the latest last_seen of the input. */
		for (i = 0; i < rel->n; i++)
			if (latest - first_seen[i] >= o->min_age && empty[i] &&
			    metric_empty(r, &rel->relay[i], col, e) != 0)
				goto fail;
		for (i = 0, k = 0; i < rel->n; i++) {
			if (latest - first_seen[i] < o->min_age) {
				relay_free(&rel->relay[i]);
				continue;
			}
			rel->relay[k++] = rel->relay[i];
		}
		rel->n = k;
	}
	free(first_seen);
	free(empty);
	seen_free(seen, nseen);
	return 0;
nomem:
	rc = fl_err_set(e, FL_ENOMEM, "out of memory");
fail:
	free(first_seen);
	free(empty);
	seen_free(seen, nseen);
	return rc < 0 ? rc : FL_EDATA;
}

/* Union-find over relay indices, with path halving. */
static size_t
uf_find(size_t *parent, size_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

static void
uf_union(size_t *parent, size_t a, size_t b)
{
	a = uf_find(parent, a);
	b = uf_find(parent, b);
	/* The smaller index is the root: indices follow fingerprint order. */
	if (a < b)
		parent[b] = a;
	else if (b < a)
		parent[a] = b;
}

static int
relay_fp_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fl_weigh_relay *)a)->fingerprint,
	    ((const struct fl_weigh_relay *)b)->fingerprint);
}

struct key {
	const char *s;
	size_t i;
};

static int
key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
fp_search(const void *k, const void *b)
{
	return strcmp(k, ((const struct fl_weigh_relay *)b)->fingerprint);
}

/* Links relays that share a string key (an address, a family id). */
static void
union_keys(size_t *parent, struct key *k, size_t n)
{
	size_t i;

	if (n > 0)
		qsort(k, n, sizeof(*k), key_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(k[i - 1].s, k[i].s) == 0)
			uf_union(parent, k[i - 1].i, k[i].i);
}

static int
payee_cmp(const void *a, const void *b)
{
	const struct fl_weigh_payee *x = a, *y = b;

	if (x->sat != y->sat)
		return x->sat > y->sat ? -1 : 1;
	return strcmp(x->address, y->address);
}

void
fl_weigh_payees_free(struct fl_weigh_payees *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->payee[i].operator);
		free(p->payee[i].address);
		free(p->payee[i].address_type);
		free(p->payee[i].fingerprints);
	}
	free(p->payee);
	p->payee = NULL;
	p->n = 0;
}

/* share = weight / total rounded half up to 12 decimals. */
static void
format_share(uint64_t weight, fl_u128 total, char *buf, size_t size)
{
	fl_u128 q =
	    ((fl_u128)weight * UINT64_C(2000000000000) + total) / (2 * total);

	fl_decimal_format((uint64_t)q, 12, buf, size);
}

/* Builds payee p from the relays k[from..to) that share one address. */
static int
make_payee(const struct fl_weigh_relays *rel, const struct key *k, size_t from,
    size_t to, const char *const *opid, struct fl_weigh_payee *p,
    struct fl_err *e)
{
	const struct fl_weigh_relay *first = &rel->relay[k[from].i];
	size_t i, len = 0;
	fl_u128 w = 0;
	char *s;

	memset(p, 0, sizeof(*p));
	for (i = from; i < to; i++) {
		const struct fl_weigh_relay *x = &rel->relay[k[i].i];

		if (strcmp(x->address_type, first->address_type) != 0)
			return fl_err_setl(e, FL_EDATA, x->line, 0,
			    "address \"%s\": type \"%s\", but \"%s\" on "
			    "line %lu",
			    x->address, x->address_type, first->address_type,
			    first->line);
		if (x->weight == 0)
			continue;
		w += x->weight;
		p->relays++;
		len += strlen(x->fingerprint) + 1;
	}
	if (w > UINT64_MAX)
		return fl_err_setl(e, FL_EDATA, first->line, 0,
		    "address \"%s\": weight out of range", first->address);
	p->weight = (uint64_t)w;
	if (p->relays == 0)
		return 0;
	if ((p->fingerprints = malloc(len)) == NULL)
		return FL_ENOMEM;
	s = p->fingerprints;
	/* k[from..to) is in index order, and indices in fingerprint order. */
	for (i = from; i < to; i++) {
		const struct fl_weigh_relay *x = &rel->relay[k[i].i];
		size_t n = strlen(x->fingerprint);

		if (x->weight == 0)
			continue;
		if (s != p->fingerprints)
			*s++ = ',';
		memcpy(s, x->fingerprint, n);
		s += n;
	}
	*s = '\0';
	if ((p->operator= strdup(opid[k[from].i])) == NULL ||
	    (p->address = strdup(first->address)) == NULL ||
	    (p->address_type = strdup(first->address_type)) == NULL)
		return FL_ENOMEM;
	return 0;
}

int
fl_weigh_payees(struct fl_weigh_relays *rel, uint64_t amount,
    struct fl_weigh_payees *p, struct fl_err *e)
{
	size_t n = rel->n, i, j, nk, np = 0, *parent = NULL;
	const char **opid = NULL;
	struct key *k = NULL;
	uint64_t *w = NULL, *sat = NULL;
	fl_u128 total = 0;
	int rc = 0;

	p->payee = NULL;
	p->n = 0;
	p->amount = amount;
	if (n == 0)
		return fl_err_set(e, FL_EDATA, "no eligible relay");
	qsort(rel->relay, n, sizeof(*rel->relay), relay_fp_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(rel->relay[i - 1].fingerprint,
			rel->relay[i].fingerprint) == 0)
			return fl_err_setl(e, FL_EDATA, rel->relay[i].line, 0,
			    "duplicate fingerprint \"%s\" (also on line %lu)",
			    rel->relay[i].fingerprint, rel->relay[i - 1].line);
	parent = malloc(n * sizeof(*parent));
	opid = malloc(n * sizeof(*opid));
	if (parent == NULL || opid == NULL)
		goto nomem;
	for (i = 0; i < n; i++)
		parent[i] = i;
	/* Effective family: a one-sided listing suffices (Tor's is mutual). */
	for (i = 0; i < n; i++)
		for (j = 0; j < rel->relay[i].nfamily; j++) {
			const struct fl_weigh_relay *f;

			f = bsearch(rel->relay[i].family[j], rel->relay, n,
			    sizeof(*rel->relay), fp_search);
			if (f != NULL)
				uf_union(parent, i, (size_t)(f - rel->relay));
		}
	/* Family ids. */
	for (i = 0, nk = 0; i < n; i++)
		nk += rel->relay[i].nfamily_ids;
	if ((k = malloc((nk > n ? nk : n) * sizeof(*k) + 1)) == NULL)
		goto nomem;
	for (i = 0, nk = 0; i < n; i++)
		for (j = 0; j < rel->relay[i].nfamily_ids; j++) {
			k[nk].s = rel->relay[i].family_ids[j];
			k[nk++].i = i;
		}
	union_keys(parent, k, nk);
	/* Addresses; k stays sorted by address for the payees below. */
	for (i = 0; i < n; i++) {
		k[i].s = rel->relay[i].address;
		k[i].i = i;
	}
	union_keys(parent, k, n);
	/* The root is the smallest index, so the smallest fingerprint. */
	for (i = 0; i < n; i++)
		opid[i] = rel->relay[uf_find(parent, i)].fingerprint;
	if ((p->payee = calloc(n, sizeof(*p->payee))) == NULL)
		goto nomem;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(k[j].s, k[i].s) == 0; j++)
			;
		rc = make_payee(rel, k, i, j, opid, &p->payee[np], e);
		if (rc == FL_ENOMEM) {
			p->n = np + 1;
			goto nomem;
		}
		if (rc != 0) {
			p->n = np + 1;
			goto out;
		}
		if (p->payee[np].weight > 0)
			total += p->payee[np++].weight;
	}
	p->n = np;
	if (np == 0) {
		rc = fl_err_set(e, FL_EDATA,
		    "no eligible relay with a weight above 0");
		goto out;
	}
	w = malloc(np * sizeof(*w));
	sat = malloc(np * sizeof(*sat));
	if (w == NULL || sat == NULL)
		goto nomem;
	for (i = 0; i < np; i++)
		w[i] = p->payee[i].weight;
	/* Payees are in address order: ties go to the smaller address. */
	if ((rc = fl_apportion(w, np, amount, NULL, sat, e)) != 0)
		goto out;
	for (i = 0; i < np; i++) {
		p->payee[i].sat = sat[i];
		format_share(p->payee[i].weight, total, p->payee[i].share,
		    sizeof(p->payee[i].share));
	}
	qsort(p->payee, np, sizeof(*p->payee), payee_cmp);
	goto out;
nomem:
	rc = fl_err_set(e, FL_ENOMEM, "out of memory");
out:
	free(parent);
	free(opid);
	free(k);
	free(w);
	free(sat);
	if (rc != 0)
		fl_weigh_payees_free(p);
	return rc;
}

void
fl_weigh_write(FILE *out, const struct fl_weigh_payees *p)
{
	size_t i;

	fputs("operator\taddress\taddress_type\trelays\tfingerprints\tweight\t"
	      "share\tsat\n",
	    out);
	for (i = 0; i < p->n; i++) {
		const struct fl_weigh_payee *x = &p->payee[i];
		char relays[24], weight[24], sat[24];
		const char *f[8];

		snprintf(relays, sizeof(relays), "%zu", x->relays);
		snprintf(weight, sizeof(weight), "%llu",
		    (unsigned long long)x->weight);
		snprintf(sat, sizeof(sat), "%llu", (unsigned long long)x->sat);
		f[0] = x->operator;
		f[1] = x->address;
		f[2] = x->address_type;
		f[3] = relays;
		f[4] = x->fingerprints;
		f[5] = weight;
		f[6] = x->share;
		f[7] = sat;
		fl_tsv_put_row(out, f, 8);
	}
}
