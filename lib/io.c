#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static FILE *out_fp;
static char *out_buf;
static size_t out_len;

FILE *
fl_open_in(const char *path, const char **name, struct fl_err *e)
{
	FILE *fp;

	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		return stdin;
	}
	*name = path;
	if ((fp = fopen(path, "r")) == NULL) {
		fl_err_set(e, FL_ESYS, "%s", strerror(errno));
		return NULL;
	}
	return fp;
}

void
fl_close_in(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

FILE *
fl_out_open(void)
{
	if (out_fp == NULL)
		out_fp = open_memstream(&out_buf, &out_len);
	return out_fp;
}

int
fl_out_commit(void)
{
	int rc = 0;

	if (out_fp != NULL) {
		if (fclose(out_fp) != 0) {
			fl_warn("output buffer:");
			rc = -1;
		} else if (out_len > 0 &&
		    fwrite(out_buf, 1, out_len, stdout) != out_len) {
			fl_warn("<stdout>:");
			rc = -1;
		}
		free(out_buf);
		out_fp = NULL;
		out_buf = NULL;
		out_len = 0;
	}
	/* One message for one failure: fwrite() has already told. */
	if (rc != 0)
		fclose(stdout);
	else if (fl_fshut(stdout, "<stdout>") != 0)
		rc = -1;
	return rc;
}

void
fl_out_discard(void)
{
	if (out_fp == NULL)
		return;
	fclose(out_fp);
	free(out_buf);
	out_fp = NULL;
	out_buf = NULL;
	out_len = 0;
}

int
fl_read_all(FILE *fp, size_t max, char **buf, size_t *len, struct fl_err *e)
{
	size_t cap = 65536, n = 0, got;
	char *b, *nb;

	*buf = NULL;
	*len = 0;
	if ((b = malloc(cap)) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max) {
				free(b);
				return fl_err_set(e, FL_EDATA,
				    "input larger than %zu bytes", max);
			}
			cap *= 2;
			if ((nb = realloc(b, cap)) == NULL) {
				free(b);
				return fl_err_set(e, FL_ENOMEM,
				    "out of memory");
			}
			b = nb;
		}
		got = fread(b + n, 1, cap - n - 1, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		free(b);
		return fl_err_set(e, FL_ESYS, "%s", strerror(errno));
	}
	if (n > max) {
		free(b);
		return fl_err_set(e, FL_EDATA, "input larger than %zu bytes",
		    max);
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

void
fl_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		explicit_bzero(p, n);
}

#define SECRET_MAX 65536

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
		 * symbolic links", which would mislead.
		 */
		if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
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
	if ((b = malloc(SECRET_MAX + 1)) == NULL) {
		if (own)
			close(fd);
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	}
	(void)mlock(b, SECRET_MAX + 1);
	while (n < SECRET_MAX) {
		r = read(fd, b + n, SECRET_MAX - n);
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
	if (n == SECRET_MAX) {
		char c;
		if (read(fd, &c, 1) == 1) {
			if (own)
				close(fd);
			fl_secret_free(b);
			return fl_err_set(e, FL_EDATA,
			    "key file larger than %d bytes", SECRET_MAX);
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
	fl_wipe(buf, SECRET_MAX + 1);
	(void)munlock(buf, SECRET_MAX + 1);
	free(buf);
}
