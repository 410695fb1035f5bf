/*
 * bursts.c - plenum bursts: Kleinberg's burst detection for terms, or
 * for the whole vocabulary ranked by weight.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/burst.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum bursts [--db FILE] [--by day|week|month|quarter|year]\n"
	"                     [--s S] [--gamma G] [--states N] [--min-count N]\n"
	"                     [--stopwords] [--keep-numbers] [--exclude FILE]\n"
	"                     [--min-chars N] [--max-df F] [--top N] [--from DATE] [--to DATE]\n"
	"                     [--source S ...] [--where K=V ...] [--words]\n"
	"                     [--format tsv|csv|json|jsonl] --all | TERM ...\n";

int
cmd_bursts(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "all",	no_argument,		NULL, 'a' },
		{ "by",		required_argument,	NULL, 'b' },
		{ "gamma",	required_argument,	NULL, 'g' },
		{ "min-count",	required_argument,	NULL, 'c' },
		{ "s",		required_argument,	NULL, 'S' },
		{ "states",	required_argument,	NULL, 'k' },
		{ "stopwords",	no_argument,		NULL, 'w' },
		{ "top",	required_argument,	NULL, 't' },
		CLI_FILTER_OPTIONS,
		CLI_VOCAB_OPTIONS,
		CLI_WORDS_OPTION,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct cli_vocab cv = { .exclude = NULL };
	struct pl_bursts_opts o;
	struct pl_table t;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	struct pl_term **terms = NULL;
	const char *dbopt = NULL;
	int ch, fmt = PL_FMT_TSV, rc = 1, nterms = 0, all = 0, top = -1;

	pl_bursts_opts_defaults(&o);
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (cli_vocab_option(ch, optarg, &cv))
			continue;
		if (cli_filter_option(ch, optarg, &o.filter))
			continue;
		switch (ch) {
		case 'S':
			o.s = cli_double("--s", optarg, 1.000001, 1000);
			break;
		case 'a':
			all = 1;
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
		case 'g':
			o.gamma = cli_double("--gamma", optarg, 0, 1000);
			break;
		case 'h':
			cli_usage(usage_str, 0);
		case 'k':
			o.states = (int)cli_long("--states", optarg, 2, 20);
			break;
		case 't':
			top = (int)cli_long("--top", optarg, 0, INT32_MAX);
			break;
		case 'w':
			o.stopwords = 1;
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if (all == (argc > 0)) {
		cli_warnx(all ? "--all and TERM arguments: give one or the "
		    "other" : "no term: name terms or give --all");
		cli_usage(usage_str, 2);
	}
	if (o.filter.from > o.filter.to) {
		cli_warnx("--from is after --to");
		return 2;
	}
	o.top = top >= 0 ? (size_t)top : all ? 50 : 0;
	pl_table_init(&t);
	if (cli_open_corpus(dbopt, &db, &c, &o.filter) == -1)
		goto done;
	if (cli_vocab_open(&cv, c) == -1)
		goto done;
	o.vocab = &cv.v;
	if (argc > 0) {
		if ((rc = cli_terms(c, argc, argv, &terms)) != 0)
			goto done;
		nterms = argc;
		rc = 1;
	}
	if ((err = pl_bursts(c, terms, (size_t)nterms, &o, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	cli_vocab_release(&cv);
	cli_terms_free(terms, nterms);
	pl_table_release(&t);
	pl_docfilter_release(&o.filter);
	pl_corpus_free(c);
	pl_db_close(db);
	return rc;
}
