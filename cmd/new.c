/*
 * new.c - plenum new: terms and n-grams first used in a period.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/date.h"
#include "plenum/newterms.h"
#include "plenum/token.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum new [--db FILE] --since DATE | --week YYYY-Www [--to DATE] [--absent DAYS]\n"
	"                  [--ngram N] [--min-count N] [--min-docs N] [--stopwords] [--keep-numbers] [--exclude FILE]\n"
	"                  [--min-chars N] [--max-df F]\n"
	"                  [--top N] [--source S ...] [--where K=V ...]\n"
	"                  [--format tsv|csv|json|jsonl]\n";

/* Parses YYYY-Www into the Monday and Sunday of that ISO week; -1 if bad. */
static int
parse_week(const char *s, int64_t *from, int64_t *to)
{
	int y, w, n = 0;

	if (sscanf(s, "%4d-W%2d%n", &y, &w, &n) != 2 || s[n] != '\0' ||
	    strlen(s) != 8 || y < 1 || w < 1 || w > pl_iso_weeks_in_year(y))
		return -1;
	*from = pl_iso_week_start(y, w);
	*to = *from + 6;
	return 0;
}

int
cmd_new(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "absent",	required_argument,	NULL, 'a' },
		{ "min-count",	required_argument,	NULL, 'c' },
		{ "min-docs",	required_argument,	NULL, 'm' },
		{ "ngram",	required_argument,	NULL, 'n' },
		{ "since",	required_argument,	NULL, 'S' },
		{ "source",	required_argument,	NULL, CLI_OPT_SOURCE },
		{ "stopwords",	no_argument,		NULL, 's' },
		{ "to",		required_argument,	NULL, CLI_OPT_TO },
		{ "top",	required_argument,	NULL, 't' },
		{ "week",	required_argument,	NULL, 'w' },
		{ "where",	required_argument,	NULL, CLI_OPT_WHERE },
		CLI_VOCAB_OPTIONS,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct cli_vocab cv = { .exclude = NULL };
	struct pl_new_opts o;
	struct pl_table t;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	const char *dbopt = NULL, *week = NULL;
	int64_t wfrom, wto;
	int ch, fmt = PL_FMT_TSV, rc = 1, since = 0;

	pl_new_opts_defaults(&o);
	o.ngram = 0;
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (cli_vocab_option(ch, optarg, &cv))
			continue;
		if (cli_filter_option(ch, optarg, &o.filter))
			continue;
		switch (ch) {
		case 'a':
			o.absent = cli_long("--absent", optarg, 1, INT32_MAX);
			break;
		case 'S':
			o.since = cli_date("--since", optarg, 0);
			since = 1;
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
		case 'm':
			o.min_docs = cli_long("--min-docs", optarg, 1,
			    INT32_MAX);
			break;
		case 'n':
			o.ngram = (int)cli_long("--ngram", optarg, 1,
			    PL_NGRAM_MAX);
			break;
		case 's':
			o.stopwords = 1;
			break;
		case 't':
			o.top = (size_t)cli_long("--top", optarg, 0, INT32_MAX);
			break;
		case 'w':
			week = optarg;
			if (parse_week(optarg, &wfrom, &wto) == -1) {
				cli_warnx("--week: expected an ISO week such "
				    "as 2022-W41, got '%s'", optarg);
				return 2;
			}
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	if (optind != argc)
		cli_usage(usage_str, 2);
	if (since == (week != NULL)) {
		cli_warnx(since ? "--since and --week: give one or the other" :
		    "no period: give --since DATE or --week YYYY-Www");
		cli_usage(usage_str, 2);
	}
	if (week != NULL) {
		if (o.filter.to != INT64_MAX) {
			cli_warnx("--week and --to: the week is the period");
			cli_usage(usage_str, 2);
		}
		o.since = wfrom;
		o.to = wto;
	} else
		o.to = o.filter.to;
	if (o.since > o.to) {
		cli_warnx("--since is after --to");
		return 2;
	}
	pl_table_init(&t);
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
	if ((err = pl_new_terms(c, &o, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	cli_vocab_release(&cv);
	pl_table_release(&t);
	pl_docfilter_release(&o.filter);
	pl_corpus_free(c);
	pl_db_close(db);
	return rc;
}
