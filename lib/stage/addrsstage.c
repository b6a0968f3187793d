#include "addrsstage.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "contact.h"
#include "input.h"
#include "tsv.h"

/* The columns this stage owns, in the order it appends them. */
static const char *const owned[] = {"address", "address_type",
    "address_source"};
#define NOWNED 3
static const char *const reason[] = {"reason"};

void
fl_addrsstage_init(struct fl_addrsstage *a)
{
	memset(a, 0, sizeof(*a));
	a->net = FL_NET_MAIN;
}

int
fl_addrsstage_set(struct fl_addrsstage *a, int opt, const char *arg,
    struct fl_err *e)
{
	switch (opt) {
	case FL_ADDRS_O_ALLOW_FUTURE:
		a->flags |= FL_ADDR_ALLOW_FUTURE_WITNESS;
		return 0;
	case FL_ADDRS_O_KEEP:
		a->keep = 1;
		return 0;
	case FL_ADDRS_O_NETWORK:
		if (fl_network_parse(arg, &a->net) != 0)
			return fl_err_set(e, FL_EUSAGE,
			    "--network: unknown network \"%s\" (main, test, "
			    "signet or regtest)",
			    arg);
		return 0;
	case FL_ADDRS_O_REJECTS:
		if (arg[0] == '\0')
			return fl_err_set(e, FL_EUSAGE,
			    "--rejects: empty file name");
		a->rejects = arg;
		return 0;
	}
	return fl_err_set(e, FL_EUSAGE, "unknown option");
}

/* What a run holds, released on every exit. */
struct run {
	struct fl_tsv_reader r;
	int r_open;
	FILE *in, *rj;
	char *rjbuf;
	size_t rjlen;
	char *tmp; /* the rejects file being written, until renamed */
	struct fl_stage_cols out, rcols;
};

static void
run_free(void *arg)
{
	struct run *u = arg;

	fl_stage_cols_free(&u->out);
	fl_stage_cols_free(&u->rcols);
	if (u->rj != NULL)
		fclose(u->rj);
	free(u->rjbuf);
	if (u->r_open)
		fl_tsv_close(&u->r);
	fl_input_close(u->in);
}

/*
 * The temporary rejects file of a run that dies before commit_rejects():
 * registered apart from run_free(), which fl_stage_finish() runs before it
 * writes stdout.
 */
static void
tmp_remove(void *arg)
{
	struct run *u = arg;

	if (u->tmp == NULL)
		return;
	unlink(u->tmp);
	free(u->tmp);
	u->tmp = NULL;
}

static void
summary(unsigned long nrows, unsigned long nfound,
    const unsigned long count[FL_REJECT_COUNT])
{
	char buf[512];
	size_t len;
	int i, any = 0;

	snprintf(buf, sizeof(buf),
	    "%lu relay%s, %lu with an address; rejected:", nrows,
	    nrows == 1 ? "" : "s", nfound);
	for (i = 1; i < FL_REJECT_COUNT; i++) {
		if (count[i] == 0)
			continue;
		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "%s %lu %s",
		    any ? "," : "", count[i],
		    fl_addr_reject_name((enum fl_addr_reject)i));
		any = 1;
	}
	if (!any) {
		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, " none");
	}
	fl_warn("%s", buf);
}

/*
 * The rejects file, written only once the whole input has been read, to a
 * temporary file beside it (so that the rename stays in one file system),
 * renamed into place only after stdout has been written: a failed run, or
 * a failed write of either, leaves the old file as it was.
 */
