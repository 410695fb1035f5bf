/*
 * reader.c - a corpus reader over arbitrary bytes.  Built once per format
 * (FUZZ_FORMAT "jsonl", "json", "csv", "tsv", "text").  Every document it
 * yields must be whole: text of textlen bytes with no NUL inside, valid
 * UTF-8, a date that parses back to its day, a non-empty id.  Reading
 * ends (no endless bad records).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/corpus.h"
#include "plenum/date.h"
#include "fuzz.h"

#ifndef FUZZ_FORMAT
#define FUZZ_FORMAT "jsonl"
#endif

static enum pl_infmt
format(void)
{
	static const struct {
		const char	*name;
		enum pl_infmt	 fmt;
	} fmts[] = {
		{ "jsonl", PL_IN_JSONL }, { "json", PL_IN_JSON },
		{ "csv", PL_IN_CSV }, { "tsv", PL_IN_TSV },
		{ "text", PL_IN_TEXT }
	};
	size_t i;

	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
		if (strcmp(fmts[i].name, FUZZ_FORMAT) == 0)
			return fmts[i].fmt;
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void
check_doc(const struct pl_doc *d)
{
	int64_t day;
	enum pl_precision prec;

	if (d->id == NULL || d->id[0] == '\0' || d->text == NULL)
		abort();
	if (strlen(d->text) != d->textlen)
		abort();	/* a NUL cut the text short */
	if (pl_utf8_check(d->text, d->textlen) != -1 ||
	    pl_utf8_check(d->id, strlen(d->id)) != -1)
		abort();
	if (pl_date_parse(d->date, strlen(d->date), &day, &prec) == -1 ||
	    day != d->day || prec != d->prec)
		abort();
	if (d->meta != NULL && pl_utf8_check(d->meta, strlen(d->meta)) != -1)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct pl_error *err;
	const struct pl_doc *doc;
	struct pl_reader_opts o;
	struct pl_reader *rd;
	size_t calls = 0;

	pl_reader_opts_defaults(&o);
	o.format = format();
	o.date = "2024-02-29";
	if (pl_reader_open(fuzz_file(data, size), &o, &rd) != NULL)
		return 0;
	for (;;) {
		if (++calls > size + 2)
			abort();	/* no progress */
		err = pl_reader_next(rd, &doc);
		if (err != NULL) {
			if (err->code != PL_ERR_PARSE && err->code != PL_ERR_DATA)
				break;
			continue;
		}
		if (doc == NULL)
			break;
		check_doc(doc);
	}
	pl_reader_free(rd);
	return 0;
}
