/*
 * memlock.h: helpers shared by the unit tests of locked secrets (lib/secret,
 * lib/key): whether locked memory can be checked here, and how much of it
 * the process holds.
 */
#ifndef FL_TEST_MEMLOCK_H
#define FL_TEST_MEMLOCK_H

#include <stdio.h>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/*
 * Why locked memory cannot be checked here, or NULL: AddressSanitizer
 * intercepts mlock() as a no-op; a low RLIMIT_MEMLOCK makes it fail.
 */
static inline const char *
no_lock_check(char *why, size_t len)
{
#ifdef UNDER_ASAN
	snprintf(why, len, "AddressSanitizer makes mlock() a no-op");
	return why;
#else
	struct rlimit rl;

	if (getrlimit(RLIMIT_MEMLOCK, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)(1 << 20)) {
		snprintf(why, len, "RLIMIT_MEMLOCK %llu bytes is too low",
		    (unsigned long long)rl.rlim_cur);
		return why;
	}
	return NULL;
#endif
}

/* VmLck of /proc/self/status, kB; -1 when it cannot be read. */
static inline long
vmlck(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "VmLck: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

#endif
