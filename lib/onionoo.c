#include "onionoo.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "decimal.h"
#include "timestamp.h"
#include "tsv.h"

const char *const fl_onionoo_columns[FL_ONIONOO_NCOLS] = {"fingerprint",
    "nickname", "running", "flags", "measured", "consensus_weight",
    "guard_probability", "middle_probability", "exit_probability",
    "advertised_bandwidth", "first_seen", "last_seen", "country", "as",
    "family", "family_ids", "contact"};

/*
 * A small JSON reader of our own rather than jansson: jansson parses whole
 * values, and the whole document is one value.  Reading token by token lets
 * us keep one relay at a time, keep the source text of numbers (so that a
 * probability is printed exactly as published) and report byte positions.
 */

/* Nesting deeper than this in a skipped value is refused, not recursed. */
#define MAXDEPTH 64

struct jr {
	FILE *fp;
	unsigned char buf[65536];
	size_t pos, len;
	int eof;
	uint64_t off; /* document offset of buf[0] */
	uint64_t linestart; /* document offset of the current line's start */
	unsigned long line;
	char *s; /* the last string or number read, NUL-terminated */
	size_t slen, scap;
	int snul; /* the last string held a NUL character */
	struct fl_err *e;
};

static int
jr_fill(struct jr *j)
{
	size_t n;

	if (j->eof)
		return 0;
	j->off += j->len;
	j->pos = 0;
	j->len = 0;
	n = fread(j->buf, 1, sizeof(j->buf), j->fp);
	if (n == 0) {
		j->eof = 1;
		if (ferror(j->fp))
			return fl_err_set(j->e, FL_ESYS, "%s", strerror(errno));
		return 0;
	}
	j->len = n;
	return 1;
}

/* The next byte without consuming it, -1 at the end, or an FL_E* < -1. */
static inline int
jr_peek(struct jr *j)
{
	int rc;

	if (j->pos < j->len)
		return j->buf[j->pos];
	if ((rc = jr_fill(j)) < 0)
		return rc; /* FL_ESYS, below -1 */
	if (rc == 0)
		return -1;
	return j->buf[j->pos];
}

static inline unsigned long
jr_col(const struct jr *j)
{
	return (unsigned long)(j->off + j->pos - j->linestart + 1);
}

__attribute__((format(printf, 4, 5))) static int
jr_errat(struct jr *j, unsigned long line, unsigned long col, const char *fmt,
    ...)
{
	va_list ap;

	j->e->code = FL_EDATA;
	j->e->line = line;
	j->e->col = col;
	va_start(ap, fmt);
	vsnprintf(j->e->msg, sizeof(j->e->msg), fmt, ap);
	va_end(ap);
	return FL_EDATA;
}

/* An error at the current position; c is what jr_peek() returned. */
static int
jr_unexpected(struct jr *j, int c, const char *want)
{
	if (c < -1)
		return c;
	if (c == -1)
		return jr_errat(j, j->line, jr_col(j),
		    "document cut off: expected %s", want);
	if (c >= 0x20 && c < 0x7f)
		return jr_errat(j, j->line, jr_col(j),
		    "expected %s, found '%c'", want, c);
	return jr_errat(j, j->line, jr_col(j), "expected %s, found byte 0x%02x",
	    want, c);
}

static int
jr_ws(struct jr *j)
{
	int c;

	for (;;) {
		while (j->pos < j->len) {
			c = j->buf[j->pos];
			if (c == '\n') {
				j->line++;
				j->linestart = j->off + j->pos + 1;
			} else if (c != ' ' && c != '\t' && c != '\r')
				return c;
			j->pos++;
		}
		c = jr_peek(j);
		if (c < 0)
			return c;
	}
}

/* Makes room for one more byte and the NUL in j->s. */
static int
jr_grow(struct jr *j)
{
	char *ns;
	size_t ncap;

	/* No field may outgrow a line of the record format; nor memory. */
	if (j->slen > FL_TSV_MAXLINE)
		return jr_errat(j, j->line, jr_col(j),
		    "string or number longer than %zu bytes",
		    (size_t)FL_TSV_MAXLINE);
	if (j->slen + 1 < j->scap)
		return 0;
	ncap = j->scap ? j->scap * 2 : 256;
	if ((ns = realloc(j->s, ncap)) == NULL)
		return fl_err_set(j->e, FL_ENOMEM, "out of memory");
	j->s = ns;
	j->scap = ncap;
	return 0;
}

