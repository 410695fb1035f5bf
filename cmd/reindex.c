/*
 * reindex.c - plenum reindex: rebuild a corpus's index from its stored
 * texts with this plenum's tokenizer (docs/SCHEMA.md, docs/QUERIES.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "plenum/store.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum reindex [--db FILE] [-q]\n";

struct bar {
	int	 tty;
	int	 last;
};

static void
progress(void *arg, size_t done, size_t total)
{
	struct bar *b = arg;
	int pct = total ? (int)(done * 100 / total) : 100, k;

	if (!b->tty || (pct == b->last && done != total))
		return;
	b->last = pct;
	fputs("\rreindex [", stderr);
	for (k = 0; k < 40; k++)
		fputc(k < pct * 40 / 100 ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%% %zu/%zu", pct, done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

int
cmd_reindex(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db",		required_argument,	NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_db *db = NULL;
	const char *dbopt = NULL;
	struct bar b = { 0, -1 };
	int ch, rc = 1, quiet = 0;

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
		default:
			cli_usage(usage_str, 2);
		}
	}
	if (optind != argc)
		cli_usage(usage_str, 2);
	b.tty = !quiet && isatty(STDERR_FILENO);
	if ((err = pl_db_open(cli_db_path(dbopt), PL_DB_WRITE, &db)) != NULL ||
	    (err = pl_db_reindex(db, progress, &b)) != NULL) {
		if (b.tty && b.last >= 0)
			fputc('\n', stderr);
		cli_error(err);
		goto done;
	}
	rc = 0;
done:
	if ((err = pl_db_close(db)) != NULL && rc == 0) {
		cli_error(err);
		rc = 1;
	}
	return rc;
}
