#include "secret.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void
fl_secret_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		explicit_bzero(p, n);
}

int
fl_secret_read(const char *path, char **buf, size_t *len, struct fl_err *e)
{
	struct stat st;
	char *b;
	size_t n = 0;
	ssize_t r;
	int fd, own = 0;

	*buf = NULL;
	*len = 0;
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
	if ((b = malloc(FL_SECRET_MAX + 1)) == NULL) {
		if (own)
			close(fd);
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	}
	(void)mlock(b, FL_SECRET_MAX + 1);
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
	if (buf == NULL)
		return;
	fl_secret_wipe(buf, FL_SECRET_MAX + 1);
	(void)munlock(buf, FL_SECRET_MAX + 1);
	free(buf);
}
