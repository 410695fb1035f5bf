/*
 * records.h - the one CSV/TSV record scanner, private to lib/: ingest
 * (corpus.c) and the table reader (tableread.c) both read with it, so
 * they agree on every byte (docs/RELIABILITY.md, "One of each").
 *
 * The rules:
 *  - a record ends at LF, CRLF or a lone CR, or at the end of the data;
 *  - CSV (RFC 4180): a field that starts with '"' is quoted: it may hold
 *    separators, line breaks and doubled quotes; after its closing quote
 *    only a separator or the end of the record may follow;
 *  - TSV: no quoting; \t \n \r \\ are escapes, any other backslash is
 *    kept as it is;
 *  - a NUL byte in a field is an error (text holds none);
 *  - a blank line (nothing between two line ends) is a record of one
 *    empty field only where records have one field (a one-column
 *    table: its writer writes an empty cell as an empty line); wherever
 *    records have two or more fields, and before the header, it cannot
 *    be a record and is skipped.  Ingest needs a date and a text column,
 *    so for ingest a blank line is always skipped.
 */
#ifndef PL_RECORDS_H
#define PL_RECORDS_H

#include <stddef.h>

#include "plenum/error.h"

struct recscan {
	const char	*d;		/* the data, borrowed */
	size_t		 len, pos;
	size_t		 line;		/* line breaks before pos */
	int		 csv;		/* 1: CSV, 0: TSV */
	size_t		 nfields;	/* fields per record once known (the
					   header's), 0 before */
};

void	recscan_init(struct recscan *, const char *d, size_t len, int csv);

/*
 * Scans the next record, calling add(arg, field, len) for each field
 * (field is NUL-terminated; add copies it and returns 0, or -1 when out
 * of memory).  Returns 1 with *start the record's first line, 0 at the
 * end of the data, or -1 with *err: "field N: NUL byte (not text)",
 * "unterminated quoted field (started on line N)", "unexpected character
 * after a closing quote in field N", or out of memory; the scan then
 * stands at the end.
 */
int	recscan_next(struct recscan *, int (*add)(void *, const char *,
	    size_t), void *arg, size_t *start, const struct pl_error **err);

#endif
