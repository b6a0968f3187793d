#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "outbuf.h"
#include "tap.h"

/*
 * Runs fn in a child whose stdout is path (and stderr errpath), and returns
 * its exit status: the buffer closes stdout, which the TAP output needs.
 */
static int
in_child(int (*fn)(void), const char *path, const char *errpath)
{
	pid_t pid;
	int st, fd;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, STDOUT_FILENO);
		close(fd);
		fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, STDERR_FILENO);
		close(fd);
		_exit(fn());
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static char *
slurp(const char *path)
{
	static char buf[4096];
	size_t n;
	FILE *fp;

	buf[0] = '\0';
	if ((fp = fopen(path, "r")) == NULL)
		return buf;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static int
commit_one(void)
{
	FILE *out = fl_outbuf_open();

	if (out == NULL || fl_outbuf_open() != out)
		return 10;
	fputs("a\tb\n", out);
	fputs("1\t2\n", out);
	return fl_outbuf_commit() == 0 ? 0 : 11;
}

/* A discarded buffer writes nothing; a new one starts empty. */
static int
discard_then_commit(void)
{
	FILE *out = fl_outbuf_open();

	fputs("half a result\n", out);
	fl_outbuf_discard();
	fl_outbuf_discard(); /* twice is harmless */
	out = fl_outbuf_open();
	fputs("whole\n", out);
	return fl_outbuf_commit() == 0 ? 0 : 11;
}

static int
discard_only(void)
{
	fputs("partial\n", fl_outbuf_open());
	fl_outbuf_discard();
	return 0;
}

static int
commit_full(void)
{
	fl_prog_set((char *[]){"flattor-test", NULL});
	if (freopen("/dev/full", "w", stdout) == NULL)
		return 12;
	fputs("x\n", fl_outbuf_open());
	return fl_outbuf_commit() == -1 ? 0 : 11;
}

/* Nothing opened: stdout is still flushed and closed. */
static int
commit_none(void)
{
	return fl_outbuf_commit() == 0 ? 0 : 11;
}

int
main(void)
{
	char out[] = "/tmp/flattor-outbuf-XXXXXX";
	char err[] = "/tmp/flattor-outbuf-err-XXXXXX";

	close(mkstemp(out));
	close(mkstemp(err));
	check_int(in_child(commit_one, out, err), ==, 0);
	check_str(slurp(out), "a\tb\n1\t2\n");
	check_str(slurp(err), "");
	check_int(in_child(discard_then_commit, out, err), ==, 0);
	check_str(slurp(out), "whole\n");
	check_int(in_child(discard_only, out, err), ==, 0);
	check_str(slurp(out), "");
	check_int(in_child(commit_none, out, err), ==, 0);
	check_str(slurp(out), "");
	check_int(in_child(commit_full, out, err), ==, 0);
	check_str(slurp(err),
	    "flattor-test: <stdout>: No space left on device\n");
	unlink(out);
	unlink(err);
	return test_done();
}
