#include "secret.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

void
fl_secret_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		explicit_bzero(p, n);
}

int
fl_secret_protect(struct fl_err *e)
{
	struct rlimit none = {0, 0};

	/*
	 * Both: a core_pattern that pipes to a program ignores
	 * RLIMIT_CORE, and a non-dumpable process is still dumped when
	 * fs.suid_dumpable is 2.
	 */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		return fl_err_set(e, FL_ESYS, "cannot disable core dumps: %s",
		    strerror(errno));
	if (setrlimit(RLIMIT_CORE, &none) != 0)
		return fl_err_set(e, FL_ESYS, "cannot disable core dumps: %s",
		    strerror(errno));
	return 0;
}

/* n rounded up to whole pages. */
static size_t
pages(size_t n)
{
	long ps = sysconf(_SC_PAGESIZE);
	size_t p = ps > 0 ? (size_t)ps : 4096;

	return (n + p - 1) / p * p;
}

void *
fl_secret_alloc(size_t n)
{
	size_t len = pages(n ? n : 1);
	void *p;

	if (len < n || posix_memalign(&p, pages(1), len) != 0)
		return NULL;
	memset(p, 0, len);
	(void)mlock(p, len);
#ifdef MADV_DONTDUMP
	(void)madvise(p, len, MADV_DONTDUMP);
#endif
	return p;
}

void
fl_secret_dealloc(void *p, size_t n)
{
	size_t len = pages(n ? n : 1);

	if (p == NULL)
		return;
	fl_secret_wipe(p, len);
#ifdef MADV_DODUMP
	(void)madvise(p, len, MADV_DODUMP);
#endif
	(void)munlock(p, len);
	free(p);
}

int
fl_secret_read(const char *path, char **buf, size_t *len, struct fl_err *e)
{
	struct stat st;
	char *b;
	size_t n = 0;
	ssize_t r;
	int fd, own = 0, rc;

	*buf = NULL;
	*len = 0;
	if ((rc = fl_secret_protect(e)) != 0)
		return rc;
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		/*
		 * A link is not followed: its target's mode is the one that
		 * matters, and the target could be swapped under us.
		 * O_NOFOLLOW reports it as ELOOP, "too many levels of
		 * symbolic links", which would mislead.  O_NONBLOCK: opening a
		 * named pipe would block until a writer comes, and it is
		 * refused below anyway; for a regular file it changes nothing.
		 */
		if ((fd = open(path,
			 O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0) {
			if (errno == ELOOP)
				return fl_err_set(e, FL_EUSAGE,
				    "a symbolic link: name the key file "
				    "itself");
			return fl_err_set(e, FL_ESYS, "%s", strerror(errno));
		}
		own = 1;
		if (fstat(fd, &st) != 0) {
			close(fd);
			return fl_err_set(e, FL_ESYS, "%s", strerror(errno));
		}
		if (!S_ISREG(st.st_mode)) {
			close(fd);
			return fl_err_set(e, FL_EUSAGE, "not a regular file");
		}
		if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
			close(fd);
			return fl_err_set(e, FL_EUSAGE,
			    "group or others can access this key file "
			    "(mode %04o); run chmod 600 on it",
			    (unsigned)(st.st_mode & 07777));
		}
	}
	if ((b = fl_secret_alloc(FL_SECRET_MAX + 1)) == NULL) {
		if (own)
			close(fd);
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	}
	while (n < FL_SECRET_MAX) {
		r = read(fd, b + n, FL_SECRET_MAX - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int saved = errno;
			if (own)
				close(fd);
			fl_secret_free(b);
			return fl_err_set(e, FL_ESYS, "%s", strerror(saved));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n == FL_SECRET_MAX) {
		char c;
		if (read(fd, &c, 1) == 1) {
			if (own)
				close(fd);
			fl_secret_free(b);
			return fl_err_set(e, FL_EDATA,
			    "key file larger than %d bytes", FL_SECRET_MAX);
		}
	}
	if (own)
		close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

void
fl_secret_free(char *buf)
{
	fl_secret_dealloc(buf, FL_SECRET_MAX + 1);
}
