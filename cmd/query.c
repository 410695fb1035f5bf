/*
 * query.c - plenum query: counts of terms per document or per group.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/series.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum query [--db FILE] [--by doc|source|day|week|month|quarter|year]\n"
	"                    [--from DATE] [--to DATE] [--source S ...] [--where K=V ...]\n"
	"                    [--words] [--format tsv|csv|json|jsonl] TERM ...\n";

int
cmd_query(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "by",		required_argument,	NULL, 'b' },
		CLI_FILTER_OPTIONS,
		CLI_WORDS_OPTION,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_docfilter f;
	struct pl_table t;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	struct pl_term **terms = NULL;
	const char *dbopt = NULL;
	int ch, fmt = PL_FMT_TSV, rc = 1, nterms = 0, group = PL_GROUP_DOC;

	pl_docfilter_init(&f);
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (cli_filter_option(ch, optarg, &f))
			continue;
		switch (ch) {
		case 'b':
			if (strcmp(optarg, "doc") == 0)
				group = PL_GROUP_DOC;
			else if (strcmp(optarg, "source") == 0)
				group = PL_GROUP_SOURCE;
			else if ((group = pl_bucket_parse(optarg)) == -1) {
				cli_warnx("--by: expected doc, source, day, "
				    "week, month, quarter or year, got '%s'",
				    optarg);
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
	pl_table_init(&t);
	if (cli_open_corpus(dbopt, &db, &c, &f) == -1)
		goto done;
	if ((rc = cli_terms(c, argc, argv, &terms)) != 0)
		goto done;
	nterms = argc;
	rc = 1;
	if ((err = pl_query(c, terms, (size_t)nterms, group, &f, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	cli_terms_free(terms, nterms);
	pl_table_release(&t);
	pl_docfilter_release(&f);
	pl_corpus_free(c);
	pl_db_close(db);
	return rc;
}
