#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outbuf.h"
#include "stage.h"
#include "tap.h"
#include "version.h"

static const char usage[] = "usage: flattor-test [--opt X] [FILE]\n";
static const struct option lo[] = {
    {"opt", required_argument, NULL, 256},
    {"list", required_argument, NULL, 257},
    {"flag", no_argument, NULL, 258},
    {NULL, 0, NULL, 0},
};
static const int rep[] = {257, 0};

static char *
slurp(const char *path)
{
	static char buf[8192];
	size_t n = 0;
	FILE *fp;

	buf[0] = '\0';
	if ((fp = fopen(path, "r")) != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, fp);
		fclose(fp);
	}
	buf[n] = '\0';
	return buf;
}

static char outpath[] = "/tmp/flattor-stage-out-XXXXXX";
static char errpath[] = "/tmp/flattor-stage-err-XXXXXX";
static int cleaned;

static void
mark(void *arg)
{
	/* The order: the last registered runs first. */
	cleaned = cleaned * 10 + *(int *)arg;
	fprintf(stderr, "clean %d\n", *(int *)arg);
}

/*
 * Runs a stage over argv in a child (stdout and stderr to files), and
 * returns its exit status; what each option got goes to stdout.
 */
static int
run(int argc, char **argv, int die_after)
{
	static int one = 1, two = 2;
	struct fl_stage st;
	pid_t pid;
	int ch, s;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		int fd = open(outpath, O_WRONLY | O_TRUNC);

		dup2(fd, 1);
		close(fd);
		fd = open(errpath, O_WRONLY | O_TRUNC);
		dup2(fd, 2);
		close(fd);
		optind = 1;
		fl_stage_init(&st, "flattor-test", argv, usage, lo, "o:", rep);
		fl_stage_on_exit(&st, mark, &one);
		fl_stage_on_exit(&st, mark, &two);
		while ((ch = fl_stage_getopt(&st, argc, argv)) != -1)
			fprintf(stderr, "opt %d %s\n", ch,
			    optarg != NULL ? optarg : "-");
		fl_stage_prov_add(&st, "path=%s",
		    fl_stage_operand(&st, argc, argv));
		fputs("a\n1\n", fl_stage_output(&st, NULL));
		if (die_after)
			fl_stage_die(&st, FL_EXIT_DATA, "bad %s", "row");
		_exit(fl_stage_finish(&st));
	}
	if (waitpid(pid, &s, 0) != pid || !WIFEXITED(s))
		return -1;
	return WEXITSTATUS(s);
}

#define ARGV(...) \
	(sizeof((char *[]){__VA_ARGS__}) / sizeof(char *) - 1), (char *[]) \
	{ \
		__VA_ARGS__ \
	}

static void
test_options(void)
{
	check_int(run(ARGV("/x/flattor-test", "--opt", "1", "--list", "a",
			  "--list", "b", "--flag", "--flag", "in.tsv", NULL),
		      0),
	    ==, 0);
	check_str(slurp(outpath),
	    "# flattor-test " FL_VERSION ": path=in.tsv\na\n1\n");
	check_str(slurp(errpath),
	    "opt 256 1\nopt 257 a\nopt 257 b\nopt 258 -\nopt 258 -\n"
	    "clean 2\nclean 1\n");
	check_int(run(ARGV("flattor-test", "-h", NULL), 0), ==, 0);
	check_str(slurp(outpath), usage);
	check_str(slurp(errpath), "clean 2\nclean 1\n");
	check_int(run(ARGV("flattor-test", "--help", NULL), 0), ==, 0);
	check_str(slurp(outpath), usage);
	check_int(run(ARGV("flattor-test", "-V", NULL), 0), ==, 0);
	check_str(slurp(outpath), "flattor-test " FL_VERSION "\n");
	check_int(run(ARGV("flattor-test", "--version", NULL), 0), ==, 0);
	check_str(slurp(outpath), "flattor-test " FL_VERSION "\n");
	/* The short option of an entry is that entry, once too. */
	check_int(run(ARGV("flattor-test", "--opt", "1", "--opt", "2", NULL),
		      0),
	    ==, 2);
	check_str(slurp(outpath), "");
	check_str(slurp(errpath),
	    "opt 256 1\nflattor-test: --opt given twice\nclean 2\nclean 1\n");
	check_int(run(ARGV("flattor-test", "--bogus", NULL), 0), ==, 2);
	check_str(slurp(errpath),
	    "flattor-test: unrecognized option '--bogus'\n"
	    "usage: flattor-test [--opt X] [FILE]\nclean 2\nclean 1\n");
	check_int(run(ARGV("flattor-test", "a", "b", NULL), 0), ==, 2);
	check_str(slurp(errpath),
	    "flattor-test: too many operands\n"
	    "usage: flattor-test [--opt X] [FILE]\nclean 2\nclean 1\n");
	check_int(run(ARGV("flattor-test", "", NULL), 0), ==, 2);
	check_str(slurp(errpath),
	    "flattor-test: empty file name\n"
	    "usage: flattor-test [--opt X] [FILE]\nclean 2\nclean 1\n");
	/* An error exit: no output at all, the clean-ups run. */
	check_int(run(ARGV("flattor-test", NULL), 1), ==, 1);
	check_str(slurp(outpath), "");
	check_str(slurp(errpath), "flattor-test: bad row\nclean 2\nclean 1\n");
	check_int(run(ARGV("flattor-test", NULL), 0), ==, 0);
	check_str(slurp(outpath),
	    "# flattor-test " FL_VERSION ": path=-\na\n1\n");
}

