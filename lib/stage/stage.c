#include "stage.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "opt.h"
#include "outbuf.h"
#include "version.h"

static void
run_on_exit(struct fl_stage *st)
{
	while (st->non_exit > 0) {
		st->non_exit--;
		st->on_exit[st->non_exit].fn(st->on_exit[st->non_exit].arg);
	}
	free(st->lo);
	free(st->prov);
	st->lo = NULL;
	st->prov = NULL;
	st->prov_len = st->prov_cap = 0;
}

void
fl_stage_init(struct fl_stage *st, const char *name, char *argv[],
    const char *usage, const struct option *lo, const char *shortopts,
    const int *repeatable)
{
	size_t n;

	memset(st, 0, sizeof(*st));
	fl_prog_set(argv);
	st->name = name;
	st->usage = usage;
	st->repeatable = repeatable;
	for (n = 0; lo[n].name != NULL; n++)
		;
	/* fl_opt_once() keeps one bit per entry. */
	if (n + 3 > 64 || strlen(shortopts) + 3 > sizeof(st->shortopts))
		fl_die(FL_EXIT_SYS, "%s: too many options", name);
	if ((st->lo = calloc(n + 3, sizeof(*st->lo))) == NULL)
		fl_die(FL_EXIT_SYS, "out of memory");
	memcpy(st->lo, lo, n * sizeof(*lo));
	st->lo[n] = (struct option){"help", no_argument, NULL, 'h'};
	st->lo[n + 1] = (struct option){"version", no_argument, NULL, 'V'};
	snprintf(st->shortopts, sizeof(st->shortopts), "hV%s", shortopts);
}

static int
put_usage(struct fl_stage *st, FILE *fp)
{
	fputs(st->usage, fp);
	return fp == stdout && fl_fshut(stdout, "<stdout>") != 0 ? -1 : 0;
}

_Noreturn void
fl_stage_usage(struct fl_stage *st)
{
	put_usage(st, stderr);
	run_on_exit(st);
	exit(FL_EXIT_USAGE);
}

int
fl_stage_getopt(struct fl_stage *st, int argc, char *argv[])
{
	struct fl_err e;
	int ch, rc;

	ch = getopt_long(argc, argv, st->shortopts, st->lo, NULL);
	switch (ch) {
	case -1:
		return -1;
	case 'h':
		rc = put_usage(st, stdout);
		run_on_exit(st);
		exit(rc != 0 ? FL_EXIT_SYS : FL_EXIT_OK);
	case 'V':
		rc = fl_version_print();
		run_on_exit(st);
		exit(rc);
	case '?':
	case ':':
		fl_stage_usage(st);
	}
	if (fl_opt_once(st->lo, ch, st->repeatable, &st->seen, &e) != 0)
		fl_stage_die(st, FL_EXIT_USAGE, "%s", e.msg);
	return ch;
}

const char *
fl_stage_operand(struct fl_stage *st, int argc, char *argv[])
{
	const char *path;
	struct fl_err e;

	if (fl_opt_operand(argc, argv, optind, &path, &e) != 0) {
		fl_warn_err(NULL, &e);
		fl_stage_usage(st);
	}
	return path;
}

const char *
fl_stage_file_arg(struct fl_stage *st, const char *opt, const char *arg)
{
	if (arg[0] == '\0')
		fl_stage_die(st, FL_EXIT_USAGE, "%s: empty file name", opt);
	return arg;
}

void
fl_stage_require(struct fl_stage *st, int given, const char *opt)
{
	if (given)
		return;
	fl_warn("%s is required", opt);
	fl_stage_usage(st);
}

void
fl_stage_prov_add(struct fl_stage *st, const char *fmt, ...)
{
	va_list ap;
	size_t need, cap;
	char *p;
	int n;

	if (st->prov_nomem)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		st->prov_nomem = 1;
		return;
	}
	/* The separator, the item, the NUL. */
	need = st->prov_len + 1 + (size_t)n + 1;
	if (need > st->prov_cap) {
		cap = st->prov_cap > 0 ? st->prov_cap : 128;
		while (cap < need)
			cap *= 2;
		if ((p = realloc(st->prov, cap)) == NULL) {
			st->prov_nomem = 1;
			return;
		}
		st->prov = p;
		st->prov_cap = cap;
	}
	if (st->prov_len > 0)
		st->prov[st->prov_len++] = ' ';
	va_start(ap, fmt);
	vsnprintf(st->prov + st->prov_len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	st->prov_len += (size_t)n;
}

const char *
fl_stage_prov(const struct fl_stage *st)
{
	return st->prov != NULL ? st->prov : "";
}

