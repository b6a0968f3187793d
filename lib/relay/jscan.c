#include "jscan.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
fl_jscan_init(struct fl_jscan *s, FILE *fp, size_t vmax, struct fl_err *e)
{
	s->pos = s->len = 0;
	s->eof = 0;
	s->off = s->linestart = 0;
	s->line = 1;
	s->val = NULL;
	s->vlen = s->vcap = 0;
	s->vmax = vmax;
	s->vline = s->vcol = 0;
	s->mem_v = NULL;
	s->nmem = s->memcap = 0;
	s->fp = fp;
	s->e = e;
}

void
fl_jscan_free(struct fl_jscan *s)
{
	free(s->val);
	free(s->mem_v);
	s->val = NULL;
	s->mem_v = NULL;
	s->vlen = s->vcap = s->nmem = s->memcap = 0;
}

static int
fill(struct fl_jscan *s)
{
	size_t n;

	if (s->eof)
		return 0;
	s->off += s->len;
	s->pos = 0;
	s->len = 0;
	n = fread(s->buf, 1, sizeof(s->buf), s->fp);
	if (n == 0) {
		s->eof = 1;
		if (ferror(s->fp))
			return fl_err_set(s->e, FL_ESYS, "%s", strerror(errno));
		return 0;
	}
	s->len = n;
	return 1;
}

/* The next byte without consuming it, -1 at the end, or an FL_E* < -1. */
static inline int
peek(struct fl_jscan *s)
{
	int rc;

	if (s->pos < s->len)
		return s->buf[s->pos];
	if ((rc = fill(s)) < 0)
		return rc;
	if (rc == 0)
		return -1;
	return s->buf[s->pos];
}

unsigned long
fl_jscan_col(const struct fl_jscan *s)
{
	return (unsigned long)(s->off + s->pos - s->linestart + 1);
}

int
fl_jscan_err(struct fl_jscan *s, unsigned long line, unsigned long col,
    const char *fmt, ...)
{
	va_list ap;

	s->e->code = FL_EDATA;
	s->e->line = line;
	s->e->col = col;
	va_start(ap, fmt);
	vsnprintf(s->e->msg, sizeof(s->e->msg), fmt, ap);
	va_end(ap);
	return FL_EDATA;
}

int
fl_jscan_unexpected(struct fl_jscan *s, int c, const char *want)
{
	if (c < -1)
		return c;
	if (c == -1)
		return fl_jscan_err(s, s->line, fl_jscan_col(s),
		    "document cut off: expected %s", want);
	if (c >= 0x20 && c < 0x7f)
		return fl_jscan_err(s, s->line, fl_jscan_col(s),
		    "expected %s, found '%c'", want, c);
	return fl_jscan_err(s, s->line, fl_jscan_col(s),
	    "expected %s, found byte 0x%02x", want, c);
}

int
fl_jscan_ws(struct fl_jscan *s)
{
	int c;

	for (;;) {
		while (s->pos < s->len) {
			c = s->buf[s->pos];
			if (c == '\n') {
				s->line++;
				s->linestart = s->off + s->pos + 1;
			} else if (c != ' ' && c != '\t' && c != '\r')
				return c;
			s->pos++;
		}
		if ((c = peek(s)) < 0)
			return c;
	}
}

void
fl_jscan_skip(struct fl_jscan *s)
{
	if (s->pos < s->len) {
		if (s->buf[s->pos] == '\n') {
			s->line++;
			s->linestart = s->off + s->pos + 1;
		}
		s->pos++;
	}
}

/* Appends n bytes to val (keeping room for the NUL). */
static int
put(struct fl_jscan *s, const unsigned char *b, size_t n)
{
	char *nv;
	size_t ncap;

	if (n > s->vmax - s->vlen)
		return fl_jscan_err(s, s->vline, s->vcol,
		    "value longer than %zu bytes", s->vmax);
	if (s->vlen + n >= s->vcap) {
		ncap = s->vcap ? s->vcap : 4096;
		while (s->vlen + n >= ncap)
			ncap *= 2;
		if ((nv = realloc(s->val, ncap)) == NULL)
			return fl_err_set(s->e, FL_ENOMEM, "out of memory");
		s->val = nv;
		s->vcap = ncap;
	}
	memcpy(s->val + s->vlen, b, n);
	s->vlen += n;
	return 0;
}

