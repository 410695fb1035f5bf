/*
 * cooc.c - plenum cooc: collocates of a term, the association matrix of a
 * set of terms, and the corpus's bigrams, with association measures.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/cooc.h"
#include "plenum/freq.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum cooc [--db FILE] [--span window:N|sentence|doc] [--left N]\n"
	"                   [--right N] [--within-sentence] [--measure M,...]\n"
	"                   [--top N] [--min-count N] [--min-freq N] [--all]\n"
	"                   [--stopwords] [--keep-numbers] [--exclude FILE]\n"
	"                   [--min-chars N] [--max-df F] [--matrix] [--top-terms N] [--bigrams]\n"
	"                   [--from DATE] [--to DATE] [--source S ...]\n"
	"                   [--where K=V ...] [--words] [--scan] [--format tsv|csv|json|jsonl]\n"
	"                   [TERM ...]\n";

/* Parses --measure M,M,...; exits 2 when a name is unknown. */
static void
parse_span(const char *arg, struct pl_cooc_opts *o)
{
	if (strcmp(arg, "sentence") == 0)
		o->span = PL_SPAN_SENTENCE;
	else if (strcmp(arg, "doc") == 0)
		o->span = PL_SPAN_DOC;
	else if (strncmp(arg, "window:", 7) == 0) {
		o->span = PL_SPAN_WINDOW;
		o->left = o->right = (int)cli_long("--span window", arg + 7,
		    1, 1000);
	} else if (strcmp(arg, "window") == 0)
		o->span = PL_SPAN_WINDOW;
	else {
		cli_warnx("--span: expected window:N, sentence or doc, got "
		    "'%s'", arg);
		exit(2);
	}
}

/* The top N words in range by count, as term expressions. */
static int
top_terms(struct pl_corpus *c, const struct pl_cooc_opts *co, size_t n,
    struct pl_term ***terms, int *nterms)
{
	const struct pl_error *err;
	struct pl_freq_opts fo;
	struct pl_table t;
	char **words = NULL;
	size_t i;
	int rc = 1;

