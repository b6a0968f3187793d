/*
 * The coin file reader (TSV or listunspent JSON, descriptors included):
 * any bytes must give coins or a clean error.
 */
#include <stdio.h>

#include "fuzz.h"
#include "utxo.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fl_utxos us;
	struct fl_err e;
	FILE *fp;
	int rc;

	if (size == 0 ||
	    (fp = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	e.msg[0] = '\0';
	rc = fl_utxo_read(fp, FL_NET_MAIN, &us, &e);
	if (rc < 0 && e.msg[0] == '\0')
		__builtin_trap();
	fl_utxo_free(&us);
	fclose(fp);
	return 0;
}
