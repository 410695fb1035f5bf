/*
 * table.c - named, typed columns and rows (see include/plenum/table.h);
 * the writers are in tablewrite.c, the reader in tableread.c.
 *
 * Decisions not spelled out in the header:
 *
 *  - Cells of a STR column own their string; a NULL cell of a STR column
 *    always has v.s == NULL.  pl_table_set_str() with a NULL string sets
 *    the cell to NULL.  pl_table_set_str() on a non-STR column, or any
 *    setter with an out-of-range row or column, is a PL_ERR_USAGE error;
 *    the void setters do nothing in that case.  pl_table_set_int() on a
 *    REAL column stores the value as a double; pl_table_set_int() on a STR
 *    column and pl_table_set_real() on an INT or STR column do nothing.
 *  - pl_table_add_col() rejects duplicate column names: the names are keys
 *    in JSON output.  pl_table_add_row() needs at least one column.
 *  - TSV lines end in LF; CSV lines end in CRLF.  CSV quotes a field that
 *    holds , " CR or LF, or starts or ends with a space or tab.
 *  - JSON strings escape ", \, and every control character (U+0000-U+001F
 *    and U+007F); valid UTF-8 is written as is.  Invalid UTF-8 is replaced
 *    by U+FFFD so that the output is always valid JSON.  JSON output is
 *    "[", one compact object per line separated by ",", "]"; a table with no
 *    rows is "[]".  JSONL output of a table with no rows is empty.
 *  - Numbers are written so that they match the JSON number grammar.  The
 *    reader treats a field as a number only if it matches that grammar
 *    (so "007", "+5", ".5", "0x10", "inf" and " 1" stay text): INT if it
 *    has no fraction or exponent and fits int64_t, REAL if it is finite.
 *    Empty fields (and JSON null or "") are NULL.  A column with no
 *    non-NULL value is STR.  JSON values are turned into text first, so a
 *    table gets the same column types from every format.
 *  - Reading: TSV accepts LF or CRLF line ends; an unknown backslash
 *    sequence is kept as is.  CSV accepts LF, CRLF or CR; a bare " inside
 *    an unquoted field is kept.  JSON/JSONL nested arrays or objects are
 *    an error, true/false become the text "true"/"false".  An empty JSON
 *    array or an empty JSONL input gives a table with no columns; an empty
 *    TSV or CSV input is an error.  On success *out is overwritten without
 *    being released.
 *  - Numbers are formatted and parsed with the C library, which assumes
 *    LC_NUMERIC is "C".
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "plenum/error.h"
#include "plenum/table.h"
#include "extern.h"
#include "fault.h"

#define ROWS_MIN	16

/* ------------------------------------------------------------------ */
/* Building and freeing */

char *
table_copy_mem(const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX || fault_alloc())
		return NULL;
	p = malloc(len + 1);
	if (p == NULL)
		return NULL;
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
pl_table_init(struct pl_table *t)
{
	t->cols = NULL;
	t->ncols = 0;
	t->cells = NULL;
	t->nrows = 0;
	t->cap = 0;
	memset(&t->status, 0, sizeof(t->status));
}

/* Keeps err as the table's status unless it has one; returns err. */
static const struct pl_error *
fail(struct pl_table *t, const struct pl_error *err)
{
	if (err != NULL && t->status.code == PL_ERR_OK)
		t->status = *err;
	return err;
}

const struct pl_error *
pl_table_status(const struct pl_table *t)
{
	if (t->status.code == PL_ERR_OK)
		return NULL;
	return pl_error_fmt(t->status.code, "%s", t->status.msg);
}

void
pl_table_release(struct pl_table *t)
{
	size_t r, c;

	if (t == NULL)
		return;
	for (c = 0; c < t->ncols; c++) {
		if (t->cols[c].type == PL_COL_STR && t->cells != NULL)
			for (r = 0; r < t->nrows; r++)
				free(t->cells[r * t->ncols + c].v.s);
		free(t->cols[c].name);
	}
	free(t->cols);
	free(t->cells);
	pl_table_init(t);
}

struct pl_table *
pl_table_alloc(void)
{
	struct pl_table *t;

	t = malloc(sizeof(*t));
	if (t != NULL)
		pl_table_init(t);
	return t;
}

