/*
 * kwic.c - plenum kwic: a term in its contexts, as written.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

#include "plenum/kwic.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum kwic [--db FILE] [--width N] [--limit N] [--sort left|right|date]\n"
	"                   [--sample N] [--seed S] [--from DATE] [--to DATE]\n"
	"                   [--source S ...] [--where K=V ...] [--words]\n"
	"                   [--format tsv|csv|json|jsonl] TERM\n";

/* Display width of UTF-8 text in terminal columns. */
static size_t
cols(const char *s)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t w = 0;
	int cw;

	while (*s) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
		if (n <= 0)
			break;
		cw = utf8proc_charwidth(c);
		w += cw > 0 ? (size_t)cw : 0;
		s += n;
	}
	return w;
}

/* Prints the last (left) or first (right) max columns of s. */
static void
put_cut(const char *s, size_t max, int fromright)
{
	size_t w = cols(s);
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	int cw;

	if (!fromright) {
		while (*s && w > max) {
			n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1,
			    &c);
			if (n <= 0)
				break;
			cw = utf8proc_charwidth(c);
			w -= cw > 0 ? (size_t)cw : 0;
			s += n;
		}
		printf("%*s%s", (int)(max - w), "", s);
		return;
	}
	w = 0;
	while (*s) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
		if (n <= 0)
			break;
		cw = utf8proc_charwidth(c);
		if (w + (size_t)(cw > 0 ? cw : 0) > max)
			break;
		w += cw > 0 ? (size_t)cw : 0;
		fwrite(s, 1, (size_t)n, stdout);
		s += n;
	}
}

/* On a terminal: the matches aligned in a column, in colour. */
static void
show(const struct pl_table *t)
{
	size_t i, side = 50;
	const char *cw = getenv("COLUMNS");

	if (cw != NULL && atoi(cw) > 60)
		side = (size_t)(atoi(cw) - 40) / 2;
	for (i = 0; i < t->nrows; i++) {
		const char *match = pl_table_cell(t, i, 4)->v.s;
		printf("%-10s ", pl_table_cell(t, i, 1)->v.s);
		put_cut(pl_table_cell(t, i, 3)->v.s, side, 0);
		printf(" \033[1;31m%s\033[0m ", match);
		put_cut(pl_table_cell(t, i, 5)->v.s, side, 1);
		putchar('\n');
	}
}

int
cmd_kwic(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "limit",	required_argument,	NULL, 'n' },
		{ "sample",	required_argument,	NULL, 'S' },
		{ "seed",	required_argument,	NULL, 'r' },
		{ "sort",	required_argument,	NULL, 's' },
		{ "width",	required_argument,	NULL, 'w' },
		CLI_FILTER_OPTIONS,
		CLI_WORDS_OPTION,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_kwic_opts o;
	struct pl_table t;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	struct pl_term *term = NULL;
	const char *dbopt = NULL;
	int ch, fmt = -1, rc = 1;

	pl_kwic_opts_defaults(&o);
	while ((ch = getopt_long(argc, argv, "f:hn:", longopts, NULL)) != -1) {
		if (cli_filter_option(ch, optarg, &o.filter))
			continue;
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			fmt = cli_format(optarg);
			break;
		case 'h':
			cli_usage(usage_str, 0);
		case 'n':
			o.limit = (size_t)cli_long("--limit", optarg, 0,
			    INT32_MAX);
			break;
		case 'r':
			o.seed = (unsigned long)cli_long("--seed", optarg, 0,
			    INT32_MAX);
			break;
		case 'S':
			o.sample = (size_t)cli_long("--sample", optarg, 1,
			    INT32_MAX);
			break;
		case 's':
			if (strcmp(optarg, "date") == 0)
				o.sort = PL_KWIC_SORT_DATE;
			else if (strcmp(optarg, "left") == 0)
				o.sort = PL_KWIC_SORT_LEFT;
			else if (strcmp(optarg, "right") == 0)
				o.sort = PL_KWIC_SORT_RIGHT;
			else {
				cli_warnx("--sort: expected left, right or "
				    "date, got '%s'", optarg);
				return 2;
			}
			break;
		case 'w':
			o.width = (int)cli_long("--width", optarg, 0, 1000);
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1) {
		cli_warnx(argc == 0 ? "no term: name one term" :
		    "one term only (use a|b to combine terms)");
		cli_usage(usage_str, 2);
	}
	pl_table_init(&t);
	if (cli_open_corpus(dbopt, &db, &c, &o.filter) == -1)
		goto done;
	if ((err = pl_term_parse(c, argv[0], &term)) != NULL) {
		cli_error(err);
		rc = err->code == PL_ERR_USAGE ? 2 : 1;
		goto done;
	}
	if ((err = pl_kwic(c, term, &o, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	if (t.nrows == 0)
		cli_warnx("'%s': no occurrences", argv[0]);
	if (fmt == -1 && isatty(STDOUT_FILENO)) {
		show(&t);
		rc = cli_finish(0);
	} else
		rc = cli_finish(cli_write_table(&t, fmt == -1 ? PL_FMT_TSV :
		    fmt));
done:
	pl_term_free(term);
	pl_table_release(&t);
	pl_docfilter_release(&o.filter);
	pl_corpus_free(c);
	pl_db_close(db);
	return rc;
}
