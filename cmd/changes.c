/*
 * changes.c - plenum changes: change points in terms' rate series by
 * PELT, with their segments.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/changes.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum changes [--db FILE] [--by day|week|month|quarter|year]\n"
	"                      [--cost poisson|normal] [--penalty bic|aic|VALUE]\n"
	"                      [--min-segment N] [--from DATE] [--to DATE]\n"
	"                      [--source S ...] [--where K=V ...] [--words]\n"
	"                      [--format tsv|csv|json|jsonl] TERM ...\n";

int
cmd_changes(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "by",		required_argument,	NULL, 'b' },
		{ "cost",	required_argument,	NULL, 'c' },
		{ "min-segment", required_argument,	NULL, 'm' },
		{ "penalty",	required_argument,	NULL, 'p' },
		CLI_FILTER_OPTIONS,
		CLI_WORDS_OPTION,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_changes_opts o;
	struct pl_table t;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	struct pl_term **terms = NULL;
	const char *dbopt = NULL;
	char *end;
	int ch, fmt = PL_FMT_TSV, rc = 1, nterms = 0;

	pl_changes_opts_defaults(&o);
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (cli_filter_option(ch, optarg, &o.filter))
			continue;
		switch (ch) {
		case 'b':
			o.by = cli_bucket(optarg);
			break;
		case 'c':
			if (strcmp(optarg, "poisson") == 0)
				o.cost = PL_COST_POISSON;
			else if (strcmp(optarg, "normal") == 0)
				o.cost = PL_COST_NORMAL;
			else {
				cli_warnx("--cost: expected poisson or normal, "
				    "got '%s'", optarg);
				return 2;
			}
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			fmt = cli_format(optarg);
			break;
		case 'h':
			cli_usage(usage_str, 0);
		case 'm':
			o.minseg = (size_t)cli_long("--min-segment", optarg, 1,
			    100000);
			break;
		case 'p':
			if (strcmp(optarg, "bic") == 0)
				o.penalty = PL_PEN_BIC;
			else if (strcmp(optarg, "aic") == 0)
				o.penalty = PL_PEN_AIC;
			else {
				errno = 0;
				o.value = strtod(optarg, &end);
				if (end == optarg || *end != '\0' ||
				    errno != 0 || !isfinite(o.value) ||
				    o.value < 0) {
					cli_warnx("--penalty: expected bic, aic "
					    "or a number 0 or more, got '%s'",
					    optarg);
					return 2;
				}
				o.penalty = PL_PEN_VALUE;
			}
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		cli_warnx("no term: name one or more terms");
		cli_usage(usage_str, 2);
	}
	if (o.filter.from > o.filter.to) {
		cli_warnx("--from is after --to");
		return 2;
	}
	pl_table_init(&t);
	if (cli_open_corpus(dbopt, &db, &c, &o.filter) == -1)
		goto done;
	if ((rc = cli_terms(c, argc, argv, &terms)) != 0)
		goto done;
	nterms = argc;
	rc = 1;
	if ((err = pl_changes(c, terms, (size_t)nterms, &o, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	cli_terms_free(terms, nterms);
	pl_table_release(&t);
	pl_docfilter_release(&o.filter);
	pl_corpus_free(c);
	pl_db_close(db);
	return rc;
}
