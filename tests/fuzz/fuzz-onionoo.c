/* The Onionoo document reader: any bytes give a table or a clean error. */
#include <stdio.h>

#include "fuzz.h"
#include "onionoo.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fl_onionoo_doc doc;
	struct fl_err e;
	FILE *fp, *out;
	size_t i;
	int rc;

	if (size == 0 ||
	    (fp = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	out = fopen("/dev/null", "w");
	rc = fl_onionoo_read(fp, &doc, &e);
	if (rc == 0) {
		fl_onionoo_put_header(out);
		for (i = 0; i < doc.nrelays; i++) {
			struct fl_onionoo_relay r;

			fl_onionoo_relay_at(&doc, i, &r);
			fl_onionoo_put_row(out, &r);
		}
		fl_onionoo_free(&doc);
	} else if (e.msg[0] == '\0' || doc.arena != NULL)
		__builtin_trap();
	fclose(fp);
	fclose(out);
	return 0;
}
