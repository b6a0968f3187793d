#include "input.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

FILE *
fl_input_open(const char *path, const char **name, struct fl_err *e)
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
fl_input_close(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

int
fl_input_read_all(FILE *fp, size_t max, char **buf, size_t *len,
    struct fl_err *e)
{
	/* Room for max bytes, one more to see there are more, and the NUL. */
	size_t lim = max < SIZE_MAX - 2 ? max + 2 : SIZE_MAX;
	size_t cap = lim < 65536 ? lim : 65536, n = 0, got;
	char *b, *nb;

	*buf = NULL;
	*len = 0;
	if ((b = malloc(cap)) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (;;) {
		if (n + 1 >= cap) {
			/* Never more than lim: a huge input costs max bytes. */
			if (cap == lim)
				break;
			cap = cap <= lim / 2 ? cap * 2 : lim;
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
		int saved = errno;

		free(b);
		return fl_err_set(e, FL_ESYS, "%s", strerror(saved));
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
