#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ledgerlock.h"
#include "tap.h"

static char dir[] = "/tmp/test-ledgerlock.XXXXXX";
static char ledger[256], lock[256];

static void
test_none(void)
{
	struct fl_ledgerlock lk;
	struct fl_err e;

	lk.fd = 7;
	check_int(fl_ledgerlock_take(&lk, "-", FL_LEDGERLOCK_CREATE, &e), ==,
	    0);
	check_int(lk.fd, ==, -1);
	/* A reader with no lock file yet: nothing to wait for, none made. */
	check_int(fl_ledgerlock_take(&lk, ledger, 0, &e), ==, 0);
	check_int(lk.fd, ==, -1);
	check(access(lock, F_OK) != 0);
	fl_ledgerlock_release(&lk);
}

static void
test_exclusive(void)
{
	struct fl_ledgerlock a, b;
	struct fl_err e;
	char want[512];

	check_int(fl_ledgerlock_take(&a, ledger, FL_LEDGERLOCK_CREATE, &e), ==,
	    0);
	check_int(a.fd, >=, 0);
	check(access(lock, F_OK) == 0);
	check(access(ledger, F_OK) != 0); /* the ledger is not made */
	/* Another open file, even in this process, finds it taken. */
	check_int(fl_ledgerlock_take(&b, ledger, FL_LEDGERLOCK_NOWAIT, &e), ==,
	    FL_ESYS);
	snprintf(want, sizeof(want), "lock file \"%s\": in use by another run",
	    lock);
	check_str(e.msg, want);
	check_int(b.fd, ==, -1);
	/* A reader finds the lock file now, and waits for it too. */
	check_int(fl_ledgerlock_take(&b, ledger,
		      FL_LEDGERLOCK_CREATE | FL_LEDGERLOCK_NOWAIT, &e),
	    ==, FL_ESYS);
	fl_ledgerlock_release(&a);
	fl_ledgerlock_release(&a);
	check_int(fl_ledgerlock_take(&b, ledger, FL_LEDGERLOCK_NOWAIT, &e), ==,
	    0);
	check_int(b.fd, >=, 0);
	fl_ledgerlock_release(&b);
}

static void
test_inherited(void)
{
	struct fl_ledgerlock held, a, b;
	struct fl_err e;
	char num[16], other[300];
	FILE *fp;

	check_int(fl_ledgerlock_take(&held, ledger, FL_LEDGERLOCK_CREATE, &e),
	    ==, 0);
	/* The parent's descriptor of this lock file: taken through it. */
	snprintf(num, sizeof(num), "%d", held.fd);
	setenv(FL_LEDGERLOCK_ENV, num, 1);
	check_int(fl_ledgerlock_take(&a, ledger, FL_LEDGERLOCK_NOWAIT, &e), ==,
	    0);
	check_int(a.fd, ==, -1); /* not ours to release */
	fl_ledgerlock_release(&a);
	unsetenv(FL_LEDGERLOCK_ENV);
	check_int(fl_ledgerlock_take(&b, ledger, FL_LEDGERLOCK_NOWAIT, &e), ==,
	    FL_ESYS); /* still held */
	/* A descriptor of another file, or garbage, is not the lock. */
	snprintf(other, sizeof(other), "%s/other", dir);
	fp = fopen(other, "w");
	check(fp != NULL);
	snprintf(num, sizeof(num), "%d", fileno(fp));
	setenv(FL_LEDGERLOCK_ENV, num, 1);
	check_int(fl_ledgerlock_take(&b, ledger, FL_LEDGERLOCK_NOWAIT, &e), ==,
	    FL_ESYS);
	setenv(FL_LEDGERLOCK_ENV, "3x", 1);
	check_int(fl_ledgerlock_take(&b, ledger, FL_LEDGERLOCK_NOWAIT, &e), ==,
	    FL_ESYS);
	unsetenv(FL_LEDGERLOCK_ENV);
	fclose(fp);
	unlink(other);
	fl_ledgerlock_release(&held);
}

static void
test_refused(void)
{
	struct fl_ledgerlock lk;
	struct fl_err e;
	char want[512];
	int flags;

	for (flags = 0; flags <= FL_LEDGERLOCK_CREATE; flags++) {
		unlink(lock);
		check_int(symlink(ledger, lock), ==, 0);
		check_int(fl_ledgerlock_take(&lk, ledger, flags, &e), ==,
		    FL_ESYS);
		snprintf(want, sizeof(want),
		    "lock file \"%s\": a symbolic link", lock);
		check_str(e.msg, want);
		check(access(ledger, F_OK) != 0); /* not made through it */
		unlink(lock);
		check_int(mkfifo(lock, 0600), ==, 0);
		check_int(fl_ledgerlock_take(&lk, ledger, flags, &e), ==,
		    FL_ESYS);
		snprintf(want, sizeof(want),
		    "lock file \"%s\": not a regular file", lock);
		check_str(e.msg, want);
		check_int(lk.fd, ==, -1);
	}
	unlink(lock);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(ledger, sizeof(ledger), "%s/ledger.tsv", dir);
	snprintf(lock, sizeof(lock), "%s/ledger.tsv.lock", dir);
	test_none();
	test_exclusive();
	test_inherited();
	test_refused();
	unlink(lock);
	rmdir(dir);
	return test_done();
}
