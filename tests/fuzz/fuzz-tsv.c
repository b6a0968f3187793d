/* The record reader: any bytes must give rows or a clean error. */
#include <stdio.h>

#include "fuzz.h"
#include "tsv.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fl_tsv_reader r;
	struct fl_err e;
	FILE *fp, *out;
	int rc;

	if (size == 0 ||
	    (fp = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	out = fopen("/dev/null", "w");
	rc = fl_tsv_open(&r, fp, &e);
	if (rc == 0) {
		fl_tsv_put_comments(out, &r);
		fl_tsv_put_row(out, (const char *const *)r.cols, r.ncols);
		while ((rc = fl_tsv_next(&r, &e)) == 1)
			fl_tsv_put_row(out, (const char *const *)r.field,
			    r.ncols);
	}
	if (rc < 0 && e.msg[0] == '\0')
		__builtin_trap();
	fl_tsv_close(&r);
	fclose(fp);
	fclose(out);
	return 0;
}
