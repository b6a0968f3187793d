#include "ledgerlock.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The descriptor a parent holding the lock handed down, or -1.  Anything
 * but a decimal descriptor number is ignored: the lock is then taken here.
 */
static int
inherited_fd(void)
{
	const char *s = getenv(FL_LEDGERLOCK_ENV);
	char *end;
	long v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > INT_MAX)
		return -1;
	return (int)v;
}

int
fl_ledgerlock_take(struct fl_ledgerlock *lk, const char *path, int flags,
    struct fl_err *e)
{
	struct stat st, pst;
	char *lpath;
	int fd, pfd, oflags, op, rc = 0;

	lk->fd = -1;
	if (strcmp(path, "-") == 0)
		return 0;
	if ((lpath = malloc(strlen(path) + sizeof(".lock"))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	strcpy(lpath, path);
	strcat(lpath, ".lock");
	/*
	 * O_NOFOLLOW: a link planted at the name is not ours to create or
	 * lock; O_NONBLOCK: a named pipe there would block the open.
	 */
	oflags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
	if (flags & FL_LEDGERLOCK_CREATE)
		oflags |= O_CREAT;
	if ((fd = open(lpath, oflags, 0666)) < 0) {
		if (errno == ENOENT && !(flags & FL_LEDGERLOCK_CREATE))
			goto out;
		rc = fl_err_set(e, FL_ESYS, "lock file \"%s\": %s", lpath,
		    errno == ELOOP ? "a symbolic link" : strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) != 0)
		rc = fl_err_set(e, FL_ESYS, "lock file \"%s\": %s", lpath,
		    strerror(errno));
	else if (!S_ISREG(st.st_mode))
		rc = fl_err_set(e, FL_ESYS, "lock file \"%s\": %s", lpath,
		    "not a regular file");
	if (rc != 0) {
		close(fd);
		goto out;
	}
	/* The lock a parent holds on this very file: lock through its fd. */
	pfd = inherited_fd();
	if (pfd >= 0 && fstat(pfd, &pst) == 0 && pst.st_dev == st.st_dev &&
	    pst.st_ino == st.st_ino) {
		close(fd);
		fd = pfd;
	} else
		lk->fd = fd;
	op = LOCK_EX | (flags & FL_LEDGERLOCK_NOWAIT ? LOCK_NB : 0);
	while (flock(fd, op) != 0) {
		if (errno == EINTR)
			continue;
		rc = fl_err_set(e, FL_ESYS, "lock file \"%s\": %s", lpath,
		    errno == EWOULDBLOCK ? "in use by another run"
					 : strerror(errno));
		fl_ledgerlock_release(lk);
		break;
	}
out:
	free(lpath);
	return rc;
}

void
fl_ledgerlock_release(struct fl_ledgerlock *lk)
{
	if (lk->fd < 0)
		return;
	/* Closing the only descriptor of the open file releases its lock. */
	close(lk->fd);
	lk->fd = -1;
}

void
fl_ledgerlock_release_cb(void *lk)
{
	fl_ledgerlock_release(lk);
}
