/* flattor-weigh: relays with addresses -> one row per payee address. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "amount.h"
#include "duration.h"
#include "diag.h"
#include "io.h"
#include "opt.h"
#include "tsv.h"
#include "version.h"
#include "weigh.h"

static const char usage_text[] =
    "usage: flattor-weigh --amount AMOUNT\n"
    "       [--by consensus|guard|middle|exit|advertised]\n"
    "       [--include-unmeasured] [--require-flag FLAG] "
    "[--exclude-flag FLAG]\n"
    "       [--min-age DURATION] [--country CC] [--exclude-country CC]\n"
    "       [--as ASN] [--exclude-as ASN] [--boost FLAG=FACTOR] [FILE]\n";

static _Noreturn void
usage(void)
{
	fputs(usage_text, stderr);
	exit(FL_EXIT_USAGE);
}

/* The provenance text, built up as options are read. */
static char prov[1024];

static void
prov_add(const char *key, const char *val)
{
	size_t len = strlen(prov);

	snprintf(prov + len, sizeof(prov) - len, "%s%s%s%s", len > 0 ? " " : "",
	    key, val != NULL ? "=" : "", val != NULL ? val : "");
}

static void
push(const char ***v, size_t *n, const char *s)
{
	const char **p = realloc(*v, (*n + 1) * sizeof(*p));

	if (p == NULL)
		fl_die(FL_EXIT_SYS, "out of memory");
	p[(*n)++] = s;
	*v = p;
}

static void
push_as(uint32_t **v, size_t *n, const char *s)
{
	struct fl_err e;
	uint32_t as, *p;

	if (fl_weigh_as_parse(s, &as, &e) != 0)
		fl_die(FL_EXIT_USAGE, "%s", e.msg);
	if ((p = realloc(*v, (*n + 1) * sizeof(*p))) == NULL)
		fl_die(FL_EXIT_SYS, "out of memory");
	p[(*n)++] = as;
	*v = p;
}

static void
check_flag(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9')))
			break;
	if (*s == '\0' || *p != '\0')
		fl_die(FL_EXIT_USAGE, "invalid flag \"%s\"", s);
}