static void
write_rejects(struct fl_stage *st, struct run *u, const char *path)
{
	mode_t mask;
	int fd, rc;
	FILE *rf;

	rc = fclose(u->rj);
	u->rj = NULL;
	if (rc != 0)
		fl_stage_die(st, FL_EXIT_SYS, "out of memory");
	if ((u->tmp = malloc(strlen(path) + sizeof(".XXXXXX"))) == NULL)
		fl_stage_die(st, FL_EXIT_SYS, "out of memory");
	strcpy(u->tmp, path);
	strcat(u->tmp, ".XXXXXX");
	if ((fd = mkstemp(u->tmp)) == -1) {
		free(u->tmp);
		u->tmp = NULL;
		fl_stage_die(st, FL_EXIT_SYS, "%s:", path);
	}
	/* mkstemp() makes it 0600; the file is not secret: as fopen()'s. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || (rf = fdopen(fd, "w")) == NULL) {
		fl_warn("%s:", path);
		close(fd);
		fl_stage_exit(st, FL_EXIT_SYS);
	}
	if (fwrite(u->rjbuf, 1, u->rjlen, rf) != u->rjlen) {
		fl_warn("%s:", path);
		fclose(rf);
		fl_stage_exit(st, FL_EXIT_SYS);
	}
	if (fl_fshut(rf, path) != 0)
		fl_stage_exit(st, FL_EXIT_SYS);
}

/* Puts the rejects file in place once stdout is written (status 0). */
static int
commit_rejects(struct run *u, const char *path, int status)
{
	if (u->tmp == NULL)
		return status;
	if (status == 0 && rename(u->tmp, path) != 0) {
		fl_warn("%s:", path);
		status = FL_EXIT_SYS;
	}
	if (status != 0)
		unlink(u->tmp);
	free(u->tmp);
	u->tmp = NULL;
	return status;
}

int
fl_addrsstage_run(struct fl_stage *st, const struct fl_addrsstage *a,
    const char *path)
{
	static struct run u;
	unsigned long count[FL_REJECT_COUNT] = {0}, nrows = 0, nfound = 0;
	struct fl_contact c;
	struct fl_err e, ce;
	const char *name, **row;
	char *tmp;
	FILE *out;
	int rc, col;

	memset(&u, 0, sizeof(u));
	fl_stage_on_exit(st, tmp_remove, &u);
	fl_stage_on_exit(st, run_free, &u);
	fl_stage_prov_add(st, "network=%s", fl_network_name(a->net));
	if (a->keep)
		fl_stage_prov_add(st, "keep");
	if (a->flags & FL_ADDR_ALLOW_FUTURE_WITNESS)
		fl_stage_prov_add(st, "allow-future-witness");
	if ((u.in = fl_input_open(path, &name, &e)) == NULL)
		fl_stage_die_err(st, path, &e);
	u.r_open = 1;
	if (fl_tsv_open(&u.r, u.in, &e) != 0 ||
	    (col = fl_tsv_require(&u.r, "contact", "flattor-fetch", &e)) < 0)
		fl_stage_die_err(st, name, &e);
	if (fl_stage_cols_init(&u.out, &u.r, owned, NOWNED, &e) != 0 ||
	    fl_stage_cols_init(&u.rcols, &u.r, reason, 1, &e) != 0)
		fl_stage_die_err(st, NULL, &e);
	out = fl_stage_output(st, &u.r);
	fl_tsv_put_row(out, u.out.names, u.out.n);
	if (a->rejects != NULL) {
		if ((u.rj = open_memstream(&u.rjbuf, &u.rjlen)) == NULL)
			fl_stage_die(st, FL_EXIT_SYS, "out of memory");
		fl_tsv_put_comments(u.rj, &u.r);
		fl_stage_put_provenance(st, u.rj);
		fl_tsv_put_row(u.rj, u.rcols.names, u.rcols.n);
	}
	while ((rc = fl_tsv_next(&u.r, &e)) == 1) {
		nrows++;
		rc = fl_contact_extract(u.r.field[col], a->net, a->flags, &c,
		    &ce);
		if (rc != 0) {
			count[c.reason]++;
			if (u.rj != NULL) {
				row = fl_stage_cols_row(&u.rcols, &u.r);
				row[u.rcols.at[0]] =
				    fl_addr_reject_name(c.reason);
				fl_tsv_put_row(u.rj, row, u.rcols.n);
			}
		}
		if (rc == 0 && c.source != FL_CONTACT_NONE)
			nfound++;
		else if (!a->keep)
			continue;
		row = fl_stage_cols_row(&u.out, &u.r);
		if (rc == 0 && c.source != FL_CONTACT_NONE) {
			row[u.out.at[0]] = c.addr.text;
			row[u.out.at[1]] = fl_addr_type_name(c.addr.type);
			row[u.out.at[2]] = fl_contact_source_name(c.source);
		}
		fl_tsv_put_row(out, row, u.out.n);
	}
	if (rc < 0)
		fl_stage_die_err(st, name, &e);
	if (u.rj != NULL)
		write_rejects(st, &u, a->rejects);
	summary(nrows, nfound, count);
	tmp = u.tmp;
	u.tmp = NULL; /* kept past fl_stage_finish()'s clean-ups */
	rc = fl_stage_finish(st);
	u.tmp = tmp;
	return commit_rejects(&u, a->rejects, rc);
}
