/*
 * tablewrite.c - a table as TSV, CSV, JSON or JSON Lines (pl_table_write;
 * the conventions are listed at the top of table.c).
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
		table_real_shortest(buf, sizeof(buf), cell->v.d);
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

static void
wr_json_str(struct wr *w, const char *s)
{
	const unsigned char *p, *run, *end;
	size_t len;

	end = (const unsigned char *)s + strlen(s);
	wr_char(w, '"');
	for (run = p = (const unsigned char *)s; p < end; p += len) {
		if (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f) {
			len = utf8_seq((const char *)p, (size_t)(end - p));
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

	/* A setter failed (out of memory, say): write nothing. */
	if ((err = pl_table_status(t)) != NULL)
		return err;
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

