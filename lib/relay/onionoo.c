#include "onionoo.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "decimal.h"
#include "timestamp.h"
#include "jscan.h"
#include "tsv.h"

const char *const fl_onionoo_columns[FL_ONIONOO_NCOLS] = {"fingerprint",
    "nickname", "running", "flags", "measured", "consensus_weight",
    "guard_probability", "middle_probability", "exit_probability",
    "advertised_bandwidth", "first_seen", "last_seen", "country", "as",
    "family", "family_ids", "contact"};

/* The longest relay object, or other piece of the document, read. */
#define MAXPIECE ((size_t)64 << 20)

/*
 * A relay is kept packed, one record in the doc's arena: the fingerprint
 * (20 bytes), the line and column of its '{', a presence word (below),
 * the present numbers (little-endian base-128), then the present strings,
 * each NUL-terminated, in the order of the bits.
 */
enum {
	P_RUNNING = 1u << 0,
	P_RUNNING_V = 1u << 1,
	P_MEASURED = 1u << 2,
	P_MEASURED_V = 1u << 3,
	P_CW = 1u << 4,
	P_ADV = 1u << 5,
	P_GUARD = 1u << 6,
	P_MIDDLE = 1u << 7,
	P_EXIT = 1u << 8,
	P_NICKNAME = 1u << 9,
	P_FLAGS = 1u << 10,
	P_FIRST_SEEN = 1u << 11,
	P_LAST_SEEN = 1u << 12,
	P_COUNTRY = 1u << 13,
	P_AS = 1u << 14,
	P_FAMILY = 1u << 15,
	P_FAMILY_IDS = 1u << 16,
	P_CONTACT = 1u << 17
};

union fl_onionoo_slot {
	size_t off; /* while reading: the record's offset in the arena */
	const unsigned char *p; /* once read: the record */
};

/* Relay fields. */

enum field {
	F_NONE,
	F_NICKNAME,
	F_FINGERPRINT,
	F_RUNNING,
	F_FLAGS,
	F_MEASURED,
	F_CONSENSUS_WEIGHT,
	F_GUARD,
	F_MIDDLE,
	F_EXIT,
	F_ADVERTISED,
	F_FIRST_SEEN,
	F_LAST_SEEN,
	F_COUNTRY,
	F_AS,
	F_AS_NUMBER,
	F_EFFECTIVE_FAMILY,
	F_FAMILY,
	F_FAMILY_IDS,
	F_CONTACT,
	F_COUNT
};

static const char *const field_names[F_COUNT] = {"", "nickname", "fingerprint",
    "running", "flags", "measured", "consensus_weight", "guard_probability",
    "middle_probability", "exit_probability", "advertised_bandwidth",
    "first_seen", "last_seen", "country", "as", "as_number", "effective_family",
    "family", "family_ids", "contact"};

static enum field
field_lookup(const char *name, size_t len)
{
	int f;

	if (strlen(name) != len)
		return F_NONE;
	for (f = 1; f < F_COUNT; f++)
		if (strcmp(name, field_names[f]) == 0)
			return (enum field)f;
	return F_NONE;
}

