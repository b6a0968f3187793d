#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "tap.h"

static void
test_open(void)
{
	struct fl_err e;
	const char *name;
	FILE *fp;

	fl_err_clear(&e);
	check(fl_input_open("-", &name, &e) == stdin);
	check_str(name, "<stdin>");
	fl_input_close(stdin); /* left open */
	check_int(fcntl(STDIN_FILENO, F_GETFD), >=, 0);
	check(fl_input_open("/nonexistent/x", &name, &e) == NULL);
	check_int(e.code, ==, FL_ESYS);
	check_str(e.msg, "No such file or directory");
	check_str(name, "/nonexistent/x");
	fp = fl_input_open("/dev/null", &name, &e);
	check(fp != NULL && fp != stdin);
	check_str(name, "/dev/null");
	fl_input_close(fp);
	fl_input_close(NULL);
}

static void
test_read_all(void)
{
	char path[] = "/tmp/flattor-input-XXXXXX", *buf, *big;
	struct fl_err e;
	size_t len;
	int fd;
	FILE *fp;

	fd = mkstemp(path);
	check_int(write(fd, "a\tb\n", 4), ==, 4);
	close(fd);
	fp = fopen(path, "r");
	check_int(fl_input_read_all(fp, 1 << 20, &buf, &len, &e), ==, 0);
	check_uint(len, ==, 4);
	check_str(buf, "a\tb\n");
	free(buf);
	/* Exactly max is accepted, one byte more is not. */
	rewind(fp);
	check_int(fl_input_read_all(fp, 4, &buf, &len, &e), ==, 0);
	check_uint(len, ==, 4);
	free(buf);
	rewind(fp);
	check_int(fl_input_read_all(fp, 3, &buf, &len, &e), ==, FL_EDATA);
	check_str(e.msg, "input larger than 3 bytes");
	check(buf == NULL);
	check_uint(len, ==, 0);
	fclose(fp);

	/* Larger than the first buffer: it grows, then the cap holds. */
	big = malloc(200000);
	memset(big, 'x', 200000);
	fp = fopen(path, "w");
	check_uint(fwrite(big, 1, 200000, fp), ==, 200000);
	fclose(fp);
	fp = fopen(path, "r");
	check_int(fl_input_read_all(fp, 200000, &buf, &len, &e), ==, 0);
	check_uint(len, ==, 200000);
	check_int(memcmp(buf, big, 200000), ==, 0);
	free(buf);
	rewind(fp);
	check_int(fl_input_read_all(fp, 150000, &buf, &len, &e), ==, FL_EDATA);
	check_str(e.msg, "input larger than 150000 bytes");
	/* The buffer never grows past max + 2: at most max + 1 bytes read. */
	rewind(fp);
	check_int(fl_input_read_all(fp, 70000, &buf, &len, &e), ==, FL_EDATA);
	check_int(ftell(fp), ==, 70001);
	fclose(fp);
	free(big);
	unlink(path);

	/* A read error: a directory opens, but reading it fails. */
	fp = fopen("/tmp", "r");
	check(fp != NULL);
	if (fp != NULL) {
		check_int(fl_input_read_all(fp, 1 << 20, &buf, &len, &e), ==,
		    FL_ESYS);
		check_str(e.msg, "Is a directory");
		check(buf == NULL);
		fclose(fp);
	}
}

int
main(void)
{
	test_open();
	test_read_all();
	return test_done();
}
