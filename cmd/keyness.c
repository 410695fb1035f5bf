/*
 * keyness.c - plenum keyness: the key terms of a period or source against
 * a reference.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/keyness.h"
#include "plenum/token.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum keyness [--db FILE] --target SLICE [--reference SLICE]\n"
	"                      [--measure M,...] [--top N] [--min-count N]\n"
	"                      [--smooth N] [--max-q Q] [--side target|reference|both]\n"
	"                      [--ngram N] [--stopwords] [--keep-numbers] [--exclude FILE]\n"
	"                      [--min-chars N] [--max-df F] [--allow-overlap]\n"
	"                      [--from DATE] [--to DATE] [--source S ...]\n"
	"                      [--where K=V ...] [--scan] [--format tsv|csv|json|jsonl]\n";

int
cmd_keyness(int argc, char **argv)
{
	enum { OPT_MAXQ = 1, OPT_NGRAM, OPT_OVERLAP, OPT_REF, OPT_SIDE,
	    OPT_SMOOTH, OPT_STOP, OPT_TARGET, OPT_SCAN };
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "allow-overlap", no_argument,		NULL, OPT_OVERLAP },
		{ "max-q",	required_argument,	NULL, OPT_MAXQ },
		{ "measure",	required_argument,	NULL, 'm' },
		{ "min-count",	required_argument,	NULL, 'c' },
		{ "ngram",	required_argument,	NULL, OPT_NGRAM },
		{ "reference",	required_argument,	NULL, OPT_REF },
		{ "scan",	no_argument,		NULL, OPT_SCAN },
		{ "side",	required_argument,	NULL, OPT_SIDE },
		{ "smooth",	required_argument,	NULL, OPT_SMOOTH },
		{ "stopwords",	no_argument,		NULL, OPT_STOP },
		{ "target",	required_argument,	NULL, OPT_TARGET },
		{ "top",	required_argument,	NULL, 't' },
		CLI_FILTER_OPTIONS,
		CLI_VOCAB_OPTIONS,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct cli_vocab cv = { .exclude = NULL };
	struct pl_keyness_opts o;
	struct pl_slice target, reference;
	struct pl_table t;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	const char *dbopt = NULL, *targ = NULL, *ref = "rest";
	int ch, fmt = PL_FMT_TSV, rc = 1;

	pl_keyness_opts_defaults(&o);
	memset(&target, 0, sizeof(target));
	memset(&reference, 0, sizeof(reference));
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (cli_vocab_option(ch, optarg, &cv))
			continue;
		if (cli_filter_option(ch, optarg, &o.filter))
			continue;
		switch (ch) {
		case OPT_MAXQ:
			o.max_q = cli_double("--max-q", optarg, 0, 1);
			break;
		case OPT_NGRAM:
			o.n = (int)cli_long("--ngram", optarg, 1, PL_NGRAM_MAX);
			break;
		case OPT_OVERLAP:
			o.allow_overlap = 1;
			break;
		case OPT_REF:
			ref = optarg;
			break;
		case OPT_SIDE:
			if (strcmp(optarg, "target") == 0)
				o.side = 1;
			else if (strcmp(optarg, "reference") == 0)
				o.side = 2;
			else if (strcmp(optarg, "both") == 0)
				o.side = 3;
			else {
				cli_warnx("--side: expected target, reference "
				    "or both, got '%s'", optarg);
				return 2;
			}
			break;
		case OPT_SMOOTH:
			o.smooth = cli_double("--smooth", optarg, 1e-9, 1e9);
			break;
		case OPT_SCAN:
			o.scan = 1;
			break;
		case OPT_STOP:
			o.stopwords = 1;
			break;
		case OPT_TARGET:
			targ = optarg;
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
			o.nmeasure = cli_list("--measure", optarg,
			    pl_kmeasure_parse,
			    "g2, chi2, log_ratio, pdiff, simple_maths or bic",
			    o.measure, PL_K_COUNT);
			break;
		case 't':
			o.top = (size_t)cli_long("--top", optarg, 0, INT32_MAX);
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	if (optind != argc) {
		cli_warnx("no arguments besides options: the slices are "
		    "--target and --reference");
		cli_usage(usage_str, 2);
	}
	if (targ == NULL) {
		cli_warnx("no target: name one with --target SLICE (a date, "
		    "week, range or source)");
		cli_usage(usage_str, 2);
	}
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
	if ((err = pl_slice_parse(c, targ, 0, &target)) != NULL) {
		cli_warnx("--target: %s", err->msg);
		rc = 2;
		goto done;
	}
	if ((err = pl_slice_parse(c, ref, 1, &reference)) != NULL) {
		cli_warnx("--reference: %s", err->msg);
		rc = 2;
		goto done;
	}
	if ((err = pl_keyness(c, &target, &reference, &o, &t)) != NULL) {
		cli_error(err);
		rc = err->code == PL_ERR_USAGE ? 2 : 1;
		goto done;
	}
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	cli_vocab_release(&cv);
	pl_slice_release(&target);
	pl_slice_release(&reference);
	pl_table_release(&t);
	pl_docfilter_release(&o.filter);
	pl_corpus_free(c);
	pl_db_close(db);
	return rc;
}
