/*
 * series.c - plenum series: term frequencies over calendar buckets.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/series.h"
#include "plenum/plot.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum series [--db FILE] [--by day|week|month|quarter|year]\n"
	"                     [--value per10k|docs|count] [--smooth N] [--ci]\n"
	"                     [--from DATE] [--to DATE] [--source S ...] [--where K=V ...]\n"
	"                     [--words] [--format tsv|csv|json|jsonl] [--plot OUT]\n"
	"                     [--terms FILE | TERM ...]\n";

int
cmd_series(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "by",		required_argument,	NULL, 'b' },
		{ "ci",		no_argument,		NULL, 'c' },
		{ "plot",	required_argument,	NULL, 'P' },
		{ "smooth",	required_argument,	NULL, 's' },
		{ "terms",	required_argument,	NULL, 'T' },
		{ "value",	required_argument,	NULL, 'v' },
		CLI_FILTER_OPTIONS,
		CLI_WORDS_OPTION,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_series_opts o;
	struct pl_table t;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	struct pl_term **terms = NULL;
	const char *dbopt = NULL, *plotp = NULL, *termsfile = NULL;
	char *text = NULL, **lines = NULL;
	int argc0 = argc;
	char **argv0 = argv;
	int ch, fmt = PL_FMT_TSV, rc = 1, nterms = 0, k;

	pl_series_opts_defaults(&o);
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (cli_filter_option(ch, optarg, &o.filter))
			continue;
		switch (ch) {
		case 'b':
			o.by = cli_bucket(optarg);
			break;
		case 'c':
			o.ci = 1;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			fmt = cli_format(optarg);
			break;
		case 'h':
			cli_usage(usage_str, 0);
		case 'P':
			plotp = optarg;
			break;
		case 's':
			o.smooth = (int)cli_long("--smooth", optarg, 2, 1000);
			break;
		case 'T':
			termsfile = optarg;
			break;
		case 'v':
			if ((k = pl_value_parse(optarg)) == -1) {
				cli_warnx("--value: expected per10k, docs or "
				    "count, got '%s'", optarg);
				return 2;
			}
			o.value = (enum pl_value)k;
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if (termsfile != NULL && argc > 0) {
		cli_warnx("--terms and TERM arguments: give one or the other");
		cli_usage(usage_str, 2);
	}
	if (argc == 0 && termsfile == NULL) {
		cli_warnx("no term: name one or more terms, or --terms FILE");
		cli_usage(usage_str, 2);
	}
	if (o.filter.from > o.filter.to) {
		cli_warnx("--from is after --to");
		return 2;
	}
	pl_table_init(&t);
	if (termsfile != NULL) {
		if ((text = cli_read_file(termsfile, NULL)) == NULL)
			goto done;
		if ((argc = cli_term_lines(text, &lines)) == -1) {
			cli_warnx("out of memory");
			goto done;
		}
		if (argc == 0) {
			cli_warnx("%s: no terms in the file", termsfile);
			goto done;
		}
		argv = lines;
	}
	if (cli_open_corpus(dbopt, &db, &c, &o.filter) == -1)
		goto done;
	if ((rc = cli_terms(c, argc, argv, &terms)) != 0)
		goto done;
	nterms = argc;
	rc = 1;
	if ((err = pl_series(c, terms, (size_t)nterms, &o, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	if (plotp != NULL) {
		char sub[128];
		snprintf(sub, sizeof(sub), "%s, by %s", o.value ==
		    PL_VALUE_PER10K ? "Mentions per 10,000 tokens" : o.value ==
		    PL_VALUE_DOCS ? "Share of reports using the term" :
		    "Mentions", pl_bucket_name(o.by));
		if (cli_plot(&t, nterms > 6 ? PL_PLOT_MULTIPLES : PL_PLOT_LINE,
		    plotp, dbopt, sub, argc0, argv0) != 0)
			goto done;
	}
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	cli_terms_free(terms, nterms);
	free(lines);
	free(text);
	pl_table_release(&t);
	pl_docfilter_release(&o.filter);
	pl_corpus_free(c);
	pl_db_close(db);
	return rc;
}
