/*
 * The JSON scanner: any bytes give values or a clean error, and whenever
 * jansson accepts the whole input as one value, the scanner cuts exactly
 * that value (so that a relay handed to jansson is never cut short or
 * long), with the members of an object where jansson sees them.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jscan.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fl_jscan *s;
	struct fl_err e;
	json_error_t je;
	json_t *whole, *v;
	unsigned long line, col;
	size_t start, end, i, n = 0;
	FILE *fp;
	int rc, c;

	if (size == 0 ||
	    (fp = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	whole = json_loadb((const char *)data, size,
	    JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if ((s = malloc(sizeof(*s))) == NULL)
		__builtin_trap();
	fl_jscan_init(s, fp, 1 << 16, &e);
	e.msg[0] = '\0';
	/* Values one after the other, as in an array without commas. */
	for (;;) {
		c = fl_jscan_ws(s);
		if (c < 0)
			break;
		rc = fl_jscan_value(s);
		if (rc != 0) {
			if (e.msg[0] == '\0')
				__builtin_trap();
			break;
		}
		if (s->vlen == 0 || s->val[s->vlen] != '\0')
			__builtin_trap();
		fl_jscan_where(s, s->vlen - 1, &line, &col);
		if (line < s->vline || (line == s->vline && col < s->vcol))
			__builtin_trap();
		for (i = 0; i < s->nmem; i++)
			if (s->mem_v[i].key >= s->vlen ||
			    (s->mem_v[i].value != (size_t)-1 &&
				s->mem_v[i].value >= s->vlen))
				__builtin_trap();
		/* (jansson stops at a NUL byte in a buffer: no oracle.) */
		if (n++ == 0 && whole != NULL &&
		    memchr(data, '\0', size) == NULL) {
			/* The one value jansson saw, white space aside. */
			for (start = 0; start < size && strchr(" \t\r\n",
								data[start]);
			     start++)
				;
			for (end = size; end > start &&
			     strchr(" \t\r\n", data[end - 1]);
			     end--)
				;
			if (s->vlen != end - start ||
			    memcmp(s->val, data + start, s->vlen) != 0)
				__builtin_trap();
			/* Every member found (duplicates: jansson keeps one). */
			if (json_is_object(whole) &&
			    s->nmem < json_object_size(whole))
				__builtin_trap();
			v = json_loadb(s->val, s->vlen,
			    JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
			if (v == NULL || !json_equal(v, whole))
				__builtin_trap();
			json_decref(v);
		}
		if (n > 1000)
			break;
	}
	fl_jscan_free(s);
	free(s);
	json_decref(whole);
	fclose(fp);
	return 0;
}
