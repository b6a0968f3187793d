/*
 * hexutil.h: helpers shared by the transaction unit tests: hex strings to
 * malloc'ed bytes and back.
 */
#ifndef FL_TEST_HEXUTIL_H
#define FL_TEST_HEXUTIL_H

#include <stdlib.h>
#include <string.h>

#include "hex.h"

/* Decodes hex into a malloc'ed buffer (never NULL); aborts on bad hex. */
__attribute__((unused)) static uint8_t *
unhex(const char *s, size_t *n)
{
	size_t size = strlen(s) / 2 + 1;
	uint8_t *p = malloc(size);
	struct fl_err e;

	if (p == NULL || fl_hex_decode(s, p, size, n, &e) != 0) {
		fprintf(stderr, "bad test hex \"%.40s\"\n", s);
		abort();
	}
	return p;
}

/* Encodes n bytes into a malloc'ed string. */
__attribute__((unused)) static char *
tohex(const uint8_t *p, size_t n)
{
	char *s = malloc(2 * n + 1);

	if (s == NULL)
		abort();
	fl_hex_encode(p, n, s);
	return s;
}

#endif
