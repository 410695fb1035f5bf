/*
 * info.c - plenum info: what the corpus holds and how it was indexed.
 */
#include <getopt.h>
#include <stdio.h>

#include "plenum/store.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum info [--db FILE] [--format tsv|csv|json|jsonl]\n";

int
cmd_info(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_table t;
	struct pl_db *db = NULL;
	const char *dbopt = NULL;
	int ch, fmt = PL_FMT_TSV, rc = 1;

	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (ch) {
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
	if (optind != argc)
		cli_usage(usage_str, 2);
	pl_table_init(&t);
	if ((err = pl_db_open(cli_db_path(dbopt), PL_DB_READ, &db)) != NULL ||
	    (err = pl_db_info(db, &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	pl_table_release(&t);
	pl_db_close(db);
	return rc;
}
