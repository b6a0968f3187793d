#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ledger.h"
#include "tap.h"

#define TXID "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
#define HDR "time\ttxid\tvout\taddress\tsat\n"

static char dir[] = "/tmp/flattor-test-ledger-XXXXXX";

static int
read_str(const char *text, struct fl_ledger *l, struct fl_err *e)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int rc;

	if (fp == NULL)
		return FL_ESYS;
	rc = fl_ledger_read(fp, l, e);
	fclose(fp);
	return rc;
}

static void
read_bad(const char *text, unsigned long line, const char *msg)
{
	struct fl_ledger l;
	struct fl_err e;

	check_int(read_str(text, &l, &e), ==, FL_EDATA);
	check_uint(e.line, ==, line);
	check_str(e.msg, msg);
	check_uint(l.n, ==, 0);
	check(l.row == NULL);
}

static void
test_read(void)
{
	struct fl_ledger l;
	struct fl_err e;

	check_int(read_str("", &l, &e), ==, 0);
	check_uint(l.n, ==, 0);
	check_int(read_str("# a comment\n" HDR "2026-11-26T12:00:00Z\t" TXID
			   "\t3\tbc1qexample\t1000\n"
			   "2026-11-27T00:00:01Z\t" TXID
			   "\t4294967295\t1Addr\t2100000000000000\n",
		      &l, &e),
	    ==, 0);
	check_uint(l.n, ==, 2);
	check_int(l.row[0].time, ==, 1795694400);
	check_str(l.row[0].txid, TXID);
	check_uint(l.row[0].vout, ==, 3);
	check_str(l.row[0].address, "bc1qexample");
	check_uint(l.row[0].sat, ==, 1000);
	check_uint(l.row[1].vout, ==, 4294967295u);
	check_uint(l.row[1].sat, ==, 2100000000000000);
	fl_ledger_free(&l);
	check_uint(l.n, ==, 0);
	/* Columns by name, extra columns ignored, upper-case txid lowered. */
	check_int(read_str("sat\tnote\taddress\tvout\ttxid\ttime\n"
			   "5\tx\tA\t0\tA1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D"
			   "4E5F"
			   "60718293A4B5C6D7E8F90\t2026-11-26T12:00:00Z\n",
		      &l, &e),
	    ==, 0);
	check_str(l.row[0].txid, TXID);
	check_uint(l.row[0].sat, ==, 5);
	fl_ledger_free(&l);

	read_bad("time\ttxid\tvout\taddress\n", 0,
	    "missing column \"sat\" (made by flattor-tx)");
	read_bad(HDR "2026-11-26 12:00:00\t" TXID "\t0\tA\t1\n", 2,
	    "column \"time\": invalid time \"2026-11-26 12:00:00\" (ISO 8601 "
	    "UTC, e.g. 2026-11-26T12:00:00Z)");
	read_bad(HDR "2026-11-26T12:00:00Z\tabc\t0\tA\t1\n", 2,
	    "column \"txid\": invalid txid \"abc\" (64 hex digits)");
	read_bad(HDR "2026-11-26T12:00:00Z\t" TXID "\t-1\tA\t1\n", 2,
	    "column \"vout\": invalid integer \"-1\"");
	read_bad(HDR "2026-11-26T12:00:00Z\t" TXID "\t4294967296\tA\t1\n", 2,
	    "column \"vout\": out of range \"4294967296\"");
	read_bad(HDR "2026-11-26T12:00:00Z\t" TXID "\t0\t\t1\n", 2,
	    "column \"address\": invalid address \"\"");
	read_bad(HDR "2026-11-26T12:00:00Z\t" TXID "\t0\tA\t12x\n", 2,
	    "column \"sat\": invalid integer \"12x\"");
	read_bad(HDR "2026-11-26T12:00:00Z\t" TXID "\t0\tA\t1\n"
		     "2026-11-26T12:00:00Z\t" TXID "\t0\tA\t2100000000000001\n",
	    3, "column \"sat\": more than 21,000,000 BTC \"2100000000000001\"");
	read_bad(HDR "2026-11-26T12:00:00Z\t" TXID "\t0\tA\n", 2,
	    "4 fields, the header has 5");
}

