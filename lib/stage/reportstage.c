#include "reportstage.h"

#include <stdlib.h>
#include <string.h>

#include "decimal.h"
#include "input.h"
#include "outbuf.h"
#include "tsv.h"
#include "utxo.h"
#include "version.h"

/* flattor-tx's output: at most this many bytes. */
#define TX_MAX ((size_t)64 << 20)

void
fl_reportstage_init(struct fl_reportstage *c)
{
	memset(c, 0, sizeof(*c));
	c->net = FL_NET_MAIN;
	c->o.top = FL_REPORT_TOP;
	c->o.prog = "flattor-report";
	c->o.version = FL_VERSION;
}

int
fl_reportstage_set(struct fl_reportstage *c, int opt, const char *arg,
    struct fl_err *e)
{
	uint64_t top;

	switch (opt) {
	case FL_REPORT_O_FORMAT:
		if (strcmp(arg, "html") != 0 && strcmp(arg, "svg") != 0)
			return fl_err_set(e, FL_EUSAGE,
			    "--format: invalid format \"%s\" (html or svg)",
			    arg);
		c->svg = arg[0] == 's';
		return 0;
	case FL_REPORT_O_NETWORK:
		if (fl_network_parse(arg, &c->net) != 0)
			return fl_err_set(e, FL_EUSAGE,
			    "--network: invalid network \"%s\" (main, test, "
			    "signet or regtest)",
			    arg);
		return 0;
	case FL_REPORT_O_RELAYS:
	case FL_REPORT_O_TX:
	case FL_REPORT_O_UTXOS:
		if (arg[0] == '\0')
			return fl_err_set(e, FL_EUSAGE, "--%s: empty file name",
			    opt == FL_REPORT_O_RELAYS	? "relays"
				: opt == FL_REPORT_O_TX ? "tx"
							: "utxos");
		*(opt == FL_REPORT_O_RELAYS	? &c->relays
			: opt == FL_REPORT_O_TX ? &c->tx
						: &c->utxos) = arg;
		return 0;
	case FL_REPORT_O_TOP:
		if (fl_decimal_parse_u64(arg, &top, e) != 0 || top > 1000000)
			return fl_err_set(e, FL_EUSAGE,
			    "--top: invalid count \"%s\" (0 to 1000000)", arg);
		c->o.top = (size_t)top;
		return 0;
	default:
		return fl_err_set(e, FL_EUSAGE, "unknown option");
	}
}

static int
is_stdin(const char *path)
{
	return path != NULL && strcmp(path, "-") == 0;
}

int
fl_reportstage_check(const struct fl_reportstage *c, const char *path,
    struct fl_err *e)
{
	if (c->utxos != NULL && c->tx == NULL)
		return fl_err_set(e, FL_EUSAGE, "--utxos needs --tx");
	if (c->svg && (c->relays != NULL || c->tx != NULL))
		return fl_err_set(e, FL_EUSAGE,
		    "--format svg: the chart takes only the payees");
	if (is_stdin(path) + is_stdin(c->relays) + is_stdin(c->tx) +
		is_stdin(c->utxos) >
	    1)
		return fl_err_set(e, FL_EUSAGE,
		    "only one input may be standard input");
	return 0;
}

/* What a run holds, freed on every exit. */
struct run {
	struct fl_report_table t;
	struct fl_report_net net;
	struct fl_report_txs txs;
	struct fl_utxos coins;
	struct fl_tsv_reader r;
	int r_open;
	FILE *in;
	char *text;
};

static void
run_free(void *arg)
{
	struct run *x = arg;

	if (x->r_open)
		fl_tsv_close(&x->r);
	if (x->in != NULL)
		fl_input_close(x->in);
	free(x->text);
	fl_report_txs_free(&x->txs);
	fl_utxo_free(&x->coins);
	fl_report_net_free(&x->net);
	fl_report_table_free(&x->t);
}

/* Opens path as a table (header read) into x->r and x->in. */
static const char *
open_table(struct fl_stage *st, struct run *x, const char *path)
{
	const char *name;
	struct fl_err e;

	if ((x->in = fl_input_open(path, &name, &e)) == NULL)
		fl_stage_die_err(st, path, &e);
	x->r_open = 1;
	if (fl_tsv_open(&x->r, x->in, &e) != 0)
		fl_stage_die_err(st, name, &e);
	return name;
}

static void
close_table(struct run *x)
{
	fl_tsv_close(&x->r);
	x->r_open = 0;
	fl_input_close(x->in);
	x->in = NULL;
}

int
fl_reportstage_run(struct fl_stage *st, const struct fl_reportstage *c,
    const char *path)
{
	static struct run x;
	const char *name;
	struct fl_err e;
	FILE *out;
	size_t len;
	int rc;

	memset(&x, 0, sizeof(x));
	fl_stage_on_exit(st, run_free, &x);
	name = open_table(st, &x, path);
	if (fl_report_read(&x.r, &x.t, &e) != 0)
		fl_stage_die_err(st, name, &e);
	close_table(&x);
	if (c->relays != NULL) {
		name = open_table(st, &x, c->relays);
		if (fl_report_net_read(&x.r, c->net, &x.t, &x.net, &e) != 0)
			fl_stage_die_err(st, name, &e);
		close_table(&x);
	}
	if (c->utxos != NULL) {
		if ((x.in = fl_input_open(c->utxos, &name, &e)) == NULL)
			fl_stage_die_err(st, c->utxos, &e);
		if (fl_utxo_read(x.in, c->net, &x.coins, &e) != 0)
			fl_stage_die_err(st, name, &e);
		fl_input_close(x.in);
		x.in = NULL;
	}
	if (c->tx != NULL) {
		if ((x.in = fl_input_open(c->tx, &name, &e)) == NULL)
			fl_stage_die_err(st, c->tx, &e);
		if (fl_input_read_all(x.in, TX_MAX, &x.text, &len, &e) != 0)
			fl_stage_die_err(st, name, &e);
		fl_input_close(x.in);
		x.in = NULL;
		if (fl_report_tx_read(x.text, len, c->net, &x.coins, &x.t,
			&x.txs, &e) != 0)
			fl_stage_die_err(st, name, &e);
	}
	/* A page, not a table: no provenance line of its own. */
	if ((out = fl_outbuf_open()) == NULL)
		fl_stage_die(st, FL_EXIT_SYS, "output buffer:");
	rc = c->svg ? fl_report_svg(out, &x.t, &c->o, &e)
		    : fl_report_html(out, &x.t, c->relays ? &x.net : NULL,
			  c->tx ? &x.txs : NULL, &c->o, &e);
	if (rc != 0)
		fl_stage_die_err(st, NULL, &e);
	return fl_stage_finish(st);
}
