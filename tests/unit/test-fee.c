#include "fee.h"
#include "tap.h"

int
main(void)
{
	struct fl_fee_tx t;
	struct fl_err e;
	uint64_t r;
	char buf[32];

	/* BIP-143's native P2WPKH example: 1 P2PK (legacy) + 1 P2WPKH input,
	 * 2 P2PKH outputs.  An empty shape first. */
	fl_fee_tx_init(&t);
	check_uint(fl_fee_weight(&t, 1), ==, 4 * 10);
	fl_fee_add_output(&t, 25);
	fl_fee_add_output(&t, 25);
	check_uint(t.out_bytes, ==, 2 * 34);
	check_uint(fl_fee_weight(&t, 1), ==, 4 * (10 + 68));

	/* One P2WPKH input: 4 * (10 + 68) + 272 + 2 (marker, flag). */
	fl_fee_add_input(&t, FL_SIGN_P2WPKH);
	check_uint(fl_fee_weight(&t, 1), ==, 312 + 272 + 2);
	check_uint(fl_fee_weight(&t, 0), ==, 312 + 272 + 2 - 2);
	/* A P2PKH input too: its empty witness count adds 1. */
	fl_fee_add_input(&t, FL_SIGN_P2PKH);
	check_uint(fl_fee_weight(&t, 1), ==, 312 + 272 + 592 + 2 + 1);
	check_uint(fl_fee_weight(&t, 0), ==, 312 + 272 + 592 + 3 - 2 - 8);
	fl_fee_remove_input(&t, FL_SIGN_P2WPKH);
	/* Only legacy inputs: no marker, flag or stack counts. */
	check_uint(fl_fee_weight(&t, 1), ==, 312 + 592);
	fl_fee_remove_input(&t, FL_SIGN_P2PKH);
	fl_fee_add_input(&t, FL_SIGN_P2TR);
	fl_fee_add_input(&t, FL_SIGN_P2SH_P2WPKH);
	check_uint(fl_fee_weight(&t, 1), ==, 312 + 231 + 364 + 2);
	check_uint(fl_fee_weight(&t, 0), ==, 312 + 231 + 364 + 2 - 1 - 2);
	fl_fee_remove_output(&t, 25);
	check_uint(t.nout, ==, 1);
	check_uint(fl_fee_output_weight(22), ==, 124);
	check_uint(fl_fee_output_weight(34), ==, 172);
	/* 253 outputs: the count takes 3 bytes. */
	fl_fee_tx_init(&t);
	for (int i = 0; i < 253; i++)
		fl_fee_add_output(&t, 22);
	check_uint(fl_fee_weight(&t, 1), ==, 4 * (8 + 1 + 3 + 253 * 31));

	check_uint(fl_fee_vsize(0), ==, 0);
	check_uint(fl_fee_vsize(1), ==, 1);
	check_uint(fl_fee_vsize(4), ==, 1);
	check_uint(fl_fee_vsize(5), ==, 2);
	/* Fees: ceil(vsize * rate / 1000). */
	check_uint(fl_fee_for(141, 1000), ==, 141);
	check_uint(fl_fee_for(141, 2500), ==, 353);
	check_uint(fl_fee_for(141, 1), ==, 1);
	check_uint(fl_fee_for(0, 5000), ==, 0);
	check_uint(fl_fee_for(UINT64_C(1) << 40, 100000000), ==,
	    (UINT64_C(1) << 40) * 100000);
	/* In range: [rate, rate + 1). */
	check(fl_fee_in_range(353, 141, 2500));
	check(!fl_fee_in_range(352, 141, 2500));
	check(fl_fee_in_range(493, 141, 2500));
	check(!fl_fee_in_range(494, 141, 2500));

	check_int(fl_fee_rate_parse("2.5", &r, &e), ==, 0);
	check_uint(r, ==, 2500);
	check_int(fl_fee_rate_parse("1e1", &r, &e), ==, 0);
	check_uint(r, ==, 10000);
	check_int(fl_fee_rate_parse("0.001", &r, &e), ==, 0);
	check_uint(r, ==, 1);
	check_int(fl_fee_rate_parse("100000", &r, &e), ==, 0);
	check_int(fl_fee_rate_parse("100000.001", &r, &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "fee rate \"100000.001\" out of range (above 0, at "
	    "most 100000 sat/vB)");
	check_int(fl_fee_rate_parse("0", &r, &e), ==, FL_EUSAGE);
	check_uint(r, ==, 0);
	check_int(fl_fee_rate_parse("0.0005", &r, &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "invalid fee rate \"0.0005\" (sat/vB, at most 3 decimals)");
	check_int(fl_fee_rate_parse("-1", &r, &e), ==, FL_EUSAGE);
	check_int(fl_fee_rate_parse("", &r, &e), ==, FL_EUSAGE);
	check_int(fl_fee_rate_parse("2 sat", &r, &e), ==, FL_EUSAGE);
	fl_fee_rate_format(2500, buf, sizeof buf);
	check_str(buf, "2.5");
	fl_fee_rate_format(1, buf, sizeof buf);
	check_str(buf, "0.001");
	fl_fee_rate_format(4000, buf, sizeof buf);
	check_str(buf, "4");
	return test_done();
}
