#include "fee.h"

#include <string.h>

#include "decimal.h"
#include "buf.h"

/* Products of a size and a rate fit in 128 bits. */
__extension__ typedef unsigned __int128 u128;

/* Version and locktime: 4 bytes each. */
#define TX_FIXED 8

void
fl_fee_tx_init(struct fl_fee_tx *t)
{
	memset(t, 0, sizeof *t);
}

/* How much lighter than its maximum an input of type can be signed. */
static uint64_t
slack(enum fl_sign_type type)
{
	switch (type) {
	case FL_SIGN_P2PKH:
		return 2 * 4; /* in the scriptSig: 4 weight units a byte */
	case FL_SIGN_P2SH_P2WPKH:
	case FL_SIGN_P2WPKH:
		return 2;
	case FL_SIGN_P2TR:
		return 1;
	default:
		return 0;
	}
}

void
fl_fee_add_input(struct fl_fee_tx *t, enum fl_sign_type type)
{
	t->nin++;
	if (type == FL_SIGN_P2PKH)
		t->nlegacy++;
	t->in_weight += fl_sign_input_weight_max(type);
	t->in_slack += slack(type);
}

void
fl_fee_remove_input(struct fl_fee_tx *t, enum fl_sign_type type)
{
	t->nin--;
	if (type == FL_SIGN_P2PKH)
		t->nlegacy--;
	t->in_weight -= fl_sign_input_weight_max(type);
	t->in_slack -= slack(type);
}

void
fl_fee_add_output(struct fl_fee_tx *t, size_t spk_len)
{
	t->nout++;
	t->out_bytes += 8 + fl_compact_len(spk_len) + spk_len;
}

void
fl_fee_remove_output(struct fl_fee_tx *t, size_t spk_len)
{
	t->nout--;
	t->out_bytes -= 8 + fl_compact_len(spk_len) + spk_len;
}

uint64_t
fl_fee_output_weight(size_t spk_len)
{
	return 4 * (8 + fl_compact_len(spk_len) + spk_len);
}

uint64_t
fl_fee_weight(const struct fl_fee_tx *t, int max)
{
	uint64_t w;

	w = 4 *
	    (TX_FIXED + fl_compact_len(t->nin) + fl_compact_len(t->nout) +
		t->out_bytes);
	w += max ? t->in_weight : t->in_weight - t->in_slack;
	if (t->nin > t->nlegacy)
		w += 2 + t->nlegacy;
	return w;
}

uint64_t
fl_fee_vsize(uint64_t weight)
{
	return (weight + 3) / 4;
}

uint64_t
fl_fee_for(uint64_t vsize, uint64_t rate)
{
	u128 p = (u128)vsize * rate;

	return (uint64_t)((p + 999) / 1000);
}

int
fl_fee_in_range(uint64_t fee, uint64_t vsize, uint64_t rate)
{
	u128 f = (u128)fee * 1000;

	return f >= (u128)vsize * rate && f < (u128)vsize * (rate + 1000);
}

int
fl_fee_rate_parse(const char *s, uint64_t *rate, struct fl_err *e)
{
	struct fl_err e2;

	*rate = 0;
	if (fl_decimal_parse(s, 3, 0, rate, &e2) != 0)
		return fl_err_set(e, FL_EUSAGE,
		    "invalid fee rate \"%s\" (sat/vB, at most 3 decimals)", s);
	if (*rate == 0 || *rate > 100000000) {
		*rate = 0;
		return fl_err_set(e, FL_EUSAGE,
		    "fee rate \"%s\" out of range (above 0, at most 100000 "
		    "sat/vB)",
		    s);
	}
	return 0;
}

void
fl_fee_rate_format(uint64_t rate, char *buf, size_t size)
{
	fl_decimal_format(rate, 3, buf, size);
}
