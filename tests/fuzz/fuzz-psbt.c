/*
 * The PSBT decoder: any bytes must decode or give a clean error, and a
 * decoded PSBT must survive the signer checks of every input.
 */
#include "fuzz.h"
#include "psbt.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fl_psbt p;
	struct fl_err e;
	size_t i;
	int rc;

	e.msg[0] = '\0';
	rc = fl_psbt_decode(data, size, &p, &e);
	if (rc < 0 && e.msg[0] == '\0')
		__builtin_trap();
	if (rc == 0)
		for (i = 0; i < p.tx.nin; i++)
			(void)fl_psbt_check_input(&p, i, &e);
	fl_psbt_free(&p);
	return 0;
}
