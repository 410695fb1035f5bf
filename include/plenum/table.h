/*
 * table.h - the one currency between layers: named, typed columns and rows.
 *
 * Every command's answer is a struct pl_table.  Writers render it as TSV,
 * CSV, JSON or JSON Lines to a FILE * the caller hands them; the reader
 * parses those formats back (plots read tables).
 */
#ifndef PLENUM_TABLE_H
#define PLENUM_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plenum/error.h"

enum pl_coltype {
	PL_COL_STR,		/* UTF-8 text */
	PL_COL_INT,		/* int64_t */
	PL_COL_REAL		/* double; written with %.17g unless a precision is set */
};

enum pl_format {
	PL_FMT_TSV,
	PL_FMT_CSV,
	PL_FMT_JSON,		/* one array of objects */
	PL_FMT_JSONL		/* one object per line */
};

struct pl_cell {
	int		 null;	/* 1: no value (empty in TSV/CSV, null in JSON) */
	union {
		char	*s;	/* owned by the table */
		int64_t	 i;
		double	 d;
	} v;
};

struct pl_column {
	char		*name;	/* owned */
	enum pl_coltype	 type;
	int		 prec;	/* REAL: digits after the point, -1 = shortest exact */
};

/*
 * A table keeps its first failure, as cairo keeps a status: a setter that
 * fails (out of memory, a cell out of range, a column of another type)
 * records it in status and returns it, and pl_table_write() refuses a
 * table with a status, writing nothing.  So a caller may ignore what the
 * setters return; what it must check is the write (or pl_table_status()
 * before using the table otherwise).  Later setters still work.
 */
struct pl_table {
	struct pl_column *cols;
	size_t		  ncols;
	struct pl_cell	 *cells;	/* row-major, nrows * ncols */
	size_t		  nrows;
	size_t		  cap;		/* rows allocated */
	struct pl_error	  status;	/* the first failure; code 0: none */
};

/* Sets up an empty table with no columns. */
void pl_table_init(struct pl_table *);
/* Frees contents, keeps the struct; does nothing on NULL. */
void pl_table_release(struct pl_table *);
/* Allocates an empty table; free with pl_table_free(). */
struct pl_table *pl_table_alloc(void);
/* Frees contents and struct; does nothing on NULL. */
void pl_table_free(struct pl_table *);

/* Adds a column; only before the first row.  Name is copied. */
const struct pl_error *pl_table_add_col(struct pl_table *, const char *name,
    enum pl_coltype type);
/* Sets the printed precision of a REAL column (-1: shortest round-trip). */
void pl_table_set_prec(struct pl_table *, size_t col, int prec);
/* Returns the index of the named column, or -1. */
long pl_table_col(const struct pl_table *, const char *name);

/* Appends a row of NULL cells; the new row is nrows - 1. */
const struct pl_error *pl_table_add_row(struct pl_table *);
/* Set a cell of the given row; the string is copied. */
const struct pl_error *pl_table_set_str(struct pl_table *, size_t row,
    size_t col, const char *s);
const struct pl_error *pl_table_set_strn(struct pl_table *, size_t row,
    size_t col, const char *s, size_t len);
void pl_table_set_int(struct pl_table *, size_t row, size_t col, int64_t);
/* NaN and infinities are stored as NULL. */
void pl_table_set_real(struct pl_table *, size_t row, size_t col, double);
void pl_table_set_null(struct pl_table *, size_t row, size_t col);

/* The first failure of a setter on this table, or NULL; borrowed. */
const struct pl_error *pl_table_status(const struct pl_table *);

/* Borrowed pointer to a cell. */
const struct pl_cell *pl_table_cell(const struct pl_table *, size_t row,
    size_t col);
/* Cell as a double (INT converted, STR parsed); returns 0 and sets *ok=0 if
 * NULL or not numeric. */
double pl_table_num(const struct pl_table *, size_t row, size_t col, int *ok);

/*
 * Writes the table.  TSV: header row, fields with \t \n \r \\ escaped as
 * backslash sequences.  CSV: RFC 4180 (fields with , " CR LF quoted,
 * quotes doubled), CRLF line ends.  JSON: an array of objects, keys in
 * column order, control characters escaped; JSONL: one object per line.
 * Returns the table's status (pl_table_status()) without writing a
 * byte when a setter failed, or a PL_ERR_IO error if the stream reports
 * one.
 */
const struct pl_error *pl_table_write(const struct pl_table *, FILE *,
    enum pl_format);

/* Parses "tsv", "csv", "json", "jsonl"; returns -1 if unknown. */
int pl_format_parse(const char *);

/*
 * Reads a table written by pl_table_write (any format).  Column types are
 * inferred: INT if every non-empty value is an integer, REAL if every one is
 * a number, STR otherwise.  name is used in error messages.
 * On error *out is untouched.
 */
const struct pl_error *pl_table_read(FILE *, const char *name,
    enum pl_format, struct pl_table *out);

#endif /* PLENUM_TABLE_H */
