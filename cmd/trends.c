/*
 * trends.c - plenum trends: which terms rise or fall, with trend tests
 * (OLS, Theil-Sen, Mann-Kendall, Spearman) and q-values over the terms.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/token.h"
#include "plenum/trends.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum trends [--db FILE] [--by day|week|month|quarter|year]\n"
	"                     [--min-count N] [--ngram N] [--stopwords] [--keep-numbers] [--exclude FILE]\n"
	"                     [--min-chars N] [--max-df F] [--autocorr]\n"
	"                     [--sort q|slope|sen|tau] [--direction up|down|both]\n"
	"                     [--top N] [--from DATE] [--to DATE] [--source S ...]\n"
	"                     [--where K=V ...] [--words] [--format tsv|csv|json|jsonl]\n"
	"                     [--terms FILE | TERM ...]\n";

int
cmd_trends(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "autocorr",	no_argument,		NULL, 'a' },
		{ "by",		required_argument,	NULL, 'b' },
		{ "direction",	required_argument,	NULL, 'D' },
		{ "min-count",	required_argument,	NULL, 'c' },
		{ "ngram",	required_argument,	NULL, 'n' },
		{ "sort",	required_argument,	NULL, 'o' },
		{ "stopwords",	no_argument,		NULL, 's' },
		{ "terms",	required_argument,	NULL, 'T' },
		{ "top",	required_argument,	NULL, 't' },
		CLI_FILTER_OPTIONS,
		CLI_VOCAB_OPTIONS,
		CLI_WORDS_OPTION,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct cli_vocab cv = { .exclude = NULL };
	struct pl_trends_opts o;
	struct pl_table t;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	struct pl_term **terms = NULL;
	const char *dbopt = NULL, *termsfile = NULL;
	char *text = NULL, **lines = NULL;
	int ch, fmt = PL_FMT_TSV, rc = 1, nterms = 0;

	pl_trends_opts_defaults(&o);
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (cli_vocab_option(ch, optarg, &cv))
			continue;
		if (cli_filter_option(ch, optarg, &o.filter))
			continue;
		switch (ch) {
		case 'D':
			if (strcmp(optarg, "up") == 0)
				o.dir = PL_TREND_UP;
			else if (strcmp(optarg, "down") == 0)
				o.dir = PL_TREND_DOWN;
			else if (strcmp(optarg, "both") == 0)
				o.dir = PL_TREND_BOTH;
			else {
				cli_warnx("--direction: expected up, down or "
				    "both, got '%s'", optarg);
				return 2;
			}
			break;
		case 'T':
			termsfile = optarg;
			break;
		case 'a':
			o.autocorr = 1;
			break;
		case 'b':
			o.by = cli_bucket(optarg);
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
		case 'n':
			o.ngram = (int)cli_long("--ngram", optarg, 1,
			    PL_NGRAM_MAX);
			break;
		case 'o':
			if (strcmp(optarg, "q") == 0)
				o.sort = PL_TREND_SORT_Q;
			else if (strcmp(optarg, "slope") == 0)
				o.sort = PL_TREND_SORT_SLOPE;
			else if (strcmp(optarg, "sen") == 0)
				o.sort = PL_TREND_SORT_SEN;
			else if (strcmp(optarg, "tau") == 0)
				o.sort = PL_TREND_SORT_TAU;
			else {
				cli_warnx("--sort: expected q, slope, sen or "
				    "tau, got '%s'", optarg);
				return 2;
			}
			break;
		case 's':
			o.stopwords = 1;
			break;
		case 't':
			o.top = (size_t)cli_long("--top", optarg, 0, INT32_MAX);
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
	if (cli_vocab_open(&cv, c) == -1)
		goto done;
	o.vocab = &cv.v;
	if (o.ngram > pl_tokenizer_cfg(c->tk)->ngram_max) {
		cli_warnx("--ngram: %d: the corpus indexes n-grams up to %d",
		    o.ngram, pl_tokenizer_cfg(c->tk)->ngram_max);
		rc = 2;
		goto done;
	}
	if (argc > 0) {
		if ((rc = cli_terms(c, argc, argv, &terms)) != 0)
			goto done;
		nterms = argc;
		rc = 1;
	}
	if ((err = pl_trends(c, terms, (size_t)nterms, &o, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	cli_vocab_release(&cv);
	cli_terms_free(terms, nterms);
	free(lines);
	free(text);
	pl_table_release(&t);
	pl_docfilter_release(&o.filter);
	pl_corpus_free(c);
	pl_db_close(db);
	return rc;
}
