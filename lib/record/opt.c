#include "opt.h"

int
fl_opt_once(const struct option *lo, int ch, const int *repeatable,
    uint64_t *seen, struct fl_err *e)
{
	const int *r;
	unsigned i;

	for (r = repeatable; r != NULL && *r != 0; r++)
		if (*r == ch)
			return 0;
	for (i = 0; i < 64 && lo[i].name != NULL; i++) {
		if (lo[i].val != ch || lo[i].flag != NULL)
			continue;
		if (lo[i].has_arg != required_argument)
			return 0;
		if ((*seen & (UINT64_C(1) << i)) != 0)
			return fl_err_set(e, FL_EUSAGE, "--%s given twice",
			    lo[i].name);
		*seen |= UINT64_C(1) << i;
		return 0;
	}
	return 0;
}

int
fl_opt_operand(int argc, char *argv[], int optind, const char **path,
    struct fl_err *e)
{
	*path = "-";
	if (argc - optind > 1)
		return fl_err_set(e, FL_EUSAGE, "too many operands");
	if (argc - optind == 1) {
		if (argv[optind][0] == '\0')
			return fl_err_set(e, FL_EUSAGE, "empty file name");
		*path = argv[optind];
	}
	return 0;
}