static int
add_member(struct fl_jscan *s, size_t key)
{
	struct fl_jscan_member *nm;
	size_t ncap;

	if (s->nmem == s->memcap) {
		ncap = s->memcap ? s->memcap * 2 : 64;
		if ((nm = realloc(s->mem_v, ncap * sizeof(*nm))) == NULL)
			return fl_err_set(s->e, FL_ENOMEM, "out of memory");
		s->mem_v = nm;
		s->memcap = ncap;
	}
	s->mem_v[s->nmem].key = key;
	s->mem_v[s->nmem].keylen = 0;
	s->mem_v[s->nmem].value = (size_t)-1;
	s->nmem++;
	return 0;
}

/* Can c be part of a number or a literal (true, false, null)? */
static int
is_scalar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

/*
 * The member state of a depth-1 object: 0 a key may start, 1 in a key,
 * 2 after a key, 3 after its ':' (the value starts at the next byte that
 * is not white space), 4 in the value.
 */
int
fl_jscan_value(struct fl_jscan *s)
{
	unsigned long depth = 0;
	int c, rc, instr = 0, esc = 0, obj, mst = 4;
	size_t start, i;
	unsigned char ch;

	s->vlen = 0;
	s->nmem = 0;
	c = fl_jscan_ws(s);
	s->vline = s->line;
	s->vcol = fl_jscan_col(s);
	if (c < 0 || (c != '"' && c != '{' && c != '[' && !is_scalar(c)))
		return fl_jscan_unexpected(s, c, "a value");
	obj = c == '{';
	if (c != '"' && c != '{' && c != '[') {
		/* A scalar: the bytes that may be part of one. */
		for (;;) {
			start = s->pos;
			while (s->pos < s->len && is_scalar(s->buf[s->pos]))
				s->pos++;
			if ((rc = put(s, s->buf + start, s->pos - start)) != 0)
				return rc;
			if (s->pos < s->len)
				break;
			if ((c = peek(s)) < -1)
				return c;
			if (c == -1)
				break;
		}
		s->val[s->vlen] = '\0';
		return 0;
	}
	for (;;) {
		start = s->pos;
		for (i = s->pos; i < s->len; i++) {
			ch = s->buf[i];
			if (instr) {
				if (esc)
					esc = 0;
				else if (ch == '\\')
					esc = 1;
				else if (ch == '"') {
					instr = 0;
					if (depth == 0)
						break;
					if (mst == 1) {
						s->mem_v[s->nmem - 1].keylen =
						    s->vlen + (i - start) + 1 -
						    s->mem_v[s->nmem - 1].key;
						mst = 2;
					}
				} else if (ch == '\n') {
					/* Invalid JSON: jansson says why. */
					s->line++;
					s->linestart = s->off + i + 1;
				}
				continue;
			}
			if (ch == '\n') {
				s->line++;
				s->linestart = s->off + i + 1;
				continue;
			}
			if (ch == ' ' || ch == '\t' || ch == '\r')
				continue;
			if (obj && depth == 1) {
				if (mst == 3) {
					s->mem_v[s->nmem - 1].value =
					    s->vlen + (i - start);
					mst = 4;
				} else if (mst == 0 && ch == '"') {
					if ((rc = add_member(s,
						 s->vlen + (i - start))) != 0)
						return rc;
					mst = 1;
				} else if (mst == 2 && ch == ':') {
					mst = 3;
					continue;
				} else if (ch == ',') {
					mst = 0;
					continue;
				}
			}
			if (ch == '"')
				instr = 1;
			else if (ch == '{' || ch == '[') {
				if (++depth == 1 && obj)
					mst = 0;
			} else if (ch == '}' || ch == ']') {
				if (--depth == 0)
					break;
			}
		}
		if (i < s->len) {
			/* The value ends at i. */
			if ((rc = put(s, s->buf + start, i + 1 - start)) != 0)
				return rc;
			s->pos = i + 1;
			s->val[s->vlen] = '\0';
			return 0;
		}
		if ((rc = put(s, s->buf + start, i - start)) != 0)
			return rc;
		s->pos = i;
		if ((c = peek(s)) < -1)
			return c;
		if (c == -1)
			return fl_jscan_unexpected(s, c,
			    instr ? "'\"' closing the string"
				  : "the end of the value");
	}
}

void
fl_jscan_where(const struct fl_jscan *s, size_t k, unsigned long *line,
    unsigned long *col)
{
	unsigned long l = s->vline, c = s->vcol;
	size_t i;

	for (i = 0; i < k && i < s->vlen; i++) {
		if (s->val[i] == '\n') {
			l++;
			c = 1;
		} else
			c++;
	}
	*line = l;
	*col = c;
}

void
fl_jscan_real_text(double d, char *buf, size_t size)
{
	int p;

	for (p = 1; p <= 17; p++) {
		snprintf(buf, size, "%.*g", p, d);
		if (strtod(buf, NULL) == d)
			return;
	}
}