static int
is_fingerprint(const char *s)
{
	size_t i;

	for (i = 0; i < 40; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f') ||
			(s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return s[40] == '\0';
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

static void
upper(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
fl_onionoo_prob_parse(double d, uint64_t *units)
{
	char text[40];
	struct fl_err e2;

	if (!isfinite(d) || signbit(d))
		return -1;
	fl_jscan_real_text(d, text, sizeof(text));
	return fl_decimal_parse(text, 12, 1, units, &e2) == 0 ? 0 : -1;
}

/* The state of one relay being read. */
struct relay_ctx {
	struct fl_jscan *s;
	size_t index; /* 1-based */
	const char *name; /* the current member's name */
	struct fl_err *e;
};

/* The offset in the piece of the value of the member named name. */
static size_t
member_value(const struct fl_jscan *s, const char *name)
{
	const struct fl_jscan_member *m;
	json_error_t je;
	json_t *k;
	size_t i, n = strlen(name);
	int same;

	for (i = s->nmem; i-- > 0;) {
		m = &s->mem_v[i];
		if (m->keylen < 2 || m->value == (size_t)-1)
			continue;
		if (memchr(s->val + m->key, '\\', m->keylen) == NULL)
			same = m->keylen - 2 == n &&
			    memcmp(s->val + m->key + 1, name, n) == 0;
		else {
			k = json_loadb(s->val + m->key, m->keylen,
			    JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
			same = k != NULL && json_is_string(k) &&
			    json_string_length(k) == n &&
			    memcmp(json_string_value(k), name, n) == 0;
			json_decref(k);
		}
		if (same)
			return m->value;
	}
	return 0;
}

__attribute__((format(printf, 2, 3))) static int
rerr(struct relay_ctx *x, const char *fmt, ...)
{
	unsigned long line, col;
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fl_jscan_where(x->s, member_value(x->s, x->name), &line, &col);
	return fl_jscan_err(x->s, line, col, "relay %zu: \"%s\": %s", x->index,
	    x->name, msg);
}

static int
type_err(struct relay_ctx *x, const char *want)
{
	return rerr(x, "expected %s", want);
}

/* A string or null: *out points into v (NULL for null). */
static int
get_string(struct relay_ctx *x, json_t *v, const char **out)
{
	if (json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return type_err(x, "a string");
	if (strlen(json_string_value(v)) != json_string_length(v))
		return rerr(x, "NUL character in the string");
	*out = json_string_value(v);
	return 0;
}

static int
get_bool(struct relay_ctx *x, json_t *v, unsigned *bits, unsigned has,
    unsigned val)
{
	if (json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return type_err(x, "true or false");
	*bits |= has | (json_is_true(v) ? val : 0);
	return 0;
}

/* The number's text as jansson sees it: integers as such, reals shortest. */
static void
number_text(json_t *v, char *buf, size_t size)
{
	if (json_is_integer(v))
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	else
		fl_jscan_real_text(json_real_value(v), buf, size);
}

static int
get_integer(struct relay_ctx *x, json_t *v, unsigned *bits, unsigned has,
    uint64_t *out)
{
	struct fl_err e2;
	char text[40];

	if (json_is_null(v))
		return 0;
	if (!json_is_number(v))
		return type_err(x, "a number");
	number_text(v, text, sizeof(text));
	/* Exact: 3.1e3 is 3100, 3.5 and -1 are refused. */
	if (fl_decimal_parse(text, 0, 0, out, &e2) != 0)
		return rerr(x, "not a non-negative integer: \"%s\"", text);
	*bits |= has;
	return 0;
}

static int
get_prob(struct relay_ctx *x, json_t *v, unsigned *bits, unsigned has,
    uint64_t *out)
{
	struct fl_err e2;
	char text[40];

	if (json_is_null(v))
		return 0;
	if (!json_is_number(v))
		return type_err(x, "a number");
	number_text(v, text, sizeof(text));
	if (text[0] == '-')
		return rerr(x, "negative number \"%s\"", text);
	if (fl_decimal_parse(text, 12, 1, out, &e2) != 0)
		return rerr(x, "number out of range \"%s\"", text);
	*bits |= has;
	return 0;
}

/*
 * Reads an array of strings (or null) into a comma-separated list (a new
 * string, NULL for null).  mode 0: items kept as published (no comma, no
 * space, not empty); 1: the items must be fingerprints, '$' optional; 2:
 * the 2012 "family", where items that are not fingerprints (nicknames) are
 * left out.  Fingerprints are upper-cased, sorted and deduplicated.
 */
static int
get_list(struct relay_ctx *x, json_t *v, int mode, char **out)
{
	const char **items, *item;
	char *p, *cp, *fps = NULL;
	size_t n, i, len = 0, k, m = 0;
	json_t *it;
	int rc = 0;

	if (json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return type_err(x, "an array of strings");
	n = json_array_size(v);
	if ((items = calloc(n + 1, sizeof(*items))) == NULL)
		return fl_err_set(x->e, FL_ENOMEM, "out of memory");
	if (mode != 0 && (fps = malloc(41 * (n + 1))) == NULL) {
		free(items);
		return fl_err_set(x->e, FL_ENOMEM, "out of memory");
	}
	json_array_foreach(v, i, it)
	{
		if (!json_is_string(it)) {
			rc = rerr(x, "expected an array of strings");
			break;
		}
		item = json_string_value(it);
		if (mode != 0) {
			if (item[0] == '$')
				item++;
			if (!is_fingerprint(item)) {
				if (mode == 2)
					continue;
				rc = rerr(x, "invalid fingerprint \"%s\"",
				    json_string_value(it));
				break;
			}
			cp = fps + 41 * m;
			memcpy(cp, item, 41);
			upper(cp);
			item = cp;
		} else if (item[0] == '\0' || strpbrk(item, ", \t\n\r") ||
		    strlen(item) != json_string_length(it)) {
			rc = rerr(x, "item \"%s\" cannot go in a list", item);
			break;
		}
		items[m++] = item;
		len += strlen(item) + 1;
	}
	if (rc == 0) {
		if (mode != 0 && m > 1)
			qsort(items, m, sizeof(*items), cmp_str);
		if ((p = *out = malloc(len + 1)) == NULL)
			rc = fl_err_set(x->e, FL_ENOMEM, "out of memory");
		for (i = 0; rc == 0 && i < m; i++) {
			if (mode != 0 && i > 0 &&
			    strcmp(items[i], items[i - 1]) == 0)
				continue;
			if (p != *out)
				*p++ = ',';
			k = strlen(items[i]);
			memcpy(p, items[i], k);
			p += k;
		}
		if (rc == 0)
			*p = '\0';
	}
	free(items);
	free(fps);
	return rc;
}

static int
check_time(struct relay_ctx *x, const char *s)
{
	struct fl_err e2;
	int64_t t;

	if (s != NULL && fl_timestamp_parse_space(s, &t, &e2) != 0)
		return rerr(x, "invalid time \"%s\"", s);
	return 0;
}

/* The doc's growing storage. */
struct store {
	unsigned char *arena;
	size_t alen, acap;
	union fl_onionoo_slot *slots;
	size_t scap;
};

static int
arena_put(struct store *st, const void *b, size_t n, struct fl_err *e)
{
	unsigned char *na;
	size_t ncap;

	if (st->alen + n > st->acap) {
		ncap = st->acap ? st->acap : 65536;
		while (st->alen + n > ncap)
			ncap *= 2;
		if ((na = realloc(st->arena, ncap)) == NULL)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		st->arena = na;
		st->acap = ncap;
	}
	memcpy(st->arena + st->alen, b, n);
	st->alen += n;
	return 0;
}

static int
put_varint(struct store *st, uint64_t v, struct fl_err *e)
{
	unsigned char b[10];
	size_t n = 0;

	do {
		b[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			b[n] |= 0x80;
		n++;
	} while (v != 0);
	return arena_put(st, b, n, e);
}

static uint64_t
get_varint(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	uint64_t v = 0;
	unsigned sh = 0;

	do {
		v |= (uint64_t)(*p & 0x7f) << sh;
		sh += 7;
	} while (*p++ & 0x80);
	*pp = p;
	return v;
}

/* The bytes fl_tsv_put() writes for s. */
static size_t
escaped_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += (*s == '\\' || *s == '\t' || *s == '\n' || *s == '\r') ? 2
									    : 1;
	return n;
}

/* Turns jansson's error in the current piece into ours. */
static int
json_fail(struct fl_jscan *s, const json_error_t *je)
{
	unsigned long line, col;
	size_t k;

	if (json_error_code(je) == json_error_out_of_memory)
		return fl_err_set(s->e, FL_ENOMEM, "out of memory");
	k = je->position > 0 ? (size_t)je->position - 1 : 0;
	fl_jscan_where(s, k, &line, &col);
	return fl_jscan_err(s, line, col, "%s", je->text);
}

/* The first member of the piece given twice (jansson names none). */
static int
dup_member(struct fl_jscan *s, size_t index)
{
	json_error_t je;
	json_t **keys, *k;
	size_t i, j;
	unsigned long line, col;
	int rc = FL_EDATA;

	if ((keys = calloc(s->nmem + 1, sizeof(*keys))) == NULL)
		return fl_err_set(s->e, FL_ENOMEM, "out of memory");
	for (i = 0; i < s->nmem; i++) {
		keys[i] = json_loadb(s->val + s->mem_v[i].key,
		    s->mem_v[i].keylen, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
		if (keys[i] == NULL || !json_is_string(keys[i]))
			continue;
		for (j = 0; j < i; j++) {
			k = keys[j];
			if (k != NULL && json_equal(k, keys[i]))
				break;
		}
		if (j < i)
			break;
	}
	if (i < s->nmem) {
		fl_jscan_where(s, s->mem_v[i].value, &line, &col);
		rc = fl_jscan_err(s, line, col,
		    "relay %zu: \"%s\": member given twice", index,
		    json_string_value(keys[i]));
	} else {
		fl_jscan_where(s, 0, &line, &col);
		rc = fl_jscan_err(s, line, col, "relay %zu: member given twice",
		    index);
	}
	for (i = 0; i < s->nmem; i++)
		json_decref(keys[i]);
	free(keys);
	return rc;
}

/* Reads the relay object cut into s->val and packs it into st. */
static int
read_relay(struct fl_jscan *s, size_t index, struct store *st, size_t *nrelays)
{
	struct relay_ctx x = {s, index, "", s->e};
	const char *str[F_COUNT] = {0};
	char *lists[F_COUNT] = {0};
	uint64_t num[F_COUNT] = {0};
	unsigned char fpb[20];
	unsigned bits = 0, i;
	json_error_t je;
	json_t *o, *v;
	const char *key, *fam, *as;
	void *iter;
	enum field f;
	size_t rowlen, start = st->alen, ncap;
	union fl_onionoo_slot *ns;
	char nb[32];
	int rc = 0;
	int numf[] = {F_CONSENSUS_WEIGHT, F_ADVERTISED, F_GUARD, F_MIDDLE,
	    F_EXIT};
	unsigned numbits[] = {P_CW, P_ADV, P_GUARD, P_MIDDLE, P_EXIT};
	/* The packed string fields, in the order of their bits. */
	static const enum field strs[] = {F_NICKNAME, F_FLAGS, F_FIRST_SEEN,
	    F_LAST_SEEN, F_COUNTRY, F_AS, F_FAMILY, F_FAMILY_IDS, F_CONTACT};
	static const unsigned strbits[] = {P_NICKNAME, P_FLAGS, P_FIRST_SEEN,
	    P_LAST_SEEN, P_COUNTRY, P_AS, P_FAMILY, P_FAMILY_IDS, P_CONTACT};

	o = json_loadb(s->val, s->vlen, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
	    &je);
	if (o == NULL) {
		if (json_error_code(&je) == json_error_duplicate_key)
			return dup_member(s, index);
		return json_fail(s, &je);
	}
	for (iter = json_object_iter(o); rc == 0 && iter != NULL;
	     iter = json_object_iter_next(o, iter)) {
		key = json_object_iter_key(iter);
		v = json_object_iter_value(iter);
		f = field_lookup(key, json_object_iter_key_len(iter));
		if (f == F_NONE)
			continue;
		x.name = field_names[f];
		switch (f) {
		case F_FINGERPRINT:
			rc = get_string(&x, v, &str[f]);
			if (rc == 0 &&
			    (str[f] == NULL || !is_fingerprint(str[f])))
				rc = rerr(&x, "invalid fingerprint \"%s\"",
				    str[f] ? str[f] : "null");
			break;
		case F_RUNNING:
			rc = get_bool(&x, v, &bits, P_RUNNING, P_RUNNING_V);
			break;
		case F_MEASURED:
			rc = get_bool(&x, v, &bits, P_MEASURED, P_MEASURED_V);
			break;
		case F_FLAGS:
		case F_FAMILY_IDS:
			rc = get_list(&x, v, 0, &lists[f]);
			break;
		case F_EFFECTIVE_FAMILY:
			rc = get_list(&x, v, 1, &lists[f]);
			break;
		case F_FAMILY:
			rc = get_list(&x, v, 2, &lists[f]);
			break;
		case F_CONSENSUS_WEIGHT:
			rc = get_integer(&x, v, &bits, P_CW, &num[f]);
			break;
		case F_ADVERTISED:
			rc = get_integer(&x, v, &bits, P_ADV, &num[f]);
			break;
		case F_GUARD:
			rc = get_prob(&x, v, &bits, P_GUARD, &num[f]);
			break;
		case F_MIDDLE:
			rc = get_prob(&x, v, &bits, P_MIDDLE, &num[f]);
			break;
		case F_EXIT:
			rc = get_prob(&x, v, &bits, P_EXIT, &num[f]);
			break;
		case F_FIRST_SEEN:
		case F_LAST_SEEN:
			rc = get_string(&x, v, &str[f]);
			if (rc == 0)
				rc = check_time(&x, str[f]);
			break;
		default:
			rc = get_string(&x, v, &str[f]);
			break;
		}
	}
	if (rc == 0 && str[F_FINGERPRINT] == NULL)
		rc = fl_jscan_err(s, s->vline, s->vcol,
		    "relay %zu: no \"fingerprint\"", index);
	if (rc != 0)
		goto out;
	/* The newer names win over the older ones. */
	as = str[F_AS] ? str[F_AS] : str[F_AS_NUMBER];
	fam = lists[F_EFFECTIVE_FAMILY] ? lists[F_EFFECTIVE_FAMILY]
					: lists[F_FAMILY];
	str[F_AS] = as;
	str[F_FAMILY] = fam;
	str[F_FLAGS] = lists[F_FLAGS];
	str[F_FAMILY_IDS] = lists[F_FAMILY_IDS];

	/* A row the next stage would refuse is refused here. */
	rowlen = 40 + 16 + ((bits & P_RUNNING) ? 1u : 0u) +
	    ((bits & P_MEASURED) ? 1u : 0u);
	for (i = 0; i < 5; i++) {
		if (!(bits & numbits[i]))
			continue;
		if (i < 2)
			snprintf(nb, sizeof(nb), "%" PRIu64, num[numf[i]]);
		else
			fl_decimal_format(num[numf[i]], 12, nb, sizeof(nb));
		rowlen += strlen(nb);
	}
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		if (str[strs[i]] != NULL) {
			bits |= strbits[i];
			rowlen += escaped_len(str[strs[i]]);
		}
	}
	if (rowlen > FL_TSV_MAXLINE) {
		rc = fl_jscan_err(s, s->vline, s->vcol,
		    "relay %zu: its row would be longer than %zu bytes", index,
		    (size_t)FL_TSV_MAXLINE);
		goto out;
	}
	for (i = 0; i < 20; i++)
		fpb[i] =
		    (unsigned char)(hexval(str[F_FINGERPRINT][2 * i]) << 4 |
			hexval(str[F_FINGERPRINT][2 * i + 1]));
	if ((rc = arena_put(st, fpb, 20, s->e)) != 0 ||
	    (rc = put_varint(st, s->vline, s->e)) != 0 ||
	    (rc = put_varint(st, s->vcol, s->e)) != 0 ||
	    (rc = put_varint(st, bits, s->e)) != 0)
		goto out;
	if ((bits & P_CW) &&
	    (rc = put_varint(st, num[F_CONSENSUS_WEIGHT], s->e)) != 0)
		goto out;
	if ((bits & P_ADV) &&
	    (rc = put_varint(st, num[F_ADVERTISED], s->e)) != 0)
		goto out;
	if ((bits & P_GUARD) && (rc = put_varint(st, num[F_GUARD], s->e)) != 0)
		goto out;
	if ((bits & P_MIDDLE) &&
	    (rc = put_varint(st, num[F_MIDDLE], s->e)) != 0)
		goto out;
	if ((bits & P_EXIT) && (rc = put_varint(st, num[F_EXIT], s->e)) != 0)
		goto out;
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (str[strs[i]] != NULL &&
		    (rc = arena_put(st, str[strs[i]], strlen(str[strs[i]]) + 1,
			 s->e)) != 0)
			goto out;
	if (*nrelays == st->scap) {
		ncap = st->scap ? st->scap * 2 : 1024;
		if ((ns = realloc(st->slots, ncap * sizeof(*ns))) == NULL) {
			rc = fl_err_set(s->e, FL_ENOMEM, "out of memory");
			goto out;
		}
		st->slots = ns;
		st->scap = ncap;
	}
	st->slots[(*nrelays)++].off = start;
out:
	if (rc != 0)
		st->alen = start;
	for (i = 0; i < F_COUNT; i++)
		free(lists[i]);
	json_decref(o);
	return rc;
}

static int
cmp_slot(const void *a, const void *b)
{
	return memcmp(((const union fl_onionoo_slot *)a)->p,
	    ((const union fl_onionoo_slot *)b)->p, 20);
}

/* "8.0", "8", "8.1.2": digits and dots; *major is the first number. */
static int
parse_version(const char *s, unsigned long *major)
{
	const char *p = s;
	unsigned long m = 0;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		if (m > 100000)
			return -1;
		m = m * 10 + (unsigned long)(*p++ - '0');
	}
	while (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p != '\0')
		return -1;
	*major = m;
	return 0;
}

/* Cuts the next value and checks it with jansson; *out keeps it if set. */
static int
load_piece(struct fl_jscan *s, json_t **out)
{
	json_error_t je;
	json_t *v;
	int rc;

	if ((rc = fl_jscan_value(s)) != 0)
		return rc;
	v = json_loadb(s->val, s->vlen, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (v == NULL)
		return json_fail(s, &je);
	if (out != NULL)
		*out = v;
	else
		json_decref(v);
	return 0;
}

/*
 * Reads an array value element by element (so that only one element is in
 * memory): the relays when st is set, else any array, checked only.
 */
static int
read_array(struct fl_jscan *s, struct store *st, size_t *nrelays)
{
	int c, rc, first = 1;

	fl_jscan_skip(s); /* '[' */
	for (;;) {
		c = fl_jscan_ws(s);
		if (c == ']') {
			fl_jscan_skip(s);
			return 0;
		}
		if (!first) {
			if (c != ',')
				return fl_jscan_unexpected(s, c, "',' or ']'");
			fl_jscan_skip(s);
			c = fl_jscan_ws(s);
		}
		first = 0;
		if (st == NULL) {
			if ((rc = load_piece(s, NULL)) != 0)
				return rc;
			continue;
		}
		if (c != '{')
			return c < 0
			    ? fl_jscan_unexpected(s, c, "a relay object")
			    : fl_jscan_err(s, s->line, fl_jscan_col(s),
				  "relay %zu: not an object", *nrelays + 1);
		if ((rc = fl_jscan_value(s)) != 0)
			return rc;
		if ((rc = read_relay(s, *nrelays + 1, st, nrelays)) != 0)
			return rc;
	}
}

/* The top-level member named by the string json_t k, or NULL. */
static int
top_string(struct fl_jscan *s, const char *name, unsigned long line,
    unsigned long col, char **out)
{
	json_t *v = NULL;
	int rc;

	if (*out != NULL)
		return fl_jscan_err(s, line, col, "\"%s\" given twice", name);
	if (fl_jscan_ws(s) != '"')
		return fl_jscan_err(s, line, col, "\"%s\": expected a string",
		    name);
	if ((rc = load_piece(s, &v)) != 0)
		return rc;
	if (strlen(json_string_value(v)) != json_string_length(v))
		*out = strdup("");
	else
		*out = strdup(json_string_value(v));
	json_decref(v);
	if (*out == NULL)
		return fl_err_set(s->e, FL_ENOMEM, "out of memory");
	return 0;
}

static int
read_doc(struct fl_jscan *s, struct fl_onionoo_doc *doc, struct store *st)
{
	unsigned long line, col, major;
	unsigned char *na;
	int c, rc, first = 1, have_relays = 0;
	struct fl_err e2;
	json_t *k;
	const char *name;
	int64_t t;
	size_t i;

	c = fl_jscan_ws(s);
	if (c == -1)
		return fl_jscan_err(s, s->line, fl_jscan_col(s),
		    "empty document");
	if (c != '{')
		return fl_jscan_unexpected(s, c, "'{' opening the document");
	fl_jscan_skip(s);
	for (;;) {
		c = fl_jscan_ws(s);
		if (c == '}') {
			fl_jscan_skip(s);
			break;
		}
		if (!first) {
			if (c != ',')
				return fl_jscan_unexpected(s, c, "',' or '}'");
			fl_jscan_skip(s);
			c = fl_jscan_ws(s);
		}
		first = 0;
		if (c != '"')
			return fl_jscan_unexpected(s, c, "a member name");
		k = NULL;
		if ((rc = load_piece(s, &k)) != 0)
			return rc;
		/* A name with a NUL in it is none of ours. */
		name = strlen(json_string_value(k)) == json_string_length(k)
		    ? json_string_value(k)
		    : "";
		c = fl_jscan_ws(s);
		if (c != ':') {
			json_decref(k);
			return fl_jscan_unexpected(s, c, "':'");
		}
		fl_jscan_skip(s);
		c = fl_jscan_ws(s);
		line = s->line;
		col = fl_jscan_col(s);
		if (c < 0)
			rc = fl_jscan_unexpected(s, c, "a value");
		else if (strcmp(name, "relays") == 0) {
			if (have_relays++)
				rc = fl_jscan_err(s, line, col,
				    "\"relays\" given twice");
			else if (c != '[')
				rc = fl_jscan_err(s, line, col,
				    "\"relays\": expected an array");
			else
				rc = read_array(s, st, &doc->nrelays);
		} else if (strcmp(name, "version") == 0) {
			rc = top_string(s, name, line, col, &doc->version);
			/* Refused before reading any relay. */
			if (rc == 0 &&
			    (parse_version(doc->version, &major) != 0 ||
				major != FL_ONIONOO_MAJOR))
				rc = fl_jscan_err(s, line, col,
				    "unsupported version \"%s\" (flattor-fetch "
				    "reads version %d)",
				    doc->version, FL_ONIONOO_MAJOR);
		} else if (strcmp(name, "relays_published") == 0) {
			rc = top_string(s, name, line, col,
			    &doc->relays_published);
			if (rc == 0 &&
			    fl_timestamp_parse_space(doc->relays_published, &t,
				&e2) != 0)
				rc = fl_jscan_err(s, line, col,
				    "\"relays_published\": invalid time \"%s\"",
				    doc->relays_published);
		} else if (c == '[')
			rc = read_array(s, NULL, NULL);
		else
			rc = load_piece(s, NULL);
		json_decref(k);
		if (rc != 0)
			return rc;
	}
	c = fl_jscan_ws(s);
	if (c != -1) {
		if (c < -1)
			return c;
		return fl_jscan_err(s, s->line, fl_jscan_col(s),
		    "data after the end of the document");
	}
	if (!have_relays)
		return fl_jscan_err(s, s->line, fl_jscan_col(s),
		    "no \"relays\" array in the document");
	if (doc->relays_published == NULL)
		return fl_jscan_err(s, s->line, fl_jscan_col(s),
		    "no \"relays_published\" in the document");
	/* Give back what the doubling left unused; then the arena stays. */
	if (st->alen > 0 && (na = realloc(st->arena, st->alen)) != NULL)
		st->arena = na;
	for (i = 0; i < doc->nrelays; i++)
		st->slots[i].p = st->arena + st->slots[i].off;
	if (doc->nrelays > 1)
		qsort(st->slots, doc->nrelays, sizeof(*st->slots), cmp_slot);
	for (i = 1; i < doc->nrelays; i++)
		if (memcmp(st->slots[i].p, st->slots[i - 1].p, 20) == 0) {
			struct fl_onionoo_relay a, b;

			doc->slots = st->slots;
			fl_onionoo_relay_at(doc, i, &a);
			fl_onionoo_relay_at(doc, i - 1, &b);
			doc->slots = NULL;
			return fl_jscan_err(s,
			    a.line > b.line ? a.line : b.line, 0,
			    "duplicate fingerprint \"%s\"", a.fingerprint);
		}
	return 0;
}

int
fl_onionoo_read(FILE *fp, struct fl_onionoo_doc *doc, struct fl_err *e)
{
	struct store st = {0};
	struct fl_jscan *s;
	int rc;

	memset(doc, 0, sizeof(*doc));
	fl_err_clear(e);
	if ((s = malloc(sizeof(*s))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	fl_jscan_init(s, fp, MAXPIECE, e);
	rc = read_doc(s, doc, &st);
	if (rc == FL_ENOMEM && e->msg[0] == '\0')
		fl_err_set(e, FL_ENOMEM, "out of memory");
	fl_jscan_free(s);
	free(s);
	if (rc != 0) {
		free(st.arena);
		free(st.slots);
		doc->nrelays = 0;
		fl_onionoo_free(doc);
		return rc;
	}
	doc->arena = st.arena;
	doc->slots = st.slots;
	return 0;
}

void
fl_onionoo_relay_at(const struct fl_onionoo_doc *doc, size_t i,
    struct fl_onionoo_relay *r)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = doc->slots[i].p;
	unsigned bits;
	size_t k;
	const char **sp[] = {&r->nickname, &r->flags, &r->first_seen,
	    &r->last_seen, &r->country, &r->as, &r->family, &r->family_ids,
	    &r->contact};

	memset(r, 0, sizeof(*r));
	for (k = 0; k < 20; k++) {
		r->fingerprint[2 * k] = hex[p[k] >> 4];
		r->fingerprint[2 * k + 1] = hex[p[k] & 15];
	}
	r->fingerprint[40] = '\0';
	p += 20;
	r->line = (unsigned long)get_varint(&p);
	r->col = (unsigned long)get_varint(&p);
	bits = (unsigned)get_varint(&p);
	r->running = (bits & P_RUNNING) ? (bits & P_RUNNING_V) != 0 : -1;
	r->measured = (bits & P_MEASURED) ? (bits & P_MEASURED_V) != 0 : -1;
	if ((r->has_consensus_weight = (bits & P_CW) != 0))
		r->consensus_weight = get_varint(&p);
	if ((r->has_advertised_bandwidth = (bits & P_ADV) != 0))
		r->advertised_bandwidth = get_varint(&p);
	if ((r->has_guard_probability = (bits & P_GUARD) != 0))
		r->guard_probability = get_varint(&p);
	if ((r->has_middle_probability = (bits & P_MIDDLE) != 0))
		r->middle_probability = get_varint(&p);
	if ((r->has_exit_probability = (bits & P_EXIT) != 0))
		r->exit_probability = get_varint(&p);
	for (k = 0; k < sizeof(sp) / sizeof(sp[0]); k++) {
		if (bits & (P_NICKNAME << k)) {
			*sp[k] = (const char *)p;
			p += strlen((const char *)p) + 1;
		}
	}
}

void
fl_onionoo_free(struct fl_onionoo_doc *doc)
{
	free(doc->arena);
	free(doc->slots);
	free(doc->version);
	free(doc->relays_published);
	memset(doc, 0, sizeof(*doc));
}

void
fl_onionoo_put_header(FILE *out)
{
	fl_tsv_put_row(out, fl_onionoo_columns, FL_ONIONOO_NCOLS);
}

static void
put_opt(FILE *out, const char *s)
{
	putc('\t', out);
	if (s != NULL)
		fl_tsv_put(out, s);
}

static void
put_flag(FILE *out, signed char v)
{
	putc('\t', out);
	if (v >= 0)
		putc(v ? '1' : '0', out);
}

static void
put_u64(FILE *out, int has, uint64_t v)
{
	putc('\t', out);
	if (has)
		fprintf(out, "%" PRIu64, v);
}

static void
put_prob(FILE *out, int has, uint64_t v)
{
	char buf[32];

	putc('\t', out);
	if (has) {
		fl_decimal_format(v, 12, buf, sizeof(buf));
		fputs(buf, out);
	}
}

void
fl_onionoo_put_row(FILE *out, const struct fl_onionoo_relay *r)
{
	fputs(r->fingerprint, out);
	put_opt(out, r->nickname);
	put_flag(out, r->running);
	put_opt(out, r->flags);
	put_flag(out, r->measured);
	put_u64(out, r->has_consensus_weight, r->consensus_weight);
	put_prob(out, r->has_guard_probability, r->guard_probability);
	put_prob(out, r->has_middle_probability, r->middle_probability);
	put_prob(out, r->has_exit_probability, r->exit_probability);
	put_u64(out, r->has_advertised_bandwidth, r->advertised_bandwidth);
	put_opt(out, r->first_seen);
	put_opt(out, r->last_seen);
	put_opt(out, r->country);
	put_opt(out, r->as);
	put_opt(out, r->family);
	put_opt(out, r->family_ids);
	put_opt(out, r->contact);
	putc('\n', out);
}
