/*
 * optimize.c - plenum optimize: merge the index's segments into one.
 */
#include <getopt.h>
#include <stdio.h>

#include "plenum/store.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum optimize [--db FILE] [--wait SECONDS] "
	"[--format tsv|csv|json|jsonl]\n";

enum { OPT_WAIT = 256 };

int
cmd_optimize(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "wait",	required_argument,	NULL, OPT_WAIT },
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_table t;
	struct pl_db *db = NULL;
	const char *dbopt = NULL;
	int64_t terms, rows;
	int ch, fmt = PL_FMT_TSV, rc = 1, wait_s = -1;

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
		case OPT_WAIT:
			wait_s = (int)cli_long("--wait", optarg, 0, 86400 * 7);
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	if (optind != argc)
		cli_usage(usage_str, 2);
	pl_table_init(&t);
	pl_db_set_wait(wait_s, NULL, NULL);
	if ((err = pl_db_open(cli_db_path(dbopt), PL_DB_WRITE, &db)) != NULL ||
	    (err = pl_db_optimize(db, &terms, &rows)) != NULL ||
	    (err = pl_table_add_col(&t, "terms", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "segments", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_row(&t)) != NULL) {
		cli_error(err);
		goto done;
	}
	pl_table_set_int(&t, 0, 0, terms);
	pl_table_set_int(&t, 0, 1, rows);
	rc = cli_finish(cli_write_table(&t, fmt));
done:
	pl_table_release(&t);
	pl_db_close(db);
	return rc;
}
