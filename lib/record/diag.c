#include "diag.h"

#include "base58.h"
#include "secret.h"
#include "version.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *prog = "flattor";

static void
vset(struct fl_err *e, int code, unsigned long line, unsigned long col,
    const char *fmt, va_list ap)
{
	e->code = code;
	e->line = line;
	e->col = col;
	/* A message too long for the buffer ends in "...", never silently. */
	if (vsnprintf(e->msg, sizeof(e->msg), fmt, ap) >= (int)sizeof(e->msg))
		memcpy(e->msg + sizeof(e->msg) - 4, "...", 4);
}

int
fl_err_set(struct fl_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	va_start(ap, fmt);
	vset(e, code, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int
fl_err_setl(struct fl_err *e, int code, unsigned long line, unsigned long col,
    const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	va_start(ap, fmt);
	vset(e, code, line, col, fmt, ap);
	va_end(ap);
	return code;
}

void
fl_err_clear(struct fl_err *e)
{
	if (e == NULL)
		return;
	e->code = 0;
	e->line = 0;
	e->col = 0;
	e->msg[0] = '\0';
}

void
fl_err_prefix(struct fl_err *e, const char *fmt, ...)
{
	char buf[sizeof(e->msg)];
	size_t n;
	va_list ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* Truncation keeps the start of the message, as snprintf would. */
	n = strlen(buf);
	if (n + 2 < sizeof(buf)) {
		memcpy(buf + n, ": ", 3);
		n += 2;
		memcpy(buf + n, e->msg, sizeof(buf) - n - 1);
		buf[sizeof(buf) - 1] = '\0';
		if (n + strlen(e->msg) >= sizeof(buf))
			memcpy(buf + sizeof(buf) - 4, "...", 4);
	}
	memcpy(e->msg, buf, sizeof(buf));
}

int
fl_exit_code(int code)
{
	switch (code) {
	case FL_OK:
		return FL_EXIT_OK;
	case FL_EDATA:
		return FL_EXIT_DATA;
	case FL_EUSAGE:
		return FL_EXIT_USAGE;
	case FL_ENET:
		return FL_EXIT_NET;
	default:
		return FL_EXIT_SYS;
	}
}

void
fl_prog_set(char *argv[])
{
	char *slash;

	if (argv[0] == NULL)
		return;
	slash = strrchr(argv[0], '/');
	if (slash != NULL && slash[1] != '\0')
		argv[0] = slash + 1;
	prog = argv[0];
}

const char *
fl_prog(void)
{
	return prog;
}

size_t
fl_diag_printable(const unsigned char *s)
{
	size_t n, i;
	unsigned long c;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	c = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff || c < 0xa0)
		return 0;
	/*
	 * Invisible or reordering: the soft hyphen, the Mongolian vowel
	 * separator, zero widths, bidi controls and marks (the Arabic letter
	 * mark with LRM and RLM), deprecated format controls, the BOM and the
	 * interlinear annotation characters.
	 */
	if (c == 0xad || c == 0x061c || c == 0x180e ||
	    (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x206f) || c == 0xfeff ||
	    (c >= 0xfff9 && c <= 0xfffb))
		return 0;
	return n;
}

/*
 * Writes s to fp with what could act on a terminal made visible: control
 * characters as \t, \n, \r or \xHH, and each byte that is not part of a
 * printable UTF-8 character as \xHH.  A message quotes user data (a
 * contact, an address, a file name) and must stay one inert line.
 */
static void
put_safe(FILE *fp, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n;

	while (*s != '\0') {
		if (*s >= 0x20 && *s < 0x7f) {
			putc(*s++, fp);
		} else if (*s == '\t' || *s == '\n' || *s == '\r') {
			fputs(*s == '\t'     ? "\\t"
				: *s == '\n' ? "\\n"
					     : "\\r",
			    fp);
			s++;
		} else if ((n = fl_diag_printable(s)) > 0) {
			fwrite(s, 1, n, fp);
			s += n;
		} else {
			fprintf(fp, "\\x%02x", *s++);
		}
	}
}

static int
is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static int
is_b58(int c)
{
	return ((c >= '1' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		   (c >= 'a' && c <= 'z')) &&
	    c != 'I' && c != 'O' && c != 'l';
}

/*
 * Does base58check text s[0..n) decode to a private key: a WIF (version
 * 0x80 or 0xef, 32 bytes, optionally 0x01 for a compressed key) or an
 * extended private key (78 bytes, key data 0x00 and 32 bytes: xprv, tprv
 * and their yprv, zprv... variants)?
 */
static int
b58_key(const char *s, size_t n)
{
	char text[112];
	uint8_t data[96];
	size_t len = 0;
	int key;

	if (n != 51 && n != 52 && n != 111)
		return 0;
	memcpy(text, s, n);
	text[n] = '\0';
	if (fl_base58check_decode(text, data, sizeof(data), &len, NULL) != 0)
		return 0;
	key = ((len == 33 || (len == 34 && data[33] == 0x01)) &&
		  (data[0] == 0x80 || data[0] == 0xef)) ||
	    (len == 78 && data[45] == 0x00);
	fl_secret_wipe(data, sizeof(data));
	fl_secret_wipe(text, sizeof(text));
	return key;
}

/*
 * Does the text hold something that parses as a private key: a WIF, an
 * extended private key, or 64 hex digits (a raw key)?  Any part of a
 * longer run counts.  64 hex digits followed by ":" and a digit are an
 * outpoint (txid:vout), public, and allowed.
 */
static int
holds_key(const char *text)
{
	const char *p = text, *q;
	size_t n, i;

	while (*p != '\0') {
		if (is_hex((unsigned char)*p)) {
			for (q = p; is_hex((unsigned char)*q); q++)
				;
			n = (size_t)(q - p);
			if (n > 64 ||
			    (n == 64 &&
				!(q[0] == ':' && q[1] >= '0' && q[1] <= '9')))
				return 1;
		}
		if (is_b58((unsigned char)*p)) {
			for (q = p; is_b58((unsigned char)*q); q++)
				;
			n = (size_t)(q - p);
			for (i = 0; i + 51 <= n; i++)
				if (b58_key(p + i, 51) ||
				    (i + 52 <= n && b58_key(p + i, 52)) ||
				    (i + 111 <= n && b58_key(p + i, 111)))
					return 1;
			p = q;
			continue;
		}
		p++;
	}
	return 0;
}

/*
 * A message that holds what looks like a key keeps what it says before
 * its first quote (what was wrong, and where), when that part holds no
 * key, and says the rest looks like a private key.
 */
static void
put_key_hidden(FILE *m, const char *msg)
{
	const char *q = strchr(msg, '"');
	size_t n = q != NULL ? (size_t)(q - msg) : 0;
	char *head;

	while (n > 0 && (msg[n - 1] == ' ' || msg[n - 1] == ':'))
		n--;
	if (n > 0 && (head = strndup(msg, n)) != NULL) {
		if (!holds_key(head)) {
			put_safe(m, head);
			fputs(": ", m);
		}
		free(head);
	}
	fputs("this looks like a private key (not shown)", m);
}

/*
 * A diagnostic line is made in memory, then written to standard error in
 * one write(2) by line_close(), so that the messages of stages running side
 * by side never interleave inside a line.  Without memory for it, the line
 * goes to stderr as it is made.
 */
static FILE *
line_open(char **buf, size_t *len)
{
	FILE *m;

	*buf = NULL;
	*len = 0;
	if ((m = open_memstream(buf, len)) == NULL)
		return stderr;
	return m;
}

static void
line_close(FILE *m, char **buf, size_t *len)
{
	size_t done = 0;
	ssize_t k;

	if (m == stderr) {
		fflush(stderr);
		return;
	}
	if (fclose(m) != 0 || *buf == NULL) {
		free(*buf);
		return;
	}
	fflush(stderr);
	while (done < *len) {
		k = write(STDERR_FILENO, *buf + done, *len - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	free(*buf);
}

void
fl_vwarn(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);
	char small[1024], *text = small, *buf;
	size_t blen;
	va_list aq;
	FILE *m;
	int len;

	va_copy(aq, ap);
	len = vsnprintf(small, sizeof(small), fmt, ap);
	/* Never cut a message; without memory, the start of it. */
	if (len >= (int)sizeof(small) &&
	    (text = malloc((size_t)len + 1)) != NULL)
		vsnprintf(text, (size_t)len + 1, fmt, aq);
	else if (text == NULL)
		text = small;
	va_end(aq);
	m = line_open(&buf, &blen);
	fprintf(m, "%s: ", prog);
	if (holds_key(len >= 0 ? text : fmt))
		put_key_hidden(m, len >= 0 ? text : fmt);
	else
		put_safe(m, len >= 0 ? text : fmt);
	if (text != small)
		free(text);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(m, " %s", strerror(saved));
	fputc('\n', m);
	line_close(m, &buf, &blen);
}

void
fl_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fl_vwarn(fmt, ap);
	va_end(ap);
}

void
fl_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fl_vwarn(fmt, ap);
	va_end(ap);
	exit(status);
}

void
fl_warn_err(const char *file, const struct fl_err *e)
{
	char *buf;
	size_t blen;
	FILE *m = line_open(&buf, &blen);

	fprintf(m, "%s: ", prog);
	if (file != NULL) {
		put_safe(m, file);
		if (e->line > 0)
			fprintf(m, ":%lu", e->line);
		if (e->line > 0 && e->col > 0)
			fprintf(m, ":%lu", e->col);
		fputs(": ", m);
	} else if (e->line > 0) {
		fprintf(m, "line %lu: ", e->line);
	}
	if (e->msg[0] == '\0')
		put_safe(m, "error");
	else if (holds_key(e->msg))
		put_key_hidden(m, e->msg);
	else
		put_safe(m, e->msg);
	fputc('\n', m);
	line_close(m, &buf, &blen);
}

void
fl_die_err(const char *file, const struct fl_err *e)
{
	fl_warn_err(file, e);
	exit(fl_exit_code(e->code));
}

int
fl_fshut(FILE *fp, const char *name)
{
	int bad = 0;

	if (fflush(fp) != 0 || ferror(fp))
		bad = 1;
	if (fclose(fp) != 0)
		bad = 1;
	if (bad) {
		fl_warn("%s:", name);
		return -1;
	}
	return 0;
}

int
fl_version_print(void)
{
	printf("%s %s\n", prog, FL_VERSION);
	return fl_fshut(stdout, "<stdout>") != 0 ? FL_EXIT_SYS : FL_EXIT_OK;
}
