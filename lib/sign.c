/* sign: stub, implementation follows. */
#include "sign.h"

enum fl_sign_type
fl_sign_type_of(const struct fl_coin *coin)
{
	(void)coin;
	return FL_SIGN_UNSUPPORTED;
}

const char *
fl_sign_type_name(enum fl_sign_type t)
{
	switch (t) {
	case FL_SIGN_P2PKH:
		return "p2pkh";
	case FL_SIGN_P2SH_P2WPKH:
		return "p2sh-p2wpkh";
	case FL_SIGN_P2WPKH:
		return "p2wpkh";
	case FL_SIGN_P2TR:
		return "p2tr";
	case FL_SIGN_UNSUPPORTED:
		break;
	}
	return "unsupported";
}

size_t
fl_sign_input_weight_max(enum fl_sign_type t)
{
	switch (t) {
	case FL_SIGN_P2PKH:
		return 592;
	case FL_SIGN_P2SH_P2WPKH:
		return 364;
	case FL_SIGN_P2WPKH:
		return 272;
	case FL_SIGN_P2TR:
		return 231;
	case FL_SIGN_UNSUPPORTED:
		break;
	}
	return 0;
}

int
fl_sign_tx(const secp256k1_context *ctx, struct fl_tx *tx,
    const struct fl_coin *coins, const struct fl_keys *keys, struct fl_err *e)
{
	(void)ctx, (void)tx, (void)coins, (void)keys;
	return fl_err_set(e, FL_EDATA, "not implemented");
}
