#include "txctx.h"

#include <stdlib.h>
#include <string.h>

#include "dust.h"

void
fl_txctx_init(struct fl_txctx *x)
{
	memset(x, 0, sizeof *x);
}

void
fl_txctx_free(struct fl_txctx *x)
{
	fl_keys_free(&x->keys);
	if (x->secp != NULL)
		fl_key_ctx_free(x->secp);
	fl_utxo_free(&x->coins);
	free(x->payees);
	free(x->types);
	fl_txctx_init(x);
}

enum fl_sign_type
fl_txctx_spend_type(enum fl_addr_type t)
{
	switch (t) {
	case FL_ADDR_P2PKH:
		return FL_SIGN_P2PKH;
	case FL_ADDR_P2SH:
		return FL_SIGN_P2SH_P2WPKH;
	case FL_ADDR_P2TR:
		return FL_SIGN_P2TR;
	default:
		return FL_SIGN_P2WPKH;
	}
}

int
fl_txctx_set_change(struct fl_txopts *o, const struct fl_address *a,
    struct fl_err *e)
{
	uint64_t dust;

	if (fl_dust_threshold(fl_addr_type_name(a->type), &dust, e) != 0)
		return fl_err_set(e, FL_EDATA,
		    "unsupported address type \"%s\"",
		    fl_addr_type_name(a->type));
	o->change_dust = dust;
	o->change_spk = a->spk;
	o->change_spk_len = a->spklen;
	o->change_type = fl_txctx_spend_type(a->type);
	return 0;
}