void
pl_table_free(struct pl_table *t)
{
	if (t == NULL)
		return;
	pl_table_release(t);
	free(t);
}

const struct pl_error *
pl_table_add_col(struct pl_table *t, const char *name, enum pl_coltype type)
{
	const struct pl_error *err = NULL;

	if (name == NULL) {
		err = pl_error_fmt(PL_ERR_USAGE, "add column: no name");
		goto done;
	}
	if (type != PL_COL_STR && type != PL_COL_INT && type != PL_COL_REAL) {
		err = pl_error_fmt(PL_ERR_USAGE,
		    "add column '%s': bad type %d", name, (int)type);
		goto done;
	}
	if (t->nrows > 0) {
		err = pl_error_fmt(PL_ERR_USAGE,
		    "add column '%s': table already has rows", name);
		goto done;
	}
	if (pl_table_col(t, name) != -1) {
		err = pl_error_fmt(PL_ERR_USAGE, "duplicate column '%s'", name);
		goto done;
	}
	err = table_add_col_unique(t, name, type);
done:
	return fail(t, err);
}

const struct pl_error *
table_add_col_unique(struct pl_table *t, const char *name,
    enum pl_coltype type)
{
	const struct pl_error *err = NULL;
	struct pl_column *cols;
	char *copy = NULL;

