/* flattor-addrs: relays -> relays with a payee address. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "contact.h"
#include "diag.h"
#include "input.h"
#include "outbuf.h"
#include "opt.h"
#include "tsv.h"
#include "version.h"

static const char usage_text[] =
    "usage: flattor-addrs [--network NET] [--keep] [--rejects FILE]\n"
    "                     [--allow-future-witness] [FILE]\n";

/* The columns this stage owns, in the order it appends them. */
static const char *const owned[] = {"address", "address_type",
    "address_source"};
#define NOWNED 3

static _Noreturn void
usage(void)
{
	fputs(usage_text, stderr);
	exit(FL_EXIT_USAGE);
}

/*
 * The output header: the input's columns, then the owned ones it lacks.
 * idx[k] is where owned[k] goes (a column of the same name is rewritten in
 * place, so that a second run replaces the first one's answer).
 */
static size_t
plan_columns(const struct fl_tsv_reader *r, const char **names,
    size_t idx[NOWNED])
{
	size_t n = r->ncols, k;

	memcpy(names, r->cols, r->ncols * sizeof(*names));
	for (k = 0; k < NOWNED; k++) {
		int c = fl_tsv_col(r, owned[k]);

		if (c >= 0) {
			idx[k] = (size_t)c;
		} else {
			idx[k] = n;
			names[n++] = owned[k];
		}
	}
	return n;
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

int
main(int argc, char *argv[])
{
	enum {
		O_ALLOW_FUTURE = 256,
		O_HELP,
		O_KEEP,
		O_NETWORK,
		O_REJECTS,
		O_VERSION
	};
	static const struct option longopts[] = {
	    {"allow-future-witness", no_argument, NULL, O_ALLOW_FUTURE},
	    {"help", no_argument, NULL, O_HELP},
	    {"keep", no_argument, NULL, O_KEEP},
	    {"network", required_argument, NULL, O_NETWORK},
	    {"rejects", required_argument, NULL, O_REJECTS},
	    {"version", no_argument, NULL, O_VERSION},
	    {NULL, 0, NULL, 0},
	};
	enum fl_network net = FL_NET_MAIN;
	unsigned flags = 0;
	int keep = 0, ch, rc, c_contact, c_reason;
	const char *path = "-", *name, *rejects = NULL;
	unsigned long count[FL_REJECT_COUNT] = {0}, nrows = 0, nfound = 0;
	struct fl_tsv_reader r;
	uint64_t seen = 0;
	struct fl_err e;
	FILE *in, *out, *rj = NULL, *rf;
	char *rjbuf = NULL, prov[128];
	size_t rjlen = 0, ncols, idx[NOWNED], ridx, nrcols, k;
	const char **names, **row, **rrow;

	fl_prog_set(argv);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (fl_opt_once(longopts, ch, NULL, &seen, &e) != 0)
			fl_die(FL_EXIT_USAGE, "%s", e.msg);
		switch (ch) {
		case O_ALLOW_FUTURE:
			flags |= FL_ADDR_ALLOW_FUTURE_WITNESS;
			break;
		case O_HELP:
			fputs(usage_text, stdout);
			return fl_fshut(stdout, "<stdout>") ? FL_EXIT_SYS : 0;
		case O_KEEP:
			keep = 1;
			break;
		case O_NETWORK:
			if (fl_network_parse(optarg, &net) != 0)
				fl_die(FL_EXIT_USAGE,
				    "--network: unknown network \"%s\" (main, "
				    "test, signet or regtest)",
				    optarg);
			break;
		case O_REJECTS:
			rejects = optarg;
			break;
		case O_VERSION:
			return fl_version_print();
		default:
			usage();
		}
	}
	if (fl_opt_operand(argc, argv, optind, &path, &e) != 0) {
		fl_warn_err(NULL, &e);
		usage();
	}
	if (rejects != NULL && rejects[0] == '\0')
		fl_die(FL_EXIT_USAGE, "--rejects: empty file name");
	snprintf(prov, sizeof(prov), "network=%s%s%s", fl_network_name(net),
	    keep ? " keep" : "",
	    (flags & FL_ADDR_ALLOW_FUTURE_WITNESS) ? " allow-future-witness"
						   : "");

	if ((in = fl_input_open(path, &name, &e)) == NULL)
		fl_die_err(path, &e);
	if (fl_tsv_open(&r, in, &e) != 0 ||
	    (c_contact = fl_tsv_require(&r, "contact", "flattor-fetch", &e)) <
		0)
		fl_die_err(name, &e);

	names = calloc(r.ncols + NOWNED + 1, sizeof(*names));
	row = calloc(r.ncols + NOWNED + 1, sizeof(*row));
	rrow = calloc(r.ncols + 1, sizeof(*rrow));
	if (names == NULL || row == NULL || rrow == NULL)
		fl_die(FL_EXIT_SYS, "out of memory");
	ncols = plan_columns(&r, names, idx);

	if ((out = fl_outbuf_open()) == NULL)
		fl_die(FL_EXIT_SYS, "out of memory");
	fl_tsv_put_comments(out, &r);
	fl_tsv_put_provenance(out, "flattor-addrs", "%s", prov);
	fl_tsv_put_row(out, names, ncols);

	/* Rejects: the input's columns and "reason" (in place if present). */
	c_reason = fl_tsv_col(&r, "reason");
	ridx = c_reason >= 0 ? (size_t)c_reason : r.ncols;
	nrcols = c_reason >= 0 ? r.ncols : r.ncols + 1;
	if (rejects != NULL) {
		if ((rj = open_memstream(&rjbuf, &rjlen)) == NULL)
			fl_die(FL_EXIT_SYS, "out of memory");
		fl_tsv_put_comments(rj, &r);
		fl_tsv_put_provenance(rj, "flattor-addrs", "%s", prov);
		memcpy(rrow, r.cols, r.ncols * sizeof(*rrow));
		rrow[ridx] = "reason";
		fl_tsv_put_row(rj, rrow, nrcols);
	}

	while ((rc = fl_tsv_next(&r, &e)) == 1) {
		struct fl_contact c;
		struct fl_err ce;

		nrows++;
		rc =
		    fl_contact_extract(r.field[c_contact], net, flags, &c, &ce);
		if (rc != 0) {
			count[c.reason]++;
			if (rj != NULL) {
				memcpy(rrow, r.field, r.ncols * sizeof(*rrow));
				rrow[ridx] = fl_addr_reject_name(c.reason);
				fl_tsv_put_row(rj, rrow, nrcols);
			}
		}
		if (rc == 0 && c.source != FL_CONTACT_NONE)
			nfound++;
		else if (!keep)
			continue;
		memcpy(row, r.field, r.ncols * sizeof(*row));
		if (rc == 0 && c.source != FL_CONTACT_NONE) {
			row[idx[0]] = c.addr.text;
			row[idx[1]] = fl_addr_type_name(c.addr.type);
			row[idx[2]] = fl_contact_source_name(c.source);
		} else {
			for (k = 0; k < NOWNED; k++)
				row[idx[k]] = "";
		}
		fl_tsv_put_row(out, row, ncols);
	}
	/* Freed before a bad row's exit too, which LeakSanitizer flags. */
	free(names);
	free(row);
	free(rrow);
	if (rc < 0)
		fl_die_err(name, &e);
	fl_tsv_close(&r);
	fl_input_close(in);

	if (rj != NULL) {
		if (fclose(rj) != 0)
			fl_die(FL_EXIT_SYS, "out of memory");
		if ((rf = fopen(rejects, "w")) == NULL)
			fl_die(FL_EXIT_SYS, "%s:", rejects);
		if (fwrite(rjbuf, 1, rjlen, rf) != rjlen) {
			fl_warn("%s:", rejects);
			fclose(rf);
			exit(FL_EXIT_SYS);
		}
		if (fl_fshut(rf, rejects) != 0)
			exit(FL_EXIT_SYS);
		free(rjbuf);
	}
	summary(nrows, nfound, count);
	if (fl_outbuf_commit() != 0)
		return FL_EXIT_SYS;
	return 0;
}