static int
jr_sputc(struct jr *j, int c)
{
	int rc;

	if ((rc = jr_grow(j)) != 0)
		return rc;
	j->s[j->slen++] = (char)c;
	return 0;
}

static int
jr_put_utf8(struct jr *j, unsigned long cp)
{
	unsigned char b[4];
	size_t n, i;
	int rc;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | (cp >> 6));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		n = 4;
	}
	if (n > 1)
		b[n - 1] = (unsigned char)(0x80 | (cp & 0x3f));
	for (i = 0; i < n; i++)
		if ((rc = jr_sputc(j, b[i])) != 0)
			return rc;
	return 0;
}

/* Is s[0..n) valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF)? */
static int
utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;
	unsigned long cp;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			len = 2;
			cp = s[i] & 0x1fu;
		} else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			len = 3;
			cp = s[i] & 0x0fu;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			len = 4;
			cp = s[i] & 0x07u;
		} else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3fu);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

static int
jr_hex4(struct jr *j, unsigned long *v)
{
	int c, k;

	*v = 0;
	for (k = 0; k < 4; k++) {
		c = jr_peek(j);
		if (c >= '0' && c <= '9')
			*v = *v * 16 + (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v = *v * 16 + (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v = *v * 16 + (unsigned long)(c - 'A' + 10);
		else
			return jr_unexpected(j, c, "a hex digit");
		j->pos++;
	}
	return 0;
}

/* Reads a string (at its opening quote) into j->s. */
static int
jr_string(struct jr *j)
{
	unsigned long line = j->line, col = jr_col(j), cp, lo;
	int c, rc;

	j->slen = 0;
	j->snul = 0;
	j->pos++; /* the quote */
	for (;;) {
		/* The common case: a run of plain bytes inside the buffer. */
		while (j->pos < j->len) {
			c = j->buf[j->pos];
			if (c == '"' || c == '\\' || c < 0x20)
				break;
			if ((rc = jr_grow(j)) != 0)
				return rc;
			j->s[j->slen++] = (char)c;
			j->pos++;
		}
		c = jr_peek(j);
		if (c < 0)
			return jr_unexpected(j, c, "'\"' closing the string");
		if (c == '"') {
			j->pos++;
			break;
		}
		if (c < 0x20)
			return jr_errat(j, j->line, jr_col(j),
			    "control character 0x%02x in a string", c);
		if (c != '\\')
			continue;
		j->pos++;
		c = jr_peek(j);
		switch (c) {
		case '"':
		case '\\':
		case '/':
			break;
		case 'b':
			c = '\b';
			break;
		case 'f':
			c = '\f';
			break;
		case 'n':
			c = '\n';
			break;
		case 'r':
			c = '\r';
			break;
		case 't':
			c = '\t';
			break;
		case 'u':
			j->pos++;
			if ((rc = jr_hex4(j, &cp)) != 0)
				return rc;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return jr_errat(j, j->line, jr_col(j),
				    "lone low surrogate in a string");
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (jr_peek(j) != '\\')
					return jr_errat(j, j->line, jr_col(j),
					    "lone high surrogate in a string");
				j->pos++;
				if (jr_peek(j) != 'u')
					return jr_errat(j, j->line, jr_col(j),
					    "lone high surrogate in a string");
				j->pos++;
				if ((rc = jr_hex4(j, &lo)) != 0)
					return rc;
				if (lo < 0xdc00 || lo > 0xdfff)
					return jr_errat(j, j->line, jr_col(j),
					    "lone high surrogate in a string");
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			if (cp == 0)
				j->snul = 1;
			if ((rc = jr_put_utf8(j, cp)) != 0)
				return rc;
			continue;
		default:
			if (c < 0)
				return jr_unexpected(j, c, "an escape");
			return jr_errat(j, j->line, jr_col(j),
			    "invalid escape '\\%c' in a string", c);
		}
		j->pos++;
		if ((rc = jr_sputc(j, c)) != 0)
			return rc;
	}
	if ((rc = jr_sputc(j, 0)) != 0)
		return rc;
	j->slen--;
	if (!utf8_valid((const unsigned char *)j->s, j->slen))
		return jr_errat(j, line, col, "invalid UTF-8 in a string");
	return 0;
}

static int
jr_digits(struct jr *j)
{
	int c, n = 0, rc;

	while ((c = jr_peek(j)) >= '0' && c <= '9') {
		if ((rc = jr_sputc(j, c)) != 0)
			return rc;
		j->pos++;
		n++;
	}
	if (c < -1)
		return c;
	if (n == 0)
		return jr_unexpected(j, c, "a digit");
	return 0;
}

/* Reads a number (JSON grammar) and keeps its text in j->s. */
static int
jr_number(struct jr *j)
{
	int c, rc;

	j->slen = 0;
	c = jr_peek(j);
	if (c == '-') {
		if ((rc = jr_sputc(j, c)) != 0)
			return rc;
		j->pos++;
		c = jr_peek(j);
	}
	if (c == '0') {
		if ((rc = jr_sputc(j, c)) != 0)
			return rc;
		j->pos++;
	} else if ((rc = jr_digits(j)) != 0)
		return rc;
	if (jr_peek(j) == '.') {
		if ((rc = jr_sputc(j, '.')) != 0)
			return rc;
		j->pos++;
		if ((rc = jr_digits(j)) != 0)
			return rc;
	}
	c = jr_peek(j);
	if (c == 'e' || c == 'E') {
		if ((rc = jr_sputc(j, c)) != 0)
			return rc;
		j->pos++;
		c = jr_peek(j);
		if (c == '+' || c == '-') {
			if ((rc = jr_sputc(j, c)) != 0)
				return rc;
			j->pos++;
		}
		if ((rc = jr_digits(j)) != 0)
			return rc;
	}
	c = jr_peek(j);
	if (c < -1)
		return c;
	if ((rc = jr_sputc(j, 0)) != 0)
		return rc;
	j->slen--;
	return 0;
}

static int
jr_literal(struct jr *j, const char *word)
{
	unsigned long line = j->line, col = jr_col(j);
	const char *p;
	int c;

	for (p = word; *p != '\0'; p++) {
		c = jr_peek(j);
		if (c == -1)
			return jr_unexpected(j, c, word);
		if (c != *p)
			return jr_errat(j, line, col, "invalid literal");
		j->pos++;
	}
	return 0;
}

static int jr_skip(struct jr *j, int depth);

/*
 * Steps through the members of an object or the elements of an array.
 * Call it at '{' or '[' with *first = 1, then after each member or element;
 * it returns 1 when another one follows (for an object, its key is in j->s
 * and the reader stands at the value), 0 at the closing bracket, or an
 * FL_E* code.
 */
static int
jr_next(struct jr *j, int close, int *first)
{
	int c, rc;

	if (*first) {
		j->pos++; /* the opening bracket */
		c = jr_ws(j);
		if (c == close) {
			j->pos++;
			return 0;
		}
		*first = 0;
	} else {
		c = jr_ws(j);
		if (c == close) {
			j->pos++;
			return 0;
		}
		if (c != ',')
			return jr_unexpected(j, c,
			    close == '}' ? "',' or '}'" : "',' or ']'");
		j->pos++;
		c = jr_ws(j);
	}
	if (close == ']')
		return 1;
	if (c != '"')
		return jr_unexpected(j, c, "a member name");
	if ((rc = jr_string(j)) != 0)
		return rc;
	c = jr_ws(j);
	if (c != ':')
		return jr_unexpected(j, c, "':'");
	j->pos++;
	c = jr_ws(j);
	if (c < 0)
		return jr_unexpected(j, c, "a value");
	return 1;
}

/* Skips a value, checking it. */
static int
jr_skip(struct jr *j, int depth)
{
	int c, rc, first = 1, close;

	c = jr_ws(j);
	switch (c) {
	case '"':
		return jr_string(j);
	case 't':
		return jr_literal(j, "true");
	case 'f':
		return jr_literal(j, "false");
	case 'n':
		return jr_literal(j, "null");
	case '{':
	case '[':
		if (depth >= MAXDEPTH)
			return jr_errat(j, j->line, jr_col(j),
			    "nesting deeper than %d levels", MAXDEPTH);
		close = c == '{' ? '}' : ']';
		while ((rc = jr_next(j, close, &first)) == 1)
			if ((rc = jr_skip(j, depth + 1)) != 0)
				return rc;
		return rc;
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return jr_number(j);
		return jr_unexpected(j, c, "a value");
	}
}

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
field_lookup(const char *name)
{
	int f;

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

/* The state of one relay being read. */
struct relay_ctx {
	struct jr *j;
	struct fl_onionoo_relay *r;
	size_t index; /* 1-based */
	char *effective_family; /* both kept: effective_family wins */
	char *old_family;
	unsigned long vline, vcol; /* the current value's position */
	const char *name; /* the current member's name */
};

__attribute__((format(printf, 2, 3))) static int
rerr(struct relay_ctx *x, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return jr_errat(x->j, x->vline, x->vcol, "relay %zu: \"%s\": %s",
	    x->index, x->name, msg);
}

static int
type_err(struct relay_ctx *x, const char *want)
{
	return rerr(x, "expected %s", want);
}

/* Reads a string or null into *out (a new copy, or NULL for null). */
static int
get_string(struct relay_ctx *x, int c, char **out)
{
	struct jr *j = x->j;
	int rc;

	if (c == 'n')
		return jr_literal(j, "null");
	if (c != '"')
		return type_err(x, "a string");
	if ((rc = jr_string(j)) != 0)
		return rc;
	if (j->snul)
		return rerr(x, "NUL character in the string");
	if ((*out = strdup(j->s)) == NULL)
		return fl_err_set(j->e, FL_ENOMEM, "out of memory");
	return 0;
}

static int
get_bool(struct relay_ctx *x, int c, signed char *out)
{
	if (c == 'n')
		return jr_literal(x->j, "null");
	if (c == 't') {
		*out = 1;
		return jr_literal(x->j, "true");
	}
	if (c == 'f') {
		*out = 0;
		return jr_literal(x->j, "false");
	}
	return type_err(x, "true or false");
}

/* A number's text; *out is NULL for null. */
static int
get_number(struct relay_ctx *x, int c, char **out)
{
	struct jr *j = x->j;
	int rc;

	if (c == 'n')
		return jr_literal(j, "null");
	if (c != '-' && !(c >= '0' && c <= '9'))
		return type_err(x, "a number");
	if ((rc = jr_number(j)) != 0)
		return rc;
	if (j->s[0] == '-')
		return rerr(x, "negative number \"%s\"", j->s);
	if ((*out = strdup(j->s)) == NULL)
		return fl_err_set(j->e, FL_ENOMEM, "out of memory");
	return 0;
}

static int
get_integer(struct relay_ctx *x, int c, unsigned char *has, uint64_t *out)
{
	struct jr *j = x->j;
	struct fl_err e2;
	int rc;

	if (c == 'n')
		return jr_literal(j, "null");
	if (c != '-' && !(c >= '0' && c <= '9'))
		return type_err(x, "a number");
	if ((rc = jr_number(j)) != 0)
		return rc;
	/* Exact: "3.1e3" is 3100, "3.5" and "-1" are refused. */
	if (fl_decimal_parse(j->s, 0, 0, out, &e2) != 0)
		return rerr(x, "not a non-negative integer: \"%s\"", j->s);
	*has = 1;
	return 0;
}

/*
 * Reads an array of strings (or null) into a comma-separated list.  mode
 * 0: items kept as published (no comma, no space, not empty); 1: the items
 * must be fingerprints, '$' optional; 2: the 2012 "family", where items
 * that are not fingerprints (nicknames) are left out.  Fingerprints are
 * upper-cased, sorted and deduplicated.
 */
static int
get_list(struct relay_ctx *x, int c, int mode, char **out)
{
	struct jr *j = x->j;
	char **items = NULL, **ni, *p, *item;
	size_t n = 0, cap = 0, i, len = 0, k;
	int rc, first = 1;

	if (c == 'n')
		return jr_literal(j, "null");
	if (c != '[')
		return type_err(x, "an array of strings");
	while ((rc = jr_next(j, ']', &first)) == 1) {
		c = jr_ws(j);
		if (c != '"') {
			rc = c == -1 ? jr_unexpected(j, c, "a string")
				     : rerr(x, "expected an array of strings");
			break;
		}
		if ((rc = jr_string(j)) != 0)
			break;
		item = j->s;
		if (mode != 0) {
			if (item[0] == '$')
				item++;
			if (!is_fingerprint(item)) {
				if (mode == 2)
					continue;
				rc =
				    rerr(x, "invalid fingerprint \"%s\"", j->s);
				break;
			}
		} else if (item[0] == '\0' || strpbrk(item, ", \t\n\r") ||
		    j->snul) {
			rc = rerr(x, "item \"%s\" cannot go in a list", j->s);
			break;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((ni = realloc(items, cap * sizeof(*items))) ==
			    NULL) {
				rc = fl_err_set(j->e, FL_ENOMEM,
				    "out of memory");
				break;
			}
			items = ni;
		}
		if ((items[n] = strdup(item)) == NULL) {
			rc = fl_err_set(j->e, FL_ENOMEM, "out of memory");
			break;
		}
		if (mode != 0)
			upper(items[n]);
		len += strlen(items[n]) + 1;
		n++;
	}
	if (rc == 0) {
		if (mode != 0 && n > 1)
			qsort(items, n, sizeof(*items), cmp_str);
		if ((p = *out = malloc(len + 1)) == NULL)
			rc = fl_err_set(j->e, FL_ENOMEM, "out of memory");
		for (i = 0; rc == 0 && i < n; i++) {
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
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
	return rc;
}

static void
relay_free(struct fl_onionoo_relay *r)
{
	free(r->nickname);
	free(r->flags);
	free(r->guard_probability);
	free(r->middle_probability);
	free(r->exit_probability);
	free(r->first_seen);
	free(r->last_seen);
	free(r->country);
	free(r->as);
	free(r->family);
	free(r->family_ids);
	free(r->contact);
	memset(r, 0, sizeof(*r));
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

/* Reads one relay object; the reader stands at its '{'. */
static int
read_relay(struct jr *j, size_t index, struct fl_onionoo_relay *r)
{
	struct relay_ctx x = {j, r, index, NULL, NULL, 0, 0, ""};
	unsigned char seen[F_COUNT] = {0};
	char *fp = NULL, *as_number = NULL;
	int c, rc, first = 1;
	enum field f;

	memset(r, 0, sizeof(*r));
	r->running = -1;
	r->measured = -1;
	r->line = j->line;
	r->col = jr_col(j);
	while ((rc = jr_next(j, '}', &first)) == 1) {
		f = field_lookup(j->s);
		x.vline = j->line;
		x.vcol = jr_col(j);
		c = jr_peek(j);
		if (f == F_NONE) {
			if ((rc = jr_skip(j, 1)) != 0)
				break;
			continue;
		}
		x.name = field_names[f];
		if (seen[f]++) {
			rc = rerr(&x, "member given twice");
			break;
		}
		switch (f) {
		case F_NICKNAME:
			rc = get_string(&x, c, &r->nickname);
			break;
		case F_FINGERPRINT:
			rc = get_string(&x, c, &fp);
			if (rc == 0 && (fp == NULL || !is_fingerprint(fp)))
				rc = rerr(&x, "invalid fingerprint \"%s\"",
				    fp ? fp : "null");
			if (rc == 0) {
				upper(fp);
				memcpy(r->fingerprint, fp, 41);
			}
			break;
		case F_RUNNING:
			rc = get_bool(&x, c, &r->running);
			break;
		case F_MEASURED:
			rc = get_bool(&x, c, &r->measured);
			break;
		case F_FLAGS:
			rc = get_list(&x, c, 0, &r->flags);
			break;
		case F_FAMILY_IDS:
			rc = get_list(&x, c, 0, &r->family_ids);
			break;
		case F_EFFECTIVE_FAMILY:
			rc = get_list(&x, c, 1, &x.effective_family);
			break;
		case F_FAMILY:
			rc = get_list(&x, c, 2, &x.old_family);
			break;
		case F_CONSENSUS_WEIGHT:
			rc = get_integer(&x, c, &r->has_consensus_weight,
			    &r->consensus_weight);
			break;
		case F_ADVERTISED:
			rc = get_integer(&x, c, &r->has_advertised_bandwidth,
			    &r->advertised_bandwidth);
			break;
		case F_GUARD:
			rc = get_number(&x, c, &r->guard_probability);
			break;
		case F_MIDDLE:
			rc = get_number(&x, c, &r->middle_probability);
			break;
		case F_EXIT:
			rc = get_number(&x, c, &r->exit_probability);
			break;
		case F_FIRST_SEEN:
			rc = get_string(&x, c, &r->first_seen);
			if (rc == 0)
				rc = check_time(&x, r->first_seen);
			break;
		case F_LAST_SEEN:
			rc = get_string(&x, c, &r->last_seen);
			if (rc == 0)
				rc = check_time(&x, r->last_seen);
			break;
		case F_COUNTRY:
			rc = get_string(&x, c, &r->country);
			break;
		case F_AS:
			rc = get_string(&x, c, &r->as);
			break;
		case F_AS_NUMBER:
			rc = get_string(&x, c, &as_number);
			break;
		case F_CONTACT:
			rc = get_string(&x, c, &r->contact);
			break;
		case F_NONE:
		case F_COUNT:
			break;
		}
		if (rc != 0)
			break;
	}
	if (rc == 0 && fp == NULL)
		rc = jr_errat(j, r->line, r->col,
		    "relay %zu: no \"fingerprint\"", index);
	if (rc == 0) {
		/* The newer names win over the older ones. */
		if (r->as == NULL) {
			r->as = as_number;
			as_number = NULL;
		}
		if (x.effective_family != NULL) {
			r->family = x.effective_family;
			x.effective_family = NULL;
		} else {
			r->family = x.old_family;
			x.old_family = NULL;
		}
	}
	free(x.effective_family);
	free(x.old_family);
	free(as_number);
	free(fp);
	if (rc != 0)
		relay_free(r);
	return rc;
}

static int
cmp_relay(const void *a, const void *b)
{
	return strcmp(((const struct fl_onionoo_relay *)a)->fingerprint,
	    ((const struct fl_onionoo_relay *)b)->fingerprint);
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

static int
read_relays(struct jr *j, struct fl_onionoo_doc *doc)
{
	struct fl_onionoo_relay *nr;
	size_t cap = 0;
	int c, rc, first = 1;

	while ((rc = jr_next(j, ']', &first)) == 1) {
		c = jr_ws(j);
		if (c != '{')
			return c == -1
			    ? jr_unexpected(j, c, "a relay object")
			    : jr_errat(j, j->line, jr_col(j),
				  "relay %zu: not an object", doc->nrelays + 1);
		if (doc->nrelays == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((nr = realloc(doc->relays, cap * sizeof(*nr))) ==
			    NULL)
				return fl_err_set(j->e, FL_ENOMEM,
				    "out of memory");
			doc->relays = nr;
		}
		if ((rc = read_relay(j, doc->nrelays + 1,
			 &doc->relays[doc->nrelays])) != 0)
			return rc;
		doc->nrelays++;
	}
	return rc;
}

static int
read_doc(struct jr *j, struct fl_onionoo_doc *doc)
{
	unsigned long line, col, major;
	int c, rc, first = 1, have_relays = 0, isver;
	const char *name;
	struct fl_err e2;
	int64_t t;
	size_t i;

	c = jr_ws(j);
	if (c == -1)
		return jr_errat(j, j->line, jr_col(j), "empty document");
	if (c != '{')
		return jr_unexpected(j, c, "'{' opening the document");
	while ((rc = jr_next(j, '}', &first)) == 1) {
		line = j->line;
		col = jr_col(j);
		if (strcmp(j->s, "relays") == 0) {
			if (have_relays++)
				return jr_errat(j, line, col,
				    "\"relays\" given twice");
			if (jr_peek(j) != '[')
				return jr_errat(j, line, col,
				    "\"relays\": expected an array");
			if ((rc = read_relays(j, doc)) != 0)
				return rc;
			continue;
		}
		if (strcmp(j->s, "version") != 0 &&
		    strcmp(j->s, "relays_published") != 0) {
			if ((rc = jr_skip(j, 1)) != 0)
				return rc;
			continue;
		}
		isver = j->s[0] == 'v';
		name = isver ? "version" : "relays_published";
		if ((isver ? doc->version : doc->relays_published) != NULL)
			return jr_errat(j, line, col, "\"%s\" given twice",
			    name);
		if (jr_peek(j) != '"')
			return jr_errat(j, line, col,
			    "\"%s\": expected a string", name);
		if ((rc = jr_string(j)) != 0)
			return rc;
		if (isver) {
			/* Refused before reading any relay. */
			if (parse_version(j->s, &major) != 0 ||
			    major != FL_ONIONOO_MAJOR)
				return jr_errat(j, line, col,
				    "unsupported version \"%s\" (flattor-fetch "
				    "reads version %d)",
				    j->s, FL_ONIONOO_MAJOR);
			if ((doc->version = strdup(j->s)) == NULL)
				return fl_err_set(j->e, FL_ENOMEM,
				    "out of memory");
		} else {
			if (j->snul ||
			    fl_timestamp_parse_space(j->s, &t, &e2) != 0)
				return jr_errat(j, line, col,
				    "\"relays_published\": invalid time \"%s\"",
				    j->s);
			if ((doc->relays_published = strdup(j->s)) == NULL)
				return fl_err_set(j->e, FL_ENOMEM,
				    "out of memory");
		}
	}
	if (rc != 0)
		return rc;
	c = jr_ws(j);
	if (c != -1) {
		if (c < -1)
			return c;
		return jr_errat(j, j->line, jr_col(j),
		    "data after the end of the document");
	}
	if (!have_relays)
		return jr_errat(j, j->line, jr_col(j),
		    "no \"relays\" array in the document");
	if (doc->relays_published == NULL)
		return jr_errat(j, j->line, jr_col(j),
		    "no \"relays_published\" in the document");
	if (doc->nrelays > 1)
		qsort(doc->relays, doc->nrelays, sizeof(*doc->relays),
		    cmp_relay);
	for (i = 1; i < doc->nrelays; i++)
		if (strcmp(doc->relays[i].fingerprint,
			doc->relays[i - 1].fingerprint) == 0)
			return jr_errat(j,
			    doc->relays[i].line > doc->relays[i - 1].line
				? doc->relays[i].line
				: doc->relays[i - 1].line,
			    0, "duplicate fingerprint \"%s\"",
			    doc->relays[i].fingerprint);
	return 0;
}

int
fl_onionoo_read(FILE *fp, struct fl_onionoo_doc *doc, struct fl_err *e)
{
	struct jr *j;
	int rc;

	memset(doc, 0, sizeof(*doc));
	fl_err_clear(e);
	if ((j = calloc(1, sizeof(*j))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	j->fp = fp;
	j->line = 1;
	j->e = e;
	rc = read_doc(j, doc);
	if (rc == FL_ENOMEM && e->msg[0] == '\0')
		fl_err_set(e, FL_ENOMEM, "out of memory");
	free(j->s);
	free(j);
	if (rc != 0)
		fl_onionoo_free(doc);
	return rc;
}

void
fl_onionoo_free(struct fl_onionoo_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->nrelays; i++)
		relay_free(&doc->relays[i]);
	free(doc->relays);
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

void
fl_onionoo_put_row(FILE *out, const struct fl_onionoo_relay *r)
{
	fputs(r->fingerprint, out);
	put_opt(out, r->nickname);
	put_flag(out, r->running);
	put_opt(out, r->flags);
	put_flag(out, r->measured);
	put_u64(out, r->has_consensus_weight, r->consensus_weight);
	put_opt(out, r->guard_probability);
	put_opt(out, r->middle_probability);
	put_opt(out, r->exit_probability);
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
