#include "tsv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "decimal.h"
#include "version.h"

/*
 * The length of the well-formed UTF-8 sequence at s (no overlong form, no
 * surrogate, at most U+10FFFF), or 0.  s is NUL-terminated, and NUL is
 * never a continuation byte, so the scan stops there.
 */
static size_t
utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned long c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	c = s[0] & (0x7fu >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3fu);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

/*
 * The line is UTF-8 text with no control character but TAB: a raw ESC
 * could act on the terminal of whoever looks at the table, and a stray
 * byte is a damaged or foreign file, not something to copy on.
 */
static int
check_text(const struct fl_tsv_reader *r, size_t len, struct fl_err *e)
{
	const unsigned char *s = (const unsigned char *)r->line;
	size_t i = 0, k;

	while (i < len) {
		if (s[i] == 0x7f || (s[i] < 0x20 && s[i] != '\t'))
			return fl_err_setl(e, FL_EDATA, r->lineno, i + 1,
			    "control character 0x%02x in line", s[i]);
		if ((k = utf8_len(s + i)) == 0)
			return fl_err_setl(e, FL_EDATA, r->lineno, i + 1,
			    "invalid UTF-8 (byte 0x%02x)", s[i]);
		i += k;
	}
	return 0;
}

/*
 * Reads one line into r->line, without its LF.  Returns 1 for a line, 0 at
 * the end, negative on error.  A missing final newline is accepted.  The
 * line is read byte by byte up to the limit and no further, so that a huge
 * line (a file with no newline at all) costs r->maxline bytes, not its size.
 */
static int
read_line(struct fl_tsv_reader *r, size_t *len, struct fl_err *e)
{
	size_t n = 0, ncap;
	char *p;
	int c = EOF, got = 0, rc;

	errno = 0;
	flockfile(r->fp);
	while ((c = getc_unlocked(r->fp)) != EOF) {
		got = 1;
		if (c == '\n')
			break;
		if (n + 1 >= r->linecap) {
			ncap = r->linecap ? r->linecap * 2 : 256;
			if (ncap > r->maxline + 2)
				ncap = r->maxline + 2;
			if ((p = realloc(r->line, ncap)) == NULL) {
				funlockfile(r->fp);
				return fl_err_set(e, FL_ENOMEM,
				    "out of memory");
			}
			r->line = p;
			r->linecap = ncap;
		}
		r->line[n++] = (char)c;
		if (n > r->maxline) {
			funlockfile(r->fp);
			r->line[n] = '\0';
			r->lineno++;
			return fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "line longer than %zu bytes", r->maxline);
		}
	}
	funlockfile(r->fp);
	if (c == EOF && ferror(r->fp))
		return fl_err_set(e, FL_ESYS, "read error: %s",
		    strerror(errno));
	if (!got)
		return 0;
	r->lineno++;
	r->noeol = c != '\n';
	if (r->line == NULL && (r->line = malloc(r->linecap = 1)) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	r->line[n] = '\0';
	if ((p = memchr(r->line, '\0', n)) != NULL)
		return fl_err_setl(e, FL_EDATA, r->lineno,
		    (unsigned long)(p - r->line) + 1, "NUL byte in line");
	if ((p = memchr(r->line, '\r', n)) != NULL)
		return fl_err_setl(e, FL_EDATA, r->lineno,
		    (unsigned long)(p - r->line) + 1,
		    "carriage return in line (CRLF line ends are not "
		    "accepted)");
	if ((rc = check_text(r, n, e)) != 0)
		return rc;
	*len = n;
	return 1;
}

int
fl_tsv_valid_name(const char *name)
{
	const char *p;

	if (*name == '\0')
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
			*p == '_'))
			return 0;
	return 1;
}

/* Counts the TAB-separated fields of s. */
static size_t
count_fields(const char *s)
{
	size_t n = 1;

	for (; *s != '\0'; s++)
		if (*s == '\t')
			n++;
	return n;
}

static int
push_comment(struct fl_tsv_reader *r, const char *s, size_t len,
    struct fl_err *e)
{
	char **nc;

