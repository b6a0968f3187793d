#include "ledger.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "amount.h"
#include "timestamp.h"
#include "tsv.h"

static const char *const cols[] = {"time", "txid", "vout", "address", "sat",
    "height", "status"};

static const char *const status_names[] = {"", "confirmed", "mempool",
    "not-found", "stale"};
#define NSTATUS (sizeof(status_names) / sizeof(status_names[0]))

const char *
fl_ledger_status_name(enum fl_ledger_status s)
{
	return (size_t)s < NSTATUS ? status_names[s] : "";
}

int
fl_ledger_counts(const struct fl_ledger_row *row)
{
	return row->status != FL_LEDGER_STALE;
}

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
	row->line = r->lineno;
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
	if (c[6] >= 0) {
		size_t k;

		s = r->field[c[6]];
		for (k = 0; k < NSTATUS; k++)
			if (strcmp(s, status_names[k]) == 0)
				break;
		if (k == NSTATUS)
			return fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "column \"status\": unknown status \"%s\" "
			    "(confirmed, mempool, not-found, stale or empty)",
			    s);
		row->status = (enum fl_ledger_status)k;
	}
	if (c[5] >= 0) {
		int empty = fl_tsv_u64(r, c[5], 1, &v, e);

		if (empty < 0)
			return FL_EDATA;
		if ((empty == 1) != (row->status != FL_LEDGER_CONFIRMED))
			return fl_err_setl(e, FL_EDATA, r->lineno, 0,
			    "column \"height\": %s",
			    empty ? "empty for a confirmed payment"
				  : "set for a payment not confirmed");
		row->height = empty ? 0 : v;
	}
	if ((row->address = strdup(s = r->field[c[3]])) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	return 0;
}

int
fl_ledger_read(FILE *fp, struct fl_ledger *l, struct fl_err *e)
{
	struct fl_tsv_reader r;
	size_t cap = 0, i;
	int c[7], ch, rc;

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
	c[5] = fl_tsv_col(&r, cols[5]);
	c[6] = fl_tsv_col(&r, cols[6]);
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
	/* A cut-off last row ("...\t80" of 80000) must not pass for a row. */
	if (rc == 0 && r.noeol)
		rc = fl_err_setl(e, FL_EDATA, r.lineno, 0,
		    "no newline at the end of the last line (cut off?)");
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
format_rows(const struct fl_ledger_row *rows, size_t n, int header, int chain,
    char **buf, size_t *len, struct fl_err *e)
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
		if (chain && (size_t)rows[i].status >= NSTATUS)
			return fl_err_setl(e, FL_EDATA, i + 1, 0,
			    "invalid status");
	}
	if ((fp = open_memstream(buf, len)) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	if (header)
		fputs(chain ? FL_LEDGER_CHAIN_HEADER "\n"
			    : FL_LEDGER_HEADER "\n",
		    fp);
	for (i = 0; i < n; i++) {
		char t[32], txid[65];

		fl_timestamp_format(rows[i].time, t, sizeof(t));
		txid_lower(txid, rows[i].txid);
		fprintf(fp, "%s\t%s\t%lu\t%s\t%llu", t, txid,
		    (unsigned long)rows[i].vout, rows[i].address,
		    (unsigned long long)rows[i].sat);
		if (chain && rows[i].status == FL_LEDGER_CONFIRMED)
			fprintf(fp, "\t%llu\tconfirmed\n",
			    (unsigned long long)rows[i].height);
		else if (chain)
			fprintf(fp, "\t\t%s\n",
			    fl_ledger_status_name(rows[i].status));
		else
			fputc('\n', fp);
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
	if ((rc = format_rows(rows, n, 0, 0, &buf, &len, e)) != 0)
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
	if ((rc = format_rows(rows, n, st.st_size == 0, 0, &buf, &len, e)) != 0)
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

int
fl_ledger_write(FILE *out, const struct fl_ledger_row *rows, size_t n,
    int chain, struct fl_err *e)
{
	char *buf;
	size_t len;
	int rc;

	if ((rc = format_rows(rows, n, 1, chain, &buf, &len, e)) != 0)
		return rc;
	fwrite(buf, 1, len, out);
	free(buf);
	return 0;
}

int
fl_ledger_join(struct fl_ledger *dst, struct fl_ledger *src, struct fl_err *e)
{
	struct fl_ledger_row *p;

	if (src->n == 0)
		return 0;
	if (dst->n > SIZE_MAX / sizeof(*p) - src->n ||
	    (p = realloc(dst->row, (dst->n + src->n) * sizeof(*p))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	memcpy(p + dst->n, src->row, src->n * sizeof(*p));
	dst->row = p;
	dst->n += src->n;
	free(src->row);
	src->row = NULL;
	src->n = 0;
	return 0;
}

/* How well the chain knows a row: the smallest rank is kept. */
static int
rank(enum fl_ledger_status s)
{
	static const int r[] = {2, 0, 1, 3, 4};

	return r[s];
}

static int
by_payment(const void *a, const void *b)
{
	const struct fl_ledger_row *x = a, *y = b;
	int c = strcmp(x->txid, y->txid);

	if (c != 0)
		return c;
	if (x->vout != y->vout)
		return x->vout < y->vout ? -1 : 1;
	if (rank(x->status) != rank(y->status))
		return rank(x->status) < rank(y->status) ? -1 : 1;
	if (x->time != y->time)
		return x->time > y->time ? -1 : 1;
	return 0;
}

int
fl_ledger_dedup(struct fl_ledger *l, struct fl_err *e)
{
	struct fl_ledger_row *s;
	size_t i, j, k;

	if (l->n < 2)
		return 0;
	/* Sort a copy, so that a disagreement leaves l as it was. */
	if ((s = malloc(l->n * sizeof(*s))) == NULL)
		return fl_err_set(e, FL_ENOMEM, "out of memory");
	for (i = 0; i < l->n; i++)
		s[i] = l->row[i];
	qsort(s, l->n, sizeof(*s), by_payment);
	for (i = 1; i < l->n; i++) {
		const struct fl_ledger_row *a = &s[i - 1], *b = &s[i];

		if (strcmp(a->txid, b->txid) != 0 || a->vout != b->vout)
			continue;
		if (strcmp(a->address, b->address) != 0 || a->sat != b->sat) {
			fl_err_set(e, FL_EDATA,
			    "%s:%lu: the ledgers disagree: "
			    "address \"%s\" sat %llu, and address \"%s\" "
			    "sat %llu",
			    a->txid, (unsigned long)a->vout, a->address,
			    (unsigned long long)a->sat, b->address,
			    (unsigned long long)b->sat);
			free(s);
			return FL_EDATA;
		}
	}
	for (i = 0, k = 0; i < l->n; i = j) {
		for (j = i + 1; j < l->n && strcmp(s[j].txid, s[i].txid) == 0 &&
		     s[j].vout == s[i].vout;
		     j++)
			free(s[j].address);
		s[k++] = s[i];
	}
	free(l->row);
	l->row = s;
	l->n = k;
	return 0;
}
