/*
 * freq.c - plenum freq: word and n-gram frequency lists.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/freq.h"
#include "plenum/token.h"
#include "plenum/plot.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum freq [--db FILE] [--top N] [--ngram N]\n"
	"                   [--by source|year|quarter|month|week] [--min-count N]\n"
	"                   [--min-docs N] [--stopwords] [--keep-numbers] [--exclude FILE]\n"
	"                   [--min-chars N] [--max-df F] [--from DATE] [--to DATE]\n"
	"                   [--source S ...] [--where K=V ...] [--scan]\n"
	"                   [--format tsv|csv|json|jsonl] [--plot OUT]\n";

int
cmd_freq(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "by",		required_argument,	NULL, 'b' },
		{ "min-count",	required_argument,	NULL, 'c' },
		{ "min-docs",	required_argument,	NULL, 'm' },
		{ "ngram",	required_argument,	NULL, 'n' },
		{ "plot",	required_argument,	NULL, 'P' },
		{ "scan",	no_argument,		NULL, 'S' },
		{ "stopwords",	no_argument,		NULL, 's' },
		{ "top",	required_argument,	NULL, 't' },
		CLI_FILTER_OPTIONS,
		CLI_VOCAB_OPTIONS,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct cli_vocab cv = { .exclude = NULL };
	struct pl_freq_opts o;
	struct pl_table t;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	const char *dbopt = NULL, *plotp = NULL;
	int argc0 = argc;
	char **argv0 = argv;
	int ch, fmt = PL_FMT_TSV, rc = 1, b;

	pl_freq_opts_defaults(&o);
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (cli_vocab_option(ch, optarg, &cv))
			continue;
		if (cli_filter_option(ch, optarg, &o.filter))
			continue;
		switch (ch) {
		case 'b':
			if (strcmp(optarg, "source") == 0)
				o.group = PL_GROUP_SOURCE;
			else if ((b = pl_bucket_parse(optarg)) != -1 &&
			    b != PL_BUCKET_DAY)
				o.group = b + 1;
			else {
				cli_warnx("--by: expected source, year, "
				    "quarter, month or week, got '%s'", optarg);
				return 2;
			}
			break;
		case 'c':
			o.min_count = cli_long("--min-count", optarg, 1,
			    INT32_MAX);
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
		case 'm':
			o.min_docs = cli_long("--min-docs", optarg, 1,
			    INT32_MAX);
			break;
		case 'n':
			o.n = (int)cli_long("--ngram", optarg, 1, PL_NGRAM_MAX);
			break;
		case 's':
			o.stopwords = 1;
			break;
		case 'S':
			o.scan = 1;
			break;
		case 't':
			o.top = (size_t)cli_long("--top", optarg, 0, INT32_MAX);
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	if (optind != argc)
		cli_usage(usage_str, 2);
	pl_table_init(&t);
	if (cli_open_corpus(dbopt, &db, &c, &o.filter) == -1)
		goto done;
	if (cli_vocab_open(&cv, c) == -1)
		goto done;
	o.vocab = &cv.v;
	if (o.n > pl_tokenizer_cfg(c->tk)->ngram_max) {
		cli_warnx("--ngram: %d: the corpus indexes n-grams up to %d",
		    o.n, pl_tokenizer_cfg(c->tk)->ngram_max);
		rc = 2;
		goto done;
	}
	if ((err = pl_freq(c, &o, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	if (plotp != NULL && cli_plot(&t, (int)pl_plot_auto_kind(&t), plotp, dbopt, NULL,
	    argc0, argv0) != 0)
		goto done;
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	cli_vocab_release(&cv);
	pl_table_release(&t);
	pl_docfilter_release(&o.filter);
	pl_corpus_free(c);
	pl_db_close(db);
	return rc;
}
