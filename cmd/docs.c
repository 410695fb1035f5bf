/*
 * docs.c - plenum docs: list documents.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "plenum/store.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum docs [--db FILE] [--from DATE] [--to DATE] "
	"[--source S ...] [--limit N]\n"
	"                   [--format tsv|csv|json|jsonl]\n";

int
cmd_docs(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "from",	required_argument,	NULL, 'F' },
		{ "limit",	required_argument,	NULL, 'n' },
		{ "source",	required_argument,	NULL, 's' },
		{ "to",		required_argument,	NULL, 'T' },
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_docfilter f;
	struct pl_table t;
	struct pl_db *db = NULL;
	const char *dbopt = NULL, **sources = NULL;
	size_t ns = 0;
	int ch, fmt = PL_FMT_TSV, rc = 1;

	pl_docfilter_init(&f);
	pl_table_init(&t);
	if ((sources = calloc((size_t)argc + 1, sizeof(*sources))) == NULL) {
		cli_warnx("out of memory");
		return 1;
	}
	while ((ch = getopt_long(argc, argv, "f:hn:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			fmt = cli_format(optarg);
			break;
		case 'F':
			f.from = cli_date("--from", optarg, 0);
			break;
		case 'h':
			free(sources);
			cli_usage(usage_str, 0);
		case 'n':
			f.limit = (size_t)cli_long("--limit", optarg, 1,
			    1L << 40);
			break;
		case 's':
			sources[ns++] = optarg;
			break;
		case 'T':
			f.to = cli_date("--to", optarg, 1);
			break;
		default:
			free(sources);
			cli_usage(usage_str, 2);
		}
	}
	if (optind != argc) {
		free(sources);
		cli_usage(usage_str, 2);
	}
	if (ns > 0)
		f.sources = sources;
	if ((err = pl_db_open(cli_db_path(dbopt), PL_DB_READ, &db)) != NULL ||
	    (err = pl_db_docs(db, &f, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	pl_table_release(&t);
	pl_db_close(db);
	free(sources);
	return rc;
}
