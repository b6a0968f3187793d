#include "ledger.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "amount.h"
#include "timestamp.h"
#include "tsv.h"

static const char *const cols[] = {"time", "txid", "vout", "address", "sat"};

static int
txid_ok(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f') ||
			(s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return s[64] == '\0';
}

static void
txid_lower(char *dst, const char *src)
{
	size_t i;

	for (i = 0; i < 64; i++)
		dst[i] = (src[i] >= 'A' && src[i] <= 'F')
		    ? (char)(src[i] - 'A' + 'a')
		    : src[i];
	dst[64] = '\0';
}

static int
address_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			return 0;
	return 1;
}

void
fl_ledger_free(struct fl_ledger *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->row[i].address);
	free(l->row);
	l->row = NULL;
	l->n = 0;
}

static int
read_row(const struct fl_tsv_reader *r, const int *c, struct fl_ledger_row *row,
    struct fl_err *e)
{
	const char *s;
	uint64_t v;

	memset(row, 0, sizeof(*row));
	s = r->field[c[0]];
	if (fl_timestamp_parse(s, &row->time, e) != 0) {
		fl_err_prefix(e, "column \"time\"");
		e->line = r->lineno;
		return FL_EDATA;
	}
	s = r->field[c[1]];
	if (!txid_ok(s))
		return fl_err_setl(e, FL_EDATA, r->lineno, 0,
		    "column \"txid\": invalid txid \"%s\" (64 hex digits)", s);
	txid_lower(row->txid, s);
	if (fl_tsv_u64(r, c[2], 0, &v, e) != 0)
		return FL_EDATA;
	if (v > UINT32_MAX)
		return fl_err_setl(e, FL_EDATA, r->lineno, 0,
		    "column \"vout\": out of range \"%s\"", r->field[c[2]]);
	row->vout = (uint32_t)v;
	s = r->field[c[3]];
	if (!address_ok(s))
		return fl_err_setl(e, FL_EDATA, r->lineno, 0,
		    "column \"address\": invalid address \"%s\"", s);
	if (fl_tsv_u64(r, c[4], 0, &row->sat, e) != 0)
		return FL_EDATA;
	if (row->sat > (uint64_t)FL_MAX_MONEY)
		return fl_err_setl(e, FL_EDATA, r->lineno, 0,
		    "column \"sat\": more than 21,000,000 BTC \"%s\"",
		    r->field[c[4]]);
	if ((row->address = strdup(s)) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	return 0;
}

int
fl_ledger_read(FILE *fp, struct fl_ledger *l, struct fl_err *e)
{
	struct fl_tsv_reader r;
	size_t cap = 0, i;
	int c[5], ch, rc;

	l->row = NULL;
	l->n = 0;
	/* An empty file is a ledger nothing was paid from yet. */
	if ((ch = getc(fp)) == EOF) {
		if (ferror(fp))
			return fl_err_set(e, FL_ESYS, "%s", strerror(errno));
		return 0;
	}
	ungetc(ch, fp);
	if ((rc = fl_tsv_open(&r, fp, e)) != 0)
		goto out;
	for (i = 0; i < 5; i++)
		if ((rc = c[i] = fl_tsv_require(&r, cols[i], "flattor-tx", e)) <
		    0)
			goto out;
	while ((rc = fl_tsv_next(&r, e)) == 1) {
		if (l->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct fl_ledger_row *p;

			p = realloc(l->row, ncap * sizeof(*p));
			if (p == NULL) {
				rc = fl_err_set(e, FL_ENOMEM, "out of memory");
				goto out;
			}
			l->row = p;
			cap = ncap;
		}
		if ((rc = read_row(&r, c, &l->row[l->n], e)) != 0)
			goto out;
		l->n++;
	}
out:
	fl_tsv_close(&r);
	if (rc < 0) {
		fl_ledger_free(l);
		return rc;
	}
	return 0;
}

/*
 * Checks the header of a non-empty ledger: the first line that is not a
 * comment must be FL_LEDGER_HEADER, and the last byte a newline (else our
 * first row would be glued to the end of the last one).
 */
static int
check_existing(int fd, off_t size, struct fl_err *e)
{
	char buf[4096], line[sizeof(FL_LEDGER_HEADER) + 1];
	size_t ll = 0;
	off_t off = 0;
	int at_start = 1, comment = 0;
	ssize_t k;

	if (pread(fd, buf, 1, size - 1) != 1)
		return fl_err_set(e, FL_ESYS, "%s", strerror(errno));
	if (buf[0] != '\n')
		return fl_err_set(e, FL_EDATA, "does not end in a newline");
	while ((k = pread(fd, buf, sizeof(buf), off)) > 0) {
		ssize_t j;

		for (j = 0; j < k; j++) {
			char ch = buf[j];

			if (at_start) {
				at_start = 0;
				comment = ch == '#';
				ll = 0;
			}
			if (ch == '\n') {
				if (!comment)
					goto done;
				at_start = 1;
				continue;
			}
			if (!comment) {
				if (ll >= sizeof(line) - 1)
					goto bad;
				line[ll++] = ch;
			}
		}
		off += k;
	}
	if (k < 0)
		return fl_err_set(e, FL_ESYS, "%s", strerror(errno));
	goto bad;
done:
	line[ll] = '\0';
	if (strcmp(line, FL_LEDGER_HEADER) == 0)
		return 0;
bad:
	return fl_err_set(e, FL_EDATA,
	    "not a ledger: its header is not \"time txid vout address sat\"");
}

static int
format_rows(const struct fl_ledger_row *rows, size_t n, int header, char **buf,
    size_t *len, struct fl_err *e)
{
	FILE *fp;
	size_t i;

	*buf = NULL;
	*len = 0;
	for (i = 0; i < n; i++) {
		if (!txid_ok(rows[i].txid))
			return fl_err_setl(e, FL_EDATA, i + 1, 0,
			    "invalid txid \"%.64s\"", rows[i].txid);
		if (rows[i].address == NULL || !address_ok(rows[i].address))
			return fl_err_setl(e, FL_EDATA, i + 1, 0,
			    "invalid address \"%s\"",
			    rows[i].address ? rows[i].address : "");
		if (rows[i].sat > (uint64_t)FL_MAX_MONEY)
			return fl_err_setl(e, FL_EDATA, i + 1, 0,
			    "amount more than 21,000,000 BTC");
	}
	if ((fp = open_memstream(buf, len)) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	if (header)
		fputs(FL_LEDGER_HEADER "\n", fp);
	for (i = 0; i < n; i++) {
		char t[32], txid[65];

		fl_timestamp_format(rows[i].time, t, sizeof(t));
		txid_lower(txid, rows[i].txid);
		fprintf(fp, "%s\t%s\t%lu\t%s\t%llu\n", t, txid,
		    (unsigned long)rows[i].vout, rows[i].address,
		    (unsigned long long)rows[i].sat);
	}
	if (fclose(fp) != 0) {
		free(*buf);
		*buf = NULL;
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	}
	return 0;
}

int
fl_ledger_append(const char *path, const struct fl_ledger_row *rows, size_t n,
    struct fl_err *e)
{
	struct stat st;
	char *buf = NULL;
	size_t len, done = 0;
	int fd, rc;

	/* Check the rows before touching the file. */
	if ((rc = format_rows(rows, n, 0, &buf, &len, e)) != 0)
		return rc;
	free(buf);
	buf = NULL;
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return fl_err_set(e, FL_ESYS, "%s", strerror(errno));
	if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0) {
		rc = fl_err_set(e, FL_ESYS, "%s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = fl_err_set(e, FL_EDATA, "not a regular file");
		goto out;
	}
	if (st.st_size > 0 && (rc = check_existing(fd, st.st_size, e)) != 0)
		goto out;
	if ((rc = format_rows(rows, n, st.st_size == 0, &buf, &len, e)) != 0)
		goto out;
	while (done < len) {
		ssize_t k = write(fd, buf + done, len - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			rc = fl_err_set(e, FL_ESYS, "%s",
			    strerror(k < 0 ? errno : EIO));
			/* Leave no half-written row behind. */
			if (ftruncate(fd, st.st_size) != 0)
				fl_err_set(e, FL_ESYS,
				    "%s (and truncating back failed)",
				    strerror(errno));
			goto out;
		}
		done += (size_t)k;
	}
	if (fsync(fd) != 0)
		rc = fl_err_set(e, FL_ESYS, "%s", strerror(errno));
out:
	free(buf);
	if (close(fd) != 0 && rc == 0)
		rc = fl_err_set(e, FL_ESYS, "%s", strerror(errno));
	return rc;
}

int
fl_ledger_check(const char *path, struct fl_err *e)
{
	struct stat st;
	char *dir, *slash;
	int fd, rc = 0;

	if ((fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC)) < 0) {
		if (errno != ENOENT)
			return fl_err_set(e, FL_ESYS, "%s", strerror(errno));
		/* fl_ledger_append() will create it. */
		if ((dir = strdup(path)) == NULL)
			return fl_err_set(e, FL_ENOMEM, "out of memory");
		if ((slash = strrchr(dir, '/')) != NULL)
			slash[slash == dir] = '\0';
		if (access(slash != NULL ? dir : ".", W_OK | X_OK) != 0)
			rc = fl_err_set(e, FL_ESYS, "%s", strerror(errno));
		free(dir);
		return rc;
	}
	if (fstat(fd, &st) != 0)
		rc = fl_err_set(e, FL_ESYS, "%s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		rc = fl_err_set(e, FL_EDATA, "not a regular file");
	else if (st.st_size > 0)
		rc = check_existing(fd, st.st_size, e);
	close(fd);
	return rc;
}
