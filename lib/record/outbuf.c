#include "outbuf.h"

#include <stdlib.h>

#include "diag.h"

static FILE *out_fp;
static char *out_buf;
static size_t out_len;

FILE *
fl_outbuf_open(void)
{
	if (out_fp == NULL)
		out_fp = open_memstream(&out_buf, &out_len);
	return out_fp;
}

int
fl_outbuf_commit(void)
{
	int rc = 0;

	if (out_fp != NULL) {
		if (fclose(out_fp) != 0) {
			fl_warn("output buffer:");
			rc = -1;
		} else if (out_len > 0 &&
		    fwrite(out_buf, 1, out_len, stdout) != out_len) {
			fl_warn("<stdout>:");
			rc = -1;
		}
		free(out_buf);
		out_fp = NULL;
		out_buf = NULL;
		out_len = 0;
	}
	/* One message for one failure: fwrite() has already told. */
	if (rc != 0)
		fclose(stdout);
	else if (fl_fshut(stdout, "<stdout>") != 0)
		rc = -1;
	return rc;
}

void
fl_outbuf_discard(void)
{
	if (out_fp == NULL)
		return;
	fclose(out_fp);
	free(out_buf);
	out_fp = NULL;
	out_buf = NULL;
	out_len = 0;
}
