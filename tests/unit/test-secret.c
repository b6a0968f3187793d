#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "secret.h"
#include "memlock.h"
#include "tap.h"

static void
write_file(const char *path, const char *s, size_t n, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_TRUNC);

	check_int(write(fd, s, n), ==, (ssize_t)n);
	close(fd);
	chmod(path, mode);
}

static void
test_modes(const char *path)
{
	struct fl_err e;
	char *buf = (char *)1;
	size_t len = 1;

	write_file(path, "secret\n", 7, 0640);
	check_int(fl_secret_read(path, &buf, &len, &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "group or others can access this key file (mode "
	    "0640); run chmod 600 on it");
	check(buf == NULL);
	check_uint(len, ==, 0);
	chmod(path, 0604);
	check_int(fl_secret_read(path, &buf, &len, &e), ==, FL_EUSAGE);
	check_str(e.msg,
	    "group or others can access this key file (mode "
	    "0604); run chmod 600 on it");
	chmod(path, 0602); /* write access is refused too */
	check_int(fl_secret_read(path, &buf, &len, &e), ==, FL_EUSAGE);
	chmod(path, 0400);
	check_int(fl_secret_read(path, &buf, &len, &e), ==, 0);
	check_uint(len, ==, 7);
	check_str(buf, "secret\n");
	fl_secret_free(buf);
	fl_secret_free(NULL);
	chmod(path, 0600);
}

static void
test_size_cap(const char *path)
{
	struct fl_err e;
	char *big, *buf;
	size_t len;

	big = malloc(FL_SECRET_MAX + 1);
	memset(big, 'k', FL_SECRET_MAX + 1);
	write_file(path, big, FL_SECRET_MAX, 0600);
	check_int(fl_secret_read(path, &buf, &len, &e), ==, 0);
	check_uint(len, ==, FL_SECRET_MAX);
	check_uint(strlen(buf), ==, FL_SECRET_MAX);
	fl_secret_free(buf);
	write_file(path, big, FL_SECRET_MAX + 1, 0600);
	check_int(fl_secret_read(path, &buf, &len, &e), ==, FL_EDATA);
	check_str(e.msg, "key file larger than 65536 bytes");
	check(buf == NULL);
	check_uint(len, ==, 0);
	free(big);
}

static void
test_refusals(const char *path)
{
	char link[] = "/tmp/flattor-secret-link-XXXXXX";
	char fifo[] = "/tmp/flattor-secret-fifo-XXXXXX";
	struct fl_err e;
	char *buf;
	size_t len;
	int saved, fd;

	check_int(fl_secret_read("/nonexistent/x", &buf, &len, &e), ==,
	    FL_ESYS);
	check_str(e.msg, "No such file or directory");
	check_int(fl_secret_read("/tmp", &buf, &len, &e), ==, FL_EUSAGE);
	check_str(e.msg, "not a regular file");
	check_int(fl_secret_read("/dev/null", &buf, &len, &e), ==, FL_EUSAGE);
	check_str(e.msg, "not a regular file");
	/* A named pipe: refused, not waited on until a writer comes. */
	close(mkstemp(fifo));
	unlink(fifo);
	check_int(mkfifo(fifo, 0600), ==, 0);
	alarm(10); /* blocking in open() fails the test, not hangs it */
	check_int(fl_secret_read(fifo, &buf, &len, &e), ==, FL_EUSAGE);
	alarm(0);
	check_str(e.msg, "not a regular file");
	check(buf == NULL);
	unlink(fifo);
	/* Not followed: the link's mode says nothing of the file's. */
	close(mkstemp(link));
	unlink(link);
	check_int(symlink(path, link), ==, 0);
	check_int(fl_secret_read(link, &buf, &len, &e), ==, FL_EUSAGE);
	check_str(e.msg, "a symbolic link: name the key file itself");
	check(buf == NULL);
	unlink(link);

	/* An unreadable file (root reads it anyway). */
	write_file(path, "k\n", 2, 0200);
	if (geteuid() != 0) {
		check_int(fl_secret_read(path, &buf, &len, &e), ==, FL_ESYS);
		check_str(e.msg, "Permission denied");
	}
	chmod(path, 0600);

	/* A read error on stdin: a directory where the key should be. */
	saved = dup(STDIN_FILENO);
	fd = open("/tmp", O_RDONLY | O_DIRECTORY);
	dup2(fd, STDIN_FILENO);
	close(fd);
	check_int(fl_secret_read("-", &buf, &len, &e), ==, FL_ESYS);
	check_str(e.msg, "Is a directory");
	check(buf == NULL);
	/* Stdin itself: no mode check, and it is read. */
	fd = open(path, O_RDONLY);
	dup2(fd, STDIN_FILENO);
	close(fd);
	chmod(path, 0644);
	check_int(fl_secret_read("-", &buf, &len, &e), ==, 0);
	check_str(buf, "k\n");
	fl_secret_free(buf);
	dup2(saved, STDIN_FILENO);
	close(saved);
}

/* Once a secret has been read, the process dumps no core. */
static void
test_protect(const char *path)
{
	struct rlimit rl;
	struct fl_err e;
	char *buf;
	size_t len;

	write_file(path, "k\n", 2, 0600);
	check_int(fl_secret_read(path, &buf, &len, &e), ==, 0);
	check_int(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
	check_int(getrlimit(RLIMIT_CORE, &rl), ==, 0);
	check_uint(rl.rlim_cur, ==, 0);
	check_uint(rl.rlim_max, ==, 0);
	fl_secret_free(buf);
	check_int(fl_secret_protect(&e), ==, 0); /* again: still fine */
}

/* Secret memory: zeroed, whole pages of its own, locked. */
static void
test_alloc(void)
{
	long ps = sysconf(_SC_PAGESIZE), before, during;
	size_t n = 3 * (size_t)ps + 1, i, nz = 0;
	unsigned char *p;
	char why[80];

	p = fl_secret_alloc(n);
	check(p != NULL);
	check_uint((uintptr_t)p % (uintptr_t)ps, ==, 0);
	for (i = 0; i < n; i++)
		nz += p[i] != 0;
	check_uint(nz, ==, 0);
	memset(p, 0xa5, n);
	fl_secret_dealloc(p, n);
	fl_secret_dealloc(NULL, 1);

	if (no_lock_check(why, sizeof why) != NULL) {
		printf("ok %d # SKIP %s: secrets not checked to be locked\n",
		    ++tap_count, why);
		return;
	}
	before = vmlck();
	p = fl_secret_alloc(n);
	during = vmlck();
	fl_secret_dealloc(p, n);
	check_int(during - before, ==, 4 * ps / 1024);
	check_int(vmlck(), ==, before);
}

static void
test_wipe(void)
{
	unsigned char b[16];
	size_t i, nz = 0;

	memset(b, 0xa5, sizeof(b));
	fl_secret_wipe(b, 8);
	for (i = 0; i < sizeof(b); i++)
		nz += b[i] != 0;
	check_uint(nz, ==, 8);
	check_int(b[7], ==, 0);
	check_int(b[8], ==, 0xa5);
	fl_secret_wipe(NULL, 4);
	fl_secret_wipe(b, 0);
}

int
main(void)
{
	char path[] = "/tmp/flattor-secret-XXXXXX";

	close(mkstemp(path));
	test_modes(path);
	test_size_cap(path);
	test_refusals(path);
	test_protect(path);
	test_alloc();
	test_wipe();
	unlink(path);
	return test_done();
}