	nc = realloc(r->comments, (r->ncomments + 1) * sizeof(*nc));
	if (nc == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	r->comments = nc;
	if ((nc[r->ncomments] = malloc(len + 1)) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	memcpy(nc[r->ncomments], s, len + 1);
	r->ncomments++;
	return 0;
}

int
fl_tsv_open(struct fl_tsv_reader *r, FILE *fp, struct fl_err *e)
{
	size_t len, i, j, n;
	char *p, *tab;
	int rc;

	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->maxline = FL_TSV_MAXLINE;
	for (;;) {
		if ((rc = read_line(r, &len, e)) < 0)
			return rc;
		if (rc == 0)
			return fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "no header line");
		/* Invisible in a message: "invalid column name" would puzzle. */
		if (r->lineno == 1 && strncmp(r->line, "\xef\xbb\xbf", 3) == 0)
			return fl_err_setl(e, FL_EDATA, 1, 1,
			    "byte order mark at the start of the header (the "
			    "format is UTF-8 without one)");
		if (r->line[0] != '#')
			break;
		if ((rc = push_comment(r, r->line, len, e)) < 0)
			return rc;
	}
	n = count_fields(r->line);
	r->cols = calloc(n, sizeof(*r->cols));
	r->field = calloc(n, sizeof(*r->field));
	if (r->cols == NULL || r->field == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	p = r->line;
	for (i = 0; i < n; i++) {
		if ((tab = strchr(p, '\t')) != NULL)
			*tab = '\0';
		if (!fl_tsv_valid_name(p))
			return fl_err_setl(e, FL_EDATA, r->lineno,
			    (unsigned long)(p - r->line) + 1,
			    "invalid column name \"%s\" in header", p);
		for (j = 0; j < i; j++)
			if (strcmp(r->cols[j], p) == 0)
				return fl_err_setl(e, FL_EDATA, r->lineno,
				    (unsigned long)(p - r->line) + 1,
				    "duplicate column \"%s\" in header", p);
		if ((r->cols[i] = strdup(p)) == NULL)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		r->ncols = i + 1;
		if (tab != NULL)
			p = tab + 1;
	}
	return 0;
}

int
fl_tsv_unescape(char *s, size_t *bad)
{
	char *w = s, *p;

	for (p = s; *p != '\0'; p++) {
		if (*p != '\\') {
			*w++ = *p;
			continue;
		}
		switch (p[1]) {
		case '\\':
			*w++ = '\\';
			break;
		case 't':
			*w++ = '\t';
			break;
		case 'n':
			*w++ = '\n';
			break;
		case 'r':
			*w++ = '\r';
			break;
		default:
			*bad = (size_t)(p - s);
			return FL_EDATA;
		}
		p++;
	}
	*w = '\0';
	return 0;
}

int
fl_tsv_next(struct fl_tsv_reader *r, struct fl_err *e)
{
	size_t len, i, n, bad;
	char *p, *tab, *nr;
	int rc;

	if ((rc = read_line(r, &len, e)) <= 0)
		return rc;
	/*
	 * A "#" line after the header is a misplaced comment, whatever its
	 * field count: a payee row "commented out" must not be paid.
	 */
	if (r->line[0] == '#')
		return fl_err_setl(e, FL_EDATA, r->lineno, 0,
		    "comment line after the header (comments may only come "
		    "before it)");
	n = count_fields(r->line);
	if (n != r->ncols)
		return fl_err_setl(e, FL_EDATA, r->lineno, 0,
		    "%zu field%s, the header has %zu", n, n == 1 ? "" : "s",
		    r->ncols);
	if (len + 1 > r->rowcap) {
		if ((nr = realloc(r->row, len + 1)) == NULL)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		r->row = nr;
		r->rowcap = len + 1;
	}
	memcpy(r->row, r->line, len + 1);
	p = r->row;
	for (i = 0; i < n; i++) {
		if ((tab = strchr(p, '\t')) != NULL)
			*tab = '\0';
		if (fl_tsv_unescape(p, &bad) != 0) {
			/* The bytes from p + bad on are still the input's. */
			if (p[bad + 1] == '\0')
				return fl_err_setl(e, FL_EDATA, r->lineno,
				    (unsigned long)(p - r->row) + bad + 1,
				    "column \"%s\": backslash at the end of "
				    "the field",
				    r->cols[i]);
			return fl_err_setl(e, FL_EDATA, r->lineno,
			    (unsigned long)(p - r->row) + bad + 1,
			    "column \"%s\": invalid escape \"\\%c\"",
			    r->cols[i], p[bad + 1]);
		}
		r->field[i] = p;
		if (tab != NULL)
			p = tab + 1;
	}
	return 1;
}

void
fl_tsv_close(struct fl_tsv_reader *r)
{
	size_t i;

	for (i = 0; i < r->ncomments; i++)
		free(r->comments[i]);
	free(r->comments);
	if (r->cols != NULL)
		for (i = 0; i < r->ncols; i++)
			free(r->cols[i]);
	free(r->cols);
	free(r->field);
	free(r->row);
	free(r->line);
	memset(r, 0, sizeof(*r));
}

int
fl_tsv_col(const struct fl_tsv_reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return (int)i;
	return -1;
}

int
fl_tsv_require(const struct fl_tsv_reader *r, const char *name,
    const char *maker, struct fl_err *e)
{
	int c = fl_tsv_col(r, name);

	if (c >= 0)
		return c;
	if (maker != NULL)
		return fl_err_set(e, FL_EDATA,
		    "missing column \"%s\" (made by %s)", name, maker);
	return fl_err_set(e, FL_EDATA, "missing column \"%s\"", name);
}

int
fl_tsv_u64(const struct fl_tsv_reader *r, int col, int empty_ok, uint64_t *v,
    struct fl_err *e)
{
	const char *s = r->field[col];

	*v = 0;
	if (*s == '\0' && empty_ok)
		return 1;
	if (fl_decimal_parse_u64(s, v, e) != 0) {
		*v = 0;
		return fl_err_setl(e, FL_EDATA, r->lineno, 0,
		    "column \"%s\": invalid integer \"%s\"", r->cols[col], s);
	}
	return 0;
}

void
fl_tsv_put(FILE *out, const char *s)
{
	const char *p, *run = s;
	size_t n;

	for (p = s; *p != '\0'; p++) {
		const char *esc;

		switch (*p) {
		case '\\':
			esc = "\\\\";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		default:
			/* What a reader refuses becomes U+FFFD. */
			n = utf8_len((const unsigned char *)p);
			if (n > 0 && (unsigned char)*p >= 0x20 && *p != 0x7f) {
				p += n - 1;
				continue;
			}
			esc = "\xef\xbf\xbd";
			break;
		}
		fwrite(run, 1, (size_t)(p - run), out);
		fputs(esc, out);
		run = p + 1;
	}
	fwrite(run, 1, (size_t)(p - run), out);
}

void
fl_tsv_put_row(FILE *out, const char *const *field, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc('\t', out);
		fl_tsv_put(out, field[i] != NULL ? field[i] : "");
	}
	fputc('\n', out);
}

void
fl_tsv_put_comments(FILE *out, const struct fl_tsv_reader *r)
{
	size_t i;

	for (i = 0; i < r->ncomments; i++) {
		fputs(r->comments[i], out);
		fputc('\n', out);
	}
}

void
fl_tsv_put_provenance(FILE *out, const char *prog, const char *fmt, ...)
{
	char small[512], *text = small, *p;
	va_list ap;
	size_t n;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	/* Never cut: a long file name or URL is part of the provenance. */
	if (len >= (int)sizeof(small) &&
	    (text = malloc((size_t)len + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(text, (size_t)len + 1, fmt, ap);
		va_end(ap);
	} else if (text == NULL) {
		text = small;
	}
	/*
	 * A provenance line is one line of text a reader accepts, whatever
	 * the options held: line ends become spaces, other controls and
	 * bytes that are not UTF-8 become U+FFFD.
	 */
	fprintf(out, "# %s %s: ", prog, FL_VERSION);
	for (p = text; *p != '\0'; p += n) {
		n = utf8_len((const unsigned char *)p);
		if (*p == '\n' || *p == '\r')
			putc(' ', out);
		else if (n == 0 || *p == 0x7f ||
		    (*p > 0 && *p < 0x20 && *p != '\t'))
			fputs("\xef\xbf\xbd", out);
		else
			fwrite(p, 1, n, out);
		if (n == 0)
			n = 1;
	}
	putc('\n', out);
	if (text != small)
		free(text);
}