static void
check_country(const char *s)
{
	if (strlen(s) != 2 || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') ||
	    !((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z'))
		fl_die(FL_EXIT_USAGE,
		    "invalid country \"%s\" (two letters, e.g. de)", s);
}

int
main(int argc, char *argv[])
{
	enum {
		O_AMOUNT = 256,
		O_BY,
		O_INCLUDE_UNMEASURED,
		O_REQUIRE_FLAG,
		O_EXCLUDE_FLAG,
		O_MIN_AGE,
		O_COUNTRY,
		O_EXCLUDE_COUNTRY,
		O_AS,
		O_EXCLUDE_AS,
		O_BOOST,
		O_HELP,
		O_VERSION
	};
	static const struct option longopts[] = {
	    {"amount", required_argument, NULL, O_AMOUNT},
	    {"as", required_argument, NULL, O_AS},
	    {"boost", required_argument, NULL, O_BOOST},
	    {"by", required_argument, NULL, O_BY},
	    {"country", required_argument, NULL, O_COUNTRY},
	    {"exclude-as", required_argument, NULL, O_EXCLUDE_AS},
	    {"exclude-country", required_argument, NULL, O_EXCLUDE_COUNTRY},
	    {"exclude-flag", required_argument, NULL, O_EXCLUDE_FLAG},
	    {"help", no_argument, NULL, O_HELP},
	    {"include-unmeasured", no_argument, NULL, O_INCLUDE_UNMEASURED},
	    {"min-age", required_argument, NULL, O_MIN_AGE},
	    {"require-flag", required_argument, NULL, O_REQUIRE_FLAG},
	    {"version", no_argument, NULL, O_VERSION},
	    {NULL, 0, NULL, 0},
	};
	struct fl_weigh_opts o;
	struct fl_weigh_relays rel = {NULL, 0};
	struct fl_weigh_payees pay = {NULL, 0, 0};
	struct fl_tsv_reader r;
	uint64_t seen = 0;
	static const int repeatable[] = {O_REQUIRE_FLAG, O_EXCLUDE_FLAG,
	    O_COUNTRY, O_EXCLUDE_COUNTRY, O_AS, O_EXCLUDE_AS, O_BOOST, 0};
	struct fl_err e;
	const char *path = "-", *name, *min_age_text = NULL;
	int64_t amount = 0;
	char buf[64];
	FILE *in, *out;
	size_t i;
	int ch, rc;

	fl_prog_set(argv);
	memset(&o, 0, sizeof(o));
	o.by = FL_WEIGH_CONSENSUS;
	o.min_age = -1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (fl_opt_once(longopts, ch, repeatable, &seen, &e) != 0)
			fl_die(FL_EXIT_USAGE, "%s", e.msg);
		switch (ch) {
		case O_AMOUNT:
			if (fl_amount_parse(optarg, &amount, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--amount: %s", e.msg);
			break;
		case O_AS:
			push_as(&o.as, &o.nas, optarg);
			break;
		case O_BOOST: {
			struct fl_weigh_boost *b;

			b = realloc(o.boost, (o.nboost + 1) * sizeof(*b));
			if (b == NULL)
				fl_die(FL_EXIT_SYS, "out of memory");
			o.boost = b;
			if (fl_weigh_boost_parse(optarg, &b[o.nboost], &e) != 0)
				fl_die(FL_EXIT_USAGE, "%s", e.msg);
			o.nboost++;
			break;
		}
		case O_BY:
			if (fl_weigh_by_parse(optarg, &o.by, &e) != 0)
				fl_die(FL_EXIT_USAGE, "%s", e.msg);
			break;
		case O_COUNTRY:
			check_country(optarg);
			push(&o.country, &o.ncountry, optarg);
			break;
		case O_EXCLUDE_AS:
			push_as(&o.exclude_as, &o.nexclude_as, optarg);
			break;
		case O_EXCLUDE_COUNTRY:
			check_country(optarg);
			push(&o.exclude_country, &o.nexclude_country, optarg);
			break;
		case O_EXCLUDE_FLAG:
			check_flag(optarg);
			push(&o.exclude_flag, &o.nexclude_flag, optarg);
			break;
		case O_HELP:
			fputs(usage_text, stdout);
			return fl_fshut(stdout, "<stdout>") ? FL_EXIT_SYS : 0;
		case O_INCLUDE_UNMEASURED:
			o.include_unmeasured = 1;
			break;
		case O_MIN_AGE:
			if (fl_duration_parse(optarg, &o.min_age, &e) != 0)
				fl_die(FL_EXIT_USAGE, "--min-age: %s", e.msg);
			min_age_text = optarg;
			break;
		case O_REQUIRE_FLAG:
			check_flag(optarg);
			push(&o.require_flag, &o.nrequire_flag, optarg);
			break;
		case O_VERSION:
			return fl_version_print();
		default:
			usage();
		}
	}
	if (fl_opt_operand(argc, argv, optind, &path, &e) != 0) {
		fl_warn_err(NULL, &e);
		usage();
	}
	if (amount == 0) {
		fl_warn("--amount is required");
		usage();
	}
	if (fl_weigh_boost_sort(o.boost, o.nboost, &e) != 0)
		fl_die(FL_EXIT_USAGE, "%s", e.msg);

	snprintf(buf, sizeof(buf), "%lldsat", (long long)amount);
	prov_add("amount", buf);
	prov_add("by", fl_weigh_by_name(o.by));
	if (o.include_unmeasured)
		prov_add("include-unmeasured", NULL);
	for (i = 0; i < o.nrequire_flag; i++)
		prov_add("require-flag", o.require_flag[i]);
	for (i = 0; i < o.nexclude_flag; i++)
		prov_add("exclude-flag", o.exclude_flag[i]);
	if (min_age_text != NULL)
		prov_add("min-age", min_age_text);
	for (i = 0; i < o.ncountry; i++)
		prov_add("country", o.country[i]);
	for (i = 0; i < o.nexclude_country; i++)
		prov_add("exclude-country", o.exclude_country[i]);
	for (i = 0; i < o.nas; i++) {
		snprintf(buf, sizeof(buf), "AS%lu", (unsigned long)o.as[i]);
		prov_add("as", buf);
	}
	for (i = 0; i < o.nexclude_as; i++) {
		snprintf(buf, sizeof(buf), "AS%lu",
		    (unsigned long)o.exclude_as[i]);
		prov_add("exclude-as", buf);
	}
	for (i = 0; i < o.nboost; i++) {
		snprintf(buf, sizeof(buf), "%s=%s", o.boost[i].flag,
		    o.boost[i].text);
		prov_add("boost", buf);
	}

	if ((in = fl_open_in(path, &name, &e)) == NULL)
		fl_die_err(path, &e);
	if ((rc = fl_tsv_open(&r, in, &e)) != 0 ||
	    (rc = fl_weigh_read(&r, &o, &rel, &e)) != 0 ||
	    (rc = fl_weigh_payees(&rel, (uint64_t)amount, &pay, &e)) != 0)
		fl_die_err(name, &e);
	out = fl_out_open();
	if (out == NULL)
		fl_die(FL_EXIT_SYS, "output buffer:");
	fl_tsv_put_comments(out, &r);
	fl_tsv_put_provenance(out, "flattor-weigh", "%s", prov);
	fl_weigh_write(out, &pay);
	fl_weigh_payees_free(&pay);
	fl_weigh_relays_free(&rel);
	fl_tsv_close(&r);
	fl_close_in(in);
	free(o.require_flag);
	free(o.exclude_flag);
	free(o.country);
	free(o.exclude_country);
	free(o.as);
	free(o.exclude_as);
	free(o.boost);
	return fl_out_commit() != 0 ? FL_EXIT_SYS : 0;
}
