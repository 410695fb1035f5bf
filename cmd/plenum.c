/*
 * plenum.c - the dispatcher: "plenum NAME ..." runs cmd_NAME, like git.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "commands.h"

#ifndef PL_VERSION
#define PL_VERSION "0.1.0"
#endif

static const struct command {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*summary;
} commands[] = {
	{ "bursts",	cmd_bursts,	"Kleinberg bursts of terms, or of the whole vocabulary by weight" },
	{ "changes",	cmd_changes,	"change points in a term's rate (PELT), with its segments" },
	{ "cooc",	cmd_cooc,	"collocates of a term, term-by-term association, bigrams" },
	{ "diff",	cmd_diff,	"what changed since the previous document: redline, summary, series" },
	{ "docs",	cmd_docs,	"list documents with date, source, title and tokens" },
	{ "export",	cmd_export,	"the corpus as TSV files by month for ClickHouse, DuckDB, Spark" },
	{ "freq",	cmd_freq,	"word and phrase frequency lists with dispersion, per group" },
	{ "info",	cmd_info,	"summarise the corpus: documents, tokens, sources, years, settings" },
	{ "ingest",	cmd_ingest,	"add documents (JSON Lines, CSV, TSV, text) to the corpus" },
	{ "keyness",	cmd_keyness,	"key terms of a period or source against a reference" },
	{ "kwic",	cmd_kwic,	"a term in its contexts, as written (keyword in context)" },
	{ "new",	cmd_new,	"terms and phrases first used in a period" },
	{ "optimize",	cmd_optimize,	"merge the index's segments (after many weekly ingests)" },
	{ "plot",	cmd_plot,	"draw a table as a chart: PNG, SVG or PDF" },
	{ "query",	cmd_query,	"count terms per document, source or period" },
	{ "reindex",	cmd_reindex,	"rebuild the index from the stored texts (after a tokenizer change)" },
	{ "report",	cmd_report,	"the weekly review: one HTML page with charts, tables and evidence" },
	{ "series",	cmd_series,	"a term's frequency over days, weeks, months, quarters or years" },
	{ "tokenize",	cmd_tokenize,	"show how text is split into sentences and tokens" },
	{ "trends",	cmd_trends,	"which terms rise or fall: trend tests with q-values" },
};

static const char usage_str[] =
	"usage: plenum [--version] [-h | --help] COMMAND [ARGS]\n";

static void
list_commands(FILE *fp)
{
	size_t i;

	fputs(usage_str, fp);
	fputs("\ncommands:\n", fp);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "   %-10s %s\n", commands[i].name,
		    commands[i].summary);
	fputs("\n'plenum COMMAND -h' shows a command's options; "
	    "'man plenum-COMMAND' its manual.\n", fp);
}

static const struct command *
find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int
main(int argc, char **argv)
{
	const struct command *c;
	static char prog[64];
	char *hargv[3];

	signal(SIGPIPE, SIG_IGN);
	gsl_set_error_handler_off();
	if (argc < 2) {
		list_commands(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("plenum %s\n", PL_VERSION);
		return cli_finish(0);
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		list_commands(stdout);
		return cli_finish(0);
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3) {
			list_commands(stdout);
			return cli_finish(0);
		}
		if ((c = find(argv[2])) == NULL) {
			fprintf(stderr, "plenum: '%s' is not a plenum command; "
			    "see 'plenum help'\n", argv[2]);
			return 2;
		}
		snprintf(prog, sizeof(prog), "plenum %s", c->name);
		cli_prog = prog;
		hargv[0] = prog;
		hargv[1] = (char *)"-h";
		hargv[2] = NULL;
		return c->fn(2, hargv);
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "plenum: unknown option '%s'\n", argv[1]);
		fputs(usage_str, stderr);
		return 2;
	}
	if ((c = find(argv[1])) == NULL) {
		fprintf(stderr, "plenum: '%s' is not a plenum command; see "
		    "'plenum help'\n", argv[1]);
		return 2;
	}
	snprintf(prog, sizeof(prog), "plenum %s", c->name);
	cli_prog = prog;
	/* getopt_long names argv[0] in its messages: make it "plenum NAME". */
	argv[1] = prog;
	return c->fn(argc - 1, argv + 1);
}
