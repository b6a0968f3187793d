/* sighash: stub, implementation follows. */
#include <string.h>

#include "sighash.h"

int
fl_sighash_precompute(struct fl_sighash_cache *c, const struct fl_tx *tx,
    const struct fl_coin *spent, struct fl_err *e)
{
	(void)tx, (void)spent;
	memset(c, 0, sizeof(*c));
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_sighash_legacy(const struct fl_tx *tx, size_t in, const uint8_t *script_code,
    size_t script_len, uint32_t hashtype, uint8_t out[32], struct fl_err *e)
{
	(void)tx, (void)in, (void)script_code, (void)script_len, (void)hashtype;
	memset(out, 0, 32);
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_sighash_v0(const struct fl_tx *tx, const struct fl_sighash_cache *c,
    size_t in, const uint8_t *script_code, size_t script_len, uint64_t amount,
    uint32_t hashtype, uint8_t out[32], struct fl_err *e)
{
	(void)tx, (void)c, (void)in, (void)script_code, (void)script_len;
	(void)amount, (void)hashtype;
	memset(out, 0, 32);
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_sighash_taproot_msg(const struct fl_tx *tx, const struct fl_sighash_cache *c,
    const struct fl_coin *spent, size_t in, uint8_t hashtype,
    struct fl_buf *msg, struct fl_err *e)
{
	(void)tx, (void)c, (void)spent, (void)in, (void)hashtype, (void)msg;
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_sighash_taproot(const struct fl_tx *tx, const struct fl_sighash_cache *c,
    const struct fl_coin *spent, size_t in, uint8_t hashtype, uint8_t out[32],
    struct fl_err *e)
{
	(void)tx, (void)c, (void)spent, (void)in, (void)hashtype;
	memset(out, 0, 32);
	return fl_err_set(e, FL_EDATA, "not implemented");
}
