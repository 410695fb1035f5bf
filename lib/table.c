/*
 * table.c - named, typed columns and rows; TSV/CSV/JSON/JSONL writers and
 * readers (see include/plenum/table.h).
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

#include <jansson.h>

#include "plenum/error.h"
#include "plenum/table.h"

#define ROWS_MIN	16

/* ------------------------------------------------------------------ */
/* Building and freeing */

static char *
copy_mem(const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
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
	struct pl_column *cols;
	char *copy = NULL;

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
	if (t->ncols >= SIZE_MAX / sizeof(*cols) - 1) {
		err = pl_error_nomem();
		goto done;
	}
	copy = copy_mem(name, strlen(name));
	if (copy == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	cols = realloc(t->cols, (t->ncols + 1) * sizeof(*cols));
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
	return err;
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
		cells = realloc(t->cells, cap * t->ncols * sizeof(*cells));
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
	return err;
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
		err = pl_error_fmt(PL_ERR_USAGE, "cell (%zu, %zu) out of range",
		    row, col);
		goto done;
	}
	if (t->cols[col].type != PL_COL_STR) {
		err = pl_error_fmt(PL_ERR_USAGE, "column '%s' is not text",
		    t->cols[col].name);
		goto done;
	}
	if (s != NULL) {
		copy = copy_mem(s, len);
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
	return err;
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
	if (cell == NULL)
		return;
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
	if (cell == NULL || t->cols[col].type != PL_COL_REAL)
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
	if (cell == NULL)
		return;
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
static void
real_shortest(char *buf, size_t size, double d)
{
	int prec, saved;

	saved = errno;
	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	errno = saved;
}

/*
 * Returns 1 if s matches the JSON number grammar
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and sets *isint when it
 * has neither fraction nor exponent.
 */
static int
number_syntax(const char *s, int *isint)
{
	const char *p = s;

	*isint = 1;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return 0;
	if (*p == '.') {
		*isint = 0;
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		*isint = 0;
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/* Returns 1 and sets *v if s is an integer that fits int64_t. */
static int
text_int(const char *s, int64_t *v)
{
	long long x;
	int isint, saved, good;

	if (!number_syntax(s, &isint) || !isint)
		return 0;
	saved = errno;
	errno = 0;
	x = strtoll(s, NULL, 10);
	good = errno == 0 && x >= INT64_MIN && x <= INT64_MAX;
	errno = saved;
	if (good)
		*v = (int64_t)x;
	return good;
}

/* Returns 1 and sets *v if s is a finite number. */
static int
text_real(const char *s, double *v)
{
	double d;
	int isint, saved;

	if (!number_syntax(s, &isint))
		return 0;
	saved = errno;
	d = strtod(s, NULL);
	errno = saved;
	if (!isfinite(d))
		return 0;
	*v = d;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Writing */

struct wr {
	FILE	*fp;
	int	 failed;
	int	 errnum;	/* errno of the first failure */
};

static void
wr_fail(struct wr *w)
{
	if (!w->failed) {
		w->failed = 1;
		w->errnum = errno != 0 ? errno : EIO;
	}
}

static void
wr_bytes(struct wr *w, const char *s, size_t len)
{
	if (w->failed || len == 0)
		return;
	errno = 0;
	if (fwrite(s, 1, len, w->fp) != len)
		wr_fail(w);
}

static void
wr_str(struct wr *w, const char *s)
{
	wr_bytes(w, s, strlen(s));
}

static void
wr_char(struct wr *w, char c)
{
	if (w->failed)
		return;
	errno = 0;
	if (putc((unsigned char)c, w->fp) == EOF)
		wr_fail(w);
}

static void __attribute__((format(printf, 2, 3)))
wr_fmt(struct wr *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (w->failed)
		return;
	errno = 0;
	va_start(ap, fmt);
	n = vfprintf(w->fp, fmt, ap);
	va_end(ap);
	if (n < 0)
		wr_fail(w);
}

/* Writes a non-STR cell (or NULL as nothing) the way every format wants. */
static void
wr_number(struct wr *w, const struct pl_column *col,
    const struct pl_cell *cell, const char *null)
{
	char buf[32];

	if (cell->null || (col->type == PL_COL_REAL && !isfinite(cell->v.d))) {
		wr_str(w, null);
		return;
	}
	if (col->type == PL_COL_INT) {
		wr_fmt(w, "%" PRId64, cell->v.i);
	} else if (col->prec >= 0) {
		wr_fmt(w, "%.*f", col->prec, cell->v.d);
	} else {
		real_shortest(buf, sizeof(buf), cell->v.d);
		wr_str(w, buf);
	}
}

static void
wr_tsv_field(struct wr *w, const char *s)
{
	const char *p, *run;

	for (run = p = s; *p != '\0'; p++) {
		if (*p != '\\' && *p != '\t' && *p != '\n' && *p != '\r')
			continue;
		wr_bytes(w, run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '\\':
			wr_str(w, "\\\\");
			break;
		case '\t':
			wr_str(w, "\\t");
			break;
		case '\n':
			wr_str(w, "\\n");
			break;
		default:
			wr_str(w, "\\r");
			break;
		}
	}
	wr_bytes(w, run, (size_t)(p - run));
}

static void
wr_csv_field(struct wr *w, const char *s)
{
	const char *p, *run;
	size_t len;

	len = strlen(s);
	if (strpbrk(s, ",\"\r\n") == NULL && (len == 0 ||
	    (s[0] != ' ' && s[0] != '\t' &&
	    s[len - 1] != ' ' && s[len - 1] != '\t'))) {
		wr_bytes(w, s, len);
		return;
	}
	wr_char(w, '"');
	for (run = p = s; *p != '\0'; p++) {
		if (*p != '"')
			continue;
		wr_bytes(w, run, (size_t)(p + 1 - run));
		run = p;	/* the quote is written again: "" */
	}
	wr_bytes(w, run, (size_t)(p - run));
	wr_char(w, '"');
}

/*
 * Returns the length of the valid UTF-8 sequence at p (at most n bytes
 * long), or 0 if it is not one: no overlong forms, surrogates or code
 * points above U+10FFFF.
 */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned long cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		cp = p[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

static void
wr_json_str(struct wr *w, const char *s)
{
	const unsigned char *p, *run, *end;
	size_t len;

	end = (const unsigned char *)s + strlen(s);
	wr_char(w, '"');
	for (run = p = (const unsigned char *)s; p < end; p += len) {
		if (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f) {
			len = utf8_seq(p, (size_t)(end - p));
			if (len > 0)
				continue;
			/* Invalid UTF-8: one byte becomes U+FFFD. */
			wr_bytes(w, (const char *)run, (size_t)(p - run));
			wr_str(w, "\xef\xbf\xbd");
			len = 1;
			run = p + 1;
			continue;
		}
		wr_bytes(w, (const char *)run, (size_t)(p - run));
		len = 1;
		run = p + 1;
		switch (*p) {
		case '"':
			wr_str(w, "\\\"");
			break;
		case '\\':
			wr_str(w, "\\\\");
			break;
		case '\n':
			wr_str(w, "\\n");
			break;
		case '\t':
			wr_str(w, "\\t");
			break;
		case '\r':
			wr_str(w, "\\r");
			break;
		default:
			wr_fmt(w, "\\u%04x", (unsigned)*p);
			break;
		}
	}
	wr_bytes(w, (const char *)run, (size_t)(p - run));
	wr_char(w, '"');
}

static void
wr_delimited(struct wr *w, const struct pl_table *t, int csv)
{
	const struct pl_cell *cell;
	const char *eol = csv ? "\r\n" : "\n";
	char sep = csv ? ',' : '\t';
	size_t r, c;

	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			wr_char(w, sep);
		if (csv)
			wr_csv_field(w, t->cols[c].name);
		else
			wr_tsv_field(w, t->cols[c].name);
	}
	wr_str(w, eol);
	for (r = 0; r < t->nrows && !w->failed; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				wr_char(w, sep);
			cell = &t->cells[r * t->ncols + c];
			if (t->cols[c].type != PL_COL_STR)
				wr_number(w, &t->cols[c], cell, "");
			else if (!cell->null && cell->v.s != NULL) {
				if (csv)
					wr_csv_field(w, cell->v.s);
				else
					wr_tsv_field(w, cell->v.s);
			}
		}
		wr_str(w, eol);
	}
}

static void
wr_json_row(struct wr *w, const struct pl_table *t, size_t r)
{
	const struct pl_cell *cell;
	size_t c;

	wr_char(w, '{');
	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			wr_char(w, ',');
		wr_json_str(w, t->cols[c].name);
		wr_char(w, ':');
		cell = &t->cells[r * t->ncols + c];
		if (t->cols[c].type != PL_COL_STR)
			wr_number(w, &t->cols[c], cell, "null");
		else if (cell->null || cell->v.s == NULL)
			wr_str(w, "null");
		else
			wr_json_str(w, cell->v.s);
	}
	wr_char(w, '}');
}

const struct pl_error *
pl_table_write(const struct pl_table *t, FILE *fp, enum pl_format fmt)
{
	const struct pl_error *err = NULL;
	struct wr w;
	size_t r;

	w.fp = fp;
	w.failed = 0;
	w.errnum = 0;
	switch (fmt) {
	case PL_FMT_TSV:
		wr_delimited(&w, t, 0);
		break;
	case PL_FMT_CSV:
		wr_delimited(&w, t, 1);
		break;
	case PL_FMT_JSON:
		if (t->nrows == 0) {
			wr_str(&w, "[]\n");
			break;
		}
		wr_str(&w, "[\n");
		for (r = 0; r < t->nrows && !w.failed; r++) {
			wr_json_row(&w, t, r);
			wr_str(&w, r + 1 < t->nrows ? ",\n" : "\n");
		}
		wr_str(&w, "]\n");
		break;
	case PL_FMT_JSONL:
		for (r = 0; r < t->nrows && !w.failed; r++) {
			wr_json_row(&w, t, r);
			wr_char(&w, '\n');
		}
		break;
	default:
		err = pl_error_fmt(PL_ERR_USAGE, "write: bad format %d",
		    (int)fmt);
		goto done;
	}
	if (!w.failed) {
		errno = 0;
		if (fflush(fp) == EOF || ferror(fp))
			wr_fail(&w);
	}
	if (w.failed) {
		errno = w.errnum;
		err = pl_error_from_errno("write");
	}
done:
	return err;
}

/* ------------------------------------------------------------------ */
/* Reading: fields as text first, then types */

struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

static int
buf_addc(struct buf *b, char c)
{
	char *p;
	size_t cap;
	int rc = -1;

	if (b->len + 1 >= b->cap) {
		if (b->cap > SIZE_MAX / 2)
			goto done;
		cap = b->cap == 0 ? 64 : b->cap * 2;
		p = realloc(b->p, cap);
		if (p == NULL)
			goto done;
		b->p = p;
		b->cap = cap;
	}
	b->p[b->len++] = c;
	rc = 0;
done:
	return rc;
}

/* A record: the fields of one line (or JSON object), NULL when empty. */
struct rec {
	char	**f;
	size_t	  n;
	size_t	  cap;
};

static void
rec_clear(struct rec *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->f[i]);
	r->n = 0;
}

static void
rec_release(struct rec *r)
{
	rec_clear(r);
	free(r->f);
	r->f = NULL;
	r->cap = 0;
}

/* Appends a copy of s (NULL if len is 0); returns -1 when out of memory. */
static int
rec_add(struct rec *r, const char *s, size_t len)
{
	char **f, *copy = NULL;
	size_t cap;
	int rc = -1;

	if (r->n == r->cap) {
		if (r->cap > SIZE_MAX / sizeof(*f) / 2)
			goto done;
		cap = r->cap == 0 ? 16 : r->cap * 2;
		f = realloc(r->f, cap * sizeof(*f));
		if (f == NULL)
			goto done;
		r->f = f;
		r->cap = cap;
	}
	if (len > 0 && (copy = copy_mem(s, len)) == NULL)
		goto done;
	r->f[r->n++] = copy;
	rc = 0;
done:
	return rc;
}

/* Header names and rows of text cells (row-major, NULL = empty). */
struct raw {
	const char	 *name;
	char		**names;
	size_t		  ncols;
	char		**cells;
	size_t		  nrows;
	size_t		  cap;
};

static void
raw_release(struct raw *raw)
{
	size_t i;

	for (i = 0; i < raw->ncols; i++)
		free(raw->names[i]);
	free(raw->names);
	for (i = 0; i < raw->nrows * raw->ncols; i++)
		free(raw->cells[i]);
	free(raw->cells);
}


/*
 * Takes the record's fields as column names.  Errors start with
 * "<name><sep><n>", e.g. "x.tsv:1" or "x.json: row 1".
 */
static const struct pl_error *
raw_header(struct raw *raw, struct rec *rec, const char *sep, size_t n)
{
	const struct pl_error *err = NULL;
	size_t i, j;

	for (i = 0; i < rec->n; i++) {
		if (rec->f[i] == NULL && (rec->f[i] = copy_mem("", 0)) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		for (j = 0; j < i; j++) {
			if (strcmp(rec->f[i], rec->f[j]) == 0) {
				err = pl_error_fmt(PL_ERR_PARSE,
				    "%s%s%zu: duplicate column '%s'",
				    raw->name, sep, n, rec->f[i]);
				goto done;
			}
		}
	}
	raw->names = rec->f;
	raw->ncols = rec->n;
	rec->f = NULL;
	rec->n = rec->cap = 0;
done:
	return err;
}

/* Moves the record's fields into a new row; errors as for raw_header(). */
static const struct pl_error *
raw_row(struct raw *raw, struct rec *rec, const char *sep, size_t n)
{
	const struct pl_error *err = NULL;
	char **cells;
	size_t cap;

	if (rec->n != raw->ncols) {
		err = pl_error_fmt(PL_ERR_PARSE,
		    "%s%s%zu: expected %zu fields, got %zu", raw->name, sep, n,
		    raw->ncols, rec->n);
		goto done;
	}
	if (raw->nrows == raw->cap) {
		cap = raw->cap == 0 ? ROWS_MIN : raw->cap;
		if (raw->cap > 0) {
			if (cap > SIZE_MAX / 2) {
				err = pl_error_nomem();
				goto done;
			}
			cap *= 2;
		}
		if (cap > SIZE_MAX / raw->ncols / sizeof(*cells)) {
			err = pl_error_nomem();
			goto done;
		}
		cells = realloc(raw->cells, cap * raw->ncols * sizeof(*cells));
		if (cells == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		raw->cells = cells;
		raw->cap = cap;
	}
	memcpy(raw->cells + raw->nrows * raw->ncols, rec->f,
	    raw->ncols * sizeof(*rec->f));
	raw->nrows++;
	rec->n = 0;
done:
	return err;
}

/* Infers the column types and builds the table; raw's strings move in. */
static const struct pl_error *
raw_table(struct raw *raw, struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct pl_cell *cell;
	enum pl_coltype type;
	int64_t iv;
	double dv;
	char *s;
	size_t r, c;
	int allint, allreal, any;

	pl_table_init(&t);
	for (c = 0; c < raw->ncols; c++) {
		allint = allreal = 1;
		any = 0;
		for (r = 0; r < raw->nrows && (allint || allreal); r++) {
			s = raw->cells[r * raw->ncols + c];
			if (s == NULL)
				continue;
			any = 1;
			if (allint && !text_int(s, &iv))
				allint = 0;
			if (allreal && !text_real(s, &dv))
				allreal = 0;
		}
		if (!any || (!allint && !allreal))
			type = PL_COL_STR;
		else
			type = allint ? PL_COL_INT : PL_COL_REAL;
		err = pl_table_add_col(&t, raw->names[c], type);
		if (err != NULL)
			goto done;
	}
	if (raw->nrows > 0) {
		/* raw->cells holds as many pointers: no overflow. */
		t.cells = calloc(raw->nrows * raw->ncols, sizeof(*t.cells));
		if (t.cells == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		t.cap = t.nrows = raw->nrows;
	}
	for (r = 0; r < t.nrows; r++) {
		for (c = 0; c < t.ncols; c++) {
			cell = &t.cells[r * t.ncols + c];
			s = raw->cells[r * raw->ncols + c];
			cell->null = s == NULL;
			cell->v.s = NULL;
			if (s == NULL)
				continue;
			switch (t.cols[c].type) {
			case PL_COL_STR:
				cell->v.s = s;
				raw->cells[r * raw->ncols + c] = NULL;
				break;
			case PL_COL_INT:
				text_int(s, &cell->v.i);
				break;
			case PL_COL_REAL:
				text_real(s, &cell->v.d);
				break;
			}
		}
	}
	*out = t;
	pl_table_init(&t);
done:
	pl_table_release(&t);
	return err;
}

/* Reads a line with getline(3); *len is -1 at the end of the input. */
static const struct pl_error *
read_line(FILE *fp, const char *name, char **line, size_t *size,
    ssize_t *len)
{
	const struct pl_error *err = NULL;

	errno = 0;
	*len = getline(line, size, fp);
	if (*len == -1) {
		if (ferror(fp))
			err = pl_error_from_errno_fmt("read: %s", name);
		else if (errno == ENOMEM || errno == EOVERFLOW)
			err = pl_error_nomem();
	}
	return err;
}

static const struct pl_error *
read_tsv(FILE *fp, struct raw *raw)
{
	const struct pl_error *err = NULL;
	struct rec rec = { NULL, 0, 0 };
	struct buf field = { NULL, 0, 0 };
	char *line = NULL, c;
	size_t size = 0, lineno = 0, i, n;
	ssize_t len;

	for (;;) {
		err = read_line(fp, raw->name, &line, &size, &len);
		if (err != NULL || len == -1)
			break;
		lineno++;
		n = (size_t)len;
		if (n > 0 && line[n - 1] == '\n')
			n--;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		rec_clear(&rec);
		field.len = 0;
		for (i = 0; i <= n; i++) {
			if (i == n || line[i] == '\t') {
				if (rec_add(&rec, field.p, field.len) == -1) {
					err = pl_error_nomem();
					goto done;
				}
				field.len = 0;
				continue;
			}
			c = line[i];
			if (c == '\\' && i + 1 < n) {
				switch (line[i + 1]) {
				case '\\':
					c = '\\';
					break;
				case 't':
					c = '\t';
					break;
				case 'n':
					c = '\n';
					break;
				case 'r':
					c = '\r';
					break;
				default:
					i--;	/* keep the backslash as is */
					break;
				}
				i++;
			}
			if (buf_addc(&field, c) == -1) {
				err = pl_error_nomem();
				goto done;
			}
		}
		if (lineno == 1)
			err = raw_header(raw, &rec, ":", lineno);
		else
			err = raw_row(raw, &rec, ":", lineno);
		if (err != NULL)
			goto done;
	}
	if (err == NULL && lineno == 0)
		err = pl_error_fmt(PL_ERR_PARSE,
		    "%s: empty table (no header line)", raw->name);
done:
	free(line);
	free(field.p);
	rec_release(&rec);
	return err;
}

/*
 * After a CR: consumes a following LF, if any.  Returns -1 if the peeked
 * byte cannot be pushed back.
 */
static int
skip_lf(FILE *fp, int *lf)
{
	int ch;

	ch = getc(fp);
	*lf = ch == '\n';
	if (ch != '\n' && ch != EOF && ungetc(ch, fp) == EOF)
		return -1;
	return 0;
}

static const struct pl_error *
read_csv(FILE *fp, struct raw *raw)
{
	const struct pl_error *err = NULL;
	struct rec rec = { NULL, 0, 0 };
	struct buf field = { NULL, 0, 0 };
	size_t lineno = 1, recline = 1, quoteline = 0, nrec = 0;
	int ch, quoted = 0, closed = 0, started = 0, lf;

	for (;;) {
		errno = 0;
		ch = getc(fp);
		if (ch == EOF && ferror(fp)) {
			err = pl_error_from_errno_fmt("read: %s", raw->name);
			goto done;
		}
		if (quoted) {
			if (ch == EOF) {
				err = pl_error_fmt(PL_ERR_PARSE,
				    "%s:%zu: unterminated quoted field",
				    raw->name, quoteline);
				goto done;
			}
			if (ch == '"') {
				ch = getc(fp);
				if (ch != '"') {
					/* closing quote */
					if (ch != EOF && ungetc(ch, fp) == EOF)
						goto ioerr;
					quoted = 0;
					closed = 1;
					continue;
				}
			} else if (ch == '\n') {
				lineno++;
			} else if (ch == '\r') {
				/* CR, LF and CRLF are all kept as read */
				if (skip_lf(fp, &lf) == -1)
					goto ioerr;
				if (lf && buf_addc(&field, '\r') == -1)
					goto nomem;
				if (lf)
					ch = '\n';
				lineno++;
			}
			if (buf_addc(&field, (char)ch) == -1)
				goto nomem;
			continue;
		}
		if (ch == EOF && !started)
			break;
		if (ch != ',' && ch != '\n' && ch != '\r' && ch != EOF) {
			if (closed) {
				err = pl_error_fmt(PL_ERR_PARSE, "%s:%zu: "
				    "unexpected character after closing quote",
				    raw->name, lineno);
				goto done;
			}
			started = 1;
			if (ch == '"' && field.len == 0) {
				quoted = 1;
				quoteline = lineno;
			} else if (buf_addc(&field, (char)ch) == -1)
				goto nomem;
			continue;
		}
		/* End of a field. */
		if (rec_add(&rec, field.p, field.len) == -1)
			goto nomem;
		field.len = 0;
		closed = 0;
		started = 1;
		if (ch == ',')
			continue;
		/* End of a record. */
		if (ch == '\r' && skip_lf(fp, &lf) == -1)
			goto ioerr;
		if (nrec++ == 0)
			err = raw_header(raw, &rec, ":", recline);
		else
			err = raw_row(raw, &rec, ":", recline);
		if (err != NULL)
			goto done;
		rec_clear(&rec);
		if (ch == EOF)
			break;
		started = 0;
		recline = ++lineno;
	}
	if (nrec == 0)
		err = pl_error_fmt(PL_ERR_PARSE,
		    "%s: empty table (no header line)", raw->name);
	goto done;
nomem:
	err = pl_error_nomem();
	goto done;
ioerr:
	err = pl_error_from_errno_fmt("read: %s", raw->name);
done:
	free(field.p);
	rec_release(&rec);
	return err;
}

/* Appends a JSON value as text; -1: out of memory, -2: not a scalar. */
static int
json_field(struct rec *rec, json_t *v)
{
	char buf[32];

	switch (json_typeof(v)) {
	case JSON_NULL:
		return rec_add(rec, NULL, 0);
	case JSON_STRING:
		return rec_add(rec, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return rec_add(rec, buf, strlen(buf));
	case JSON_REAL:
		real_shortest(buf, sizeof(buf), json_real_value(v));
		return rec_add(rec, buf, strlen(buf));
	case JSON_TRUE:
		return rec_add(rec, "true", 4);
	case JSON_FALSE:
		return rec_add(rec, "false", 5);
	default:
		return -2;
	}
}

/*
 * Adds one JSON object as a row; the first one also gives the columns.
 * Errors start with "<name><sep><n>".
 */
static const struct pl_error *
json_row(struct raw *raw, struct rec *rec, json_t *obj, const char *sep,
    size_t n)
{
	const struct pl_error *err = NULL;
	const char *key;
	json_t *v;
	size_t c, found = 0;
	int rc;

	rec_clear(rec);
	if (!json_is_object(obj)) {
		err = pl_error_fmt(PL_ERR_PARSE, "%s%s%zu: expected an object",
		    raw->name, sep, n);
		goto done;
	}
	if (raw->names == NULL) {
		json_object_foreach(obj, key, v) {
			if (rec_add(rec, key, strlen(key)) == -1) {
				err = pl_error_nomem();
				goto done;
			}
		}
		if (rec->n == 0) {
			err = pl_error_fmt(PL_ERR_PARSE,
			    "%s%s%zu: object has no keys", raw->name, sep, n);
			goto done;
		}
		err = raw_header(raw, rec, sep, n);
		if (err != NULL)
			goto done;
	}
	for (c = 0; c < raw->ncols; c++) {
		v = json_object_get(obj, raw->names[c]);
		if (v == NULL) {
			rc = rec_add(rec, NULL, 0);
		} else {
			found++;
			rc = json_field(rec, v);
		}
		if (rc == -1) {
			err = pl_error_nomem();
			goto done;
		}
		if (rc == -2) {
			err = pl_error_fmt(PL_ERR_PARSE, "%s%s%zu: key '%s': "
			    "arrays and objects are not supported", raw->name,
			    sep, n, raw->names[c]);
			goto done;
		}
	}
	if (found != json_object_size(obj)) {
		json_object_foreach(obj, key, v) {
			for (c = 0; c < raw->ncols; c++)
				if (strcmp(raw->names[c], key) == 0)
					break;
			if (c == raw->ncols)
				break;
		}
		err = pl_error_fmt(PL_ERR_PARSE, "%s%s%zu: unknown key '%s'",
		    raw->name, sep, n, key != NULL ? key : "");
		goto done;
	}
	err = raw_row(raw, rec, sep, n);
done:
	return err;
}

static const struct pl_error *
read_json(FILE *fp, struct raw *raw)
{
	const struct pl_error *err = NULL;
	struct rec rec = { NULL, 0, 0 };
	json_error_t jerr;
	json_t *root, *v;
	size_t i;

	errno = 0;
	root = json_loadf(fp, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		if (ferror(fp))
			err = pl_error_from_errno_fmt("read: %s", raw->name);
		else
			err = pl_error_fmt(PL_ERR_PARSE, "%s: line %d: %s",
			    raw->name, jerr.line, jerr.text);
		goto done;
	}
	if (!json_is_array(root)) {
		err = pl_error_fmt(PL_ERR_PARSE,
		    "%s: expected an array of objects", raw->name);
		goto done;
	}
	json_array_foreach(root, i, v) {
		err = json_row(raw, &rec, v, ": row ", i + 1);
		if (err != NULL)
			goto done;
	}
done:
	json_decref(root);
	rec_release(&rec);
	return err;
}

static const struct pl_error *
read_jsonl(FILE *fp, struct raw *raw)
{
	const struct pl_error *err = NULL;
	struct rec rec = { NULL, 0, 0 };
	json_error_t jerr;
	json_t *obj = NULL;
	char *line = NULL;
	size_t size = 0, lineno = 0;
	ssize_t len;

	for (;;) {
		err = read_line(fp, raw->name, &line, &size, &len);
		if (err != NULL || len == -1)
			break;
		lineno++;
		if (strspn(line, " \t\r\n") == (size_t)len)
			continue;	/* blank line */
		obj = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES,
		    &jerr);
		if (obj == NULL) {
			err = pl_error_fmt(PL_ERR_PARSE, "%s:%zu: %s",
			    raw->name, lineno, jerr.text);
			goto done;
		}
		err = json_row(raw, &rec, obj, ":", lineno);
		if (err != NULL)
			goto done;
		json_decref(obj);
		obj = NULL;
	}
done:
	json_decref(obj);
	free(line);
	rec_release(&rec);
	return err;
}

const struct pl_error *
pl_table_read(FILE *fp, const char *name, enum pl_format fmt,
    struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct raw raw;

	memset(&raw, 0, sizeof(raw));
	raw.name = name != NULL ? name : "-";
	switch (fmt) {
	case PL_FMT_TSV:
		err = read_tsv(fp, &raw);
		break;
	case PL_FMT_CSV:
		err = read_csv(fp, &raw);
		break;
	case PL_FMT_JSON:
		err = read_json(fp, &raw);
		break;
	case PL_FMT_JSONL:
		err = read_jsonl(fp, &raw);
		break;
	default:
		err = pl_error_fmt(PL_ERR_USAGE, "read: %s: bad format %d",
		    raw.name, (int)fmt);
		break;
	}
	if (err != NULL)
		goto done;
	err = raw_table(&raw, out);
done:
	raw_release(&raw);
	return err;
}