	if (t->ncols >= SIZE_MAX / sizeof(*cols) - 1) {
		err = pl_error_nomem();
		goto done;
	}
	copy = table_copy_mem(name, strlen(name));
	if (copy == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	cols = fault_alloc() ? NULL :
	    realloc(t->cols, (t->ncols + 1) * sizeof(*cols));
	if (cols == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	t->cols = cols;
	/* Storage for rows is sized by ncols; none may exist yet. */
	free(t->cells);
	t->cells = NULL;
	t->cap = 0;
	cols[t->ncols].name = copy;
	cols[t->ncols].type = type;
	cols[t->ncols].prec = -1;
	t->ncols++;
	copy = NULL;
done:
	free(copy);
	return fail(t, err);
}

void
pl_table_set_prec(struct pl_table *t, size_t col, int prec)
{
	if (col >= t->ncols)
		return;
	t->cols[col].prec = prec < 0 ? -1 : prec;
}

long
pl_table_col(const struct pl_table *t, const char *name)
{
	size_t c;

	if (name == NULL)
		return -1;
	for (c = 0; c < t->ncols && c < (size_t)LONG_MAX; c++)
		if (strcmp(t->cols[c].name, name) == 0)
			return (long)c;
	return -1;
}

const struct pl_error *
pl_table_add_row(struct pl_table *t)
{
	const struct pl_error *err = NULL;
	struct pl_cell *cells, *row;
	size_t cap, c;

	if (t->ncols == 0) {
		err = pl_error_fmt(PL_ERR_USAGE, "add row: table has no columns");
		goto done;
	}
	if (t->nrows == t->cap) {
		cap = t->cap < ROWS_MIN ? ROWS_MIN : t->cap;
		if (t->cap >= ROWS_MIN) {
			if (cap > SIZE_MAX / 2) {
				err = pl_error_nomem();
				goto done;
			}
			cap *= 2;
		}
		if (cap > SIZE_MAX / t->ncols / sizeof(*cells)) {
			err = pl_error_nomem();
			goto done;
		}
		cells = fault_alloc() ? NULL :
		    realloc(t->cells, cap * t->ncols * sizeof(*cells));
		if (cells == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		t->cells = cells;
		t->cap = cap;
	}
	row = t->cells + t->nrows * t->ncols;
	for (c = 0; c < t->ncols; c++) {
		memset(&row[c], 0, sizeof(row[c]));
		row[c].null = 1;
		row[c].v.s = NULL;
	}
	t->nrows++;
done:
	return fail(t, err);
}

static const struct pl_error *
out_of_range(size_t row, size_t col)
{
	return pl_error_fmt(PL_ERR_USAGE, "table cell (%zu, %zu) out of "
	    "range", row, col);
}

static struct pl_cell *
cell_at(const struct pl_table *t, size_t row, size_t col)
{
	if (row >= t->nrows || col >= t->ncols)
		return NULL;
	return &t->cells[row * t->ncols + col];
}

const struct pl_error *
pl_table_set_strn(struct pl_table *t, size_t row, size_t col, const char *s,
    size_t len)
{
	const struct pl_error *err = NULL;
	struct pl_cell *cell;
	char *copy = NULL;

	cell = cell_at(t, row, col);
	if (cell == NULL) {
		err = out_of_range(row, col);
		goto done;
	}
	if (t->cols[col].type != PL_COL_STR) {
		err = pl_error_fmt(PL_ERR_USAGE, "column '%s' is not text",
		    t->cols[col].name);
		goto done;
	}
	if (s != NULL) {
		copy = table_copy_mem(s, len);
		if (copy == NULL) {
			err = pl_error_nomem();
			goto done;
		}
	}
	free(cell->v.s);
	cell->v.s = copy;
	cell->null = copy == NULL;
	copy = NULL;
done:
	free(copy);
	return fail(t, err);
}

const struct pl_error *
pl_table_set_str(struct pl_table *t, size_t row, size_t col, const char *s)
{
	return pl_table_set_strn(t, row, col, s, s != NULL ? strlen(s) : 0);
}

void
pl_table_set_int(struct pl_table *t, size_t row, size_t col, int64_t v)
{
	struct pl_cell *cell;

	cell = cell_at(t, row, col);
	if (cell == NULL) {
		fail(t, out_of_range(row, col));
		return;
	}
	if (t->cols[col].type == PL_COL_INT) {
		cell->v.i = v;
		cell->null = 0;
	} else if (t->cols[col].type == PL_COL_REAL) {
		cell->v.d = (double)v;
		cell->null = 0;
	}
}

void
pl_table_set_real(struct pl_table *t, size_t row, size_t col, double v)
{
	struct pl_cell *cell;

	cell = cell_at(t, row, col);
	if (cell == NULL) {
		fail(t, out_of_range(row, col));
		return;
	}
	if (t->cols[col].type != PL_COL_REAL)
		return;
	if (isfinite(v)) {
		cell->v.d = v;
		cell->null = 0;
	} else {
		cell->v.d = 0;
		cell->null = 1;
	}
}

void
pl_table_set_null(struct pl_table *t, size_t row, size_t col)
{
	struct pl_cell *cell;

	cell = cell_at(t, row, col);
	if (cell == NULL) {
		fail(t, out_of_range(row, col));
		return;
	}
	if (t->cols[col].type == PL_COL_STR) {
		free(cell->v.s);
		cell->v.s = NULL;
	}
	cell->null = 1;
}

const struct pl_cell *
pl_table_cell(const struct pl_table *t, size_t row, size_t col)
{
	return cell_at(t, row, col);
}

double
pl_table_num(const struct pl_table *t, size_t row, size_t col, int *ok)
{
	const struct pl_cell *cell;
	char *end;
	double d = 0;
	int good = 0, saved;

	cell = cell_at(t, row, col);
	if (cell == NULL || cell->null)
		goto done;
	switch (t->cols[col].type) {
	case PL_COL_INT:
		d = (double)cell->v.i;
		good = 1;
		break;
	case PL_COL_REAL:
		d = cell->v.d;
		good = isfinite(d);
		break;
	case PL_COL_STR:
		if (cell->v.s == NULL || cell->v.s[0] == '\0')
			break;
		saved = errno;
		d = strtod(cell->v.s, &end);
		errno = saved;
		good = *end == '\0' && isfinite(d);
		break;
	}
done:
	if (!good)
		d = 0;
	if (ok != NULL)
		*ok = good;
	return d;
}

int
pl_format_parse(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "tsv") == 0)
		return PL_FMT_TSV;
	if (strcmp(s, "csv") == 0)
		return PL_FMT_CSV;
	if (strcmp(s, "json") == 0)
		return PL_FMT_JSON;
	if (strcmp(s, "jsonl") == 0)
		return PL_FMT_JSONL;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Numbers as text */

/*
 * Writes the shortest of %.15g, %.16g, %.17g that reads back as d.  The
 * buffer must hold 32 bytes.
 */
void
table_real_shortest(char *buf, size_t size, double d)
{
	int prec, saved;

	if (d == 0)
		d = 0.0;	/* never "-0": it would read back as 0 */
	saved = errno;
	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	errno = saved;
}