static void
test_provenance(void)
{
	struct fl_stage st;
	char *buf = NULL, *big;
	size_t len = 0;
	FILE *fp;

	memset(&st, 0, sizeof(st));
	st.name = "flattor-x";
	check_str(fl_stage_prov(&st), "");
	fl_stage_prov_add(&st, "a=%d", 1);
	fl_stage_prov_add(&st, "b=%s", "two\nlines");
	check_str(fl_stage_prov(&st), "a=1 b=two\nlines");
	/* Grows past any fixed size: never cut. */
	big = malloc(5000);
	memset(big, 'p', 4999);
	big[4999] = '\0';
	fl_stage_prov_add(&st, "ledger=%s", big);
	fl_stage_prov_add(&st, "now=%s", "2026-11-26T12:00:00Z");
	check_uint(strlen(fl_stage_prov(&st)), ==,
	    strlen("a=1 b=two\nlines ledger=") + 4999 +
		strlen(" now=2026-11-26T12:00:00Z"));
	fp = open_memstream(&buf, &len);
	check_int(fl_stage_put_provenance(&st, fp), ==, 0);
	fclose(fp);
	check_int(strncmp(buf, "# flattor-x " FL_VERSION ": a=1 b=two lines l",
		      strlen("# flattor-x " FL_VERSION ": a=1 b=two lines l")),
	    ==, 0);
	check_str(buf + len - 26, " now=2026-11-26T12:00:00Z\n");
	check(memchr(buf, '\n', len - 1) == NULL);
	free(buf);
	free(big);
	free(st.prov);
	/* An append that failed makes the write fail, not cut the line. */
	memset(&st, 0, sizeof(st));
	st.name = "flattor-x";
	st.prov_nomem = 1;
	fl_stage_prov_add(&st, "a=%d", 1);
	check_str(fl_stage_prov(&st), "");
	fp = open_memstream(&buf, &len);
	check_int(fl_stage_put_provenance(&st, fp), ==, FL_ENOMEM);
	fclose(fp);
	check_uint(len, ==, 0);
	free(buf);
}

static void
test_cols(void)
{
	static const char *const owned[] = {"address", "reason"};
	struct fl_stage_cols c;
	struct fl_tsv_reader r;
	struct fl_err e;
	const char **row;
	FILE *fp;

	fp = fmemopen("contact\treason\tx\nme\told\t7\n", 27, "r");
	check_int(fl_tsv_open(&r, fp, &e), ==, 0);
	check_int(fl_stage_cols_init(&c, &r, owned, 2, &e), ==, 0);
	/* "reason" is rewritten in place, "address" appended. */
	check_uint(c.n, ==, 4);
	check_uint(c.nin, ==, 3);
	check_str(c.names[0], "contact");
	check_str(c.names[1], "reason");
	check_str(c.names[2], "x");
	check_str(c.names[3], "address");
	check_uint(c.at[0], ==, 3);
	check_uint(c.at[1], ==, 1);
	check_int(fl_tsv_next(&r, &e), ==, 1);
	row = fl_stage_cols_row(&c, &r);
	check_str(row[0], "me");
	check_str(row[1], "");
	check_str(row[2], "7");
	check_str(row[3], "");
	/* A row kept earlier: the same, from its fields. */
	{
		static const char *const kept[] = {"you", "older", "8"};

		row = fl_stage_cols_fill(&c, kept);
		check_str(row[0], "you");
		check_str(row[1], "");
		check_str(row[2], "8");
		check_str(row[3], "");
	}
	fl_stage_cols_free(&c);
	check(c.names == NULL);
	fl_tsv_close(&r);
	fclose(fp);
}

int
main(void)
{
	close(mkstemp(outpath));
	close(mkstemp(errpath));
	test_options();
	test_provenance();
	test_cols();
	unlink(outpath);
	unlink(errpath);
	return test_done();
}