	pl_freq_opts_defaults(&fo);
	fo.vocab = co->vocab;
	fo.top = n;
	fo.filter = co->filter;
	pl_table_init(&t);
	if ((err = pl_freq(c, &fo, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	if ((words = calloc(t.nrows + 1, sizeof(*words))) == NULL) {
		cli_warnx("out of memory");
		goto done;
	}
	for (i = 0; i < t.nrows; i++)
		words[i] = pl_table_cell(&t, i, 0)->v.s;
	*nterms = (int)t.nrows;
	rc = cli_terms(c, (int)t.nrows, words, terms);
done:
	free(words);
	pl_table_release(&t);
	return rc;
}

int
cmd_cooc(int argc, char **argv)
{
	enum { OPT_ALL = 1, OPT_BIGRAMS, OPT_LEFT, OPT_MATRIX, OPT_MINFREQ,
	    OPT_RIGHT, OPT_SCAN, OPT_SPAN, OPT_STOP, OPT_TOPTERMS, OPT_WITHIN };
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "all",	no_argument,		NULL, OPT_ALL },
		{ "bigrams",	no_argument,		NULL, OPT_BIGRAMS },
		{ "left",	required_argument,	NULL, OPT_LEFT },
		{ "matrix",	no_argument,		NULL, OPT_MATRIX },
		{ "measure",	required_argument,	NULL, 'm' },
		{ "min-count",	required_argument,	NULL, 'c' },
		{ "min-freq",	required_argument,	NULL, OPT_MINFREQ },
		{ "right",	required_argument,	NULL, OPT_RIGHT },
		{ "scan",	no_argument,		NULL, OPT_SCAN },
		{ "span",	required_argument,	NULL, OPT_SPAN },
		{ "stopwords",	no_argument,		NULL, OPT_STOP },
		{ "top",	required_argument,	NULL, 't' },
		{ "top-terms",	required_argument,	NULL, OPT_TOPTERMS },
		{ "within-sentence", no_argument,	NULL, OPT_WITHIN },
		CLI_FILTER_OPTIONS,
		CLI_VOCAB_OPTIONS,
		CLI_WORDS_OPTION,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct cli_vocab cv = { .exclude = NULL };
	struct pl_cooc_opts o;
	struct pl_table t;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	struct pl_term **terms = NULL;
	const char *dbopt = NULL;
	int ch, fmt = PL_FMT_TSV, rc = 1, matrix = 0, bigrams = 0, nterms = 0;
	int span_given = 0, top_given = 0;
	long left = -1, right = -1, topterms = 0;
	int64_t nodef = 0;

	pl_cooc_opts_defaults(&o);
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (cli_vocab_option(ch, optarg, &cv))
			continue;
		if (cli_filter_option(ch, optarg, &o.filter))
			continue;
		switch (ch) {
		case OPT_ALL:
			o.all = 1;
			break;
		case OPT_BIGRAMS:
			bigrams = 1;
			break;
		case OPT_LEFT:
			left = cli_long("--left", optarg, 0, 1000);
			break;
		case OPT_MATRIX:
			matrix = 1;
			break;
		case OPT_MINFREQ:
			o.min_freq = cli_long("--min-freq", optarg, 1,
			    INT32_MAX);
			break;
		case OPT_RIGHT:
			right = cli_long("--right", optarg, 0, 1000);
			break;
		case OPT_SPAN:
			parse_span(optarg, &o);
			span_given = 1;
			break;
		case OPT_SCAN:
			o.scan = 1;
			break;
		case OPT_STOP:
			o.stopwords = 1;
			break;
		case OPT_TOPTERMS:
			topterms = cli_long("--top-terms", optarg, 2, 1000);
			break;
		case OPT_WITHIN:
			o.within_sentence = 1;
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
			    pl_measure_parse,
			    "o11, pmi, npmi, mi3, g2, t, z, dice, logdice or chi2",
			    o.measure, PL_M_COUNT);
			break;
		case 't':
			o.top = (size_t)cli_long("--top", optarg, 0, INT32_MAX);
			top_given = 1;
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if ((left >= 0 || right >= 0 || o.within_sentence) &&
	    o.span != PL_SPAN_WINDOW) {
		cli_warnx("--left, --right and --within-sentence need a window "
		    "span, not --span %s", o.span == PL_SPAN_DOC ? "doc" :
		    "sentence");
		return 2;
	}
	if (left >= 0)
		o.left = (int)left;
	if (right >= 0)
		o.right = (int)right;
	if (o.span == PL_SPAN_WINDOW && o.left + o.right == 0) {
		cli_warnx("--left and --right: the window is empty (both 0)");
		return 2;
	}
	if (matrix + bigrams > 1) {
		cli_warnx("--matrix and --bigrams: choose one");
		return 2;
	}
	if (topterms && !matrix) {
		cli_warnx("--top-terms: only with --matrix");
		return 2;
	}
	if (matrix) {
		if (!span_given)
			o.span = PL_SPAN_DOC;
		if (!top_given)
			o.top = 0;	/* a heatmap needs every cell */
		if (o.span == PL_SPAN_WINDOW) {
			cli_warnx("--matrix: the span is sentence or doc, not "
			    "a window");
			return 2;
		}
		if (topterms ? argc != 0 : argc < 2) {
			cli_warnx(topterms ? "--top-terms: no TERM arguments "
			    "with it" : "--matrix: name at least two terms "
			    "(or use --top-terms N)");
			cli_usage(usage_str, 2);
		}
	} else if (bigrams) {
		if (argc != 0 || span_given || left >= 0 || right >= 0) {
			cli_warnx("--bigrams: adjacent words, so no TERM and no "
			    "span");
			cli_usage(usage_str, 2);
		}
	} else if (argc != 1) {
		cli_warnx(argc == 0 ? "no term: name one term" :
		    "one term only (use a|b to combine terms, or --matrix)");
		cli_usage(usage_str, 2);
	}
	pl_table_init(&t);
	if (cli_open_corpus(dbopt, &db, &c, &o.filter) == -1)
		goto done;
	if (cli_vocab_open(&cv, c) == -1)
		goto done;
	o.vocab = &cv.v;
	if (matrix) {
		if (topterms)
			rc = top_terms(c, &o, (size_t)topterms, &terms, &nterms);
		else {
			nterms = argc;
			rc = cli_terms(c, argc, argv, &terms);
		}
		if (rc != 0)
			goto done;
		rc = 1;
		err = pl_cooc_matrix(c, terms, (size_t)nterms, &o, &t);
	} else if (bigrams)
		err = pl_cooc_bigrams(c, &o, &t);
	else {
		nterms = 1;
		if ((rc = cli_terms(c, 1, argv, &terms)) != 0)
			goto done;
		rc = 1;
		err = pl_cooc(c, terms[0], &o, &t, &nodef);
		if (err == NULL && nodef == 0)
			cli_warnx("'%s': no occurrences", argv[0]);
		else if (err == NULL && t.nrows == 0)
			cli_warnx("'%s': %lld occurrences, but no collocate "
			    "passes the filters", argv[0], (long long)nodef);
	}
	if (err != NULL) {
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
