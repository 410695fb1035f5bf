/*
 * term.c - the term-expression parser over arbitrary bytes, on a small
 * corpus: an expression parses or is a usage error, and a parsed term
 * can be counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/match.h"
#include "plenum/query.h"
#include "plenum/store.h"
#include "corpusdb.h"
#include "fuzz.h"

static struct pl_db *db;
static struct pl_corpus *corpus;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[128];

	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "%s/term.db", fuzz_tmpdir());
	fuzz_make_corpus(path);
	if (pl_db_open(path, PL_DB_READ, &db) != NULL ||
	    pl_corpus_open(db, &corpus) != NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct pl_error *err;
	struct pl_docfilter f;
	struct pl_term *t = NULL;
	int64_t *count = NULL;
	char *expr;

	if ((expr = malloc(size + 1)) == NULL)
		return 0;
	memcpy(expr, data, size);
	expr[size] = '\0';
	err = pl_term_parse(corpus, expr, &t);
	if (err != NULL) {
		if (err->code != PL_ERR_USAGE && err->code != PL_ERR_PARSE)
			abort();
		goto done;
	}
	pl_docfilter_init(&f);
	if (pl_term_counts(corpus, t, &f, &count) != NULL)
		abort();
	pl_docfilter_release(&f);
done:
	free(count);
	pl_term_free(t);
	free(expr);
	return 0;
}
