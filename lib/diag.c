#include "diag.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *prog = "flattor";

static void
vset(struct fl_err *e, int code, unsigned long line, unsigned long col,
    const char *fmt, va_list ap)
{
	e->code = code;
	e->line = line;
	e->col = col;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
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
fl_prog_set(const char *name)
{
	const char *slash = strrchr(name, '/');

	prog = slash != NULL ? slash + 1 : name;
}

const char *
fl_prog(void)
{
	return prog;
}

void
fl_vwarn(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
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
	fprintf(stderr, "%s: ", prog);
	if (file != NULL) {
		fputs(file, stderr);
		if (e->line > 0)
			fprintf(stderr, ":%lu", e->line);
		if (e->line > 0 && e->col > 0)
			fprintf(stderr, ":%lu", e->col);
		fputs(": ", stderr);
	} else if (e->line > 0) {
		fprintf(stderr, "line %lu: ", e->line);
	}
	fprintf(stderr, "%s\n", e->msg[0] != '\0' ? e->msg : "error");
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