void
fl_stage_on_exit(struct fl_stage *st, void (*fn)(void *), void *arg)
{
	if (st->non_exit == FL_STAGE_MAXEXIT)
		fl_stage_die(st, FL_EXIT_SYS, "too many clean-ups");
	st->on_exit[st->non_exit].fn = fn;
	st->on_exit[st->non_exit].arg = arg;
	st->non_exit++;
}

int
fl_stage_put_provenance(const struct fl_stage *st, FILE *out)
{
	if (st->prov_nomem)
		return FL_ENOMEM;
	/* One line a reader accepts, whatever the options held. */
	fl_tsv_put_provenance(out, st->name, "%s", fl_stage_prov(st));
	return 0;
}

FILE *
fl_stage_output(struct fl_stage *st, const struct fl_tsv_reader *r)
{
	FILE *out;

	if ((out = fl_outbuf_open()) == NULL)
		fl_stage_die(st, FL_EXIT_SYS, "output buffer:");
	if (r != NULL)
		fl_tsv_put_comments(out, r);
	if (fl_stage_put_provenance(st, out) != 0)
		fl_stage_die(st, FL_EXIT_SYS, "out of memory");
	return out;
}

FILE *
fl_stage_output_direct(struct fl_stage *st, const struct fl_tsv_reader *r)
{
	if (r != NULL)
		fl_tsv_put_comments(stdout, r);
	if (fl_stage_put_provenance(st, stdout) != 0)
		fl_stage_die(st, FL_EXIT_SYS, "out of memory");
	st->direct = 1;
	return stdout;
}

int
fl_stage_commit(struct fl_stage *st)
{
	if (st->committed)
		return st->commit_rc;
	st->committed = 1;
	if (st->direct)
		st->commit_rc = fl_fshut(stdout, "<stdout>") != 0 ? FL_EXIT_SYS
								  : FL_EXIT_OK;
	else
		st->commit_rc =
		    fl_outbuf_commit() != 0 ? FL_EXIT_SYS : FL_EXIT_OK;
	return st->commit_rc;
}

int
fl_stage_finish(struct fl_stage *st)
{
	int direct = st->direct;

	run_on_exit(st);
	if (st->committed)
		return st->commit_rc;
	if (direct)
		return fl_fshut(stdout, "<stdout>") != 0 ? FL_EXIT_SYS
							 : FL_EXIT_OK;
	return fl_outbuf_commit() != 0 ? FL_EXIT_SYS : FL_EXIT_OK;
}

_Noreturn void
fl_stage_die(struct fl_stage *st, int status, const char *fmt, ...)
{
	va_list ap;

	fl_outbuf_discard();
	/* The message first: a clean-up may change errno. */
	va_start(ap, fmt);
	fl_vwarn(fmt, ap);
	va_end(ap);
	run_on_exit(st);
	exit(status);
}

_Noreturn void
fl_stage_exit(struct fl_stage *st, int status)
{
	fl_outbuf_discard();
	run_on_exit(st);
	exit(status);
}

_Noreturn void
fl_stage_die_err(struct fl_stage *st, const char *file, const struct fl_err *e)
{
	fl_outbuf_discard();
	fl_warn_err(file, e);
	run_on_exit(st);
	exit(fl_exit_code(e->code));
}

int
fl_stage_cols_init(struct fl_stage_cols *c, const struct fl_tsv_reader *r,
    const char *const *owned, size_t nowned, struct fl_err *e)
{
	size_t k;
	int at;

	memset(c, 0, sizeof(*c));
	c->names = calloc(r->ncols + nowned + 1, sizeof(*c->names));
	c->row = calloc(r->ncols + nowned + 1, sizeof(*c->row));
	c->at = calloc(nowned + 1, sizeof(*c->at));
	if (c->names == NULL || c->row == NULL || c->at == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	memcpy(c->names, r->cols, r->ncols * sizeof(*c->names));
	c->nin = c->n = r->ncols;
	c->nowned = nowned;
	for (k = 0; k < nowned; k++) {
		if ((at = fl_tsv_col(r, owned[k])) >= 0) {
			c->at[k] = (size_t)at;
		} else {
			c->at[k] = c->n;
			c->names[c->n++] = owned[k];
		}
	}
	return 0;
}

const char **
fl_stage_cols_fill(struct fl_stage_cols *c, const char *const *field)
{
	size_t k;

	memcpy(c->row, field, c->nin * sizeof(*c->row));
	for (k = 0; k < c->nowned; k++)
		c->row[c->at[k]] = "";
	return c->row;
}

const char **
fl_stage_cols_row(struct fl_stage_cols *c, const struct fl_tsv_reader *r)
{
	return fl_stage_cols_fill(c, (const char *const *)r->field);
}

void
fl_stage_cols_free(struct fl_stage_cols *c)
{
	free(c->names);
	free(c->row);
	free(c->at);
	memset(c, 0, sizeof(*c));
}
