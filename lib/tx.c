/* tx: stub, implementation follows. */
#include <string.h>

#include "tx.h"

void
fl_tx_init(struct fl_tx *tx)
{
	memset(tx, 0, sizeof(*tx));
	tx->version = 2;
}

void
fl_tx_free(struct fl_tx *tx)
{
	fl_tx_init(tx);
}

int
fl_tx_add_input(struct fl_tx *tx, const uint8_t txid[32], uint32_t vout,
    uint32_t sequence, struct fl_err *e)
{
	(void)tx, (void)txid, (void)vout, (void)sequence;
	return fl_err_set(e, FL_ENOMEM, "not implemented");
}

int
fl_tx_add_output(struct fl_tx *tx, uint64_t value, const uint8_t *spk,
    size_t spk_len, struct fl_err *e)
{
	(void)tx, (void)value, (void)spk, (void)spk_len;
	return fl_err_set(e, FL_ENOMEM, "not implemented");
}

int
fl_tx_set_script_sig(struct fl_tx *tx, size_t i, const uint8_t *p, size_t len,
    struct fl_err *e)
{
	(void)tx, (void)i, (void)p, (void)len;
	return fl_err_set(e, FL_ENOMEM, "not implemented");
}

int
fl_tx_set_witness(struct fl_tx *tx, size_t i, const struct fl_witem *items,
    size_t n, struct fl_err *e)
{
	(void)tx, (void)i, (void)items, (void)n;
	return fl_err_set(e, FL_ENOMEM, "not implemented");
}

int
fl_tx_has_witness(const struct fl_tx *tx)
{
	(void)tx;
	return 0;
}

int
fl_tx_serialize(const struct fl_tx *tx, int witness, struct fl_buf *b,
    struct fl_err *e)
{
	(void)tx, (void)witness, (void)b;
	return fl_err_set(e, FL_ENOMEM, "not implemented");
}

size_t
fl_tx_size(const struct fl_tx *tx, int witness)
{
	(void)tx, (void)witness;
	return 0;
}

size_t
fl_tx_weight(const struct fl_tx *tx)
{
	(void)tx;
	return 0;
}

size_t
fl_tx_vsize(const struct fl_tx *tx)
{
	(void)tx;
	return 0;
}

int
fl_tx_parse(const uint8_t *p, size_t len, int allow_witness, struct fl_tx *tx,
    struct fl_err *e)
{
	(void)p, (void)len, (void)allow_witness;
	fl_tx_init(tx);
	return fl_err_set(e, FL_EDATA, "not implemented");
}

int
fl_tx_txid(const struct fl_tx *tx, uint8_t out[32], struct fl_err *e)
{
	(void)tx;
	memset(out, 0, 32);
	return fl_err_set(e, FL_ENOMEM, "not implemented");
}

int
fl_tx_wtxid(const struct fl_tx *tx, uint8_t out[32], struct fl_err *e)
{
	(void)tx;
	memset(out, 0, 32);
	return fl_err_set(e, FL_ENOMEM, "not implemented");
}

void
fl_txid_hex(const uint8_t txid[32], char out[65])
{
	(void)txid;
	out[0] = '\0';
}
