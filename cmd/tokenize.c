/*
 * tokenize.c - plenum tokenize: show what ingest would index.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/store.h"
#include "plenum/token.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum tokenize [--db FILE | --lang en|zh] "
	"[--format text|tsv|csv|json|jsonl]\n";

static int
write_text(const char *text, const struct pl_tokens *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (i > 0)
			fputs(t->v[i].sent != t->v[i - 1].sent ? "\n" : "  ",
			    stdout);
		fputs(PL_TOKEN_STR(t, i), stdout);
	}
	if (t->n > 0)
		putchar('\n');
	(void)text;
	return 0;
}

static int
write_tab(struct pl_tokenizer *tk, const char *text, const struct pl_tokens *t,
    int fmt)
{
	const struct pl_error *err = NULL;
	struct pl_table tab;
	size_t i;
	int rc = 1;

	pl_table_init(&tab);
	if ((err = pl_table_add_col(&tab, "sentence", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&tab, "token", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&tab, "text", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&tab, "start", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&tab, "end", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&tab, "stopword", PL_COL_INT)) != NULL)
		goto done;
	for (i = 0; i < t->n; i++) {
		const struct pl_token *k = &t->v[i];
		if ((err = pl_table_add_row(&tab)) != NULL)
			goto done;
		pl_table_set_int(&tab, i, 0, k->sent + 1);
		if ((err = pl_table_set_str(&tab, i, 1, PL_TOKEN_STR(t, i))) ||
		    (err = pl_table_set_strn(&tab, i, 2, text + k->off, k->len)))
			goto done;
		pl_table_set_int(&tab, i, 3, k->off);
		pl_table_set_int(&tab, i, 4, (int64_t)k->off + k->len);
		pl_table_set_int(&tab, i, 5, pl_tokenizer_is_stop(tk,
		    PL_TOKEN_STR(t, i), k->nlen));
	}
	rc = cli_write_table(&tab, fmt);
done:
	if (err)
		cli_error(err);
	pl_table_release(&tab);
	return rc;
}

int
cmd_tokenize(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "lang",	required_argument,	NULL, 'l' },
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_tokcfg cfg;
	struct pl_tokenizer *tk = NULL, *own = NULL;
	struct pl_tokens toks;
	struct pl_db *db = NULL;
	const char *dbopt = NULL, *lang = NULL;
	char *text = NULL;
	size_t len;
	int ch, fmt = -1, rc = 1;

	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = -1;
			else if ((fmt = pl_format_parse(optarg)) == -1) {
				cli_warnx("--format: expected text, tsv, csv, "
				    "json or jsonl, got '%s'", optarg);
				return 2;
			}
			break;
		case 'h':
			cli_usage(usage_str, 0);
		case 'l':
			if (strcmp(optarg, "en") != 0 &&
			    strcmp(optarg, "zh") != 0) {
				cli_warnx("--lang: expected en or zh, got '%s'",
				    optarg);
				return 2;
			}
			lang = optarg;
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	if (optind != argc)
		cli_usage(usage_str, 2);
	if (dbopt != NULL && lang != NULL) {
		cli_warnx("--db and --lang cannot be used together: a corpus "
		    "has its own settings");
		return 2;
	}
	pl_tokens_init(&toks);
	/* Like the other commands, $PLENUM_DB names the corpus. */
	if (dbopt == NULL && lang == NULL && getenv("PLENUM_DB") != NULL &&
	    *getenv("PLENUM_DB") != '\0')
		dbopt = getenv("PLENUM_DB");
	if (dbopt != NULL) {
		if ((err = pl_db_open(dbopt, PL_DB_READ, &db)) != NULL ||
		    (err = pl_db_tokenizer(db, &tk)) != NULL) {
			cli_error(err);
			goto done;
		}
	} else {
		pl_tokcfg_defaults(&cfg);
		if (lang != NULL)
			snprintf(cfg.stoplangs, sizeof(cfg.stoplangs), "%s",
			    lang);
		if ((err = pl_tokenizer_new(&cfg, &own)) != NULL) {
			cli_error(err);
			goto done;
		}
		tk = own;
	}
	if ((text = cli_read_file("-", &len)) == NULL)
		goto done;
	if ((err = pl_tokenize(tk, text, len, &toks)) != NULL) {
		cli_warnx("<stdin>: %s", err->msg);
		goto done;
	}
	if (fmt == -1)
		rc = write_text(text, &toks);
	else
		rc = write_tab(tk, text, &toks, fmt);
	rc = cli_finish(rc);
done:
	pl_tokens_release(&toks);
	pl_tokenizer_free(own);
	pl_db_close(db);
	free(text);
	return rc;
}
