/*
 * export.c - plenum export: the corpus as TSV files partitioned by month,
 * with a schema, for ClickHouse, DuckDB, Spark SQL or BigQuery.
 */
#include <getopt.h>
#include <stdio.h>

#include "plenum/export.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum export [--db FILE] [--ngrams] [-q] DIR\n";

enum { OPT_NGRAMS = 256 };

int
cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db",		required_argument,	NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "ngrams",	no_argument,		NULL, OPT_NGRAMS },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_export_opts o;
	struct pl_export_stats st;
	struct pl_db *db = NULL;
	const char *dbopt = NULL;
	int ch, quiet = 0, rc = 1;

	pl_export_opts_defaults(&o);
	while ((ch = getopt_long(argc, argv, "hq", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'h':
			cli_usage(usage_str, 0);
		case 'q':
			quiet = 1;
			break;
		case OPT_NGRAMS:
			o.ngrams = 0;
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	if (optind + 1 != argc)
		cli_usage(usage_str, 2);
	if ((err = pl_db_open(cli_db_path(dbopt), PL_DB_READ, &db)) != NULL ||
	    (err = pl_export(db, argv[optind], &o, &st)) != NULL) {
		cli_error(err);
		goto done;
	}
	if (!quiet)
		cli_warnx("%s: %llu documents, %llu terms, %llu counts in %llu "
		    "months", argv[optind], (unsigned long long)st.documents,
		    (unsigned long long)st.terms, (unsigned long long)st.counts,
		    (unsigned long long)st.months);
	rc = 0;
done:
	pl_db_close(db);
	return rc;
}
