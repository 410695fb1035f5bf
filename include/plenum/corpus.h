/*
 * corpus.h - reading documents from JSON Lines, CSV/TSV and text files.
 *
 * A reader yields one struct pl_doc at a time.  Every problem is reported
 * with the file, the line (or record) and the field, and what was expected:
 * "reports.jsonl:17: field 'date': expected YYYY-MM-DD, got \"2022-13-45\"".
 */
#ifndef PLENUM_CORPUS_H
#define PLENUM_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/date.h"
#include "plenum/error.h"

enum pl_infmt {
	PL_IN_AUTO = 0,		/* by extension (.jsonl .ndjson .json, .csv, .tsv
				   .tab, else text), then by content: '[' starts
				   a JSON array, '{' JSON Lines */
	PL_IN_JSONL,		/* one object per line */
	PL_IN_JSON,		/* a file holding one array of objects */
	PL_IN_CSV,
	PL_IN_TSV,
	PL_IN_TEXT		/* plain text or Markdown, optional front matter */
};

/* One document.  All strings are borrowed from the reader and valid until
 * the next pl_reader_next() or pl_reader_free(). */
struct pl_doc {
	const char		*id;
	const char		*date;		/* as written */
	int64_t			 day;		/* first day covered */
	enum pl_precision	 prec;
	const char		*source;	/* "" if none */
	const char		*title;		/* "" if none */
	const char		*lang;		/* NULL: detect */
	const char		*text;
	size_t			 textlen;
	const char		*meta;		/* JSON object of other fields, or NULL */
	const char		*file;		/* where it came from */
	size_t			 line;		/* line of the record (1-based), 0 for a whole file */
};

struct pl_reader_opts {
	enum pl_infmt	 format;
	const char	*id_col;	/* CSV/TSV column names; NULL = default */
	const char	*date_col;
	const char	*source_col;
	const char	*title_col;
	const char	*text_col;
	const char	*date;		/* --date for a single text file */
	const char	*source;	/* default source when a record has none */
};

void pl_reader_opts_defaults(struct pl_reader_opts *);

struct pl_reader;

/*
 * Opens path for reading ("-" is standard input; a directory is walked
 * recursively for .jsonl .ndjson .json .csv .tsv .tab .txt .md .markdown
 * files, in sorted order).  opts NULL: defaults.
 */
const struct pl_error *pl_reader_open(const char *path,
    const struct pl_reader_opts *, struct pl_reader **);

/*
 * Reads the next document.  Returns NULL and sets *doc (or sets *doc to
 * NULL at the end).  A bad record returns a PL_ERR_PARSE error whose
 * message names file, line and field; reading may go on after it with
 * another call.  An I/O error is PL_ERR_IO and ends reading.
 */
const struct pl_error *pl_reader_next(struct pl_reader *,
    const struct pl_doc **doc);

/* Bytes consumed so far, and the total if known (else 0). */
void pl_reader_progress(const struct pl_reader *, uint64_t *done,
    uint64_t *total);

void pl_reader_free(struct pl_reader *);

/*
 * Checks that len bytes are valid UTF-8; returns -1 if so, else the
 * offset of the first bad byte.
 */
long pl_utf8_check(const char *, size_t len);

#endif /* PLENUM_CORPUS_H */
