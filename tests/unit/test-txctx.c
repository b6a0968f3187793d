/* lib/txctx: the context, and the change it carries. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "txctx.h"

#define CHANGE "bc1qcfcpad2l0mpmsw22hjxj865gk9lclp8w08zzlc"
#define P2SH "3JZ1YxA7UXgvgULxCY7WyajXHehEbDeupn"

int
main(void)
{
	struct fl_txctx x;
	struct fl_txopts o;
	struct fl_address ca, a;
	struct fl_err e;

	/* How a change output will be spent, to price it. */
	check_int(fl_txctx_spend_type(FL_ADDR_P2PKH), ==, FL_SIGN_P2PKH);
	check_int(fl_txctx_spend_type(FL_ADDR_P2SH), ==, FL_SIGN_P2SH_P2WPKH);
	check_int(fl_txctx_spend_type(FL_ADDR_P2WPKH), ==, FL_SIGN_P2WPKH);
	check_int(fl_txctx_spend_type(FL_ADDR_P2WSH), ==, FL_SIGN_P2WPKH);
	check_int(fl_txctx_spend_type(FL_ADDR_P2TR), ==, FL_SIGN_P2TR);

	/* The change: its script, dust and how it will be spent. */
	memset(&o, 0, sizeof o);
	check_int(fl_address_decode(CHANGE, FL_NET_MAIN, 0, &ca, NULL, &e), ==,
	    0);
	check_int(fl_txctx_set_change(&o, &ca, &e), ==, 0);
	check_uint(o.change_dust, ==, 294);
	check(o.change_spk == ca.spk && o.change_spk_len == 22);
	check_int(o.change_type, ==, FL_SIGN_P2WPKH);
	check_int(fl_address_decode(P2SH, FL_NET_MAIN, 0, &a, NULL, &e), ==, 0);
	check_int(fl_txctx_set_change(&o, &a, &e), ==, 0);
	check_uint(o.change_dust, ==, 540);
	check_int(o.change_type, ==, FL_SIGN_P2SH_P2WPKH);
	/* A type without a dust threshold: refused, o unchanged. */
	a.type = FL_ADDR_WITNESS_UNKNOWN;
	check_int(fl_txctx_set_change(&o, &a, &e), ==, FL_EDATA);
	check_str(e.msg, "unsupported address type \"witness_unknown\"");
	check_uint(o.change_dust, ==, 540);

	/* An empty context frees to an empty one, twice. */
	fl_txctx_init(&x);
	check(x.payees == NULL && x.np == 0 && x.coins.n == 0);
	check(x.types == NULL && x.secp == NULL && x.keys.n == 0);
	fl_txctx_free(&x);
	fl_txctx_free(&x);
	check(x.payees == NULL && x.secp == NULL);

	/* A full one: everything it holds released (ASan tells a leak). */
	x.payees = calloc(2, sizeof *x.payees);
	x.np = 2;
	x.coins.u = calloc(1, sizeof *x.coins.u);
	x.coins.n = 1;
	x.types = calloc(1, sizeof *x.types);
	x.secp = fl_key_ctx_new(&e);
	x.keys.k = calloc(1, sizeof *x.keys.k);
	x.keys.n = 1;
	check(x.payees && x.coins.u && x.types && x.secp && x.keys.k);
	fl_txctx_free(&x);
	check(x.payees == NULL && x.np == 0 && x.coins.u == NULL);
	check(x.types == NULL && x.secp == NULL && x.keys.k == NULL);
	return test_done();
}