static char *
slurp(const char *path)
{
	static char buf[4096];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
spew(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void
test_append(void)
{
	struct fl_ledger_row rows[2];
	struct fl_ledger l;
	struct fl_err e;
	char path[128];
	FILE *fp;

	memset(rows, 0, sizeof(rows));
	rows[0].time = 1795694400;
	memcpy(rows[0].txid, TXID, 65);
	rows[0].vout = 0;
	rows[0].address = "bc1qexample";
	rows[0].sat = 1000;
	rows[1] = rows[0];
	rows[1].vout = 1;
	rows[1].address = "1Addr";
	rows[1].sat = 2000;
	snprintf(path, sizeof(path), "%s/ledger.tsv", dir);

	/* A new file gets the header. */
	check_int(fl_ledger_append(path, rows, 1, &e), ==, 0);
	check_str(slurp(path),
	    HDR "2026-11-26T12:00:00Z\t" TXID "\t0\tbc1qexample\t1000\n");
	/* An existing one just the rows. */
	check_int(fl_ledger_append(path, rows + 1, 1, &e), ==, 0);
	check_str(slurp(path),
	    HDR "2026-11-26T12:00:00Z\t" TXID "\t0\tbc1qexample\t1000\n"
		"2026-11-26T12:00:00Z\t" TXID "\t1\t1Addr\t2000\n");
	/* And it reads back. */
	if ((fp = fopen(path, "r")) != NULL) {
		check_int(fl_ledger_read(fp, &l, &e), ==, 0);
		check_uint(l.n, ==, 2);
		check_uint(l.row[1].sat, ==, 2000);
		fl_ledger_free(&l);
		fclose(fp);
	}
	/* An empty file counts as new; comments before the header are fine. */
	spew(path, "");
	check_int(fl_ledger_append(path, rows, 1, &e), ==, 0);
	check(strncmp(slurp(path), HDR, strlen(HDR)) == 0);
	spew(path, "# made by hand\n" HDR);
	check_int(fl_ledger_append(path, rows, 1, &e), ==, 0);
	check(strncmp(slurp(path), "# made by hand\n" HDR "2026", 20) == 0);

	/* Refused, and left unchanged. */
	spew(path, "time\ttxid\tvout\taddress\tamount\n");
	check_int(fl_ledger_append(path, rows, 1, &e), ==, FL_EDATA);
	check_str(e.msg,
	    "not a ledger: its header is not \"time txid vout "
	    "address sat\"");
	check_str(slurp(path), "time\ttxid\tvout\taddress\tamount\n");
	spew(path, "# only a comment\n");
	check_int(fl_ledger_append(path, rows, 1, &e), ==, FL_EDATA);
	spew(path, HDR "2026-11-26T12:00:00Z\t" TXID "\t0\tA\t1");
	check_int(fl_ledger_append(path, rows, 1, &e), ==, FL_EDATA);
	check_str(e.msg, "does not end in a newline");

	/* Bad rows: nothing is written. */
	spew(path, HDR);
	rows[1].txid[0] = 'x';
	check_int(fl_ledger_append(path, rows, 2, &e), ==, FL_EDATA);
	check_uint(e.line, ==, 2);
	check_str(e.msg,
	    "invalid txid \"x1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4"
	    "e5f60718293a4b5c6d7e8f90\"");
	rows[1].txid[0] = 'a';
	rows[1].address = "bc1q\tx";
	check_int(fl_ledger_append(path, rows, 2, &e), ==, FL_EDATA);
	check_str(e.msg, "invalid address \"bc1q\tx\"");
	rows[1].address = NULL;
	check_int(fl_ledger_append(path, rows, 2, &e), ==, FL_EDATA);
	check_str(e.msg, "invalid address \"\"");
	rows[1].address = "1Addr";
	rows[1].sat = 2100000000000001;
	check_int(fl_ledger_append(path, rows, 2, &e), ==, FL_EDATA);
	check_str(e.msg, "amount more than 21,000,000 BTC");
	check_str(slurp(path), HDR);
	/* Upper-case txids are written in lower case. */
	rows[1].sat = 1;
	memcpy(rows[1].txid, "A1B2", 4);
	check_int(fl_ledger_append(path, rows + 1, 1, &e), ==, 0);
	check(strstr(slurp(path), "\t" TXID "\t") != NULL);

	/* Not a regular file. */
	snprintf(path, sizeof(path), "%s/fifo", dir);
	if (mkfifo(path, 0600) == 0) {
		check_int(fl_ledger_append(path, rows, 1, &e), ==, FL_EDATA);
		check_str(e.msg, "not a regular file");
		unlink(path);
	}
	/* System errors. */
	check_int(fl_ledger_append(dir, rows, 1, &e), ==, FL_ESYS);
	snprintf(path, sizeof(path), "%s/no/such/dir", dir);
	check_int(fl_ledger_append(path, rows, 1, &e), ==, FL_ESYS);
	check_str(e.msg, "No such file or directory");
	snprintf(path, sizeof(path), "%s/ledger.tsv", dir);
	unlink(path);
}

#define TXID2 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define CHDR HDR_NL "\theight\tstatus\n"
#define HDR_NL "time\ttxid\tvout\taddress\tsat"

static void
test_chain_columns(void)
{
	struct fl_ledger l;
	struct fl_err e;
	char *buf;
	size_t len;
	FILE *fp;

	check_int(read_str(CHDR
		      "2026-11-26T12:00:00Z\t" TXID
		      "\t0\tA\t5\t870001\tconfirmed\n"
		      "2026-11-26T12:00:00Z\t" TXID "\t1\tA\t6\t\tmempool\n"
		      "2026-11-26T12:00:00Z\t" TXID "\t2\tA\t7\t\tnot-found\n"
		      "2026-11-26T12:00:00Z\t" TXID "\t3\tA\t8\t\tstale\n"
		      "2026-11-26T12:00:00Z\t" TXID "\t4\tA\t9\t\t\n",
		      &l, &e),
	    ==, 0);
	check_uint(l.n, ==, 5);
	check_int(l.row[0].status, ==, FL_LEDGER_CONFIRMED);
	check_uint(l.row[0].height, ==, 870001);
	check_int(l.row[1].status, ==, FL_LEDGER_MEMPOOL);
	check_int(l.row[2].status, ==, FL_LEDGER_NOT_FOUND);
	check_int(l.row[3].status, ==, FL_LEDGER_STALE);
	check_int(l.row[4].status, ==, FL_LEDGER_UNCHECKED);
	check(fl_ledger_counts(&l.row[0]));
	check(fl_ledger_counts(&l.row[1]));
	check(fl_ledger_counts(&l.row[2]));
	check(!fl_ledger_counts(&l.row[3]));
	check(fl_ledger_counts(&l.row[4]));
	/* Written back, the same bytes. */
	fp = open_memstream(&buf, &len);
	check_int(fl_ledger_write(fp, l.row, l.n, 1, &e), ==, 0);
	fclose(fp);
	check_str(buf,
	    CHDR "2026-11-26T12:00:00Z\t" TXID "\t0\tA\t5\t870001\tconfirmed\n"
		 "2026-11-26T12:00:00Z\t" TXID "\t1\tA\t6\t\tmempool\n"
		 "2026-11-26T12:00:00Z\t" TXID "\t2\tA\t7\t\tnot-found\n"
		 "2026-11-26T12:00:00Z\t" TXID "\t3\tA\t8\t\tstale\n"
		 "2026-11-26T12:00:00Z\t" TXID "\t4\tA\t9\t\t\n");
	free(buf);
	fl_ledger_free(&l);
	read_bad(CHDR "2026-11-26T12:00:00Z\t" TXID "\t0\tA\t5\t\tspent\n", 2,
	    "column \"status\": unknown status \"spent\" (confirmed, mempool, "
	    "not-found, stale or empty)");
	read_bad(CHDR "2026-11-26T12:00:00Z\t" TXID "\t0\tA\t5\t\tconfirmed\n",
	    2, "column \"height\": empty for a confirmed payment");
	read_bad(CHDR "2026-11-26T12:00:00Z\t" TXID "\t0\tA\t5\t7\tmempool\n",
	    2, "column \"height\": set for a payment not confirmed");
	read_bad(CHDR "2026-11-26T12:00:00Z\t" TXID "\t0\tA\t5\tx\tconfirmed\n",
	    2, "column \"height\": invalid integer \"x\"");
}

/* Issue 12: a cut-off last row ("80" of "80000") is not a row. */
static void
test_cut_off(void)
{
	read_bad(HDR "2026-11-26T12:00:00Z\t" TXID "\t0\tA\t80000\n"
		     "2026-11-26T12:00:00Z\t" TXID "\t1\tA\t80",
	    3, "no newline at the end of the last line (cut off?)");
	read_bad(HDR_NL, 1,
	    "no newline at the end of the last line (cut off?)");
}

static void
read_into(struct fl_ledger *all, const char *text)
{
	struct fl_ledger l;
	struct fl_err e;

	check_int(read_str(text, &l, &e), ==, 0);
	check_int(fl_ledger_join(all, &l, &e), ==, 0);
	check_uint(l.n, ==, 0);
}

/* Issue 12 and 13: one payment, however many rows and ledgers name it. */
static void
test_dedup(void)
{
	struct fl_ledger all = {NULL, 0};
	struct fl_err e;

	/* The donor's ledger names TXID:0 twice and TXID2:1 once. */
	read_into(&all,
	    HDR "2026-11-20T00:00:00Z\t" TXID "\t0\tA\t80000\n"
		"2026-11-20T00:00:00Z\t" TXID "\t0\tA\t80000\n"
		"2026-11-21T00:00:00Z\t" TXID2 "\t1\tB\t5\n");
	/* The chain: TXID:0 confirmed later, TXID:1 new, TXID2:1 stale. */
	read_into(&all,
	    CHDR "2026-11-22T00:00:00Z\t" TXID
		 "\t0\tA\t80000\t870000\tconfirmed\n"
		 "2026-11-22T00:00:00Z\t" TXID "\t1\tC\t7\t870000\tconfirmed\n"
		 "2026-11-21T00:00:00Z\t" TXID2 "\t1\tB\t5\t\tstale\n");
	check_uint(all.n, ==, 6);
	check_int(fl_ledger_dedup(&all, &e), ==, 0);
	check_uint(all.n, ==, 3);
	/* Sorted by txid: TXID2 first; the unchecked row beats the stale. */
	check_str(all.row[0].txid, TXID2);
	check_int(all.row[0].status, ==, FL_LEDGER_UNCHECKED);
	check_str(all.row[1].txid, TXID);
	check_uint(all.row[1].vout, ==, 0);
	check_int(all.row[1].status, ==, FL_LEDGER_CONFIRMED);
	check_int(all.row[1].time, ==, 1795305600); /* the chain's time */
	check_uint(all.row[2].vout, ==, 1);
	check_str(all.row[2].address, "C");
	/* A disagreement: the same output, another amount. */
	read_into(&all, HDR "2026-11-20T00:00:00Z\t" TXID "\t1\tC\t8\n");
	check_int(fl_ledger_dedup(&all, &e), ==, FL_EDATA);
	check_str(e.msg,
	    TXID ":1: the ledgers disagree: "
		 "address \"C\" sat 7, and address \"C\" sat 8");
	check_uint(all.n, ==, 4);
	fl_ledger_free(&all);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_read();
	test_chain_columns();
	test_cut_off();
	test_dedup();
	test_append();
	rmdir(dir);
	return test_done();
}
