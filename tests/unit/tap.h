/*
 * tap.h: a small TAP test library, after git's t/unit-tests/test-lib.h.
 *
 *	check(expr);                    passes when expr is true
 *	check_int(a, op, b);            signed integers, e.g. check_int(rc, ==, 0)
 *	check_uint(a, op, b);           unsigned integers
 *	check_str(a, b);                strings (NULL allowed), equal
 *	check_mem(a, b, n);             n bytes, equal; prints both in hex
 *	return test_done();             prints the plan; exit status 1 on failure
 *	tap_rand(&state);               splitmix64, for property tests
 *
 * Every failure prints the file, the line, the expression and the values.
 */
#ifndef FL_TAP_H
#define FL_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

__attribute__((unused, format(printf, 4, 5))) static int
tap_result(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!ok)
		tap_failed++;
	printf("%sok %d - %s:%d: ", ok ? "" : "not ", tap_count, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return ok;
}

__attribute__((unused)) static void
tap_hex(const char *label, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	printf("#   %s: ", label);
	for (i = 0; i < n; i++)
		printf("%02x", b[i]);
	putchar('\n');
}

__attribute__((unused, format(printf, 1, 2))) static void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/*
 * splitmix64: a fixed-seed generator for property tests, so that every
 * run checks the same cases.  *state is the seed, then the state.
 */
__attribute__((unused)) static uint64_t
tap_rand(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

__attribute__((unused)) static int
test_done(void)
{
	printf("1..%d\n", tap_count);
	if (tap_failed > 0)
		printf("# %d of %d failed\n", tap_failed, tap_count);
	fflush(stdout);
	return tap_failed > 0 || tap_count == 0;
}

#define check(expr) tap_result(!!(expr), __FILE__, __LINE__, "%s", #expr)

#define check_int(a, op, b) \
	do { \
		intmax_t tap_a_ = (intmax_t)(a), tap_b_ = (intmax_t)(b); \
		if (!tap_result(tap_a_ op tap_b_, __FILE__, __LINE__, \
			"%s %s %s", #a, #op, #b)) \
			printf("#   left: %jd\n#  right: %jd\n", tap_a_, \
			    tap_b_); \
	} while (0)

#define check_uint(a, op, b) \
	do { \
		uintmax_t tap_a_ = (uintmax_t)(a), tap_b_ = (uintmax_t)(b); \
		if (!tap_result(tap_a_ op tap_b_, __FILE__, __LINE__, \
			"%s %s %s", #a, #op, #b)) \
			printf("#   left: %ju\n#  right: %ju\n", tap_a_, \
			    tap_b_); \
	} while (0)

#define check_str(a, b) \
	do { \
		const char *tap_a_ = (a), *tap_b_ = (b); \
		int tap_ok_ = (tap_a_ == NULL || tap_b_ == NULL) \
		    ? tap_a_ == tap_b_ \
		    : strcmp(tap_a_, tap_b_) == 0; \
		if (!tap_result(tap_ok_, __FILE__, __LINE__, "%s == %s", #a, \
			#b)) \
			printf("#   left: \"%s\"\n#  right: \"%s\"\n", \
			    tap_a_ ? tap_a_ : "(null)", \
			    tap_b_ ? tap_b_ : "(null)"); \
	} while (0)

#define check_mem(a, b, n) \
	do { \
		const void *tap_a_ = (a), *tap_b_ = (b); \
		size_t tap_n_ = (n); \
		if (!tap_result(memcmp(tap_a_, tap_b_, tap_n_) == 0, __FILE__, \
			__LINE__, "%s == %s (%zu bytes)", #a, #b, tap_n_)) { \
			tap_hex(" left", tap_a_, tap_n_); \
			tap_hex("right", tap_b_, tap_n_); \
		} \
	} while (0)

#endif
